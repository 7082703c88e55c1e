"""x-ksyun-pagination in the IR: good blocks become Operation.pagination,
bad ones are one FILE:LINE problem each, exit 2."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import copy_spec, run_cli
from generator.ir import Pagination
from generator.pipeline import load_api

GOOD = "      x-ksyun-pagination:\n        style: marker\n        items: InstancesSet\n        total: InstanceCount\n"


def test_committed_spec_pagination(api) -> None:  # type: ignore[no-untyped-def]
    kec = next(s for s in api.services if s.name == "kec")
    vpc = next(s for s in api.services if s.name == "vpc")
    assert kec.operation("DescribeInstances").pagination == Pagination(
        style="marker", items="InstancesSet", input_token="Marker", output_token="",
        limit="MaxResults", total="InstanceCount")
    assert vpc.operation("DescribeVpcs").pagination == Pagination(
        style="token", items="VpcSet", input_token="NextToken", output_token="NextToken",
        limit="MaxResults", total="")
    assert kec.operation("DescribeImages").pagination is None


@pytest.mark.parametrize("block, message", [
    ("      x-ksyun-pagination:\n        style: offset\n        items: InstancesSet\n",
     "x-ksyun-pagination: style must be 'marker' or 'token', got 'offset'"),
    ("      x-ksyun-pagination:\n        style: marker\n        items: Nope\n",
     "x-ksyun-pagination: the response of DescribeInstances has no field 'Nope' (the list of items)"),
    ("      x-ksyun-pagination:\n        style: marker\n        items: Marker\n",
     "x-ksyun-pagination: Marker must be array (the list of items), is integer"),
    ("      x-ksyun-pagination:\n        style: token\n        items: InstancesSet\n",
     "x-ksyun-pagination: the action has no NextToken parameter"),
    ("      x-ksyun-pagination:\n        style: marker\n        items: InstancesSet\n        total: RequestId\n",
     "x-ksyun-pagination: RequestId must be integer (the total count), is string"),
    ("      x-ksyun-pagination:\n        style: marker\n        items: InstancesSet\n        pages: 3\n",
     "x-ksyun-pagination: unknown key 'pages'"),
    ("      x-ksyun-pagination: yes\n", "x-ksyun-pagination must be a mapping"),
])
def test_bad_pagination(tmp_path: Path, block: str, message: str) -> None:
    spec = copy_spec(tmp_path / "spec")
    path = spec / "kec" / "2016-03-04.yaml"
    text = path.read_text(encoding="utf-8")
    start = text.index("      x-ksyun-pagination:\n        style: marker")
    end = start + len("      x-ksyun-pagination:\n")
    while text[end:].startswith("        "):
        end = text.index("\n", end) + 1
    path.write_text(text[:start] + block + text[end:], encoding="utf-8")
    before = path.read_text(encoding="utf-8")
    code, _out, err = run_cli("validate", "--spec", spec)
    assert code == 2
    lines = [line for line in err.splitlines() if line.strip() and not line.startswith("ksyun-codegen:")]
    assert len(lines) == 1 and message in lines[0], err
    found = re.match(r"^\S*2016-03-04\.yaml:(\d+): ", lines[0])
    first = before[:start].count("\n") + 1
    assert found is not None and first <= int(found.group(1)) <= first + 4, (lines[0], first)
    assert "Traceback" not in err


def test_good_block_is_the_committed_one(tmp_path: Path) -> None:
    spec = copy_spec(tmp_path / "spec")
    assert GOOD in (spec / "kec" / "2016-03-04.yaml").read_text(encoding="utf-8")
    assert load_api(spec).services[0].operation("DescribeInstances").pagination is not None
