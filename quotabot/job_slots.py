"""The jobs of `quotabot jobs`: finding one by name, and the slots it fires at.

A job's name is its key (scheduler.jobs): the same in every replica and in the
database's runs. A name may be shortened to any prefix that only one job has, as git
shortens commits. A slot is one fire time of the job's schedule; for celebrations, which
have none, a slot is the moment of an import that turned deals won.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import UTC, datetime, tzinfo

import click
from sqlmodel import Session

from core.config import Settings
from core.schedules import Schedule, ScheduleError
from core.wins import imports_with_wins
from scheduler.jobs import Job

EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
NAMES_SHOWN = 8  # valid names listed when a name is not found


def find_name(names: Collection[str], name: str) -> str:
    """The job's name that `name` is, or the start of alone; ClickException otherwise."""
    if name in names:
        return name
    matches = sorted(known for known in names if known.startswith(name))
    if len(matches) == 1:
        return matches[0]
    if matches:
        raise click.ClickException(
            f"{name!r} is the start of {len(matches)} jobs' names: {_listed(matches)}; "
            "give more of the name"
        )
    raise click.ClickException(
        f"there is no job {name!r}; the jobs are {_listed(sorted(names))} "
        "(`quotabot jobs list` shows them all)"
    )


def _listed(names: list[str]) -> str:
    shown = ", ".join(names[:NAMES_SHOWN])
    return shown if len(names) <= NAMES_SHOWN else f"{shown} and {len(names) - NAMES_SHOWN} more"


def parse_slot(text: str, zone: tzinfo) -> datetime:
    """`--slot`: an ISO instant; without an offset, it is on the job's own clock."""
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise click.BadParameter(
            f"{text!r} is not an instant; write it as 2026-12-01T09:00+01:00, or "
            "2026-12-01T09:00 on the job's own clock",
            param_hint="--slot",
        ) from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=zone)
    return moment


def zone_of(job: Job) -> tzinfo:
    """The clock a job's slots are read on: its schedule's; UTC for celebrations."""
    return UTC if job.as_it_happens else _schedule(job).zone


def latest_slot(job: Job, session: Session, settings: Settings, now: datetime) -> datetime:
    """The slot a run of `job` is for when none is named: its latest, at or before now."""
    if job.as_it_happens:
        stamps = [stamp for stamp in _imports(session, settings) if stamp <= now]
        if not stamps:
            raise click.ClickException("no import has turned a deal won yet: nothing to celebrate")
        return stamps[-1]
    return latest_fire_time(job.key, _schedule(job), now)


def latest_fire_time(name: str, schedule: Schedule, now: datetime) -> datetime:
    latest = schedule.latest(now)
    if latest is None:
        raise click.ClickException(
            f"{name} has not fired yet ({schedule.cron!r} in {schedule.timezone}); "
            "name a coming one with --slot to post it early"
        )
    return latest


def check_fire_time(name: str, schedule: Schedule, slot: datetime) -> datetime:
    """`slot` itself when `schedule` fires at it; ClickException naming the nearest ones."""
    if schedule.fires_at(slot):
        return slot
    before, after = schedule.latest(slot), schedule.next_fire(slot)
    nearest = [_local(fire, schedule) for fire in (before, after) if fire is not None]
    raise click.ClickException(
        f"{_local(slot, schedule)} is not a fire time of {name}, which fires at "
        f"{schedule.cron!r} in {schedule.timezone}; the nearest are {' and '.join(nearest)}"
    )


def check_slot(job: Job, slot: datetime, session: Session, settings: Settings) -> datetime:
    """`slot` itself when the job fires at it; ClickException naming the nearest ones."""
    if job.as_it_happens:
        stamps = _imports(session, settings)
        if slot in stamps:
            return slot
        recent = ", ".join(stamp.isoformat() for stamp in stamps[-3:]) or "none yet"
        raise click.ClickException(
            f"{slot.isoformat()} is not the time of an import that turned deals won; "
            f"the latest are: {recent}"
        )
    return check_fire_time(job.key, _schedule(job), slot)


def _schedule(job: Job) -> Schedule:
    try:
        return job.schedule
    except ScheduleError as error:
        raise click.ClickException(f"{job.key} cannot be scheduled: {error}") from None


def _imports(session: Session, settings: Settings) -> list[datetime]:
    return list(imports_with_wins(session, settings.stages, since=EPOCH))


def _local(instant: datetime, schedule: Schedule) -> str:
    return instant.astimezone(schedule.zone).strftime("%a %Y-%m-%d %H:%M %Z")
