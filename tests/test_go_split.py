"""A service with many named objects: its Go structs are written in stable groups
(shapes00.go, shapes01.go...), the package still builds and vets, and one
action added rewrites one group's file, not all of them."""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import pytest

from generator.targets.base import SHAPE_GROUP_SIZE
from tests.conftest import run_cli
from tests.test_go_sdk import go

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "bench"))
import bench_vendor  # noqa: E402

pytestmark = pytest.mark.skipif(shutil.which("go") is None, reason="needs the Go toolchain")


def _write(spec: Path, doc: dict[str, object]) -> None:
    path = spec / "big" / f"{bench_vendor.VERSION}.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(doc, indent=1, ensure_ascii=False), encoding="utf-8")


def test_many_shapes_are_grouped_and_the_package_builds(tmp_path: Path) -> None:
    doc = bench_vendor.synth_doc(80)  # three named objects per action: 242 > SHAPE_GROUP_SIZE
    assert len(doc["components"]["schemas"]) > SHAPE_GROUP_SIZE  # type: ignore[index, arg-type]
    spec, out = tmp_path / "spec", tmp_path / "out"
    _write(spec, doc)
    code, _, err = run_cli("generate", "--target", "go", "--spec", spec, "--out", out)
    assert code == 0, err
    package = out / "go" / "big" / "v20200101"
    groups = sorted(p.name for p in package.glob("shapes*.go"))
    assert groups == ["shapes00.go", "shapes01.go", "shapes02.go", "shapes03.go"]  # 242 / 64 -> 4 buckets
    vetted = go("vet", "./...", cwd=out / "go")
    assert vetted.returncode == 0, vetted.stderr
    before = {p.name: p.read_bytes() for p in package.iterdir()}

    _write(spec, bench_vendor.with_added(doc))  # type: ignore[arg-type]
    code, _, err = run_cli("generate", "--target", "go", "--spec", spec, "--out", out)
    assert code == 0, err
    after = {p.name: p.read_bytes() for p in package.iterdir()}
    changed = sorted(name for name in after if before.get(name) != after[name])
    shapes_changed = [name for name in changed if name.startswith("shapes")]
    # the new action's three objects land in at most three groups; the other groups are untouched
    assert 1 <= len(shapes_changed) <= 3 and len(shapes_changed) < len(groups), changed
    built = go("build", "./...", cwd=out / "go")
    assert built.returncode == 0, built.stderr
