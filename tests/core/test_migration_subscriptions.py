"""Migration 0003 (subscriptions and the exactly-once records) goes up and down cleanly."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import Engine, inspect
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session

from core.models import ScheduledDelivery, ScheduledRun, Subscription
from core.storage import current_revision, downgrade, head_revision, upgrade

NEW_TABLES = {"subscription", "scheduled_run", "delivery"}
FIRE = datetime(2026, 12, 1, 8, tzinfo=UTC)


def test_0003_goes_down_to_0002_and_back_up(engine: Engine) -> None:
    with Session(engine) as session:
        session.add(
            Subscription(
                platform="slack", workspace="T1", target="C1", kind="leaderboard",
                cron="0 9 * * 1-5", timezone="Europe/Rome", created_by="cli",
            )
        )  # fmt: skip
        session.commit()

    downgrade(engine, "0002")
    engine.dispose()

    assert current_revision(engine) == "0002"
    assert not NEW_TABLES & set(inspect(engine).get_table_names())

    upgrade(engine)
    engine.dispose()

    assert current_revision(engine) == head_revision()
    assert set(inspect(engine).get_table_names()) >= NEW_TABLES


def test_a_run_is_claimed_once_and_a_target_delivered_once(engine: Engine) -> None:
    with Session(engine) as session:
        run = ScheduledRun(job_key="leaderboard:x", fire_time=FIRE)
        session.add(run)
        session.commit()
        run_id = run.id
        session.add(ScheduledDelivery(run_id=run_id, target="slack:T1:C1"))
        session.commit()

    with Session(engine) as session:
        session.add(ScheduledRun(job_key="leaderboard:x", fire_time=FIRE))
        with pytest.raises(IntegrityError):
            session.commit()
    with Session(engine) as session:
        session.add(ScheduledDelivery(run_id=run_id, target="slack:T1:C1"))
        with pytest.raises(IntegrityError):
            session.commit()
