"""The page vocabulary (generator/pages/vocab.py): what each word of KSYUN's
pages means, Chinese and English, written out by hand."""

from __future__ import annotations

import pytest

from generator.pages import vocab
from generator.pages.vocab import DocType


@pytest.mark.parametrize(("cell", "want"), [
    ("String", DocType("String")), ("string", DocType("String")), ("字符串", DocType("String")),
    ("Int", DocType("Int")), ("Integer", DocType("Int")), ("Interger", DocType("Int")),
    ("byte", DocType("Int")), ("Integer(int64)", DocType("Int")), ("Long", DocType("Long")),
    ("int64", DocType("Long")), ("Double", DocType("Double")), ("Float", DocType("Float")),
    ("Boolean", DocType("Boolean")), ("bool", DocType("Boolean")), ("Object", DocType("Object")),
    ("Array", DocType("Object[]", bare_list=True)), ("List", DocType("Object[]", bare_list=True)),
    ("Object[]", DocType("Object[]")), ("String[]", DocType("String[]")), ("[]String", DocType("String[]")),
    ("Array of String", DocType("String[]")), ("List<String>", DocType("String[]")),
    ("String 列表", DocType("String[]")), ("字符串数组", DocType("String[]")),
    ("Array of MetricDataPoint", DocType("Object[]", "MetricDataPoint")),
    ("ProductSummary 数组", DocType("Object[]", "ProductSummary")),
    ("MonthBill array", DocType("Object[]", "MonthBill")),
    ("过滤器(Filter)列表", DocType("Object[]", "Filter")),
    ("QuotaApplication", DocType("Object", "QuotaApplication")),
    ("String (optional)", DocType("String")),
])
def test_type_cells(cell: str, want: DocType) -> None:
    assert vocab.doc_type(cell) == want


@pytest.mark.parametrize("cell", ["", "账户余额数据", "the ID of it", "12", "a" * 100])
def test_cells_that_are_no_type(cell: str) -> None:
    assert vocab.doc_type(cell) is None


@pytest.mark.parametrize(("cell", "want"), [
    ("是", True), ("否", False), ("Yes", True), ("No", False), ("Y", True), ("N", False),
    ("必填", True), ("选填", False), ("是,缺省值为10", True), ("是*", True), ("", False),
    ("可能", None), ("sometimes", None),
])
def test_required_flags(cell: str, want: bool | None) -> None:
    assert vocab.required_flag(cell) is want


@pytest.mark.parametrize(("cells", "kind", "roles"), [
    (["参数名称", "类型", "必填", "描述"], "params", ("name", "type", "required", "description")),
    (["名称", "类型", "必须", "长度限制(字符)", "参数格式", "描述"], "params",
     ("name", "type", "required", "extra", "extra", "description")),
    (["参数名称", "必选", "类型", "描述"], "params", ("name", "required", "type", "description")),
    (["Parameter", "Type", "Required", "Description"], "params",
     ("name", "type", "required", "description")),
    (["名称", "类型", "是否可缺省", "示例值", "有效值", "描述"], "params",
     ("name", "type", "optional", "example", "extra", "description")),
    (["名称", "类型", "是否必返回", "描述"], "params", ("name", "type", "returned", "description")),
    (["错误代码(Code)", "错误消息(Message)", "HTTP 状态码", "中文描述(语义)"], "errors",
     ("code", "message", "status", "description")),
    (["Error code", "Error message", "HTTP status code"], "errors", ("code", "message", "status")),
])
def test_header_rows(cells: list[str], kind: str, roles: tuple[str, ...]) -> None:
    h = vocab.heading(cells)
    assert h is not None and (h.kind, h.roles) == (kind, roles)


@pytest.mark.parametrize("cells", [["Code", "String", "错误码"], ["RequestId", "String", "请求ID"],
                                   ["名称"], ["Action", "String", "是", "取值"]])
def test_data_rows_are_no_header(cells: list[str]) -> None:
    assert vocab.heading(cells) is None


def test_a_heading_close_to_a_missing_column_is_named() -> None:
    with pytest.raises(vocab.UnknownHeading) as exc:
        vocab.heading(["参数名称", "类型", "是否必填项", "描述"])
    assert str(exc.value) == "'是否必填项': unknown column heading; did you mean the required column?"
    # close to a column the header already has: an extra column, not an error
    assert vocab.heading(["参数名", "类型及范围", "说明", "返回参数名"]) is not None


@pytest.mark.parametrize(("line", "want"), [
    ("请求参数", "request"), ("3.输出参数", "response"), ("Response parameters", "response"),
    ("POST请求参数(content-type: application/json)", "request"), ("错误码(调用不成功)", "errors"),
    ("Request Parameters(请求参数)", "request"), ("返回示例", "other"), ("随便一句话", None),
])
def test_section_headings(line: str, want: str | None) -> None:
    assert vocab.section(line) == want


@pytest.mark.parametrize(("line", "want"), [
    ("QuotaApplication参数说明:", "QuotaApplication"), ("Volumes结构", "Volumes"),
    ("Structure of Instance", "Instance"), ("Instance", "Instance"), ("这不是标题", None),
])
def test_captions(line: str, want: str | None) -> None:
    assert vocab.caption(line) == want
