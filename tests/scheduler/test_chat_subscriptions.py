"""`subscribe`, `unsubscribe` and `subscriptions` in a channel, through the real registry."""

from __future__ import annotations

import asyncio

import pytest
from sqlmodel import Session

from bot.catalogue import Texts
from bot.commands import build_registry
from bot.people import asker_by_email
from bot.registry import ChatContext
from bot.reply import Reply
from core.models import Rep, Subscription
from core.subscriptions import subscriptions
from tests.bot.company import NOW, SETTINGS, build

WORKSPACE, CHANNEL = "T0TEST", "C0SALES"


def ask_in(
    session: Session,
    who: Rep,
    line: str,
    *,
    channel: str = CHANNEL,
    platform: str = "slack",
    locale: str = "en",
) -> Reply:
    asker = asker_by_email(session, who.email)
    assert asker is not None
    context = ChatContext(
        session=session,
        settings=SETTINGS,
        now=NOW,
        asker=asker,
        texts=Texts(locale, SETTINGS.currency),
        platform=platform,
        workspace=WORKSPACE,
        channel=channel,
        charts=False,
    )
    return asyncio.run(build_registry().dispatch(line, context))


def test_a_manager_subscribes_the_channel_to_the_leaderboard(session: Session) -> None:
    people = build(session)

    reply = ask_in(session, people.mona, "/quotabot subscribe leaderboard weekdays 09:00")

    assert reply.title == "Scheduled"
    assert reply.paragraphs[0] == (
        "Every weekday at 09:00 (UTC) I will post the leaderboard of won revenue in this "
        "channel (subscription 1)."
    )
    [stored] = subscriptions(session)
    assert (stored.platform, stored.workspace, stored.target) == ("slack", WORKSPACE, CHANNEL)
    assert (stored.cron, stored.timezone, stored.metric) == ("0 9 * * 1-5", "UTC", "won_revenue")
    assert stored.created_by == people.mona.email


def test_the_askers_own_time_zone_metric_and_team_are_used(session: Session) -> None:
    people = build(session)
    people.mona.timezone = "Europe/Rome"
    session.add(people.mona)
    session.commit()

    reply = ask_in(session, people.mona, "subscribe leaderboard weekly fri 17:30 attainment north")

    assert reply.paragraphs[0].startswith(
        "Every Friday at 17:30 (Europe/Rome) I will post the leaderboard of attainment of North"
    )
    [stored] = subscriptions(session)
    assert (stored.cron, stored.timezone) == ("30 17 * * 5", "Europe/Rome")
    assert stored.team_id == people.north.id


def test_the_channel_lists_its_subscriptions_and_stops_one(session: Session) -> None:
    people = build(session)
    ask_in(session, people.mona, "subscribe leaderboard daily 08:00")
    ask_in(session, people.mona, "subscribe leaderboard daily 09:00", channel="C0OTHER")

    listed = ask_in(session, people.root, "subscriptions")

    assert listed.title == "Scheduled posts in this channel"
    # NOW is the start of 2026-12-01 (UTC): the next 08:00 is that very morning.
    assert listed.paragraphs[0] == (
        "• *1.* The leaderboard of won revenue. Every day at 08:00 (UTC); "
        "next on Dec 1, 2026 08:00."
    )

    stopped = ask_in(session, people.mona, "unsubscribe 1")

    assert stopped.title == "Unsubscribed"
    assert [item.target for item in subscriptions(session)] == ["C0OTHER"]


def test_another_channels_subscription_cannot_be_stopped_from_here(session: Session) -> None:
    people = build(session)
    ask_in(session, people.mona, "subscribe leaderboard daily 09:00", channel="C0OTHER")

    reply = ask_in(session, people.mona, "unsubscribe 1")

    assert reply.paragraphs == (
        "This channel has no subscription 1; `subscriptions` lists the ones it has.",
    )
    assert len(subscriptions(session)) == 1


@pytest.mark.parametrize("line", ["subscribe leaderboard daily 09:00", "unsubscribe 1"])
def test_a_rep_is_refused(session: Session, line: str) -> None:
    people = build(session)
    session.add(
        Subscription(
            platform="slack", workspace=WORKSPACE, target=CHANNEL, kind="leaderboard",
            cron="0 9 * * *", timezone="UTC", created_by="cli",
        )
    )  # fmt: skip
    session.commit()

    reply = ask_in(session, people.ada, line)

    assert reply.paragraphs == ("Sorry, this command is for managers. Try `help` for yours.",)
    assert len(subscriptions(session)) == 1


@pytest.mark.parametrize(
    ("line", "says"),
    [
        ("subscribe leaderboard daily 22:00", "22:00 is in quiet hours"),
        ("subscribe leaderboard hourly 09:00", "`hourly` is not how often"),
        ("subscribe leaderboard weekly funday 09:00", "`funday` is not a day of the week"),
        ("subscribe leaderboard daily 9am", "`9am` is not a time of day"),
        ("subscribe contest daily 09:00", "A contest's posts come with the contest"),
        ("subscribe leaderboard daily 09:00 Nowhere", "can't find a team or person"),
    ],
)
def test_bad_input_is_named(session: Session, line: str, says: str) -> None:
    people = build(session)

    reply = ask_in(session, people.mona, line)

    assert says in " ".join(reply.paragraphs)
    assert subscriptions(session) == []


def test_the_same_subscription_twice_is_refused(session: Session) -> None:
    people = build(session)
    ask_in(session, people.mona, "subscribe leaderboard daily 09:00")

    again = ask_in(session, people.mona, "subscribe leaderboard daily 09:00")

    assert again.paragraphs == ("This channel gets that post already (subscription 1).",)


def test_outside_a_channel_it_says_where_to_type_it(session: Session) -> None:
    people = build(session)

    reply = ask_in(session, people.mona, "subscribe leaderboard daily 09:00", platform="console")

    assert "type this in the channel" in reply.paragraphs[0]


def test_italian_readers_read_italian(session: Session) -> None:
    people = build(session)

    reply = ask_in(session, people.mona, "iscrivi classifica feriali 09:00", locale="it")

    assert reply.title == "Programmato"
    assert reply.paragraphs[0].startswith("Ogni giorno feriale alle 09:00 (UTC) pubblicherò")


def test_a_channel_subscribes_to_celebrations(session: Session) -> None:
    people = build(session)

    reply = ask_in(session, people.mona, "subscribe celebrations South")
    listed = ask_in(session, people.mona, "subscriptions")

    assert reply.paragraphs[0] == (
        "I will celebrate every deal won in this channel as soon as it is imported "
        "(subscription 1), between 07:00 and 20:00 (UTC)."
    )
    [stored] = subscriptions(session)
    assert (stored.kind, stored.cron, stored.team_id) == ("celebrations", "", people.south.id)
    assert listed.paragraphs[0] == (
        "• *1.* The celebrations of deals won (South). As deals are won (UTC)."
    )
