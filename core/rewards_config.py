"""Points, badges and kudos from `quotabot.toml`: the rules of the game.

```toml
[points]
won_deal = 10                                  # every deal won
bands = [{ from = 10000, points = 5 }, { from = 50000, points = 20 }]  # the highest reached
activities = { call = { points = 1, daily_cap = 20 }, meeting = { points = 5 } }

[badges]
big_deal = 50000            # a won deal of at least this amount (no big deal badge without it)
streak_days = [5, 10]       # business days in a row with a win or with logged activity
freeze_days = 1             # business days a month that may be missed without a break
onboarding_days = 90        # how long after the hire date onboarding milestones count
meeting_kinds = ["meeting"] # activity kinds that are a meeting, for the onboarding badge
points = { hat_trick = 25 } # points that come with a badge (none unless given)

[kudos]
reaction = "tada"           # the reaction on a win's celebration that gives kudos
points = 2
```

A day is a day of the company calendar (its time zone): activities are logged per
day there and deals close on its dates, so caps and streaks count those days.
"""

from __future__ import annotations

from decimal import Decimal

from pydantic import BaseModel, ConfigDict, Field, field_validator

# Every badge there is, by code; a badge's points are configured under these names.
BADGE_CODES = (
    "first_win",
    "hat_trick",
    "big_deal",
    "quota_100",
    "quota_150",
    "win_streak",
    "activity_streak",
    "onboarding_meeting",
    "onboarding_pipeline",
    "onboarding_win",
)


class _Section(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)


class Band(_Section):
    """Points for a won deal of at least `from_` (the highest band reached counts)."""

    from_: Decimal = Field(alias="from", ge=0)
    points: int = Field(ge=0, le=100_000)


class ActivityRule(_Section):
    """Points per logged activity of a kind, at most `daily_cap` points a day."""

    points: int = Field(ge=0, le=100_000)
    daily_cap: int | None = Field(default=None, ge=0)


class PointsConfig(_Section):
    won_deal: int = Field(default=10, ge=0, le=100_000)
    bands: tuple[Band, ...] = ()
    activities: dict[str, ActivityRule] = {}

    @field_validator("bands")
    @classmethod
    def _increasing(cls, bands: tuple[Band, ...]) -> tuple[Band, ...]:
        starts = [band.from_ for band in bands]
        if starts != sorted(set(starts)):
            raise ValueError("bands must start at increasing amounts, each once")
        return bands

    @field_validator("activities")
    @classmethod
    def _kinds(cls, rules: dict[str, ActivityRule]) -> dict[str, ActivityRule]:
        # Kinds are stored as lower-case words joined by underscores ("phone_call").
        bad = [kind for kind in rules if kind != "_".join(kind.split()).lower() or not kind]
        if bad:
            raise ValueError(
                f"activity kinds are lower-case words joined by underscores: {', '.join(bad)}"
            )
        return rules

    def band_points(self, amount: Decimal | None) -> tuple[Decimal, int] | None:
        """The band a won deal's amount reaches (its start, its points), if any."""
        if amount is None or not self.bands:
            return None
        reached = [band for band in self.bands if amount >= band.from_]
        return (reached[-1].from_, reached[-1].points) if reached else None


class BadgesConfig(_Section):
    big_deal: Decimal | None = Field(default=None, gt=0)
    streak_days: tuple[int, ...] = (5,)
    freeze_days: int = Field(default=1, ge=0, le=10)
    onboarding_days: int = Field(default=90, ge=1, le=730)
    meeting_kinds: tuple[str, ...] = ("meeting",)
    points: dict[str, int] = {}

    @field_validator("streak_days")
    @classmethod
    def _lengths(cls, lengths: tuple[int, ...]) -> tuple[int, ...]:
        if any(length < 2 or length > 250 for length in lengths):
            raise ValueError("streak lengths are business days from 2 to 250")
        return tuple(sorted(set(lengths)))

    @field_validator("points")
    @classmethod
    def _known(cls, points: dict[str, int]) -> dict[str, int]:
        unknown = [code for code in points if code not in BADGE_CODES]
        if unknown:
            raise ValueError(
                f"unknown badge {', '.join(unknown)}; the badges are {', '.join(BADGE_CODES)}"
            )
        negative = [code for code, value in points.items() if value < 0]
        if negative:
            raise ValueError(f"badge points must be 0 or more: {', '.join(negative)}")
        return points


class KudosConfig(_Section):
    reaction: str = Field(default="tada", max_length=100, pattern=r"^[a-z0-9_+\-']+$")
    points: int = Field(default=2, ge=0, le=100_000)
