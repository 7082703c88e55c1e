"""Whether an action is safe to repeat comes from the spec (issue 3): the
operation's ``x-ksyun-idempotent``, else the default documented in
spec/README.md (true for Describe*, List*, Get*, Query*, Check*; false
otherwise).  Here the IR; the generated clients' behaviour for defaulted
actions is in tests/test_naming_fixtures.py."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import FIXTURES

from generator.pipeline import load_api

MINIMAL = FIXTURES / "minimal"
NAMING = FIXTURES / "naming"


@pytest.mark.parametrize(("action", "safe"), [
    ("DescribeThings", True), ("ListThings", True), ("GetThing", True), ("QueryThings", True),
    ("CheckThing", True),
    ("CreateThing", False), ("RunThings", False), ("DeleteThing", False), ("ModifyThing", False),
    ("StartThing", False), ("AttachThing", False),
])
def test_default_without_the_flag(tmp_path: Path, action: str, safe: bool) -> None:
    spec = shutil.copytree(MINIMAL, tmp_path / "spec")
    service = spec / "demo" / "2020-01-01.yaml"
    text = service.read_text(encoding="utf-8")
    assert "x-ksyun-idempotent" not in text
    service.write_text(text.replace("DescribeThings", action), encoding="utf-8")
    (svc,) = load_api(spec).services
    assert svc.operation(action).idempotent is safe


@pytest.mark.parametrize(("action", "flag"), [("DescribeThings", False), ("CreateThing", True)])
def test_the_flag_overrides_the_default(tmp_path: Path, action: str, flag: bool) -> None:
    spec = shutil.copytree(MINIMAL, tmp_path / "spec")
    service = spec / "demo" / "2020-01-01.yaml"
    text = service.read_text(encoding="utf-8").replace("DescribeThings", action)
    marker = f"      operationId: {action}\n"
    assert text.count(marker) == 1
    text = text.replace(marker, marker + f"      x-ksyun-idempotent: {str(flag).lower()}\n")
    service.write_text(text, encoding="utf-8")
    (svc,) = load_api(spec).services
    assert svc.operation(action).idempotent is flag


def test_fixture_actions_rely_on_the_default() -> None:
    # tests/test_naming_fixtures.py checks the generated clients with these two
    text = (NAMING / "edge" / "2021-02-03.yaml").read_text(encoding="utf-8")
    assert "x-ksyun-idempotent" not in text
    (svc,) = load_api(NAMING).services
    assert svc.operation("DescribeThings").idempotent is True
    assert svc.operation("CreateThing").idempotent is False
