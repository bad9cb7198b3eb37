"""The App Home tab: the rep's own dashboard, published each time they open it.

It shows the answer to `/myquota` (attainment, pace, what is left, the chart and the
buttons), refreshed whenever the person opens the tab; a "last quarter" button there
changes the dashboard itself. Someone not linked to a rep sees how to get linked.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from slack_bolt.async_app import AsyncAck, AsyncApp

from adapters.slack.delivery import Where

if TYPE_CHECKING:
    from adapters.slack.app import SlackBot

logger = logging.getLogger(__name__)

DASHBOARD = "myquota"


def register_home(app: AsyncApp, bot: SlackBot) -> None:
    async def on_home_opened(event: dict[str, Any], body: dict[str, Any]) -> None:
        if event.get("tab", "home") != "home":
            return  # the Messages tab: nothing to publish
        workspace = body.get("team_id", "")
        await bot.answer(DASHBOARD, workspace, Where(user_id=event["user"], home=True))

    app.event("app_home_opened")(ack=_acknowledge, lazy=[on_home_opened])


async def _acknowledge(ack: AsyncAck) -> None:
    await ack()
