"""The generator is held to the standard of the code it generates: mypy --strict
and ruff (pyflakes, import order, bugbear; configured in pyproject.toml) over
generator/, and ruff over the runtime that is copied verbatim into the SDK."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RUNTIME = Path("templates") / "python" / "ksyun_sdk" / "_runtime"


def _run(*argv: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", *argv], cwd=ROOT, capture_output=True, text=True, timeout=600)


def test_generator_passes_mypy_strict() -> None:
    result = _run("mypy", "--strict", "--no-error-summary", "generator")
    assert result.returncode == 0, result.stdout + result.stderr


def test_generator_and_runtime_pass_ruff() -> None:
    result = _run("ruff", "check", "--no-cache", "--output-format", "concise", "generator", str(RUNTIME))
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_gates_bite(tmp_path: Path) -> None:
    """Both tools, with the project's configuration, refuse what they are here to refuse."""
    bad = tmp_path / "bad.py"
    bad.write_text("import os\n\n\ndef f(x):\n    return zip(x, x)\n", encoding="utf-8")
    config = str(ROOT / "pyproject.toml")
    ruff = _run("ruff", "check", "--no-cache", "--output-format", "concise", "--config", config, str(bad))
    assert ruff.returncode == 1
    assert "F401" in ruff.stdout and "B905" in ruff.stdout
    mypy = _run("mypy", "--strict", "--no-error-summary", "--cache-dir", str(tmp_path / "cache"), str(bad))
    assert mypy.returncode == 1
    assert "missing a type annotation" in mypy.stdout
