"""The Go example call of every action (the docs' Go tab, from the Go target's
``example_call`` hook) is a real program: for every action of spec/ and of the
test fixtures it compiles against the SDK generated from the same spec, passes
``go vet``, is gofmt-clean, and gets a success answer from the mock."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from _mock_support import ACCESS_KEY, EXAMPLE_SPECS, REGION, SECRET_KEY, example_spec, mock_config
from conftest import SPEC

from generator.mock import MockServer
from generator.pipeline import generate_files, load_api
from generator.targets.go.target import GoTarget

pytestmark = pytest.mark.skipif(shutil.which("go") is None, reason="needs Go 1.23+ on PATH (the go target)")

SPECS = EXAMPLE_SPECS


_spec = example_spec


def _env(tmp_path: Path) -> dict[str, str]:
    return {**os.environ, "GOFLAGS": "-mod=mod", "GOTOOLCHAIN": "local", "GOPROXY": "off"}


@pytest.mark.parametrize("name", SPECS)
def test_every_go_example_compiles_and_runs_against_the_mock(name: str, tmp_path: Path) -> None:
    spec = _spec(name, tmp_path)
    api = load_api(spec)
    target = GoTarget()
    module = target.settings()["module"]
    sdk = tmp_path / "sdk"
    for rel, text in generate_files(spec, "go").items():
        (sdk / rel).parent.mkdir(parents=True, exist_ok=True)
        (sdk / rel).write_text(text, encoding="utf-8")
    work = tmp_path / "examples"
    (work / "go.mod").parent.mkdir(parents=True)
    (work / "go.mod").write_text(f"module examples\n\ngo 1.23\n\nrequire {module} v0.0.0\n\n"
                                 f"replace {module} => {sdk}\n", encoding="utf-8")
    actions: dict[str, str] = {}
    for s in api.services:
        for op in s.operations:
            call = target.example_call(s, op)
            assert call.label == "Go" and call.lexer == "go"
            folder = f"x{len(actions)}"
            actions[folder] = f"{s.name} {s.version} {op.action}"
            (work / folder).mkdir()
            (work / folder / "main.go").write_text(call.code, encoding="utf-8")
    assert actions
    listed = subprocess.run(["gofmt", "-l", "."], cwd=work, capture_output=True, text=True, check=True)
    assert listed.stdout == ""
    env = _env(tmp_path)
    vet = subprocess.run(["go", "vet", "./..."], cwd=work, env=env, capture_output=True, text=True, timeout=900)
    assert vet.returncode == 0, vet.stderr
    build = subprocess.run(["go", "build", "-o", str(tmp_path / "bin") + "/", "./..."], cwd=work, env=env,
                           capture_output=True, text=True, timeout=900)
    assert build.returncode == 0, build.stderr
    failures = []
    with MockServer(api, mock_config()) as mock:
        run_env = {**env, "KSYUN_ENDPOINT": mock.url, "KSYUN_ACCESS_KEY": ACCESS_KEY,
                   "KSYUN_SECRET_KEY": SECRET_KEY, "KSYUN_REGION": REGION, "HOME": str(tmp_path)}
        for folder, action in actions.items():
            done = subprocess.run([str(tmp_path / "bin" / folder)], env=run_env, capture_output=True, text=True,
                                  timeout=120)
            if done.returncode != 0 or not done.stdout.strip():
                failures.append(f"{action}: exit {done.returncode}: {done.stderr.strip()[-400:]}")
        stats = mock.stats
    assert failures == [], "\n".join(failures)
    assert stats.requests == len(actions)


def test_an_example_spells_nested_objects_enums_and_optional_members_as_go_does() -> None:
    api = load_api(SPEC)
    kec = next(s for s in api.services if s.name == "kec")
    code = GoTarget().example_call(kec, kec.operation("RunInstances")).code
    assert re.search(r"SystemDisk: +&kec\.RunInstancesSystemDisk\{", code)  # an optional object: a pointer
    assert re.search(r"DataDisk: +\[\]kec\.RunInstancesDataDisk\{\n\t\t\t\{\n", code)  # elided element type
    assert "kec.RunInstancesSystemDiskDiskType" in code  # an enum: its constant
    assert "MaxCount:" in code and "ksyun.Int(" in code
