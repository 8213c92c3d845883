"""Load test of live meetings over loopback against a running server.

    # once: an organisation, a process and a token in the server's database
    .venv/bin/python bench/live.py prepare
    # then, with the server running (kompetencedialog serve --port 8000):
    .venv/bin/python bench/live.py run --meetings 20 --participants 30 --interval 5 --duration 60

N meetings with M participants each; every participant posts a contribution every S seconds for
T seconds. Prints the latency from send to receipt of the broadcast by every other participant
(p50/p95/p99), messages per second, errors, and contributions sent vs stored (counted afterwards
from the ``state`` message a fresh connection gets).
"""

import argparse
import asyncio
import json
import os
import random
import statistics
import sys
import time
import urllib.request

try:
    import uvloop
except ImportError:  # pragma: no cover - uvicorn[standard] brings it
    uvloop = None
from websockets.asyncio.client import connect
from websockets.exceptions import ConnectionClosed


def prepare() -> None:
    """Create (once) an organisation, a leader with a token, a toolkit and a process."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kompetencedialog.settings")
    import django

    django.setup()
    from kompetencedialog.organisations.models import (
        AccessToken,
        Membership,
        Organisation,
        User,
    )
    from kompetencedialog.processes.models import Process
    from kompetencedialog.toolkit.models import Card, Phase, Question, Toolkit

    toolkit = Toolkit.objects.filter(is_current=True).first()
    if toolkit is None:
        toolkit = Toolkit.objects.create(
            slug="bench", variant="dagtilbud", version="bench", title="Bench"
        )
        phase = Phase.objects.create(
            toolkit=toolkit,
            key="investigate",
            position=1,
            number=1,
            title="Undersøgelse",
            question="Hvad er vores behov?",
            colour="blue",
        )
        card = Card.objects.create(phase=phase, slug="bench", position=1, title="Kort")
        Question.objects.create(card=card, position=1, text="Hvad ser vi?")
    organisation, _ = Organisation.objects.get_or_create(
        name="Bench Børnehus", defaults={"kind": "institution"}
    )
    user = User.objects.filter(email="bench@kompetencedialog.test").first()
    if user is None:
        user = User.objects.create_user("bench@kompetencedialog.test", None, name="Bench")
    Membership.objects.get_or_create(user=user, organisation=organisation, role="leader")
    process, _ = Process.objects.get_or_create(
        organisation=organisation, title="Bench", defaults={"toolkit": toolkit}
    )
    _, key = AccessToken.issue(user, "bench")
    print(f"--process {process.pk} --token {key}")


def open_meetings(url: str, process: int, token: str, count: int) -> list[str]:
    codes = []
    for _ in range(count):
        request = urllib.request.Request(
            f"{url}/api/v1/processes/{process}/meetings/",
            data=json.dumps({"phase": "investigate"}).encode(),
            headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
            method="POST",
        )
        with urllib.request.urlopen(request, timeout=30) as response:
            codes.append(json.load(response)["code"])
    return codes


class Stats:
    def __init__(self):
        self.sent_at: dict[str, float] = {}
        self.latencies: list[float] = []
        self.sent = 0
        self.received = 0
        self.errors = 0
        self.error_details: dict[str, int] = {}
        self.connect_failures = 0


async def participant(ws_url, origin, meeting_index, index, args, stats, start, stop, ready):
    try:
        ws = await connect(ws_url, origin=origin, open_timeout=30, max_queue=None)
    except Exception:
        stats.connect_failures += 1
        ready.release()
        return
    state = json.loads(await ws.recv())
    question = state["meeting"]["current_question"]
    ready.release()

    async def reader():
        try:
            async for raw in ws:
                now = time.monotonic()
                message = json.loads(raw)
                kind = message["type"]
                if kind == "contribution":
                    sender = message["client_id"]
                    if not sender.startswith(f"{meeting_index}-{index}-"):
                        stats.received += 1
                        sent = stats.sent_at.get(sender)
                        if sent is not None:
                            stats.latencies.append(now - sent)
                elif kind == "error":
                    stats.errors += 1
                    detail = message.get("code", "")
                    stats.error_details[detail] = stats.error_details.get(detail, 0) + 1
        except ConnectionClosed:
            pass

    read_task = asyncio.create_task(reader())
    await start.wait()
    await asyncio.sleep(random.uniform(0, args.interval))
    sequence = 0
    while time.monotonic() < stop[0]:
        client_id = f"{meeting_index}-{index}-{sequence}"
        sequence += 1
        message = {
            "type": "contribute",
            "question": question,
            "text": f"Bidrag {sequence} fra deltager {index}",
            "client_id": client_id,
        }
        stats.sent_at[client_id] = time.monotonic()
        try:
            await ws.send(json.dumps(message))
            stats.sent += 1
        except ConnectionClosed:
            stats.errors += 1
            break
        await asyncio.sleep(args.interval)
    await asyncio.sleep(args.drain)
    await ws.close()
    read_task.cancel()


async def count_stored(ws_base: str, origin: str, codes: list[str]) -> int:
    stored = 0
    for code in codes:
        async with connect(f"{ws_base}/ws/meetings/{code}/", origin=origin, max_size=None) as ws:
            state = json.loads(await ws.recv())
            stored += len(state["contributions"])
    return stored


async def run(args) -> dict:
    codes = open_meetings(args.url, args.process, args.token, args.meetings)
    ws_bases = [u.replace("http", "ws", 1) for u in (args.ws_urls or [args.url])]
    origin = args.url
    stats = Stats()
    start = asyncio.Event()
    stop = [0.0]
    ready = asyncio.Semaphore(0)
    tasks = []
    for m, code in enumerate(codes):
        for p in range(args.participants):
            # With several servers, spread each meeting's participants over all of them.
            base = ws_bases[(m * args.participants + p) % len(ws_bases)]
            tasks.append(
                asyncio.create_task(
                    participant(
                        f"{base}/ws/meetings/{code}/",
                        origin,
                        m,
                        p,
                        args,
                        stats,
                        start,
                        stop,
                        ready,
                    )
                )
            )
            if len(tasks) % 50 == 0:
                await asyncio.sleep(0.05)
    for _ in tasks:
        await ready.acquire()
    began = time.monotonic()
    stop[0] = began + args.duration
    start.set()
    await asyncio.gather(*tasks)
    elapsed = time.monotonic() - began - args.drain
    stored = await count_stored(ws_bases[0], origin, codes)
    latencies = sorted(stats.latencies)

    def pct(q: float) -> float:
        if not latencies:
            return float("nan")
        return latencies[min(len(latencies) - 1, int(q * len(latencies)))] * 1000

    expected = stats.sent * (args.participants - 1)
    return {
        "meetings": args.meetings,
        "participants": args.participants,
        "interval_s": args.interval,
        "duration_s": args.duration,
        "servers": len(ws_bases),
        "posting_rate_per_s": round(stats.sent / elapsed, 1),
        "deliveries_per_s": round(stats.received / elapsed, 1),
        "p50_ms": round(pct(0.50), 1),
        "p95_ms": round(pct(0.95), 1),
        "p99_ms": round(pct(0.99), 1),
        "mean_ms": round(statistics.fmean(latencies) * 1000, 1) if latencies else None,
        "errors": stats.errors + stats.connect_failures,
        "error_kinds": stats.error_details,
        "connect_failures": stats.connect_failures,
        "sent": stats.sent,
        "stored": stored,
        "delivered": stats.received,
        "expected_deliveries": expected,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("prepare", help="create a process and a token in the configured database")
    bench = sub.add_parser("run", help="run the load against a running server")
    bench.add_argument("--url", default="http://127.0.0.1:8000")
    bench.add_argument(
        "--ws-url",
        dest="ws_urls",
        action="append",
        help="a server to connect participants to (repeat for several processes)",
    )
    bench.add_argument("--process", type=int, required=True)
    bench.add_argument("--token", required=True)
    bench.add_argument("--meetings", type=int, default=20)
    bench.add_argument("--participants", type=int, default=30)
    bench.add_argument("--interval", type=float, default=5.0, help="seconds between posts")
    bench.add_argument("--duration", type=float, default=60.0, help="seconds of posting")
    bench.add_argument("--drain", type=float, default=3.0, help="seconds to wait for stragglers")
    args = parser.parse_args()
    if args.command == "prepare":
        prepare()
        return
    if uvloop is not None:
        uvloop.install()
    result = asyncio.run(run(args))
    json.dump(result, sys.stdout, indent=2)
    print()


if __name__ == "__main__":
    main()
