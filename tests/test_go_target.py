"""The Go target's names and body writers, one small function at a time
(generator/targets/go/).  Expected values are written from the rules in the
modules' docstrings, not copied from output."""

from __future__ import annotations

import dataclasses
import subprocess
from pathlib import Path

import pytest
from conftest import FIXTURES, SPEC

from generator.ir import Api, ErrorCode, Field, Operation, Parameter, Service, Shape, Source, TypeRef
from generator.pipeline import load_api
from generator.targets.go import names
from generator.targets.go import target as go

S = TypeRef("string")
I = TypeRef("integer")


# -- names ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("wire, name", [
    ("ImageId", "ImageId"),
    ("image-snapshot", "ImageSnapshot"),
    ("instanceId", "InstanceId"),
    ("1stDisk", "X1stDisk"),
    ("名称", "X名称"),
    ("class", "Class"),
])
def test_exported_names(wire: str, name: str) -> None:
    assert names.exported(wire) == name


def test_a_name_with_nothing_to_keep_is_hashed_stably() -> None:
    a = names.exported("!!!")
    assert a.startswith("Field") and len(a) == len("Field") + 8
    assert names.exported("!!!") == a != names.exported("???")


def test_x_ksyun_name_pins_the_go_name() -> None:
    assert names.field_name(Parameter("options", S, target_name="options_param")) == "OptionsParam"


@pytest.mark.parametrize("code, runtime, name", [
    ("InvalidParameter.Malformed", False, "InvalidParameterMalformedError"),
    ("ImageIdInvalidParameterValue", False, "ImageIdInvalidParameterValueError"),
    ("1stError", False, "Error1stErrorError"),
    ("Validation", True, "ValidationAPIError"),  # would be the runtime's ValidationError
    ("Validation", False, "ValidationError"),  # a service package has no such type
    ("LimitExceeded", True, "LimitExceededError"),
])
def test_error_types(code: str, runtime: bool, name: str) -> None:
    assert names.error_type(code, runtime) == name


@pytest.mark.parametrize("value, const", [
    ("Local_SSD", "DiskTypeLocalSSD"),
    ("SSD3.0", "DiskTypeSSD30"),
    ("", "DiskTypeEmpty"),
    (-1, "DiskTypeMinus1"),
    (2.5, "DiskType2_5"),
    (True, "DiskTypeTrue"),
])
def test_enum_constants(value: object, const: str) -> None:
    assert names.enum_const("DiskType", value) == const


@pytest.mark.parametrize("version, folder", [("2016-03-04", "v20160304"), ("V1", "v1"), ("v2", "v2")])
def test_version_folders(version: str, folder: str) -> None:
    assert names.version_dir(version) == folder


@pytest.mark.parametrize("service, package", [("kec", "kec"), ("go", "go_"), ("ksyun", "ksyun_"),
                                              ("vpc-ext", "vpcext")])
def test_package_names(service: str, package: str) -> None:
    assert names.package_name(service) == package


# -- literals and comments -----------------------------------------------------------------------
@pytest.mark.parametrize("text, literal", [
    ('say "hi"', '"say \\"hi\\""'),
    ("back\\slash", '"back\\\\slash"'),
    ("two\nlines\ttab", '"two\\nlines\\ttab"'),
    ("\ufeffbom", '"\\ufeffbom"'),
    ("line\u2028sep", '"line\\u2028sep"'),
    ("lone\ud800", '"lone\\ufffd"'),
    ("镜像 `x`", '"镜像 `x`"'),
])
def test_go_string(text: str, literal: str) -> None:
    assert go.go_string(text) == literal


def test_comment_text_keeps_no_character_go_refuses() -> None:
    assert go.comment_text("a\x00b\ufeffc\rd") == "a\\u0000b\\ufeffcd"
    assert go.comment_text('Demo """\nimport os') == 'Demo """ import os'  # one line, whatever it holds
    assert go.doc_comment("one\n\ntwo", 1) == "\t// one\n\t//\n\t// two\n"
    assert go.doc_comment("") == ""


# -- bodies --------------------------------------------------------------------------------------
def member(name: str, t: TypeRef, required: bool = False, request: bool = True, owner: str = "Run") -> go.Member:
    return go.Member(Parameter(name, t, required=required), owner, request)


def test_encode_an_optional_and_a_required_scalar() -> None:
    assert go.encode_lines(member("ImageId", S)) == [
        "if s.ImageId != nil {", '\tp.String(prefix + "ImageId", *s.ImageId)', "}"]
    assert go.encode_lines(member("MaxCount", I, required=True)) == [
        'p.Int(prefix + "MaxCount", int64(s.MaxCount))']


def test_encode_lists_number_from_one_and_nest_objects_with_dots() -> None:
    disks = TypeRef("array", item=TypeRef("shape", shape="Disk"))
    assert go.encode_lines(member("DataDisk", disks)) == [
        "for i0, v0 := range s.DataDisk {",
        '\tv0.encode(p, prefix + "DataDisk." + strconv.Itoa(i0+1) + ".")',
        "}"]
    nested = TypeRef("array", item=TypeRef("array", item=S))
    assert go.encode_lines(member("Value", nested)) == [
        "for i0, v0 := range s.Value {",
        "\tfor i1, v1 := range v0 {",
        '\t\tp.String(prefix + "Value." + strconv.Itoa(i0+1) + "." + strconv.Itoa(i1+1), v1)',
        "\t}",
        "}"]
    assert go.encode_lines(member("SystemDisk", TypeRef("shape", shape="Disk"))) == [
        "if s.SystemDisk != nil {", '\ts.SystemDisk.encode(p, prefix + "SystemDisk.")', "}"]


def test_an_optional_string_enum_is_a_value_sent_when_set() -> None:
    m = member("Mode", TypeRef("string", enum=("A", "B")))
    assert m.go_type == "RunMode" and not m.pointer
    assert go.encode_lines(m) == ['if s.Mode != "" {', '\tp.String(prefix + "Mode", string(s.Mode))', "}"]


def test_validate_checks_rules_and_required_lists() -> None:
    limited = TypeRef("integer", constraints=(("maximum", 1000), ("minimum", 5)))
    assert go.validate_lines(member("MaxResults", limited)) == [
        "if s.MaxResults != nil {",
        '\tv.Int(path + "MaxResults", int64(*s.MaxResults), ruleRun_MaxResults)',
        "}"]
    assert go.rule_literal(limited) == "&ksyun.NumberRule{Minimum: ksyun.Float64(5), Maximum: ksyun.Float64(1000)}"
    ids = TypeRef("array", item=S, constraints=(("maxItems", 3),))
    assert go.validate_lines(member("InstanceId", ids, required=True)) == [
        "if s.InstanceId == nil {",
        '\tv.Missing(path + "InstanceId")',
        "} else {",
        '\tv.Items(path + "InstanceId", len(s.InstanceId), ruleRun_InstanceIdItems)',
        "}"]
    assert go.validate_lines(member("Name", S)) == []  # nothing to check


def test_string_rules_carry_pattern_and_enum() -> None:
    t = TypeRef("string", enum=("a\"b",), constraints=(("maxLength", 8), ("pattern", "^x\\d$")))
    assert go.rule_literal(t) == ('&ksyun.StringRule{MaxLength: ksyun.Int(8), Pattern: ksyun.NewPattern("^x\\\\d$"), '
                                  'Enum: []string{"a\\"b"}}')


def test_decode_lines_read_every_member_leniently() -> None:
    assert go.decode_line(member("RequestId", S, request=False)) == \
        's.RequestId = ksyun.Field(d, m, "RequestId", false, ksyun.AsString)'
    images = TypeRef("array", item=TypeRef("shape", shape="Image"))
    assert go.decode_line(member("ImagesSet", images, request=False)) == \
        's.ImagesSet = ksyun.Value(d, m, "ImagesSet", false, ksyun.ListOf(decodeImage))'
    state = member("State", TypeRef("string", enum=("on",)), request=False, owner="Instance")
    assert go.decode_line(state) == 's.State = ksyun.Value(d, m, "State", false, decodeInstanceState)'


def test_json_tags_only_where_a_tag_can_hold_the_name() -> None:
    assert go.json_tag(member("ImageId", S)) == ' `json:"ImageId,omitempty"`'
    assert go.json_tag(member("名称", S)) == ' `json:"名称,omitempty"`'
    assert go.json_tag(member("a,b", S)) == ""
    assert go.json_tag(member('a"b', S)) == ""


# -- checks --------------------------------------------------------------------------------------
def _service(*shapes: Shape, ops: tuple[Operation, ...] = ()) -> Api:
    return Api(services=(Service("demo", "2020-01-01", operations=ops, shapes=shapes),))


def test_two_fields_with_one_go_name_are_an_error() -> None:
    shape = Shape("Thing", fields=(Field("image-id", S, source=Source("demo.yaml", 7)),
                                   Field("ImageId", S, source=Source("demo.yaml", 9))))
    op = Operation("DescribeThing", "GET", response="Thing")
    problems = go.check_names(_service(shape, ops=(op,)))
    assert [(p.line, p.message) for p in problems] == [
        (9, "fields of Thing: 'ImageId' and 'image-id' both become the Go name 'ImageId'; "
            "pin one with x-ksyun-name")]


def test_a_shape_named_like_an_actions_input_is_an_error() -> None:
    taken = Shape("DescribeThingInput", fields=(Field("X", S),))
    resp = Shape("DescribeThingResponse", fields=(Field("Y", TypeRef("shape", shape="DescribeThingInput")),))
    op = Operation("DescribeThing", "GET", response="DescribeThingResponse")
    messages = [p.message for p in go.check_names(_service(taken, resp, ops=(op,)))]
    assert any("both become the Go name 'DescribeThingInput'" in m for m in messages), messages


def test_a_pattern_re2_cannot_run_is_an_error() -> None:
    p = Parameter("Name", TypeRef("string", constraints=(("pattern", "^(?!x)"),)), source=Source("d.yaml", 3))
    op = Operation("DescribeThing", "GET", parameters=(p,), response="R")
    problems = go.check_patterns(_service(Shape("R"), ops=(op,)))
    assert len(problems) == 1 and "Go's regexp (RE2)" in problems[0].message and problems[0].line == 3


# -- the whole target ----------------------------------------------------------------------------
@pytest.mark.parametrize("spec", [SPEC, *sorted(p for p in FIXTURES.iterdir() if (p / "common.yaml").is_file())],
                         ids=lambda p: p.name)
def test_every_spec_renders_the_same_twice_and_gofmt_has_nothing_to_change(spec: Path, tmp_path: Path) -> None:
    api = load_api(spec)
    target = go.GoTarget()
    assert target.check(api) == []
    first = target.render(api)
    assert first == target.render(api)
    for rel, text in first.items():
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(text, encoding="utf-8")
    listed = subprocess.run([go._gofmt_binary(), "-l", "."], cwd=tmp_path, capture_output=True, text=True,
                            check=True).stdout
    assert listed == ""
    assert all("/work/" not in text for text in first.values())


def test_an_error_code_common_to_all_services_lives_in_package_ksyun() -> None:
    api = dataclasses.replace(load_api(SPEC), common_errors=(ErrorCode("Validation", 400, "bad"),))
    text = go.GoTarget().render(api)["ksyun/common_errors.go"]
    assert "type ValidationAPIError struct{ *APIError }" in text
    assert '"Validation": func(e *APIError) error { return &ValidationAPIError{e} },' in text


def test_a_response_member_named_like_the_unknown_fields_is_an_error() -> None:
    shape = Shape("Thing", fields=(Field("UnknownFields", S, source=Source("demo.yaml", 4)),))
    op = Operation("DescribeThing", "GET", response="Thing")
    messages = [p.message for p in go.check_names(_service(shape, ops=(op,)))]
    assert messages == ["fields of Thing: 'UnknownFields' and '(the unknown fields)' both become the Go name "
                        "'UnknownFields'; pin one with x-ksyun-name"]


@pytest.mark.parametrize("pattern, refused", [
    ("^(?!x)", True), ("(?<=a)b", True), ("(?<!a)b", True), ("(a)\\1", True), ("(?>a)", True),
    ("a\\Z", True), ("(?P=n)", True),
    ("(?P<name>a)", False), ("(?<name>a)", False), ("^[a-z]{3}-\\d+$", False), ("a\\z", False),
])
def test_which_patterns_go_cannot_run(pattern: str, refused: bool) -> None:
    p = Parameter("Name", TypeRef("string", constraints=(("pattern", pattern),)))
    op = Operation("DescribeThing", "GET", parameters=(p,), response="R")
    assert bool(go.check_patterns(_service(Shape("R"), ops=(op,)))) is refused


def test_an_enum_reads_through_its_underlying_type() -> None:
    e = go.Enum("ThingType", TypeRef("string", enum=("small",)), "Thing", "Type", "", True)
    assert go.enum_decoder(e) == "ksyun.AsString"
    big = go.Enum("ThingSize", TypeRef("integer", enum=(1,), format="int64"), "Thing", "Size", "", True)
    assert go.enum_decoder(big) == "ksyun.AsInt64"


def test_a_boolean_enum_of_one_value_refuses_the_other() -> None:
    m = member("Force", TypeRef("boolean", enum=(True,)), required=True)
    assert go.validate_lines(m) == ["if !s.Force {", '\tv.Problem(path + "Force", "Input should be True")', "}"]
    optional = member("Off", TypeRef("boolean", enum=(False,)))
    assert go.validate_lines(optional) == ["if s.Off != nil {", "\tif bool(*s.Off) {",
                                           '\t\tv.Problem(path + "Off", "Input should be False")', "\t}", "}"]
    assert go.validate_lines(member("Either", TypeRef("boolean", enum=(True, False)))) == []


def test_a_struct_without_checks_says_so_and_one_with_checks_lists_them() -> None:
    empty = go.Struct("Filter", "", (Field("Name", S),), True, True, False, None)
    assert go.struct_checks(empty) == ["// nothing to check: the spec gives Filter no constraint"]
    limited = go.Struct("Disk", "", (Field("Size", TypeRef("integer", constraints=(("minimum", 20),))),),
                        True, True, False, None)
    assert go.struct_checks(limited) == ["if s.Size != nil {",
                                         '\tv.Int(path + "Size", int64(*s.Size), ruleDisk_Size)', "}"]


def test_a_token_paginator_starts_without_a_token_and_with_its_seen_set() -> None:
    from generator.ir import Pagination

    op = Operation("DescribeVpcs", "GET", parameters=(Parameter("NextToken", S), Parameter("MaxResults", I)),
                   response="DescribeVpcsResponse",
                   pagination=Pagination("token", "VpcSet", "NextToken", "NextToken", "MaxResults"))
    assert go.paging_start(op) == ["first.NextToken = nil", "seen := map[string]bool{}"]
    marker = Operation("DescribeInstances", "GET", parameters=(Parameter("Marker", I),), response="R",
                       pagination=Pagination("marker", "InstancesSet", "Marker", "", "MaxResults"))
    assert go.paging_start(marker) == ["first.Marker = ksyun.Int(0)"]
