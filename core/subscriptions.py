"""Subscriptions: which post goes to which channel or person, and on what schedule.

Adding one checks every part of it (platform, kind, schedule, time zone, metric,
period, team) and reports every problem together, each naming the bad value and what
would be valid; nothing is stored unless all of it is right.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, col, select

from core.config import Settings
from core.models import Subscription, SubscriptionKind
from core.org import Org, UnknownNameError
from core.periods import FiscalCalendar, PeriodError
from core.results import Metric
from core.schedules import (
    CRON_EXAMPLE,
    POSTING_FROM,
    POSTING_UNTIL,
    ScheduleError,
    check_timezone,
    first_quiet_fire,
    parse_schedule,
)

logger = logging.getLogger(__name__)

PLATFORMS = ("slack", "teams")
# The kinds whose posts are built so far; the others can be named but not scheduled yet.
BUILT_KINDS = frozenset(
    {
        SubscriptionKind.LEADERBOARD,
        SubscriptionKind.REPORT,
        SubscriptionKind.CELEBRATIONS,
        SubscriptionKind.CONTEST,
    }
)
# Kinds posted as things happen rather than on a schedule: their cron is empty.
AS_IT_HAPPENS = frozenset({SubscriptionKind.CELEBRATIONS})
DEFAULT_PERIOD = "this-quarter"
# A scheduled report reads a period that is over: by default the week just gone.
REPORT_PERIOD = "last-week"


def default_period(kind: str) -> str:
    """The period a subscription of `kind` posts when none is named."""
    return REPORT_PERIOD if kind == SubscriptionKind.REPORT else DEFAULT_PERIOD


class SubscriptionError(ValueError):
    """A subscription that cannot be added; `problems` holds one sentence per problem."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = tuple(problems)
        if len(problems) == 1:
            message = problems[0]
        else:
            message = f"{len(problems)} problems:\n" + "\n".join(f"  - {p}" for p in problems)
        super().__init__(message)


@dataclass(frozen=True, slots=True)
class NewSubscription:
    """A subscription as asked for, before it is checked; `team` is a team's name."""

    platform: str
    workspace: str
    target: str
    kind: str
    cron: str
    timezone: str
    created_by: str
    metric: str = Metric.WON_REVENUE.value
    period: str = DEFAULT_PERIOD
    team: str | None = None
    contest_id: int | None = None  # kind contest: the contest whose posts these are


def target_key(platform: str, workspace: str, target: str) -> str:
    """A target as one string, "slack:T0123:C0456": what a delivery records."""
    return f"{platform}:{workspace}:{target}"


@dataclass(frozen=True, slots=True)
class Target:
    """Where a post goes: a channel or a person on one platform, in one workspace."""

    platform: str
    workspace: str
    address: str  # a channel id, or a person's id for a direct message

    @classmethod
    def of(cls, subscription: Subscription) -> Target:
        return cls(subscription.platform, subscription.workspace, subscription.target)

    @property
    def key(self) -> str:
        return target_key(self.platform, self.workspace, self.address)


@dataclass(frozen=True, slots=True)
class Posted:
    """Where a platform put a post: the conversation and the message's id there (Slack's
    channel and ts), so that reactions to it can be traced back to it."""

    channel: str
    message_id: str


def add_subscription(
    session: Session, settings: Settings, new: NewSubscription, now: datetime
) -> Subscription:
    """Check and store `new`; SubscriptionError lists every problem. Commits."""
    problems, team_id = check(session, settings, new, now)
    same = None if problems else find_same(session, new, team_id)
    if same is not None:
        problems.append(f"this subscription exists already (number {same.id})")
    if problems:
        raise SubscriptionError(problems)

    subscription = Subscription(
        platform=new.platform,
        workspace=new.workspace,
        target=new.target,
        kind=new.kind,
        cron=" ".join(new.cron.split()),
        timezone=new.timezone,
        metric=new.metric,
        period=new.period,
        team_id=team_id,
        contest_id=new.contest_id,
        created_by=new.created_by,
        created_at=now,
    )
    session.add(subscription)
    session.commit()
    logger.info(
        "subscription %s: %s to %s at %r (%s)",
        subscription.id,
        subscription.kind,
        target_key(new.platform, new.workspace, new.target),
        subscription.cron,
        subscription.timezone,
    )
    return subscription


def check(
    session: Session, settings: Settings, new: NewSubscription, now: datetime
) -> tuple[list[str], int | None]:
    """Every problem of `new`, and the id of its team when it names one that exists."""
    problems: list[str] = []
    if new.platform not in PLATFORMS:
        problems.append(f"unknown platform {new.platform!r}; use one of: {', '.join(PLATFORMS)}")
    if not new.target.strip():
        problems.append("no target: give a channel id (such as C0123ABCD) or a person's id")
    kinds = [kind.value for kind in SubscriptionKind]
    if new.kind not in kinds:
        problems.append(f"unknown kind {new.kind!r}; use one of: {', '.join(kinds)}")
    elif new.kind not in BUILT_KINDS:
        built = ", ".join(sorted(BUILT_KINDS))
        problems.append(f"{new.kind} posts are not built yet; so far only: {built}")
    if (new.kind == SubscriptionKind.CONTEST) != (new.contest_id is not None):
        problems.append(
            "contest posts belong to a contest: create one with `quotabot contests add` "
            "(or `contest new` in chat) and give it a channel"
            if new.contest_id is None
            else f"only contest posts name a contest, not {new.kind} posts"
        )

    if new.kind in AS_IT_HAPPENS:
        problems += _as_it_happens(new)
    elif not new.cron.strip():
        problems.append(
            f"no schedule: give {new.kind} posts a cron expression, such as {CRON_EXAMPLE}"
        )
    else:
        problems += _schedule_problems(new, now)

    metrics = [metric.value for metric in Metric]
    if new.metric not in metrics:
        problems.append(f"unknown metric {new.metric!r}; use one of: {', '.join(metrics)}")
    try:
        FiscalCalendar(settings.calendar).parse(new.period, now)
    except PeriodError as error:
        problems.append(str(error))

    team_id = None
    if new.team is not None:
        try:
            team_id = Org.load(session).find_team(new.team).id
        except UnknownNameError as error:
            problems.append(str(error))
    return problems, team_id


def _schedule_problems(new: NewSubscription, now: datetime) -> list[str]:
    try:
        schedule = parse_schedule(new.cron, new.timezone)
    except ScheduleError as error:
        return [str(error)]
    quiet = first_quiet_fire(schedule, now)
    if quiet is None:
        return []
    local = quiet.astimezone(schedule.zone)
    return [
        f'"{schedule.cron}" would post at {local:%H:%M} ({schedule.timezone}), in '
        f"quiet hours: scheduled posts go out only from {POSTING_FROM:%H:%M} "
        f"to {POSTING_UNTIL:%H:%M}"
    ]


def _as_it_happens(new: NewSubscription) -> list[str]:
    problems = []
    if new.cron.strip():
        problems.append(
            f"{new.kind} are posted as deals are won, not on a schedule: leave the cron "
            f"expression out (it is {new.cron.strip()!r})"
        )
    try:
        check_timezone(new.timezone)
    except ScheduleError as error:
        problems.append(str(error))
    return problems


def find_same(session: Session, new: NewSubscription, team_id: int | None) -> Subscription | None:
    """A stored subscription that would post the same thing to the same place, if any."""
    query = select(Subscription).where(
        Subscription.platform == new.platform,
        Subscription.workspace == new.workspace,
        Subscription.target == new.target,
        Subscription.kind == new.kind,
        Subscription.cron == " ".join(new.cron.split()),
        Subscription.timezone == new.timezone,
        Subscription.metric == new.metric,
        Subscription.period == new.period,
        col(Subscription.contest_id).is_(None)
        if new.contest_id is None
        else Subscription.contest_id == new.contest_id,
        col(Subscription.team_id).is_(None)
        if team_id is None
        else Subscription.team_id == team_id,
    )
    return session.exec(query).first()


def subscriptions(
    session: Session,
    *,
    platform: str | None = None,
    workspace: str | None = None,
    target: str | None = None,
) -> list[Subscription]:
    """The subscriptions, oldest first; only those of one place when it is given."""
    query = select(Subscription).order_by(col(Subscription.id))
    if platform is not None:
        query = query.where(Subscription.platform == platform)
    if workspace is not None:
        query = query.where(Subscription.workspace == workspace)
    if target is not None:
        query = query.where(Subscription.target == target)
    return list(session.exec(query))


def remove_subscription(session: Session, subscription_id: int) -> Subscription | None:
    """Remove one subscription; None when there is none with that number. Commits."""
    subscription = session.get(Subscription, subscription_id)
    if subscription is None:
        return None
    session.delete(subscription)
    session.commit()
    logger.info("subscription %s removed", subscription_id)
    return subscription
