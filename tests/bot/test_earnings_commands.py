"""`/earnings`, its what-if and the earnings line of `/myquota`, worked out by hand.

North (Mona, Ada, Bea) is on the AE plan: 5% up to 50% of quota, 8% to 100%, 12%
above. Carl (South) and Root have no plan. Ada has won $30,000 of her $60,000 Q4
quota (50%): $30,000 at 5% is $1,500.00. Her weighted pipeline is $24,000
(16,000 + 7,500 + 500), all of it between 50% and 100%: 8% of it is $1,920.00.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from sqlmodel import Session

from bot.catalogue import Texts
from bot.commands.earnings import parse_amount
from bot.reply import Visibility
from core.config import Settings
from core.models import LedgerEntry
from core.plans import Assignment, Plan
from tests.bot.company import Q4, ask, build, fields, text
from tests.builders import at

REFUSED = "Not yours to see"
PLANS = Settings.model_validate(
    {
        "earnings": {
            "plans": {
                "AE": {
                    "tiers": [
                        {"from": 0, "rate": 0.05},
                        {"from": 0.5, "rate": 0.08},
                        {"from": 1, "rate": 0.12},
                    ],
                    "spiffs": [{"product": "Analytics", "amount": 250}],
                }
            },
            "assignments": [{"plan": "AE", "team": "North", "from": "2026-01-01"}],
        }
    }
)
EARNINGS_LINE = "Earnings so far"


def test_earnings_to_date_by_tier_with_the_projection(session: Session) -> None:
    people = build(session)

    reply = ask(session, people.ada, "earnings", settings=PLANS)

    assert reply.title == "Your earnings · 2026-Q4"
    assert reply.paragraphs[0] == (
        "*$1,500.00* earned so far: $1,500.00 commission, $0.00 in SPIFFs and "
        "$0.00 in adjustments."
    )
    assert reply.paragraphs[1] == "*Commission by tier* · plan AE"
    assert reply.paragraphs[2].split("\n") == [
        "• *Tier 1* · 0% to 50% of quota · $30,000.00 at 5% = $1,500.00",
        "• *Tier 2* · 50% to 100% of quota · $0.00 at 8% = $0.00",
        "• *Tier 3* · above 100% of quota · $0.00 at 12% = $0.00",
    ]
    assert reply.paragraphs[3] == ("$30,000.00 more reaches tier 3 (12%) at 100% of quota.")
    assert reply.paragraphs[4] == (
        "With your weighted pipeline you would finish at $54,000 (90% of quota) "
        "and earn about $3,420.00."
    )
    assert fields(reply)["Total earnings"] == "$1,500.00"
    assert reply.visibility is Visibility.ONLY_ASKER
    assert reply.confidential


def test_earnings_in_italian(session: Session) -> None:
    people = build(session)

    reply = ask(session, people.ada, "earnings whatif 25.000", locale="it", settings=PLANS)

    assert reply.title == "E se · 25.000,00\xa0USD · 2026-Q4"
    assert "Sono *2.000,00\xa0USD* di provvigioni in più:" in reply.paragraphs
    assert "Resteresti nello scaglione 2 (8%)." in reply.paragraphs


@pytest.mark.parametrize("amount", ["25000", "25,000", "25k", "$25,000", "25000.00"])
def test_what_if_an_amount(session: Session, amount: str) -> None:
    people = build(session)

    reply = ask(session, people.ada, f"earnings whatif {amount}", settings=PLANS)

    assert reply.title == "What if · $25,000.00 · 2026-Q4"
    assert reply.paragraphs[0] == (
        "Closing $25,000.00 more takes you from $30,000 (50%) to $55,000 (92%) "
        "of your $60,000 quota."
    )
    assert reply.paragraphs[1] == "That is *$2,000.00* more commission:"
    assert reply.paragraphs[2] == "• tier 2 (8%): $25,000.00 pays $2,000.00"
    assert reply.paragraphs[3] == "You would stay in tier 2 (8%)."
    assert reply.paragraphs[4] == "Earnings for 2026-Q4 would go from $1,500.00 to $3,500.00."


def test_what_if_that_crosses_a_tier(session: Session) -> None:
    people = build(session)

    reply = ask(session, people.ada, "earnings whatif 35000", settings=PLANS)

    assert reply.paragraphs[2].split("\n") == [
        "• tier 2 (8%): $30,000.00 pays $2,400.00",
        "• tier 3 (12%): $5,000.00 pays $600.00",
    ]
    assert reply.paragraphs[3] == "It crosses into tier 3 (12%)."


def test_what_if_a_named_open_deal(session: Session) -> None:
    people = build(session)

    reply = ask(session, people.ada, 'earnings whatif "acme renewal"', settings=PLANS)

    assert reply.title == "What if · Acme renewal · 2026-Q4"
    assert reply.paragraphs[1] == "That is *$1,600.00* more commission:"


def test_what_if_an_unknown_deal_offers_the_open_ones(session: Session) -> None:
    people = build(session)

    reply = ask(session, people.ada, 'earnings whatif "Umbrella"', settings=PLANS)

    assert reply.paragraphs[0] == "I can't find an open deal called “Umbrella”."
    assert reply.paragraphs[1] == "Your open deals:"
    assert reply.paragraphs[2].split("\n")[0] == "• *Acme renewal* · $20,000"


def test_what_if_needs_something(session: Session) -> None:
    people = build(session)

    reply = ask(session, people.ada, "earnings whatif", settings=PLANS)

    assert reply.title == "How to use earnings"


def test_without_a_plan(session: Session) -> None:
    people = build(session)

    reply = ask(session, people.carl, "earnings", settings=PLANS)

    assert reply.title == "No compensation plan"
    assert reply.paragraphs[0] == "Carl Weber has no compensation plan in 2026-Q4."


@pytest.mark.parametrize("line", ["earnings public", "earnings whatif 25k public"])
def test_earnings_are_never_posted(session: Session, line: str) -> None:
    people = build(session)

    reply = ask(session, people.ada, line, settings=PLANS)

    assert reply.visibility is Visibility.ONLY_ASKER
    assert reply.paragraphs[0].startswith("_Earnings are never posted to a channel")
    assert reply.shown_to(Visibility.CHANNEL).visibility is Visibility.ONLY_ASKER


def test_myquota_has_an_earnings_line_only_in_private(session: Session) -> None:
    people = build(session)

    private = ask(session, people.ada, "myquota", settings=PLANS)
    public = ask(session, people.ada, "myquota public", settings=PLANS)
    no_plan = ask(session, people.carl, "myquota", settings=PLANS)

    assert (
        "Earnings so far: *$1,500.00* (type `earnings` for the breakdown)." in private.paragraphs
    )
    assert private.confidential
    assert EARNINGS_LINE not in text(public)
    assert public.visibility is Visibility.CHANNEL
    assert EARNINGS_LINE not in text(no_plan)
    assert not no_plan.confidential


# (asker, whose earnings, may see): Mona manages Ada and Bea; Carl reports to no one.
MATRIX = [
    ("ada", "ada", True),
    ("ada", "bea", False),
    ("ada", "mona", False),
    ("ada", "carl", False),
    ("bea", "ada", False),
    ("mona", "mona", True),
    ("mona", "ada", True),
    ("mona", "carl", False),
    ("carl", "ada", False),
    ("root", "ada", True),
    ("root", "carl", True),
]


@pytest.mark.parametrize(("asker", "target", "allowed"), MATRIX)
@pytest.mark.parametrize(
    "command", ["earnings {name}", "earnings @{name} whatif 1000", "earnings {name} public"]
)
def test_who_sees_whose_earnings(
    session: Session, command: str, asker: str, target: str, allowed: bool
) -> None:
    people = build(session)
    who, whom = getattr(people, asker), getattr(people, target)

    reply = ask(session, who, command.format(name=whom.name), settings=PLANS)

    assert (reply.title != REFUSED) is allowed, reply.title
    assert reply.visibility is Visibility.ONLY_ASKER
    if not allowed:
        assert "Earnings" not in reply.title


@pytest.mark.parametrize(("asker", "target", "allowed"), MATRIX)
def test_who_sees_the_earnings_line_of_myquota(
    session: Session, asker: str, target: str, allowed: bool
) -> None:
    people = build(session)
    who, whom = getattr(people, asker), getattr(people, target)
    on_plan = target in ("ada", "bea", "mona")

    private = ask(session, who, f"myquota {whom.name}", settings=PLANS)
    public = ask(session, who, f"myquota {whom.name} public", settings=PLANS)

    assert (EARNINGS_LINE in text(private)) is (allowed and on_plan)
    assert EARNINGS_LINE not in text(public)


def test_earnings_of_a_team_are_refused_as_per_person(session: Session) -> None:
    people = build(session)

    reply = ask(session, people.mona, "earnings North", settings=PLANS)

    assert reply.paragraphs == ("Earnings are per person: name a rep rather than a team.",)


@pytest.mark.parametrize(
    ("typed", "locale", "amount"),
    [
        ("25000", "en", "25000"),
        ("25,000", "en", "25000"),
        ("25k", "en", "25000"),
        ("1.5M", "en", "1500000"),
        ("€25,000", "en", "25000"),
        ("$25,000.50", "en", "25000.50"),
        ("25.000", "it", "25000"),
        ("25.000,50€", "it", "25000.50"),
        ("Acme", "en", None),
        ("-5", "en", None),
        ("0", "en", None),
    ],
)
def test_amounts_as_people_type_them(typed: str, locale: str, amount: str | None) -> None:
    parsed = parse_amount(typed, Texts(locale, "USD"))

    assert parsed == (Decimal(amount) if amount else None)


def test_a_manager_names_a_rep_by_mention(session: Session) -> None:
    people = build(session)

    reply = ask(session, people.mona, "earnings @ada.lovelace", settings=PLANS)

    assert reply.title == "Earnings of Ada Lovelace · 2026-Q4"


def test_adjustments_and_clawbacks_are_listed_with_their_deal(session: Session) -> None:
    people = build(session)
    acme = people.company.deal(people.ada, "lost", 5_000, date(2026, 11, 2), name="Initrode")
    for kind, amount, cause in [
        ("adjustment", "-60", "overpaid in October"),
        ("clawback", "-250", f"deal:{acme.id}:change:1"),
        ("spiff", "300", "contest: Q4 blitz"),
    ]:
        session.add(
            LedgerEntry(
                rep_id=people.ada.id,
                kind=kind,
                amount=Decimal(amount),
                cause=cause,
                created_at=at(2026, 11, 20),
            )
        )
    session.commit()

    reply = ask(session, people.ada, "earnings", settings=PLANS)

    assert "• contest: Q4 blitz: $300.00" in reply.paragraphs
    heading = reply.paragraphs.index("*Adjustments*")
    assert reply.paragraphs[heading + 1].split("\n") == [
        "• Adjustment · Nov 20, 2026 · overpaid in October: -$60.00",
        "• Clawback · Nov 20, 2026 · Initrode: -$250.00",
    ]
    assert fields(reply)["Total earnings"] == "$1,490.00"  # 1,500 + 300 - 60 - 250


def test_a_change_of_plan_shows_each_part(session: Session) -> None:
    people = build(session)
    config = PLANS.model_copy(
        update={
            "earnings": PLANS.earnings.model_copy(
                update={
                    "plans": {
                        **PLANS.earnings.plans,
                        "Flat": Plan.model_validate({"tiers": [{"from": 0, "rate": 0.1}]}),
                    },
                    "assignments": (
                        *PLANS.earnings.assignments,
                        Assignment.model_validate(
                            {"plan": "Flat", "rep": people.ada.email, "from": "2026-11-01"}
                        ),
                    ),
                }
            )
        }
    )

    reply = ask(session, people.ada, "earnings", settings=config)

    assert "*Commission by tier* · plan AE, Oct 1, 2026 to Oct 31, 2026" in reply.paragraphs
    assert "*Commission by tier* · plan Flat, Nov 1, 2026 to Dec 31, 2026" in reply.paragraphs


def test_a_what_if_while_the_draw_covers_it_says_so(session: Session) -> None:
    people = build(session)
    new_hire = people.company.rep("Nina New", people.north, people.mona, hired=date(2026, 11, 1))
    people.company.quota(new_hire, Q4, 100_000)
    session.commit()
    config = Settings.model_validate(
        {
            "earnings": {
                "plans": {
                    "AE": {
                        **PLANS.earnings.plans["AE"].model_dump(by_alias=True),
                        "ramp": {"months": 3, "draw": 3000},
                    }
                },
                "assignments": [{"plan": "AE", "team": "North", "from": "2026-01-01"}],
            }
        }
    )

    reply = ask(session, new_hire, "earnings whatif 10000", settings=config)

    # November's draw and today's share of December's: 3,000 + 3,000 / 31 = 3,096.77.
    assert reply.paragraphs[1] == "That is *$500.00* more commission:"
    assert (
        "While you ramp, the draw guarantees $3,096.77 so far: commission adds to your "
        "earnings once it passes that." in reply.paragraphs
    )
    assert reply.paragraphs[-1] == "Earnings for 2026-Q4 would go from $3,096.77 to $3,096.77."
