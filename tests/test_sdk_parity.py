"""One behaviour in the Python and TypeScript SDKs, where the two had drifted apart.

* Request checks: the TypeScript codec refuses what pydantic refuses, in pydantic's words,
  for every constraint the IR carries, at every depth (compared here message by message
  with pydantic's own, over the committed package's ``dist/runtime/codec.js``).
* Nested request objects: one spelling, the Python names (``RunInstancesSystemDisk(disk_type=...)``,
  ``{"disk_type": ...}``), accepted by ``mypy --strict`` with and without the pydantic plugin;
  a misspelt nested key names the closest member.
* Response lists: ``[]`` when KSYUN leaves one out or sends ``null``.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import httpx
import pydantic
import pytest
from conftest import GENERATED, REPO, SDK

from ksyun_sdk import NO_RETRY
from ksyun_sdk.errors import RequestValidationError
from ksyun_sdk.kec.v2016_03_04 import KecClient, models

CODEC = GENERATED / "typescript" / "dist" / "runtime" / "codec.js"


def _client() -> KecClient:
    def refuse(request: httpx.Request) -> httpx.Response:
        raise AssertionError(f"sent: {request.url}")

    return KecClient(access_key="AKLTx", secret_key="s", region="cn-beijing-6", endpoint="https://kec.example",
                     retry=NO_RETRY, http_client=httpx.Client(transport=httpx.MockTransport(refuse)))


BASE: dict[str, Any] = dict(image_id="i", instance_type="t", max_count=1, min_count=1, subnet_id="s",
                            security_group_id=["g"], charge_type="Daily")


# -- the Python SDK's messages ----------------------------------------------------------------------
@pytest.mark.parametrize(("call", "message"), [
    (lambda c: c.describe_instances(max_results=1),
     "DescribeInstancesRequest: max_results: Input should be greater than or equal to 5"),
    (lambda c: c.run_instances(**BASE, data_disk=[{"type_": "SSD3.0", "size": 50}, {"type_": "SSD3.0", "size": 5}]),
     "RunInstancesRequest: data_disk[1].size: Input should be greater than or equal to 10"),
    (lambda c: c.run_instances(**BASE, system_disk={"disk_tpye": "EHDD"}),  # type: ignore[typeddict-unknown-key]
     "RunInstancesRequest: system_disk.disk_tpye: Extra inputs are not permitted (did you mean 'disk_type'?)"),
    (lambda c: c.run_instances(**BASE, system_disk={"DiskTpye": "EHDD"}),  # type: ignore[typeddict-unknown-key]
     "RunInstancesRequest: system_disk.DiskTpye: Extra inputs are not permitted (did you mean 'disk_type'?)"),
    (lambda c: c.run_instances(**BASE, data_disk=[{"type_": "SSD3.0"}]),  # type: ignore[typeddict-item]
     "RunInstancesRequest: data_disk[0].size: Field required"),
    (lambda c: c.run_instances(**BASE, system_disk={"Colour": "blue"}),  # type: ignore[typeddict-unknown-key]
     "RunInstancesRequest: system_disk.Colour: Extra inputs are not permitted"),
])
def test_request_problems_are_told_in_python_names(call: Any, message: str) -> None:
    with _client() as client, pytest.raises(RequestValidationError) as info:
        call(client)
    assert str(info.value) == message


def test_a_misspelt_model_argument_names_the_field() -> None:
    with pytest.raises(pydantic.ValidationError, match="disk_tpye"):
        models.RunInstancesSystemDisk(disk_tpye="EHDD")  # type: ignore[call-arg]


def test_models_take_python_names_and_send_wire_names() -> None:
    disk = models.RunInstancesDataDisk(type_="SSD3.0", size=50, delete_with_instance=True)
    assert disk.model_dump(by_alias=True) == {"Type": "SSD3.0", "Size": 50, "DeleteWithInstance": True}
    # wire names are still read (responses, and dicts written before the spelling was one)
    assert models.RunInstancesDataDisk.model_validate({"Type": "EHDD", "Size": 10}).size == 10
    request = models.RunInstancesRequest.model_validate({**BASE, "system_disk": {"disk_type": "EHDD", "disk_size": 20}})
    assert ("SystemDisk.DiskType", "EHDD") in request.to_params()


def test_response_lists_read_as_empty_when_omitted_or_null() -> None:
    resp = models.DescribeImagesResponse.model_validate(
        {"RequestId": "r", "ImagesSet": [{"ImageId": "a", "SnapshotSet": None, "Name": None}, {"ImageId": "b"}]})
    assert [i.snapshot_set for i in resp.images_set] == [[], []]
    assert models.DescribeImagesResponse.model_validate({"RequestId": "r", "ImagesSet": None}).images_set == []
    assert resp.images_set[0].model_fields_set == {"image_id"}  # null is an absent field
    assert resp.images_set[0].model_extra == {}
    unknown = models.Image.model_validate({"ImageId": "a", "BootMode": None})
    assert unknown.model_extra == {"BootMode": None}  # unknown fields are kept as they came


# -- one spelling for both type checkers ---------------------------------------------------------------
NESTED = '''\
from ksyun_sdk.kec.v2016_03_04 import KecClient, models

with KecClient(region="cn-beijing-6") as kec:
    kec.run_instances(
        image_id="i", instance_type="t", max_count=1, min_count=1, subnet_id="s",
        security_group_id=["g"], charge_type="Daily",
        system_disk=models.RunInstancesSystemDisk(disk_type="ESSD_PL1", disk_size=40),
        data_disk=[models.RunInstancesDataDisk(type_="SSD3.0", size=50), {"type_": "EHDD", "size": 20}],
    )
    kec.run_instances(
        image_id="i", instance_type="t", max_count=1, min_count=1, subnet_id="s",
        security_group_id=["g"], charge_type="Daily", system_disk={"disk_type": "ESSD_PL1", "disk_size": 40},
    )
    kec.describe_instances(filter_=[models.Filter(name="instance-state.name", value=["active"])])
    kec.describe_instances(filter_=[{"name": "instance-state.name", "value": ["active"]}])
'''
WIRE_SPELLING = '''\
from ksyun_sdk.kec.v2016_03_04 import models

models.RunInstancesDataDisk(Type="SSD3.0", Size=50)
'''


def _mypy(tmp_path: Path, code: str, plugin: bool) -> str:
    """mypy --strict over *code*, with the pydantic plugin (pydantic pinned in pyproject.toml,
    its plugin's strict settings on) or without it; the output."""
    (tmp_path / "snippet.py").write_text(code, encoding="utf-8")
    config = tmp_path / "mypy.ini"
    config.write_text("[mypy]\nstrict = True\n" + (
        "plugins = pydantic.mypy\n\n[pydantic-mypy]\ninit_forbid_extra = True\ninit_typed = True\n"
        "warn_required_dynamic_aliases = True\n" if plugin else ""), encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "mypy", "--config-file", str(config), "--no-error-summary",
         "--cache-dir", str(tmp_path / f"cache-{plugin}"), "snippet.py"],
        env={"MYPYPATH": str(SDK), "PATH": "/usr/bin:/bin"}, capture_output=True, text=True,
        timeout=600, cwd=tmp_path,
    )
    return done.stdout + done.stderr


def test_the_pydantic_plugin_is_the_pinned_pydantic() -> None:
    pins = (REPO / "pyproject.toml").read_text(encoding="utf-8")
    assert f'"pydantic=={pydantic.VERSION}"' in pins


@pytest.mark.parametrize("plugin", [False, True], ids=["mypy", "mypy+pydantic-plugin"])
def test_python_names_pass_mypy_strict_with_and_without_the_plugin(tmp_path: Path, plugin: bool) -> None:
    assert _mypy(tmp_path, NESTED, plugin) == ""


@pytest.mark.parametrize("plugin", [False, True], ids=["mypy", "mypy+pydantic-plugin"])
def test_wire_names_are_no_model_arguments(tmp_path: Path, plugin: bool) -> None:
    out = _mypy(tmp_path, WIRE_SPELLING, plugin)
    assert 'Unexpected keyword argument "Type"' in out, out


# -- the TypeScript codec says what pydantic says ------------------------------------------------------
# (constraint, a bad value, a good value) for every validation keyword of the IR
CONSTRAINTS: list[tuple[str, dict[str, Any], Any, Any]] = [
    ("integer", {"minimum": 5}, 4, 5),
    ("integer", {"maximum": 10}, 11, 10),
    ("number", {"exclusiveMinimum": 0}, 0, 0.5),
    ("number", {"exclusiveMaximum": 1}, 1, 0.5),
    ("string", {"minLength": 2}, "\U0001F600", "\U0001F600\U0001F600"),
    ("string", {"maxLength": 2}, "abc", "\U0001F600\U0001F600"),
    ("string", {"minLength": 1}, "", "a"),
    ("string", {"pattern": "^[a-z]+-[0-9]+$"}, "Ab-1", "ab-1"),
    ("string", {"enum": ["fast", "slow", "it's"]}, "medium", "slow"),
    ("integer", {"enum": [1, 2]}, 3, 2),
    ("array", {"minItems": 1}, [], ["a"]),
    ("array", {"maxItems": 2}, ["a", "b", "c"], ["a", "b"]),
    ("array", {"maxItems": 1}, ["a", "b"], ["a"]),
]
_PY = {"integer": int, "number": float, "string": str}
_FIELD = {"minimum": "ge", "maximum": "le", "exclusiveMinimum": "gt", "exclusiveMaximum": "lt",
          "minLength": "min_length", "maxLength": "max_length", "pattern": "pattern",
          "minItems": "min_length", "maxItems": "max_length"}


def _pydantic_message(kind: str, rules: dict[str, Any], value: Any) -> str | None:
    """pydantic's message for *value* in a field nested two deep (an object in a list in an object)."""
    from typing import Literal

    rules = dict(rules)
    enum = rules.pop("enum", None)
    annotation: Any = Literal[tuple(enum)] if enum else (list[str] if kind == "array" else _PY[kind])
    field = pydantic.Field(**{_FIELD[k]: v for k, v in rules.items()})
    inner = pydantic.create_model("Inner", x=(annotation, field))
    outer = pydantic.create_model("Outer", items=(list[inner], ...))  # type: ignore[valid-type]
    try:
        outer.model_validate({"items": [{"x": value}]})
    except pydantic.ValidationError as exc:
        return str(exc.errors()[0]["msg"])
    return None


def _type_spec(kind: str, rules: dict[str, Any]) -> dict[str, Any]:
    rules = dict(rules)
    enum = rules.pop("enum", None)
    if kind == "array":
        return {"list": "string", **rules}
    return {"base": kind, **({"oneOf": enum} if enum else {}), **rules}


@pytest.mark.skipif(shutil.which("node") is None, reason="needs Node.js")
def test_typescript_codec_words_each_constraint_as_pydantic_does() -> None:
    script = """
import { encode } from %s;
const cases = JSON.parse(process.argv[1]);
const out = cases.map(([type, value]) => {
  const inner = { name: "Inner", fields: [{ name: "x", wire: "X", type }] };
  const outer = { name: "Outer", fields: [{ name: "items", wire: "Items", type: { list: { shape: () => inner } } }] };
  try { encode(outer, { items: [{ x: value }] }); return null; } catch (e) { return e.message; }
});
console.log(JSON.stringify(out));
""" % json.dumps(CODEC.as_uri())
    cases = [[_type_spec(kind, rules), value] for kind, rules, bad, good in CONSTRAINTS for value in (bad, good)]
    done = subprocess.run(["node", "--input-type=module", "-e", script, json.dumps(cases)],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    got = iter(json.loads(done.stdout))
    for kind, rules, bad, good in CONSTRAINTS:
        want = _pydantic_message(kind, rules, bad)
        assert want is not None and _pydantic_message(kind, rules, good) is None
        assert next(got) == f"Outer: items[0].x: {want}", (kind, rules, bad)
        assert next(got) is None, (kind, rules, good)
