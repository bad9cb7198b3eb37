"""`quotabot subscriptions add|list|remove`: the posts that go out on a schedule."""

from __future__ import annotations

import click
from rich.table import Table

from core.models import Subscription, SubscriptionKind
from core.org import Org
from core.results import Metric
from core.subscriptions import (
    DEFAULT_PERIOD,
    REPORT_PERIOD,
    NewSubscription,
    SubscriptionError,
    add_subscription,
    default_period,
    remove_subscription,
    subscriptions,
)
from quotabot import output
from quotabot.cli_reports import console
from quotabot.context import AppContext

CREATED_BY_CLI = "cli"


@click.group("subscriptions")
def subscriptions_group() -> None:
    """Scheduled posts: a leaderboard to a channel every weekday at nine, and so on."""


@subscriptions_group.command("add")
@click.option("--platform", required=True, metavar="slack|teams", help="Where to post.")
@click.option(
    "--workspace",
    default="",
    metavar="ID",
    help="The Slack team or Teams tenant id [default: the one the bot's token is for].",
)
@click.option(
    "--target", required=True, metavar="CHANNEL_OR_PERSON", help="A channel or a person's id."
)
@click.option(
    "--kind",
    default="leaderboard",
    show_default=True,
    metavar="KIND",
    help="leaderboard, report, celebrations or contest.",
)
@click.option(
    "--cron",
    default="",
    metavar='"0 9 * * 1-5"',
    help="Crontab's five fields (none for celebrations, posted as deals are won).",
)
@click.option(
    "--timezone",
    metavar="ZONE",
    help="IANA time zone of the schedule [default: the company calendar's].",
)
@click.option("--metric", default=Metric.WON_REVENUE.value, show_default=True)
@click.option(
    "--period",
    metavar="PERIOD",
    help=f"What the post covers [default: {REPORT_PERIOD} for a report, else {DEFAULT_PERIOD}].",
)
@click.option("--team", metavar="NAME", help="Only this team [default: everyone].")
@click.pass_obj
def add(
    app: AppContext,
    platform: str,
    workspace: str,
    target: str,
    kind: str,
    cron: str,
    timezone: str | None,
    metric: str,
    period: str | None,
    team: str | None,
) -> None:
    """Post KIND to a channel or person on a schedule."""
    new = NewSubscription(
        platform=platform.strip().lower(),
        workspace=workspace.strip(),
        target=target.strip(),
        kind=kind.strip().lower(),
        cron=cron,
        timezone=(timezone or app.settings.calendar.timezone).strip(),
        created_by=CREATED_BY_CLI,
        metric=metric.strip().lower(),
        period=(period or default_period(kind.strip().lower())).strip(),
        team=team,
    )
    with app.session() as session:
        try:
            subscription = add_subscription(session, app.settings, new, app.now)
        except SubscriptionError as error:
            raise click.ClickException(f"cannot add the subscription: {error}") from None
        team_name = Org.load(session).team_name(subscription.team_id)
    click.echo(
        f"Added subscription {subscription.id}: {describe(subscription, team_name)}. "
        "A running `quotabot serve` picks it up within a minute."
    )


@subscriptions_group.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print machine-readable JSON.")
@click.pass_obj
def list_(app: AppContext, as_json: bool) -> None:
    """Every subscription, oldest first."""
    with app.session() as session:
        found = subscriptions(session)
        org = Org.load(session)
    teams = {item.id: org.team_name(item.team_id) for item in found}
    if as_json:
        click.echo(output.dumps([as_dict(item, teams[item.id]) for item in found]))
        return
    if not found:
        click.echo("No subscriptions yet; add one with `quotabot subscriptions add`.")
        return
    table = Table(title="Subscriptions", title_justify="left")
    for name in ("#", "Platform", "Workspace", "Target", "Kind", "Cron", "Time zone"):
        table.add_column(name)
    for name in ("Metric", "Period", "Team", "By"):
        table.add_column(name)
    for item in found:
        table.add_row(
            str(item.id), item.platform, item.workspace, item.target, item.kind, item.cron,
            item.timezone, item.metric, item.period, teams[item.id] or "everyone",
            item.created_by,
        )  # fmt: skip
    console().print(table)


@subscriptions_group.command("remove")
@click.argument("subscription_id", metavar="ID", type=int)
@click.pass_obj
def remove(app: AppContext, subscription_id: int) -> None:
    """Stop one subscription's posts (its number is in `quotabot subscriptions list`)."""
    with app.session() as session:
        removed = remove_subscription(session, subscription_id)
    if removed is None:
        raise click.ClickException(
            f"there is no subscription number {subscription_id}; "
            "`quotabot subscriptions list` shows them"
        )
    click.echo(f"Removed subscription {subscription_id}: {describe(removed, None)}.")


def describe(subscription: Subscription, team: str | None) -> str:
    where = subscription.target
    if subscription.workspace:
        where = f"{subscription.workspace}/{where}"
    scope = f" of {team}" if team else ""
    if not subscription.cron:
        what = f"{subscription.kind}{scope} to {subscription.platform} {where}"
        return f"{what}, as deals are won (quiet hours of {subscription.timezone})"
    # A report covers every metric: only a leaderboard names the one it ranks on.
    what = f"{subscription.period}{scope}"
    if subscription.kind != SubscriptionKind.REPORT:
        what = f"{subscription.metric}, {what}"
    return (
        f"{subscription.kind} ({what}) to "
        f'{subscription.platform} {where} at "{subscription.cron}" {subscription.timezone}'
    )


def as_dict(subscription: Subscription, team: str | None) -> dict[str, object]:
    return {
        "id": subscription.id,
        "platform": subscription.platform,
        "workspace": subscription.workspace,
        "target": subscription.target,
        "kind": subscription.kind,
        "cron": subscription.cron,
        "timezone": subscription.timezone,
        "metric": subscription.metric,
        "period": subscription.period,
        "team": team,
        "created_by": subscription.created_by,
        "created_at": subscription.created_at.isoformat(),
    }


COMMANDS = [subscriptions_group]
