"""A `Reply` as Slack Block Kit: the blocks of a message, and the App Home view.

Pure functions, no network. The transport uploads each chart PNG first (files_upload_v2)
and passes the file ids here in the reply's image order; with no ids, no image blocks.

The blocks state what the console states: the title as a header, paragraphs as mrkdwn
sections, each progress bar as a text bar with its percentage, marker and caption, the
fields two by two, one image block per chart, and the buttons. Who sees the reply is the
transport's business (an ephemeral answer or a post), so it has no block of its own.

Every payload stays inside Slack's limits whatever the reply holds, by cutting rather
than failing: long texts end with "…", and when the blocks or their text would be too
many, the content stops early and a last context block says how many lines, fields,
bars or charts were left out ("… +N"). The header and the buttons are always kept.
"""

from __future__ import annotations

import logging
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from adapters.slack.mrkdwn import clip, size
from bot.reply import FORM, POST, RUN, Button, Field, Form, Progress, Reply

logger = logging.getLogger(__name__)

Block = dict[str, Any]

# Slack's limits, from the Block Kit reference at docs.slack.dev/reference/block-kit.
MESSAGE_BLOCKS = 50
VIEW_BLOCKS = 100  # modals and the Home tab
HEADER_TEXT = 150
SECTION_TEXT = 3000
SECTION_FIELDS = 10
FIELD_TEXT = 2000
ALT_TEXT = 2000
ACTIONS_ELEMENTS = 25
BUTTON_TEXT = 75
BUTTON_VALUE = 2000
# Undocumented: chat.postMessage answers msg_blocks_too_long once the texts of all
# blocks add up to about 12,000 characters (slackapi/bolt-js#2509 and #2867), so the
# texts of one payload share a budget well below that (one report saw a refusal at
# 11,341 characters of text, so the cap is not exact).
TEXT_BUDGET = 8_000
# The `text` of chat.postMessage: shown in notifications, and where blocks cannot be.
FALLBACK_TEXT = 3000

BAR_WIDTH = 20
FULL, EMPTY, MARKER = "▓", "░", "┃"
FIELD_LABEL_TEXT = 300  # so that a long label leaves room for its value
PROGRESS_PART = 900  # the label, the marker's label and the caption share a section
NOTE_SIZE = len("… +100000")  # room kept for the closing "… +N"


class ButtonAction(StrEnum):
    """What a button press asks for; the prefix of its action_id."""

    RUN = RUN
    POST = POST
    FORM = FORM  # open the reply's form in a modal; the value is the form's id


# "quotabot.run.0", "quotabot.post.1": the kind, then the button's place in the reply.
ACTION_ID = re.compile(r"(quotabot\.(?:run|post|form))\.(\d+)")


class UnknownAction(ValueError):
    """An action_id that no Quotabot button carries."""

    def __init__(self, action_id: str) -> None:
        self.action_id = action_id
        super().__init__(f"not a Quotabot button: action_id {action_id!r}")


def parse_action(action_id: str, value: str) -> tuple[ButtonAction, str]:
    """The kind of a pressed button and the command line to run; UnknownAction if foreign."""
    match = ACTION_ID.fullmatch(action_id)
    if match is None:
        raise UnknownAction(action_id)
    return ButtonAction(match.group(1)), value


def fallback_text(reply: Reply) -> str:
    """The `text` that goes with the blocks: the reply's summary, or else its title."""
    return clip(reply.fallback.strip() or "Quotabot", FALLBACK_TEXT, escaped=True)


def message(reply: Reply, image_files: Sequence[str] = ()) -> dict[str, Any]:
    """The arguments of chat.postMessage (or of a response_url post) but the channel."""
    return {"text": fallback_text(reply), "blocks": blocks(reply, image_files)}


def blocks(reply: Reply, image_files: Sequence[str] = ()) -> list[Block]:
    """The reply's blocks for a message: at most 50."""
    return _layout(reply, image_files, MESSAGE_BLOCKS)


def home_view(reply: Reply, image_files: Sequence[str] = ()) -> dict[str, Any]:
    """The reply as an App Home view for views.publish: at most 100 blocks."""
    return {"type": "home", "blocks": _layout(reply, image_files, VIEW_BLOCKS)}


@dataclass(frozen=True, slots=True)
class _Piece:
    """A block and what it holds: the things a reader would miss if it were left out."""

    block: Block
    items: int
    text_size: int


def _layout(reply: Reply, image_files: Sequence[str], max_blocks: int) -> list[Block]:
    head = _header(reply.title)
    tail = _actions(reply.buttons, reply.form)
    content = [
        *(piece for paragraph in reply.paragraphs for piece in _paragraph(paragraph)),
        *(_progress(progress) for progress in reply.progress),
        *_fields(reply.fields),
        *_images(reply, image_files),
    ]
    fixed = [*head, *tail]
    room = max_blocks - len(fixed)
    budget = TEXT_BUDGET - sum(piece.text_size for piece in fixed)
    if len(content) <= room and sum(piece.text_size for piece in content) <= budget:
        return [piece.block for piece in [*head, *content, *tail]]

    # Too much: keep the content in order while it fits beside the closing note.
    kept: list[_Piece] = []
    used = NOTE_SIZE
    for piece in content:
        if len(kept) + 1 >= room or used + piece.text_size > budget:
            break
        kept.append(piece)
        used += piece.text_size
    left_out = sum(piece.items for piece in content[len(kept) :])
    logger.info("reply %r cut for Slack: %s things left out", reply.title[:40], left_out)
    return [piece.block for piece in [*head, *kept, _note(left_out), *tail]]


def _header(title: str) -> list[_Piece]:
    text = clip(title.strip(), HEADER_TEXT)
    if not text:
        return []
    block = {"type": "header", "text": {"type": "plain_text", "text": text}}
    return [_Piece(block, 1, size(text))]


def _section(text: str, items: int) -> _Piece:
    block = {"type": "section", "text": _mrkdwn(text)}
    return _Piece(block, items, size(text))


def _mrkdwn(text: str) -> dict[str, Any]:
    # verbatim: no automatic links or @channel mentions from the names in a reply.
    return {"type": "mrkdwn", "text": text, "verbatim": True}


def _paragraph(paragraph: str) -> list[_Piece]:
    """A paragraph in sections of whole lines, each within Slack's 3,000 characters."""
    pieces: list[_Piece] = []
    lines: list[str] = []
    used = 0
    for line in paragraph.splitlines():
        shown = clip(line, SECTION_TEXT, escaped=True)
        if lines and used + 1 + size(shown) > SECTION_TEXT:
            pieces.append(_section("\n".join(lines), len(lines)))
            lines, used = [], 0
        used += (1 if lines else 0) + size(shown)
        lines.append(shown)
    if lines:
        pieces.append(_section("\n".join(lines), len(lines)))
    return [piece for piece in pieces if piece.block["text"]["text"].strip()]


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


def _progress(progress: Progress) -> _Piece:
    """The bar's label, the bar with its percentage and marker, then its caption."""
    fraction = progress.fraction if math.isfinite(progress.fraction) else 0.0
    line = f"{bar(progress)}  {fraction:.0%}"
    if progress.marker_label:
        line += " · " + clip(progress.marker_label, PROGRESS_PART, escaped=True)
    label = clip(progress.label.strip(), PROGRESS_PART, escaped=True)
    lines = [f"*{label}*", line] if label else [line]
    if progress.caption:
        lines.append(clip(progress.caption, PROGRESS_PART, escaped=True))
    return _section("\n".join(lines), 1)


def _fields(fields: Sequence[Field]) -> list[_Piece]:
    """The fields two by two, at most ten to a section."""
    pieces = []
    for start in range(0, len(fields), SECTION_FIELDS):
        texts = [_field_text(field) for field in fields[start : start + SECTION_FIELDS]]
        block = {"type": "section", "fields": [_mrkdwn(text) for text in texts]}
        pieces.append(_Piece(block, len(texts), sum(size(text) for text in texts)))
    return pieces


def _field_text(field: Field) -> str:
    label = clip(field.label.strip(), FIELD_LABEL_TEXT, escaped=True)
    head = f"*{label}*\n" if label else ""
    value = clip(field.value, FIELD_TEXT - size(head), escaped=True)
    return head + value if (head + value).strip() else "–"


def _images(reply: Reply, image_files: Sequence[str]) -> list[_Piece]:
    pieces = []
    for chart, file_id in zip(reply.images, image_files, strict=False):
        alt = clip(chart.alt_text.strip() or reply.title.strip() or "chart", ALT_TEXT)
        block = {"type": "image", "slack_file": {"id": file_id}, "alt_text": alt}
        pieces.append(_Piece(block, 1, size(alt)))
    return pieces


def _actions(buttons: Sequence[Button], form: Form | None = None) -> list[_Piece]:
    """One actions block of the reply's buttons, and first the one that opens its form;
    a button Slack cannot carry is left out."""
    elements: list[Block] = []
    if form is not None:
        label = clip(form.open_label.strip(), BUTTON_TEXT) or "…"
        elements.append(
            {
                "type": "button",
                "text": {"type": "plain_text", "text": label},
                "action_id": f"{FORM}.0",
                "value": form.id,
                "style": "primary",
            }
        )
    for index, button in enumerate(buttons):
        element = _button(index, button)
        if element is not None:
            elements.append(element)
    if len(elements) > ACTIONS_ELEMENTS:
        logger.warning("%s buttons left out: Slack shows 25", len(elements) - ACTIONS_ELEMENTS)
        elements = elements[:ACTIONS_ELEMENTS]
    if not elements:
        return []
    text_size = sum(size(element["text"]["text"]) for element in elements)
    return [_Piece({"type": "actions", "elements": elements}, len(elements), text_size)]


def _button(index: int, button: Button) -> Block | None:
    if button.action not in (RUN, POST):
        logger.warning("button %r left out: unknown action %r", button.label, button.action)
        return None
    if not button.value.strip() or size(button.value) > BUTTON_VALUE:
        # A command line cut short would run another command: better no button.
        logger.warning("button %r left out: its command is empty or too long", button.label)
        return None
    label = clip(button.label.strip(), BUTTON_TEXT) or button.value[:BUTTON_TEXT]
    return {
        "type": "button",
        "text": {"type": "plain_text", "text": label},
        "action_id": f"{button.action}.{index}",
        "value": button.value,
    }


def _note(left_out: int) -> _Piece:
    text = f"… +{left_out}"
    block = {"type": "context", "elements": [_mrkdwn(text)]}
    return _Piece(block, 0, size(text))
