"""generator.cache: the one content-hash cache that black, validation and dcg share."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import FIXTURES

import generator.fmt as fmt
import generator.targets.python.models as python_models
import generator.validate as validate
from generator.cache import Cache, digest
from generator.pipeline import generate_files


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.delenv("KSYUN_CODEGEN_NO_CACHE", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    return tmp_path / "xdg" / "ksyun-codegen"


def test_entries_round_trip_byte_for_byte_and_atomically(home: Path) -> None:
    cache = Cache("tool-1.0")
    key = digest("input")
    assert cache.get(key) is None
    text = "line\r\nnext\rlast 镜像 \u2028\n"
    cache.put(key, text)
    assert cache.get(key) == text  # no newline translation, UTF-8
    assert (home / "tool-1.0" / key[:2] / key).read_bytes() == text.encode("utf-8")
    assert [p.name for p in (home / "tool-1.0").rglob("*") if p.is_file()] == [key]  # no temp file left
    assert Cache("tool-2.0").get(key) is None  # one folder per tool version


def test_keys_are_sha256_of_length_prefixed_parts() -> None:
    assert digest("ab", "c") != digest("a", "bc")
    assert digest("x") == digest(b"x")
    assert len(digest()) == 64 and all(c in "0123456789abcdef" for c in digest("y"))


def test_caching_off(home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KSYUN_CODEGEN_NO_CACHE", "1")
    cache = Cache("tool-1.0")
    cache.put(digest("a"), "value")
    assert cache.get(digest("a")) is None and not cache.enabled
    assert not home.exists()


def test_an_unwritable_cache_is_only_slower(home: Path) -> None:
    home.parent.mkdir(parents=True)
    home.write_text("a file where the cache folder would be\n", encoding="utf-8")
    cache = Cache("tool-1.0")
    cache.put(digest("a"), "value")  # no exception
    assert cache.get(digest("a")) is None


def test_bad_names_and_keys_are_refused(home: Path) -> None:
    with pytest.raises(ValueError):
        Cache("../elsewhere")
    with pytest.raises(ValueError):
        Cache("tool").get("../../etc")


def test_black_validation_and_dcg_all_use_it(home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A cold run fills one folder per tool; a warm run calls none of the tools."""
    spec = FIXTURES / "minimal"
    cold = generate_files(spec)
    assert sorted(p.name.split("-")[0] for p in home.iterdir()) == ["black", "dcg", "ir", "validated"]

    def refuse(*args: object, **kwargs: object) -> object:
        raise AssertionError("called on a warm cache")

    monkeypatch.setattr(fmt, "format_source", refuse)
    monkeypatch.setattr(python_models, "run_dcg", refuse)
    monkeypatch.setattr(validate, "_validate_chunk", refuse)
    assert generate_files(spec) == cold
