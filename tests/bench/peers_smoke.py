"""The peers' half of the benchmark smoke: openapi-python-client and
datamodel-code-generator get the same document and produce its models.

Not part of the suite (it needs the peers' environment, which
``python tests/bench/bench_vendor.py`` makes on its first run); run it with
``.venv/bin/python -m pytest tests/bench/peers_smoke.py``.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from test_bench_smoke import bench_vendor  # noqa: E402


def test_peers_smoke(tmp_path: Path) -> None:
    """The peers get the same document and produce its models."""
    res = bench_vendor.bench(4, 1, True, tmp_path)
    assert {"opc", "dcg"} <= set(res["medians"])
    assert any((tmp_path / "opc-0").rglob("describe_thing_00000.py"))
    assert "class Thing00000" in (tmp_path / "dcg-0.py").read_text()
