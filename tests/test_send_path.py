"""How the committed SDK sends a call it prepared.

A client that makes its own ``httpx`` client builds each request directly (the
URL parsed once, no cookie jar) instead of through ``build_request``; these
tests prove the request is the one ``build_request`` would have made, that the
derived signing key is reused only for the same secret, date, region and
service, and that a client the caller passes is used as httpx uses it.
"""

from __future__ import annotations

import asyncio
import json
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import httpx
import pytest
from conftest import ACCESS_KEY, REGION, SECRET_KEY
from hostile_strings import TEXTS

from ksyun_sdk import NO_RETRY, CallOptions, Credentials
from ksyun_sdk._runtime import client as runtime
from ksyun_sdk._runtime import signing
from ksyun_sdk.kec.v2016_03_04 import AsyncKecClient, KecClient
from ksyun_sdk.kec.v2016_03_04.models import DescribeInstancesRequest, RunInstancesRequest

DESCRIBE = ("DescribeInstances", "GET", DescribeInstancesRequest,
            {"instance_id": ["i-1", "i-2"], "search": "名字 & more=1", "max_results": 10})
RUN = ("RunInstances", "POST", RunInstancesRequest,
       {"image_id": "img", "instance_type": "N3.2B", "max_count": 1, "min_count": 1, "subnet_id": "s",
        "security_group_id": ["g1"], "charge_type": "Daily", "system_disk": {"disk_type": "ESSD_PL1"}})
OPTIONS = {
    "none": None,
    "headers": CallOptions(headers={"X-Trace-Id": "t-1", "Accept": "application/json; q=1"}),
    "extra params": CallOptions(extra_params={"NewParam.1": "a b"}),
    "own framing": CallOptions(headers={"Content-Length": "5"}),
}


def _same_request(made: httpx.Request, built: httpx.Request) -> None:
    assert made.method == built.method
    assert made.url == built.url and str(made.url) == str(built.url)
    assert made.url.raw_path == built.url.raw_path and made.url.netloc == built.url.netloc
    assert made.headers.raw == built.headers.raw  # names, case, values and order
    assert made.content == built.content
    assert made.extensions == built.extensions


@pytest.mark.parametrize("cls", [KecClient, AsyncKecClient])
@pytest.mark.parametrize("endpoint", ["http://127.0.0.1:9", "https://kec.example.com/api",
                                      "http://[::1]:8080/api/v1/"])
@pytest.mark.parametrize("action", [DESCRIBE, RUN], ids=["GET", "POST"])
@pytest.mark.parametrize("option", list(OPTIONS))
def test_a_request_the_client_makes_is_the_one_build_request_would(
        cls: Any, endpoint: str, action: tuple[str, str, Any, dict[str, Any]], option: str) -> None:
    name, method, model, arguments = action
    client = cls(access_key=ACCESS_KEY, secret_key=SECRET_KEY, security_token="tok", region=REGION,
                 endpoint=endpoint)
    try:
        call = client._prepare(name, method, client._validate(model, arguments), options=OPTIONS[option])
        made = client._request(client._http, call, 7.5, {"trace": print})
        built = client._http.build_request(call.method, call.url, headers=call.headers,
                                           content=call.body or None, timeout=7.5,
                                           extensions={"trace": print})
        _same_request(made, built)
        assert made.url == httpx.URL(call.url)
        assert ("?" in call.url) == (method == "GET")
    finally:
        if isinstance(client, KecClient):
            client.close()
        else:
            asyncio.run(client.aclose())


def test_a_url_httpx_would_parse_differently_is_left_to_httpx() -> None:
    """The URL parsed once is reused only when httpx's own parse agrees with it."""
    with KecClient(access_key=ACCESS_KEY, secret_key=SECRET_KEY, region=REGION,
                   endpoint="http://127.0.0.1:9/p?x=1") as client:
        call = client._prepare("DescribeInstances", "GET",
                               client._validate(DescribeInstancesRequest, {"instance_id": ["i-1"]}))
        made = client._request(client._http, call, 5.0, {})
        assert made.url == httpx.URL(call.url)


@pytest.mark.parametrize("text", [*TEXTS, "", " ", "%", "%41", "a+b", "\t\x7f", "\u00e9\ud7ff\U0001f600"])
def test_a_query_of_any_text_makes_the_url_httpx_parses(text: str) -> None:
    """The query is percent-encoded before the URL parsed once is reused with it:
    the URL is the one httpx makes of the whole string, for any parameter text."""
    with KecClient(access_key=ACCESS_KEY, secret_key=SECRET_KEY, region=REGION,
                   endpoint="https://kec.example.com:8443/v") as client:
        call = client._prepare("DescribeInstances", "GET",
                               client._validate(DescribeInstancesRequest, {"search": text}),
                               options=CallOptions(extra_params={text or "x": text}))
        made = client._request(client._http, call, 5.0, {})
        parsed = httpx.URL(call.url)
        assert made.url == parsed and str(made.url) == str(parsed) and made.url.query == parsed.query


# -- cookies ---------------------------------------------------------------------------------
class _CookieServer:
    """Answers every request with a KSYUN response and a Set-Cookie; records the Cookie sent."""

    def __init__(self) -> None:
        seen = self.cookies = []  # type: list[str | None]

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:  # noqa: N802
                seen.append(self.headers.get("Cookie"))
                body = json.dumps({"RequestId": f"r-{len(seen)}", "InstancesSet": []}).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Set-Cookie", f"lb=node-{len(seen)}; Path=/")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: object) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()


@pytest.fixture()
def cookie_server() -> Iterator[_CookieServer]:
    srv = _CookieServer()
    yield srv
    srv.httpd.shutdown()
    srv.httpd.server_close()


def _kw(url: str) -> dict[str, Any]:
    return {"access_key": ACCESS_KEY, "secret_key": SECRET_KEY, "region": REGION, "endpoint": url,
            "retry": NO_RETRY}


def test_the_clients_own_http_client_keeps_no_cookies(cookie_server: _CookieServer) -> None:
    with KecClient(**_kw(cookie_server.url)) as client:
        first = client.describe_instances(instance_id=["i-1"])
        second = client.with_raw_response.describe_instances(instance_id=["i-1"])
        assert len(client._http.cookies) == 0
    assert first.request_id == "r-1" and second.parse().request_id == "r-2"
    assert second.headers["set-cookie"] == "lb=node-2; Path=/"  # still seen in the raw answer
    assert cookie_server.cookies == [None, None]

    async def twice() -> None:
        async with AsyncKecClient(**_kw(cookie_server.url)) as client:
            await client.describe_instances()
            await client.describe_instances()

    asyncio.run(twice())
    assert cookie_server.cookies == [None, None, None, None]


def test_a_caller_s_http_client_keeps_its_cookies(cookie_server: _CookieServer) -> None:
    with httpx.Client() as http, KecClient(http_client=http, **_kw(cookie_server.url)) as client:
        client.describe_instances()
        client.describe_instances()
        assert http.cookies.get("lb") == "node-2"
    assert cookie_server.cookies == [None, "lb=node-1"]


# -- the signing key -------------------------------------------------------------------------
def test_the_signing_key_is_derived_again_for_any_other_secret_date_region_or_service(
        monkeypatch: pytest.MonkeyPatch) -> None:
    derived: list[tuple[str, str, str, str]] = []
    real = signing.signing_key

    def counting(secret: str, date: str, region: str, service: str) -> bytes:
        derived.append((secret, date, region, service))
        return real(secret, date, region, service)

    monkeypatch.setattr(signing, "signing_key", counting)
    keys = signing.SigningKeys()
    first = keys.get("s1", "20260101", "r", "kec")
    assert keys.get("s1", "20260101", "r", "kec") == first
    assert len(derived) == 1
    for other in (("s2", "20260101", "r", "kec"), ("s1", "20260102", "r", "kec"),
                  ("s1", "20260101", "r2", "kec"), ("s1", "20260101", "r", "vpc")):
        assert keys.get(*other) == real(*other) != first
    assert len(derived) == 5
    assert "s1" not in repr(keys) and "s2" not in repr(keys)
    with pytest.raises(TypeError):
        import pickle
        pickle.dumps(keys)


def test_a_cached_key_signs_as_a_fresh_one() -> None:
    args: dict[str, Any] = dict(method="GET", path="/", canonical_query="Action=A&Version=1",
                                headers={"host": "h", "x-amz-date": "20260101T000000Z"}, payload=b"",
                                access_key="AK", secret_key="SK", region="r", service="kec",
                                amz_date="20260101T000000Z")
    keys = signing.SigningKeys()
    fresh = signing.authorization(**args)
    assert signing.authorization(**args, keys=keys) == fresh
    assert signing.authorization(**args, keys=keys) == fresh
    rotated = {**args, "secret_key": "SK2"}
    assert signing.authorization(**rotated, keys=keys) == signing.authorization(**rotated) != fresh


def test_rotated_credentials_sign_with_the_secret_of_each_call(server: Any) -> None:
    """The SigV4 server verifies each signature with botocore: a provider whose
    secret changes from call to call is signed with the secret of that call."""
    from sigv4_server import Reply

    from ksyun_sdk.errors import ApiError

    server.reply = lambda _req: Reply.json(200, {"RequestId": "r", "InstancesSet": []})
    pairs = [Credentials(ACCESS_KEY, "not-the-secret"), Credentials(ACCESS_KEY, SECRET_KEY)]

    class Rotating:
        n = 0

        def load(self) -> Credentials:
            self.n += 1
            return pairs[(self.n - 1) % 2]

    outcomes = []
    rotating = Rotating()
    with KecClient(credentials=rotating, region=REGION, endpoint=server.url, retry=NO_RETRY) as client:
        rotating.n = 0  # the first call signs with the wrong secret
        for _ in range(4):
            try:
                outcomes.append(client.describe_instances().request_id)
            except ApiError as exc:
                outcomes.append(exc.code)
    assert outcomes == ["SignatureDoesNotMatch", "r", "SignatureDoesNotMatch", "r"]
    assert len(server.received) == 2 and len(server.rejected) == 2


# -- deadlines -------------------------------------------------------------------------------
def test_a_later_deadline_added_without_waking_the_thread_still_fires() -> None:
    deadlines = runtime._Deadlines()
    fired: list[str] = []
    done = threading.Event()
    now = time.monotonic()
    deadlines.add(now + 0.05, lambda: fired.append("first"))
    deadlines.add(now + 0.10, lambda: fired.append("second"))
    deadlines.add(now + 0.15, lambda: (fired.append("third"), done.set()))
    assert done.wait(5)
    assert fired == ["first", "second", "third"]
    done.clear()
    deadlines.add(time.monotonic() + 0.05, lambda: (fired.append("after idle"), done.set()))
    assert done.wait(5)
    assert fired[-1] == "after idle"
