"""A rep's points and badges as they stand: the balance, the latest entries, the badges.

The balance adds every entry of kinds points and badge (a badge carries the points its
rule gives it), reversals included, so it is what the rep has now. Each entry names
its cause; a cause of a deal or an activity is told by the deal's name or the
activity's kind and count, read in one query each.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import func, select
from sqlmodel import Session, SQLModel

from core.badges import badge_base
from core.ledger import BADGE, POINTS, in_force

ledger = SQLModel.metadata.tables["ledger_entry"]
deal = SQLModel.metadata.tables["deal"]
activity = SQLModel.metadata.tables["activity"]
rep = SQLModel.metadata.tables["rep"]

LATEST = 10


@dataclass(frozen=True, slots=True)
class Cause:
    """What an entry was for: a deal (by name), an activity (kind and count), a person."""

    text: str  # as stored: "deal:42", "activity:7", "deal:42:from:3"
    deal: str | None = None
    activity_kind: str | None = None
    activity_count: int | None = None
    giver: str | None = None  # who gave kudos


@dataclass(frozen=True, slots=True)
class PointsLine:
    kind: str  # points or badge
    code: str
    amount: Decimal
    day: date | None
    recorded_at: datetime
    cause: Cause
    reversal: bool


@dataclass(frozen=True, slots=True)
class PointsStatement:
    rep_id: int
    balance: Decimal
    latest: tuple[PointsLine, ...]  # newest first


@dataclass(frozen=True, slots=True)
class BadgeHeld:
    badge: str  # the rule: "hat_trick"
    period: str | None  # "2026-W48", a streak's length, None for a once-only badge
    day: date | None
    points: Decimal
    cause: Cause


def points_statement(session: Session, rep_id: int, latest: int = LATEST) -> PointsStatement:
    """The balance, and the latest entries that moved it (a badge without points is not
    one: `badges_held` lists those)."""
    kinds = (POINTS, BADGE)
    total = select(func.coalesce(func.sum(ledger.c.amount), 0)).where(
        ledger.c.rep_id == rep_id, ledger.c.kind.in_(kinds)
    )
    balance = Decimal(session.execute(total).scalar_one())
    rows = session.execute(
        select(
            ledger.c.kind, ledger.c.code, ledger.c.amount, ledger.c.occurred_on,
            ledger.c.created_at, ledger.c.cause, ledger.c.reverses_id,
        )
        .where(ledger.c.rep_id == rep_id, ledger.c.kind.in_(kinds), ledger.c.amount != 0)
        .order_by(ledger.c.created_at.desc(), ledger.c.occurred_on.desc(), ledger.c.id.desc())
        .limit(latest)
    ).all()  # fmt: skip
    causes = _causes(session, [row.cause for row in rows])
    lines = tuple(
        PointsLine(
            row.kind, row.code or "", Decimal(row.amount), row.occurred_on,
            row.created_at, causes[row.cause], row.reverses_id is not None,
        )
        for row in rows
    )  # fmt: skip
    return PointsStatement(rep_id, balance.quantize(Decimal(1)), lines)


def badges_held(session: Session, rep_id: int) -> tuple[BadgeHeld, ...]:
    """The rep's badges in force, earliest earned first."""
    entries = sorted(
        in_force(session, BADGE, {rep_id}), key=lambda entry: (entry.day or date.min, entry.id)
    )
    causes = _causes(session, [entry.cause for entry in entries])
    held = []
    for entry in entries:
        _, _, period = entry.code.partition(":")
        held.append(
            BadgeHeld(
                badge_base(entry.code), period or None, entry.day, entry.amount,
                causes[entry.cause],
            )
        )  # fmt: skip
    return tuple(held)


def _causes(session: Session, texts: list[str]) -> dict[str, Cause]:
    deal_ids, activity_ids, giver_ids = set(), set(), set()
    for text in texts:
        parts = text.split(":")
        if len(parts) >= 2 and parts[1].isdigit():
            if parts[0] == "deal":
                deal_ids.add(int(parts[1]))
            elif parts[0] == "activity":
                activity_ids.add(int(parts[1]))
        if len(parts) == 4 and parts[2] == "from" and parts[3].isdigit():
            giver_ids.add(int(parts[3]))
    names = dict(
        session.execute(select(deal.c.id, deal.c.name).where(deal.c.id.in_(deal_ids))).all()
    )
    logged = {
        activity_id: (kind, count)
        for activity_id, kind, count in session.execute(
            select(activity.c.id, activity.c.kind, activity.c.count).where(
                activity.c.id.in_(activity_ids)
            )
        )
    }
    givers = dict(
        session.execute(select(rep.c.id, rep.c.name).where(rep.c.id.in_(giver_ids))).all()
    )

    found = {}
    for text in texts:
        parts = text.split(":")
        number = int(parts[1]) if len(parts) >= 2 and parts[1].isdigit() else None
        kind, count = logged.get(number, (None, None)) if parts[0] == "activity" else (None, None)
        giver = None
        if len(parts) == 4 and parts[3].isdigit():
            giver = givers.get(int(parts[3]))
        found[text] = Cause(
            text,
            deal=names.get(number) if parts[0] == "deal" and number is not None else None,
            activity_kind=kind,
            activity_count=count,
            giver=giver,
        )
    return found
