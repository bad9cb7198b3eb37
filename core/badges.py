"""Badges: milestones read from a rep's deals, activities and quotas, each awarded once.

- first_win: the first won deal; once.
- hat_trick: three wins closed Monday to Friday of one week; once per ISO week.
- big_deal: a won deal of at least `[badges] big_deal`; once.
- quota_100, quota_150: won revenue inside a quota's days reaching 100% (150%) of its
  target; once per quota period.
- win_streak, activity_streak: N business days in a row with a win (with logged
  activity), see core.streaks; once per length N of `streak_days`.
- onboarding_meeting, onboarding_pipeline, onboarding_win: the first meeting, deal
  created and win, when within `onboarding_days` of the hire date; once.

A badge is one ledger entry of kind "badge" whose code is the badge and its period
("hat_trick:2026-W48", "quota_100:2026-Q4", "win_streak:5"), caused by what earned it,
on the day it was earned, carrying the points `[badges] points` gives it. Settling
compares the badges in force with those the records earn now: a new one is written; one
whose records no longer earn it (the deals that made it were reopened or lost) is
reversed; one still earned stays as it was.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal

from sqlalchemy import select
from sqlmodel import Session, SQLModel

from core.config import Settings
from core.ledger import BADGE, Award, in_force, reverse, write
from core.models import DealStatus
from core.periods import FiscalCalendar
from core.streaks import streaks_reached

deal = SQLModel.metadata.tables["deal"]
activity = SQLModel.metadata.tables["activity"]
rep = SQLModel.metadata.tables["rep"]
quota = SQLModel.metadata.tables["quota"]

HAT_TRICK = 3
CRUSHED = {"quota_100": Decimal(1), "quota_150": Decimal("1.5")}


@dataclass
class _Record:
    """What one rep's badges are read from."""

    hired: date | None = None
    wins: list[tuple[date, int, Decimal | None]] = field(default_factory=list)  # by close
    active_days: set[date] = field(default_factory=set)
    first_meeting: tuple[date, str] | None = None  # (day, cause)
    first_deal: tuple[date, str] | None = None
    quotas: list[tuple[str, date, date, Decimal]] = field(default_factory=list)


def badge_base(code: str) -> str:
    """ "hat_trick:2026-W48" -> "hat_trick"."""
    return code.split(":", 1)[0]


def due_badges(
    session: Session, settings: Settings, reps: Collection[int], today: date
) -> list[Award]:
    """The badges these reps' records earn, up to `today`."""
    calendar = FiscalCalendar(settings.calendar)
    found: list[Award] = []
    for rep_id, record in _records(session, settings, reps).items():
        for code, cause, day in _earned(record, settings, calendar, today):
            points = settings.badges.points.get(badge_base(code), 0)
            found.append(Award(rep_id, code, cause, Decimal(points), day))
    return found


def settle_badges(
    session: Session, settings: Settings, reps: Collection[int], at: datetime
) -> list[Award]:
    """Award the badges now earned and reverse those no longer earned; the new ones."""
    today = FiscalCalendar(settings.calendar).local_date(at)
    due = {
        (award.rep_id, award.code): award for award in due_badges(session, settings, reps, today)
    }
    standing = {(entry.rep_id, entry.code): entry for entry in in_force(session, BADGE, reps)}
    lost = [entry for key, entry in standing.items() if key not in due]
    new = [award for key, award in due.items() if key not in standing]
    reverse(session, BADGE, lost, at)
    write(session, BADGE, new, at)
    return new


def _earned(
    record: _Record, settings: Settings, calendar: FiscalCalendar, today: date
) -> list[tuple[str, str, date]]:
    rules = settings.badges
    earned: list[tuple[str, str, date]] = []
    wins = record.wins
    if wins:
        close, deal_id, _ = wins[0]
        earned.append(("first_win", f"deal:{deal_id}", close))

    # Three wins closed on weekdays of one ISO week; the third one earns it.
    by_week: dict[str, list[tuple[date, int]]] = defaultdict(list)
    for close, deal_id, _ in wins:
        if close.weekday() < 5:
            iso = close.isocalendar()
            by_week[f"{iso.year}-W{iso.week:02d}"].append((close, deal_id))
    for label, closed in by_week.items():
        if len(closed) >= HAT_TRICK:
            close, deal_id = closed[HAT_TRICK - 1]
            earned.append((f"hat_trick:{label}", f"deal:{deal_id}", close))

    if rules.big_deal is not None:
        big = [
            (close, deal_id) for close, deal_id, amount in wins if (amount or 0) >= rules.big_deal
        ]
        if big:
            earned.append(("big_deal", f"deal:{big[0][1]}", big[0][0]))

    for label, start, end, target in record.quotas:
        earned += _crushed(label, start, end, target, wins)

    kinds = (
        ("win_streak", {close for close, _, _ in wins}),
        ("activity_streak", record.active_days),
    )
    for code, days in kinds:
        reached = streaks_reached(
            days,
            rules.streak_days,
            freeze_days=rules.freeze_days,
            calendar=calendar,
            through=today,
        )
        for length, day in reached.items():
            earned.append((f"{code}:{length}", f"streak:{day.isoformat()}", day))

    if record.hired is not None:
        window_end = record.hired + timedelta(days=rules.onboarding_days)
        firsts = (
            ("onboarding_meeting", record.first_meeting),
            ("onboarding_pipeline", record.first_deal),
            ("onboarding_win", (wins[0][0], f"deal:{wins[0][1]}") if wins else None),
        )
        for code, first in firsts:
            if first is not None and record.hired <= first[0] <= window_end:
                earned.append((code, first[1], first[0]))
    return earned


def _crushed(
    label: str,
    start: date,
    end: date,
    target: Decimal,
    wins: list[tuple[date, int, Decimal | None]],
) -> list[tuple[str, str, date]]:
    """The quota badges of one quota: the win that took revenue to 100% (150%) of it."""
    earned = []
    total = Decimal(0)
    left = dict(CRUSHED)
    for close, deal_id, amount in wins:
        if not start <= close <= end or amount is None:
            continue
        total += amount
        for code, share in list(left.items()):
            if total >= target * share:
                earned.append((f"{code}:{label}", f"deal:{deal_id}", close))
                del left[code]
    return earned


def _records(session: Session, settings: Settings, reps: Collection[int]) -> dict[int, _Record]:
    """Each rep's records, in five set-based queries for all of them."""
    ids = sorted(reps)
    records = {rep_id: _Record() for rep_id in ids}
    if not ids:
        return records
    for rep_id, hired in session.execute(
        select(rep.c.id, rep.c.hire_date).where(rep.c.id.in_(ids))
    ):
        records[rep_id].hired = hired

    won = (
        select(deal.c.owner_id, deal.c.close_date, deal.c.id, deal.c.amount)
        .where(deal.c.owner_id.in_(ids), deal.c.status == DealStatus.WON)
        .order_by(deal.c.close_date, deal.c.id)
    )
    for owner, close, deal_id, amount in session.execute(won):
        if close is not None:
            records[owner].wins.append((close, deal_id, amount))

    created = (
        select(deal.c.owner_id, deal.c.created_date, deal.c.id)
        .where(deal.c.owner_id.in_(ids), deal.c.created_date.is_not(None))
        .order_by(deal.c.created_date, deal.c.id)
    )
    for owner, day, deal_id in session.execute(created):
        if records[owner].first_deal is None:
            records[owner].first_deal = (day, f"deal:{deal_id}")

    meetings = set(settings.badges.meeting_kinds)
    logged = (
        select(activity.c.rep_id, activity.c.kind, activity.c.occurred_on, activity.c.id)
        .where(activity.c.rep_id.in_(ids), activity.c.count > 0)
        .order_by(activity.c.occurred_on, activity.c.id)
    )
    for rep_id, kind, day, activity_id in session.execute(logged):
        record = records[rep_id]
        record.active_days.add(day)
        if kind in meetings and record.first_meeting is None:
            record.first_meeting = (day, f"activity:{activity_id}")

    targets = select(
        quota.c.rep_id, quota.c.period_label, quota.c.start_date, quota.c.end_date, quota.c.target
    ).where(quota.c.rep_id.in_(ids), quota.c.metric == "won_revenue", quota.c.target > 0)
    for rep_id, label, start, end, target in session.execute(targets):
        records[rep_id].quotas.append((label, start, end, target))
    return records
