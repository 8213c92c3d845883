"""Live meetings across real server processes: scale-out through Redis, and a crash mid-meeting.

These start ``kompetencedialog serve`` as separate processes on a temporary SQLite database.
"""

import asyncio
import collections

import pytest

from tests.meetings.live import run
from tests.meetings.servers import Phone, Redis, Site


@pytest.fixture(scope="module")
def template(tmp_path_factory):
    return Site(tmp_path_factory.mktemp("template"))


@pytest.fixture
def redis():
    redis = Redis()
    yield redis
    redis.stop()


def test_participants_on_two_server_processes_see_each_others_contributions(
    tmp_path, redis, template
):
    site = Site(tmp_path, redis_url=redis.url, template=template)
    first, second = site.serve(2)
    try:

        async def scenario():
            anna = Phone(first.ws_url, site.question)
            bo = Phone(second.ws_url, site.question)
            await anna.connected.wait()
            await bo.connected.wait()
            await anna.send("Fra proces et")
            await bo.send("Fra proces to")
            for phone in (anna, bo):
                await phone.wait_for(
                    lambda p=phone: (
                        {c["text"] for c in p.received} == {"Fra proces et", "Fra proces to"}
                    )
                )
            await anna.close()
            await bo.close()

        run(scenario, timeout=180)
    finally:
        first.stop()
        second.stop()


def test_a_server_killed_mid_meeting_loses_nothing_and_duplicates_nothing(tmp_path, template):
    site = Site(tmp_path, template=template)
    (server,) = site.serve()
    try:

        async def scenario():
            phones = [Phone(server.ws_url, site.question) for _ in range(3)]
            for phone in phones:
                await phone.connected.wait()
            sent = []
            for round_ in range(8):
                if round_ == 4:
                    # Crash with contributions in flight, then come back on the same port.
                    server.kill()
                    await asyncio.to_thread(server.start)
                for n, phone in enumerate(phones):
                    sent.append(await phone.send(f"Idé {round_}.{n}"))
                await asyncio.sleep(0.05)
            for phone in phones:
                await phone.wait_for(lambda p=phone: not p.outbox)
            # Every client that reconnects (and a late joiner) holds each one exactly once.
            late = Phone(server.ws_url, site.question)
            await late.connected.wait()
            for phone in [*phones, late]:
                await phone.wait_for(lambda p=phone: len(p.board) >= len(sent))
                counts = collections.Counter(c["client_id"] for c in phone.board.values())
                assert set(counts) == set(sent)
                assert set(counts.values()) == {1}
            for phone in [*phones, late]:
                await phone.close()

        run(scenario, timeout=180)
        rows = site.run(
            "shell",
            "--no-imports",
            "-c",
            "from kompetencedialog.meetings.models import Contribution as C;"
            "print(C.objects.count(), C.objects.values('client_id').distinct().count())",
        )
        assert rows.split() == ["24", "24"]
    finally:
        server.stop()
