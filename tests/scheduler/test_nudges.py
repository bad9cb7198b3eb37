"""Nudge digests to reps: once a day on their own clock, snooze and mute, quiet hours,
weekends and daylight saving in a time zone that is not the company's."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlmodel import Session

from bot.reply import RUN, Button
from core.models import Rep
from scheduler.housekeeping import housekeeping_jobs
from tests.bot.company import People, ask
from tests.scheduler.conftest import RecordingSender
from tests.scheduler.notices import (
    SETTINGS,
    MakePersonal,
    company,
    nudges_job,
    personal,
    rome,
    set_timezone,
    slack_user,
)

__all__ = ["company", "personal"]  # fixtures

AUCKLAND = ZoneInfo("Pacific/Auckland")
NEW_YORK = ZoneInfo("America/New_York")


def nudged(sender: RecordingSender) -> list[str]:
    return [target for target, _ in sender.posted]


def answer(session: Session, rep: Rep, line: str, when: datetime) -> str:
    reply = ask(session, rep, line, settings=SETTINGS, now=when)
    return "\n".join(reply.paragraphs)


def test_the_digest_says_how_far_behind_what_it_takes_and_which_deals_need_a_touch(
    session: Session, company: People, personal: MakePersonal
) -> None:
    sender = RecordingSender()

    asyncio.run(personal(sender).fire(nudges_job(), rome(1, 9, 0), now=rome(1, 9, 0)))

    assert sorted(nudged(sender)) == sorted([slack_user(company.ada), slack_user(company.carl)])
    [reply] = [reply for target, reply in sender.posted if target == slack_user(company.ada)]
    assert (reply.title, *reply.paragraphs) == (
        "Your nudge for today · 2026-Q4",
        "You are *$9,432* behind pace: $30,000 won of the $39,432 expected by now.",
        "To reach quota, close $1,326 per business day for the 22.6 business days left.",
        "2 deals need a touch:\n"
        "• *Initech pilot* · $5,000 · Discovery · close date Nov 20, 2026 has passed\n"
        "• *Globex expansion* · $15,000 · Proposal · untouched for 42 days",
        "Not now? Snooze these, or type `/quotabot nudges off` to stop them.",
        "_Figures as of the latest CRM update, Nov 30, 2026 at 18:00 (Europe/Rome)._",
    )
    assert reply.buttons == (
        Button("Snooze for 7 days", RUN, "nudges snooze 7"),
        Button("Show my pipeline", RUN, "pipeline"),
    )


def test_a_rep_is_nudged_at_most_once_a_day(
    session: Session, company: People, personal: MakePersonal
) -> None:
    sender = RecordingSender()
    runner = personal(sender)
    asyncio.run(runner.fire(nudges_job(), rome(1, 9, 0), now=rome(1, 9, 0)))

    # The same day again: the time was moved to 11:00, and Carl moved to New York.
    asyncio.run(runner.fire(nudges_job(at_=time(11, 0)), rome(1, 11, 0), now=rome(1, 11, 0)))
    set_timezone(session, company.carl, "America/New_York")
    in_new_york = datetime(2026, 12, 1, 9, tzinfo=NEW_YORK)
    asyncio.run(runner.fire(nudges_job("America/New_York"), in_new_york, now=in_new_york))
    assert len(sender.posted) == 2

    asyncio.run(runner.fire(nudges_job(), rome(2, 9, 0), now=rome(2, 9, 0)))

    assert nudged(sender)[2:] == [slack_user(company.ada)]


def test_a_snoozed_rep_hears_nothing_for_a_week(
    session: Session, company: People, personal: MakePersonal
) -> None:
    said = answer(session, company.ada, "nudges snooze", rome(1, 8, 0))
    assert said == (
        "Nudges are snoozed until Dec 8, 2026 at 08:00 (Europe/Rome). `/quotabot nudges on` "
        "brings them back now."
    )
    sender = RecordingSender()
    runner = personal(sender)

    for day in (1, 2, 3, 4, 7):
        asyncio.run(runner.fire(nudges_job(), rome(day, 9, 0), now=rome(day, 9, 0)))
    assert slack_user(company.ada) not in nudged(sender)

    asyncio.run(runner.fire(nudges_job(), rome(8, 9, 0), now=rome(8, 9, 0)))
    assert nudged(sender)[-2:].count(slack_user(company.ada)) == 1


def test_a_muted_rep_hears_nothing_until_they_unmute(
    session: Session, company: People, personal: MakePersonal
) -> None:
    assert answer(session, company.ada, "nudges off", rome(1, 8, 0)) == (
        "Nudges are off. Type `/quotabot nudges on` to have them again."
    )
    sender = RecordingSender()
    runner = personal(sender)
    asyncio.run(runner.fire(nudges_job(), rome(1, 9, 0), now=rome(1, 9, 0)))
    assert nudged(sender) == [slack_user(company.carl)]

    said = answer(session, company.ada, "nudges on", rome(1, 12, 0))
    asyncio.run(runner.fire(nudges_job(), rome(2, 9, 0), now=rome(2, 9, 0)))

    assert said == (
        "Nudges are on: on weekdays at 09:00 (Europe/Rome), when you are behind pace or have "
        "stale deals."
    )
    assert slack_user(company.ada) in nudged(sender)[1:]


def test_a_bad_snooze_is_answered_with_what_would_do(session: Session, company: People) -> None:
    said = answer(session, company.ada, "nudges snooze forever", rome(1, 8, 0))

    assert said == (
        "“forever” is not a number of days: snooze for 1 to 90 days, such as `nudges snooze 7`."
    )


def test_a_rep_on_another_clock_is_nudged_on_their_weekdays_not_the_companys(
    session: Session, company: People, personal: MakePersonal
) -> None:
    set_timezone(session, company.carl, "Pacific/Auckland")
    jobs = housekeeping_jobs(session, SETTINGS)
    auckland = jobs["personal:nudges:Pacific/Auckland"]
    assert auckland.people == 1
    assert jobs["personal:nudges:Europe/Rome"].people == 2  # Ada and Bea

    # From Friday evening in Rome the next one is Monday 09:00 in Auckland, which
    # is Sunday evening in Rome; Saturday morning in Auckland (Friday in Rome) has none.
    friday_evening = rome(4, 18, 0)
    monday = datetime(2026, 12, 7, 9, tzinfo=AUCKLAND)
    assert auckland.schedule.next_fire(friday_evening) == monday
    assert monday.astimezone(ZoneInfo("Europe/Rome")).strftime("%a %H:%M") == "Sun 21:00"

    sender = RecordingSender()
    runner = personal(sender)
    saturday = datetime(2026, 12, 5, 9, tzinfo=AUCKLAND)  # a run that comes due anyway
    weekend = asyncio.run(runner.fire(auckland, saturday, now=saturday))
    asyncio.run(runner.fire(auckland, monday, now=monday))

    assert weekend.skipped == (f"rep:{company.carl.id}",)
    assert nudged(sender) == [slack_user(company.carl)]


def test_a_late_run_is_not_sent_in_the_reps_quiet_hours(
    session: Session, company: People, personal: MakePersonal
) -> None:
    set_timezone(session, company.carl, "Pacific/Auckland")
    evening = nudges_job("Pacific/Auckland", at_=time(19, 30))
    fired = datetime(2026, 12, 1, 19, 30, tzinfo=AUCKLAND)
    late = fired + timedelta(minutes=45)  # 20:15 in Auckland, 08:15 in Rome
    sender = RecordingSender()

    outcome = asyncio.run(personal(sender).fire(evening, fired, now=late))

    assert outcome.skipped == (f"rep:{company.carl.id}",)
    assert sender.posted == []


def test_the_time_holds_on_the_reps_clock_across_a_daylight_saving_change(
    session: Session, company: People, personal: MakePersonal
) -> None:
    set_timezone(session, company.carl, "America/New_York")
    job = nudges_job("America/New_York")
    # New York left daylight saving time on Sunday 1 November 2026.
    friday = job.schedule.next_fire(datetime(2026, 10, 30, tzinfo=NEW_YORK))
    assert friday is not None
    monday = job.schedule.next_fire(friday)
    assert monday is not None
    assert (friday.utcoffset(), monday.utcoffset()) == (timedelta(hours=-4), timedelta(hours=-5))
    assert [f"{fire.astimezone(UTC):%a %H:%M}" for fire in (friday, monday)] == [
        "Fri 13:00",
        "Mon 14:00",
    ]
    sender = RecordingSender()

    asyncio.run(personal(sender).fire(job, monday, now=monday))

    assert nudged(sender) == [slack_user(company.carl)]
