"""Stage 5: format Python with black, in process, in parallel, cached.

The cache is keyed by the SHA-256 of (black version, mode, source), so an
unchanged file is never formatted twice; it lives in the user's cache
folder and only speeds things up (deleting it changes no output).
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

import black

from .problems import GeneratorBug
from .progress import Counter
from .workers import pool as workers_pool

MODE = black.Mode(target_versions={black.TargetVersion.PY311}, line_length=100)
_PARALLEL_MIN = 24  # below this many uncached files, a process pool costs more than it saves


def cache_root() -> Path | None:
    """Where ksyun-codegen caches work (``$XDG_CACHE_HOME/ksyun-codegen``);
    None when ``KSYUN_CODEGEN_NO_CACHE`` is set.  Caches only save time:
    deleting them changes no output."""
    if os.environ.get("KSYUN_CODEGEN_NO_CACHE"):
        return None
    root = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(root) / "ksyun-codegen"


def cache_dir() -> Path | None:
    root = cache_root()
    return None if root is None else root / f"black-{black.__version__}"


def _key(src: str) -> str:
    h = hashlib.sha256()
    h.update(f"{black.__version__}|{MODE!r}|".encode())
    h.update(src.encode("utf-8"))
    return h.hexdigest()


def format_source(src: str) -> str:
    try:
        return black.format_str(src, mode=MODE)
    except black.NothingChanged:
        return src


def _format_one(item: tuple[str, str]) -> tuple[str, str]:
    path, src = item
    try:
        return path, format_source(src)
    except Exception as exc:  # black's parse errors: a generator bug, name the file
        first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise GeneratorBug(f"black could not format generated file {path}: {first}") from None


def format_python(files: dict[str, str], jobs: int | None = None) -> dict[str, str]:
    """Return *files* with every ``.py`` file formatted by black."""
    out = dict(files)
    cache = cache_dir()
    todo: list[tuple[str, str]] = []
    keys: dict[str, str] = {}
    for path, src in sorted(files.items()):
        if not path.endswith(".py"):
            continue
        key = keys[path] = _key(src)
        hit = cache / key[:2] / key if cache else None
        if hit is not None and hit.is_file():
            out[path] = hit.read_text(encoding="utf-8")
        else:
            todo.append((path, src))
    workers = jobs or os.cpu_count() or 1
    results: list[tuple[str, str]] = []
    with Counter("formatting", len(todo)) as count:
        if len(todo) >= _PARALLEL_MIN and workers > 1:
            with workers_pool(workers) as pool:
                for result in pool.map(_format_one, todo,
                                       chunksize=max(1, len(todo) // (workers * 4))):
                    results.append(result)
                    count.step()
        else:
            for item in todo:
                results.append(_format_one(item))
                count.step()
    for path, text in results:
        out[path] = text
        if cache is not None:
            _store(cache, keys[path], text)
    return out


def _store(cache: Path, key: str, text: str) -> None:
    folder = cache / key[:2]
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=".tmp-")
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        os.replace(tmp, folder / key)
    except OSError:
        pass  # a cache we cannot write is only slower
