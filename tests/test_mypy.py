"""mypy --strict on generated code: the committed SDK (with and without the pydantic mypy
plugin) and the naming fixture's output."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from conftest import FIXTURES, SDK, run_cli


def mypy_strict(package_root: Path, cache: Path, *, pydantic_plugin: bool = False) -> subprocess.CompletedProcess[str]:
    config: list[str] = []
    if pydantic_plugin:  # the plugin of the pydantic pinned in pyproject.toml, its strict settings on
        ini = cache.parent / "mypy-pydantic.ini"
        ini.write_text("[mypy]\nplugins = pydantic.mypy\n\n[pydantic-mypy]\ninit_forbid_extra = True\n"
                       "init_typed = True\nwarn_required_dynamic_aliases = True\n", encoding="utf-8")
        config = ["--config-file", str(ini)]
    return subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-error-summary", *config,
         "--cache-dir", str(cache), "ksyun_sdk"],
        cwd=package_root, capture_output=True, text=True, timeout=600,
    )


def test_committed_sdk_passes_mypy_strict(tmp_path: Path) -> None:
    result = mypy_strict(SDK, tmp_path / "cache")
    assert result.returncode == 0, result.stdout + result.stderr


def test_committed_sdk_passes_mypy_strict_with_the_pydantic_plugin(tmp_path: Path) -> None:
    result = mypy_strict(SDK, tmp_path / "cache", pydantic_plugin=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_naming_fixture_output_passes_mypy_strict(tmp_path: Path) -> None:
    code, _out, err = run_cli("generate", "--spec", FIXTURES / "naming", "--out", tmp_path / "out")
    assert code == 0, err
    result = mypy_strict(tmp_path / "out" / "python", tmp_path / "cache")
    assert result.returncode == 0, result.stdout + result.stderr
