"""Slack's text rules: escaping, UTF-16 lengths, and cuts that keep characters whole."""

import pytest

from adapters.slack.mrkdwn import clip, escape, size

FAMILY = "👨‍👩‍👧‍👦"  # four people joined by ZWJ: 11 code units, one visible character
CODER = "👩🏽‍💻"  # a woman, a skin tone, ZWJ, a laptop
ITALY, FRANCE = "🇮🇹", "🇫🇷"


def test_only_the_three_control_characters_are_escaped() -> None:
    assert escape("R&D <EMEA> *bold* 'quote' \"x\"") == (
        "R&amp;D &lt;EMEA&gt; *bold* 'quote' \"x\""
    )


def test_lengths_are_utf16_code_units() -> None:
    assert [size("abc"), size("é"), size("🦤"), size(FAMILY)] == [3, 1, 2, 11]


def test_a_text_that_fits_is_left_alone() -> None:
    assert clip("Ada Lovelace", 12) == "Ada Lovelace"
    assert clip("R&D", 7, escaped=True) == "R&amp;D"


@pytest.mark.parametrize(
    ("text", "limit", "expected"),
    [
        ("Ada Lovelace", 8, "Ada Lov…"),
        ("Ada Lovelace", 5, "Ada…"),  # no space left before the ellipsis
        (f"ab{FAMILY}cd", 9, "ab…"),  # the family whole, or not at all
        (f"ab{FAMILY}cd", 14, f"ab{FAMILY}…"),
        (f"{CODER}x", 4, "…"),
        (f"x{ITALY}{FRANCE}", 5, "x…"),  # never half a flag
        (f"x{ITALY}{FRANCE}", 6, f"x{ITALY}…"),
        ("Zoe\u0301 Ang", 4, "Zo…"),  # the accent stays with its letter
    ],
)
def test_a_cut_keeps_characters_whole(text: str, limit: int, expected: str) -> None:
    cut = clip(text, limit)

    assert cut == expected
    assert size(cut) <= limit


def test_an_escaped_cut_never_splits_an_entity() -> None:
    text = "a&b&c&d"

    cuts = [clip(text, limit, escaped=True) for limit in range(1, 20)]

    assert cuts[:8] == ["…", "a…", "a…", "a…", "a…", "a…", "a&amp;…", "a&amp;b…"]
    assert all(size(cut) <= limit for limit, cut in enumerate(cuts, start=1))
    assert cuts[-1] == "a&amp;b&amp;c&amp;d"
