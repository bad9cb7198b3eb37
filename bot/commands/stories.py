"""`/stories [keyword]`: how deals were won, in the winners' words, newest first.

Stories are the team's best practice, so everyone sees all of them; they show no
amount (the celebration showed it when the deal was won).
"""

from __future__ import annotations

from bot.registry import ArgKind, Args, ChatContext, Command
from bot.reply import Reply
from bot.stories import deal_name, story_lines
from core.stories import SEARCHED, search


def stories(context: ChatContext, args: Args) -> Reply:
    texts = context.texts
    keyword = " ".join(args.words).strip() or None
    found = search(context.session, keyword, limit=SEARCHED + 1)
    title = texts("stories.title.keyword", keyword=keyword) if keyword else texts("stories.title")
    if not found:
        if keyword:
            return Reply(title=title, paragraphs=(texts("stories.none.keyword", keyword=keyword),))
        return Reply(title=title, paragraphs=(texts("stories.none"),))

    calendar = context.calendar
    paragraphs = []
    for story in found[:SEARCHED]:
        head = texts(
            "stories.line",
            name=story.owner,
            deal=deal_name(texts, story.deal, story.account),
            day=texts.day(calendar.local_date(story.told_at)),
        )
        paragraphs.append(head + "\n" + story_lines(texts, story))
    if len(found) > SEARCHED:
        paragraphs.append("_" + texts("stories.more", count=texts.number(SEARCHED)) + "_")
    return Reply(title=title, paragraphs=tuple(paragraphs), summary=title)


COMMANDS = [
    Command("stories", stories, frozenset({ArgKind.WORDS}), aliases=("storie",)),
]
