"""Numbers, money and dates as English and Italian readers write them.

Babel separates groups in Italian with a dot and puts the currency after the amount
with a no-break space (U+00A0) between them; NBSP below spells that space out.
"""

from datetime import date
from decimal import Decimal

import pytest

from bot.formatting import (
    format_compact_money,
    format_day,
    format_day_short,
    format_money,
    format_number,
    format_percent,
    format_period,
    reader_locale,
)
from core.periods import FiscalCalendar
from tests.builders import at

NBSP = "\u00a0"
CALENDAR = FiscalCalendar()
NOW = at(2026, 11, 16)


@pytest.mark.parametrize(
    ("amount", "currency", "locale", "expected"),
    [
        ("12345.50", "USD", "en", "$12,345.50"),
        ("12345.50", "EUR", "it", f"12.345,50{NBSP}€"),
        ("12345.50", "EUR", "en", "€12,345.50"),
        ("-40", "USD", "en", "-$40.00"),
        ("1000", "JPY", "en", "¥1,000"),  # the yen has no minor unit
    ],
)
def test_money_with_its_currency(amount: str, currency: str, locale: str, expected: str) -> None:
    text = format_money(Decimal(amount), currency, locale)

    assert text == expected


def test_whole_money_rounds_half_to_even_and_drops_the_decimals() -> None:
    assert format_money(Decimal("5000.00"), "USD", "en", whole=True) == "$5,000"
    assert format_money(Decimal("12344.50"), "EUR", "it", whole=True) == f"12.344{NBSP}€"
    assert format_money(Decimal("12345.50"), "EUR", "it", whole=True) == f"12.346{NBSP}€"


@pytest.mark.parametrize(
    ("amount", "locale", "expected"),
    [
        ("1234567", "en", "€1.2M"),
        ("1234567", "it", f"1,2{NBSP}Mln{NBSP}€"),
        ("12345", "en", "€12.3K"),
        ("500", "en", "€500"),
        ("0", "it", f"0{NBSP}€"),
    ],
)
def test_compact_money_for_axes(amount: str, locale: str, expected: str) -> None:
    text = format_compact_money(Decimal(amount), "EUR", locale)

    assert text == expected


def test_percentages() -> None:
    ratio = Decimal(5) / Decimal(6)

    assert format_percent(ratio, "en") == "83%"
    assert format_percent(ratio, "it") == "83%"
    assert format_percent(ratio, "en", places=1) == "83.3%"
    assert format_percent(ratio, "it", places=1) == "83,3%"
    assert format_percent(Decimal("2.5"), "en") == "250%"
    assert format_percent(Decimal(5) / Decimal(6), "de") == f"83{NBSP}%"


def test_plain_numbers() -> None:
    assert format_number(12345, "en") == "12,345"
    assert format_number(12345, "it") == "12.345"
    assert format_number(Decimal("9.5"), "en", places=1) == "9.5"
    assert format_number(Decimal("9.5"), "it", places=2) == "9,50"
    assert format_number(Decimal("2.5"), "en") == "2"  # half to even


def test_dates() -> None:
    day = date(2026, 11, 16)

    assert format_day(day, "en") == "Nov 16, 2026"
    assert format_day(day, "it") == "16 nov 2026"
    assert format_day_short(day, "en") == "Nov 16"
    assert format_day_short(day, "it") == "16 nov"


def test_periods_as_people_say_them() -> None:
    assert format_period(CALENDAR.parse("2026-11", NOW), "en") == "November 2026"
    assert format_period(CALENDAR.parse("2026-11", NOW), "it") == "novembre 2026"
    assert format_period(CALENDAR.parse("2026-Q4", NOW), "it") == "2026-Q4"
    assert format_period(CALENDAR.parse("today", NOW), "en") == "Nov 16, 2026"
    custom = CALENDAR.parse("2026-11-02..2026-11-20", NOW)
    assert format_period(custom, "it") == "02–20 nov 2026"


@pytest.mark.parametrize("tag", ["it", "it_IT", "it-IT", " it "])
def test_locale_tags_in_either_spelling(tag: str) -> None:
    assert reader_locale(tag).language == "it"


@pytest.mark.parametrize("tag", ["", None, "klingon", "xx_YY", "12"])
def test_an_unknown_locale_falls_back_to_english(tag: str | None) -> None:
    locale = reader_locale(tag)

    assert str(locale) == "en"
    assert format_money(Decimal("1.5"), "USD", tag or "") == "$1.50"


def test_any_babel_locale_is_welcome() -> None:
    assert format_money(Decimal("12345.5"), "EUR", "de") == f"12.345,50{NBSP}€"
    assert format_day(date(2026, 11, 16), "fr") == "16 nov. 2026"
