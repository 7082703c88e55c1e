"""Names that are JavaScript's own, in the TypeScript SDK: parameters, fields and error codes
named like a member of Object.prototype (``Constructor``, ``ToString``, ``ValueOf``,
``HasOwnProperty``...), ``__proto__`` and ``prototype`` generate, compile with the pinned
``tsc --strict`` and send exactly what they are given (tests/fixtures/js_names/, run by
tests/typescript/js_names.test.mjs against a signature-checking server on 127.0.0.1); an
enum value TypeScript has no literal for is a spec error with its line, from ``validate``
and ``generate`` alike, never a compiler failure.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import FIXTURES, REPO, run_cli

from generator.ir import Field, TypeRef
from generator.pipeline import generate_files
from generator.targets.typescript.target import TOOLCHAIN, literal_problem, prop_name, ts_key, ts_literal
from generator.write import write_tree

JS_NAMES = FIXTURES / "js_names"
NODE_SUITE = REPO / "tests" / "typescript" / "js_names.test.mjs"
TSC = TOOLCHAIN / "node_modules" / "typescript" / "bin" / "tsc"

needs_node = pytest.mark.skipif(
    shutil.which("node") is None or not TSC.is_file(),
    reason="needs Node.js and the TypeScript toolchain (npm ci --prefix templates/typescript/toolchain)",
)


# -- the naming rule ------------------------------------------------------------------------------
@pytest.mark.parametrize(("wire", "prop"), [
    ("Constructor", "constructor_"), ("ToString", "toString_"), ("ValueOf", "valueOf_"),
    ("HasOwnProperty", "hasOwnProperty_"), ("IsPrototypeOf", "isPrototypeOf_"),
    ("PropertyIsEnumerable", "propertyIsEnumerable_"), ("ToLocaleString", "toLocaleString_"),
    ("__proto__", "proto"), ("prototype", "prototype"), ("__defineGetter__", "defineGetter"),
    ("ImageId", "imageId"), ("ConstructorId", "constructorId"),
])
def test_a_property_every_object_already_has_gets_an_underscore(wire: str, prop: str) -> None:
    assert prop_name(Field(wire, TypeRef("string"))) == prop


def test_a_pinned_name_follows_the_same_rule() -> None:
    assert prop_name(Field("Ctor", TypeRef("string"), target_name="constructor")) == "constructor_"


def test_object_literal_keys_make_own_properties() -> None:
    # {"__proto__": x} and {__proto__: x} set the prototype; only the computed key is a member
    assert ts_key("__proto__") == '["__proto__"]'
    assert ts_key("constructor") == '"constructor"'
    assert ts_key("Image\u2028Id") == '"Image\\u2028Id"'


def test_a_lone_surrogate_is_escaped_not_written_raw() -> None:
    text = ts_literal("a\ud800b")
    assert text == '"a\\ud800b"'
    text.encode("utf-8")  # a UTF-8 file can hold it


@pytest.mark.parametrize(("value", "why"), [
    (float("nan"), "not a finite number"), (float("inf"), "not a finite number"),
    (float("-inf"), "not a finite number"), (2**53, "beyond JavaScript's exact integers"),
    (-(2**53), "beyond JavaScript's exact integers"), (None, "not a string, a number or a boolean"),
])
def test_values_with_no_typescript_literal(value: object, why: str) -> None:
    assert why in (literal_problem(value) or "")


@pytest.mark.parametrize("value", ["x", "", True, 0, -(2**53 - 1), 2**53 - 1, 1.5, -0.0, 1e300])
def test_values_with_a_typescript_literal(value: object) -> None:
    assert literal_problem(value) is None


# -- enums TypeScript cannot write: a spec error with its line ---------------------------------------
ENUM_CASES = {
    "nan": ("type: number", "[1.5, .nan]", "enum value nan is not a finite number"),
    "inf": ("type: number", "[-.inf, 0]", "enum value -inf is not a finite number"),
    "big": ("type: integer", "[1, 123456789012345678901]",
            "enum value 123456789012345678901 is beyond JavaScript's exact integers"),
}


def _spec_with_enum(tmp: Path, kind: str, values: str, where: str) -> tuple[Path, int]:
    """A copy of the minimal fixture whose Thing field (or DescribeThings parameter) Odd has
    the enum *values*: (spec folder, the line of Odd)."""
    spec = tmp / "spec"
    shutil.copytree(FIXTURES / "minimal", spec)
    doc = spec / "demo" / "2020-01-01.yaml"
    text = doc.read_text(encoding="utf-8")
    if where == "field":
        anchor = "        Size:\n          type: integer\n          example: 3\n"
        added = f"        Odd:\n          {kind}\n          enum: {values}\n"
    else:
        anchor = "      responses:\n"
        added = (f"        - name: Odd\n          in: query\n          required: false\n"
                 f"          schema: {{{kind}, enum: {values}}}\n")
    assert text.count(anchor) == 1
    text = text.replace(anchor, anchor + added if where == "field" else added + anchor)
    doc.write_text(text, encoding="utf-8")
    line = next(i for i, s in enumerate(text.splitlines(), 1) if re.match(r"\s+(- name: )?Odd:?$", s))
    return spec, line


@pytest.mark.parametrize("where", ["field", "parameter"])
@pytest.mark.parametrize("case", sorted(ENUM_CASES))
def test_an_enum_typescript_cannot_write_is_a_spec_error(case: str, where: str, tmp_path: Path) -> None:
    kind, values, message = ENUM_CASES[case]
    spec, line = _spec_with_enum(tmp_path, kind, values, where)
    for argv in (("validate", "--spec", spec), ("generate", "--spec", spec, "--out", tmp_path / "out")):
        code, out, err = run_cli(*argv)
        assert code == 2, (argv[0], out, err)
        problems = [s for s in err.splitlines() if not s.startswith("ksyun-codegen:")]
        assert len(problems) == 1, (argv[0], err)
        assert problems[0].startswith(f"spec/demo/2020-01-01.yaml:{line}: "), (argv[0], problems, line)
        assert message in problems[0] and "'Odd'" in problems[0], problems[0]
        assert "internal error" not in err and "Traceback" not in err
    assert not (tmp_path / "out").exists()


def test_the_fixture_validates() -> None:
    code, out, err = run_cli("validate", "--spec", JS_NAMES)
    assert code == 0, out + err


# -- the package: strict tsc, and the wire -----------------------------------------------------------
@pytest.fixture(scope="module")
def package(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("ts-js-names") / "typescript"
    write_tree(root, generate_files(JS_NAMES, "typescript"))
    return root


USER = """\
import { JsnamesClient, errors, type CreateThingResponse } from "ksyun-sdk/jsnames/v2021-01-01";

const c = new JsnamesClient({ region: "cn-beijing-6" });
await c.createThing();
await c.createThing({});
const resp: CreateThingResponse = await c.createThing({
  constructor_: "c", toString_: "t", valueOf_: 1, hasOwnProperty_: true, isPrototypeOf_: "i",
  propertyIsEnumerable_: "p", toLocaleString_: "l", proto: "x", prototype: "pt", defineGetter: "g",
  settings: { constructor: "free-form" }, spec: { constructor_: "c", valueOf_: 2, proto: "p" },
});
const s: string | undefined = resp.constructor_ ?? resp.toString_ ?? resp.proto ?? resp.prototype ?? resp.spec?.constructor_;
const n: number | undefined = resp.valueOf_;
const cls: errors.ApiErrorClass | undefined = errors.ERRORS["__proto__"] ?? errors.ERRORS["constructor"];
console.log(s, n, cls, errors.Proto.codeName, errors.Constructor.codeName, errors.ToString.codeName);
"""

MISUSE = """\
import { JsnamesClient } from "ksyun-sdk/jsnames/v2021-01-01";

const c = new JsnamesClient({ region: "cn-beijing-6" });
await c.createThing({ constructor: "c" });
await c.createThing({ toString: "t" });
await c.createThing({ valueOf_: "1" });
"""


def _tsc(*args: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["node", str(TSC), *map(str, args)], capture_output=True, text=True,
                          cwd=cwd, timeout=240)


@needs_node
def test_the_package_compiles_with_strict_tsc(package: Path) -> None:
    done = _tsc("-p", package / "tsconfig.json", "--noEmit", "--strict", cwd=package)
    assert done.returncode == 0, done.stdout + done.stderr


@needs_node
def test_a_user_script_compiles_and_misuse_does_not(package: Path, tmp_path: Path) -> None:
    modules = tmp_path / "node_modules"
    modules.mkdir()
    (modules / "ksyun-sdk").symlink_to(package, target_is_directory=True)
    (tmp_path / "package.json").write_text('{"type": "module"}\n', encoding="utf-8")
    (tmp_path / "user.ts").write_text(USER, encoding="utf-8")
    (tmp_path / "misuse.ts").write_text(MISUSE, encoding="utf-8")
    (tmp_path / "tsconfig.json").write_text(json.dumps({
        "compilerOptions": {"target": "ES2022", "module": "NodeNext", "moduleResolution": "NodeNext",
                            "lib": ["ES2022", "DOM"], "strict": True, "types": [], "noEmit": True},
        "files": ["user.ts", "misuse.ts"],
    }), encoding="utf-8")
    done = _tsc("-p", tmp_path, cwd=tmp_path)
    output = done.stdout + done.stderr
    errors = {(m.group(1), int(m.group(2)))
              for m in re.finditer(r"^(\S+)\((\d+),\d+\): error TS", output, re.M)}
    assert errors == {("misuse.ts", 4), ("misuse.ts", 5), ("misuse.ts", 6)}, output


@needs_node
def test_calls_send_exactly_the_given_values(package: Path) -> None:
    env = {**os.environ, "KSYUN_TS_SDK": str(package), "KSYUN_TS_TOOLCHAIN": str(TOOLCHAIN)}
    done = subprocess.run(["node", "--test", "--test-reporter=tap", str(NODE_SUITE)],
                          capture_output=True, text=True, env=env, timeout=240)
    failed = [line for line in done.stdout.splitlines()
              if line.lstrip().startswith("not ok") and "# TODO" not in line]
    assert done.returncode == 0 and not failed, "\n".join(failed) + "\n" + done.stdout[-6000:] + done.stderr[-2000:]
    passed = re.search(r"^# pass (\d+)", done.stdout, re.M)
    assert passed and int(passed.group(1)) >= 12, done.stdout[-2000:]
