"""Policy from `quotabot.toml`: calendar, currency, thresholds, stages, compensation plans,
and the privacy of leaderboards.

Every section is optional; a missing file means the defaults below. Problems are
collected and reported together, each with the key that holds it.
"""

from __future__ import annotations

import os
import re
import tomllib
from datetime import date, time
from decimal import Decimal
from pathlib import Path
from typing import Annotated, Any, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from core.plans import EarningsConfig
from core.rewards_config import BadgesConfig, KudosConfig, PointsConfig

DEFAULT_WON_STAGES = ("closed won", "won", "closedwon", "closed-won", "closed_won")
DEFAULT_LOST_STAGES = ("closed lost", "lost", "closedlost", "closed-lost", "closed_lost")


class ConfigError(Exception):
    """`quotabot.toml` could not be read; the message lists every problem."""


class _Section(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class CalendarConfig(_Section):
    timezone: str = "UTC"
    fiscal_year_start_month: int = Field(default=1, ge=1, le=12)
    # "end": the fiscal year that runs Feb 2026 - Jan 2027 is FY2027; "start": FY2026.
    fiscal_year_named_by: Literal["start", "end"] = "end"
    holidays: tuple[date, ...] = ()

    @field_validator("timezone")
    @classmethod
    def _known_timezone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(
                f"unknown time zone {value!r}; use an IANA name such as 'Europe/Rome'"
            ) from None
        return value


class ThresholdsConfig(_Section):
    # A rep is judged at risk only after this share of the period's business days.
    at_risk_after: Decimal = Field(default=Decimal("0.2"), ge=0, le=1)
    # ... and when neither projection reaches this share of quota.
    at_risk_below: Decimal = Field(default=Decimal("0.8"), ge=0)
    stale_days: int = Field(default=14, ge=1)


class StagesConfig(_Section):
    """CRM stage names that mean won or lost (compared case-insensitively); others are open."""

    won: tuple[str, ...] = DEFAULT_WON_STAGES
    lost: tuple[str, ...] = DEFAULT_LOST_STAGES

    def status_of(self, stage: str) -> Literal["open", "won", "lost"]:
        folded = stage.strip().casefold()
        if folded in {name.casefold() for name in self.won}:
            return "won"
        if folded in {name.casefold() for name in self.lost}:
            return "lost"
        return "open"


class RampConfig(_Section):
    """The share of full quota a new hire carries in each month since the hire date.

    `months = [0.25, 0.5, 0.75]`: a quarter of the quota in the first month from the
    hire date, half in the second, three quarters in the third, all of it afterwards.
    Empty (the default): no ramp, quotas count as RevOps set them.
    """

    months: tuple[Annotated[Decimal, Field(ge=0, le=1)], ...] = Field(default=(), max_length=24)


class CoachingConfig(_Section):
    # A company's own playbook of tips (TOML), in place of the one Quotabot ships.
    playbook: Path | None = None

    @field_validator("playbook")
    @classmethod
    def _readable_playbook(cls, value: Path | None) -> Path | None:
        if value is not None:
            from core.playbook import load_playbook  # the playbook reads config types

            load_playbook(value)  # raises ValueError listing every problem
        return value


POSTING_FROM, POSTING_UNTIL = time(7, 0), time(20, 0)  # as core.schedules has them
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri")
_CLOCK = re.compile(r"^(\d{1,2}):(\d{2})$")


def _time_of_day(value: object) -> object:
    """ "08:30" (or a TOML time) as a time between 07:00 and 20:00; anything else is refused
    with what would do."""
    if isinstance(value, str):
        match = _CLOCK.match(value.strip())
        hour, minute = (int(match[1]), int(match[2])) if match else (99, 99)
        if hour > 23 or minute > 59:
            raise ValueError(
                f'{value!r} is not a time of day; write it as "HH:MM", such as "08:30"'
            )
        value = time(hour, minute)
    if not isinstance(value, time):
        raise ValueError(f'{value!r} is not a time of day; write it as "HH:MM", such as "08:30"')
    if not POSTING_FROM <= value <= POSTING_UNTIL:
        raise ValueError(
            f"{value:%H:%M} is in quiet hours: people are written to only from "
            f"{POSTING_FROM:%H:%M} to {POSTING_UNTIL:%H:%M}"
        )
    return value


class AlertsConfig(_Section):
    """At-risk alerts to managers, in their direct messages, on weekdays at `at` on each
    manager's clock: when something changed, and a summary on `summary_day`."""

    enabled: bool = True
    at: time = time(8, 30)
    summary_day: Literal["mon", "tue", "wed", "thu", "fri"] = "mon"

    _at = field_validator("at", mode="before")(_time_of_day)


class NudgesConfig(_Section):
    """A daily digest to each rep behind pace or with stale deals, at `at` on their clock."""

    enabled: bool = True
    at: time = time(9, 0)
    snooze_days: int = Field(default=7, ge=1, le=90)

    _at = field_validator("at", mode="before")(_time_of_day)


class BoardPrivacy(_Section):
    """How much of a leaderboard people see (core.privacy says what each mode shows)."""

    privacy: Literal["full", "percent", "top_n"] = "full"
    named: int = Field(default=5, ge=1, le=100)  # top_n: the places shown with names


class LeaderboardsConfig(BoardPrivacy):
    """`[leaderboards]`: the privacy of every board, and of one metric's board by its name
    (`[leaderboards.boards.won_revenue]`)."""

    boards: dict[str, BoardPrivacy] = {}

    @field_validator("boards")
    @classmethod
    def _known_metrics(cls, value: dict[str, BoardPrivacy]) -> dict[str, BoardPrivacy]:
        from core.results import Metric  # core.results needs this module to load first

        known = [metric.value for metric in Metric]
        unknown = sorted(name for name in value if name not in known)
        if unknown:
            raise ValueError(
                f"unknown leaderboard(s) {', '.join(map(repr, unknown))}; "
                f"use metric names: {', '.join(known)}"
            )
        return value

    def of(self, metric: str) -> BoardPrivacy:
        """The privacy of the board of `metric`: its own, else every board's."""
        return self.boards.get(metric) or BoardPrivacy(privacy=self.privacy, named=self.named)


class StoriesConfig(_Section):
    """Win stories: after a won deal of at least `min_amount`, its owner is asked how."""

    enabled: bool = True
    min_amount: Decimal | None = Field(default=None, gt=0)  # none: nobody is asked

    @property
    def on(self) -> bool:
        return self.enabled and self.min_amount is not None

    def asks_about(self, amount: Decimal | None) -> bool:
        """Whether a won deal of `amount` is one whose owner is asked for its story."""
        return (
            self.on
            and amount is not None
            and self.min_amount is not None
            and (amount >= self.min_amount)
        )


class Settings(_Section):
    currency: str = Field(default="USD", pattern=r"^[A-Z]{3}$")
    locale: str = "en"
    calendar: CalendarConfig = CalendarConfig()
    thresholds: ThresholdsConfig = ThresholdsConfig()
    stages: StagesConfig = StagesConfig()
    earnings: EarningsConfig = EarningsConfig()
    ramp: RampConfig = RampConfig()
    coaching: CoachingConfig = CoachingConfig()
    alerts: AlertsConfig = AlertsConfig()
    nudges: NudgesConfig = NudgesConfig()
    leaderboards: LeaderboardsConfig = LeaderboardsConfig()
    points: PointsConfig = PointsConfig()
    badges: BadgesConfig = BadgesConfig()
    kudos: KudosConfig = KudosConfig()
    stories: StoriesConfig = StoriesConfig()


def load_settings(path: Path | None = None) -> Settings:
    """Read the policy file named by `path`, `$QUOTABOT_CONFIG` or `./quotabot.toml`."""
    if path is None:
        configured = os.environ.get("QUOTABOT_CONFIG")
        path = Path(configured) if configured else Path("quotabot.toml")
        if not configured and not path.exists():
            return Settings()
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"{path}: no such file") from None
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{path}: not valid TOML: {error}") from None
    _relative_to(raw, path.parent)
    try:
        return Settings.model_validate(raw)
    except ValidationError as error:
        problems = [
            f"  {'.'.join(str(part) for part in item['loc'])}: {_problem(item)}"
            for item in error.errors()
        ]
        raise ConfigError(
            f"{path} has {len(problems)} problem(s):\n" + "\n".join(problems)
        ) from None


def _relative_to(raw: dict[str, object], folder: Path) -> None:
    """A playbook path is read from the folder of the file that names it."""
    coaching = raw.get("coaching")
    if isinstance(coaching, dict) and isinstance(coaching.get("playbook"), str):
        coaching["playbook"] = str(folder / Path(coaching["playbook"]).expanduser())


def _problem(item: Any) -> str:
    """Pydantic's message, with the valid keys named where a key is unknown."""
    if item["type"] != "extra_forbidden":
        return str(item["msg"])
    valid = _keys_at(tuple(item["loc"][:-1]))
    if not valid:
        return "unknown key"
    return "unknown key; the keys here are " + ", ".join(valid)


def _keys_at(loc: tuple[Any, ...]) -> list[str]:
    """The keys of the section at `loc`, when it is one of Settings' own sections."""
    model: Any = Settings
    for part in loc:
        field = model.model_fields.get(part) if isinstance(part, str) else None
        annotation = field.annotation if field is not None else None
        if not (isinstance(annotation, type) and issubclass(annotation, BaseModel)):
            return []
        model = annotation
    return sorted(model.model_fields)
