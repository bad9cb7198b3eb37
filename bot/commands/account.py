"""`/quotabot help`, `/quotabot whoami` and `/quotabot link @user EMAIL` (admins)."""

from __future__ import annotations

from sqlmodel import select

from bot.people import Level, link
from bot.registry import ArgKind, Args, ChatContext, Command, UsageError, usage
from bot.reply import Field, Reply
from core.models import Rep
from core.org import Org


def help_(context: ChatContext, args: Args) -> Reply:
    texts, registry = context.texts, context.registry
    assert registry is not None, "the registry sets itself on the context it dispatches"
    if args.words:
        command = registry.find(args.words[0])
        if command is None:
            return registry.unknown(args.words[0], context)
        return usage(command, texts)
    lines = [
        f"• `{texts(command.usage_key)}`: {texts(command.help_key)}"
        for command in registry.visible_to(context.asker)
    ]
    return Reply(
        title=texts("help.title"),
        paragraphs=(texts("help.intro"), "\n".join(lines), texts("help.public")),
    )


def whoami(context: ChatContext, args: Args) -> Reply:
    texts, asker = context.texts, context.asker
    org = Org.load(context.session)
    me = org.reps[asker.rep_id]
    manager = org.reps.get(me.manager_id) if me.manager_id is not None else None
    if asker.level is Level.ADMIN:
        sees = texts("whoami.sees_all")
    elif asker.reports:
        sees = texts.plural("whoami.sees_reports", len(asker.reports))
    else:
        sees = texts("whoami.sees_own")
    return Reply(
        title=texts("whoami.title", name=asker.name),
        fields=(
            Field(texts("field.email"), asker.email),
            Field(texts("field.role"), texts(f"role.{asker.level.name.lower()}")),
            Field(texts("field.team"), org.team_name(me.team_id) or texts.money(None)),
            Field(texts("field.manager"), manager.name if manager else texts.money(None)),
            Field(texts("field.language"), texts.locale.get_display_name(texts.locale) or ""),
        ),
        paragraphs=(sees,),
    )


def user_id_of(mention: str) -> str:
    """The platform's user id in a mention: "<@U123|ava>" and "@U123" are "U123"."""
    return mention.strip("<>").lstrip("@").split("|", 1)[0]


def link_user(context: ChatContext, args: Args) -> Reply:
    texts = context.texts
    if len(args.words) != 2:
        raise UsageError(args.words[2] if len(args.words) > 2 else None)
    mention, email = args.words
    rep = context.session.exec(select(Rep).where(Rep.email == email.strip().lower())).first()
    if rep is None:
        return Reply(
            title=texts("error.bad_input.title"),
            paragraphs=(texts("link.unknown_email", email=email),),
        )
    user_id = user_id_of(mention)
    link(context.session, context.platform, context.workspace, user_id, rep)
    return Reply(
        title=texts("link.title"),
        paragraphs=(texts("link.done", user=user_id, name=rep.name, email=rep.email),),
    )


COMMANDS = [
    Command("help", help_, frozenset({ArgKind.WORDS}), Level.REP, aliases=("aiuto", "?")),
    Command("whoami", whoami, frozenset(), Level.REP, aliases=("chisono",)),
    Command("link", link_user, frozenset({ArgKind.WORDS}), Level.ADMIN),
]
