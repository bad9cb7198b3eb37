"""Win stories kept and searched: asked once per deal, told once, `/stories [keyword]`
in English and Italian, only for deals still won; and `[stories]` in quotabot.toml."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from sqlmodel import Session, select

from core.config import ConfigError, load_settings
from core.models import Deal
from core.stories import ask, search, tell, told_at, told_since
from tests.bot.company import People, build, text
from tests.bot.company import ask as ask_bot

T0 = datetime(2026, 11, 30, 15, tzinfo=UTC)


def deal_named(session: Session, name: str) -> Deal:
    return session.exec(select(Deal).where(Deal.name == name)).one()


def told(
    session: Session, deal: Deal, at: datetime, difference: str, helpers: str, tip: str = ""
) -> None:
    assert deal.id is not None
    assert ask(session, deal.id, deal.owner_id, at - timedelta(hours=1))
    assert tell(session, deal.id, difference=difference, helpers=helpers, tip=tip, at=at)


def three_stories(session: Session) -> People:
    """Ada's Deal 1 (told first), Bea's Deal 2 and Carl's Deal 4, an hour apart; Bea's
    mentions a discount, written in capitals."""
    people = build(session)
    deals = {deal.id: deal for deal in session.exec(select(Deal))}
    ada, bea, carl = (deals[number] for number in (1, 2, 4))
    ada.name, bea.name, carl.name = "Acme", "Globex", "Initech"
    bea.account = "Globex Corp"
    session.add_all([ada, bea, carl])
    session.commit()
    told(session, ada, T0, "A pilot with finance", "Mona")
    told(session, bea, T0 + timedelta(hours=1), "No DISCOUNT, more value", "Carl", "Call early")
    told(session, carl, T0 + timedelta(hours=2), "A 100% uptime promise", "Bea")
    return people


def test_a_deal_is_asked_about_once_and_told_once(session: Session) -> None:
    build(session)
    deal = deal_named(session, "Acme renewal")
    assert deal.id is not None

    first = ask(session, deal.id, deal.owner_id, T0)
    again = ask(session, deal.id, deal.owner_id, T0 + timedelta(days=3))
    kept = tell(session, deal.id, difference="a", helpers="b", tip=None, at=T0)
    kept_again = tell(session, deal.id, difference="c", helpers="d", tip=None, at=T0)

    assert (first, again, kept, kept_again) == (True, False, True, False)
    assert not tell(session, 999, difference="a", helpers="b", tip=None, at=T0)  # never asked


def test_stories_are_found_by_the_moment_they_were_told_and_only_while_won(
    session: Session,
) -> None:
    three_stories(session)

    assert told_since(session, T0) == [T0 + timedelta(hours=1), T0 + timedelta(hours=2)]
    [globex] = told_at(session, T0 + timedelta(hours=1))
    assert (globex.owner, globex.deal, globex.amount) == ("Bea Rossi", "Globex", Decimal(36_000))

    lost = deal_named(session, "Globex")
    lost.status = "lost"
    session.add(lost)
    session.commit()
    assert told_at(session, T0 + timedelta(hours=1)) == []
    assert [story.deal for story in search(session, None)] == ["Initech", "Acme"]


def test_a_search_matches_rep_deal_account_and_words_in_any_case(session: Session) -> None:
    three_stories(session)

    def found(keyword: str | None) -> list[str | None]:
        return [story.deal for story in search(session, keyword)]

    assert found(None) == ["Initech", "Globex", "Acme"]  # newest first
    assert found("ada") == ["Acme"]  # the rep's name
    assert found("INITECH") == ["Initech"]  # the deal
    assert found("corp") == ["Globex"]  # the account
    assert found("discount") == ["Globex"]  # what made the difference
    assert found("mona") == ["Acme"]  # who helped
    assert found("call early") == ["Globex"]  # the tip
    assert found("100%") == ["Initech"]  # % is a character here, not a wildcard
    assert found("_") == []
    assert found("nothing like it") == []
    assert [story.deal for story in search(session, None, limit=2)] == ["Initech", "Globex"]


def test_stories_in_chat_for_everyone_newest_first_with_no_amounts(session: Session) -> None:
    people = three_stories(session)

    reply = ask_bot(session, people.carl, "stories")

    assert reply.title == "Win stories"
    assert reply.paragraphs[0] == (
        "*Carl Weber* · Initech · Nov 30, 2026\n"
        "*What made the difference:* A 100% uptime promise\n*Who helped:* Bea"
    )
    assert reply.paragraphs[1].startswith("*Bea Rossi* · Globex (Globex Corp) · Nov 30, 2026\n")
    assert reply.paragraphs[1].endswith("*Tip for the team:* Call early")
    assert len(reply.paragraphs) == 3
    assert "$" not in text(reply)


def test_stories_answer_in_italian_and_name_a_keyword_that_finds_nothing(
    session: Session,
) -> None:
    people = three_stories(session)

    found = ask_bot(session, people.ada, "storie sconto", locale="it")
    narrowed = ask_bot(session, people.ada, "stories discount", locale="it")

    assert found.title == "Storie di vittoria su «sconto»"
    assert found.paragraphs[0].startswith("Nessuna storia di vittoria parla di «sconto».")
    assert narrowed.paragraphs == (
        "*Bea Rossi* · Globex (Globex Corp) · 30 nov 2026\n"
        "*Che cosa ha fatto la differenza:* No DISCOUNT, more value\n"
        "*Chi ha aiutato:* Carl\n*Consiglio per il team:* Call early",
    )


def test_no_stories_yet_says_where_they_come_from(session: Session) -> None:
    people = build(session)

    reply = ask_bot(session, people.ada, "stories")

    assert reply.paragraphs == ("No win stories yet: they come from the winners of big deals.",)


def test_the_stories_section_is_read_and_validated(tmp_path: Path) -> None:
    path = tmp_path / "quotabot.toml"
    path.write_text("[stories]\nmin_amount = 20000\n")
    on = load_settings(path).stories
    path.write_text("[stories]\nenabled = false\nmin_amount = 20000\n")
    off = load_settings(path).stories

    assert (on.on, off.on) == (True, False)
    assert on.asks_about(Decimal(20_000))
    assert not on.asks_about(Decimal("19999.99"))
    assert not on.asks_about(None)
    assert not load_settings(None).stories.on  # no threshold, nobody is asked

    path.write_text("[stories]\nmin_amount = 0\nwhen = 3\n")
    with pytest.raises(ConfigError) as raised:
        load_settings(path)
    message = str(raised.value)
    assert "stories.min_amount" in message
    assert "stories.when" in message
