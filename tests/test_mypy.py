"""mypy --strict on generated code: the committed SDK and the naming fixture's output."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from conftest import FIXTURES, SDK, run_cli


def mypy_strict(package_root: Path, cache: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-error-summary",
         "--cache-dir", str(cache), "ksyun_sdk"],
        cwd=package_root, capture_output=True, text=True, timeout=600,
    )


def test_committed_sdk_passes_mypy_strict(tmp_path: Path) -> None:
    result = mypy_strict(SDK, tmp_path / "cache")
    assert result.returncode == 0, result.stdout + result.stderr


def test_naming_fixture_output_passes_mypy_strict(tmp_path: Path) -> None:
    code, _out, err = run_cli("generate", "--spec", FIXTURES / "naming", "--out", tmp_path / "out")
    assert code == 0, err
    result = mypy_strict(tmp_path / "out" / "python", tmp_path / "cache")
    assert result.returncode == 0, result.stdout + result.stderr
