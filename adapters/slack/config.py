"""Slack's settings, read from the environment and checked all at once at start-up.

Every problem is reported together, each with the variable's name and what it is for,
so that an operator fixes them in one go. The values themselves are secrets: they are
never shown in a message or a log, and never in the settings' repr.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from urllib.parse import urlsplit

BOT_TOKEN = "SLACK_BOT_TOKEN"
SIGNING_SECRET = "SLACK_SIGNING_SECRET"
APP_TOKEN = "SLACK_APP_TOKEN"
API_URL = "SLACK_API_URL"
SLACK_API = "https://slack.com/api/"

WHAT = {
    BOT_TOKEN: (
        "the bot token (xoxb-...) with which Quotabot calls Slack; "
        "Slack app settings > OAuth & Permissions"
    ),
    SIGNING_SECRET: (
        "the signing secret that proves a request comes from Slack; "
        "Slack app settings > Basic Information > App Credentials "
        f"(not needed with Socket Mode, that is with {APP_TOKEN} set)"
    ),
    APP_TOKEN: (
        "the app-level token (xapp-...) for Socket Mode, with the connections:write "
        "scope; Slack app settings > Basic Information > App-Level Tokens"
    ),
    API_URL: "the base URL of the Slack Web API, such as https://slack.com/api/",
}


class SlackConfigError(Exception):
    """Slack cannot be reached with these settings; the message lists every problem."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        lines = "\n".join(f"  - {problem}" for problem in problems)
        super().__init__(f"Slack is not configured:\n{lines}")


@dataclass(frozen=True)
class SlackConfig:
    bot_token: str = field(repr=False)
    signing_secret: str | None = field(default=None, repr=False)
    app_token: str | None = field(default=None, repr=False)
    api_url: str = SLACK_API

    @property
    def socket_mode(self) -> bool:
        """Slack's requests arrive over a websocket instead of at /slack/events."""
        return self.app_token is not None


def slack_config(environ: Mapping[str, str]) -> SlackConfig:
    """The settings in `environ`, or a SlackConfigError naming every problem."""
    bot_token = environ.get(BOT_TOKEN, "").strip() or None
    signing_secret = environ.get(SIGNING_SECRET, "").strip() or None
    app_token = environ.get(APP_TOKEN, "").strip() or None
    api_url = environ.get(API_URL, "").strip() or SLACK_API

    problems: list[str] = []
    if bot_token is None:
        problems.append(f"{BOT_TOKEN} is not set: {WHAT[BOT_TOKEN]}")
    elif not bot_token.startswith("xoxb-"):
        problems.append(f"{BOT_TOKEN} does not start with xoxb-: {WHAT[BOT_TOKEN]}")
    if app_token is None and signing_secret is None:
        problems.append(f"{SIGNING_SECRET} is not set: {WHAT[SIGNING_SECRET]}")
    if app_token is not None and not app_token.startswith("xapp-"):
        problems.append(f"{APP_TOKEN} does not start with xapp-: {WHAT[APP_TOKEN]}")
    parts = urlsplit(api_url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        problems.append(f"{API_URL} is not an http(s) URL: {WHAT[API_URL]}")
    if problems:
        raise SlackConfigError(problems)

    assert bot_token is not None
    return SlackConfig(
        bot_token=bot_token,
        signing_secret=signing_secret,
        app_token=app_token,
        api_url=api_url if api_url.endswith("/") else api_url + "/",
    )
