"""Helpers for driving the live protocol in tests: connect, send, expect, expect nothing."""

import asyncio
import json

from asgiref.testing import ApplicationCommunicator
from django.test import Client

from kompetencedialog.asgi import application


class WebsocketCommunicator(ApplicationCommunicator):
    """A WebSocket client for an ASGI application in the same process.

    ``channels.testing`` would do, but importing it needs daphne, which we do not run.
    """

    def __init__(self, application, path: str, headers=None, client=("127.0.0.1", 50000)):
        route, _, query = path.partition("?")
        scope = {
            "type": "websocket",
            "path": route,
            "query_string": query.encode(),
            "headers": headers or [],
            "subprotocols": [],
            "client": client,
        }
        super().__init__(application, scope)

    async def connect(self, timeout: float = 1):
        await self.send_input({"type": "websocket.connect"})
        response = await self.receive_output(timeout)
        if response["type"] == "websocket.close":
            return False, response.get("code", 1000)
        return True, None

    async def send_to(self, text_data: str) -> None:
        await self.send_input({"type": "websocket.receive", "text": text_data})

    async def send_json_to(self, data) -> None:
        await self.send_to(json.dumps(data))

    async def receive_json_from(self, timeout: float = 1):
        response = await self.receive_output(timeout)
        assert response["type"] == "websocket.send", response
        return json.loads(response["text"])

    async def disconnect(self, code: int = 1000, timeout: float = 1) -> None:
        await self.send_input({"type": "websocket.disconnect", "code": code})
        await self.wait(timeout)


def session_cookie(user) -> bytes:
    client = Client()
    client.force_login(user)
    return f"sessionid={client.cookies['sessionid'].value}".encode()


async def connect(
    code: str, user=None, query: str = "", address: str = "127.0.0.1"
) -> WebsocketCommunicator:
    headers = [(b"origin", b"http://testserver"), (b"host", b"testserver")]
    if user is not None:
        headers.append((b"cookie", session_cookie(user)))
    path = f"/ws/meetings/{code}/" + (f"?{query}" if query else "")
    communicator = WebsocketCommunicator(
        application, path, headers=headers, client=(address, 50000)
    )
    connected, _ = await communicator.connect(timeout=5)
    assert connected
    return communicator


async def join(
    code: str, user=None, query: str = "", address: str = "127.0.0.1"
) -> tuple[WebsocketCommunicator, dict]:
    """Connect and read the ``state`` message every joining client gets first."""
    communicator = await connect(code, user, query, address)
    state = await communicator.receive_json_from(timeout=5)
    assert state["type"] == "state"
    return communicator, state


async def receive(communicator: WebsocketCommunicator, kind: str, timeout: float = 5) -> dict:
    """The next message of this type, skipping other kinds of update."""
    while True:
        message = await communicator.receive_json_from(timeout=timeout)
        if message["type"] == kind:
            return message


async def assert_silent(communicator: WebsocketCommunicator, kinds=("contribution",)) -> None:
    """No message of these kinds arrives within a short while."""
    # A timed-out receive would cancel the application, so wait and then drain what came.
    await asyncio.sleep(0.4)
    while not communicator.output_queue.empty():
        message = await communicator.receive_json_from()
        assert message["type"] not in kinds, message


def contribute(question: int, text: str, client_id: str) -> dict:
    return {"type": "contribute", "question": question, "text": text, "client_id": client_id}


async def close_all(*communicators) -> None:
    for communicator in communicators:
        await communicator.disconnect()


def run(scenario, timeout: float = 30) -> None:
    """Run an async test scenario, failing it if it takes longer than ``timeout`` seconds."""
    asyncio.run(asyncio.wait_for(scenario(), timeout))


def dumps(message: dict) -> str:
    return json.dumps(message)
