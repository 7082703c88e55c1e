"""The mock under abuse: odd numbers are client errors (400, never a 500 or a
traceback); the body is not read before its size and the signature headers
are checked; idle and slow connections are cut; concurrent connections are
bounded; faults come after authentication.  A real socket on 127.0.0.1."""

from __future__ import annotations

import socket
import time
from collections.abc import Iterator

import pytest

from _mock_support import mock_config, send, signed, write_fixture_spec
from generator.ir import Api
from generator.mock import MockServer
from generator.pipeline import load_api

V = "2016-03-04"


@pytest.fixture(scope="module")
def api(tmp_path_factory: pytest.TempPathFactory) -> Api:
    return load_api(write_fixture_spec(tmp_path_factory.mktemp("limits") / "spec"))


@pytest.fixture
def mock(api: Api) -> Iterator[MockServer]:
    with MockServer(api, mock_config(idle_timeout=0.5, header_timeout=1.0, max_connections=3,
                                     max_body=64 * 1024, slow_seconds=5.0)) as server:
        yield server


def run(**extra: str) -> list[tuple[str, str]]:
    base = {"Action": "RunInstances", "Version": V, "ImageId": "img-1", "InstanceType": "N3.2B",
            "MaxCount": "1", "MinCount": "1"}
    base.update(extra)
    return list(base.items())


@pytest.mark.parametrize("name,value,code", [
    ("SecurityGroupId.\u00b2", "sg-1", "InvalidQueryParameter"),
    ("SecurityGroupId.\u0663", "sg-1", "InvalidQueryParameter"),
    ("SecurityGroupId." + "9" * 5000, "sg-1", "InvalidQueryParameter"),
    ("MaxCount", "9" * 5000, "InvalidParameterValue"),
    ("MaxCount", "\u0663", "InvalidParameterValue"),
    ("MaxCount", "1" * 1001, "InvalidParameterValue"),
])
def test_odd_numbers_are_client_errors(mock: MockServer, capfd: pytest.CaptureFixture[str],
                                       name: str, value: str, code: str) -> None:
    params = [p for p in run() if p[0] != name] + [(name, value)]
    status, body, _ = send(signed(mock.url, params, method="POST"))
    assert status == 400 and body is not None and body["Error"]["Code"] == code, body
    assert "Traceback" not in capfd.readouterr().err


def _raw(mock: MockServer, data: bytes, timeout: float = 5) -> tuple[bytes, float]:
    """Send *data* on a new connection; (what came back until close, seconds)."""
    started = time.monotonic()
    with socket.create_connection(mock.address, timeout=timeout) as sock:
        sock.sendall(data)
        chunks = []
        while True:
            chunk = sock.recv(65536)
            if not chunk:
                break
            chunks.append(chunk)
    return b"".join(chunks), time.monotonic() - started


@pytest.mark.parametrize("length,status", [("1" + "0" * 30, b"400"), ("12a", b"400"),
                                            (str(10**9), b"413")])
def test_content_length_is_checked_before_reading(mock: MockServer, length: str,
                                                  status: bytes) -> None:
    head = (f"POST / HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n"
            f"Content-Length: {length}\r\n\r\n").encode()
    reply, took = _raw(mock, head)  # no body follows: an answer means it was not awaited
    assert reply.startswith(b"HTTP/1.1 " + status) and took < 2, reply[:200]
    assert b"Traceback" not in reply


def test_an_unauthenticated_body_is_not_read(mock: MockServer) -> None:
    head = (b"POST / HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n"
            b"Content-Length: 60000\r\n\r\n")
    reply, took = _raw(mock, head)
    assert reply.startswith(b"HTTP/1.1 403") and b"MissingAuthenticationToken" in reply
    assert took < 2


def test_a_signed_body_within_the_limit_is_served(mock: MockServer) -> None:
    status, body, _ = send(signed(mock.url, run(), method="POST"))
    assert status == 200, body


def test_an_idle_connection_is_closed(mock: MockServer) -> None:
    reply, took = _raw(mock, b"")
    assert reply == b"" and took < 3


def test_headers_sent_a_byte_at_a_time_are_cut_off(mock: MockServer) -> None:
    started = time.monotonic()
    with socket.create_connection(mock.address, timeout=10) as sock:
        closed = False
        for byte in b"GET / HTTP/1.1\r\nX-Slow: " + b"a" * 100:
            try:
                sock.sendall(bytes([byte]))
            except OSError:
                closed = True
                break
            time.sleep(0.1)
            sock.setblocking(False)
            try:
                if sock.recv(1) == b"":
                    closed = True
                    break
            except BlockingIOError:
                pass
            finally:
                sock.setblocking(True)
    assert closed and time.monotonic() - started < 3


def test_connections_are_bounded(mock: MockServer) -> None:
    held = [socket.create_connection(mock.address, timeout=5) for _ in range(3)]
    try:
        time.sleep(0.1)
        reply, took = _raw(mock, b"GET / HTTP/1.1\r\nHost: x\r\n\r\n")
        assert reply == b"" and took < 1  # closed at once: no thread for it
    finally:
        for sock in held:
            sock.close()
    time.sleep(0.7)  # the held ones are gone
    status, body, _ = send(signed(mock.url, [("Action", "DescribeImages"), ("Version", V)]))
    assert status == 200, body


@pytest.mark.parametrize("fault", ["slow", "503", "reset"])
def test_faults_come_after_authentication(mock: MockServer, fault: str) -> None:
    request = signed(mock.url, [("Action", "DescribeImages"), ("Version", V)],
                     secret_key="wrong-secret", headers={"Prefer": f"fault={fault}"})
    started = time.monotonic()
    status, body, _ = send(request)
    assert status == 403 and body is not None and body["Error"]["Code"] == "SignatureDoesNotMatch"
    assert time.monotonic() - started < 2


def test_an_authenticated_request_still_gets_its_fault(mock: MockServer) -> None:
    request = signed(mock.url, [("Action", "DescribeImages"), ("Version", V)],
                     headers={"Prefer": "fault=503"})
    status, body, _ = send(request)
    assert status == 503, body
