"""The demo company's policy: the quotabot.toml that `quotabot demo` writes beside its data.

It gives every rep a compensation plan, so that `earnings` and the earnings line of
`myquota` have something to show when the demo is explored in `quotabot chat`, and a
ramp, so that the new hire's quota grows month by month (`myquota`, `ramp`).
"""

from __future__ import annotations

from pathlib import Path

from core.config import Settings, load_settings

POLICY_FILE = "quotabot.toml"

POLICY = """\
# The demo company's policy. Explore the demo with it:
#   quotabot --database sqlite:///quotabot-demo/demo.db \\
#            --config quotabot-demo/quotabot.toml chat --as ava.thompson@demo.quotabot.dev
currency = "USD"

# New hires ramp up: a quarter of their quota in their first month from the hire date,
# half in the second, three quarters in the third, then all of it.
[ramp]
months = [0.25, 0.5, 0.75]

[earnings.plans.AE]
base_rate = 0.08
tiers = [                       # marginal: each rate pays only the revenue inside its tier
  { from = 0,   multiplier = 0.5, name = "decelerator" },  # 0-50% of quota at 4%
  { from = 0.5, multiplier = 1 },                          # 50-100% at 8%
  { from = 1,   rate = 0.12, name = "accelerator" },       # above 100% at 12%
]
spiffs = [{ product = "Analytics", amount = 250 }]
ramp = { months = 3, draw = 3000 }

[[earnings.assignments]]
plan = "AE"
team = "Americas"
from = 2025-01-01

[[earnings.assignments]]
plan = "AE"
team = "EMEA"
from = 2025-01-01

# Points for wins and activity, badges that bring points, and kudos for a 🎉.
[points]
won_deal = 10
bands = [{ from = 25000, points = 10 }, { from = 60000, points = 25 }]
activities = { call = { points = 1, daily_cap = 10 }, meeting = { points = 3, daily_cap = 9 } }

[badges]
big_deal = 60000
streak_days = [5, 20]
points = { hat_trick = 15, quota_100 = 50, quota_150 = 100, big_deal = 20 }

# The winners of deals of $50,000 or more are asked how they won them.
[stories]
min_amount = 50000
"""


def write_policy(folder: Path) -> Settings:
    """Write the demo's quotabot.toml into `folder` and read it back as the file is read."""
    path = folder / POLICY_FILE
    path.write_text(POLICY, encoding="utf-8")
    return load_settings(path)
