"""English texts. Keys group by where they appear; `{fields}` are filled by the catalogue."""

MESSAGES: dict[str, str] = {
    # -- commands: usage hints and help --
    "usage.myquota": "myquota [period] [name]",
    "help.myquota": "your attainment, pace and what it takes to reach quota",
    "usage.leaderboard": "leaderboard [metric] [period] [team] | leaderboard optout|optin",
    "help.leaderboard": (
        "top places and yours, on won_revenue, attainment, deals_won, win_rate, "
        "average_deal_size, activities, most_improved or points"
    ),
    "usage.pipeline": "pipeline [period] [name]",
    "help.pipeline": "your open deals by stage, with the stale and past-due ones",
    "usage.forecast": "forecast [period] [name]",
    "help.forecast": "closed, commit, best case and pipeline against quota",
    "usage.team": "team [team or manager] [period]",
    "help.team": "one line per person who reports to you, best attainment first",
    "usage.atrisk": "atrisk [team or manager] [period]",
    "help.atrisk": "who is at risk of missing quota, why, and what it would take",
    "usage.earnings": "earnings [period] [name] [whatif AMOUNT|DEAL]",
    "help.earnings": "what you have earned by tier, and what a deal would add; only you see it",
    "usage.points": "points [name]",
    "help.points": "your points, and the latest ones with what earned them",
    "usage.badges": "badges [name]",
    "help.badges": "the badges you have earned, and when",
    "usage.help": "help [command]",
    "help.help": "this list, or how to use one command",
    "usage.whoami": "whoami",
    "help.whoami": "who Quotabot thinks you are, and whose figures you can see",
    "usage.link": "link @user EMAIL",
    "help.link": "tie a chat user to the rep with that email (admins)",
    "usage.subscribe": (
        "subscribe leaderboard daily|weekdays|weekly DAY HH:MM [metric] [team] "
        "| subscribe report daily|weekdays|weekly DAY HH:MM [team] | subscribe celebrations [team]"
    ),
    "help.subscribe": (
        "post the leaderboard or the performance report to this channel on a schedule, or "
        "celebrate each deal won (managers)"
    ),
    "usage.unsubscribe": "unsubscribe NUMBER",
    "help.unsubscribe": "stop one of this channel's scheduled posts (managers)",
    "usage.subscriptions": "subscriptions",
    "help.subscriptions": "this channel's scheduled posts and when each goes next (managers)",
    "help.title": "Quotabot commands",
    "help.intro": (
        "Type a command with or without a slash. A period is a name such as `2026-Q4`, "
        "`2026-11`, `this-quarter` or `last-month`; the default is this quarter."
    ),
    "help.public": "Add `public` at the end to share the answer with the channel.",
    "usage.title": "How to use {command}",
    "usage.unexpected": "I did not understand `{word}` there.",
    "usage.unknown_command.title": "Unknown command",
    "usage.unknown_command": "I don't know the command `{word}`.",
    "usage.commands": "Commands you can use: {names}. Type `help` for more.",
    # -- people --
    "not_linked.title": "Your chat account is not linked yet",
    "not_linked": "I don't know which rep you are, so I can't show your figures.",
    "not_linked.how": (
        "Ask a Quotabot admin to type `/quotabot link @you your.email@company.com`, "
        "or make sure the email in your chat profile is the one in your CRM."
    ),
    "whoami.title": "You are {name}",
    "whoami.sees_all": "As an admin you can see everyone's figures.",
    "whoami.sees_own": "You can see your own figures and the leaderboards.",
    "whoami.sees_reports.one": "You can see your own figures and those of 1 person below you.",
    "whoami.sees_reports.other": (
        "You can see your own figures and those of the {count} people below you."
    ),
    "role.rep": "rep",
    "role.manager": "manager",
    "role.admin": "admin",
    "link.title": "Linked",
    "link.done": "Chat user `{user}` is now {name} ({email}).",
    "link.unknown_email": (
        "No one in Quotabot has the email `{email}`; check it, or import them first."
    ),
    # -- labels of fields --
    "field.won": "Won",
    "field.quota": "Quota",
    "field.attainment": "Attainment",
    "field.pace": "Pace",
    "field.pace.value": "{pace} of the period ({expected} expected)",
    "field.pace.no_quota": "{pace} of the period",
    "field.pace_gap": "Pace gap",
    "field.gap.ahead": "{gap} ahead",
    "field.gap.behind": "{gap} behind",
    "field.days_left": "Business days left",
    "field.needed_per_day": "Needed per business day",
    "field.projection_weighted": "Projection (weighted pipeline)",
    "field.projection_run_rate": "Projection (run rate)",
    "field.projected_attainment": "Projected attainment",
    "field.open_pipeline": "Open pipeline",
    "field.coverage": "Pipeline coverage",
    "field.win_rate": "Win rate",
    "field.open_deals": "Open deals",
    "field.open_amount": "Open amount",
    "field.closing_in": "Closing in {period}",
    "field.closed": "Closed",
    "field.commit": "Commit (closed + commit)",
    "field.best_case": "Best case (+ best case deals)",
    "field.pipeline": "Pipeline (not committed)",
    "field.email": "Email",
    "field.role": "Role",
    "field.team": "Team",
    "field.manager": "Manager",
    "field.language": "Language",
    "figure.of": "{won} of {quota}",
    "figure.share": "{amount} ({share} of quota)",
    "figure.in_deals": "{amount} in {deals}",
    "figure.times": "{value}x",
    "figure.percent": "{value}%",
    "figure.points_change": "{value} pp",
    "field.commission": "Commission",
    "field.spiffs": "SPIFFs",
    "field.adjustments": "Adjustments",
    "field.earnings_total": "Total earnings",
    "field.extra_commission": "Extra commission",
    "count.deals.one": "{count} deal",
    "count.deals.other": "{count} deals",
    "count.open_deals.one": "{count} open deal",
    "count.open_deals.other": "{count} open deals",
    "count.people.one": "{count} person",
    "count.people.other": "{count} people",
    "count.at_risk.one": "{count} at risk",
    "count.at_risk.other": "{count} at risk",
    "list.or": "{first} or {last}",
    # -- /myquota --
    "myquota.title.own": "Your quota · {period}",
    "myquota.title": "{name} · {period}",
    "myquota.standing": "*{won}* won of *{quota}*: *{attainment}* of quota.",
    "myquota.ahead": "That is {gap} ahead of pace ({expected} expected by now).",
    "myquota.behind": "That is {gap} behind pace ({expected} expected by now).",
    "myquota.no_quota": "No quota is set for {period}; *{won}* won so far.",
    "myquota.at_risk": "⚠ At risk: {reasons}.",
    "myquota.earnings": "Earnings so far: *{total}* (type `earnings` for the breakdown).",
    "progress.attainment": "Attainment",
    "progress.pace": "pace {pace}",
    "coach.title": "*To catch up:*",
    "coach.per_day": "close {needed} per business day for the {days} business days left.",
    "coach.reached": "quota is reached: every deal from here is on top.",
    "coach.coverage": (
        "Open pipeline covers only {coverage} of what is left: add new deals this week."
    ),
    "coach.revive": "Revive these first: the largest of the stale or past-due deals.",
    # -- deals and /pipeline --
    "deal.unnamed": "(no name)",
    "deal.past_due": "close date {day} has passed",
    "deal.untouched.one": "untouched for {count} day",
    "deal.untouched.other": "untouched for {count} days",
    "pipeline.title.own": "Your pipeline · {period}",
    "pipeline.title": "Pipeline of {name} · {period}",
    "pipeline.summary": "{deals} worth {amount}; {closing} of it is due to close in {period}.",
    "pipeline.by_stage": "*By stage*",
    "pipeline.stage": "{stage}: {deals}, {amount}",
    "pipeline.age.one": "{count} day old on average",
    "pipeline.age.other": "{count} days old on average",
    "pipeline.past_due.one": "*Past its close date* ({count} deal): move the date or close it",
    "pipeline.past_due.other": (
        "*Past their close date* ({count} deals): move the dates or close them"
    ),
    "pipeline.stale.one": "*Stale* ({count} deal, no activity in {days} days or more)",
    "pipeline.stale.other": "*Stale* ({count} deals, no activity in {days} days or more)",
    # -- /forecast --
    "forecast.title.own": "Your forecast · {period}",
    "forecast.title": "Forecast · {whose} · {period}",
    "forecast.verdict": (
        "Closed plus commit reaches *{commit}* of quota; with best case, *{best}*."
    ),
    "forecast.no_quota": "No quota is set for {period}, so there is nothing to measure against.",
    # -- /leaderboard --
    "leaderboard.title": "Leaderboard · {metric} · {period}",
    "leaderboard.you": "(you)",
    "leaderboard.empty": "Nobody is on this board yet: no results in this period.",
    "leaderboard.more": "{count} people ranked in all.",
    "leaderboard.anonymous": "Anonymous",
    "leaderboard.band.one": "Places {first}–{last}: {count} person",
    "leaderboard.band.other": "Places {first}–{last}: {count} people",
    "leaderboard.optout.title": "You are anonymous on public leaderboards",
    "leaderboard.optout.done": (
        "Leaderboards posted to a channel now show you as anonymous. Your own view of "
        "the leaderboard still shows your rank and value."
    ),
    "leaderboard.optout.already": "You were anonymous on public leaderboards already.",
    "leaderboard.optout.undo": "Type `leaderboard optin` to be named on them again.",
    "leaderboard.optin.title": "You are named on public leaderboards",
    "leaderboard.optin.done": "Leaderboards posted to a channel show your name again.",
    "leaderboard.optin.already": "You were named on public leaderboards already.",
    "leaderboard.optin.undo": "Type `leaderboard optout` to appear as anonymous there.",
    "metric.won_revenue": "won revenue",
    "metric.attainment": "attainment",
    "metric.deals_won": "deals won",
    "metric.win_rate": "win rate",
    "metric.average_deal_size": "average deal size",
    "metric.activities": "activities",
    "metric.most_improved": "most improved",
    "metric.points": "points",
    # -- /team and /atrisk --
    "team.title": "{whose} · {period}",
    "team.yours": "Your team",
    "team.theirs": "Team of {name}",
    "team.company": "Everyone",
    "team.summary": "{people}: {won} won of {quota} ({attainment}); {at_risk}.",
    "team.no_quota": "{won} won, no quota",
    "team.at_risk": "at risk",
    "atrisk.title": "At risk · {whose} · {period}",
    "atrisk.none": "Nobody is at risk in {period}.",
    "atrisk.too_early": (
        "Too early to tell: people are judged once {share} of the period's business days "
        "have gone by."
    ),
    "risk.low_projection": "projected to finish at {projected} of quota",
    "risk.behind_pace": "{gap} behind pace",
    "risk.low_coverage": "pipeline covers only {coverage} of what is left",
    "risk.no_pipeline": "no open pipeline to close the gap",
    "risk.stale.one": "{count} stale deal",
    "risk.stale.other": "{count} stale deals",
    # -- /earnings --
    "earnings.title.own": "Your earnings · {period}",
    "earnings.title": "Earnings of {name} · {period}",
    "earnings.never_public": (
        "_Earnings are never posted to a channel: only you can see this answer._"
    ),
    "earnings.per_person": "Earnings are per person: name a rep rather than a team.",
    "earnings.no_plan.title": "No compensation plan",
    "earnings.no_plan": "{name} has no compensation plan in {period}.",
    "earnings.no_plan.how": (
        "Plans are set by your Quotabot admin in quotabot.toml, under [earnings]."
    ),
    "earnings.total": (
        "*{total}* earned so far: {commission} commission, {spiffs} in SPIFFs and "
        "{adjustments} in adjustments."
    ),
    "earnings.no_quota": (
        "No quota is set for {period}, so commission by tier can't be worked out yet."
    ),
    "earnings.by_tier": "*Commission by tier* · plan {plan}",
    "earnings.by_tier.part": "*Commission by tier* · plan {plan}, {start} to {end}",
    "earnings.tier": "Tier {number}",
    "earnings.bounds": "{lower} to {upper} of quota",
    "earnings.bounds.above": "above {lower} of quota",
    "earnings.paid": "{revenue} at {rate} = {commission}",
    "earnings.capped": "The plan's cap holds back {capped}.",
    "earnings.next_tier": "{needed} more reaches tier {number} ({rate}) at {share} of quota.",
    "earnings.top_tier": "You are in the top tier: every further deal pays {rate}.",
    "earnings.draw": "Your ramp guarantees {guarantee} so far: the draw adds {top_up}.",
    "earnings.spiffs": "*SPIFFs*",
    "earnings.spiff.product": "{product}: {deals} × {amount} = {total}",
    "earnings.spiff.ledger": "{cause}: {total}",
    "earnings.adjustments": "*Adjustments*",
    "earnings.ledger": "{kind} · {day} · {what}: {amount}",
    "earnings.kind.adjustment": "Adjustment",
    "earnings.kind.clawback": "Clawback",
    "earnings.kind.reversed_deal": "Paid on a deal reversed later",
    "earnings.projection": (
        "With your weighted pipeline you would finish at {revenue} ({attainment} of quota) "
        "and earn about {total}."
    ),
    "earnings.whatif.title": "What if · {what} · {period}",
    "earnings.whatif.attainment": (
        "Closing {amount} more takes you from {won} ({before}) to {after_won} ({after}) "
        "of your {quota} quota."
    ),
    "earnings.whatif.no_quota": "Closing {amount} more takes you from {won} to {after_won}.",
    "earnings.whatif.extra": "That is *{extra}* more commission:",
    "earnings.whatif.tier": "tier {number} ({rate}): {revenue} pays {commission}",
    "earnings.whatif.spiff": "Plus a {amount} SPIFF for {product}.",
    "earnings.whatif.crosses": "It crosses into tier {number} ({rate}).",
    "earnings.whatif.same_tier": "You would stay in tier {number} ({rate}).",
    "earnings.whatif.total": "Earnings for {period} would go from {before} to {after}.",
    "earnings.whatif.draw": (
        "While you ramp, the draw guarantees {guarantee} so far: commission adds to your "
        "earnings once it passes that."
    ),
    "earnings.whatif.unknown_deal": "I can't find an open deal called “{name}”.",
    "earnings.whatif.your_deals": "Your open deals:",
    "earnings.whatif.no_deals": (
        "There are no open deals to pick from; try an amount, such as `earnings whatif 25000`."
    ),
    # -- scheduled posts: subscribe, unsubscribe, subscriptions --
    "subscribe.title": "Scheduled",
    "subscribe.done": "{when} I will post the {what} in this channel (subscription {id}).",
    "subscribe.member": "Quotabot must be a member of this channel to post here.",
    "subscribe.stop": "Type `unsubscribe {id}` to stop it.",
    "subscribe.what": "leaderboard of {metric}",
    "subscribe.what.team": "leaderboard of {metric} of {team}",
    "subscribe.not_here": (
        "Scheduled posts go to a Slack or Teams channel: type this in the channel that "
        "should get them."
    ),
    "subscribe.contest": (
        "A contest's posts come with the contest: type `contest new ... post weekdays 09:00` "
        "here, and its start, standings and winners are posted to this channel."
    ),
    "subscribe.unknown_kind": (
        "I can post `leaderboard`, `report` and `celebrations`; `{word}` is not one of them."
    ),
    "subscribe.bad_frequency": (
        "`{word}` is not how often: say `daily`, `weekdays`, or `weekly` and a day "
        "(`weekly mon 09:00`)."
    ),
    "subscribe.bad_day": (
        "`{word}` is not a day of the week; use mon, tue, wed, thu, fri, sat or sun."
    ),
    "subscribe.bad_time": "`{word}` is not a time of day; write it as `09:00`.",
    "subscribe.quiet": (
        "{time} is in quiet hours: scheduled posts go out only between {start} and {end}. "
        "Pick a time in between."
    ),
    "subscribe.exists": "This channel gets that post already (subscription {id}).",
    "when.daily": "Every day at {time} ({zone})",
    "when.weekdays": "Every weekday at {time} ({zone})",
    "when.weekly": "Every {day} at {time} ({zone})",
    "when.cron": "On the schedule `{cron}` ({zone})",
    "subscriptions.title": "Scheduled posts in this channel",
    "subscriptions.none": (
        "This channel gets no scheduled posts. Try `subscribe leaderboard weekdays 09:00`."
    ),
    "subscriptions.line": "*{id}.* The {what}. {when}; next on {next}.",
    "subscriptions.stop": "Type `unsubscribe NUMBER` to stop one.",
    "unsubscribe.title": "Unsubscribed",
    "unsubscribe.done": "Subscription {id} is stopped: no more {what} here.",
    "unsubscribe.unknown": (
        "This channel has no subscription {id}; `subscriptions` lists the ones it has."
    ),
    # -- scheduled posts: the daily leaderboard --
    "post.leaderboard.title": "Daily leaderboard · {metric} · {period}",
    "post.leaderboard.movers": "*Biggest movers since yesterday*",
    "post.leaderboard.up": "▲ {name} up {places}",
    "post.leaderboard.down": "▼ {name} down {places}",
    "post.leaderboard.no_movers": "Nobody changed places since yesterday.",
    "post.as_of": "Figures as of the latest CRM update, {day} at {time} ({zone}).",
    "post.as_of.none": "No deals have been imported yet.",
    # -- scheduled posts: celebrations of deals won --
    "post.celebration.title.one": "🎉 A deal won",
    "post.celebration.title.other": "🎉 {count} deals won",
    "post.celebration.line": "*{name}* won {deal}: *{amount}*",
    "post.celebration.deal_of": "{deal} ({account})",
    "post.celebration.more": "… and {count} more. Congratulations!",
    # -- the daily digest of scheduled posts that did not go out (to admins) --
    "digest.title": "Scheduled posts that did not go out",
    "digest.intro.one": "{count} scheduled post of the past day could not be delivered:",
    "digest.intro.other": "{count} scheduled posts of the past day could not be delivered:",
    "digest.line": "`{job}` to {where}, due {day} at {time} (`--slot {slot}`): {reason}",
    "digest.more": "… and {count} more.",
    "digest.what_to_do": (
        "Each reference is in the server's log with the whole error. Once the cause is "
        "fixed (Quotabot removed from a channel, a revoked token, a platform not set up), "
        "post one again with `quotabot jobs run NAME --slot TIME`."
    ),
    "digest.state.failed": "failed",
    "digest.state.pending": "never finished: the server stopped",
    "digest.state.sending": "never finished: the server stopped",
    "digest.state.skipped": "not sent",
    "subscribe.celebrations.done": (
        "I will celebrate every deal won in this channel as soon as it is imported "
        "(subscription {id}), between 07:00 and 20:00 ({zone})."
    ),
    "subscribe.what.celebrations": "celebrations of deals won",
    "when.as_won": "As deals are won ({zone})",
    "subscriptions.line.as_won": "*{id}.* The {what}. {when}.",
    # -- /report and the scheduled report --
    "usage.report": "report [period] [team]",
    "help.report": (
        "the period's report: who hit and missed target, wins, losses, slipped deals, "
        "forecast and trend (managers)"
    ),
    "report.title": "Report · {whose} · {period}",
    "report.headline": (
        "*{won}* won of {quota} (*{attainment}*): {deals}, a win rate of {win_rate}."
    ),
    "report.deals_won.one": "{count} deal won",
    "report.deals_won.other": "{count} deals won",
    "report.trend": (
        "Against {previous}: {change} on {won}, attainment {attainment}, deals won {deals}."
    ),
    "report.to_date": "{period} to the same day",
    "report.points": "{sign}{value} pts",
    "report.deal": "{owner}, {deal}: {amount}",
    "report.more": "… and {count} more",
    "report.none": "none",
    "report.teams": "By team",
    "report.team.line": "{team}: {won} of {quota} ({attainment})",
    "report.hit": "Hit target",
    "report.hit.line": "{name}: {attainment}",
    "report.hit.none": "nobody yet",
    "report.wins": "Biggest wins",
    "report.improved": "Most improved on the previous period",
    "report.improved.line": "{name}: {before} → {after} ({points})",
    "report.win_rate": (
        "*Best win rate*: {names}, {rate} (of those with {minimum} or more deals closed)."
    ),
    "report.missed": "Missed target",
    "report.short": "Short of target so far",
    "report.missed.line": "{name}: {short} short ({attainment})",
    "report.lost.title": "Lost",
    "report.lost": "*Lost*: {deals} for {amount}, by the stage they were lost from:",
    "report.lost.stage": "{stage}: {deals}, {amount}",
    "report.stage_unknown": "stage not recorded",
    "report.lost.biggest": "The biggest: {deal}.",
    "report.slipped.title": "Slipped",
    "report.slipped": "*Slipped*: {deals} for {amount} due in {period} did not close:",
    "report.slipped.line": "{deal}, due {day}",
    "report.forecast": (
        "*Forecast*: commit {commit}, best case {best}, weighted projection {weighted}, "
        "against {won} won and a quota of {quota}."
    ),
    "report.pdf.title": "Performance report",
    "report.pdf.cover": "{whose} · {period}",
    "report.pdf.span": "{start} to {end}, figures to {day}; compared with {previous}.",
    "report.pdf.won": "Won revenue",
    "report.pdf.attainment": "Attainment",
    "report.pdf.quota": "Quota",
    "report.pdf.deals_won": "Deals won",
    "report.pdf.deals_lost": "Deals lost",
    "report.pdf.win_rate": "Win rate",
    "report.pdf.average_deal": "Average deal",
    "report.pdf.then": "{value} in {period}",
    "report.pdf.summary": (
        "{hit} of {people} hit target. Lost: {lost} for {lost_amount}. "
        "Slipped: {slipped} for {slipped_amount}."
    ),
    "report.pdf.page": "Page {page} of {pages}",
    "report.pdf.attainment_by_rep": "Attainment by rep",
    "report.pdf.attainment_note": (
        "Won revenue against quota. Orange: at or above quota; the dashed line is the quota."
    ),
    "report.pdf.quota_line": "Quota",
    "report.pdf.successes": "Successes",
    "report.pdf.failures": "Failures",
    "report.pdf.rep": "Rep",
    "report.pdf.value": "Now",
    "report.pdf.then.head": "Before",
    "report.pdf.change": "Change",
    "report.pdf.best_win_rate": "Best win rate",
    "report.pdf.win_rate_line": "{name}: {rate} ({won} won of {closed} closed)",
    "report.pdf.win_rate_none": "Nobody closed {minimum} or more deals.",
    "report.pdf.short": "Short by",
    "report.pdf.slipped": "Slipped deals: {amount}",
    "report.pdf.deal": "Deal",
    "report.pdf.amount": "Amount",
    "report.pdf.due": "Was due",
    "report.pdf.lost": "Lost, by the stage they were lost from: {amount}",
    "report.pdf.forecast": "Forecast against actual",
    "report.pdf.actual": "Won",
    "report.pdf.commit": "Won + commit",
    "report.pdf.best_case": "+ best case",
    "report.pdf.weighted": "Weighted projection",
    "report.pdf.forecast_note": (
        "The forecast of the open deals as the CRM data stands on {day}: Quotabot keeps no "
        "history of forecasts."
    ),
    "report.pdf.trend": "Trend against {previous}",
    "report.pdf.figures": "Figures",
    "report.pdf.won_by_rep": "Won revenue by rep",
    "subscribe.what.report": "performance report",
    "subscribe.what.report.team": "performance report of {team}",
    # -- buttons --
    "button.this_quarter": "This quarter",
    "button.last_quarter": "Last quarter",
    "button.pipeline": "Show my pipeline",
    "button.pipeline.theirs": "Show the pipeline",
    "button.post": "Post to channel",
    # -- errors --
    "error.not_allowed.title": "Not yours to see",
    "error.not_allowed": (
        "Sorry, the figures of {name} are only for them, their managers and admins. "
        "Try `myquota` for your own, or `leaderboard` for everyone's ranking."
    ),
    "error.needs_manager": "Sorry, this command is for managers. Try `help` for yours.",
    "error.needs_admin": "Sorry, this command is for Quotabot admins. Try `help` for yours.",
    "error.bad_input.title": "I didn't get that",
    "error.period": "I don't know the period `{value}`.",
    "error.period.forms": (
        "Try `2026-Q4`, `2026-11`, `2026-W48`, `2026`, `2026-11-30`, `today`, "
        "`this-quarter`, `last-quarter`, `this-month` or a range such as "
        "`2026-10-01..2026-11-15`."
    ),
    "error.unknown_name": "I can't find a team or person called “{value}”.",
    "error.did_you_mean": "Did you mean {names}?",
    "error.valid_names": "The teams are:",
    "error.name": "I couldn't work out who you meant:",
    "error.unexpected.title": "Sorry, something went wrong",
    "error.unexpected": "I couldn't answer that because of a problem on my side "
    "(reference `{reference}`).",
    "error.unexpected.next": (
        "Please try again in a minute; if it happens again, send the reference to your "
        "Quotabot admin."
    ),
    "teams.answered_privately": "I answered you in our personal chat.",
    "teams.cannot_answer_privately": (
        "I can't write to you privately yet: open a chat with Quotabot and ask there."
    ),
    # -- /contest --
    "usage.contest": (
        "contest [NUMBER] | contest new NAME PERIOD [metric] [team|individual] "
        "[percent|value] [teams A,B|reps EMAIL,EMAIL] [post daily|weekdays|weekly DAY HH:MM] "
        "[prize TEXT] | contest remove NUMBER"
    ),
    "help.contest": "the contests running and coming and where you stand; managers create them",
    "contest.title": "Contests",
    "contest.none": "No contest is running or coming. Managers start one with `contest new`.",
    "contest.heading.running": "*{name}* (contest {id}) · running until {end}",
    "contest.heading.upcoming": "*{name}* (contest {id}) · starts on {start}",
    "contest.more": "Type `contest NUMBER` for a contest's standings.",
    "contest.standing.you": "You are *{rank}* of {count}, with {value}.",
    "contest.standing.you.out": "You are not taking part in this one.",
    "contest.standing.you.no_target": (
        "You take part, but have no target for these days yet, so you are not ranked."
    ),
    "contest.standing.team": "Your team is *{rank}* of {count}, with {value}.",
    "contest.standing.team.out": "Your team is not taking part in this one.",
    "contest.standing.team.no_target": (
        "Your team takes part, but has no target for these days yet, so it is not ranked."
    ),
    "contest.what.individual.percent": (
        "Reps compete on {metric}, as a percent of their own target."
    ),
    "contest.what.individual.value": "Reps compete on {metric}.",
    "contest.what.team.percent": "Teams compete on {metric}, as a percent of their own target.",
    "contest.what.team.value": "Teams compete on {metric}.",
    "contest.when": "From {start} to {end}, both included.",
    "contest.who.all_reps": "Every rep takes part.",
    "contest.who.all_teams": "Every team takes part.",
    "contest.who": "Taking part: {names}.",
    "contest.prize": "Prize: {prize}",
    "contest.ends": "The contest ends on {day}.",
    "contest.unknown": "There is no contest {id}; `contest` lists those running and coming.",
    "contest.bad_quotes": "A quote is not closed: put a name of several words in quotes.",
    "contest.no_period": (
        "Say when the contest runs: a period such as `2026-12` or a range such as "
        "`2026-12-01..2026-12-14`."
    ),
    "contest.created.title": "Contest created",
    "contest.created": "*{name}* is contest {id}.",
    "contest.created.posts": (
        "I will announce it here when it starts, post the standings on the schedule you "
        "gave, and name the winners when it ends."
    ),
    "contest.created.remove": "Type `contest remove {id}` to call it off.",
    "contest.removed.title": "Contest removed",
    "contest.removed": "*{name}* (contest {id}) is removed, with its posts.",
    "contest.problem.no_name": "Give the contest a name.",
    "contest.problem.name_taken": "There is a contest called {name} already; choose another name.",
    "contest.problem.ends_before_start": "It ends ({end}) before it starts ({start}).",
    "contest.problem.percent_not_for": (
        "{metric} can only be ranked by value, not by percent of target; percent works "
        "for: {allowed}."
    ),
    "contest.problem.money_hidden": (
        "Leaderboards of {metric} show no money here (privacy percent): rank this contest "
        "by percent."
    ),
    "contest.problem.prize_too_long": "The prize is {length} characters long; keep it to {most}.",
    "contest.problem.unknown_team": "There is no team called {value}.",
    "contest.problem.parent_team": (
        "{team} has teams below it: a team contest ranks the teams with none below them; "
        "name those."
    ),
    "contest.problem.team_not_rep": "A team contest is between teams: name teams, not {value}.",
    "contest.problem.unknown_rep": "There is no rep called {value}; give their email.",
    "contest.problem.ambiguous_rep": "Several reps are called {value}; give their email.",
    "contest.problem.channel": "The posts cannot be scheduled: {problem}.",
    "subscribe.what.contest": "posts of contest {id}",
    # -- scheduled posts: contests --
    "contest.post.start": "The contest starts: {name}",
    "contest.post.good_luck": "Good luck, everyone!",
    "contest.post.standings": "Contest standings · {name}",
    "contest.post.winners": "Contest winners · {name}",
    "contest.post.congratulations": "Congratulations to *{names}*!",
    "contest.post.no_winner": "Nobody is ranked: no one had a result and a target.",
    # -- points and badges --
    "points.title.own": "Your points",
    "points.title": "Points of {name}",
    "points.balance.one": "*{count}* point in all.",
    "points.balance.other": "*{count}* points in all.",
    "points.count.one": "{count} point",
    "points.count.other": "{count} points",
    "points.latest": "*Latest*",
    "points.none": "No points yet: they come with deals won, logged activity and badges.",
    "points.per_person": "Points and badges are per person: name a rep rather than a team.",
    "points.line": "{day} · {what}: {amount}",
    "points.taken_back": "{what}, taken back",
    "points.for_win": "deal won, {deal}",
    "points.for_band": "deal size, {deal}",
    "points.for_activity": "{kind} × {count}",
    "points.for_kudos": "kudos from {giver} for {deal}",
    "points.for_badge": "badge {badge}",
    "badges.title.own": "Your badges",
    "badges.title": "Badges of {name}",
    "badges.none": "No badges yet: a first win, a hat trick or a streak will bring one.",
    "badges.count.one": "{count} badge.",
    "badges.count.other": "{count} badges.",
    "badges.line": "🏅 {badge} · {day}",
    "badge.with_period": "{name} ({period})",
    "badge.days.one": "{count} day",
    "badge.days.other": "{count} days",
    "badge.first_win": "First win",
    "badge.hat_trick": "Hat trick",
    "badge.big_deal": "Big deal",
    "badge.quota_100": "Quota crusher 100%",
    "badge.quota_150": "Quota crusher 150%",
    "badge.win_streak": "Win streak",
    "badge.activity_streak": "Activity streak",
    "badge.onboarding_meeting": "First meeting",
    "badge.onboarding_pipeline": "First pipeline deal",
    "badge.onboarding_win": "First win as a new hire",
    "post.badges.title.one": "🏅 {count} new badge",
    "post.badges.title.other": "🏅 {count} new badges",
    "post.badges.line": "*{name}*: {badge} ({day})",
    "post.badges.more": "… and {count} more.",
}
