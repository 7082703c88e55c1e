"""import-doc edits only the regions of the spec a page touches
(generator.importdoc.regions), with the same result as a whole round trip."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from conftest import SPEC, run_cli

import generator.importdoc as importdoc
from generator.importdoc.regions import layout
from generator.pipeline import load_api

PAGES = Path(__file__).resolve().parent / "pages"
HINTS = PAGES / "hints.yaml"
ORDER = ["DescribeInstances", "RunInstances", "DescribeInstanceTypeConfigs"]


def _import_all(spec: Path) -> str:
    for name in ORDER:
        code, _out, err = run_cli("import-doc", str(PAGES / f"{name}.txt"), "--service", "kec",
                                  "--version", "2016-03-04", "--spec", str(spec), "--hints", str(HINTS))
        assert code == 0, err
    return (spec / "kec" / "2016-03-04.yaml").read_text(encoding="utf-8")


def _hand(tmp_path: Path, name: str) -> Path:
    spec = tmp_path / name
    spec.mkdir()
    shutil.copy(SPEC / "common.yaml", spec / "common.yaml")
    shutil.copytree(SPEC / "kec", spec / "kec")
    return spec


def test_region_editing_gives_the_whole_round_trips_text(tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    regions = _import_all(_hand(tmp_path, "regions"))
    with monkeypatch.context() as m:
        m.setattr(importdoc, "layout", lambda text, root=None: None)
        whole = _import_all(_hand(tmp_path, "whole"))
    assert regions == whole
    assert layout(regions) is not None  # what import-doc writes can be edited by regions


def test_untouched_regions_keep_their_bytes(tmp_path: Path) -> None:
    """A hand-formatted action elsewhere in the spec is not re-dumped."""
    spec = _hand(tmp_path, "spec")
    path = spec / "kec" / "2016-03-04.yaml"
    text = path.read_text(encoding="utf-8")
    odd = "          schema: {type: string,   enum: [DescribeImages]}   # kept as written\n"
    text = text.replace("          schema:\n            type: string\n            enum: [DescribeImages]\n",
                        odd, 1)
    assert odd in text
    path.write_text(text, encoding="utf-8")
    assert load_api(spec)
    new = _import_all(spec)
    assert odd in new
    # Every path item the pages do not touch keeps its bytes.
    items = re.split(r"(?m)^(?=  /#Action=)", text[: text.index("\ncomponents:")])[1:]
    untouched = [item for item in items
                 if item.split("=", 1)[1].split(":", 1)[0] not in ORDER]
    assert len(untouched) >= 2
    for item in untouched:
        assert item in new
