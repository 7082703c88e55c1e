"""Retries of the generated clients, against the mock server on 127.0.0.1.

Waits are recorded, not slept: ``ksyun_sdk._runtime.retry.sleep`` is
replaced, so the tests check the delays the client chose without timing
anything.  The write action (RunInstances, ``x-ksyun-idempotent: false``)
comes from an SDK generated from tests/fixtures/mock/run_instances.yaml.
"""

from __future__ import annotations

import asyncio
import logging
import socket
import time
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType, SimpleNamespace
from typing import Any

import httpx
import pytest

from _mock_support import ACCESS_KEY, REGION, SECRET_KEY, generate_sdk, mock_config, write_fixture_spec
from conftest import sdk_on_path
from generator.ir import Api
from generator.mock import MockServer
from generator.pipeline import load_api


class Sleeps:
    def __init__(self) -> None:
        self.delays: list[float] = []

    def __call__(self, seconds: float) -> None:
        self.delays.append(seconds)

    async def asleep(self, seconds: float) -> None:
        self.delays.append(seconds)


@pytest.fixture(scope="module")
def fixture_spec(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_fixture_spec(tmp_path_factory.mktemp("retryspec") / "spec")


@pytest.fixture(scope="module")
def fixture_api(fixture_spec: Path) -> Api:
    return load_api(fixture_spec)


@pytest.fixture(scope="module")
def sdk(fixture_spec: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, ModuleType]]:
    """The SDK generated from the fixture spec (it has RunInstances), imported on its own."""
    root = generate_sdk(fixture_spec, tmp_path_factory.mktemp("retrysdk"))
    import importlib

    with sdk_on_path(root):
        yield {name: importlib.import_module(name) for name in (
            "ksyun_sdk", "ksyun_sdk.errors", "ksyun_sdk._runtime.retry", "ksyun_sdk.kec.v2016_03_04")}


@pytest.fixture
def sleeps(sdk: dict[str, ModuleType], monkeypatch: pytest.MonkeyPatch) -> Sleeps:
    rec = Sleeps()
    monkeypatch.setattr(sdk["ksyun_sdk._runtime.retry"], "sleep", rec)
    monkeypatch.setattr(sdk["ksyun_sdk._runtime.retry"], "async_sleep", rec.asleep)
    return rec


def make(sdk: dict[str, ModuleType], url: str, *, sync: bool = True, **kwargs: Any) -> Any:
    mod = sdk["ksyun_sdk.kec.v2016_03_04"]
    cls = mod.KecClient if sync else mod.AsyncKecClient
    return cls(access_key=ACCESS_KEY, secret_key=SECRET_KEY, region=REGION, endpoint=url, **kwargs)


def policy(sdk: dict[str, ModuleType], **kwargs: Any) -> Any:
    return sdk["ksyun_sdk"].RetryPolicy(**{"base_delay": 0.05, "max_delay": 0.2, **kwargs})


def run(c: Any, token: str) -> Any:
    return c.run_instances(image_id="img-1", instance_type="N3.2B", max_count=1, min_count=1,
                           client_token=token)


RETRYABLE = ["503", "429", "limit-exceeded", "slow", "reset", "truncated", "html", "empty"]


@pytest.mark.parametrize("kind", RETRYABLE)
def test_a_safe_action_recovers_from_each_fault(sdk: dict[str, ModuleType], fixture_api: Api,
                                                sleeps: Sleeps, kind: str) -> None:
    config = mock_config(fault_rate=1.0, faults=(kind,), fault_limit=2, slow_seconds=1.0)
    with MockServer(fixture_api, config) as server:
        with make(sdk, server.url, retry=policy(sdk), timeout=0.3) as c:
            result = c.describe_images()
        assert result.images_set
        assert server.stats.requests == 3  # two faults, then the answer
    assert len(sleeps.delays) == 2
    assert all(0.0 <= d <= 0.2 for d in sleeps.delays)


@pytest.mark.parametrize("kind", RETRYABLE)
def test_a_write_action_is_never_sent_twice(sdk: dict[str, ModuleType], fixture_api: Api,
                                            sleeps: Sleeps, kind: str) -> None:
    errors = sdk["ksyun_sdk.errors"]
    config = mock_config(fault_rate=1.0, faults=(kind,), fault_limit=1, slow_seconds=1.0)
    with MockServer(fixture_api, config) as server:
        with make(sdk, server.url, retry=policy(sdk), timeout=0.3) as c:
            with pytest.raises(errors.KsyunError) as info:
                run(c, f"token-{kind}")
            assert run(c, f"token-{kind}-next").instances_set  # the fault budget is spent
        assert server.stats.tokens[("RunInstances", f"token-{kind}")] == 1
    assert info.value.attempts == 1
    assert sleeps.delays == []


def test_a_write_action_is_retried_when_the_connection_was_never_opened(
        sdk: dict[str, ModuleType], sleeps: Sleeps) -> None:
    errors = sdk["ksyun_sdk.errors"]
    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with make(sdk, f"http://127.0.0.1:{port}", retry=policy(sdk, max_attempts=3)) as c:
        with pytest.raises(errors.TransportError) as info:
            run(c, "token-refused")
    assert info.value.attempts == 3 and len(sleeps.delays) == 2
    assert isinstance(info.value.__cause__, httpx.ConnectError)


def test_max_attempts_and_the_error_of_the_last_attempt(sdk: dict[str, ModuleType], fixture_api: Api,
                                                        sleeps: Sleeps) -> None:
    errors = sdk["ksyun_sdk.errors"]
    with MockServer(fixture_api, mock_config(fault_rate=1.0, faults=("limit-exceeded",))) as server:
        with make(sdk, server.url, retry=policy(sdk, max_attempts=4)) as c:
            with pytest.raises(errors.LimitExceeded) as info:
                c.describe_images()
        assert server.stats.requests == 4
    assert info.value.attempts == 4 and info.value.request_id
    assert len(sleeps.delays) == 3


def test_errors_that_are_not_transient_are_not_retried(sdk: dict[str, ModuleType], fixture_api: Api,
                                                       sleeps: Sleeps) -> None:
    mod = sdk["ksyun_sdk.kec.v2016_03_04"]
    with MockServer(fixture_api, mock_config()) as server:
        with make(sdk, server.url, retry=policy(sdk)) as c:
            with pytest.raises(mod.errors.ImageIdInvalidParameterValue) as info:
                c.describe_images(image_id="missing")
        assert server.stats.requests == 1
    assert info.value.attempts == 1 and sleeps.delays == []


def test_retry_after_is_honoured_within_the_budget(sdk: dict[str, ModuleType], fixture_api: Api,
                                                   sleeps: Sleeps) -> None:
    errors = sdk["ksyun_sdk.errors"]
    config = mock_config(fault_rate=1.0, faults=("429",), fault_limit=1, retry_after=3)
    with MockServer(fixture_api, config) as server:
        with make(sdk, server.url, retry=policy(sdk, total_timeout=30)) as c:
            assert c.describe_images().images_set
    assert sleeps.delays == [3.0]  # longer than max_delay: the server asked for it
    sleeps.delays.clear()
    with MockServer(fixture_api, config) as server:
        with make(sdk, server.url, retry=policy(sdk, total_timeout=1)) as c:
            with pytest.raises(errors.ApiError) as info:
                c.describe_images()
    assert info.value.http_status == 429 and info.value.attempts == 1
    assert sleeps.delays == []  # waiting 3 s would overrun the 1 s budget: give up now


class VirtualClock:
    """The retry module's clock, moved on by its sleeps instead of sleeping: every wait
    the client chooses is recorded with the (virtual) time it started, and the budget
    is checked against the time the waits really take, deterministically."""

    def __init__(self) -> None:
        self.offset = 0.0
        self.waits: list[tuple[float, float]] = []  # (started at, seconds)

    def monotonic(self) -> float:
        return time.monotonic() + self.offset

    def sleep(self, seconds: float) -> None:
        self.waits.append((self.monotonic(), seconds))
        self.offset += seconds

    async def asleep(self, seconds: float) -> None:
        self.sleep(seconds)


@pytest.fixture
def clock(sdk: dict[str, ModuleType], monkeypatch: pytest.MonkeyPatch) -> VirtualClock:
    retry = sdk["ksyun_sdk._runtime.retry"]
    rec = VirtualClock()
    monkeypatch.setattr(retry, "time", SimpleNamespace(monotonic=rec.monotonic))
    monkeypatch.setattr(retry, "sleep", rec.sleep)
    monkeypatch.setattr(retry, "async_sleep", rec.asleep)
    # full jitter at its ceiling: the longest wait the backoff may pick, every time
    monkeypatch.setattr(retry, "random", SimpleNamespace(uniform=lambda low, high: high))
    return rec


@pytest.mark.parametrize("sync", [True, False], ids=["sync", "async"])
def test_plain_backoff_never_waits_past_the_budget(sdk: dict[str, ModuleType], fixture_api: Api,
                                                   clock: VirtualClock, sync: bool) -> None:
    # 503 without Retry-After on every request: only the exponential backoff decides.
    # Waits of 1 s, then 2 s, 4 s, 8 s under a 3 s budget: the first fits, the second
    # would end past it, so the call ends after two attempts (not at max_attempts).
    errors = sdk["ksyun_sdk.errors"]
    config = mock_config(fault_rate=1.0, faults=("503",), fault_limit=100)
    budget = 3.0
    retry = policy(sdk, base_delay=1.0, max_delay=10.0, total_timeout=budget, max_attempts=5)

    async def call_async(url: str) -> None:
        async with make(sdk, url, sync=False, retry=retry) as c:
            await c.describe_images()

    with MockServer(fixture_api, config) as server:
        started = clock.monotonic()
        with pytest.raises(errors.ApiError) as info:
            if sync:
                with make(sdk, server.url, retry=retry) as c:
                    c.describe_images()
            else:
                asyncio.run(call_async(server.url))
        requests = server.stats.requests
    deadline = started + budget
    for at, seconds in clock.waits:
        assert at + seconds < deadline, (
            f"a backoff of {seconds} s at {at - started:.3f} s ends past the {budget} s budget "
            f"(waits: {[w for _, w in clock.waits]})")
    assert [w for _, w in clock.waits] == [1.0]
    assert info.value.http_status == 503 and info.value.attempts == 2 and requests == 2


def test_per_call_options_override_the_client(sdk: dict[str, ModuleType], fixture_api: Api,
                                              sleeps: Sleeps) -> None:
    top = sdk["ksyun_sdk"]
    config = mock_config(fault_rate=1.0, faults=("503",), fault_limit=1)
    with MockServer(fixture_api, config) as server:
        with make(sdk, server.url, retry=top.NO_RETRY) as c:
            assert c.describe_images(options=top.CallOptions(retry=policy(sdk))).images_set
        assert server.stats.requests == 2
    with MockServer(fixture_api, config) as server:
        with make(sdk, server.url, retry=policy(sdk)) as c:
            with pytest.raises(top.ApiError):
                c.describe_images(options=top.CallOptions(retry=top.NO_RETRY))


async def test_async_client_retries_and_protects_writes(sdk: dict[str, ModuleType], fixture_api: Api,
                                                        sleeps: Sleeps) -> None:
    errors = sdk["ksyun_sdk.errors"]
    config = mock_config(fault_rate=1.0, faults=("reset",), fault_limit=2)
    with MockServer(fixture_api, config) as server:
        async with make(sdk, server.url, sync=False, retry=policy(sdk)) as c:
            assert (await c.describe_images()).images_set
            assert server.stats.requests == 3
            server.plan.limit = 3  # one more fault
            with pytest.raises(errors.TransportError) as info:
                await c.run_instances(image_id="i", instance_type="t", max_count=1, min_count=1,
                                      client_token="async-token")
        assert server.stats.tokens[("RunInstances", "async-token")] == 1
    assert info.value.attempts == 1 and isinstance(info.value.__cause__, httpx.HTTPError)


def test_one_debug_line_per_attempt_without_secrets(sdk: dict[str, ModuleType], fixture_api: Api,
                                                    sleeps: Sleeps, caplog: pytest.LogCaptureFixture) -> None:
    config = mock_config(fault_rate=1.0, faults=("503",), fault_limit=2)
    with MockServer(fixture_api, config) as server:
        with make(sdk, server.url, retry=policy(sdk)) as c, caplog.at_level(logging.DEBUG, "ksyun_sdk"):
            c.describe_images()
    lines = [r.getMessage() for r in caplog.records if r.name == "ksyun_sdk"]
    assert len(lines) == 3
    assert "attempt 1/5 -> 503" in lines[0] and "retrying in" in lines[0]
    assert "attempt 3/5 -> 200" in lines[2]
    text = "\n".join(lines)
    assert SECRET_KEY not in text and ACCESS_KEY not in text and "AKLT…6789" in text


def test_backoff_is_full_jitter_under_the_cap(sdk: dict[str, ModuleType]) -> None:
    p = sdk["ksyun_sdk"].RetryPolicy(base_delay=0.1, max_delay=1.0)
    for retry, ceiling in [(1, 0.1), (2, 0.2), (3, 0.4), (4, 0.8), (5, 1.0), (9, 1.0)]:
        draws = [p.backoff(retry) for _ in range(300)]
        assert all(0.0 <= d <= ceiling for d in draws)
        assert max(draws) > ceiling * 0.5 and min(draws) < ceiling * 0.5  # spread over the range


def test_invalid_policies_are_configuration_errors(sdk: dict[str, ModuleType]) -> None:
    top = sdk["ksyun_sdk"]
    for bad in ({"max_attempts": 0}, {"base_delay": -1}, {"total_timeout": 0}):
        with pytest.raises(top.ConfigurationError):
            top.RetryPolicy(**bad)


@pytest.mark.parametrize("header", ["86400", "inf", "Infinity", "1e400", "Fri, 31 Dec 9999 23:59:59 GMT"])
def test_a_retry_after_past_the_longest_wait_ends_the_call(sdk: dict[str, ModuleType], header: str) -> None:
    """'Come back in a day' (or never) with no total budget: the call ends at once with
    its error, instead of waiting (the TypeScript SDK does the same)."""
    retry = sdk["ksyun_sdk._runtime.retry"]
    seconds = retry.retry_after(header)
    assert seconds is not None and seconds > retry.MAX_RETRY_AFTER
    attempts = retry.Attempts(policy(sdk, total_timeout=None), idempotent=True, timeout=30.0)
    attempts.begin()
    assert attempts.next_delay(transient=True, sent=True, wait_at_least=seconds) is None
    # the longest one honoured is still honoured
    assert attempts.next_delay(transient=True, sent=True,
                               wait_at_least=retry.MAX_RETRY_AFTER) == retry.MAX_RETRY_AFTER
