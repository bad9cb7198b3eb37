"""The housekeeping jobs in `quotabot jobs list`: at-risk alerts and nudges, by time zone.

They come from `quotabot.toml` (`[alerts]`, `[nudges]`) and the people's time zones, not
from subscriptions: one row per kind and time zone, with its next fire times, and a row
for a kind that is turned off.
"""

from __future__ import annotations

from rich.table import Table

from quotabot.cli_reports import console
from quotabot.context import AppContext
from scheduler.housekeeping import ALERTS, KINDS, HousekeepingJob, housekeeping_jobs

UPCOMING = 3
WHO = {ALERTS: ("manager", "managers"), "nudges": ("rep", "reps")}


def housekeeping_rows(app: AppContext) -> list[dict[str, object]]:
    """A row per housekeeping job, in the shape of the subscriptions' rows."""
    with app.session() as session:
        jobs = housekeeping_jobs(session, app.settings)
    rows = [_row(app, job) for job in jobs.values()]
    for kind in KINDS:
        config = app.settings.alerts if kind == ALERTS else app.settings.nudges
        if not config.enabled:
            rows.append(
                _base(kind, f"the {WHO[kind][1]}' direct messages", "", "", "")
                | {"problem": f"turned off in quotabot.toml ([{kind}] enabled = false)"}
            )
    return rows


def print_housekeeping(rows: list[dict[str, object]]) -> None:
    table = Table(title="Housekeeping jobs", title_justify="left")
    for name in ("Kind", "Who", "Cron", "Time zone", "Next (local)", "Job"):
        table.add_column(name)
    for row in rows:
        upcoming = row["upcoming_local"]
        table.add_row(
            str(row["kind"]),
            str(row["where"]),
            str(row["cron"]),
            str(row["timezone"]),
            upcoming[0] if isinstance(upcoming, list) and upcoming else str(row["problem"]),
            str(row["job"]),
        )
    console().print(table)


def _row(app: AppContext, job: HousekeepingJob) -> dict[str, object]:
    who = f"{job.people} {WHO[job.kind][job.people != 1]} on this clock, in direct messages"
    row = _base(job.kind, who, job.schedule.cron, job.timezone, job.key)
    fires = job.schedule.fire_times(app.now, UPCOMING)
    if fires:
        row["next"] = fires[0].isoformat()
        row["upcoming_local"] = [
            fire.astimezone(job.schedule.zone).strftime("%a %Y-%m-%d %H:%M") for fire in fires
        ]
    return row


def _base(kind: str, where: str, cron: str, timezone: str, key: str) -> dict[str, object]:
    return {
        "subscription": None,
        "kind": kind,
        "where": where,
        "cron": cron,
        "timezone": timezone,
        "job": key,
        "next": None,
        "upcoming_local": [],
        "problem": "",
    }
