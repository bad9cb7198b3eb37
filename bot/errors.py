"""The one error boundary: whatever goes wrong in a handler reaches the person as a reply.

Mistakes of the person (a period or name that does not exist, figures that are not
theirs to see) become a reply that names the bad value and what would work. Anything
else is a fault of ours: its traceback is logged under a short reference id, and the
person gets a short apology with the same id, so support can find the log.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Awaitable, Callable

from bot.catalogue import Texts
from bot.people import NameNotFoundError, NotAllowedError
from bot.reply import Reply, bullets
from core.org import AmbiguousNameError, UnknownNameError
from core.periods import PeriodError

logger = logging.getLogger(__name__)


def new_reference() -> str:
    """A short id that a person can read out and an operator can grep for."""
    return uuid.uuid4().hex[:8]


async def guarded(texts: Texts, run: Callable[[], Awaitable[Reply]], *, what: str) -> Reply:
    """`run()`'s reply, or the reply that explains why there is none."""
    try:
        return await run()
    except NotAllowedError as error:
        return Reply(
            title=texts("error.not_allowed.title"),
            paragraphs=(texts("error.not_allowed", name=error.name),),
        )
    except PeriodError as error:
        return Reply(
            title=texts("error.bad_input.title"),
            paragraphs=(texts("error.period", value=error.text), texts("error.period.forms")),
        )
    except NameNotFoundError as error:
        return Reply(title=texts("error.bad_input.title"), paragraphs=name_help(texts, error))
    except (UnknownNameError, AmbiguousNameError) as error:
        return Reply(
            title=texts("error.bad_input.title"),
            paragraphs=(texts("error.name"), f"_{error}_"),
        )
    except Exception:
        reference = new_reference()
        logger.exception("unexpected error answering %s (reference %s)", what, reference)
        return apology(texts, reference)


def apology(texts: Texts, reference: str) -> Reply:
    return Reply(
        title=texts("error.unexpected.title"),
        paragraphs=(
            texts("error.unexpected", reference=reference),
            texts("error.unexpected.next"),
        ),
        summary=texts("error.unexpected.title"),
    )


def name_help(texts: Texts, error: NameNotFoundError) -> tuple[str, ...]:
    paragraphs = [texts("error.unknown_name", value=error.value)]
    if error.close:
        paragraphs.append(texts("error.did_you_mean", names=_names(error.close, texts)))
    elif error.listed:
        paragraphs.append(texts("error.valid_names"))
        paragraphs.append(bullets(error.listed))
    return tuple(paragraphs)


def _names(names: tuple[str, ...], texts: Texts) -> str:
    quoted = [f"*{name}*" for name in names]
    if len(quoted) == 1:
        return quoted[0]
    return texts("list.or", first=", ".join(quoted[:-1]), last=quoted[-1])
