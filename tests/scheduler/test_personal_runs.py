"""Housekeeping runs go the way posts' runs go: a restart finishes them once, the posts'
runner leaves them alone, and a manager hears about everyone below them."""

from __future__ import annotations

import asyncio
from datetime import timedelta

import pytest
from sqlmodel import Session, select

from core.models import ChatIdentity, ScheduledDelivery
from tests.bot.company import People
from tests.scheduler.conftest import Crash, MakeRunner, RecordingSender
from tests.scheduler.notices import (
    SETTINGS,
    MakePersonal,
    alerts_job,
    company,
    nudges_job,
    personal,
    rome,
    slack_user,
    who,
)

__all__ = ["company", "personal"]  # fixtures


def states(session: Session) -> dict[str, str]:
    session.expire_all()
    return {row.target: row.state for row in session.exec(select(ScheduledDelivery))}


def test_a_restart_after_a_crash_sends_each_nudge_once(
    session: Session, company: People, personal: MakePersonal, make_runner: MakeRunner
) -> None:
    job = nudges_job()
    before = RecordingSender(crashing={slack_user(company.carl)})
    runner = personal(before)
    with pytest.raises(Crash):
        asyncio.run(runner.fire(job, rome(1, 9, 0), now=rome(1, 9, 0)))
    assert [target for target, _ in before.posted] == [slack_user(company.ada)]
    assert states(session) == {who(company.ada): "sent", who(company.carl): "sending"}

    # The posts' runner, resuming on the same pass, leaves housekeeping runs alone.
    posts = asyncio.run(make_runner(RecordingSender()).resume({}, now=rome(1, 9, 1)))
    assert posts.skipped == ()

    after = RecordingSender()
    restarted = personal(after, "replica-1-restarted")
    later = rome(1, 9, 0) + restarted.lease + timedelta(minutes=1)
    asyncio.run(restarted.resume({job.key: job}, now=later))

    assert [target for target, _ in after.posted] == [slack_user(company.carl)]
    assert states(session) == {who(company.ada): "sent", who(company.carl): "sent"}


def test_a_manager_hears_of_the_reports_of_their_reports(
    session: Session, company: People, personal: MakePersonal
) -> None:
    company.carl.manager_id = company.ada.id  # Carl reports to Ada, who reports to Mona
    session.add(company.carl)
    session.commit()
    sender = RecordingSender()

    asyncio.run(personal(sender).fire(alerts_job(), rome(1), now=rome(1)))

    heard = {target: reply.paragraphs for target, reply in sender.posted}
    assert sorted(heard) == sorted([slack_user(company.mona), slack_user(company.ada)])
    assert heard[slack_user(company.mona)][0] == "2 of your people are at risk of missing quota:"
    assert heard[slack_user(company.ada)][1].startswith("*Carl Weber* (South) · _new_")


def test_someone_without_a_direct_chat_is_not_planned_for(
    session: Session, company: People, personal: MakePersonal
) -> None:
    for identity in session.exec(select(ChatIdentity)):
        if identity.rep_id == company.carl.id:
            session.delete(identity)
    session.commit()
    sender = RecordingSender()

    outcome = asyncio.run(personal(sender).fire(nudges_job(), rome(1, 9, 0), now=rome(1, 9, 0)))

    assert outcome.sent == (who(company.ada),)
    assert list(states(session)) == [who(company.ada)]


def test_an_italian_rep_reads_the_nudge_in_italian(
    session: Session, company: People, personal: MakePersonal
) -> None:
    company.ada.locale = "it"
    session.add(company.ada)
    session.commit()
    sender = RecordingSender()

    asyncio.run(personal(sender, settings=SETTINGS).fire(nudges_job(), rome(1, 9, 0),
                                                         now=rome(1, 9, 0)))  # fmt: skip

    [reply] = [reply for target, reply in sender.posted if target == slack_user(company.ada)]
    assert reply.title == "Il tuo promemoria di oggi · 2026-Q4"
    assert reply.paragraphs[0] == (
        "Sei *9.432\u00a0USD* in ritardo sul ritmo: 30.000\u00a0USD vinti sui "
        "39.432\u00a0USD attesi a oggi."
    )
    assert [button.label for button in reply.buttons] == [
        "Rimanda di 7 giorni",
        "Mostra la mia pipeline",
    ]
