"""Small builders that make a company, its deals and quotas short to write in tests."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import TypeVar

from sqlmodel import Session, col, select

from core.models import Activity, Deal, DealStatus, Quota, Rep, Team, TeamMembership
from core.periods import Period

Record = TypeVar("Record", Team, Rep, TeamMembership, Deal, Quota, Activity)


def usd(amount: str | int) -> Decimal:
    return Decimal(str(amount)).quantize(Decimal("0.01"))


def at(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=UTC)


class Company:
    """Writes records straight through SQLModel, the way the importer leaves them."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self._deals = 0

    def team(self, name: str, parent: Team | None = None, manager: Rep | None = None) -> Team:
        team = Team(
            name=name,
            parent_id=parent.id if parent else None,
            manager_id=manager.id if manager else None,
        )
        return self._saved(team)

    def rep(
        self,
        name: str,
        team: Team | None = None,
        manager: Rep | None = None,
        *,
        role: str = "rep",
        hired: date = date(2024, 1, 1),
        active: bool = True,
    ) -> Rep:
        email = name.lower().replace(" ", ".") + "@example.com"
        rep = self._saved(
            Rep(
                name=name,
                email=email,
                team_id=team.id if team else None,
                manager_id=manager.id if manager else None,
                role=role,
                hire_date=hired,
                active=active,
            )
        )
        if team is not None:
            self._saved(TeamMembership(rep_id=rep.id, team_id=team.id, start_date=hired))
        return rep

    def move(self, rep: Rep, team: Team, on: date) -> None:
        """Move a rep to another team from `on`, closing the current membership."""
        current = select(TeamMembership).where(
            TeamMembership.rep_id == rep.id, col(TeamMembership.end_date).is_(None)
        )
        for membership in self.session.exec(current):
            membership.end_date = on - timedelta(days=1)
        rep.team_id = team.id
        self._saved(TeamMembership(rep_id=rep.id, team_id=team.id, start_date=on))

    def deal(
        self,
        owner: Rep,
        status: str,
        amount: str | int | None,
        close: date | None,
        *,
        created: date | None = None,
        probability: int | None = None,
        category: str | None = None,
        touched: date | None = None,
        stage: str | None = None,
        name: str | None = None,
    ) -> Deal:
        self._deals += 1
        stages = {DealStatus.WON: "Closed Won", DealStatus.LOST: "Closed Lost"}
        touch_dates = [day for day in (created, touched) if day is not None]
        return self._saved(
            Deal(
                source="test",
                external_id=f"D{self._deals}",
                name=name if name is not None else f"Deal {self._deals}",
                owner_id=owner.id,
                amount=usd(amount) if amount is not None else None,
                currency="USD",
                stage=stage or stages.get(DealStatus(status), "Negotiation"),
                status=status,
                probability_bp=probability * 100 if probability is not None else None,
                forecast_category=category,
                created_date=created,
                close_date=close,
                last_activity_date=touched,
                last_touch_date=max(touch_dates) if touch_dates else None,
            )
        )

    def quota(self, owner: Rep | Team, period: Period, target: str | int) -> Quota:
        is_rep = isinstance(owner, Rep)
        return self._saved(
            Quota(
                rep_id=owner.id if is_rep else None,
                team_id=None if is_rep else owner.id,
                period_label=period.label,
                start_date=period.start,
                end_date=period.end,
                target=usd(target),
            )
        )

    def activity(self, rep: Rep, day: date, count: int = 1, kind: str = "call") -> Activity:
        return self._saved(Activity(rep_id=rep.id, kind=kind, occurred_on=day, count=count))

    def _saved(self, record: Record) -> Record:
        self.session.add(record)
        self.session.flush()
        return record
