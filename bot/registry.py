"""The command registry: one set of commands for Slack, Teams and the console.

An adapter turns what a person typed (or the value of a button they pressed) into a
line such as "leaderboard win_rate 2026-Q4 East public", finds the `Asker`, and calls
`Registry.dispatch`; it gets a `Reply` back, always, and renders it.

Arguments are recognised by their kind, not their place: a word that looks like a
period is parsed as one, a metric's name is a metric, the word "public" at the end
shares the reply with the channel, and the remaining words are one team or rep name.
So `/leaderboard win_rate 2026-Q4 East` and `/leaderboard East` both work.

Handlers are async at the edge, but their database queries are the plain synchronous
calls of core: the Slack and Teams adapters therefore run `dispatch` in a worker thread
with a session of its own (and an event loop of its own), so that the server's loop
stays free to acknowledge other requests; charts are drawn in processes of their own.
"""

from __future__ import annotations

import inspect
import logging
import re
from collections.abc import Awaitable, Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import datetime
from enum import StrEnum

from sqlmodel import Session

from bot.catalogue import Texts
from bot.errors import guarded
from bot.people import Asker, Level
from bot.reply import Reply, Visibility
from core.config import Settings
from core.periods import FiscalCalendar, Period
from core.results import Metric

logger = logging.getLogger(__name__)

UMBRELLA = "quotabot"  # "/quotabot help" is "help": one slash command can carry them all
PUBLIC_WORDS = frozenset({"public", "pubblico"})
DEFAULT_PERIOD = "this-quarter"
# Words that can only be meant as a period: a date-like start, a range, this-/last-.
_PERIOD_LIKE = re.compile(r"^\d|\.\.|^(this|last)-|^(today|yesterday)$", re.IGNORECASE)
METRIC_WORDS: dict[str, Metric] = {
    **{metric.value: metric for metric in Metric},
    **{metric.value.replace("_", "-"): metric for metric in Metric},
    **{metric.value.replace("_", ""): metric for metric in Metric},
    "revenue": Metric.WON_REVENUE,
    "won": Metric.WON_REVENUE,
    "deals": Metric.DEALS_WON,
    "fatturato": Metric.WON_REVENUE,
    "raggiungimento": Metric.ATTAINMENT,
    "attività": Metric.ACTIVITIES,
    "improved": Metric.MOST_IMPROVED,
    "miglioramento": Metric.MOST_IMPROVED,
    "punti": Metric.POINTS,
}


class ArgKind(StrEnum):
    PERIOD = "period"
    METRIC = "metric"
    NAME = "name"  # a team or a rep
    WORDS = "words"  # the words as typed, for commands with a grammar of their own


class UsageError(ValueError):
    """Arguments that do not fit the command's grammar."""

    def __init__(self, word: str | None = None) -> None:
        self.word = word  # None: something is missing rather than in the way
        super().__init__(f"unexpected {word!r}" if word else "missing arguments")


@dataclass(frozen=True, slots=True)
class Args:
    period: Period | None = None
    period_text: str | None = None  # as typed, to rebuild the command for a button
    metric: Metric | None = None
    name: str | None = None
    words: tuple[str, ...] = ()
    public: bool = False

    def line(self, command: str, *, period: str | None = None, public: bool = False) -> str:
        """The command line that asks this again, with another period or made public."""
        parts = [command]
        if self.metric is not None:
            parts.append(self.metric.value)
        chosen = period or self.period_text
        if chosen:
            parts.append(chosen)
        if self.name:
            parts.append(self.name)
        parts.extend(self.words)
        if public:
            parts.append("public")
        return " ".join(parts)


@dataclass(frozen=True)
class ChatContext:
    """What a handler needs: the database, the policy, the moment and who is asking."""

    session: Session
    settings: Settings
    now: datetime
    asker: Asker
    texts: Texts
    platform: str = "console"
    workspace: str = ""
    channel: str = ""  # where the command was typed, when the platform says
    charts: bool = True  # False draws no images (previews of text, quick tests)
    registry: Registry | None = None  # the registry that dispatched: help lists it

    @property
    def calendar(self) -> FiscalCalendar:
        return FiscalCalendar(self.settings.calendar)

    def period(self, args: Args) -> Period:
        return args.period or self.calendar.parse(DEFAULT_PERIOD, self.now)


@contextmanager
def context_alone(
    open_session: Callable[[], Session],
    settings: Settings,
    now: datetime,
    asker: Asker,
    texts: Texts,
    *,
    platform: str,
    workspace: str,
    channel: str = "",
) -> Iterator[ChatContext]:
    """A context on a session of its own, closed after: what an adapter's worker thread
    answers in, so that no two requests share a session."""
    with open_session() as session:
        yield ChatContext(
            session=session,
            settings=settings,
            now=now,
            asker=asker,
            texts=texts,
            platform=platform,
            workspace=workspace,
            channel=channel,
        )


Handler = Callable[[ChatContext, Args], Reply | Awaitable[Reply]]


@dataclass(frozen=True)
class Command:
    """A command; its help and usage texts are the catalogue's `help.NAME`, `usage.NAME`."""

    name: str
    handler: Handler
    grammar: frozenset[ArgKind] = frozenset()
    permission: Level = Level.REP
    aliases: tuple[str, ...] = ()

    @property
    def help_key(self) -> str:
        return f"help.{self.name}"

    @property
    def usage_key(self) -> str:
        return f"usage.{self.name}"


@dataclass
class Registry:
    commands: dict[str, Command] = field(default_factory=dict)
    _names: dict[str, str] = field(default_factory=dict)

    def add(self, command: Command) -> None:
        for name in (command.name, *command.aliases):
            if name in self._names:
                raise ValueError(f"command name {name!r} is taken")
            self._names[name] = command.name
        self.commands[command.name] = command

    def find(self, name: str) -> Command | None:
        found = self._names.get(name.lstrip("/").casefold())
        return self.commands[found] if found else None

    def visible_to(self, asker: Asker) -> list[Command]:
        return [command for command in self.commands.values() if asker.level >= command.permission]

    async def dispatch(self, line: str, context: ChatContext) -> Reply:
        """The reply to one command line; never raises."""
        texts = context.texts
        words = line.split()
        if words and words[0].lstrip("/").casefold() == UMBRELLA:
            words = words[1:]
        if not words:
            words = ["help"]
        command = self.find(words[0])
        if command is None:
            logger.debug("unknown command %r", words[0])
            return self.unknown(words[0], context)
        if context.asker.level < command.permission:
            return Reply(
                title=texts("error.not_allowed.title"),
                paragraphs=(texts(f"error.needs_{command.permission.name.lower()}"),),
            )
        context = replace(context, registry=self)

        async def run() -> Reply:
            try:
                args = parse(words[1:], command.grammar, context.calendar, context.now)
                answer = command.handler(context, args)
                reply = await answer if inspect.isawaitable(answer) else answer
            except UsageError as error:
                return usage(command, texts, error.word)
            return reply.shown_to(Visibility.CHANNEL) if args.public else reply

        logger.debug("%s asks %r", context.asker.email, line)
        return await guarded(texts, run, what=command.name)

    def unknown(self, word: str, context: ChatContext) -> Reply:
        texts = context.texts
        names = ", ".join(f"`{command.name}`" for command in self.visible_to(context.asker))
        return Reply(
            title=texts("usage.unknown_command.title"),
            paragraphs=(
                texts("usage.unknown_command", word=word),
                texts("usage.commands", names=names),
            ),
        )


def not_linked(texts: Texts) -> Reply:
    """The answer to someone whose chat account is tied to no rep yet."""
    return Reply(
        title=texts("not_linked.title"),
        paragraphs=(texts("not_linked"), texts("not_linked.how")),
    )


def usage(command: Command, texts: Texts, word: str | None = None) -> Reply:
    """How to use a command, after the word that did not fit, if any."""
    paragraphs = [texts("usage.unexpected", word=word)] if word else []
    paragraphs += [f"`{texts(command.usage_key)}`", texts(command.help_key)]
    return Reply(title=texts("usage.title", command=command.name), paragraphs=tuple(paragraphs))


def looks_like_period(word: str) -> bool:
    """A word that can only be meant as a period (it may still not be a valid one)."""
    return _PERIOD_LIKE.search(word) is not None


def parse(
    words: Iterable[str], grammar: frozenset[ArgKind], calendar: FiscalCalendar, now: datetime
) -> Args:
    """Sort the words by kind; a word that fits no kind of the grammar is a UsageError."""
    words = list(words)
    public = bool(words) and words[-1].casefold() in PUBLIC_WORDS
    if public:
        words = words[:-1]
    if ArgKind.WORDS in grammar:
        return Args(words=tuple(words), public=public)

    period: Period | None = None
    period_text: str | None = None
    metric: Metric | None = None
    name: list[str] = []
    for word in words:
        folded = word.casefold()
        if ArgKind.PERIOD in grammar and _PERIOD_LIKE.search(word):
            if period is not None:
                raise UsageError(word)
            period, period_text = calendar.parse(word, now), word  # PeriodError names it
        elif ArgKind.METRIC in grammar and folded in METRIC_WORDS:
            if metric is not None:
                raise UsageError(word)
            metric = METRIC_WORDS[folded]
        elif ArgKind.NAME in grammar:
            name.append(word)
        else:
            raise UsageError(word)
    return Args(period, period_text, metric, " ".join(name) or None, (), public)
