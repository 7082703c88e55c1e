"""The mock against hostile clients: odd page tokens and sizes are 400s in
KSYUN's envelope (never a 500, never a token it would refuse itself);
nothing of an unauthenticated body is kept; clients trickling unsigned
bodies cannot take every connection from signed requests.  A real socket
on 127.0.0.1; memory is measured with tracemalloc, waits are for states of
the server (never for a time)."""

from __future__ import annotations

import datetime as dt
import gc
import socket
import time
import tracemalloc
from collections.abc import Callable, Iterator

import httpx
import pytest
from _mock_support import ACCESS_KEY, PAGING_FIXTURE, mock_config, send, signed, write_fixture_spec

from generator.ir import Api
from generator.mock import MockServer
from generator.pipeline import load_api

V = "2016-03-04"


@pytest.fixture(scope="module")
def api(tmp_path_factory: pytest.TempPathFactory) -> Api:
    return load_api(write_fixture_spec(tmp_path_factory.mktemp("hostile") / "spec", PAGING_FIXTURE))


@pytest.fixture
def mock(api: Api) -> Iterator[MockServer]:
    with MockServer(api, mock_config(page_items=30)) as server:
        yield server


def _things(mock: MockServer, *extra: tuple[str, str]) -> tuple[int, dict]:
    status, body, _ = send(signed(mock.url, [("Action", "ListThings"), ("Version", V), *extra]))
    assert body is not None
    return status, body


def _refused(status: int, body: dict, code: str = "InvalidParameterValue") -> None:
    assert status == 400, body
    assert set(body) == {"RequestId", "Error"}, body
    assert body["Error"]["Code"] == code and body["Error"]["Type"] == "Sender", body
    assert len(body["Error"]["Message"]) < 200, "the token is not echoed whole"


@pytest.mark.parametrize("token", ["page-" + "9" * 5000, "9" * 5000, "page-\u0663", "page--5",
                                   "page-1 ", "page-"])
def test_an_odd_next_token_is_a_400(mock: MockServer, capfd: pytest.CaptureFixture[str],
                                    token: str) -> None:
    status, body = _things(mock, ("NextToken", token))
    _refused(status, body)
    assert "Traceback" not in capfd.readouterr().err


@pytest.mark.parametrize("size", ["-5", "0", "-" + "9" * 900])
def test_a_page_size_below_one_is_refused(mock: MockServer, size: str) -> None:
    status, body = _things(mock, ("MaxResults", size))
    _refused(status, body)
    assert "NextToken" not in body


def test_every_token_issued_is_accepted(mock: MockServer) -> None:
    token, seen = "", 0
    for _ in range(40):
        status, body = _things(mock, ("MaxResults", "7"), *([("NextToken", token)] if token else []))
        assert status == 200, body
        seen += len(body["ThingSet"])
        token = body.get("NextToken", "")
        if not token:
            break
        assert token.startswith("page-") and token[5:].isdigit(), token
    assert seen == 30 and not token


# -- nothing kept before the signature is checked -------------------------------------------------
def _wrong_post(url: str, size: int, n: int) -> httpx.Request:
    """A form POST of about *size* bytes, well formed but signed with a wrong secret."""
    filler = "x" * (size - 200)
    params = [("Action", "RunInstances"), ("Version", V), ("ClientToken", f"t{n}-{filler}")]
    return signed(url, params, method="POST", secret_key="not-the-secret")


def test_unauthenticated_posts_leave_nothing_behind(mock: MockServer) -> None:
    limit = mock.config.max_body
    requests = [_wrong_post(mock.url, limit, n) for n in range(150)]  # signed before measuring
    with httpx.Client(timeout=30) as client:
        client.send(requests.pop())  # warm up: threads, imports, caches
        gc.collect()
        tracemalloc.start()
        try:
            base = tracemalloc.get_traced_memory()[0]
            statuses = set()
            while requests:
                statuses.add(client.send(requests.pop()).status_code)
            gc.collect()
            grown = tracemalloc.get_traced_memory()[0] - base
        finally:
            tracemalloc.stop()
    assert statuses == {403}
    # 149 bodies of 1 MiB went in; what stays is bounded by one of them, not by all
    assert grown < 2 * limit, f"{grown / 2**20:.1f} MiB kept after 149 unauthenticated posts"
    assert not mock.stats.tokens, "a token of an unauthenticated request was counted"


# -- trickling clients cannot starve signed ones ----------------------------------------------------
def _unsigned_head(mock: MockServer, length: int) -> bytes:
    """Headers that pass the checks made before the body (a known key, a fresh
    date), with a signature that cannot match, announcing *length* bytes."""
    amz = dt.datetime.now(dt.timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    auth = (f"AWS4-HMAC-SHA256 Credential={ACCESS_KEY}/{amz[:8]}/cn-beijing-6/kec/aws4_request, "
            f"SignedHeaders=host;x-amz-date, Signature={'0' * 64}")
    host = "%s:%d" % mock.address
    return (f"POST / HTTP/1.1\r\nHost: {host}\r\nX-Amz-Date: {amz}\r\nAuthorization: {auth}\r\n"
            "Content-Type: application/x-www-form-urlencoded\r\n"
            f"Content-Length: {length}\r\n\r\n").encode()


def _until(condition: Callable[[], bool], what: str) -> None:
    """Wait for a state of the server (a hang guard, not a timing assertion)."""
    deadline = time.monotonic() + 60
    while not condition():
        assert time.monotonic() < deadline, f"the server never got to: {what}"
        time.sleep(0.02)


def _reply_now(sock: socket.socket) -> bytes | None:
    """What the server sent on *sock* so far (b"" after a close); None: nothing yet."""
    sock.setblocking(False)
    try:
        chunks = []
        while True:
            chunk = sock.recv(65536)
            if not chunk:
                return b"".join(chunks)
            chunks.append(chunk)
    except BlockingIOError:
        return b"".join(chunks) if chunks else None
    except OSError:
        return b""


def test_trickling_unsigned_bodies_cannot_starve_signed_requests(mock: MockServer) -> None:
    config = mock.config
    assert config.max_unverified < config.max_connections
    head = _unsigned_head(mock, config.max_body)
    held = [socket.create_connection(mock.address, timeout=10) for _ in range(config.max_connections)]
    try:
        for sock in held:
            sock.sendall(head + b"Action=Run")  # ... and the rest of the body never comes
        _until(lambda: mock.unverified == config.max_unverified
               and mock.connections == config.max_unverified, "only the allowed bodies held")
        replies = [_reply_now(sock) for sock in held]
        refused = [r for r in replies if r is not None]
        assert len(refused) == config.max_connections - config.max_unverified
        # each was told 503 (or reset: closing with its body unread may lose the reply)
        assert all(r == b"" or r.startswith(b"HTTP/1.1 503") for r in refused), refused
        status, body, _ = send(signed(mock.url, [("Action", "DescribeImages"), ("Version", V)]))
        assert status == 200, body
        status, body, _ = send(signed(mock.url, [("Action", "DescribeImages"), ("Version", V)],
                                      method="POST"))
        assert status == 200, body
    finally:
        for sock in held:
            sock.close()
    _until(lambda: mock.unverified == 0 and mock.connections == 0, "every slot given back")


def test_a_body_trickled_a_byte_at_a_time_is_cut_off(api: Api) -> None:
    with MockServer(api, mock_config(body_timeout=0.3, idle_timeout=5.0)) as server:
        with socket.create_connection(server.address, timeout=10) as sock:
            sock.sendall(_unsigned_head(server, 2000))
            closed = False
            for _ in range(2000):  # each byte well within the idle timeout
                try:
                    sock.sendall(b"a")
                except OSError:
                    closed = True
                    break
                time.sleep(0.02)
                if _reply_now(sock) == b"":
                    closed = True
                    break
                sock.setblocking(True)
            assert closed, "a body sent a byte at a time kept its connection"
        _until(lambda: server.unverified == 0 and server.connections == 0, "the slot given back")
        status, body, _ = send(signed(server.url, [("Action", "DescribeImages"), ("Version", V)]))
        assert status == 200, body
