"""What the command line says outside of generate: --version, a missing --spec,
and "nothing was written" only where something could have been written."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import FIXTURES, REPO, run_cli


def test_version() -> None:
    from importlib.metadata import version

    done = subprocess.run([sys.executable, "-m", "generator", "--version"], cwd=REPO,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0
    assert done.stdout == f"ksyun-codegen {version('ksyun-codegen')}\n"


@pytest.mark.parametrize("command", [["validate"], ["generate"], ["check"],
                                     ["export-doc", "--action", "X"], ["mock", "--port", "0"]])
def test_a_missing_spec_folder_is_one_plain_line(tmp_path: Path, command: list[str]) -> None:
    code, out, err = run_cli(*command, "--spec", "nosuch/", cwd=tmp_path)
    assert (code, out, err) == (2, "", "nosuch: no such folder\n")


def test_a_missing_spec_file(tmp_path: Path) -> None:
    code, _out, err = run_cli("validate", "--spec", "kec.yaml", cwd=tmp_path)
    assert (code, err) == (2, "kec.yaml: no such file\n")


def _broken_spec(tmp_path: Path) -> None:
    shutil.copytree(FIXTURES / "minimal", tmp_path / "spec")
    path = tmp_path / "spec" / "demo" / "2020-01-01.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("type: integer", "type: integr", 1),
                    encoding="utf-8")


@pytest.mark.parametrize(("command", "writes"), [
    (["validate"], False), (["export-doc", "--action", "DescribeThings"], False),
    (["check", "--out", "out"], False), (["generate", "--out", "out"], True),
])
def test_only_a_writing_command_says_nothing_was_written(
        tmp_path: Path, command: list[str], writes: bool) -> None:
    _broken_spec(tmp_path)
    code, _out, err = run_cli(*command, "--spec", "spec", cwd=tmp_path)
    assert code == 2
    last = err.splitlines()[-1]
    assert last.startswith("ksyun-codegen: 1 problem")
    assert ("nothing was written" in last) == writes, last


def test_import_doc_names_the_page_as_given(tmp_path: Path) -> None:
    page = tmp_path / "pages" / "Bad.txt"
    page.parent.mkdir()
    page.write_text("no tables here\n", encoding="utf-8")
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    code, _out, err = run_cli("import-doc", str(page), "--service", "kec", "--version", "2016-03-04",
                              "--spec", str(tmp_path / "spec"), cwd=outside)
    assert code == 2
    assert err.splitlines()[0].startswith(f"{page.as_posix()}:1: no parameter table")
    code, _out, err = run_cli("import-doc", "../pages/Bad.txt", "--service", "kec", "--version",
                              "2016-03-04", "--spec", "../spec", cwd=outside)
    assert err.splitlines()[0].startswith("../pages/Bad.txt:1: no parameter table")
