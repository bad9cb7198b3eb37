"""Messages sent to a running `quotabot serve` as Teams sends them."""

from __future__ import annotations

from tests.fakes.teams_connector import MEMBER, REPLY
from tests.teams.conftest import TeamsHarness


def test_myquota_is_answered_with_an_adaptive_card(teams: TeamsHarness) -> None:
    sent = teams.post(teams.message("myquota 2026-Q4"))

    assert sent.status in (200, 201)
    [answer] = teams.double.wait_for(REPLY)
    [attachment] = answer.body["attachments"]
    card = attachment["content"]
    assert attachment["contentType"] == "application/vnd.microsoft.card.adaptive"
    assert card["version"] == "1.5"
    assert card["body"][0]["text"] == "Your quota · 2026-Q4"
    assert len(teams.double.calls_of(MEMBER)) == 1
