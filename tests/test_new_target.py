"""`ksyun-codegen new-target` on a copy of the project: a throwaway target made
through the documented contract alone generates, checks, shows in the docs,
matches its golden trees and passes its own smoke test, and the only source
edits outside its folders are its REGISTERED line."""

from __future__ import annotations

import difflib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO

from generator import scaffold

COPIED = ("generator", "spec", "templates", "generated", "tests", "pyproject.toml")


SKIPPED = {"tests/bench", "tests/docs", "tests/go", "tests/gosdk", "tests/typescript"}  # (not needed here)


def _skip(folder: str, names: list[str]) -> set[str]:
    rel = Path(folder).resolve().relative_to(REPO).as_posix()
    return {n for n in names if n in ("node_modules", "__pycache__", ".mypy_cache") or f"{rel}/{n}" in SKIPPED}


def _copy(dest: Path) -> None:
    for name in COPIED:
        src = REPO / name
        if src.is_dir():
            shutil.copytree(src, dest / name, symlinks=True, ignore=_skip)
        else:
            shutil.copy2(src, dest / name)
    # the TypeScript toolchain is installed once, not copied
    modules = REPO / "templates" / "typescript" / "toolchain" / "node_modules"
    if modules.is_dir():
        (dest / "templates" / "typescript" / "toolchain" / "node_modules").symlink_to(modules)


def _tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file() and "__pycache__" not in p.parts and not p.is_symlink()}


def _run(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(root)}  # the copy's generator, not the installed one
    return subprocess.run([sys.executable, *args], cwd=root, env=env, capture_output=True, text=True, timeout=900)


@pytest.mark.skipif(shutil.which("node") is None or shutil.which("go") is None,
                    reason="needs every registered target's toolchain (Node.js, Go)")
def test_a_new_target_works_through_the_contract_alone(tmp_path: Path) -> None:
    root = tmp_path / "project"
    _copy(root)
    before = _tree(root)
    done = _run(root, "-m", "generator", "new-target", "shell", "--label", "Shell", "--root", str(root))
    assert done.returncode == 0, done.stdout + done.stderr
    after = _tree(root)

    mine = ("templates/shell/", "generator/targets/shell/", "tests/test_shell_target.py", "generated/shell/",
            "tests/golden/minimal/shell/", "tests/golden/naming/shell/")
    outputs = ("generated/docs/", "tests/golden/minimal/docs/", "tests/golden/naming/docs/")
    changed = {p for p in set(before) | set(after) if before.get(p) != after.get(p)}
    outside = sorted(p for p in changed if not p.startswith(mine + outputs)
                     and not p.endswith(".state.json"))  # (generate's no-op state, not tracked)
    assert outside == ["generator/targets/__init__.py"], outside
    diff = [line for line in difflib.unified_diff(
        before["generator/targets/__init__.py"].decode().splitlines(),
        after["generator/targets/__init__.py"].decode().splitlines(), lineterm="", n=0)
        if line[:1] in "+-" and line[:3] not in ("+++", "---")]
    assert diff == ['+    "shell",']

    check = _run(root, "-m", "generator", "check")
    assert check.returncode == 0, check.stdout + check.stderr
    assert "ok: generated/shell is current" in check.stdout
    for fixture in scaffold.GOLDEN_FIXTURES:
        golden = _run(root, "-m", "generator", "check", "--spec", f"tests/fixtures/{fixture}",
                      "--out", f"tests/golden/{fixture}")
        assert golden.returncode == 0, golden.stdout + golden.stderr

    actions = (root / "generated" / "shell" / "kec" / "2016-03-04" / "actions.txt").read_text(encoding="utf-8")
    assert "POST Action=RunInstances&Version=2016-03-04" in actions and "  DataDisk.N.Type: string" in actions
    page = (root / "generated" / "docs" / "html" / "kec" / "2016-03-04" / "RunInstances.html").read_text(
        encoding="utf-8")
    assert "Shell" in page and "Action=RunInstances" in page

    smoke = _run(root, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests/test_shell_target.py")
    assert smoke.returncode == 0, smoke.stdout + smoke.stderr


def test_new_target_refuses_a_taken_or_bad_name(tmp_path: Path) -> None:
    root = tmp_path / "project"
    _copy(root)
    for name, message in (("go", "'go' is already registered"), ("Java", "a lower-case word"),
                          ("class", "not a Python keyword")):
        done = _run(root, "-m", "generator", "new-target", name, "--root", str(root), "--no-generate")
        assert done.returncode == 2 and message in done.stderr, done.stderr
    (root / "templates" / "rust").mkdir()
    done = _run(root, "-m", "generator", "new-target", "rust", "--root", str(root), "--no-generate")
    assert done.returncode == 2 and "already exists: nothing was written" in done.stderr
    assert not (root / "generator" / "targets" / "rust").exists()


def test_new_target_outside_a_checkout_is_one_line(tmp_path: Path) -> None:
    done = _run(REPO, "-m", "generator", "new-target", "rust", "--root", str(tmp_path), "--no-generate")
    assert done.returncode == 2 and "not a ksyun-codegen checkout" in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1 and "Traceback" not in done.stderr
