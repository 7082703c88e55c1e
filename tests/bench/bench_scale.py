"""Scale benchmark: regenerate a synthetic N-action spec and compare with baselines.

    python tests/bench/bench_scale.py [--actions 1000] [--no-baseline]

Prints figures and ratios measured in this run (no assertions):
  * our full `generate` (load, validate, IR, dcg, render, black, write), cold
    and with a warm black cache;
  * baseline: datamodel-code-generator run the usual way on the same models
    (one call, its own black + isort formatting), the approach this project
    avoids;
  * generating again after adding one action (what a developer waits for);
  * each stage timed in process;
  * import time of the generated service package and of one action's models,
    against a baseline of importing httpx + pydantic alone;
  * the docs target alone (`--docs-only` skips everything else): time, pages,
    and the size of the search index, raw and gzipped.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))


def synth_spec(folder: Path, actions: int) -> None:
    """A KEC-like service with *actions* Describe/Create actions, each with its own shapes."""
    shutil.copy(ROOT / "spec" / "common.yaml", folder / "common.yaml")
    (folder / "big").mkdir()
    paths: dict[str, object] = {}
    schemas: dict[str, object] = {}
    for i in range(actions):
        name = f"{'Describe' if i % 2 == 0 else 'Create'}Thing{i:04d}"
        params = [
            {"name": "Action", "in": "query", "required": True, "schema": {"type": "string", "enum": [name]}},
            {"name": "Version", "in": "query", "required": True, "schema": {"type": "string", "enum": ["2020-01-01"]}},
            {"name": "ThingId", "in": "query", "schema": {"type": "array", "items": {"type": "string"}},
             "description": "编号列表"},
            {"name": "MaxResults", "in": "query", "schema": {"type": "integer"}, "description": "每页数量"},
            {"name": "Marker", "in": "query", "schema": {"type": "integer"}},
            {"name": "Zone", "in": "query", "required": i % 3 == 0, "schema": {"type": "string"}},
        ]
        paths[f"/#Action={name}"] = {"get": {
            "operationId": name, "summary": f"操作 {name}", "parameters": params,
            "responses": {"200": {"description": "OK", "content": {"application/json": {
                "schema": {"$ref": f"#/components/schemas/{name}Response"}}}},
                "default": {"$ref": "../common.yaml#/components/responses/Error"}},
            "x-ksyun-errors": [
                {"code": f"Thing{i:04d}NotFound", "message": "not found", "httpStatus": 404},
                {"code": "InternalError", "message": "Internal Error", "httpStatus": 400},
            ],
        }}
        schemas[f"{name}Response"] = {"type": "object", "properties": {
            "RequestId": {"type": "string", "example": "r-1"},
            "ThingSet": {"type": "array", "items": {"$ref": f"#/components/schemas/Thing{i:04d}"}},
            "Marker": {"type": "integer"},
        }}
        schemas[f"Thing{i:04d}"] = {"type": "object", "description": f"Thing {i}", "properties": {
            **{f"Attr{k}": {"type": "string", "description": f"属性 {k}", "example": f"v{k}"} for k in range(8)},
            "Size": {"type": "integer", "example": 20},
            "Enabled": {"type": "boolean"},
            "PartSet": {"type": "array", "items": {"$ref": f"#/components/schemas/Thing{i:04d}Part"}},
        }}
        schemas[f"Thing{i:04d}Part"] = {"type": "object", "properties": {
            "PartId": {"type": "string"}, "DiskSize": {"type": "integer"}, "Type": {"type": "string"}}}
    doc = {
        "openapi": "3.1.0",
        "info": {"title": "BIG", "version": "2020-01-01", "x-ksyun-service": "big"},
        "servers": [{"url": "https://big.api.ksyun.com"}],
        "paths": paths,
        "components": {"schemas": schemas},
        "x-ksyun-common-errors": {"$ref": "../common.yaml#/x-ksyun-common-errors"},
    }
    # JSON is valid YAML; the loader keeps line numbers either way.
    (folder / "big" / "2020-01-01.yaml").write_text(json.dumps(doc, indent=1, ensure_ascii=False))


def timed(cmd: list[str], env: dict[str, str] | None = None, cwd: Path | None = None) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, check=True, env=env, cwd=cwd, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def import_time(pkg_root: Path, statement: str, repeat: int = 5) -> float:
    """Best of *repeat* fresh interpreters, after one run that writes bytecode
    (as an installed package has)."""
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


def add_action(folder: Path, name: str) -> None:
    """Append one more action to the synthetic spec (the incremental case)."""
    path = folder / "big" / "2020-01-01.yaml"
    doc = json.loads(path.read_text())
    template = doc["paths"]["/#Action=DescribeThing0000"]["get"]
    op = json.loads(json.dumps(template).replace("DescribeThing0000", name))
    doc["paths"][f"/#Action={name}"] = {"get": op}
    doc["components"]["schemas"][f"{name}Response"] = json.loads(
        json.dumps(doc["components"]["schemas"]["DescribeThing0000Response"]))
    path.write_text(json.dumps(doc, indent=1, ensure_ascii=False))


def stages(spec: Path, cache: Path) -> list[tuple[str, float]]:
    """Each pipeline stage timed in process, with empty caches."""
    os.environ["XDG_CACHE_HOME"] = str(cache)
    from generator.build import build
    from generator.fmt import format_python
    from generator.load import Workspace, service_files
    from generator.targets import get_target
    from generator.targets.python.models import model_files
    from generator.validate import openapi_problems

    out = []
    t = time.perf_counter()
    ws = Workspace(spec)
    docs = [ws.doc(p) for p in service_files(spec)]
    out.append(("load (YAML with lines)", time.perf_counter() - t))
    t = time.perf_counter()
    for doc in docs:
        openapi_problems(doc)
    out.append(("validate (openapi-spec-validator)", time.perf_counter() - t))
    t = time.perf_counter()
    api = build(ws, docs)
    out.append(("IR", time.perf_counter() - t))
    target = get_target("python")
    t = time.perf_counter()
    models = model_files(api)
    out.append(("models (datamodel-code-generator)", time.perf_counter() - t))
    target.extra_files = lambda api: models  # type: ignore[method-assign]
    target.postprocess = lambda files: files  # type: ignore[method-assign]
    t = time.perf_counter()
    files = target.render(api)
    out.append(("render (Jinja)", time.perf_counter() - t))
    t = time.perf_counter()
    format_python(files)
    out.append((f"black ({sum(1 for f in files if f.endswith('.py'))} files, 2 processes)",
                time.perf_counter() - t))
    return out


def docs_figures(spec: Path, out: Path, env: dict[str, str]) -> None:
    import gzip

    cli = [sys.executable, "-m", "generator", "generate", "--spec", str(spec), "--out", str(out),
           "--target", "docs"]
    first = timed(cli, env, ROOT)
    again = timed(cli, env, ROOT)
    html = out / "docs" / "html"
    pages = sum(1 for _ in html.rglob("*.html"))
    md = sum(1 for _ in (out / "docs" / "markdown").rglob("*.md"))
    size = sum(p.stat().st_size for p in (out / "docs").rglob("*") if p.is_file())
    index = (html / "search-index.js").read_bytes()
    print(f"docs: generate --target docs  : {first:6.1f} s (again: {again:.1f} s); "
          f"{pages} HTML pages, {md} Markdown pages, {size / 1e6:.1f} MB")
    print(f"docs: search index            : {len(index) / 1024:6.0f} KiB "
          f"({len(gzip.compress(index, 9)) / 1024:.0f} KiB gzipped)")
    from generator.pipeline import load_api, render

    api = load_api(spec)
    wall, cpu = time.perf_counter(), time.process_time()
    render(api, "docs")
    print(f"docs: render alone (in process): {time.perf_counter() - wall:6.1f} s wall, "
          f"{time.process_time() - cpu:.1f} s CPU")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--actions", type=int, default=1000)
    ap.add_argument("--no-baseline", action="store_true", help="skip the slow dcg-formatted baseline")
    ap.add_argument("--docs-only", action="store_true", help="only the docs target's figures")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp_s:
        tmp = Path(tmp_s)
        spec = tmp / "spec"
        spec.mkdir()
        synth_spec(spec, args.actions)
        out = tmp / "out"
        cache = tmp / "cache"
        env = {**os.environ, "XDG_CACHE_HOME": str(cache)}
        docs_figures(spec, tmp / "docs-out", env)
        if args.docs_only:
            return
        cli = [sys.executable, "-m", "generator", "generate", "--spec", str(spec), "--out", str(out),
               "--target", "python"]
        cold = timed(cli, env, ROOT)
        warm = timed(cli, env, ROOT)
        files = sum(1 for p in (out / "python").rglob("*") if p.is_file())
        print(f"spec: {args.actions} actions in one service, {files} generated files")
        print(f"generate, empty caches        : {cold:6.1f} s")
        print(f"generate again (all cached)   : {warm:6.1f} s   ({cold / warm:.1f}x faster)")
        spec2 = tmp / "spec2"
        shutil.copytree(spec, spec2)
        add_action(spec2, "DescribeThingExtra")
        incr = timed([*cli[:-6], "--spec", str(spec2), "--out", str(out), "--target", "python"], env, ROOT)
        print(f"generate after adding 1 action: {incr:6.1f} s   ({cold / incr:.1f}x faster than empty caches)")
        print("stages, empty caches (in process):")
        total = 0.0
        for name, secs in stages(spec, tmp / "cache-stages"):
            total += secs
            print(f"  {name:40s} {secs:6.1f} s")
        print(f"  {'total':40s} {total:6.1f} s")

        if not args.no_baseline:
            from generator.pipeline import load_api
            from generator.targets.python.models import service_schema

            api = load_api(spec)
            schema, aliases, bases = service_schema(api.services[0])
            flat_json = json.dumps({"$defs": {k.rsplit(".", 1)[-1]: v for k, v in schema["$defs"].items()}})
            for key in schema["$defs"]:
                flat_json = flat_json.replace(f'"#/$defs/{key}"', f'"#/$defs/{key.rsplit(".", 1)[-1]}"')
            (tmp / "flat.json").write_text(flat_json)
            script = (
                "import warnings; warnings.simplefilter('ignore');"
                "from datamodel_code_generator import generate, InputFileType, DataModelType;"
                "from pathlib import Path;"
                f"generate(Path({str(tmp / 'flat.json')!r}), input_file_type=InputFileType.JsonSchema,"
                "output_model_type=DataModelType.PydanticV2BaseModel, disable_timestamp=True,"
                f"output=Path({str(tmp / 'baseline.py')!r}))"
            )
            base = timed([sys.executable, "-c", script], env, ROOT)
            print(f"baseline: dcg alone, models only, one module, its own black+isort: {base:6.1f} s")
            print(f"  ours (everything) with empty caches: {cold / base:.2f}x the baseline's time; "
                  f"after adding one action: {incr / base:.2f}x")

        pkg = out / "python"
        first = "DescribeThing0000"
        floor = import_time(pkg, "import httpx, pydantic")
        svc = import_time(pkg, "import ksyun_sdk.big.v2020_01_01")
        one = import_time(pkg, f"import ksyun_sdk.big.v2020_01_01.models as m; m.{first}Response")
        print(f"import httpx+pydantic (baseline)   : {floor * 1000:6.0f} ms")
        print(f"import the service package         : {svc * 1000:6.0f} ms   ({svc / floor:.2f}x baseline)")
        print(f"  + one action's response model    : {one * 1000:6.0f} ms   ({one / floor:.2f}x baseline)")


if __name__ == "__main__":
    main()
