"""A reply's `Form` as a Slack modal, and a modal's submission back as answers.

The button under the reply (adapters.slack.blocks) carries the form's id; pressing it
opens this modal with views.open and the press's trigger_id. The modal keeps the id in
its private_metadata, and Slack sends `view_submission` with each input's value under
its block_id and action_id, both the input's name.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from adapters.slack.mrkdwn import clip
from bot.reply import FORM, Form

CALLBACK_ID = FORM  # the modal's callback_id: its submissions come back to us by it
MODAL_TITLE = 24  # Slack's limits on a modal's texts
INPUT_LABEL = 2000
INPUT_LENGTH = 3000
METADATA = 3000


def modal(form: Form) -> dict[str, Any]:
    """The view of views.open."""
    return {
        "type": "modal",
        "callback_id": CALLBACK_ID,
        "private_metadata": form.id[:METADATA],
        "title": _plain(form.title, MODAL_TITLE),
        "submit": _plain(form.submit_label, MODAL_TITLE),
        "blocks": [
            {
                "type": "input",
                "block_id": field.name,
                "optional": field.optional,
                "label": _plain(field.label, INPUT_LABEL),
                "element": {
                    "type": "plain_text_input",
                    "action_id": field.name,
                    "multiline": True,
                    "max_length": min(field.max_length, INPUT_LENGTH),
                },
            }
            for field in form.inputs
        ],
    }


def answers(view: Mapping[str, Any]) -> tuple[str, dict[str, str]]:
    """The form's id and the answers by input name, from a view_submission's view."""
    values: dict[str, str] = {}
    state = (view.get("state") or {}).get("values") or {}
    for block_id, actions in state.items():
        typed = (actions or {}).get(block_id) or {}
        values[block_id] = str(typed.get("value") or "")
    return str(view.get("private_metadata") or ""), values


def _plain(text: str, limit: int) -> dict[str, str]:
    return {"type": "plain_text", "text": clip(text.strip(), limit) or "…"}
