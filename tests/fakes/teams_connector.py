"""A local HTTP double of the Bot Framework connector that Teams bots talk to.

It answers the calls Quotabot makes, at the service URL an activity names, and records
every one: the kind (SEND: POST v3/conversations/{id}/activities, REPLY: POST
v3/conversations/{id}/activities/{activityId}, MEMBER: GET
v3/conversations/{id}/members/{userId}, CREATE: POST v3/conversations, which opens a
personal chat), the conversation, the body and the headers.
Tests start it on an ephemeral port, put `service_url` into the activities they send,
and read `calls` afterwards (`delivered` for the ones it accepted). It can misbehave on
purpose: `fail(SEND, 429, retry_after=1)` makes the next send answer 429 with
Retry-After.

Like Teams, it takes at most seven messages (sends and replies) per conversation in any
one second, counted as they arrive, and answers 429 with `Retry-After: 1` to the ones
beyond; `per_second=None` turns that off.

It also publishes token signing keys as the Bot Framework does (an OpenID
configuration and its JWKS), for tests that sign or forge tokens.
"""

from __future__ import annotations

import itertools
import time
from dataclasses import dataclass, field, replace
from typing import Any

from aiohttp import web

SEND = "send"
REPLY = "reply"
MEMBER = "member"
CREATE = "create"
TENANT = "tenant-0000-test"
BOT_ID = "28:quotabot-test"
BOT_NAME = "Quotabot"
KEY_ID = "test-signing-key"
PER_SECOND = 7  # messages Teams takes into one conversation within any second

Json = dict[str, Any]


@dataclass(frozen=True)
class Call:
    kind: str
    conversation: str
    body: Json
    headers: dict[str, str]
    path: str
    at: float = field(default_factory=time.monotonic)
    status: int = 200  # what the double answered


@dataclass
class Fault:
    status: int
    times: int
    retry_after: int | None = None


@dataclass
class TeamsConnectorDouble:
    calls: list[Call] = field(default_factory=list)
    members: dict[str, Json] = field(default_factory=dict)
    faults: dict[str, Fault] = field(default_factory=dict)
    signing_keys: list[Json] = field(default_factory=list)  # JWKs, for the OpenID metadata
    url: str = ""
    per_second: int | None = PER_SECOND
    _runner: web.AppRunner | None = None
    _ids: itertools.count[int] = field(default_factory=lambda: itertools.count(1))

    # -- arranging ----------------------------------------------------------------

    def add_member(
        self, user_id: str, name: str, email: str | None, upn: str | None = None
    ) -> None:
        member: Json = {"id": user_id, "name": name, "tenantId": TENANT}
        if email:
            member["email"] = email
        if upn:
            member["userPrincipalName"] = upn
        self.members[user_id] = member

    def fail(
        self, kind: str, status: int, *, times: int = 1, retry_after: int | None = None
    ) -> None:
        """Answer the next `times` calls of `kind` with `status` (and Retry-After)."""
        self.faults[kind] = Fault(status, times, retry_after)

    @property
    def service_url(self) -> str:
        return f"{self.url}teams/"

    @property
    def openid_url(self) -> str:
        return f"{self.url}openid/.well-known/openidconfiguration"

    # -- reading --------------------------------------------------------------------

    def calls_of(self, *kinds: str) -> list[Call]:
        return [call for call in self.calls if call.kind in kinds]

    def delivered(self, *kinds: str) -> list[Call]:
        """The calls of `kinds` that the double accepted."""
        return [call for call in self.calls_of(*kinds) if call.status < 400]

    def wait_for(self, *kinds: str, count: int = 1, timeout: float = 15.0) -> list[Call]:
        """The calls of `kinds` once there are `count` of them (from the test's thread)."""
        deadline = time.monotonic() + timeout
        while len(self.calls_of(*kinds)) < count:
            if time.monotonic() > deadline:
                seen = [call.kind for call in self.calls]
                raise AssertionError(f"{count} x {kinds} never came; calls: {seen}")
            time.sleep(0.02)
        return self.calls_of(*kinds)

    # -- serving --------------------------------------------------------------------

    async def start(self) -> str:
        app = web.Application()
        base = "/teams/v3/conversations/{conversation}"
        app.router.add_post("/teams/v3/conversations", self._create)
        app.router.add_post(f"{base}/activities", self._send)
        app.router.add_post(f"{base}/activities/{{activity}}", self._reply)
        app.router.add_get(f"{base}/members/{{user}}", self._member)
        app.router.add_get("/openid/.well-known/openidconfiguration", self._openid)
        app.router.add_get("/openid/keys", self._keys)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        port = self._runner.addresses[0][1]
        self.url = f"http://127.0.0.1:{port}/"
        return self.url

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()

    def _record(self, kind: str, request: web.Request, body: Json) -> Call:
        headers = {
            name: value
            for name, value in request.headers.items()
            if name.lower() != "authorization"
        }
        conversation = request.match_info.get("conversation", "")
        call = Call(kind, conversation, body, headers, request.path)
        self.calls.append(call)
        return call

    def _throttled(self, call: Call) -> web.Response | None:
        """429 for a message beyond `per_second` in its conversation's last second."""
        if self.per_second is None:
            return None
        recent = [
            other
            for other in self.delivered(SEND, REPLY)
            if other is not call
            and other.conversation == call.conversation
            and call.at - other.at < 1.0
        ]
        if len(recent) < self.per_second:
            return None
        error = {"error": {"code": "Throttled", "message": "too many messages"}}
        return web.json_response(error, status=429, headers={"Retry-After": "1"})

    def _fault(self, kind: str) -> web.Response | None:
        fault = self.faults.get(kind)
        if fault is None or fault.times <= 0:
            return None
        fault.times -= 1
        headers = {} if fault.retry_after is None else {"Retry-After": str(fault.retry_after)}
        error = {"error": {"code": "Throttled" if fault.status == 429 else "ServiceError"}}
        return web.json_response(error, status=fault.status, headers=headers)

    async def _create(self, request: web.Request) -> web.Response:
        body = await request.json()
        self._record(CREATE, request, body)
        failed = self._fault(CREATE)
        if failed is not None:
            return failed
        [member] = body["members"]
        return web.json_response({"id": f"a:personal-{member['id']}"}, status=201)

    async def _send(self, request: web.Request) -> web.Response:
        return await self._message(SEND, request)

    async def _reply(self, request: web.Request) -> web.Response:
        return await self._message(REPLY, request)

    async def _message(self, kind: str, request: web.Request) -> web.Response:
        call = self._record(kind, request, await request.json())
        response = (
            self._fault(kind)
            or self._throttled(call)
            or web.json_response({"id": f"act-{next(self._ids)}"})
        )
        # Calls are frozen: the one just recorded (no await since) gets its status.
        assert self.calls[-1] is call
        self.calls[-1] = replace(call, status=response.status)
        return response

    async def _member(self, request: web.Request) -> web.Response:
        self._record(MEMBER, request, {"user": request.match_info["user"]})
        failed = self._fault(MEMBER)
        if failed is not None:
            return failed
        member = self.members.get(request.match_info["user"])
        if member is None:
            error = {"error": {"code": "MemberNotFoundInConversation", "message": "no member"}}
            return web.json_response(error, status=404)
        return web.json_response(member)

    async def _openid(self, _request: web.Request) -> web.Response:
        return web.json_response(
            {"issuer": "https://api.botframework.com", "jwks_uri": f"{self.url}openid/keys"}
        )

    async def _keys(self, _request: web.Request) -> web.Response:
        return web.json_response({"keys": self.signing_keys})
