"""import-doc loses nothing: binding hints, request objects as the spec writes
them, the page's title, merges onto hand-written inline objects, a new spec
folder, and export → import round trips over generated pages."""

from __future__ import annotations

import shutil
from pathlib import Path

from conftest import SPEC, run_cli
from test_import_doc_pages import do_import, make_page, spec, spec_data  # noqa: F401 (fixture)

from generator.pages import parse_page
from generator.pipeline import load_api

PACKAGED_COMMON = Path(__file__).resolve().parents[1] / "generator" / "importdoc" / "common.yaml"

DISK_RESPONSE = ["| InstancesSet | Object[] | 实例 |", "| InstanceId | String | 实例ID |",
                 "| SystemDisk | Object | 系统盘 |", "| DiskType | String | 类型 |",
                 "| DiskSize | Int | 大小 |"]
DISK_REQUEST = ["| SystemDisk | Object | 否 | 系统盘的设置 |",
                "| SystemDisk.DiskType | String | 否 | 类型 |", "| SystemDisk.DiskSize | Int | 否 | 大小 |"]


def test_a_pinned_request_name_wins_over_a_response_shape_with_the_same_fields(
        tmp_path: Path, spec: Path) -> None:
    assert do_import(tmp_path, spec, make_page("DescribeInstances", response=DISK_RESPONSE),
                     name="d.txt")[0] == 0
    hints = "actions:\n  RunInstances:\n    request_shapes:\n      SystemDisk:\n        name: SystemDisk\n"
    code, _out, err = do_import(tmp_path, spec, make_page("RunInstances", request=DISK_REQUEST),
                                name="r.txt", hints=hints)
    assert code == 0, err
    data = spec_data(spec)
    param = data["paths"]["/#Action=RunInstances"]["get"]["parameters"][2]
    assert param["schema"] == {"$ref": "#/components/schemas/SystemDisk"}
    assert "SystemDisk" in data["components"]["schemas"]


def test_reuse_never_crosses_request_and_response(tmp_path: Path, spec: Path) -> None:
    assert do_import(tmp_path, spec, make_page("DescribeInstances", response=DISK_RESPONSE),
                     name="d.txt")[0] == 0
    code, _out, err = do_import(tmp_path, spec, make_page("RunInstances", request=DISK_REQUEST),
                                name="r.txt")
    assert code == 0, err
    data = spec_data(spec)
    param = data["paths"]["/#Action=RunInstances"]["get"]["parameters"][2]
    assert param["schema"] == {"$ref": "#/components/schemas/RunInstancesSystemDisk"}
    assert "reuse:" not in err
    # ...while two responses with the same fields do share one shape
    code, _out, err = do_import(tmp_path, spec, make_page("DescribeMore", response=DISK_RESPONSE),
                                name="m.txt")
    assert "reuse: InstancesSet.SystemDisk has the same fields as the existing shape " \
           "DescribeInstancesInstancesSetSystemDisk" in err


def test_request_objects_are_written_as_the_spec_writes_them(tmp_path: Path, spec: Path) -> None:
    """deepObject for a dotted object, additionalProperties: false on its shape
    (as tests/fixtures/mock/run_instances.yaml has them by hand), and the object
    row's own description survives import → export → import."""
    code, _out, err = do_import(tmp_path, spec, make_page("RunInstances", request=DISK_REQUEST))
    assert code == 0, err
    data = spec_data(spec)
    param = data["paths"]["/#Action=RunInstances"]["get"]["parameters"][2]
    assert list(param) == ["name", "in", "required", "description", "style", "explode", "schema"]
    assert (param["style"], param["explode"], param["description"]) == ("deepObject", True, "系统盘的设置")
    shape = data["components"]["schemas"]["RunInstancesSystemDisk"]
    assert list(shape)[:2] == ["type", "additionalProperties"] and shape["additionalProperties"] is False
    code, out, err = run_cli("export-doc", "--action", "RunInstances", "--spec", str(spec))
    assert code == 0, err
    assert "SystemDisk | Object | 否 | 系统盘的设置 |" in out.splitlines()
    second = tmp_path / "second"
    second.mkdir()
    shutil.copy(SPEC / "common.yaml", second / "common.yaml")
    assert do_import(tmp_path, second, out, name="exported.txt")[0] == 0
    assert load_api(second) == load_api(spec)


def test_the_title_line_is_the_summary(tmp_path: Path, spec: Path) -> None:
    for title, summary in [("DescribeThings - 查询东西", "查询东西"), ("DescribeThings：查询东西", "查询东西"),
                           ("DescribeThings 查询东西", "查询东西"), ("查询东西", "查询东西")]:
        assert parse_page(make_page(title=title), "p").summary == summary, title
    assert parse_page(make_page(title="DescribeThings"), "p").summary == ""
    # a '#' line above the tables is a comment (where the page came from), not a title
    assert parse_page("# Source: somewhere\n" + make_page(title="DescribeThings 查询东西"), "p").summary \
        == "查询东西"
    code, _out, err = do_import(tmp_path, spec, make_page(title="DescribeThings - 查询东西"))
    assert code == 0, err
    assert spec_data(spec)["paths"]["/#Action=DescribeThings"]["get"]["summary"] == "查询东西"


HAND_INLINE = """\
  /#Action=DescribeGroups:
    get:
      operationId: DescribeGroups
      summary: 查询安全组
      parameters:
        - name: Action
          in: query
          required: true
          description: 公共参数,本接口取值:DescribeGroups。
          schema: {type: string, enum: [DescribeGroups]}
        - name: Version
          in: query
          required: true
          description: 公共参数,本接口取值:2016-03-04。
          schema: {type: string, enum: ["2016-03-04"]}
      responses:
        "200":
          description: OK
          content:
            application/json:
              schema: {$ref: "#/components/schemas/DescribeGroupsResponse"}
        default:
          $ref: "../common.yaml#/components/responses/Error"
"""
HAND_SCHEMA = """\
    DescribeGroupsResponse:
      type: object
      properties:
        RequestId: {type: string, description: 请求ID}
        SecurityGroupSet:
          type: array
          description: 安全组
          items:
            type: object
            required: [Name]
            properties:
              Name: {type: string, description: 名称}
              Size: {type: integer, description: 大小}
"""


def test_merging_onto_a_hand_written_inline_object(tmp_path: Path, spec: Path) -> None:
    shutil.copytree(SPEC / "kec", spec / "kec")
    path = spec / "kec" / "2016-03-04.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("\n  schemas:\n", "\n  schemas:\n" + HAND_SCHEMA, 1)
    text = text.replace("paths:\n", "paths:\n" + HAND_INLINE, 1)
    path.write_text(text, encoding="utf-8")
    assert load_api(spec)
    page = make_page("DescribeGroups", title="DescribeGroups 查询安全组", response=[
        "| SecurityGroupSet | Object[] | 安全组 |", "| Name | String | 名称 |", "| Size | Int | 大小 |"])
    code, _out, err = do_import(tmp_path, spec, page, hints=None)
    assert code == 0, err
    data = spec_data(spec)
    prop = data["components"]["schemas"]["DescribeGroupsResponse"]["properties"]["SecurityGroupSet"]
    assert prop["items"] == {"$ref": "#/components/schemas/DescribeGroupsSecurityGroupSetItem"}
    item = data["components"]["schemas"]["DescribeGroupsSecurityGroupSetItem"]
    assert item["required"] == ["Name"] and list(item["properties"]) == ["Name", "Size"]
    assert load_api(spec)
    # export → import is now a no-op
    before = path.read_text(encoding="utf-8")
    code, out, err = run_cli("export-doc", "--action", "DescribeGroups", "--spec", str(spec))
    assert code == 0, err
    code, out, err = do_import(tmp_path, spec, out, name="again.txt")
    assert code == 0 and "unchanged" in out, err
    assert path.read_text(encoding="utf-8") == before


def test_a_new_service_into_an_empty_spec_folder(tmp_path: Path) -> None:
    folder = tmp_path / "spec"
    folder.mkdir()
    code, _out, err = do_import(tmp_path, folder, make_page(), "--dry-run")
    assert code == 0 and "common.yaml: would be created" in err, err
    assert list(folder.iterdir()) == []
    code, out, err = do_import(tmp_path, folder, make_page())
    assert code == 0, err
    assert "common.yaml: created" in out
    assert (folder / "common.yaml").read_bytes() == (SPEC / "common.yaml").read_bytes()
    assert load_api(folder).services[0].operations[0].action == "DescribeThings"


def test_the_packaged_common_yaml_is_the_spec_folders() -> None:
    assert PACKAGED_COMMON.read_bytes() == (SPEC / "common.yaml").read_bytes()
