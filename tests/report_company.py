"""A company whose Q4 2026 report is worked out by hand below.

North (managed by Mona) has Ada and Bea; South has Carl; Root is an admin. Every
rep's quota is the same in Q3 and Q4: Ada 50,000, Bea 40,000, Carl 30,000 (120,000).

Q4 2026, read on 5 January 2027 (the quarter is over):

- Ada won 30,000 (Oct 10) and 25,000 (Nov 5): 55,000, 110%; lost 5,000 (Nov 20,
  from Proposal).
- Bea won 20,000 (Dec 1): 50%; lost 8,000 (Dec 3, imported lost) and 2,000 (Dec 4,
  from Negotiation, renamed from Closed Lost to Lost later).
- Carl won 12,000 (Oct 20) and 3,000 (Nov 1): 15,000, 50%; lost 1,000 (Nov 2,
  imported lost).

Company: 90,000 of 120,000 (75%), 5 won and 4 lost (win rate 5/9). North: 75,000
of 90,000. Shortfalls: Bea 20,000, Carl 15,000. Win rates of those with three
deals closed: Ada 2/3, Bea 1/3, Carl 2/3 (Ada and Carl share the best).

Q3: Ada 20,000 (Aug 10, 40%), Bea 30,000 (Sep 10, 75%), Carl 15,000 (Jul 15, 50%)
and a 3,000 loss (Jul 20): the company 65,000 (54.17%), 3 won, 1 lost. Most
improved: Ada, +70 points (Bea is down 25, Carl level).

Open: Ada 7,000 due Dec 15 (commit, 50%): slipped; Carl 6,000 due Nov 30
(pipeline, 20%): slipped; Bea 4,000 due Jan 20, 2027: not in Q4.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlmodel import Session

from core.models import Deal, DealStageChange, Rep, Team
from core.periods import FiscalCalendar
from tests.builders import Company, at

CALENDAR = FiscalCalendar()
AFTER_Q4 = at(2027, 1, 5, 12)
Q4 = CALENDAR.parse("2026-Q4", AFTER_Q4)
Q3 = CALENDAR.parse("2026-Q3", AFTER_Q4)


@dataclass
class ReportPeople:
    north: Team
    south: Team
    mona: Rep
    ada: Rep
    bea: Rep
    carl: Rep
    root: Rep
    company: Company  # to add more, numbering deals on from the ones above


def lost_from(session: Session, deal: Deal, *stages: str) -> None:
    """Record the stage history of a lost deal: each stage it moved from, in order."""
    assert deal.id is not None
    for before, after in zip(stages, [*stages[1:], deal.stage], strict=True):
        session.add(
            DealStageChange(
                deal_id=deal.id, from_stage=before, to_stage=after,
                to_status="lost" if after in ("Closed Lost", "Lost") else "open",
                changed_on=deal.close_date or date(2026, 1, 1),
            )
        )  # fmt: skip


def build_report_company(session: Session) -> ReportPeople:
    company = Company(session)
    north, south = company.team("North"), company.team("South")
    mona = company.rep("Mona Manager", north, role="manager")
    north.manager_id = mona.id
    ada = company.rep("Ada Lovelace", north, mona)
    bea = company.rep("Bea Rossi", north, mona)
    carl = company.rep("Carl Weber", south)
    root = company.rep("Root Admin", role="admin")
    for quarter in (Q3, Q4):
        company.quota(ada, quarter, 50_000)
        company.quota(bea, quarter, 40_000)
        company.quota(carl, quarter, 30_000)

    company.deal(ada, "won", 30_000, date(2026, 10, 10), name="Acme platform")
    company.deal(ada, "won", 25_000, date(2026, 11, 5), name="Globex suite")
    proposal = company.deal(ada, "lost", 5_000, date(2026, 11, 20), name="Hooli pilot")
    lost_from(session, proposal, "Proposal")
    company.deal(bea, "won", 20_000, date(2026, 12, 1), name="Initech renewal")
    company.deal(bea, "lost", 8_000, date(2026, 12, 3), name="Umbrella deal")
    renamed = company.deal(bea, "lost", 2_000, date(2026, 12, 4), name="Stark add-on")
    renamed.stage = "Lost"
    lost_from(session, renamed, "Negotiation", "Closed Lost")
    company.deal(carl, "won", 12_000, date(2026, 10, 20), name="Wayne analytics")
    company.deal(carl, "won", 3_000, date(2026, 11, 1), name="Wonka seats")
    company.deal(carl, "lost", 1_000, date(2026, 11, 2), name="Tyrell trial")

    company.deal(ada, "won", 20_000, date(2026, 8, 10))
    company.deal(bea, "won", 30_000, date(2026, 9, 10))
    company.deal(carl, "won", 15_000, date(2026, 7, 15))
    company.deal(carl, "lost", 3_000, date(2026, 7, 20))

    company.deal(
        ada, "open", 7_000, date(2026, 12, 15), probability=50, category="commit",
        stage="Negotiation", name="Soylent expansion",
    )  # fmt: skip
    company.deal(
        carl, "open", 6_000, date(2026, 11, 30), probability=20, category="pipeline",
        stage="Discovery", name="Cyberdyne pilot",
    )  # fmt: skip
    company.deal(bea, "open", 4_000, date(2027, 1, 20), probability=30, stage="Proposal")
    session.commit()
    return ReportPeople(north, south, mona, ada, bea, carl, root, company)
