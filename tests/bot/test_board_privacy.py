"""What each reader sees of a leaderboard under each privacy mode, in private and public."""

from __future__ import annotations

import asyncio
from datetime import date
from pathlib import Path

import pytest
from sqlmodel import Session

from bot.reply import Reply, Visibility
from core.config import ConfigError, LeaderboardsConfig, Settings, load_settings
from core.models import Rep, Subscription
from core.privacy import band_edges
from core.results import Metric
from scheduler.jobs import Post, build_post
from tests.bot.company import NOW, People, ask, build, text

TOP_5 = Settings(leaderboards=LeaderboardsConfig(privacy="top_n", named=5))
PERCENT = Settings(leaderboards=LeaderboardsConfig(privacy="percent"))
FULL = Settings()
PLACES_6_TO_10 = "• Places 6–10: 5 people"
PLACES_11_TO_20 = "• Places 11–20: 1 person"


def company(session: Session) -> tuple[People, dict[str, Rep]]:
    """Bea $36,000, Ada $30,000, Carl $10,000, Seller 08 to 01 $8,000 to $1,000: 11 reps
    ranked (Mona, a manager, and Root, an admin, sell nothing and are not on the board).
    Seller 03 reports to Mona."""
    people = build(session)
    sellers = {}
    for number in range(1, 9):
        manager = people.mona if number == 3 else None
        seller = people.company.rep(f"Seller {number:02d}", manager=manager)
        people.company.deal(seller, "won", number * 1_000, date(2026, 11, 2))
        sellers[f"{number:02d}"] = seller
    session.commit()
    return people, sellers


def lines(reply: Reply) -> list[str]:
    return [line for paragraph in reply.paragraphs for line in paragraph.split("\n")]


TOP_FIVE_NAMED = [
    "`  1.` Bea Rossi · $36,000",
    "`  2.` Ada Lovelace · $30,000",
    "`  3.` Carl Weber · $10,000",
    "`  4.` Seller 08 · $8,000",
    "`  5.` Seller 07 · $7,000",
]


def test_top_n_a_rep_among_the_named_sees_the_top_and_the_bands(session: Session) -> None:
    people, _ = company(session)

    reply = ask(session, people.ada, "leaderboard 2026-Q4", settings=TOP_5)

    assert lines(reply) == [
        TOP_FIVE_NAMED[0],
        "`  2.` *Ada Lovelace* (you) · $30,000",
        *TOP_FIVE_NAMED[2:],
        PLACES_6_TO_10,
        PLACES_11_TO_20,
    ]


def test_top_n_a_rep_below_sees_their_own_exact_rank_and_value(session: Session) -> None:
    _, sellers = company(session)

    reply = ask(session, sellers["02"], "leaderboard 2026-Q4", settings=TOP_5)

    assert lines(reply) == [
        *TOP_FIVE_NAMED,
        PLACES_6_TO_10,
        PLACES_11_TO_20,
        "` 10.` *Seller 02* (you) · $2,000",
    ]
    assert "Seller 06" not in text(reply)


def test_top_n_a_manager_sees_their_people_and_an_admin_everyone(session: Session) -> None:
    people, _ = company(session)

    manager = ask(session, people.mona, "leaderboard 2026-Q4", settings=TOP_5)
    admin = ask(session, people.root, "leaderboard 2026-Q4", settings=TOP_5)

    assert lines(manager)[5:] == [
        PLACES_6_TO_10,
        PLACES_11_TO_20,
        "`  9.` Seller 03 · $3,000",
    ]
    assert "Seller 04" not in text(manager)
    assert lines(admin)[:5] == TOP_FIVE_NAMED
    assert lines(admin)[9] == "` 10.` Seller 02 · $2,000"
    assert lines(admin)[10:] == ["11 people ranked in all."]


def test_top_n_shared_with_the_channel_shows_no_ones_own_row(session: Session) -> None:
    people, sellers = company(session)

    reply = ask(session, sellers["02"], "leaderboard 2026-Q4 public", settings=TOP_5)
    admin = ask(session, people.root, "leaderboard 2026-Q4 public", settings=TOP_5)

    assert reply.visibility is Visibility.CHANNEL
    assert lines(reply) == [*TOP_FIVE_NAMED, PLACES_6_TO_10, PLACES_11_TO_20]
    assert lines(admin) == lines(reply)


def test_an_opted_out_rep_is_anonymous_on_public_boards_only(session: Session) -> None:
    people, _ = company(session)

    opted = ask(session, people.bea, "leaderboard optout")
    private = ask(session, people.bea, "leaderboard 2026-Q4", settings=FULL)
    others = ask(session, people.ada, "leaderboard 2026-Q4", settings=FULL)
    public = ask(session, people.ada, "leaderboard 2026-Q4 public", settings=FULL)
    manager_public = ask(session, people.mona, "leaderboard 2026-Q4 public", settings=TOP_5)

    assert opted.title == "You are anonymous on public leaderboards"
    assert opted.confidential
    assert lines(private)[0] == "`  1.` *Bea Rossi* (you) · $36,000"
    assert lines(others)[0] == "`  1.` Bea Rossi · $36,000"
    assert lines(public)[0] == "`  1.` Anonymous · $36,000"
    assert lines(manager_public)[0] == "`  1.` Anonymous · $36,000"
    assert "Bea" not in text(public) + text(manager_public)


def test_opting_in_again_names_the_rep_and_saying_it_twice_is_harmless(
    session: Session,
) -> None:
    people, _ = company(session)
    ask(session, people.bea, "leaderboard optout")

    again = ask(session, people.bea, "leaderboard optout")
    back = ask(session, people.bea, "leaderboard optin")
    public = ask(session, people.ada, "leaderboard 2026-Q4 public")

    assert again.paragraphs[0] == "You were anonymous on public leaderboards already."
    assert back.paragraphs[0] == "Leaderboards posted to a channel show your name again."
    assert lines(public)[0] == "`  1.` Bea Rossi · $36,000"


def test_percent_shows_percent_of_target_and_never_money(session: Session) -> None:
    people, _ = company(session)

    readers = [people.ada, people.carl, people.mona, people.root]
    replies = [ask(session, who, "leaderboard 2026-Q4", settings=PERCENT) for who in readers]
    replies += [ask(session, people.ada, "leaderboard public", settings=PERCENT)]
    replies += [
        ask(session, people.ada, f"leaderboard {metric.value} public", settings=PERCENT)
        for metric in Metric
    ]

    # Bea 36,000 / 40,000 = 90%, Ada 30,000 / 60,000 = 50%, Carl 10,000 / 50,000 = 20%.
    assert replies[0].title == "Leaderboard · attainment · 2026-Q4"
    assert lines(replies[0])[:3] == [
        "`  1.` Bea Rossi · 90%",
        "`  2.` *Ada Lovelace* (you) · 50%",
        "`  3.` Carl Weber · 20%",
    ]
    assert all("$" not in text(reply) for reply in replies)


def test_earnings_never_reach_a_public_board(session: Session) -> None:
    people, _ = company(session)

    earnings = ask(session, people.ada, "earnings public")

    assert earnings.visibility is Visibility.ONLY_ASKER
    assert all("earn" not in metric.value for metric in Metric)


def channel_post(session: Session, settings: Settings) -> Reply:
    subscription = Subscription(
        platform="slack", workspace="T0", target="C0", kind="leaderboard",
        cron="0 9 * * 1-5", timezone="UTC", created_by="test",
    )  # fmt: skip
    return asyncio.run(
        build_post(Post.of(subscription), session, settings, NOW.replace(hour=9), charts=True)
    )


def test_the_channel_post_shows_the_named_places_and_bands_only(session: Session) -> None:
    people, _ = company(session)
    ask(session, people.bea, "leaderboard optout")

    post = channel_post(session, TOP_5)

    assert post.visibility is Visibility.CHANNEL
    assert lines(post)[:7] == [
        "`  1.` Anonymous · $36,000",
        *TOP_FIVE_NAMED[1:],
        PLACES_6_TO_10,
        PLACES_11_TO_20,
    ]
    assert "(you)" not in text(post)
    [chart] = post.images
    assert "Bea" not in chart.alt_text
    assert "Seller 06" not in chart.alt_text
    assert "Anonymous" in chart.alt_text


def test_one_board_may_have_a_privacy_of_its_own(tmp_path: Path) -> None:
    path = tmp_path / "quotabot.toml"
    path.write_text(
        '[leaderboards]\nprivacy = "top_n"\nnamed = 3\n'
        '[leaderboards.boards.won_revenue]\nprivacy = "percent"\n',
        encoding="utf-8",
    )

    settings = load_settings(path)

    assert settings.leaderboards.of("won_revenue").privacy == "percent"
    assert settings.leaderboards.of("deals_won").privacy == "top_n"
    assert settings.leaderboards.of("deals_won").named == 3


def test_an_unknown_board_or_mode_is_named_with_the_valid_ones(tmp_path: Path) -> None:
    path = tmp_path / "quotabot.toml"
    path.write_text(
        '[leaderboards]\nprivacy = "secret"\n[leaderboards.boards.revenue]\nprivacy = "full"\n',
        encoding="utf-8",
    )

    with pytest.raises(ConfigError) as raised:
        load_settings(path)

    message = str(raised.value)
    assert "2 problem(s)" in message
    assert "'full', 'percent' or 'top_n'" in message
    assert "unknown leaderboard(s) 'revenue'; use metric names: won_revenue" in message


def test_bands_end_at_ten_twenty_fifty_and_so_on() -> None:
    assert band_edges(5, 60) == [(6, 10), (11, 20), (21, 50), (51, 100)]
    assert band_edges(10, 20) == [(11, 20)]
    assert band_edges(3, 4) == [(4, 10)]
    assert band_edges(15, 230) == [(16, 20), (21, 50), (51, 100), (101, 200), (201, 500)]


@pytest.mark.parametrize("settings", [FULL, PERCENT, TOP_5], ids=["full", "percent", "top_n"])
@pytest.mark.parametrize("public", [False, True], ids=["private", "public"])
def test_every_mode_for_every_role(session: Session, settings: Settings, public: bool) -> None:
    people, sellers = company(session)
    ask(session, sellers["01"], "leaderboard optout")  # Seller 01 is last: rank 11
    line = "leaderboard 2026-Q4" + (" public" if public else "")
    readers = {
        "rep in the top": people.ada, "rep below": sellers["02"], "opted out": sellers["01"],
        "manager": people.mona, "admin": people.root,
    }  # fmt: skip

    seen = {
        role: text(ask(session, who, line, settings=settings)) for role, who in readers.items()
    }

    for role, shown in seen.items():
        assert ("(you)" in shown) == (not public and role not in ("manager", "admin")), role
        assert ("$" in shown) == (settings is not PERCENT), role
        if public:
            assert "Seller 01" not in shown, role
    if not public and settings is TOP_5:
        assert "` 10.` *Seller 02* (you) · $2,000" in seen["rep below"]
        assert "` 11.` *Seller 01* (you) · $1,000" in seen["opted out"]
        assert "Seller 03" in seen["manager"]
        assert "Seller 04" not in seen["manager"]
        assert "Seller 04" in seen["admin"]
    if public:
        assert len(set(seen.values())) == 1  # a channel sees the same board, whoever shares it
