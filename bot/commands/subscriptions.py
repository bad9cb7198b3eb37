"""`subscribe`, `unsubscribe` and `subscriptions`: a channel's scheduled posts (managers).

`subscribe leaderboard daily 09:00 [metric] [team]` (also `weekdays 09:00` and `weekly
mon 09:00`) posts the leaderboard to the channel where it was typed, at that time on
the asker's clock when their time zone is known, else on the company calendar's.
`subscribe report weekly mon 08:30 [team]` posts the performance report of the week
just gone (of the day before, when it comes daily or on weekdays).
"""

from __future__ import annotations

import logging
import re
from datetime import datetime, time

from bot.catalogue import Texts
from bot.people import Level, find_team
from bot.registry import METRIC_WORDS, ArgKind, Args, ChatContext, Command, UsageError
from bot.reply import Reply, bullets
from core.models import Rep, Subscription, SubscriptionKind
from core.org import Org
from core.results import Metric
from core.schedules import (
    POSTING_FROM,
    POSTING_UNTIL,
    ScheduleError,
    check_timezone,
    parse_schedule,
)
from core.subscriptions import (
    DEFAULT_PERIOD,
    PLATFORMS,
    REPORT_PERIOD,
    NewSubscription,
    add_subscription,
    find_same,
    remove_subscription,
    subscriptions,
)

KIND_WORDS = {
    **dict.fromkeys(("leaderboard", "classifica"), SubscriptionKind.LEADERBOARD),
    **dict.fromkeys(("report", "relazione", "rapporto"), SubscriptionKind.REPORT),
    **dict.fromkeys(("celebrations", "festeggiamenti"), SubscriptionKind.CELEBRATIONS),
}
CONTEST_WORDS = {"contest", "gara"}  # made by `contest new ... post ...`, not here
# A report that comes daily or on weekdays covers the day before; weekly, the week.
DAILY_REPORT_PERIOD = "yesterday"
DAILY = {"daily", "giornaliero", "ogni-giorno"}
WEEKDAYS = {"weekdays", "feriali"}
WEEKLY = {"weekly", "settimanale"}
# Day words, numbered as crontab numbers them (0 is Sunday).
DAY_WORDS = {
    **dict.fromkeys(("sun", "sunday", "dom", "domenica"), 0),
    **dict.fromkeys(("mon", "monday", "lun", "lunedì", "lunedi"), 1),
    **dict.fromkeys(("tue", "tuesday", "mar", "martedì", "martedi"), 2),
    **dict.fromkeys(("wed", "wednesday", "mer", "mercoledì", "mercoledi"), 3),
    **dict.fromkeys(("thu", "thursday", "gio", "giovedì", "giovedi"), 4),
    **dict.fromkeys(("fri", "friday", "ven", "venerdì", "venerdi"), 5),
    **dict.fromkeys(("sat", "saturday", "sab", "sabato"), 6),
}
logger = logging.getLogger(__name__)

_TIME = re.compile(r"^(\d{1,2})[:.](\d{2})$")
_SIMPLE_CRON = re.compile(r"^(\d{1,2}) (\d{1,2}) \* \* (\*|1-5|[0-7])$")


def bad_input(texts: Texts, *paragraphs: str) -> Reply:
    return Reply(title=texts("error.bad_input.title"), paragraphs=paragraphs)


def subscribe(context: ChatContext, args: Args) -> Reply:
    texts = context.texts
    if context.platform not in PLATFORMS or not context.channel:
        return bad_input(texts, texts("subscribe.not_here"))
    words = list(args.words)
    if not words:
        raise UsageError(None)

    kind_word = words.pop(0).casefold()
    if kind_word in CONTEST_WORDS:
        return bad_input(texts, texts("subscribe.contest"))
    if kind_word not in KIND_WORDS:
        return bad_input(texts, texts("subscribe.unknown_kind", word=kind_word))
    kind = KIND_WORDS[kind_word]
    if kind is SubscriptionKind.CELEBRATIONS:
        return _celebrate(context, words)
    how_often = words[0].casefold() if words else ""
    cron = schedule_of(texts, words)
    if isinstance(cron, Reply):
        return cron

    metric = Metric.WON_REVENUE
    if kind is SubscriptionKind.LEADERBOARD and words and words[0].casefold() in METRIC_WORDS:
        metric = METRIC_WORDS[words.pop(0).casefold()]
    period = DEFAULT_PERIOD
    if kind is SubscriptionKind.REPORT:
        period = REPORT_PERIOD if how_often in WEEKLY else DAILY_REPORT_PERIOD
    team = find_team(Org.load(context.session), " ".join(words)).name if words else None

    new = NewSubscription(
        platform=context.platform,
        workspace=context.workspace,
        target=context.channel,
        kind=kind.value,
        cron=cron,
        timezone=timezone_of(context),
        created_by=context.asker.email,
        metric=metric.value,
        period=period,
        team=team,
    )
    team_id = find_team(Org.load(context.session), team).id if team else None
    same = find_same(context.session, new, team_id)
    if same is not None:
        return bad_input(texts, texts("subscribe.exists", id=same.id))

    subscription = add_subscription(context.session, context.settings, new, context.now)
    return Reply(
        title=texts("subscribe.title"),
        paragraphs=(
            texts(
                "subscribe.done",
                when=when(subscription, texts),
                what=what(subscription, team, texts),
                id=subscription.id,
            ),
            texts("subscribe.member"),
            texts("subscribe.stop", id=subscription.id),
        ),
    )


def _celebrate(context: ChatContext, words: list[str]) -> Reply:
    """Celebrations: every deal won, posted here as soon as an import brings it."""
    texts = context.texts
    team = find_team(Org.load(context.session), " ".join(words)) if words else None
    new = NewSubscription(
        platform=context.platform,
        workspace=context.workspace,
        target=context.channel,
        kind=SubscriptionKind.CELEBRATIONS.value,
        cron="",
        timezone=timezone_of(context),
        created_by=context.asker.email,
        team=team.name if team else None,
    )
    same = find_same(context.session, new, team.id if team else None)
    if same is not None:
        return bad_input(texts, texts("subscribe.exists", id=same.id))
    subscription = add_subscription(context.session, context.settings, new, context.now)
    done = texts("subscribe.celebrations.done", id=subscription.id, zone=subscription.timezone)
    return Reply(
        title=texts("subscribe.title"),
        paragraphs=(done, texts("subscribe.member"), texts("subscribe.stop", id=subscription.id)),
    )


def unsubscribe(context: ChatContext, args: Args) -> Reply:
    texts = context.texts
    if len(args.words) != 1:
        raise UsageError(args.words[1] if len(args.words) > 1 else None)
    number = args.words[0].lstrip("#")
    if not number.isdigit():
        raise UsageError(args.words[0])

    subscription = context.session.get(Subscription, int(number))
    if subscription is None or not _here(context, subscription):
        return bad_input(texts, texts("unsubscribe.unknown", id=number))
    team = Org.load(context.session).team_name(subscription.team_id)
    described = what(subscription, team, texts)
    remove_subscription(context.session, int(number))
    return Reply(
        title=texts("unsubscribe.title"),
        paragraphs=(texts("unsubscribe.done", id=number, what=described),),
    )


def list_here(context: ChatContext, args: Args) -> Reply:
    texts = context.texts
    if args.words:
        raise UsageError(args.words[0])
    if context.platform not in PLATFORMS or not context.channel:
        return bad_input(texts, texts("subscribe.not_here"))

    here = subscriptions(context.session, platform=context.platform, target=context.channel)
    here = [subscription for subscription in here if _here(context, subscription)]
    if not here:
        return Reply(title=texts("subscriptions.title"), paragraphs=(texts("subscriptions.none"),))
    org = Org.load(context.session)
    lines = [
        texts(
            "subscriptions.line.as_won",
            id=subscription.id,
            what=what(subscription, org.team_name(subscription.team_id), texts),
            when=when(subscription, texts),
        )
        if not subscription.cron
        else texts(
            "subscriptions.line",
            id=subscription.id,
            what=what(subscription, org.team_name(subscription.team_id), texts),
            when=when(subscription, texts),
            next=_next_post(subscription, context.now, texts),
        )
        for subscription in here
    ]
    return Reply(
        title=texts("subscriptions.title"),
        paragraphs=(bullets(lines), texts("subscriptions.stop")),
    )


def schedule_of(texts: Texts, words: list[str]) -> str | Reply:
    """The cron of `daily|weekdays|weekly DAY HH:MM`, taken from the front of `words`,
    or the reply that names what is wrong with it."""
    if len(words) < 2:
        raise UsageError(None)

    how_often = words.pop(0).casefold()
    if how_often in DAILY:
        weekday = "*"
    elif how_often in WEEKDAYS:
        weekday = "1-5"
    elif how_often in WEEKLY:
        day = words.pop(0).casefold() if words else ""
        if day not in DAY_WORDS:
            return bad_input(texts, texts("subscribe.bad_day", word=day))
        weekday = str(DAY_WORDS[day])
    else:
        return bad_input(texts, texts("subscribe.bad_frequency", word=how_often))

    time_word = words.pop(0) if words else ""
    at = _time_of(time_word)
    if at is None:
        return bad_input(texts, texts("subscribe.bad_time", word=time_word))
    if not POSTING_FROM <= at <= POSTING_UNTIL:
        return bad_input(
            texts,
            texts(
                "subscribe.quiet",
                time=f"{at:%H:%M}",
                start=f"{POSTING_FROM:%H:%M}",
                end=f"{POSTING_UNTIL:%H:%M}",
            ),
        )
    return f"{at.minute} {at.hour} * * {weekday}"


def when(subscription: Subscription, texts: Texts) -> str:
    """The schedule as people say it: "every weekday at 09:00 (Europe/Rome)"."""
    zone = subscription.timezone
    if not subscription.cron:
        return texts("when.as_won", zone=zone)
    match = _SIMPLE_CRON.match(subscription.cron)
    if match is None:
        return texts("when.cron", cron=subscription.cron, zone=zone)
    minute, hour, weekday = match.groups()
    at = f"{int(hour):02d}:{int(minute):02d}"
    if weekday == "*":
        return texts("when.daily", time=at, zone=zone)
    if weekday == "1-5":
        return texts("when.weekdays", time=at, zone=zone)
    # Babel numbers days from Monday (0); crontab from Sunday.
    day = texts.locale.days["format"]["wide"][(int(weekday) + 6) % 7]
    return texts("when.weekly", day=day, time=at, zone=zone)


def what(subscription: Subscription, team: str | None, texts: Texts) -> str:
    if subscription.kind == SubscriptionKind.CONTEST:
        return texts("subscribe.what.contest", id=subscription.contest_id)
    if subscription.kind == SubscriptionKind.CELEBRATIONS:
        celebrations = texts("subscribe.what.celebrations")
        return f"{celebrations} ({team})" if team else celebrations
    if subscription.kind == SubscriptionKind.REPORT:
        if team:
            return texts("subscribe.what.report.team", team=team)
        return texts("subscribe.what.report")
    metric = texts(f"metric.{subscription.metric}")
    if team:
        return texts("subscribe.what.team", metric=metric, team=team)
    return texts("subscribe.what", metric=metric)


def _next_post(subscription: Subscription, now: datetime, texts: Texts) -> str:
    schedule = parse_schedule(subscription.cron, subscription.timezone)
    fire = schedule.next_fire(now)
    if fire is None:
        return texts.money(None)
    local = fire.astimezone(schedule.zone)
    return f"{texts.day(local.date())} {local:%H:%M}"


def _time_of(word: str) -> time | None:
    match = _TIME.match(word)
    if match is None:
        return None
    hour, minute = int(match[1]), int(match[2])
    return time(hour, minute) if hour < 24 and minute < 60 else None


def timezone_of(context: ChatContext) -> str:
    """The asker's own time zone when it is recorded, else the company calendar's."""
    rep = context.session.get(Rep, context.asker.rep_id)
    if rep is not None and rep.timezone:
        try:
            check_timezone(rep.timezone)
        except ScheduleError:
            logger.warning("rep %s has an unknown time zone %r", rep.id, rep.timezone)
        else:
            return rep.timezone
    return context.settings.calendar.timezone


def _here(context: ChatContext, subscription: Subscription) -> bool:
    """Whether a subscription posts to the channel the command was typed in."""
    return (
        subscription.platform == context.platform
        and subscription.target == context.channel
        and subscription.workspace in ("", context.workspace)
    )


COMMANDS = [
    Command(
        "subscribe", subscribe, frozenset({ArgKind.WORDS}), Level.MANAGER, aliases=("iscrivi",)
    ),
    Command(
        "unsubscribe",
        unsubscribe,
        frozenset({ArgKind.WORDS}),
        Level.MANAGER,
        aliases=("disiscrivi",),
    ),
    Command(
        "subscriptions",
        list_here,
        frozenset({ArgKind.WORDS}),
        Level.MANAGER,
        aliases=("iscrizioni",),
    ),
]
