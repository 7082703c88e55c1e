"""The TypeScript build (generator/targets/typescript/target.py ``build``,
templates/typescript/toolchain/build.mjs) compiles the package one unit at a time
(each part of a service version, each service version's own files, and the shared
files) and caches each unit: its output is byte for byte what one program over the
whole package gives, and an edited part compiles that unit alone, then the units
that read its declaration if the declaration changed."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from conftest import FIXTURES, SPEC

from generator.pipeline import load_api
from generator.targets import get_target
from generator.targets.typescript import target as ts_target

pytestmark = pytest.mark.skipif(shutil.which("node") is None or ts_target._toolchain_problem() is not None,
                                reason="the TypeScript toolchain is not installed")


def _rendered(spec: Path) -> dict[str, str]:
    target = get_target("typescript")
    target.postprocess = lambda files: files  # type: ignore[method-assign]
    try:
        return target.render(load_api(spec), checked=True)
    finally:
        del target.postprocess


def _whole(files: dict[str, str]) -> dict[str, str]:
    """One program over the whole package (build.mjs without units)."""
    done = subprocess.run(["node", str(ts_target.TOOLCHAIN / "build.mjs")], input=json.dumps({"files": files}),
                          capture_output=True, text=True, encoding="utf-8", check=True, cwd=ts_target.TOOLCHAIN)
    return json.loads(done.stdout)["files"]


@pytest.fixture
def cache_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv("KSYUN_CODEGEN_NO_CACHE", raising=False)
    return tmp_path / "cache"


@pytest.mark.parametrize("spec", [SPEC, FIXTURES / "docs"])
def test_units_build_what_one_program_builds(spec: Path, cache_home: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    files = _rendered(spec)
    assert len({ts_target._unit(p) for p in files if p.startswith("src/")}) >= 3
    whole = _whole(files)
    assert ts_target.build(files) == whole  # cold: every unit
    runs: list[Any] = []
    real = subprocess.run

    def spy(cmd: Any, *args: Any, **kwargs: Any) -> Any:
        done = real(cmd, *args, **kwargs)
        if "stdin" in kwargs:  # (not `node --version`): the units Node compiled (not those it kept)
            kwargs["stdin"].seek(0)
            kwargs["stdout"].seek(0)
            kept = json.load(kwargs["stdout"])["kept"]
            runs.append([unit for unit in json.load(kwargs["stdin"])["units"] if unit[0] not in kept])
        return done

    monkeypatch.setattr(subprocess, "run", spy)
    assert ts_target.build(files) == whole and runs == []  # warm: nothing runs
    # one part of a service version edited: that part, then its service version's own
    # files (they import its declaration, which changed), the others kept
    client = next(p for p in sorted(files) if p.endswith("/client.ts") and "/_parts/" in p)
    part = ts_target._unit(client)
    assert part.endswith("/_parts/" + client.split("/")[-2])
    edited = dict(files, **{client: files[client].replace("*/", " (edited) */", 1)})
    monkeypatch.setattr(subprocess, "run", real)
    want = _whole(edited)
    monkeypatch.setattr(subprocess, "run", spy)
    assert ts_target.build(edited) == want
    assert [[unit[0] for unit in units] for units in runs] == [[part, part.split("/_parts/")[0]]]
    # a part's shapes edited where its declaration does not show it (a wire name): that part alone
    runs.clear()
    shapes = client.replace("/client.ts", "/shapes.ts")
    assert 'wire: "' in files[shapes]
    wired = dict(edited, **{shapes: files[shapes].replace('wire: "', 'wire: "X', 1)})
    monkeypatch.setattr(subprocess, "run", real)
    want = _whole(wired)
    monkeypatch.setattr(subprocess, "run", spy)
    assert ts_target.build(wired) == want
    assert [[unit[0] for unit in units] for units in runs] == [[part]]


def test_a_unit_the_compiler_refuses_is_a_generator_bug(cache_home: Path) -> None:
    files = _rendered(SPEC)
    client = next(p for p in sorted(files) if p.endswith("/client.ts") and ts_target._unit(p))
    files[client] += "\nconst broken: number = 'text';\n"
    with pytest.raises(ts_target.GeneratorBug, match="TypeScript compiler refused"):
        ts_target.build(files)
