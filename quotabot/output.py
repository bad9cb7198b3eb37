"""How the command line shows engine results: JSON for machines, tables for people.

In JSON, money prints as a decimal string (exact), rates as numbers between 0 and 1,
and dates and instants in ISO 8601.
"""

from __future__ import annotations

import json
from dataclasses import fields, is_dataclass
from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from typing import Any

from bot.formatting import FALLBACK_LOCALE, format_money
from core.periods import Period
from core.results import Leaderboard, Scorecard, Subject, Unit

RATIO_FIELDS = frozenset(
    {"win_rate", "attainment", "pace", "coverage", "projected_attainment", "probability"}
)
NUMBER_FIELDS = frozenset({"sales_cycle_days", "remaining_business_days", "average_age_days"})


def period_json(period: Period) -> dict[str, str]:
    return {
        "label": period.label,
        "start": period.start.isoformat(),
        "end": period.end.isoformat(),
    }


def _number(value: Decimal, places: int = 6) -> float | int:
    rounded = round(value, places)
    return int(rounded) if rounded == rounded.to_integral_value() else float(rounded)


def to_json(value: Any, name: str = "") -> Any:
    """A JSON-ready copy of an engine result (dataclasses, Decimals, dates, enums)."""
    if isinstance(value, Period):
        return period_json(value)
    if isinstance(value, Subject):
        return {
            "kind": value.kind.value,
            "name": value.name,
            "email": value.email,
            "team": value.team,
        }
    if is_dataclass(value) and not isinstance(value, type):
        return {
            field.name: to_json(getattr(value, field.name), field.name) for field in fields(value)
        }
    if isinstance(value, Decimal):
        if name in RATIO_FIELDS or name in NUMBER_FIELDS:
            return _number(value)
        return str(value)
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, tuple | list):
        return [to_json(item, name) for item in value]
    return value


def scorecard_json(card: Scorecard) -> dict[str, Any]:
    data: dict[str, Any] = to_json(card)
    subject = data.pop("subject")
    return {
        "name": subject["name"],
        "kind": subject["kind"],
        "email": subject["email"],
        "team": subject["team"],
        **data,
    }


def leaderboard_json(board: Leaderboard) -> dict[str, Any]:
    def value(number: Decimal | None) -> Any:
        if number is None:
            return None
        if board.unit is Unit.MONEY:
            return str(number)
        return _number(number)

    return {
        "metric": board.metric.value,
        "by": board.by.value,
        "period": period_json(board.period),
        "as_of": board.as_of.isoformat(),
        "rows": [
            {
                "rank": row.rank,
                "name": row.subject.name,
                "email": row.subject.email,
                "team": row.subject.team,
                "value": value(row.value),
                "movement": row.movement,
            }
            for row in board.rows
        ],
    }


def dumps(data: Any) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False)


# -- text for people ------------------------------------------------------------------


def money(value: Decimal | None, currency: str, *, cents: bool = True) -> str:
    """$1,234.50, or $1,235 without cents for the columns of wide tables.

    The command line speaks English, so its money reads as chat replies do in English.
    """
    if value is None:
        return "–"
    return format_money(value, currency, FALLBACK_LOCALE, whole=not cents)


def percent(value: Decimal | None) -> str:
    return "–" if value is None else f"{value * 100:.1f}%"


def movement(value: int | None) -> str:
    if value is None or value == 0:
        return "–" if value is None else "="
    return f"▲{value}" if value > 0 else f"▼{-value}"


def board_value(board: Leaderboard, value: Decimal | None, currency: str) -> str:
    if board.unit is Unit.MONEY:
        return money(value, currency)
    if board.unit is Unit.RATIO:
        return percent(value)
    if board.unit is Unit.RATIO_CHANGE:
        return "–" if value is None else f"{value * 100:+.1f} pp"
    return "–" if value is None else f"{value:,}"
