"""Chunked, cached structural validation (generator.validate)."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.load import load_file
from generator.validate import chunks, openapi_problems

SPEC = Path(__file__).resolve().parents[1] / "spec"


def test_chunks_cover_every_path_and_schema_once_per_reach() -> None:
    data = load_file(SPEC / "kec" / "2016-03-04.yaml").data
    parts = chunks(data)
    # one chunk per path item, plus one for schemas no path reaches
    assert len(parts) == len(data["paths"]) + 1
    assert [k for p in parts for k in p["paths"]] == list(data["paths"])
    covered = {n for p in parts for n in p["components"]["schemas"]}
    assert covered == set(data["components"]["schemas"])
    first = parts[0]
    # DescribeImages reaches its response, then Image, then ImageSnapshot through $refs
    assert set(first["components"]["schemas"]) == {"DescribeImagesResponse", "Image", "ImageSnapshot"}
    # top-level keys and pointers are kept, so lines map back unchanged
    assert first["info"] == data["info"] and first["openapi"] == data["openapi"]


def _spec_copy(tmp_path: Path, edit: str, replacement: str) -> Path:
    spec = tmp_path / "spec"
    (spec / "kec").mkdir(parents=True)
    (spec / "common.yaml").write_text((SPEC / "common.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    text = (SPEC / "kec" / "2016-03-04.yaml").read_text(encoding="utf-8")
    assert edit in text
    (spec / "kec" / "2016-03-04.yaml").write_text(text.replace(edit, replacement, 1), encoding="utf-8")
    return spec / "kec" / "2016-03-04.yaml"


@pytest.mark.parametrize("cached", [False, True])
def test_problem_deep_in_a_reached_schema_is_found_with_its_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cached: bool
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    good = _spec_copy(tmp_path / "good", "x", "x")
    if cached:  # a warm cache for the valid spec must not hide the broken one
        assert openapi_problems(load_file(good)) == []
    # ImageSnapshot is reached only through DescribeImagesResponse -> Image -> ImageSnapshot
    path = _spec_copy(tmp_path, "        VolumeType:\n          type: string\n",
                      "        VolumeType:\n          type: string\n          minLength: -3\n")
    doc = load_file(path)
    problems = openapi_problems(doc)
    line = doc.path.read_text(encoding="utf-8").splitlines().index("          minLength: -3") + 1
    assert [(p.line, p.pointer, p.message) for p in problems] == [
        (line, "/components/schemas/ImageSnapshot/properties/VolumeType/minLength",
         "OpenAPI: -3 is less than the minimum of 0")
    ]
    # and the same document is reported again on a second run (failures are never cached)
    assert openapi_problems(load_file(path)) == problems


def test_unchanged_chunks_are_not_validated_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import generator.validate as v

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    path = _spec_copy(tmp_path, "x", "x")
    calls: list[int] = []
    real = v._validate_chunk
    monkeypatch.setattr(v, "_validate_chunk", lambda job: calls.append(1) or real(job))
    assert openapi_problems(load_file(path)) == []
    assert len(calls) == len(chunks(load_file(path).data))
    calls.clear()
    assert openapi_problems(load_file(path)) == []
    assert calls == []
    # editing one action's description re-validates only the chunk that holds it
    text = path.read_text(encoding="utf-8").replace("查询镜像列表或指定镜像的详细信息。", "改过的描述。")
    path.write_text(text, encoding="utf-8")
    assert openapi_problems(load_file(path)) == []
    assert len(calls) == 1


# Problems our own walks find (an x-ksyun key out of place, a misspelt schema
# keyword, a $ref to nothing): a chunk holding one is never remembered as clean,
# and a clean chunk edited to hold one is walked again.
OWN_PROBLEMS = [
    ("      summary: 查询实例\n", "      summary: 查询实例\n      x-ksyun-bogus: 1\n", "x-ksyun-bogus"),
    ("        VolumeType:\n          type: string\n",
     "        VolumeType:\n          type: string\n          minLenght: 3\n", "minLenght"),
    ('$ref: "#/components/schemas/ImageSnapshot"', '$ref: "#/components/schemas/ImageSnapshott"',
     "ImageSnapshott"),
]


@pytest.mark.parametrize(("edit", "replacement", "word"), OWN_PROBLEMS, ids=[w for *_x, w in OWN_PROBLEMS])
def test_own_problems_are_found_on_a_warm_cache_and_never_cached(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, edit: str, replacement: str, word: str) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    good = _spec_copy(tmp_path / "good", "x", "x")
    assert openapi_problems(load_file(good)) == []  # every chunk now remembered as clean
    text = good.read_text(encoding="utf-8")
    assert edit in text, edit
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cold"))
    cold = openapi_problems(load_file(_spec_copy(tmp_path / "cold-spec", edit, replacement)))
    assert cold and all(word in p.message for p in cold), cold
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    path = _spec_copy(tmp_path / "bad", edit, replacement)
    first = openapi_problems(load_file(path))
    assert [(p.line, p.pointer, p.message) for p in first] == [(p.line, p.pointer, p.message) for p in cold]
    again = openapi_problems(load_file(path))  # nothing about the bad chunk was remembered
    assert again == first
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cold"))
    assert openapi_problems(load_file(path)) == first  # (the cold cache's second run too)
