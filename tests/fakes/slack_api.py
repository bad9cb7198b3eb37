"""A local HTTP double of the Slack Web API, of its file uploads and of response URLs.

It answers the way Slack does, for the methods Quotabot calls, and records every call:
the method, its arguments (form, JSON or query, merged) and its headers, never the
token. Tests start it on an ephemeral port, point SLACK_API_URL at `api_url`, and read
`calls` afterwards. It can also misbehave on purpose: `fail("chat.postMessage", 429,
retry_after=1)` makes the next call of that method answer 429 with Retry-After; with
`limits` it keeps chat.postMessage's rate limits (PostingLimits) as Slack does.

Like Slack, it finishes an upload asynchronously: a file is "processed" only after
`processing_polls` calls of files.info, and a block that shows an unprocessed or
unknown file is refused as invalid_blocks.

It also serves Socket Mode: apps.connections.open (with the app-level token) answers a
ws:// URL on the double itself, where the app's websocket is greeted with "hello" as
Slack greets it. A test then pushes envelopes down that socket, `push(envelope(...))`,
and reads the acknowledgements the app sends back in `acks`.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any, Literal

from aiohttp import WSCloseCode, WSMsgType, web

BOT_TOKEN = "xoxb-test-token"
APP_TOKEN = "xapp-1-A0QUOTA-1-test-token"  # app-level, for Socket Mode
TEAM_ID = "T0TEST"
BOT_USER = "U0BOT"
APP_ID = "A0QUOTA"

SOCKET_PATH = "/link/"  # where apps.connections.open sends the app, as Slack's wss URLs do
APP_LEVEL_METHODS = {"apps.connections.open"}  # the methods that take the app-level token
CONNECTING = 5.0  # seconds a push waits for the app to open its socket

UPLOAD = "upload"  # the method name under which uploads of bytes are recorded
RESPONSE = "response"  # and posts to response URLs

Answer = dict[str, Any]
EnvelopeType = Literal["slash_commands", "events_api", "interactive"]


@dataclass(frozen=True)
class Call:
    method: str
    body: dict[str, Any]
    headers: dict[str, str]
    path: str
    peer: str = ""  # the caller's address and port: one per connection it opened
    at: float = field(default_factory=time.monotonic)


@dataclass(frozen=True)
class Pushed:
    """An envelope sent down the app's socket, and when."""

    envelope: Answer
    at: float = field(default_factory=time.monotonic)


@dataclass(frozen=True)
class Ack:
    """What the app sent back over its socket: an envelope_id, maybe a payload."""

    message: Answer
    at: float = field(default_factory=time.monotonic)

    @property
    def envelope_id(self) -> str | None:
        return self.message.get("envelope_id")


@dataclass
class Fault:
    status: int
    times: int
    retry_after: int | None = None


@dataclass
class PostingLimits:
    """chat.postMessage's limits, as Slack keeps them: one post a second in a channel,
    and a pace for the whole workspace with a few posts of burst above it. A post past
    either is answered 429 with Retry-After: 1, and not posted."""

    per_channel: float = 1.0  # seconds between two posts into one channel
    per_minute: int = 300  # posts a minute into the workspace
    burst: int = 5  # posts the workspace takes at once above its pace
    _last: dict[str, float] = field(default_factory=dict)
    _tokens: float = -1.0
    _filled_at: float = 0.0

    def admits(self, channel: str, now: float) -> bool:
        """Whether a post into `channel` at `now` is within the limits (and counts it)."""
        if self._tokens < 0:
            self._tokens, self._filled_at = float(self.burst), now
        rate = self.per_minute / 60.0
        self._tokens = min(float(self.burst), self._tokens + (now - self._filled_at) * rate)
        self._filled_at = now
        last = self._last.get(channel)
        if self._tokens < 1.0 or (last is not None and now - last < self.per_channel):
            return False
        self._tokens -= 1.0
        self._last[channel] = now
        return True


@dataclass
class SlackFile:
    id: str
    filename: str
    size: int
    alt_txt: str | None = None
    uploaded: bool = False
    completed: bool = False
    polls: int = 0


@dataclass
class SlackApiDouble:
    processing_polls: int = 2  # the first files.info finds a new file unprocessed
    limits: PostingLimits | None = None  # chat.postMessage's rate limits, when kept
    latency: float = 0.0  # seconds each chat.postMessage takes to answer
    calls: list[Call] = field(default_factory=list)
    posts: list[Call] = field(default_factory=list)  # the chat.postMessage calls accepted
    limited: list[Call] = field(default_factory=list)  # and those refused with 429
    users: dict[str, Answer] = field(default_factory=dict)
    files: dict[str, SlackFile] = field(default_factory=dict)
    faults: dict[str, Fault] = field(default_factory=dict)
    pushed: list[Pushed] = field(default_factory=list)
    acks: list[Ack] = field(default_factory=list)
    messages: list[tuple[str, str]] = field(default_factory=list)  # (channel, ts) posted
    connections: int = 0  # websockets the app has opened, ever
    url: str = ""
    _sockets: list[web.WebSocketResponse] = field(default_factory=list)
    _connected: asyncio.Event = field(default_factory=asyncio.Event)  # while a socket is open
    _runner: web.AppRunner | None = None
    _ids: itertools.count[int] = field(default_factory=lambda: itertools.count(1))

    # -- arranging ----------------------------------------------------------------

    def add_user(self, user_id: str, email: str | None, locale: str = "en-US") -> None:
        profile = {"email": email} if email else {}
        self.users[user_id] = {
            "id": user_id,
            "team_id": TEAM_ID,
            "name": user_id.lower(),
            "locale": locale,
            "profile": profile,
        }

    def fail(
        self, method: str, status: int, *, times: int = 1, retry_after: int | None = None
    ) -> None:
        """Answer the next `times` calls of `method` with `status` (and Retry-After)."""
        self.faults[method] = Fault(status, times, retry_after)

    def envelope(
        self,
        kind: EnvelopeType,
        payload: Answer,
        *,
        envelope_id: str | None = None,
        retry_attempt: int | None = None,
        retry_reason: str = "",
    ) -> Answer:
        """A Socket Mode envelope as Slack sends it; `retry_attempt` for events_api."""
        envelope: Answer = {
            "envelope_id": envelope_id or f"env-{next(self._ids):06d}",
            "type": kind,
            "payload": payload,
            # Slack takes an answer in the ack of a slash command, not of a button press.
            "accepts_response_payload": kind == "slash_commands",
        }
        if kind == "events_api":
            envelope |= {"retry_attempt": retry_attempt or 0, "retry_reason": retry_reason}
        return envelope

    def response_url(self, name: str) -> str:
        return f"{self.url}response/{name}"

    @property
    def api_url(self) -> str:
        return f"{self.url}api/"

    # -- reading --------------------------------------------------------------------

    def calls_of(self, method: str) -> list[Call]:
        return [call for call in self.calls if call.method == method]

    def wait_for(self, method: str, count: int = 1, timeout: float = 15.0) -> list[Call]:
        """The calls of `method` once there are `count` of them (from the test's thread)."""
        deadline = time.monotonic() + timeout
        while len(self.calls_of(method)) < count:
            if time.monotonic() > deadline:
                seen = [call.method for call in self.calls]
                raise AssertionError(f"{count} x {method} never came; calls: {seen}")
            time.sleep(0.02)
        return self.calls_of(method)

    def acks_of(self, envelope_id: str) -> list[Ack]:
        return [ack for ack in self.acks if ack.envelope_id == envelope_id]

    def wait_for_acks(self, envelope_id: str, count: int = 1, timeout: float = 15.0) -> list[Ack]:
        """The acks of `envelope_id` once there are `count` of them (from the test's thread)."""
        deadline = time.monotonic() + timeout
        while len(self.acks_of(envelope_id)) < count:
            if time.monotonic() > deadline:
                seen = [ack.message for ack in self.acks]
                raise AssertionError(f"{count} x ack of {envelope_id} never came; acks: {seen}")
            time.sleep(0.01)
        return self.acks_of(envelope_id)

    @property
    def open_sockets(self) -> int:
        return len(self._sockets)

    # -- Socket Mode ------------------------------------------------------------------

    async def push(self, envelope: Answer) -> Pushed:
        """Send `envelope` down the app's socket, once the app has connected."""
        try:
            async with asyncio.timeout(CONNECTING):
                await self._connected.wait()
        except TimeoutError:
            raise AssertionError("the app never opened a Socket Mode connection") from None
        pushed = Pushed(envelope)
        self.pushed.append(pushed)
        await self._sockets[-1].send_json(envelope)
        return pushed

    # -- serving --------------------------------------------------------------------

    async def start(self) -> str:
        app = web.Application()
        app.router.add_route("*", "/api/{method}", self._api)
        app.router.add_post("/upload/{file_id}", self._upload)
        app.router.add_post("/response/{name}", self._response)
        app.router.add_get(SOCKET_PATH, self._socket)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        port = self._runner.addresses[0][1]
        self.url = f"http://127.0.0.1:{port}/"
        return self.url

    async def stop(self) -> None:
        # A socket the app left open would hold the shutdown up.
        for socket in list(self._sockets):
            await socket.close(code=WSCloseCode.GOING_AWAY)
        if self._runner is not None:
            await self._runner.cleanup()

    def _record(self, method: str, request: web.Request, body: dict[str, Any]) -> Call:
        headers = {
            name: value
            for name, value in request.headers.items()
            if name.lower() != "authorization"
        }
        transport = request.transport
        host, port, *_ = transport.get_extra_info("peername") if transport else ("", 0)
        call = Call(method, body, headers, request.path, f"{host}:{port}")
        self.calls.append(call)
        return call

    def _fault(self, method: str) -> web.Response | None:
        fault = self.faults.get(method)
        if fault is None or fault.times <= 0:
            return None
        fault.times -= 1
        headers = {} if fault.retry_after is None else {"Retry-After": str(fault.retry_after)}
        error = "ratelimited" if fault.status == 429 else "fatal_error"
        return web.json_response(
            {"ok": False, "error": error}, status=fault.status, headers=headers
        )

    async def _api(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        body = await _arguments(request)
        call = self._record(method, request, body)
        failed = self._fault(method) or self._limit(call)
        if failed is not None:
            return failed
        token = request.headers.get("Authorization", "").removeprefix("Bearer ")
        wanted = APP_TOKEN if method in APP_LEVEL_METHODS else BOT_TOKEN
        if token != wanted:
            known = token in (APP_TOKEN, BOT_TOKEN)
            error = "not_allowed_token_type" if known else "invalid_auth"
            return web.json_response({"ok": False, "error": error})
        handler = self._methods().get(method)
        if handler is None:
            return web.json_response({"ok": False, "error": "unknown_method"})
        answer = await handler(request, body)
        if method == "chat.postMessage" and answer["ok"]:
            self.posts.append(call)
        return web.json_response(answer)

    def _limit(self, call: Call) -> web.Response | None:
        if self.limits is None or call.method != "chat.postMessage":
            return None
        if self.limits.admits(str(call.body.get("channel")), call.at):
            return None
        self.limited.append(call)
        return web.json_response(
            {"ok": False, "error": "ratelimited"}, status=429, headers={"Retry-After": "1"}
        )

    async def _upload(self, request: web.Request) -> web.Response:
        data = await request.read()
        self._record(UPLOAD, request, {"size": len(data)})
        failed = self._fault(UPLOAD)
        if failed is not None:
            return failed
        file = self.files.get(request.match_info["file_id"])
        if file is None:
            return web.Response(status=404, text="not found")
        file.uploaded = True
        return web.Response(text=f"OK - {len(data)}")

    async def _response(self, request: web.Request) -> web.Response:
        body = await request.json()
        self._record(RESPONSE, request, body)
        failed = self._fault(RESPONSE)
        if failed is not None:
            return failed
        if self._bad_blocks(body.get("blocks") or []):
            return web.Response(status=400, text="invalid_blocks")
        return web.Response(text="ok")

    async def _socket(self, request: web.Request) -> web.WebSocketResponse:
        socket = web.WebSocketResponse()
        await socket.prepare(request)
        self.connections += 1
        await socket.send_json(
            {
                "type": "hello",
                "num_connections": len(self._sockets) + 1,
                "debug_info": {"host": "double", "approximate_connection_time": 18060},
                "connection_info": {"app_id": APP_ID},
            }
        )
        self._sockets.append(socket)
        self._connected.set()
        try:
            async for message in socket:
                if message.type is WSMsgType.TEXT:
                    self.acks.append(Ack(json.loads(message.data)))
        finally:
            self._sockets.remove(socket)
            if not self._sockets:
                self._connected.clear()
        return socket

    # -- methods --------------------------------------------------------------------

    def _methods(self) -> dict[str, Callable[[web.Request, dict[str, Any]], Awaitable[Answer]]]:
        return {
            "auth.test": self._auth_test,
            "apps.connections.open": self._connections_open,
            "users.info": self._users_info,
            "chat.postMessage": self._post_message,
            "chat.postEphemeral": self._post_ephemeral,
            "views.publish": self._views_publish,
            "views.open": self._views_open,
            "files.getUploadURLExternal": self._upload_url,
            "files.completeUploadExternal": self._complete_upload,
            "files.info": self._files_info,
        }

    async def _auth_test(self, _request: web.Request, _body: dict[str, Any]) -> Answer:
        return {
            "ok": True,
            "url": "https://quotabot-test.slack.com/",
            "team": "Quotabot Test",
            "user": "quotabot",
            "team_id": TEAM_ID,
            "user_id": BOT_USER,
            "bot_id": "B0BOT",
            "is_enterprise_install": False,
        }

    async def _connections_open(self, request: web.Request, _body: dict[str, Any]) -> Answer:
        ticket = next(self._ids)
        url = f"ws://{request.host}{SOCKET_PATH}?ticket={ticket}&app_id={APP_ID}"
        return {"ok": True, "url": url}

    async def _users_info(self, _request: web.Request, body: dict[str, Any]) -> Answer:
        user = self.users.get(str(body.get("user")))
        return {"ok": True, "user": user} if user else {"ok": False, "error": "user_not_found"}

    async def _post_message(self, _request: web.Request, body: dict[str, Any]) -> Answer:
        if self._bad_blocks(_blocks(body)):
            return {"ok": False, "error": "invalid_blocks"}
        if self.latency:
            await asyncio.sleep(self.latency)
        ts = f"{time.time():.6f}"
        self.messages.append((str(body.get("channel")), ts))
        return {"ok": True, "channel": body.get("channel"), "ts": ts, "message": {"ts": ts}}

    async def _post_ephemeral(self, _request: web.Request, body: dict[str, Any]) -> Answer:
        if self._bad_blocks(_blocks(body)):
            return {"ok": False, "error": "invalid_blocks"}
        return {"ok": True, "message_ts": f"{time.time():.6f}"}

    async def _views_publish(self, _request: web.Request, body: dict[str, Any]) -> Answer:
        view = body.get("view")
        view = json.loads(view) if isinstance(view, str) else view or {}
        if self._bad_blocks(view.get("blocks") or []):
            return {"ok": False, "error": "invalid_blocks"}
        return {"ok": True, "view": {"id": f"V{next(self._ids):09d}", **view}}

    async def _views_open(self, _request: web.Request, body: dict[str, Any]) -> Answer:
        # Slack opens a modal only for a fresh trigger_id, with a title and a submit of
        # at most 24 characters and input blocks that each name a block and an action.
        view = body.get("view")
        view = json.loads(view) if isinstance(view, str) else view or {}
        if not body.get("trigger_id"):
            return {"ok": False, "error": "invalid_trigger_id"}
        texts = [view.get("title") or {}, view.get("submit") or {}]
        if view.get("type") != "modal" or any(
            not 0 < len(text.get("text", "")) <= 24 for text in texts
        ):
            return {"ok": False, "error": "invalid_arguments"}
        blocks = view.get("blocks") or []
        if not blocks or len(blocks) > 100 or self._bad_blocks(blocks):
            return {"ok": False, "error": "invalid_blocks"}
        for block in blocks:
            element = block.get("element") or {}
            if block.get("type") == "input" and not (
                block.get("block_id") and element.get("action_id") and block.get("label")
            ):
                return {"ok": False, "error": "invalid_blocks"}
        return {"ok": True, "view": {"id": f"V{next(self._ids):09d}", **view}}

    async def _upload_url(self, request: web.Request, body: dict[str, Any]) -> Answer:
        if not body.get("filename") or not str(body.get("length", "")).isdigit():
            return {"ok": False, "error": "invalid_arguments"}
        file_id = f"F{next(self._ids):09d}"
        self.files[file_id] = SlackFile(
            file_id, str(body["filename"]), int(body["length"]), body.get("alt_txt")
        )
        origin = f"{request.url.scheme}://{request.host}"
        return {"ok": True, "upload_url": f"{origin}/upload/{file_id}", "file_id": file_id}

    async def _complete_upload(self, _request: web.Request, body: dict[str, Any]) -> Answer:
        wanted = body.get("files")
        wanted = json.loads(wanted) if isinstance(wanted, str) else wanted or []
        done = []
        for item in wanted:
            file = self.files.get(item.get("id"))
            if file is None or not file.uploaded:
                return {"ok": False, "error": "file_not_found"}
            file.completed = True
            done.append({"id": file.id, "title": item.get("title") or file.filename})
        return {"ok": True, "files": done}

    async def _files_info(self, _request: web.Request, body: dict[str, Any]) -> Answer:
        file = self.files.get(str(body.get("file")))
        if file is None or not file.completed:
            return {"ok": False, "error": "file_not_found"}
        file.polls += 1
        shown: Answer = {"id": file.id, "name": file.filename, "size": file.size}
        if self._processed(file):
            shown |= {"mimetype": "image/png", "filetype": "png", "original_w": 1200}
        return {"ok": True, "file": shown}

    def _processed(self, file: SlackFile) -> bool:
        return file.completed and file.polls >= self.processing_polls

    def _bad_blocks(self, blocks: list[Answer]) -> bool:
        """An image block whose slack_file Slack does not have, or has not processed."""
        for block in blocks:
            if block.get("type") != "image" or "slack_file" not in block:
                continue
            file = self.files.get(block["slack_file"].get("id"))
            if file is None or not self._processed(file):
                return True
        return False


def _blocks(body: dict[str, Any]) -> list[Answer]:
    blocks = body.get("blocks") or []
    return json.loads(blocks) if isinstance(blocks, str) else list(blocks)


async def _arguments(request: web.Request) -> dict[str, Any]:
    arguments: dict[str, Any] = dict(request.query)
    if request.content_type == "application/json":
        arguments |= await request.json()
    elif request.can_read_body:
        arguments |= dict(await request.post())
    return arguments
