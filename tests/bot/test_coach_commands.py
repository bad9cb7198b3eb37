"""`coach` and `ramp` in chat: what each role reads, and who may ask about whom.

The company is tests/bot/company.py's. South has Carl alone and North two sellers, so
both are compared with everyone who sells: Ada, Bea and Carl. Their average deals are
30,000, 36,000 and 10,000: a median of 30,000 and a top quartile of 33,000. Carl has
won 10,000 of 50,000 with nothing open, so his projection is 10,000; at the median
deal size it would be three times that (the cap, exactly), 30,000.
"""

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from sqlmodel import Session

from core.config import CoachingConfig, RampConfig, Settings
from core.models import Rep
from tests.bot.company import Q4, People, ask, build, fields, text

RAMPED = Settings(ramp=RampConfig(months=(Decimal("0.25"), Decimal("0.5"), Decimal("0.75"))))
NOT_ALLOWED = "Not yours to see"


@pytest.fixture
def people(session: Session) -> People:
    return build(session)


def test_a_manager_gets_the_brief_for_one_of_their_reports(
    session: Session, people: People
) -> None:
    reply = ask(session, people.mona, "coach @ada.lovelace")

    assert reply.title == "Coaching brief · Ada Lovelace · 2026-Q4"
    assert reply.paragraphs[0] == (
        "Ada Lovelace has won *$30,000* of *$60,000* (*50%*) and is projected at *$54,000* "
        "(90% of quota): $6,000 short."
    )
    said = text(reply)
    assert "*Deals to discuss:*" in said
    assert "• slipping: *Initech pilot* · $5,000 · Discovery · close date Nov 20, 2026" in said
    assert "• stale: *Globex expansion* · $15,000 · Proposal · untouched for 42 days" in said
    assert "• largest open: *Acme renewal* · $20,000 · Negotiation" in said
    assert fields(reply)["Average deal size"] == "$30,000 · team $30,000 · top quartile $33,000"
    assert [button.value for button in reply.buttons] == ["coach last-quarter @ada.lovelace"]


def test_the_brief_names_the_weak_driver_with_the_team_figures(
    session: Session, people: People
) -> None:
    reply = ask(session, people.root, "coach Carl Weber")

    said = text(reply)
    assert "Carl Weber has won *$10,000* of *$50,000* (*20%*)" in said
    assert "*Drivers to work on* (against Everyone):" in said
    assert (
        "• *Average deal size*: $10,000 against the team's median of $30,000. At the median "
        "the projection would be *$30,000* instead of $10,000 ($20,000 more). The top "
        "quartile's average deal is $33,000; Carl Weber's is $10,000."
    ) in said
    assert "*Suggested actions:*" in said
    assert "• Lead with the bundle the top quartile sells, not the entry product." in said


def test_a_rep_gets_their_own_brief_framed_as_levers(session: Session, people: People) -> None:
    reply = ask(session, people.carl, "coach")

    said = text(reply)
    assert reply.title == "Your coaching brief · 2026-Q4"
    assert "*Your biggest levers* (against Everyone):" in said
    assert (
        "• *Average deal size*: at the team's median of $30,000 your projection grows to "
        "*$30,000*, $20,000 more. The top quartile's average deal is $33,000; yours is $10,000."
    ) in said
    assert "*Try this:*" in said
    assert "short" not in said


def test_a_rep_ahead_on_every_driver_is_told_to_keep_going(
    session: Session, people: People
) -> None:
    reply = ask(session, people.ada, "coach")

    assert reply.paragraphs[1] == (
        "You are at or above Everyone's median on every driver: keep doing what works."
    )
    assert "*Deals to move forward:*" in reply.paragraphs


@pytest.mark.parametrize(
    ("who", "line", "allowed"),
    [
        ("ada", "coach", True),  # a rep, their own
        ("ada", "coach Bea Rossi", False),  # a rep, someone else
        ("mona", "coach Bea Rossi", True),  # a manager, one of their reports
        ("mona", "coach @carl.weber", False),  # a manager, someone else's
        ("root", "coach @bea.rossi", True),  # an admin, anyone
        ("root", "coach Mona Manager", True),
    ],
)
def test_who_may_be_coached_by_whom(
    session: Session, people: People, who: str, line: str, allowed: bool
) -> None:
    reply = ask(session, getattr(people, who), line)

    assert (reply.title != NOT_ALLOWED) is allowed
    if allowed:
        assert "coaching brief" in reply.title.casefold()


def test_a_manager_who_names_no_one_is_offered_their_people(
    session: Session, people: People
) -> None:
    reply = ask(session, people.mona, "coach")

    assert reply.title == "Whom shall we coach?"
    assert reply.paragraphs == (
        "Name one of your people, for example `coach @first.last`: Ada Lovelace, Bea Rossi.",
    )


def test_a_team_is_not_coached(session: Session, people: People) -> None:
    reply = ask(session, people.mona, "coach North")

    assert reply.paragraphs == ("Coaching is per person: name a rep rather than a team.",)


def test_the_brief_speaks_italian_with_the_italian_tips(session: Session, people: People) -> None:
    reply = ask(session, people.carl, "coach", locale="it")

    said = text(reply)
    assert reply.title == "La tua scheda di coaching · 2026-Q4"
    assert "*Valore medio*: alla mediana del team di 30.000\u00a0USD" in said
    assert "• Proponi il pacchetto che vende il quartile migliore, non il prodotto base." in said


def test_the_companys_playbook_gives_its_own_tips(
    session: Session, people: People, tmp_path: Path
) -> None:
    own = tmp_path / "tips.toml"
    own.write_text(
        '[deal_size]\nen = ["Sell the Enterprise bundle."]\nit = ["Vendi il pacchetto."]\n',
        encoding="utf-8",
    )
    settings = Settings(coaching=CoachingConfig(playbook=own))

    reply = ask(session, people.carl, "coach", settings=settings)

    assert "• Sell the Enterprise bundle." in reply.paragraphs


# -- onboarding ---------------------------------------------------------------------


@pytest.fixture
def nina(session: Session, people: People) -> Rep:
    """Nina joined North on Friday 16 October 2026, under Mona, with Q4's 66,000."""
    company = people.company
    nina = company.rep("Nina New", people.north, people.mona, hired=date(2026, 10, 16))
    company.quota(nina, Q4, 66_000)
    company.deal(nina, "won", 4_000, date(2026, 11, 20), created=date(2026, 10, 20))
    company.activity(nina, date(2026, 10, 22), 2, kind="meeting")
    session.commit()
    return nina


def test_a_new_hire_sees_their_ramp_and_first_milestones(session: Session, nina: Rep) -> None:
    reply = ask(session, nina, "myquota", settings=RAMPED)

    # Month 1 (16 Oct - 15 Nov): 21 business days at 25%; month 2 (16 Nov - 15 Dec): 22 at
    # 50%; month 3 from 16 December: 12 at 75%. 5.25 + 11 + 9 = 25.25 of 66 days' worth.
    assert fields(reply)["Quota"] == "$25,250"
    assert reply.paragraphs[1] == (
        "Ramp: month 2 of 3, at *50%* of full quota until Dec 15, 2026; "
        "full quota from Jan 16, 2027."
    )
    assert reply.paragraphs[2] == (
        "First meeting: Oct 22, 2026 · first pipeline deal: Oct 20, 2026 · first win: Nov 20, 2026"
    )


def test_a_manager_sees_their_new_hires_against_the_ramp(
    session: Session, people: People, nina: Rep
) -> None:
    reply = ask(session, people.mona, "ramp", settings=RAMPED)

    assert reply.title == "New hires on the ramp · 2026-Q4"
    assert reply.paragraphs[0] == "The ramp: 25% · 50% · 75%, then full quota."
    assert reply.paragraphs[1] == (
        "*Nina New* · hired Oct 16, 2026 · month 2 of 3 (50% of quota) · "
        "$4,000 won of $25,250 (16%)"
    )
    # Month 1's full quota is 21 days of 1,000; month 2's so far 22 days' 22,000.
    assert reply.paragraphs[2].splitlines()[1:] == [
        "• month 1: 0% of full quota against the ramp's 25%",
        "• month 2: 18% of full quota against the ramp's 50%",
    ]


def test_ramp_is_for_managers_and_needs_a_ramp(
    session: Session, people: People, nina: Rep
) -> None:
    as_rep = ask(session, people.ada, "ramp", settings=RAMPED)
    unset = ask(session, people.mona, "ramp")
    elsewhere = ask(session, people.root, "ramp", settings=RAMPED)

    assert as_rep.title == NOT_ALLOWED
    assert unset.paragraphs == (
        "No ramp is set: add `[ramp] months = [0.25, 0.5, 0.75]` to quotabot.toml to ramp "
        "new hires' quotas.",
    )
    assert "*Nina New*" in elsewhere.paragraphs[1]  # an admin sees everyone's new hires


def test_the_ramp_chart_says_its_figures_in_words(
    session: Session, people: People, nina: Rep
) -> None:
    reply = ask(session, people.mona, "ramp", settings=RAMPED, charts=True)

    [chart] = reply.images
    assert chart.png.startswith(b"\x89PNG")
    assert chart.alt_text == (
        "Nina New: month 1: 0% of full quota against the ramp's 25%; "
        "month 2: 18% of full quota against the ramp's 50%."
    )
