"""Points in the ledger: rules, caps, idempotent imports and reversals, by hand-counted sums."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import Engine
from sqlmodel import Session, col, select

from core.config import Settings
from core.ingest import ActivityRecord, DealRecord, import_activities, import_deals
from core.ledger import POINTS, Award, write
from core.models import LedgerEntry
from core.rewards_config import ActivityRule, Band, PointsConfig
from tests.builders import Company, at

DAY = date(2026, 11, 16)  # a Monday
RULES = PointsConfig(
    won_deal=10,
    bands=(
        Band(from_=Decimal(10_000), points=5),
        Band(from_=Decimal(50_000), points=20),
    ),
    activities={"call": ActivityRule(points=1, daily_cap=20), "meeting": ActivityRule(points=5)},
)
SETTINGS = Settings(points=RULES)


def won(external_id: str, amount: int, owner: str = "ada.lovelace@example.com") -> DealRecord:
    return DealRecord(external_id, owner, "Closed Won", amount=Decimal(amount), close_date=DAY)


def deals(session: Session, *records: DealRecord) -> None:
    import_deals(session, records, source="crm", today=DAY, rewards=SETTINGS)
    session.commit()


def calls(session: Session, *records: ActivityRecord) -> None:
    import_activities(session, records, rewards=SETTINGS)
    session.commit()


def entries(session: Session) -> list[LedgerEntry]:
    query = select(LedgerEntry).where(LedgerEntry.kind == POINTS).order_by(col(LedgerEntry.id))
    return list(session.exec(query))


def balance(session: Session) -> Decimal:
    return sum((entry.amount for entry in entries(session)), Decimal(0))


def test_a_won_deal_earns_its_points_and_its_band(engine: Engine) -> None:
    with Session(engine) as session:
        Company(session).rep("Ada Lovelace")
        session.commit()

        # 10 for each win; 9,999 reaches no band, 10,000 the first, 75,000 the second.
        deals(session, won("A", 9_999), won("B", 10_000), won("C", 75_000))

        assert balance(session) == Decimal(10 + 10 + 5 + 10 + 20)
        causes = {(entry.code, entry.cause) for entry in entries(session)}
        assert ("amount_band", "deal:3") in causes
        assert {entry.occurred_on for entry in entries(session)} == {DAY}


def test_importing_the_same_deals_twice_awards_nothing_more(engine: Engine) -> None:
    with Session(engine) as session:
        Company(session).rep("Ada Lovelace")
        session.commit()

        deals(session, won("A", 20_000))
        deals(session, won("A", 20_000))

        assert len(entries(session)) == 2
        assert balance(session) == Decimal(15)


def test_a_reopened_deal_gives_its_points_back_and_a_new_win_earns_them_again(
    engine: Engine,
) -> None:
    with Session(engine) as session:
        Company(session).rep("Ada Lovelace")
        session.commit()
        deals(session, won("A", 20_000))

        reopened = DealRecord(
            "A", "ada.lovelace@example.com", "Negotiation", amount=Decimal(20_000)
        )
        deals(session, reopened)

        assert balance(session) == 0
        reversals = [entry for entry in entries(session) if entry.reverses_id is not None]
        assert sorted(entry.amount for entry in reversals) == [Decimal(-10), Decimal(-5)]

        deals(session, won("A", 20_000))
        assert balance(session) == Decimal(15)
        assert len(entries(session)) == 6


def test_a_smaller_amount_on_reimport_moves_the_deal_to_a_lower_band(engine: Engine) -> None:
    with Session(engine) as session:
        Company(session).rep("Ada Lovelace")
        session.commit()
        deals(session, won("A", 60_000))

        deals(session, won("A", 12_000))

        # 10 for the win stays; the 20 of the top band goes, the 5 of the first comes.
        assert balance(session) == Decimal(15)
        assert len(entries(session)) == 4


def test_a_deal_that_changes_hands_moves_its_points(engine: Engine) -> None:
    with Session(engine) as session:
        company = Company(session)
        ada, grace = company.rep("Ada Lovelace"), company.rep("Grace Hopper")
        session.commit()
        deals(session, won("A", 1_000))

        deals(session, won("A", 1_000, owner="grace.hopper@example.com"))

        by_rep: dict[int, Decimal] = {}
        for entry in entries(session):
            by_rep[entry.rep_id] = by_rep.get(entry.rep_id, Decimal(0)) + entry.amount
        assert by_rep == {ada.id: 0, grace.id: 10}


def test_activity_points_are_capped_per_kind_and_day(engine: Engine) -> None:
    with Session(engine) as session:
        Company(session).rep("Ada Lovelace")
        session.commit()
        ada = "ada.lovelace@example.com"

        # 25 calls on Monday hit the cap of 20; 3 on Tuesday earn 3; meetings have no cap.
        calls(
            session,
            ActivityRecord(ada, "call", DAY, 25),
            ActivityRecord(ada, "call", date(2026, 11, 17), 3),
            ActivityRecord(ada, "meeting", DAY, 6),
            ActivityRecord(ada, "email", DAY, 40),  # no rule: no points
        )

        assert balance(session) == Decimal(20 + 3 + 30)


def test_a_lowered_count_gives_back_the_difference_and_the_same_file_changes_nothing(
    engine: Engine,
) -> None:
    with Session(engine) as session:
        Company(session).rep("Ada Lovelace")
        session.commit()
        ada = "ada.lovelace@example.com"
        calls(session, ActivityRecord(ada, "meeting", DAY, 4))

        calls(session, ActivityRecord(ada, "meeting", DAY, 1))
        calls(session, ActivityRecord(ada, "meeting", DAY, 1))

        # 20 written, reversed (-20), 5 written: 5 in all, three entries.
        assert [entry.amount for entry in entries(session)] == [20, -20, 5]

        calls(session, ActivityRecord(ada, "meeting", DAY, 0))
        assert balance(session) == 0


def test_a_failed_import_awards_nothing(engine: Engine) -> None:
    with Session(engine) as session:
        Company(session).rep("Ada Lovelace")
        session.commit()

        try:
            deals(session, won("A", 1_000), won("B", 1_000, owner="nobody@example.com"))
        except Exception:
            session.rollback()

        assert entries(session) == []


def test_kudos_stay_through_reimports_and_go_when_the_win_goes(engine: Engine) -> None:
    with Session(engine) as session:
        company = Company(session)
        ada, bea = company.rep("Ada Lovelace"), company.rep("Bea Rossi")
        session.commit()
        assert ada.id is not None
        deals(session, won("A", 1_000))
        kudos = Award(ada.id, "kudos", f"deal:1:from:{bea.id}", Decimal(2), DAY)
        write(session, POINTS, [kudos], at(2026, 11, 16, 15))
        session.commit()

        deals(session, won("A", 1_500))
        assert balance(session) == Decimal(12)

        deals(session, DealRecord("A", "ada.lovelace@example.com", "Closed Lost", close_date=DAY))
        assert balance(session) == 0
        assert [entry.amount for entry in entries(session)] == [10, 2, -10, -2]
