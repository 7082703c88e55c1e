"""Golden trees for the test fixtures: what tests/fixtures/<name> generates is
committed under tests/golden/<name>/ and checked byte for byte, so a change to
names or layout shows up as a reviewable diff.

After an intended change, update them and review the diff:

    KSYUN_UPDATE_GOLDEN=1 .venv/bin/python -m pytest -q tests/test_golden_fixtures.py
    git diff tests/golden/

(the same as ``ksyun-codegen generate --spec tests/fixtures/<name> --out tests/golden/<name>``).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from conftest import FIXTURES, read_bytes_tree, run_cli

GOLDEN = Path(__file__).resolve().parent / "golden"
CASES = ("minimal", "naming")
UPDATE = os.environ.get("KSYUN_UPDATE_GOLDEN") == "1"


@pytest.mark.parametrize("name", CASES)
def test_fixture_output_matches_its_golden_tree(name: str, tmp_path: Path) -> None:
    if UPDATE:
        code, _out, err = run_cli("generate", "--spec", FIXTURES / name, "--out", GOLDEN / name)
        assert code == 0, err
    out = tmp_path / "out"
    code, _out, err = run_cli("generate", "--spec", FIXTURES / name, "--out", out)
    assert code == 0, err
    fresh = read_bytes_tree(out)
    golden = read_bytes_tree(GOLDEN / name)
    hint = f"tests/golden/{name} is stale; see this module's docstring to update it"
    assert sorted(fresh) == sorted(golden), hint
    for rel, data in fresh.items():
        assert golden[rel] == data, f"{rel}: {hint}"


@pytest.mark.parametrize("name", CASES)
def test_check_names_what_differs_from_a_golden_tree(name: str) -> None:
    """`ksyun-codegen check` against the golden tree: the reviewable diff when it is stale."""
    code, out, err = run_cli("check", "--spec", FIXTURES / name, "--out", GOLDEN / name)
    assert code == 0, out + err


def test_a_renamed_class_shows_in_the_golden_diff(tmp_path: Path) -> None:
    """The golden tree catches a change of names: rename one schema in a copy of the
    fixture and the check fails with a diff naming the old and the new class."""
    import shutil

    spec = tmp_path / "spec"
    shutil.copytree(FIXTURES / "minimal", spec)
    doc = spec / "demo" / "2020-01-01.yaml"
    text = doc.read_text(encoding="utf-8")
    assert "\n    Thing:\n" in text and 'schemas/Thing"' in text
    doc.write_text(text.replace("\n    Thing:\n", "\n    Gadget:\n").replace('schemas/Thing"', 'schemas/Gadget"'),
                   encoding="utf-8")
    code, diff, err = run_cli("check", "--spec", spec, "--out", GOLDEN / "minimal")
    assert code == 1, err
    assert "-class Thing(" in diff and "+class Gadget(" in diff
