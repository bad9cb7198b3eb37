"""English texts of the personal notices: at-risk alerts, nudges and the `nudges` command."""

MESSAGES: dict[str, str] = {
    # -- at-risk alerts to managers --
    "alert.title": "At risk on your team · {period}",
    "alert.summary.title": "Weekly at-risk summary · {period}",
    "alert.intro.one": "{count} of your people is at risk of missing quota:",
    "alert.intro.other": "{count} of your people are at risk of missing quota:",
    "alert.summary.intro.one": "No change since my last alert: {count} person is still at risk.",
    "alert.summary.intro.other": (
        "No change since my last alert: {count} people are still at risk."
    ),
    "alert.new": "new",
    "alert.reasons_changed": "reasons changed",
    "alert.recovered": "Back on track since my last alert: {names}.",
    "alert.more.one": "… and {count} more: `atrisk` lists everyone.",
    "alert.more.other": "… and {count} more: `atrisk` lists everyone.",
    "button.atrisk": "Show everyone at risk",
    # -- nudges to reps --
    "nudge.title": "Your nudge for today · {period}",
    "nudge.behind": "You are *{gap}* behind pace: {won} won of the {expected} expected by now.",
    "nudge.to_quota": "To reach quota, {what}",
    "nudge.stale.one": "{count} deal needs a touch:",
    "nudge.stale.other": "{count} deals need a touch:",
    "nudge.more.one": "… and {count} more in your pipeline.",
    "nudge.more.other": "… and {count} more in your pipeline.",
    "nudge.stop": "Not now? Snooze these, or type `/quotabot nudges off` to stop them.",
    "button.snooze.one": "Snooze for {count} day",
    "button.snooze.other": "Snooze for {count} days",
    # -- the nudges command --
    "usage.nudges": "nudges [on|off|snooze [days]]",
    "help.nudges": "your daily nudges: see them, turn them off or on, or snooze them",
    "nudges.title": "Your nudges",
    "nudges.on": (
        "Nudges are on: on weekdays at {time} ({zone}), when you are behind pace or "
        "have stale deals."
    ),
    "nudges.off": "Nudges are off. Type `/quotabot nudges on` to have them again.",
    "nudges.snoozed": (
        "Nudges are snoozed until {day} at {time} ({zone}). `/quotabot nudges on` "
        "brings them back now."
    ),
    "nudges.disabled": (
        "Nudges are turned off for everyone in Quotabot's settings; your choice is kept "
        "for when they are back."
    ),
    "nudges.bad_days": (
        "“{word}” is not a number of days: snooze for 1 to {most} days, such as `nudges snooze 7`."
    ),
    "nudges.bad_word": "I don't know “{word}” here: use `on`, `off` or `snooze`.",
}
