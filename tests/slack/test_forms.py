"""A reply's form as Slack shows it: the button under the message, the modal within
Slack's limits, and a submission's answers read back."""

from __future__ import annotations

from adapters.slack.blocks import ButtonAction, blocks, parse_action
from adapters.slack.forms import answers, modal
from bot.reply import RUN, Button, Form, Input, Reply

FORM = Form(
    id="story:12",
    title="A title far longer than the twenty-four characters Slack allows",
    open_label="Tell the story",
    submit_label="Share",
    inputs=(Input("difference", "What made the difference?"), Input("tip", "Tip", optional=True)),
)


def test_the_form_is_a_button_first_among_the_replys_buttons() -> None:
    reply = Reply(title="You won", form=FORM, buttons=(Button("Pipeline", RUN, "pipeline"),))

    [actions] = [block for block in blocks(reply) if block["type"] == "actions"]

    assert [(element["action_id"], element["value"]) for element in actions["elements"]] == [
        ("quotabot.form.0", "story:12"),
        ("quotabot.run.0", "pipeline"),
    ]
    assert parse_action("quotabot.form.0", "story:12") == (ButtonAction.FORM, "story:12")


def test_the_modal_keeps_to_slacks_limits_and_carries_the_forms_id() -> None:
    view = modal(FORM)

    assert view["callback_id"] == "quotabot.form"
    assert view["private_metadata"] == "story:12"
    assert len(view["title"]["text"]) == 24
    assert view["title"]["text"].endswith("…")
    assert [block["element"]["max_length"] for block in view["blocks"]] == [1000, 1000]
    assert [block["optional"] for block in view["blocks"]] == [False, True]


def test_a_submission_is_read_back_by_input_name_and_an_empty_one_is_blank() -> None:
    view = {
        "private_metadata": "story:12",
        "state": {
            "values": {
                "difference": {"difference": {"type": "plain_text_input", "value": "Speed"}},
                "tip": {"tip": {"type": "plain_text_input", "value": None}},
            }
        },
    }

    assert answers(view) == ("story:12", {"difference": "Speed", "tip": ""})
