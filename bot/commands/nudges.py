"""`/quotabot nudges [on|off|snooze [days]]`: a rep's own say about their daily nudges.

Without a word it tells where their nudges stand. `off` mutes them until `on`; `snooze`
pauses them for a week (the setting `[nudges] snooze_days`), or for the days given, and
`on` ends a snooze too. Everyone decides only for themself.
"""

from __future__ import annotations

from datetime import timedelta
from zoneinfo import ZoneInfo

from bot.people import Level
from bot.registry import ArgKind, Args, ChatContext, Command, UsageError
from bot.reply import Reply
from core.models import Rep
from core.notices import nudge_setting, person_timezone, set_nudges

ON = frozenset({"on", "attiva", "accendi"})
OFF = frozenset({"off", "spegni", "disattiva"})
SNOOZE = frozenset({"snooze", "rimanda", "pausa"})
MOST_DAYS = 90


def nudges(context: ChatContext, args: Args) -> Reply:
    texts, session, now = context.texts, context.session, context.now
    rep_id = context.asker.rep_id
    words = [word.casefold() for word in args.words]
    if len(words) > 2 or (len(words) == 2 and words[0] not in SNOOZE):
        raise UsageError(args.words[-1])

    if words and words[0] in ON:
        set_nudges(session, rep_id, now, muted=False, wake=True)
    elif words and words[0] in OFF:
        set_nudges(session, rep_id, now, muted=True)
    elif words and words[0] in SNOOZE:
        days = context.settings.nudges.snooze_days
        if len(words) == 2:
            word = args.words[1]
            if not word.isdigit() or not 1 <= int(word) <= MOST_DAYS:
                return _said(context, texts("nudges.bad_days", word=word, most=MOST_DAYS))
            days = int(word)
        set_nudges(session, rep_id, now, muted=False, snoozed_until=now + timedelta(days=days))
    elif words:
        return _said(context, texts("nudges.bad_word", word=args.words[0]))
    return _said(context, _state(context))


def _state(context: ChatContext) -> str:
    """Where the asker's nudges stand, on their clock."""
    texts, now, config = context.texts, context.now, context.settings.nudges
    rep = context.session.get(Rep, context.asker.rep_id)
    zone = person_timezone(rep.timezone if rep else None, context.settings)
    setting = nudge_setting(context.session, context.asker.rep_id)
    if setting is not None and setting.muted:
        state = texts("nudges.off")
    elif setting is not None and setting.snoozed_until and setting.snoozed_until > now:
        until = setting.snoozed_until.astimezone(ZoneInfo(zone))
        state = texts("nudges.snoozed", day=texts.day(until.date()), time=f"{until:%H:%M}",
                      zone=zone)  # fmt: skip
    else:
        state = texts("nudges.on", time=f"{config.at:%H:%M}", zone=zone)
    if not config.enabled:
        state += " " + texts("nudges.disabled")
    return state


def _said(context: ChatContext, text: str) -> Reply:
    return Reply(title=context.texts("nudges.title"), paragraphs=(text,))


COMMANDS = [
    Command(
        "nudges", nudges, frozenset({ArgKind.WORDS}), Level.REP, aliases=("promemoria", "nudge")
    ),
]
