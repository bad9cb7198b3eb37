"""A reply's `Form` inside its Adaptive Card, and a submitted form back as answers.

Teams shows the inputs in the card itself: a label and an Input.Text per question,
and an Action.Submit whose data names the form. Teams sends the data back as the
`value` of a message activity, with each input's text under the input's id (its name).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from bot.reply import FORM, Form

Element = dict[str, Any]

ACTION_KEY = "quotabot"  # as the card's buttons carry it: FORM here
FORM_KEY = "form"  # the form's id
BUTTON_TEXT = 75


@dataclass(frozen=True, slots=True)
class Submitted:
    form_id: str
    values: dict[str, str]


def inputs(form: Form) -> list[Element]:
    """The form's questions, for the card's body."""
    return [
        {
            "type": "Input.Text",
            "id": field.name,
            "label": field.label,
            "isMultiline": True,
            "isRequired": not field.optional,
            "errorMessage": field.label,
            "maxLength": field.max_length,
        }
        for field in form.inputs
    ]


def submit_action(form: Form) -> Element:
    title = form.submit_label.strip()[:BUTTON_TEXT] or "OK"
    return {
        "type": "Action.Submit",
        "title": title,
        "data": {ACTION_KEY: FORM, FORM_KEY: form.id},
    }


def submitted_form(value: object) -> Submitted | None:
    """The form an activity's `value` submits, or None when it is no form of ours."""
    if not isinstance(value, Mapping) or value.get(ACTION_KEY) != FORM:
        return None
    form_id = value.get(FORM_KEY)
    if not isinstance(form_id, str) or not form_id:
        return None
    answers = {
        str(key): str(text)
        for key, text in value.items()
        if key not in (ACTION_KEY, FORM_KEY) and isinstance(text, str)
    }
    return Submitted(form_id, answers)
