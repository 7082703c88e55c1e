"""export-doc writes what import-doc reads back, for any text: a description
holding a line break followed by a table row, '示例值:' or 'Example:', pipes,
markup, entities, '#' or '-' at a line's start, in a summary, a parameter's or
field's description, an object's description, an example, an Action row's text,
an error's message and description (hypothesis over such text)."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path
from typing import Any

import yaml
from conftest import SPEC, run_cli
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from generator.pipeline import load_api

PIECES = ["查询", "实例", " ", "a", "Z", "0", "|", "\\", "\\|", "\n", "\r\n", "<", ">", "&", "&lt;",
          "&amp;", "<br>", "&#58;", "示例值:", "示例值：", "Example: ", "#", "- ", "* ", "取值:",
          "`", "**", "Safe to retry: no", "请求方式:POST", "?Action=Other", "参数名称 | 类型 | 必填 | 描述 |",
          "\nFoo | String | 是 | 新参数 |", "\n| Bar | Int | 字段 |", "\nBadCode | msg | 400 | d |", "。", "，"]
TEXT = st.lists(st.sampled_from(PIECES), min_size=1, max_size=12).map("".join).map(
    lambda t: t.strip()).filter(bool)

PAGE = """DescribeThings 查询东西
参数名称 | 类型 | 必填 | 描述 |
---|
Action | String | 是 | 公共参数,本接口取值:DescribeThings。 |
Version | String | 是 | 公共参数,本接口取值:2016-03-04。 |
ThingId | String | 否 | 东西 示例值:t-1 |
Filter.N | Object[] | 否 | 过滤 |
Filter.N.Name | String | 是 | 名 |
参数名称 | 类型 | 描述 |
---|
RequestId | String | 请求ID |
Thing | Object | 一个东西 |
\u3000Name | String | 名字 |
错误码 | 错误信息 | Http状态码 | 描述 |
---|
ThingNotFound | Not found. | 404 | 不存在 |
"""


def _texts(spec: Path) -> Any:
    service = load_api(spec).services[0]
    op = service.operations[0]
    shapes = {s.name: [(f.name, f.description, f.example) for f in s.fields] for s in service.shapes}
    return (op.summary, op.action_description,
            [(p.name, p.description, p.example, p.required) for p in op.parameters],
            sorted(shapes.values()), [(e.code, e.message, e.description, e.http_status) for e in op.errors])


def _spec_with(texts: list[str], work: Path) -> Path:
    spec = work / "spec"
    spec.mkdir()
    shutil.copy(SPEC / "common.yaml", spec / "common.yaml")
    (work / "page.txt").write_text(PAGE, encoding="utf-8")
    code, _out, err = run_cli("import-doc", str(work / "page.txt"), "--service", "demo", "--api-version",
                              "2016-03-04", "--spec", str(spec), "--hints", str(work / "none.yaml"))
    assert code == 0, err
    path = spec / "demo" / "2016-03-04.yaml"
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    op = doc["paths"]["/#Action=DescribeThings"]["get"]
    op["summary"] = texts[0]
    params = {p["name"]: p for p in op["parameters"]}
    params["ThingId"]["description"] = texts[1]
    params["ThingId"]["example"] = texts[2]
    params["ThingId"]["schema"]["example"] = texts[2]
    params["Filter"]["description"] = texts[3]
    schemas = doc["components"]["schemas"]
    response = schemas["DescribeThingsResponse"]["properties"]
    response["Thing"]["description"] = texts[4]
    inner = response["Thing"]["$ref"].rsplit("/", 1)[1]
    schemas[inner]["properties"]["Name"]["description"] = texts[5]
    error = op["x-ksyun-errors"][0]
    error["message"], error["description"] = texts[6], texts[7]
    path.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return spec


@settings(max_examples=30, deadline=None, derandomize=True, database=None, phases=[Phase.explicit, Phase.reuse, Phase.generate],
          suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(TEXT, min_size=8, max_size=8))
def test_any_text_goes_out_and_comes_back(texts: list[str]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        spec = _spec_with(texts, work)
        code, page, err = run_cli("export-doc", "--action", "DescribeThings", "--spec", str(spec))
        assert code == 0, err
        (work / "out.txt").write_text(page, encoding="utf-8")
        want = _texts(spec)
        # into the spec it came from: nothing changes
        code, _out, err = run_cli("import-doc", str(work / "out.txt"), "--service", "demo",
                                  "--api-version", "2016-03-04", "--spec", str(spec),
                                  "--hints", str(work / "none.yaml"))
        assert code == 0, err
        assert _texts(spec) == want
        # into an empty spec: every text as it was
        fresh = work / "fresh"
        fresh.mkdir()
        shutil.copy(SPEC / "common.yaml", fresh / "common.yaml")
        code, _out, err = run_cli("import-doc", str(work / "out.txt"), "--service", "demo",
                                  "--api-version", "2016-03-04", "--spec", str(fresh),
                                  "--hints", str(work / "none.yaml"))
        assert code == 0, err
        assert _texts(fresh) == want
