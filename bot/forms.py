"""The forms the bot asks people to fill in, found by their id: what an adapter calls
when a form is to be shown again (a Slack modal) or was submitted."""

from __future__ import annotations

from collections.abc import Mapping

from bot import stories
from bot.catalogue import Texts
from bot.registry import ChatContext
from bot.reply import Form, Reply


def form_of(texts: Texts, form_id: str) -> Form | None:
    """The form of that id in the reader's language; None when no form has that id."""
    if stories.deal_of(form_id) is not None:
        return stories.story_form(texts, form_id)
    return None


def problems(texts: Texts, form_id: str, values: Mapping[str, object]) -> dict[str, str]:
    """What is wrong with the answers by input name, read from them alone (no storage):
    what a platform can show beside the inputs before it takes the form."""
    form = form_of(texts, form_id)
    return stories.checked(texts, form, values)[1] if form is not None else {}


def submit(context: ChatContext, form_id: str, values: Mapping[str, object]) -> Reply:
    """Act on a submitted form as the asker; the reply says what became of it."""
    return stories.submit(context, form_id, values)
