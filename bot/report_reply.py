"""A performance report as one screen of chat: what `/report` answers and what the
scheduled report posts.

The figures are core.reports'; here they are put in words for one reader: the
headline and trend, by team, who hit and who missed target, the biggest wins, the
most improved, the best win rate, the losses by stage, the slipped deals and the
forecast. Lists are cut to a few lines, with how many more there are.
"""

from __future__ import annotations

from decimal import Decimal

from bot.catalogue import Texts
from bot.reply import bullets
from core.ranking import competition_ranks
from core.report_deals import ReportDeal
from core.reports import MIN_CLOSED_FOR_WIN_RATE, Report, RepResult
from core.results import GroupBy, Leaderboard, LeaderboardRow, Metric

SHOWN = 3  # lines of each list in chat


def _sign(value: Decimal | int) -> str:
    return "+" if value > 0 else "−" if value < 0 else "±"


def signed_money(texts: Texts, amount: Decimal) -> str:
    return _sign(amount) + texts.money(abs(amount))


def signed_count(texts: Texts, count: int) -> str:
    return _sign(count) + texts.number(abs(count))


def points(texts: Texts, change: Decimal | None) -> str:
    """A change of attainment or win rate in percentage points: "+21 pts"."""
    if change is None:
        return texts.money(None)
    whole = (change * 100).quantize(Decimal(1))
    return texts("report.points", sign=_sign(whole), value=texts.number(abs(whole)))


def deal_name(texts: Texts, deal: ReportDeal) -> str:
    name = deal.name or texts("deal.unnamed")
    return texts("report.deal", owner=deal.owner, deal=name, amount=texts.money(deal.amount))


def attainment_board(report: Report) -> Leaderboard:
    """The report's reps ranked on attainment, for the chart of attainment by rep."""
    ranked = competition_ranks(
        report.reps, lambda rep: rep.card.attainment, lambda rep: rep.card.subject.name
    )
    rows = tuple(
        LeaderboardRow(rank, rep.card.subject, rep.card.attainment, None) for rank, rep in ranked
    )
    return Leaderboard(Metric.ATTAINMENT, GroupBy.REP, report.period, report.as_of, rows)


def headline(texts: Texts, report: Report) -> str:
    total = report.total
    return texts(
        "report.headline",
        won=texts.money(total.won_revenue),
        quota=texts.money(total.quota),
        attainment=texts.percent(total.attainment),
        deals=texts.plural("report.deals_won", total.deals_won),
        win_rate=texts.percent(total.win_rate),
    )


def trend_line(texts: Texts, report: Report) -> str:
    trend = report.trend
    previous = texts.period(report.previous_period)
    if not report.finished:
        previous = texts("report.to_date", period=previous)
    return texts(
        "report.trend",
        previous=previous,
        won=texts.money(trend.previous.won_revenue),
        change=signed_money(texts, trend.won_change),
        attainment=points(texts, trend.attainment_change),
        deals=signed_count(texts, trend.deals_won_change),
    )


def _more(texts: Texts, lines: list[str], total: int) -> list[str]:
    if total > len(lines):
        lines.append(texts("report.more", count=texts.number(total - len(lines))))
    return lines


def _section(texts: Texts, key: str, lines: list[str], total: int, none: str) -> str:
    if not lines:
        return f"*{texts(key)}*: {none}"
    return f"*{texts(key)}*\n" + bullets(_more(texts, lines, total))


def successes(texts: Texts, report: Report, shown: int = SHOWN) -> list[str]:
    hit = [
        texts("report.hit.line", name=rep.card.subject.name, attainment=_attainment(texts, rep))
        for rep in report.hit_target[:shown]
    ]
    wins = [deal_name(texts, deal) for deal in report.wins[:shown]]
    improved = [_improved(texts, rep) for rep in report.most_improved[:shown]]
    paragraphs = [
        _section(texts, "report.hit", hit, len(report.hit_target), texts("report.hit.none")),
        _section(texts, "report.wins", wins, len(report.wins), texts("report.none")),
        _section(
            texts, "report.improved", improved, len(report.most_improved), texts("report.none")
        ),
    ]
    best = report.best_win_rate
    if best:
        names = ", ".join(rep.card.subject.name for rep in best)
        paragraphs.append(
            texts(
                "report.win_rate",
                names=names,
                rate=texts.percent(best[0].card.win_rate),
                minimum=MIN_CLOSED_FOR_WIN_RATE,
            )
        )
    return paragraphs


def _attainment(texts: Texts, rep: RepResult) -> str:
    return texts.percent(rep.card.attainment)


def _due(texts: Texts, deal: ReportDeal) -> str:
    return texts.day(deal.close_date)


def _improved(texts: Texts, rep: RepResult) -> str:
    before = rep.previous.attainment if rep.previous is not None else None
    return texts(
        "report.improved.line",
        name=rep.card.subject.name,
        before=texts.percent(before),
        after=texts.percent(rep.card.attainment),
        points=points(texts, rep.attainment_change),
    )


def failures(texts: Texts, report: Report, shown: int = SHOWN) -> list[str]:
    missed = [
        texts(
            "report.missed.line",
            name=rep.card.subject.name,
            short=texts.money(rep.shortfall),
            attainment=texts.percent(rep.card.attainment),
        )
        for rep in report.missed[:shown]
    ]
    key = "report.missed" if report.finished else "report.short"
    paragraphs = [_section(texts, key, missed, len(report.missed), texts("report.none"))]

    if report.lost:
        stages = [
            texts(
                "report.lost.stage",
                stage=item.stage or texts("report.stage_unknown"),
                deals=texts.plural("count.deals", item.deals),
                amount=texts.money(item.amount),
            )
            for item in report.losses_by_stage[:shown]
        ]
        lost = texts(
            "report.lost",
            deals=texts.plural("count.deals", len(report.lost)),
            amount=texts.money(report.lost_amount),
        )
        biggest = texts("report.lost.biggest", deal=deal_name(texts, report.lost[0]))
        paragraphs.append(
            lost + "\n" + bullets(_more(texts, stages, len(report.losses_by_stage))) + "\n"
            + biggest
        )  # fmt: skip
    else:
        paragraphs.append(f"*{texts('report.lost.title')}*: {texts('report.none')}")

    if report.slipped:
        lines = [
            texts("report.slipped.line", deal=deal_name(texts, deal), day=_due(texts, deal))
            for deal in report.slipped[:shown]
        ]
        slipped = texts(
            "report.slipped",
            deals=texts.plural("count.open_deals", len(report.slipped)),
            amount=texts.money(report.slipped_amount),
            period=texts.period(report.period),
        )
        paragraphs.append(slipped + "\n" + bullets(_more(texts, lines, len(report.slipped))))
    else:
        paragraphs.append(f"*{texts('report.slipped.title')}*: {texts('report.none')}")
    return paragraphs


def forecast_line(texts: Texts, report: Report) -> str:
    forecast = report.forecast
    return texts(
        "report.forecast",
        commit=texts.money(forecast.commit_total),
        best=texts.money(forecast.best_case_total),
        weighted=texts.money(forecast.weighted_projection),
        won=texts.money(forecast.closed),
        quota=texts.money(forecast.quota),
    )


def teams_line(texts: Texts, report: Report) -> str | None:
    """Attainment by team, when the report covers more than one."""
    if len(report.teams) < 2:
        return None
    lines = [
        texts(
            "report.team.line",
            team=card.subject.name,
            won=texts.money(card.won_revenue),
            quota=texts.money(card.quota),
            attainment=texts.percent(card.attainment),
        )
        for card in report.teams
    ]
    return f"*{texts('report.teams')}*\n" + bullets(lines)


def report_paragraphs(texts: Texts, report: Report) -> tuple[str, ...]:
    """The whole report for chat, in reading order."""
    paragraphs = [headline(texts, report), trend_line(texts, report)]
    teams = teams_line(texts, report)
    if teams:
        paragraphs.append(teams)
    paragraphs += successes(texts, report)
    paragraphs += failures(texts, report)
    paragraphs.append(forecast_line(texts, report))
    return tuple(paragraphs)
