"""The scheduler's jobs: one per distinct post, sent to every target subscribed to it.

Subscriptions that ask for the same post at the same time (kind, schedule, time zone,
metric, period and team alike) make one job: the post is built once and delivered to
each of their channels, and each delivery is recorded on its own. A job's key is made
of what it posts, never of subscription ids, so every replica that reads the same
subscriptions computes the same keys and they all claim the same runs.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import datetime
from functools import cached_property

from sqlmodel import Session

from bot.catalogue import Texts
from bot.contest_posts import contest_post
from bot.posts import (
    PostRequest,
    badge_announcement,
    celebration,
    daily_leaderboard,
    report_post,
)
from bot.reply import Reply
from bot.stories import story_post
from core.badge_news import badges_awarded_at
from core.config import Settings
from core.models import Subscription, SubscriptionKind
from core.org import Org
from core.periods import FiscalCalendar
from core.results import Metric
from core.schedules import Schedule, parse_schedule
from core.stories import told_at
from core.subscriptions import AS_IT_HAPPENS, Target
from core.wins import wins_of_import

MANUAL = "manual"  # the key prefix of runs asked for by `quotabot jobs run`
# The key prefix of the housekeeping runs, whose messages are personal (alerts, nudges):
# scheduler.personal sends them, not the runner of posts.
PERSONAL = "personal"

# New badges, announced in the celebration channels: no subscription of its own, each
# celebrations job has a twin of this kind (`badges_twin`), with runs of its own.
BADGES = "badges"
# Win stories, posted where celebrations go the same way: a twin of each celebrations
# job (`stories_twin`), whose runs are the moments stories were told.
STORIES = "stories"


class PostNotBuiltError(Exception):
    """A kind of post that has no builder yet."""

    def __init__(self, kind: str) -> None:
        self.kind = kind
        super().__init__(f"{kind} posts are not built yet")


class NothingToPostError(Exception):
    """A post with nothing in it this time (an import's wins are all another team's)."""


@dataclass(frozen=True, slots=True)
class Post:
    """What is posted, and when."""

    kind: str
    cron: str
    timezone: str
    metric: str
    period: str
    team_id: int | None
    contest_id: int | None = None

    @classmethod
    def of(cls, subscription: Subscription) -> Post:
        return cls(
            subscription.kind,
            subscription.cron,
            subscription.timezone,
            subscription.metric,
            subscription.period,
            subscription.team_id,
            subscription.contest_id,
        )

    @property
    def spec(self) -> str:
        team = "everyone" if self.team_id is None else f"team {self.team_id}"
        if self.contest_id is not None:
            return f"contest {self.contest_id} at {self.cron!r} {self.timezone}"
        return (
            f"{self.kind} ({self.metric}, {self.period}, {team}) at {self.cron!r} {self.timezone}"
        )

    @property
    def key(self) -> str:
        """Short and the same in every replica: the kind, and a digest of the rest."""
        parts: tuple[object, ...] = (
            self.kind, self.cron, self.timezone, self.metric, self.period, self.team_id
        )  # fmt: skip
        if self.contest_id is not None:  # kept out otherwise: older keys stay as they were
            parts += (self.contest_id,)
        digest = hashlib.sha256(repr(parts).encode()).hexdigest()[:24]
        return f"{self.kind}:{digest}"


@dataclass(frozen=True)
class Job:
    post: Post
    targets: tuple[tuple[int, Target], ...]  # (subscription id, where it goes)

    @property
    def key(self) -> str:
        return self.post.key

    @property
    def as_it_happens(self) -> bool:
        """Posted when something happens (a deal won), not on a schedule."""
        return self.post.kind in AS_IT_HAPPENS

    @cached_property
    def schedule(self) -> Schedule:
        return parse_schedule(self.post.cron, self.post.timezone)

    def only(self, subscription_id: int) -> Job:
        """The same job, sent to one subscription's target alone."""
        return Job(self.post, tuple(t for t in self.targets if t[0] == subscription_id))

    def target(self, key: str) -> Target | None:
        return next((target for _, target in self.targets if target.key == key), None)


def badges_twin(job: Job) -> Job:
    """The job that announces new badges where `job` celebrates wins."""
    return Job(replace(job.post, kind=BADGES), job.targets)


def stories_twin(job: Job) -> Job:
    """The job that posts win stories where `job` celebrates wins."""
    return Job(replace(job.post, kind=STORIES), job.targets)


def jobs_of(subscriptions: Iterable[Subscription]) -> dict[str, Job]:
    """The jobs that the subscriptions make, by key."""
    grouped: dict[Post, list[tuple[int, Target]]] = {}
    for subscription in subscriptions:
        assert subscription.id is not None, "stored subscriptions have ids"
        grouped.setdefault(Post.of(subscription), []).append(
            (subscription.id, Target.of(subscription))
        )
    return {post.key: Job(post, tuple(targets)) for post, targets in grouped.items()}


async def build_post(
    post: Post,
    session: Session,
    settings: Settings,
    now: datetime,
    *,
    fire_time: datetime | None = None,
    charts: bool = True,
) -> Reply:
    """The reply that `post` is at `now`, in the company's language; a celebration
    announces the wins of the import stamped `fire_time`, a badges post its badges, a
    win stories post the stories told at `fire_time`, a
    report is the period's performance report of the team or the company, and a
    contest's post is its start, its standings or its winners, as `fire_time` falls
    on its schedule."""
    texts = Texts(settings.locale, settings.currency)
    org = Org.load(session)
    team_name = org.team_name(post.team_id) if post.team_id else None
    if post.kind == SubscriptionKind.CELEBRATIONS:
        wins = wins_of_import(session, settings.stages, fire_time or now)
        if post.team_id is not None:
            teams = org.subtree(post.team_id)
            wins = [win for win in wins if org.reps[win.owner_id].team_id in teams]
        if not wins:
            raise NothingToPostError("no deal of theirs was won by this import")
        return celebration(texts, wins, team_name)
    if post.kind == SubscriptionKind.CONTEST and post.contest_id is not None:
        schedule = parse_schedule(post.cron, post.timezone)
        reply = await contest_post(
            session, settings, texts, post.contest_id, schedule, fire_time or now, now,
            charts=charts,
        )  # fmt: skip
        if reply is None:
            raise NothingToPostError(f"contest {post.contest_id} has nothing to post now")
        return reply
    if post.kind == BADGES:
        calendar = FiscalCalendar(settings.calendar)
        badges = badges_awarded_at(session, calendar, fire_time or now)
        if post.team_id is not None:
            teams = org.subtree(post.team_id)
            badges = [badge for badge in badges if org.reps[badge.rep_id].team_id in teams]
        if not badges:
            raise NothingToPostError("no badge of theirs was awarded then")
        return badge_announcement(texts, badges, team_name)
    if post.kind == STORIES:
        stories = told_at(session, fire_time or now)
        if post.team_id is not None:
            teams = org.subtree(post.team_id)
            stories = [story for story in stories if org.reps[story.owner_id].team_id in teams]
        if not stories:
            raise NothingToPostError("no story of theirs (of a deal still won) was told then")
        return story_post(texts, stories, team_name)
    if post.kind not in (SubscriptionKind.LEADERBOARD, SubscriptionKind.REPORT):
        raise PostNotBuiltError(post.kind)
    request = PostRequest(
        metric=Metric(post.metric),
        period=post.period,
        team_id=post.team_id,
        timezone=post.timezone,
        team_name=team_name,
    )
    if post.kind == SubscriptionKind.REPORT:
        return await report_post(session, settings, texts, now, request, charts=charts)
    return await daily_leaderboard(session, settings, texts, now, request, charts=charts)
