"""Nasty input through the command line: each gets a one-line error, a non-zero
exit, no traceback, and leaves the output folder (or the spec) as it was.

Spec-level cases live in tests/test_bad_specs.py; these are the ones about the
command's own arguments, import-doc's files and text the templates must escape.
"""

from __future__ import annotations

import ast
import shutil
from pathlib import Path

import pytest
from conftest import FIXTURES, SPEC, read_bytes_tree, run_cli, sdk_on_path

PAGES = Path(__file__).resolve().parent / "pages"
RUN_INSTANCES = (PAGES / "RunInstances.txt").read_text(encoding="utf-8")
IMPORT = ("--service", "kec", "--version", "2016-03-04", "--spec", "spec")


def assert_refused(code: int, err: str, message: str) -> None:
    assert code == 2, err
    assert "Traceback" not in err
    assert message in err, err


# ---- text the templates must escape ----------------------------------------------

def test_title_with_quotes_and_a_newline_is_escaped(tmp_path: Path) -> None:
    shutil.copytree(FIXTURES / "minimal", tmp_path / "spec")
    service = tmp_path / "spec" / "demo" / "2020-01-01.yaml"
    title = 'Demo """\nimport os {{ x }} \\'
    text = service.read_text(encoding="utf-8")
    service.write_text(text.replace("  title: Demo\n", '  title: "Demo \\"\\"\\"\\nimport os {{ x }} \\\\"\n'),
                       encoding="utf-8")
    code, _out, err = run_cli("generate", "--spec", "spec", "--out", "out", cwd=tmp_path)
    assert code == 0, err
    root = tmp_path / "out" / "python"
    one_line = " ".join(title.split())
    for rel in ("ksyun_sdk/__init__.py", "ksyun_sdk/demo/v2020_01_01/client.py",
                "ksyun_sdk/demo/v2020_01_01/errors.py"):
        doc = ast.get_docstring(ast.parse((root / rel).read_text(encoding="utf-8")), clean=False)
        assert doc is not None and one_line in doc, (rel, doc)
    with sdk_on_path(root):
        import ksyun_sdk.demo.v2020_01_01 as demo

        assert demo.DemoClient.__name__ == "DemoClient"
