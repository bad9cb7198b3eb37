"""Win stories: how a won deal was won, told by its owner, kept as the team's practice.

A deal's owner is asked once, ever: `ask` writes the deal's row before anything is
sent, and the row's unique deal makes a second replica's (or a later import's) `ask`
find it there and do nothing. `tell` fills the row in once. A story shows (in a post,
in a search) only while its deal is still won: a deal that stops being won takes its
story out of sight.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from sqlalchemy import ColumnElement, and_, func, or_, update
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from core.models import Deal, DealStatus, Rep, WinStory

ANSWER_TEXT = 1000  # characters of one answer, at most
SEARCHED = 10  # stories one search shows, the newest first


@dataclass(frozen=True, slots=True)
class Story:
    deal_id: int
    deal: str | None
    account: str | None
    amount: Decimal | None  # shown in posts, as the celebration shows it; not in searches
    owner_id: int
    owner: str
    difference: str
    helpers: str
    tip: str | None
    told_at: datetime


@dataclass(frozen=True, slots=True)
class Asked:
    """A deal whose owner was asked, and where the answer stands."""

    deal_id: int
    rep_id: int
    told: bool
    won: bool  # the deal is still won


def ask(session: Session, deal_id: int, rep_id: int, at: datetime) -> bool:
    """Record that the deal's owner is asked now; False when they were asked before."""
    session.add(WinStory(deal_id=deal_id, rep_id=rep_id, asked_at=at))
    try:
        session.commit()
    except IntegrityError:
        session.rollback()
        return False
    return True


def was_asked(session: Session, deal_id: int) -> bool:
    query = select(WinStory.id).where(WinStory.deal_id == deal_id)
    return session.exec(query).first() is not None


def asked(session: Session, deal_id: int) -> Asked | None:
    """The ask about the deal, or None when nobody was asked about it."""
    query = (
        select(WinStory, Deal)
        .join(Deal, col(Deal.id) == col(WinStory.deal_id))
        .where(WinStory.deal_id == deal_id)
    )
    found = session.exec(query).first()
    if found is None:
        return None
    story, deal = found
    told = story.told_at is not None
    return Asked(deal_id, story.rep_id, told, deal.status == DealStatus.WON)


def tell(
    session: Session,
    deal_id: int,
    *,
    difference: str,
    helpers: str,
    tip: str | None,
    at: datetime,
) -> bool:
    """Keep the story of a deal asked about; False when it was told already."""
    # One conditional UPDATE: of two submissions at once, only one finds it untold.
    statement = (
        update(WinStory)
        .where(col(WinStory.deal_id) == deal_id, col(WinStory.told_at).is_(None))
        .values(difference=difference, helpers=helpers, tip=tip or None, told_at=at)
    )
    kept = session.execute(statement).rowcount == 1  # type: ignore[attr-defined]
    session.commit()
    return bool(kept)


def told_since(session: Session, since: datetime) -> list[datetime]:
    """The moments stories were told after `since`, oldest first: each is posted once."""
    query = (
        select(col(WinStory.told_at))
        .distinct()
        .where(col(WinStory.told_at) > since)
        .order_by(col(WinStory.told_at))
    )
    return [stamp for stamp in session.exec(query) if stamp is not None]


def told_at(session: Session, stamp: datetime) -> list[Story]:
    """The stories told at `stamp` whose deals are still won."""
    return _stories(session, col(WinStory.told_at) == stamp, limit=None)


def search(session: Session, keyword: str | None, limit: int = SEARCHED) -> list[Story]:
    """Stories whose rep, deal, account or words hold `keyword` (all of them without
    one), the newest first; only those whose deals are still won."""
    where: ColumnElement[bool] = col(WinStory.told_at).is_not(None)
    if keyword and keyword.strip():
        pattern = f"%{_escaped(keyword.strip().casefold())}%"
        columns = (
            Rep.name, Deal.name, Deal.account, WinStory.difference, WinStory.helpers, WinStory.tip
        )  # fmt: skip
        matches = (func.lower(col(column)).like(pattern, escape="\\") for column in columns)
        where = and_(where, or_(*matches))
    return _stories(session, where, limit=limit)


def _stories(session: Session, where: ColumnElement[bool], limit: int | None) -> list[Story]:
    query = (
        select(WinStory, Deal, Rep)
        .join(Deal, col(Deal.id) == col(WinStory.deal_id))
        .join(Rep, col(Rep.id) == col(WinStory.rep_id))
        .where(where, col(Deal.status) == DealStatus.WON)
        .order_by(col(WinStory.told_at).desc(), col(WinStory.id).desc())
    )
    if limit is not None:
        query = query.limit(limit)
    found = []
    for story, deal, owner in session.exec(query):
        assert story.told_at is not None, "only told stories are read"
        assert owner.id is not None, "stored reps have ids"
        found.append(
            Story(
                story.deal_id,
                deal.name,
                deal.account,
                deal.amount,
                owner.id,
                owner.name,
                story.difference or "",
                story.helpers or "",
                story.tip,
                story.told_at,
            )
        )
    return found


def _escaped(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
