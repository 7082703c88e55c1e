"""Golden end-to-end: the committed generated/ is exactly what the spec makes."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import GENERATED, SPEC, read_bytes_tree, run_cli


@pytest.fixture(scope="module")
def fresh(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("golden") / "out"
    code, _out, err = run_cli("generate", "--spec", SPEC, "--out", out)
    assert code == 0, err
    return out


def test_generation_matches_committed_tree_byte_for_byte(fresh: Path) -> None:
    committed = read_bytes_tree(GENERATED)
    generated = read_bytes_tree(fresh)
    assert committed, "generated/ is empty"
    assert sorted(generated) == sorted(committed), "file lists differ"
    for rel in committed:
        assert generated[rel] == committed[rel], f"{rel} differs from a fresh generation"


def test_generation_is_deterministic(fresh: Path, tmp_path: Path) -> None:
    again = tmp_path / "again"
    code, _out, err = run_cli("generate", "--spec", SPEC, "--out", again)
    assert code == 0, err
    assert read_bytes_tree(again) == read_bytes_tree(fresh)


def test_generated_files_hold_no_machine_paths(fresh: Path) -> None:
    for rel, data in read_bytes_tree(fresh).items():
        text = data.decode("utf-8")
        assert str(SPEC.parent) not in text, rel
        assert "/tmp/" not in text and "/home/" not in text, rel


def test_check_passes_on_committed_tree() -> None:
    code, out, err = run_cli("check", "--spec", SPEC, "--out", GENERATED)
    assert code == 0, out + err
    assert "is current" in out


def _copy_generated(tmp_path: Path) -> Path:
    out = tmp_path / "gen"
    shutil.copytree(GENERATED, out, ignore=shutil.ignore_patterns("__pycache__", ".mypy_cache"))
    return out


def test_check_fails_with_diff_when_a_file_is_modified(tmp_path: Path) -> None:
    out = _copy_generated(tmp_path)
    target = out / "python" / "ksyun_sdk" / "errors.py"
    lines = target.read_text(encoding="utf-8").splitlines(keepends=True)
    lines.insert(3, "# a hand edit\n")
    target.write_text("".join(lines), encoding="utf-8")
    code, diff, err = run_cli("check", "--spec", SPEC, "--out", out)
    assert code == 1
    assert "differs from a fresh generation" in err
    assert "--- " in diff and "+++ " in diff and "@@" in diff
    assert "ksyun_sdk/errors.py" in diff
    assert "\n-# a hand edit\n" in diff


def test_check_fails_when_an_extra_file_is_added(tmp_path: Path) -> None:
    out = _copy_generated(tmp_path)
    (out / "python" / "ksyun_sdk" / "stray.py").write_text("x = 1\n", encoding="utf-8")
    code, diff, _err = run_cli("check", "--spec", SPEC, "--out", out)
    assert code == 1
    assert "ksyun_sdk/stray.py" in diff
    assert "-x = 1" in diff


def test_check_fails_when_a_file_is_missing(tmp_path: Path) -> None:
    out = _copy_generated(tmp_path)
    (out / "python" / "ksyun_sdk" / "py.typed").unlink()
    code, diff, _err = run_cli("check", "--spec", SPEC, "--out", out)
    assert code == 1
    assert "ksyun_sdk/py.typed (fresh)" in diff
