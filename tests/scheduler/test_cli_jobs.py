"""`quotabot jobs list|run`: the jobs and their next runs, and one run now, once per slot."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from sqlmodel import Session, select

from core.models import ChatIdentity, Rep, ScheduledDelivery, ScheduledRun
from core.storage import open_database
from quotabot.cli import main
from tests.bot.company import build
from tests.fakes.slack_api import BOT_TOKEN, SlackApiDouble
from tests.scheduler.wins import win_two_deals
from tests.slack.conftest import LoopThread

NINE_IN_ROME = "2026-12-01T09:00+01:00"  # a Tuesday
HALF_PAST_NINE = "2026-12-01T09:30+01:00"
ALWAYS_THERE = ("digest", "alerts", "nudges")  # the housekeeping jobs
HOUSEKEEPING = ("digest:failed-deliveries", "personal:alerts:UTC", "personal:nudges:UTC")


@pytest.fixture
def database(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'quotabot.db'}"
    engine = open_database(url)
    with Session(engine) as session:
        build(session)
    engine.dispose()
    return url


@pytest.fixture
def slack() -> Iterator[SlackApiDouble]:
    loop = LoopThread()
    double = SlackApiDouble()
    loop.run(double.start())
    yield double
    loop.run(double.stop())
    loop.close()


def run(database: str, *args: str, env: dict[str, str] | None = None) -> Result:
    return CliRunner().invoke(main, ["--database", database, *args], env=env)


def subscribe(database: str, cron: str = "0 9 * * 1-5", target: str = "C0SALES") -> None:
    added = run(
        database, "subscriptions", "add", "--platform", "slack", "--workspace", "T0TEST",
        "--target", target, "--cron", cron, "--timezone", "Europe/Rome",
    )  # fmt: skip
    assert added.exit_code == 0, added.output


def jobs(database: str) -> list[dict[str, object]]:
    listed = run(database, "jobs", "list", "--json")
    assert listed.exit_code == 0, listed.output
    rows: list[dict[str, object]] = json.loads(listed.output)
    return rows


def posts(database: str) -> list[dict[str, object]]:
    """The jobs of the subscriptions: not the digest, alerts and nudges, always there."""
    return [row for row in jobs(database) if row["kind"] not in ALWAYS_THERE]


def the_name(database: str) -> str:
    [row] = posts(database)
    return str(row["name"])


def runs(database: str) -> list[tuple[ScheduledRun, list[ScheduledDelivery]]]:
    engine = open_database(database)
    with Session(engine) as session:
        found = [
            (run, list(session.exec(select(ScheduledDelivery).where(
                ScheduledDelivery.run_id == run.id))))
            for run in session.exec(select(ScheduledRun).order_by(ScheduledRun.id))  # type: ignore[arg-type]
        ]  # fmt: skip
    engine.dispose()
    return found


def slack_env(slack: SlackApiDouble) -> dict[str, str]:
    return {"SLACK_BOT_TOKEN": BOT_TOKEN, "SLACK_API_URL": slack.api_url}


def test_jobs_list_shows_each_job_its_targets_and_next_runs(database: str) -> None:
    subscribe(database)
    subscribe(database, target="C0EMEA")  # the same post: the same job, a second target
    subscribe(database, cron="30 8 * * 1", target="C0EMEA")

    rows = posts(database)

    assert [row["kind"] for row in rows].count("leaderboard") == 2
    assert [row["next"] for row in rows] == sorted(str(row["next"]) for row in rows)
    weekday = next(row for row in rows if row["cron"] == "0 9 * * 1-5")
    assert weekday["kind"] == "leaderboard"
    assert str(weekday["name"]).startswith("leaderboard:")
    assert weekday["targets"] == ["slack T0TEST/C0SALES", "slack T0TEST/C0EMEA"]
    assert weekday["subscriptions"] == [1, 2]
    upcoming = weekday["upcoming_local"]
    assert isinstance(upcoming, list)
    assert len(upcoming) == 3
    assert all(time.endswith("09:00") for time in upcoming)
    assert not any(time.startswith(("Sat", "Sun")) for time in upcoming)
    assert datetime.fromisoformat(str(weekday["next"])).tzinfo is not None


def test_the_table_names_every_job(database: str) -> None:
    subscribe(database)

    result = run(database, "jobs", "list")

    assert result.exit_code == 0, result.output
    assert the_name(database) in result.output
    assert "T0TEST/C0SALES" in result.output


def test_a_dry_run_prints_the_post_and_claims_nothing(database: str, tmp_path: Path) -> None:
    subscribe(database)
    prefix = the_name(database)[:16]

    result = run(
        database, "jobs", "run", prefix, "--dry-run", "--as-of", NINE_IN_ROME,
        "--out", str(tmp_path / "charts"),
    )  # fmt: skip

    assert result.exit_code == 0, result.output
    assert "Daily leaderboard · won revenue · 2026-Q4" in result.output
    assert "Bea Rossi · $36,000" in result.output
    assert "Figures as of the latest CRM update" in result.output
    assert len(list((tmp_path / "charts").glob("leaderboard-*-1.png"))) == 1
    assert runs(database) == []


def test_a_run_posts_the_latest_slot_once_under_the_schedulers_own_claim(
    database: str, slack: SlackApiDouble
) -> None:
    subscribe(database)
    name = the_name(database)

    first = run(database, "jobs", "run", name, "--no-charts", "--as-of", HALF_PAST_NINE,
                env=slack_env(slack))  # fmt: skip
    again = run(database, "jobs", "run", name, "--no-charts", "--as-of", HALF_PAST_NINE,
                env=slack_env(slack))  # fmt: skip

    assert first.exit_code == 0, first.output
    assert first.output == f"Posted {name} to slack T0TEST/C0SALES.\n"
    assert again.exit_code == 0, again.output
    assert f"{name} at Tue 2026-12-01 09:00 CET was run already by " in again.output
    assert "slack T0TEST/C0SALES sent. Nothing posted; --force posts it again." in again.output
    [post] = slack.calls_of("chat.postMessage")
    assert post.body["channel"] == "C0SALES"
    [(claimed, [delivery])] = runs(database)
    assert claimed.job_key == name  # the key the scheduler claims: it will not post again
    assert claimed.fire_time == datetime.fromisoformat(NINE_IN_ROME)
    assert delivery.state == "sent"


def test_force_posts_the_same_slot_again_as_a_run_of_its_own(
    database: str, slack: SlackApiDouble
) -> None:
    subscribe(database)
    name = the_name(database)
    args = ("jobs", "run", name, "--no-charts", "--as-of", HALF_PAST_NINE)
    run(database, *args, env=slack_env(slack))

    forced = [run(database, *args, "--force", env=slack_env(slack)) for _ in range(2)]

    assert [result.exit_code for result in forced] == [0, 0]
    assert len(slack.calls_of("chat.postMessage")) == 3
    keys = [claimed.job_key for claimed, _ in runs(database)]
    assert keys[0] == name
    assert all(key.startswith("manual:") and key.endswith(f":{name}") for key in keys[1:])
    assert len(set(keys)) == 3


def test_a_named_slot_is_run_for_that_fire_time(database: str, slack: SlackApiDouble) -> None:
    subscribe(database)
    name = the_name(database)

    result = run(
        database, "jobs", "run", name, "--slot", "2026-11-30T09:00", "--no-charts",
        "--as-of", HALF_PAST_NINE, env=slack_env(slack),
    )  # fmt: skip

    assert result.exit_code == 0, result.output
    [(claimed, _)] = runs(database)
    assert claimed.fire_time == datetime.fromisoformat("2026-11-30T09:00+01:00")


def test_a_slot_that_is_not_a_fire_time_is_refused_with_the_nearest_ones(
    database: str, slack: SlackApiDouble
) -> None:
    subscribe(database)
    name = the_name(database)

    result = run(database, "jobs", "run", name, "--slot", "2026-11-29T09:00",
                 env=slack_env(slack))  # fmt: skip

    assert result.exit_code == 1
    assert (
        f"Sun 2026-11-29 09:00 CET is not a fire time of {name}, which fires at "
        "'0 9 * * 1-5' in Europe/Rome; the nearest are Fri 2026-11-27 09:00 CET and "
        "Mon 2026-11-30 09:00 CET"
    ) in result.output
    assert slack.calls == []
    assert runs(database) == []


def test_a_slot_that_is_not_an_instant_is_named(database: str) -> None:
    subscribe(database)

    result = run(database, "jobs", "run", the_name(database), "--slot", "monday")

    assert result.exit_code == 2
    assert "'monday' is not an instant; write it as 2026-12-01T09:00+01:00" in result.output


def test_an_unknown_name_is_answered_with_the_names_there_are(database: str) -> None:
    subscribe(database)
    subscribe(database, cron="30 8 * * 1")
    names = sorted([*(str(row["name"]) for row in posts(database)), *HOUSEKEEPING])

    unknown = run(database, "jobs", "run", "leaderbord", "--dry-run")
    ambiguous = run(database, "jobs", "run", "leaderboard:", "--dry-run")

    assert unknown.exit_code == 1
    assert f"there is no job 'leaderbord'; the jobs are {', '.join(names)} (" in unknown.output
    assert ambiguous.exit_code == 1
    assert "'leaderboard:' is the start of 2 jobs' names" in ambiguous.output


def test_with_no_subscriptions_the_housekeeping_jobs_are_the_ones(database: str) -> None:
    result = run(database, "jobs", "run", "4", "--dry-run")

    assert result.exit_code == 1
    assert (
        f"there is no job '4'; the jobs are {', '.join(HOUSEKEEPING)} (`quotabot jobs list` "
        "shows them all)"
    ) in result.output


def link_everyone(database: str) -> dict[str, str]:
    """Every rep linked in Slack, as U0<first name>; their Slack ids by name."""
    engine = open_database(database)
    ids = {}
    with Session(engine) as session:
        for rep in session.exec(select(Rep)).all():
            assert rep.id is not None
            user = f"U0{rep.name.split()[0].upper()}"
            session.add(ChatIdentity(platform="slack", workspace="T0TEST", user_id=user,
                                     rep_id=rep.id))  # fmt: skip
            ids[rep.name] = user
        session.commit()
    engine.dispose()
    return ids


def test_the_nudges_run_by_name_once_per_slot_and_never_by_force(
    database: str, slack: SlackApiDouble
) -> None:
    ids = link_everyone(database)
    morning = ("--as-of", "2026-12-02T09:05+00:00")  # a Wednesday, the company's clock

    shown = run(database, "jobs", "run", "personal:nudges", "--dry-run", *morning)
    sent = run(database, "jobs", "run", "personal:nudges", *morning, env=slack_env(slack))
    again = run(database, "jobs", "run", "personal:nudges", *morning, env=slack_env(slack))
    forced = run(database, "jobs", "run", "personal:nudges", "--force", *morning)

    told = sorted(post.body["channel"] for post in slack.posts)
    assert shown.exit_code == 0, shown.output
    assert sent.exit_code == 0, sent.output
    assert told, "someone of the company is behind pace on December 2"
    prefix = "Message to "
    assert sorted(ids[line[len(prefix):-1]] for line in shown.output.splitlines()
                  if line.startswith(prefix)) == told  # fmt: skip
    assert sent.output == (
        f"personal:nudges:UTC at Wed 2026-12-02 09:00 UTC: {len(told)} sent, 0 skipped, "
        "0 failed.\n"
    )
    assert again.output.startswith("personal:nudges:UTC at Wed 2026-12-02 09:00 UTC was run")
    assert len(slack.posts) == len(told)  # the second run wrote to nobody
    assert forced.exit_code == 1
    assert "at most once a day, so --force cannot send it again" in forced.output


def test_a_run_in_quiet_hours_posts_nothing_and_says_why(
    database: str, slack: SlackApiDouble
) -> None:
    subscribe(database)

    result = run(
        database, "jobs", "run", the_name(database), "--no-charts",
        "--as-of", "2026-12-01T22:00+01:00", env=slack_env(slack),
    )  # fmt: skip

    assert result.exit_code == 1
    assert "it is 22:00 in Europe/Rome, in quiet hours" in result.output
    assert slack.calls_of("chat.postMessage") == []


def test_posting_to_slack_needs_the_bot_token(database: str) -> None:
    subscribe(database)

    result = run(database, "jobs", "run", the_name(database), "--as-of", NINE_IN_ROME,
                 env={"SLACK_BOT_TOKEN": ""})  # fmt: skip

    assert result.exit_code == 1
    assert "SLACK_BOT_TOKEN is not set" in result.output
    assert runs(database) == []


def test_celebrations_are_listed_and_the_latest_wins_shown(database: str) -> None:
    added = run(
        database, "subscriptions", "add", "--platform", "slack", "--target", "C0WINS",
        "--kind", "celebrations",
    )  # fmt: skip
    assert added.exit_code == 0, added.output
    name = the_name(database)
    nothing = run(database, "jobs", "run", name, "--dry-run")
    engine = open_database(database)
    with Session(engine) as session:
        win_two_deals(session)
    engine.dispose()

    [listed] = posts(database)
    shown = run(database, "jobs", "run", name, "--dry-run", "--no-charts")
    wrong = run(database, "jobs", "run", name, "--dry-run", "--slot", "2026-12-01T09:00Z")

    assert "no import has turned a deal won yet" in nothing.output
    assert listed["problem"] == "posted as deals are won"
    assert shown.exit_code == 0, shown.output
    assert "🎉 2 deals won" in shown.output
    assert "Ada Lovelace won Acme renewal (Acme Corp): $20,000" in shown.output
    assert "is not the time of an import that turned deals won; the latest are: 20" in (
        wrong.output
    )


def test_the_failure_digest_is_a_job_that_runs_once_per_slot(
    database: str, slack: SlackApiDouble
) -> None:
    subscribe(database)
    slack.fail("chat.postMessage", 500, times=20)  # every try, and every retry, fails
    run(database, "jobs", "run", the_name(database), "--no-charts", "--as-of", HALF_PAST_NINE,
        env=slack_env(slack))  # fmt: skip
    engine = open_database(database)
    with Session(engine) as session:
        root = session.exec(select(Rep).where(Rep.role == "admin")).one()
        assert root.id is not None
        session.add(ChatIdentity(platform="slack", workspace="T0TEST", user_id="U0ROOT",
                                 rep_id=root.id))  # fmt: skip
        session.commit()
    engine.dispose()
    slack.faults.clear()
    morning = ("--as-of", "2026-12-02T08:30+00:00")

    [listed] = [row for row in jobs(database) if row["kind"] == "digest"]
    shown = run(database, "jobs", "run", "digest", "--dry-run", *morning)
    sent = run(database, "jobs", "run", "digest", *morning, env=slack_env(slack))
    again = run(database, "jobs", "run", "digest", *morning, env=slack_env(slack))

    assert listed["name"] == "digest:failed-deliveries"
    assert listed["targets"] == ["slack T0TEST/U0ROOT"]
    assert shown.exit_code == 0, shown.output
    assert "Scheduled posts that did not go out" in shown.output
    assert "to slack T0TEST/C0SALES, due Dec 1, 2026 at 08:00" in shown.output
    assert sent.output == ("Sent the digest of Wed 2026-12-02 08:00 UTC to slack T0TEST/U0ROOT.\n")
    assert "was sent already by " in again.output
    [dm] = [post for post in slack.posts if post.body["channel"] == "U0ROOT"]
    assert dm.body["text"] == "Scheduled posts that did not go out"


def test_prune_forgets_old_runs_only(database: str, slack: SlackApiDouble) -> None:
    subscribe(database)
    name = the_name(database)
    old = ("--slot", "2020-01-06T09:00", "--as-of", "2020-01-06T09:30+01:00")  # a Monday
    run(database, "jobs", "run", name, "--no-charts", *old, env=slack_env(slack))
    run(database, "jobs", "run", name, "--no-charts", "--as-of", HALF_PAST_NINE,
        env=slack_env(slack))  # fmt: skip

    kept_all = run(database, "jobs", "prune", "--older-than", "36500")
    pruned = run(database, "jobs", "prune")
    bad = run(database, "jobs", "prune", "--older-than", "0")

    assert kept_all.output.startswith("Forgot 0 run(s) and 0 delivery(ies) due before ")
    assert pruned.exit_code == 0, pruned.output
    assert pruned.output.startswith("Forgot 1 run(s) and 1 delivery(ies) due before ")
    assert [claimed.fire_time.year for claimed, _ in runs(database)] == [2026]
    assert bad.exit_code == 2
    assert "0 is not in the range x>=1" in bad.output
