"""Loading region by region (generator/loadparts.py) gives exactly the whole parse.

Every check compares :func:`generator.loadparts.parse_parts` with the whole
parse of the same text: the same data, the same line for every JSON pointer
in the same order, or no answer at all (None: the caller parses whole).  A
text the whole parse refuses must never get an answer from the parts.  The
thresholds are lowered so that small texts are cut as far as they can be.
"""

from __future__ import annotations

import json
import marshal
import random
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator import load, loadparts
from generator.cache import Cache
from generator.problems import SpecError

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "bench"))
import bench_vendor  # noqa: E402


@pytest.fixture(autouse=True)
def _cut_everything(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(loadparts, "PARTS_MIN_CHARS", 0)
    monkeypatch.setattr(loadparts, "SPLIT_MIN_CHARS", 0)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv("KSYUN_CODEGEN_NO_CACHE", raising=False)


def whole(text: str) -> tuple[Any, list[tuple[str, int]]] | None:
    """The whole parse: (data, ordered lines), or None when it refuses the text."""
    loader = load._Loader  # noqa: SLF001 (the same loader the parts use)
    assert loader is not None
    try:
        parts = loadparts.PARTS_MIN_CHARS
        loadparts.PARTS_MIN_CHARS = 1 << 62  # parse_yaml must not take the parts here
        try:
            doc = load.parse_yaml(text, Path("x.yaml"), "x.yaml")
        finally:
            loadparts.PARTS_MIN_CHARS = parts
    except SpecError:
        return None
    return doc.data, list(doc.lines.items())


def parts(text: str) -> tuple[Any, list[tuple[str, int]]] | None:
    got = load._parse_parts(text, "x.yaml")  # noqa: SLF001
    return None if got is None else (got[0], list(got[1].items()))


def same_or_none(text: str) -> bool:
    """The parts answer as the whole parse does, or not at all; True when they answered."""
    expected = whole(text)
    first = parts(text)
    again = parts(text)  # every region now from the cache
    if first is None:
        assert again is None
        return False
    assert expected is not None, "the parts answered for a text the whole parse refuses"
    assert first == expected
    assert again == expected
    return True


def spec_texts() -> list[Path]:
    return sorted([*ROOT.glob("spec/*/*.yaml"), *ROOT.glob("spec/*.yaml"),
                   *ROOT.glob("tests/fixtures/*/*/*.yaml")])


@pytest.mark.parametrize("path", spec_texts(), ids=lambda p: p.relative_to(ROOT).as_posix())
def test_committed_specs(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    answered = same_or_none(text)
    if path.parent.parent.name == "spec":
        assert answered, "a spec this project writes is cut into regions"


def test_benchmark_service_json_and_block() -> None:
    doc = bench_vendor.synth_doc(30)
    as_json = json.dumps(doc, indent=1, ensure_ascii=False)
    as_block = yaml.safe_dump(doc, allow_unicode=True, sort_keys=False, width=60)
    assert same_or_none(as_json)
    assert same_or_none(as_block)
    assert same_or_none(json.dumps(doc, indent=4, ensure_ascii=False))


def test_an_edit_reparses_only_what_changed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(loadparts, "SPLIT_MIN_CHARS", 10_000)  # paths and schemas, not their entries
    doc = bench_vendor.synth_doc(20)
    before = json.dumps(doc, indent=1, ensure_ascii=False)
    assert same_or_none(before)
    edited = json.dumps(bench_vendor.with_changed(bench_vendor.with_added(doc)), indent=1,
                        ensure_ascii=False)
    parsed: list[str] = []
    real = loadparts._Parser.parse_region  # noqa: SLF001

    def spy(self: Any, body: str, depth: int) -> Any:
        parsed.append(body)
        return real(self, body, depth)

    monkeypatch.setattr(loadparts._Parser, "parse_region", spy)  # noqa: SLF001
    got = parts(edited)
    assert got == whole(edited)
    # the added action and its three schemas, the changed action and its changed schema
    assert sorted(b.split('"', 2)[1] for b in parsed) == [
        "/#Action=DescribeThing00000", "/#Action=DescribeThingExtra", "DescribeThingExtraResponse",
        "Thing00000", "Thing00020", "Thing00020Part"]


def test_a_corrupt_cache_entry_is_parsed_again() -> None:
    text = yaml.safe_dump({"a": {"b": 1, "c": [1, 2]}, "d": "x"}, sort_keys=False)
    assert same_or_none(text)
    folder = Cache("yaml-regions").folder
    assert folder is not None
    for entry in folder.rglob("*"):
        if entry.is_file():
            entry.write_bytes(b"\x00garbage")
    assert same_or_none(text)
    for entry in folder.rglob("*"):  # well-formed data of the wrong shape
        if entry.is_file():
            entry.write_bytes(marshal.dumps(("a", 1, [5, ("x",), None])))
    assert same_or_none(text)


TRICKY = {
    "keep chomping keeps the blank lines before the next key":
        "a:\n  x: |+\n    text\n\n\nb: 1\n",
    "a compact sequence at the key's indentation": "a:\n  list:\n  - 1\n  - 2\n  other: 3\nb: 4\n",
    "comments at column 0 inside a value": "a:\n  x: 1\n# note\n  y: 2\nb: 3\n",
    "a folded scalar": "a:\n  x: >\n    one\n    two\n\n    three\nb: 1\n",
    "a quoted key and a quoted multi-line value": 'a:\n  "k y": "one\n    two"\nb: 1\n',
    "a plain multi-line value": "a:\n  x: one\n    two\n    three\nb: 1\n",
    "a key repeated across regions": "a:\n  x: 1\nb: 2\na:\n  y: 3\n",
    "a key repeated inside a container": "p:\n  x: 1\n  y: 2\n  x: 3\n",
    "a boolean key": "a:\n  yes: 1\n",
    "a container named like a boolean": "on:\n  x: 1\n",
    "an anchor and its alias in two regions": "a: &v\n  x: 1\nb: *v\n",
    "an alias to nothing": "a: *v\n",
    "a control character": "a:\n  x: \"\\x01\"\n",
    "two documents": "a: 1\n---\nb: 2\n",
    "a tag directive": "%TAG ! tag:example.com,2000:\n---\na: 1\n",
    "a tab in an indentation": "a:\n\tx: 1\n",
    "CR line ends": "a:\r\n  x: 1\r\n",
    "a root sequence": "- a\n- b\n",
    "a scalar root": "just text\n",
    "an indented root": "  a: 1\n  b: 2\n",
    "a dedented line inside a container": "a:\n    x: 1\n  y: 2\nb: 1\n",
    "JSON with a comment after the comma": '{\n "a": 1, # c\n "b": 2\n}\n',
    "JSON with a missing comma": '{\n "a": 1\n "b": 2\n}\n',
    "JSON with a trailing comma": '{\n "a": 1,\n "b": 2,\n}\n',
    "JSON nested": '{\n "a": {\n  "x": [\n   1,\n   2\n  ],\n  "y": {}\n },\n "b": "z"\n}\n',
    "JSON with the closing bracket elsewhere": '{\n "a": {\n  "x": 1},\n "b": 2\n}\n',
    "flow with a multi-line plain value": '{\n "a": one\n two,\n "b": 2\n}\n',
    "flow with a multi-line quoted value": '{\n "a": "one\n "b": 2",\n "c": 1\n}\n',
    "too deep": "a:\n" + "".join(f"{' ' * (2 * i)}  k{i}:\n" for i in range(70)) + " " * 142 + "v: 1\n",
    "an empty container": "a:\nb:\n  c: 1\n",
    "a long key": "a:\n  " + "k" * 1100 + ": 1\n",
    "a flow mapping where a block entry's key belongs": "x: |+\n{top0: 'a: b'}\n",
    "a merge key": "a:\n  <<: {x: 1}\n",
    "a date": "a:\n  d: 2020-01-01\n",
    "a number key": "a:\n  200: ok\n  201: created\n",
}


@pytest.mark.parametrize("name", sorted(TRICKY))
def test_tricky_texts(name: str) -> None:
    same_or_none(TRICKY[name])


def test_the_texts_that_must_be_cut_are() -> None:
    for name in ("keep chomping keeps the blank lines before the next key",
                 "a compact sequence at the key's indentation", "comments at column 0 inside a value",
                 "a folded scalar", "JSON nested", "a number key"):
        assert same_or_none(TRICKY[name]), name


def _random_data(rng: random.Random, depth: int = 0) -> Any:
    kind = rng.random()
    if depth > 4 or kind < 0.35:
        return rng.choice([
            1, -2, 3.5, True, None, "", "text", "two words", "中文 描述", "a: b", "- x", "# no",
            "line one\nline two\n", "trailing  ", "'quoted'", '"dq"', "x" * 90, "1e3", "yes"])
    if kind < 0.55:
        return [_random_data(rng, depth + 1) for _ in range(rng.randint(0, 4))]
    return {rng.choice(["a", "b", "Name", "k-1", "/#Action=X", "x y", "200", "on", "中"])
            + str(i): _random_data(rng, depth + 1) for i in range(rng.randint(0, 5))}


def _mutate(rng: random.Random, text: str) -> str:
    lines = text.split("\n")
    if len(lines) < 2:
        return text
    i = rng.randrange(len(lines))
    op = rng.randrange(5)
    if op == 0:
        del lines[i]
    elif op == 1:
        lines.insert(i, lines[rng.randrange(len(lines))])
    elif op == 2:
        lines[i] = lines[i][1:]
    elif op == 3:
        lines[i] = " " + lines[i]
    else:
        lines.insert(i, rng.choice(["# c", "", "  - z", "}", "x: |+", "  ", "a: 1,"]))
    return "\n".join(lines)


def test_random_documents_and_their_mutations() -> None:
    rng = random.Random(20261202)
    answered = 0
    for n in range(600):
        data = {f"top{i}": _random_data(rng) for i in range(rng.randint(1, 5))}
        if n % 3 == 0:
            text = json.dumps(data, indent=rng.choice([1, 2]), ensure_ascii=False)
        else:
            text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False,
                                  width=rng.choice([20, 80]), default_flow_style=rng.choice([False, None]))
        answered += same_or_none(text)
        for _ in range(3):
            text = _mutate(rng, text)
            same_or_none(text)
    assert answered > 300  # most well-formed documents are cut
