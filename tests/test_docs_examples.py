"""Every action page's example calls are real calls: the Python one, for every
action of spec/ and of the test fixtures, passes the generated SDK's own
validation and gets a success answer from the mock made from the same spec; the
example values keep the spec's constraints (generator/examples.py)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from _mock_support import (
    ACCESS_KEY,
    EXAMPLE_SPECS,
    REGION,
    SECRET_KEY,
    example_spec,
    generate_sdk,
    mock_config,
    write_fixture_spec,
)

from generator import examples
from generator.ir import TypeRef
from generator.mock import MockServer
from generator.pipeline import load_api
from generator.targets import TARGETS

SPECS = EXAMPLE_SPECS

DRIVER = """\
import json, sys, traceback
failures = []
for action, code in json.load(open(sys.argv[1], encoding="utf-8")):
    try:
        exec(compile(code, action, "exec"), {"__name__": "__example__"})
    except BaseException as exc:
        failures.append([action, "".join(traceback.format_exception_only(type(exc), exc)).strip()])
print(json.dumps(failures))
"""


_spec = example_spec


@pytest.mark.parametrize("name", SPECS)
def test_every_python_example_runs_against_the_mock(name: str, tmp_path: Path) -> None:
    spec = _spec(name, tmp_path)
    api = load_api(spec)
    python = TARGETS["python"]()
    snippets = [(f"{s.name} {s.version} {op.action}", call.code) for s in api.services
                for op in s.operations for call in [python.example_call(s, op)] if call is not None]
    assert snippets
    sdk = generate_sdk(spec, tmp_path / "sdk")
    (tmp_path / "snippets.json").write_text(json.dumps(snippets), encoding="utf-8")
    (tmp_path / "driver.py").write_text(DRIVER, encoding="utf-8")
    with MockServer(api, mock_config()) as mock:
        env = {**os.environ, "PYTHONPATH": str(sdk), "KSYUN_ENDPOINT": mock.url,
               "KSYUN_ACCESS_KEY": ACCESS_KEY, "KSYUN_SECRET_KEY": SECRET_KEY, "KSYUN_REGION": REGION,
               "HOME": str(tmp_path)}
        done = subprocess.run([sys.executable, str(tmp_path / "driver.py"), str(tmp_path / "snippets.json")],
                              env=env, capture_output=True, text=True, timeout=300, cwd=tmp_path)
        stats = mock.stats
    assert done.returncode == 0, done.stderr
    failures = json.loads(done.stdout.strip().splitlines()[-1])
    assert failures == [], "\n".join(f"{a}: {why}" for a, why in failures)
    assert stats.requests == len(snippets)


@pytest.mark.parametrize("t, value", [
    (TypeRef("integer", constraints=(("maximum", 100), ("minimum", 1))), 1),
    (TypeRef("integer", constraints=(("minimum", 20),)), 20),
    (TypeRef("integer", constraints=(("exclusiveMinimum", 5),)), 6),
    (TypeRef("integer", constraints=(("maximum", -3),)), -3),
    (TypeRef("number", constraints=(("exclusiveMaximum", 0),)), -0.5),
    (TypeRef("string", constraints=(("maxLength", 32), ("minLength", 8))), "examplex"),
    (TypeRef("string", constraints=(("maxLength", 3),)), "exa"),
    (TypeRef("string", constraints=(("pattern", r"^(ami|img)-[0-9a-f]{8}$"),)), "ami-00000000"),
    (TypeRef("string", constraints=(("pattern", r"^[a-z]{3}-\d+$"),)), "aaa-0"),
    (TypeRef("string", enum=("ESSD_PL1", "SSD3.0")), "ESSD_PL1"),
    (TypeRef("boolean"), False),
])
def test_placeholders_keep_the_constraints(t: TypeRef, value: object) -> None:
    assert examples.placeholder(t) == value
    assert examples.fits(value, t)


def test_an_example_outside_its_constraints_is_not_used() -> None:
    from generator.ir import Parameter, Service

    t = TypeRef("integer", constraints=(("minimum", 5),))
    p = Parameter("MaxResults", t, required=True, example=1, has_example=True)
    assert examples.parameter_example(Service("x", "2020-01-01"), p) == 5
    listed = Parameter("Id", TypeRef("array", item=TypeRef("string"), constraints=(("minItems", 2),)),
                       required=True)
    assert examples.parameter_example(Service("x", "2020-01-01"), listed) == ["example", "example"]


def test_run_instances_example_is_a_valid_call(tmp_path: Path) -> None:
    """A write with required numbers, objects and lists: every bound kept, no DryRun."""
    api = load_api(write_fixture_spec(tmp_path / "spec"))
    kec = api.services[0]
    args = examples.request_example(kec, kec.operation("RunInstances"))
    assert args["MaxCount"] >= 1 and args["MinCount"] >= 1 and "DryRun" not in args


@pytest.mark.parametrize("name", ["spec", "docs"])
def test_the_mock_serves_three_pages_of_every_paged_action_by_default(name: str, tmp_path: Path) -> None:
    import copy

    from generator.mock import MockConfig
    from generator.mock.paging import DEFAULT_PAGE_SIZE, apply_paging
    from generator.mock.synth import synthesize

    api = load_api(_spec(name, tmp_path))
    paged = [(s, op) for s in api.services for op in s.operations if op.pagination is not None]
    assert paged
    for service, op in paged:
        p = op.pagination
        assert p is not None
        full = synthesize(service, op, seed=0, page_items=MockConfig().page_items)
        pages, token = 0, None
        while True:
            params = {} if token is None else {p.input_token: token}
            body = copy.deepcopy(full)
            apply_paging(op, params, body)
            items = body[p.items]
            if not items:
                break
            pages += 1
            assert len(items) <= DEFAULT_PAGE_SIZE
            if p.style == "marker":
                token = (token or 0) + len(items)
            else:
                token = body.get(p.output_token)
                if not token:
                    break
        assert pages >= 3, (op.action, pages)


TS_RUNNER = """\
const failures = [];
for (const file of process.argv.slice(2)) {
  try { await import(file); } catch (e) { failures.push([file, String(e && e.stack || e)]); }
}
console.log(JSON.stringify(failures));
"""


@pytest.mark.parametrize("name", ["spec", "docs"])
def test_every_typescript_example_compiles_strict_and_runs_against_the_mock(name: str, tmp_path: Path) -> None:
    """The TypeScript tab of every action: compiled by the pinned tsc in strict mode against
    the package made from the same spec, then run against the mock."""
    import shutil

    from generator.targets.typescript.target import TOOLCHAIN

    tsc = TOOLCHAIN / "node_modules" / "typescript" / "bin" / "tsc"
    if shutil.which("node") is None or not tsc.is_file():
        pytest.skip("needs Node.js and the TypeScript toolchain (npm ci --prefix templates/typescript/toolchain)")
    from conftest import GENERATED, run_cli

    spec = _spec(name, tmp_path)
    if name == "spec":
        package = GENERATED / "typescript"
    else:
        code, _o, err = run_cli("generate", "--spec", spec, "--out", tmp_path / "out", "--target", "typescript")
        assert code == 0, err
        package = tmp_path / "out" / "typescript"
    api = load_api(spec)
    typescript = TARGETS["typescript"]()
    project = tmp_path / "project"
    (project / "node_modules").mkdir(parents=True)
    (project / "node_modules" / "ksyun-sdk").symlink_to(package, target_is_directory=True)
    (project / "package.json").write_text('{"type": "module"}\n', encoding="utf-8")
    files = []
    for s in api.services:
        for op in s.operations:
            call = typescript.example_call(s, op)
            assert call is not None and call.lexer == "typescript"
            path = project / f"{s.name}_{s.version}_{op.action}.ts".replace("-", "_")
            path.write_text(call.code + "\nexport {};\n", encoding="utf-8")
            files.append(path.name)
    (project / "tsconfig.json").write_text(json.dumps({
        "compilerOptions": {"target": "ES2022", "module": "NodeNext", "moduleResolution": "NodeNext",
                            "lib": ["ES2022", "DOM"], "strict": True, "types": [], "outDir": "out"},
        "files": files}), encoding="utf-8")
    done = subprocess.run(["node", str(tsc), "-p", str(project)], capture_output=True, text=True,
                          cwd=project, timeout=240)
    assert done.returncode == 0, done.stdout + done.stderr
    (project / "runner.mjs").write_text(TS_RUNNER, encoding="utf-8")
    compiled = [str(project / "out" / f.replace(".ts", ".js")) for f in files]
    with MockServer(api, mock_config()) as mock:
        env = {**os.environ, "KSYUN_ENDPOINT": mock.url, "KSYUN_ACCESS_KEY": ACCESS_KEY,
               "KSYUN_SECRET_KEY": SECRET_KEY, "KSYUN_REGION": REGION}
        ran = subprocess.run(["node", str(project / "runner.mjs"), *compiled], capture_output=True,
                             text=True, env=env, timeout=120, cwd=project)
        requests = mock.stats.requests
    assert ran.returncode == 0, ran.stderr
    failures = json.loads(ran.stdout.strip().splitlines()[-1])
    assert failures == [], "\n".join(f"{f}: {why}" for f, why in failures)
    assert requests == len(files)
