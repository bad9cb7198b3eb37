"""`coach` typed to a running `quotabot serve` as Teams sends it."""

from __future__ import annotations

from tests.fakes.teams_connector import REPLY
from tests.teams.conftest import ADA, MONA, TeamsHarness
from tests.teams.test_serve_messages import card_of, elements


def test_a_manager_gets_a_reports_brief_as_a_card(teams: TeamsHarness) -> None:
    teams.post(teams.message("coach Ada Lovelace", user=MONA))

    [answer] = teams.double.wait_for(REPLY)
    card = card_of(answer.body)
    assert card["body"][0]["text"] == "Coaching brief · Ada Lovelace · 2026-Q4"
    said = " ".join(block.get("text", "") for block in elements(card, "TextBlock"))
    assert "Deals to discuss" in said
    assert "Initech pilot" in said


def test_a_rep_may_not_ask_for_a_colleagues_brief(teams: TeamsHarness) -> None:
    teams.post(teams.message("/coach Bea Rossi", user=ADA))

    [answer] = teams.double.wait_for(REPLY)
    assert card_of(answer.body)["body"][0]["text"] == "Not yours to see"
