"""The weekly report: subscribed from chat or the command line, posted to Slack.

On Monday 21 December 2026 at 08:30 in Rome the report covers 2026-W51 (Dec 14-20)
and compares it with W50. North's weekly quotas are their Q4 quotas in proportion to
business days, 5 of Q4's 66: Ada 50,000 x 5/66 = 3,787.88, Bea 40,000 x 5/66 =
3,030.30. In W51 Bea wins 9,000 (297%), Ada wins nothing (3,787.88 short) and loses
3,000 from Demo; Ada's 7,000 due Dec 15 slipped. In W50 Bea won 4,000.
"""

from __future__ import annotations

import asyncio
import json
from datetime import date, datetime
from pathlib import Path

from click.testing import CliRunner
from sqlalchemy import Engine
from sqlmodel import Session

from adapters.slack.scheduled import SlackSender
from core.models import Subscription
from core.storage import open_database
from core.subscriptions import subscriptions
from quotabot.cli import main
from scheduler.jobs import build_post
from scheduler.runner import Outcome
from tests.bot.company import SETTINGS
from tests.fakes.slack_api import UPLOAD, SlackApiDouble
from tests.report_company import ReportPeople, build_report_company, lost_from
from tests.scheduler.conftest import ROME, WORKSPACE, the_job
from tests.scheduler.test_chat_subscriptions import ask_in
from tests.scheduler.test_slack_posts import blocks_of, runner, with_slack

MONDAY_MORNING = datetime(2026, 12, 21, 8, 30, tzinfo=ROME)


def week_51(session: Session) -> ReportPeople:
    people = build_report_company(session)
    company = people.company
    company.deal(people.bea, "won", 4_000, date(2026, 12, 9), name="Oscorp seats")
    company.deal(people.bea, "won", 9_000, date(2026, 12, 16), name="Oscorp platform")
    lost = company.deal(people.ada, "lost", 3_000, date(2026, 12, 17), name="Massive pilot")
    lost_from(session, lost, "Demo")
    session.commit()
    return people


def subscribe_north(session: Session, people: ReportPeople) -> None:
    session.add(
        Subscription(
            platform="slack", workspace=WORKSPACE, target="C0NORTH", kind="report",
            cron="30 8 * * 1", timezone="Europe/Rome", period="last-week",
            team_id=people.north.id, created_by="test",
        )
    )  # fmt: skip
    session.commit()


def test_a_manager_subscribes_the_channel_to_the_weekly_report(session: Session) -> None:
    people = build_report_company(session)

    reply = ask_in(session, people.mona, "/quotabot subscribe report weekly mon 08:30 North")

    assert reply.paragraphs[0] == (
        "Every Monday at 08:30 (UTC) I will post the performance report of North in this "
        "channel (subscription 1)."
    )
    [stored] = subscriptions(session)
    assert (stored.kind, stored.cron, stored.period) == ("report", "30 8 * * 1", "last-week")
    assert stored.team_id == people.north.id
    listed = ask_in(session, people.mona, "subscriptions")
    assert listed.paragraphs[0].startswith("• *1.* The performance report of North. Every Monday")


def test_a_daily_report_covers_the_day_before(session: Session) -> None:
    people = build_report_company(session)

    ask_in(session, people.root, "subscribe report weekdays 08:00")

    [stored] = subscriptions(session)
    assert (stored.kind, stored.period, stored.team_id) == ("report", "yesterday", None)


def test_the_command_line_adds_a_weekly_report_and_shows_it(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'quotabot.db'}"
    engine = open_database(url)
    with Session(engine) as session:
        build_report_company(session)
    engine.dispose()

    added = CliRunner().invoke(main, [
        "--database", url, "subscriptions", "add", "--platform", "slack", "--target",
        "C0NORTH", "--kind", "report", "--cron", "30 8 * * 1", "--timezone", "Europe/Rome",
        "--team", "North",
    ])  # fmt: skip
    listed = CliRunner().invoke(main, ["--database", url, "subscriptions", "list", "--json"])
    shown = CliRunner().invoke(main, [
        "--database", url, "jobs", "run", "report", "--dry-run", "--no-charts", "--as-of",
        "2026-12-21T08:30+01:00",
    ])  # fmt: skip

    assert added.exit_code == 0, added.output
    assert "report (last-week of North) to slack C0NORTH" in added.output
    [row] = json.loads(listed.output)
    assert (row["kind"], row["period"], row["team"]) == ("report", "last-week", "North")
    assert shown.exit_code == 0, shown.output
    assert "Report · North · 2026-W51" in shown.output
    assert "Against 2026-W50" in shown.output


def test_the_post_says_who_hit_and_missed_what_was_won_lost_and_slipped(
    session: Session,
) -> None:
    people = week_51(session)
    subscribe_north(session, people)

    reply = asyncio.run(
        build_post(the_job(session).post, session, SETTINGS, MONDAY_MORNING, charts=False)
    )

    assert reply.title == "Report · North · 2026-W51"
    text = "\n\n".join(reply.paragraphs)
    assert reply.paragraphs[0] == (
        "*$9,000* won of $6,818 (*132%*): 1 deal won, a win rate of 50%."
    )
    assert reply.paragraphs[1] == (
        "Against 2026-W50: +$5,000 on $4,000, attainment +73 pts, deals won ±0."
    )
    assert "*Hit target*\n• Bea Rossi: 297%" in text
    assert "*Missed target*\n• Ada Lovelace: $3,788 short (0%)" in text
    assert "*Biggest wins*\n• Bea Rossi, Oscorp platform: $9,000" in text
    assert "*Lost*: 1 deal for $3,000, by the stage they were lost from:\n• Demo: 1 deal" in text
    assert (
        "*Slipped*: 1 open deal for $7,000 due in 2026-W51 did not close:\n"
        "• Ada Lovelace, Soylent expansion: $7,000, due Dec 15, 2026"
    ) in text
    assert "Carl Weber" not in text  # South's
    assert reply.paragraphs[-1].startswith("_Figures as of the latest CRM update")


def test_the_report_and_its_chart_reach_the_channel_through_a_claimed_run(
    engine: Engine, session: Session
) -> None:
    people = week_51(session)
    subscribe_north(session, people)
    job = the_job(session)
    double = SlackApiDouble()

    async def work(sender: SlackSender) -> Outcome:
        return await runner(engine, sender).fire(job, MONDAY_MORNING, now=MONDAY_MORNING)

    outcome = with_slack(double, work)

    assert outcome.sent == ("slack:T0TEST:C0NORTH",)
    [post] = double.calls_of("chat.postMessage")
    assert post.body["channel"] == "C0NORTH"
    blocks = blocks_of(post.body)
    assert blocks[0]["text"]["text"] == "Report · North · 2026-W51"
    assert any("Bea Rossi: 297%" in json.dumps(block) for block in blocks)
    [image] = [block for block in blocks if block["type"] == "image"]
    assert "Bea Rossi" in image["alt_text"]
    [upload] = double.calls_of(UPLOAD)
    assert upload.body["size"] > 1000
