"""import-doc against what a page can do to the spec: YAML 1.1 look-alikes,
fields named like an error table's columns, Unicode line breaks inside cells,
huge numbers, codes that would shadow the SDK's classes, and size."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import SPEC, lines_executed, run_cli

from generator.load import parse_yaml
from generator.pages import parse_page
from generator.pipeline import load_api
from generator.problems import SpecError


def make_page(action: str = "DescribeThings", request: list[str] | None = None,
              response: list[str] | None = None, errors: list[str] | None = None,
              title: str | None = None) -> str:
    lines = [title if title is not None else f"{action} 查询东西",
             "| 参数名称 | 类型 | 必填 | 描述 |", "|---|---|---|---|",
             f"| Action | String | 是 | 公共参数,本接口取值:{action}。 |",
             "| Version | String | 是 | 公共参数,本接口取值:2016-03-04。 |",
             *(request or []),
             "| 参数名称 | 类型 | 描述 |", "|---|---|---|",
             "| RequestId | String | 请求ID |", *(response or []),
             "| 错误码 | 错误信息 | Http状态码 | 描述 |", "|---|---|---|---|",
             *(errors or [f"| {action}NotFound | not found | 404 | 没有 |"])]
    return "\n".join(lines) + "\n"


@pytest.fixture
def spec(tmp_path: Path) -> Path:
    folder = tmp_path / "spec"
    folder.mkdir()
    shutil.copy(SPEC / "common.yaml", folder / "common.yaml")
    return folder


def do_import(tmp_path: Path, spec: Path, text: str, *extra: str, name: str = "Page.txt",
              hints: str | None = None) -> tuple[int, str, str]:
    page = tmp_path / name
    page.write_text(text, encoding="utf-8")
    argv = ["import-doc", str(page), "--service", "kec", "--version", "2016-03-04", "--spec", str(spec)]
    if hints is not None:
        (tmp_path / "hints.yaml").write_text(hints, encoding="utf-8")
        argv += ["--hints", str(tmp_path / "hints.yaml")]
    return run_cli(*argv, *extra)


def spec_data(spec: Path) -> dict:
    path = spec / "kec" / "2016-03-04.yaml"
    return parse_yaml(path.read_text(encoding="utf-8"), path).data  # the generator's own loader


# Every plain scalar YAML 1.1 (the loader) or YAML 1.2 reads as something other than a string.
YAML_SPECIAL = ["yes", "Yes", "YES", "no", "No", "on", "On", "ON", "off", "Off", "true", "False",
                "y", "n", "null", "Null", "~", "1:20", "190:20:30", "-1:30", "0x1F", "0o17", "017",
                "0b101", "1_000", "+12", "1e3", "6.8523015e+5", "3.", ".5", ".inf", "-.Inf",
                ".NaN", "2001-12-14", "2001-12-14t21:59:43.10-05:00", "2002-12-14 21:59:43.10 -5",
                "=", "<<"]


def test_yaml_1_1_forms_stay_strings_end_to_end(tmp_path: Path, spec: Path) -> None:
    """String examples, descriptions and field names that a YAML 1.1 reader
    would take for booleans, numbers, dates or null come back as the same strings."""
    response = [f"| F{i} | String | {v} 示例值:{v} |" for i, v in enumerate(YAML_SPECIAL)]
    response += ["| On | String | 开关 |", "| Yes | String | 是否 |", "| Null | String | 空 |"]
    request = [f"| P{i} | String | 否 | 示例值:{v} |" for i, v in enumerate(YAML_SPECIAL)]
    code, _out, err = do_import(tmp_path, spec, make_page(request=request, response=response))
    assert code == 0, err
    data = spec_data(spec)
    shape = data["components"]["schemas"]["DescribeThingsResponse"]["properties"]
    for i, v in enumerate(YAML_SPECIAL):
        assert shape[f"F{i}"]["example"] == v and isinstance(shape[f"F{i}"]["example"], str), v
        assert shape[f"F{i}"]["description"] == v, v
    assert {"On", "Yes", "Null"} <= set(shape)
    params = {p["name"]: p for p in data["paths"]["/#Action=DescribeThings"]["get"]["parameters"]}
    for i, v in enumerate(YAML_SPECIAL):
        assert params[f"P{i}"]["example"] == v, v
    api = load_api(spec)  # generation accepts a field named On
    names = [f.name for s in api.services[0].shapes for f in s.fields]
    assert "On" in names
    before = (spec / "kec" / "2016-03-04.yaml").read_text(encoding="utf-8")
    code, out, err = do_import(tmp_path, spec, make_page(request=request, response=response))
    assert code == 0 and "unchanged" in out, err
    assert (spec / "kec" / "2016-03-04.yaml").read_text(encoding="utf-8") == before


@pytest.mark.parametrize("field", ["Code", "ErrorCode", "Message", "HttpCode"])
@pytest.mark.parametrize("where", ["last", "middle"])
def test_fields_named_like_error_columns_are_kept(tmp_path: Path, spec: Path, field: str,
                                                    where: str) -> None:
    rows = ["| Status | String | 状态 |", f"| {field} | String | 返回码 示例值:0 |"]
    if where == "middle":
        rows.append("| Total | Int | 总数 |")
    hints = "actions:\n  DescribeThings:\n    response:\n      name: ThingsResult\n"
    code, _out, err = do_import(tmp_path, spec, make_page(response=rows), hints=hints)
    assert code == 0, err
    data = spec_data(spec)
    props = data["components"]["schemas"]["ThingsResult"]["properties"]
    assert field in props and props[field]["type"] == "string"
    errors = data["paths"]["/#Action=DescribeThings"]["get"]["x-ksyun-errors"]
    assert [e["code"] for e in errors] == ["DescribeThingsNotFound"]


@pytest.mark.parametrize("brk", ["\u2028", "\u2029", "\r"])
def test_only_newline_ends_a_row(brk: str) -> None:
    text = make_page(request=[f"| Search | String | 否 | 关键字{brk}Search2 | String | 否 | 第二行 |"])
    page = parse_page(text, "p.txt")
    assert [r.name for r in page.request] == ["Search"]
    assert "Search2" in page.request[0].description


@pytest.mark.parametrize("char", ["\x00", "\x0c", "\x0b", "\x1c", "\x85", "\x7f"])
def test_a_control_character_is_refused_at_its_line(char: str) -> None:
    """The spec could not carry it (generator.load refuses it): the page is refused, not
    written into the spec for validate to refuse later."""
    text = make_page(request=[f"| Search | String | 否 | 关键字{char}第二行 |"])
    line = text[:text.index(char)].count("\n") + 1
    with pytest.raises(SpecError) as exc:
        parse_page(text, "p.txt")
    assert str(exc.value) == (f"p.txt:{line}: the page holds the control character "
                              f"U+{ord(char):04X}; a doc page is text (remove it)")


def test_a_huge_int_example_is_a_note_not_a_traceback(tmp_path: Path, spec: Path) -> None:
    digits = "9" * 5000
    code, _out, err = do_import(tmp_path, spec, make_page(response=[f"| Size | Int | 大小 示例值:{digits} |"]))
    assert code == 0, err
    assert "Traceback" not in err
    assert f"note: example '{digits}' of Size is not a Int; left out" in err
    assert "example" not in spec_data(spec)["components"]["schemas"]["DescribeThingsResponse"][
        "properties"]["Size"]


@pytest.mark.parametrize("code_name", ["ApiError", "KsyunError", "TransportError", "ResponseError",
                                       "ConfigurationError", "RequestValidationError"])
def test_an_error_code_that_shadows_an_sdk_class_is_refused(tmp_path: Path, spec: Path,
                                                            code_name: str) -> None:
    text = make_page(errors=[f"| {code_name} | boom | 400 | 坏了 |"])
    code, _out, err = do_import(tmp_path, spec, text)
    assert code == 2
    line = text.splitlines().index(f"| {code_name} | boom | 400 | 坏了 |") + 1
    assert err.splitlines()[0] == (f"{tmp_path.as_posix()}/Page.txt:{line}: error code {code_name!r} "
                                   f"would shadow the SDK's own {code_name} class; KSYUN codes never "
                                   "do, check the page")
    assert not (spec / "kec").exists()


def _merge_steps(rows: int) -> int:
    """Python lines executed by plan, names and merge of a page of *rows* request
    and *rows* response rows: once into a new service, once more into the result.
    A count, not a time: the same on a busy machine (the figures in seconds are
    tests/bench/bench_import.py's)."""
    from generator.importdoc.hints import Hints
    from generator.importdoc.merge import merge_page, new_spec

    request = [f"| P{i} | Int | 否 | 参数 示例值:{i} |" for i in range(rows)]
    response = [f"| F{i} | Int | 字段 示例值:{i} |" for i in range(rows)]
    page = parse_page(make_page(request=request, response=response), "p.txt")
    data = new_spec("kec", "2016-03-04", Hints())

    def merge_twice() -> None:
        merge_page(data, page, Hints(), "2016-03-04", "spec")
        merge_page(data, page, Hints(), "2016-03-04", "spec")

    return lines_executed(merge_twice)


def test_import_work_grows_linearly_with_the_page() -> None:
    """Four times the rows take about four times the work (quadratic: sixteen)."""
    small = _merge_steps(500)
    large = _merge_steps(2000)
    assert large / small < 5, (small, large)


def test_a_markdown_pages_title_is_its_heading_not_its_prose() -> None:
    """A Markdown page (export-doc, the docs target) names its summary in its H1;
    the prose under it (SDK notes, links) never becomes the summary."""
    table = ("## 请求参数\n\n| 参数名称 | 类型 | 必填 | 描述 |\n| --- | --- | --- | --- |\n"
             "| Action | String | 是 | 公共参数,本接口取值:RebootInstances。 |\n"
             "| Version | String | 是 | 公共参数,本接口取值:2016-03-04。 |\n")
    bare = parse_page("# RebootInstances \n\n请求方式:GET\n\nPython: `KecClient.x`. Safe.\n\n" + table,
                      "RebootInstances.md")
    assert bare.summary == ""
    titled = parse_page("# RebootInstances 重启实例\n\nPython: `KecClient.x`.\n\n" + table,
                        "RebootInstances.md")
    assert titled.summary == "重启实例"
    # A plain-text page keeps its rule: '#' lines are comments, the first prose line is the title.
    text = parse_page("# Source: somewhere\nRebootInstances - 重启实例\n\n" + table, "RebootInstances.txt")
    assert text.summary == "重启实例"
