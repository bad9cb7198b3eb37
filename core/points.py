"""Points: what the rules of `[points]` give for won deals and logged activities.

Each won deal earns `won_deal` points (code "won_deal") and the points of the highest
amount band it reaches (code "amount_band"), both on its close date, both caused by
"deal:ID". Each day's count of an activity kind with a rule earns points × count, at
most the kind's daily cap (code "activity", cause "activity:ID", on its day). Activity
counts are per company-calendar day already, so the cap is per such day.

`settle_points` brings the ledger in line with the deals and activities as they are
now, for the reps an import touched (core.ledger): a deal won earns, a deal won no
more gives its points back, a lowered count gives back the difference (the old entry
is reversed and the new one written), and importing the same file again writes
nothing. Kudos (code "kudos", cause "deal:ID:from:REP") are given by people, not by
the rules, so they are only ever taken back: when their deal is won no more.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from sqlalchemy import select
from sqlmodel import Session, SQLModel

from core.ledger import POINTS, Award, InForce, in_force, reverse, write
from core.models import DealStatus
from core.rewards_config import PointsConfig

deal = SQLModel.metadata.tables["deal"]
activity = SQLModel.metadata.tables["activity"]

RULE_CODES = frozenset({"won_deal", "amount_band", "activity"})
KUDOS = "kudos"


@dataclass(frozen=True, slots=True)
class Settled:
    written: int
    reversed: int


def deal_of_cause(cause: str) -> int | None:
    """The deal id of a cause "deal:ID" or "deal:ID:...", else None."""
    parts = cause.split(":")
    if len(parts) >= 2 and parts[0] == "deal" and parts[1].isdigit():
        return int(parts[1])
    return None


def due_points(session: Session, rules: PointsConfig, reps: Collection[int]) -> list[Award]:
    """The points the rules give these reps for their deals and activities as they are."""
    awards: list[Award] = []
    won = select(deal.c.id, deal.c.owner_id, deal.c.amount, deal.c.close_date).where(
        deal.c.status == DealStatus.WON, deal.c.owner_id.in_(sorted(reps))
    )
    for deal_id, owner, amount, close in session.execute(won):
        cause = f"deal:{deal_id}"
        if rules.won_deal:
            awards.append(Award(owner, "won_deal", cause, Decimal(rules.won_deal), close))
        band = rules.band_points(amount)
        if band is not None and band[1]:
            awards.append(Award(owner, "amount_band", cause, Decimal(band[1]), close))

    if rules.activities:
        logged = select(
            activity.c.id, activity.c.rep_id, activity.c.kind, activity.c.occurred_on,
            activity.c.count,
        ).where(
            activity.c.rep_id.in_(sorted(reps)), activity.c.kind.in_(list(rules.activities))
        )  # fmt: skip
        for activity_id, rep_id, kind, day, count in session.execute(logged):
            rule = rules.activities[kind]
            earned = rule.points * count
            if rule.daily_cap is not None:
                earned = min(earned, rule.daily_cap)
            if earned > 0:
                cause = f"activity:{activity_id}"
                awards.append(Award(rep_id, "activity", cause, Decimal(earned), day))
    return awards


def settle_points(
    session: Session, rules: PointsConfig, reps: Collection[int], at: datetime
) -> Settled:
    """Write the points now due and reverse those no longer due, for `reps`."""
    due = {(a.rep_id, a.code, a.cause): a for a in due_points(session, rules, reps)}
    won = select(deal.c.owner_id, deal.c.id).where(
        deal.c.status == DealStatus.WON, deal.c.owner_id.in_(sorted(reps))
    )
    won_deals = {(owner, deal_id) for owner, deal_id in session.execute(won)}

    stale: list[InForce] = []
    kept: set[tuple[int, str, str]] = set()
    for entry in in_force(session, POINTS, reps):
        if entry.code == KUDOS:
            if (entry.rep_id, deal_of_cause(entry.cause)) not in won_deals:
                stale.append(entry)
            continue
        if entry.code not in RULE_CODES:
            continue
        key = (entry.rep_id, entry.code, entry.cause)
        award = due.get(key)
        if award is None or (award.amount, award.day) != (entry.amount, entry.day):
            stale.append(entry)
        else:
            kept.add(key)

    fresh = [award for key, award in due.items() if key not in kept]
    reversed_count = reverse(session, POINTS, stale, at)
    return Settled(write(session, POINTS, fresh, at), reversed_count)
