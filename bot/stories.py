"""Win stories in chat: the ask, its form, what a submission does, and the post.

All of it platform-neutral: the ask is a `Reply` with a `Form`, a submission arrives
as the form's id and the answers by input name (however the platform collected them),
and `submit` answers with a `Reply` for the teller. The storage is core.stories.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence

from bot.catalogue import Texts
from bot.registry import ChatContext
from bot.reply import Form, Input, Reply, Visibility
from core.models import Deal, utcnow
from core.stories import ANSWER_TEXT, Story, asked, tell
from core.wins import Win

logger = logging.getLogger(__name__)

PREFIX = "story:"  # a story form's id: "story:12", for deal 12
DIFFERENCE, HELPERS, TIP = "difference", "helpers", "tip"


def form_id(deal_id: int) -> str:
    return f"{PREFIX}{deal_id}"


def deal_of(form: str) -> int | None:
    """The deal a story form is about, or None when the id is none of a story form."""
    number = form.removeprefix(PREFIX)
    if not form.startswith(PREFIX) or not number.isdigit():
        return None
    return int(number)


def story_form(texts: Texts, form: str) -> Form:
    """The questions of a win story, in the teller's language."""
    return Form(
        id=form,
        title=texts("story.form.title"),
        open_label=texts("story.form.open"),
        submit_label=texts("story.form.submit"),
        inputs=(
            Input(DIFFERENCE, texts("story.form.difference"), max_length=ANSWER_TEXT),
            Input(HELPERS, texts("story.form.helpers"), max_length=ANSWER_TEXT),
            Input(TIP, texts("story.form.tip"), optional=True, max_length=ANSWER_TEXT),
        ),
    )


def ask_reply(texts: Texts, win: Win) -> Reply:
    """What the owner of a big win reads: congratulations, and the story's form."""
    title = texts("story.ask.title", deal=deal_name(texts, win.deal, win.account))
    return Reply(
        title=title,
        paragraphs=(texts("story.ask.text"),),
        form=story_form(texts, form_id(win.deal_id)),
        summary=title,
    )


def checked(
    texts: Texts, form: Form, values: Mapping[str, object]
) -> tuple[dict[str, str], dict[str, str]]:
    """The answers, their spaces tidied, and every problem of them at once, each by the
    name of the input it is about."""
    answers: dict[str, str] = {}
    problems: dict[str, str] = {}
    for question in form.inputs:
        answer = " ".join(str(values.get(question.name) or "").split())
        if not answer and not question.optional:
            problems[question.name] = texts("story.refused.missing", field=question.label)
        elif len(answer) > question.max_length:
            count = texts.number(len(answer))
            limit = texts.number(question.max_length)
            problems[question.name] = texts(
                "story.refused.too_long", field=question.label, count=count, limit=limit
            )
        answers[question.name] = answer
    return answers, problems


def submit(context: ChatContext, form: str, values: Mapping[str, object]) -> Reply:
    """Keep the asker's story if it may be kept, and say so; or say why not."""
    texts = context.texts
    deal_id = deal_of(form)
    found = asked(context.session, deal_id) if deal_id is not None else None
    if deal_id is None or found is None:
        return _refused(texts, texts("story.refused.unknown"))
    deal = context.session.get(Deal, deal_id)
    name = deal_name(texts, deal.name, deal.account) if deal else texts("deal.unnamed")
    if found.rep_id != context.asker.rep_id:
        return _refused(texts, texts("story.refused.not_yours"))
    if found.told:
        return _refused(texts, texts("story.refused.told", deal=name))
    if not found.won:
        return _refused(texts, texts("story.refused.not_won", deal=name))

    answers, problems = checked(texts, story_form(texts, form), values)
    if problems:
        return _refused(texts, *problems.values())

    # Told now on the wall clock, which the scheduler looks for new stories by, even
    # when answers are given as of another moment (a demo's).
    kept = tell(
        context.session,
        deal_id,
        difference=answers[DIFFERENCE],
        helpers=answers[HELPERS],
        tip=answers[TIP] or None,
        at=utcnow(),
    )
    if not kept:  # told from another window a moment ago
        return _refused(texts, texts("story.refused.told", deal=name))
    logger.info("win story of deal %s told by rep %s", deal_id, context.asker.rep_id)
    return Reply(
        title=texts("story.thanks.title"), paragraphs=(texts("story.thanks.text", deal=name),)
    )


def story_post(texts: Texts, stories: Sequence[Story], team: str | None) -> Reply:
    """The stories told at one moment, for the celebration channels: the win, in the
    words of its owner."""
    first = stories[0]
    title = texts("post.story.title", name=first.owner, deal=_deal(texts, first))
    if team:
        title += f" · {team}"
    paragraphs = []
    for story in stories:
        if story is not first:
            heading = texts("post.story.title", name=story.owner, deal=_deal(texts, story))
            paragraphs.append(heading)
        won = texts(
            "post.celebration.line",
            name=story.owner,
            deal=_deal(texts, story),
            amount=texts.money(story.amount),
        )
        paragraphs.append(won + "\n" + story_lines(texts, story))
    return Reply(
        title=title, paragraphs=tuple(paragraphs), visibility=Visibility.CHANNEL, summary=title
    )


def story_lines(texts: Texts, story: Story) -> str:
    lines = [
        texts("story.difference", text=story.difference),
        texts("story.helpers", text=story.helpers),
    ]
    if story.tip:
        lines.append(texts("story.tip", text=story.tip))
    return "\n".join(lines)


def deal_name(texts: Texts, deal: str | None, account: str | None) -> str:
    shown = deal or texts("deal.unnamed")
    return texts("post.celebration.deal_of", deal=shown, account=account) if account else shown


def _deal(texts: Texts, story: Story) -> str:
    return deal_name(texts, story.deal, story.account)


def _refused(texts: Texts, *reasons: str) -> Reply:
    return Reply(title=texts("story.refused.title"), paragraphs=reasons)
