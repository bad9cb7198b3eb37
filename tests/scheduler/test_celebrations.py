"""Celebrations: a deal that an import turns won is posted once, soon after the import."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from decimal import Decimal

from sqlmodel import Session, select

from core.models import ScheduledDelivery, Subscription
from core.wins import imports_with_wins, wins_of_import
from scheduler.runner import Runner
from scheduler.service import ScheduledPosts
from tests.bot.company import SETTINGS, build
from tests.scheduler.conftest import WORKSPACE, MakeRunner, RecordingSender, key
from tests.scheduler.wins import noon_zone, win_two_deals


def celebrate_in(
    session: Session, channel: str, timezone: str, team_id: int | None = None
) -> Subscription:
    subscription = Subscription(
        platform="slack", workspace=WORKSPACE, target=channel, kind="celebrations", cron="",
        timezone=timezone, team_id=team_id, created_by="test",
        created_at=datetime.now(UTC) - timedelta(minutes=1),
    )  # fmt: skip
    session.add(subscription)
    session.commit()
    return subscription


def posts_for(runner: Runner, session: Session, stamp: datetime) -> ScheduledPosts:
    engine = session.get_bind()
    return ScheduledPosts(
        runner,
        lambda: Session(engine, expire_on_commit=False),
        clock=lambda: stamp + timedelta(seconds=3),
    )


def look(posts: ScheduledPosts) -> None:
    asyncio.run(posts.refresh())
    asyncio.run(posts.celebrate())


def test_the_deals_an_import_wins_are_found(session: Session) -> None:
    build(session)
    stamp = win_two_deals(session)

    wins = wins_of_import(session, SETTINGS.stages, stamp)

    assert [(win.owner, win.deal, win.amount) for win in wins] == [
        ("Ada Lovelace", "Acme renewal", Decimal("20000.00")),
        ("Carl Weber", "Umbrella", Decimal("8000.00")),
    ]
    assert imports_with_wins(session, SETTINGS.stages, stamp - timedelta(seconds=1)) == [stamp]


def test_an_import_that_wins_deals_is_celebrated_once(
    session: Session, make_runner: MakeRunner
) -> None:
    build(session)
    sender = RecordingSender()
    stamp = datetime.now(UTC)
    celebrate_in(session, "C0WINS", noon_zone(stamp))
    stamp = win_two_deals(session)
    posts = posts_for(make_runner(sender), session, stamp)

    look(posts)
    look(posts)

    [(where, reply)] = sender.posted
    assert where == key("C0WINS")
    assert reply.title == "🎉 2 deals won"
    assert reply.paragraphs == (
        "• *Ada Lovelace* won Acme renewal (Acme Corp): *$20,000*\n"
        "• *Carl Weber* won Umbrella: *$8,000*",
    )


def test_two_replicas_celebrate_once(session: Session, make_runner: MakeRunner) -> None:
    build(session)
    celebrate_in(session, "C0WINS", noon_zone(datetime.now(UTC)))
    stamp = win_two_deals(session)
    senders = [RecordingSender(), RecordingSender()]

    for number, sender in enumerate(senders):
        look(posts_for(make_runner(sender, f"replica-{number}"), session, stamp))

    assert len(senders[0].posted) + len(senders[1].posted) == 1


def test_a_team_channel_celebrates_its_own_team_only(
    session: Session, make_runner: MakeRunner
) -> None:
    people = build(session)
    sender = RecordingSender()
    celebrate_in(session, "C0SOUTH", noon_zone(datetime.now(UTC)), team_id=people.south.id)
    stamp = win_two_deals(session)

    look(posts_for(make_runner(sender), session, stamp))

    [(_, reply)] = sender.posted
    assert reply.title == "🎉 A deal won · South"
    assert reply.paragraphs == ("• *Carl Weber* won Umbrella: *$8,000*",)


def test_wins_before_the_subscription_or_at_night_are_not_celebrated(
    session: Session, make_runner: MakeRunner
) -> None:
    build(session)
    sender = RecordingSender()
    stamp = win_two_deals(session)
    later = Subscription(
        platform="slack", workspace=WORKSPACE, target="C0LATE", kind="celebrations", cron="",
        timezone=noon_zone(stamp), created_by="test", created_at=stamp + timedelta(seconds=1),
    )  # fmt: skip
    # A zone twelve hours from the noon one, where the import ran around midnight.
    offset = (stamp.astimezone(UTC).hour * -1) % 24
    offset = offset - 24 if offset > 14 else offset
    night = "Etc/GMT" if offset == 0 else f"Etc/GMT{'-' if offset > 0 else '+'}{abs(offset)}"
    session.add(later)
    session.commit()
    celebrate_in(session, "C0NIGHT", night)

    look(posts_for(make_runner(sender), session, stamp))

    assert sender.posted == []
    [delivery] = session.exec(select(ScheduledDelivery))
    assert (delivery.target, delivery.state) == (key("C0NIGHT"), "skipped")
    assert delivery.last_error == "quiet hours"
