"""Messages sent to a running `quotabot serve` as Teams sends them."""

from __future__ import annotations

import hashlib
import hmac
import re
import time
from typing import Any
from urllib.parse import urlsplit

from sqlmodel import Session, select

from bot.catalogue import Texts
from core.models import ChatIdentity
from core.storage import create_db_engine
from tests.bot.company import People
from tests.fakes.teams_connector import CREATE, MEMBER, REPLY, SEND, TENANT, TeamsConnectorDouble
from tests.slack.conftest import LoopThread
from tests.teams.conftest import (
    ADA,
    CHANNEL,
    CHART_SECRET,
    MONA,
    PUBLIC_URL,
    ZED,
    TeamsHarness,
    serving,
)

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def card_of(body: dict[str, Any]) -> dict[str, Any]:
    [attachment] = body["attachments"]
    assert attachment["contentType"] == "application/vnd.microsoft.card.adaptive"
    content: dict[str, Any] = attachment["content"]
    return content


def elements(card: dict[str, Any], kind: str) -> list[dict[str, Any]]:
    """Every element of `kind` in the card's body, containers opened."""
    found = []
    pending = list(card["body"])
    while pending:
        element = pending.pop(0)
        if element["type"] == kind:
            found.append(element)
        pending.extend(element.get("items", []))
    return found


def test_myquota_is_answered_with_a_card_of_facts_and_a_chart(teams: TeamsHarness) -> None:
    sent = teams.post(teams.message("myquota 2026-Q4"))

    assert sent.status == 201
    [answer] = teams.double.wait_for(REPLY)
    card = card_of(answer.body)
    assert card["version"] == "1.5"
    assert card["body"][0]["text"] == "Your quota · 2026-Q4"
    [facts] = elements(card, "FactSet")
    assert {"title": "Won", "value": "$30,000"} in facts["facts"]
    [image] = elements(card, "Image")
    assert image["url"].startswith(f"{PUBLIC_URL}charts/")
    assert image["altText"]
    assert answer.body["replyToId"] == teams.double.calls_of(REPLY)[0].path.rsplit("/", 1)[1]


def test_the_chart_url_serves_the_png_and_refuses_a_changed_one(teams: TeamsHarness) -> None:
    teams.post(teams.message("myquota"))
    [answer] = teams.double.wait_for(REPLY)
    [image] = elements(card_of(answer.body), "Image")
    path = image["url"].removeprefix(PUBLIC_URL)

    status, png, content_type = teams.get(path)

    assert (status, content_type) == (200, "image/png")
    assert png.startswith(PNG_SIGNATURE)
    forged = path[:-4] + ("0000" if not path.endswith("0000") else "1111")
    assert teams.get(forged)[0] == 403
    longer = path.replace("expires=", "expires=9")
    assert teams.get(longer)[0] == 403
    assert teams.get(path.split("?")[0])[0] == 403


def test_an_expired_or_forgotten_chart_is_refused(teams: TeamsHarness) -> None:
    teams.post(teams.message("myquota"))
    [answer] = teams.double.wait_for(REPLY)
    [image] = elements(card_of(answer.body), "Image")
    image_id = urlsplit(image["url"]).path.rsplit("/", 1)[1]
    key = hashlib.sha256(CHART_SECRET.encode()).digest()

    def signed(image_id: str, expires: int) -> str:
        signature = hmac.new(key, f"{image_id}.{expires}".encode(), hashlib.sha256).hexdigest()
        return f"charts/{image_id}?expires={expires}&sig={signature}"

    past = int(time.time()) - 10
    future = int(time.time()) + 600
    assert teams.get(signed(image_id, past))[0] == 403
    assert teams.get(signed(image_id, future))[0] == 200
    assert teams.get(signed("never-kept", future))[0] == 404


def test_a_mention_in_a_channel_is_left_out_of_the_command(teams: TeamsHarness) -> None:
    threaded = f"{CHANNEL};messageid=1700000000001"
    activity = teams.message(
        "leaderboard public", conversation=threaded, kind="channel", mention=True
    )

    teams.post(activity)

    [answer] = teams.double.wait_for(REPLY)
    assert answer.conversation == threaded
    assert card_of(answer.body)["body"][0]["text"] == "Leaderboard · won revenue · 2026-Q4"
    assert teams.double.calls_of(CREATE, SEND) == []


def test_an_answer_for_the_asker_alone_goes_to_their_personal_chat(
    teams: TeamsHarness,
) -> None:
    threaded = f"{CHANNEL};messageid=1700000000002"

    teams.post(teams.message("myquota", conversation=threaded, kind="channel", mention=True))

    [note] = teams.double.wait_for(REPLY)
    [created] = teams.double.calls_of(CREATE)
    [private] = teams.double.calls_of(SEND)
    assert note.conversation == threaded
    assert card_of(note.body)["body"][0]["text"] == "I answered you in our personal chat."
    assert [member["id"] for member in created.body["members"]] == [ADA]
    assert created.body["isGroup"] is False
    assert private.conversation == f"a:personal-{ADA}"
    assert card_of(private.body)["body"][0]["text"] == "Your quota · 2026-Q4"
    assert "replyToId" not in private.body


def test_earnings_asked_in_public_stay_private(teams: TeamsHarness) -> None:
    teams.post(
        teams.message("earnings public", conversation=CHANNEL, kind="channel", mention=True)
    )

    [note] = teams.double.wait_for(REPLY)
    [private] = teams.double.calls_of(SEND)
    assert card_of(note.body)["body"][0]["text"] == "I answered you in our personal chat."
    assert private.conversation == f"a:personal-{ADA}"


def test_someone_teams_will_not_let_us_write_to_is_told_where_to_ask(
    teams: TeamsHarness,
) -> None:
    teams.double.fail(CREATE, 403)

    teams.post(teams.message("myquota", conversation=CHANNEL, kind="channel", mention=True))

    [note] = teams.double.wait_for(REPLY)
    texts = Texts("en", "USD")
    assert card_of(note.body)["body"][0]["text"] == texts("teams.cannot_answer_privately")
    assert teams.double.calls_of(SEND) == []
    assert "Your quota" not in str(note.body)


def test_a_leading_slash_is_the_same_command(teams: TeamsHarness) -> None:
    teams.post(teams.message("/pipeline"))
    teams.post(teams.message("pipeline"))

    first, second = teams.double.wait_for(REPLY, count=2)
    assert card_of(first.body)["body"][0] == card_of(second.body)["body"][0]
    assert card_of(first.body)["body"][0]["text"] == "Your pipeline · 2026-Q4"


def test_a_pressed_button_runs_the_command_it_carries(teams: TeamsHarness) -> None:
    teams.post(teams.message("myquota"))
    [answer] = teams.double.wait_for(REPLY)
    actions = card_of(answer.body)["actions"]
    [last_quarter] = [action for action in actions if action["title"] == "Last quarter"]
    assert last_quarter["type"] == "Action.Submit"

    teams.post(teams.message(None, value=last_quarter["data"]))

    _, pressed = teams.double.wait_for(REPLY, count=2)
    assert card_of(pressed.body)["body"][0]["text"] == "Your quota · 2026-Q3"


def test_a_submit_of_another_card_is_ignored(teams: TeamsHarness) -> None:
    teams.post(teams.message(None, value={"rating": 5}))
    teams.post(teams.message("whoami"))

    teams.double.wait_for(REPLY)
    time.sleep(0.3)
    [answer] = teams.double.calls_of(REPLY, SEND)
    assert card_of(answer.body)["body"][0]["text"] == "You are Ada Lovelace"


def test_someone_unknown_is_told_how_to_get_linked_in_their_language(
    teams: TeamsHarness,
) -> None:
    teams.post(teams.message("myquota", user=ZED, locale="it-IT"))

    [answer] = teams.double.wait_for(REPLY)
    italian = Texts("it-IT", "USD")
    assert card_of(answer.body)["body"][0]["text"] == italian("not_linked.title")
    assert [call.body["user"] for call in teams.double.calls_of(MEMBER)] == [ZED]


def test_a_rep_found_by_user_principal_name_is_linked_for_next_time(
    teams: TeamsHarness,
) -> None:
    teams.post(teams.message("team", user=MONA))
    teams.double.wait_for(REPLY)

    teams.post(teams.message("whoami", user=MONA))

    teams.double.wait_for(REPLY, count=2)
    assert len(teams.double.calls_of(MEMBER)) == 1
    engine = create_db_engine(teams.database)
    with Session(engine) as session:
        [identity] = session.exec(select(ChatIdentity).where(ChatIdentity.user_id == MONA))
    engine.dispose()
    assert identity.platform == "teams"
    assert identity.workspace == TENANT
    assert identity.rep_id == teams.people.mona.id


def test_an_unknown_command_gets_the_commands_listed(teams: TeamsHarness) -> None:
    teams.post(teams.message("frobnicate now"))

    [answer] = teams.double.wait_for(REPLY)
    texts = [block["text"] for block in elements(card_of(answer.body), "TextBlock")]
    assert texts[0] == "Unknown command"
    assert "I don't know the command frobnicate." in texts
    assert "Traceback" not in str(answer.body)


def test_a_bad_period_is_named(teams: TeamsHarness) -> None:
    teams.post(teams.message("myquota 2026-Q9"))

    [answer] = teams.double.wait_for(REPLY)
    assert "2026-Q9" in str(card_of(answer.body))


def test_a_redelivered_activity_is_acted_on_once(teams: TeamsHarness) -> None:
    activity = teams.message("myquota", activity_id="1700000000999")

    first = teams.post(activity)
    again = teams.post(activity)

    assert (first.status, again.status) == (201, 201)
    teams.double.wait_for(REPLY)
    time.sleep(0.3)
    assert len(teams.double.calls_of(REPLY, SEND)) == 1


def test_a_refused_answer_ends_in_an_apology_with_a_reference(teams: TeamsHarness) -> None:
    teams.double.fail(REPLY, 403)

    teams.post(teams.message("myquota"))

    refused, apology = teams.double.wait_for(REPLY, count=2)
    assert card_of(refused.body)["body"][0]["text"] == "Your quota · 2026-Q4"
    texts = " ".join(block["text"] for block in elements(card_of(apology.body), "TextBlock"))
    assert card_of(apology.body)["body"][0]["text"] == Texts("en", "USD")("error.unexpected.title")
    assert re.search(r"\b[0-9a-f]{8}\b", texts)
    assert "Traceback" not in texts


def test_without_a_public_url_charts_go_inline(
    loop: LoopThread, database: tuple[str, People], double: TeamsConnectorDouble
) -> None:
    url, people = database
    with serving(loop, url, {}) as base:
        harness = TeamsHarness(double, base, people, url)

        harness.post(harness.message("myquota"))

        [answer] = double.wait_for(REPLY)
    [image] = elements(card_of(answer.body), "Image")
    assert image["url"].startswith("data:image/png;base64,iVBORw0KGgo")


def test_a_post_button_pressed_in_a_channel_answers_everyone_there(teams: TeamsHarness) -> None:
    post = {"quotabot": "quotabot.post", "command": "myquota"}

    teams.post(teams.message(None, conversation=CHANNEL, kind="channel", value=post))

    [answer] = teams.double.wait_for(REPLY)
    assert answer.conversation == CHANNEL
    assert card_of(answer.body)["body"][0]["text"] == "Your quota · 2026-Q4"
    assert teams.double.calls_of(CREATE, SEND) == []
