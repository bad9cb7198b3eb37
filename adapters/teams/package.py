"""The Teams app package: manifest.json and the two icons, zipped flat as Teams wants.

The manifest follows schema 1.17. It declares the bot (its Microsoft app id) for
personal chats, teams and group chats, and lists the registry's commands with their
help texts, so that Teams suggests them as people type; Teams shows at most ten
commands per list. The icons are drawn here: a 192 x 192 colour icon, and a 32 x 32
outline, white on transparent.
"""

from __future__ import annotations

import io
import json
import logging
import re
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from PIL import Image, ImageDraw

from bot.catalogue import Texts
from bot.registry import Command, Registry

logger = logging.getLogger(__name__)

MANIFEST_VERSION = "1.17"
SCHEMA = (
    f"https://developer.microsoft.com/json-schemas/teams/v{MANIFEST_VERSION}/"
    "MicrosoftTeams.schema.json"
)
COLOR_ICON, OUTLINE_ICON = "color.png", "outline.png"
COLOR_SIZE, OUTLINE_SIZE = 192, 32
ACCENT = "#1F5FAD"
GUID = re.compile(r"^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$")
COMMANDS_PER_LIST = 10
COMMAND_TITLE, COMMAND_DESCRIPTION = 32, 128
DEVELOPER_NAME, URL_LENGTH = 32, 2048  # the longest the manifest schema takes
# Commands whose answers are one person's own: offered in personal chats only.
PERSONAL_ONLY = frozenset({"myquota", "earnings", "whoami"})

SHORT_DESCRIPTION = "Quotas, pace and leaderboards for your sales team, where you chat."
FULL_DESCRIPTION = (
    "Quotabot tells each rep where they stand against quota the moment they ask: "
    "attainment, pace, the gap to close and the projected finish. Managers see their "
    "team's scorecard and who is at risk; channels get leaderboards with charts. Type "
    "a command such as myquota or leaderboard in a chat with Quotabot, or mention "
    "Quotabot in a channel."
)


class PackageError(ValueError):
    """The package cannot be built with these settings; the message says why."""


@dataclass(frozen=True, slots=True)
class AppDetails:
    app_id: str
    version: str
    developer: str
    website: str  # https
    privacy: str
    terms: str
    domain: str | None = None  # the server's host, where chart images come from


def manifest(details: AppDetails, registry: Registry, texts: Texts) -> dict[str, Any]:
    """The manifest.json of the app; PackageError when the app id is not a GUID."""
    if not GUID.match(details.app_id):
        raise PackageError(
            f"the app id must be the bot's Microsoft app id, a GUID such as "
            f"00000000-0000-0000-0000-000000000000, not {details.app_id!r}"
        )
    developer = details.developer.strip()
    if not 1 <= len(developer) <= DEVELOPER_NAME:
        raise PackageError(
            f"the developer name must be 1 to {DEVELOPER_NAME} characters, not {developer!r}"
            f" ({len(developer)})"
        )
    for name, url in (
        ("website", details.website),
        ("privacy", details.privacy),
        ("terms", details.terms),
    ):
        if not url.startswith("https://"):
            raise PackageError(f"the {name} URL must start with https://, not {url!r}")
        if len(url) > URL_LENGTH:
            raise PackageError(
                f"the {name} URL must be at most {URL_LENGTH} characters, not {len(url)}"
            )

    commands = list(registry.commands.values())
    team_commands = [command for command in commands if command.name not in PERSONAL_ONLY]
    result: dict[str, Any] = {
        "$schema": SCHEMA,
        "manifestVersion": MANIFEST_VERSION,
        "version": details.version,
        "id": details.app_id,
        "developer": {
            "name": developer,
            "websiteUrl": details.website,
            "privacyUrl": details.privacy,
            "termsOfUseUrl": details.terms,
        },
        "name": {"short": "Quotabot", "full": "Quotabot: sales performance management"},
        "description": {"short": SHORT_DESCRIPTION, "full": FULL_DESCRIPTION},
        "icons": {"color": COLOR_ICON, "outline": OUTLINE_ICON},
        "accentColor": ACCENT,
        "bots": [
            {
                "botId": details.app_id,
                "scopes": ["personal", "team", "groupChat"],
                "isNotificationOnly": False,
                "supportsFiles": False,
                "commandLists": [
                    {"scopes": ["personal"], "commands": _commands(commands, texts)},
                    {
                        "scopes": ["team", "groupChat"],
                        "commands": _commands(team_commands, texts),
                    },
                ],
            }
        ],
        "permissions": ["identity", "messageTeamMembers"],
        "validDomains": [details.domain] if details.domain else [],
    }
    return result


def _commands(commands: Iterable[Command], texts: Texts) -> list[dict[str, str]]:
    listed = [
        {
            "title": command.name[:COMMAND_TITLE],
            "description": _clip(texts(command.help_key), COMMAND_DESCRIPTION),
        }
        for command in commands
    ]
    if len(listed) > COMMANDS_PER_LIST:
        left_out = [command["title"] for command in listed[COMMANDS_PER_LIST:]]
        logger.info("Teams lists ten commands; not suggested: %s", ", ".join(left_out))
    return listed[:COMMANDS_PER_LIST]


def _clip(text: str, limit: int) -> str:
    plain = text.replace("`", "").replace("*", "").strip()
    return plain if len(plain) <= limit else plain[: limit - 1].rstrip() + "…"


def color_icon(size: int = COLOR_SIZE) -> bytes:
    """The full-colour icon: white rising bars on the accent colour, edge to edge."""
    image = Image.new("RGBA", (size, size), ACCENT)
    _bars(ImageDraw.Draw(image), size, "white")
    return _png(image)


def outline_icon(size: int = OUTLINE_SIZE) -> bytes:
    """The outline icon: the same bars, white on a transparent background."""
    image = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    _bars(ImageDraw.Draw(image), size, (255, 255, 255, 255))
    return _png(image)


def _bars(draw: ImageDraw.ImageDraw, size: int, fill: Any) -> None:
    # Three bars rising left to right, inside a margin Teams leaves for the corners.
    margin = size * 0.2
    width = (size - 2 * margin) / 5
    bottom = size - margin
    for index, height in enumerate((0.35, 0.6, 0.9)):
        left = margin + index * 2 * width
        top = bottom - height * (size - 2 * margin)
        draw.rectangle((round(left), round(top), round(left + width), round(bottom)), fill=fill)


def _png(image: Image.Image) -> bytes:
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def package(details: AppDetails, registry: Registry, texts: Texts) -> bytes:
    """The zip Teams takes: manifest.json and the two icons at its root."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        document = json.dumps(manifest(details, registry, texts), indent=2, ensure_ascii=False)
        archive.writestr("manifest.json", document)
        archive.writestr(COLOR_ICON, color_icon())
        archive.writestr(OUTLINE_ICON, outline_icon())
    return out.getvalue()
