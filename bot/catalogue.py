"""The one message catalogue: every text a person reads, in English and Italian.

Texts live in bot/messages/en.py and bot/messages/it.py (those of personal notices in
en_notices.py and it_notices.py) under the same keys, with
`str.format` fields; a language without a catalogue reads English. `Texts` also
formats money, percentages, numbers and dates for the reader's locale, through
bot.formatting, so a reply is written in one language and one set of formats.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from datetime import date
from decimal import Decimal

from bot.formatting import (
    format_day,
    format_money,
    format_number,
    format_percent,
    format_period,
    format_points_change,
    reader_locale,
)
from bot.messages import (
    coaching_en,
    coaching_it,
    en,
    en_notices,
    it,
    it_notices,
    stories_en,
    stories_it,
)
from core.periods import Period

logger = logging.getLogger(__name__)

CATALOGUES: Mapping[str, Mapping[str, str]] = {
    "en": {**en.MESSAGES, **coaching_en.MESSAGES, **en_notices.MESSAGES, **stories_en.MESSAGES},
    "it": {**it.MESSAGES, **coaching_it.MESSAGES, **it_notices.MESSAGES, **stories_it.MESSAGES},
}
DEFAULT_LANGUAGE = "en"
MISSING = "–"  # shown for a figure that does not exist (no quota, no deal closed)


class Texts:
    """Texts and formats for one reader: `texts("key", name=...)`, `texts.money(x)`."""

    def __init__(self, locale: str | None, currency: str) -> None:
        self.locale = reader_locale(locale)
        language = self.locale.language
        self.language = language if language in CATALOGUES else DEFAULT_LANGUAGE
        self.messages = CATALOGUES[self.language]
        self.currency = currency

    def __call__(self, key: str, /, **values: object) -> str:
        template = self.messages.get(key)
        if template is None:
            # A key missing in one language reads English rather than failing a reply.
            logger.warning("message %r has no %s text", key, self.language)
            template = CATALOGUES[DEFAULT_LANGUAGE][key]
        return template.format(**values)

    def plural(self, key: str, count: int | Decimal, /, **values: object) -> str:
        """The form of `key` for `count` ("key.one", "key.other"), with {count} filled in."""
        form = self.locale.plural_form(count)
        chosen = f"{key}.{form}" if f"{key}.{form}" in self.messages else f"{key}.other"
        return self(chosen, count=self.number(count), **values)

    def has(self, key: str) -> bool:
        return key in self.messages

    # -- figures -------------------------------------------------------------------

    def money(self, amount: Decimal | None, *, cents: bool = False) -> str:
        if amount is None:
            return MISSING
        return format_money(amount, self.currency, self.locale, whole=not cents)

    def percent(self, ratio: Decimal | None) -> str:
        return MISSING if ratio is None else format_percent(ratio, self.locale)

    def points_change(self, change: Decimal | None) -> str:
        """A change of attainment in percentage points: "+12.5 pp"."""
        if change is None:
            return MISSING
        return self("figure.points_change", value=format_points_change(change, self.locale))

    def number(self, value: Decimal | int | None, places: int = 0) -> str:
        return MISSING if value is None else format_number(value, self.locale, places=places)

    def days(self, value: Decimal) -> str:
        """Business days: whole when they are, else to a tenth (part of today is gone)."""
        return self.number(value, 0 if value == value.to_integral_value() else 1)

    def times(self, ratio: Decimal | None) -> str:
        """A coverage ratio: "2.4x" in en, "2,4x" in it."""
        return MISSING if ratio is None else self("figure.times", value=self.number(ratio, 1))

    def day(self, day: date | None) -> str:
        return MISSING if day is None else format_day(day, self.locale)

    def period(self, period: Period) -> str:
        return format_period(period, self.locale)
