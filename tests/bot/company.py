"""A small company for the bot's tests, and a way to ask it something as one person.

North (managed by Mona) has Ada and Bea; South has Carl, who reports to no one; Root
is an admin. It is asked at the start of 2026-12-01 (UTC): 43 of Q4's 66 business
days are gone, 23 are left, so the pace is 43/66 = 65.15%.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import date, datetime

from sqlmodel import Session

from bot.catalogue import Texts
from bot.commands import build_registry
from bot.people import asker_by_email
from bot.registry import ChatContext, Registry
from bot.reply import Field, Reply
from core.config import Settings
from core.models import Rep, Team
from core.periods import FiscalCalendar
from tests.builders import Company, at

NOW = at(2026, 12, 1)
Q4 = FiscalCalendar().parse("2026-Q4", NOW)
SETTINGS = Settings()


@dataclass
class People:
    north: Team
    south: Team
    mona: Rep
    ada: Rep
    bea: Rep
    carl: Rep
    root: Rep
    company: Company  # to add more, numbering deals on from the ones above


def build(session: Session) -> People:
    company = Company(session)
    north, south = company.team("North"), company.team("South")
    mona = company.rep("Mona Manager", north, role="manager")
    north.manager_id = mona.id
    ada = company.rep("Ada Lovelace", north, mona)
    bea = company.rep("Bea Rossi", north, mona)
    carl = company.rep("Carl Weber", south)
    root = company.rep("Root Admin", role="admin")
    company.quota(ada, Q4, 60_000)
    company.quota(bea, Q4, 40_000)
    company.quota(carl, Q4, 50_000)

    company.deal(ada, "won", 30_000, date(2026, 10, 15))
    company.deal(bea, "won", 36_000, date(2026, 11, 10))
    company.deal(bea, "lost", 1_000, date(2026, 11, 12))
    company.deal(carl, "won", 10_000, date(2026, 11, 20))
    # Ada's open deals: one fresh, one stale (untouched since Oct 20), one past due.
    company.deal(
        ada, "open", 20_000, date(2026, 12, 15), created=date(2026, 10, 1),
        touched=date(2026, 11, 25), probability=80, category="commit", name="Acme renewal",
        stage="Negotiation",
    )  # fmt: skip
    company.deal(
        ada, "open", 15_000, date(2026, 12, 20), created=date(2026, 9, 1),
        touched=date(2026, 10, 20), probability=50, category="best_case",
        name="Globex expansion", stage="Proposal",
    )  # fmt: skip
    company.deal(
        ada, "open", 5_000, date(2026, 11, 20), created=date(2026, 11, 1),
        touched=date(2026, 11, 28), probability=10, category="pipeline", name="Initech pilot",
        stage="Discovery",
    )  # fmt: skip
    session.commit()
    return People(north, south, mona, ada, bea, carl, root, company)


def ask(
    session: Session,
    who: Rep,
    line: str,
    *,
    locale: str | None = None,
    charts: bool = False,
    registry: Registry | None = None,
    settings: Settings | None = None,
    now: datetime | None = None,
) -> Reply:
    """The reply the bot gives `who` for `line`, as of NOW (or `now`)."""
    asker = asker_by_email(session, who.email)
    assert asker is not None
    context = ChatContext(
        session=session,
        settings=settings or SETTINGS,
        now=now or NOW,
        asker=asker,
        texts=Texts(locale or asker.locale or SETTINGS.locale, SETTINGS.currency),
        charts=charts,
    )
    return asyncio.run((registry or build_registry()).dispatch(line, context))


def fields(reply: Reply) -> dict[str, str]:
    return {field.label: field.value for field in reply.fields}


def text(reply: Reply) -> str:
    """Everything a person reads in the reply, as one string."""
    parts = [reply.title, *reply.paragraphs]
    parts += [f"{field.label}: {field.value}" for field in reply.fields]
    return "\n".join(parts)


__all__ = ["NOW", "Q4", "Field", "People", "ask", "build", "fields", "text"]
