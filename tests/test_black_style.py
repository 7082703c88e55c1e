"""The Python target emits code already in black's style (generator.targets.python.style).

black still formats every file; these tests prove it has nothing to change,
which is what makes it cheap (a file black rewrites costs it two passes).
"""

from __future__ import annotations

import ast
import difflib
import sys
from pathlib import Path

import pytest

from generator.fmt import format_source
from generator.pipeline import load_api
from generator.targets import get_target
from generator.targets.python.style import (
    LINE_LENGTH,
    black_quotes,
    blank_line_after_class_docstrings,
    bracketed,
    from_dcg,
    import_from,
    split_long_fields,
)

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "bench"))
import bench_vendor  # noqa: E402


def _unformatted(spec: Path) -> dict[str, str]:
    """Every .py file of the Python target for *spec*, before black."""
    target = get_target("python")
    target.postprocess = lambda files: files  # type: ignore[method-assign]
    return {p: t for p, t in target.render(load_api(spec)).items() if p.endswith(".py")}


def _changed(files: dict[str, str]) -> dict[str, list[str]]:
    """Files black changes, with the lines it removes."""
    out: dict[str, list[str]] = {}
    for path, src in sorted(files.items()):
        formatted = format_source(src)
        if formatted != src:
            out[path] = [line[1:] for line in difflib.unified_diff(src.splitlines(), formatted.splitlines(),
                                                                  lineterm="", n=0)
                         if line.startswith("-") and not line.startswith("---")] or ["(line ends)"]
    return out


@pytest.fixture(autouse=True)
def _no_cache(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KSYUN_CODEGEN_NO_CACHE", "1")


@pytest.mark.parametrize("name", ["minimal", "naming"])
def test_black_changes_nothing_the_fixtures_make(name: str) -> None:
    files = _unformatted(ROOT / "tests" / "fixtures" / name)
    assert len(files) > 20
    assert _changed(files) == {}


def test_black_changes_nothing_in_the_benchmark_service(tmp_path: Path) -> None:
    bench_vendor.write_spec(tmp_path / "spec", bench_vendor.synth_doc(12))
    files = _unformatted(tmp_path / "spec")
    assert any("/shapes/" in p for p in files) and any("/_actions/" in p for p in files)
    assert _changed(files) == {}


def test_black_changes_only_wide_literal_types_in_the_committed_spec() -> None:
    """KEC's DiskType enum is a Literal too wide for one line; black wraps it
    (in parentheses in an annotation, inside the brackets in a TypedDict) and
    nothing else in the committed spec's output."""
    changed = _changed(_unformatted(ROOT / "spec"))
    assert len(changed) <= 2, sorted(changed)
    for path, removed in changed.items():
        for line in removed:
            assert "Literal[" in line and len(line) > LINE_LENGTH, (path, line)


# ------------------------------------------------------------------ the helpers, each against black

def _stable(src: str) -> None:
    assert format_source(src) == src


def test_import_from_one_line_or_exploded_as_black_does() -> None:
    short = import_from("..models.x", ["A", "B"], 1)
    assert short == "    from ..models.x import A, B"
    long_names = [f"DescribeSomethingRatherLong{i}Response" for i in range(3)]
    wide = import_from("..models.describe_something_rather_long", long_names, 2)
    assert wide.splitlines()[0].endswith("import (") and wide.endswith("        )")
    _stable(f"def f() -> None:\n    if True:\n{wide}\n\n        return None\n")
    _stable(f"if True:\n{short}\n")


def test_black_quotes_follows_black_on_tricky_literals() -> None:
    src = ("x = 'plain'\ny = 'has \"double\" inside'\nz = 'it\\'s'\n"
           "w = '''triple'''\n# a comment with 'quotes' stays\nv = '中文'\nu = 'a\\\\'\n")
    out = black_quotes(src)
    assert ast.dump(ast.parse(out)) == ast.dump(ast.parse(src))
    assert "# a comment with 'quotes' stays" in out
    assert format_source(src) == format_source(out) == out


def test_blank_line_after_class_docstrings_only_in_dcg_layout() -> None:
    src = 'class A(B):\n    """\n    Text\n    """\n    x: int = 1\n\n\nclass C(B):\n    x: int = 1\n'
    out = blank_line_after_class_docstrings(src)
    assert out == src.replace('    """\n    x: int = 1', '    """\n\n    x: int = 1', 1)
    _stable(out)
    assert blank_line_after_class_docstrings(out) == out  # idempotent


@pytest.mark.parametrize("description", [
    "短",  # fits: unchanged
    "描述" * 20,  # too wide: arguments on one line
    "描述" * 60,  # still too wide: one argument per line
    "a, b (c) [d] 'e' " * 6,  # commas, brackets and quotes inside the string
])
def test_split_long_fields_matches_black(description: str) -> None:
    line = f'    some_field: list[str] | None = Field(default=None, alias="SomeField", description="{description}")'
    src = f"class A(B):\n{line}\n"
    out = split_long_fields(src)
    assert ast.dump(ast.parse(out)) == ast.dump(ast.parse(src))
    _stable(out)


def test_from_dcg_output_needs_no_black() -> None:
    dcg = ("# header\n\nfrom __future__ import annotations\n\nfrom pydantic import Field\n\n\n"
           "class A(Base):\n    \"\"\"\n    Doc\n    \"\"\"\n"
           "    a: str | None = Field(default=None, alias='A', description='x')\n"
           f"    b: int | None = Field(default=None, alias='B', description='{'很长' * 40}')")
    out = from_dcg(dcg)
    # the one change besides layout: alias= becomes validation_alias= and serialization_alias=
    wire = dcg.replace("alias='A'", "validation_alias='A', serialization_alias='A'").replace(
        "alias='B'", "validation_alias='B', serialization_alias='B'")
    assert ast.dump(ast.parse(out)) == ast.dump(ast.parse(wire))
    _stable(out)


def test_wire_aliases_touches_only_field_arguments() -> None:
    from generator.targets.python.style import wire_aliases

    src = ("    a: str | None = Field(default=None, alias='A', description='alias=\\'x\\', alias=\"y\"')\n"
           "    b: int = Field(..., alias=\"B\")\n"
           "x = Field(alias='top level')\n"
           "    c: int = Field(default=1)")
    assert wire_aliases(src).splitlines() == [
        "    a: str | None = Field(default=None, validation_alias='A', serialization_alias='A', "
        "description='alias=\\'x\\', alias=\"y\"')",
        "    b: int = Field(..., validation_alias=\"B\", serialization_alias=\"B\")",
        "x = Field(alias='top level')",
        "    c: int = Field(default=1)",
    ]


def test_bracketed_lists_and_dicts() -> None:
    names = ['"A"', '"B"']
    _stable("__all__ = " + bracketed([]) + "\n")
    _stable("__all__ = " + bracketed(names) + "\n")
    _stable("X = " + bracketed(['"A": A'], "{}") + "\n")
