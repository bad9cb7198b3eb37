"""The coaching playbook: tips per driver, in English and Italian.

Quotabot ships one (core/playbook.toml); a company may name its own in quotabot.toml
(`[coaching] playbook = "playbook.toml"`), whose drivers replace the shipped ones and
whose missing drivers keep them. A file is laid out as

    [win_rate]
    en = ["Qualify out early: ...", "..."]
    it = ["Squalifica presto: ...", "..."]

and is checked whole: every problem is reported at once, with its driver and language.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from core.diagnosis import Driver

SHIPPED = Path(__file__).with_name("playbook.toml")
LANGUAGES = ("en", "it")
MAX_TIP = 300


class PlaybookError(ValueError):
    """A playbook file that cannot be used; the message lists every problem."""


@dataclass(frozen=True, slots=True)
class Playbook:
    tips: dict[Driver, dict[str, tuple[str, ...]]]

    def for_driver(self, driver: Driver, language: str) -> tuple[str, ...]:
        by_language = self.tips.get(driver, {})
        return by_language.get(language) or by_language.get("en", ())


def load_playbook(path: Path) -> Playbook:
    """The tips of one file, checked; raises PlaybookError naming every problem."""
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise PlaybookError(f"playbook {path}: no such file") from None
    except tomllib.TOMLDecodeError as error:
        raise PlaybookError(f"playbook {path}: not valid TOML: {error}") from None

    problems: list[str] = []
    tips: dict[Driver, dict[str, tuple[str, ...]]] = {}
    valid = ", ".join(driver.value for driver in Driver)
    for name, languages in raw.items():
        if name not in set(Driver):
            problems.append(f"[{name}]: unknown driver; valid drivers are {valid}")
            continue
        if not isinstance(languages, dict):
            problems.append(f"{name}: must be a table with `en` and `it` lists of tips")
            continue
        tips[Driver(name)] = _languages(name, languages, problems)
    if problems:
        listed = "\n".join(f"  {problem}" for problem in problems)
        raise PlaybookError(f"playbook {path} has {len(problems)} problem(s):\n{listed}")
    return Playbook(tips)


def _languages(
    name: str, languages: dict[str, object], problems: list[str]
) -> dict[str, tuple[str, ...]]:
    found: dict[str, tuple[str, ...]] = {}
    for language in LANGUAGES:
        if language not in languages:
            problems.append(f"{name}.{language}: missing; give a list of tips in each of en, it")
    for language, tips in languages.items():
        where = f"{name}.{language}"
        if language not in LANGUAGES:
            problems.append(f"{where}: unknown language; valid languages are en, it")
        elif not isinstance(tips, list) or not tips:
            problems.append(f"{where}: must be a non-empty list of tips (strings)")
        elif bad := [tip for tip in tips if not isinstance(tip, str) or not tip.strip()]:
            problems.append(f"{where}: every tip must be a non-empty string, not {bad[0]!r}")
        elif long := [tip for tip in tips if len(tip) > MAX_TIP]:
            problems.append(
                f"{where}: a tip is longer than {MAX_TIP} characters: {long[0][:40]!r}..."
            )
        else:
            found[language] = tuple(tip.strip() for tip in tips)
    return found


@cache
def playbook(company: Path | None = None) -> Playbook:
    """The shipped playbook, with the company's drivers in place of its own."""
    shipped = load_playbook(SHIPPED)
    if company is None:
        return shipped
    return Playbook({**shipped.tips, **load_playbook(company).tips})
