"""The company of tests/bot with chat identities, at-risk thresholds its people cross,
and housekeeping runners over it.

With projected attainment under 95% counting as at risk (not 80%), Ada (best projection
$54,000 of $60,000: 90%) and Carl ($10,000 won + nothing weighted, run rate under 50%)
are at risk; Bea (run rate over 130%) is not. Mona manages Ada and Bea; Carl reports to
no one. The company's clock is Rome's.

Behind pace, or with stale deals, and so nudged: Ada (2 stale deals) and Carl.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import Engine, update
from sqlmodel import Session

from core.config import CalendarConfig, Settings, ThresholdsConfig
from core.models import ChatIdentity, Deal, Rep
from scheduler.housekeeping import ALERTS, NUDGES, HousekeepingJob
from scheduler.personal import PersonalRunner, person_target
from tests.bot.company import People, build
from tests.builders import at
from tests.scheduler.conftest import WORKSPACE, RecordingSender

ROME = ZoneInfo("Europe/Rome")
SETTINGS = Settings(
    calendar=CalendarConfig(timezone="Europe/Rome"),
    thresholds=ThresholdsConfig(at_risk_below=Decimal("0.95")),
)
IMPORTED = at(2026, 11, 30, 17)  # 18:00 in Rome
USERS = {"Mona Manager": "U0MONA", "Ada Lovelace": "U0ADA", "Bea Rossi": "U0BEA",
         "Carl Weber": "U0CARL"}  # fmt: skip


def rome(day: int, hour: int = 8, minute: int = 30, month: int = 12) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=ROME)


def alerts_job(zone: str = "Europe/Rome", at_: time = time(8, 30)) -> HousekeepingJob:
    return HousekeepingJob(ALERTS, zone, at_)


def nudges_job(zone: str = "Europe/Rome", at_: time = time(9, 0)) -> HousekeepingJob:
    return HousekeepingJob(NUDGES, zone, at_)


def slack_user(rep: Rep) -> str:
    return f"slack:{WORKSPACE}:{USERS[rep.name]}"


def who(rep: Rep) -> str:
    """A housekeeping delivery's target."""
    assert rep.id is not None
    return person_target(rep.id)


@pytest.fixture
def company(session: Session) -> People:
    built = build(session)
    for rep in (built.mona, built.ada, built.bea, built.carl):
        assert rep.id is not None
        session.add(
            ChatIdentity(platform="slack", workspace=WORKSPACE, user_id=USERS[rep.name],
                         rep_id=rep.id)
        )  # fmt: skip
    session.commit()
    session.execute(update(Deal).values(updated_at=IMPORTED))
    session.commit()
    return built


def set_timezone(session: Session, rep: Rep, zone: str | None) -> None:
    rep.timezone = zone
    session.add(rep)
    session.commit()


def touch(session: Session, deal_name: str, on: date) -> None:
    """A CRM update: the deal touched on `on`, and closing later when it was past due."""
    session.execute(
        update(Deal)
        .where(Deal.name == deal_name)  # type: ignore[arg-type]
        .values(last_touch_date=on, last_activity_date=on, close_date=date(2026, 12, 22))
    )
    session.commit()


MakePersonal = Callable[..., PersonalRunner]


@pytest.fixture
def personal(engine: Engine) -> MakePersonal:
    def make(
        sender: RecordingSender, name: str = "replica-1", **options: object
    ) -> PersonalRunner:
        return PersonalRunner(
            open_session=lambda: Session(engine, expire_on_commit=False),
            settings=options.pop("settings", SETTINGS),  # type: ignore[arg-type]
            senders={"slack": sender},
            name=name,
            **options,  # type: ignore[arg-type]
        )

    return make
