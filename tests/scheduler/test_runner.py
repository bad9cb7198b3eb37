"""Exactly once: replicas, re-fires, crashes and restarts, quiet hours, failures."""

from __future__ import annotations

import asyncio
import threading
from datetime import timedelta

import pytest
from sqlmodel import Session, select

from core.models import DeliveryState, ScheduledDelivery, ScheduledRun
from core.subscriptions import remove_subscription
from scheduler.runner import Outcome
from tests.bot.company import People
from tests.scheduler.conftest import (
    NINE_IN_ROME,
    Crash,
    MakeRunner,
    RecordingSender,
    key,
    subscribe,
    the_job,
)


def states(session: Session) -> dict[str, str]:
    session.expire_all()
    return {row.target: row.state for row in session.exec(select(ScheduledDelivery))}


def test_a_due_job_posts_to_each_subscribed_channel(
    session: Session, people: People, make_runner: MakeRunner
) -> None:
    subscribe(session, "C0SALES")
    subscribe(session, "C0EMEA")
    sender = RecordingSender()

    outcome = asyncio.run(
        make_runner(sender).fire(the_job(session), NINE_IN_ROME, now=NINE_IN_ROME)
    )

    assert outcome.claimed
    assert sorted(sender.targets) == [key("C0EMEA"), key("C0SALES")]
    assert states(session) == {key("C0SALES"): "sent", key("C0EMEA"): "sent"}
    [run] = session.exec(select(ScheduledRun))
    assert run.fire_time == NINE_IN_ROME
    assert run.claimed_by == "replica-1"


def test_two_replicas_firing_the_same_run_post_once(
    session: Session, people: People, make_runner: MakeRunner
) -> None:
    subscribe(session, "C0SALES")
    job = the_job(session)
    senders = [RecordingSender(), RecordingSender()]
    runners = [make_runner(sender, f"replica-{n}") for n, sender in enumerate(senders)]
    outcomes: list[Outcome] = []
    start = threading.Barrier(2)

    def replica(number: int) -> None:
        start.wait()
        outcomes.append(asyncio.run(runners[number].fire(job, NINE_IN_ROME, now=NINE_IN_ROME)))

    threads = [threading.Thread(target=replica, args=(n,)) for n in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert sorted(outcome.claimed for outcome in outcomes) == [False, True]
    assert senders[0].targets + senders[1].targets == [key("C0SALES")]
    assert len(session.exec(select(ScheduledRun)).all()) == 1


def test_the_same_fire_time_fired_again_does_nothing(
    session: Session, people: People, make_runner: MakeRunner
) -> None:
    subscribe(session, "C0SALES")
    sender = RecordingSender()
    runner = make_runner(sender)
    asyncio.run(runner.fire(the_job(session), NINE_IN_ROME, now=NINE_IN_ROME))

    again = asyncio.run(runner.fire(the_job(session), NINE_IN_ROME, now=NINE_IN_ROME))

    assert not again.claimed
    assert sender.targets == [key("C0SALES")]


def test_a_restart_after_a_crash_posts_only_the_missing_delivery(
    session: Session, people: People, make_runner: MakeRunner
) -> None:
    subscribe(session, "C0SALES")
    subscribe(session, "C0EMEA")
    job = the_job(session)
    first, second = (target.key for _, target in job.targets)
    before = RecordingSender(crashing={second})
    with pytest.raises(Crash):  # posted to the first channel, died posting to the second
        asyncio.run(make_runner(before).fire(job, NINE_IN_ROME, now=NINE_IN_ROME))
    assert before.targets == [first]
    assert states(session) == {first: "sent", second: "sending"}

    after = RecordingSender()
    restarted = make_runner(after, "replica-1-restarted")
    soon = asyncio.run(restarted.resume({job.key: job}, now=NINE_IN_ROME + timedelta(minutes=1)))
    # The dead process's lease on the second delivery has to run out first.
    assert soon.sent == ()
    later = NINE_IN_ROME + restarted.lease + timedelta(seconds=1)
    outcome = asyncio.run(restarted.resume({job.key: job}, now=later))

    assert outcome.sent == (second,)
    assert after.targets == [second]
    assert states(session) == {first: "sent", second: "sent"}


def test_a_delivery_that_was_never_started_is_sent_at_once_after_a_restart(
    session: Session, people: People, make_runner: MakeRunner
) -> None:
    subscribe(session, "C0SALES")
    subscribe(session, "C0EMEA")
    job = the_job(session)
    first, second = (target.key for _, target in job.targets)
    before = RecordingSender(crashing={first})
    # One at a time, the crash stops the fan-out before the second is taken.
    with pytest.raises(Crash):
        asyncio.run(make_runner(before, concurrency=1).fire(job, NINE_IN_ROME, now=NINE_IN_ROME))
    assert states(session) == {first: "sending", second: "pending"}

    after = RecordingSender()
    outcome = asyncio.run(
        make_runner(after).resume({job.key: job}, now=NINE_IN_ROME + timedelta(minutes=1))
    )

    assert outcome.sent == (second,)
    assert after.targets == [second]


def test_a_fan_out_interrupted_half_way_is_completed_after_a_restart_without_duplicates(
    session: Session, people: People, make_runner: MakeRunner
) -> None:
    channels = [f"C0{number:03d}" for number in range(20)]
    for channel in channels:
        subscribe(session, channel)
    job = the_job(session)
    before = RecordingSender(crashing={key(channels[12])})
    with pytest.raises(Crash):  # several deliveries on their way at once, as in production
        asyncio.run(make_runner(before, concurrency=4).fire(job, NINE_IN_ROME, now=NINE_IN_ROME))
    assert 0 < len(before.targets) < len(channels)

    after = RecordingSender()
    restarted = make_runner(after, "replica-1-restarted")
    later = NINE_IN_ROME + restarted.lease + timedelta(seconds=1)
    asyncio.run(restarted.resume({job.key: job}, now=later))

    assert sorted(before.targets + after.targets) == sorted(key(channel) for channel in channels)
    assert set(states(session).values()) == {"sent"}


@pytest.mark.parametrize(
    ("cron", "hour", "posted"),
    [("0 9 * * 1-5", 9, True), ("0 19 * * 1-5", 20, True), ("0 19 * * 1-5", 21, False)],
)
def test_nothing_is_posted_in_quiet_hours(
    session: Session, people: People, make_runner: MakeRunner, cron: str, hour: int, posted: bool
) -> None:
    subscribe(session, "C0SALES", cron=cron)
    sender = RecordingSender()
    fired = NINE_IN_ROME.replace(hour=int(cron.split()[1]))
    now = NINE_IN_ROME.replace(hour=hour)  # a run that comes late, at `hour`

    outcome = asyncio.run(make_runner(sender).fire(the_job(session), fired, now=now))

    assert bool(sender.posted) is posted
    if not posted:
        assert outcome.skipped == (key("C0SALES"),)
        [delivery] = session.exec(select(ScheduledDelivery))
        assert (delivery.state, delivery.last_error) == ("skipped", "quiet hours")


def test_a_failed_post_is_tried_again_then_given_up(
    session: Session, people: People, make_runner: MakeRunner
) -> None:
    subscribe(session, "C0SALES")
    job = the_job(session)
    sender = RecordingSender(failing={key("C0SALES")})
    runner = make_runner(sender, attempts=2)

    first = asyncio.run(runner.fire(job, NINE_IN_ROME, now=NINE_IN_ROME))
    [delivery] = session.exec(select(ScheduledDelivery))
    assert first.failed == (key("C0SALES"),)
    assert delivery.state == DeliveryState.PENDING
    assert "ConnectionError: slack:T0TEST:C0SALES is unreachable" in (delivery.last_error or "")

    asyncio.run(runner.resume({job.key: job}, now=NINE_IN_ROME + timedelta(minutes=1)))
    assert states(session) == {key("C0SALES"): "failed"}

    sender.failing.clear()
    asyncio.run(runner.resume({job.key: job}, now=NINE_IN_ROME + timedelta(minutes=2)))
    assert sender.posted == []


def test_a_run_left_unfinished_is_not_finished_for_a_channel_that_unsubscribed(
    session: Session, people: People, make_runner: MakeRunner
) -> None:
    subscription = subscribe(session, "C0SALES")
    job = the_job(session)
    with pytest.raises(Crash):
        asyncio.run(
            make_runner(RecordingSender(crashing={key("C0SALES")})).fire(
                job, NINE_IN_ROME, now=NINE_IN_ROME
            )
        )
    assert subscription.id is not None
    remove_subscription(session, subscription.id)

    sender = RecordingSender()
    later = NINE_IN_ROME + timedelta(minutes=15)
    outcome = asyncio.run(make_runner(sender).resume({}, now=later))

    assert outcome.skipped == (key("C0SALES"),)
    assert sender.posted == []
