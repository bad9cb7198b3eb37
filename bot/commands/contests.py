"""`/contest`: the contests running and coming, with the asker's standing; managers
create and remove them.

    contest                          what runs now and what is coming, and where you stand
    contest NUMBER                   one contest's standings
    contest new NAME PERIOD [METRIC] [team|individual] [percent|value]
                [teams A,B | reps EMAIL,EMAIL] [post daily|weekdays|weekly DAY HH:MM]
                [prize TEXT...]
    contest remove NUMBER

NAME is one word, or several in quotes. PERIOD is any period name or range
(`2026-12`, `2026-12-01..2026-12-14`): the contest runs from its first local midnight
to the one after its last day, on the company's calendar. `post` sends the start,
the standings on that schedule and the winners to the channel it is typed in. The
prize is the rest of the line.
"""

from __future__ import annotations

import shlex

from bot.boards import board_value, chart_board, view_lines, viewer_of
from bot.catalogue import Texts
from bot.charts import chart_rows, leaderboard_chart
from bot.commands.images import drawn
from bot.commands.subscriptions import bad_input, schedule_of, timezone_of
from bot.contest_posts import contest_view, describe
from bot.people import Level
from bot.registry import (
    METRIC_WORDS,
    ArgKind,
    Args,
    ChatContext,
    Command,
    UsageError,
    looks_like_period,
)
from bot.reply import Reply, bullets
from core.contests import (
    Channel,
    ContestError,
    ContestInfo,
    NewContest,
    Phase,
    Problem,
    add_contest,
    find_contest,
    remove_contest,
    running,
    standings,
)
from core.models import ContestKind, ContestRanking
from core.privacy import TOP
from core.results import Metric
from core.subscriptions import PLATFORMS

NEW = frozenset({"new", "nuova"})
REMOVE = frozenset({"remove", "rimuovi"})
KINDS = {
    **dict.fromkeys(("team", "teams-contest", "squadre"), ContestKind.TEAM),
    **dict.fromkeys(("individual", "individuale"), ContestKind.INDIVIDUAL),
}
RANKINGS = {
    **dict.fromkeys(("percent", "percentuale"), ContestRanking.PERCENT),
    **dict.fromkeys(("value", "valore"), ContestRanking.VALUE),
}
TEAMS, REPS = frozenset({"teams", "team-list"}), frozenset({"reps", "venditori"})
POST, PRIZE = frozenset({"post", "pubblica"}), frozenset({"prize", "premio"})
QUOTES = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'"})


async def contest(context: ChatContext, args: Args) -> Reply:
    words = list(args.words)
    first = words[0].casefold() if words else ""
    if first in NEW | REMOVE and context.asker.level < Level.MANAGER:
        texts = context.texts
        return Reply(
            title=texts("error.not_allowed.title"), paragraphs=(texts("error.needs_manager"),)
        )
    if first in NEW:
        return _new(context, words[1:])
    if first in REMOVE:
        return _remove(context, words[1:])
    if len(words) == 1 and words[0].lstrip("#").isdigit():
        return await _one(context, int(words[0].lstrip("#")), public=args.public)
    if words:
        raise UsageError(words[0])
    return _current(context, public=args.public)


def _current(context: ChatContext, *, public: bool) -> Reply:
    texts = context.texts
    found = running(context.session, context.settings, context.now)
    if not found:
        return Reply(title=texts("contest.title"), paragraphs=(texts("contest.none"),))
    paragraphs = []
    for info in found:
        phase = info.phase(context.calendar, context.now)
        heading = texts(
            f"contest.heading.{phase.value}", name=info.name, id=info.id,
            start=texts.day(info.start), end=texts.day(info.end),
        )  # fmt: skip
        lines = [heading, bullets(describe(info, texts))]
        if phase is Phase.RUNNING and not public:  # one's own standing is one's own
            lines.append(_standing(context, info))
        paragraphs.append("\n".join(lines))
    paragraphs.append(texts("contest.more"))
    return Reply(title=texts("contest.title"), paragraphs=tuple(paragraphs))


def _standing(context: ChatContext, info: ContestInfo) -> str:
    """Where the asker (or their team, in a team contest) stands right now."""
    texts = context.texts
    ranked = standings(context.session, context.settings, info, context.now)
    mine = context.asker.team_id if info.kind is ContestKind.TEAM else context.asker.rep_id
    row = next((row for row in ranked.board.rows if row.subject.id == mine), None)
    who = "team" if info.kind is ContestKind.TEAM else "you"
    if row is None:
        return texts(f"contest.standing.{who}.out")
    if row.rank is None:
        return texts(f"contest.standing.{who}.no_target")
    count = sum(1 for other in ranked.board.rows if other.rank is not None)
    return texts(
        f"contest.standing.{who}", rank=row.rank, count=count,
        value=board_value(ranked.board, row.value, texts),
    )  # fmt: skip


async def _one(context: ChatContext, number: int, *, public: bool) -> Reply:
    texts = context.texts
    info = find_contest(context.session, number)
    if info is None:
        return bad_input(texts, texts("contest.unknown", id=number))
    ranked = standings(context.session, context.settings, info, context.now)
    viewer = viewer_of(context.asker, public=public)
    view = contest_view(context.session, context.settings, ranked, viewer)
    shown = chart_rows(chart_board(view, texts), TOP, viewer.rep_id)
    images = await drawn(
        context, leaderboard_chart, shown, str(texts.locale), highlight=viewer.rep_id,
        top=TOP, currency=texts.currency,
    )  # fmt: skip
    return Reply(
        title=texts("contest.post.standings", name=info.name),
        paragraphs=(*view_lines(view, texts), bullets(describe(info, texts))),
        images=images,
    )


def _new(context: ChatContext, words: list[str]) -> Reply:
    texts = context.texts
    try:
        tokens = shlex.split(" ".join(words).translate(QUOTES))
    except ValueError:
        return bad_input(texts, texts("contest.bad_quotes"), f"`{texts('usage.contest')}`")
    if not tokens:
        raise UsageError(None)
    name, rest = tokens[0], tokens[1:]

    period = None
    metric, kind, ranking = Metric.WON_REVENUE, ContestKind.INDIVIDUAL, None
    teams: tuple[str, ...] = ()
    reps: tuple[str, ...] = ()
    channel: Channel | None = None
    prize = ""
    while rest:
        word = rest.pop(0)
        folded = word.casefold()
        if folded in PRIZE:
            prize, rest = " ".join(rest), []
        elif folded in POST:
            if context.platform not in PLATFORMS or not context.channel:
                return bad_input(texts, texts("subscribe.not_here"))
            cron = schedule_of(texts, rest)
            if isinstance(cron, Reply):
                return cron
            channel = Channel(
                context.platform, context.workspace, context.channel, cron, timezone_of(context)
            )
        elif folded in TEAMS | REPS and rest:
            names = tuple(name.strip() for name in rest.pop(0).split(",") if name.strip())
            teams, reps = (names, reps) if folded in TEAMS else (teams, names)
        elif folded in KINDS:
            kind = KINDS[folded]
        elif folded in RANKINGS:
            ranking = RANKINGS[folded]
        elif folded in METRIC_WORDS:
            metric = METRIC_WORDS[folded]
        elif period is None and looks_like_period(word):
            period = context.calendar.parse(word, context.now)  # PeriodError names it
        else:
            return bad_input(
                texts, texts("usage.unexpected", word=word), f"`{texts('usage.contest')}`"
            )
    if period is None:
        return bad_input(texts, texts("contest.no_period"), f"`{texts('usage.contest')}`")

    new = NewContest(
        name=name, start=period.start, end=period.end, created_by=context.asker.email,
        metric=metric, kind=kind, ranking=ranking, prize=prize, teams=teams, reps=reps,
        channel=channel,
    )  # fmt: skip
    try:
        stored = add_contest(context.session, context.settings, new, context.now)
    except ContestError as error:
        return bad_input(texts, bullets([problem_text(texts, p) for p in error.problems]))
    info = find_contest(context.session, stored.id or 0)
    assert info is not None
    paragraphs = [texts("contest.created", name=info.name, id=info.id), *describe(info, texts)]
    if channel is not None:
        paragraphs.append(texts("contest.created.posts"))
    paragraphs.append(texts("contest.created.remove", id=info.id))
    return Reply(title=texts("contest.created.title"), paragraphs=tuple(paragraphs))


def problem_text(texts: Texts, problem: Problem) -> str:
    return texts(f"contest.problem.{problem.code}", **dict(problem.values))


def _remove(context: ChatContext, words: list[str]) -> Reply:
    texts = context.texts
    if len(words) != 1 or not words[0].lstrip("#").isdigit():
        raise UsageError(words[0] if words else None)
    number = int(words[0].lstrip("#"))
    removed = remove_contest(context.session, number)
    if removed is None:
        return bad_input(texts, texts("contest.unknown", id=number))
    return Reply(
        title=texts("contest.removed.title"),
        paragraphs=(texts("contest.removed", name=removed.name, id=number),),
    )


COMMANDS = [
    Command("contest", contest, frozenset({ArgKind.WORDS}), Level.REP, aliases=("gara",)),
]
