"""The one content-hash cache every stage uses (black, validation, dcg).

An entry is a text file named by the SHA-256 of everything its content
depends on (tool version, options, input), under
``$XDG_CACHE_HOME/ksyun-codegen/<name>/`` (or ``~/.cache/...``).  Entries
are written atomically (temporary file, then a rename), so a reader sees a
whole entry or none.  Caches only save time: a missing, unreadable or
unwritable cache changes no output, and ``KSYUN_CODEGEN_NO_CACHE=1`` turns
them all off.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

NO_CACHE_ENV = "KSYUN_CODEGEN_NO_CACHE"


def cache_root() -> Path | None:
    """Where ksyun-codegen caches work; None when caching is off."""
    if os.environ.get(NO_CACHE_ENV):
        return None
    root = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(root) / "ksyun-codegen"


def digest(*parts: str | bytes) -> str:
    """SHA-256 of *parts*, each length-prefixed, so ``("ab", "c")`` and
    ``("a", "bc")`` never share a key."""
    h = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        h.update(f"{len(data)}:".encode())
        h.update(data)
    return h.hexdigest()


class Cache:
    """Text entries by key under one folder of the cache root (e.g. ``black-26.10.1``).

    The folder is fixed when the cache is made, so ``KSYUN_CODEGEN_NO_CACHE``
    and ``XDG_CACHE_HOME`` are read then.
    """

    def __init__(self, name: str) -> None:
        if not name or "/" in name or name.startswith("."):
            raise ValueError(f"cache name {name!r}: one plain folder name")
        root = cache_root()
        self.folder: Path | None = None if root is None else root / name

    @property
    def enabled(self) -> bool:
        return self.folder is not None

    def _path(self, key: str) -> Path | None:
        if self.folder is None:
            return None
        if len(key) < 3 or not all(c in "0123456789abcdef" for c in key):
            raise ValueError(f"cache key {key!r}: expected a hex digest")
        return self.folder / key[:2] / key

    def get(self, key: str) -> str | None:
        """The entry stored under *key*, or None (not stored, unreadable, caching off)."""
        data = self.get_bytes(key)
        try:
            return None if data is None else data.decode("utf-8")  # bytes: no newline translation
        except UnicodeDecodeError:
            return None

    def get_bytes(self, key: str) -> bytes | None:
        """:meth:`get` for an entry stored by :meth:`put_bytes`."""
        path = self._path(key)
        if path is None:
            return None
        try:
            return path.read_bytes()
        except OSError:
            return None

    def put(self, key: str, text: str) -> None:
        """Store *text* under *key* atomically; a cache we cannot write is only slower."""
        self.put_bytes(key, text.encode("utf-8"))

    def put_bytes(self, key: str, data: bytes) -> None:
        """:meth:`put` for bytes."""
        path = self._path(key)
        if path is None:
            return
        tmp: str | None = None
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
            os.replace(tmp, path)
            tmp = None
        except OSError:
            pass
        finally:
            if tmp is not None:
                try:
                    os.unlink(tmp)
                except OSError:
                    pass
