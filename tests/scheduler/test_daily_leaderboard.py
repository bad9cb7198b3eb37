"""The daily leaderboard post: the top ten, who moved, and how fresh the figures are."""

from __future__ import annotations

import asyncio

from sqlalchemy import delete
from sqlmodel import Session

from bot.reply import Visibility
from core.config import Settings
from core.freshness import latest_update
from core.models import Deal, DealStageChange
from scheduler.jobs import build_post
from tests.bot.company import SETTINGS, People
from tests.scheduler.conftest import IMPORTED, NINE_IN_ROME, subscribe, the_job


def test_the_post_ranks_names_the_movers_and_says_how_fresh_it_is(
    session: Session, people: People
) -> None:
    subscribe(session, "C0SALES")

    reply = asyncio.run(
        build_post(the_job(session).post, session, SETTINGS, NINE_IN_ROME, charts=False)
    )

    assert reply.title == "Daily leaderboard · won revenue · 2026-Q4"
    assert reply.visibility is Visibility.CHANNEL
    board, movers, as_of = reply.paragraphs
    assert board.splitlines() == [
        "`  1.` Carl Weber · $60,000 ▲2",
        "`  2.` Bea Rossi · $36,000 ▼1",
        "`  3.` Ada Lovelace · $30,000 ▼1",
    ]
    assert movers == (
        "*Biggest movers since yesterday*\n"
        "• ▲ Carl Weber up 2\n"
        "• ▼ Bea Rossi down 1\n"
        "• ▼ Ada Lovelace down 1"
    )
    assert as_of == "_Figures as of the latest CRM update, Nov 30, 2026 at 18:00 (Europe/Rome)._"


def test_the_post_has_its_chart(session: Session, people: People) -> None:
    subscribe(session, "C0SALES")

    reply = asyncio.run(build_post(the_job(session).post, session, SETTINGS, NINE_IN_ROME))

    [chart] = reply.images
    assert chart.png.startswith(b"\x89PNG")
    assert "Carl Weber" in chart.alt_text


def test_an_italian_company_reads_the_post_in_italian(session: Session, people: People) -> None:
    subscribe(session, "C0SALES")
    italian = Settings(locale="it", currency="EUR")

    reply = asyncio.run(
        build_post(the_job(session).post, session, italian, NINE_IN_ROME, charts=False)
    )

    assert reply.title == "Classifica del giorno · fatturato vinto · 2026-Q4"
    assert reply.paragraphs[1].startswith(
        "*Chi si è mosso di più da ieri*\n• ▲ Carl Weber sale di 2"
    )
    assert reply.paragraphs[2] == (
        "_Dati all'ultimo aggiornamento dal CRM, 30 nov 2026 alle 18:00 (Europe/Rome)._"
    )


def test_freshness_is_the_latest_deal_import(session: Session, people: People) -> None:
    assert latest_update(session) == IMPORTED

    session.execute(delete(DealStageChange))
    session.execute(delete(Deal))
    session.commit()

    assert latest_update(session) is None
