"""How fresh the figures are: when the deals were last imported or changed.

Every import and update of a deal stamps its `updated_at` (core.ingest.deals), so the
newest stamp is the moment of the latest CRM data that the figures include.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func
from sqlmodel import Session, select

from core.models import Deal, UTCDateTime


def latest_update(session: Session) -> datetime | None:
    """The newest deal import or update, or None when no deal has been imported."""
    newest = func.max(Deal.updated_at, type_=UTCDateTime)
    value: datetime | None = session.exec(select(newest)).one()
    return value
