"""Contract tests of ``ksyun-codegen mock``: a real socket on 127.0.0.1.

Requests are signed by botocore (independent of the mock's verifier and of
the SDK's signer) or sent by the committed generated clients.  Expected
statuses come from the IR (the spec), never from the mock's own tables.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import signal
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest

from _mock_support import (
    ACCESS_KEY, REGION, REPO, SECRET_KEY, mock_config, send, signed, write_fixture_spec,
)
from generator.ir import Api, Operation
from generator.mock import MockServer
from generator.mock import sigv4
from generator.pipeline import load_api
from ksyun_sdk import NO_RETRY, ApiError, KsyunError, ResponseError, TransportError
from ksyun_sdk.errors import RequestTimeoutError
from ksyun_sdk.kec.v2016_03_04 import AsyncKecClient, KecClient, errors

V = "2016-03-04"


@pytest.fixture(scope="module")
def fixture_api(tmp_path_factory: pytest.TempPathFactory) -> Api:
    return load_api(write_fixture_spec(tmp_path_factory.mktemp("mockspec") / "spec"))


@pytest.fixture(scope="module")
def mock(fixture_api: Api) -> Iterator[MockServer]:
    with MockServer(fixture_api, mock_config(seed=7)) as server:
        yield server


def op_of(api: Api, action: str) -> Operation:
    return next(s for s in api.services if s.name == "kec").operation(action)


def documented_status(api: Api, action: str, code: str) -> int:
    for e in op_of(api, action).errors:
        if e.code == code:
            return e.http_status
    return next(e.http_status for e in api.common_errors if e.code == code)


def client(url: str, *, headers: dict[str, str] | None = None, **kwargs: object) -> KecClient:
    http = httpx.Client(headers=headers) if headers else None
    return KecClient(access_key=ACCESS_KEY, secret_key=SECRET_KEY, region=REGION, endpoint=url,
                     retry=NO_RETRY, http_client=http, **kwargs)  # type: ignore[arg-type]


def describe(url: str, **params: str) -> httpx.Request:
    return signed(url, [("Action", "DescribeImages"), ("Version", V), *params.items()])


def run_params(**extra: str) -> list[tuple[str, str]]:
    base = {"Action": "RunInstances", "Version": V, "ImageId": "img-1", "InstanceType": "N3.2B",
            "MaxCount": "1", "MinCount": "1"}
    base.update(extra)
    return list(base.items())


# -- the CLI ------------------------------------------------------------------------------


def test_cli_serves_prints_address_logs_redacted_and_stops_on_sigterm() -> None:
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen(
        [str(Path(sys.executable).parent / "ksyun-codegen"), "mock", "--port", "0", "--log",
         "--access-key", ACCESS_KEY, "--secret-key", SECRET_KEY],
        cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
    )
    watchdog = threading.Timer(60, proc.kill)  # a mock that never prints must not hang the test
    watchdog.start()
    try:
        assert proc.stdout is not None
        first = proc.stdout.readline()
        match = re.fullmatch(r"listening on (http://127\.0\.0\.1:(\d+))\n", first)
        assert match, first
        assert int(match[2]) > 0
        with client(match[1]) as c:
            images = c.describe_images()
        assert images.images_set
        proc.send_signal(signal.SIGTERM)
        out, err = proc.communicate(timeout=20)
    finally:
        watchdog.cancel()
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 0, err
    assert "GET DescribeImages 200" in out
    assert "stopped" in out.splitlines()[-1]
    assert SECRET_KEY not in out + err and ACCESS_KEY not in out + err
    assert "AKLT…6789" in out


def test_cli_rejects_an_unknown_fault_in_one_line() -> None:
    proc = subprocess.run(
        [str(Path(sys.executable).parent / "ksyun-codegen"), "mock", "--faults", "503,teapot"],
        cwd=REPO, capture_output=True, text=True, timeout=30,
    )
    assert proc.returncode == 2
    assert proc.stderr.strip().count("\n") == 0 and "teapot" in proc.stderr
    assert "Traceback" not in proc.stderr


def _cli_config(*argv: str) -> object:
    from generator.cli import _parser
    from generator.mock import _config

    config = _config(_parser().parse_args(["mock", *argv]))
    assert not isinstance(config, str), config
    return config


def test_cli_fault_options_reach_the_server(fixture_api: Api) -> None:
    """--fault-rate, --faults, --max-faults and --retry-after as the command line
    parses them: exactly two 429s carrying Retry-After, then answers."""
    config = _cli_config("--fault-rate", "1", "--faults", "429", "--max-faults", "2",
                         "--retry-after", "4", "--access-key", ACCESS_KEY, "--secret-key", SECRET_KEY)
    with MockServer(fixture_api, config) as server:  # type: ignore[arg-type]
        answers = [send(describe(server.url)) for _ in range(3)]
        assert server.stats.faults == {"429": 2}
    assert [a[0] for a in answers] == [429, 429, 200]
    assert [a[2].headers.get("retry-after") for a in answers[:2]] == ["4", "4"]


def test_cli_regions_and_keys_reach_the_server(fixture_api: Api) -> None:
    config = _cli_config("--region", "cn-shanghai-2", "--region", REGION,
                         "--access-key", ACCESS_KEY, "--secret-key", SECRET_KEY, "--seed", "11")
    with MockServer(fixture_api, config) as server:  # type: ignore[arg-type]
        for region, status in [("cn-shanghai-2", 200), (REGION, 200), ("cn-guangzhou-1", 403)]:
            req = signed(server.url, [("Action", "DescribeImages"), ("Version", V)], region=region)
            assert send(req)[0] == status, region
        seeded = send(describe(server.url))[1]
    with MockServer(fixture_api, mock_config(seed=11)) as same_seed:
        expected = send(describe(same_seed.url))[1]
    assert seeded and expected
    seeded.pop("RequestId"), expected.pop("RequestId")
    assert seeded == expected  # --seed 11 answers like seed 11


# -- SigV4 ---------------------------------------------------------------------------------


def test_botocore_signed_requests_are_accepted(mock: MockServer) -> None:
    status, body, response = send(describe(mock.url, ImageType="system"))
    assert status == 200, body
    assert body and body["RequestId"] == response.headers["x-ksc-request-id"]
    status, body, _ = send(signed(mock.url, run_params(**{"SecurityGroupId.1": "a b+c/é"}),
                                  method="POST"))
    assert status == 200, body


def test_verifier_agrees_with_botocore_on_awkward_queries() -> None:
    cases = [[("Action", "DescribeImages"), ("Version", V), ("ImageId", v)]
             for v in ("a b", "a+b", "x/y?z", "中文", "~-_.", "%41", "")]
    for params in cases:
        req = signed("http://127.0.0.1:1", params)
        headers: dict[str, list[str]] = {}
        for k, v in req.headers.multi_items():
            headers.setdefault(k.lower(), []).append(v)
        identity = sigv4.verify(method="GET", raw_path=req.url.raw_path.decode().split("?")[0],
                                raw_query=req.url.query.decode(), headers=headers, body=b"",
                                secrets={ACCESS_KEY: SECRET_KEY}, regions=(REGION,), services=("kec",))
        assert identity.access_key == ACCESS_KEY
        tampered = req.url.query.decode().replace("Version=2016", "Version=2017")
        with pytest.raises(sigv4.AuthFailure) as info:
            sigv4.verify(method="GET", raw_path="/", raw_query=tampered, headers=headers, body=b"",
                         secrets={ACCESS_KEY: SECRET_KEY}, regions=(REGION,), services=("kec",))
        assert info.value.code == "SignatureDoesNotMatch"


@pytest.mark.parametrize("case,code", [
    ("no-authorization", "MissingAuthenticationToken"),
    ("garbage", "IncompleteSignature"),
    ("four-part-credential", "IncompleteSignature"),
    ("unknown-key", "InvalidClientTokenId"),
    ("wrong-secret", "SignatureDoesNotMatch"),
    ("wrong-region", "SignatureDoesNotMatch"),
    ("wrong-service", "SignatureDoesNotMatch"),
    ("host-not-signed", "SignatureDoesNotMatch"),
])
def test_authentication_errors(mock: MockServer, fixture_api: Api, case: str, code: str) -> None:
    req = describe(mock.url)
    if case == "no-authorization":
        del req.headers["Authorization"]
    elif case == "garbage":
        req.headers["Authorization"] = "Bearer something"
    elif case == "four-part-credential":
        req.headers["Authorization"] = re.sub(r"/aws4_request", "", req.headers["Authorization"])
    elif case == "unknown-key":
        req = signed(mock.url, [("Action", "DescribeImages"), ("Version", V)], access_key="AKLTnobody000")
    elif case == "wrong-secret":
        req = signed(mock.url, [("Action", "DescribeImages"), ("Version", V)], secret_key="nope")
    elif case == "wrong-region":
        req = signed(mock.url, [("Action", "DescribeImages"), ("Version", V)], region="cn-shanghai-2")
    elif case == "wrong-service":
        req = signed(mock.url, [("Action", "DescribeImages"), ("Version", V)], service="vpc")
    elif case == "host-not-signed":
        auth = req.headers["Authorization"]
        req.headers["Authorization"] = auth.replace("host;", "")
    status, body, _ = send(req)
    assert body is not None and body["Error"]["Code"] == code, body
    assert status == next(e.http_status for e in fixture_api.common_errors if e.code == code)
    assert re.fullmatch(r"[0-9a-f-]{36}", body["RequestId"])


@pytest.mark.parametrize("minutes", [16, -16])
def test_a_clock_more_than_15_minutes_off_is_refused(fixture_api: Api, minutes: int) -> None:
    """Both ways: a request 16 minutes old (server clock ahead) and one dated
    16 minutes in the future (server clock behind) are refused; 14 is fine."""

    def server_clock(offset: int) -> Callable[[], dt.datetime]:
        return lambda: dt.datetime.now(dt.timezone.utc) + dt.timedelta(minutes=offset)

    with MockServer(fixture_api, mock_config(now=server_clock(minutes))) as server:
        status, body, _ = send(describe(server.url))
        assert (status, body and body["Error"]["Code"]) == (403, "SignatureDoesNotMatch")
    close = 14 if minutes > 0 else -14
    with MockServer(fixture_api, mock_config(now=server_clock(close))) as server:
        assert send(describe(server.url))[0] == 200


# -- routing and parameters ------------------------------------------------------------------


@pytest.mark.parametrize("params,method,code", [
    ([("Action", "DescribeNothing"), ("Version", V)], "GET", "NoSuchEntity"),
    ([("Version", V)], "GET", "MissingParameter"),
    ([("Action", "DescribeImages"), ("Version", "2099-01-01")], "GET", "InvalidParameterValue"),
    ([("Action", "DescribeImages")], "GET", "MissingParameter"),
    ([("Action", "DescribeImages"), ("Version", V), ("ImageID", "x")], "GET", "InvalidQueryParameter"),
    (run_params(MaxCount="abc"), "POST", "InvalidParameterValue"),
    (run_params(**{"SystemDisk.DiskSize": "abc"}), "POST", "InvalidParameterValue"),
    (run_params(**{"SystemDisk.DiskType": "Floppy"}), "POST", "InvalidParameterValue"),
    (run_params(**{"DataDisk.1.Size": "50"}), "POST", "MissingParameter"),
    (run_params(**{"SecurityGroupId.0": "sg"}), "POST", "InvalidQueryParameter"),
    (run_params(SecurityGroupId="sg"), "POST", "InvalidQueryParameter"),
    (run_params(DryRun="yes"), "POST", "InvalidParameterValue"),
    ([p for p in run_params() if p[0] != "MaxCount"], "POST", "MissingParameter"),
    (run_params(DryRun="true"), "POST", "DryRunOperation"),
])
def test_routing_and_parameter_errors(mock: MockServer, fixture_api: Api,
                                      params: list[tuple[str, str]], method: str, code: str) -> None:
    status, body, _ = send(signed(mock.url, params, method=method))
    assert body is not None and body["Error"]["Code"] == code, body
    assert status == next(e.http_status for e in fixture_api.common_errors if e.code == code)
    assert body["Error"]["Type"] == "Sender"


def test_flattened_lists_and_objects_are_understood(mock: MockServer) -> None:
    params = run_params(**{
        "SystemDisk.DiskType": "SSD3.0", "SystemDisk.DiskSize": "40",
        "DataDisk.1.Type": "SSD3.0", "DataDisk.1.Size": "100", "DataDisk.1.DeleteWithInstance": "true",
        "DataDisk.2.Type": "EHDD", "DataDisk.2.Size": "200",
        "SecurityGroupId.1": "sg-1", "SecurityGroupId.2": "sg-2", "ClientToken": "tok-flat",
    })
    status, body, _ = send(signed(mock.url, params, method="POST"))
    assert status == 200, body
    assert body and body["InstancesSet"][0]["InstanceName"] == "test-instance"  # the spec's example
    assert mock.stats.tokens[("RunInstances", "tok-flat")] == 1


def test_not_found_values_raise_the_documented_error(mock: MockServer, fixture_api: Api) -> None:
    with client(mock.url) as c:
        listed = c.describe_images()
        ids = [i.image_id for i in listed.images_set or []]
        assert len(ids) == len(set(ids)) >= 2
        one = c.describe_images(image_id=ids[1])
        assert [i.image_id for i in one.images_set or []] == [ids[1]]
        with pytest.raises(errors.ImageIdInvalidParameterValue) as info:
            c.describe_images(image_id="img-that-does-not-exist")
    assert info.value.http_status == documented_status(fixture_api, "DescribeImages",
                                                       "ImageIdInvalidParameterValue")
    assert info.value.request_id
    documented = next(e for e in fixture_api.services[0].operation("DescribeImages").errors
                      if e.code == "ImageIdInvalidParameterValue")
    assert info.value.message == documented.message  # the spec's text, as KSYUN sends it


def test_responses_are_deterministic_for_a_seed_with_fresh_request_ids(fixture_api: Api) -> None:
    bodies = []
    for _ in range(2):
        with MockServer(fixture_api, mock_config(seed=42)) as server:
            bodies.append(send(describe(server.url))[1])
            bodies.append(send(describe(server.url))[1])
    ids = [b.pop("RequestId") for b in bodies if b]
    assert len(set(ids)) == 2 and ids[:2] == ids[2:]  # fresh per call, reproducible per seed
    assert bodies[0] == bodies[1] == bodies[2] == bodies[3]
    with MockServer(fixture_api, mock_config(seed=43)) as server:
        other = send(describe(server.url))[1]
    assert other and other.pop("RequestId") and other != bodies[0]
    images = bodies[0]["ImagesSet"]
    op = op_of(fixture_api, "DescribeImages")
    assert op.response == "DescribeImagesResponse"
    examples = {f.name: f.example for f in next(s for s in fixture_api.services).shape("Image").fields
                if f.has_example}
    assert images[0]["Name"] == examples["Name"] and images[0]["ImageId"] == examples["ImageId"]


# -- every common and documented error through the generated clients ---------------------------


def test_every_common_error_reaches_the_sync_client_typed(mock: MockServer, fixture_api: Api) -> None:
    for e in fixture_api.common_errors:
        with client(mock.url, headers={"Prefer": f"error={e.code}"}) as c:
            with pytest.raises(ApiError) as info:
                c.describe_images()
        assert type(info.value) is errors.ERRORS[e.code], e.code
        assert info.value.code == e.code
        assert info.value.http_status == documented_status(fixture_api, "DescribeImages", e.code)
        assert info.value.request_id and info.value.attempts == 1


async def test_every_documented_describe_images_error_reaches_the_async_client(
        mock: MockServer, fixture_api: Api) -> None:
    op = op_of(fixture_api, "DescribeImages")
    assert op.errors
    for e in op.errors:
        http = httpx.AsyncClient(headers={"Prefer": f"error={e.code}"})
        async with AsyncKecClient(access_key=ACCESS_KEY, secret_key=SECRET_KEY, region=REGION,
                                  endpoint=mock.url, retry=NO_RETRY, http_client=http) as c:
            with pytest.raises(ApiError) as info:
                await c.describe_images()
        await http.aclose()
        assert type(info.value) is errors.ERRORS[e.code]
        assert info.value.http_status == e.http_status  # the action's own status, not the common one


def test_prefer_an_undocumented_error_is_refused(mock: MockServer) -> None:
    status, body, _ = send(signed(mock.url, [("Action", "DescribeImages"), ("Version", V)],
                                  headers={"Prefer": "error=InvalidInstanceType"}))
    assert status == 400 and body and body["Error"]["Code"] == "InvalidParameterValue"
    assert "InvalidInstanceType" in body["Error"]["Message"]


# -- every fault type ----------------------------------------------------------------------------


FAULTS = {
    "503": (ApiError, 503),
    "429": (ApiError, 429),
    "limit-exceeded": (errors.LimitExceeded, None),
    "slow": (RequestTimeoutError, None),
    "reset": (TransportError, None),
    "truncated": (ResponseError, 200),
    "html": (ResponseError, 502),
    "empty": (ResponseError, 200),
}


@pytest.mark.parametrize("kind", sorted(FAULTS))
def test_every_fault_is_a_typed_error_sync(fixture_api: Api, kind: str) -> None:
    cls, status = FAULTS[kind]
    with MockServer(fixture_api, mock_config(slow_seconds=1.0)) as server:
        with client(server.url, headers={"Prefer": f"fault={kind}"}, timeout=0.3) as c:
            with pytest.raises(KsyunError) as info:
                c.describe_images()
    err = info.value
    assert isinstance(err, cls), repr(err)
    assert err.attempts == 1
    if status is not None:
        assert getattr(err, "http_status") == status
    if kind == "limit-exceeded":
        assert err.http_status == documented_status(fixture_api, "DescribeImages", "LimitExceeded")
        assert isinstance(err, errors.ThrottlingError)
    if isinstance(err, TransportError):
        assert isinstance(err.__cause__, httpx.HTTPError)
    if kind in ("truncated", "empty"):
        assert isinstance(err, ResponseError) and err.malformed
    assert server.stats.faults[kind] == 1


@pytest.mark.parametrize("kind", sorted(FAULTS))
async def test_every_fault_is_a_typed_error_async(fixture_api: Api, kind: str) -> None:
    cls, _ = FAULTS[kind]
    with MockServer(fixture_api, mock_config(slow_seconds=1.0)) as server:
        http = httpx.AsyncClient(headers={"Prefer": f"fault={kind}"})
        async with AsyncKecClient(access_key=ACCESS_KEY, secret_key=SECRET_KEY, region=REGION,
                                  endpoint=server.url, retry=NO_RETRY, timeout=0.3,
                                  http_client=http) as c:
            with pytest.raises(KsyunError) as info:
                await c.describe_images()
        await http.aclose()
    assert isinstance(info.value, cls), repr(info.value)


def test_fault_injection_is_seeded_and_bounded(fixture_api: Api) -> None:
    def run(seed: int) -> list[int]:
        config = mock_config(seed=seed, fault_rate=0.5, faults=("503", "limit-exceeded"), fault_limit=5)
        with MockServer(fixture_api, config) as server:
            return [send(describe(server.url))[0] for _ in range(30)]

    first, again, other = run(1), run(1), run(2)
    assert first == again and first != other
    assert sum(s != 200 for s in first) == 5  # the limit, though 0.5 of 30 would be ~15


def test_log_lines_name_the_action_and_hide_secrets(fixture_api: Api) -> None:
    import io

    out = io.StringIO()
    with MockServer(fixture_api, mock_config(log=out)) as server:
        send(describe(server.url))
        send(signed(server.url, [("Action", "DescribeImages"), ("Version", V)], secret_key="bad"))
    lines = out.getvalue().splitlines()
    assert len(lines) == 2
    assert lines[0].startswith("GET DescribeImages 200 - ")
    assert lines[1].startswith("GET DescribeImages 403 SignatureDoesNotMatch ")
    assert ACCESS_KEY not in out.getvalue() and SECRET_KEY not in out.getvalue()


# -- the spec drives everything -------------------------------------------------------------------


def test_every_action_of_the_spec_is_routed(mock: MockServer, fixture_api: Api) -> None:
    served = 0
    for service in fixture_api.services:
        for op in service.operations:
            req = signed(mock.url, [("Action", op.action), ("Version", service.version)], method=op.method,
                         service=service.signing_name)
            status, body, _ = send(req)
            required = [p for p in op.parameters if p.required]
            expected = "MissingParameter" if required else None
            assert (body or {}).get("Error", {}).get("Code") == expected, (op.action, body)
            assert status == (documented_status(fixture_api, op.action, "MissingParameter")
                              if required else 200)
            served += 1
    assert served == sum(len(s.operations) for s in fixture_api.services) >= 2


def test_not_found_error_must_be_documented(tmp_path: Path) -> None:
    from generator.problems import SpecError

    spec = write_fixture_spec(tmp_path / "spec")
    target = spec / "kec" / "2016-03-04.yaml"
    text = target.read_text(encoding="utf-8")
    assert "x-ksyun-not-found-error: ImageIdInvalidParameterValue" in text
    target.write_text(text.replace("x-ksyun-not-found-error: ImageIdInvalidParameterValue",
                                   "x-ksyun-not-found-error: NoSuchImage"), encoding="utf-8")
    with pytest.raises(SpecError) as info:
        load_api(spec)
    [problem] = info.value.problems
    assert "NoSuchImage" in str(problem) and "is not an error of DescribeImages" in str(problem)
    assert problem.line is not None and problem.file.endswith("2016-03-04.yaml")


def test_cli_takes_the_key_pair_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """So the secret need not stand in the process list."""
    import argparse

    from generator import mock as mock_cli

    monkeypatch.setenv("KSYUN_MOCK_ACCESS_KEY", "AKLTfromTheEnvironment")
    monkeypatch.setenv("KSYUN_MOCK_SECRET_KEY", "secret-from-the-environment")
    parser = argparse.ArgumentParser()
    mock_cli.add_parser(parser.add_subparsers(dest="command"))
    args = parser.parse_args(["mock"])
    assert (args.access_key, args.secret_key) == ("AKLTfromTheEnvironment", "secret-from-the-environment")
    args = parser.parse_args(["mock", "--access-key", "AKLTgiven", "--secret-key", "given"])
    assert (args.access_key, args.secret_key) == ("AKLTgiven", "given")
