"""Same spec in, byte-identical files out, whatever the process: hash
randomization (PYTHONHASHSEED), a cold or warm cache, the working directory."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from conftest import read_bytes_tree

ROOT = Path(__file__).resolve().parents[1]
SPECS = [ROOT / "tests" / "fixtures" / "naming", ROOT / "spec"]


def _generate(spec: Path, out: Path, seed: str, cache: Path | None, cwd: Path) -> dict[str, bytes]:
    env = {**os.environ, "PYTHONHASHSEED": seed}
    env.pop("KSYUN_CODEGEN_NO_CACHE", None)
    if cache is None:
        env["KSYUN_CODEGEN_NO_CACHE"] = "1"
    else:
        env["XDG_CACHE_HOME"] = str(cache)
    subprocess.run([sys.executable, "-m", "generator", "generate", "--spec", str(spec), "--out", str(out)],
                   check=True, capture_output=True, env={**env, "PYTHONPATH": str(ROOT)}, cwd=cwd)
    return read_bytes_tree(out)


def test_output_does_not_depend_on_the_process(tmp_path: Path) -> None:
    for spec in SPECS:
        name = spec.name
        runs = [
            _generate(spec, tmp_path / f"{name}-a", "1", None, ROOT),
            _generate(spec, tmp_path / f"{name}-b", "2", tmp_path / "cache", tmp_path),  # cold cache
            _generate(spec, tmp_path / f"{name}-c", "3", tmp_path / "cache", tmp_path),  # warm cache
        ]
        assert runs[0], name
        assert runs[0] == runs[1] == runs[2], name
        # no absolute path of this machine leaks into any file
        for rel, data in runs[0].items():
            assert str(tmp_path).encode() not in data, rel
            assert str(ROOT).encode() not in data, rel
