"""Why someone is at risk, and what it would take, in the reader's words."""

from __future__ import annotations

from decimal import Decimal

from bot.catalogue import Texts
from core.results import RiskReason, Scorecard


def risk_phrases(card: Scorecard, texts: Texts) -> list[str]:
    """One short phrase per reason, most telling first."""
    phrases = {
        RiskReason.LOW_PROJECTION: lambda: texts(
            "risk.low_projection", projected=texts.percent(card.projected_attainment)
        ),
        RiskReason.BEHIND_PACE: lambda: texts(
            "risk.behind_pace", gap=texts.money(-(card.pace_gap or Decimal(0)))
        ),
        RiskReason.LOW_COVERAGE: lambda: (
            texts("risk.low_coverage", coverage=texts.times(card.coverage))
            if card.coverage
            else texts("risk.no_pipeline")
        ),
        RiskReason.STALE_PIPELINE: lambda: texts.plural("risk.stale", card.stale_deals),
    }
    return [phrases[reason]() for reason in card.risk_reasons]


def what_it_takes(card: Scorecard, texts: Texts) -> str | None:
    """Money to close per business day to reach quota, while there are days left."""
    if card.needed_per_business_day is None or card.remaining_business_days <= 0:
        return None
    if card.needed_per_business_day == 0:
        return texts("coach.reached")
    return texts(
        "coach.per_day",
        needed=texts.money(card.needed_per_business_day),
        days=texts.days(card.remaining_business_days),
    )
