"""Reading the values of a CRM export: amounts, dates, percentages and names of things.

Every parser takes a cell's text (already trimmed, never empty) and returns a value
or raises `ValueError` with a message that quotes the text.

Amounts: currency signs and codes are dropped ("$1,234.50", "EUR 1.234,50",
"1 234,50 €", "(1,234.50)" for a negative). The decimal separator is decided per
value: when both "," and "." appear the last one is the decimal separator; a
separator that appears twice or more separates thousands; a single "," followed by
other than three digits is a decimal comma ("12,50"). That leaves two ambiguous
forms: "1,234" and "1.234". By default they read as 1234 and 1.234 (English
notation); with `decimal_comma` they read as 1.234 and 1234.

The parsers of values that repeat (categories, codes, percentages) remember their
answers; dates are remembered by `DateParser`.

Dates: ISO dates, with a time after them or not (the date part is taken as it is,
without moving it to another time zone); 2026/11/30; 30.11.2026 (always day first);
11/30/2026 and 11-30-2026 (month first, or day first with `day_first`); 30 Nov 2026,
30-Nov-26 and Nov 30, 2026. Two-digit years are 1969-2068, as in C's strptime.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from decimal import ROUND_HALF_EVEN, Decimal, InvalidOperation
from functools import cache

from core.models import DealStatus, ForecastCategory, Role

_PLAIN_NUMBER = re.compile(r"-?\d+(?:\.\d+)?")
_CODE_PREFIX = re.compile(r"^([A-Za-z]{3})(?=[\s\d(+\-.,])")
_CODE_SUFFIX = re.compile(r"(?<=[\s\d).,])([A-Za-z]{3})$")
_DOLLAR_PREFIXES = {
    "US$": "USD", "CA$": "CAD", "C$": "CAD", "AU$": "AUD", "A$": "AUD", "NZ$": "NZD",
    "HK$": "HKD", "S$": "SGD", "R$": "BRL", "MX$": "MXN",
}  # fmt: skip
# Signs that name one currency; "$" and "¥" name several and say nothing.
_SIGNS = {"€": "EUR", "£": "GBP", "₹": "INR", "₩": "KRW", "₽": "RUB", "₺": "TRY", "₪": "ILS"}
_GROUP_MARKS = str.maketrans("", "", " '’\u00a0\u202f\u2009")


def parse_amount(text: str, *, decimal_comma: bool = False) -> tuple[Decimal, str | None]:
    """The amount, and the currency its sign or code names (None when it names none)."""
    if _PLAIN_NUMBER.fullmatch(text) and not (decimal_comma and "." in text):
        return Decimal(text), None

    number, currency = text.strip(), None
    negative = number.startswith("(") and number.endswith(")")
    if negative:
        number = number[1:-1].strip()
    for prefix, code in _DOLLAR_PREFIXES.items():
        if number.upper().startswith(prefix):
            number, currency = number[len(prefix) :], code
            break
    for match in (_CODE_PREFIX.search(number), _CODE_SUFFIX.search(number)):
        if match is not None:
            currency = match[1].upper()
            number = number[: match.start()] + number[match.end() :]
    signs = [char for char in number if unicodedata.category(char) == "Sc"]
    currency = currency or next((_SIGNS[sign] for sign in signs if sign in _SIGNS), None)
    number = "".join(char for char in number if char not in signs).translate(_GROUP_MARKS)
    if number[:1] in ("-", "\u2212") or number[-1:] == "-":
        negative = not negative
        number = number[1:] if number[:1] in ("-", "\u2212") else number[:-1]

    value = _number(number, decimal_comma)
    if value is None:
        raise ValueError(f"not an amount: {text!r}")
    return (-value if negative else value), currency


def _number(text: str, decimal_comma: bool) -> Decimal | None:
    """A number written with "," and "." in any common way (see the module)."""
    if not re.fullmatch(r"[\d.,]*\d[\d.,]*", text):
        return None
    commas, dots = text.count(","), text.count(".")
    if commas and dots:
        decimal = "," if text.rfind(",") > text.rfind(".") else "."
    elif commas + dots == 1:
        mark = "," if commas else "."
        three_after = len(text) - text.index(mark) - 1 == 3
        thousands = three_after and (decimal_comma if mark == "." else not decimal_comma)
        decimal = "" if thousands else mark
    else:
        decimal = ""  # no mark, or one mark used several times: thousands

    if decimal:
        whole, _, fraction = text.rpartition(decimal)
        group = "." if decimal == "," else ","
    else:
        whole, fraction, group = text, "", "," if commas else "."
    if decimal and decimal in whole:
        return None
    if group in whole and not _grouped(whole.split(group)):
        return None
    return Decimal(whole.replace(group, "") + "." + (fraction or "0"))


def _grouped(groups: list[str]) -> bool:
    """Thousands groups: 1-3 digits first, then threes (or twos before the last, as in
    the Indian 1,23,45,678)."""
    first, *middle, last = groups
    return 1 <= len(first) <= 3 and len(last) == 3 and all(len(part) in (2, 3) for part in middle)


_MONTHS = {
    name: number
    for number, names in enumerate(
        [("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"),
         ("may",), ("jun", "june"), ("jul", "july"), ("aug", "august"),
         ("sep", "sept", "september"), ("oct", "october"), ("nov", "november"),
         ("dec", "december")],
        start=1,
    )
    for name in names
}  # fmt: skip
_ISO = re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[T ].*)?")
_NUMERIC = re.compile(r"(\d{1,2})([/.-])(\d{1,2})\2(\d{4}|\d{2})(?:[T ].*)?")
_DAY_MONTH_NAME = re.compile(r"(\d{1,2})[ -]([A-Za-z]{3,9})\.?[ -],?\s*(\d{4}|\d{2})")
_MONTH_NAME_DAY = re.compile(r"([A-Za-z]{3,9})\.? (\d{1,2}),? (\d{4})")
DATE_FORMS = "2026-11-30, 11/30/2026, 30.11.2026 or 30 Nov 2026"


class DateParser:
    """Dates of one file, read month first or day first; each distinct text read once."""

    def __init__(self, *, day_first: bool = False) -> None:
        self.day_first = day_first
        self.known: dict[str, date] = {}

    def __call__(self, text: str) -> date:
        # ISO timestamps differ by their time; the date part is what is looked up.
        key = text[:10] if len(text) > 10 and text[10] in "T " else text
        found = self.known.get(key)
        if found is None:
            found = self.known[key] = self._parse(key, text)
        return found

    def _parse(self, key: str, text: str) -> date:
        try:
            if match := _ISO.fullmatch(key):
                return date(int(match[1]), int(match[2]), int(match[3]))
            if match := _NUMERIC.fullmatch(text):
                first, separator, second, year = match.groups()
                if separator == "." or self.day_first:
                    return date(_year(year), int(second), int(first))
                if int(first) > 12 >= int(second):
                    raise ValueError(
                        f"not a date: {text!r} (dates are read month first; "
                        "use the day-first option for 30/11/2026)"
                    )
                return date(_year(year), int(first), int(second))
            if match := _DAY_MONTH_NAME.fullmatch(text):
                return date(_year(match[3]), _month(match[2]), int(match[1]))
            if match := _MONTH_NAME_DAY.fullmatch(text):
                return date(int(match[3]), _month(match[1]), int(match[2]))
        except (ValueError, KeyError) as error:
            if str(error).startswith("not a date"):
                raise
            raise ValueError(f"not a date: {text!r}") from None
        raise ValueError(f"not a date: {text!r}; write it as {DATE_FORMS}")


def _year(text: str) -> int:
    year = int(text)
    if len(text) == 2:
        year += 2000 if year < 69 else 1900
    return year


def _month(name: str) -> int:
    return _MONTHS[name.lower()]


@cache
def parse_probability(text: str, *, fractions: bool = False) -> int:
    """A percentage ("25", "25%" or "25,5") in basis points (2500). With `fractions` (as
    HubSpot exports them), a number up to 1 without "%" is a share: "0.2" is 20%, "1" 100%."""
    number = text.removesuffix("%").strip()
    try:
        value = Decimal(number.replace(",", "."))
    except InvalidOperation:
        raise ValueError(f"not a probability: {text!r}") from None
    if not value.is_finite():
        raise ValueError(f"not a probability: {text!r}")
    if fractions and not text.endswith("%") and 0 <= value <= 1:
        value *= 100
    if not 0 <= value <= 100:
        raise ValueError(f"not a probability from 0 to 100%: {text!r}")
    return int((value * 100).to_integral_value(ROUND_HALF_EVEN))


def _folded(text: str) -> str:
    return re.sub(r"[\s_\-]+", "", text).casefold()


_FORECAST = {
    "closed": ForecastCategory.CLOSED,
    "closedwon": ForecastCategory.CLOSED,
    "commit": ForecastCategory.COMMIT,
    "bestcase": ForecastCategory.BEST_CASE,
    "pipeline": ForecastCategory.PIPELINE,
    "omitted": ForecastCategory.OMITTED,
    "omit": ForecastCategory.OMITTED,
    "notforecasted": ForecastCategory.OMITTED,
    "closedlost": ForecastCategory.OMITTED,
}


@cache
def parse_forecast_category(text: str) -> ForecastCategory:
    """ "Best Case", "BestCase", "best_case"...; HubSpot's "Not forecasted" is omitted."""
    found = _FORECAST.get(_folded(text))
    if found is None:
        valid = ", ".join(category.value for category in ForecastCategory)
        raise ValueError(f"not a forecast category: {text!r}; use one of {valid}")
    return found


@cache
def parse_status(text: str) -> DealStatus:
    folded = _folded(text).removeprefix("closed")
    if folded not in {status.value for status in DealStatus}:
        raise ValueError(f"not a deal status: {text!r}; use open, won or lost")
    return DealStatus(folded)


@cache
def parse_role(text: str) -> Role:
    folded = _folded(text)
    if folded not in {role.value for role in Role}:
        raise ValueError(f"not a role: {text!r}; use rep, manager or admin")
    return Role(folded)


def parse_count(text: str) -> int:
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise ValueError(f"not a whole number: {text!r}") from None
    if not value.is_finite() or value != value.to_integral_value():
        raise ValueError(f"not a whole number: {text!r}")
    return int(value)


@cache
def parse_currency(text: str) -> str:
    code = text.upper()
    if not re.fullmatch(r"[A-Z]{3}", code):
        raise ValueError(f"not a currency code such as USD or EUR: {text!r}")
    return code
