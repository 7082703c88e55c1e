"""Large services go through datamodel-code-generator in parts (generator.targets.python.models):
the files must be exactly those of one call, whatever the cut."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

import generator.targets.python.models as models
from generator.pipeline import load_api

SPEC = Path(__file__).resolve().parents[1] / "spec"


def _op(name: str, response: str, param_shape: str | None = None) -> dict[str, object]:
    params: list[dict[str, object]] = [
        {"name": "Action", "in": "query", "required": True, "schema": {"type": "string", "enum": [name]}},
        {"name": "Version", "in": "query", "required": True, "schema": {"type": "string", "enum": ["2020-01-01"]}},
    ]
    if param_shape:
        params.append({"name": "Filter", "in": "query",
                       "schema": {"type": "array", "items": {"$ref": f"#/components/schemas/{param_shape}"}}})
    return {"get": {
        "operationId": name, "parameters": params,
        "responses": {"200": {"description": "OK", "content": {"application/json": {
            "schema": {"$ref": f"#/components/schemas/{response}"}}}}},
    }}


def _obj(**props: object) -> dict[str, object]:
    return {"type": "object", "properties": props}


def _ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def write_spec(root: Path) -> Path:
    spec = root / "spec"
    (spec / "parts").mkdir(parents=True)
    shutil.copy(SPEC / "common.yaml", spec / "common.yaml")
    actions = ["DescribeA", "DescribeB", "DescribeC", "CreateD", "CreateE", "DeleteF"]
    paths = {}
    schemas: dict[str, object] = {
        "Filter": _obj(Name={"type": "string"}, Value={"type": "array", "items": {"type": "string"}}),
        "Shared": _obj(Id={"type": "string"}, Inner=_ref("Inner")),  # reached by every action
        "Inner": _obj(Size={"type": "integer"}),
        "OnlyAB": _obj(Tag={"type": "string"}),  # reached by two actions
        "Orphan": _obj(X={"type": "boolean"}),  # reached by no action
        "SharedResponse": _obj(RequestId={"type": "string"}, Item=_ref("Shared")),  # two actions' response
    }
    for i, name in enumerate(actions):
        if name in ("CreateE", "DeleteF"):
            paths[f"/#Action={name}"] = _op(name, "SharedResponse")
            continue
        schemas[f"{name}Response"] = _obj(
            RequestId={"type": "string"}, Item=_ref("Shared"),
            **({"Tag": _ref("OnlyAB")} if name in ("DescribeA", "DescribeB") else {}),
        )
        paths[f"/#Action={name}"] = _op(name, f"{name}Response", "Filter" if i % 2 == 0 else None)
    doc = {
        "openapi": "3.1.0",
        "info": {"title": "PARTS", "version": "2020-01-01", "x-ksyun-service": "parts"},
        "paths": paths, "components": {"schemas": schemas},
    }
    (spec / "parts" / "2020-01-01.yaml").write_text(json.dumps(doc, indent=1))
    return spec


@pytest.mark.parametrize("bucket", [1, 2, 4])
def test_parts_give_the_same_files_as_one_call(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, bucket: int
) -> None:
    monkeypatch.setenv("KSYUN_CODEGEN_NO_CACHE", "1")
    api = load_api(write_spec(tmp_path))
    whole = models.model_files(api)
    monkeypatch.setattr(models, "BUCKET_SIZE", bucket)
    (service,) = api.services
    parts = models.service_parts(service)
    assert len(parts) > 1
    owned = [m for _ops, _shapes, mods in parts for m in mods]
    assert len(owned) == len(set(owned)), "a module is owned by two parts"
    assert set(owned) == {mod for _cls, mod in models.model_index(service)}
    assert models.model_files(api) == whole
    names = {Path(p).name for p in whole}
    for module in ("shared.py", "inner.py", "only_ab.py", "shared_response.py",
                   "describe_a.py", "create_e.py", "delete_f.py"):
        assert module in names, module
    assert "orphan.py" not in names  # a schema no action reaches is not part of the API


def test_one_part_for_a_small_service() -> None:
    api = load_api(SPEC)
    for service in api.services:
        assert len(models.service_parts(service)) == 1
