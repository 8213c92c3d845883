"""The client's address: believed from X-Forwarded-For only when one of our proxies sent it."""

import pytest
from django.test import RequestFactory

from kompetencedialog.core.clients import client_address, scope_client_address


def request(peer: str, forwarded: str = ""):
    extra = {"HTTP_X_FORWARDED_FOR": forwarded} if forwarded else {}
    return RequestFactory().get("/", REMOTE_ADDR=peer, **extra)


def test_without_a_trusted_proxy_the_peer_is_the_client(settings):
    settings.TRUSTED_PROXIES = []
    assert client_address(request("203.0.113.5", "10.9.9.9")) == "203.0.113.5"


@pytest.mark.parametrize(
    ("forwarded", "client"),
    [
        ("198.51.100.7", "198.51.100.7"),
        # A client that writes its own header cannot choose its address: nginx appends the real one.
        ("6.6.6.6, 198.51.100.7", "198.51.100.7"),
        # Two proxies of ours in a row are both skipped.
        ("198.51.100.7, 127.0.0.2", "198.51.100.7"),
    ],
)
def test_behind_a_trusted_proxy_the_forwarded_address_is_the_client(settings, forwarded, client):
    settings.TRUSTED_PROXIES = ["127.0.0.0/8"]
    assert client_address(request("127.0.0.1", forwarded)) == client


def test_a_websocket_scope_reads_the_same_way(settings):
    settings.TRUSTED_PROXIES = ["127.0.0.1"]
    scope = {"client": ("127.0.0.1", 5555), "headers": [(b"x-forwarded-for", b"198.51.100.7")]}
    assert scope_client_address(scope) == "198.51.100.7"
    assert scope_client_address({"client": None, "headers": []}) == "unknown"
