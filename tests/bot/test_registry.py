"""Parsing command lines: arguments by kind in any order, `public`, and usage on mistakes."""

import asyncio

import pytest
from sqlmodel import Session

from bot.people import Level
from bot.registry import ArgKind, Args, ChatContext, Command, Registry, UsageError, parse
from bot.reply import Reply, Visibility
from core.periods import FiscalCalendar, PeriodError
from core.results import Metric
from tests.bot.company import NOW, Q4, ask, build

CALENDAR = FiscalCalendar()
ALL = frozenset({ArgKind.PERIOD, ArgKind.METRIC, ArgKind.NAME})


@pytest.mark.parametrize(
    "line",
    ["win_rate 2026-Q4 North", "North win_rate 2026-Q4", "2026-Q4 North win-rate"],
)
def test_arguments_are_recognised_by_kind_in_any_order(line: str) -> None:
    args = parse(line.split(), ALL, CALENDAR, NOW)

    assert (args.metric, args.period, args.name) == (Metric.WIN_RATE, Q4, "North")
    assert not args.public


def test_a_name_of_several_words_and_public_at_the_end() -> None:
    args = parse(["Ada", "Lovelace", "last-quarter", "public"], ALL, CALENDAR, NOW)

    assert args.name == "Ada Lovelace"
    assert args.period is not None
    assert args.period.label == "2026-Q3"
    assert args.public


def test_nothing_given_is_nothing_chosen() -> None:
    assert parse([], ALL, CALENDAR, NOW) == Args()


@pytest.mark.parametrize(
    ("line", "grammar", "word"),
    [
        ("2026-Q4 2026-Q3", ALL, "2026-Q3"),
        ("win_rate deals", ALL, "deals"),
        ("North", frozenset({ArgKind.PERIOD}), "North"),
    ],
)
def test_words_that_do_not_fit_are_usage_errors(
    line: str, grammar: frozenset[ArgKind], word: str
) -> None:
    with pytest.raises(UsageError) as raised:
        parse(line.split(), grammar, CALENDAR, NOW)

    assert raised.value.word == word


def test_a_word_that_looks_like_a_period_must_be_one() -> None:
    with pytest.raises(PeriodError):
        parse(["2026-Q5"], ALL, CALENDAR, NOW)


def test_the_line_of_a_button_asks_the_same_with_another_period() -> None:
    args = parse(["attainment", "2026-Q4", "North"], ALL, CALENDAR, NOW)

    assert args.line("leaderboard", period="last-quarter") == (
        "leaderboard attainment last-quarter North"
    )
    assert args.line("leaderboard", public=True) == "leaderboard attainment 2026-Q4 North public"


def echo(context: ChatContext, args: Args) -> Reply:
    return Reply(title=f"{args.metric} {args.period and args.period.label} {args.name}")


def echo_registry() -> Registry:
    registry = Registry()
    registry.add(Command("echo", echo, ALL, Level.REP, aliases=("e",)))
    registry.add(Command("boss", echo, frozenset(), Level.MANAGER))
    return registry


def test_dispatch_runs_sync_handlers_by_name_alias_and_umbrella(session: Session) -> None:
    people = build(session)
    registry = echo_registry()

    replies = [
        ask(session, people.ada, line, registry=registry)
        for line in ("echo win_rate 2026-Q4 North", "/e North 2026-Q4 win_rate",
                     "/quotabot echo 2026-Q4 win_rate North")
    ]  # fmt: skip

    assert {reply.title for reply in replies} == {"win_rate 2026-Q4 North"}


def test_public_replies_go_to_the_channel(session: Session) -> None:
    people = build(session)

    private = ask(session, people.ada, "echo North", registry=echo_registry())
    public = ask(session, people.ada, "echo North public", registry=echo_registry())

    assert private.visibility is Visibility.ONLY_ASKER
    assert public.visibility is Visibility.CHANNEL


def test_an_unknown_argument_gets_the_usage(session: Session) -> None:
    people = build(session)

    reply = ask(session, people.ada, "whoami everyone")

    assert reply.title == "How to use whoami"
    assert "I did not understand `everyone` there." in reply.paragraphs
    assert "`whoami`" in reply.paragraphs


def test_an_unknown_command_lists_the_commands_the_asker_can_use(session: Session) -> None:
    people = build(session)

    reply = ask(session, people.ada, "/quotabot dance")

    assert reply.title == "Unknown command"
    assert "`dance`" in reply.paragraphs[0]
    assert "`myquota`" in reply.paragraphs[1]
    assert "`team`" not in reply.paragraphs[1]  # a manager's command


def test_a_command_above_the_askers_level_is_refused(session: Session) -> None:
    people = build(session)

    reply = ask(session, people.ada, "boss", registry=echo_registry())

    assert reply.title == "Not yours to see"
    assert "for managers" in reply.paragraphs[0]


def test_async_handlers_are_awaited(session: Session) -> None:
    people = build(session)
    registry = Registry()

    async def later(context: ChatContext, args: Args) -> Reply:
        await asyncio.sleep(0)
        return Reply(title="later")

    registry.add(Command("later", later))

    assert ask(session, people.ada, "later", registry=registry).title == "later"
