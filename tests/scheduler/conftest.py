"""The test company with subscriptions, a sender that records, and runners over them."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import Engine, update
from sqlmodel import Session

from bot.reply import Reply
from core.models import Deal, Subscription
from core.subscriptions import Target, subscriptions
from scheduler.delivery import Sender
from scheduler.jobs import Job, jobs_of
from scheduler.runner import Runner
from tests.bot.company import SETTINGS, People, build
from tests.builders import at

WORKSPACE = "T0TEST"
ROME = ZoneInfo("Europe/Rome")
# Tuesday 1 December 2026, nine in the morning in Rome: the weekday post is due.
NINE_IN_ROME = datetime(2026, 12, 1, 9, tzinfo=ROME)
IMPORTED = at(2026, 11, 30, 17)  # 18:00 in Rome: when the CRM data was last imported


class Crash(BaseException):
    """The process dies: nothing of ours catches it, as nothing catches a SIGKILL."""


@dataclass
class RecordingSender:
    """A platform that records what is posted to it; it can fail or crash on a target."""

    posted: list[tuple[str, Reply]] = field(default_factory=list)
    failing: set[str] = field(default_factory=set)
    crashing: set[str] = field(default_factory=set)

    async def send(self, target: Target, reply: Reply) -> None:
        if target.key in self.crashing:
            raise Crash(target.key)
        if target.key in self.failing:
            raise ConnectionError(f"{target.key} is unreachable")
        self.posted.append((target.key, reply))

    @property
    def targets(self) -> list[str]:
        return [key for key, _ in self.posted]


def subscribe(
    session: Session, channel: str, cron: str = "0 9 * * 1-5", timezone: str = "Europe/Rome"
) -> Subscription:
    subscription = Subscription(
        platform="slack", workspace=WORKSPACE, target=channel, kind="leaderboard",
        cron=cron, timezone=timezone, created_by="test",
    )  # fmt: skip
    session.add(subscription)
    session.commit()
    return subscription


def the_job(session: Session) -> Job:
    [job] = jobs_of(subscriptions(session)).values()
    return job


def key(channel: str) -> str:
    return f"slack:{WORKSPACE}:{channel}"


@pytest.fixture
def people(session: Session) -> People:
    built = build(session)
    # Carl wins big today: he climbs from third to first, the others drop a place.
    built.company.deal(built.carl, "won", 50_000, date(2026, 12, 1))
    session.commit()
    session.execute(update(Deal).values(updated_at=IMPORTED))
    session.commit()
    return built


MakeRunner = Callable[..., Runner]


@pytest.fixture
def make_runner(engine: Engine) -> MakeRunner:
    def make(sender: Sender, name: str = "replica-1", **options: object) -> Runner:
        return Runner(
            open_session=lambda: Session(engine, expire_on_commit=False),
            settings=SETTINGS,
            senders={"slack": sender},
            name=name,
            charts=False,
            **options,  # type: ignore[arg-type]
        )

    return make
