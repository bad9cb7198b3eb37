from datetime import date
from decimal import Decimal

import pytest

from adapters.crm.parsing import (
    DateParser,
    parse_amount,
    parse_count,
    parse_forecast_category,
    parse_probability,
    parse_status,
)
from core.models import DealStatus, ForecastCategory


@pytest.mark.parametrize(
    ("text", "amount", "currency"),
    [
        ("1234.50", "1234.50", None),
        ("$1,234.50", "1234.50", None),
        ("US$ 1,234.50", "1234.50", "USD"),
        ("€ 1.234,50", "1234.50", "EUR"),
        ("1 234,50 €", "1234.50", "EUR"),
        ("1\u00a0234,50", "1234.50", None),
        ("EUR 1.234.567,89", "1234567.89", "EUR"),
        ("1,234,567.89 USD", "1234567.89", "USD"),
        ("1.234.567", "1234567", None),
        ("£12,50", "12.50", "GBP"),
        ("(1,234.50)", "-1234.50", None),
        ("-$99", "-99", None),
        ("1'234.50", "1234.50", None),
        ("1,23,456", "123456", None),
        (".5", "0.5", None),
    ],
)
def test_amounts_with_signs_codes_and_separators(
    text: str, amount: str, currency: str | None
) -> None:
    assert parse_amount(text) == (Decimal(amount), currency)


@pytest.mark.parametrize(
    ("text", "english", "decimal_comma"),
    [("1,234", "1234", "1.234"), ("1.234", "1.234", "1234")],
)
def test_the_two_ambiguous_amounts_follow_the_decimal_comma_option(
    text: str, english: str, decimal_comma: str
) -> None:
    assert parse_amount(text)[0] == Decimal(english)
    assert parse_amount(text, decimal_comma=True)[0] == Decimal(decimal_comma)


@pytest.mark.parametrize("text", ["abc", "1,2,3", "1.234,567.8", "12.345.67", "1e5", "$"])
def test_what_is_not_an_amount_is_refused_with_the_text(text: str) -> None:
    with pytest.raises(ValueError, match="not an amount"):
        parse_amount(text)


@pytest.mark.parametrize(
    "text",
    [
        "2026-11-30",
        "2026-11-30T16:14:25.000+0000",
        "2026-11-30 23:59:59",
        "2026/11/30",
        "11/30/2026",
        "11-30-2026",
        "11/30/26",
        "30.11.2026",
        "30 Nov 2026",
        "30-Nov-26",
        "Nov 30, 2026",
        "November 30 2026",
    ],
)
def test_dates_in_common_forms(text: str) -> None:
    assert DateParser()(text) == date(2026, 11, 30)


def test_slashed_dates_are_month_first_unless_day_first() -> None:
    assert DateParser()("01/02/2026") == date(2026, 1, 2)
    assert DateParser(day_first=True)("01/02/2026") == date(2026, 2, 1)
    assert DateParser(day_first=True)("30/11/2026") == date(2026, 11, 30)


def test_a_day_first_date_read_month_first_points_at_the_option() -> None:
    with pytest.raises(ValueError, match="day-first"):
        DateParser()("30/11/2026")


@pytest.mark.parametrize("text", ["2026-02-30", "tomorrow", "13.13.2026", "2026"])
def test_what_is_not_a_date_is_refused(text: str) -> None:
    with pytest.raises(ValueError, match="not a date"):
        DateParser()(text)


@pytest.mark.parametrize(
    ("text", "fractions", "basis_points"),
    [
        ("25", False, 2500),
        ("25%", False, 2500),
        ("12,5 %", False, 1250),
        ("0.2", False, 20),
        ("0.2", True, 2000),
        ("1", True, 10000),
        ("1%", True, 100),
        ("60", True, 6000),
    ],
)
def test_probabilities_are_percentages_or_hubspot_fractions(
    text: str, fractions: bool, basis_points: int
) -> None:
    assert parse_probability(text, fractions=fractions) == basis_points


def test_a_probability_above_100_is_refused() -> None:
    with pytest.raises(ValueError, match="0 to 100"):
        parse_probability("150")


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("Best Case", ForecastCategory.BEST_CASE),
        ("BestCase", ForecastCategory.BEST_CASE),
        ("best case", ForecastCategory.BEST_CASE),
        ("best_case", ForecastCategory.BEST_CASE),
        ("Commit", ForecastCategory.COMMIT),
        ("Closed", ForecastCategory.CLOSED),
        ("Pipeline", ForecastCategory.PIPELINE),
        ("Omitted", ForecastCategory.OMITTED),
        ("Not forecasted", ForecastCategory.OMITTED),
    ],
)
def test_forecast_categories_in_any_spelling(text: str, category: ForecastCategory) -> None:
    assert parse_forecast_category(text) is category


def test_an_unknown_forecast_category_lists_the_valid_ones() -> None:
    with pytest.raises(ValueError, match="closed, commit, best_case, pipeline, omitted"):
        parse_forecast_category("Maybe")


def test_statuses_and_counts() -> None:
    assert parse_status("Won") is DealStatus.WON
    assert parse_status("closed_lost") is DealStatus.LOST
    assert parse_count("3") == 3
    assert parse_count("3.0") == 3
    with pytest.raises(ValueError, match="not a whole number"):
        parse_count("2.5")
