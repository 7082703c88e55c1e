"""Untrusted pages: whatever the text, the reader either reads it or says what is
wrong in PAGE:LINE lines (a SpecError) -- never another exception.  The pieces
are the page format's own (headings, pipes, bullets, types, flags, examples,
captions, JSON and XML fragments) so that the fuzzing reaches deep."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.pages import parse_page
from generator.problems import SpecError

PIECES = [
    "参数名称", "类型", "必填", "描述", "名称", "是否必选", "必须", "是否可缺省", "错误码", "错误信息",
    "Http状态码", "Parameter", "Type", "Required", "Description", "Error code", "HTTP status code",
    "Action", "Version", "RequestId", "Filter.N.Name", "Items.N", "Users.member.Name", "Data",
    "String", "Integer", "Interger", "Array", "Array of Node", "Node", "X 数组", "[]String",
    "过滤器(Filter)列表", "Object[]", "是", "否", "Yes", "No", "是,缺省值为10", "400", "404", "5000",
    "本接口取值:DescribeX。", "Set the value to DescribeX .", "取值:", "2016-03-04", "示例值:",
    "Node参数说明:", "请求参数", "返回参数", "Response parameters", "| ", " |", "|", "---|", "\t",
    " ", "•", "• 类型: String", "\u3000", "{", "}", "\"a\": [", "]", "<Items>", "</Items>", "<member>",
    "curl -X GET|POST", "?Action=DescribeX&Version=2016-03-04", "# Source", "# ", "\\|", "<br>",
    "&lt;", "InvalidIdThe id400无效", "\n", "\n", "\n", "\n\n",
]

TEXT = st.lists(st.sampled_from(PIECES), max_size=120).map("".join)


@settings(max_examples=300, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(TEXT, st.sampled_from(["p.txt", "p.md", "p.html"]))
def test_any_page_is_read_or_refused_in_words(text: str, name: str) -> None:
    try:
        page = parse_page(text, name)
    except SpecError as exc:
        for problem in exc.problems:
            assert str(problem).startswith(name + ":"), problem
            assert "\n" not in problem.message, problem
        return
    assert page.action  # a page that is read names its action


BASE = """DescribeThings 查询东西
请求参数
参数名称 | 类型 | 必填 | 描述 |
---|---|---|---|
Action | String | 是 | 公共参数,本接口取值:DescribeThings。 |
Version | String | 是 | 公共参数,本接口取值:2016-03-04。 |
Filter.N | Array of Filter | 否 | 过滤 |
ThingId.N | String | 否 | 东西ID 示例值:t-1 |
Filter参数说明:
参数名称 | 类型 | 必填 | 描述 |
---|---|---|---|
Name | String | 是 | 名 |
返回参数
参数名称 | 类型 | 描述 |
---|---|---|
RequestId | String | 请求ID |
ThingSet | Object[] | 东西 |
\u3000ThingId | String | ID |
\u3000Tags.N | String | 标签 |
错误码 | 错误信息 | Http状态码 | 描述 |
---|---|---|---|
ThingNotFound | The thing does not exist. | 404 | 不存在 |
返回示例
{"RequestId": "r", "ThingSet": [{"ThingId": "t"}]}
""".split("\n")


@settings(max_examples=300, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.sampled_from(["drop", "dup", "swap", "cut", "merge", "piece"]),
                          st.integers(0, len(BASE) - 1), st.sampled_from(PIECES)), max_size=6),
       st.sampled_from(["p.txt", "p.md", "p.html"]))
def test_a_damaged_page_is_read_or_refused_in_words(edits: list[tuple[str, int, str]],
                                                     name: str) -> None:
    lines = list(BASE)
    for op, at, piece in edits:
        at %= max(1, len(lines))
        if not lines:
            break
        if op == "drop":
            del lines[at]
        elif op == "dup":
            lines.insert(at, lines[at])
        elif op == "swap" and at + 1 < len(lines):
            lines[at], lines[at + 1] = lines[at + 1], lines[at]
        elif op == "cut":
            lines[at] = lines[at][: len(lines[at]) // 2]
        elif op == "merge" and at + 1 < len(lines):
            lines[at:at + 2] = [lines[at] + lines[at + 1]]
        else:
            lines.insert(at, piece)
    try:
        parse_page("\n".join(lines), name)
    except SpecError as exc:
        for problem in exc.problems:
            assert str(problem).startswith(name + ":"), problem
            assert "\n" not in problem.message, problem
