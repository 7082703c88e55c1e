"""One behaviour in three languages: every action of the committed spec and of
every fixture, called with every parameter set, gives the same request from
the Python, TypeScript and Go SDKs: method, path, the query string or form
body byte for byte, and the signed headers (names and values; only the
signing time differs).  Where one SDK refuses a call before sending (a
value outside the spec's constraints), all three must refuse it.

The calls are written once, with wire names (generator.examples gives every
parameter a value); each language's harness maps them to its own names: the
Python one through the target's naming functions, the TypeScript one through
the generated shape specs, the Go one through the structs' json tags (wire
names) with ``encoding/json``.  The server (tests/sigv4_server.py) checks
every signature with botocore.
"""

from __future__ import annotations

import dataclasses
import importlib
import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from conftest import ACCESS_KEY, FIXTURES, REGION, SECRET_KEY, SPEC, sdk_on_path
from sigv4_server import Received, Reply, SigV4Server

from generator import examples
from generator.ir import Api, Operation, Service, TypeRef
from generator.pipeline import generate_files, load_api
from generator.targets.go import names as go_names
from generator.targets.go.target import GoTarget, go_string
from generator.targets.python import names as py_names
from generator.targets.python import target as py_target
from generator.targets.typescript import target as ts_target

pytestmark = pytest.mark.skipif(
    shutil.which("go") is None or shutil.which("node") is None,
    reason="needs Go (1.23+) and Node.js 20+ on PATH",
)

SPECS = [SPEC] + sorted(p.parent for p in FIXTURES.glob("*/common.yaml"))
MODULE = GoTarget().settings()["module"]
# Headers that legitimately differ between two runs of one call.
TIMED = {"x-amz-date", "authorization"}


@dataclasses.dataclass(frozen=True)
class Call:
    service: Service
    op: Operation
    args: dict[str, Any]  # wire names, nested objects as dicts

    @property
    def key(self) -> str:
        return f"{self.service.name}/{self.service.version}/{self.op.action}"


def calls(api: Api) -> list[Call]:
    """Every action, with a value for every parameter (optional ones too)."""
    out = []
    for service in api.services:
        for op in service.operations:
            args: dict[str, Any] = {}
            for p in op.parameters:
                value = examples.parameter_example(service, dataclasses.replace(p, required=True))
                if value is not None:
                    args[p.name] = value
            out.append(Call(service, op, args))
    return out


def write_tree(root: Path, files: dict[str, str]) -> Path:
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


# -- one harness per language: each returns {call key: "sent" | "refused" | "error: ..."} -------------
def run_python(api: Api, root: Path, url: str, todo: list[Call], server: SigV4Server) -> dict[str, str]:
    out: dict[str, str] = {}
    with sdk_on_path(root):
        from ksyun_sdk import NO_RETRY
        from ksyun_sdk.errors import RequestValidationError

        for call in todo:
            s = call.service
            package = f"ksyun_sdk.{py_names.module_name(s.name)}.{py_names.version_module(s.version)}"
            mod = importlib.import_module(package)
            models = importlib.import_module(package + ".models")

            def value(v: Any, t: TypeRef) -> Any:
                if t.kind == "shape" and isinstance(v, dict):
                    return getattr(models, py_names.class_name(t.shape or "")).model_validate(v)
                if t.kind == "array" and isinstance(v, list):
                    return [value(x, t.item or TypeRef("any")) for x in v]
                return v

            server.service = s.signing_name or s.name
            client = getattr(mod, py_target.client_class(s))(
                access_key=ACCESS_KEY, secret_key=SECRET_KEY, region=REGION, endpoint=url, retry=NO_RETRY)
            params = {p.name: p for p in call.op.parameters}
            kwargs = {py_names.field_name(params[k]): value(v, params[k].type) for k, v in call.args.items()}
            try:
                getattr(client, py_target.method_name(call.op.action))(**kwargs)
                out[call.key] = "sent"
            except RequestValidationError:
                out[call.key] = "refused"
            except Exception as exc:  # noqa: BLE001 - reported in the comparison
                out[call.key] = f"error: {type(exc).__name__}: {exc}"
            finally:
                client.close()
    return out


TS_HARNESS = r"""
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
const [root, callsFile, url, ak, sk, region] = process.argv.slice(2);
const calls = JSON.parse(readFileSync(callsFile, "utf-8"));
function camel(spec, value) {
  if (Array.isArray(value)) return value.map((v) => camel(spec, v));
  if (value === null || typeof value !== "object" || !spec) return value;
  const out = {};
  for (const [wire, v] of Object.entries(value)) {
    const f = spec.fields.find((x) => x.wire === wire);
    if (!f) throw new Error(`${spec.name} has no wire member ${wire}`);
    out[f.name] = camel(inner(f.type), v);
  }
  return out;
}
function inner(type) {
  if (type && typeof type === "object" && "list" in type) return inner(type.list);
  if (type && typeof type === "object" && "shape" in type) return type.shape();
  return null;
}
const results = {};
for (const c of calls) {
  const mod = await import(pathToFileURL(join(root, "dist", c.dir, "index.js")).href);
  const shapes = await import(pathToFileURL(join(root, "dist", c.dir, "shapes.js")).href);
  const client = new mod[c.client]({ accessKey: ak, secretKey: sk, region, endpoint: url, retry: { maxAttempts: 1 } });
  try {
    await client[c.method](camel(shapes[c.request], c.args));
    results[c.key] = "sent";
  } catch (e) {
    results[c.key] = e && e.constructor && e.constructor.name === "RequestValidationError" ? "refused"
      : `error: ${e && e.constructor && e.constructor.name}: ${e && e.message}`;
  }
}
process.stdout.write(JSON.stringify(results));
"""


def run_typescript(root: Path, url: str, todo: list[Call], work: Path) -> dict[str, str]:
    payload = [{
        "key": c.key,
        "dir": f"{ts_target.service_dir(c.service.name)}/{ts_target.version_dir(c.service.version)}",
        "client": ts_target.client_class(c.service),
        "method": ts_target.method_name(c.op.action),
        "request": ts_target.request_type(c.op),
        "args": c.args,
    } for c in todo]
    (work / "calls.json").write_text(json.dumps(payload, ensure_ascii=False), encoding="utf-8")
    (work / "harness.mjs").write_text(TS_HARNESS, encoding="utf-8")
    done = subprocess.run(["node", str(work / "harness.mjs"), str(root), str(work / "calls.json"), url,
                           ACCESS_KEY, SECRET_KEY, REGION], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    return dict(json.loads(done.stdout))


def go_harness(todo: list[Call]) -> str:
    """A Go program that makes every call in order and prints {key: outcome} as JSON."""
    imports: dict[str, str] = {}
    for c in todo:
        path = f"{MODULE}/{go_names.service_folder(c.service).rstrip('/')}"
        imports.setdefault(path, f"p{len(imports)}")
    lines = [
        "package main", "", "import (", '\t"context"', '\t"encoding/json"', '\t"errors"', '\t"fmt"', '\t"os"', "",
        f'\t"{MODULE}/ksyun"',
        *(f'\t{alias} "{path}"' for path, alias in imports.items()), ")", "",
        "func main() {",
        "\turl, ak, sk, region := os.Args[1], os.Args[2], os.Args[3], os.Args[4]",
        "\topts := []ksyun.Option{ksyun.WithCredentials(ak, sk), ksyun.WithRegion(region),",
        "\t\tksyun.WithEndpoint(url), ksyun.WithRetry(ksyun.NoRetry)}",
        "\tctx := context.Background()",
        "\tresults := map[string]string{}",
        "\toutcome := func(key string, err error) {",
        "\t\tvar invalid *ksyun.ValidationError",
        "\t\tswitch {",
        "\t\tcase err == nil:",
        '\t\t\tresults[key] = "sent"',
        "\t\tcase errors.As(err, &invalid):",
        '\t\t\tresults[key] = "refused"',
        "\t\tdefault:",
        '\t\t\tresults[key] = fmt.Sprintf("error: %T: %v", err, err)',
        "\t\t}",
        "\t}",
    ]
    for c in todo:
        alias = imports[f"{MODULE}/{go_names.service_folder(c.service).rstrip('/')}"]
        lines += [
            "\t{",
            f"\t\tclient, err := {alias}.NewClient(opts...)",
            "\t\tif err != nil {",
            "\t\t\tpanic(err)",
            "\t\t}",
            f"\t\tvar in {alias}.{go_names.input_type(c.op)}",
            f"\t\tif err := json.Unmarshal([]byte({go_string(json.dumps(c.args, ensure_ascii=False))}), &in); err != nil {{",
            f'\t\t\tresults[{go_string(c.key)}] = "harness: " + err.Error()',
            "\t\t} else {",
            f"\t\t\t_, err := client.{go_names.method_name(c.op.action)}(ctx, &in)",
            f"\t\t\toutcome({go_string(c.key)}, err)",
            "\t\t}",
            "\t}",
        ]
    lines += ["\tout, _ := json.Marshal(results)", "\tos.Stdout.Write(out)", "}", ""]
    return "\n".join(lines)


def run_go(root: Path, url: str, todo: list[Call], work: Path) -> dict[str, str]:
    harness = work / "harness"
    harness.mkdir()
    (harness / "go.mod").write_text(
        f"module harness\n\ngo 1.23\n\nrequire {MODULE} v0.0.0\n\nreplace {MODULE} => {root}\n", encoding="utf-8")
    (harness / "main.go").write_text(go_harness(todo), encoding="utf-8")
    env = {**os.environ, "GOFLAGS": "-mod=mod", "GOTOOLCHAIN": "local"}
    done = subprocess.run(["go", "run", "."] + [url, ACCESS_KEY, SECRET_KEY, REGION], cwd=harness, env=env,
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    return dict(json.loads(done.stdout))


# -- the comparison -------------------------------------------------------------------------------
def signed(req: Received) -> dict[str, str]:
    """The signed headers and their values, but for the signing time."""
    auth = req.headers.get("authorization", "")
    names = auth.split("SignedHeaders=", 1)[1].split(",", 1)[0].split(";") if "SignedHeaders=" in auth else []
    return {n: req.headers.get(n, "") for n in names if n not in TIMED} | {"(signed)": ";".join(names)}


def wire(req: Received) -> dict[str, Any]:
    return {"method": req.method, "path": req.path, "query": req.raw_query,
            "body": req.body.decode("utf-8", "replace"), "signed": signed(req)}


@pytest.mark.parametrize("spec", SPECS, ids=lambda p: p.name)
def test_three_sdks_send_the_same_requests(spec: Path, tmp_path: Path) -> None:
    api = load_api(spec)
    todo = calls(api)
    assert todo, f"{spec.name}: no action"
    py_root = write_tree(tmp_path / "python", generate_files(spec, "python"))
    ts_root = write_tree(tmp_path / "typescript", generate_files(spec, "typescript"))
    go_root = write_tree(tmp_path / "go", generate_files(spec, "go"))
    server = SigV4Server(ACCESS_KEY, SECRET_KEY, REGION).start()
    server.reply = lambda req: Reply.json(200, {"RequestId": "req-wire"})
    try:
        seen: dict[str, dict[str, Any]] = {}
        outcomes: dict[str, dict[str, str]] = {}
        for language in ("python", "typescript", "go"):
            start = len(server.received)
            if language == "python":
                result = run_python(api, py_root, server.url, todo, server)
            else:
                # one signing service per run: the harness calls in order, so group by service
                result = {}
                for service in api.services:
                    server.service = service.signing_name or service.name
                    mine = [c for c in todo if c.service is service]
                    work = tmp_path / f"{language}-{go_names.package_name(service.name)}-{service.version}"
                    work.mkdir()
                    runner = run_typescript if language == "typescript" else run_go
                    result.update(runner(ts_root if language == "typescript" else go_root, server.url, mine, work))
            outcomes[language] = result
            sent = iter(server.received[start:])
            for call in todo:
                if result.get(call.key) == "sent":
                    seen.setdefault(call.key, {})[language] = wire(next(sent))
            assert next(sent, None) is None, f"{language}: more requests than calls"
        assert not server.rejected, [why for _, why in server.rejected][:3]
    finally:
        server.stop()
    problems = []
    for call in todo:
        each = {lang: outcomes[lang].get(call.key) for lang in outcomes}
        if len(set(each.values())) != 1 or not all(v in ("sent", "refused") for v in each.values()):
            problems.append(f"{call.key}: outcomes differ: {each}")
            continue
        if each["python"] == "sent":
            requests = seen[call.key]
            if not requests["python"] == requests["typescript"] == requests["go"]:
                problems.append(f"{call.key}: requests differ: {json.dumps(requests, ensure_ascii=False)}")
    assert not problems, "\n".join(problems)
    # the calls really exercise the SDKs: most actions are sent, not refused
    assert sum(1 for c in todo if outcomes["python"][c.key] == "sent") >= len(todo) / 2


def test_the_call_list_covers_every_action_of_the_committed_spec() -> None:
    api = load_api(SPEC)
    assert {c.key for c in calls(api)} == {f"{s.name}/{s.version}/{op.action}" for s in api.services
                                          for op in s.operations}
    run = next(c for c in calls(api) if c.op.action == "RunInstances")
    # nested objects and lists of objects are in the calls, so their flattening is compared
    assert isinstance(run.args.get("SystemDisk"), dict) and isinstance(run.args.get("DataDisk"), list)
