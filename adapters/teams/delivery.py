"""Sending to Teams: cards with their chart URLs, at Teams' pace, retried when it is busy.

Teams takes at most seven messages per second in one conversation (and fewer over
longer spans), answering 429 beyond; it also answers 412, 502 and 504 now and then
when it is busy. Every message of Quotabot goes through `Delivery.send`, which keeps to
seven a second in each conversation (counted from Teams' answer to each, the latest
moment Teams can have counted it) and tries those answers again, waiting as long as
a Retry-After says or else a growing pause. The connector's own retries (msrest's) are
turned off, so that there is one policy and one count of tries.

`TeamsSender` is the scheduler's `Sender` for Teams: it posts into a conversation
stored by adapters.teams.conversations, as a proactive message.
"""

from __future__ import annotations

import asyncio
import logging
import random
import time
from collections import deque
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import Any

from botbuilder.core import BotAdapter, TurnContext
from botbuilder.schema import Activity, Attachment, ErrorResponseException, ResourceResponse
from msrest.exceptions import ClientRequestError
from sqlmodel import Session

from adapters.teams import conversations
from adapters.teams.cards import CONTENT_TYPE, card, summary
from adapters.teams.images import ChartImages
from bot.reply import Reply
from core.subscriptions import Target

logger = logging.getLogger(__name__)

PER_SECOND = 7  # messages in one conversation within any second
# The second counted, with a margin: a message's trip to Teams takes longer at times.
WINDOW = 1.1
RETRIED = frozenset({412, 429, 502, 504})
RETRIES = 4  # after the first try
BACKOFF = 0.5  # seconds; doubled at each retry, plus jitter
LONGEST_WAIT = 60.0  # a Retry-After beyond this is not waited out

TEAMS_FAILURES: tuple[type[Exception], ...] = (
    ErrorResponseException,
    ClientRequestError,
    TimeoutError,
    OSError,
)


def activity_of(reply: Reply, images: ChartImages) -> Activity:
    """The message activity of a reply, its charts kept in `images` and shown by URL."""
    urls = [images.url(chart.png) for chart in reply.images]
    return Activity(
        type="message",
        summary=summary(reply),
        attachments=[Attachment(content_type=CONTENT_TYPE, content=card(reply, urls))],
    )


@dataclass
class _Message:
    """A message on its way into a conversation; `at` is when Teams answered it."""

    answered: asyncio.Event = field(default_factory=asyncio.Event)
    at: float = 0.0


@dataclass
class Pace:
    """At most `per_second` messages into one conversation within any one second.

    Teams counts a message when it arrives, somewhere between the request's start and
    its answer, and the first of several sent at once often arrives last; so a place
    is free again `window` seconds after Teams has answered, not after the start.
    """

    per_second: int = PER_SECOND
    window: float = WINDOW
    clock: Callable[[], float] = time.monotonic
    _sent: dict[str, deque[_Message]] = field(default_factory=dict)
    _locks: dict[str, asyncio.Lock] = field(default_factory=dict)

    @asynccontextmanager
    async def turn(self, conversation: str) -> AsyncIterator[None]:
        """Hold one of the conversation's places while a message goes into it."""
        message = _Message()
        async with self._locks.setdefault(conversation, asyncio.Lock()):
            sent = self._sent.setdefault(conversation, deque())
            while len(sent) >= self.per_second:
                oldest = sent[0]
                await oldest.answered.wait()
                wait = oldest.at + self.window - self.clock()
                if wait <= 0:
                    sent.popleft()
                    continue
                logger.debug("waiting %.2f s before posting to %s again", wait, conversation)
                await asyncio.sleep(wait)
            sent.append(message)
        try:
            yield
        finally:
            message.at = self.clock()
            message.answered.set()


@dataclass
class Delivery:
    pace: Pace = field(default_factory=Pace)
    retries: int = RETRIES
    backoff: float = BACKOFF

    async def send(
        self, turn: TurnContext, activity: Activity, *, reply: bool = False
    ) -> ResourceResponse:
        """Post `activity` into the turn's conversation, in reply to the turn's activity
        if `reply`; raises one of TEAMS_FAILURES."""
        connector = turn.turn_state.get(turn.adapter.BOT_CONNECTOR_CLIENT_KEY)
        connector.config.retry_policy.retries = 0  # this loop is the one retry policy
        reference = TurnContext.get_conversation_reference(turn.activity)
        activity = TurnContext.apply_conversation_reference(activity, reference)
        activity.reply_to_id = turn.activity.id if reply else None
        conversation = str(reference.conversation.id)
        reply_to = turn.activity.id if reply else None

        async def post() -> ResourceResponse:
            if reply_to:
                return await connector.conversations.reply_to_activity(
                    conversation, reply_to, activity
                )
            return await connector.conversations.send_to_conversation(conversation, activity)

        for attempt in range(self.retries + 1):
            try:
                async with self.pace.turn(conversation):
                    return await post()
            except ErrorResponseException as error:
                status = getattr(error.response, "status_code", None)
                if status not in RETRIED or attempt == self.retries:
                    raise
                pause = self._pause(attempt, _retry_after(error))
                logger.info("Teams answered %s; trying again in %.1f s", status, pause)
            except ClientRequestError as error:
                if attempt == self.retries:
                    raise
                pause = self._pause(attempt, None)
                logger.info("could not reach Teams (%s); trying again in %.1f s", error, pause)
            await asyncio.sleep(pause)
        raise AssertionError("unreachable: the last try returns or raises")

    def _pause(self, attempt: int, retry_after: float | None) -> float:
        if retry_after is not None:
            return float(min(retry_after, LONGEST_WAIT))
        return self.backoff * 2.0**attempt * (1 + random.random() / 4)


def _retry_after(error: ErrorResponseException) -> float | None:
    headers = getattr(error.response, "headers", None) or {}
    value = headers.get("Retry-After")
    try:
        return max(0.0, float(value)) if value is not None else None
    except ValueError:
        return None  # an HTTP date: rare from Teams, and the backoff will do


class NoConversationError(LookupError):
    """A target the bot holds no conversation reference for."""

    def __init__(self, target: Target) -> None:
        self.target = target
        super().__init__(
            f"Quotabot is not in Teams conversation {target.address} of tenant "
            f"{target.workspace}: add it to the team or chat first"
        )


@dataclass
class TeamsSender:
    """Scheduled posts into stored Teams conversations (scheduler.delivery.Sender)."""

    adapter: BotAdapter
    app_id: str | None
    open_session: Callable[[], Session]
    delivery: Delivery
    images: ChartImages

    async def send(self, target: Target, reply: Reply) -> None:
        reference = await asyncio.to_thread(self._reference, target)
        if reference is None:
            raise NoConversationError(target)
        activity = activity_of(reply, self.images)

        async def post(turn: TurnContext) -> None:
            await self.delivery.send(turn, activity)

        done: Awaitable[Any] = self.adapter.continue_conversation(reference, post, self.app_id)
        await done

    def _reference(self, target: Target) -> Any:
        with self.open_session() as session:
            return conversations.reference(session, target.workspace, target.address)
