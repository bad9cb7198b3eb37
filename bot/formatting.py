"""Money, numbers, percentages, dates and periods for the reader's locale, through Babel.

Every function takes the locale as a Babel `Locale` or as a tag ("en", "it", "it_IT",
"pt-BR"). A tag Babel does not know falls back to English: a mistyped locale in a
profile must never stop a reply. Rounding is half to even, as everywhere in Quotabot.
"""

from __future__ import annotations

import copy
import logging
from datetime import date
from decimal import ROUND_HALF_EVEN, Decimal
from functools import lru_cache

from babel import Locale, UnknownLocaleError
from babel.dates import format_date, format_interval, format_skeleton
from babel.numbers import (
    NumberPattern,
    format_compact_currency,
    format_currency,
    format_decimal,
)
from babel.numbers import format_percent as babel_percent

from core.periods import Period, PeriodKind

logger = logging.getLogger(__name__)

FALLBACK_LOCALE = "en"

LocaleLike = Locale | str


def reader_locale(locale: LocaleLike | None) -> Locale:
    """The Babel locale for a tag, or English when the tag is empty or unknown."""
    if isinstance(locale, Locale):
        return locale
    return _parse(locale or FALLBACK_LOCALE)


@lru_cache(maxsize=64)
def _parse(tag: str) -> Locale:
    try:
        return Locale.parse(tag.strip().replace("-", "_"))
    except (UnknownLocaleError, ValueError, TypeError):
        logger.debug("unknown locale %r, formatting in %s", tag, FALLBACK_LOCALE)
        return Locale.parse(FALLBACK_LOCALE)


def format_money(
    amount: Decimal, currency: str, locale: LocaleLike, *, whole: bool = False
) -> str:
    """An amount with its currency: "$12,345.50" in en, "12.345,50 €" in it.

    With `whole` the amount is rounded to whole units and shown without decimals
    ("$5,000"), as sentences and chart labels read best.
    """
    reader = reader_locale(locale)
    if not whole:
        return format_currency(amount, currency, locale=reader)
    rounded = amount.quantize(Decimal(1), rounding=ROUND_HALF_EVEN)
    return format_currency(
        rounded,
        currency,
        format=_fraction_pattern(reader, "currency", 0),
        locale=reader,
        currency_digits=False,
    )


@lru_cache(maxsize=256)
def _fraction_pattern(locale: Locale, kind: str, places: int) -> NumberPattern:
    """The locale's own currency, percent or decimal pattern with exactly `places` decimals.

    Copying the locale's pattern keeps its spacing, sign and symbol placement ("83 %" in
    de, "12.345 €" in it); only the number of decimals changes.
    """
    formats = {
        "currency": locale.currency_formats,
        "percent": locale.percent_formats,
        "decimal": locale.decimal_formats,
    }[kind]
    own: NumberPattern = formats["standard"] if kind == "currency" else formats[None]
    pattern = copy.copy(own)
    pattern.frac_prec = (places, places)
    return pattern


def format_compact_money(amount: Decimal, currency: str, locale: LocaleLike) -> str:
    """A short amount for axes and bar labels: "$1.2M" in en, "1,2 Mln €" in it."""
    return format_compact_currency(
        amount, currency, locale=reader_locale(locale), fraction_digits=1
    )


def format_percent(ratio: Decimal, locale: LocaleLike, *, places: int = 0) -> str:
    """A ratio as a percentage: 0.8333 is "83%" in en and in it, "83 %" in de."""
    reader = reader_locale(locale)
    return babel_percent(ratio, format=_fraction_pattern(reader, "percent", places), locale=reader)


def format_points_change(change: Decimal, locale: LocaleLike) -> str:
    """A change of two ratios as signed percentage points, to a tenth: 0.125 is "+12.5".

    The unit ("pp") is the caller's to add, from its catalogue."""
    reader = reader_locale(locale)
    points = format_decimal(
        abs(change) * 100, format=_fraction_pattern(reader, "decimal", 1), locale=reader
    )
    sign = "+" if change > 0 else "−" if change < 0 else ""
    return sign + points


def format_number(value: Decimal | int, locale: LocaleLike, *, places: int = 0) -> str:
    """A plain number with the locale's grouping: 12345 is "12,345" in en, "12.345" in it."""
    reader = reader_locale(locale)
    return format_decimal(
        value, format=_fraction_pattern(reader, "decimal", places), locale=reader
    )


def format_day(day: date, locale: LocaleLike) -> str:
    """A date at medium length: "Nov 16, 2026" in en, "16 nov 2026" in it."""
    return format_date(day, "medium", locale=reader_locale(locale))


def format_day_short(day: date, locale: LocaleLike) -> str:
    """Day and month only, for chart axes: "Nov 16" in en, "16 nov" in it."""
    return format_skeleton("MMMd", day, locale=reader_locale(locale))


def format_period(period: Period, locale: LocaleLike) -> str:
    """A period as people say it: "November 2026", "novembre 2026"; others by label."""
    reader = reader_locale(locale)
    if period.kind is PeriodKind.MONTH:
        return format_skeleton("yMMMM", period.start, locale=reader)
    if period.kind is PeriodKind.DAY:
        return format_day(period.start, reader)
    if period.kind is PeriodKind.CUSTOM:
        return format_interval(period.start, period.end, "yMMMd", locale=reader)
    return period.label
