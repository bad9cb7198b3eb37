"""The performance report of a team or the company for one period.

A report puts together what a manager reads at the end of a week or a quarter:
attainment by rep and by team, the successes (who hit target, the biggest wins, who
improved most on the previous period, the best win rate), the failures (who missed
and by how much, the deals lost and the stage they were lost from, the deals that
slipped), the forecast against what was won, and the trend against the previous
period of the same kind. Every figure is a scorecard's, so it means what it means
everywhere else (DESIGN.md's metric table); the lists of deals are core.report_deals'.

Comparing with the previous period: a period that is over is compared with the whole
previous one. A period still running is compared with the previous one to the same
point (as many days in, at the same time of day), so that the middle of a quarter is
not held against the whole of the last one.

Forecast against actual: Quotabot stores each open deal's forecast category and
probability as the CRM last sent them, and no history of them, so the forecast is
the one of the as-of moment (core.pipeline.forecast): closed plus commit, plus best
case, and the weighted projection, against won revenue and quota. Once the period is
over its open deals are the slipped ones, and the forecast is what they would add.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from sqlmodel import Session

from core.config import Settings
from core.org import Org
from core.periods import FiscalCalendar, Period, comparable_as_of
from core.pipeline import forecast as build_forecast
from core.report_deals import DealLists, ReportDeal, StageLosses, deal_lists
from core.results import Forecast, GroupBy, Scope, Scorecard, Subject, SubjectKind
from core.scorecards import scorecard, scorecards

LISTED = 5  # wins, improvers and the like named in a report
# A win rate is only "best" with enough deals closed to mean something.
MIN_CLOSED_FOR_WIN_RATE = 3


@dataclass(frozen=True, slots=True)
class RepResult:
    """A rep's scorecard in the period, and in the previous one to the same point."""

    card: Scorecard
    previous: Scorecard | None

    @property
    def hit_target(self) -> bool:
        return self.card.attainment is not None and self.card.attainment >= 1

    @property
    def shortfall(self) -> Decimal | None:
        """What is missing to the quota: quota - won revenue; None without a quota or
        once it is reached."""
        card = self.card
        if card.quota is None or card.attainment is None or card.attainment >= 1:
            return None
        return card.quota - card.won_revenue

    @property
    def attainment_change(self) -> Decimal | None:
        """Attainment now less attainment then (0.15 is 15 points up)."""
        if self.previous is None or self.previous.attainment is None:
            return None
        if self.card.attainment is None:
            return None
        return self.card.attainment - self.previous.attainment

    @property
    def closed(self) -> int:
        return self.card.deals_won + self.card.deals_lost


@dataclass(frozen=True, slots=True)
class Trend:
    """The scope's figures now and in the previous period of the same kind."""

    current: Scorecard
    previous: Scorecard
    previous_as_of: datetime

    @property
    def won_change(self) -> Decimal:
        return self.current.won_revenue - self.previous.won_revenue

    @property
    def attainment_change(self) -> Decimal | None:
        now, then = self.current.attainment, self.previous.attainment
        return None if now is None or then is None else now - then

    @property
    def deals_won_change(self) -> int:
        return self.current.deals_won - self.previous.deals_won

    @property
    def win_rate_change(self) -> Decimal | None:
        now, then = self.current.win_rate, self.previous.win_rate
        return None if now is None or then is None else now - then


@dataclass(frozen=True, slots=True)
class Report:
    subject: Subject
    period: Period
    previous_period: Period
    as_of: datetime
    through: date  # the last day whose results count: the as-of day or the period's end
    finished: bool  # the period was over at the as-of moment
    total: Scorecard
    trend: Trend
    reps: tuple[RepResult, ...]  # everyone on the scope's board, in name order
    teams: tuple[Scorecard, ...]  # the leaf teams within the scope, in name order
    hit_target: tuple[RepResult, ...]  # attainment of 100% or more, the highest first
    missed: tuple[RepResult, ...]  # a quota not reached, the largest shortfall first
    most_improved: tuple[RepResult, ...]  # attainment up on the previous period, most first
    best_win_rate: tuple[RepResult, ...]  # the highest win rate, all who share it
    wins: tuple[ReportDeal, ...]  # the biggest deals won, the largest first
    lost: tuple[ReportDeal, ...]  # every deal lost, the largest first
    losses_by_stage: tuple[StageLosses, ...]
    slipped: tuple[ReportDeal, ...]  # every slipped deal, the largest first
    forecast: Forecast

    @property
    def lost_amount(self) -> Decimal:
        return sum((s.amount for s in self.losses_by_stage), Decimal("0.00"))

    @property
    def slipped_amount(self) -> Decimal:
        return sum((d.amount or Decimal(0) for d in self.slipped), Decimal("0.00"))


def build_report(
    session: Session, settings: Settings, scope: Scope, period: Period, as_of: datetime
) -> Report:
    """The report of a team (and the teams below it), the company, or a manager's people
    (who have no teams of their own in it) for `period`."""
    calendar = FiscalCalendar(settings.calendar)
    previous = calendar.previous(period)
    then = comparable_as_of(calendar, period, previous, as_of)
    total = scorecard(session, settings, scope, period, as_of)
    trend = Trend(total, scorecard(session, settings, scope, previous, then), then)

    # One snapshot per period for every rep at once; reps are matched by id.
    cards = scorecards(session, settings, GroupBy.REP, period, as_of, scope)
    before = {
        card.subject.id: card
        for card in scorecards(session, settings, GroupBy.REP, previous, then, scope)
    }
    reps = tuple(RepResult(card, before.get(card.subject.id)) for card in cards)
    teams: tuple[Scorecard, ...] = ()
    if scope.kind in (SubjectKind.TEAM, SubjectKind.COMPANY):
        teams = tuple(scorecards(session, settings, GroupBy.TEAM, period, as_of, scope))

    # Deals count up to the as-of day, as the scorecards count them.
    today = calendar.local_date(as_of)
    through = min(period.end, today)
    lists: DealLists = deal_lists(
        session, Org.load(session), settings.stages, scope, period.start, through, today,
        wins=LISTED,
    )  # fmt: skip

    return Report(
        subject=total.subject,
        period=period,
        previous_period=previous,
        as_of=as_of,
        through=through,
        finished=today > period.end,
        total=total,
        trend=trend,
        reps=reps,
        teams=teams,
        hit_target=_hit_target(reps),
        missed=_missed(reps),
        most_improved=_most_improved(reps),
        best_win_rate=_best_win_rate(reps),
        wins=lists.won,
        lost=lists.lost,
        losses_by_stage=lists.losses_by_stage,
        slipped=lists.slipped,
        forecast=build_forecast(session, settings, scope, period, as_of),
    )


def _name(result: RepResult) -> str:
    return result.card.subject.name.casefold()


def _hit_target(reps: tuple[RepResult, ...]) -> tuple[RepResult, ...]:
    hit = [rep for rep in reps if rep.hit_target]
    return tuple(sorted(hit, key=lambda rep: (-(rep.card.attainment or 0), _name(rep))))


def _missed(reps: tuple[RepResult, ...]) -> tuple[RepResult, ...]:
    short = [rep for rep in reps if rep.shortfall is not None]
    return tuple(sorted(short, key=lambda rep: (-(rep.shortfall or 0), _name(rep))))


def _most_improved(reps: tuple[RepResult, ...]) -> tuple[RepResult, ...]:
    up = [rep for rep in reps if (rep.attainment_change or 0) > 0]
    ordered = sorted(up, key=lambda rep: (-(rep.attainment_change or 0), _name(rep)))
    return tuple(ordered[:LISTED])


def _best_win_rate(reps: tuple[RepResult, ...]) -> tuple[RepResult, ...]:
    counted = [
        rep
        for rep in reps
        if rep.closed >= MIN_CLOSED_FOR_WIN_RATE and rep.card.win_rate is not None
    ]
    if not counted:
        return ()
    best = max(rep.card.win_rate or 0 for rep in counted)
    return tuple(sorted((r for r in counted if r.card.win_rate == best), key=_name))
