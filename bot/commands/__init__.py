"""The bot's commands, one module per family, gathered into the registry every adapter uses."""

from __future__ import annotations

from bot.commands import (
    account,
    coach,
    contests,
    earnings,
    leaderboard,
    nudges,
    pipeline,
    quota,
    ramp,
    report,
    rewards,
    stories,
    subscriptions,
    team,
)
from bot.registry import Registry

FAMILIES = (
    quota,
    leaderboard,
    pipeline,
    team,
    report,
    earnings,
    rewards,
    stories,
    coach,
    ramp,
    contests,
    account,
    subscriptions,
    nudges,
)


def build_registry() -> Registry:
    registry = Registry()
    for family in FAMILIES:
        for command in family.COMMANDS:
            registry.add(command)
    return registry
