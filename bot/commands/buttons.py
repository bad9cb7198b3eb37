"""The buttons under a reply: another period, the asker's pipeline, post to the channel,
and those of personal notices: snooze nudges, the pipeline, everyone at risk."""

from __future__ import annotations

from bot.catalogue import Texts
from bot.registry import Args, ChatContext
from bot.reply import POST, RUN, Button

THIS_QUARTER, LAST_QUARTER = "this-quarter", "last-quarter"


def period_button(context: ChatContext, command: str, args: Args) -> Button:
    """Last quarter while this one is shown, this quarter otherwise."""
    calendar = context.calendar
    shown = context.period(args)
    if shown == calendar.parse(THIS_QUARTER, context.now):
        label, period = context.texts("button.last_quarter"), LAST_QUARTER
    else:
        label, period = context.texts("button.this_quarter"), THIS_QUARTER
    return Button(label, RUN, args.line(command, period=period))


def pipeline_button(context: ChatContext, args: Args) -> Button:
    """The pipeline behind the figures shown: the asker's own, or the named one's."""
    line = Args(period_text=args.period_text, name=args.name).line("pipeline")
    key = "button.pipeline.theirs" if args.name else "button.pipeline"
    return Button(context.texts(key), RUN, line)


def post_button(context: ChatContext, command: str, args: Args) -> tuple[Button, ...]:
    """Post to the channel, unless the reply is already going there."""
    if args.public:
        return ()
    return (Button(context.texts("button.post"), POST, args.line(command, public=True)),)


def standard(context: ChatContext, command: str, args: Args) -> tuple[Button, ...]:
    return (period_button(context, command, args), *post_button(context, command, args))


# -- the buttons of personal notices, which have no command line of their own to vary --


def snooze_button(texts: Texts, days: int) -> Button:
    """Snooze the asker's nudges for `days` days."""
    return Button(texts.plural("button.snooze", days), RUN, f"nudges snooze {days}")


def own_pipeline_button(texts: Texts) -> Button:
    return Button(texts("button.pipeline"), RUN, "pipeline")


def atrisk_button(texts: Texts) -> Button:
    """Everyone at risk among the asker's people."""
    return Button(texts("button.atrisk"), RUN, "atrisk")
