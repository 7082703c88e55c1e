"""export-doc: an action printed as a KSYUN doc page, and the round trip back."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.cli import main
from generator.pages import parse_page
from generator.pipeline import load_api

ROOT = Path(__file__).resolve().parents[1]
SPEC = ROOT / "spec"
HINTS = SPEC / "kec" / "hints" / "2016-03-04.yaml"
PAGES = Path(__file__).resolve().parent / "pages"
PAGE_NAMES = ("DescribeInstances", "RunInstances", "DescribeInstanceTypeConfigs")


def empty_spec(where: Path) -> Path:
    spec = where / "spec"
    spec.mkdir(parents=True)
    shutil.copy(SPEC / "common.yaml", spec / "common.yaml")
    return spec


def export(capsys: pytest.CaptureFixture[str], action: str, spec: Path) -> str:
    capsys.readouterr()
    assert main(["export-doc", "--action", action, "--service", "kec", "--version", "2016-03-04",
                 "--spec", str(spec)]) == 0
    return capsys.readouterr().out


def import_(page: Path, spec: Path, hints: Path) -> None:
    assert main(["import-doc", str(page), "--service", "kec", "--version", "2016-03-04",
                 "--spec", str(spec), "--hints", str(hints)]) == 0


def test_export_describe_images_format(capsys: pytest.CaptureFixture[str]) -> None:
    text = export(capsys, "DescribeImages", SPEC)
    lines = text.splitlines()
    assert lines[0] == "DescribeImages 查询镜像信息"  # the title line: action and summary
    assert lines[1] == "# ksyun-codegen page: cell text escaped (\\| <br> &lt; &gt; &amp; &#58;)"
    assert lines[3:6] == ["参数名称 | 类型 | 必填 | 描述 |", "---|",
                          "Action | String | 是 | 公共参数,本接口取值:DescribeImages。 |"]
    assert "ImagesSet | Object[] | |" in lines
    assert "\u3000\u3000DiskSize | Int | 示例值:20 |" in lines
    assert "\u3000ImageMode | String | 主机启动方式:枚举值:uefi;legacy 示例值:legacy |" in lines
    assert "InternalError | Internal Error | 400 | 暂无 |" in lines
    # the snapshot block is written right below its Object[] row
    # (indented one U+3000 a level below it: the nesting, read back exactly)
    at = lines.index("\u3000SnapshotSet | Object[] | |")
    assert [line.split(" |")[0] for line in lines[at + 1:at + 6]] == [
        "\u3000\u3000SnapshotId", "\u3000\u3000DiskType", "\u3000\u3000DiskSize",
        "\u3000\u3000Type", "\u3000\u3000VolumeType"]


def test_export_then_import_gives_the_same_ir(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    page = tmp_path / "DescribeImages.txt"
    page.write_text(export(capsys, "DescribeImages", SPEC), encoding="utf-8")
    spec = empty_spec(tmp_path)
    import_(page, spec, HINTS)
    (imported,) = load_api(spec).services
    committed = next(s for s in load_api(SPEC).services if s.name == "kec")
    assert imported.operation("DescribeImages") == committed.operation("DescribeImages")
    assert {s.name: s for s in imported.shapes} == {
        s.name: s for s in committed.shapes if s.name in {x.name for x in imported.shapes}}
    # and into the hand-written spec: nothing to change
    hand = empty_spec(tmp_path / "hand")
    (hand / "kec").mkdir()
    shutil.copy(SPEC / "kec" / "2016-03-04.yaml", hand / "kec" / "2016-03-04.yaml")
    before = (hand / "kec" / "2016-03-04.yaml").read_bytes()
    import_(page, hand, HINTS)
    assert (hand / "kec" / "2016-03-04.yaml").read_bytes() == before


def test_lists_filters_and_objects_round_trip(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    hints = PAGES / "hints.yaml"
    first = empty_spec(tmp_path / "a")
    for name in PAGE_NAMES:
        import_(PAGES / f"{name}.txt", first, hints)
    exported = {}
    for name in PAGE_NAMES:
        exported[name] = export(capsys, name, first)
    di = exported["DescribeInstances"].splitlines()
    assert "InstanceId.N | String | 否 | 实例ID,可传多个。 |" in di
    assert "Filter.N.Name | String | 否 | 过滤条件的名称,如 instance-state.name 示例值:instance-state.name |" in di
    assert "Filter.N.Value.N | String | 否 | 过滤条件的取值 |" in di
    assert "\u3000\u3000SecurityGroupSet | Object[] | 网卡所属安全组 |" in di
    ri = exported["RunInstances"].splitlines()
    assert ri[0] == "RunInstances 创建实例" and ri[2] == "请求方式:POST"
    assert "SystemDisk.DiskType | String | 否 | 系统盘类型 示例值:ESSD_PL1 |" in ri
    assert "DataDisk.N.Size | Int | 否 | 数据盘大小,单位GB 示例值:50 |" in ri
    assert "QuotaExceeded | Quota exceeded \\| instance count | 400 | 实例配额不足 |" in ri
    assert parse_page(exported["RunInstances"], "x").errors[0].message == "Quota exceeded | instance count"
    dt = exported["DescribeInstanceTypeConfigs"].splitlines()
    assert "InstanceFamily.N | String | 否 | 实例族,可传多个 |" in dt  # String[] in a request: Name.N
    assert "MaxResults | Long | 否 | 单次调用可返回的最大条目数量 示例值:100 |" in dt
    assert "\u3000Memory | Float | 内存大小,单位GB 示例值:0.5 |" in dt
    assert "\u3000GpuIndices | Int[] | GPU 编号 |" in dt
    second = empty_spec(tmp_path / "b")
    for name, text in exported.items():
        page = tmp_path / f"{name}.txt"
        page.write_text(text, encoding="utf-8")
        import_(page, second, hints)
    assert load_api(second) == load_api(first)


def test_unknown_action_is_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export-doc", "--action", "NoSuchAction", "--spec", str(SPEC)]) == 2
    err = capsys.readouterr().err.splitlines()
    assert err == ["ksyun-codegen export-doc: no action NoSuchAction"]


@pytest.mark.parametrize("typed", ["describeimages", "DescribeImage", "DESCRIBEIMAGES"])
def test_unknown_action_suggests_the_close_one(typed: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export-doc", "--action", typed, "--spec", str(SPEC)]) == 2
    assert capsys.readouterr().err.splitlines() == [
        f"ksyun-codegen export-doc: no action {typed}; did you mean DescribeImages?"]
