"""The compiled meta-schema check (generator.validate.schema_surely_valid) only
ever says "valid" where openapi-spec-validator's own check agrees."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from jsonschema.exceptions import SchemaError, ValidationError
from jsonschema.validators import validator_for
from openapi_spec_validator.validation.keywords import OpenAPIV31SchemaValidator

from generator import validate
from generator.load import Workspace, service_files
from generator.validate import OAS31_BASE_DIALECT_ID, openapi_problems, schema_surely_valid

ROOT = Path(__file__).resolve().parents[1]


def original_check(schema: Any) -> bool:
    """What openapi-spec-validator itself decides (its checker, its format checker)."""
    cls = validator_for({"$schema": OAS31_BASE_DIALECT_ID})
    try:
        cls.check_schema(schema, format_checker=OpenAPIV31SchemaValidator.schema_validator_format_checker)
    except (SchemaError, ValidationError):
        return False
    return True


def _spec_schemas() -> list[Any]:
    out: list[Any] = []
    for folder in (ROOT / "spec", ROOT / "tests" / "fixtures" / "minimal", ROOT / "tests" / "fixtures" / "naming"):
        ws = Workspace(folder)
        for path in service_files(folder):
            data = ws.doc(path).data
            out.extend(data.get("components", {}).get("schemas", {}).values())
            for item in data.get("paths", {}).values():
                for op in item.values():
                    for p in op.get("parameters", []) if isinstance(op, dict) else []:
                        if "schema" in p:
                            out.append(p["schema"])
    return out


def test_every_schema_of_the_committed_specs_passes_both() -> None:
    schemas = _spec_schemas()
    assert len(schemas) > 50
    for schema in schemas:
        assert schema_surely_valid(schema) and original_check(schema), schema


BAD = [
    {"type": "strin"},
    {"type": "object", "properties": {"A": {"type": "string", "minLength": -1}}},
    {"type": "object", "required": "A"},
    {"type": "integer", "minimum": "3"},
    {"type": "string", "pattern": 5},
    {"type": "string", "pattern": "[a-"},  # a bad regex: a format only Python's check asserts
    {"type": "object", "patternProperties": {"(": {"type": "string"}}},
    {"type": "object", "properties": {"A": {"type": "string", "discriminator": 5}}},
    {"type": "object", "properties": {"A": {"xml": {"name": 5}}}},
    {"type": "array", "items": {"enum": "not-a-list"}},
    {"type": "object", "additionalProperties": "no"},
    {"allOf": {}},
    {"$ref": 5},
    {"externalDocs": {"url": 3}},
]


@pytest.mark.parametrize("schema", BAD, ids=[str(i) for i in range(len(BAD))])
def test_a_bad_schema_is_never_passed_by_the_fast_check(schema: Any) -> None:
    assert not original_check(schema)
    assert not schema_surely_valid(schema)


def test_problems_are_those_of_openapi_spec_validator_alone(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The fast path changes which schemas the original check reads, never what it reports."""
    monkeypatch.setenv("KSYUN_CODEGEN_NO_CACHE", "1")
    (tmp_path / "svc").mkdir()
    (tmp_path / "svc" / "2020-01-01.yaml").write_text(
        "openapi: 3.1.0\ninfo: {title: S, version: 2020-01-01}\npaths: {}\n"
        "components:\n  schemas:\n"
        "    Good: {type: object, properties: {Name: {type: string}}}\n"
        "    Short: {type: string, minLength: -1}\n"
        "    Regex: {type: string, pattern: '[a-'}\n"
        "    Typo: {type: strin}\n")
    doc = Workspace(tmp_path).doc(tmp_path / "svc" / "2020-01-01.yaml")
    fast = [str(p) for p in openapi_problems(doc)]
    # (the original check, with each problem's path from the document's root)
    monkeypatch.setattr(validate, "_SpecValidator", validate.PlainSpecValidator)
    slow = [str(p) for p in openapi_problems(doc)]
    assert fast == slow
    assert len(fast) == 3, fast  # one per bad schema; the good one passes
    assert {7, 8} <= {p.line for p in openapi_problems(doc)}, fast


_KEYS = ["type", "properties", "items", "required", "enum", "minimum", "maximum", "minLength", "maxLength",
         "pattern", "description", "example", "default", "format", "additionalProperties", "$ref", "allOf",
         "nullable", "discriminator", "xml", "deprecated", "uniqueItems", "minItems", "x-ksyun-note"]
_VALUES = st.one_of(
    st.none(), st.booleans(), st.integers(-3, 3), st.floats(allow_nan=False, allow_infinity=False),
    st.sampled_from(["string", "integer", "object", "array", "number", "boolean", "null", "strin", "[a-", "^a+$",
                     "#/components/schemas/X", "date-time"]),
    st.lists(st.sampled_from(["A", "B", "string", 1]), max_size=3),
)


def _schemas() -> st.SearchStrategy[Any]:
    return st.recursive(
        st.dictionaries(st.sampled_from(_KEYS), _VALUES, max_size=4),
        lambda inner: st.one_of(
            st.dictionaries(st.sampled_from(_KEYS), st.one_of(_VALUES, inner), max_size=4),
            st.fixed_dictionaries({"type": st.just("object"),
                                   "properties": st.dictionaries(st.sampled_from(["A", "B"]), inner, max_size=2)}),
            st.fixed_dictionaries({"type": st.just("array"), "items": inner}),
        ),
        max_leaves=8,
    )


@settings(max_examples=400, deadline=None)
@given(_schemas())
def test_the_fast_check_never_passes_what_the_original_rejects(schema: Any) -> None:
    if schema_surely_valid(schema):
        assert original_check(schema), schema
