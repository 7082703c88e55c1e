"""Stage-level tests: load (line numbers, pointers), write (atomic replace)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from conftest import SPEC, read_bytes_tree

from generator import write
from generator.load import parse_yaml
from generator.problems import Problem, SpecError, join_pointer

YAML_TEXT = """\
openapi: 3.1.0
info:
  title: T
paths:
  /#Action=DescribeThings:
    get:
      operationId: DescribeThings
      parameters:
        - name: Action
          in: query
        - name: Version
          in: query
weird~key: 1
"""


# -- load ------------------------------------------------------------------------------------
def test_line_numbers_of_keys_and_list_items() -> None:
    doc = parse_yaml(YAML_TEXT, Path("t.yaml"), "t.yaml")
    op = join_pointer("/paths", "/#Action=DescribeThings", "get")
    assert op == "/paths/~1#Action=DescribeThings/get"
    assert doc.line("") == 1
    assert doc.line("/info") == 2
    assert doc.line("/info/title") == 3
    assert doc.line(op) == 6
    assert doc.line(op + "/operationId") == 7
    assert doc.line(op + "/parameters/0") == 9
    assert doc.line(op + "/parameters/1") == 11
    assert doc.line(op + "/parameters/1/in") == 12
    assert doc.line("/weird~0key") == 13
    # a pointer below a known node falls back to the nearest ancestor
    assert doc.line(op + "/parameters/1/schema/type") == 11
    assert doc.get(op + "/parameters/1/name") == "Version"
    assert doc.get("/weird~0key") == 1
    with pytest.raises(KeyError):
        doc.get(op + "/parameters/5")
    assert str(doc.problem(op + "/operationId", "bad")) == "t.yaml:7: bad"


def test_problem_without_line_names_the_pointer() -> None:
    assert str(Problem("a.yaml", None, "/paths/x", "m")) == "a.yaml: /paths/x: m"
    assert str(Problem("a.yaml", None, "", "m")) == "a.yaml: /: m"


def test_yaml_syntax_error_has_the_line() -> None:
    with pytest.raises(SpecError) as info:
        parse_yaml("a: 1\nb: [1, 2\nc: 3\n", Path("x.yaml"), "x.yaml")
    (problem,) = info.value.problems
    assert problem.file == "x.yaml" and problem.line == 3
    assert "started at line 2" in problem.message


def test_yaml_values_keep_their_types() -> None:
    doc = parse_yaml('a: "20"\nb: 20\nc: true\nd: 2018-07-17\ne: 1.5\nf: ~\n', Path("v.yaml"))
    assert doc.data == {"a": "20", "b": 20, "c": True, "d": "2018-07-17", "e": 1.5, "f": None}
    assert type(doc.data["b"]) is int


def test_ir_sources_point_at_the_spec_lines(kec: Any) -> None:
    lines = (SPEC / "kec" / "2016-03-04.yaml").read_text(encoding="utf-8").splitlines()
    snapshot = kec.shape("ImageSnapshot")
    for f in snapshot.fields:
        assert f.source.file.endswith("kec/2016-03-04.yaml")
        assert lines[f.source.line - 1].strip() == f"{f.name}:", f.name
    op = kec.operation("DescribeImages")
    assert lines[op.source.line - 1].strip() == "get:"
    for err in op.errors:
        assert lines[err.source.line - 1].strip() == f"- code: {err.code}"
    for p in op.parameters:
        assert lines[p.source.line - 1].strip() == f"- name: {p.name}"


# -- write -------------------------------------------------------------------------------------
FILES = {"a.txt": "new a\n", "pkg/b.py": "b = 2\n", "pkg/sub/c.py": "c = 3\n", "z.txt": "z\n"}


@pytest.fixture
def dest(tmp_path: Path) -> Path:
    out = tmp_path / "out"
    (out / "pkg").mkdir(parents=True)
    (out / "a.txt").write_text("old a\n")
    (out / "pkg" / "old.py").write_text("old = 1\n")
    return out


def test_write_tree_replaces_exactly(dest: Path) -> None:
    write.write_tree(dest, FILES)
    written = {k: v.decode() for k, v in read_bytes_tree(dest).items()}
    # pkg/old.py was not written by the generator (no manifest lists it): it stays
    assert written.pop("pkg/old.py") == "old = 1\n"
    assert written.pop(write.MANIFEST).splitlines()[1:] == sorted(FILES)
    assert written == FILES
    assert sorted(p.name for p in dest.parent.iterdir()) == ["out"], "temporary folders left"


def test_write_tree_writes_text_untranslated_utf8(tmp_path: Path) -> None:
    write.write_tree(tmp_path / "o", {"x.py": "# 中文\r\nline\n"})
    assert (tmp_path / "o" / "x.py").read_bytes() == "# 中文\r\nline\n".encode()


def test_failure_while_writing_leaves_the_old_tree(dest: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    before = read_bytes_tree(dest)
    calls = {"n": 0}
    real_open = open

    def failing_open(path: Any, *args: Any, **kwargs: Any) -> Any:
        calls["n"] += 1
        if calls["n"] == 3:
            raise OSError(28, "No space left on device")
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(write, "open", failing_open, raising=False)
    with pytest.raises(OSError, match="No space"):
        write.write_tree(dest, FILES)
    assert calls["n"] == 3
    assert read_bytes_tree(dest) == before
    assert sorted(p.name for p in dest.parent.iterdir()) == ["out"], "temporary folders left"


@pytest.mark.parametrize("failing_call", [1, 2])
def test_failure_while_swapping_leaves_the_old_tree(dest: Path, monkeypatch: pytest.MonkeyPatch,
                                                    failing_call: int) -> None:
    before = read_bytes_tree(dest)
    calls = {"n": 0}
    real_replace = os.replace

    def failing_replace(src: Any, dst: Any) -> None:
        calls["n"] += 1
        if calls["n"] == failing_call:
            raise OSError(13, "Permission denied")
        real_replace(src, dst)

    monkeypatch.setattr(write.os, "replace", failing_replace)
    monkeypatch.setattr(write, "_exchange", lambda a, b: False)  # the two-rename fallback
    with pytest.raises(OSError, match="Permission denied"):
        write.write_tree(dest, FILES)
    monkeypatch.undo()
    assert read_bytes_tree(dest) == before
    assert sorted(p.name for p in dest.parent.iterdir()) == ["out"], "temporary folders left"


def test_write_tree_into_a_new_folder(tmp_path: Path) -> None:
    write.write_tree(tmp_path / "deep" / "new", {"f.txt": "x\n"})
    assert (tmp_path / "deep" / "new" / "f.txt").read_text() == "x\n"


def test_read_tree_ignores_caches(tmp_path: Path) -> None:
    (tmp_path / "pkg" / "__pycache__").mkdir(parents=True)
    (tmp_path / "pkg" / "__pycache__" / "m.cpython-311.pyc").write_bytes(b"\0")
    (tmp_path / ".mypy_cache").mkdir()
    (tmp_path / "pkg" / "m.py").write_text("m = 1\n")
    assert write.read_tree(tmp_path) == {"pkg/m.py": "m = 1\n"}
