"""Names and labels made safe to draw: glyphs the font has, a length the layout holds.

People's and stages' names come from CRMs and chat profiles: emoji, accents, other
scripts, 200 characters. The chart font draws a few thousand characters; any other
would be a blank box and a warning per glyph per chart, so drawn labels keep only
what the font covers. Alt texts keep the names as written: screen readers can say
them.

Limitation: DejaVu Sans covers Latin, Greek, Cyrillic, Arabic and Hebrew letters, but
not CJK, Devanagari or Thai, nor colour emoji. A name written only in those scripts
is drawn as "?" (its alt text is whole), and numbers in locales that write them so are
drawn in English formats. Drawing them needs a second font with those glyphs as a
fallback (matplotlib accepts a list of families) and its charmap added to _DRAWABLE.
Matplotlib also lays out no right-to-left text: Arabic and Hebrew names are drawn
with their letters in stored order, unjoined.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from datetime import date
from decimal import Decimal
from functools import lru_cache

from babel import Locale
from matplotlib.font_manager import FontProperties, findfont
from matplotlib.ft2font import FT2Font

from bot.formatting import (
    FALLBACK_LOCALE,
    format_compact_money,
    format_day,
    format_day_short,
    format_money,
    format_number,
    format_percent,
    format_period,
)
from core.periods import Period, PeriodKind

logger = logging.getLogger(__name__)

FONT = "DejaVu Sans"  # ships with matplotlib, so every server draws the same glyphs

ELLIPSIS = "…"
UNNAMED = "?"  # a name made only of undrawable characters
NAME_LIMIT = 80  # characters of a name that can be drawn at all; fit_width does the rest
ALT_TEXT_LIMIT = 2000  # Slack's limit for an image's alt text
ALT_NAME_LIMIT = 80  # a name in an alt text: enough to recognise, short enough to hear

# Read once, at import (which Python serialises), so threads never load it twice.
_DRAWABLE = frozenset(FT2Font(findfont(FontProperties(family=FONT))).get_charmap())
# Runs of white space, but not the no-break spaces that locales put inside "12.345 €".
_SPACES = re.compile(r"[^\S\u00a0\u202f]+")


def can_draw(text: str) -> bool:
    """Whether the chart font has a glyph for every character of `text`."""
    return all(ord(character) in _DRAWABLE or character.isspace() for character in text)


def drawable(text: str) -> str:
    """The text without the characters that the font lacks or that draw nothing."""
    composed = unicodedata.normalize("NFC", text)
    return "".join(
        character
        for character in composed
        if ord(character) in _DRAWABLE and unicodedata.category(character)[0] != "C"
    )


def shorten(text: str, limit: int) -> str:
    """At most `limit` characters, cut at the end with an ellipsis when longer."""
    text = _SPACES.sub(" ", text).strip()
    if len(text) <= limit:
        return text
    end = max(limit - 1, 0)
    # Cut before a whole letter: never between a letter and an accent that follows it.
    while end > 0 and unicodedata.combining(text[end]):
        end -= 1
    return text[:end].rstrip() + ELLIPSIS


def label(text: str, limit: int = NAME_LIMIT) -> str:
    """A name as the chart draws it: drawable, at most `limit` characters, never empty.

    The limit only bounds the work of fitting a label to its place, which is measured.
    """
    return shorten(drawable(text), limit) or UNNAMED


@lru_cache(maxsize=64)
def drawing_locale(locale: Locale, currency: str) -> Locale:
    """The reader's locale when the font can draw its numbers and dates, else English.

    Some locales write numbers or dates in their own script ("1,2万" in ja, "12 लाख" in
    hi, "2026年11月"); an English "1.2M" on the chart beats blank boxes. Alt texts keep
    the reader's locale: screen readers have every script.
    """
    amount, day = Decimal("1234567.89"), date(2026, 11, 16)
    probes = (
        format_money(amount, currency, locale),
        format_compact_money(amount, currency, locale),
        format_percent(Decimal("0.5"), locale),
        format_number(amount, locale),
        format_day(day, locale),
        format_day_short(day, locale),
        format_period(Period(PeriodKind.MONTH, "", day.replace(day=1), day), locale),
    )
    if all(can_draw(probe) for probe in probes):
        return locale
    logger.debug("charts for %s are drawn with %s numbers", locale, FALLBACK_LOCALE)
    return Locale.parse(FALLBACK_LOCALE)


def alt(text: str) -> str:
    """An alt text as a sentence, within what Slack accepts for an image (2,000 characters).

    Templates may open with a value that is lower-case in its locale ("novembre 2026").
    """
    return shorten(text[:1].upper() + text[1:], ALT_TEXT_LIMIT)
