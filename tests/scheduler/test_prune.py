"""Old runs and their deliveries are forgotten; recent ones, and their claims, stay."""

from __future__ import annotations

import asyncio
from datetime import timedelta

from sqlmodel import Session, select

from core.models import ScheduledDelivery, ScheduledRun
from scheduler.claims import prune
from tests.bot.company import People
from tests.scheduler.conftest import NINE_IN_ROME, MakeRunner, RecordingSender, subscribe, the_job


def test_runs_due_before_the_cut_are_forgotten_with_their_deliveries(
    session: Session, people: People, make_runner: MakeRunner
) -> None:
    subscribe(session, "C0SALES")
    subscribe(session, "C0EMEA")
    job = the_job(session)
    runner = make_runner(RecordingSender())
    old = NINE_IN_ROME - timedelta(days=100)
    asyncio.run(runner.fire(job, old, now=old))
    asyncio.run(runner.fire(job, NINE_IN_ROME, now=NINE_IN_ROME))

    forgotten = prune(session, NINE_IN_ROME - timedelta(days=90))

    assert forgotten == (1, 2)
    session.expire_all()
    [kept] = session.exec(select(ScheduledRun))
    assert kept.fire_time == NINE_IN_ROME
    assert {row.run_id for row in session.exec(select(ScheduledDelivery))} == {kept.id}
    again = asyncio.run(runner.fire(job, NINE_IN_ROME, now=NINE_IN_ROME))
    assert not again.claimed  # the recent run is still known: it does not post twice
