"""black confirms rather than reformats (generator/fmt.py ``settled``): a file the
formatter leaves to the emitter must be one black changes nothing in.  Checked on the
whole Python tree of the fixtures, the committed spec, the benchmark service and a
spec whose every text is hostile; and the generated trees themselves are what
black writes."""

from __future__ import annotations

import itertools
import sys
from pathlib import Path
from typing import Any

import pytest
from conftest import FIXTURES, SPEC
from hostile_strings import TEXTS

from generator.fmt import LINE_LENGTH, format_source, settled
from generator.pipeline import load_api
from generator.targets import get_target

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "bench"))
import bench_vendor  # noqa: E402


@pytest.fixture(autouse=True)
def _no_cache(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KSYUN_CODEGEN_NO_CACHE", "1")


def _unformatted(spec: Path) -> dict[str, str]:
    target = get_target("python")
    target.postprocess = lambda files: files  # type: ignore[method-assign]
    try:
        return {p: t for p, t in target.render(load_api(spec)).items() if p.endswith(".py")}
    finally:
        del target.postprocess


def _hostile(folder: Path) -> Path:
    doc = bench_vendor.synth_doc(4)
    texts = itertools.cycle(TEXTS)

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            for key in ("description", "summary"):
                if isinstance(node.get(key), str):
                    node[key] = next(texts)
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(doc)
    bench_vendor.write_spec(folder, doc)
    return folder


def _wrongly_settled(files: dict[str, str]) -> list[str]:
    return sorted(p for p, src in files.items() if settled(src) and format_source(src) != src)


@pytest.mark.parametrize("spec", [SPEC, FIXTURES / "minimal", FIXTURES / "naming", FIXTURES / "docs",
                                  FIXTURES / "js_names"], ids=lambda p: p.name)
def test_what_black_is_spared_it_would_not_change(spec: Path) -> None:
    files = _unformatted(spec)
    assert files and _wrongly_settled(files) == []


def test_the_benchmark_service_and_hostile_text(tmp_path: Path) -> None:
    bench_vendor.write_spec(tmp_path / "bench", bench_vendor.synth_doc(12))
    files = _unformatted(tmp_path / "bench")
    assert sum(settled(s) for s in files.values()) > len(files) * 0.9  # black only confirms
    assert _wrongly_settled(files) == []
    assert _wrongly_settled(_unformatted(_hostile(tmp_path / "hostile"))) == []


def test_the_generated_trees_are_what_black_writes() -> None:
    trees = [ROOT / "generated" / "python", *sorted((ROOT / "tests" / "golden").glob("*/python"))]
    checked = 0
    for tree in trees:
        for path in sorted(tree.rglob("*.py")):
            src = path.read_text(encoding="utf-8")
            assert format_source(src) == src, path
            checked += 1
    assert checked > 50


@pytest.mark.parametrize("src", [
    "x = 1 \n", "x = 1", "x = 1\n\n", "x = 1\r\n", "x = 1\t# tab\n", "x = \\\n    1\n", "a = 1\n\n\n\nb = 2\n",
    "x = [" + "1, " * 40 + "]\n",
    'def f():\n    """' + "a" * LINE_LENGTH + '"""\n',
    'def f():\n    """a\n\n    ' + "b" * LINE_LENGTH + '"""\n',
])
def test_what_is_not_plainly_blacks_goes_to_black(src: str) -> None:
    assert not settled(src)


def test_long_lines_inside_a_string_are_settled() -> None:
    src = 'def f() -> None:\n    """Summary.\n\n    ' + " ".join(["word"] * 30) + '\n    """\n'
    assert settled(src) and format_source(src) == src


@pytest.mark.parametrize("src", [
    'x = 1\ny = """a\n' + "b" * 120 + '\n"""\n',  # an assignment's string: the tokenizer says
    "x = '\"\"\"'\n" + "y = [" + "1, " * 40 + "]\n",  # quotes in a string, then a long line of code
    'def f():\n    """a\n    \\"""\n    ' + "c" * 120 + '\n    """\n',  # an escaped quote
])
def test_the_quick_string_scan_never_hides_code(src: str) -> None:
    """settled's scan for docstring lines hands anything unusual to the tokenizer, so a
    long line of code is never taken for a line inside a string."""
    import tokenize

    try:
        list(tokenize.generate_tokens(__import__("io").StringIO(src).readline))
    except (tokenize.TokenError, SyntaxError):
        return
    if settled(src):
        assert format_source(src) == src
