"""Vendor-scale benchmark: this project against its peers, every target, one table.

    python tests/bench/bench_vendor.py [--sizes 100,1000] [--catalog 60x50]
        [--targets python,typescript,go,docs] [--runs 1] [--no-peers] [--no-import]

Two shapes of spec, both synthetic and KSYUN-style (each action with 2-6
query parameters and a response holding a list of a 35-field object with a
nested list; JSON written as YAML):

* ``N=<size>``: one service of N actions in one file (``big/2020-01-01.yaml``);
* ``catalog SxA``: S services of A actions each, one file per service (a
  vendor's spec is ~60 services, not one).

For every scale and every target (``ksyun-codegen generate --target T``, its
own empty cache folder and output folder) it times four runs in order: cold
(empty caches, no output), no-op (the same spec again), one action added (to
one service: the last one of the catalog's first half), one action changed
(a new query parameter and a new response field of an action of that same
service).  The peers get the same documents, cold, in the same run:

* openapi-python-client (paths adapted to its convention: one real path per
  action, as KSYUN's ``#Action=`` keys are not URL paths to it); for the
  catalog, once per service, one after the other in one driver process;
* datamodel-code-generator, cold, models only, with its default black + isort
  (single-service scales only).

The peers are installed, pinned (``tests/bench/requirements-peers.txt``), into
their own environment ``tests/bench/.venv-peers`` on first use.  Every command
is measured the same way: wall time, user+system CPU of the whole process
tree, and the peak RSS of the tree (the command and every process it starts,
sampled from /proc every 50 ms).  Ratios are against openapi-python-client's
cold time in the same run.  Then the generated Python client: import time of
a service package.  Figures only: nothing here asserts a time.
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


def synth_doc(actions: int, service: str = SERVICE) -> dict[str, Any]:
    """The synthetic service *service*: *actions* actions, self-contained."""
    doc: dict[str, Any] = {
        "openapi": "3.1.0",
        "info": {"title": service.upper(), "version": VERSION, "x-ksyun-service": service},
        "servers": [{"url": f"https://{service}.api.ksyun.com"}],
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


def write_spec(folder: Path, doc: dict[str, Any]) -> None:  # (for scripts that want the files)
    """The project's layout: ``<spec>/<service>/<version>.yaml`` (JSON is YAML)."""
    service = doc["info"]["x-ksyun-service"]
    (folder / service).mkdir(parents=True, exist_ok=True)
    (folder / service / f"{VERSION}.yaml").write_text(json.dumps(doc, indent=1, ensure_ascii=False))


def catalog(services: int, actions: int) -> dict[str, dict[str, Any]]:
    """A vendor's catalog: *services* services (``svc00``...) of *actions* actions each."""
    return {f"svc{k:02d}": synth_doc(actions, f"svc{k:02d}") for k in range(services)}


def edited_service(names: list[str]) -> str:
    """The service the add and change variants edit: the last of the first half."""
    return sorted(names)[max(0, (len(names) - 1) // 2)]


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

TARGETS = ("python", "typescript", "go", "docs")
VARIANTS = ("cold", "noop", "add", "change")


@dataclass
class Scale:
    """One row group of the table: a label and its spec documents per variant."""

    label: str
    base: dict[str, dict[str, Any]]  # service → document
    edited: str  # the service the add and change variants edit

    @property
    def actions(self) -> int:
        return sum(len(d["paths"]) for d in self.base.values())

    def variant(self, name: str) -> dict[str, dict[str, Any]]:
        if name in ("cold", "noop"):
            return self.base
        out = dict(self.base)
        out[self.edited] = with_added(self.base[self.edited])
        if name == "change":
            out[self.edited] = with_changed(out[self.edited])
        return out


def single(actions: int) -> Scale:
    return Scale(f"N={actions}", {SERVICE: synth_doc(actions)}, SERVICE)


def catalog_scale(services: int, actions: int) -> Scale:
    docs = catalog(services, actions)
    return Scale(f"catalog {services}x{actions}", docs, edited_service(list(docs)))


_OPC_DRIVER = """
import subprocess, sys
opc, out, *docs = sys.argv[1:]
for i, doc in enumerate(docs):
    subprocess.run([opc, "generate", "--path", doc, "--output-path", f"{out}/{i}", "--overwrite"],
                   check=True, stdout=subprocess.DEVNULL)
"""


def bench(scale: Scale | int, runs: int, peers: bool, work: Path,
          targets: tuple[str, ...] = ("python",)) -> dict[str, Any]:
    """Every target's four variants *runs* times (and the peers, cold); returns the
    raw runs and the medians, keyed ``<target>/<variant>`` (``opc``, ``dcg``)."""
    if isinstance(scale, int):
        scale = single(scale)
    tools = peer_tools() if peers else {}
    work.mkdir(parents=True, exist_ok=True)
    texts = {name: {service: json.dumps(doc, indent=1, ensure_ascii=False)
                    for service, doc in scale.variant(name).items()} for name in ("cold", "add", "change")}

    def edit(variant: str) -> Path:
        """The one spec folder holding *variant*: only the files that differ are rewritten,
        as an editor saves one file (the folder is the same: names in problems are too)."""
        folder = work / "spec"
        for service, text in texts["cold" if variant == "noop" else variant].items():
            path = folder / service / f"{VERSION}.yaml"
            if not path.is_file() or path.read_text() != text:
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(text)
        return folder
    opc_docs = []
    for service, doc in sorted(scale.base.items()):
        opc_docs.append(work / f"opc-{service}.json")
        opc_docs[-1].write_text(json.dumps(for_opc(doc), ensure_ascii=False))
    cli = [sys.executable, "-m", "generator", "generate"]
    results: dict[str, list[Run]] = {}
    for n in range(runs):
        for target in targets:
            out, cache = work / f"out-{target}-{n}", work / f"cache-{target}-{n}"
            env = {**os.environ, "XDG_CACHE_HOME": str(cache)}
            for variant in VARIANTS:
                spec = edit(variant)
                results.setdefault(f"{target}/{variant}", []).append(measure(
                    [*cli, "--spec", str(spec), "--out", str(out), "--target", target], env, ROOT))
        if tools:
            if len(opc_docs) == 1:
                cmd = [str(tools["opc"]), "generate", "--path", str(opc_docs[0]),
                       "--output-path", str(work / f"opc-{n}"), "--overwrite"]
            else:
                cmd = [sys.executable, "-c", _OPC_DRIVER, str(tools["opc"]), str(work / f"opc-{n}"),
                       *map(str, opc_docs)]
            results.setdefault("opc", []).append(measure(cmd, dict(os.environ), work))
            if len(scale.base) == 1:
                (work / "dcg.json").write_text(json.dumps(next(iter(scale.base.values())), ensure_ascii=False))
                results.setdefault("dcg", []).append(measure(
                    [str(tools["dcg"]), "--input", str(work / "dcg.json"), "--input-file-type", "openapi",
                     "--output-model-type", "pydantic_v2.BaseModel", "--disable-timestamp",
                     "--output", str(work / f"dcg-{n}.py")], dict(os.environ), work))
    medians = {k: (statistics.median(r.seconds for r in v), statistics.median(r.peak_rss for r in v),
                   statistics.median(r.cpu for r in v))
               for k, v in results.items()}
    files = {t: sum(1 for p in (work / f"out-{t}-0" / t).rglob("*") if p.is_file()) for t in targets}
    return {"label": scale.label, "actions": scale.actions, "services": len(scale.base), "runs": runs,
            "files": files, "medians": medians, "targets": targets,
            "raw": {k: [(r.seconds, r.peak_rss) for r in v] for k, v in results.items()},
            "package": work / "out-python-0" / "python", "edited": scale.edited}


def _mb(b: float) -> str:
    return f"{b / 1e6:,.0f} MB"


HEAD = ["scale", "tool", "cold", "no-op", "one action added", "one action changed",
        "peak RSS cold / add", "cold / opc cold"]


def rows(res: dict[str, Any]) -> list[list[str]]:
    """The table's rows for one scale: one per target, then the peers."""
    m = res["medians"]
    opc = m.get("opc")
    out = []
    for t in res["targets"]:
        cold = m[f"{t}/cold"]
        out.append([res["label"], t, f"{cold[0]:.1f} s", f"{m[f'{t}/noop'][0]:.2f} s",
                    f"{m[f'{t}/add'][0]:.2f} s", f"{m[f'{t}/change'][0]:.2f} s",
                    f"{_mb(cold[1])} / {_mb(m[f'{t}/add'][1])}",
                    f"{cold[0] / opc[0]:.2f}x" if opc else "-"])
    for peer, what in (("opc", "openapi-python-client"), ("dcg", "datamodel-code-generator (models)")):
        if peer in m:
            out.append([res["label"], what, f"{m[peer][0]:.1f} s", "-", "-", "-", _mb(m[peer][1]),
                        f"{m[peer][0] / opc[0]:.2f}x" if opc else "-"])
    return out


def table(results: list[dict[str, Any]] | dict[str, Any]) -> str:
    """One Markdown table for every scale, then the CPU seconds and raw runs."""
    if isinstance(results, dict):
        results = [results]
    lines = ["| " + " | ".join(HEAD) + " |", "|" + "---|" * len(HEAD)]
    for res in results:
        lines += ["| " + " | ".join(r) + " |" for r in rows(res)]
    for res in results:
        m = res["medians"]
        lines.append(f"{res['label']}: {res['actions']} actions in {res['services']} service(s), edits in "
                     f"{res['edited']}; files {res['files']}; CPU s (user+sys, whole tree): "
                     + ", ".join(f"{k} {v[2]:.1f}" for k, v in sorted(m.items())))
        lines.append(f"{res['label']}: raw seconds: " + "; ".join(
            f"{k} " + " ".join(f"{s:.2f}" for s, _ in v) for k, v in sorted(res["raw"].items())))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="100,1000", help="single-service sizes, comma-separated ('' for none)")
    ap.add_argument("--catalog", default="60x50", help="SERVICESxACTIONS ('' for none)")
    ap.add_argument("--targets", default=",".join(TARGETS))
    ap.add_argument("--runs", type=int, default=1)
    ap.add_argument("--no-peers", action="store_true", help="only this project (no peer environment)")
    ap.add_argument("--no-import", action="store_true", help="skip timing the generated package's import")
    args = ap.parse_args(argv)
    targets = tuple(t for t in args.targets.split(",") if t)
    scales = [single(int(n)) for n in args.sizes.split(",") if n]
    if args.catalog:
        s, a = (int(x) for x in args.catalog.lower().split("x"))
        scales.append(catalog_scale(s, a))
    results = []
    with tempfile.TemporaryDirectory(prefix="ksyun-bench-") as tmp:
        for k, scale in enumerate(scales):
            res = bench(scale, args.runs, not args.no_peers, Path(tmp) / f"scale-{k}", targets)
            results.append(res)
            print(table(res), file=sys.stderr, flush=True)  # progress, scale by scale
            if not args.no_import and "python" in targets and len(scale.base) == 1:
                pkg = res["package"]
                floor = import_time(pkg, "import httpx, pydantic")
                svc = import_time(pkg, f"import ksyun_sdk.{SERVICE}.v{VERSION.replace('-', '_')}")
                res["import"] = (floor, svc)
            shutil.rmtree(Path(tmp) / f"scale-{k}", ignore_errors=True)
        print(f"medians of {args.runs} run(s); {os.cpu_count()} cores, Python {sys.version.split()[0]}, "
              f"load average at the end {os.getloadavg()[0]:.1f}")
        print(table(results))
        for res in results:
            if "import" in res:
                floor, svc = res["import"]
                print(f"{res['label']}: import httpx+pydantic: {floor * 1000:.0f} ms; import the service "
                      f"package: {svc * 1000:.0f} ms ({svc / floor:.2f}x)")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
