"""ksyun-codegen release on a sample change: versions per SDK from the
classification, in the spec and the packages' metadata, and changelogs that
name wire and language names."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from generator.cli import main
from generator.diff.release import bumped, prepend_changelog, write_spec_versions

BASE = Path(__file__).resolve().parent / "diff" / "base"
SPEC = "spec/demo/2020-01-01.yaml"


def git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.com", *args],
                   cwd=cwd, check=True, capture_output=True)


@pytest.mark.parametrize(("version", "kind", "expected"), [
    ("0.1.0", "major", "1.0.0"), ("1.4.2", "minor", "1.5.0"), ("1.4.2", "patch", "1.4.3"), ("1.4.2", None, "1.4.2"),
])
def test_bumped(version: str, kind: str | None, expected: str) -> None:
    assert bumped(version, kind) == expected


def test_versions_are_written_into_common_yaml_keeping_every_other_line(tmp_path: Path) -> None:
    common = tmp_path / "common.yaml"
    shutil.copyfile(BASE / "common.yaml", common)
    before = common.read_text(encoding="utf-8")
    write_spec_versions(common, {"python": "1.0.0", "typescript": "0.2.0", "go": "0.2.0"})
    write_spec_versions(common, {"python": "1.0.1", "typescript": "0.2.0", "go": "0.2.0"})
    after = common.read_text(encoding="utf-8")
    block = '  x-ksyun-sdk-versions:\n    go: "0.2.0"\n    python: "1.0.1"\n    typescript: "0.2.0"\n'
    assert block in after and after.replace(block, "") == before


def test_an_entry_for_the_same_version_is_replaced(tmp_path: Path) -> None:
    log = tmp_path / "CHANGELOG.md"
    prepend_changelog(log, "## 0.2.0 (d)\n\nfirst\n", "0.2.0")
    prepend_changelog(log, "## 0.3.0 (d)\n\nsecond\n", "0.3.0")
    prepend_changelog(log, "## 0.3.0 (d)\n\nsecond, again\n", "0.3.0")
    assert log.read_text(encoding="utf-8") == (
        "# Changelog\n\n## 0.3.0 (d)\n\nsecond, again\n\n## 0.2.0 (d)\n\nfirst\n")


def test_release_on_a_sample_change(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """Label pinned to label_ (a rename in Python only) and a new response field:
    Python 1.0.0 (major), TypeScript and Go 0.2.0 (minor)."""
    root = tmp_path / "repo"
    shutil.copytree(BASE, root / "spec")
    git(root, "init", "-q")
    git(root, "add", "spec")
    git(root, "commit", "-q", "-m", "base")
    spec = root / SPEC
    text = spec.read_text(encoding="utf-8")
    text = text.replace("        - name: Label\n", "        - name: Label\n          x-ksyun-name: label_\n")
    text = text.replace("        ThingId:\n          type: string\nx-ksyun", "        ThingId:\n          type: string\n"
                        "        CreatedAt:\n          type: string\nx-ksyun")
    spec.write_text(text, encoding="utf-8")
    monkeypatch.chdir(root)
    assert main(["release", "--base", "HEAD", "--date", "2025-01-31", "--out", "generated"]) == 0
    out = capsys.readouterr().out
    assert "python: 0.1.0 → 1.0.0 (major)" in out
    assert "typescript: 0.1.0 → 0.2.0 (minor)" in out
    assert "go: 0.1.0 → 0.2.0 (minor)" in out
    common = (root / "spec" / "common.yaml").read_text(encoding="utf-8")
    assert '    python: "1.0.0"\n    typescript: "0.2.0"\n' in common
    assert 'version = "1.0.0"' in (root / "generated/python/pyproject.toml").read_text(encoding="utf-8")
    assert '__version__ = "1.0.0"' in (root / "generated/python/ksyun_sdk/_version.py").read_text(encoding="utf-8")
    assert json.loads((root / "generated/typescript/package.json").read_text(encoding="utf-8"))["version"] == "0.2.0"
    assert 'VERSION = "0.2.0"' in (root / "generated/typescript/src/version.ts").read_text(encoding="utf-8")
    # the version each SDK sends in its User-Agent
    assert 'const Version = "0.2.0"' in (root / "generated/go/ksyun/version.go").read_text(encoding="utf-8")
    py_log = (root / "generated/python/CHANGELOG.md").read_text(encoding="utf-8")
    ts_log = (root / "generated/typescript/CHANGELOG.md").read_text(encoding="utf-8")
    assert py_log.startswith("# Changelog\n\n## 1.0.0 (2025-01-31)\n\nChanges to the spec since HEAD.\n\n### demo 2020-01-01\n")
    assert "**Breaking**\n\n- python label → label_ (wire `Label`, Python `label → label_`)" in py_log
    assert "**Added**\n\n- field CreateThingResponse.CreatedAt (string) added (wire `CreatedAt`, Python `created_at`)" in py_log
    assert ts_log.startswith("# Changelog\n\n## 0.2.0 (2025-01-31)\n")
    assert "**Added**\n\n- field CreateThingResponse.CreatedAt (string) added (wire `CreatedAt`, TypeScript `createdAt`)" in ts_log
    assert "Breaking" not in ts_log
    # the released tree is current, and a second release against the same base changes nothing
    assert main(["check", "--out", "generated", "--target", "python"]) == 0
    before = py_log
    assert main(["release", "--base", "HEAD", "--date", "2025-01-31", "--out", "generated", "--no-generate"]) == 0
    assert (root / "generated/python/CHANGELOG.md").read_text(encoding="utf-8") == before
