"""The error boundary: an apology with a reference for faults, help for mistakes."""

import logging

import pytest
from sqlmodel import Session

from bot.catalogue import Texts
from bot.people import Level
from bot.registry import Args, ChatContext, Command, Registry, not_linked
from bot.reply import Reply
from core.models import Rep
from tests.bot.company import ask, build


def broken(context: ChatContext, args: Args) -> Reply:
    raise RuntimeError("the database caught fire")


def broken_registry() -> Registry:
    registry = Registry()
    registry.add(Command("broken", broken, frozenset(), Level.REP))
    return registry


def test_a_fault_is_an_apology_whose_reference_is_in_the_log(
    session: Session, caplog: pytest.LogCaptureFixture
) -> None:
    people = build(session)

    with caplog.at_level(logging.ERROR, logger="bot.errors"):
        reply = ask(session, people.ada, "broken", registry=broken_registry())

    assert reply.title == "Sorry, something went wrong"
    reference = reply.paragraphs[0].split("`")[1]
    assert len(reference) == 8
    assert "caught fire" not in " ".join(reply.paragraphs)  # no internals for the person
    [record] = caplog.records
    assert reference in record.getMessage()
    assert record.exc_info is not None
    assert "the database caught fire" in caplog.text  # the traceback, under that id
    assert "Traceback" in caplog.text


def test_the_apology_speaks_the_askers_language(session: Session) -> None:
    people = build(session)

    reply = ask(session, people.ada, "broken", locale="it", registry=broken_registry())

    assert reply.title == "Mi spiace, qualcosa è andato storto"
    assert "riferimento" in reply.paragraphs[0]


def test_an_unknown_period_names_it_and_the_valid_forms(session: Session) -> None:
    people = build(session)

    reply = ask(session, people.ada, "myquota 2026-Q7")

    assert reply.title == "I didn't get that"
    assert reply.paragraphs[0] == "I don't know the period `2026-Q7`."
    assert "`last-quarter`" in reply.paragraphs[1]


def test_an_unknown_name_offers_close_ones(session: Session) -> None:
    people = build(session)

    reply = ask(session, people.mona, "team Nort")

    assert reply.paragraphs == (
        "I can't find a team or person called “Nort”.",
        "Did you mean *North*?",
    )


def test_an_unknown_team_on_a_board_lists_the_teams(session: Session) -> None:
    people = build(session)

    reply = ask(session, people.ada, "leaderboard Westeros")

    assert reply.paragraphs[1:] == ("The teams are:", "• North\n• South")


def test_an_ambiguous_name_asks_for_an_email(session: Session) -> None:
    people = build(session)
    session.add(Rep(name="Carl Weber", email="carl.two@example.com"))
    session.commit()

    reply = ask(session, people.root, "myquota Carl Weber")

    assert reply.paragraphs[0] == "I couldn't work out who you meant:"
    assert "carl.two@example.com" in reply.paragraphs[1]


def test_someone_not_linked_is_told_how_to_link() -> None:
    reply = not_linked(Texts("it", "EUR"))

    assert reply.title == "Il tuo account della chat non è ancora collegato"
    assert "/quotabot link" in reply.paragraphs[1]
