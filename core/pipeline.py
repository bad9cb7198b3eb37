"""Pipeline health and the forecast: what is open, what is stale, what will close.

Both look at one scope's deals: a handful of aggregates plus the lists of deals
that need attention, capped so that a large team's answer stays short.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import case, func, or_, select
from sqlalchemy.sql.selectable import Select
from sqlmodel import Session

from core.aggregates import days_between, deal, deals_in_scope
from core.config import Settings
from core.models import DealStatus, ForecastCategory
from core.org import Org
from core.periods import FiscalCalendar, Period
from core.results import DealView, Forecast, PipelineHealth, Scope, StageSummary
from core.scope import subject_of
from core.scorecards import scorecard

LISTED_DEALS = 10


def pipeline_health(
    session: Session, settings: Settings, scope: Scope, period: Period, as_of: datetime
) -> PipelineHealth:
    """Open deals of the scope: by stage with their age, and the stale and past-due ones."""
    calendar = FiscalCalendar(settings.calendar)
    today = calendar.local_date(as_of)
    org = Org.load(session)
    untouched_since = today - timedelta(days=settings.thresholds.stale_days)
    is_open = deal.c.status == DealStatus.OPEN

    stages = select(
        deal.c.stage,
        func.count(),
        func.coalesce(func.sum(deal.c.amount), 0),
        func.avg(days_between(deal.c.created_date, today)),
    ).where(is_open)
    stages = deals_in_scope(stages, org, scope, today).group_by(deal.c.stage)
    by_stage = tuple(
        sorted(
            (
                StageSummary(
                    stage, count, Decimal(amount), _days(age) if age is not None else None
                )
                for stage, count, amount, age in session.connection().execute(stages)
            ),
            key=lambda summary: (-summary.amount, summary.stage),
        )
    )

    stale_condition = or_(deal.c.close_date < today, deal.c.last_touch_date <= untouched_since)
    listed = select(deal).where(is_open, stale_condition)
    listed = deals_in_scope(listed, org, scope, today).order_by(
        case((deal.c.close_date < today, 0), else_=1),
        deal.c.last_touch_date.asc(),
        deal.c.id,
    )
    views = [deal_view(row, org, today) for row in session.connection().execute(listed)]

    card = scorecard(session, settings, scope, period, as_of)
    return PipelineHealth(
        subject=card.subject,
        period=period,
        as_of=as_of,
        open_deals=sum(summary.deals for summary in by_stage),
        open_amount=sum((summary.amount for summary in by_stage), Decimal("0.00")),
        period_pipeline=card.open_pipeline,
        coverage=card.coverage,
        stale=tuple(view for view in views if not view.past_due)[:LISTED_DEALS],
        past_due=tuple(view for view in views if view.past_due)[:LISTED_DEALS],
        by_stage=by_stage,
    )


def _days(value: Any) -> Decimal:
    return Decimal(str(value)).quantize(Decimal("0.1"))


def deal_view(row: Any, org: Org, today: Any) -> DealView:
    touched = row.last_touch_date
    return DealView(
        id=row.id,
        name=row.name,
        account=row.account,
        owner=org.reps[row.owner_id].name,
        amount=row.amount,
        stage=row.stage,
        probability=Decimal(row.probability_bp) / 10_000
        if row.probability_bp is not None
        else None,
        close_date=row.close_date,
        days_untouched=(today - touched).days if touched is not None else None,
        past_due=row.close_date is not None and row.close_date < today,
    )


def forecast(
    session: Session, settings: Settings, scope: Scope, period: Period, as_of: datetime
) -> Forecast:
    """Closed, commit, best case and pipeline for the period, with both projections."""
    calendar = FiscalCalendar(settings.calendar)
    today = calendar.local_date(as_of)
    org = Org.load(session)
    card = scorecard(session, settings, scope, period, as_of)

    category = func.coalesce(deal.c.forecast_category, ForecastCategory.PIPELINE)
    query: Select[Any] = select(category, func.coalesce(func.sum(deal.c.amount), 0)).where(
        deal.c.status == DealStatus.OPEN, deal.c.close_date.between(period.start, period.end)
    )
    query = deals_in_scope(query, org, scope, today).group_by(category)
    open_by_category: dict[str, Decimal] = {
        str(name): Decimal(total) for name, total in session.connection().execute(query)
    }

    def part(name: ForecastCategory) -> Decimal:
        return open_by_category.get(name, Decimal("0.00"))

    return Forecast(
        subject=subject_of(org, scope),
        period=period,
        as_of=as_of,
        quota=card.quota,
        closed=card.won_revenue,
        commit=part(ForecastCategory.COMMIT),
        best_case=part(ForecastCategory.BEST_CASE),
        pipeline=part(ForecastCategory.PIPELINE) + part(ForecastCategory.CLOSED),
        omitted=part(ForecastCategory.OMITTED),
        weighted_projection=card.projection_weighted,
        run_rate_projection=card.projection_run_rate,
    )
