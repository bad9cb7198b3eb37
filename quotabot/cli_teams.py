"""`quotabot teams-package`: the Teams app package, to upload into Microsoft Teams."""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from urllib.parse import urlsplit

import click

from adapters.teams.package import AppDetails, PackageError, package
from bot.catalogue import Texts
from bot.commands import build_registry
from quotabot.context import AppContext


def _version() -> str:
    try:
        return version("quotabot")
    except PackageNotFoundError:  # run from a checkout that was never installed
        return "0.1.0"


@click.command("teams-package")
@click.option(
    "--out",
    type=click.Path(path_type=Path, dir_okay=False),
    default=Path("quotabot-teams.zip"),
    show_default=True,
    help="Where to write the zip.",
)
@click.option(
    "--app-id",
    envvar="MICROSOFT_APP_ID",
    metavar="GUID",
    help="The bot's Microsoft app id [env: MICROSOFT_APP_ID].",
)
@click.option("--developer", default="Quotabot", show_default=True, help="Who publishes it.")
@click.option(
    "--website",
    envvar="QUOTABOT_PUBLIC_URL",
    metavar="URL",
    help="The app's https web page [default: QUOTABOT_PUBLIC_URL].",
)
@click.option("--privacy", metavar="URL", help="The privacy statement [default: --website].")
@click.option("--terms", metavar="URL", help="The terms of use [default: --website].")
@click.pass_obj
def teams_package(
    app: AppContext,
    out: Path,
    app_id: str | None,
    developer: str,
    website: str | None,
    privacy: str | None,
    terms: str | None,
) -> None:
    """Build the Teams app package (manifest.json and icons) to upload into Teams."""
    if not app_id:
        raise click.ClickException(
            "give the bot's Microsoft app id with --app-id or MICROSOFT_APP_ID "
            "(Azure portal > your Azure Bot > Configuration)"
        )
    if not website:
        raise click.ClickException(
            "give an https web page for the app with --website, or set QUOTABOT_PUBLIC_URL"
        )
    details = AppDetails(
        app_id=app_id.strip(),
        version=_version(),
        developer=developer,
        website=website,
        privacy=privacy or website,
        terms=terms or website,
        domain=urlsplit(website).hostname,
    )
    try:
        zipped = package(details, build_registry(), Texts("en", app.settings.currency))
    except PackageError as error:
        raise click.ClickException(str(error)) from None
    out.write_bytes(zipped)
    click.echo(
        f"Wrote {out}. Upload it in Teams (Apps > Manage your apps > Upload an app) "
        "or in the Teams admin center (Teams apps > Manage apps > Upload new app)."
    )


COMMANDS = [teams_package]
