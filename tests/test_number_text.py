"""One number, one text on the wire, in every SDK: the Python SDK's flatten, the
TypeScript runtime's formatNumber and the Go runtime's FormatFloat give the same
text for integral values of any size, small and large fractions, and the values
that are no number."""

from __future__ import annotations

import json
import math
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import GENERATED

from ksyun_sdk._runtime.serialize import flatten

VALUES = [0.0, -0.0, 1.0, 5.0, -3.0, 0.1, 0.5, 1.5, -2.25, 1e-4, 1e-5, 1e-7, 1.5e-10, 5e-324, 123456.789,
          1e15 + 0.5, 2.0**53, 1e16, 1e21, 1.5e300, -1e22, 1 / 3, 2 / 3, 1e-4 * 3, math.inf, -math.inf, math.nan]


def python_texts() -> list[str]:
    return [flatten(v, "x")[0][1] for v in VALUES]


def _literal(v: float) -> str:
    return "NaN" if math.isnan(v) else ("Infinity" if v > 0 else "-Infinity") if math.isinf(v) else repr(v)


@pytest.mark.skipif(shutil.which("node") is None, reason="needs Node.js 20+")
def test_typescript_sends_numbers_as_python_does() -> None:
    module = (GENERATED / "typescript" / "dist" / "runtime" / "serialize.js").as_uri()
    script = (f"import {{ formatNumber }} from {json.dumps(module)};\n"
              f"console.log(JSON.stringify([{', '.join(_literal(v) for v in VALUES)}].map(formatNumber)));")
    done = subprocess.run(["node", "--input-type=module", "-e", script], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == python_texts()


@pytest.mark.skipif(shutil.which("go") is None, reason="needs Go 1.23+")
def test_go_sends_numbers_as_python_does(tmp_path: Path) -> None:
    module = (GENERATED / "go" / "go.mod").read_text(encoding="utf-8").split()[1]
    values = ", ".join(f"math.Inf({1 if v > 0 else -1})" if math.isinf(v) else "math.NaN()" if math.isnan(v)
                       else ("math.Copysign(0, -1)" if v == 0 and math.copysign(1, v) < 0 else repr(v))
                       for v in VALUES)
    (tmp_path / "go.mod").write_text(f"module numbers\n\ngo 1.23\n\nrequire {module} v0.0.0\n\n"
                                     f"replace {module} => {GENERATED / 'go'}\n", encoding="utf-8")
    (tmp_path / "main.go").write_text(
        'package main\n\nimport (\n\t"encoding/json"\n\t"math"\n\t"os"\n\n'
        f'\t"{module}/ksyun"\n)\n\nfunc main() {{\n\tout := []string{{}}\n'
        f"\tfor _, v := range []float64{{{values}}} {{\n\t\tout = append(out, ksyun.FormatFloat(v))\n\t}}\n"
        "\t_ = json.NewEncoder(os.Stdout).Encode(out)\n}\n", encoding="utf-8")
    env = {**os.environ, "GOFLAGS": "-mod=mod", "GOTOOLCHAIN": "local", "GOPROXY": "off"}
    done = subprocess.run(["go", "run", "."], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == python_texts()


def test_the_python_texts_are_what_the_wire_expects() -> None:
    texts = dict(zip(map(repr, VALUES), python_texts()))
    assert texts["1e+21"] == "1000000000000000000000" and texts["-0.0"] == "0" and texts["1e-07"] == "1e-07"
    assert texts["inf"] == "inf" and texts["0.1"] == "0.1"
