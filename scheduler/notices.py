"""What each housekeeping job says, and to whom: at-risk alerts and nudge digests.

A `Notices` kind answers two questions. At the job's fire time, `recipients`: who, among
the people on the job's clock, is to hear something today. At sending time, `build`: the
message for one of them, worked out again from the figures as they are then (None when
there is nothing to say any more), with what it said, to be stored once it is sent.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Protocol

from sqlmodel import Session

from bot.catalogue import Texts
from bot.notices import AlertNews, alert, nudge
from bot.reply import Reply
from core.config import Settings
from core.models import Rep
from core.notices import (
    AlertScan,
    NoticeKind,
    alert_kind,
    as_said,
    at_risk_map,
    changed,
    needs_nudge,
    notices,
    nudge_cards,
    period_of,
    quiet_reps,
    said_of,
    timezones,
)
from core.pipeline import pipeline_health
from core.reach import direct_targets
from core.results import Scope, SubjectKind
from core.scorecards import scorecard


@dataclass(frozen=True, slots=True)
class Built:
    reply: Reply
    said: str | None = None


class Notices(Protocol):
    kind: NoticeKind

    def recipients(self, session: Session, zone: str, day: date, as_of: datetime) -> list[int]:
        """Who on the clock of `zone` is to hear something on `day`."""
        ...

    def build(
        self, session: Session, rep_id: int, zone: str, day: date, now: datetime
    ) -> Built | None:
        """The message to `rep_id`, or None when there is nothing to say any more."""
        ...


def _on_clock(
    session: Session, settings: Settings, zone: str, rep_ids: Sequence[int]
) -> list[int]:
    """Those of the people whose clock is `zone` and whom Quotabot can write to."""
    zones = timezones(session, settings)
    here = [rep for rep in rep_ids if zones.get(rep) == zone]
    reachable = direct_targets(session, here)
    return [rep for rep in here if rep in reachable]


def _texts(session: Session, settings: Settings, rep_id: int) -> Texts:
    rep = session.get(Rep, rep_id)
    return Texts((rep.locale if rep else None) or settings.locale, settings.currency)


@dataclass
class Alerts:
    """At-risk alerts to managers: on a change, and the weekly summary."""

    settings: Settings
    kind: NoticeKind = NoticeKind.ALERT
    _scans: dict[datetime, AlertScan] = field(default_factory=dict)

    def recipients(self, session: Session, zone: str, day: date, as_of: datetime) -> list[int]:
        scan = self._scan(session, as_of)
        managers = _on_clock(session, self.settings, zone, scan.managers())
        told = notices(session, self.kind, managers)
        wanted = []
        for manager in managers:
            last = told.get(manager)
            if last is not None and last.day == day:
                continue  # told today already
            current = at_risk_map(scan.of_manager(manager))
            if alert_kind(said_of(last), current, day, self.settings.alerts.summary_day):
                wanted.append(manager)
        return wanted

    def build(
        self, session: Session, rep_id: int, zone: str, day: date, now: datetime
    ) -> Built | None:
        scan = self._scan(session, now)
        cards = scan.of_manager(rep_id)
        current = at_risk_map(cards)
        before = said_of(notices(session, self.kind, [rep_id]).get(rep_id))
        kind = alert_kind(before, current, day, self.settings.alerts.summary_day)
        if kind is None:
            return None
        new = changed(before, current)
        news = AlertNews(
            new=frozenset(rep for rep in new if rep not in before),
            other_reasons=frozenset(rep for rep in new if rep in before),
            recovered=tuple(
                sorted(
                    scan.org.reps[rep].name
                    for rep in before
                    if rep not in current and rep in scan.org.reps
                )
            ),
        )
        texts = _texts(session, self.settings, rep_id)
        reply = alert(session, texts, kind, cards, news, period_of(self.settings, now), zone)
        return Built(reply, as_said(current))

    def _scan(self, session: Session, as_of: datetime) -> AlertScan:
        # One scan of the company serves every manager of a run.
        if as_of not in self._scans:
            self._scans.clear()
            self._scans[as_of] = AlertScan.load(session, self.settings, as_of)
        return self._scans[as_of]


@dataclass
class Nudges:
    """The daily nudge digest to reps behind pace or with stale deals."""

    settings: Settings
    kind: NoticeKind = NoticeKind.NUDGE

    def recipients(self, session: Session, zone: str, day: date, as_of: datetime) -> list[int]:
        quiet = quiet_reps(session, as_of)
        wanted = [
            card.subject.id
            for card in nudge_cards(session, self.settings, as_of)
            if card.subject.id is not None and card.subject.id not in quiet
        ]
        reps = _on_clock(session, self.settings, zone, wanted)
        told = notices(session, self.kind, reps)
        return [rep for rep in reps if rep not in told or told[rep].day != day]

    def build(
        self, session: Session, rep_id: int, zone: str, day: date, now: datetime
    ) -> Built | None:
        if rep_id in quiet_reps(session, now):
            return None  # muted or snoozed since the run was planned
        period = period_of(self.settings, now)
        scope = Scope(SubjectKind.REP, rep_id)
        card = scorecard(session, self.settings, scope, period, now)
        if not needs_nudge(card):
            return None
        health = pipeline_health(session, self.settings, scope, period, now)
        stale = [*health.past_due, *health.stale]
        texts = _texts(session, self.settings, rep_id)
        days = self.settings.nudges.snooze_days
        return Built(nudge(session, texts, card, stale, card.stale_deals, zone, days))


def notices_of(kind: str, settings: Settings) -> Notices:
    return Alerts(settings) if kind == "alerts" else Nudges(settings)
