"""Replies in the reader's language and formats, with every kind of name."""

import pytest
from sqlmodel import Session

from bot.catalogue import CATALOGUES, Texts
from bot.commands import build_registry
from tests.bot.company import ask, build, fields, text

NBSP = "\u00a0"


def test_every_text_exists_in_english_and_italian() -> None:
    english, italian = set(CATALOGUES["en"]), set(CATALOGUES["it"])

    assert english == italian


def test_every_command_has_help_and_usage() -> None:
    registry = build_registry()

    for command in registry.commands.values():
        for language in CATALOGUES.values():
            assert command.help_key in language
            assert command.usage_key in language


def test_the_readers_locale_comes_from_the_rep(session: Session) -> None:
    people = build(session)
    people.ada.locale = "it"
    session.add(people.ada)
    session.commit()

    reply = ask(session, people.ada, "myquota 2026-Q4")

    assert reply.title == "La tua quota · 2026-Q4"
    assert reply.paragraphs[0] == (
        f"*30.000{NBSP}USD* vinti su *60.000{NBSP}USD*: *50%* della quota. "
        f"Sono 9.091{NBSP}USD in ritardo sul ritmo (39.091{NBSP}USD attesi a oggi)."
    )
    assert fields(reply)["Giorni lavorativi rimasti"] == "23"
    assert fields(reply)["Copertura della pipeline"] == "1,3x"


def test_italian_labels_and_dates(session: Session) -> None:
    people = build(session)

    reply = ask(session, people.ada, "pipeline 2026-Q4", locale="it")

    assert reply.paragraphs[0].startswith(f"3 trattative aperte per 40.000{NBSP}USD")
    assert "data di chiusura 20 nov 2026 superata" in text(reply)
    assert "ferma da 42 giorni" in text(reply)
    assert [button.label for button in reply.buttons] == [
        "Trimestre scorso",
        "Pubblica nel canale",
    ]


def test_an_unknown_locale_reads_english() -> None:
    texts = Texts("xx", "EUR")

    assert texts("field.quota") == "Quota"
    assert texts.money(None) == "–"


@pytest.mark.parametrize(
    "name",
    ["Zoë Müller-Ørsted", "🚀 Rocket Rita", "Ana [admin] *Star* _x_", "N" * 200],
)
def test_any_name_reaches_the_reply_whole(session: Session, name: str) -> None:
    people = build(session)
    people.ada.name = name
    session.add(people.ada)
    session.commit()

    quota = ask(session, people.mona, "team 2026-Q4", charts=True)
    board = ask(session, people.ada, "leaderboard 2026-Q4")

    assert name in quota.paragraphs[1]
    assert f"*{name}* (you)" in board.paragraphs[0]
    assert quota.images[0].png
