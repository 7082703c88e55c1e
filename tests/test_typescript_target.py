"""The TypeScript target's filters (names, types, escaping), its name checks,
the toolchain's one-line errors and the CLI doing every target by default."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from conftest import FIXTURES, GENERATED, SPEC, read_bytes_tree, run_cli

from generator.facts import error_class_base, own_errors
from generator.ir import Api, Field, Operation, Pagination, Parameter, Service, Shape, TypeRef
from generator.targets import TARGETS
from generator.targets.python import target as py_target
from generator.targets.typescript import target as ts


# -- names ----------------------------------------------------------------------------------------
@pytest.mark.parametrize(("wire", "name"), [
    ("ImageId", "imageId"), ("InstanceId", "instanceId"), ("HTTPStatus", "httpStatus"),
    ("Ipv6Support", "ipv6Support"), ("image_id", "imageId"), ("1stDisk", "field1stDisk"),
    ("名称", "名称"), ("class", "class"),
])
def test_camel(wire: str, name: str) -> None:
    assert ts.camel(wire) == name


def test_non_identifier_names_are_hashed_and_quoted() -> None:
    name = ts.camel("½")  # NFKC changes it: not kept as written
    assert name.startswith("field") and len(name) == len("field") + 8
    assert ts.camel("½") == name  # a pure function of the wire name
    item = Parameter("½", TypeRef("string"))
    assert ts.prop_key(item) == name


def test_pinned_name_wins() -> None:
    assert ts.prop_name(Parameter("options", TypeRef("string"), target_name="options_param")) == "optionsParam"


def test_type_and_error_class_names() -> None:
    assert ts.type_name("image-snapshot") == "ImageSnapshot"
    assert ts.type_name("Record") == "Record_" and ts.type_name("Promise") == "Promise_"
    assert ts.type_name("1st") == "M1st"
    assert ts.error_class("InvalidParameter.Foo") == "InvalidParameterFoo"
    assert ts.error_class("1stError") == "Error1stError"
    assert ts.error_class("ApiError") == "ApiError_"  # would clash with the base class


def test_error_class_names_are_shared_with_python() -> None:
    for code in ("ImageIdInvalidParameterValue", "Thing.NotFound", "1stError", "LimitExceeded"):
        assert ts.error_class(code) == py_target.error_class(code) == error_class_base(code)


def test_method_names() -> None:
    assert ts.method_name("DescribeImages") == "describeImages"
    assert ts.method_name("ToString") == "toString_"  # a member every client has
    assert ts.paginate_name("DescribeInstances") == "paginateDescribeInstances"
    assert ts.version_dir("2016-03-04") == "v2016-03-04"


# -- types ----------------------------------------------------------------------------------------
def test_ts_types() -> None:
    assert ts.ts_type(TypeRef("integer")) == "number"
    assert ts.ts_type(TypeRef("any")) == "unknown"
    assert ts.ts_type(TypeRef("array", item=TypeRef("shape", shape="Image")), "types.") == "readonly types.Image[]"
    assert ts.ts_type(TypeRef("string", enum=("fast", "slow"))) == '"fast" | "slow"'
    assert ts.ts_type(TypeRef("array", item=TypeRef("integer", enum=(1, 2)))) == "readonly (1 | 2)[]"


def test_type_specs() -> None:
    assert ts.type_spec(TypeRef("array", item=TypeRef("shape", shape="Image"))) == "{ list: { shape: () => Image } }"
    assert ts.type_spec(TypeRef("string", enum=("a",))) == '{ oneOf: ["a"], base: "string" }'
    assert ts.field_spec(Field("ImageId", TypeRef("string"), required=True)) == \
        '{ name: "imageId", wire: "ImageId", type: "string", required: true }'


def test_type_specs_carry_every_constraint() -> None:
    number = TypeRef("integer", constraints=(("exclusiveMinimum", 0), ("maximum", 10)))
    assert ts.type_spec(number) == '{ base: "integer", exclusiveMinimum: 0, maximum: 10 }'
    text = TypeRef("string", constraints=(("maxLength", 4), ("pattern", '^"a\\d'),))
    assert ts.type_spec(text) == '{ base: "string", maxLength: 4, pattern: "^\\"a\\\\d" }'
    listed = TypeRef("array", item=TypeRef("string", enum=("x",), constraints=(("minLength", 1),)),
                     constraints=(("maxItems", 2), ("minItems", 1)))
    assert ts.type_spec(listed) == \
        '{ list: { oneOf: ["x"], base: "string", minLength: 1 }, maxItems: 2, minItems: 1 }'


def test_response_lists_are_not_optional() -> None:
    listed = Field("Tags", TypeRef("array", item=TypeRef("string")))
    assert ts.optional_mark(listed, response=True) == ""
    assert ts.optional_mark(listed) == "?"  # a request's list is the caller's to leave out
    assert ts.optional_mark(Field("Name", TypeRef("string")), response=True) == "?"


# -- escaping -------------------------------------------------------------------------------------
def test_ts_string_cannot_be_broken_out_of() -> None:
    nasty = 'a"b\\c\nd\u2028e</script>${x}`'
    literal = ts.ts_string(nasty)
    assert json.loads(literal.replace("\\u2028", "\u2028")) == nasty
    assert "\n" not in literal and "\u2028" not in literal


def test_doc_comment_cannot_close_early_or_start_tags() -> None:
    block = ts.doc_comment("ends */ here @throws {@link x}\nsecond \\ line")
    assert block.count("*/") == 1 and block.rstrip().endswith("*/")
    assert "\\@throws" in block and "\\{\\@link x\\}" in block and "\\\\ line" in block
    assert ts.doc_comment("") == ""
    assert ts.doc_comment("one") == "/** one */\n"


def test_doc_para_keeps_the_block_prefix() -> None:
    assert ts.doc_para("one */\ntwo @x\n") == "one *\\/\n * two \\@x"


def test_md_text_is_one_inert_table_cell() -> None:
    assert ts.md_text("a|b <x>\n*y* `z` \\") == "a\\|b \\<x\\> \\*y\\* \\`z\\` \\\\"


def test_package_json_has_one_subpath_per_service_version_and_no_dependencies(api: Api) -> None:
    data = json.loads(ts.package_json(api))
    assert data["name"] == "ksyun-sdk" and data["type"] == "module"
    assert data["exports"]["./kec/v2016-03-04"] == {
        "types": "./dist/kec/v2016-03-04/index.d.ts", "default": "./dist/kec/v2016-03-04/index.js"}
    assert "dependencies" not in data


def test_paging_literal_uses_the_generated_names() -> None:
    op = Operation("DescribeInstances", "GET", parameters=(
        Parameter("Marker", TypeRef("integer")), Parameter("MaxResults", TypeRef("integer"))),
        response="R", pagination=Pagination(
            style="marker", items="InstancesSet", input_token="Marker", output_token="",
            limit="MaxResults", total="InstanceCount"))
    shape = Shape("R", fields=(Field("InstancesSet", TypeRef("array", item=TypeRef("string"))),
                               Field("InstanceCount", TypeRef("integer"))))
    service = Service("kec", "2016-03-04", operations=(op,), shapes=(shape,))
    assert ts.paging_literal(op, service) == ('{ style: "marker", items: "instancesSet", inputToken: "marker", '
                                              'outputToken: "", limit: "maxResults", total: "instanceCount" }')
    assert ts.paging_item_type(op, service) == "string"


# -- checks ---------------------------------------------------------------------------------------
def test_two_wire_names_with_one_camel_name_are_a_problem() -> None:
    shape = Shape("S", fields=(Field("ImageId", TypeRef("string")), Field("image_id", TypeRef("string"))))
    service = Service("kec", "1", shapes=(shape,))
    problems = ts.check_names(Api(services=(service,)))
    assert len(problems) == 1 and "both become the TypeScript name 'imageId'" in problems[0].message


def test_own_errors_are_shared(api: Api, kec: Service) -> None:
    codes = [e.code for e in own_errors(kec, api)]
    assert "ImageIdInvalidParameterValue" in codes and "ServiceUnavailable" not in codes


# -- the toolchain --------------------------------------------------------------------------------
def test_missing_node_is_one_line_and_writes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KSYUN_CODEGEN_NO_CACHE", "1")
    monkeypatch.setattr(ts.shutil, "which", lambda name: None)
    code, out, err = run_cli("generate", "--spec", SPEC, "--out", tmp_path / "out", "--target", "typescript")
    assert code == 2
    assert err.splitlines() == [
        "ksyun-codegen: the typescript target needs Node.js 20 or later on PATH, "
        "then `npm ci --prefix templates/typescript/toolchain`"]
    assert not (tmp_path / "out").exists()


def test_missing_tools_name_the_install_command(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KSYUN_CODEGEN_NO_CACHE", "1")
    monkeypatch.setattr(ts, "TOOLCHAIN", tmp_path / "toolchain")
    (tmp_path / "toolchain").mkdir()
    for name in ("package-lock.json", "build.mjs"):  # the tools themselves (node_modules) are missing
        shutil.copy(ts.TEMPLATES / "typescript" / "toolchain" / name, tmp_path / "toolchain")
    code, _out, err = run_cli("generate", "--spec", SPEC, "--out", tmp_path / "out", "--target", "typescript")
    assert code == 2
    assert len(err.splitlines()) == 1 and "needs typescript 5.9.3 (found no typescript)" in err
    assert "npm ci --prefix templates/typescript/toolchain" in err


# -- the CLI --------------------------------------------------------------------------------------
def test_generate_and_check_without_target_do_every_target(tmp_path: Path) -> None:
    out = tmp_path / "out"
    code, stdout, err = run_cli("generate", "--spec", SPEC, "--out", out)
    assert code == 0, err
    assert sorted(p.name for p in out.iterdir() if not p.name.startswith(".")) == sorted(TARGETS)
    assert {"python", "typescript"} <= set(TARGETS)
    assert read_bytes_tree(out / "typescript") == read_bytes_tree(GENERATED / "typescript")
    code, stdout, err = run_cli("check", "--spec", SPEC, "--out", out)
    assert code == 0 and stdout.count("is current") == len(TARGETS), stdout + err
    stale = out / "typescript" / "dist" / "kec" / "v2016-03-04" / "client.js"
    stale.write_text(stale.read_text(encoding="utf-8") + "// edited\n", encoding="utf-8")
    code, stdout, err = run_cli("check", "--spec", SPEC, "--out", out)
    assert code == 1
    assert "+++ " + (out / "typescript").as_posix() + "/dist/kec/v2016-03-04/client.js (fresh)" in stdout
    assert "python is current" in stdout


def test_generated_typescript_for_the_naming_fixture(tmp_path: Path) -> None:
    code, _out, err = run_cli("generate", "--spec", FIXTURES / "naming", "--out", tmp_path, "--target", "typescript")
    assert code == 0, err
    folder = tmp_path / "typescript" / "src" / "edge" / "v2021-02-03"
    assert sorted(p.name for p in folder.glob("_parts/*/types.ts")) == ["types.ts", "types.ts"]
    types = "".join(p.read_text(encoding="utf-8") for p in sorted(folder.glob("_parts/*/types.ts")))
    assert "readonly optionsParam?: string;" in types and "readonly 名称?: string;" in types
    assert '查询 """东西""" \\{\\{ x \\}\\}' in types


def test_a_new_action_adds_files_and_renames_nothing(tmp_path: Path) -> None:
    from ruamel.yaml import YAML

    spec = tmp_path / "spec"
    shutil.copytree(SPEC, spec)
    yaml = YAML()
    target = spec / "kec" / "2016-03-04.yaml"
    doc = yaml.load(target.read_text(encoding="utf-8"))
    new = yaml.load(yaml_dump(yaml, doc["paths"]["/#Action=StartInstances"]))
    new["get"]["operationId"] = "WakeInstances"
    for p in new["get"]["parameters"]:
        if p["name"] == "Action":
            p["schema"]["enum"] = ["WakeInstances"]
    doc["paths"]["/#Action=WakeInstances"] = new
    with target.open("w", encoding="utf-8") as fh:
        yaml.dump(doc, fh)
    code, _out, err = run_cli("generate", "--spec", spec, "--out", tmp_path / "out", "--target", "typescript")
    assert code == 0, err
    def methods(root: Path) -> dict[str, str]:  # the client's parts (_parts/<verb>/client.ts)
        folder = root / "src" / "kec" / "v2016-03-04"
        return {p.parent.name: p.read_text(encoding="utf-8") for p in folder.glob("_parts/*/client.ts")}

    client, committed = methods(tmp_path / "out" / "typescript"), methods(GENERATED / "typescript")
    assert "wakeInstances(" in client["wake"] and "wake" not in committed
    assert {k: v for k, v in client.items() if k != "wake"} == committed  # no other part moves
    assert "runInstances(" in client["run"] and "describeImages(" in client["describe"]
    aggregate = (tmp_path / "out" / "typescript" / "src" / "kec" / "v2016-03-04" / "client.ts").read_text(encoding="utf-8")
    assert "KecClientWake" in aggregate and "KecClientRun" in aggregate


def yaml_dump(yaml: Any, node: Any) -> str:
    """*node* as YAML text (a deep copy of a ruamel node, through text)."""
    import io

    out = io.StringIO()
    yaml.dump(node, out)
    return out.getvalue()


def test_an_error_module_imports_the_bases_its_classes_extend() -> None:
    from generator.ir import ErrorCode
    from generator.targets.typescript.target import error_base, error_bases

    plain, throttled = ErrorCode("InvalidImage", 400), ErrorCode("Throttling", 400, throttling=True)
    assert (error_base(plain), error_base(throttled)) == ("ApiError", "ThrottlingError")
    assert error_bases([throttled, plain, plain]) == ["ApiError", "ThrottlingError"]
    assert error_bases([throttled]) == ["ThrottlingError"]
    assert error_bases([]) == []
