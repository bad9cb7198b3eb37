"""A scheduled fan-out to 500 Slack channels, at Slack's pace, exactly once.

    python -m bench.fanout [--channels 500] [--busy 50] [--per-minute 300] [--burst 5]
                           [--latency 0.1] [--replicas 2] [--database URL]

The daily leaderboard is subscribed by every channel, and a second post (the deals won
leaderboard, due at the same minute) by the first `busy` of them, so that those get two
posts that must go a second apart. Both jobs come due at once in every replica: each
replica is a Runner of its own, with its own sender and its own connection to the
local double of the Slack Web API (tests/fakes/slack_api.py), in a thread of its own.
The double keeps chat.postMessage's limits (PostingLimits): one post a second in a
channel, and `per_minute` in the workspace with a burst of `burst`; a post past either
is answered 429 with Retry-After: 1. Each post takes `latency` seconds to answer.

Measured: the wall time from the jobs coming due to the last post, against the least
time the limits allow, (posts - burst) / (per_minute / 60) and at least a second; the
posts lost (a target that never got its post) and duplicated (a target that got one
twice), both from what the double accepted; the 429s the senders ran into.

The posts carry no chart (each chart is an upload of its own, which Slack limits on
other terms); the database is a SQLite file of its own unless `--database` names an
empty one.
"""

from __future__ import annotations

import argparse
import asyncio
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from sqlalchemy import Engine, update
from sqlmodel import Session, select

from adapters.slack.delivery import Delivery, web_client
from adapters.slack.scheduled import PER_WORKSPACE, SlackSender
from bench.generate import generate
from core.config import Settings
from core.models import Deal, DeliveryState, ScheduledDelivery, Subscription
from core.storage import open_database
from core.subscriptions import subscriptions
from scheduler.jobs import Job, jobs_of
from scheduler.runner import Runner
from tests.fakes.slack_api import BOT_TOKEN, TEAM_ID, PostingLimits, SlackApiDouble

# Tuesday 1 December 2026, nine in the morning in Rome: both posts are due.
NINE_IN_ROME = datetime(2026, 12, 1, 9, tzinfo=ZoneInfo("Europe/Rome"))
CRON = "0 9 * * 1-5"
GOAL_RATIO = 1.1


@dataclass(frozen=True)
class FanoutResult:
    channels: int
    posts: int  # deliveries due: one per target of each job
    per_minute: int
    burst: int
    latency: float
    replicas: int
    wall_s: float
    minimum_s: float
    accepted: int  # posts the double took
    lost: int
    duplicated: int
    limited: int  # 429s answered
    recorded_sent: int  # deliveries the database holds as sent

    @property
    def ratio(self) -> float:
        return self.wall_s / self.minimum_s


def subscribe_channels(session: Session, channels: int, busy: int) -> dict[str, Job]:
    """`channels` channels on the daily leaderboard, the first `busy` on a second post."""
    for number in range(channels):
        metrics = ["won_revenue", "deals_won"] if number < busy else ["won_revenue"]
        for metric in metrics:
            session.add(
                Subscription(
                    platform="slack", workspace=TEAM_ID, target=f"C{number:08d}",
                    kind="leaderboard", cron=CRON, timezone="Europe/Rome", metric=metric,
                    created_by="bench",
                )
            )  # fmt: skip
    session.commit()
    return jobs_of(subscriptions(session))


def minimum_seconds(posts: int, per_minute: int, burst: int) -> float:
    """The least time the limits allow: the workspace's pace past its burst, and a
    second between a channel's two posts."""
    return max((posts - burst) / (per_minute / 60.0), 1.0)


def measure_fanout(
    engine: Engine,
    *,
    channels: int = 500,
    busy: int = 50,
    per_minute: int = PER_WORKSPACE,
    burst: int = 5,
    latency: float = 0.1,
    replicas: int = 2,
    settings: Settings | None = None,
) -> FanoutResult:
    """Fan the due jobs out from `replicas` runners at once; count what reached Slack."""
    generate(engine, reps=50, deals=2_000, seed=7, today=NINE_IN_ROME.date())
    with Session(engine) as session:
        session.execute(update(Deal).values(updated_at=NINE_IN_ROME))
        session.commit()
        jobs = subscribe_channels(session, channels, busy)
    posts = sum(len(job.targets) for job in jobs.values())

    double = SlackApiDouble(limits=PostingLimits(per_minute=per_minute, burst=burst))
    double.latency = latency
    serving = asyncio.new_event_loop()  # the double's, in a thread of its own
    threading.Thread(target=serving.run_forever, daemon=True).start()
    asyncio.run_coroutine_threadsafe(double.start(), serving).result(10)
    start = threading.Barrier(replicas + 1)
    open_session: Callable[[], Session] = lambda: Session(engine, expire_on_commit=False)  # noqa: E731

    def replica(number: int) -> None:
        async def run() -> None:
            delivery = Delivery(web_client(BOT_TOKEN, double.api_url))
            await delivery.connect()
            sender = SlackSender(delivery, per_minute=per_minute)
            runner = Runner(
                open_session,
                settings or Settings(),
                {"slack": sender},
                name=f"bench-{number}",
                charts=False,
            )
            start.wait()
            try:
                await asyncio.gather(
                    *(runner.fire(job, NINE_IN_ROME, now=NINE_IN_ROME) for job in jobs.values())
                )
            finally:
                await delivery.disconnect()

        asyncio.run(run())

    threads = [threading.Thread(target=replica, args=(n,)) for n in range(replicas)]
    for thread in threads:
        thread.start()
    start.wait()
    began = time.monotonic()
    for thread in threads:
        thread.join()
    last_post = max((post.at for post in double.posts), default=began)
    asyncio.run_coroutine_threadsafe(double.stop(), serving).result(10)
    serving.call_soon_threadsafe(serving.stop)

    expected = {
        (target.address, job.post.metric) for job in jobs.values() for _, target in job.targets
    }
    metric_of = {_title(job): job.post.metric for job in jobs.values()}
    got = Counter(
        (str(post.body["channel"]), metric_of.get(_first_line(post.body), "?"))
        for post in double.posts
    )
    with Session(engine) as session:
        sent = session.exec(
            select(ScheduledDelivery).where(ScheduledDelivery.state == DeliveryState.SENT)
        ).all()
    return FanoutResult(
        channels=channels,
        posts=posts,
        per_minute=per_minute,
        burst=burst,
        latency=latency,
        replicas=replicas,
        wall_s=last_post - began,
        minimum_s=minimum_seconds(posts, per_minute, burst),
        accepted=len(double.posts),
        lost=len(expected - got.keys()),
        duplicated=sum(count - 1 for count in got.values()),
        limited=len(double.limited),
        recorded_sent=len(sent),
    )


def _title(job: Job) -> str:
    words = {"won_revenue": "won revenue", "deals_won": "deals won"}
    return f"Daily leaderboard · {words[job.post.metric]}"


def _first_line(body: dict[str, object]) -> str:
    """The post's fallback text starts with its title: which of the two posts it is."""
    return " · ".join(str(body.get("text", "")).split(" · ")[:2])


def table(result: FanoutResult) -> str:
    rows = [
        ("channels", f"{result.channels}"),
        ("of them with two posts", f"{result.posts - result.channels}"),
        ("posts due", f"{result.posts}"),
        ("replicas firing at once", f"{result.replicas}"),
        ("workspace limit", f"{result.per_minute}/min, burst {result.burst}"),
        ("latency of a post", f"{result.latency * 1000:.0f} ms"),
        ("wall time", f"{result.wall_s:.1f} s"),
        ("theoretical minimum", f"{result.minimum_s:.1f} s"),
        ("ratio (goal <= 1.1)", f"{result.ratio:.3f}"),
        ("posts accepted by Slack", f"{result.accepted}"),
        ("lost", f"{result.lost}"),
        ("duplicated", f"{result.duplicated}"),
        ("429s answered", f"{result.limited}"),
        ("deliveries recorded sent", f"{result.recorded_sent}"),
    ]  # fmt: skip
    lines = ["| measure | value |", "| --- | ---: |"]
    return "\n".join([*lines, *(f"| {name} | {value} |" for name, value in rows)])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--channels", type=int, default=500)
    parser.add_argument("--busy", type=int, default=50, help="channels with a second post")
    parser.add_argument("--per-minute", type=int, default=PER_WORKSPACE)
    parser.add_argument("--burst", type=int, default=5)
    parser.add_argument("--latency", type=float, default=0.1, help="seconds per post")
    parser.add_argument("--replicas", type=int, default=2)
    parser.add_argument("--database", help="an empty database's URL [default: a new SQLite]")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as folder:
        url = args.database or f"sqlite:///{Path(folder) / 'fanout.db'}"
        engine = open_database(url)
        result = measure_fanout(
            engine,
            channels=args.channels,
            busy=args.busy,
            per_minute=args.per_minute,
            burst=args.burst,
            latency=args.latency,
            replicas=args.replicas,
        )
        engine.dispose()
    print(table(result))
    met = result.ratio <= GOAL_RATIO and result.lost == 0 and result.duplicated == 0
    print(f"\ngoal {'met' if met else 'NOT met'}")


if __name__ == "__main__":
    main()
