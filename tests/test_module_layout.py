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
