"""Money: `Decimal` amounts, stored as whole hundredths so that sums are exact in SQL."""

from __future__ import annotations

from decimal import ROUND_HALF_EVEN, Decimal, InvalidOperation
from typing import Any

from sqlalchemy import BigInteger
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeDecorator

CENT = Decimal("0.01")
ZERO = Decimal("0.00")


def to_cents(value: Decimal) -> Decimal:
    """Round a money value to the cent, half to even (banker's rounding)."""
    return value.quantize(CENT, rounding=ROUND_HALF_EVEN)


class MoneyColumn(TypeDecorator[Decimal]):
    """A money column: `Decimal` in Python, an exact integer count of hundredths in SQL.

    SQLite has no exact decimal type, so storing amounts as REAL would let sums drift;
    integers add up exactly on SQLite and PostgreSQL alike.
    """

    impl = BigInteger
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Dialect) -> int | None:
        if value is None:
            return None
        try:
            return int(to_cents(Decimal(value)).scaleb(2))
        except InvalidOperation as error:
            raise ValueError(f"not an amount of money: {value!r}") from error

    def process_result_value(self, value: Any, dialect: Dialect) -> Decimal | None:
        if value is None:
            return None
        return to_cents(Decimal(value).scaleb(-2))
