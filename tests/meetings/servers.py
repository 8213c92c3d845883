"""Real server processes for the scale-out and restart tests, and a phone-like client.

The servers share a file SQLite database in a temporary data folder (never the test database)
and, when asked, a Redis channel layer under a prefix of their own.
"""

import asyncio
import contextlib
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
import uuid
from pathlib import Path

from websockets.asyncio.client import connect as ws_connect
from websockets.exceptions import ConnectionClosed

PROJECT = Path(__file__).resolve().parents[2]
KD = str(Path(sys.executable).parent / "kompetencedialog")

SEED = """
from django.core.management import call_command
call_command("migrate", verbosity=0)
from tests.factories import make_member, make_organisation, make_process, make_toolkit
from kompetencedialog.meetings.services import meeting_questions, open_meeting
toolkit = make_toolkit()
institution = make_organisation("Børnehuset Solsikken")
leader = make_member(institution, "leader", "leder@eksempel.test")
meeting = open_meeting(process=make_process(institution, toolkit=toolkit), by=leader)
print("SEED", meeting.code, meeting_questions(meeting)[0].pk)
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _reachable(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host, port), timeout=0.5):
            return True
    except OSError:
        return False


class Redis:
    """The machine's Redis (or ``REDIS_URL``), or a private redis-server if none is running."""

    def __init__(self):
        self.process = None
        if url := os.environ.get("REDIS_URL"):
            self.url = url
        elif _reachable("127.0.0.1", 6379):
            self.url = "redis://127.0.0.1:6379/0"
        else:
            port = free_port()
            self.process = subprocess.Popen(
                [
                    shutil.which("redis-server") or "redis-server",
                    "--port",
                    str(port),
                    "--bind",
                    "127.0.0.1",
                    "--save",
                    "",
                    "--appendonly",
                    "no",
                ],
                stdout=subprocess.DEVNULL,
            )
            self.url = f"redis://127.0.0.1:{port}/0"
            deadline = time.monotonic() + 10
            while not _reachable("127.0.0.1", port):
                assert time.monotonic() < deadline, "redis-server did not start"
                time.sleep(0.05)

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process.wait(10)


class Site:
    """A data folder with a migrated SQLite database and one open meeting."""

    def __init__(self, data_dir: Path, redis_url: str = "", template: "Site | None" = None):
        self.data_dir = data_dir
        self.env = {
            key: value
            for key, value in os.environ.items()
            if key not in {"DATABASE_URL", "REDIS_URL", "DJANGO_SETTINGS_MODULE"}
        }
        self.env.update(
            KOMPETENCEDIALOG_DATA_DIR=str(data_dir),
            DJANGO_SETTINGS_MODULE="kompetencedialog.settings",
            PYTHONPATH=str(PROJECT),
            SECRET_KEY="test-" + uuid.uuid4().hex,
        )
        if redis_url:
            self.env.update(REDIS_URL=redis_url, REDIS_PREFIX=f"kdtest{uuid.uuid4().hex[:8]}")
        if template is not None:
            # Migrating takes a while on a busy machine: copy a migrated, seeded database.
            shutil.copytree(template.data_dir, data_dir, dirs_exist_ok=True)
            self.code, self.question = template.code, template.question
            return
        out = self.run("shell", "--no-imports", "-c", SEED)
        line = next(line for line in out.splitlines() if line.startswith("SEED "))
        _, self.code, question = line.split()
        self.question = int(question)

    def run(self, *args: str) -> str:
        result = subprocess.run(
            [KD, *args], env=self.env, cwd=PROJECT, capture_output=True, text=True, timeout=120
        )
        assert result.returncode == 0, result.stderr
        return result.stdout

    def serve(self, count: int = 1) -> list["Server"]:
        """``count`` server processes, started side by side."""
        servers = [Server(self, free_port()) for _ in range(count)]
        for server in servers:
            server.wait_until_ready()
        return servers


class Server:
    def __init__(self, site: Site, port: int):
        self.site = site
        self.port = port
        self.spawn()

    def start(self) -> None:
        self.spawn()
        self.wait_until_ready()

    def spawn(self) -> None:
        self.process = subprocess.Popen(
            [KD, "serve", "--host", "127.0.0.1", "--port", str(self.port)],
            env=self.site.env,
            cwd=PROJECT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            start_new_session=True,
        )

    def wait_until_ready(self) -> None:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/healthz", timeout=1):
                    return
            except OSError:
                if self.process.poll() is not None:
                    raise AssertionError(self.process.stderr.read().decode()) from None
                assert time.monotonic() < deadline, "the server did not start"
                time.sleep(0.1)

    def kill(self) -> None:
        """Without warning, as a crash or an OOM kill would."""
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(10)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.kill()

    @property
    def ws_url(self) -> str:
        return f"ws://127.0.0.1:{self.port}/ws/meetings/{self.site.code}/"


class Phone:
    """Behaves like the phone page: an outbox re-sent with the same client_id until confirmed,
    reconnecting when the connection drops, and a board built from ``state`` and broadcasts."""

    def __init__(self, url: str, question: int):
        self.url = url
        self.question = question
        self.outbox: dict[str, str] = {}
        self.board: dict[int, dict] = {}
        self.received: list[dict] = []
        self.connected = asyncio.Event()
        self.ws = None
        self.task = asyncio.create_task(self._run())

    async def _run(self) -> None:
        while True:
            try:
                async with ws_connect(self.url, origin="http://127.0.0.1", open_timeout=5) as ws:
                    self.ws = ws
                    async for raw in ws:
                        self._handle(json.loads(raw))
            except (OSError, ConnectionClosed, TimeoutError):
                pass
            self.ws = None
            self.connected.clear()
            await asyncio.sleep(0.2)

    def _handle(self, message: dict) -> None:
        if message["type"] == "state":
            self.board = {c["id"]: c for c in message["contributions"]}
            for c in message["contributions"]:
                self.outbox.pop(c["client_id"], None)
            self.connected.set()
            asyncio.get_running_loop().create_task(self.flush())
        elif message["type"] == "error" and message.get("code") == "rate_limited":
            asyncio.get_running_loop().call_later(
                1, lambda: asyncio.get_running_loop().create_task(self.flush())
            )
        elif message["type"] == "contribution":
            self.board[message["id"]] = message
            self.received.append(message)
            self.outbox.pop(message["client_id"], None)

    async def send(self, text: str) -> str:
        client_id = uuid.uuid4().hex
        self.outbox[client_id] = text
        await self._send(client_id, text)
        return client_id

    async def _send(self, client_id: str, text: str) -> None:
        if self.ws is not None:
            message = {
                "type": "contribute",
                "question": self.question,
                "text": text,
                "client_id": client_id,
            }
            with contextlib.suppress(ConnectionClosed):
                await self.ws.send(json.dumps(message))

    async def flush(self) -> None:
        for client_id, text in list(self.outbox.items()):
            await self._send(client_id, text)

    async def wait_for(self, condition, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while not condition():
            assert time.monotonic() < deadline, "timed out"
            await asyncio.sleep(0.05)

    async def close(self) -> None:
        self.task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await self.task
