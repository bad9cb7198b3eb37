"""Badges: earned once per rule and period, and taken back when what earned them goes."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import Engine
from sqlmodel import Session, col, select

from core.config import Settings
from core.ingest import DealRecord, import_deals
from core.ledger import BADGE
from core.models import Deal, LedgerEntry, Rep
from core.periods import FiscalCalendar
from core.rewards import settle_rewards
from core.rewards_config import BadgesConfig
from tests.builders import Company, at

SETTINGS = Settings(
    badges=BadgesConfig(big_deal=50_000, streak_days=(3,), freeze_days=0, points={"big_deal": 50})
)
NOW = at(2026, 11, 30, 12)
Q4 = FiscalCalendar().parse("2026-Q4", NOW)


def standing(session: Session, rep: Rep) -> dict[str, str]:
    """The rep's badges in force: code -> cause."""
    rows = list(
        session.exec(
            select(LedgerEntry)
            .where(LedgerEntry.kind == BADGE, LedgerEntry.rep_id == rep.id)
            .order_by(col(LedgerEntry.id))
        )
    )
    reversed_ids = {row.reverses_id for row in rows}
    return {
        row.code or "": row.cause
        for row in rows
        if row.reverses_id is None and row.id not in reversed_ids
    }


def settle(session: Session, *reps: Rep) -> None:
    settle_rewards(session, SETTINGS, {rep.id for rep in reps if rep.id}, NOW)
    session.commit()


def test_wins_earn_first_win_hat_trick_big_deal_and_streak(engine: Engine) -> None:
    with Session(engine) as session:
        company = Company(session)
        ada = company.rep("Ada Lovelace")
        # Mon, Tue, Wed of one week: a hat trick, and a three-day streak of wins.
        first = company.deal(ada, "won", 1_000, date(2026, 11, 9))
        company.deal(ada, "won", 60_000, date(2026, 11, 10))
        third = company.deal(ada, "won", 2_000, date(2026, 11, 11))
        company.deal(ada, "won", 5_000, date(2026, 11, 21))  # a Saturday: no week day

        settle(session, ada)

        assert standing(session, ada) == {
            "first_win": f"deal:{first.id}",
            "hat_trick:2026-W46": f"deal:{third.id}",
            "big_deal": "deal:2",
            "win_streak:3": "streak:2026-11-11",
        }
        big = session.exec(select(LedgerEntry).where(LedgerEntry.code == "big_deal")).one()
        assert big.amount == 50
        assert big.occurred_on == date(2026, 11, 10)


def test_a_badge_is_awarded_once_however_often_it_is_settled(engine: Engine) -> None:
    with Session(engine) as session:
        company = Company(session)
        ada = company.rep("Ada Lovelace")
        company.deal(ada, "won", 1_000, date(2026, 11, 9))

        settle(session, ada)
        company.deal(ada, "won", 1_000, date(2026, 11, 20))
        settle(session, ada)

        count = session.exec(select(LedgerEntry).where(LedgerEntry.kind == BADGE)).all()
        assert [entry.code for entry in count] == ["first_win"]


def test_quota_crusher_at_100_and_150_percent_of_a_period(engine: Engine) -> None:
    with Session(engine) as session:
        company = Company(session)
        ada = company.rep("Ada Lovelace")
        company.quota(ada, Q4, 10_000)
        company.deal(ada, "won", 6_000, date(2026, 10, 5))
        reached = company.deal(ada, "won", 4_000, date(2026, 10, 20))  # 10,000: 100%
        company.deal(ada, "won", 4_999, date(2026, 11, 2))  # 14,999: not yet 150%
        crushed = company.deal(ada, "won", 1, date(2026, 11, 3))  # 15,000: 150%
        company.deal(ada, "won", 90_000, date(2026, 9, 30))  # before the quarter

        settle(session, ada)

        badges = standing(session, ada)
        assert badges["quota_100:2026-Q4"] == f"deal:{reached.id}"
        assert badges["quota_150:2026-Q4"] == f"deal:{crushed.id}"


def test_a_reopened_deal_takes_back_the_badges_it_earned(engine: Engine) -> None:
    with Session(engine) as session:
        company = Company(session)
        ada = company.rep("Ada Lovelace")
        session.commit()
        ada_email = ada.email
        day = date(2026, 11, 10)
        records = [
            DealRecord(f"D{n}", ada_email, "Closed Won", amount=Decimal(1_000), close_date=day)
            for n in range(3)
        ]
        import_deals(session, records, source="crm", today=day, rewards=SETTINGS)
        session.commit()
        assert "hat_trick:2026-W46" in standing(session, ada)

        reopened = DealRecord("D2", ada_email, "Negotiation")
        import_deals(session, [reopened], source="crm", today=day, rewards=SETTINGS)
        session.commit()

        # Two wins are left: still a first win, no more a hat trick.
        assert set(standing(session, ada)) == {"first_win"}

        lost = [DealRecord(f"D{n}", ada_email, "Closed Lost", close_date=day) for n in (0, 1)]
        import_deals(session, lost, source="crm", today=day, rewards=SETTINGS)
        session.commit()
        assert standing(session, ada) == {}
        assert session.exec(select(Deal).where(Deal.status == "won")).all() == []


def test_onboarding_milestones_count_only_for_new_hires(engine: Engine) -> None:
    with Session(engine) as session:
        company = Company(session)
        new = company.rep("Nina New", hired=date(2026, 10, 1))
        old = company.rep("Olga Old", hired=date(2024, 1, 1))
        for rep in (new, old):
            company.activity(rep, date(2026, 10, 6), 1, kind="meeting")
            company.deal(rep, "open", 5_000, date(2027, 1, 15), created=date(2026, 10, 7))
            company.deal(rep, "won", 5_000, date(2026, 10, 8), created=date(2026, 10, 8))

        settle(session, new, old)

        onboarding = {code for code in standing(session, new) if code.startswith("onboarding")}
        assert onboarding == {"onboarding_meeting", "onboarding_pipeline", "onboarding_win"}
        assert not any(code.startswith("onboarding") for code in standing(session, old))


def test_an_activity_streak_counts_logged_activity_on_business_days(engine: Engine) -> None:
    with Session(engine) as session:
        company = Company(session)
        ada = company.rep("Ada Lovelace")
        company.activity(ada, date(2026, 11, 12))  # Thursday
        company.activity(ada, date(2026, 11, 13))  # Friday
        company.activity(ada, date(2026, 11, 16), 0)  # Monday, nothing: no streak

        settle(session, ada)
        assert "activity_streak:3" not in standing(session, ada)

        company.activity(ada, date(2026, 11, 16), 2, kind="email")  # Monday, after all
        settle(session, ada)
        assert standing(session, ada)["activity_streak:3"] == "streak:2026-11-16"
