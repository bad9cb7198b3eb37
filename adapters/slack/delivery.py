"""Sending replies to Slack: chart uploads, the response URL, messages and the App Home.

Charts are uploaded with `files_upload_v2` and shared with no channel, so that only
the bot can see them until a message of its own shows them in an image block (by
`slack_file` id). Slack finishes an upload asynchronously: until an image is processed
a block that refers to it is refused as `invalid_blocks`. So after an upload
`files.info` is polled (the app needs files:read), briefly, until Slack knows the
image's size; should a message still be refused, it is sent once more without its
charts rather than not at all.

Every call to Slack goes through slack_sdk's retry handlers: a 429 waits as long as
its Retry-After says, a 5xx and a dropped or timed-out connection are tried again with
growing pauses. What still fails after the last try raises `SLACK_FAILURES`, for the
caller's error boundary to log.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any

import aiohttp
from slack_sdk.errors import SlackApiError, SlackRequestError
from slack_sdk.http_retry.async_handler import AsyncRetryHandler
from slack_sdk.http_retry.builtin_async_handlers import (
    AsyncConnectionErrorRetryHandler,
    AsyncRateLimitErrorRetryHandler,
    AsyncServerErrorRetryHandler,
)
from slack_sdk.http_retry.builtin_interval_calculators import BackoffRetryIntervalCalculator
from slack_sdk.http_retry.request import HttpRequest
from slack_sdk.http_retry.response import HttpResponse
from slack_sdk.http_retry.state import RetryState
from slack_sdk.web.async_client import AsyncWebClient
from slack_sdk.webhook.async_client import AsyncWebhookClient

from adapters.slack.blocks import blocks, fallback_text, home_view
from bot.charts import Chart
from bot.reply import Reply, Visibility
from core.subscriptions import Posted

logger = logging.getLogger(__name__)

RETRIES = 3  # per kind of failure, after the first try
BACKOFF = 0.5  # seconds; doubled at each retry, plus jitter
TIMEOUT = 15  # seconds for one call to Slack
READY_POLLS = (0.2, 0.4, 0.8, 1.6)  # pauses between files.info polls for a new chart

# A response URL lets anyone post into the conversation for half an hour: slack_sdk logs
# it (at debug and info) when it retries, so its webhook client logs to a quiet logger.
_response_url_log = logging.getLogger(f"{__name__}.response_url")
_response_url_log.setLevel(logging.WARNING)


class DeliveryError(Exception):
    """Slack answered a response URL with an error."""


SLACK_FAILURES: tuple[type[Exception], ...] = (
    SlackApiError,
    SlackRequestError,
    DeliveryError,
    aiohttp.ClientError,
    TimeoutError,
)


class ServerErrorRetryHandler(AsyncServerErrorRetryHandler):
    """slack_sdk's handler retries 500 and 503 only; Slack's 502 and 504 pass too."""

    async def _can_retry_async(
        self,
        *,
        state: RetryState,
        request: HttpRequest,
        response: HttpResponse | None = None,
        error: Exception | None = None,
    ) -> bool:
        return response is not None and response.status_code >= 500


def retry_handlers(backoff: float = BACKOFF) -> list[AsyncRetryHandler]:
    pauses = BackoffRetryIntervalCalculator(backoff_factor=backoff)
    connection_errors: list[type[Exception]] = [
        aiohttp.ServerConnectionError,
        aiohttp.ClientOSError,
        TimeoutError,
    ]
    return [
        AsyncRateLimitErrorRetryHandler(max_retry_count=RETRIES),
        ServerErrorRetryHandler(max_retry_count=RETRIES, interval_calculator=pauses),
        AsyncConnectionErrorRetryHandler(
            max_retry_count=RETRIES, interval_calculator=pauses, error_types=connection_errors
        ),
    ]


def web_client(token: str, api_url: str, backoff: float = BACKOFF) -> AsyncWebClient:
    return AsyncWebClient(
        token=token,
        base_url=api_url,
        timeout=TIMEOUT,
        retry_handlers=retry_handlers(backoff),
        logger=logging.getLogger(f"{__name__}.web_api"),
    )


@dataclass(frozen=True)
class Where:
    """Where an answer goes: the response URL when there is one, else by the Web API."""

    user_id: str
    channel_id: str | None = None
    response_url: str | None = field(default=None, repr=False)
    home: bool = False  # the asker's App Home tab


@dataclass
class Delivery:
    client: AsyncWebClient
    backoff: float = BACKOFF
    ready_polls: Sequence[float] = READY_POLLS

    async def connect(self) -> None:
        """Keep connections to Slack open from call to call, until `disconnect`.

        Without it each call opens and closes a connection of its own: an answer makes
        six calls (the profile, three for the chart, files.info, the response URL), and
        the handshakes cost the server more CPU than the answer's SQL. Called on the
        server's event loop, which every later call must run on.
        """
        if self.client.session is None or self.client.session.closed:
            self.client.session = aiohttp.ClientSession()

    async def disconnect(self) -> None:
        session, self.client.session = self.client.session, None
        if session is not None:
            await session.close()

    async def send(self, reply: Reply, where: Where) -> Posted | None:
        """Upload the reply's charts and deliver it; raises one of SLACK_FAILURES.

        Returns where a message posted by chat.postMessage went (its channel and ts);
        None for the other ways of answering."""
        reply, files = await self.upload(reply)
        try:
            return await self._send(reply, files, where)
        except (SlackApiError, DeliveryError) as error:
            if not files or "invalid_blocks" not in str(error):
                raise
            logger.warning("Slack refused the charts' blocks; answering without them")
            return await self._send(replace(reply, images=()), [], where)

    async def upload(self, reply: Reply) -> tuple[Reply, list[str]]:
        """The reply and its charts' file ids, in order; without charts if one failed."""
        if not reply.images:
            return reply, []
        try:
            return reply, list(await asyncio.gather(*map(self._upload, reply.images)))
        except SLACK_FAILURES as error:
            logger.warning("could not upload a chart, answering without: %s", error)
            return replace(reply, images=()), []

    async def _upload(self, chart: Chart) -> str:
        response = await self.client.files_upload_v2(
            content=chart.png,
            filename="quotabot-chart.png",
            title=chart.alt_text,
            alt_txt=chart.alt_text,
        )
        file_id = str(response["file"]["id"])
        await self._until_ready(file_id)
        return file_id

    async def _until_ready(self, file_id: str) -> None:
        for pause in self.ready_polls:
            try:
                info = await self.client.files_info(file=file_id)
            except SlackApiError as error:
                if error.response.status_code != 200:
                    raise
                # Most likely the app lacks files:read; the blocks are tried anyway.
                logger.warning("files.info failed (%s): not waiting", error.response.get("error"))
                return
            if info["file"].get("original_w"):
                return
            await asyncio.sleep(pause)
        logger.info("chart %s not processed yet after %s polls", file_id, len(self.ready_polls))

    async def _send(self, reply: Reply, files: list[str], where: Where) -> Posted | None:
        if where.home:
            await self.client.views_publish(user_id=where.user_id, view=home_view(reply, files))
            return None

        message: dict[str, Any] = {"text": fallback_text(reply), "blocks": blocks(reply, files)}
        public = reply.visibility is Visibility.CHANNEL
        if where.response_url:
            await self._respond(where.response_url, message, public)
            return None
        if where.channel_id and not public:
            await self.client.chat_postEphemeral(
                channel=where.channel_id, user=where.user_id, **message
            )
            return None
        # A channel, or nowhere else to say it: the app's direct messages with the person.
        channel = where.channel_id if where.channel_id and public else where.user_id
        response = await self.client.chat_postMessage(channel=channel, **message)
        ts = response.get("ts")
        return Posted(str(response.get("channel") or channel), str(ts)) if ts else None

    async def _respond(self, url: str, message: dict[str, Any], public: bool) -> None:
        webhook = AsyncWebhookClient(
            url,
            session=self.client.session,
            timeout=TIMEOUT,
            retry_handlers=retry_handlers(self.backoff),
            logger=_response_url_log,
        )
        kind = "in_channel" if public else "ephemeral"
        response = await webhook.send_dict({**message, "response_type": kind})
        if response.status_code != 200:
            raise DeliveryError(
                f"the response URL answered {response.status_code}: {response.body[:200]}"
            )
