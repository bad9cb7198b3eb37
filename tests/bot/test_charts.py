"""Charts: real PNGs of the promised size, alt texts with figures worked out by hand.

The scorecard below is Ada's of tests/core/test_scorecards.py: November 2026 has 21
business days and ten have gone by at midnight on the 16th, so pace is 10/21 (48%);
$5,000 won of a $21,000 quota is 24%, and pace expects $10,000.
"""

import asyncio
import io
import struct
import warnings
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest
from matplotlib.image import imread
from sqlmodel import Session

from bot.chart_labels import ALT_TEXT_LIMIT, drawable, drawing_locale, label, shorten
from bot.chart_theme import HEIGHT_PX, WIDTH_PX
from bot.charts import (
    Chart,
    attainment_chart,
    chart_rows,
    cumulative_chart,
    draw_in_processes,
    leaderboard_chart,
    pipeline_chart,
    render,
    stop_drawing_in_processes,
)
from bot.formatting import reader_locale
from core.config import Settings
from core.results import (
    GroupBy,
    Leaderboard,
    LeaderboardRow,
    Metric,
    PipelineHealth,
    Scope,
    Scorecard,
    StageSummary,
    Subject,
    SubjectKind,
)
from core.series import won_by_day
from tests.builders import Company, usd
from tests.core.test_scorecards import MID_NOVEMBER, NOVEMBER

NBSP = "\u00a0"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
LONG_NAME = "Maria " + "Antonietta della Valle " * 9  # 213 characters
EMOJI_NAME = "🚀 Zoë Ångström 🦄✨"
LEADERS = ("Ada", "Bea", "Cy", "Dee", "Eve", "Fay", "Gus", "Hal", "Ivy", "Jo", "Kit", "Lu", "Mo")


def person(name: str, subject_id: int = 1) -> Subject:
    return Subject(SubjectKind.REP, subject_id, name)


def card(won: str | int, quota: str | int | None, name: str = "Ada Lovelace") -> Scorecard:
    """A scorecard at pace 10/21 with the figures a chart reads; the rest are zeros."""
    pace = Decimal(10) / Decimal(21)
    target = usd(quota) if quota is not None else None
    expected = (target * pace).quantize(Decimal("0.01")) if target is not None else None
    return Scorecard(
        subject=person(name), period=NOVEMBER, as_of=MID_NOVEMBER, won_revenue=usd(won),
        deals_won=2, deals_lost=0, win_rate=None, average_deal_size=None,
        sales_cycle_days=None, quota=target,
        attainment=usd(won) / target if target else None, pace=pace,
        expected_to_date=expected,
        pace_gap=usd(won) - expected if expected is not None else None,
        remaining_business_days=Decimal(11), needed_per_business_day=None,
        open_pipeline=usd(0), weighted_pipeline=usd(0), coverage=None,
        projection_weighted=usd(won), projection_run_rate=None, projected_attainment=None,
        open_deals=0, stale_deals=0, past_due_deals=0, at_risk=False, risk_reasons=(),
    )  # fmt: skip


def board(count: int, metric: Metric = Metric.WON_REVENUE, name: str | None = None) -> Leaderboard:
    """`count` reps ranked 1..count with 13,000, 12,000, ... down by a thousand each."""
    rows = tuple(
        LeaderboardRow(
            place, person(name or LEADERS[place - 1], place), usd(14_000 - place * 1_000), 0
        )
        for place in range(1, count + 1)
    )
    return Leaderboard(metric, GroupBy.REP, NOVEMBER, MID_NOVEMBER, rows)


def pipeline(
    stages: tuple[tuple[str, int, int], ...], name: str = "Ada Lovelace"
) -> PipelineHealth:
    summaries = tuple(
        StageSummary(stage, deals, usd(amount), None) for stage, deals, amount in stages
    )
    return PipelineHealth(
        subject=person(name), period=NOVEMBER, as_of=MID_NOVEMBER,
        open_deals=sum(stage.deals for stage in summaries),
        open_amount=sum((stage.amount for stage in summaries), usd(0)),
        period_pipeline=usd(0), coverage=None, stale=(), past_due=(), by_stage=summaries,
    )  # fmt: skip


def assert_png(chart: Chart) -> None:
    """A PNG whose header and decoded pixels both say 1200 x 600."""
    assert chart.png.startswith(PNG_SIGNATURE)
    width, height = struct.unpack(">II", chart.png[16:24])
    assert (width, height) == (chart.width, chart.height) == (WIDTH_PX, HEIGHT_PX) == (1200, 600)
    assert imread(io.BytesIO(chart.png), format="png").shape[:2] == (600, 1200)


# -- attainment -----------------------------------------------------------------------


def test_attainment_says_won_quota_share_and_pace() -> None:
    chart = attainment_chart(card(5_000, 21_000), "en", currency="USD")

    assert_png(chart)
    assert chart.alt_text == (
        "November 2026: Ada Lovelace has won $5,000 of a $21,000 quota (24%); "
        "pace expects 48% by now."
    )


def test_attainment_past_the_quota_in_italian() -> None:
    chart = attainment_chart(card(52_500, 21_000, "Zoë Ångström"), "it", currency="EUR")

    assert_png(chart)
    assert chart.alt_text == (
        f"Novembre 2026: Zoë Ångström ha vinto 52.500{NBSP}€ su una quota di 21.000{NBSP}€ "
        "(250%); il ritmo previsto a oggi è 48%."
    )


def test_attainment_without_a_quota_or_with_a_zero_one() -> None:
    missing = attainment_chart(card(5_000, None), "en", currency="USD")
    zero = attainment_chart(card(5_000, 0), "en", currency="USD")

    assert_png(missing)
    assert_png(zero)
    assert missing.alt_text == "November 2026: Ada Lovelace has won $5,000; no quota is set."
    assert zero.alt_text == "November 2026: Ada Lovelace has won $5,000 against a quota of $0."


@pytest.mark.parametrize("name", [LONG_NAME, EMOJI_NAME, "Bob $\\frac{1}{$ Smith", "🚀🦄", ""])
def test_any_name_draws_without_errors_or_glyph_warnings(name: str) -> None:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        chart = attainment_chart(card(5_000, 21_000, name), "en", currency="USD")

    assert_png(chart)
    assert [str(warning.message) for warning in caught] == []


def test_alt_texts_keep_names_as_written_but_not_forever() -> None:
    emoji = attainment_chart(card(5_000, 21_000, EMOJI_NAME), "en", currency="USD")
    long = attainment_chart(card(5_000, 21_000, LONG_NAME), "en", currency="USD")

    assert EMOJI_NAME in emoji.alt_text
    assert LONG_NAME not in long.alt_text
    assert f"{LONG_NAME[:60]}" in long.alt_text
    assert "… has won $5,000" in long.alt_text


# -- won revenue over time --------------------------------------------------------------


def test_cumulative_chart_of_a_series_read_from_the_database(session: Session) -> None:
    company = Company(session)
    ada = company.rep("Ada Lovelace")
    company.quota(ada, NOVEMBER, 21_000)
    company.deal(ada, "won", 3_000, date(2026, 11, 3))
    company.deal(ada, "won", 2_500, date(2026, 11, 16))
    session.commit()
    series = won_by_day(
        session, Settings(), Scope(SubjectKind.REP, ada.id), NOVEMBER, MID_NOVEMBER
    )

    chart = cumulative_chart(series, "en", currency="USD")

    # Eleven business days have ended by the end of the 16th: 11,000 expected.
    assert_png(chart)
    assert chart.alt_text == (
        "Won revenue of Ada Lovelace in November 2026: $5,500 by Nov 16, 2026. "
        "Pace expects $11,000 by then; the quota is $21,000."
    )


def test_cumulative_chart_without_quota_and_before_the_start(session: Session) -> None:
    company = Company(session)
    ada = company.rep("Ada Lovelace")
    company.deal(ada, "won", 1_000, date(2026, 11, 2))
    session.commit()
    scope = Scope(SubjectKind.REP, ada.id)
    current = won_by_day(session, Settings(), scope, NOVEMBER, MID_NOVEMBER)
    early = replace(current, won=(), as_of=MID_NOVEMBER.replace(month=10))

    no_quota = cumulative_chart(current, "it", currency="EUR")
    not_started = cumulative_chart(early, "en", currency="USD")

    assert_png(no_quota)
    assert_png(not_started)
    assert no_quota.alt_text == (
        f"Fatturato vinto da Ada Lovelace in novembre 2026: 1.000{NBSP}€ al 16 nov 2026; "
        "nessuna quota è impostata."
    )
    assert not_started.alt_text == (
        "November 2026 starts on Nov 1, 2026; Ada Lovelace has no won revenue in it yet."
    )


# -- leaderboard -------------------------------------------------------------------------


def test_leaderboard_shows_the_top_and_the_asker_after_a_gap() -> None:
    chart = leaderboard_chart(board(13), "en", highlight=12, currency="USD")

    assert_png(chart)
    assert chart.alt_text.startswith(
        "Leaderboard by won revenue for November 2026: 1. Ada, $13,000; 2. Bea, $12,000; "
    )
    assert "10. Jo, $4,000." in chart.alt_text
    assert "Kit" not in chart.alt_text
    assert chart.alt_text.endswith(" Lu is at rank 12 with $2,000.")


def test_an_asker_in_the_top_is_not_repeated() -> None:
    chart = leaderboard_chart(board(5), "en", highlight=2, top=3, currency="USD")

    assert chart.alt_text == (
        "Leaderboard by won revenue for November 2026: "
        "1. Ada, $13,000; 2. Bea, $12,000; 3. Cy, $11,000."
    )


def test_an_empty_leaderboard_and_an_unranked_asker() -> None:
    unranked = Leaderboard(
        Metric.ATTAINMENT, GroupBy.REP, NOVEMBER, MID_NOVEMBER,
        (LeaderboardRow(None, person("Zed", 7), None, None),),
    )  # fmt: skip

    empty = leaderboard_chart(board(0), "en", currency="USD")
    alone = leaderboard_chart(unranked, "it", highlight=7, currency="EUR")

    assert_png(empty)
    assert_png(alone)
    assert empty.alt_text == "No one is on the leaderboard by won revenue for November 2026 yet."
    assert alone.alt_text == (
        "Ancora nessuno nella classifica per raggiungimento quota in novembre 2026. "
        "Zed non è ancora in classifica."
    )


def test_leaderboard_values_in_the_boards_unit() -> None:
    rows = (
        LeaderboardRow(1, person("Ada", 1), Decimal("1.25"), None),
        LeaderboardRow(2, person("Bea", 2), Decimal(5) / Decimal(6), None),
    )
    attainment = Leaderboard(Metric.ATTAINMENT, GroupBy.REP, NOVEMBER, MID_NOVEMBER, rows)

    chart = leaderboard_chart(attainment, "en", currency="USD")

    assert chart.alt_text.endswith("1. Ada, 125%; 2. Bea, 83%.")


def test_long_names_keep_a_leaderboard_alt_text_within_slacks_limit() -> None:
    chart = leaderboard_chart(board(10, name=LONG_NAME), "en", currency="USD")

    assert_png(chart)
    assert len(chart.alt_text) <= ALT_TEXT_LIMIT


def test_a_leaderboard_shows_at_least_one_row() -> None:
    with pytest.raises(ValueError, match="at least one row"):
        leaderboard_chart(board(3), "en", top=0, currency="USD")


# -- pipeline ------------------------------------------------------------------------------


def test_pipeline_by_stage_with_deals_counted_in_words() -> None:
    health = pipeline((("Negotiation", 4, 40_000), ("Proposal", 1, 15_000)))

    english = pipeline_chart(health, "en", currency="USD")
    italian = pipeline_chart(health, "it", currency="EUR")

    assert_png(english)
    assert english.alt_text == (
        "Open pipeline of Ada Lovelace: $55,000 in 5 deals. "
        "By stage: Negotiation $40,000 (4 deals); Proposal $15,000 (1 deal)."
    )
    assert italian.alt_text == (
        f"Pipeline aperta di Ada Lovelace: 55.000{NBSP}€ in 5 trattative. "
        f"Per fase: Negotiation 40.000{NBSP}€ (4 trattative); Proposal 15.000{NBSP}€ "
        "(1 trattativa)."
    )


def test_pipeline_with_no_deals_or_many_stages() -> None:
    many = tuple((f"Stage {number} {'x' * 150}", 1, 1_000 * number) for number in range(12, 0, -1))

    empty = pipeline_chart(pipeline(()), "en", currency="USD")
    crowded = pipeline_chart(pipeline(many, EMOJI_NAME), "en", currency="USD")

    assert_png(empty)
    assert_png(crowded)
    assert empty.alt_text == "Ada Lovelace has no open deals."
    assert "in 12 deals" in crowded.alt_text  # every stage is told, though eight are drawn


# -- labels ---------------------------------------------------------------------------------


def test_labels_keep_what_the_font_draws() -> None:
    assert drawable("🚀 Zoë Ångström 🦄") == " Zoë Ångström "
    assert drawable("Zoe\u0308") == "Zoë"  # composed, so the accent sits on its letter
    assert label("🚀🦄") == "?"
    assert label("  Ada \n Lovelace ") == "Ada Lovelace"
    assert shorten("Ada Lovelace", 6) == "Ada L…"
    assert shorten(f"12.345{NBSP}€", 20) == f"12.345{NBSP}€"  # no-break spaces stay
    assert shorten("abcde\u0301f", 6) == "abcd…"  # never an accent without its letter


def test_numbers_are_drawn_in_english_when_the_font_lacks_the_locales_script() -> None:
    assert drawing_locale(reader_locale("it"), "EUR").language == "it"
    assert drawing_locale(reader_locale("ja"), "JPY").language == "en"


# -- threads and the event loop ---------------------------------------------------------------


def test_concurrent_renders_each_give_a_whole_png() -> None:
    jobs = [
        lambda: attainment_chart(card(5_000, 21_000, EMOJI_NAME), "it", currency="EUR"),
        lambda: leaderboard_chart(board(13), "en", highlight=12, currency="USD"),
        lambda: pipeline_chart(pipeline((("Negotiation", 4, 40_000),)), "en", currency="USD"),
    ] * 8
    alone = [job() for job in jobs[:3]]

    with ThreadPoolExecutor(max_workers=8) as pool:
        charts = list(pool.map(lambda job: job(), jobs))

    assert len(charts) == 24
    for index, chart in enumerate(charts):
        assert_png(chart)
        assert chart.png == alone[index % 3].png  # nothing leaked between figures


def test_render_draws_in_a_worker_thread() -> None:
    async def ask() -> Chart:
        return await render(attainment_chart, card(5_000, 21_000), "en", currency="USD")

    chart = asyncio.run(ask())

    assert_png(chart)
    assert "24%" in chart.alt_text


def test_a_board_cut_to_its_chart_rows_draws_the_same_chart() -> None:
    whole = board(13)

    cut = chart_rows(whole, 5, highlight=12)
    top_only = chart_rows(whole, 5)

    assert [row.rank for row in cut.rows] == [1, 2, 3, 4, 5, 12]
    assert [row.rank for row in top_only.rows] == [1, 2, 3, 4, 5]
    drawn_whole = leaderboard_chart(whole, "en", highlight=12, top=5, currency="USD")
    drawn_cut = leaderboard_chart(cut, "en", highlight=12, top=5, currency="USD")
    assert drawn_cut == drawn_whole


def test_charts_drawn_in_processes_match_those_drawn_in_a_thread() -> None:
    async def ask() -> list[Chart]:
        return list(
            await asyncio.gather(
                render(attainment_chart, card(5_000, 21_000), "it", currency="EUR"),
                render(leaderboard_chart, board(13), "en", highlight=12, currency="USD"),
            )
        )

    in_thread = asyncio.run(ask())
    draw_in_processes(2)
    try:
        in_processes = asyncio.run(ask())
    finally:
        stop_drawing_in_processes()

    assert in_processes == in_thread


def test_a_drawing_process_that_dies_costs_no_chart() -> None:
    import bot.charts

    async def ask() -> Chart:
        return await render(attainment_chart, card(5_000, 21_000), "en", currency="USD")

    draw_in_processes(1)
    try:
        first = asyncio.run(ask())
        pool = bot.charts._processes
        assert pool is not None
        for process in list(pool._processes.values()):  # as the kernel's OOM killer would
            process.kill()
            process.join()
        after = asyncio.run(ask())  # drawn in a thread while new processes start
        again = asyncio.run(ask())
        assert bot.charts._processes is not None
        assert bot.charts._processes is not pool
    finally:
        stop_drawing_in_processes()

    assert first == after == again


def test_money_ticks_are_whole_amounts_even_on_an_empty_chart() -> None:
    from bot.chart_cumulative import _money_ticks

    assert _money_ticks(0.0, 1.0) == [0.0, 1.0]  # nothing won, no quota: no "$0.20"
    assert _money_ticks(0.0, 218_500.0) == [0.0, 50_000.0, 100_000.0, 150_000.0, 200_000.0]
