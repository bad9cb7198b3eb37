"""The stored records. SQLModel lives here, at the storage edge; results are frozen values.

Money columns hold `Decimal` (exact hundredths in SQL); instants are timezone-aware
(stored as UTC); business dates such as a deal's close date are plain local dates of
the company's calendar.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from enum import StrEnum
from typing import Any

from sqlalchemy import Column, DateTime, ForeignKey, Index, UniqueConstraint, text
from sqlalchemy.engine import Dialect
from sqlalchemy.types import Text, TypeDecorator
from sqlmodel import Field, SQLModel

from core.money import MoneyColumn


class UTCDateTime(TypeDecorator[datetime]):
    """An aware instant, stored in UTC. Naive datetimes are refused, never guessed."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if not isinstance(value, datetime) or value.tzinfo is None:
            raise ValueError(f"instants must be timezone-aware datetimes, not {value!r}")
        return value.astimezone(UTC)

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        assert isinstance(value, datetime)
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def utcnow() -> datetime:
    return datetime.now(UTC)


class Role(StrEnum):
    REP = "rep"
    MANAGER = "manager"
    ADMIN = "admin"


class DealStatus(StrEnum):
    OPEN = "open"
    WON = "won"
    LOST = "lost"


class ForecastCategory(StrEnum):
    CLOSED = "closed"
    COMMIT = "commit"
    BEST_CASE = "best_case"
    PIPELINE = "pipeline"
    OMITTED = "omitted"


class Team(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=200, unique=True)
    parent_id: int | None = Field(default=None, foreign_key="team.id", index=True)
    manager_id: int | None = Field(
        default=None,
        sa_column=Column(ForeignKey("rep.id", use_alter=True, name="fk_team_manager")),
    )


class Rep(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=200)
    email: str = Field(max_length=320, unique=True)  # stored lower-case
    team_id: int | None = Field(default=None, foreign_key="team.id", index=True)
    manager_id: int | None = Field(default=None, foreign_key="rep.id", index=True)
    role: str = Field(default=Role.REP, max_length=16)
    hire_date: date | None = None
    active: bool = True
    locale: str | None = Field(default=None, max_length=16)
    timezone: str | None = Field(default=None, max_length=64)


class TeamMembership(SQLModel, table=True):
    """Which team a rep was on, and when: revenue counts for the team of its close date."""

    __tablename__ = "team_membership"
    __table_args__ = (Index("ix_membership_rep_start", "rep_id", "start_date"),)

    id: int | None = Field(default=None, primary_key=True)
    rep_id: int = Field(foreign_key="rep.id")
    team_id: int = Field(foreign_key="team.id", index=True)
    start_date: date
    end_date: date | None = None  # inclusive; None while current


class ChatIdentity(SQLModel, table=True):
    __tablename__ = "chat_identity"
    __table_args__ = (UniqueConstraint("platform", "workspace", "user_id"),)

    id: int | None = Field(default=None, primary_key=True)
    platform: str = Field(max_length=16)
    workspace: str = Field(max_length=100)
    user_id: str = Field(max_length=200)
    rep_id: int = Field(foreign_key="rep.id", index=True)


class Quota(SQLModel, table=True):
    """A target for a rep or a team over a run of days (usually a month or quarter)."""

    __table_args__ = (
        Index(
            "uq_quota_rep",
            "rep_id",
            "metric",
            "start_date",
            "end_date",
            unique=True,
            sqlite_where=text("rep_id IS NOT NULL"),
            postgresql_where=text("rep_id IS NOT NULL"),
        ),
        Index(
            "uq_quota_team",
            "team_id",
            "metric",
            "start_date",
            "end_date",
            unique=True,
            sqlite_where=text("team_id IS NOT NULL"),
            postgresql_where=text("team_id IS NOT NULL"),
        ),
        Index("ix_quota_period", "metric", "start_date", "end_date"),
    )

    id: int | None = Field(default=None, primary_key=True)
    rep_id: int | None = Field(default=None, foreign_key="rep.id")
    team_id: int | None = Field(default=None, foreign_key="team.id")
    metric: str = Field(default="won_revenue", max_length=32)
    period_label: str = Field(max_length=40)
    start_date: date
    end_date: date
    target: Decimal = Field(sa_type=MoneyColumn)


class Deal(SQLModel, table=True):
    __table_args__ = (
        UniqueConstraint("source", "external_id"),
        # Covers the leaderboard and scorecard aggregates: filter by status and close
        # date, group by owner, sum the amount, without touching the table.
        Index("ix_deal_status_close", "status", "close_date", "owner_id", "amount"),
        Index("ix_deal_owner_status", "owner_id", "status"),
    )

    id: int | None = Field(default=None, primary_key=True)
    source: str = Field(max_length=32)
    external_id: str = Field(max_length=100)
    name: str | None = Field(default=None, max_length=300)
    account: str | None = Field(default=None, max_length=300)
    product: str | None = Field(default=None, max_length=200)
    owner_id: int = Field(foreign_key="rep.id")
    amount: Decimal | None = Field(default=None, sa_type=MoneyColumn)
    currency: str | None = Field(default=None, max_length=3)
    stage: str = Field(max_length=100)
    status: str = Field(max_length=8)
    probability_bp: int | None = None  # basis points: 2500 is 25%
    forecast_category: str | None = Field(default=None, max_length=16)
    created_date: date | None = None
    close_date: date | None = None
    last_activity_date: date | None = None
    stage_changed_date: date | None = None
    # The latest of created, last activity and last stage change: staleness reads it.
    last_touch_date: date | None = None
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class DealStageChange(SQLModel, table=True):
    __tablename__ = "deal_stage_change"

    id: int | None = Field(default=None, primary_key=True)
    deal_id: int = Field(foreign_key="deal.id", index=True)
    from_stage: str | None = Field(default=None, max_length=100)
    to_stage: str = Field(max_length=100)
    to_status: str = Field(max_length=8)
    changed_on: date
    recorded_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class Activity(SQLModel, table=True):
    """Logged activity of one kind on one day (a daily count, as CRMs export them)."""

    __table_args__ = (
        UniqueConstraint("rep_id", "kind", "occurred_on"),
        Index("ix_activity_day", "occurred_on", "rep_id", "count"),
    )

    id: int | None = Field(default=None, primary_key=True)
    rep_id: int = Field(foreign_key="rep.id")
    kind: str = Field(max_length=32)
    occurred_on: date
    count: int = 1


class LedgerEntry(SQLModel, table=True):
    """Points, badges and earnings adjustments. Append-only: undo by a reversing entry."""

    __tablename__ = "ledger_entry"
    __table_args__ = (
        Index("ix_ledger_rep_kind", "rep_id", "kind", "created_at"),
        # Covers the points leaderboard: filter by kind and day, group by rep, sum.
        Index("ix_ledger_kind_day", "kind", "occurred_on", "rep_id", "amount"),
        # One person's kudos for one win, once, even when two reactions arrive together.
        Index(
            "uq_ledger_kudos",
            "cause",
            unique=True,
            sqlite_where=text("code = 'kudos' AND reverses_id IS NULL"),
            postgresql_where=text("code = 'kudos' AND reverses_id IS NULL"),
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    rep_id: int = Field(foreign_key="rep.id")
    kind: str = Field(max_length=16)  # points, badge, adjustment
    amount: Decimal = Field(sa_type=MoneyColumn)
    code: str | None = Field(default=None, max_length=64)  # badge or rule code
    cause: str = Field(max_length=200)  # e.g. "deal:42", "activity:7"
    reverses_id: int | None = Field(default=None, foreign_key="ledger_entry.id", unique=True)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    # The company-calendar day that points and badges count on (a deal's close date, an
    # activity's day); a reversing entry keeps the day of the entry it reverses.
    occurred_on: date | None = None


class PostedMessage(SQLModel, table=True):
    """A scheduled post that a platform accepted, where it is: kudos find wins by it.

    `stamp` is the run's fire time; for a celebration, the import whose wins it shows.
    """

    __tablename__ = "posted_message"
    __table_args__ = (UniqueConstraint("platform", "channel", "message_id"),)

    id: int | None = Field(default=None, primary_key=True)
    platform: str = Field(max_length=16)
    channel: str = Field(max_length=300)
    message_id: str = Field(max_length=100)  # Slack's ts
    kind: str = Field(max_length=16)
    team_id: int | None = Field(default=None, foreign_key="team.id")
    stamp: datetime = Field(sa_type=UTCDateTime)
    posted_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class BoardOptOut(SQLModel, table=True):
    """A rep who asked to appear anonymous on public leaderboards (channel posts)."""

    __tablename__ = "board_opt_out"

    rep_id: int = Field(foreign_key="rep.id", primary_key=True)
    opted_out_at: datetime = Field(sa_type=UTCDateTime)


class ContestKind(StrEnum):
    INDIVIDUAL = "individual"  # reps compete
    TEAM = "team"  # teams compete


class ContestRanking(StrEnum):
    PERCENT = "percent"  # the value over each one's own target for the contest's days
    VALUE = "value"  # the value itself


class Contest(SQLModel, table=True):
    """A competition on one leaderboard metric over whole local days, start to end.

    Who takes part: everyone (`everyone`), or the reps and teams of its entrants; for an
    individual contest a team entrant stands for the reps on it.
    """

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=200, unique=True)
    kind: str = Field(default=ContestKind.INDIVIDUAL, max_length=16)
    metric: str = Field(default="won_revenue", max_length=32)
    ranking: str = Field(default=ContestRanking.PERCENT, max_length=16)
    start_date: date
    end_date: date  # inclusive
    prize: str = Field(default="", max_length=500)
    everyone: bool = True
    created_by: str = Field(max_length=320)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class ContestEntrant(SQLModel, table=True):
    """A rep or a team taking part in a contest that is not open to everyone."""

    __tablename__ = "contest_entrant"

    id: int | None = Field(default=None, primary_key=True)
    contest_id: int = Field(foreign_key="contest.id", index=True)
    rep_id: int | None = Field(default=None, foreign_key="rep.id")
    team_id: int | None = Field(default=None, foreign_key="team.id")


class SubscriptionKind(StrEnum):
    """What a subscription posts."""

    LEADERBOARD = "leaderboard"
    REPORT = "report"
    CELEBRATIONS = "celebrations"
    CONTEST = "contest"


class Subscription(SQLModel, table=True):
    """A post on a schedule: what (kind, metric, period, team), where, and when.

    `target` is a channel or a person on `platform` (`slack` or `teams`) in `workspace`
    (a Slack team or a Teams tenant); `cron` has the five fields of crontab and is read
    on the clock of `timezone`, an IANA name.
    """

    __table_args__ = (Index("ix_subscription_target", "platform", "workspace", "target"),)

    id: int | None = Field(default=None, primary_key=True)
    platform: str = Field(max_length=16)
    workspace: str = Field(max_length=100)
    target: str = Field(max_length=200)
    kind: str = Field(max_length=16)
    cron: str = Field(max_length=100)
    timezone: str = Field(max_length=64)
    metric: str = Field(default="won_revenue", max_length=32)
    period: str = Field(default="this-quarter", max_length=40)
    team_id: int | None = Field(default=None, foreign_key="team.id")
    contest_id: int | None = Field(default=None, foreign_key="contest.id")  # kind contest
    created_by: str = Field(max_length=320)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class ScheduledRun(SQLModel, table=True):
    """A job's run at one fire time, claimed by the first process to insert it."""

    __tablename__ = "scheduled_run"
    __table_args__ = (UniqueConstraint("job_key", "fire_time"),)

    id: int | None = Field(default=None, primary_key=True)
    job_key: str = Field(max_length=200)
    fire_time: datetime = Field(sa_type=UTCDateTime)
    claimed_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    claimed_by: str = Field(default="", max_length=100)


class DeliveryState(StrEnum):
    PENDING = "pending"  # recorded with its run, not sent yet (or to be tried again)
    SENDING = "sending"  # taken by a process until `lease_until`
    SENT = "sent"
    FAILED = "failed"  # gave up after the last attempt
    SKIPPED = "skipped"  # not sent on purpose: quiet hours, subscription gone; see last_error


class ScheduledDelivery(SQLModel, table=True):
    """One run's post to one target: recorded before sending, marked sent after."""

    __tablename__ = "delivery"
    __table_args__ = (
        UniqueConstraint("run_id", "target"),
        Index("ix_delivery_state", "state", "run_id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    run_id: int = Field(foreign_key="scheduled_run.id")
    target: str = Field(max_length=300)
    state: str = Field(default=DeliveryState.PENDING, max_length=16)
    attempts: int = 0
    lease_until: datetime | None = Field(default=None, sa_type=UTCDateTime)
    sent_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    last_error: str | None = Field(default=None, max_length=500)


class SeenKey(SQLModel, table=True):
    """A request or delivery already received, remembered until it expires."""

    __tablename__ = "seen_key"

    key: str = Field(primary_key=True, max_length=64)  # SHA-256 of what identifies it
    expires_at: datetime = Field(sa_type=UTCDateTime, index=True)


class TeamsConversation(SQLModel, table=True):
    """A Teams conversation the bot is in, and the reference that lets it post there later.

    `reference` is the Bot Framework's conversation reference as JSON (service URL, bot,
    conversation); `kind` is Teams' conversation type: personal, groupChat or channel.
    """

    __tablename__ = "teams_conversation"
    __table_args__ = (UniqueConstraint("tenant_id", "conversation_id"),)

    id: int | None = Field(default=None, primary_key=True)
    tenant_id: str = Field(max_length=100)
    conversation_id: str = Field(max_length=300)
    kind: str = Field(max_length=16)
    name: str | None = Field(default=None, max_length=300)
    team_id: str | None = Field(default=None, max_length=300)
    user_id: str | None = Field(default=None, max_length=300)  # the person of a personal chat
    reference: str = Field(sa_column=Column(Text, nullable=False))  # JSON
    updated_at: datetime = Field(sa_type=UTCDateTime)


class NudgeSetting(SQLModel, table=True):
    """A rep's say about their nudges: muted until they unmute, or snoozed until a moment."""

    __tablename__ = "nudge_setting"

    rep_id: int = Field(foreign_key="rep.id", primary_key=True)
    muted: bool = False
    snoozed_until: datetime | None = Field(default=None, sa_type=UTCDateTime)
    updated_at: datetime = Field(sa_type=UTCDateTime)


class Notice(SQLModel, table=True):
    """The latest personal message of one kind to one person: an at-risk alert, a nudge.

    `day` is the recipient's local day it went on, held by `delivery_id` (the delivery
    that may send it, and only that one, that day); `said` is what it said, as JSON (an
    alert: each rep at risk with their reasons), to tell what changed since.
    """

    kind: str = Field(primary_key=True, max_length=16)
    rep_id: int = Field(foreign_key="rep.id", primary_key=True)
    day: date | None = None
    delivery_id: int | None = None
    said: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    sent_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


__all__ = [
    "Activity",
    "BoardOptOut",
    "ChatIdentity",
    "Contest",
    "ContestEntrant",
    "ContestKind",
    "ContestRanking",
    "Deal",
    "DealStageChange",
    "DealStatus",
    "DeliveryState",
    "ForecastCategory",
    "LedgerEntry",
    "Notice",
    "NudgeSetting",
    "PostedMessage",
    "Quota",
    "Rep",
    "Role",
    "ScheduledDelivery",
    "ScheduledRun",
    "SeenKey",
    "Subscription",
    "SubscriptionKind",
    "Team",
    "TeamMembership",
    "TeamsConversation",
    "UTCDateTime",
    "utcnow",
]


class WinStory(SQLModel, table=True):
    """How a won deal was won, in its owner's words: asked once per deal, ever.

    The row is written when the owner is asked (its unique deal is what keeps a deal
    from being asked twice, by any replica), and filled in when they answer.
    """

    __tablename__ = "win_story"

    id: int | None = Field(default=None, primary_key=True)
    deal_id: int = Field(foreign_key="deal.id", unique=True)
    rep_id: int = Field(foreign_key="rep.id", index=True)
    asked_at: datetime = Field(sa_type=UTCDateTime)
    told_at: datetime | None = Field(default=None, sa_type=UTCDateTime, index=True)
    difference: str | None = Field(default=None, max_length=1000)
    helpers: str | None = Field(default=None, max_length=1000)
    tip: str | None = Field(default=None, max_length=1000)
