"""The words of charts and their alt texts, in English and Italian.

Numbers arrive already formatted for the reader's locale; these are only the
sentences around them. A language without its own words here reads English words
with its own number formats. Placeholders are named so that a translation may put
them in any order.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from babel import Locale

from core.results import Metric


@dataclass(frozen=True, slots=True)
class ChartWords:
    # -- attainment ---------------------------------------------------------------
    of_quota: str  # "{won} of {quota}"
    pace_marker: str  # "Pace {pace}"
    quota_marker: str
    no_quota: str
    zero_quota: str  # "{quota}" is zero in the reader's currency
    won: str  # under the amount won when there is no quota to compare with
    behind_pace: str  # "{gap} behind pace: {expected} expected by now"
    ahead_of_pace: str
    on_pace: str  # "On pace: {expected} expected by now"
    alt_attainment: str
    alt_no_quota: str
    alt_zero_quota: str
    # -- won revenue over time --------------------------------------------------
    won_revenue: str
    won_line: str
    pace_line: str
    quota_line: str
    not_started: str  # "Starts on {start}"
    alt_cumulative: str
    alt_cumulative_no_quota: str
    alt_not_started: str
    # -- leaderboard ---------------------------------------------------------------
    metrics: Mapping[Metric, str]
    not_ranked: str
    points_change: str  # "{value} pp": a change of attainment in percentage points
    empty_board: str
    alt_board: str
    alt_board_row: str
    alt_board_extra: str
    alt_board_extra_unranked: str
    alt_empty_board: str
    # -- pipeline ------------------------------------------------------------------
    open_pipeline: str
    in_deals: str  # "{amount} in {deals}"
    deals: Mapping[str, str]  # by CLDR plural category: "one", "other", ...
    other_stages: str
    no_open_deals: str
    alt_pipeline: str
    alt_pipeline_stage: str
    alt_no_pipeline: str

    def deal_count(self, count: int, locale: Locale) -> str:
        form = self.deals.get(locale.plural_form(count), self.deals["other"])
        return form.format(count=count)


ENGLISH = ChartWords(
    of_quota="{won} of {quota}",
    pace_marker="Pace {pace}",
    quota_marker="Quota",
    no_quota="No quota set for {period}",
    zero_quota="The quota is {quota}",
    won="won",
    behind_pace="{gap} behind pace: {expected} expected by now",
    ahead_of_pace="{gap} ahead of pace: {expected} expected by now",
    on_pace="On pace: {expected} expected by now",
    alt_attainment=(
        "{period}: {name} has won {won} of a {quota} quota ({attainment}); "
        "pace expects {pace} by now."
    ),
    alt_no_quota="{period}: {name} has won {won}; no quota is set.",
    alt_zero_quota="{period}: {name} has won {won} against a quota of {quota}.",
    won_revenue="Won revenue",
    won_line="Won",
    pace_line="Pace",
    quota_line="Quota {quota}",
    not_started="Starts on {start}",
    alt_cumulative=(
        "Won revenue of {name} in {period}: {won} by {day}. "
        "Pace expects {expected} by then; the quota is {quota}."
    ),
    alt_cumulative_no_quota="Won revenue of {name} in {period}: {won} by {day}; no quota is set.",
    alt_not_started="{period} starts on {start}; {name} has no won revenue in it yet.",
    metrics={
        Metric.WON_REVENUE: "Won revenue",
        Metric.ATTAINMENT: "Attainment",
        Metric.DEALS_WON: "Deals won",
        Metric.WIN_RATE: "Win rate",
        Metric.AVERAGE_DEAL_SIZE: "Average deal size",
        Metric.ACTIVITIES: "Activities",
        Metric.MOST_IMPROVED: "Most improved",
        Metric.POINTS: "Points",
    },
    not_ranked="not ranked",
    points_change="{value} pp",
    empty_board="No one is on the board yet",
    alt_board="Leaderboard by {metric} for {period}: {rows}.",
    alt_board_row="{rank}. {name}, {value}",
    alt_board_extra=" {name} is at rank {rank} with {value}.",
    alt_board_extra_unranked=" {name} is not ranked yet.",
    alt_empty_board="No one is on the leaderboard by {metric} for {period} yet.",
    open_pipeline="Open pipeline",
    in_deals="{amount} in {deals}",
    deals={"one": "{count} deal", "other": "{count} deals"},
    other_stages="Other stages",
    no_open_deals="No open deals",
    alt_pipeline="Open pipeline of {name}: {amount} in {deals}. By stage: {stages}.",
    alt_pipeline_stage="{stage} {amount} ({deals})",
    alt_no_pipeline="{name} has no open deals.",
)

ITALIAN = ChartWords(
    of_quota="{won} su {quota}",
    pace_marker="Ritmo {pace}",
    quota_marker="Quota",
    no_quota="Nessuna quota per {period}",
    zero_quota="La quota è {quota}",
    won="vinti",
    behind_pace="{gap} sotto il ritmo: previsti {expected} a oggi",
    ahead_of_pace="{gap} sopra il ritmo: previsti {expected} a oggi",
    on_pace="In linea con il ritmo: previsti {expected} a oggi",
    alt_attainment=(
        "{period}: {name} ha vinto {won} su una quota di {quota} ({attainment}); "
        "il ritmo previsto a oggi è {pace}."
    ),
    alt_no_quota="{period}: {name} ha vinto {won}; nessuna quota è impostata.",
    alt_zero_quota="{period}: {name} ha vinto {won} con una quota di {quota}.",
    won_revenue="Fatturato vinto",
    won_line="Vinto",
    pace_line="Ritmo",
    quota_line="Quota {quota}",
    not_started="Inizia il {start}",
    alt_cumulative=(
        "Fatturato vinto da {name} in {period}: {won} al {day}. "
        "Il ritmo prevede {expected} a quella data; la quota è {quota}."
    ),
    alt_cumulative_no_quota=(
        "Fatturato vinto da {name} in {period}: {won} al {day}; nessuna quota è impostata."
    ),
    alt_not_started="{period} inizia il {start}; {name} non ha ancora fatturato vinto.",
    metrics={
        Metric.WON_REVENUE: "Fatturato vinto",
        Metric.ATTAINMENT: "Raggiungimento quota",
        Metric.DEALS_WON: "Trattative vinte",
        Metric.WIN_RATE: "Tasso di successo",
        Metric.AVERAGE_DEAL_SIZE: "Valore medio delle trattative",
        Metric.ACTIVITIES: "Attività",
        Metric.MOST_IMPROVED: "Maggior miglioramento",
        Metric.POINTS: "Punti",
    },
    not_ranked="non in classifica",
    points_change="{value} p.p.",
    empty_board="Ancora nessuno in classifica",
    alt_board="Classifica per {metric} in {period}: {rows}.",
    alt_board_row="{rank}. {name}, {value}",
    alt_board_extra=" {name} è in posizione {rank} con {value}.",
    alt_board_extra_unranked=" {name} non è ancora in classifica.",
    alt_empty_board="Ancora nessuno nella classifica per {metric} in {period}.",
    open_pipeline="Pipeline aperta",
    in_deals="{amount} in {deals}",
    deals={"one": "{count} trattativa", "other": "{count} trattative"},
    other_stages="Altre fasi",
    no_open_deals="Nessuna trattativa aperta",
    alt_pipeline="Pipeline aperta di {name}: {amount} in {deals}. Per fase: {stages}.",
    alt_pipeline_stage="{stage} {amount} ({deals})",
    alt_no_pipeline="{name} non ha trattative aperte.",
)

_BY_LANGUAGE = {"en": ENGLISH, "it": ITALIAN}


def words_for(locale: Locale) -> ChartWords:
    return _BY_LANGUAGE.get(locale.language, ENGLISH)
