"""At-risk alerts to managers: only on a change, a weekly summary, never twice."""

from __future__ import annotations

import asyncio
import threading
from datetime import UTC

from sqlmodel import Session, select

from bot.reply import RUN, Button
from core.models import Notice, ScheduledDelivery
from scheduler.runner import Outcome
from tests.bot.company import People
from tests.scheduler.conftest import RecordingSender
from tests.scheduler.notices import (
    MakePersonal,
    alerts_job,
    company,
    personal,
    rome,
    slack_user,
    touch,
    who,
)

__all__ = ["company", "personal"]  # fixtures

ADA_AT_RISK = (
    "*Ada Lovelace* (North){mark}\n"
    "• projected to finish at 90% of quota\n"
    "• $9,413 behind pace\n"
    "• 2 stale deals\n"
    "• close $1,325 per business day for the 22.6 business days left."
)
AS_OF = "_Figures as of the latest CRM update, Nov 30, 2026 at 18:00 (Europe/Rome)._"


def alert_of(sender: RecordingSender, index: int = -1) -> tuple[str, tuple[str, ...]]:
    target, reply = sender.posted[index]
    return target, (reply.title, *reply.paragraphs)


def test_a_manager_hears_of_a_report_newly_at_risk(
    session: Session, company: People, personal: MakePersonal
) -> None:
    sender = RecordingSender()

    outcome = asyncio.run(personal(sender).fire(alerts_job(), rome(1), now=rome(1)))

    assert outcome.claimed
    [(target, reply)] = sender.posted
    assert target == slack_user(company.mona)
    assert (reply.title, *reply.paragraphs) == (
        "At risk on your team · 2026-Q4",
        "1 of your people is at risk of missing quota:",
        ADA_AT_RISK.format(mark=" · _new_"),
        AS_OF,
    )
    assert reply.buttons == (Button("Show everyone at risk", RUN, "atrisk"),)


def test_nothing_is_sent_when_nothing_changed(
    session: Session, company: People, personal: MakePersonal
) -> None:
    sender = RecordingSender()
    runner = personal(sender)
    asyncio.run(runner.fire(alerts_job(), rome(1), now=rome(1)))

    outcome = asyncio.run(runner.fire(alerts_job(), rome(2), now=rome(2)))

    assert outcome.claimed
    assert outcome.sent == ()
    assert len(sender.posted) == 1


def test_a_report_newly_at_risk_is_marked_as_new_and_the_others_are_not(
    session: Session, company: People, personal: MakePersonal
) -> None:
    sender = RecordingSender()
    runner = personal(sender)
    asyncio.run(runner.fire(alerts_job(), rome(1), now=rome(1)))
    company.carl.manager_id = company.mona.id
    session.add(company.carl)
    session.commit()

    asyncio.run(runner.fire(alerts_job(), rome(2), now=rome(2)))

    target, said = alert_of(sender)
    assert target == slack_user(company.mona)
    assert said[1] == "2 of your people are at risk of missing quota:"
    assert said[2].startswith("*Carl Weber* (South) · _new_\n")
    assert said[3].startswith("*Ada Lovelace* (North)\n")


def test_other_reasons_are_a_change(
    session: Session, company: People, personal: MakePersonal
) -> None:
    sender = RecordingSender()
    runner = personal(sender)
    asyncio.run(runner.fire(alerts_job(), rome(1), now=rome(1)))
    touch(session, "Globex expansion", rome(1).date())  # no deal of Ada's is stale now
    touch(session, "Initech pilot", rome(1).date())

    asyncio.run(runner.fire(alerts_job(), rome(2), now=rome(2)))

    _, said = alert_of(sender)
    assert said[2].startswith("*Ada Lovelace* (North) · _reasons changed_\n")
    assert "stale" not in said[2]


def test_on_monday_an_unchanged_manager_gets_the_weekly_summary_once(
    session: Session, company: People, personal: MakePersonal
) -> None:
    sender = RecordingSender()
    runner = personal(sender)
    asyncio.run(runner.fire(alerts_job(), rome(1), now=rome(1)))  # Tuesday
    for day in (2, 3, 4):
        asyncio.run(runner.fire(alerts_job(), rome(day), now=rome(day)))
    assert len(sender.posted) == 1

    asyncio.run(runner.fire(alerts_job(), rome(7), now=rome(7)))  # Monday
    asyncio.run(runner.fire(alerts_job(), rome(7, 10), now=rome(7, 10)))  # the time moved

    assert len(sender.posted) == 2
    _, said = alert_of(sender)
    assert said[0] == "Weekly at-risk summary · 2026-Q4"
    assert said[1] == "No change since my last alert: 1 person is still at risk."
    assert said[2].startswith("*Ada Lovelace* (North)\n")


def test_the_same_scan_run_again_or_by_a_second_replica_sends_nothing_more(
    session: Session, company: People, personal: MakePersonal
) -> None:
    senders = [RecordingSender(), RecordingSender()]
    runners = [personal(sender, f"replica-{n}") for n, sender in enumerate(senders)]
    outcomes: list[Outcome] = []
    start = threading.Barrier(2)

    def replica(number: int) -> None:
        start.wait()
        run = runners[number].fire(alerts_job(), rome(1), now=rome(1))
        outcomes.append(asyncio.run(run))

    threads = [threading.Thread(target=replica, args=(n,)) for n in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    again = asyncio.run(runners[0].fire(alerts_job(), rome(1), now=rome(1)))

    assert sorted(outcome.claimed for outcome in outcomes) == [False, True]
    assert not again.claimed
    assert [target for target, _ in senders[0].posted + senders[1].posted] == [
        slack_user(company.mona)
    ]
    assert len(session.exec(select(ScheduledDelivery)).all()) == 1


def test_what_was_sent_is_recorded_per_manager(
    session: Session, company: People, personal: MakePersonal
) -> None:
    asyncio.run(personal(RecordingSender()).fire(alerts_job(), rome(1), now=rome(1)))

    [notice] = session.exec(select(Notice))
    assert (notice.kind, notice.rep_id, notice.day) == ("alert", company.mona.id, rome(1).date())
    assert notice.said == (
        f'{{"{company.ada.id}": ["low_projection", "behind_pace", "stale_pipeline"]}}'
    )


def test_an_italian_manager_reads_the_alert_in_italian(
    session: Session, company: People, personal: MakePersonal
) -> None:
    company.mona.locale = "it"
    session.add(company.mona)
    session.commit()
    sender = RecordingSender()

    asyncio.run(personal(sender).fire(alerts_job(), rome(1), now=rome(1)))

    _, said = alert_of(sender)
    assert said[:2] == (
        "A rischio nel tuo team · 2026-Q4",
        "1 delle tue persone rischia di mancare la quota:",
    )
    assert said[2].startswith("*Ada Lovelace* (North) · _nuovo_\n• proiezione al 90%")
    assert said[3] == (
        "_Dati all'ultimo aggiornamento dal CRM, 30 nov 2026 alle 18:00 (Europe/Rome)._"
    )


def test_someone_back_on_track_is_named_in_the_next_alert(
    session: Session, company: People, personal: MakePersonal
) -> None:
    sender = RecordingSender()
    runner = personal(sender)
    asyncio.run(runner.fire(alerts_job(), rome(1), now=rome(1)))
    company.company.deal(company.ada, "won", 30_000, rome(1).date())  # Ada reaches quota
    company.carl.manager_id = company.mona.id
    session.add(company.carl)
    session.commit()

    asyncio.run(runner.fire(alerts_job(), rome(2), now=rome(2)))

    _, said = alert_of(sender)
    assert said[1] == "1 of your people is at risk of missing quota:"
    assert said[2].startswith("*Carl Weber* (South) · _new_\n")
    assert said[3] == "Back on track since my last alert: Ada Lovelace."


def test_alerts_keep_to_08_30_in_rome_across_the_end_of_summer_time(
    session: Session, company: People, personal: MakePersonal
) -> None:
    job = alerts_job()
    # Rome left summer time on Sunday 25 October 2026: 08:30 was 06:30 UTC, then 07:30.
    friday = job.schedule.next_fire(rome(23, 0, 0, month=10))
    assert friday is not None
    monday = job.schedule.next_fire(friday)
    assert monday is not None
    assert [f"{fire.astimezone(UTC):%a %d %H:%M}" for fire in (friday, monday)] == [
        "Fri 23 06:30",
        "Mon 26 07:30",
    ]
    sender = RecordingSender()

    outcome = asyncio.run(personal(sender).fire(job, monday, now=monday))

    assert outcome.sent == (who(company.mona),)
    assert [target for target, _ in sender.posted] == [slack_user(company.mona)]
