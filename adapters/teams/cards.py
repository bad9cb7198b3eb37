"""A `Reply` as an Adaptive Card 1.5, the version Teams renders, and back from a press.

Pure functions, no network. The transport stores each chart PNG first and passes the
image URLs here in the reply's image order; with no URLs, no images.

The card states what the console states: the title as a heading, each line of a
paragraph as a wrapped TextBlock, each progress bar as a text bar with its percentage,
marker and caption, the fields as one FactSet, one Image per chart, a form's inputs
(adapters.teams.forms), and the buttons as Action.Submit whose data carries the
command line it runs. Teams returns that data as the `value` of a message activity,
which `submitted` reads back.

Teams refuses a message over about 40 KB (the limit is counted in UTF-16 and has moved
between 28 KB and 100 KB over the years), so the texts of a card share a budget well
below that: when they would pass it, the content stops early and a last line says how
many lines, fields, bars or charts were left out ("… +N"). The title and the buttons
are always kept.
"""

from __future__ import annotations

import logging
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from adapters.teams.forms import inputs, submit_action
from bot.reply import BULLET, POST, RUN, Button, Field, Progress, Reply

logger = logging.getLogger(__name__)

Element = dict[str, Any]

CARD_VERSION = "1.5"
CARD_SCHEMA = "http://adaptivecards.io/schemas/adaptive-card.json"
CONTENT_TYPE = "application/vnd.microsoft.card.adaptive"
TEXT_BUDGET = 16_000  # characters of text in one card, far below Teams' message limit
MAX_ACTIONS = 6  # Teams shows at most six actions under a card
BUTTON_TEXT = 75
COMMAND_TEXT = 2000  # a command line longer than this is no command of ours
BAR_WIDTH = 20
FULL, EMPTY, MARKER = "▓", "░", "┃"
SUMMARY_TEXT = 300

# What an Action.Submit carries, and Teams sends back as the activity's value.
ACTION_KEY = "quotabot"  # RUN or POST
COMMAND_KEY = "command"  # the command line

_BOLD = re.compile(r"(?<![\w*])\*([^*\n]+)\*(?![\w*])")
_CODE = re.compile(r"`([^`\n]*)`")


@dataclass(frozen=True, slots=True)
class Press:
    """A pressed Action.Submit of ours: what kind, and the command line to run."""

    action: str
    line: str

    @property
    def posting(self) -> bool:
        return self.action == POST


def submitted(value: object) -> Press | None:
    """The press an activity's `value` stands for, or None when it is none of ours."""
    if not isinstance(value, Mapping):
        return None
    action, line = value.get(ACTION_KEY), value.get(COMMAND_KEY)
    if action not in (RUN, POST) or not isinstance(line, str) or not line.strip():
        return None
    return Press(str(action), line.strip())


def markdown(text: str) -> str:
    """The reply's simple markdown as the Adaptive Card subset that Teams renders.

    *bold* becomes **bold**, _italic_ stays; Adaptive Cards have no code spans, so a
    `code` span loses its backticks and reads as plain text.
    """
    return _BOLD.sub(r"**\1**", _CODE.sub(r"\1", text))


def summary(reply: Reply) -> str:
    """The reply's one line for notifications, as plain text: Teams shows no markdown
    there."""
    plain = _CODE.sub(r"\1", _BOLD.sub(r"\1", reply.fallback)).strip()
    return plain[:SUMMARY_TEXT] or "Quotabot"


def attachment(reply: Reply, image_urls: Sequence[str] = ()) -> dict[str, Any]:
    """The card as a Bot Framework attachment."""
    return {"contentType": CONTENT_TYPE, "content": card(reply, image_urls)}


def message(reply: Reply, image_urls: Sequence[str] = ()) -> dict[str, Any]:
    """The message activity that carries the card; `summary` shows in notifications."""
    return {
        "type": "message",
        "summary": summary(reply),
        "attachments": [attachment(reply, image_urls)],
    }


def card(reply: Reply, image_urls: Sequence[str] = ()) -> dict[str, Any]:
    """The Adaptive Card of a reply."""
    content: list[tuple[Element, int]] = [
        *(piece for paragraph in reply.paragraphs for piece in _paragraph(paragraph)),
        *(_progress(progress) for progress in reply.progress),
        *_facts(reply.fields),
        *_images(reply, image_urls),
    ]
    body = [*_title(reply.title), *_within_budget(reply, content)]
    if reply.form is not None:
        body += inputs(reply.form)
    result: dict[str, Any] = {
        "type": "AdaptiveCard",
        "$schema": CARD_SCHEMA,
        "version": CARD_VERSION,
        "body": body,
        "msteams": {"width": "Full"},  # room for the charts
    }
    actions = _actions(reply.buttons)
    if reply.form is not None:
        actions = [submit_action(reply.form), *actions][:MAX_ACTIONS]
    if actions:
        result["actions"] = actions
    return result


def _within_budget(reply: Reply, content: list[tuple[Element, int]]) -> list[Element]:
    sizes = [_size(element) for element, _ in content]
    if sum(sizes) <= TEXT_BUDGET:
        return [element for element, _ in content]

    # Too much: keep the content in order while it fits beside the closing note.
    kept: list[Element] = []
    used = 0
    for (element, _), size in zip(content, sizes, strict=True):
        if used + size > TEXT_BUDGET:
            break
        kept.append(element)
        used += size
    left_out = sum(items for _, items in content[len(kept) :])
    logger.info("reply %r cut for Teams: %s things left out", reply.title[:40], left_out)
    return [*kept, _text(f"… +{left_out}", isSubtle=True)]


def _size(element: Element) -> int:
    if element["type"] == "FactSet":
        return sum(len(fact["title"]) + len(fact["value"]) for fact in element["facts"])
    if element["type"] == "Container":
        return sum(_size(item) for item in element["items"])
    if element["type"] == "Image":
        # Teams leaves inline (base64) images out of its message size limit.
        url = element["url"]
        return len(element.get("altText", "")) + (0 if url.startswith("data:") else len(url))
    return len(element.get("text", ""))


def _text(text: str, **style: Any) -> Element:
    return {"type": "TextBlock", "text": text, "wrap": True, **style}


def _title(title: str) -> list[Element]:
    text = title.strip()
    if not text:
        return []
    return [_text(text, size="Large", weight="Bolder", style="heading")]


def _paragraph(paragraph: str) -> list[tuple[Element, int]]:
    """A TextBlock per line: a single line break inside one block is not shown by
    every Teams client, while blocks close together always read as lines."""
    lines = [line for line in paragraph.splitlines() if line.strip()]
    pieces = []
    for index, line in enumerate(lines):
        spacing = {"spacing": "None"} if index else {}
        if line.startswith(BULLET):
            line = "- " + line.removeprefix(BULLET)
        pieces.append((_text(markdown(line), **spacing), 1))
    return pieces


def bar(progress: Progress, width: int = BAR_WIDTH) -> str:
    """A text progress bar; the marker (pace) is drawn inside it as a thick line."""
    fraction = progress.fraction if math.isfinite(progress.fraction) else 0.0
    end = max(1.0, fraction)
    filled = round(max(0.0, fraction) / end * width)
    cells = [FULL] * filled + [EMPTY] * (width - filled)
    if progress.marker is not None and math.isfinite(progress.marker):
        at = min(width - 1, max(0, round(progress.marker / end * width)))
        cells[at] = MARKER
    return "".join(cells)


def _progress(progress: Progress) -> tuple[Element, int]:
    """The bar's label, the bar with its percentage and marker, then its caption."""
    fraction = progress.fraction if math.isfinite(progress.fraction) else 0.0
    line = f"{bar(progress)}  {fraction:.0%}"
    if progress.marker_label:
        line += f" · {progress.marker_label}"
    items: list[Element] = []
    if progress.label.strip():
        items.append(_text(progress.label.strip(), weight="Bolder"))
    items.append(_text(line, fontType="Monospace", spacing="None"))
    if progress.caption:
        items.append(_text(progress.caption, isSubtle=True, spacing="None"))
    return {"type": "Container", "items": items}, 1


def _facts(fields: Sequence[Field]) -> list[tuple[Element, int]]:
    if not fields:
        return []
    facts = [{"title": field.label.strip() or "–", "value": field.value} for field in fields]
    return [({"type": "FactSet", "facts": facts}, len(facts))]


def _images(reply: Reply, image_urls: Sequence[str]) -> list[tuple[Element, int]]:
    pieces = []
    for chart, url in zip(reply.images, image_urls, strict=False):
        alt = chart.alt_text.strip() or reply.title.strip() or "chart"
        image = {"type": "Image", "url": url, "altText": alt, "size": "Stretch"}
        pieces.append((image, 1))
    return pieces


def _actions(buttons: Sequence[Button]) -> list[Element]:
    actions = [action for action in map(_submit, buttons) if action is not None]
    if len(actions) > MAX_ACTIONS:
        logger.warning("%s buttons left out: Teams shows six", len(actions) - MAX_ACTIONS)
    return actions[:MAX_ACTIONS]


def _submit(button: Button) -> Element | None:
    if button.action not in (RUN, POST):
        logger.warning("button %r left out: unknown action %r", button.label, button.action)
        return None
    if not button.value.strip() or len(button.value) > COMMAND_TEXT:
        # A command line cut short would run another command: better no button.
        logger.warning("button %r left out: its command is empty or too long", button.label)
        return None
    title = button.label.strip()[:BUTTON_TEXT] or button.value[:BUTTON_TEXT]
    data = {ACTION_KEY: button.action, COMMAND_KEY: button.value}
    return {"type": "Action.Submit", "title": title, "data": data}
