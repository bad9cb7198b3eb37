"""New badges are announced in the celebration channels, once, after the wins."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

from sqlmodel import Session, col, select

from core.ingest import DealRecord, import_deals
from core.models import DealStageChange
from core.periods import FiscalCalendar
from tests.bot.company import SETTINGS, build
from tests.scheduler.conftest import MakeRunner, RecordingSender, key
from tests.scheduler.test_celebrations import celebrate_in, look, posts_for
from tests.scheduler.wins import noon_zone


def test_the_badges_an_import_awards_follow_its_wins_once(
    session: Session, make_runner: MakeRunner
) -> None:
    people = build(session)
    sender = RecordingSender()
    celebrate_in(session, "C0WINS", noon_zone(datetime.now(UTC)))
    celebrate_in(session, "C0SOUTH", noon_zone(datetime.now(UTC)), team_id=people.south.id)
    today = FiscalCalendar().local_date(datetime.now(UTC))
    # Mona's first win ever, today; Carl's first win (November) was never settled before
    # and is no news now, so it is awarded quietly.
    records = [
        DealRecord("M1", people.mona.email, "Closed Won", name="Hooli", amount=Decimal(5_000),
                   close_date=today),
        DealRecord("C9", people.carl.email, "Negotiation", name="Soylent"),
    ]  # fmt: skip
    import_deals(session, records, source="test", today=today, rewards=SETTINGS)
    session.commit()
    stamp = max(session.exec(select(col(DealStageChange.recorded_at))).all())
    posts = posts_for(make_runner(sender), session, stamp)

    look(posts)
    look(posts)

    posted = [(where, reply.title, reply.paragraphs) for where, reply in sender.posted]
    assert posted == [
        (key("C0WINS"), "🎉 A deal won", ("• *Mona Manager* won Hooli: *$5,000*",)),
        (
            key("C0WINS"),
            "🏅 1 new badge",
            (f"• *Mona Manager*: First win ({today:%b} {today.day}, {today.year})",),
        ),
    ]
