"""Standard competition ranking (1, 2, 2, 4) with a stable tie-break by name."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import Decimal
from operator import itemgetter
from typing import TypeVar

T = TypeVar("T")


def competition_ranks(
    items: Sequence[T], value: Callable[[T], Decimal | int | None], name: Callable[[T], str]
) -> list[tuple[int | None, T]]:
    """Items best first with their rank; equal values share a rank, the next one skips.

    Ties are listed by name (case-insensitively), so the order never depends on the
    order the database returned. Items without a value are not ranked and come last.
    """
    return rank_in_name_order(in_name_order(items, name), value)


def in_name_order(items: Sequence[T], name: Callable[[T], str]) -> list[T]:
    return sorted(items, key=lambda item: (name(item).casefold(), name(item)))


def rank_in_name_order(
    items: Sequence[T], value: Callable[[T], Decimal | int | None]
) -> list[tuple[int | None, T]]:
    """`competition_ranks` of items already in name order, which ties keep.

    A board ranks the same people twice (today and the day before): sorting them
    by name once serves both.
    """
    valued: list[tuple[Decimal | int, T]] = []
    unvalued: list[tuple[int | None, T]] = []
    for item in items:
        number = value(item)
        if number is None:
            unvalued.append((None, item))
        else:
            valued.append((number, item))
    valued.sort(key=itemgetter(0), reverse=True)  # stable: ties stay in name order

    ranked: list[tuple[int | None, T]] = []
    previous: Decimal | int | None = None
    rank = 0
    for position, (number, item) in enumerate(valued, start=1):
        if number != previous:
            rank, previous = position, number
        ranked.append((rank, item))
    ranked.extend(unvalued)
    return ranked
