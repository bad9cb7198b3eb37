"""Periods on the company's fiscal calendar, and the parsing of period names.

A period is a run of whole local days, `start` to `end` inclusive. Periods of one
kind (day, ISO week, calendar month, fiscal quarter, fiscal year) tile time with no
gap or overlap. Instants are turned into local days in the company's time zone, so
a period's edges are local midnights and a daylight-saving day is 23 or 25 hours.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from enum import StrEnum
from zoneinfo import ZoneInfo

from core.config import CalendarConfig


class PeriodKind(StrEnum):
    DAY = "day"
    WEEK = "week"
    MONTH = "month"
    QUARTER = "quarter"
    YEAR = "year"
    CUSTOM = "custom"


PERIOD_FORMS = (
    "2026-Q4 (fiscal quarter)",
    "2026-11 (month)",
    "2026-W48 (ISO week)",
    "2026 (fiscal year)",
    "2026-11-30 (day)",
    "today, yesterday",
    "this-week, last-week, this-month, last-month",
    "this-quarter, last-quarter, this-year, last-year",
    "FROM..TO, e.g. 2026-10-01..2026-11-15 or 2026-Q1..2026-Q2",
)


class PeriodError(ValueError):
    """A period name that could not be understood; the message lists the valid forms."""

    def __init__(self, text: str, reason: str = "") -> None:
        self.text = text
        detail = f" ({reason})" if reason else ""
        super().__init__(
            f"unknown period {text!r}{detail}; valid forms are: " + "; ".join(PERIOD_FORMS)
        )


@dataclass(frozen=True, slots=True)
class Period:
    kind: PeriodKind
    label: str
    start: date
    end: date  # inclusive

    def __contains__(self, day: date) -> bool:
        return self.start <= day <= self.end

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1


_QUARTER = re.compile(r"^(\d{4})-[Qq]([1-4])$")
_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")
_WEEK = re.compile(r"^(\d{4})-[Ww](\d{1,2})$")
_YEAR = re.compile(r"^(\d{4})$")
_DAY = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")


class FiscalCalendar:
    """The company's calendar: time zone, fiscal year, business days and holidays."""

    def __init__(self, config: CalendarConfig | None = None) -> None:
        config = config or CalendarConfig()
        self.tz = ZoneInfo(config.timezone)
        self.fiscal_year_start_month = config.fiscal_year_start_month
        self.named_by_end = config.fiscal_year_named_by == "end"
        self.holidays = frozenset(config.holidays)

    # -- instants and local days ------------------------------------------------

    def local_date(self, instant: datetime) -> date:
        if instant.tzinfo is None:
            raise ValueError("instants must be timezone-aware")
        return instant.astimezone(self.tz).date()

    def start_of_day(self, day: date) -> datetime:
        """The instant at which `day` begins in the company's time zone."""
        return datetime.combine(day, time(0), tzinfo=self.tz)

    def end_of_day(self, day: date) -> datetime:
        """The instant at which `day` ends: the next local midnight."""
        return self.start_of_day(day + timedelta(days=1))

    def start_instant(self, period: Period) -> datetime:
        return self.start_of_day(period.start)

    def end_instant(self, period: Period) -> datetime:
        """The first instant after the period (exclusive end)."""
        return self.end_of_day(period.end)

    # -- business days ------------------------------------------------------------

    def is_business_day(self, day: date) -> bool:
        return day.weekday() < 5 and day not in self.holidays

    def business_days(self, start: date, end: date) -> int:
        """Business days from `start` to `end`, both included (0 when end < start)."""
        if end < start:
            return 0
        total_days = (end - start).days + 1
        weeks, rest = divmod(total_days, 7)
        weekdays = weeks * 5 + sum(
            1 for offset in range(rest) if (start.weekday() + offset) % 7 < 5
        )
        holidays = sum(1 for day in self.holidays if start <= day <= end and day.weekday() < 5)
        return weekdays - holidays

    def elapsed_business_days(self, period: Period, as_of: datetime) -> Decimal:
        """Business days of `period` gone by at `as_of`, counting the current one in part.

        The part of the current day is measured against that day's real length, so a
        daylight-saving day of 23 or 25 hours is still one whole day at its end.
        """
        today = self.local_date(as_of)
        if today < period.start:
            return Decimal(0)
        if today > period.end:
            return Decimal(self.business_days(period.start, period.end))
        whole = Decimal(self.business_days(period.start, today - timedelta(days=1)))
        if not self.is_business_day(today):
            return whole
        # Subtract in UTC: aware datetimes that share a tzinfo subtract by wall clock,
        # which would make a 23- or 25-hour day look 24 hours long.
        day_start = self.start_of_day(today).astimezone(UTC)
        day_end = self.end_of_day(today).astimezone(UTC)
        gone = Decimal((as_of.astimezone(UTC) - day_start).total_seconds())
        length = Decimal((day_end - day_start).total_seconds())
        return whole + gone / length

    def pace(self, period: Period, as_of: datetime) -> Decimal:
        """Share of the period's business days elapsed at `as_of`, from 0 to 1."""
        total = self.business_days(period.start, period.end)
        if total == 0:
            # A period with no business day: all or nothing, by its edges. Going through
            # local_date refuses a naive `as_of` here too, as everywhere else.
            return Decimal(1) if self.local_date(as_of) > period.end else Decimal(0)
        return self.elapsed_business_days(period, as_of) / total

    def remaining_business_days(self, period: Period, as_of: datetime) -> Decimal:
        total = Decimal(self.business_days(period.start, period.end))
        return total - self.elapsed_business_days(period, as_of)

    # -- periods containing a day ----------------------------------------------

    def day(self, day: date) -> Period:
        return Period(PeriodKind.DAY, day.isoformat(), day, day)

    def week(self, day: date) -> Period:
        start = day - timedelta(days=day.weekday())
        year, number, _ = day.isocalendar()
        return Period(PeriodKind.WEEK, f"{year}-W{number:02d}", start, start + timedelta(6))

    def month(self, day: date) -> Period:
        start = day.replace(day=1)
        end = _add_months(start, 1) - timedelta(days=1)
        return Period(PeriodKind.MONTH, f"{start.year}-{start.month:02d}", start, end)

    def fiscal_year_label(self, day: date) -> int:
        start_year = day.year if day.month >= self.fiscal_year_start_month else day.year - 1
        if self.named_by_end and self.fiscal_year_start_month != 1:
            return start_year + 1
        return start_year

    def fiscal_year(self, label: int) -> Period:
        start_year = label
        if self.named_by_end and self.fiscal_year_start_month != 1:
            start_year -= 1
        start = date(start_year, self.fiscal_year_start_month, 1)
        end = _add_months(start, 12) - timedelta(days=1)
        return Period(PeriodKind.YEAR, str(label), start, end)

    def fiscal_quarter(self, label: int, quarter: int) -> Period:
        start = _add_months(self.fiscal_year(label).start, 3 * (quarter - 1))
        end = _add_months(start, 3) - timedelta(days=1)
        return Period(PeriodKind.QUARTER, f"{label}-Q{quarter}", start, end)

    def year(self, day: date) -> Period:
        return self.fiscal_year(self.fiscal_year_label(day))

    def quarter(self, day: date) -> Period:
        year = self.fiscal_year(self.fiscal_year_label(day))
        months_in = (day.year - year.start.year) * 12 + day.month - year.start.month
        return self.fiscal_quarter(int(year.label), months_in // 3 + 1)

    def containing(self, kind: PeriodKind, day: date) -> Period:
        finders = {
            PeriodKind.DAY: self.day,
            PeriodKind.WEEK: self.week,
            PeriodKind.MONTH: self.month,
            PeriodKind.QUARTER: self.quarter,
            PeriodKind.YEAR: self.year,
        }
        if kind not in finders:
            raise ValueError(f"no period of kind {kind} contains a day by itself")
        return finders[kind](day)

    def previous(self, period: Period) -> Period:
        """The period of the same kind just before; a custom range of the same length."""
        if period.kind is PeriodKind.CUSTOM:
            length = timedelta(days=period.days)
            start, end = period.start - length, period.start - timedelta(days=1)
            return Period(PeriodKind.CUSTOM, f"{start}..{end}", start, end)
        return self.containing(period.kind, period.start - timedelta(days=1))

    def periods_between(self, kind: PeriodKind, start: date, end: date) -> Iterable[Period]:
        """Every period of `kind` that overlaps `start`..`end`, in order."""
        period = self.containing(kind, start)
        while period.start <= end:
            yield period
            period = self.containing(kind, period.end + timedelta(days=1))

    # -- parsing -----------------------------------------------------------------

    def parse(self, text: str, as_of: datetime) -> Period:
        """Turn a period name (see PERIOD_FORMS) into a period, relative to `as_of`."""
        cleaned = text.strip().lower()
        if ".." in cleaned:
            first, _, last = text.strip().partition("..")
            if ".." in last:
                raise PeriodError(text, "a range has one '..'")
            try:
                start, end = self.parse(first, as_of).start, self.parse(last, as_of).end
            except PeriodError as error:
                # Name the whole range, and which end of it is wrong.
                raise PeriodError(text, f"{error.text.strip()!r} is not a period") from None
            if end < start:
                raise PeriodError(text, "it ends before it starts")
            return Period(PeriodKind.CUSTOM, f"{start}..{end}", start, end)

        today = self.local_date(as_of)
        relative = {
            "today": lambda: self.day(today),
            "yesterday": lambda: self.day(today - timedelta(days=1)),
            "this-week": lambda: self.week(today),
            "this-month": lambda: self.month(today),
            "this-quarter": lambda: self.quarter(today),
            "this-year": lambda: self.year(today),
            "last-week": lambda: self.previous(self.week(today)),
            "last-month": lambda: self.previous(self.month(today)),
            "last-quarter": lambda: self.previous(self.quarter(today)),
            "last-year": lambda: self.previous(self.year(today)),
        }
        if cleaned in relative:
            return relative[cleaned]()
        try:
            return self._parse_label(cleaned)
        except PeriodError:
            # Name the value as it was given, not as it was folded for matching.
            raise PeriodError(text) from None
        except ValueError as error:
            raise PeriodError(text, str(error)) from None

    def _parse_label(self, text: str) -> Period:
        if match := _QUARTER.match(text):
            return self.fiscal_quarter(int(match[1]), int(match[2]))
        if match := _MONTH.match(text):
            return self.month(date(int(match[1]), int(match[2]), 1))
        if match := _WEEK.match(text):
            monday = date.fromisocalendar(int(match[1]), int(match[2]), 1)
            return self.week(monday)
        if match := _YEAR.match(text):
            return self.fiscal_year(int(match[1]))
        if match := _DAY.match(text):
            return self.day(date(int(match[1]), int(match[2]), int(match[3])))
        raise PeriodError(text)


def comparable_as_of(
    calendar: FiscalCalendar, period: Period, previous: Period, as_of: datetime
) -> datetime:
    """The moment of the previous period that matches `as_of` in this one."""
    today = calendar.local_date(as_of)
    if not period.start <= today <= period.end:
        return as_of  # over (or not begun): the whole previous period counts
    offset = today - period.start
    day = min(previous.end, previous.start + offset)
    return calendar.start_of_day(day) + (as_of - calendar.start_of_day(today))


def _add_months(day: date, months: int) -> date:
    """The first of the month `months` after `day`'s month (day must be a first)."""
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)
