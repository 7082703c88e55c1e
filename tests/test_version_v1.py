"""API versions that are not dates: KSYUN's kingpay API is 'V1'. Such a page
imports to spec/<service>/V1.yaml, validates, and generates under the module
names v1 (Python) and v1 (TypeScript); date versions keep their names."""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml

from conftest import REPO, SPEC, run_cli
from generator.targets.python.names import version_module
from generator.targets.typescript.target import version_dir

PAGE = REPO / "tests" / "pages" / "versions" / "QueryCoins.txt"


def test_version_names() -> None:
    assert version_module("V1") == "v1" and version_dir("V1") == "v1"
    assert version_module("2016-03-04") == "v2016_03_04" and version_dir("2016-03-04") == "v2016-03-04"


def test_a_v1_page_imports_validates_and_generates(tmp_path: Path) -> None:
    spec = tmp_path / "spec"
    spec.mkdir()
    shutil.copy(SPEC / "common.yaml", spec / "common.yaml")
    code, out, err = run_cli("import-doc", str(PAGE), "--service", "coin", "--api-version", "V1",
                             "--spec", str(spec), "--hints", str(tmp_path / "none.yaml"))
    assert code == 0, err
    doc = yaml.safe_load((spec / "coin" / "V1.yaml").read_text(encoding="utf-8"))
    assert doc["info"]["version"] == "V1"
    op = doc["paths"]["/#Action=QueryCoins"]["get"]
    version = next(p for p in op["parameters"] if p["name"] == "Version")
    assert version["schema"]["enum"] == ["V1"]
    code, out, err = run_cli("generate", "--spec", str(spec), "--out", str(tmp_path / "out"),
                             "--target", "python")
    assert code == 0, err
    package = tmp_path / "out" / "python" / "ksyun_sdk" / "coin" / "v1"
    assert "class CoinClient" in (package / "client.py").read_text(encoding="utf-8")
    assert "def query_coins(" in (package / "_actions" / "query.py").read_text(encoding="utf-8")


def test_a_version_that_is_neither_is_refused_in_words(tmp_path: Path) -> None:
    code, _out, err = run_cli("import-doc", str(PAGE), "--service", "coin", "--api-version", "v1.0",
                              "--spec", str(tmp_path / "spec"))
    assert code == 2
    assert err == ("ksyun-codegen import-doc: --api-version must be the service's API version "
                   "YYYY-MM-DD (or V1, V2...), got 'v1.0'\n")
