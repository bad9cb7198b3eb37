"""English texts of coaching and onboarding: /coach, /ramp and the ramp in /myquota."""

MESSAGES: dict[str, str] = {
    "usage.coach": "coach [@rep] [period]",
    "help.coach": (
        "a brief for a one-to-one: where a rep stands, "
        "drivers to work on, deals to discuss, what to try"
    ),
    "usage.ramp": "ramp [period]",
    "help.ramp": "your new hires against their ramp: quota share, results, first milestones",
    # -- /coach --
    "brief.title": "Coaching brief · {name} · {period}",
    "brief.title.own": "Your coaching brief · {period}",
    "brief.per_person": "Coaching is per person: name a rep rather than a team.",
    "brief.pick.title": "Whom shall we coach?",
    "brief.pick": "Name one of your people, for example `coach @first.last`: {names}.",
    "brief.standing.theirs": (
        "{name} has won *{won}* of *{quota}* (*{attainment}*) and is projected at "
        "*{projection}* ({projected} of quota): {gap} short."
    ),
    "brief.standing.own": (
        "You have won *{won}* of *{quota}* (*{attainment}*) and your pipeline points to "
        "*{projection}* ({projected} of quota): {gap} more and you are there."
    ),
    "brief.standing.ahead.theirs": (
        "{name} has won *{won}* of *{quota}* (*{attainment}*) and is projected at "
        "*{projection}* ({projected} of quota): {gap} over."
    ),
    "brief.standing.ahead.own": (
        "You have won *{won}* of *{quota}* (*{attainment}*) and your pipeline points to "
        "*{projection}* ({projected} of quota): {gap} over. Well done."
    ),
    "brief.no_quota.theirs": "{name} has won *{won}*; no quota is set for {period}.",
    "brief.no_quota.own": "You have won *{won}* so far; no quota is set for {period}.",
    "brief.drivers.theirs": "*Drivers to work on* (against {team}):",
    "brief.drivers.own": "*Your biggest levers* (against {team}):",
    "brief.driver.theirs": (
        "*{driver}*: {value} against the team's median of {median}. At the median the "
        "projection would be *{at_median}* instead of {projection} ({lift} more)."
    ),
    "brief.driver.own": (
        "*{driver}*: at the team's median of {median} your projection grows to "
        "*{at_median}*, {lift} more."
    ),
    "brief.no_gap.theirs": (
        "{name} is at or above {team}'s median on every driver: build on what works."
    ),
    "brief.no_gap.own": (
        "You are at or above {team}'s median on every driver: keep doing what works."
    ),
    "brief.top.activity.theirs": (
        "The top quartile logs {top} activities a week; {name} logs {value}."
    ),
    "brief.top.activity.own": "The top quartile logs {top} activities a week; you log {value}.",
    "brief.top.pipeline_created.theirs": (
        "The top quartile has created {top} of pipeline this period; {name} {value}."
    ),
    "brief.top.pipeline_created.own": (
        "The top quartile has created {top} of pipeline this period; you {value}."
    ),
    "brief.top.coverage.theirs": "The top quartile covers {top} of what is left; {name} {value}.",
    "brief.top.coverage.own": "The top quartile covers {top} of what is left; you {value}.",
    "brief.top.win_rate.theirs": "The top quartile wins {top} of its deals; {name} wins {value}.",
    "brief.top.win_rate.own": "The top quartile wins {top} of its deals; you win {value}.",
    "brief.top.deal_size.theirs": (
        "The top quartile's average deal is {top}; {name}'s is {value}."
    ),
    "brief.top.deal_size.own": "The top quartile's average deal is {top}; yours is {value}.",
    "brief.top.sales_cycle.theirs": "The top quartile closes in {top}; {name} in {value}.",
    "brief.top.sales_cycle.own": "The top quartile closes in {top}; you in {value}.",
    "brief.top.stale_share.theirs": (
        "The top quartile has {top} of its open deals stale; {name} has {value}."
    ),
    "brief.top.stale_share.own": (
        "The top quartile has {top} of its open deals stale; you have {value}."
    ),
    "brief.deals.theirs": "*Deals to discuss:*",
    "brief.deals.own": "*Deals to move forward:*",
    "brief.deal.slipping": "slipping: {deal}",
    "brief.deal.stale": "stale: {deal}",
    "brief.deal.largest": "largest open: {deal}",
    "brief.actions.theirs": "*Suggested actions:*",
    "brief.actions.own": "*Try this:*",
    "brief.field": "{value} · team {median} · top quartile {top}",
    "driver.activity": "Activities a week",
    "driver.pipeline_created": "Pipeline created",
    "driver.coverage": "Coverage",
    "driver.win_rate": "Win rate",
    "driver.deal_size": "Average deal size",
    "driver.sales_cycle": "Sales cycle",
    "driver.stale_share": "Stale deals",
    "count.days.one": "{count} day",
    "count.days.other": "{count} days",
    # -- ramp --
    "ramp.month": (
        "Ramp: month {number} of {months}, at *{share}* of full quota until {end}; "
        "full quota from {full}."
    ),
    "ramp.milestones": "First meeting: {meeting} · first pipeline deal: {deal} · first win: {win}",
    "ramp.not_configured": (
        "No ramp is set: add `[ramp] months = [0.25, 0.5, 0.75]` to quotabot.toml to ramp "
        "new hires' quotas."
    ),
    "ramp.not_yet": "not yet",
    "ramp.title": "New hires on the ramp · {period}",
    "ramp.none": "None of your people is ramping up right now.",
    "ramp.curve": "The ramp: {curve}, then full quota.",
    "ramp.hire": (
        "*{name}* · hired {hired} · month {number} of {months} ({share} of quota) · "
        "{won} won of {quota} ({attainment})"
    ),
    "ramp.hire.done": (
        "*{name}* · hired {hired} · at full quota since {full} "
        "· {won} won of {quota} ({attainment})"
    ),
    "ramp.chart.title": "Attainment of full quota by ramp month",
    "ramp.chart.alt": "{name}: {months}.",
    "ramp.chart.month": "month {number}: {actual} of full quota against the ramp's {share}",
    "ramp.chart.tick": "month {number}",
    "ramp.chart.curve": "Ramp",
}
