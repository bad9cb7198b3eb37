"""A contest's posts: its start, its standings on schedule and its winners with a chart,
sent through the claimed runs to the local double of Slack's Web API."""

from __future__ import annotations

import asyncio
from datetime import date, datetime

from sqlalchemy import Engine
from sqlmodel import Session

from adapters.slack.scheduled import SlackSender
from core.config import CalendarConfig, Settings
from core.contests import Channel, NewContest, add_contest, remove_contest
from core.models import Subscription
from core.privacy import set_opted_out
from core.subscriptions import subscriptions
from scheduler.jobs import Job, build_post
from scheduler.runner import Outcome, Runner
from tests.bot.company import People
from tests.fakes.slack_api import UPLOAD, SlackApiDouble
from tests.scheduler.conftest import ROME, WORKSPACE, key, the_job
from tests.scheduler.test_slack_posts import blocks_of, with_slack

SETTINGS = Settings(calendar=CalendarConfig(timezone="Europe/Rome"))
CHANNEL = "C0CONTEST"
# Tuesday 1 December to Friday 4 December 2026, standings every weekday at nine in Rome.
FIRST_DAY = datetime(2026, 12, 1, 9, tzinfo=ROME)
SECOND_DAY = datetime(2026, 12, 2, 9, tzinfo=ROME)
NEXT_MONDAY = datetime(2026, 12, 7, 9, tzinfo=ROME)  # the first run after the end
TUESDAY_AFTER = datetime(2026, 12, 8, 9, tzinfo=ROME)


def create(session: Session, people: People) -> Job:
    """Bea and Carl race on percent of their own targets; Ada is not in it. Carl won
    $50,000 on December 1 (the `people` fixture), Bea wins $4,000 on the 2nd."""
    people.company.deal(people.bea, "won", 4_000, date(2026, 12, 2))
    session.commit()
    add_contest(
        session, SETTINGS,
        NewContest(
            name="Early December", start=date(2026, 12, 1), end=date(2026, 12, 4),
            created_by=people.mona.email, reps=("Bea Rossi", "Carl Weber"),
            prize="A day off",
            channel=Channel("slack", WORKSPACE, CHANNEL, "0 9 * * 1-5", "Europe/Rome"),
        ),
        datetime(2026, 11, 20, tzinfo=ROME),
    )  # fmt: skip
    return the_job(session)


def runner(engine: Engine, sender: SlackSender) -> Runner:
    return Runner(
        open_session=lambda: Session(engine, expire_on_commit=False),
        settings=SETTINGS,
        senders={"slack": sender},
    )


def fire_all(engine: Engine, job: Job, *times: datetime) -> tuple[SlackApiDouble, list[Outcome]]:
    double = SlackApiDouble()

    async def work(sender: SlackSender) -> list[Outcome]:
        posting = runner(engine, sender)
        return [await posting.fire(job, when, now=when) for when in times]

    return double, with_slack(double, work)


def texts_of(double: SlackApiDouble) -> list[tuple[str, str]]:
    """Each post's heading, and the rest of its text."""
    posts = []
    for call in double.calls_of("chat.postMessage"):
        texts = [block["text"]["text"] for block in blocks_of(call.body) if "text" in block]
        posts.append((texts[0], "\n".join(texts[1:])))
    return posts


def test_the_contest_is_a_subscription_of_its_channel(session: Session, people: People) -> None:
    create(session, people)

    [subscription] = subscriptions(session)

    assert (subscription.kind, subscription.target, subscription.cron) == (
        "contest", CHANNEL, "0 9 * * 1-5",
    )  # fmt: skip
    assert subscription.contest_id == 1


def test_start_standings_and_winners_reach_the_channel_once_each(
    engine: Engine, session: Session, people: People
) -> None:
    job = create(session, people)

    double, outcomes = fire_all(engine, job, FIRST_DAY, SECOND_DAY, NEXT_MONDAY, TUESDAY_AFTER)

    assert [outcome.sent for outcome in outcomes[:3]] == [(key(CHANNEL),)] * 3
    assert outcomes[3].sent == ()
    assert outcomes[3].skipped == (key(CHANNEL),)  # over, and its winners told already
    start, standing, winners = texts_of(double)
    assert start[0] == "The contest starts: Early December"
    assert "Reps compete on won revenue, as a percent of their own target." in start[1]
    assert "Taking part: Bea Rossi, Carl Weber." in start[1]
    assert standing[0] == "Contest standings · Early December"
    assert winners[0] == "Contest winners · Early December"
    assert "Congratulations to *Carl Weber*!" in winners[1]
    assert "Prize: A day off" in winners[1]
    # The winners come with their chart; the standings too.
    assert len(double.calls_of(UPLOAD)) == 2
    post = double.calls_of("chat.postMessage")[2]
    assert [block for block in blocks_of(post.body) if block["type"] == "image"]


def test_nothing_is_posted_before_the_contest_starts(
    engine: Engine, session: Session, people: People
) -> None:
    job = create(session, people)

    double, [outcome] = fire_all(engine, job, datetime(2026, 11, 30, 9, tzinfo=ROME))

    assert outcome.skipped == (key(CHANNEL),)
    assert double.calls_of("chat.postMessage") == []


def test_the_standings_rank_by_percent_and_name_the_unranked_last(
    session: Session, people: People
) -> None:
    job = create(session, people)

    reply = asyncio.run(
        build_post(job.post, session, SETTINGS, SECOND_DAY, fire_time=SECOND_DAY, charts=False)
    )

    # Dec 1 to 4 holds 4 of Q4's 66 business days. Carl's quarter is 50,000: 3,030.30
    # for these days, and he won 50,000 (1,650%); Bea's 40,000: 2,424.24, and she won
    # 4,000 (165%).
    assert reply.paragraphs[0].split("\n") == [
        "`  1.` Carl Weber · 1,650%",
        "`  2.` Bea Rossi · 165%",
    ]
    assert reply.paragraphs[1] == "The contest ends on Dec 4, 2026."


def test_an_opted_out_winner_is_congratulated_anonymously(
    session: Session, people: People
) -> None:
    job = create(session, people)
    set_opted_out(session, people.carl.id or 0, True, FIRST_DAY)

    reply = asyncio.run(
        build_post(job.post, session, SETTINGS, NEXT_MONDAY, fire_time=NEXT_MONDAY, charts=False)
    )

    assert reply.paragraphs[0] == "Congratulations to *Anonymous*!"
    assert "Carl" not in "\n".join(reply.paragraphs)
    assert "`  2.` Bea Rossi · 165%" in reply.paragraphs[1]


def test_removing_the_contest_stops_its_posts(session: Session, people: People) -> None:
    create(session, people)

    remove_contest(session, 1)

    assert session.get(Subscription, 1) is None
