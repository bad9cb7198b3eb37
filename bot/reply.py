"""`Reply`: what the bot says, in a form every chat platform can render.

A reply is plain data: a title, paragraphs of simple markdown (*bold*, _italic_,
`code` and lines that start with "• "), labelled fields, progress bars, chart images
and buttons. Adapters turn it into Block Kit, an Adaptive Card or terminal text;
nothing here knows any of those formats. Every text in it is already in the reader's
language and number formats.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import StrEnum

from bot.chart_theme import Chart

BULLET = "• "

# What a button press asks for; its value is the command line to run either way.
RUN = "quotabot.run"  # answer the asker again (another period, another view)
POST = "quotabot.post"  # run it and post the answer to the channel
FORM = "quotabot.form"  # a form's submission; its id says what the form is about


class Visibility(StrEnum):
    ONLY_ASKER = "only_asker"  # an ephemeral message, a DM, or the console
    CHANNEL = "channel"  # posted where the command was typed, for everyone


@dataclass(frozen=True, slots=True)
class Field:
    """A label and its value, shown side by side ("Attainment: 83%")."""

    label: str
    value: str


@dataclass(frozen=True, slots=True)
class Progress:
    """A bar filled to `fraction` (may pass 1), with an optional marker such as pace."""

    label: str
    fraction: float
    marker: float | None = None
    marker_label: str | None = None
    caption: str | None = None  # under the bar: "$40,000 of $60,000"


@dataclass(frozen=True, slots=True)
class Button:
    """A button; pressing it sends `action` with `value` back to the registry.

    `value` is the command line to run ("myquota last-quarter"); `action` says what
    kind of press it is (RUN or POST), so an adapter can treat "post to channel" apart.
    """

    label: str
    action: str
    value: str


@dataclass(frozen=True, slots=True)
class Input:
    """A plain-text answer asked for in a form; `name` is its key in the submission."""

    name: str
    label: str
    optional: bool = False
    max_length: int = 1000


@dataclass(frozen=True, slots=True)
class Form:
    """A few questions and a submit button; what is submitted goes back by `id`.

    Slack opens it in a modal from a button under the reply; Teams shows its inputs
    in the card itself. `id` ("story:12") names what the answers are about.
    """

    id: str
    title: str  # short: Slack shows at most 24 characters above a modal
    open_label: str  # the button that opens it, where it opens apart
    submit_label: str
    inputs: tuple[Input, ...]


@dataclass(frozen=True, slots=True)
class Reply:
    title: str
    paragraphs: tuple[str, ...] = ()
    fields: tuple[Field, ...] = ()
    progress: tuple[Progress, ...] = ()
    images: tuple[Chart, ...] = ()
    buttons: tuple[Button, ...] = ()
    form: Form | None = None  # questions for the reader to answer
    visibility: Visibility = Visibility.ONLY_ASKER
    # A short line for notifications and screen readers; the title when empty.
    summary: str = ""
    # Only ever for the asker (earnings): no adapter or button may post it to a channel.
    confidential: bool = False

    @property
    def fallback(self) -> str:
        """One line to show where the reply itself cannot be (a push notification)."""
        return self.summary or self.title

    def shown_to(self, visibility: Visibility) -> Reply:
        """The same reply with another visibility; a confidential one stays with the asker."""
        if self.confidential:
            return replace(self, visibility=Visibility.ONLY_ASKER)
        return replace(self, visibility=visibility)


def bullets(lines: list[str] | tuple[str, ...]) -> str:
    """Lines as one markdown paragraph of bullet points."""
    return "\n".join(BULLET + line for line in lines)
