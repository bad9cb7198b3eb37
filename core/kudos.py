"""Kudos: a reaction on a win's celebration gives the winner points.

A celebration post is remembered with the import whose wins it showed
(`PostedMessage`); the reaction names the post, so it names the wins. Each winner
shown gets `[kudos] points`, as a ledger entry of kind points, code "kudos", cause
"deal:ID:from:GIVER", on the day of the reaction (company calendar). Kudos to oneself
are ignored, and so is a second kudos from the same person for the same win (in any
channel, even after the first was taken back). Kudos are taken back with the win's
other points when the deal is won no more (core.points).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session

from core.config import Settings
from core.ledger import POINTS, Award, ledger, write
from core.models import Deal, DealStatus, PostedMessage, SubscriptionKind
from core.org import Org
from core.periods import FiscalCalendar
from core.points import KUDOS
from core.wins import Win, wins_of_import

logger = logging.getLogger(__name__)

posted_message = PostedMessage.__table__  # type: ignore[attr-defined]
deal = Deal.__table__  # type: ignore[attr-defined]


@dataclass(frozen=True, slots=True)
class KudosOutcome:
    given: tuple[Win, ...]  # the wins whose owners got kudos
    celebration: bool  # whether the message was a celebration at all


def give_kudos(
    session: Session,
    settings: Settings,
    *,
    platform: str,
    channel: str,
    message_id: str,
    giver_id: int,
    at: datetime,
) -> KudosOutcome:
    """Give kudos from `giver_id` for the wins of the celebration message; the caller
    commits."""
    posted = session.execute(
        select(posted_message).where(
            posted_message.c.platform == platform,
            posted_message.c.channel == channel,
            posted_message.c.message_id == message_id,
        )
    ).first()
    if posted is None or posted.kind != SubscriptionKind.CELEBRATIONS:
        return KudosOutcome((), False)

    wins = wins_of_import(session, settings.stages, posted.stamp)
    if posted.team_id is not None:
        org = Org.load(session)
        teams = org.subtree(posted.team_id)
        wins = [win for win in wins if org.reps[win.owner_id].team_id in teams]
    causes = {win.deal_id: f"deal:{win.deal_id}:from:{giver_id}" for win in wins}
    given_before = set(
        session.execute(
            select(ledger.c.cause).where(
                ledger.c.kind == POINTS,
                ledger.c.code == KUDOS,
                ledger.c.cause.in_(causes.values()),
            )
        ).scalars()
    )
    still_won = set(
        session.execute(
            select(deal.c.id).where(deal.c.id.in_(list(causes)), deal.c.status == DealStatus.WON)
        ).scalars()
    )

    day = FiscalCalendar(settings.calendar).local_date(at)
    points = Decimal(settings.kudos.points)
    given = [
        win
        for win in wins
        if win.owner_id != giver_id
        and causes[win.deal_id] not in given_before
        and win.deal_id in still_won
    ]
    written = []
    for win in given if points > 0 else []:
        # Two reactions of one person may arrive together: the unique index keeps one.
        try:
            with session.begin_nested():
                award = Award(win.owner_id, KUDOS, causes[win.deal_id], points, day)
                write(session, POINTS, [award], at)
        except IntegrityError:
            continue
        written.append(win)
    logger.info("kudos from rep %s: %d win(s) of %d", giver_id, len(written), len(wins))
    return KudosOutcome(tuple(written), True)
