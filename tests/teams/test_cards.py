"""A `Reply` as an Adaptive Card: every part of it, in the form Teams renders."""

from __future__ import annotations

import json

from adapters.teams.cards import (
    CARD_VERSION,
    TEXT_BUDGET,
    Press,
    card,
    markdown,
    message,
    submitted,
)
from bot.chart_theme import Chart
from bot.reply import POST, RUN, Button, Field, Progress, Reply


def test_a_card_has_the_title_the_lines_the_facts_and_the_buttons() -> None:
    reply = Reply(
        title="Your quota · 2026-Q4",
        paragraphs=("You are *ahead* of pace.\n• one\n• two",),
        fields=(Field("Won", "$30,000"), Field("Quota", "$60,000")),
        progress=(Progress("Attainment", 0.5, marker=0.65, marker_label="pace 65%"),),
        buttons=(Button("Last quarter", RUN, "myquota last-quarter"),),
    )

    shown = card(reply)

    assert shown["version"] == CARD_VERSION == "1.5"
    body = shown["body"]
    assert body[0] == {
        "type": "TextBlock",
        "text": "Your quota · 2026-Q4",
        "wrap": True,
        "size": "Large",
        "weight": "Bolder",
        "style": "heading",
    }
    assert [block["text"] for block in body[1:4]] == [
        "You are **ahead** of pace.",
        "- one",
        "- two",
    ]
    assert all(block["wrap"] for block in body[1:4])
    [bar] = [element for element in body if element["type"] == "Container"]
    assert "50% · pace 65%" in bar["items"][1]["text"]
    [facts] = [element for element in body if element["type"] == "FactSet"]
    assert facts["facts"] == [
        {"title": "Won", "value": "$30,000"},
        {"title": "Quota", "value": "$60,000"},
    ]
    assert shown["actions"] == [
        {
            "type": "Action.Submit",
            "title": "Last quarter",
            "data": {"quotabot": RUN, "command": "myquota last-quarter"},
        }
    ]


def test_a_chart_shows_by_its_url_with_its_alt_text() -> None:
    reply = Reply(title="Chart", images=(Chart(b"png", "Ada at 50%", 1200, 600),))

    [image] = [
        element
        for element in card(reply, ["https://q.test/charts/1"])["body"]
        if element["type"] == "Image"
    ]

    assert image == {
        "type": "Image",
        "url": "https://q.test/charts/1",
        "altText": "Ada at 50%",
        "size": "Stretch",
    }


def test_a_pressed_button_reads_back_as_its_command() -> None:
    reply = Reply(title="x", buttons=(Button("Post", POST, "leaderboard public"),))
    [action] = card(reply)["actions"]

    press = submitted(json.loads(json.dumps(action["data"])))

    assert press == Press(POST, "leaderboard public")
    assert press.posting
    assert submitted({"rating": 5}) is None
    assert submitted("leaderboard") is None
    assert submitted({"quotabot": "quotabot.delete", "command": "x"}) is None


def test_code_spans_read_as_plain_text() -> None:
    assert markdown("Type `help` for *more*") == "Type help for **more**"


def test_a_reply_too_long_for_teams_is_cut_with_a_count() -> None:
    lines = "\n".join(f"line {number} " + "x" * 80 for number in range(400))
    reply = Reply(title="Long", paragraphs=(lines,), buttons=(Button("Again", RUN, "again"),))

    shown = card(reply)

    texts = [block.get("text", "") for block in shown["body"]]
    assert sum(map(len, texts)) <= TEXT_BUDGET + 100
    assert texts[-1].startswith("… +")
    assert int(texts[-1].removeprefix("… +")) == 400 - (len(texts) - 2)
    assert shown["actions"][0]["title"] == "Again"


def test_the_message_carries_a_summary_for_notifications() -> None:
    sent = message(Reply(title="Leaderboard", summary="You are *2nd* of `5`"))

    assert sent["summary"] == "You are 2nd of 5"
    assert sent["attachments"][0]["contentType"] == "application/vnd.microsoft.card.adaptive"
