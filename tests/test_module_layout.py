"""The generator's modules depend on each other in one direction: stage by stage,
no cycles (import-doc's stages; the Python target's names below both its users)."""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

import pytest

GENERATOR = Path(__file__).resolve().parents[1] / "generator"


def imported(module: str) -> set[str]:
    """Modules *module* imports, at any depth of its code (lazy imports count too)."""
    path = GENERATOR.joinpath(*module.split(".")[1:])
    path = path / "__init__.py" if path.is_dir() else path.with_suffix(".py")
    package = module if path.name == "__init__.py" else module.rsplit(".", 1)[0]
    out: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                out.add(".".join(base + ([node.module] if node.module else [])))
            elif node.module:
                out.add(node.module)
        elif isinstance(node, ast.Import):
            out |= {a.name for a in node.names}
    return out


def test_python_models_does_not_import_the_python_target() -> None:
    assert "generator.targets.python.target" not in imported("generator.targets.python.models")
    assert "generator.targets.python.target" not in imported("generator.targets.python.names")
    assert "generator.targets.python.models" not in imported("generator.targets.python.names")


STAGES = ["hints", "yamlio", "plan", "names", "merge"]  # import-doc, earlier stages first


@pytest.mark.parametrize("stage", STAGES)
def test_import_doc_stages_import_only_earlier_ones(stage: str) -> None:
    later = {f"generator.importdoc.{s}" for s in STAGES[STAGES.index(stage) + 1:]} | {"generator.importdoc"}
    assert not imported(f"generator.importdoc.{stage}") & later
    importlib.import_module(f"generator.importdoc.{stage}")  # and each loads alone


# The IR builder's parts (generator/builder/, entry points in generator/build.py),
# earlier first: each imports only earlier parts, and of the generator only the
# stages before the IR (never generator.build, a target or the pipeline).
BUILD_PARTS = ["context", "examples", "types", "errors", "paging", "operations"]
BEFORE_IR = {"generator.ir", "generator.load", "generator.problems", "generator.extensions"}


@pytest.mark.parametrize("part", BUILD_PARTS)
def test_build_parts_import_only_earlier_ones(part: str) -> None:
    earlier = {f"generator.builder.{p}" for p in BUILD_PARTS[: BUILD_PARTS.index(part)]}
    ours = {m for m in imported(f"generator.builder.{part}") if m.startswith("generator")}
    assert ours <= earlier | BEFORE_IR, ours - earlier - BEFORE_IR
    importlib.import_module(f"generator.builder.{part}")  # and each loads alone


def test_build_imports_only_its_parts_and_earlier_stages() -> None:
    ours = {m for m in imported("generator.build") if m.startswith("generator")}
    assert ours <= {f"generator.builder.{p}" for p in BUILD_PARTS} | BEFORE_IR
    assert imported("generator.builder") == set()  # the parts' package imports nothing


def test_the_builder_is_seen_by_git_ruff_and_the_no_op_state() -> None:
    """A folder named build/ would be skipped by all three (.gitignore, ruff's
    default excludes, generator.state's hash of the generator's code)."""
    from generator.state import GENERATOR as CODE
    from generator.state import _files

    assert GENERATOR / "builder" / "types.py" in _files(CODE)
    assert not (GENERATOR / "build").exists()


def test_build_gives_every_public_name_of_its_parts() -> None:
    build = importlib.import_module("generator.build")
    for name in build.__all__:
        part = build._PARTS.get(name)
        value = getattr(build, name)
        if part is not None:
            assert value is getattr(importlib.import_module(f"generator.builder.{part}"), name)
