"""Pages the project writes itself, read back without hints: the docs target's
Markdown pages and export-doc's text pages of every action of spec/, imported
into an empty spec, give every action's wire facts (parameters, response tree,
errors) back; the pages kept in spec/sources re-import into spec/ with no byte
changed; a page's named types become shapes of those names."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import REPO, SPEC, run_cli

from generator.ir import Service, TypeRef
from generator.pipeline import load_api

DOCS = REPO / "generated" / "docs" / "markdown"
NAMED = REPO / "tests" / "pages" / "named" / "DescribeNodes.txt"


def _type(service: Service, t: TypeRef, seen: frozenset[str] = frozenset()) -> Any:
    """A type as its structure: scalars by kind and format, objects by their fields (not names)."""
    if t.kind == "array":
        return ["array", _type(service, t.item or TypeRef("any"), seen)]
    if t.kind == "shape" and t.shape:
        if t.shape in seen:
            return ["recursive"]
        shape = service.shape(t.shape)
        return {f.name: (_type(service, f.type, seen | {t.shape}), f.required) for f in shape.fields}
    return [t.kind, t.format]


def _wire_facts(service: Service) -> dict[str, Any]:
    out = {}
    for op in service.operations:
        out[op.action] = {
            "method": op.method,
            "params": {p.name: (_type(service, p.type), p.required) for p in op.parameters},
            "response": _type(service, TypeRef("shape", shape=op.response)),
            "errors": {e.code: e.http_status for e in op.errors},
        }
    return out


def _empty_spec(where: Path) -> Path:
    where.mkdir(parents=True)
    shutil.copy(SPEC / "common.yaml", where / "common.yaml")
    return where


@pytest.mark.parametrize("service", [s.name for s in load_api(SPEC).services])
def test_docs_markdown_pages_give_every_action_back_without_hints(service: str, tmp_path: Path) -> None:
    original = next(s for s in load_api(SPEC).services if s.name == service)
    folder = DOCS / service / original.version
    spec = _empty_spec(tmp_path / "spec")
    code, out, err = run_cli("import-doc", str(folder), "--service", service, "--api-version",
                             original.version, "--spec", str(spec), "--hints", str(tmp_path / "none.yaml"))
    assert code == 0, err
    assert f"{len(original.operations)} page(s): {len(original.operations)} imported, 0 unchanged, " \
           "0 refused; 0 guess(es) to review" in out
    imported = load_api(spec).services[0]
    assert _wire_facts(imported) == _wire_facts(original)


@pytest.mark.parametrize("service", [s.name for s in load_api(SPEC).services])
def test_export_doc_pages_give_every_action_back_without_hints(service: str, tmp_path: Path) -> None:
    original = next(s for s in load_api(SPEC).services if s.name == service)
    pages = tmp_path / "pages"
    pages.mkdir()
    for op in original.operations:
        code, out, err = run_cli("export-doc", "--action", op.action, "--service", service,
                                 "--spec", str(SPEC))
        assert code == 0, err
        (pages / f"{op.action}.txt").write_text(out, encoding="utf-8")
    spec = _empty_spec(tmp_path / "spec")
    code, out, err = run_cli("import-doc", str(pages), "--service", service, "--api-version",
                             original.version, "--spec", str(spec), "--hints", str(tmp_path / "none.yaml"))
    assert code == 0, err
    assert "0 guess(es) to review" in out
    assert _wire_facts(load_api(spec).services[0]) == _wire_facts(original)


@pytest.mark.parametrize("source", sorted(p for p in (SPEC / "sources").glob("*/*") if p.is_dir()),
                         ids=lambda p: f"{p.parent.name}/{p.name}")
def test_source_pages_reimport_without_a_byte_changed(source: Path, tmp_path: Path) -> None:
    spec = tmp_path / "spec"
    shutil.copytree(SPEC, spec)
    target = spec / source.parent.name / f"{source.name}.yaml"
    before = target.read_bytes()
    code, out, err = run_cli("import-doc", str(source), "--service", source.parent.name,
                             "--api-version", source.name, "--spec", str(spec))
    assert code == 0, err
    pages = len(list(source.glob("*.txt")))
    assert f"{pages} page(s): 0 imported, {pages} unchanged, 0 refused" in out
    assert target.read_bytes() == before


def test_named_types_become_shapes_of_their_names(tmp_path: Path) -> None:
    spec = _empty_spec(tmp_path / "spec")
    code, _out, err = run_cli("import-doc", str(NAMED), "--service", "demo", "--api-version",
                              "2020-01-01", "--spec", str(spec))
    assert code == 0, err
    doc = yaml.safe_load((spec / "demo" / "2020-01-01.yaml").read_text(encoding="utf-8"))
    schemas = doc["components"]["schemas"]
    # 'Filter.N | Array of Filter' with its sub-table: the request object Filter
    assert schemas["Filter"]["properties"].keys() == {"Name", "Value"}
    assert schemas["Filter"]["required"] == ["Name"]
    assert schemas["Filter"]["additionalProperties"] is False
    # 'Primary | Node' and 'Backups | Array of Node': one shape Node
    response = schemas["DescribeNodesResponse"]["properties"]
    assert response["Primary"] == {"$ref": "#/components/schemas/Node", "description": "主节点"}
    assert response["Backups"]["items"] == {"$ref": "#/components/schemas/Node"}
    # Node holds itself through Children: a free-form object there, said in a note
    assert schemas["Node"]["properties"]["Children"]["items"] == {"type": "object"}
    assert "note: Node holds itself (through Children); read as a free-form object there" in err
    assert sorted(schemas) == ["DescribeNodesResponse", "Filter", "Node"]


@pytest.mark.parametrize("service", [s.name for s in load_api(SPEC).services])
def test_docs_markdown_pages_reimport_without_a_byte_changed(service: str, tmp_path: Path) -> None:
    original = next(s for s in load_api(SPEC).services if s.name == service)
    spec = tmp_path / "spec"
    shutil.copytree(SPEC, spec)
    target = spec / service / f"{original.version}.yaml"
    before = target.read_bytes()
    code, out, err = run_cli("import-doc", str(DOCS / service / original.version), "--service", service,
                             "--api-version", original.version, "--spec", str(spec))
    assert code == 0, err
    n = len(original.operations)
    assert f"{n} page(s): 0 imported, {n} unchanged, 0 refused; 0 guess(es) to review" in out
    assert target.read_bytes() == before
