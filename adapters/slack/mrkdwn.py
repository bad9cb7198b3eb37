"""Slack's text rules: mrkdwn escaping, and lengths counted the way Slack limits them.

The reply's simple markdown (*bold*, _italic_, `code` and "• " bullet lines) is already
Slack's own mrkdwn syntax, so converting it only escapes the three characters Slack uses
for links and mentions (&, <, >): a name such as "R&D <EMEA>" reads as typed and can
never turn into a link or a mention. Plain text (headers, buttons, alt text) is sent as
it is.

Lengths are counted in UTF-16 code units, never fewer than the characters Slack counts
against its limits, so a text full of emoji that fits here fits there too. A text that
is too long is cut and ends with "…"; the cut never splits an escaped entity, an emoji
joined with ZWJ, a skin tone, an accent or a flag from the character before it.
"""

from __future__ import annotations

import logging
import unicodedata

logger = logging.getLogger(__name__)

ELLIPSIS = "…"
_ESCAPES = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
_ZWJ = "\u200d"
_REGIONAL_INDICATORS = range(0x1F1E6, 0x1F200)
_SKIN_TONES = range(0x1F3FB, 0x1F400)


def size(text: str) -> int:
    """The length of `text` in UTF-16 code units: an emoji outside the BMP counts 2."""
    return len(text.encode("utf-16-le")) // 2


def escape(text: str) -> str:
    """Text with &, < and > as the entities Slack expects in mrkdwn."""
    return "".join(_ESCAPES.get(char, char) for char in text)


def clip(text: str, limit: int, *, escaped: bool = False) -> str:
    """`text` within `limit` code units, cut with "…" when longer; escaped if asked.

    With `escaped`, the limit applies to the escaped text, and the cut falls between
    characters of `text`, so "&amp;" is kept whole or left out.
    """
    shown = escape(text) if escaped else text
    if size(shown) <= limit:
        return shown

    # Keep the longest start that leaves room for the ellipsis.
    room = limit - size(ELLIPSIS)
    used, cut = 0, 0
    for char in text:
        width = size(_ESCAPES.get(char, char) if escaped else char)
        if used + width > room:
            break
        used, cut = used + width, cut + 1

    cut = _grapheme_edge(text, cut)
    kept = text[:cut].rstrip()
    logger.debug("text cut from %s to %s characters", len(text), len(kept))
    return (escape(kept) if escaped else kept) + ELLIPSIS


def _grapheme_edge(text: str, cut: int) -> int:
    """Move `cut` back so that it does not fall inside a character as people see it."""
    while 0 < cut < len(text) and _continues(text[cut - 1], text[cut]):
        cut -= 1
    # A flag is a pair of regional indicators: never keep an odd one at the end.
    run = 0
    while run < cut and ord(text[cut - 1 - run]) in _REGIONAL_INDICATORS:
        run += 1
    if run % 2 == 1 and cut < len(text) and ord(text[cut]) in _REGIONAL_INDICATORS:
        cut -= 1
    return cut


def _continues(before: str, after: str) -> bool:
    """Whether `after` belongs to the same visible character as `before`."""
    if before == _ZWJ or after == _ZWJ:
        return True
    if ord(after) in _SKIN_TONES or 0xFE00 <= ord(after) <= 0xFE0F:
        return True
    return unicodedata.category(after).startswith("M")
