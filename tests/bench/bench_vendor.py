"""Vendor-scale benchmark: this project against its peers, on one synthetic document.

    python tests/bench/bench_vendor.py --actions 1000 [--runs 3] [--no-peers]

One KSYUN-style service of N actions (each with 2-6 query parameters and a
response holding a list of a 35-field object with a nested list), written as
one self-contained OpenAPI 3.1 document.  The same document goes to

* this project (``ksyun-codegen generate``): cold (empty caches, no output),
  no-op (the same spec again), one action added, one action changed;
* openapi-python-client, cold (paths adapted to its convention: one real path
  per action, as KSYUN's ``#Action=`` keys are not URL paths to it);
* datamodel-code-generator, cold, models only, with its default black + isort.

The peers are installed, pinned (``tests/bench/requirements-peers.txt``), into
their own environment ``tests/bench/.venv-peers`` on first use.  Runs
alternate (project, opc, dcg, project, ...), each variant ``--runs`` times;
the table shows medians, ratios, and the peak RSS of the whole process tree
(the command and every process it starts, sampled from /proc).  Then the
generated client: import time of the service package.
"""

from __future__ import annotations

import argparse
import copy
import hashlib
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
PEER_REQUIREMENTS = HERE / "requirements-peers.txt"
PEER_ENV = HERE / ".venv-peers"
SERVICE, VERSION = "big", "2020-01-01"
FIELD_TYPES = ("string", "integer", "boolean", "string", "number")


# ---------------------------------------------------------------- the document

def action_name(i: int) -> str:
    return f"{'Describe' if i % 2 == 0 else 'Create'}Thing{i:05d}"


def _action(doc: dict[str, Any], i: int, name: str) -> None:
    """Add action *name* (its i-th shape family) to *doc*."""
    params: list[dict[str, Any]] = [
        {"name": "Action", "in": "query", "required": True, "schema": {"type": "string", "enum": [name]}},
        {"name": "Version", "in": "query", "required": True, "schema": {"type": "string", "enum": [VERSION]}},
    ]
    extra = [
        {"name": "ThingId", "in": "query", "description": "编号列表",
         "schema": {"type": "array", "items": {"type": "string"}}},
        {"name": "MaxResults", "in": "query", "description": "每页数量", "schema": {"type": "integer"}},
        {"name": "Marker", "in": "query", "description": "起始位置", "schema": {"type": "integer"}},
        {"name": "Zone", "in": "query", "description": "可用区", "schema": {"type": "string"}},
        {"name": "DryRun", "in": "query", "description": "只检查", "schema": {"type": "boolean"}},
        {"name": "ProjectId", "in": "query", "description": "项目", "schema": {"type": "string"}},
    ]
    params += extra[: 2 + i % 5]  # 2-6 query parameters of its own
    params[2]["required"] = i % 3 == 0
    thing, part = f"Thing{i:05d}", f"Thing{i:05d}Part"
    doc["paths"][f"/#Action={name}"] = {"get": {
        "operationId": name, "summary": f"操作 {name}", "parameters": params,
        "responses": {
            "200": {"description": "OK", "content": {"application/json": {
                "schema": {"$ref": f"#/components/schemas/{name}Response"}}}},
            "default": {"$ref": "#/components/responses/Error"},
        },
        "x-ksyun-errors": [{"code": f"{thing}NotFound", "message": "not found", "httpStatus": 404}],
    }}
    schemas = doc["components"]["schemas"]
    schemas[f"{name}Response"] = {"type": "object", "properties": {
        "RequestId": {"type": "string", "description": "请求编号", "example": "r-1"},
        "ThingSet": {"type": "array", "items": {"$ref": f"#/components/schemas/{thing}"}},
        "TotalCount": {"type": "integer"},
    }}
    props: dict[str, Any] = {
        f"Attr{k:02d}": {"type": FIELD_TYPES[k % len(FIELD_TYPES)], "description": f"属性 {k}"}
        for k in range(34)
    }
    props["PartSet"] = {"type": "array", "items": {"$ref": f"#/components/schemas/{part}"}}
    schemas[thing] = {"type": "object", "description": f"Thing {i}", "properties": props}
    schemas[part] = {"type": "object", "properties": {
        "PartId": {"type": "string"}, "DiskSize": {"type": "integer"}, "Type": {"type": "string"}}}


def synth_doc(actions: int) -> dict[str, Any]:
    """The synthetic service: *actions* actions, self-contained."""
    doc: dict[str, Any] = {
        "openapi": "3.1.0",
        "info": {"title": "BIG", "version": VERSION, "x-ksyun-service": SERVICE},
        "servers": [{"url": f"https://{SERVICE}.api.ksyun.com"}],
        "paths": {},
        "components": {
            "schemas": {
                "ErrorDetail": {"type": "object", "properties": {
                    "Type": {"type": "string"}, "Code": {"type": "string"}, "Message": {"type": "string"}}},
                "ErrorResponse": {"type": "object", "properties": {
                    "RequestId": {"type": "string"}, "Error": {"$ref": "#/components/schemas/ErrorDetail"}}},
            },
            "responses": {"Error": {"description": "KSYUN error envelope", "content": {"application/json": {
                "schema": {"$ref": "#/components/schemas/ErrorResponse"}}}}},
        },
        "x-ksyun-common-errors": [
            {"code": "InvalidParameterValue", "message": "invalid value", "httpStatus": 400},
            {"code": "LimitExceeded", "message": "throttled", "httpStatus": 409},
        ],
    }
    for i in range(actions):
        _action(doc, i, action_name(i))
    return doc


def with_added(doc: dict[str, Any]) -> dict[str, Any]:
    """*doc* plus one new action (the incremental case a developer waits for)."""
    out = copy.deepcopy(doc)
    _action(out, len(out["paths"]), "DescribeThingExtra")
    return out


def with_changed(doc: dict[str, Any]) -> dict[str, Any]:
    """*doc* with one existing action changed: a new query parameter and a new response field."""
    out = copy.deepcopy(doc)
    name = action_name(0)
    out["paths"][f"/#Action={name}"]["get"]["parameters"].append(
        {"name": "Owner", "in": "query", "description": "所有者", "schema": {"type": "string"}})
    out["components"]["schemas"]["Thing00000"]["properties"]["Owner"] = {
        "type": "string", "description": "所有者"}
    return out


def for_opc(doc: dict[str, Any]) -> dict[str, Any]:
    """openapi-python-client's convention: a URL path per operation, no fragment."""
    out = copy.deepcopy(doc)
    out["paths"] = {f"/{key.split('=', 1)[1]}": item for key, item in doc["paths"].items()}
    return out


def write_spec(folder: Path, doc: dict[str, Any]) -> None:
    """The project's layout: ``<spec>/<service>/<version>.yaml`` (JSON is YAML)."""
    (folder / SERVICE).mkdir(parents=True, exist_ok=True)
    (folder / SERVICE / f"{VERSION}.yaml").write_text(json.dumps(doc, indent=1, ensure_ascii=False))


# ---------------------------------------------------------------- measuring

def _children() -> dict[int, list[int]]:
    kids: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as fh:
                stat = fh.read()
        except OSError:
            continue
        ppid = int(stat[stat.rindex(b")") + 2:].split()[1])
        kids.setdefault(ppid, []).append(int(entry))
    return kids


def _rss(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/statm", "rb") as fh:
            return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, IndexError, ValueError):
        return 0


def tree_rss(root: int) -> int:
    """Resident memory of *root* and every process below it, in bytes."""
    kids = _children()
    total, stack = 0, [root]
    while stack:
        pid = stack.pop()
        total += _rss(pid)
        stack.extend(kids.get(pid, ()))
    return total


@dataclass
class Run:
    seconds: float
    peak_rss: int  # bytes, whole process tree
    cpu: float  # user + system seconds of the whole tree (less noisy than wall on a busy machine)


def measure(cmd: list[str], env: dict[str, str], cwd: Path, interval: float = 0.05) -> Run:
    """Run *cmd*; wall time and the peak RSS of its process tree (sampled every *interval*)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak = 0
    while proc.poll() is None:
        peak = max(peak, tree_rss(proc.pid))
        time.sleep(interval)
    seconds = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    err = proc.stderr.read().decode(errors="replace") if proc.stderr else ""
    if proc.returncode != 0:
        raise SystemExit(f"failed ({proc.returncode}): {' '.join(cmd)}\n{err[-2000:]}")
    return Run(seconds, peak, cpu)


def peer_tools() -> dict[str, Path]:
    """The peers' environment, made (once per requirements file) from the pinned list."""
    marker = PEER_ENV / "requirements.sha256"
    want = hashlib.sha256(PEER_REQUIREMENTS.read_bytes()).hexdigest()
    if not (marker.is_file() and marker.read_text() == want):
        shutil.rmtree(PEER_ENV, ignore_errors=True)
        print(f"installing the peers into {PEER_ENV.relative_to(ROOT)} ...", file=sys.stderr)
        subprocess.run([sys.executable, "-m", "venv", str(PEER_ENV)], check=True)
        subprocess.run([str(PEER_ENV / "bin" / "python"), "-m", "pip", "install", "--quiet",
                        "-r", str(PEER_REQUIREMENTS)], check=True)
        marker.write_text(want)
    return {"opc": PEER_ENV / "bin" / "openapi-python-client", "dcg": PEER_ENV / "bin" / "datamodel-codegen"}


def import_time(pkg_root: Path, statement: str, repeat: int = 5) -> float:
    """Best of *repeat* fresh interpreters, after one that writes bytecode (as an install has)."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPATH"] = str(pkg_root)
    best = float("inf")
    for _ in range(repeat + 1):
        out = subprocess.run(
            [sys.executable, "-c", f"import time; t=time.perf_counter(); {statement}; print(time.perf_counter()-t)"],
            check=True, capture_output=True, text=True, cwd=pkg_root, env=env,
        )
        best = min(best, float(out.stdout.strip()))
    return best


# ---------------------------------------------------------------- the benchmark

def bench(actions: int, runs: int, peers: bool, work: Path) -> dict[str, Any]:
    """Every variant *runs* times, alternating; returns the raw runs and the medians."""
    tools = peer_tools() if peers else {}
    base = synth_doc(actions)
    specs = {"cold": base, "add": with_added(base), "change": with_changed(with_added(base))}
    for name, doc in specs.items():
        write_spec(work / f"spec-{name}", doc)
    (work / "opc.json").write_text(json.dumps(for_opc(base), ensure_ascii=False))
    (work / "dcg.json").write_text(json.dumps(base, ensure_ascii=False))
    cli = [sys.executable, "-m", "generator", "generate"]
    results: dict[str, list[Run]] = {}

    def ours(variant: str, spec: str, out: Path, env: dict[str, str]) -> None:
        # --target python: the project's own SDK (the peers make Python too)
        results.setdefault(variant, []).append(measure(
            [*cli, "--spec", str(work / f"spec-{spec}"), "--out", str(out), "--target", "python"], env, ROOT))

    for n in range(runs):
        out, cache = work / f"out-{n}", work / f"cache-{n}"
        env = {**os.environ, "XDG_CACHE_HOME": str(cache)}
        ours("cold", "cold", out, env)
        if tools:
            opc_out = work / f"opc-{n}"
            results.setdefault("opc", []).append(measure(
                [str(tools["opc"]), "generate", "--path", str(work / "opc.json"), "--output-path", str(opc_out),
                 "--overwrite"], dict(os.environ), work))
            results.setdefault("dcg", []).append(measure(
                [str(tools["dcg"]), "--input", str(work / "dcg.json"), "--input-file-type", "openapi",
                 "--output-model-type", "pydantic_v2.BaseModel", "--disable-timestamp",
                 "--output", str(work / f"dcg-{n}.py")], dict(os.environ), work))
        ours("noop", "cold", out, env)
        ours("add", "add", out, env)
        ours("change", "change", out, env)
    medians = {k: (statistics.median(r.seconds for r in v), statistics.median(r.peak_rss for r in v),
                   statistics.median(r.cpu for r in v))
               for k, v in results.items()}
    files = sum(1 for p in (work / "out-0" / "python").rglob("*") if p.is_file())
    return {"actions": actions, "runs": runs, "files": files, "medians": medians,
            "raw": {k: [(r.seconds, r.peak_rss) for r in v] for k, v in results.items()},
            "package": work / "out-0" / "python"}


def _mb(b: float) -> str:
    return f"{b / 1e6:,.0f} MB"


def table(res: dict[str, Any]) -> str:
    m = res["medians"]
    cold = m["cold"][0]
    opc = m.get("opc")
    head = ["N", "project cold", "opc cold", "dcg cold (black+isort)", "project no-op", "one action added",
            "one action changed", "peak RSS, cold (opc)"]
    row = [str(res["actions"]), f"{cold:.1f} s",
           f"{opc[0]:.1f} s" if opc else "-",
           f"{m['dcg'][0]:.1f} s" if "dcg" in m else "-",
           f"{m['noop'][0]:.2f} s", f"{m['add'][0]:.2f} s", f"{m['change'][0]:.2f} s",
           _mb(m["cold"][1]) + (f" ({_mb(opc[1])})" if opc else "")]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head), "| " + " | ".join(row) + " |"]
    if opc:
        lines.append(f"ratios: project cold / opc cold = {cold / opc[0]:.2f}x (goal <= 0.5x); "
                     f"dcg / opc = {m['dcg'][0] / opc[0]:.2f}x")
    lines.append(f"goals at this N: no-op {m['noop'][0]:.2f} s (<= 1 s), add {m['add'][0]:.2f} s (<= 2 s), "
                 f"change {m['change'][0]:.2f} s (<= 2 s), peak RSS {_mb(m['cold'][1])} (<= 500 MB at N=1000)")
    lines.append("peak RSS per variant: " + ", ".join(f"{k} {_mb(v[1])}" for k, v in sorted(m.items())))
    lines.append("CPU seconds (user+sys, whole tree) per variant: "
                 + ", ".join(f"{k} {v[2]:.1f}" for k, v in sorted(m.items())))
    lines.append("raw seconds: " + "; ".join(
        f"{k} " + " ".join(f"{s:.2f}" for s, _ in v) for k, v in sorted(res["raw"].items())))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--actions", type=int, default=1000)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--no-peers", action="store_true", help="only this project (no peer environment)")
    ap.add_argument("--no-import", action="store_true", help="skip timing the generated package's import")
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="ksyun-bench-") as tmp:
        res = bench(args.actions, args.runs, not args.no_peers, Path(tmp))
        print(f"{args.actions} actions, {res['files']} generated files, medians of {args.runs} run(s); "
              f"{os.cpu_count()} cores, Python {sys.version.split()[0]}, "
              f"load average at the end {os.getloadavg()[0]:.1f}")
        print(table(res))
        if not args.no_import:
            pkg = res["package"]
            floor = import_time(pkg, "import httpx, pydantic")
            svc = import_time(pkg, f"import ksyun_sdk.{SERVICE}.v{VERSION.replace('-', '_')}")
            print(f"import httpx+pydantic: {floor * 1000:.0f} ms; import the service package: "
                  f"{svc * 1000:.0f} ms ({svc / floor:.2f}x)")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
