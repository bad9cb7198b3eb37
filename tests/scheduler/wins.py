"""Builders for celebrations: an import that wins deals, and a zone where it is noon."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

from sqlmodel import Session, col, select

from core.ingest.deals import import_deals
from core.ingest.records import DealRecord
from core.models import DealStageChange


def noon_zone(instant: datetime) -> str:
    """A fixed-offset zone where `instant` falls at noon: inside posting hours."""
    offset = (12 - instant.astimezone(UTC).hour) % 24
    offset = offset - 24 if offset > 14 else offset
    if offset == 0:
        return "Etc/GMT"
    return f"Etc/GMT{'-' if offset > 0 else '+'}{abs(offset)}"  # Etc/GMT-3 is UTC+3


ADA, CARL = "ada.lovelace@example.com", "carl.weber@example.com"  # of tests/bot/company


def win_two_deals(session: Session) -> datetime:
    """An import that wins Ada's Acme renewal and a new deal of Carl's; its stamp."""
    records = [
        DealRecord(
            "D5", ADA, "Closed Won", name="Acme renewal", account="Acme Corp",
            amount=Decimal(20_000), currency="USD", close_date=date(2026, 12, 1),
        ),
        DealRecord(
            "N1", CARL, "Closed Won", name="Umbrella", amount=Decimal(8_000),
            currency="USD", close_date=date(2026, 12, 1),
        ),
        # Moved along but not won: nothing to celebrate.
        DealRecord("D6", ADA, "Negotiation", name="Globex expansion"),
    ]  # fmt: skip
    import_deals(session, records, source="test", today=date(2026, 12, 1))
    session.commit()
    stamps = session.exec(select(col(DealStageChange.recorded_at))).all()
    return max(stamps)
