"""The daily digest of scheduled posts that did not go out, by DM to the admins."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

from sqlalchemy import Engine
from sqlmodel import Session, select

from adapters.slack.delivery import Delivery, web_client
from adapters.slack.scheduled import SlackSender
from core.models import ChatIdentity, Rep, ScheduledRun
from scheduler.digest import DIGEST_KEY, FailureDigest
from scheduler.runner import Runner
from scheduler.service import GRACE
from tests.bot.company import SETTINGS, People
from tests.fakes.slack_api import BOT_TOKEN, SlackApiDouble
from tests.scheduler.conftest import (
    NINE_IN_ROME,
    WORKSPACE,
    MakeRunner,
    RecordingSender,
    key,
    subscribe,
    the_job,
)

# The company's clock is UTC: the digest of the day before goes at 08:00 the next day.
DIGEST_SLOT = datetime(2026, 12, 2, 8, tzinfo=UTC)


def link(session: Session, rep: Rep, user_id: str, platform: str = "slack") -> None:
    assert rep.id is not None
    session.add(ChatIdentity(platform=platform, workspace=WORKSPACE, user_id=user_id,
                             rep_id=rep.id))  # fmt: skip
    session.commit()


def fail_one_of_two(session: Session, make_runner: MakeRunner) -> str:
    """The weekday leaderboard to two channels; C0EMEA is unreachable to the last try.
    The job's name."""
    subscribe(session, "C0SALES")
    subscribe(session, "C0EMEA")
    job = the_job(session)
    sender = RecordingSender(failing={key("C0EMEA")})
    asyncio.run(make_runner(sender, attempts=1).fire(job, NINE_IN_ROME, now=NINE_IN_ROME))
    return job.key


def digest_of(runner: Runner, slot: datetime = DIGEST_SLOT) -> list[str]:
    return asyncio.run(FailureDigest(runner).send(slot, now=slot + timedelta(seconds=1)))


def test_the_admins_are_told_by_dm_of_each_post_that_did_not_go_out(
    session: Session, people: People, make_runner: MakeRunner
) -> None:
    link(session, people.root, "U0ROOT")
    link(session, people.mona, "U0MONA")  # a manager: not told
    name = fail_one_of_two(session, make_runner)
    sender = RecordingSender()

    reached = digest_of(make_runner(sender))

    assert reached == [key("U0ROOT")]
    [(where, reply)] = sender.posted
    assert where == key("U0ROOT")
    assert reply.title == "Scheduled posts that did not go out"
    intro, lines, what_to_do = reply.paragraphs
    assert intro == "1 scheduled post of the past day could not be delivered:"
    assert lines.startswith(
        f"• `{name}` to slack T0TEST/C0EMEA, due Dec 1, 2026 at 08:00 "
        "(`--slot 2026-12-01T08:00+00:00`): ConnectionError: slack:T0TEST:C0EMEA is "
        "unreachable (reference "
    )
    assert "C0SALES" not in lines  # it was posted
    assert "`quotabot jobs run NAME --slot TIME`" in what_to_do


def test_the_digest_goes_once_however_many_replicas_send_it(
    session: Session, people: People, make_runner: MakeRunner
) -> None:
    link(session, people.root, "U0ROOT")
    fail_one_of_two(session, make_runner)
    senders = [RecordingSender(), RecordingSender()]

    for number, sender in enumerate(senders):
        digest_of(make_runner(sender, f"replica-{number}"))

    assert senders[0].targets + senders[1].targets == [key("U0ROOT")]
    [run] = session.exec(select(ScheduledRun).where(ScheduledRun.job_key == DIGEST_KEY))
    assert run.fire_time == DIGEST_SLOT


def test_a_day_when_everything_went_out_sends_no_digest(
    session: Session, people: People, make_runner: MakeRunner
) -> None:
    link(session, people.root, "U0ROOT")
    subscribe(session, "C0SALES")
    asyncio.run(
        make_runner(RecordingSender()).fire(the_job(session), NINE_IN_ROME, now=NINE_IN_ROME)
    )
    seven_in_rome = NINE_IN_ROME.replace(hour=19)
    late = make_runner(RecordingSender())  # it comes at 22:00, in quiet hours: skipped
    outcome = asyncio.run(
        late.fire(the_job(session), seven_in_rome, now=seven_in_rome.replace(hour=22))
    )
    assert outcome.skipped == (key("C0SALES"),)
    sender = RecordingSender()

    assert digest_of(make_runner(sender)) == []
    assert sender.posted == []
    runs = session.exec(select(ScheduledRun).where(ScheduledRun.job_key == DIGEST_KEY))
    assert runs.all() == []


def test_failures_older_than_the_day_are_not_told_again(
    session: Session, people: People, make_runner: MakeRunner
) -> None:
    link(session, people.root, "U0ROOT")
    fail_one_of_two(session, make_runner)
    sender = RecordingSender()

    digest_of(make_runner(sender), DIGEST_SLOT + timedelta(days=1))

    assert sender.posted == []


def test_an_italian_admin_reads_it_in_italian(
    session: Session, people: People, make_runner: MakeRunner
) -> None:
    people.root.locale = "it"
    session.add(people.root)
    session.commit()
    link(session, people.root, "U0ROOT")
    fail_one_of_two(session, make_runner)
    sender = RecordingSender()

    digest_of(make_runner(sender))

    [(_, reply)] = sender.posted
    assert reply.title == "Post programmati non pubblicati"
    assert reply.paragraphs[0] == ("1 post programmato dell'ultimo giorno non è stato consegnato:")
    assert ", previsto il 1 dic 2026 alle 08:00 " in reply.paragraphs[1]


def test_with_no_admin_to_tell_nothing_is_claimed(
    session: Session, people: People, make_runner: MakeRunner
) -> None:
    fail_one_of_two(session, make_runner)  # nobody is linked

    assert digest_of(make_runner(RecordingSender())) == []
    runs = session.exec(select(ScheduledRun).where(ScheduledRun.job_key == DIGEST_KEY))
    assert runs.all() == []


def test_the_daily_job_sends_the_digest_by_slack_dm_and_forgets_old_runs(
    engine: Engine, session: Session, people: People, make_runner: MakeRunner
) -> None:
    link(session, people.root, "U0ROOT")
    fail_one_of_two(session, make_runner)
    long_ago = NINE_IN_ROME - timedelta(days=91)
    asyncio.run(make_runner(RecordingSender()).fire(the_job(session), long_ago, now=long_ago))
    double = SlackApiDouble()

    async def run() -> None:
        await double.start()
        sender = SlackSender(Delivery(web_client(BOT_TOKEN, double.api_url)))
        runner = Runner(
            open_session=lambda: Session(engine, expire_on_commit=False),
            settings=SETTINGS,
            senders={"slack": sender},
        )
        digest = FailureDigest(runner, clock=lambda: DIGEST_SLOT + timedelta(seconds=3))
        try:
            await digest.fire_due(GRACE)
        finally:
            await double.stop()

    asyncio.run(run())

    [post] = double.posts
    assert post.body["channel"] == "U0ROOT"
    assert post.body["text"] == "Scheduled posts that did not go out"
    session.expire_all()
    kept = {run.fire_time for run in session.exec(select(ScheduledRun))}
    assert kept == {NINE_IN_ROME, DIGEST_SLOT}  # the run of 91 days ago is forgotten
