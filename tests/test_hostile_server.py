"""The generated SDK against a hostile server on 127.0.0.1: a server that
trickles its answer cannot hold a call past ``total_timeout`` (sync and
async), and a body past ``max_response_bytes`` (a gzip bomb, a huge
Content-Length, a chunked body with no length that grows past the cap in
64 KiB pieces) is never read to the end: a typed ``ResponseError``.
"""

from __future__ import annotations

import asyncio
import gzip
import socket
import threading
import time
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from conftest import ACCESS_KEY, REGION, SECRET_KEY

from ksyun_sdk import RetryPolicy
from ksyun_sdk.kec.v2016_03_04 import AsyncKecClient, KecClient
from ksyun_sdk._runtime.client import DEFAULT_MAX_RESPONSE_BYTES
from ksyun_sdk.errors import RequestTimeoutError, ResponseError

Behaviour = Callable[[socket.socket], None]


class RawServer:
    """Accepts connections and hands each socket to *behaviour* in a thread."""

    def __init__(self, behaviour: Behaviour) -> None:
        self.behaviour = behaviour
        self.sock = socket.create_server(("127.0.0.1", 0))
        self.stop = threading.Event()
        self.connections = 0
        threading.Thread(target=self._serve, daemon=True).start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.sock.getsockname()[1]}"

    def _serve(self) -> None:
        self.sock.settimeout(0.1)
        while not self.stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            self.connections += 1
            threading.Thread(target=self._run, args=(conn,), daemon=True).start()

    def _run(self, conn: socket.socket) -> None:
        with conn:
            try:
                conn.recv(65536)  # the request (small, in one piece on loopback)
                self.behaviour(conn)
            except OSError:
                pass

    def close(self) -> None:
        self.stop.set()
        self.sock.close()


@pytest.fixture
def serve() -> Iterator[Callable[[Behaviour], RawServer]]:
    servers: list[RawServer] = []

    def start(behaviour: Behaviour) -> RawServer:
        servers.append(RawServer(behaviour))
        return servers[-1]

    yield start
    for server in servers:
        server.close()


def trickle_body(conn: socket.socket) -> None:
    conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n")
    for _ in range(1000):
        conn.sendall(b" ")
        time.sleep(1)


def trickle_headers(conn: socket.socket) -> None:
    for byte in b"HTTP/1.1 200 OK\r\nX-Slow: " + b"a" * 1000:
        conn.sendall(bytes([byte]))
        time.sleep(1)


def kwargs(url: str, **extra: object) -> dict[str, object]:
    return {"access_key": ACCESS_KEY, "secret_key": SECRET_KEY, "region": REGION, "endpoint": url,
            "timeout": 2, "retry": RetryPolicy(total_timeout=6), **extra}


@pytest.mark.parametrize("behaviour", [trickle_body, trickle_headers])
def test_total_timeout_bounds_a_trickling_server_sync(serve: Callable[[Behaviour], RawServer],
                                                      behaviour: Behaviour) -> None:
    server = serve(behaviour)
    started = time.monotonic()
    with KecClient(**kwargs(server.url)) as client, pytest.raises(RequestTimeoutError):
        client.describe_images()
    assert time.monotonic() - started < 8


@pytest.mark.parametrize("behaviour", [trickle_body, trickle_headers])
def test_total_timeout_bounds_a_trickling_server_async(serve: Callable[[Behaviour], RawServer],
                                                       behaviour: Behaviour) -> None:
    server = serve(behaviour)

    async def call() -> None:
        async with AsyncKecClient(**kwargs(server.url)) as client:
            await client.describe_images()

    started = time.monotonic()
    with pytest.raises(RequestTimeoutError):
        asyncio.run(call())
    assert time.monotonic() - started < 7


BOMB = gzip.compress(b"\0" * (64 * 1024 * 1024), compresslevel=9)  # ~64 KB -> 64 MB


def gzip_bomb(conn: socket.socket) -> None:
    conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Encoding: gzip\r\n"
                 b"Content-Length: " + str(len(BOMB)).encode() + b"\r\n\r\n" + BOMB)


def huge_length(conn: socket.socket) -> None:
    conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                 b"Content-Length: 200000000\r\n\r\n{")
    time.sleep(30)  # reading on would wait here


def test_the_default_cap_is_documented() -> None:
    assert DEFAULT_MAX_RESPONSE_BYTES == 64 * 1024 * 1024
    assert KecClient(**kwargs("http://127.0.0.1:9")).max_response_bytes == DEFAULT_MAX_RESPONSE_BYTES


@pytest.mark.parametrize("behaviour", [gzip_bomb, huge_length])
def test_a_body_past_the_cap_is_a_response_error_sync(serve: Callable[[Behaviour], RawServer],
                                                      behaviour: Behaviour) -> None:
    server = serve(behaviour)
    started = time.monotonic()
    with KecClient(**kwargs(server.url, max_response_bytes=1_000_000)) as client, \
            pytest.raises(ResponseError, match="larger than max_response_bytes"):
        client.describe_images()
    assert time.monotonic() - started < 5
    assert server.connections == 1  # not retried: a second read would give the same


@pytest.mark.parametrize("behaviour", [gzip_bomb, huge_length])
def test_a_body_past_the_cap_is_a_response_error_async(serve: Callable[[Behaviour], RawServer],
                                                       behaviour: Behaviour) -> None:
    server = serve(behaviour)

    async def call() -> None:
        async with AsyncKecClient(**kwargs(server.url, max_response_bytes=1_000_000)) as client:
            await client.describe_images()

    with pytest.raises(ResponseError, match="larger than max_response_bytes"):
        asyncio.run(call())


def test_a_body_within_the_cap_is_read(serve: Callable[[Behaviour], RawServer]) -> None:
    body = b'{"RequestId": "r-1", "ImagesSet": []}'
    server = serve(lambda conn: conn.sendall(
        b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
        + str(len(body)).encode() + b"\r\n\r\n" + body))
    with KecClient(**kwargs(server.url, max_response_bytes=len(body))) as client:
        assert client.describe_images().request_id == "r-1"


# -- a chunked body with no Content-Length: the cap holds the running total ----------------------
PIECE = 64 * 1024


class ChunkedBody:
    """A 200 with ``Transfer-Encoding: chunked`` and no Content-Length: a valid JSON
    object of *total* bytes, sent in 64 KiB chunks (each far under any cap; only their
    sum passes it).  Counts the bytes it got out before the client hung up."""

    def __init__(self, total: int) -> None:
        self.total = total
        self.sent = 0
        self.done = threading.Event()

    def __call__(self, conn: socket.socket) -> None:
        head, tail = b'{"RequestId": "r-chunked", "Padding": "', b'"}'
        pieces = [head + b"x" * (PIECE - len(head))]
        pieces += [b"x" * PIECE] * (self.total // PIECE - 2)
        pieces.append(b"x" * (PIECE - len(tail)) + tail)
        try:
            conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                         b"Transfer-Encoding: chunked\r\n\r\n")
            for piece in pieces:
                conn.sendall(b"%x\r\n%s\r\n" % (len(piece), piece))
                self.sent += len(piece)
            conn.sendall(b"0\r\n\r\n")
        finally:  # all sent, or the client hung up (the send failed)
            self.done.set()


async def _describe_async(url: str, raw: bool, **extra: object) -> object:
    async with AsyncKecClient(**kwargs(url, **extra)) as client:
        return await (client.with_raw_response if raw else client).describe_images()


def _describe(url: str, mode: str, **extra: object) -> object:
    if mode.startswith("async"):
        return asyncio.run(_describe_async(url, mode == "async-raw", **extra))
    with KecClient(**kwargs(url, **extra)) as client:
        return (client.with_raw_response if mode == "sync-raw" else client).describe_images()


@pytest.mark.parametrize("mode", ["sync", "sync-raw", "async", "async-raw"])
def test_a_chunked_body_growing_past_the_cap_is_refused(serve: Callable[[Behaviour], RawServer],
                                                        mode: str) -> None:
    # 1 MiB cap, a 32 MiB body in 64 KiB chunks: every chunk fits, the running total does not
    cap = 1024 * 1024
    body = ChunkedBody(32 * 1024 * 1024)
    server = serve(body)
    with pytest.raises(ResponseError, match="larger than max_response_bytes") as info:
        _describe(server.url, mode, max_response_bytes=cap)
    assert info.value.http_status == 200
    assert server.connections == 1  # not retried
    # the client hung up near the cap: the rest stayed unsent (what the kernel's socket
    # buffers on both sides took is far below the 32 MiB offered)
    assert body.done.wait(10)
    assert body.sent < body.total // 2, (
        f"{body.sent} bytes of the body were read past a cap of {cap}")


@pytest.mark.parametrize("mode", ["sync", "async-raw"])
def test_a_chunked_body_within_the_cap_is_read_whole(serve: Callable[[Behaviour], RawServer],
                                                     mode: str) -> None:
    # the same chunked answer, 1 MiB, under a cap of exactly its size: read and parsed
    body = ChunkedBody(1024 * 1024)
    server = serve(body)
    resp: Any = _describe(server.url, mode, max_response_bytes=body.total)
    assert (resp.parse() if mode.endswith("raw") else resp).request_id == "r-chunked"
    assert body.sent == body.total


def test_the_default_cap_holds_a_chunked_body(serve: Callable[[Behaviour], RawServer]) -> None:
    # the default 64 MiB, passed by one 64 KiB chunk
    body = ChunkedBody(DEFAULT_MAX_RESPONSE_BYTES + PIECE)
    server = serve(body)
    with pytest.raises(ResponseError) as info:
        _describe(server.url, "sync")
    assert f"larger than max_response_bytes ({DEFAULT_MAX_RESPONSE_BYTES} bytes)" in str(info.value)
