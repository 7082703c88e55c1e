"""The corpus of spec pairs (tests/diff/cases.yaml): each case's changes and
their classification per audience, as written by hand from the rules table."""

from __future__ import annotations

import copy
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.diff.compare import compare
from generator.diff.rules import RULES
from generator.diff.source import load_snapshot

HERE = Path(__file__).resolve().parent / "diff"
BASE = HERE / "base"
CASES: list[dict[str, Any]] = yaml.safe_load((HERE / "cases.yaml").read_text(encoding="utf-8"))
MAIN = "demo/2020-01-01.yaml"


def _tokens(pointer: str) -> list[str]:
    return [t.replace("~1", "/").replace("~0", "~") for t in pointer.lstrip("/").split("/")]


def _parent(data: Any, pointer: str) -> tuple[Any, str | int]:
    *head, last = _tokens(pointer)
    node = data
    for t in head:
        node = node[int(t)] if isinstance(node, list) else node[t]
    return node, (int(last) if isinstance(node, list) else last)


def _apply(folder: Path, edits: list[dict[str, Any]]) -> None:
    current = MAIN
    for edit in edits:
        if "copy" in edit:
            (folder / edit["to"]).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(folder / edit["copy"], folder / edit["to"])
            continue
        current = edit.get("file", current)
        path = folder / current
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        if "set" in edit:
            node, key = _parent(data, edit["set"])
            if isinstance(node, list) and isinstance(key, int) and key == len(node):
                node.append(copy.deepcopy(edit["value"]))
            else:
                node[key] = copy.deepcopy(edit["value"])
        elif "remove" in edit:
            node, key = _parent(data, edit["remove"])
            del node[key]
        elif "move" in edit:
            node, key = _parent(data, edit["move"])
            value = node.pop(key)
            node2, key2 = _parent(data, edit["to"])
            node2[key2] = value
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def pair(tmp: Path, case: dict[str, Any]) -> tuple[Path, Path]:
    out = []
    for side in ("old", "new"):
        folder = tmp / side
        shutil.copytree(BASE, folder)
        _apply(folder, case.get(side, []))
        out.append(folder)
    return out[0], out[1]


def classified(tmp: Path, case: dict[str, Any]) -> list[tuple[str, str, str, tuple[str, ...]]]:
    old, new = pair(tmp, case)
    changes = compare(load_snapshot(old, "old"), load_snapshot(new, "new"))
    return sorted((c.service, c.kind, c.location, tuple(a for a, b in c.breaking if b)) for c in changes)


def expected(case: dict[str, Any]) -> list[tuple[str, str, str, tuple[str, ...]]]:
    order = ("wire", "python", "typescript", "go", "docs")
    return sorted((e.get("service", "demo"), e["change"], e["location"],
                   tuple(a for a in order if a in e["breaking"])) for e in case["expect"])


@pytest.mark.parametrize("case", CASES, ids=[c["case"] for c in CASES])
def test_case(tmp_path: Path, case: dict[str, Any]) -> None:
    assert classified(tmp_path, case) == expected(case)


def test_every_rule_has_a_case_of_its_own() -> None:
    """One case per row, named after it (a test per row of the table)."""
    assert {c["case"] for c in CASES} >= set(RULES)


def test_expectations_use_known_kinds_and_audiences() -> None:
    for c in CASES:
        for e in c["expect"]:
            assert e["change"] in RULES, (c["case"], e["change"])
            assert set(e["breaking"]) <= {"wire", "python", "typescript", "go", "docs"}


def test_every_registered_target_has_a_column() -> None:
    from generator.diff.rules import AUDIENCES
    from generator.targets import TARGETS

    assert set(TARGETS) <= set(AUDIENCES)


def test_the_three_formats_are_deterministic(tmp_path: Path) -> None:
    from generator.diff.render import FORMATS

    case = next(c for c in CASES if c["case"] == "mixed-create-thing-v2")
    old, new = pair(tmp_path, case)
    first = compare(load_snapshot(old, "old"), load_snapshot(new, "new"))
    again = compare(load_snapshot(old, "old"), load_snapshot(new, "new"))
    for render in FORMATS.values():
        assert render(first) == render(again)
    md = FORMATS["markdown"](first)
    assert "| change | what | wire | python | typescript | go | docs | location |" in md
    text = FORMATS["text"](first)
    assert text.endswith("5 change(s), 3 breaking (wire 2, python 2, typescript 2, go 3, docs 0)\n")
