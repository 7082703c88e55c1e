"""The vendor-scale benchmark (tests/bench/bench_vendor.py) on a tiny catalog: it runs,
measures what it says, and its document has the shape the figures claim."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parent / "bench" / "bench_vendor.py"
_spec = importlib.util.spec_from_file_location("bench_vendor", BENCH)
assert _spec is not None and _spec.loader is not None
bench_vendor = importlib.util.module_from_spec(_spec)
sys.modules["bench_vendor"] = bench_vendor
_spec.loader.exec_module(bench_vendor)


def test_document_shape() -> None:
    doc = bench_vendor.synth_doc(10)
    ops = [item["get"] for item in doc["paths"].values()]
    assert len(ops) == 10
    own = [len(op["parameters"]) - 2 for op in ops]  # less Action and Version
    assert min(own) == 2 and max(own) == 6
    thing = doc["components"]["schemas"]["Thing00003"]
    assert len(thing["properties"]) == 35
    assert thing["properties"]["PartSet"]["items"]["$ref"] == "#/components/schemas/Thing00003Part"
    added = bench_vendor.with_added(doc)
    assert set(added["paths"]) - set(doc["paths"]) == {"/#Action=DescribeThingExtra"}
    changed = bench_vendor.with_changed(doc)
    assert [k for k in doc["paths"] if changed["paths"][k] != doc["paths"][k]] == ["/#Action=DescribeThing00000"]
    opc = bench_vendor.for_opc(doc)
    assert "/DescribeThing00000" in opc["paths"] and opc["components"] == doc["components"]


def test_tree_rss_counts_grandchildren(tmp_path: Path) -> None:
    # The parent starts a child that holds 200 MB; the parent itself holds little.
    child = "import time; b = bytearray(200_000_000); b[::4096] = b'x' * len(b[::4096]); time.sleep(1)"
    parent = f"import subprocess, sys; subprocess.run([sys.executable, '-c', {child!r}], check=True)"
    run = bench_vendor.measure([sys.executable, "-c", parent], env={}, cwd=tmp_path)
    assert run.peak_rss > 200_000_000
    assert run.seconds >= 1.0
    assert run.cpu > 0.0


def test_catalog_shape() -> None:
    docs = bench_vendor.catalog(3, 4)
    assert sorted(docs) == ["svc00", "svc01", "svc02"]
    assert all(d["info"]["x-ksyun-service"] == name and len(d["paths"]) == 4 for name, d in docs.items())
    scale = bench_vendor.catalog_scale(3, 4)
    assert scale.edited == "svc01" and scale.actions == 12
    added, changed = scale.variant("add"), scale.variant("change")
    assert [s for s in docs if added[s] != docs[s]] == ["svc01"]
    assert [s for s in docs if changed[s] != added[s]] == ["svc01"]


def test_smoke_catalog(tmp_path: Path) -> None:
    """The project's four variants run for real, on a catalog of two services."""
    scale = bench_vendor.catalog_scale(2, 6)
    res = bench_vendor.bench(scale, 1, False, tmp_path, ("python",))
    medians = res["medians"]
    assert set(medians) == {f"python/{v}" for v in ("cold", "noop", "add", "change")}
    assert all(seconds > 0 and rss > 0 for seconds, rss, _cpu in medians.values())
    # The last run left the "changed" spec's output: the added action and the changed one.
    models = res["package"] / "ksyun_sdk" / scale.edited / "v2020_01_01" / "models"
    assert (models / "describe_thing_extra.py").is_file()
    assert "owner" in (models / "describe_thing00000.py").read_text()
    out = bench_vendor.table(res)
    assert out.splitlines()[2].startswith("| catalog 2x6 | python | ")


def test_per_call_benchmark_runs() -> None:
    """tests/bench/bench_calls.py: the floor and the generated client make real
    calls to its local server (its assertions check each answer), and the
    report shows the ratio."""
    spec = importlib.util.spec_from_file_location("bench_calls", BENCH.parent / "bench_calls.py")
    assert spec is not None and spec.loader is not None
    bench_calls = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench_calls)
    res = bench_calls.measure(calls=20, repeats=2, official=False)
    assert set(res) == {"floor", "generated"}
    assert all(len(v) == 2 and all(us > 0 for us in v) for v in res.values())
    assert "generated / floor = " in bench_calls.report(res)
