"""Scorecards, pipelines and forecasts as text in a terminal."""

from __future__ import annotations

from decimal import Decimal

from rich.console import Console
from rich.table import Table

from core.periods import Period
from core.results import Forecast, PipelineHealth, RiskReason, Scorecard, SubjectKind
from quotabot.output import money, percent


def risk_reasons(card: Scorecard, currency: str) -> list[str]:
    """Why a scorecard is at risk, one short phrase per reason."""
    stale = f"{card.stale_deals} stale deal" + ("" if card.stale_deals == 1 else "s")
    phrases = {
        RiskReason.LOW_PROJECTION: "projected to finish at "
        f"{percent(card.projected_attainment)} of quota",
        RiskReason.BEHIND_PACE: f"{money(-(card.pace_gap or Decimal(0)), currency)} behind pace",
        RiskReason.LOW_COVERAGE: f"pipeline covers {card.coverage or 0:.2f}x of what is left",
        RiskReason.STALE_PIPELINE: stale,
    }
    return [phrases[reason] for reason in card.risk_reasons]


def risk_text(card: Scorecard, currency: str) -> str:
    return "; ".join(risk_reasons(card, currency))


def _days(value: Decimal) -> str:
    return f"{value:.1f}"


def print_scorecard(console: Console, card: Scorecard, currency: str) -> None:
    def cash(value: Decimal | None) -> str:
        return money(value, currency)

    table = Table(
        title=f"{card.subject.name}: {card.period.label} "
        f"({card.period.start} to {card.period.end})",
        title_justify="left",
        show_header=False,
    )
    table.add_column(style="bold")
    table.add_column(justify="right")
    rows = [
        ("Won revenue", cash(card.won_revenue)),
        ("Quota", cash(card.quota)),
        ("Attainment", percent(card.attainment)),
        ("Pace (expected to date)", f"{percent(card.pace)} ({cash(card.expected_to_date)})"),
        ("Pace gap", cash(card.pace_gap)),
        ("Needed per business day", cash(card.needed_per_business_day)),
        ("Business days left", _days(card.remaining_business_days)),
        ("Deals won / lost", f"{card.deals_won} / {card.deals_lost}"),
        ("Win rate", percent(card.win_rate)),
        ("Average deal size", cash(card.average_deal_size)),
        (
            "Sales cycle (days)",
            "–" if card.sales_cycle_days is None else _days(card.sales_cycle_days),
        ),
        (
            "Open pipeline (weighted)",
            f"{cash(card.open_pipeline)} ({cash(card.weighted_pipeline)})",
        ),
        ("Coverage", "–" if card.coverage is None else f"{card.coverage:.2f}x"),
        ("Projection: weighted", cash(card.projection_weighted)),
        ("Projection: run rate", cash(card.projection_run_rate)),
        ("Stale / past-due deals", f"{card.stale_deals} / {card.past_due_deals}"),
    ]
    for label, value in rows:
        table.add_row(label, value)
    console.print(table)
    if card.at_risk:
        console.print("[bold red]At risk:[/]")
        for phrase in risk_reasons(card, currency):
            console.print(f"  • {phrase}")


def print_scorecards(console: Console, cards: list[Scorecard], currency: str) -> None:
    if not cards:
        console.print("No one to show for this scope.")
        return
    first = cards[0]
    table = Table(title=f"Scorecards, {first.period.label}", title_justify="left")
    # A team's row names the region it belongs to; a person's, their team.
    in_column = "Part of" if first.subject.kind is SubjectKind.TEAM else "Team"
    for name in (
        "Name",
        in_column,
        "Won",
        "Quota",
        "Attainment",
        "Pace gap",
        "Win rate",
        "Pipeline",
        "At risk",
    ):
        table.add_column(name, justify="left" if name in {"Name", in_column} else "right")
    for card in sorted(cards, key=lambda c: (-(c.attainment or Decimal(-1)), c.subject.name)):
        table.add_row(
            card.subject.name,
            card.subject.team or "",
            money(card.won_revenue, currency, cents=False),
            money(card.quota, currency, cents=False),
            percent(card.attainment),
            money(card.pace_gap, currency, cents=False),
            percent(card.win_rate),
            money(card.open_pipeline, currency, cents=False),
            "yes" if card.at_risk else "",
        )
    console.print(table)


def print_at_risk(console: Console, cards: list[Scorecard], currency: str, period: Period) -> None:
    if not cards:
        console.print(f"No one is at risk in {period.label}.")
        return
    table = Table(title=f"At risk in {period.label}", title_justify="left")
    for name in ("Name", "Team", "Attainment", "Why", "Needed per day"):
        table.add_column(name)
    for card in cards:
        table.add_row(
            card.subject.name,
            card.subject.team or "",
            percent(card.attainment),
            risk_text(card, currency),
            money(card.needed_per_business_day, currency),
        )
    console.print(table)


def print_pipeline(console: Console, health: PipelineHealth, currency: str) -> None:
    console.print(
        f"[bold]{health.subject.name}[/]: {health.open_deals} open deals worth "
        f"{money(health.open_amount, currency)}; {money(health.period_pipeline, currency)} "
        f"expected to close in {health.period.label}"
        + ("" if health.coverage is None else f" ({health.coverage:.2f}x coverage)")
    )
    stages = Table(title="By stage", title_justify="left")
    for name in ("Stage", "Deals", "Amount", "Average age (days)"):
        stages.add_column(name, justify="left" if name == "Stage" else "right")
    for summary in health.by_stage:
        age = "–" if summary.average_age_days is None else str(summary.average_age_days)
        stages.add_row(summary.stage, str(summary.deals), money(summary.amount, currency), age)
    console.print(stages)
    for title, deals in (
        ("Past their close date", health.past_due),
        ("Stale (no activity or stage change)", health.stale),
    ):
        if not deals:
            continue
        table = Table(title=title, title_justify="left")
        for name in ("Deal", "Owner", "Stage", "Amount", "Close date", "Untouched (days)"):
            table.add_column(name)
        for deal in deals:
            table.add_row(
                deal.name or "(no name)",
                deal.owner,
                deal.stage,
                money(deal.amount, currency),
                str(deal.close_date or "–"),
                "–" if deal.days_untouched is None else str(deal.days_untouched),
            )
        console.print(table)


def print_forecast(console: Console, result: Forecast, currency: str) -> None:
    table = Table(
        title=f"Forecast for {result.subject.name}, {result.period.label}", title_justify="left"
    )
    table.add_column("")
    table.add_column("Amount", justify="right")
    table.add_column("Of quota", justify="right")

    def share(value: Decimal | None) -> str:
        if value is None or not result.quota:
            return "–"
        return percent(value / result.quota)

    for label, value in (
        ("Quota", result.quota),
        ("Closed", result.closed),
        ("Commit (closed + commit)", result.commit_total),
        ("Best case (+ best case)", result.best_case_total),
        ("Pipeline (not committed)", result.pipeline),
        ("Projection: weighted", result.weighted_projection),
        ("Projection: run rate", result.run_rate_projection),
    ):
        table.add_row(label, money(value, currency), share(value))
    console.print(table)
