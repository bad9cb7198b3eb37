"""Earnings against payouts worked out by hand.

The standard plan pays 5% on revenue up to 50% of quota, 8% from 50% to 100% and 12%
above 100%, each rate on the revenue inside its tier only. Ada's Q4 quota is
$100,000, so the tiers end at $50,000 and $100,000; Q4 is asked at its end.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event
from sqlmodel import Session, col, select

from core.clawbacks import record_clawbacks
from core.config import ConfigError, Settings, load_settings
from core.earnings import Earnings, NoPlanError, earnings, earnings_of_all, what_if
from core.ingest import DealRecord, import_deals
from core.models import LedgerEntry, Rep
from core.periods import FiscalCalendar
from tests.builders import Company, at, usd

CALENDAR = FiscalCalendar()
Q4 = CALENDAR.parse("2026-Q4", at(2026, 12, 1))
END_OF_Q4 = at(2027, 1, 1)
STANDARD = {
    "tiers": [
        {"from": 0, "rate": 0.05},
        {"from": 0.5, "rate": 0.08},
        {"from": 1, "rate": 0.12, "name": "accelerator"},
    ]
}


def settings(plans: dict[str, Any], assignments: list[dict[str, Any]]) -> Settings:
    return Settings.model_validate({"earnings": {"plans": plans, "assignments": assignments}})


def standard(**extra: Any) -> Settings:
    plan = {**STANDARD, **extra}
    return settings({"AE": plan}, [{"plan": "AE", "rep": "ada@example.com", "from": "2026-01-01"}])


def ada_with(
    session: Session, *won: str | int, quota: int | None = 100_000, company: Company | None = None
) -> Rep:
    company = company or Company(session)
    ada = company.rep("Ada")
    if quota is not None:
        company.quota(ada, Q4, quota)
    for amount in won:
        company.deal(ada, "won", amount, date(2026, 11, 10))
    session.commit()
    return ada


def ask(session: Session, rep: Rep, config: Settings, **options: Any) -> Earnings:
    assert rep.id is not None
    return earnings(session, config, rep.id, Q4, END_OF_Q4, **options)


def by_tier(result: Earnings) -> list[tuple[int, Decimal, Decimal]]:
    return [(line.number, line.revenue, line.commission) for line in result.tiers]


# -- tiers, at and around every boundary ------------------------------------------------


@pytest.mark.parametrize(
    ("won", "tiers", "commission"),
    [
        # 49,999.99 x 5% = 2,499.9995: rounded once, half to even, to 2,500.00.
        ("49999.99", [("49999.99", "2500.00"), ("0", "0.00"), ("0", "0.00")], "2500.00"),
        ("50000", [("50000", "2500.00"), ("0", "0.00"), ("0", "0.00")], "2500.00"),
        ("50000.50", [("50000", "2500.00"), ("0.50", "0.04"), ("0", "0.00")], "2500.04"),
        ("99999.99", [("50000", "2500.00"), ("49999.99", "4000.00"), ("0", "0.00")], "6500.00"),
        ("100000", [("50000", "2500.00"), ("50000", "4000.00"), ("0", "0.00")], "6500.00"),
        ("100100", [("50000", "2500.00"), ("50000", "4000.00"), ("100", "12.00")], "6512.00"),
    ],
)
def test_each_rate_pays_only_the_revenue_inside_its_tier(
    session: Session, won: str, tiers: list[tuple[str, str]], commission: str
) -> None:
    ada = ada_with(session, won)

    result = ask(session, ada, standard())

    expected = [(n, Decimal(r), Decimal(c)) for n, (r, c) in enumerate(tiers, start=1)]
    assert by_tier(result) == expected
    assert result.commission == result.total == Decimal(commission)
    assert result.attainment == usd(won) / 100_000


@pytest.mark.parametrize(
    ("won", "next_tier", "needed"),
    [
        ("49999.99", 2, "0.01"),
        ("50000", 3, "50000"),
        ("99999.99", 3, "0.01"),
        ("100000", None, None),
    ],
)
def test_the_next_tier_and_what_it_takes(
    session: Session, won: str, next_tier: int | None, needed: str | None
) -> None:
    ada = ada_with(session, won)

    result = ask(session, ada, standard())

    if next_tier is None:
        assert result.next_tier is None
    else:
        assert result.next_tier is not None
        assert (result.next_tier.number, result.next_tier.needed) == (
            next_tier,
            Decimal(needed or 0),
        )


def test_a_cap_limits_commission_but_not_spiffs(session: Session) -> None:
    company = Company(session)
    ada = ada_with(session, 100_000, company=company)
    company.deal(ada, "won", 0, date(2026, 11, 11)).product = "Analytics"
    session.commit()
    config = standard(cap=5_000, spiffs=[{"product": "analytics", "amount": 250}])

    result = ask(session, ada, config)

    assert (result.commission, result.capped) == (Decimal("5000.00"), Decimal("1500.00"))
    assert result.spiff_total == Decimal("250.00")
    assert result.total == Decimal("5250.00")


def test_decelerator_and_accelerator_as_multiples_of_on_target_commission(
    session: Session,
) -> None:
    # 40,000 a year at 100% is 10,000 a quarter: a base rate of 10% on a 100,000 quota.
    plan = {
        "on_target_commission": 40_000,
        "tiers": [
            {"from": 0, "multiplier": 0.5, "name": "decelerator"},
            {"from": 0.4, "multiplier": 1},
            {"from": 1, "multiplier": 2, "name": "accelerator"},
        ],
    }
    config = settings(
        {"OTE": plan}, [{"plan": "OTE", "rep": "ada@example.com", "from": "2026-01-01"}]
    )
    ada = ada_with(session, 110_000)

    result = ask(session, ada, config)

    # 40,000 at 5% + 60,000 at 10% + 10,000 at 20%
    assert [line.rate for line in result.tiers] == [
        Decimal("0.05"),
        Decimal("0.1"),
        Decimal("0.2"),
    ]
    assert by_tier(result) == [
        (1, Decimal("40000"), Decimal("2000.00")),
        (2, Decimal("60000"), Decimal("6000.00")),
        (3, Decimal("10000"), Decimal("2000.00")),
    ]


def test_no_quota_pays_no_tiered_commission(session: Session) -> None:
    ada = ada_with(session, 10_000, quota=None)

    result = ask(session, ada, standard())

    assert result.quota_missing
    assert result.commission == 0
    assert result.tiers == ()


def test_a_flat_plan_needs_no_quota(session: Session) -> None:
    ada = ada_with(session, 10_000, quota=None)
    config = settings(
        {"Flat": {"tiers": [{"from": 0, "rate": 0.05}]}},
        [{"plan": "Flat", "rep": "ada@example.com", "from": "2026-01-01"}],
    )

    assert ask(session, ada, config).commission == Decimal("500.00")


def test_a_rep_without_a_plan_has_no_earnings(session: Session) -> None:
    ada = ada_with(session, 10_000)

    with pytest.raises(NoPlanError):
        ask(session, ada, Settings())


# -- rounding ------------------------------------------------------------------------


def test_many_small_deals_are_rounded_once_per_tier(session: Session) -> None:
    # Per deal, 0.05 x 5% = 0.0025 would round to nothing; on the tier's total it is 2.50.
    company = Company(session)
    ada = company.rep("Ada")
    company.quota(ada, Q4, 1_000_000)
    for number in range(1_000):
        company.deal(
            ada,
            "won",
            "0.05",
            date(2026, 10, 1) + (date(2026, 10, 2) - date(2026, 10, 1)) * (number % 60),
        )
    session.commit()

    result = ask(session, ada, standard())

    assert result.won_revenue == Decimal("50.00")
    assert result.commission == Decimal("2.50")


@pytest.mark.parametrize(("rounding", "paid"), [("half_even", "0.00"), ("half_up", "0.01")])
def test_rounding_is_half_even_unless_the_plan_says_half_up(
    session: Session, rounding: str, paid: str
) -> None:
    ada = ada_with(session, "0.10", quota=None)  # 0.10 x 5% = 0.005 exactly
    config = settings(
        {"Flat": {"tiers": [{"from": 0, "rate": 0.05}], "rounding": rounding}},
        [{"plan": "Flat", "rep": "ada@example.com", "from": "2026-01-01"}],
    )

    assert ask(session, ada, config).commission == Decimal(paid)


# -- plans that change, teams, ramps ----------------------------------------------------


def test_a_change_of_plan_splits_the_period_and_tiers_run_on(session: Session) -> None:
    company = Company(session)
    ada = company.rep("Ada")
    company.quota(ada, Q4, 100_000)
    company.deal(ada, "won", 60_000, date(2026, 10, 10))
    company.deal(ada, "won", 30_000, date(2026, 11, 15))
    session.commit()
    senior = {"tiers": [{"from": 0, "rate": 0.10}, {"from": 0.5, "rate": 0.20}]}
    config = settings(
        {"AE": STANDARD, "Senior": senior},
        [
            {"plan": "AE", "rep": "ada@example.com", "from": "2026-01-01"},
            {"plan": "Senior", "rep": "ada@example.com", "from": "2026-11-01"},
        ],
    )

    result = ask(session, ada, config)

    # October under AE: 50,000 at 5% + 10,000 at 8%. November on, Senior: the 30,000
    # starts at 60,000 on the ladder, all of it above 50%, so at 20%.
    first, second = result.parts
    assert (first.plan, first.start, first.end) == ("AE", date(2026, 10, 1), date(2026, 10, 31))
    assert (second.plan, second.start, second.end) == ("Senior", date(2026, 11, 1), Q4.end)
    assert first.commission == Decimal("3300.00")
    assert by_tier(result)[3:] == [
        (1, Decimal(0), Decimal("0.00")),
        (2, Decimal(30_000), Decimal("6000.00")),
    ]
    assert result.commission == Decimal("9300.00")
    assert result.plan == "Senior"


def test_a_team_plan_applies_below_the_team_and_a_reps_own_wins(session: Session) -> None:
    company = Company(session)
    emea = company.team("EMEA")
    europe = company.team("Europe", parent=emea)
    ada = company.rep("Ada", europe)
    bea = company.rep("Bea", europe)
    for rep in (ada, bea):
        company.quota(rep, Q4, 100_000)
        company.deal(rep, "won", 10_000, date(2026, 11, 2))
    session.commit()
    flat = {"tiers": [{"from": 0, "rate": 0.10}]}
    config = settings(
        {"AE": STANDARD, "Flat": flat},
        [
            {"plan": "AE", "team": "emea", "from": "2026-01-01"},
            {"plan": "Flat", "rep": "Bea@example.com", "from": "2026-01-01"},
        ],
    )

    everyone = earnings_of_all(session, config, Q4, END_OF_Q4)

    assert [(e.subject.name, e.plan, e.commission) for e in everyone] == [
        ("Ada", "AE", Decimal("500.00")),
        ("Bea", "Flat", Decimal("1000.00")),
    ]


def test_a_new_hire_is_topped_up_to_the_draw_while_ramping(session: Session) -> None:
    company = Company(session)
    ada = company.rep("Ada", hired=date(2026, 11, 16))
    company.quota(ada, Q4, 100_000)
    company.deal(ada, "won", 10_000, date(2026, 12, 1))
    session.commit()
    config = standard(ramp={"months": 3, "draw": 3_000})

    result = ask(session, ada, config)

    # Ramp from Nov 16: 15 of November's 30 days (1,500) and all December (3,000).
    assert result.guarantee == Decimal("4500.00")
    assert result.commission == Decimal("500.00")
    assert result.draw_top_up == Decimal("4000.00")
    assert result.total == Decimal("4500.00")


def test_the_projection_runs_the_weighted_pipeline_through_the_tiers(session: Session) -> None:
    company = Company(session)
    ada = ada_with(session, 40_000, company=company)
    company.deal(ada, "open", 50_000, date(2026, 12, 20), probability=40)
    session.commit()

    result = ask(session, ada, standard(), projection=True)

    # 40,000 + 20,000 weighted: 50,000 at 5% + 10,000 at 8%.
    assert result.projection is not None
    assert result.projection.revenue == Decimal("60000.00")
    assert result.projection.commission == Decimal("3300.00")


def test_what_if_shows_the_extra_commission_by_tier_and_the_tier_crossed(
    session: Session,
) -> None:
    ada = ada_with(session, 40_000)
    assert ada.id is not None

    answer = what_if(session, standard(), ada.id, Q4, at(2026, 12, 1), Decimal(25_000))

    # 10,000 more at 5% to reach 50,000, then 15,000 at 8%.
    assert [(c.number, c.revenue, c.commission) for c in answer.changes] == [
        (1, Decimal(10_000), Decimal("500.00")),
        (2, Decimal(15_000), Decimal("1200.00")),
    ]
    assert answer.extra_commission == Decimal("1700.00")
    assert answer.crossed is not None
    assert answer.crossed.number == 2
    assert answer.after.attainment == Decimal("0.65")


# -- adjustments and clawbacks ----------------------------------------------------------


def test_ledger_adjustments_and_spiffs_count_in_the_period_recorded(session: Session) -> None:
    ada = ada_with(session, 10_000)
    for kind, amount, when in [
        ("adjustment", "-60", at(2026, 11, 20)),
        ("spiff", "300", at(2026, 12, 5)),
        ("adjustment", "999", at(2027, 1, 3)),  # next quarter
    ]:
        session.add(
            LedgerEntry(
                rep_id=ada.id,
                kind=kind,
                amount=usd(amount),
                cause="contest:Q4 blitz",
                created_at=when,
            )
        )
    session.commit()

    result = ask(session, ada, standard())

    assert result.adjustment_total == Decimal("-60.00")
    assert result.spiff_total == Decimal("300.00")
    assert result.total == Decimal("500.00") - 60 + 300


FLAT_30_DAYS = settings(
    {"Flat": {"tiers": [{"from": 0, "rate": 0.05}], "clawback_days": 30}},
    [{"plan": "Flat", "rep": "ada@example.com", "from": "2026-01-01"}],
)


def _import(session: Session, status: str, close: date, on: date) -> None:
    record = DealRecord(
        "D1", "ada@example.com", status, name="Acme", amount=usd(10_000), close_date=close
    )
    import_deals(session, [record], source="crm", today=on)
    session.commit()


def _entries(session: Session) -> list[tuple[str, Decimal, str | None]]:
    rows = session.exec(select(LedgerEntry).order_by(col(LedgerEntry.id)))
    return [(entry.kind, entry.amount, entry.code) for entry in rows]


@pytest.mark.parametrize(
    ("reversed_on", "clawed_back"), [(date(2026, 10, 10), True), (date(2026, 10, 30), False)]
)
def test_a_reversal_keeps_the_paid_period_and_claws_back_inside_the_window(
    session: Session, reversed_on: date, clawed_back: bool
) -> None:
    Company(session).rep("Ada")
    session.commit()
    _import(session, "Closed Won", date(2026, 9, 20), date(2026, 9, 20))
    _import(session, "Closed Lost", date(2026, 9, 20), reversed_on)

    summary = record_clawbacks(
        session, FLAT_30_DAYS, at(reversed_on.year, reversed_on.month, reversed_on.day, 12)
    )
    session.commit()
    again = record_clawbacks(session, FLAT_30_DAYS, at(2026, 12, 1))

    kept = [("reversed_deal", Decimal("500.00"), "closed:2026-09-20")]
    taken = [("clawback", Decimal("-500.00"), "closed:2026-09-20")] if clawed_back else []
    assert _entries(session) == kept + taken
    assert (summary.reversals, summary.clawbacks) == (1, int(clawed_back))
    assert (again.reversals, again.clawbacks, again.undone) == (0, 0, 0)
    ada = session.exec(select(Rep)).one()
    assert ada.id is not None
    q3 = CALENDAR.parse("2026-Q3", END_OF_Q4)
    assert earnings(session, FLAT_30_DAYS, ada.id, q3, END_OF_Q4).total == Decimal("500.00")
    q4_total = earnings(session, FLAT_30_DAYS, ada.id, Q4, END_OF_Q4).total
    assert q4_total == (Decimal("-500.00") if clawed_back else 0)


def test_a_deal_won_again_undoes_its_clawback(session: Session) -> None:
    Company(session).rep("Ada")
    session.commit()
    _import(session, "Closed Won", date(2026, 9, 20), date(2026, 9, 20))
    _import(session, "Closed Lost", date(2026, 9, 20), date(2026, 10, 1))
    record_clawbacks(session, FLAT_30_DAYS, at(2026, 10, 1, 12))
    _import(session, "Closed Won", date(2026, 9, 20), date(2026, 10, 5))

    summary = record_clawbacks(session, FLAT_30_DAYS, at(2026, 10, 5, 12))
    session.commit()

    assert summary.undone == 2
    assert sum(amount for _, amount, _ in _entries(session)) == 0
    assert record_clawbacks(session, FLAT_30_DAYS, at(2026, 10, 6)).undone == 0


# -- configuration -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("toml", "problem"),
    [
        (
            "[earnings.plans.AE]\ntiers = [{from = 0.1, rate = 0.05}]",
            "earnings.plans.AE: Value error, the first tier must start",
        ),
        (
            "[earnings.plans.AE]\ntiers = [{from = 0, rate = 0.05}, {from = 0, rate = 0.1}]",
            "rising order",
        ),
        ("[earnings.plans.AE]\ntiers = [{from = 0, rate = 5}]", "earnings.plans.AE.tiers.0.rate"),
        (
            "[earnings.plans.AE]\ntiers = [{from = 0, multiplier = 1}]",
            "needs `base_rate` or `on_target_commission`",
        ),
        (
            "[earnings.plans.AE]\ntiers = [{from = 0, rate = 0.1, multiplier = 1}]",
            "either `rate` or `multiplier`",
        ),
        (
            '[earnings.plans.AE]\ntiers = [{from = 0, rate = 0.1}]\nrounding = "up"',
            "earnings.plans.AE.rounding",
        ),
        (
            "[earnings.plans.AE]\ntiers = [{from = 0, rate = 0.1}]\ncap = -1",
            "earnings.plans.AE.cap",
        ),
        ("[earnings.plans.AE]\ntiers = []", "earnings.plans.AE.tiers"),
        (
            "[earnings.plans.AE]\ntiers = [{from = 0, rate = 0.1}]\n"
            '[[earnings.assignments]]\nplan = "SE"\nrep = "a@b.c"\nfrom = 2026-01-01',
            "assignments.0.plan: unknown plan 'SE' (AE)",
        ),
        (
            "[earnings.plans.AE]\ntiers = [{from = 0, rate = 0.1}]\n"
            '[[earnings.assignments]]\nplan = "AE"\nrep = "a@b.c"\nteam = "X"\nfrom = 2026-01-01',
            "either `rep` (an email) or `team`",
        ),
    ],
)
def test_bad_plans_are_reported_with_their_key(tmp_path: Path, toml: str, problem: str) -> None:
    path = tmp_path / "quotabot.toml"
    path.write_text(toml, encoding="utf-8")

    with pytest.raises(ConfigError) as caught:
        load_settings(path)

    assert problem in str(caught.value)


def _statements_for_everyone(session: Session, company: Company, reps: int) -> int:
    team = company.team(f"Team {reps}")
    for number in range(reps):
        rep = company.rep(f"Rep {reps}-{number}", team)
        company.quota(rep, Q4, 10_000)
        for day in (3, 9, 17):
            company.deal(rep, "won", 1_000 + number, date(2026, 11, day))
    session.commit()
    config = settings(
        {"AE": STANDARD}, [{"plan": "AE", "team": f"Team {reps}", "from": "2026-01-01"}]
    )
    statements: list[str] = []

    def count(*args: Any) -> None:
        statements.append(str(args[2]))

    bind = session.get_bind()
    event.listen(bind, "before_cursor_execute", count)
    try:
        everyone = earnings_of_all(session, config, Q4, END_OF_Q4)
    finally:
        event.remove(bind, "before_cursor_execute", count)
    assert len(everyone) == reps
    return len(statements)


def test_everyones_earnings_take_the_same_few_queries_for_any_number_of_reps(
    session: Session,
) -> None:
    company = Company(session)
    few = _statements_for_everyone(session, company, 3)
    many = _statements_for_everyone(session, company, 30)

    assert many == few
    assert few <= 10
