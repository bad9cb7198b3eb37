"""What an import hands to the engine (typed records), and what it gets back.

Records carry domain values only: the adapter that read them has already turned
text into dates, `Decimal` amounts and enums. Each record may carry the `line` it
came from, so that a problem found by the engine can be shown where it is.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from core.models import DealStatus, ForecastCategory, Role
from core.periods import Period

# Called now and then while rows are written: (rows written so far, rows to write).
Progress = Callable[[int, int], None]

PLACEHOLDER_DOMAIN = "unknown.invalid"


@dataclass(frozen=True, slots=True)
class RepRecord:
    """A person of the sales team. Fields left as None keep what is stored."""

    name: str
    email: str | None = None  # None: matched by name, or given a placeholder address
    team: str | None = None
    region: str | None = None  # the parent team of `team`
    manager: str | None = None  # email or name of another rep
    role: Role | None = None
    hire_date: date | None = None
    line: int = 0


@dataclass(frozen=True, slots=True)
class DealRecord:
    """A deal as the CRM has it now. None means the CRM has no value."""

    external_id: str
    owner: str  # email or name of a rep
    stage: str
    status: DealStatus | None = None  # None: decided by the stage name
    name: str | None = None
    account: str | None = None
    product: str | None = None
    amount: Decimal | None = None
    currency: str | None = None
    probability_bp: int | None = None  # basis points: 2500 is 25%
    forecast_category: ForecastCategory | None = None
    created_date: date | None = None
    close_date: date | None = None
    last_activity_date: date | None = None
    line: int = 0


@dataclass(frozen=True, slots=True)
class QuotaRecord:
    owner: str  # a rep's email or name, or a team's name
    period: Period
    target: Decimal
    metric: str = "won_revenue"
    line: int = 0


@dataclass(frozen=True, slots=True)
class ActivityRecord:
    rep: str  # email or name
    kind: str
    occurred_on: date
    count: int = 1
    line: int = 0


@dataclass(frozen=True, slots=True)
class Problem:
    """Why a record cannot be stored, and where: its line and the record field at fault."""

    line: int | None
    field: str | None
    message: str


class IngestError(Exception):
    """The records cannot be stored as they are; nothing was written."""

    def __init__(self, problems: Iterable[Problem], unknown_people: Iterable[str] = ()) -> None:
        self.problems = tuple(sorted(problems, key=lambda problem: problem.line or 0))
        # Owners or reps that match nobody: creating them is the caller's choice to offer.
        self.unknown_people = tuple(unknown_people)
        first = self.problems[0].message if self.problems else "no details"
        super().__init__(f"{len(self.problems)} problem(s), the first: {first}")


@dataclass(frozen=True, slots=True)
class CreatedRep:
    name: str
    email: str
    role: Role

    @property
    def has_placeholder_email(self) -> bool:
        return self.email.endswith("@" + PLACEHOLDER_DOMAIN)


@dataclass(frozen=True, slots=True)
class ImportSummary:
    """What an import did. `new`, `updated` and `unchanged` count stored records."""

    rows: int
    new: int
    updated: int
    unchanged: int
    # People the records named without a record of their own (owners, managers).
    created_reps: tuple[CreatedRep, ...] = ()
    # New reps of the records themselves that got a placeholder address for lack of one.
    placeholder_emails: tuple[CreatedRep, ...] = ()
    created_teams: tuple[str, ...] = ()
    stage_changes: int = 0
    written: bool = True  # False after a dry run: everything checked, nothing stored
