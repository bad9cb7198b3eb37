"""How fast `quotabot serve` answers Slack: 20 people asking /myquota at once.

    python -m bench.slack [--reps 5000] [--deals 1000000] [--rounds 3] [--concurrency 20]

The server runs in a process of its own (so that its peak memory is its own) on the
benchmark database; the local double of the Slack Web API (tests/fakes/slack_api.py)
runs here, answers users.info with the email of a different rep for each Slack user,
takes the chart uploads and records when each answer reaches its response URL. The
slash commands are signed the way Slack signs them and sent over HTTP.

Measured, from a warm server (one request first), in the median of the rounds (by full
answer p50): the acknowledgement (the HTTP 200 of the command), the full answer (from
sending the command to the answer's arrival at the response URL, chart upload
included), then the chart functions timed alone on a real rep's figures, and the
server's peak resident memory (VmHWM) at the end.

Every round asks as new Slack users, so each request also finds its person by email and
links them, as a first question does. The links go to a workspace of the benchmark's
own, removed before and after the run. Limitations: the double answers at once and
processes an upload on its first files.info poll, so Slack's own latency and its image
processing are not counted; the clients run on the double's event loop, in one process.
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import hmac
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlencode

import aiohttp
from sqlalchemy import Engine, text
from sqlmodel import Session

from bot.charts import Chart, attainment_chart, cumulative_chart
from core.config import Settings
from core.periods import FiscalCalendar
from core.results import Scope, SubjectKind
from core.scorecards import scorecard
from core.series import won_by_day
from tests.fakes.slack_api import BOT_TOKEN, RESPONSE, SlackApiDouble

SIGNING_SECRET = "bench-signing-secret-0123456789abcdef"
WORKSPACE = "TBENCHSLACK"  # the ChatIdentity links of the benchmark, removed each run
COMMAND = "/myquota"
ANSWER_TIMEOUT = 60.0  # seconds for all answers of a round to arrive
START_TIMEOUT = 60.0  # seconds for the server to answer /healthz
CHART_REPEATS = 7
ACK_GOAL_P99_MS = 100
ANSWER_GOAL_P50_MS = 400

REPS = text("SELECT email FROM rep WHERE role = 'rep' ORDER BY id LIMIT :count")
REP_ID = text("SELECT id FROM rep WHERE email = :email")
FORGET = text("DELETE FROM chat_identity WHERE workspace = :workspace")


@dataclass(frozen=True)
class Round:
    ack_ms: tuple[float, ...]
    answer_ms: tuple[float, ...]

    @property
    def ack_p50(self) -> float:
        return percentile(self.ack_ms, 50)

    @property
    def ack_p99(self) -> float:
        return percentile(self.ack_ms, 99)

    @property
    def answer_p50(self) -> float:
        return percentile(self.answer_ms, 50)

    @property
    def answer_p99(self) -> float:
        return percentile(self.answer_ms, 99)


@dataclass(frozen=True)
class SlackTiming:
    concurrency: int
    rounds: tuple[Round, ...]
    cumulative_chart_ms: float
    attainment_chart_ms: float
    peak_memory_mib: float

    @property
    def median_round(self) -> Round:
        ordered = sorted(self.rounds, key=lambda measured: measured.answer_p50)
        return ordered[len(ordered) // 2]


def percentile(values: Sequence[float], percent: float) -> float:
    """The nearest-rank percentile: with 20 values, p99 is the slowest."""
    ordered = sorted(values)
    rank = max(1, -(-len(ordered) * percent // 100))
    return ordered[int(rank) - 1]


def sign(body: str, timestamp: str) -> str:
    """Slack's v0 signature: HMAC-SHA256 of "v0:{timestamp}:{body}" with the secret."""
    base = f"v0:{timestamp}:{body}".encode()
    return "v0=" + hmac.new(SIGNING_SECRET.encode(), base, hashlib.sha256).hexdigest()


# -- the server and its people -----------------------------------------------------------


def rep_emails(engine: Engine, count: int) -> list[str]:
    """The emails of the first `count` reps (not managers) of the benchmark company."""
    with engine.connect() as connection:
        emails = list(connection.execute(REPS, {"count": count}).scalars())
    if len(emails) < count:
        raise SystemExit(f"the benchmark company has {len(emails)} reps, {count} needed")
    return emails


def forget_links(engine: Engine) -> None:
    with engine.begin() as connection:
        connection.execute(FORGET, {"workspace": WORKSPACE})


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def start_server(url: str, api_url: str, port: int, log: Path) -> subprocess.Popen[bytes]:
    environ = {
        **os.environ,
        "SLACK_BOT_TOKEN": BOT_TOKEN,
        "SLACK_SIGNING_SECRET": SIGNING_SECRET,
        "SLACK_API_URL": api_url,
    }
    environ.pop("SLACK_APP_TOKEN", None)  # over HTTP, not Socket Mode
    command = [sys.executable, "-m", "quotabot", "--database", url,
               "serve", "--host", "127.0.0.1", "--port", str(port)]  # fmt: skip
    with log.open("wb") as output:
        return subprocess.Popen(command, env=environ, stdout=output, stderr=output)


async def until_healthy(http: aiohttp.ClientSession, base: str, server: subprocess.Popen[bytes],
                        log: Path) -> None:  # fmt: skip
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"the server stopped; its output is in {log}")
        try:
            async with http.get(f"{base}healthz") as response:
                if response.status == 200:
                    return
        except aiohttp.ClientConnectionError:
            pass
        await asyncio.sleep(0.2)
    raise SystemExit(f"the server did not start in {START_TIMEOUT:.0f} s; see {log}")


def peak_memory_mib(pid: int) -> float:
    """The peak resident set size (VmHWM) of the process and of the processes it started
    (those that draw charts), added up, in MiB."""
    total = 0.0
    for process in (pid, *_children(pid)):
        for line in Path(f"/proc/{process}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                total += int(line.split()[1]) / 1024
                break
        else:
            raise SystemExit("no VmHWM in /proc: peak memory needs Linux")
    return total


def _children(pid: int) -> list[int]:
    """The process's children, and theirs, from /proc."""
    found = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        children = (task / "children").read_text().split()
        for child in map(int, children):
            found += [child, *_children(child)]
    return found


# -- the requests ------------------------------------------------------------------------


async def ask(http: aiohttp.ClientSession, base: str, double: SlackApiDouble,
              user: str) -> tuple[float, float]:  # fmt: skip
    """Send /myquota as `user`; seconds to the acknowledgement, then to the answer."""
    answer_path = f"/response/{user}"
    body = urlencode(
        {
            "team_id": WORKSPACE,
            "channel_id": "C0BENCH",
            "user_id": user,
            "user_name": user.lower(),
            "command": COMMAND,
            "text": "",
            "api_app_id": "A0QUOTA",
            "response_url": double.response_url(user),
            "trigger_id": f"{user}.{time.time():.0f}",
        }
    )
    timestamp = str(int(time.time()))
    headers = {
        "Content-Type": "application/x-www-form-urlencoded",
        "X-Slack-Request-Timestamp": timestamp,
        "X-Slack-Signature": sign(body, timestamp),
    }

    sent = time.monotonic()
    async with http.post(f"{base}slack/events", data=body, headers=headers) as response:
        await response.read()
        if response.status != 200:
            raise SystemExit(f"{COMMAND} as {user} answered {response.status}")
    acknowledged = time.monotonic()

    # The double stamps each call with time.monotonic() as it arrives.
    deadline = sent + ANSWER_TIMEOUT
    while True:
        answers = [call for call in double.calls_of(RESPONSE) if call.path == answer_path]
        if answers:
            return acknowledged - sent, answers[0].at - sent
        if time.monotonic() > deadline:
            raise SystemExit(f"no answer to {COMMAND} as {user} in {ANSWER_TIMEOUT:.0f} s")
        await asyncio.sleep(0.002)


async def one_round(http: aiohttp.ClientSession, base: str, double: SlackApiDouble,
                    users: Sequence[str]) -> Round:  # fmt: skip
    timings = await asyncio.gather(*(ask(http, base, double, user) for user in users))
    return Round(
        ack_ms=tuple(ack * 1000 for ack, _ in timings),
        answer_ms=tuple(answer * 1000 for _, answer in timings),
    )


async def serve_and_ask(url: str, emails: Sequence[str], rounds: int,
                        concurrency: int) -> tuple[list[Round], float]:  # fmt: skip
    """The measured rounds, and the server's peak memory in MiB."""
    double = SlackApiDouble(processing_polls=1)
    await double.start()
    users = [f"U0BENCH{number:05d}" for number in range(len(emails))]
    for user, email in zip(users, emails, strict=True):
        double.add_user(user, email)

    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    log = Path(tempfile.gettempdir()) / "quotabot-bench-serve.log"
    server = start_server(url, double.api_url, port, log)
    try:
        async with aiohttp.ClientSession() as http:
            await until_healthy(http, base, server, log)
            await ask(http, base, double, users[0])  # warm-up
            measured = []
            for number in range(rounds):
                start = 1 + number * concurrency
                measured.append(
                    await one_round(http, base, double, users[start : start + concurrency])
                )
        peak = peak_memory_mib(server.pid)
    finally:
        server.terminate()
        server.wait(timeout=30)
        await double.stop()
    return measured, peak


# -- the charts alone --------------------------------------------------------------------


def median_ms(draw: Callable[[], Chart], repeats: int) -> float:
    draw()  # matplotlib's fonts and caches, once
    timings = []
    for _ in range(repeats):
        started = time.perf_counter()
        draw()
        timings.append((time.perf_counter() - started) * 1000)
    return statistics.median(timings)


def chart_times(engine: Engine, email: str) -> tuple[float, float]:
    """Median milliseconds of the cumulative chart (/myquota's) and the attainment chart."""
    settings = Settings()
    now = datetime.now(UTC)
    period = FiscalCalendar(settings.calendar).parse("this-quarter", now)
    with Session(engine) as session:
        rep_id = int(session.connection().execute(REP_ID, {"email": email}).scalar_one())
        scope = Scope(SubjectKind.REP, rep_id)
        card = scorecard(session, settings, scope, period, now)
        series = won_by_day(session, settings, scope, period, now)
    locale, currency = settings.locale, settings.currency
    cumulative = median_ms(lambda: cumulative_chart(series, locale, currency=currency),
                           CHART_REPEATS)  # fmt: skip
    attainment = median_ms(lambda: attainment_chart(card, locale, currency=currency),
                           CHART_REPEATS)  # fmt: skip
    return cumulative, attainment


# -- the whole benchmark -----------------------------------------------------------------


def measure(engine: Engine, rounds: int = 3, concurrency: int = 20) -> SlackTiming:
    """Serve the database of `engine` and ask it; `engine` must be a file SQLite URL's."""
    url = engine.url.render_as_string(hide_password=False)
    emails = rep_emails(engine, 1 + rounds * concurrency)
    forget_links(engine)
    try:
        measured, peak = asyncio.run(serve_and_ask(url, emails, rounds, concurrency))
    finally:
        forget_links(engine)
    cumulative, attainment = chart_times(engine, emails[0])
    return SlackTiming(concurrency, tuple(measured), cumulative, attainment, peak)


def report(timing: SlackTiming) -> str:
    """The figures as a Markdown table, with the goals beside them."""
    chosen = timing.median_round
    lines = [
        f"Slack: {timing.concurrency} concurrent signed {COMMAND} from different reps, "
        f"median of {len(timing.rounds)} rounds (by full-answer p50), after a warm-up.",
        "",
        "| measure | p50 | p99 | goal |",
        "| --- | ---: | ---: | --- |",
        f"| acknowledgement (HTTP 200) | {chosen.ack_p50:.0f} ms | {chosen.ack_p99:.0f} ms "
        f"| p99 < {ACK_GOAL_P99_MS} ms |",
        f"| full answer at the response URL, chart upload included | {chosen.answer_p50:.0f} "
        f"ms | {chosen.answer_p99:.0f} ms | p50 < {ANSWER_GOAL_P50_MS} ms |",
        "",
        "| measure | value |",
        "| --- | ---: |",
        f"| cumulative chart of /myquota (median of {CHART_REPEATS}) "
        f"| {timing.cumulative_chart_ms:.0f} ms |",
        f"| attainment chart (median of {CHART_REPEATS}) | {timing.attainment_chart_ms:.0f} ms |",
        f"| server peak memory (VmHWM, its chart processes included) "
        f"| {timing.peak_memory_mib:.0f} MiB |",
    ]
    return "\n".join(lines) + "\n"


def main() -> None:
    from bench.run import DATA, prepared  # bench.run imports this module for --slack

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reps", type=int, default=5_000)
    parser.add_argument("--deals", type=int, default=1_000_000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--concurrency", type=int, default=20)
    args = parser.parse_args()

    DATA.mkdir(exist_ok=True)
    engine = prepared(f"sqlite:///{DATA / f'bench-{args.reps}-{args.deals}.db'}",
                      args.reps, args.deals)  # fmt: skip
    timing = measure(engine, args.rounds, args.concurrency)
    engine.dispose()
    for number, measured in enumerate(timing.rounds, start=1):
        print(
            f"round {number}: ack p50 {measured.ack_p50:.0f} ms, p99 {measured.ack_p99:.0f} "
            f"ms; answer p50 {measured.answer_p50:.0f} ms, p99 {measured.answer_p99:.0f} ms"
        )
    print(report(timing))


if __name__ == "__main__":
    main()
