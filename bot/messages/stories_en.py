"""English texts of win stories: the ask, the form, the post and `/stories`."""

MESSAGES: dict[str, str] = {
    "usage.stories": "stories [keyword]",
    "help.stories": "how deals were won, in the winners' words; a keyword narrows them",
    "story.ask.title": "🎉 You won {deal}!",
    "story.ask.text": (
        "Congratulations! How did you win it? Tell the team in a few words: your story "
        "goes to the celebration channels, so that what worked spreads."
    ),
    "story.form.title": "Your win story",
    "story.form.open": "Tell the story",
    "story.form.submit": "Share",
    "story.form.difference": "What made the difference?",
    "story.form.helpers": "Who helped?",
    "story.form.tip": "A tip for the team (optional)",
    "story.thanks.title": "Thank you!",
    "story.thanks.text": "Your story of {deal} goes to the celebration channels now.",
    "story.refused.title": "Your story was not kept",
    "story.refused.missing": "“{field}” is empty: write a few words there, then share again.",
    "story.refused.too_long": (
        "“{field}” has {count} characters; at most {limit} fit. Shorten it, then share again."
    ),
    "story.refused.unknown": "That form is not one of Quotabot's win stories any more.",
    "story.refused.not_yours": "Only the deal's owner, who was asked, can tell its story.",
    "story.refused.told": "The story of {deal} was told already: it is kept once.",
    "story.refused.not_won": (
        "{deal} is no longer marked won in the CRM, so its story is not posted."
    ),
    "post.story.title": "📖 How {name} won {deal}",
    "story.difference": "*What made the difference:* {text}",
    "story.helpers": "*Who helped:* {text}",
    "story.tip": "*Tip for the team:* {text}",
    "stories.title": "Win stories",
    "stories.title.keyword": "Win stories about “{keyword}”",
    "stories.line": "*{name}* · {deal} · {day}",
    "stories.none": "No win stories yet: they come from the winners of big deals.",
    "stories.none.keyword": (
        "No win story mentions “{keyword}”. Try a rep's name, a deal, an account or a "
        "word, or `stories` alone for the newest."
    ),
    "stories.more": "The newest {count} are shown; a keyword narrows them.",
}
