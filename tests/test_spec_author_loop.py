"""The spec author's loop: edit, validate, read one line per mistake.

Every problem is reported once, as ``FILE:LINE: what was expected``, at the
line of the mistake; a misspelt key or name is named with the one it is
close to, instead of the errors it causes; an example must fit its schema;
``validate`` says what ``generate`` says; every command's --help says what it
does and shows an example.

Each case edits a copy of tests/fixtures/minimal; the expected lines are
written out by hand (the fixture's line numbers are in its file).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import FIXTURES, REPO, run_cli

SERVICE = "spec/demo/2020-01-01.yaml"

# Pieces of tests/fixtures/minimal/demo/2020-01-01.yaml that the cases replace.
THING_ID_PARAM = "          description: 东西的ID。\n          schema:\n            type: string\n"
SIZE = "        Size:\n          type: integer\n          example: 3\n"
THING_ID_PROP = "        ThingId:\n          type: string\n          example: t-1\n"


@pytest.fixture
def workdir(tmp_path: Path) -> Path:
    shutil.copytree(FIXTURES / "minimal", tmp_path / "spec")
    return tmp_path


def edit(workdir: Path, old: str, new: str) -> None:
    path = workdir / SERVICE
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} must occur once in the fixture"
    path.write_text(text.replace(old, new), encoding="utf-8")


def problems(workdir: Path, command: str = "validate") -> list[str]:
    """The problem lines of a failing *command* (no traceback, exit 2)."""
    extra = ["--out", "out"] if command != "validate" else []
    code, _out, err = run_cli(command, "--spec", "spec", *extra, cwd=workdir)
    assert code == 2, err
    assert "Traceback" not in err
    lines = err.splitlines()
    assert lines[-1].startswith("ksyun-codegen: "), lines
    return lines[:-1]


# ---- 1. a problem is reported once, at its line -------------------------------------------------

@pytest.mark.parametrize(("old", "new", "expected"), [
    # in a parameter's schema: the validator's own words came on a second line, without one
    (THING_ID_PARAM, THING_ID_PARAM.replace("type: string", "type: integr"),
     "32: unknown type 'integr' (did you mean integer?) "
     "(expected one of: string, integer, number, boolean, array, object)"),
    (THING_ID_PARAM, THING_ID_PARAM.replace("type: string", "type: int"),
     "32: unknown type 'int' (expected one of: string, integer, number, boolean, array, object)"),
    (THING_ID_PARAM, THING_ID_PARAM + '            maxLength: "64"\n',
     "33: maxLength must be a number, got '64'"),
    # a list's items inside a parameter's schema
    (THING_ID_PARAM, THING_ID_PARAM.replace("type: string", "type: array\n            items:\n"
                                            "              type: integr"),
     "34: unknown type 'integr' (did you mean integer?) "
     "(expected one of: string, integer, number, boolean, array, object)"),
    # in a component's property, reached through a $ref
    (SIZE, SIZE.replace("type: integer", "type: string\n          minimum: \"64\""),
     "73: OpenAPI: '64' is not of type 'number'"),
])
def test_a_schema_problem_is_one_line_at_its_line(workdir: Path, old: str, new: str,
                                                  expected: str) -> None:
    edit(workdir, old, new)
    assert problems(workdir) == [f"{SERVICE}:{expected}"]


# ---- 2. an example must fit its schema ----------------------------------------------------------

@pytest.mark.parametrize(("old", "new", "expected"), [
    (SIZE, SIZE.replace("example: 3", "example: my-key"), "73: example 'my-key' is not an integer"),
    (SIZE, SIZE.replace("example: 3", "example: 2.5"), "73: example 2.5 is not an integer"),
    (SIZE, SIZE.replace("example: 3", "example: -1").replace("integer\n", "integer\n          minimum: 0\n"),
     "74: example -1 is below the minimum 0"),
    (THING_ID_PROP, THING_ID_PROP.replace("example", "maxLength: 2\n          example"),
     "68: example 't-1' is longer than maxLength 2"),
    (THING_ID_PROP, THING_ID_PROP.replace("example", "enum: [a, b]\n          example"),
     "68: example 't-1' is not one of the enum values ('a', 'b')"),
    (THING_ID_PROP, THING_ID_PROP.replace("example", "pattern: \"^i-\"\n          example"),
     "68: example 't-1' does not match the pattern '^i-'"),
    (THING_ID_PROP, THING_ID_PROP.replace("example: t-1", "example: yes"),
     "67: example True is not a string (YAML reads yes, no, on and off as true or false: quote it)"),
    # a parameter's own example, and its schema's examples
    (THING_ID_PARAM, THING_ID_PARAM.replace("          schema:", "          example: abc\n          schema:")
     .replace("type: string", "type: integer"), "31: example 'abc' is not an integer"),
    (THING_ID_PARAM, THING_ID_PARAM.replace("type: string", "type: boolean\n            examples:\n"
                                            "              - true\n              - maybe"),
     "35: example 'maybe' is not true or false"),
    # a property that is a $ref, and the schema it refers to
    (SIZE, '        Size:\n          $ref: "#/components/schemas/Count"\n          example: -1\n'
           "    Count:\n      type: integer\n      minimum: 0\n", "73: example -1 is below the minimum 0"),
    (SIZE, '        Size:\n          $ref: "#/components/schemas/Count"\n'
           "    Count:\n      type: integer\n      minimum: 0\n      example: -1\n",
     "76: example -1 is below the minimum 0"),
])
def test_an_example_that_does_not_fit_its_schema_is_an_error(workdir: Path, old: str, new: str,
                                                              expected: str) -> None:
    edit(workdir, old, new)
    assert problems(workdir) == [f"{SERVICE}:{expected}"]


@pytest.mark.parametrize(("old", "new"), [
    (SIZE, SIZE.replace("example: 3", 'example: "30"')),  # a number written as text reads as one
    (SIZE, SIZE.replace("example: 3", "example: 3.0")),
    (THING_ID_PROP, THING_ID_PROP.replace("example: t-1", "example: 12345")),  # text of digits
    (THING_ID_PROP, THING_ID_PROP.replace("example", "enum: [t-1, t-2]\n          example")),
])
def test_an_example_that_fits_is_fine(workdir: Path, old: str, new: str) -> None:
    edit(workdir, old, new)
    code, out, err = run_cli("validate", "--spec", "spec", cwd=workdir)
    assert (code, out, err) == (0, "ok: 1 service version(s), 1 action(s)\n", "")


# ---- 3. a misspelt key: named with what it is close to, instead of its knock-on errors ----------

@pytest.mark.parametrize(("old", "new", "expected"), [
    # JSON Schema ignores unknown keywords: today a schema "without a type"
    (SIZE, SIZE.replace("type:", "tpye:"), "72: unknown key 'tpye' here (did you mean type?)"),
    (THING_ID_PARAM, THING_ID_PARAM.replace("type:", "tpye:"),
     "32: unknown key 'tpye' here (did you mean type?)"),
    ("    Thing:\n      type: object\n", "    Thing:\n      type: object\n      requried: [ThingId]\n",
     "64: unknown key 'requried' here (did you mean required?)"),
    (SIZE, SIZE.replace("example:", "exmaple:"), "73: unknown key 'exmaple' here (did you mean example?)"),
    # today also "operation DescribeThings lacks the Action parameter" (and Version)
    ("      parameters:\n", "      paramters:\n",
     "14: unknown key 'paramters' here (did you mean parameters?)"),
    ("          required: false\n", "          requried: false\n",
     "29: unknown key 'requried' here (did you mean required?)"),
    # today also "parameter 'ThingId' has no schema"
    (THING_ID_PARAM, THING_ID_PARAM.replace("schema:", "shcema:"),
     "31: unknown key 'shcema' here (did you mean schema?)"),
    # today also "parameter 'ThingId' is in None" and the validator's crash, "OpenAPI: 'in'"
    ("        - name: ThingId\n          in: query\n", "        - name: ThingId\n          inn: query\n",
     "28: unknown key 'inn' here (did you mean in?)"),
    # today only every $ref into it, dangling
    ("components:\n", "componets:\n", "51: unknown key 'componets' at the top level (did you mean components?)"),
    ("  schemas:\n", "  schemaz:\n", "52: unknown key 'schemaz' here (did you mean schemas?)"),
])
def test_a_misspelt_key_is_named_instead_of_its_knock_on_errors(workdir: Path, old: str, new: str,
                                                                expected: str) -> None:
    edit(workdir, old, new)
    assert problems(workdir) == [f"{SERVICE}:{expected}"]


def test_a_misspelt_key_does_not_hide_other_problems(workdir: Path) -> None:
    edit(workdir, SIZE, SIZE.replace("type:", "tpye:"))
    edit(workdir, THING_ID_PROP, THING_ID_PROP.replace("type: string", "type: strin"))
    assert problems(workdir) == [
        f"{SERVICE}:66: unknown type 'strin' (did you mean string?) "
        "(expected one of: string, integer, number, boolean, array, object)",
        f"{SERVICE}:72: unknown key 'tpye' here (did you mean type?)",
    ]


def test_an_unknown_key_far_from_any_keyword_stays_allowed(workdir: Path) -> None:
    """JSON Schema allows annotations of one's own; only a near-keyword is a typo."""
    edit(workdir, SIZE, SIZE + "          unit: GB\n")
    code, _out, err = run_cli("validate", "--spec", "spec", cwd=workdir)
    assert code == 0, err


# ---- 4. a $ref to a missing name suggests the nearest one ---------------------------------------

@pytest.mark.parametrize(("old", "new", "expected"), [
    ('$ref: "#/components/schemas/Thing"', '$ref: "#/components/schemas/Thin"',
     "61: dangling $ref '#/components/schemas/Thin': nothing at '/components/schemas/Thin' "
     "(did you mean Thing?)"),
    ('$ref: "#/components/schemas/Thing"', '$ref: "#/components/shemas/Thing"',
     "61: dangling $ref '#/components/shemas/Thing': nothing at '/components/shemas/Thing' "
     "(did you mean schemas?)"),
    ('"../common.yaml#/components/responses/Error"', '"../common.yaml#/components/responses/Eror"',
     "41: dangling $ref '../common.yaml#/components/responses/Eror': nothing at "
     "'/components/responses/Eror' (did you mean Error?)"),
    ('"../common.yaml#/components/responses/Error"', '"../comon.yaml#/components/responses/Error"',
     "41: dangling $ref '../comon.yaml#/components/responses/Error': no file '../comon.yaml' "
     "(did you mean common.yaml?)"),
    # nothing near: no guess
    ('$ref: "#/components/schemas/Thing"', '$ref: "#/components/schemas/Zebra"',
     "61: dangling $ref '#/components/schemas/Zebra': nothing at '/components/schemas/Zebra'"),
    # the response's schema: today also "the 200 response schema must be an object with properties"
    ('$ref: "#/components/schemas/DescribeThingsResponse"',
     '$ref: "#/components/schemas/DescribeThingResponse"',
     "39: dangling $ref '#/components/schemas/DescribeThingResponse': nothing at "
     "'/components/schemas/DescribeThingResponse' (did you mean DescribeThingsResponse?)"),
])
def test_a_dangling_ref_suggests_the_nearest_name(workdir: Path, old: str, new: str,
                                                  expected: str) -> None:
    edit(workdir, old, new)
    assert problems(workdir) == [f"{SERVICE}:{expected}"]


# ---- 5. validate and generate report the same problems ------------------------------------------

CLASH = (f"{SERVICE}:71: fields of Thing: 'type' and 'Type' both become the Go name 'Type'; "
         "pin one with x-ksyun-name (they also become the Python name 'type_' and the TypeScript name 'type')")


@pytest.mark.parametrize("command", ["validate", "generate", "check"])
def test_a_name_clash_is_one_line_from_every_command(workdir: Path, command: str) -> None:
    """generate stopped at the first target's clash; validate gave one line per language."""
    edit(workdir, "        Size:\n", "        type:\n          type: string\n        Size:\n")
    assert problems(workdir, command) == [CLASH]


def test_generate_reports_every_target_s_problems_as_validate_does(workdir: Path) -> None:
    """generate stopped at the first target with a problem (python): the
    TypeScript clash came only after the Python one was fixed."""
    edit(workdir, '$ref: "#/components/schemas/Thing"', '$ref: "#/components/schemas/DescribeThingsRequest"')
    edit(workdir, "    Thing:\n", "    DescribeThingsRequest:\n")
    expected = [
        f"{SERVICE}:11: shape 'DescribeThingsRequest' clashes with the request model of DescribeThings",
        f"{SERVICE}:11: shapes 'DescribeThings (request)' and 'DescribeThingsRequest' both become "
        "the TypeScript name 'DescribeThingsRequest'; pin one with x-ksyun-name",
    ]
    assert problems(workdir, "generate") == expected
    assert problems(workdir, "validate") == expected
    assert problems(workdir, "check") == expected


# ---- 6. --help says what each command does, with an example -------------------------------------

@pytest.mark.parametrize(("command", "says", "example"), [
    ("generate", "write\nonly the files whose bytes change", "  ksyun-codegen generate\n"),
    ("check", "exit 0 when every file\nis current, 1 with a unified diff", "  ksyun-codegen check\n"),
    ("validate", "without rendering", "  ksyun-codegen validate\n"),
    ("mock", "Serve every action of the spec", "  ksyun-codegen mock --port 8080 --log\n"),
    ("export-doc", "Print one action of the spec as a KSYUN API doc page",
     "  ksyun-codegen export-doc --action DescribeImages\n"),
])
def test_help_says_what_the_command_does_with_an_example(command: str, says: str, example: str) -> None:
    code, out, err = run_cli(command, "--help", cwd=REPO)
    assert (code, err) == (0, "")
    assert says in out
    assert "\nexample:\n" in out and example in out.split("\nexample:\n", 1)[1]


def test_export_doc_says_which_service_has_the_action() -> None:
    code, out, err = run_cli("export-doc", "--action", "DescribeImages", "--service", "vpc", cwd=REPO)
    assert (code, out) == (2, "")
    assert err == "ksyun-codegen export-doc: no action DescribeImages in vpc; it is in kec 2016-03-04\n"


def test_export_doc_says_where_a_close_name_is() -> None:
    code, _out, err = run_cli("export-doc", "--action", "DescribeImage", "--service", "vpc", cwd=REPO)
    assert code == 2
    assert err == ("ksyun-codegen export-doc: no action DescribeImage in vpc; "
                   "did you mean DescribeImages (in kec 2016-03-04)?\n")
