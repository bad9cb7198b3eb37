"""Personal notices: who is told what directly, and what they were last told.

Two kinds. An at-risk alert goes to a manager about the reps below them (directly or
not) who are at risk this quarter, with the reasons; it goes when something changed
since the last one (a rep newly at risk, or with other reasons), and as a summary once
a week otherwise. A nudge goes to a rep who is behind pace or has stale deals, at most
once a day, unless they muted or snoozed nudges.

The latest notice of each kind to each person is a `Notice` row: the person's local
day it went on, the delivery that holds that day (so that only one delivery a day can
send it, retries included) and, for an alert, what it said.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import or_, update
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from core.config import WEEKDAYS, Settings
from core.models import Notice, NudgeSetting, Rep
from core.org import Org
from core.periods import FiscalCalendar, Period
from core.results import GroupBy, Scorecard
from core.schedules import ScheduleError, check_timezone
from core.scorecards import at_risk, scorecards

logger = logging.getLogger(__name__)

PERIOD = "this-quarter"  # what alerts and nudges are about

# Each rep at risk, with the values of their risk reasons in order.
AtRisk = dict[int, tuple[str, ...]]


class NoticeKind(StrEnum):
    ALERT = "alert"
    NUDGE = "nudge"


class AlertKind(StrEnum):
    CHANGE = "change"  # someone is newly at risk, or for other reasons
    SUMMARY = "summary"  # nothing changed: the weekly summary


def period_of(settings: Settings, as_of: datetime) -> Period:
    return FiscalCalendar(settings.calendar).parse(PERIOD, as_of)


def person_timezone(timezone: str | None, settings: Settings) -> str:
    """A person's own time zone when it is recorded and known, else the company's."""
    if timezone:
        try:
            check_timezone(timezone)
        except ScheduleError:
            logger.warning("unknown time zone %r recorded for a rep", timezone)
        else:
            return timezone
    return settings.calendar.timezone


def timezones(session: Session, settings: Settings) -> dict[int, str]:
    """Every active person's time zone, by rep id."""
    rows = session.exec(select(Rep.id, Rep.timezone).where(col(Rep.active).is_(True)))
    return {rep_id: person_timezone(zone, settings) for rep_id, zone in rows if rep_id}


# -- alerts ------------------------------------------------------------------------


@dataclass(frozen=True)
class AlertScan:
    """The reps at risk this quarter, and whose manager each is, at one instant."""

    cards: tuple[Scorecard, ...]  # the furthest behind first
    org: Org

    @classmethod
    def load(cls, session: Session, settings: Settings, as_of: datetime) -> AlertScan:
        org = Org.load(session)
        cards = at_risk(session, settings, period_of(settings, as_of), as_of)
        return cls(tuple(card for card in cards if card.subject.id in org.active_reps), org)

    def of_manager(self, manager_id: int) -> list[Scorecard]:
        """The manager's reports at risk, directly or not."""
        below = self.org.reports(manager_id)
        return [card for card in self.cards if card.subject.id in below]

    def managers(self) -> list[int]:
        """Active managers with at least one report at risk."""
        return [
            manager.id
            for manager in self.org.managers()
            if manager.active and self.of_manager(manager.id)
        ]


def at_risk_map(cards: Iterable[Scorecard]) -> AtRisk:
    return {
        card.subject.id: tuple(reason.value for reason in card.risk_reasons)
        for card in cards
        if card.subject.id is not None
    }


def said_of(notice: Notice | None) -> AtRisk:
    """What an alert said last: each rep it named, with their reasons."""
    if notice is None or not notice.said:
        return {}
    return {int(rep): tuple(reasons) for rep, reasons in json.loads(notice.said).items()}


def as_said(current: AtRisk) -> str:
    return json.dumps({str(rep): list(reasons) for rep, reasons in sorted(current.items())})


def changed(before: Mapping[int, tuple[str, ...]], now: AtRisk) -> frozenset[int]:
    """The reps at risk now who were not before, or for other reasons."""
    return frozenset(rep for rep, reasons in now.items() if before.get(rep) != reasons)


def alert_kind(
    before: Mapping[int, tuple[str, ...]], now: AtRisk, day: date, summary_day: str
) -> AlertKind | None:
    """What a manager is to be sent on `day` (their local day), if anything."""
    if not now:
        return None
    if changed(before, now):
        return AlertKind.CHANGE
    if day.weekday() < len(WEEKDAYS) and WEEKDAYS[day.weekday()] == summary_day:
        return AlertKind.SUMMARY
    return None


# -- what was sent -------------------------------------------------------------------


def notices(session: Session, kind: NoticeKind, rep_ids: Iterable[int]) -> dict[int, Notice]:
    wanted = list(rep_ids)
    if not wanted:
        return {}
    query = select(Notice).where(Notice.kind == kind.value, col(Notice.rep_id).in_(wanted))
    return {notice.rep_id: notice for notice in session.exec(query)}


def take_day(session: Session, kind: NoticeKind, rep_id: int, day: date, delivery_id: int) -> bool:
    """Whether `delivery_id` may send the person's notice of `day`: no other delivery has
    that day (a retry of the same delivery may). Commits."""
    if session.get(Notice, {"kind": kind.value, "rep_id": rep_id}) is None:
        try:
            session.add(Notice(kind=kind.value, rep_id=rep_id))
            session.commit()
        except IntegrityError:  # made meanwhile by another process
            session.rollback()
    statement = (
        update(Notice)
        .where(
            col(Notice.kind) == kind.value,
            col(Notice.rep_id) == rep_id,
            or_(
                col(Notice.day).is_(None),
                col(Notice.day) < day,
                col(Notice.delivery_id) == delivery_id,
            ),
        )
        .values(day=day, delivery_id=delivery_id)
    )
    taken = session.execute(statement).rowcount == 1  # type: ignore[attr-defined]
    session.commit()
    return bool(taken)


def record_sent(
    session: Session, kind: NoticeKind, rep_id: int, said: str | None, now: datetime
) -> None:
    """Note what was sent; the caller commits it with the delivery marked sent."""
    session.execute(
        update(Notice)
        .where(col(Notice.kind) == kind.value, col(Notice.rep_id) == rep_id)
        .values(said=said, sent_at=now)
    )


# -- nudges --------------------------------------------------------------------------


def needs_nudge(card: Scorecard) -> bool:
    """Behind pace with business days left to catch up, or with stale deals."""
    behind = card.pace_gap is not None and card.pace_gap < 0
    return (behind and card.remaining_business_days > 0) or card.stale_deals > 0


def nudge_cards(session: Session, settings: Settings, as_of: datetime) -> list[Scorecard]:
    """The active reps who are to be nudged, as far as their figures go."""
    org = Org.load(session)
    cards = scorecards(session, settings, GroupBy.REP, period_of(settings, as_of), as_of)
    return [card for card in cards if card.subject.id in org.active_reps and needs_nudge(card)]


def nudge_setting(session: Session, rep_id: int) -> NudgeSetting | None:
    return session.get(NudgeSetting, rep_id)


def set_nudges(
    session: Session,
    rep_id: int,
    now: datetime,
    *,
    muted: bool | None = None,
    snoozed_until: datetime | None = None,
    wake: bool = False,
) -> NudgeSetting:
    """Mute or unmute a rep's nudges, snooze them until an instant, or end a snooze
    (`wake`). Commits."""
    setting = session.get(NudgeSetting, rep_id) or NudgeSetting(rep_id=rep_id, updated_at=now)
    if muted is not None:
        setting.muted = muted
    if snoozed_until is not None:
        setting.snoozed_until = snoozed_until
    if wake:
        setting.snoozed_until = None
    setting.updated_at = now
    session.add(setting)
    session.commit()
    until = setting.snoozed_until
    logger.info("rep %s: nudges muted %s, snoozed until %s", rep_id, setting.muted, until)
    return setting


def quiet_reps(session: Session, now: datetime) -> set[int]:
    """Reps who muted their nudges, or snoozed them past `now`."""
    rows = session.exec(select(NudgeSetting))
    return {
        row.rep_id
        for row in rows
        if row.muted or (row.snoozed_until is not None and row.snoozed_until > now)
    }
