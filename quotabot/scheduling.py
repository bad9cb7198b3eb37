"""The scheduled posts of `quotabot serve`, and of `quotabot jobs`: runner and senders.

Each platform whose settings are present gets a sender; a subscription to a platform
without one is skipped with that reason, recorded on its delivery.
"""

from __future__ import annotations

from aiohttp import web

from adapters.slack.delivery import Delivery
from adapters.slack.scheduled import SlackSender
from quotabot.context import AppContext
from scheduler.delivery import Sender
from scheduler.housekeeping import Housekeeping
from scheduler.personal import PersonalRunner
from scheduler.runner import Runner
from scheduler.service import ScheduledPosts

SCHEDULED_POSTS = web.AppKey("scheduled_posts", ScheduledPosts)


def runner_for(context: AppContext, slack: Delivery | None, teams: Sender | None = None) -> Runner:
    senders: dict[str, Sender] = {}
    if slack is not None:
        senders["slack"] = SlackSender(slack)
    if teams is not None:
        senders["teams"] = teams
    return Runner(open_session=context.session, settings=context.settings, senders=senders)


def attach_scheduled_posts(
    server: web.Application, context: AppContext, slack: Delivery, teams: Sender | None = None
) -> ScheduledPosts:
    """Run the scheduler while `server` runs, on its event loop, with its housekeeping."""
    runner = runner_for(context, slack, teams)
    personal = PersonalRunner(context.session, context.settings, runner.senders)
    posts = ScheduledPosts(runner, context.session, housekeeping=Housekeeping(personal))

    async def start(_server: web.Application) -> None:
        posts.start()

    async def stop(_server: web.Application) -> None:
        posts.shutdown()

    server.on_startup.append(start)
    server.on_shutdown.append(stop)  # before the connections to Slack close
    server[SCHEDULED_POSTS] = posts
    return posts
