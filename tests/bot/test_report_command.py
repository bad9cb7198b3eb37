"""`/report [period] [team]`: the report on one screen, for managers and admins only."""

from __future__ import annotations

import asyncio

from sqlmodel import Session

from bot.catalogue import Texts
from bot.commands import build_registry
from bot.people import asker_by_email
from bot.registry import ChatContext
from bot.reply import Reply
from core.config import Settings
from core.models import Rep
from tests.report_company import AFTER_Q4, build_report_company


def ask(
    session: Session, who: Rep, line: str, *, charts: bool = False, locale: str = "en"
) -> Reply:
    asker = asker_by_email(session, who.email)
    assert asker is not None
    context = ChatContext(
        session=session, settings=Settings(), now=AFTER_Q4, asker=asker,
        texts=Texts(locale, "USD"), charts=charts,
    )  # fmt: skip
    return asyncio.run(build_registry().dispatch(line, context))


def test_an_admin_reads_the_companys_report(session: Session) -> None:
    people = build_report_company(session)

    reply = ask(session, people.root, "report 2026-Q4")

    assert reply.title == "Report · Everyone · 2026-Q4"
    assert reply.paragraphs[:2] == (
        "*$90,000* won of $120,000 (*75%*): 5 deals won, a win rate of 56%.",
        "Against 2026-Q3: +$25,000 on $65,000, attainment +21 pts, deals won +2.",
    )
    text = "\n\n".join(reply.paragraphs)
    assert (
        "*By team*\n• North: $75,000 of $90,000 (83%)\n• South: $15,000 of $30,000 (50%)" in text
    )
    assert "*Hit target*\n• Ada Lovelace: 110%" in text
    assert "• Bea Rossi, Initech renewal: $20,000\n• … and 2 more" in text
    assert "*Most improved on the previous period*\n• Ada Lovelace: 40% → 110% (+70 pts)" in text
    assert "*Best win rate*: Ada Lovelace, Carl Weber, 67%" in text
    assert "*Missed target*\n• Bea Rossi: $20,000 short (50%)\n• Carl Weber: $15,000" in text
    assert (
        "*Lost*: 4 deals for $16,000, by the stage they were lost from:\n"
        "• stage not recorded: 2 deals, $9,000\n"
        "• Proposal: 1 deal, $5,000\n"
        "• Negotiation: 1 deal, $2,000\n"
        "The biggest: Bea Rossi, Umbrella deal: $8,000."
    ) in text
    assert "*Slipped*: 2 open deals for $13,000 due in 2026-Q4 did not close:" in text
    assert reply.paragraphs[-1] == (
        "*Forecast*: commit $97,000, best case $97,000, weighted projection $94,700, "
        "against $90,000 won and a quota of $120,000."
    )


def test_a_manager_reads_their_own_teams_report_with_its_chart(session: Session) -> None:
    people = build_report_company(session)

    reply = ask(session, people.mona, "report 2026-Q4", charts=True)

    assert reply.title == "Report · North · 2026-Q4"
    assert "Carl Weber" not in "\n".join(reply.paragraphs)
    [chart] = reply.images
    assert chart.png.startswith(b"\x89PNG")
    assert "Ada Lovelace" in chart.alt_text
    assert "Bea Rossi" in chart.alt_text


def test_a_rep_is_refused(session: Session) -> None:
    people = build_report_company(session)

    reply = ask(session, people.ada, "report 2026-Q4 North")

    assert reply.title == "Not yours to see"
    assert reply.paragraphs == ("Sorry, this command is for managers. Try `help` for yours.",)


def test_a_manager_cannot_read_another_teams_report(session: Session) -> None:
    people = build_report_company(session)

    reply = ask(session, people.mona, "report South 2026-Q4")

    assert reply.title == "Not yours to see"
    assert "the figures of South are only for them" in reply.paragraphs[0]


def test_an_admin_names_any_team_and_a_bad_one_is_named_back(session: Session) -> None:
    people = build_report_company(session)

    south = ask(session, people.root, "report South 2026-Q4")
    unknown = ask(session, people.root, "report Sud 2026-Q4")
    bad_period = ask(session, people.root, "report 2026-Q9")

    assert south.title == "Report · South · 2026-Q4"
    assert unknown.paragraphs[0] == "I can't find a team or person called “Sud”."
    assert unknown.paragraphs[1:] == ("The teams are:", "• North\n• South")
    assert bad_period.paragraphs[0] == "I don't know the period `2026-Q9`."


def test_italian_readers_read_it_in_italian(session: Session) -> None:
    people = build_report_company(session)

    reply = ask(session, people.mona, "rapporto 2026-Q4", locale="it")

    assert reply.title == "Relazione · North · 2026-Q4"
    assert reply.paragraphs[0] == (
        "*75.000\u00a0USD* vinti su 90.000\u00a0USD (*83%*): 3 trattative vinte, "
        "tasso di vittoria 50%."
    )
    assert reply.paragraphs[1] == (
        "Rispetto a 2026-Q3: +25.000\u00a0USD su 50.000\u00a0USD, raggiungimento +28 punti, "
        "trattative vinte +1."
    )
