"""A small soak run in the suite (tests/soak.py runs the big one).

200 calls from 4 threads against the mock with 20% injected faults: every
call ends in a parsed response or a typed KsyunError, nothing else escapes,
and no write action is seen twice by the server.  Counts only; no timing.
"""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest

from _mock_support import generate_sdk, write_fixture_spec
from conftest import sdk_on_path
from generator.pipeline import load_api
from soak import soak


def test_soak_every_call_ends_typed_and_writes_are_never_repeated(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    spec = write_fixture_spec(tmp_path / "spec")
    root = generate_sdk(spec, tmp_path / "out")
    with sdk_on_path(root):
        sdk = {n: importlib.import_module(n) for n in ("ksyun_sdk", "ksyun_sdk.kec.v2016_03_04")}
        report = soak(sdk, load_api(spec), calls=200, workers=4, fault_rate=0.2, seed=3)
    with capsys.disabled():
        print("\n" + "\n".join(report.lines("soak (test size)")))
    assert report.unexpected == []
    assert report.successes + sum(report.errors.values()) == report.calls == 200
    assert report.writes == 50 and report.repeated_writes == 0
    assert sum(report.faults.values()) > 0 and report.retries > 0  # faults happened and reads were retried
    assert report.successes > report.calls // 2
    known = {"ApiError", "LimitExceeded", "ServiceUnavailable", "ThrottlingError", "TransportError",
             "RequestTimeoutError", "ResponseError"}
    assert set(report.errors) <= known, report.errors
