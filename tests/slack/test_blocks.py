"""Replies as Block Kit: every payload within Slack's limits, checked by slack_sdk's models.

Each payload goes through `slack_sdk.models.blocks.Block.parse(...).validate_json()`,
which raises on a broken documented limit, and through `within_limits` below for what
slack_sdk does not check (the 50 or 100 blocks, the length of each field, unique
action ids, the shared text budget, lengths in UTF-16 code units).
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from slack_sdk.models.blocks import Block
from slack_sdk.models.views import View
from sqlmodel import Session

from adapters.slack.blocks import (
    MESSAGE_BLOCKS,
    TEXT_BUDGET,
    VIEW_BLOCKS,
    ButtonAction,
    UnknownAction,
    blocks,
    fallback_text,
    home_view,
    message,
    parse_action,
)
from adapters.slack.mrkdwn import size
from bot.chart_theme import Chart
from bot.reply import POST, RUN, Button, Field, Progress, Reply, bullets
from core.models import Rep
from core.storage import open_database
from quotabot.cli import main
from tests.bot.company import Q4, ask, build

FILE_IDS = tuple(f"F0TEST{number:04d}" for number in range(1, 10))
CHART = Chart(png=b"\x89PNG fake", alt_text="Won revenue by week", width=1200, height=600)
# 200 characters: accents, emoji with skin tones and ZWJ, a flag, markup characters.
LONG_NAME = ("Zoë Ångström-Núñez 👩🏽‍💻 <R&D> *🇮🇹* " * 6)[:200]


def within_limits(payload: list[dict[str, Any]], max_blocks: int = MESSAGE_BLOCKS) -> None:
    for block in payload:
        Block.parse(block).validate_json()  # type: ignore[union-attr]
    assert 0 < len(payload) <= max_blocks
    texts: list[str] = []
    action_ids: list[str] = []
    for block in payload:
        kind = block["type"]
        if kind == "header":
            assert size(block["text"]["text"]) <= 150
            texts.append(block["text"]["text"])
        elif kind == "section":
            fields = block.get("fields", [])
            assert len(fields) <= 10
            assert all(0 < size(field["text"]) <= 2000 for field in fields)
            if "text" in block:
                assert 0 < size(block["text"]["text"]) <= 3000
                assert block["text"]["text"].strip()
            texts += [field["text"] for field in fields] + [block.get("text", {}).get("text", "")]
        elif kind == "context":
            assert len(block["elements"]) <= 10
            texts += [element["text"] for element in block["elements"]]
        elif kind == "image":
            assert 0 < size(block["alt_text"]) <= 2000
            texts.append(block["alt_text"])
        else:
            assert kind == "actions"
            assert len(block["elements"]) <= 25
            for button in block["elements"]:
                assert 0 < size(button["text"]["text"]) <= 75
                assert size(button["value"]) <= 2000
                action_ids.append(button["action_id"])
                texts.append(button["text"]["text"])
    assert len(action_ids) == len(set(action_ids))
    assert sum(size(text) for text in texts) <= TEXT_BUDGET
    json.dumps(payload)


def shown_in(payload: list[dict[str, Any]]) -> str:
    """The whole payload as JSON, to look for a text anywhere in it."""
    return json.dumps(payload, ensure_ascii=False)


def mrkdwn_texts(payload: list[dict[str, Any]]) -> list[str]:
    found: list[str] = []
    for block in payload:
        objects = [block.get("text"), *block.get("fields", []), *block.get("elements", [])]
        found += [o["text"] for o in objects if isinstance(o, dict) and o["type"] == "mrkdwn"]
    return found


ROLES = {"rep": "ada", "manager": "mona", "admin": "root"}
LINES = [
    "myquota", "myquota 2026-Q3", "leaderboard", "leaderboard win_rate 2026-Q4 North public",
    "pipeline", "forecast 2026-Q4", "team", "atrisk", "help", "help leaderboard", "whoami",
    "quotabot", "myquota 2026-Q9", "myquota Nobody Atall", "leaderboard 2026-Q4 2026-Q3",
    "frobnicate", "link @U123 ada.lovelace@example.com", "myquota Carl Weber",
]  # fmt: skip


@pytest.mark.parametrize("role", sorted(ROLES))
def test_every_command_for_every_role_fits(session: Session, role: str) -> None:
    people = build(session)
    asker: Rep = getattr(people, ROLES[role])

    for line in LINES:
        reply = ask(session, asker, line, charts=line.startswith(("myquota", "leaderboard")))
        files = FILE_IDS[: len(reply.images)]
        payload = message(reply, files)
        view = home_view(reply, files)

        within_limits(payload["blocks"])
        within_limits(view["blocks"], VIEW_BLOCKS)
        View(**view).validate_json()
        assert payload["text"] == fallback_text(reply)
        assert payload["blocks"][0]["text"]["text"] == reply.title
        images = [block for block in payload["blocks"] if block["type"] == "image"]
        assert [image["slack_file"]["id"] for image in images] == list(files)
        pressed = [
            parse_action(element["action_id"], element["value"])
            for block in payload["blocks"]
            if block["type"] == "actions"
            for element in block["elements"]
        ]
        assert pressed == [(ButtonAction(b.action), b.value) for b in reply.buttons]


def test_a_name_of_200_characters_with_emoji_fits(session: Session) -> None:
    people = build(session)
    long = people.company.rep(LONG_NAME, people.north, people.mona)
    people.company.quota(long, Q4, 10_000)
    people.company.deal(long, "won", 4_000, date(2026, 11, 2), name=LONG_NAME)
    session.commit()

    for line in ["myquota", "leaderboard", "pipeline", "whoami"]:
        reply = ask(session, long, line, charts=True)
        payload = blocks(reply, FILE_IDS[: len(reply.images)])

        within_limits(payload)
        assert not any("<" in text for text in mrkdwn_texts(payload))
    board = blocks(ask(session, long, "leaderboard"))
    assert "&lt;R&amp;D&gt;" in shown_in(board)
    within_limits(blocks(ask(session, people.mona, "team")))


def test_a_leaderboard_of_300_people_fits(session: Session) -> None:
    people = build(session)
    for number in range(300):
        rep = people.company.rep(f"Rep Number {number:03d} Ñandú 🦤", people.south)
        people.company.deal(rep, "won", 1_000 + number, date(2026, 11, 3))
    session.commit()

    reply = ask(session, people.root, "leaderboard", charts=True)
    payload = blocks(reply, FILE_IDS[:1])

    within_limits(payload)
    assert "303 people ranked in all." in shown_in(payload)


def huge_reply() -> Reply:
    rows = [f"`{rank:>3}.` {LONG_NAME[:40]} · ${rank * 1_000:,}" for rank in range(1, 301)]
    return Reply(
        title=f"Leaderboard · {LONG_NAME}",
        paragraphs=(bullets(rows),),
        fields=tuple(Field(f"Rep {number}", LONG_NAME) for number in range(300)),
        progress=(Progress("Attainment", 0.38, 0.69, "pace 69%", "$38 of $100"),),
        images=(CHART,),
        buttons=(Button("Last quarter", RUN, "leaderboard last-quarter"),
                 Button("Post to channel", POST, "leaderboard public")),
        summary="Leaderboard",
    )  # fmt: skip


def test_a_reply_of_300_rows_is_cut_with_a_count_and_keeps_its_buttons() -> None:
    reply = huge_reply()

    payload = blocks(reply, FILE_IDS[:1])

    within_limits(payload)
    *_, note, actions = payload
    assert actions["type"] == "actions"
    assert note["type"] == "context"
    kept_lines = sum(
        block["text"]["text"].count("\n") + 1
        for block in payload
        if block["type"] == "section" and block["text"]["text"].startswith("• ")
    )
    assert note["elements"][0]["text"] == f"… +{300 - kept_lines + 300 + 1 + 1}"
    assert payload[0]["text"]["text"].endswith("…")


def test_the_home_tab_view_fits() -> None:
    reply = huge_reply()

    view = home_view(reply, FILE_IDS[:1])

    assert view["type"] == "home"
    within_limits(view["blocks"], VIEW_BLOCKS)
    View(**view).validate_json()


def test_text_is_escaped_and_never_links_or_mentions() -> None:
    reply = Reply(
        title="R&D <EMEA>",
        paragraphs=("*Bold* _it_ `code` <!channel> <@U123> & more\n• a bullet",),
        fields=(Field("Team <x>", "R&D"),),
    )

    payload = blocks(reply)

    section, fields = payload[1], payload[2]
    assert payload[0]["text"]["text"] == "R&D <EMEA>"  # plain text goes as typed
    assert section["text"] == {
        "type": "mrkdwn",
        "text": "*Bold* _it_ `code` &lt;!channel&gt; &lt;@U123&gt; &amp; more\n• a bullet",
        "verbatim": True,
    }
    assert fields["fields"][0]["text"] == "*Team &lt;x&gt;*\nR&amp;D"


def test_a_progress_bar_states_fraction_marker_and_caption() -> None:
    over = Progress("Attainment", 1.25, 0.69, "pace 69%", "$125 of $100")
    broken = Progress("Attainment", float("nan"), float("inf"))

    [_, section] = blocks(Reply("Quota", progress=(over,)))
    [_, empty] = blocks(Reply("Quota", progress=(broken,)))

    assert section["text"]["text"] == (
        "*Attainment*\n▓▓▓▓▓▓▓▓▓▓▓┃▓▓▓▓▓▓▓▓  125% · pace 69%\n$125 of $100"
    )
    assert empty["text"]["text"] == "*Attainment*\n" + "░" * 20 + "  0%"


def test_without_file_ids_there_are_no_image_blocks() -> None:
    payload = blocks(Reply("Chart", images=(CHART, CHART)), FILE_IDS[:1])

    assert [block["type"] for block in payload] == ["header", "image"]
    assert blocks(Reply("Chart", images=(CHART,))) == [
        {"type": "header", "text": {"type": "plain_text", "text": "Chart"}}
    ]


def test_buttons_slack_cannot_carry_are_cut_or_left_out() -> None:
    reply = Reply(
        "Buttons",
        buttons=(
            Button("x" * 100, RUN, "myquota"),
            Button("Too long", RUN, "myquota " + "x" * 2000),
            Button("Unknown", "quotabot.delete", "myquota"),
            *(Button(f"B{number}", POST, f"myquota {number}") for number in range(30)),
        ),
    )

    [_, actions] = blocks(reply)

    elements = actions["elements"]
    assert len(elements) == 25
    assert elements[0]["text"]["text"] == "x" * 74 + "…"
    assert [element["action_id"] for element in elements[:2]] == [
        "quotabot.run.0",
        "quotabot.post.3",
    ]
    within_limits([actions])


def test_a_press_is_parsed_back() -> None:
    assert parse_action("quotabot.post.3", "myquota public") == (
        ButtonAction.POST,
        "myquota public",
    )
    assert parse_action("quotabot.run.0", "leaderboard") == (ButtonAction.RUN, "leaderboard")
    with pytest.raises(UnknownAction, match=r"other\.button"):
        parse_action("other.button", "x")


def test_the_fallback_text_is_the_summary_or_the_title() -> None:
    assert fallback_text(Reply("Title", summary="Ada: 50% <of> quota")) == (
        "Ada: 50% &lt;of&gt; quota"
    )
    assert fallback_text(Reply("Title")) == "Title"
    assert size(fallback_text(Reply("🦤" * 5000))) <= 3000


def test_preview_prints_the_payload_to_paste_in_block_kit_builder(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'quotabot.db'}"
    engine = open_database(url)
    with Session(engine) as session:
        build(session)
    engine.dispose()

    result = CliRunner().invoke(main, [
        "--database", url, "preview", "myquota", "--as", "ada.lovelace@example.com",
        "--as-of", "2026-12-01T00:00+00:00", "--platform", "slack", "--out", str(tmp_path),
    ])  # fmt: skip

    assert result.exit_code == 0, result.output
    payload = json.loads(result.output)
    assert payload["text"].startswith("*$30,000* won of *$60,000*")
    assert payload["blocks"][0]["text"]["text"] == "Your quota · 2026-Q4"
    within_limits(payload["blocks"])
    images = [block for block in payload["blocks"] if block["type"] == "image"]
    assert [image["slack_file"] for image in images] == [{"id": "F0PREVIEW1"}]
    assert (tmp_path / "preview-1.png").exists()
