"""Bad specs: one ``FILE:LINE: message`` line per problem, exit 2, no traceback,
and the output folder left exactly as it was.

Each case edits a copy of tests/fixtures/minimal (a small valid spec) by
replacing one piece of text, so the case shows what changed.
"""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import FIXTURES, read_bytes_tree, run_cli

MINIMAL = FIXTURES / "minimal"
SERVICE = "spec/demo/2020-01-01.yaml"
MINIMAL_TEXT = (MINIMAL / "demo" / "2020-01-01.yaml").read_text(encoding="utf-8")
LINE_RE = re.compile(r"^(?P<file>[^:\s]+(?:\.yaml)?):(?P<line>\d+): (?P<message>.+)$")
POINTER_RE = re.compile(r"^(?P<file>[^:\s]+): (?P<pointer>/\S*): (?P<message>.+)$")


def line_of(text: str, needle: str, occurrence: int = 1) -> int:
    pos = -1
    for _ in range(occurrence):
        pos = text.index(needle, pos + 1)
    return text[:pos].count("\n") + 1


@dataclass
class Case:
    old: str  # text of the valid fixture...
    new: str  # ...replaced by this
    message: str  # expected in the problem's message
    at: str  # the problem's line: where this text first is, from the edit on


CASES: dict[str, Case] = {
    "yaml-syntax-error": Case(
        "summary: 查询东西", "summary: [查询东西",
        # the parser notices at the next ':'; the message names where '[' opened
        f"YAML syntax error: while parsing a flow sequence (started at line "
        f"{line_of(MINIMAL_TEXT, 'summary: ')})", "parameters:"),
    "dangling-ref-in-file": Case(
        '$ref: "#/components/schemas/Thing"', '$ref: "#/components/schemas/Thingy"',
        "dangling $ref '#/components/schemas/Thingy': nothing at '/components/schemas/Thingy'",
        "$ref"),
    "dangling-ref-to-missing-file": Case(
        '$ref: "../common.yaml#/components/responses/Error"',
        '$ref: "../nothere.yaml#/components/responses/Error"',
        "dangling $ref '../nothere.yaml#/components/responses/Error': no file '../nothere.yaml'",
        "$ref"),
    "unknown-type": Case(
        "          type: integer", "          type: strin",
        "unknown type 'strin' (did you mean string?) (expected one of: string, integer, number, "
        "boolean, array, object)",
        "type: strin"),
    "missing-operationId": Case(
        "    get:\n      operationId: DescribeThings\n", "    get:\n",
        "operation has no operationId", "get:"),
    "duplicate-action": Case(
        "components:\n  schemas:\n",
        "  /#Action=DescribeThingsAgain:\n"
        "    get:\n"
        "      operationId: DescribeThings\n"
        "      parameters:\n"
        "        - {name: Action, in: query, required: true, schema: {type: string, enum: [DescribeThings]}}\n"
        "        - {name: Version, in: query, required: true, schema: {type: string, enum: ['2020-01-01']}}\n"
        "      responses:\n"
        "        '200':\n"
        "          description: OK\n"
        "          content: {application/json: {schema: {$ref: '#/components/schemas/Thing'}}}\n"
        "components:\n  schemas:\n",
        f"duplicate action 'DescribeThings' (first at line {line_of(MINIMAL_TEXT, '    get:')})",
        "get:"),
    "duplicate-path-key": Case(
        "components:\n  schemas:\n",
        "  /#Action=DescribeThings:\n"
        "    post:\n"
        "      operationId: DescribeThings\n"
        "components:\n  schemas:\n",
        'YAML: duplicate key "/#Action=DescribeThings"', "/#Action=DescribeThings"),
    "duplicate-error-code": Case(
        "          description: 东西正忙\n",
        "          description: 东西正忙\n"
        "        - code: ThingNotFound\n"
        "          httpStatus: 404\n",
        "duplicate error code 'ThingNotFound' "
        f"(first at line {line_of(MINIMAL_TEXT, '- code: ThingNotFound')})",
        "- code: ThingNotFound"),
    "action-not-pinned": Case(
        "          schema:\n            type: string\n            enum: [DescribeThings]",
        "          schema:\n            type: string\n            enum: [DescribeStuff]",
        "parameter Action must be pinned to 'DescribeThings'", "schema:"),
    "action-without-enum": Case(
        "          schema:\n            type: string\n            enum: [DescribeThings]\n",
        "          schema:\n            type: string\n",
        "parameter Action must be pinned to 'DescribeThings'", "schema:"),
    "wrong-path-key": Case(
        "  /#Action=DescribeThings:", "  /things:",
        "path key '/things' does not match operationId: expected '/#Action=DescribeThings'",
        "/things"),
    "field-names-collide": Case(
        "        Size:\n",
        "        type:\n          type: string\n        Size:\n",
        "fields of Thing: 'type' and 'Type' both become the Go name 'Type'; "
        "pin one with x-ksyun-name", "type:"),
    "header-parameter": Case(
        "        - name: ThingId\n          in: query",
        "        - name: ThingId\n          in: header",
        "parameter 'ThingId' is in 'header'", "in: header"),
    "key-read-as-boolean": Case(
        "        Size:\n", "        yes:\n          type: string\n        Size:\n",
        'YAML: the key \'yes\' reads as True; quote it ("yes")', "yes:"),
    "key-read-as-null": Case(
        "        Size:\n", "        ~:\n          type: string\n        Size:\n",
        "YAML: the key '~' reads as None", "~:"),
    "enum-value-of-another-type": Case(
        "          type: integer\n", "          type: integer\n          enum: [1, two]\n",
        "enum value 'two' is not of type integer", "enum:"),
    "server-url-not-http": Case(
        "  - url: https://demo.api.ksyun.com", '  - url: "https://demo.api.ksyun.com\\"\\n"',
        "servers[0].url must be an http(s) URL", "url:"),
    "misspelled-extension-on-operation": Case(
        "      summary: 查询东西\n", "      summary: 查询东西\n      x-ksyun-idempotnet: false\n",
        "unknown extension x-ksyun-idempotnet (did you mean x-ksyun-idempotent?)", "x-ksyun-idem"),
    "misspelled-extension-on-parameter": Case(
        "          description: 东西的ID。\n",
        "          description: 东西的ID。\n          x-ksyun-not-found-eror: ThingNotFound\n",
        "unknown extension x-ksyun-not-found-eror (did you mean x-ksyun-not-found-error?)",
        "x-ksyun-not-found-eror"),
    "extension-of-the-wrong-type": Case(
        "      summary: 查询东西\n", '      summary: 查询东西\n      x-ksyun-idempotent: "no"\n',
        "x-ksyun-idempotent must be true or false, got 'no'", "x-ksyun-idem"),
    "extension-in-the-wrong-place": Case(
        "          description: 东西的ID。\n",
        "          description: 东西的ID。\n          x-ksyun-idempotent: true\n",
        "x-ksyun-idempotent does not belong here; it goes on an operation (`get`/`post`)",
        "x-ksyun-idem"),
    "pagination-key-misspelled": Case(
        "      summary: 查询东西\n",
        "      summary: 查询东西\n      x-ksyun-pagination: {style: marker, itmes: Things}\n",
        "x-ksyun-pagination: unknown key 'itmes' (did you mean items?)", "x-ksyun-pagination"),
    "misspelled-paths": Case(
        "paths:\n", "pathz:\n", "unknown key 'pathz' at the top level (did you mean paths?)",
        "pathz:"),
    "misspelled-operation-key": Case(
        "      summary: 查询东西\n", "      sumary: 查询东西\n",
        "unknown key 'sumary' here (did you mean summary?)", "sumary:"),
    "delete-method": Case(
        "    get:\n      operationId: DescribeThings", "    delete:\n      operationId: DescribeThings",
        "method 'delete': KSYUN actions are called with GET or POST", "delete:"),
}


@pytest.fixture
def workdir(tmp_path: Path) -> Path:
    shutil.copytree(MINIMAL, tmp_path / "spec")
    out = tmp_path / "out"
    (out / "python").mkdir(parents=True)
    (out / "sentinel.txt").write_bytes(b"keep me\n")
    (out / "python" / "old.py").write_bytes(b"# generated before\n")
    return tmp_path


def edit(workdir: Path, case: Case) -> int:
    """Apply *case* to the copy; the expected line of the problem."""
    path = workdir / SERVICE
    text = path.read_text(encoding="utf-8")
    assert text.count(case.old) == 1, f"{case.old!r} must occur once in the fixture"
    start = text.index(case.old)
    edited = text.replace(case.old, case.new)
    path.write_text(edited, encoding="utf-8")
    return edited[: edited.index(case.at, start)].count("\n") + 1


def run_failing(workdir: Path, *command: str) -> list[str]:
    before = read_bytes_tree(workdir / "out")
    code, _stdout, stderr = run_cli(*command, "--spec", "spec", *(
        ["--out", "out"] if command[0] != "validate" else []), cwd=workdir)
    assert code == 2, stderr
    assert "Traceback" not in stderr
    assert read_bytes_tree(workdir / "out") == before, "the output folder changed"
    assert sorted(p.name for p in workdir.iterdir()) == ["out", "spec"], "leftovers beside out/"
    lines = stderr.splitlines()
    assert lines[-1].startswith("ksyun-codegen: ")
    # only a command that writes says it wrote nothing
    assert ("nothing was written" in lines[-1]) == (command[0] == "generate"), lines[-1]
    for line in lines[:-1]:
        assert LINE_RE.match(line) or POINTER_RE.match(line), f"not FILE:LINE: message: {line!r}"
    return lines[:-1]


def test_the_fixture_itself_is_valid(workdir: Path) -> None:
    code, out, err = run_cli("generate", "--spec", "spec", "--out", "out", cwd=workdir)
    assert code == 0, err
    files = read_bytes_tree(workdir / "out" / "python")
    assert "ksyun_sdk/demo/v2020_01_01/client.py" in files
    # old.py was not written by the generator (no manifest lists it): it is kept
    assert (workdir / "out" / "python" / "old.py").read_bytes() == b"# generated before\n"


@pytest.mark.parametrize("name", sorted(CASES))
@pytest.mark.parametrize("command", ["generate", "check", "validate"])
def test_bad_spec(workdir: Path, name: str, command: str) -> None:
    case = CASES[name]
    line = edit(workdir, case)
    problems = run_failing(workdir, command)
    wanted = [p for p in problems if case.message in p]
    assert wanted, f"no problem says {case.message!r}; got {problems}"
    m = LINE_RE.match(wanted[0])
    assert m is not None, wanted[0]
    assert m["file"] == SERVICE
    assert int(m["line"]) == line, wanted[0]


# Found by the target's naming check, which runs at generate time, after validation.
VALIDATE_CASES = sorted(name for name in CASES if name != "field-names-collide")


@pytest.mark.parametrize("name", VALIDATE_CASES)
def test_each_problem_is_reported_once_in_words(workdir: Path, name: str) -> None:
    """One line for one mistake: no raw validator dump, no second report of it."""
    edit(workdir, CASES[name])
    problems = run_failing(workdir, "validate")
    # a copied path item with one name changed: a wrong path key and a second DescribeThings
    assert len(problems) == (2 if name == "duplicate-action" else 1), problems
    assert "Failed validating" not in problems[0] and "On instance" not in problems[0]


def test_duplicate_parameters_in_three_operations(workdir: Path) -> None:
    """Each duplicate is reported once, at the second parameter of its operation."""
    path = workdir / SERVICE
    text = path.read_text(encoding="utf-8")
    start, end = text.index("  /#Action=DescribeThings:"), text.index("components:")
    item = text[start:end]
    action_param = ("        - name: Action\n          in: query\n          required: true\n"
                    "          schema:\n            type: string\n"
                    "            enum: [DescribeThings]\n")
    assert action_param in item
    item = item.replace(action_param, action_param * 2)
    items = [item.replace("=DescribeThings:", f"={name}:").replace(
        "operationId: DescribeThings", f"operationId: {name}").replace(
        "enum: [DescribeThings]", f"enum: [{name}]")
        for name in ("DescribeThings", "ListThings", "GetThings")]
    path.write_text(text[:start] + "".join(items) + text[end:], encoding="utf-8")
    edited = path.read_text(encoding="utf-8")
    problems = run_failing(workdir, "validate")
    expected = []
    for name in ("DescribeThings", "ListThings", "GetThings"):
        second = line_of(edited, f"            enum: [{name}]\n", 2) - 5
        expected.append(f"{SERVICE}:{second}: duplicate parameter 'Action'")
    assert sorted(problems) == sorted(expected)


def test_collision_is_resolved_with_x_ksyun_name(workdir: Path) -> None:
    edit(workdir, Case("        Size:\n",
                       "        type:\n          type: string\n          x-ksyun-name: kind\n"
                       "        Size:\n", "", "type:"))
    code, _out, err = run_cli("generate", "--spec", "spec", "--out", "out", cwd=workdir)
    assert code == 0, err
    thing = (workdir / "out/python/ksyun_sdk/demo/v2020_01_01/models/shapes/thing.py").read_text()
    flat = _squash(thing)  # however black wraps the lines
    assert _squash('kind: str | None = Field(default=None, validation_alias="type", serialization_alias="type")') in flat
    assert _squash('type_: str | None = Field(default=None, validation_alias="Type", serialization_alias="Type", '
                   'description="东西的类型")') in flat


def _squash(code: str) -> str:
    return "".join(code.split()).replace(",)", ")")


def test_several_problems_are_all_reported(workdir: Path) -> None:
    edit(workdir, CASES["unknown-type"])
    edit(workdir, CASES["header-parameter"])
    problems = run_failing(workdir, "generate")
    assert any("unknown type 'strin'" in p for p in problems)
    assert any("is in 'header'" in p for p in problems)


def test_no_service_spec_is_reported_without_a_line(workdir: Path) -> None:
    shutil.rmtree(workdir / "spec" / "demo")
    problems = run_failing(workdir, "generate")
    assert problems == ["spec: /: no service specs (<service>/<version>.yaml)"]


def test_missing_spec_folder(workdir: Path) -> None:
    code, _out, err = run_cli("generate", "--spec", "nowhere/", "--out", "out", cwd=workdir)
    assert code == 2
    assert err.splitlines() == ["nowhere: no such folder"]
    assert "Traceback" not in err


@pytest.mark.parametrize("bad", [b"\xff\xfe not utf-8\n", b"- just\n- a list\n"])
def test_unreadable_or_wrong_document(workdir: Path, bad: bytes) -> None:
    (workdir / SERVICE).write_bytes(bad)
    problems = run_failing(workdir, "generate")
    assert problems and all(p.startswith(SERVICE) for p in problems)



def test_alias_bomb_is_refused(workdir: Path) -> None:
    """Nested aliases grow exponentially; the loader refuses them instead of hanging."""
    rows = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    rows += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]" for i in range(1, 8)]
    (workdir / SERVICE).write_text("\n".join(rows) + "\n", encoding="utf-8")
    problems = run_failing(workdir, "validate")
    assert len(problems) == 1
    assert "YAML: aliases of the anchor here expand the document by more than" in problems[0]
    assert LINE_RE.match(problems[0])


def test_a_few_aliases_are_fine(workdir: Path) -> None:
    edit(workdir, Case("        Size:\n          type: integer\n          example: 3\n",
                       "        Size: &count\n          type: integer\n          example: 3\n"
                       "        Count: *count\n", "", "Size:"))
    code, _out, err = run_cli("generate", "--spec", "spec", "--out", "out", cwd=workdir)
    assert code == 0, err
    thing = (workdir / "out/python/ksyun_sdk/demo/v2020_01_01/models/shapes/thing.py").read_text()
    assert _squash('count: int | None = Field(default=None, validation_alias="Count", '
                   'serialization_alias="Count")') in _squash(thing)
