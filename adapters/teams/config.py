"""Teams' settings, read from the environment and checked all at once at start-up.

With no app id the adapter runs unauthenticated, for the Bot Framework Emulator on a
developer's machine: anyone who can reach /api/messages could then speak for anyone,
so it answers only activities whose service URL is on this machine, and the server
says so loudly at start-up. The secrets are never shown in a message, a log or a repr.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Mapping
from dataclasses import dataclass, field
from urllib.parse import urlsplit

APP_ID = "MICROSOFT_APP_ID"
APP_PASSWORD = "MICROSOFT_APP_PASSWORD"
APP_TENANT_ID = "MICROSOFT_APP_TENANT_ID"
APP_TYPE = "MICROSOFT_APP_TYPE"
PUBLIC_URL = "QUOTABOT_PUBLIC_URL"
CHART_SECRET = "QUOTABOT_CHART_SECRET"
OPENID_METADATA_URL = "MICROSOFT_OPENID_METADATA_URL"

APP_TYPES = {"multitenant": "MultiTenant", "singletenant": "SingleTenant"}

WHAT = {
    APP_ID: "the bot's Microsoft app id, from its Azure Bot registration",
    APP_PASSWORD: "the client secret of that app registration",
    APP_TENANT_ID: "the Microsoft Entra tenant of a single-tenant app registration",
    APP_TYPE: "MultiTenant (the default) or SingleTenant",
    PUBLIC_URL: "the https address at which Teams reaches this server, such as "
    "https://quotabot.example.com/",
    OPENID_METADATA_URL: "where the keys that sign Bot Framework tokens are published; "
    "Microsoft's own unless set",
}


class TeamsConfigError(Exception):
    """Teams cannot be served with these settings; the message lists every problem."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        lines = "\n".join(f"  - {problem}" for problem in problems)
        super().__init__(f"Teams is not configured:\n{lines}")


@dataclass(frozen=True)
class TeamsConfig:
    app_id: str | None = None
    app_password: str | None = field(default=None, repr=False)
    tenant_id: str | None = None
    app_type: str = "MultiTenant"
    public_url: str | None = None  # ends with "/"
    chart_key: bytes = field(default=b"", repr=False)
    openid_metadata_url: str | None = None

    @property
    def authenticated(self) -> bool:
        """Requests must carry a Bot Framework token; without an app id, none is checked."""
        return self.app_id is not None


def teams_config(environ: Mapping[str, str]) -> TeamsConfig:
    """The settings in `environ`, or a TeamsConfigError naming every problem."""
    app_id = environ.get(APP_ID, "").strip() or None
    password = environ.get(APP_PASSWORD, "").strip() or None
    tenant = environ.get(APP_TENANT_ID, "").strip() or None
    app_type = environ.get(APP_TYPE, "").strip() or "MultiTenant"
    public_url = environ.get(PUBLIC_URL, "").strip() or None
    chart_secret = environ.get(CHART_SECRET, "").strip() or None
    metadata_url = environ.get(OPENID_METADATA_URL, "").strip() or None

    problems: list[str] = []
    if app_id is not None and password is None:
        problems.append(f"{APP_PASSWORD} is not set: {WHAT[APP_PASSWORD]}")
    if app_type.casefold() not in APP_TYPES:
        problems.append(f"{APP_TYPE} is {app_type!r}: {WHAT[APP_TYPE]}")
    elif APP_TYPES[app_type.casefold()] == "SingleTenant" and tenant is None:
        problems.append(f"{APP_TENANT_ID} is not set: {WHAT[APP_TENANT_ID]}")
    for name, url in ((PUBLIC_URL, public_url), (OPENID_METADATA_URL, metadata_url)):
        parts = urlsplit(url or "")
        if url is not None and (parts.scheme not in ("http", "https") or not parts.netloc):
            problems.append(f"{name} is not an http(s) URL: {WHAT[name]}")
    if problems:
        raise TeamsConfigError(problems)

    return TeamsConfig(
        app_id=app_id,
        app_password=password,
        tenant_id=tenant,
        app_type=APP_TYPES[app_type.casefold()],
        public_url=None if public_url is None else public_url.rstrip("/") + "/",
        chart_key=chart_key(chart_secret, password),
        openid_metadata_url=metadata_url,
    )


def chart_key(secret: str | None, app_password: str | None) -> bytes:
    """The key that signs chart image URLs: the chart secret, else one derived from the
    app password, else a random one (the URLs then last only as long as this process)."""
    if secret:
        return hashlib.sha256(secret.encode()).digest()
    if app_password:
        return hmac.new(app_password.encode(), b"quotabot chart images", hashlib.sha256).digest()
    return secrets.token_bytes(32)
