"""The committed Go SDK (generated/go): gofmt-clean, vet-clean, and its Go suites
(tests/gosdk: the shared DescribeImages and paging cases of tests/cases/, the
same files the Python and TypeScript suites run) pass."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from _mock_support import ACCESS_KEY as MOCK_AK
from _mock_support import REGION as MOCK_REGION
from _mock_support import SECRET_KEY as MOCK_SK
from _mock_support import mock_config
from conftest import GENERATED, REPO, SPEC

from generator.facts import own_errors
from generator.mock import MockServer
from generator.pipeline import load_api
from generator.targets.go import names

pytestmark = pytest.mark.skipif(shutil.which("go") is None, reason="needs Go 1.23+ on PATH (the go target)")

GO = GENERATED / "go"
SUITES = REPO / "tests" / "gosdk"
CASES = REPO / "tests" / "cases"


def go_env() -> dict[str, str]:
    # the module proxy is never needed: the SDK and its suites use the standard library only
    return {**os.environ, "GOFLAGS": "-mod=mod", "GOTOOLCHAIN": "local", "GOPROXY": "off"}


def go(*args: str, cwd: Path, env: dict[str, str] | None = None, timeout: int = 900) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["go", *args], cwd=cwd, env=env or go_env(), capture_output=True, text=True,
                          timeout=timeout)


def error_types() -> dict[str, str]:
    """Each neutral error class of the shared cases → the Go type the SDK returns (%T)."""
    api = load_api(SPEC)
    out = {"ApiError": "*ksyun.APIError", "ResponseError": "*ksyun.ResponseError",
           "ValidationError": "*ksyun.ValidationError", "TransportError": "*ksyun.TransportError"}
    for err in api.common_errors:
        out[err.code] = "*ksyun." + names.error_type(err.code, runtime=True)
    for service in api.services:
        for err in own_errors(service, api):
            out[err.code] = f"*{names.package_name(service.name)}.{names.error_type(err.code)}"
    return out


def test_gofmt_has_nothing_to_change() -> None:
    done = subprocess.run(["gofmt", "-l", "."], cwd=GO, capture_output=True, text=True, check=True)
    assert done.stdout == ""


def test_go_vet_finds_nothing() -> None:
    done = go("vet", "./...", cwd=GO)
    assert done.returncode == 0, done.stderr


def test_the_module_uses_the_standard_library_only() -> None:
    mod = (GO / "go.mod").read_text(encoding="utf-8")
    assert "require" not in mod
    assert not (GO / "go.sum").exists()
    done = go("list", "-deps", "-f", "{{if not .Standard}}{{.ImportPath}}{{end}}", "./...", cwd=GO)
    assert done.returncode == 0, done.stderr
    module = mod.split()[1]
    outside = [line for line in done.stdout.split() if not line.startswith(module)]
    assert outside == []


def test_go_suites_pass() -> None:
    env = go_env() | {
        "KSYUN_GO_CASES": str(CASES / "describe_images.json"),
        "KSYUN_GO_PAGING_CASES": str(CASES / "paging.json"),
        "KSYUN_GO_VALIDATION_CASES": str(CASES / "validation.json"),
        "KSYUN_GO_ERRORS": json.dumps(error_types()),
    }
    done = go("test", "-count=1", "-v", "./...", cwd=SUITES, env=env)
    assert done.returncode == 0, done.stdout[-6000:] + done.stderr[-3000:]
    ran = re.findall(r"^\s*--- PASS: (\S+)", done.stdout, re.M)
    # every shared case ran as a subtest (none skipped for a missing file)
    cases = json.loads((CASES / "describe_images.json").read_text(encoding="utf-8"))["cases"]
    paging = json.loads((CASES / "paging.json").read_text(encoding="utf-8"))["cases"]
    assert sum(1 for name in ran if name.startswith("TestSharedCases/")) == len(cases)
    assert sum(1 for name in ran if name.startswith("TestSharedPagingCases/")) == 2 * len(paging)
    validation = json.loads((CASES / "validation.json").read_text(encoding="utf-8"))["cases"]
    assert sum(1 for name in ran if name.startswith("TestSharedValidationCases/")) == len(validation)
    assert "SKIP" not in done.stdout


def test_the_readme_example_compiles_and_runs_against_the_mock(tmp_path: Path) -> None:
    readme = (GO / "README.md").read_text(encoding="utf-8")
    block = re.search(r"```go\n(package main\n.*?)```", readme, re.S)
    assert block is not None, "the README has no complete Go program"
    module = (GO / "go.mod").read_text(encoding="utf-8").split()[1]
    (tmp_path / "go.mod").write_text(f"module example\n\ngo 1.23\n\nrequire {module} v0.0.0\n\n"
                                     f"replace {module} => {GO}\n", encoding="utf-8")
    (tmp_path / "main.go").write_text(block.group(1), encoding="utf-8")
    done = go("vet", ".", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    built = go("build", "-o", "example", ".", cwd=tmp_path)
    assert built.returncode == 0, built.stderr
    api = load_api(SPEC)
    with MockServer(api, mock_config()) as mock:
        env = {**go_env(), "KSYUN_ENDPOINT": mock.url, "KSYUN_ACCESS_KEY": MOCK_AK, "KSYUN_SECRET_KEY": MOCK_SK,
               "KSYUN_REGION": MOCK_REGION, "HOME": str(tmp_path)}
        ran = subprocess.run([str(tmp_path / "example")], env=env, capture_output=True, text=True, timeout=120)
        requests = mock.stats.requests
    assert ran.returncode == 0, ran.stderr
    lines = ran.stdout.splitlines()
    # the call's answer (an image, or the typed not-found error), then every instance page by page
    assert lines and (lines[0].startswith("no such image:") or lines[0].split()[0].startswith("img"))
    assert len(lines) > 3 and requests >= 3, ran.stdout
