"""Contests: reps or teams competing on one leaderboard metric over a run of local days.

A contest runs from local midnight of its first day to local midnight after its last,
on the company's clock. It takes any leaderboard metric, so a metric added to core
(points) can be contested as soon as its board exists. Ranked by percent, each entrant
is measured against their own target for the contest's days (the value over their
quota for those days, prorated as quotas always are), so a new hire on a ramped quota
or a small territory can win; entrants with no target for those days are listed but
not ranked. Ranked by value, the metric's own value counts.

Adding a contest checks every part and reports every problem together; nothing is
stored unless all of it is right. A contest given a channel gets a subscription of
kind contest, through which the scheduler announces it, posts standings and names
the winners (bot.contest_posts).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum

from sqlmodel import Session, col, delete, select

from core import aggregates
from core.config import Settings
from core.leaderboard import leaderboard
from core.models import (
    Contest,
    ContestEntrant,
    ContestKind,
    ContestRanking,
    Subscription,
    SubscriptionKind,
)
from core.org import AmbiguousNameError, Org, UnknownNameError
from core.periods import FiscalCalendar, Period, PeriodKind
from core.quotas import QuotaBook
from core.ranking import competition_ranks
from core.results import (
    METRIC_UNITS,
    GroupBy,
    Leaderboard,
    LeaderboardRow,
    Metric,
    Scope,
    SubjectKind,
    Unit,
)
from core.scope import quota_day
from core.scorecards import ratio
from core.snapshot import Snapshot
from core.subscriptions import NewSubscription, SubscriptionError, add_subscription, check

logger = logging.getLogger(__name__)

# Metrics that add up over days and that a target can be set for, by the same name.
PERCENT_METRICS = frozenset({Metric.WON_REVENUE, Metric.DEALS_WON, Metric.ACTIVITIES})
PRIZE_LENGTH = 500


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with a contest: a code (its text is the catalogue's
    `contest.problem.CODE`) and the values the text names."""

    code: str
    values: tuple[tuple[str, str], ...] = ()

    @classmethod
    def of(cls, code: str, **values: object) -> Problem:
        return cls(code, tuple((key, str(value)) for key, value in values.items()))


class ContestError(ValueError):
    """A contest that cannot be added, with every problem found."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = tuple(problems)
        super().__init__("; ".join(problem.code for problem in problems))


class Phase(StrEnum):
    UPCOMING = "upcoming"
    RUNNING = "running"
    OVER = "over"


@dataclass(frozen=True, slots=True)
class Channel:
    """Where a contest's posts go, and the schedule of its standings."""

    platform: str
    workspace: str
    target: str
    cron: str
    timezone: str


@dataclass(frozen=True, slots=True)
class NewContest:
    """A contest as asked for, before it is checked: teams and reps by name or email."""

    name: str
    start: date
    end: date
    created_by: str
    metric: Metric = Metric.WON_REVENUE
    kind: ContestKind = ContestKind.INDIVIDUAL
    ranking: ContestRanking | None = None  # None: percent when the metric allows it
    prize: str = ""
    teams: tuple[str, ...] = ()
    reps: tuple[str, ...] = ()
    channel: Channel | None = None


@dataclass(frozen=True, slots=True)
class ContestInfo:
    """A stored contest, as its posts and replies tell it."""

    id: int
    name: str
    kind: ContestKind
    metric: Metric
    ranking: ContestRanking
    start: date
    end: date
    prize: str
    everyone: bool
    entrants: tuple[str, ...] = field(default=())  # names, when not everyone

    @property
    def window(self) -> Period:
        return Period(PeriodKind.CUSTOM, f"{self.start}..{self.end}", self.start, self.end)

    def phase(self, calendar: FiscalCalendar, instant: datetime) -> Phase:
        if instant < calendar.start_of_day(self.start):
            return Phase.UPCOMING
        if instant < calendar.end_of_day(self.end):
            return Phase.RUNNING
        return Phase.OVER


@dataclass(frozen=True, slots=True)
class Standings:
    """A contest's entrants ranked at `as_of`; under percent, the board's values are
    shares of each one's target (its metric is then attainment)."""

    contest: ContestInfo
    board: Leaderboard


def add_contest(session: Session, settings: Settings, new: NewContest, now: datetime) -> Contest:
    """Check and store `new`, and its channel's subscription; ContestError lists every
    problem. Commits once, with everything."""
    problems: list[Problem] = []
    name = " ".join(new.name.split())
    if not name:
        problems.append(Problem.of("no_name"))
    elif session.exec(select(Contest).where(Contest.name == name)).first() is not None:
        problems.append(Problem.of("name_taken", name=name))
    if new.end < new.start:
        problems.append(Problem.of("ends_before_start", start=new.start, end=new.end))
    ranking = new.ranking or (
        ContestRanking.PERCENT if new.metric in PERCENT_METRICS else ContestRanking.VALUE
    )
    if ranking is ContestRanking.PERCENT and new.metric not in PERCENT_METRICS:
        allowed = ", ".join(sorted(metric.value for metric in PERCENT_METRICS))
        problems.append(Problem.of("percent_not_for", metric=new.metric.value, allowed=allowed))
    privacy = settings.leaderboards.of(new.metric.value).privacy
    if privacy == "percent" and ranking is ContestRanking.VALUE and _is_money(new.metric):
        problems.append(Problem.of("money_hidden", metric=new.metric.value))
    if len(new.prize) > PRIZE_LENGTH:
        problems.append(Problem.of("prize_too_long", length=len(new.prize), most=PRIZE_LENGTH))

    org = Org.load(session)
    team_ids, rep_ids = _entrants(org, new, problems)
    if new.channel is not None:
        problems += _channel_problems(session, settings, new, now)
    if problems:
        raise ContestError(problems)

    contest = Contest(
        name=name, kind=new.kind, metric=new.metric, ranking=ranking,
        start_date=new.start, end_date=new.end, prize=new.prize.strip(),
        everyone=not (team_ids or rep_ids), created_by=new.created_by, created_at=now,
    )  # fmt: skip
    session.add(contest)
    session.flush()
    assert contest.id is not None
    for team_id in team_ids:
        session.add(ContestEntrant(contest_id=contest.id, team_id=team_id))
    for rep_id in rep_ids:
        session.add(ContestEntrant(contest_id=contest.id, rep_id=rep_id))
    if new.channel is not None:
        try:
            add_subscription(session, settings, _posts(new.channel, contest.id, new), now)
        except SubscriptionError as error:  # checked above; a race with another writer
            session.rollback()
            found = [Problem.of("channel", problem=problem) for problem in error.problems]
            raise ContestError(found) from None
    session.commit()
    logger.info("contest %s %r: %s to %s", contest.id, name, new.start, new.end)
    return contest


def _is_money(metric: Metric) -> bool:
    return METRIC_UNITS[metric] is Unit.MONEY


def _entrants(org: Org, new: NewContest, problems: list[Problem]) -> tuple[list[int], list[int]]:
    """The ids of the teams and reps named, each unknown name a problem of its own."""
    team_ids: list[int] = []
    rep_ids: list[int] = []
    for name in new.teams:
        try:
            team = org.find_team(name)
        except (UnknownNameError, AmbiguousNameError):
            problems.append(Problem.of("unknown_team", value=name))
            continue
        if new.kind is ContestKind.TEAM and org.child_teams(team.id):
            problems.append(Problem.of("parent_team", team=team.name))
        team_ids.append(team.id)
    for name in new.reps:
        if new.kind is ContestKind.TEAM:
            problems.append(Problem.of("team_not_rep", value=name))
            continue
        try:
            rep_ids.append(org.find_rep(name).id)
        except UnknownNameError:
            problems.append(Problem.of("unknown_rep", value=name))
        except AmbiguousNameError:
            problems.append(Problem.of("ambiguous_rep", value=name))
    return sorted(set(team_ids)), sorted(set(rep_ids))


def _posts(channel: Channel, contest_id: int, new: NewContest) -> NewSubscription:
    return NewSubscription(
        platform=channel.platform, workspace=channel.workspace, target=channel.target,
        kind=SubscriptionKind.CONTEST.value, cron=channel.cron, timezone=channel.timezone,
        created_by=new.created_by, metric=new.metric.value, contest_id=contest_id,
    )  # fmt: skip


def _channel_problems(
    session: Session, settings: Settings, new: NewContest, now: datetime
) -> list[Problem]:
    """The problems of the channel's schedule, in the words of core.subscriptions."""
    assert new.channel is not None
    problems, _ = check(session, settings, _posts(new.channel, 0, new), now)
    return [Problem.of("channel", problem=problem) for problem in problems]


def contests(session: Session) -> list[ContestInfo]:
    """Every contest, the latest start first."""
    query = select(Contest).order_by(col(Contest.start_date).desc(), col(Contest.id))
    found = list(session.exec(query))
    if not found:
        return []
    org = Org.load(session)
    entrants: dict[int, list[str]] = {}
    ids = [contest.id for contest in found]
    for entrant in session.exec(
        select(ContestEntrant).where(col(ContestEntrant.contest_id).in_(ids))
    ):
        name = (
            org.teams[entrant.team_id].name
            if entrant.team_id is not None
            else org.reps[entrant.rep_id or 0].name
        )
        entrants.setdefault(entrant.contest_id, []).append(name)
    return [_info(contest, tuple(sorted(entrants.get(contest.id or 0, [])))) for contest in found]


def find_contest(session: Session, contest_id: int) -> ContestInfo | None:
    return next((info for info in contests(session) if info.id == contest_id), None)


def _info(contest: Contest, entrants: tuple[str, ...]) -> ContestInfo:
    assert contest.id is not None
    return ContestInfo(
        contest.id, contest.name, ContestKind(contest.kind), Metric(contest.metric),
        ContestRanking(contest.ranking), contest.start_date, contest.end_date, contest.prize,
        contest.everyone, entrants,
    )  # fmt: skip


def remove_contest(session: Session, contest_id: int) -> Contest | None:
    """Remove a contest with its entrants and its posts; None when there is none. Commits."""
    contest = session.get(Contest, contest_id)
    if contest is None:
        return None
    session.execute(delete(Subscription).where(col(Subscription.contest_id) == contest_id))
    session.execute(delete(ContestEntrant).where(col(ContestEntrant.contest_id) == contest_id))
    session.delete(contest)
    session.commit()
    logger.info("contest %s removed", contest_id)
    return contest


def standings(
    session: Session, settings: Settings, contest: ContestInfo, as_of: datetime
) -> Standings:
    """The entrants ranked at `as_of` (the whole contest once it is over)."""
    by = GroupBy.TEAM if contest.kind is ContestKind.TEAM else GroupBy.REP
    board = leaderboard(session, settings, contest.window, as_of, metric=contest.metric, by=by)
    taking_part = _taking_part(session, contest)
    rows = [row for row in board.rows if taking_part(row)]

    if contest.ranking is ContestRanking.PERCENT:
        targets = _targets(session, settings, contest, as_of, by)
        rows = [
            replace(row, value=ratio(row.value, targets.get(row.subject.id or 0)))
            if row.value is not None
            else row
            for row in rows
        ]
        board = replace(board, metric=Metric.ATTAINMENT)

    ranked = competition_ranks(rows, lambda row: row.value, lambda row: row.subject.name)
    # Movement is the whole board's; among the entrants alone it is not told.
    final = tuple(replace(row, rank=rank, movement=None) for rank, row in ranked)
    return Standings(contest, replace(board, rows=final))


def _taking_part(session: Session, contest: ContestInfo) -> Callable[[LeaderboardRow], bool]:
    if contest.everyone:
        return lambda row: True
    org = Org.load(session)
    entrants = list(
        session.exec(select(ContestEntrant).where(ContestEntrant.contest_id == contest.id))
    )
    teams = {entrant.team_id for entrant in entrants if entrant.team_id is not None}
    if contest.kind is ContestKind.TEAM:
        return lambda row: row.subject.id in teams
    reps = {entrant.rep_id for entrant in entrants if entrant.rep_id is not None}
    within: set[int] = set()
    for team in teams:
        within |= org.subtree(team)
    for rep in org.reps.values():
        if rep.team_id in within:
            reps.add(rep.id)
    return lambda row: row.subject.id in reps


def _targets(
    session: Session, settings: Settings, contest: ContestInfo, as_of: datetime, by: GroupBy
) -> dict[int, Decimal]:
    """Each entrant's own target for the contest's days, by rep or team id."""
    window = contest.window
    if contest.metric is Metric.WON_REVENUE:
        # Won revenue's quotas are read as every board reads them, ramps and all.
        snapshot = Snapshot.load(
            session, settings, window, as_of, within=Scope.company(), by=by, closed=False
        )
        kind = SubjectKind.TEAM if by is GroupBy.TEAM else SubjectKind.REP
        ids = snapshot.org.teams if by is GroupBy.TEAM else snapshot.org.reps
        found = {key: snapshot.quota_for(Scope(kind, key)) for key in ids}
        return {key: quota for key, quota in found.items() if quota is not None}
    calendar = FiscalCalendar(settings.calendar)
    book = QuotaBook.load(session, calendar, window, contest.metric.value, ramp=settings.ramp)
    if by is GroupBy.REP:
        return dict(book.by_rep)
    org = Org.load(session)
    day = quota_day(window.end, calendar.local_date(as_of), window.start)
    members = aggregates.members_on(session, day)
    team_targets = {team: book.team(org, team, members) for team in org.teams}
    return {team: quota for team, quota in team_targets.items() if quota is not None}


def running(session: Session, settings: Settings, now: datetime) -> list[ContestInfo]:
    """The contests running at `now`, then those to come, soonest first."""
    calendar = FiscalCalendar(settings.calendar)
    found = contests(session)
    live = [info for info in found if info.phase(calendar, now) is Phase.RUNNING]
    coming = [info for info in found if info.phase(calendar, now) is Phase.UPCOMING]
    return live + sorted(coming, key=lambda info: info.start)
