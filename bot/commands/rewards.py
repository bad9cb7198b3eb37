"""`/points [name]` and `/badges [name]`: a rep's points, what earned them, and badges.

Both are personal details: a rep sees their own, a manager those of the people who
report to them, an admin everyone's (bot.people).
"""

from __future__ import annotations

from decimal import Decimal

from bot.catalogue import Texts
from bot.people import resolve
from bot.registry import ArgKind, Args, ChatContext, Command
from bot.reply import Reply, bullets
from core.org import Org
from core.results import SubjectKind
from core.standing import BadgeHeld, Cause, PointsLine, badges_held, points_statement

GRAMMAR = frozenset({ArgKind.NAME})


def _whose(context: ChatContext, args: Args) -> tuple[int, str | None] | Reply:
    """The rep asked about and their name (None: the asker), or the reply that says why not."""
    if args.name is None:
        return context.asker.rep_id, None
    org = Org.load(context.session)
    scope = resolve(org, context.asker, args.name.lstrip("@"))
    if scope.kind is not SubjectKind.REP or scope.id is None:
        texts = context.texts
        return Reply(texts("error.bad_input.title"), (texts("points.per_person"),))
    if scope.id == context.asker.rep_id:
        return scope.id, None
    return scope.id, org.reps[scope.id].name


def points(context: ChatContext, args: Args) -> Reply:
    texts = context.texts
    whose = _whose(context, args)
    if isinstance(whose, Reply):
        return whose
    rep_id, name = whose
    statement = points_statement(context.session, rep_id)
    title = texts("points.title", name=name) if name else texts("points.title.own")
    paragraphs = [texts.plural("points.balance", statement.balance)]
    if statement.latest:
        paragraphs.append(texts("points.latest"))
        paragraphs.append(bullets([points_line(texts, line) for line in statement.latest]))
    else:
        paragraphs.append(texts("points.none"))
    return Reply(title=title, paragraphs=tuple(paragraphs), summary=paragraphs[0])


def badges(context: ChatContext, args: Args) -> Reply:
    texts = context.texts
    whose = _whose(context, args)
    if isinstance(whose, Reply):
        return whose
    rep_id, name = whose
    held = badges_held(context.session, rep_id)
    title = texts("badges.title", name=name) if name else texts("badges.title.own")
    if not held:
        return Reply(title=title, paragraphs=(texts("badges.none"),))
    summary = texts.plural("badges.count", len(held))
    lines = [badge_line(texts, badge) for badge in held]
    return Reply(title=title, paragraphs=(summary, bullets(lines)), summary=summary)


def badge_name(texts: Texts, badge: str, period: str | None) -> str:
    name = texts(f"badge.{badge}")
    if period is None:
        return name
    if badge.endswith("_streak"):
        return texts(
            "badge.with_period", name=name, period=texts.plural("badge.days", int(period))
        )
    return texts("badge.with_period", name=name, period=period)


def badge_line(texts: Texts, badge: BadgeHeld) -> str:
    line = texts(
        "badges.line", badge=badge_name(texts, badge.badge, badge.period), day=texts.day(badge.day)
    )
    if badge.points:
        line += " · " + texts.plural("points.count", badge.points)
    return line


def points_line(texts: Texts, line: PointsLine) -> str:
    what = _what(texts, line)
    if line.reversal:
        what = texts("points.taken_back", what=what)
    amount = texts.number(abs(line.amount))
    signed = f"+{amount}" if line.amount >= 0 else f"−{amount}"
    return texts("points.line", day=texts.day(line.day), what=what, amount=signed)


def _what(texts: Texts, line: PointsLine) -> str:
    cause: Cause = line.cause
    deal = cause.deal or texts("deal.unnamed")
    if line.kind == "badge":
        badge, _, period = line.code.partition(":")
        return texts("points.for_badge", badge=badge_name(texts, badge, period or None))
    if line.code == "activity":
        kind = (cause.activity_kind or "").replace("_", " ")
        count = texts.number(Decimal(cause.activity_count or 0))
        return texts("points.for_activity", count=count, kind=kind)
    if line.code == "kudos":
        return texts("points.for_kudos", giver=cause.giver or "?", deal=deal)
    if line.code == "amount_band":
        return texts("points.for_band", deal=deal)
    return texts("points.for_win", deal=deal)


COMMANDS = [
    Command("points", points, GRAMMAR, aliases=("punti",)),
    Command("badges", badges, GRAMMAR, aliases=("badge", "medaglie")),
]
