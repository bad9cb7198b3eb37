"""Compensation plans from `quotabot.toml`, and which plan a rep is on, day by day.

A plan pays commission on won revenue through marginal tiers of attainment: each
tier's rate applies only to the revenue inside it, so a tier with a lower rate is a
decelerator and one with a higher rate an accelerator. Rates are given outright
(`rate = 0.08`) or as a multiple of the plan's base rate (`multiplier = 1.5`), where
the base rate is `base_rate` or on-target commission divided by quota. A plan may
cap its commission, pay SPIFFs per won deal of a product, and guarantee new hires a
monthly draw while they ramp.

Plans are assigned to reps (by email) or teams (by name, and the teams below them),
each from an effective date. A rep's own assignment wins over their team's; among
assignments of one kind, the latest in force wins.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from decimal import ROUND_HALF_EVEN, ROUND_HALF_UP, Decimal
from itertools import pairwise
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

ROUNDING_MODES = {"half_even": ROUND_HALF_EVEN, "half_up": ROUND_HALF_UP}
CENT = Decimal("0.01")


class _Section(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)


class Tier(_Section):
    """From `from_` of quota (a share: 0.5 is 50%) up to the next tier's start."""

    from_: Decimal = Field(alias="from", ge=0)
    rate: Decimal | None = Field(default=None, ge=0, le=1)
    multiplier: Decimal | None = Field(default=None, ge=0)
    name: str | None = Field(default=None, max_length=40)

    @model_validator(mode="after")
    def _one_rate(self) -> Tier:
        if (self.rate is None) == (self.multiplier is None):
            raise ValueError("give a tier either `rate` or `multiplier`, not both or neither")
        return self


class Spiff(_Section):
    """A fixed bonus for every won deal of a product (compared case-insensitively)."""

    product: str = Field(min_length=1, max_length=200)
    amount: Decimal = Field(gt=0)


class Ramp(_Section):
    """For `months` months from the hire date, earnings are at least `draw` a month."""

    months: int = Field(ge=1, le=36)
    draw: Decimal = Field(gt=0)


class Plan(_Section):
    base_rate: Decimal | None = Field(default=None, gt=0, le=1)
    # The commission a year at 100% of quota: with it the base rate is this share of
    # the period's on-target commission divided by the period's quota.
    on_target_commission: Decimal | None = Field(default=None, gt=0)
    tiers: tuple[Tier, ...] = Field(min_length=1)
    cap: Decimal | None = Field(default=None, gt=0)
    spiffs: tuple[Spiff, ...] = ()
    ramp: Ramp | None = None
    rounding: Literal["half_even", "half_up"] = "half_even"
    # How long after a deal's close date its reversal takes the commission back.
    clawback_days: int = Field(default=90, ge=0)
    # The period the plan pays on: what `earnings` shows when no period is named.
    period: Literal["month", "quarter", "year"] = "quarter"

    @model_validator(mode="after")
    def _coherent(self) -> Plan:
        starts = [tier.from_ for tier in self.tiers]
        if starts[0] != 0:
            raise ValueError("the first tier must start `from = 0`")
        if any(later <= earlier for earlier, later in pairwise(starts)):
            raise ValueError("tiers must be listed in rising order of `from`, with no repeats")
        if self.base_rate is not None and self.on_target_commission is not None:
            raise ValueError("give either `base_rate` or `on_target_commission`, not both")
        relative = any(tier.multiplier is not None for tier in self.tiers)
        if relative and self.base_rate is None and self.on_target_commission is None:
            raise ValueError(
                "a tier with `multiplier` needs `base_rate` or `on_target_commission`"
            )
        products = [spiff.product.casefold() for spiff in self.spiffs]
        if len(products) != len(set(products)):
            raise ValueError("each product may have one SPIFF")
        return self

    @property
    def rounding_mode(self) -> str:
        return ROUNDING_MODES[self.rounding]

    def round(self, amount: Decimal) -> Decimal:
        """Money to the cent, by the plan's rounding rule."""
        return amount.quantize(CENT, rounding=self.rounding_mode)

    def spiff_for(self, product: str | None) -> Decimal | None:
        if product is None:
            return None
        wanted = product.strip().casefold()
        for spiff in self.spiffs:
            if spiff.product.casefold() == wanted:
                return spiff.amount
        return None


class Assignment(_Section):
    plan: str
    rep: str | None = Field(default=None, max_length=320)  # an email
    team: str | None = Field(default=None, max_length=200)
    from_: date = Field(alias="from")

    @model_validator(mode="after")
    def _one_subject(self) -> Assignment:
        if (self.rep is None) == (self.team is None):
            raise ValueError("name either `rep` (an email) or `team`, not both or neither")
        return self


class EarningsConfig(_Section):
    plans: dict[str, Plan] = {}
    assignments: tuple[Assignment, ...] = ()

    @model_validator(mode="after")
    def _known_plans(self) -> EarningsConfig:
        problems: list[str] = []
        seen: set[tuple[str, str, date]] = set()
        for index, assignment in enumerate(self.assignments):
            where = f"assignments.{index}"
            if assignment.plan not in self.plans:
                known = ", ".join(sorted(self.plans)) or "none are defined"
                problems.append(f"{where}.plan: unknown plan {assignment.plan!r} ({known})")
            kind = "rep" if assignment.rep is not None else "team"
            subject = (assignment.rep or assignment.team or "").strip().casefold()
            key = (kind, subject, assignment.from_)
            if key in seen:
                problems.append(
                    f"{where}: {kind} {subject!r} already has a plan from {assignment.from_}"
                )
            seen.add(key)
        if problems:
            raise ValueError("; ".join(problems))
        return self


class PlanBook:
    """Which plan is in force for a rep on a day, from the configured assignments."""

    def __init__(self, config: EarningsConfig, team_names: Mapping[int, str]) -> None:
        self.plans = config.plans
        ids_by_name = {name.casefold(): team_id for team_id, name in team_names.items()}
        self.by_rep: dict[str, list[tuple[date, str]]] = {}
        self.by_team: dict[int, list[tuple[date, str]]] = {}
        self.unknown_teams: list[str] = []
        for assignment in config.assignments:
            entry = (assignment.from_, assignment.plan)
            if assignment.rep is not None:
                self.by_rep.setdefault(assignment.rep.strip().lower(), []).append(entry)
                continue
            team_id = ids_by_name.get((assignment.team or "").strip().casefold())
            if team_id is None:
                self.unknown_teams.append(assignment.team or "")
            else:
                self.by_team.setdefault(team_id, []).append(entry)
        for entries in (*self.by_rep.values(), *self.by_team.values()):
            entries.sort()

    @property
    def empty(self) -> bool:
        return not self.by_rep and not self.by_team

    def change_days(self, email: str, teams: list[int]) -> set[date]:
        """Days on which an assignment that may concern this rep takes effect."""
        days = {day for day, _ in self.by_rep.get(email, ())}
        for team in teams:
            days |= {day for day, _ in self.by_team.get(team, ())}
        return days

    def plan_on(self, email: str, team_chain: list[int], day: date) -> str | None:
        """The plan in force on `day` for the rep, whose team that day and the teams above
        it are `team_chain` (nearest first)."""
        own = _latest(self.by_rep.get(email, ()), day)
        if own is not None:
            return own
        for team in team_chain:
            found = _latest(self.by_team.get(team, ()), day)
            if found is not None:
                return found
        return None


def _latest(entries: list[tuple[date, str]] | tuple[()], day: date) -> str | None:
    chosen = None
    for start, plan in entries:
        if start > day:
            break
        chosen = plan
    return chosen
