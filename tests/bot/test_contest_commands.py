"""`/contest` in chat: managers create and remove contests, everyone sees where they stand."""

from __future__ import annotations

from datetime import date

from sqlmodel import Session

from core.contests import contests
from core.models import Rep
from core.subscriptions import subscriptions
from tests.bot.company import Q4, People, ask, build, text
from tests.scheduler.test_chat_subscriptions import CHANNEL, ask_in

NEW = 'contest new "November push" 2026-11-16..2026-12-15 prize "Dinner for two"'


def with_new_hire(session: Session) -> tuple[People, Rep]:
    """Nia joined North on November 2 with a ramped quota of $6,000 for Q4, and won
    $4,500 on November 20: 75%. Bea's $36,000 of $40,000 is 90%, but only $0 of it
    falls in the contest; Ada's $30,000 of $60,000 closed in October."""
    people = build(session)
    nia = people.company.rep("Nia Newhire", people.north, people.mona, hired=date(2026, 11, 2))
    people.company.quota(nia, Q4, 6_000)
    people.company.deal(nia, "won", 4_500, date(2026, 11, 20))
    session.commit()
    return people, nia


def test_a_manager_creates_a_contest_from_chat(session: Session) -> None:
    people, _ = with_new_hire(session)

    reply = ask(session, people.mona, NEW)

    assert reply.title == "Contest created"
    assert reply.paragraphs[:3] == (
        "*November push* is contest 1.",
        "Reps compete on won revenue, as a percent of their own target.",
        "From Nov 16, 2026 to Dec 15, 2026, both included.",
    )
    assert "Prize: Dinner for two" in reply.paragraphs
    [stored] = contests(session)
    assert (stored.start, stored.end, stored.prize) == (
        date(2026, 11, 16), date(2026, 12, 15), "Dinner for two",
    )  # fmt: skip


def test_a_rep_may_not_create_one(session: Session) -> None:
    people = build(session)

    reply = ask(session, people.ada, NEW)

    assert reply.paragraphs == ("Sorry, this command is for managers. Try `help` for yours.",)
    assert contests(session) == []


def test_contest_shows_what_runs_and_where_the_asker_stands(session: Session) -> None:
    people, nia = with_new_hire(session)
    ask(session, people.mona, NEW)
    ask(session, people.mona, "contest new Later 2027-01 deals_won")

    hers = ask(session, nia, "contest")
    carls = ask(session, people.carl, "contest")
    shared = ask(session, people.carl, "contest public")

    assert "*November push* (contest 1) · running until Dec 15, 2026" in hers.paragraphs[0]
    assert "You are *1* of 4, with 225%." in hers.paragraphs[0]
    assert "You are *2* of 4, with 60%." in carls.paragraphs[0]
    # The contest to come is described, with no standing yet.
    assert hers.paragraphs[1].startswith("*Later* (contest 2) · starts on Jan 1, 2027")
    assert "You are" not in hers.paragraphs[1]
    # Shared with the channel, the list tells nobody's standing.
    assert "You are" not in text(shared)


def test_the_new_hire_tops_the_standings_on_percent_of_her_ramped_target(
    session: Session,
) -> None:
    people, _ = with_new_hire(session)
    ask(session, people.mona, NEW)

    reply = ask(session, people.carl, "contest 1")

    # Nov 16 to Dec 15 holds 22 of Q4's 66 business days, a third of each target:
    # Nia 2,000 (4,500 won: 225%), Carl 16,666.67 (10,000: 60%), Bea 13,333.33 (0%),
    # Ada 20,000 (0%).
    assert reply.paragraphs[0].split("\n") == [
        "`  1.` Nia Newhire · 225%",
        "`  2.` *Carl Weber* (you) · 60%",
        "`  3.` Ada Lovelace · 0%",
        "`  3.` Bea Rossi · 0%",
    ]


def test_bad_input_names_the_bad_value(session: Session) -> None:
    people = build(session)

    no_period = ask(session, people.mona, "contest new Sprint")
    odd_word = ask(session, people.mona, "contest new Sprint 2026-12 sideways")
    problems = ask(session, people.mona, "contest new Sprint 2026-12 win_rate percent teams Nope")
    open_quote = ask(session, people.mona, 'contest new "Sprint 2026-12')
    unknown = ask(session, people.mona, "contest 9")

    assert "Say when the contest runs" in no_period.paragraphs[0]
    assert odd_word.paragraphs[0] == "I did not understand `sideways` there."
    assert problems.paragraphs[0] == (
        "• win_rate can only be ranked by value, not by percent of target; percent works "
        "for: activities, deals_won, won_revenue.\n"
        "• There is no team called Nope."
    )
    assert "A quote is not closed" in open_quote.paragraphs[0]
    assert unknown.paragraphs[0] == (
        "There is no contest 9; `contest` lists those running and coming."
    )
    assert contests(session) == []


def test_posts_need_a_channel(session: Session) -> None:
    people = build(session)

    reply = ask(session, people.mona, "contest new Sprint 2026-12 post weekdays 09:00")

    assert "type this in the channel that should get them" in text(reply)
    assert contests(session) == []


def test_a_contest_made_in_a_channel_posts_there(session: Session) -> None:
    people = build(session)

    reply = ask_in(session, people.mona, "contest new Sprint 2026-12 post weekly mon 10:00")

    assert "I will announce it here when it starts" in text(reply)
    [subscription] = subscriptions(session)
    assert (subscription.kind, subscription.target, subscription.cron) == (
        "contest", CHANNEL, "0 10 * * 1",
    )  # fmt: skip
    listed = ask_in(session, people.mona, "subscriptions")
    assert "The posts of contest 1." in listed.paragraphs[0]


def test_a_manager_removes_a_contest(session: Session) -> None:
    people = build(session)
    ask(session, people.mona, "contest new Sprint 2026-12")

    removed = ask(session, people.mona, "contest remove 1")
    again = ask(session, people.mona, "contest remove 1")

    assert removed.paragraphs[0] == "*Sprint* (contest 1) is removed, with its posts."
    assert "There is no contest 1" in again.paragraphs[0]
    assert ask(session, people.ada, "contest").paragraphs[0].startswith("No contest is running")


def test_contests_read_in_italian(session: Session) -> None:
    people, _ = with_new_hire(session)
    ask(session, people.mona, NEW)

    reply = ask(session, people.carl, "gara", locale="it")

    assert reply.title == "Gare"
    assert "*November push* (gara 1) · in corso fino al 15 dic 2026" in reply.paragraphs[0]
    assert "Sei *2°* su 4, con 60%." in reply.paragraphs[0]
