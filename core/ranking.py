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

    # Two stable sorts, the cheap way to order by value (best first) and then by name.
    keyed = [(value(item), name(item), item) for item in items]
    keyed.sort(key=lambda entry: (entry[1].casefold(), entry[1]))
    valued = [entry for entry in keyed if entry[0] is not None]
    valued.sort(key=lambda entry: entry[0], reverse=True)  # type: ignore[arg-type,return-value]

    ranked: list[tuple[int | None, T]] = []
    previous: Decimal | None = None
    rank = 0
    for position, (number, _, item) in enumerate(valued, start=1):
        if number != previous:
            rank, previous = position, number
        ranked.append((rank, item))
    ranked.extend((None, item) for number, _, item in keyed if number is None)
    return ranked
