"""Slash commands sent to a running `quotabot serve` as Slack sends them."""

from __future__ import annotations

from sqlmodel import Session, select

from bot.catalogue import Texts
from core.models import ChatIdentity
from core.storage import create_db_engine
from tests.fakes.slack_api import RESPONSE, UPLOAD
from tests.slack.conftest import ADA, CARL, MONA, ZED, SlackHarness


def test_myquota_is_acknowledged_then_answered_with_a_chart(slack: SlackHarness) -> None:
    body = slack.command_body("/myquota")

    sent = slack.post(body)

    assert sent.status == 200
    assert sent.text == ""
    print(f"\n/myquota acknowledged in {sent.seconds * 1000:.0f} ms")  # noqa: T201
    [answer] = slack.double.wait_for(RESPONSE)
    assert answer.body["response_type"] == "ephemeral"
    blocks = answer.body["blocks"]
    assert blocks[0]["text"]["text"] == "Your quota · 2026-Q4"
    [image] = [block for block in blocks if block["type"] == "image"]
    [upload] = slack.double.calls_of(UPLOAD)
    [completed] = slack.double.calls_of("files.completeUploadExternal")
    assert upload.body["size"] > 1000
    assert image["slack_file"]["id"] in completed.body["files"]
    assert "channel_id" not in completed.body
    assert "channels" not in completed.body


def test_answers_reuse_their_connections_to_slack(slack: SlackHarness) -> None:
    for answered, user in enumerate((ADA, CARL), start=1):
        slack.post(slack.command_body("/myquota", user=user))
        slack.double.wait_for(RESPONSE, count=answered)

    methods = {call.method for call in slack.double.calls}
    assert {"users.info", UPLOAD, "files.completeUploadExternal", RESPONSE} <= methods
    # Bolt checks the token once with a client of its own; every answer shares one.
    answering = [call for call in slack.double.calls if call.method != "auth.test"]
    assert len({call.peer for call in answering}) == 1


def test_a_public_leaderboard_answers_in_the_channel(slack: SlackHarness) -> None:
    body = slack.command_body("/leaderboard", "public")

    sent = slack.post(body)

    assert sent.status == 200
    [answer] = slack.double.wait_for(RESPONSE)
    assert answer.body["response_type"] == "in_channel"
    assert answer.body["blocks"][0]["text"]["text"] == "Leaderboard · won revenue · 2026-Q4"


def test_someone_unknown_is_told_how_to_get_linked(slack: SlackHarness) -> None:
    body = slack.command_body("/myquota", user=ZED)

    slack.post(body)

    [answer] = slack.double.wait_for(RESPONSE)
    italian = Texts("it-IT", "USD")  # Zed's Slack profile is in Italian
    assert answer.body["blocks"][0]["text"]["text"] == italian("not_linked.title")
    assert answer.body["response_type"] == "ephemeral"
    assert [call.body["user"] for call in slack.double.calls_of("users.info")] == [ZED]


def test_a_rep_found_by_email_is_linked_for_next_time(slack: SlackHarness) -> None:
    slack.post(slack.command_body("/myquota", user=ADA))
    slack.double.wait_for(RESPONSE)

    slack.post(slack.command_body("/pipeline", user=ADA))

    slack.double.wait_for(RESPONSE, 2)
    assert len(slack.double.calls_of("users.info")) == 1
    engine = create_db_engine(slack.database)
    with Session(engine) as session:
        [identity] = session.exec(select(ChatIdentity).where(ChatIdentity.user_id == ADA))
    engine.dispose()
    assert identity.rep_id == slack.people.ada.id


def test_a_linked_rep_needs_no_profile(slack: SlackHarness) -> None:
    body = slack.command_body("/myquota", user=CARL)

    slack.post(body)

    [answer] = slack.double.wait_for(RESPONSE)
    assert answer.body["blocks"][0]["text"]["text"] == "Your quota · 2026-Q4"
    assert slack.double.calls_of("users.info") == []


def test_the_umbrella_command_explains_a_word_it_does_not_know(slack: SlackHarness) -> None:
    body = slack.command_body("/quotabot", "frobnicate")

    slack.post(body)

    [answer] = slack.double.wait_for(RESPONSE)
    assert answer.body["blocks"][0]["text"]["text"] == "Unknown command"


def test_health_is_answered(slack: SlackHarness) -> None:
    sent = slack.get("healthz")

    assert sent.status == 200
    assert '"ok"' in sent.text


def test_a_manager_starts_a_contest_in_the_channel_and_a_rep_reads_it(
    slack: SlackHarness,
) -> None:
    text = '"Dicembre" 2026-12 post weekdays 09:00 prize "Una cena"'

    slack.post(slack.command_body("/contest", f"new {text}", user=MONA))
    [created] = slack.double.wait_for(RESPONSE)
    slack.post(slack.command_body("/contest", user=ADA))
    _, listed = slack.double.wait_for(RESPONSE, count=2)

    assert created.body["blocks"][0]["text"]["text"] == "Contest created"
    assert listed.body["response_type"] == "ephemeral"
    [contest] = [block["text"]["text"] for block in listed.body["blocks"][1:2]]
    assert contest.startswith("*Dicembre* (contest 1) · running until Dec 31, 2026")
    assert "• Prize: Una cena" in contest
    assert contest.endswith("You are *1* of 3, with 0%.")  # nothing won in December yet
