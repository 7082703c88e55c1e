"""import-doc: KSYUN doc pages merged into the spec (generator.importdoc, generator.pages)."""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator.cli import main
from generator.pages import parse_page, split_cells, split_example
from generator.ir import TypeRef
from generator.pipeline import load_api, render
from generator.problems import SpecError

ROOT = Path(__file__).resolve().parents[1]
SPEC = ROOT / "spec"
HINTS = SPEC / "kec" / "hints" / "2016-03-04.yaml"
PAGES = Path(__file__).resolve().parent / "pages"
SEED = SPEC / "sources" / "kec" / "2016-03-04" / "DescribeImages.txt"  # line 1: where it came from


def empty_spec(tmp_path: Path) -> Path:
    spec = tmp_path / "spec"
    spec.mkdir(parents=True)
    shutil.copy(SPEC / "common.yaml", spec / "common.yaml")
    return spec


def hand_spec(tmp_path: Path) -> Path:
    spec = empty_spec(tmp_path)
    (spec / "kec").mkdir()
    shutil.copy(SPEC / "kec" / "2016-03-04.yaml", spec / "kec" / "2016-03-04.yaml")
    return spec


def run_import(page: Path, spec: Path, *extra: str, hints: Path | None = HINTS) -> int:
    argv = ["import-doc", str(page), "--service", "kec", "--version", "2016-03-04", "--spec", str(spec)]
    if hints is not None:
        argv += ["--hints", str(hints)]
    return main(argv + list(extra))


def spec_file(spec: Path) -> Path:
    return spec / "kec" / "2016-03-04.yaml"


# ---- the page parser ---------------------------------------------------------------

def test_cells_tolerate_pipes_and_escapes() -> None:
    assert split_cells("a | b | c |") == ["a", "b", "c"]
    assert split_cells("| a | b | c") == ["a", "b", "c"]
    assert split_cells("a | b\\|c | d |") == ["a", "b|c", "d"]


def test_example_split_full_width_and_verbatim_text() -> None:
    assert split_example("镜像状态 示例值:active") == ("镜像状态", "active")
    assert split_example("实例名称。 示例值：web-1。") == ("实例名称。", "web-1")
    assert split_example("镜像ID。 b1e3。") == ("镜像ID。 b1e3。", None)


def test_run_instances_page_rows() -> None:
    page = parse_page((PAGES / "RunInstances.txt").read_text(encoding="utf-8"), "RunInstances.txt")
    assert (page.action, page.version, page.method) == ("RunInstances", "2016-03-04", "POST")
    rows = {r.name: r for r in page.request}
    # A '|' inside the description made an extra cell: joined back.
    assert rows["ChargeType"].description == "计费方式,取值 Daily | HourlyInstantSettlement"
    assert rows["ChargeType"].example == "Daily"
    assert rows["SystemDisk.DiskSize"].example == 20 and rows["SystemDisk.DiskSize"].type == "Int"
    assert rows["DataDisk.N.DeleteWithInstance"].example is True
    assert rows["InstanceName"].example == "web-1"  # full-width colon, trailing 。
    assert rows["InstancePassword"].description == "" and not rows["InstancePassword"].has_example
    errors = {e.code: e for e in page.errors}
    assert errors["QuotaExceeded"].message == "Quota exceeded | instance count"
    assert errors["QuotaExceeded"].status == 400
    assert errors["InvalidImageId.NotFound"].status == 404
    assert errors["InsufficientBalance"].description == ""


def test_seed_rows_keep_json_and_prose_out() -> None:
    page = parse_page(SEED.read_text(encoding="utf-8"), "seed.txt")
    assert [e.code for e in page.errors] == ["InternalError", "ImageIdInvalidParameterValue",
                                             "ServiceUnavailable"]
    assert page.errors[2].message.startswith('{"RequestId":"e7ac5d05')
    assert page.errors[2].message.endswith('connect timed out"}}')
    assert len(page.response) == 36  # RequestId .. ImageMode; 'JSON格式' is not a row


def test_seed_says_where_it_came_from_and_the_parser_skips_it() -> None:
    text = SEED.read_text(encoding="utf-8")
    first, rest = text.split("\n", 1)
    assert first.startswith("# Source: https://docs.ksyun.com/documents/")
    with_line = parse_page(text, "seed.txt")
    without = parse_page(rest, "seed.txt")
    # the same rows, one line further down
    assert [(r.name, r.type, r.description, r.example) for r in with_line.response] == \
        [(r.name, r.type, r.description, r.example) for r in without.response]
    assert [r.line for r in with_line.request] == [r.line + 1 for r in without.request]
    assert (with_line.action, with_line.version, with_line.method) == ("DescribeImages", "2016-03-04", None)


def test_comment_lines_above_the_tables_are_not_the_page() -> None:
    """A '#' line above the tables names no method even when it says one, and
    is no table header even when it looks like one; below the first table '#' is prose."""
    table = "参数名称 | 类型 | 必填 | 描述 |\nAction | String | 是 | 公共参数,本接口取值:Foo。 |\n"
    page = parse_page("# Source: saved page, 请求方式:POST\n# 参数名称 | 类型 | 必填 | 描述 |\n" + table, "p.txt")
    assert page.method is None and page.action == "Foo" and page.action_line == 4
    page = parse_page(table + "# 请求方式:POST\n", "p.txt")
    assert page.method == "POST"


# ---- acceptance: the seed page gives the hand-written spec -------------------------

def test_seed_into_empty_spec_equals_hand_written(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    spec = empty_spec(tmp_path)
    assert run_import(SEED, spec) == 0
    assert "guess:" not in capsys.readouterr().err  # the committed hints pin every block
    imported = load_api(spec)
    hand = load_api(describe_images_only(tmp_path / "hand"))
    assert imported == hand
    assert render(imported) == render(hand)


def describe_images_only(dest: Path) -> Path:
    """The committed spec cut down to the seed page's action: KEC's DescribeImages
    and the schemas it reaches (the other actions come from other pages)."""
    from ruamel.yaml import YAML

    spec = empty_spec(dest)
    (spec / "kec").mkdir()
    yaml = YAML()
    doc = yaml.load((SPEC / "kec" / "2016-03-04.yaml").read_text(encoding="utf-8"))
    for key in [k for k in doc["paths"] if k != "/#Action=DescribeImages"]:
        del doc["paths"][key]
    keep = {"DescribeImagesResponse", "Image", "ImageSnapshot"}
    for key in [k for k in doc["components"]["schemas"] if k not in keep]:
        del doc["components"]["schemas"][key]
    with (spec / "kec" / "2016-03-04.yaml").open("w", encoding="utf-8") as fh:
        yaml.dump(doc, fh)
    return spec


def test_seed_into_hand_written_spec_changes_nothing(tmp_path: Path) -> None:
    spec = hand_spec(tmp_path)
    before = spec_file(spec).read_bytes()
    assert run_import(SEED, spec) == 0
    assert spec_file(spec).read_bytes() == before


def test_without_hints_the_nesting_is_guessed_and_said(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    spec = empty_spec(tmp_path)
    assert run_import(SEED, spec, hints=tmp_path / "no-hints.yaml") == 0
    guesses = [line for line in capsys.readouterr().err.splitlines() if "guess:" in line]
    # SnapshotSet is closed where 'Type' repeats (line 24); ImagesSet runs to the end.
    assert len(guesses) == 2
    assert "ImagesSet.SnapshotSet holds 8 row(s) (lines 16-23" in guesses[0]
    assert "closed at line 24, where 'Type' repeats" in guesses[0]
    assert "ImagesSet holds" in guesses[1] and "end of the table" in guesses[1]
    service = load_api(spec).services[0]
    snap = service.shape("DescribeImagesImagesSetSnapshotSetItem")
    assert [f.name for f in snap.fields] == ["SnapshotId", "DiskType", "DiskSize", "Type", "VolumeType",
                                             "AvailabilityZone", "ExportingStatus", "ExportingFinishedTime"]
    image = service.shape("DescribeImagesImagesSetItem")
    assert "Type" in [f.name for f in image.fields] and "AvailabilityZone" not in [f.name for f in image.fields]


def test_import_twice_changes_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    spec = empty_spec(tmp_path)
    assert run_import(SEED, spec) == 0
    first = spec_file(spec).read_bytes()
    capsys.readouterr()
    assert run_import(SEED, spec) == 0
    assert spec_file(spec).read_bytes() == first
    assert "unchanged" in capsys.readouterr().out


def test_dry_run_prints_a_diff_and_writes_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    spec = empty_spec(tmp_path)
    assert run_import(SEED, spec, "--dry-run") == 0
    out = capsys.readouterr().out
    assert not spec_file(spec).exists()
    assert out.startswith("--- /dev/null") and "+      operationId: DescribeImages" in out
    spec2 = hand_spec(tmp_path / "b")
    before = spec_file(spec2).read_bytes()
    page = tmp_path / "page.txt"
    page.write_text(SEED.read_text(encoding="utf-8").replace(
        "ImageType | String | 否 |", "ImageType | String | 否 |\nPlatform | String | 否 | 平台 |"), encoding="utf-8")
    assert run_import(page, spec2, "--dry-run") == 0
    diff = capsys.readouterr().out
    assert "+        - name: Platform" in diff
    assert spec_file(spec2).read_bytes() == before
    # the page the spec already holds: no diff, and a word saying so
    assert run_import(SEED, spec2, "--dry-run") == 0
    quiet = capsys.readouterr()
    assert quiet.out == ""
    assert "unchanged (dry run)" in quiet.err


def test_hand_edits_survive_reimport(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    spec = empty_spec(tmp_path)
    assert run_import(SEED, spec) == 0
    path = spec_file(spec)
    text = path.read_text(encoding="utf-8")
    text = text.replace("description: 镜像分类。 system", "description: 镜像分类 (system/custom)。  # reviewed")
    text = text.replace("      x-ksyun-idempotent: true\n", "      x-ksyun-idempotent: true\n      x-ksyun-beta: true\n")
    text = text.replace("        IsNpe:\n", "        IsNpe:\n          x-ksyun-name: is_npe_image\n")
    path.write_text(text, encoding="utf-8")
    capsys.readouterr()
    assert run_import(SEED, spec) == 0
    assert path.read_text(encoding="utf-8") == text
    err = capsys.readouterr().err
    assert "kept: DescribeImages parameter ImageType description '镜像分类 (system/custom)。'" in err


def test_updated_page_changes_only_what_changed(tmp_path: Path) -> None:
    spec = hand_spec(tmp_path)
    before = spec_file(spec).read_text(encoding="utf-8")
    seed = SEED.read_text(encoding="utf-8")
    updated = (seed.replace("DiskSize | Int | 示例值:20 |", "DiskSize | Long | 示例值:40 |")
               .replace("ImageMode | String | 主机启动方式:枚举值:uefi;legacy 示例值:legacy |",
                        "ImageMode | String | 主机启动方式:枚举值:uefi;legacy 示例值:legacy |\n"
                        "BootMode | String | 启动模式 示例值:UEFI |")
               .replace("| 400 | 暂无 |", "| 500 | 暂无 |"))
    page = tmp_path / "DescribeImages.txt"
    page.write_text(updated, encoding="utf-8")
    assert run_import(page, spec) == 0
    after = spec_file(spec).read_text(encoding="utf-8")
    import difflib
    changed = [d for d in difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0)
               if d[:1] in "+-" and not d.startswith(("+++", "---"))]
    assert sorted(changed) == sorted([
        "-          httpStatus: 400", "+          httpStatus: 500",
        "+          format: int64",
        "-          example: 20", "+          example: 40",
        "+        BootMode:", "+          type: string", "+          description: 启动模式",
        "+          example: UEFI",
    ])
    image = load_api(spec).services[0].shape("Image")
    assert image.fields[-1].name == "BootMode"  # the new row stays in the image block


def test_reuses_an_existing_shape_with_the_same_fields(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    spec = hand_spec(tmp_path)
    page = tmp_path / "DescribeImageSnapshots.txt"
    page.write_text(
        "参数名称 | 类型 | 必填 | 描述 |\n---|\n"
        "Action | String | 是 | 公共参数,本接口取值:DescribeImageSnapshots。 |\n"
        "Version | String | 是 | 公共参数,本接口取值:2016-03-04。 |\n"
        "ImageId | String | 是 | 镜像ID |\n"
        "参数名称 | 类型 | 描述 |\n---|\n"
        "RequestId | String | |\n"
        "SnapshotSet | Object[] | |\n"
        "SnapshotId | String | |\nDiskType | String | |\nDiskSize | Int | |\nType | String | |\n"
        "VolumeType | String | |\n", encoding="utf-8")
    assert run_import(page, spec) == 0
    assert "the existing shape ImageSnapshot" in capsys.readouterr().err
    service = load_api(spec).services[0]
    response = service.shape(service.operation("DescribeImageSnapshots").response)
    assert response.fields[1].type == TypeRef("array", item=TypeRef("shape", shape="ImageSnapshot"))
    assert "DescribeImageSnapshotsSnapshotSetItem" not in [s.name for s in service.shapes]


# ---- more KEC pages: lists, filters, dotted objects, deep nesting --------------------

def test_hand_written_pages_generate_typed_code(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    spec = empty_spec(tmp_path)
    hints = PAGES / "hints.yaml"
    for name in ("DescribeInstances", "RunInstances", "DescribeInstanceTypeConfigs"):
        assert run_import(PAGES / f"{name}.txt", spec, hints=hints) == 0
    service = load_api(spec).services[0]

    di = service.operation("DescribeInstances")
    params = {p.name: p for p in di.parameters}
    assert di.method == "GET"
    # every request row of the page, in page order ('Name.N' rows folded into one list parameter)
    assert list(params) == ["InstanceId", "ProjectId", "MaxResults", "Marker", "Filter", "Search"]
    assert params["InstanceId"].type == TypeRef("array", item=TypeRef("string"))
    assert params["ProjectId"].type == TypeRef("array", item=TypeRef("integer"))
    assert params["MaxResults"].type == TypeRef("integer") and params["MaxResults"].example == 20
    assert params["Marker"].example == 0
    assert params["Filter"].type == TypeRef("array", item=TypeRef("shape", shape="Filter"))
    filt = {f.name: f.type for f in service.shape("Filter").fields}
    assert filt == {"Name": TypeRef("string"), "Value": TypeRef("array", item=TypeRef("string"))}
    instance = {f.name: f.type for f in service.shape("Instance").fields}
    assert list(instance) == ["InstanceId", "InstanceName", "InstanceType", "InstanceConfigure",
                              "InstanceState", "OnMonitor", "NetworkInterfaceSet", "CreationDate"]
    nic = service.shape("InstanceNetworkInterface")
    assert [f.name for f in nic.fields] == ["NetworkInterfaceId", "PrivateIpAddress", "SecurityGroupSet",
                                           "NetworkInterfaceType", "SubnetId"]
    assert nic.fields[2].type == TypeRef("array", item=TypeRef("shape", shape="InstanceSecurityGroup"))
    assert [e.code for e in di.errors] == ["InvalidFilterName", "InvalidMarker"]

    ri = service.operation("RunInstances")
    params = {p.name: p for p in ri.parameters}
    assert list(params) == ["ImageId", "InstanceType", "SystemDisk", "DataDisk", "MaxCount", "MinCount",
                            "SubnetId", "SecurityGroupId", "InstanceName", "ChargeType", "InstancePassword"]
    assert ri.method == "POST" and ri.idempotent is False
    assert params["SystemDisk"].type == TypeRef("shape", shape="RunInstancesSystemDisk")
    assert [(f.name, f.type.kind) for f in service.shape("RunInstancesSystemDisk").fields] == [
        ("DiskType", "string"), ("DiskSize", "integer")]
    assert params["DataDisk"].type == TypeRef("array", item=TypeRef("shape", shape="RunInstancesDataDisk"))
    assert params["SecurityGroupId"].required and params["SecurityGroupId"].type.kind == "array"
    assert not params["SystemDisk"].required

    # DescribeInstanceTypeConfigs: the scalar and list column types the other pages do not use
    dt = service.operation("DescribeInstanceTypeConfigs")
    params = {p.name: p for p in dt.parameters}
    assert list(params) == ["InstanceFamily", "MaxResults"]
    assert params["InstanceFamily"].type == TypeRef("array", item=TypeRef("string"))  # String[]
    assert params["MaxResults"].type == TypeRef("integer", format="int64")  # Long
    assert params["MaxResults"].example == 100
    item = service.shape(service.shape(dt.response).fields[1].type.shapes()[0])
    config = {f.name: f for f in item.fields}
    assert list(config) == ["InstanceType", "CPU", "Memory", "MaxDataDiskCount", "AvailabilityZoneSet",
                            "GpuIndices"]
    assert config["Memory"].type == TypeRef("number")  # Float
    assert config["Memory"].example == 0.5 and type(config["Memory"].example) is float
    assert config["MaxDataDiskCount"].type == TypeRef("integer", format="int64")
    assert config["AvailabilityZoneSet"].type == TypeRef("array", item=TypeRef("string"))  # String[]
    assert config["GpuIndices"].type == TypeRef("array", item=TypeRef("integer"))  # Int[]
    assert [e.code for e in dt.errors] == ["InvalidInstanceFamily"]
    # the block's end is not pinned in the hints: the guess is said, with the page line
    assert "DescribeInstanceTypeConfigs.txt:12: guess: InstanceTypeConfigSet holds 6 row(s)" in (
        capsys.readouterr().err)

    out = tmp_path / "out"
    assert main(["generate", "--spec", str(spec), "--out", str(out)]) == 0
    pkg = out / "python"
    probe = ("from ksyun_sdk.kec.v2016_03_04.client import KecClient\n"
             "from ksyun_sdk.kec.v2016_03_04.models import Instance, RunInstancesDataDisk\n"
             "from ksyun_sdk._runtime.serialize import flatten\n"
             "d = RunInstancesDataDisk.model_validate({'Type': 'SSD3.0', 'Size': 50})\n"
             "print(flatten({'DataDisk': [d.model_dump(by_alias=True, exclude_none=True)]}))\n"
             "from ksyun_sdk.kec.v2016_03_04.models import DescribeInstanceTypeConfigsRequest as R\n"
             "print(R(instance_family=['N3', 'S6'], max_results=7).to_params())\n"
             "from ksyun_sdk.kec.v2016_03_04.models import DescribeInstanceTypeConfigsResponse as T\n"
             "c = T.model_validate({'InstanceTypeConfigSet': [{'Memory': 0.5, 'GpuIndices': [0, 1]}]})\n"
             "print(repr(c.instance_type_config_set[0].memory), c.instance_type_config_set[0].gpu_indices)\n")
    run = subprocess.run([sys.executable, "-c", probe], cwd=pkg, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    lines = run.stdout.splitlines()
    assert "('DataDisk.1.Type', 'SSD3.0')" in lines[0]
    assert sorted(ast.literal_eval(lines[1])) == [("InstanceFamily.1", "N3"), ("InstanceFamily.2", "S6"), ("MaxResults", "7")]
    assert lines[2] == "0.5 [0, 1]"
    mypy = subprocess.run([sys.executable, "-m", "mypy", "--strict", "ksyun_sdk"], cwd=pkg,
                          capture_output=True, text=True)
    assert mypy.returncode == 0, mypy.stdout + mypy.stderr


def test_malformed_page_is_reported_and_the_spec_untouched(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    spec = hand_spec(tmp_path)
    before = spec_file(spec).read_bytes()
    assert run_import(PAGES / "malformed.txt", spec) == 2
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 4 and err[3] == "ksyun-codegen: 3 problems; nothing was written"
    assert err[0].endswith("malformed.txt:5: VolumeId: unknown type 'Strng'; did you mean String?")
    assert err[1].endswith("malformed.txt:6: Size: the required cell says '可能' (expected 是 or 否, "
                           "Yes or No, Y or N)")
    assert err[2].endswith("malformed.txt:12: error VolumeNotFound: no HTTP status (got "
                           "'not-a-status'; expected a number such as 400)")
    assert "Traceback" not in "\n".join(err)
    assert spec_file(spec).read_bytes() == before


def test_page_without_tables_or_action(tmp_path: Path) -> None:
    with pytest.raises(SpecError) as exc:
        parse_page("纯净模式\n没有表格\n", "p.txt")
    assert str(exc.value.problems[0]).startswith("p.txt:1: no parameter table: expected a header row such as "
                                                       "'参数名称 | 类型 | 必填 | 描述'")
    with pytest.raises(SpecError) as exc:
        parse_page("参数名称 | 类型 | 必填 | 描述 |\n---|\nImageId | String | 否 | x |\n", "p.txt")
    assert str(exc.value.problems[0]).startswith("p.txt:1: no action name: no Action row")


def test_version_mismatch_is_an_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    spec = empty_spec(tmp_path)
    argv = ["import-doc", str(PAGES / "RunInstances.txt"), "--service", "kec", "--version", "2019-01-01",
            "--spec", str(spec)]
    assert main(argv) == 2
    assert "RunInstances.txt:6: the page is for version 2016-03-04, not 2019-01-01" in capsys.readouterr().err
    assert not (spec / "kec").exists()
