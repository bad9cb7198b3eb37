"""Standard competition ranking (1, 2, 2, 4) with a stable tie-break by name."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import TypeVar

T = TypeVar("T")


def competition_ranks(
    items: Sequence[T], value: Callable[[T], Decimal | None], name: Callable[[T], str]
) -> list[tuple[int | None, T]]:
    """Items best first with their rank; equal values share a rank, the next one skips.

    Ties are listed by name (case-insensitively), so the order never depends on the
    order the database returned. Items without a value are not ranked and come last.
    """

    def order(item: T) -> tuple[bool, Decimal, str, str]:
        number = value(item)
        return (number is None, -(number or Decimal(0)), name(item).casefold(), name(item))

    ranked: list[tuple[int | None, T]] = []
    previous: Decimal | None = None
    rank = 0
    for position, item in enumerate(sorted(items, key=order), start=1):
        number = value(item)
        if number is None:
            ranked.append((None, item))
            continue
        if number != previous:
            rank, previous = position, number
        ranked.append((rank, item))
    return ranked
