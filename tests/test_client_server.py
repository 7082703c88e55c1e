"""The committed SDK against a real HTTP server on 127.0.0.1 that verifies SigV4
with botocore.  Replies are built from the spec (its examples and errors)."""

from __future__ import annotations

import asyncio
import json
import logging
import socket
import time
from typing import Any

import httpx
import pytest
from conftest import ACCESS_KEY, REGION, SECRET_KEY, SPEC, example_object
from sigv4_server import Received, Reply, SigV4Server, error_envelope

from generator.ir import ErrorCode
from generator.pipeline import load_api
from generator.targets.python.target import error_class
from ksyun_sdk import NO_RETRY
from ksyun_sdk.kec.v2016_03_04 import AsyncKecClient, KecClient, errors

_API = load_api(SPEC)
_KEC = next(s for s in _API.services if s.name == "kec")
_OP = _KEC.operation("DescribeImages")
OP_ERRORS = list(_OP.errors)
COMMON = [e for e in _API.common_errors if e.code not in {o.code for o in OP_ERRORS}]


def seed_example() -> dict[str, Any]:
    return example_object(_KEC, _OP.response)


def client_for(server: SigV4Server, cls: type[Any] = KecClient, **kw: Any) -> Any:
    kw.setdefault("access_key", ACCESS_KEY)
    kw.setdefault("secret_key", SECRET_KEY)
    kw.setdefault("region", REGION)
    kw.setdefault("retry", NO_RETRY)  # one request per call: retries are tested elsewhere
    return cls(endpoint=server.url, **kw)


def answer(status: int, data: Any) -> Any:
    return lambda _req: Reply.json(status, data)


# -- success -------------------------------------------------------------------------------
def test_example_response_is_parsed(server: SigV4Server) -> None:
    example = seed_example()
    server.reply = answer(200, example)
    with client_for(server) as client:
        resp = client.describe_images(image_type="system")
    image = example["ImagesSet"][0]
    assert resp.request_id == example["RequestId"]
    assert resp.images_set[0].image_id == image["ImageId"]
    assert resp.images_set[0].snapshot_set[0].disk_size == 20
    assert resp.images_set[0].snapshot_set[0].snapshot_id == image["SnapshotSet"][0]["SnapshotId"]
    assert resp.images_set[0].type_ == image["Type"]
    assert resp.model_dump(by_alias=True, exclude_none=True) == example
    assert not server.rejected


def test_request_is_a_signed_get_with_query_parameters(server: SigV4Server) -> None:
    server.reply = answer(200, seed_example())
    with client_for(server) as client:
        client.describe_images(image_type="system", image_id="img-1")
    (req,) = server.received
    assert req.method == "GET" and req.body == b""
    assert req.params == {"Action": "DescribeImages", "Version": "2016-03-04",
                          "ImageType": "system", "ImageId": "img-1"}
    assert req.headers["accept"] == "application/json"
    auth = req.headers["authorization"]
    assert auth.startswith(f"AWS4-HMAC-SHA256 Credential={ACCESS_KEY}/")
    assert f"/{REGION}/kec/aws4_request" in auth
    signed = auth.split("SignedHeaders=")[1].split(",")[0].split(";")
    assert "host" in signed and "x-amz-date" in signed


def test_unknown_response_fields_are_kept(server: SigV4Server) -> None:
    example = seed_example()
    example["TotalCount"] = 7
    example["ImagesSet"][0]["BootMode"] = "uefi"
    server.reply = answer(200, example)
    with client_for(server) as client:
        resp = client.describe_images()
    assert resp.model_extra == {"TotalCount": 7}
    assert resp.images_set[0].model_extra == {"BootMode": "uefi"}
    assert resp.model_dump(by_alias=True, exclude_none=True) == example


def test_credentials_and_region_from_environment(server: SigV4Server,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KSYUN_ACCESS_KEY", ACCESS_KEY)
    monkeypatch.setenv("KSYUN_SECRET_KEY", SECRET_KEY)
    monkeypatch.setenv("KSYUN_REGION", REGION)
    server.reply = answer(200, seed_example())
    with KecClient(endpoint=server.url) as client:
        assert client.region == REGION
        resp = client.describe_images()
    assert resp.request_id == seed_example()["RequestId"]
    assert len(server.received) == 1 and not server.rejected


def test_default_endpoint(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("KSYUN_ENDPOINT", raising=False)
    with KecClient(access_key=ACCESS_KEY, secret_key=SECRET_KEY, region=REGION) as client:
        assert client.endpoint == "https://kec.api.ksyun.com"


def test_missing_credentials_is_a_configuration_error(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("KSYUN_ACCESS_KEY", "KSYUN_SECRET_KEY", "KSYUN_REGION"):
        monkeypatch.delenv(name, raising=False)
    with pytest.raises(errors.ConfigurationError):
        KecClient(region=REGION)
    with pytest.raises(errors.ConfigurationError):
        KecClient(access_key=ACCESS_KEY, secret_key=SECRET_KEY)


def test_invalid_argument_is_rejected_before_sending(server: SigV4Server) -> None:
    with client_for(server) as client:
        with pytest.raises(errors.RequestValidationError):
            client.describe_images(image_id=123)
    assert not server.received and not server.rejected


# -- signature ------------------------------------------------------------------------------
def test_wrong_secret_key_is_rejected_by_the_server(server: SigV4Server) -> None:
    server.reply = answer(200, seed_example())
    with client_for(server, secret_key="not-the-secret") as client:
        with pytest.raises(errors.SignatureDoesNotMatch) as info:
            client.describe_images()
    assert info.value.http_status == 403
    assert info.value.code == "SignatureDoesNotMatch"
    assert not server.received
    assert len(server.rejected) == 1


def test_wrong_region_is_rejected_by_the_server(server: SigV4Server) -> None:
    with client_for(server, region="cn-shanghai-2") as client:
        with pytest.raises(errors.SignatureDoesNotMatch):
            client.describe_images()


def _signed_headers(authorization: str) -> str:
    return authorization.split("SignedHeaders=")[1].split(",")[0]


def _botocore_signed_headers(req: Received, token: str | None) -> str:
    """What botocore's SigV4Auth signs for the same request: its method, URL and body,
    the form's Content-Type when there is a body, the same credentials and token."""
    from botocore.auth import SigV4Auth
    from botocore.awsrequest import AWSRequest
    from botocore.credentials import Credentials

    url = f"http://{req.headers['host']}{req.path}" + (f"?{req.raw_query}" if req.raw_query else "")
    headers = {"Content-Type": req.headers["content-type"]} if req.body else {}
    aws = AWSRequest(method=req.method, url=url, headers=headers, data=req.body or None)
    SigV4Auth(Credentials(ACCESS_KEY, SECRET_KEY, token), "kec", REGION).add_auth(aws)
    return _signed_headers(aws.headers["Authorization"])


@pytest.mark.parametrize("token", [None, "tok/en+1"], ids=["long-term", "session-token"])
@pytest.mark.parametrize("method", ["GET", "POST"])
@pytest.mark.parametrize("cls", [KecClient, AsyncKecClient], ids=["sync", "async"])
def test_signed_headers_are_those_ksyun_and_botocore_sign(server: SigV4Server, cls: type[Any],
                                                          method: str, token: str | None) -> None:
    # The server recomputes the signature from whatever list the client declares, so a
    # client that leaves a header out everywhere still passes it: check the list itself.
    # KSYUN's documented requests sign content-type;host;x-amz-date; a session token is
    # an x-amz-* header, signed too (kscore and botocore).
    server.reply = answer(200, {"RequestId": "r"} if method == "POST" else seed_example())
    client = client_for(server, cls, security_token=token)
    send = client.describe_images if method == "GET" else client.run_instances
    kwargs: dict[str, Any] = ({"image_type": "system"} if method == "GET" else {
        "image_id": "img-1", "instance_type": "N3.2B", "max_count": 1, "min_count": 1,
        "subnet_id": "subnet-1", "security_group_id": ["sg-1"], "charge_type": "Daily"})
    if cls is KecClient:
        with client:
            send(**kwargs)
    else:
        async def go() -> None:
            async with client:
                await send(**kwargs)

        asyncio.run(go())
    assert not server.rejected, server.rejected
    (req,) = server.received
    assert req.method == method and bool(req.body) == (method == "POST")
    expected = ["host", "x-amz-date"]
    if method == "POST":
        assert req.headers["content-type"] == "application/x-www-form-urlencoded"
        expected.insert(0, "content-type")
    if token:
        assert req.headers["x-amz-security-token"] == token
        expected.append("x-amz-security-token")
    declared = _signed_headers(req.headers["authorization"])
    assert declared == ";".join(expected), f"{method} signs {declared}, not {';'.join(expected)}"
    assert declared == _botocore_signed_headers(req, token)


# -- errors ---------------------------------------------------------------------------------
def _error_cases() -> list[Any]:
    cases = [pytest.param(e, id=f"op-{e.code}") for e in OP_ERRORS]
    cases += [pytest.param(e, id=f"common-{e.code}") for e in COMMON]
    return cases


@pytest.mark.parametrize("err", _error_cases())
def test_documented_errors_raise_their_class(server: SigV4Server, err: ErrorCode) -> None:
    server.reply = answer(err.http_status, error_envelope(err.code, err.message, "req-42"))
    with client_for(server) as client:
        with pytest.raises(errors.ApiError) as info:
            client.describe_images(image_id="nope")
    exc = info.value
    cls = getattr(errors, error_class(err.code))
    assert type(exc) is cls
    assert errors.ERRORS[err.code] is cls
    assert exc.code == err.code
    assert exc.message == err.message
    assert exc.request_id == "req-42"
    assert exc.http_status == err.http_status
    assert exc.error_type == "Sender"
    assert isinstance(exc, errors.KsyunError)


def test_issue_example_error_class(server: SigV4Server) -> None:
    message = 'An invalid or out-of-range value was supplied for the "ImageId" parameter.'
    server.reply = answer(400, error_envelope("ImageIdInvalidParameterValue", message, "rid-9"))
    with client_for(server) as client:
        with pytest.raises(errors.ImageIdInvalidParameterValue) as info:
            client.describe_images(image_id="nope")
    e = info.value
    assert (e.code, e.message, e.request_id, e.http_status) == (
        "ImageIdInvalidParameterValue", message, "rid-9", 400)
    assert issubclass(errors.LimitExceeded, errors.ThrottlingError)


def test_unknown_code_raises_api_error_itself(server: SigV4Server) -> None:
    server.reply = answer(400, error_envelope("Brand.NewCode", "something new"))
    with client_for(server) as client:
        with pytest.raises(errors.ApiError) as info:
            client.describe_images()
    assert type(info.value) is errors.ApiError
    assert info.value.code == "Brand.NewCode"
    assert info.value.message == "something new"


def test_lower_case_envelope_is_parsed(server: SigV4Server) -> None:
    body = {"requestid": "rid-low", "error": {"code": "MissingParameter", "message": "m"}}
    server.reply = answer(400, body)
    with client_for(server) as client:
        with pytest.raises(errors.MissingParameter) as info:
            client.describe_images()
    assert info.value.request_id == "rid-low"
    assert info.value.message == "m"
    assert info.value.error_type is None


@pytest.mark.parametrize(
    ("status", "body", "content_type"),
    [
        pytest.param(502, b"<html><body>Bad Gateway</body></html>", "text/html", id="html"),
        pytest.param(200, b"", "application/json", id="empty"),
        pytest.param(200, b'{"RequestId": "x", "ImagesSet": [{"ImageId"', "application/json",
                     id="truncated"),
        pytest.param(500, b'{"RequestId": "x"}', "application/json", id="no-error-member"),
        pytest.param(200, b'["not", "an", "object"]', "application/json", id="json-list"),
    ],
)
def test_undecodable_answers_raise_response_error(server: SigV4Server, status: int, body: bytes,
                                                  content_type: str) -> None:
    server.reply = lambda _req: Reply(status, body, content_type)
    with client_for(server) as client:
        with pytest.raises(errors.ResponseError) as info:
            client.describe_images()
    assert info.value.http_status == status
    assert info.value.body_excerpt == body.decode()[:200]


def test_response_not_matching_model_is_response_error(server: SigV4Server) -> None:
    server.reply = answer(200, {"RequestId": "r", "ImagesSet": [{"SysDisk": "twenty"}]})
    with client_for(server) as client:
        with pytest.raises(errors.ResponseError) as info:
            client.describe_images()
    assert info.value.http_status == 200
    assert "twenty" in info.value.body_excerpt


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_connection_refused_is_transport_error() -> None:
    client = KecClient(access_key=ACCESS_KEY, secret_key=SECRET_KEY, region=REGION,
                       endpoint=f"http://127.0.0.1:{_closed_port()}", retry=NO_RETRY)
    with client, pytest.raises(errors.TransportError) as info:
        client.describe_images()
    assert isinstance(info.value.__cause__, httpx.ConnectError)
    assert SECRET_KEY not in str(info.value)


def test_slow_answer_is_a_timeout(server: SigV4Server) -> None:
    def slow(_req: Received) -> Reply:
        time.sleep(0.6)
        return Reply.json(200, seed_example())

    server.reply = slow
    with client_for(server, timeout=0.1) as client:
        with pytest.raises(errors.RequestTimeoutError) as info:
            client.describe_images()
    assert isinstance(info.value, errors.TransportError)
    assert isinstance(info.value.__cause__, httpx.TimeoutException)


# -- secrets ---------------------------------------------------------------------------------
def test_secret_never_in_repr_errors_or_logs(server: SigV4Server,
                                             caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    seen: list[str] = []
    with client_for(server) as client:
        seen.append(repr(client))
        seen.append(str(client))
        seen.append(repr(client._credentials))
        server.reply = answer(200, seed_example())
        client.describe_images()
        for status, data in [(403, error_envelope("AccessDenied", "no")),
                             (502, "<html>"), (400, error_envelope("Odd", "odd"))]:
            server.reply = answer(status, data)
            with pytest.raises(errors.KsyunError) as info:
                client.describe_images()
            seen += [str(info.value), repr(info.value)]
    with client_for(server, secret_key="wrong-" + SECRET_KEY) as bad:
        with pytest.raises(errors.KsyunError) as info:
            bad.describe_images()
        seen += [repr(bad), str(info.value), repr(info.value)]
    assert caplog.records, "the client logs nothing at DEBUG"
    seen.append(caplog.text)
    for text in seen:
        assert SECRET_KEY not in text
    assert ACCESS_KEY not in repr(client)


# -- context managers --------------------------------------------------------------------------
def test_context_manager_closes_its_own_http_client(server: SigV4Server) -> None:
    with client_for(server) as client:
        pass
    assert client._http.is_closed


def test_context_manager_leaves_a_given_http_client_open(server: SigV4Server) -> None:
    server.reply = answer(200, seed_example())
    with httpx.Client() as http:
        with client_for(server, http_client=http) as client:
            client.describe_images()
        assert not http.is_closed


# -- async -------------------------------------------------------------------------------------
async def test_async_client_parses_example(server: SigV4Server) -> None:
    example = seed_example()
    server.reply = answer(200, example)
    async with client_for(server, AsyncKecClient) as client:
        resp = await client.describe_images(image_type="system")
    assert client._http.is_closed
    assert resp.request_id == example["RequestId"]
    assert resp.images_set[0].snapshot_set[0].disk_size == 20
    assert resp.model_dump(by_alias=True, exclude_none=True) == example
    (req,) = server.received
    assert req.params["ImageType"] == "system"
    assert req.headers["accept"] == "application/json"


async def test_async_client_errors(server: SigV4Server) -> None:
    err = OP_ERRORS[1]
    server.reply = answer(err.http_status, error_envelope(err.code, err.message, "rid-a"))
    async with client_for(server, AsyncKecClient) as client:
        with pytest.raises(errors.ImageIdInvalidParameterValue) as info:
            await client.describe_images(image_id="nope")
        assert info.value.http_status == err.http_status and info.value.request_id == "rid-a"
        server.reply = lambda _r: Reply(503, b"<html>busy</html>", "text/html")
        with pytest.raises(errors.ResponseError) as rinfo:
            await client.describe_images()
        assert rinfo.value.http_status == 503


async def test_async_wrong_secret_and_refused(server: SigV4Server) -> None:
    async with client_for(server, AsyncKecClient, secret_key="nope") as client:
        with pytest.raises(errors.SignatureDoesNotMatch):
            await client.describe_images()
    refused = AsyncKecClient(access_key=ACCESS_KEY, secret_key=SECRET_KEY, region=REGION,
                             endpoint=f"http://127.0.0.1:{_closed_port()}", retry=NO_RETRY)
    async with refused:
        with pytest.raises(errors.TransportError) as info:
            await refused.describe_images()
    assert info.value.__cause__ is not None


def test_error_envelope_round_trip_is_json() -> None:
    # the helper the server uses produces KSYUN's documented envelope
    body = json.loads(json.dumps(error_envelope("A", "b", "c")))
    assert body == {"RequestId": "c", "Error": {"Type": "Sender", "Code": "A", "Message": "b"}}
