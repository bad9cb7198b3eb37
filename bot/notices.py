"""Personal notices as replies: an at-risk alert to a manager, a nudge digest to a rep.

Like a scheduled post, a notice is a `Reply` that every platform renders as it renders
answers; it goes to one person, in their language, with the figures' freshness on
their own clock. Its buttons run command lines as the buttons of answers do.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass

from sqlmodel import Session

from bot.catalogue import Texts
from bot.commands.buttons import atrisk_button, own_pipeline_button, snooze_button
from bot.commands.pipeline import deal_line
from bot.commands.risks import risk_phrases, what_it_takes
from bot.posts import as_of_line
from bot.reply import Reply, bullets
from core.notices import AlertKind
from core.periods import Period
from core.results import DealView, Scorecard

ALERTED = 15  # reps named in one alert; the rest are counted
NUDGED_DEALS = 5  # deals named in one nudge


@dataclass(frozen=True, slots=True)
class AlertNews:
    """What changed since the manager's last alert."""

    new: frozenset[int]  # rep ids not in it
    other_reasons: frozenset[int]  # in it, for other reasons
    recovered: tuple[str, ...]  # names in it who are at risk no more


def alert(
    session: Session,
    texts: Texts,
    kind: AlertKind,
    cards: Sequence[Scorecard],
    news: AlertNews,
    period: Period,
    timezone: str,
) -> Reply:
    """The manager's people at risk, why, and what it would take; what is new marked."""
    summary = kind is AlertKind.SUMMARY
    intro = texts.plural("alert.summary.intro" if summary else "alert.intro", len(cards))
    paragraphs = [intro]
    for card in cards[:ALERTED]:
        heading = f"*{card.subject.name}*"
        if card.subject.team:
            heading += f" ({card.subject.team})"
        if card.subject.id in news.new:
            heading += f" · _{texts('alert.new')}_"
        elif card.subject.id in news.other_reasons:
            heading += f" · _{texts('alert.reasons_changed')}_"
        needed = what_it_takes(card, texts)
        lines = [*risk_phrases(card, texts), *([needed] if needed else [])]
        paragraphs.append(heading + "\n" + bullets(lines))
    if len(cards) > ALERTED:
        paragraphs.append(texts.plural("alert.more", len(cards) - ALERTED))
    if news.recovered:
        paragraphs.append(texts("alert.recovered", names=", ".join(news.recovered)))
    paragraphs.append(as_of_line(session, texts, timezone))

    title = texts("alert.summary.title" if summary else "alert.title", period=texts.period(period))
    return Reply(
        title=title,
        paragraphs=tuple(paragraphs),
        buttons=(atrisk_button(texts),),
        summary=intro,
    )


def nudge(
    session: Session,
    texts: Texts,
    card: Scorecard,
    stale: Collection[DealView],
    stale_total: int,
    timezone: str,
    snooze_days: int,
) -> Reply:
    """How far behind pace the rep is, what it takes, and the deals that need a touch
    (`stale`, the first of `stale_total`: past due first, then the longest untouched)."""
    paragraphs = []
    if card.pace_gap is not None and card.pace_gap < 0:
        paragraphs.append(
            texts(
                "nudge.behind",
                gap=texts.money(-card.pace_gap),
                won=texts.money(card.won_revenue),
                expected=texts.money(card.expected_to_date),
            )
        )
        needed = what_it_takes(card, texts)
        if needed:
            paragraphs.append(texts("nudge.to_quota", what=needed))
    total = max(stale_total, len(stale))
    if total:
        shown = list(stale)[:NUDGED_DEALS]
        lines = [deal_line(deal, texts, owner=False) for deal in shown]
        paragraphs.append(texts.plural("nudge.stale", total) + "\n" + bullets(lines))
        if total > len(shown):
            paragraphs.append(texts.plural("nudge.more", total - len(shown)))
    paragraphs.append(texts("nudge.stop"))
    paragraphs.append(as_of_line(session, texts, timezone))
    return Reply(
        title=texts("nudge.title", period=texts.period(card.period)),
        paragraphs=tuple(paragraphs),
        buttons=(snooze_button(texts, snooze_days), own_pipeline_button(texts)),
        summary=paragraphs[0],
    )
