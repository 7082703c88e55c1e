"""The IR of one service version, kept between runs: a service file that did not
change is neither loaded, validated nor built again.

An entry is kept in the cache ``ir-<FORMAT>``, keyed by what the service's IR
depends on: the generator's own code and templates and the pinned tools
(:func:`generator.state.toolchain`), how files are named in problems and
``Source`` (relative to the working directory, or by the spec root's name), the
file's name below the spec root and its SHA-256.  The entry lists the other
files the service's ``$ref``s reach (transitively) with their SHA-256; a hit
whose files changed is a miss.  Only services of a spec that had no problem are
stored.

Entries are pickles read by an unpickler that knows only the IR's own classes
(``generator.ir``) and plain data: an entry can make nothing else, and a damaged
one is only a miss.  :func:`input_digest` names what a service was built from:
the key of the files a service_local target renders from it
(:func:`generator.pipeline.service_key`).
"""

from __future__ import annotations

import io
import json
import pickle
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from . import ir
from .cache import Cache, digest
from .ir import Api, ErrorCode, Service

FORMAT = 1
_ALLOWED = frozenset({"Api", "ErrorCode", "Field", "Operation", "Pagination", "Parameter", "Service",
                      "Shape", "Source", "TypeRef"})


class _Unpickler(pickle.Unpickler):
    def find_class(self, module: str, name: str) -> Any:
        if module == ir.__name__ and name in _ALLOWED:
            return getattr(ir, name)
        raise pickle.UnpicklingError(f"{module}.{name} is not part of the IR")


def _cache() -> Cache:
    return Cache(f"ir-{FORMAT}")


def entry_key(code: str, shown: str, rel: str, sha: str) -> str:
    """*shown*: how a file at the spec root is named in problems (``spec/x``)."""
    return digest(f"ir-{FORMAT}", code, shown, rel, sha)


def input_digest(key: str, deps: dict[str, str]) -> str:
    """SHA-256 of what a service was built from: its entry's key and the files it reaches."""
    return digest("ir-input", key, json.dumps(sorted(deps.items())))


def lookup(code: str, shown: str, rel: str, sha: str | None, sha_of: Callable[[str], str | None],
           ) -> tuple[Service, tuple[ErrorCode, ...], dict[str, str], str] | None:
    """The service file *rel* (below the spec root, SHA-256 *sha*) as last built: its
    service, its common errors, the files it reaches and its :func:`input_digest`;
    None when not kept, or when one of those files' SHA-256 now (*sha_of* a name
    below the spec root) differs."""
    if sha is None:
        return None
    key = entry_key(code, shown, rel, sha)
    data = _cache().get_bytes(key)
    if data is None:
        return None
    try:
        deps, service, common = _Unpickler(io.BytesIO(data)).load()
        if not isinstance(deps, dict) or any(not isinstance(k, str) or not isinstance(v, str)
                                             or sha_of(k) != v for k, v in deps.items()):
            return None
        if not isinstance(service, Service) or not isinstance(common, tuple) \
                or not all(isinstance(e, ErrorCode) for e in common):
            return None
        return service, common, deps, input_digest(key, deps)
    except Exception:  # noqa: BLE001 (anything a damaged entry raises: a miss)
        return None


def store(code: str, shown: str, rel: str, sha: str | None, service: Service,
          common: tuple[ErrorCode, ...], deps: dict[str, str | None]) -> str | None:
    """Keep *service* built from *rel*; its :func:`input_digest`, or None (and nothing
    kept) when a file it reaches could not be hashed."""
    if sha is None or any(v is None for v in deps.values()):
        return None
    kept = {k: v for k, v in deps.items() if v is not None}
    key = entry_key(code, shown, rel, sha)
    try:
        data = pickle.dumps((kept, service, common), protocol=pickle.HIGHEST_PROTOCOL)
    except (pickle.PicklingError, TypeError, RecursionError):
        return None
    _cache().put_bytes(key, data)
    return input_digest(key, kept)


def facts_digest(api: Api) -> str:
    """SHA-256 of what every service's files may read besides their service: the
    common errors (sources included) and the SDK versions."""
    return digest("facts", repr([(e, e.source) for e in api.common_errors]), repr(api.sdk_versions))


def referenced(docs: dict[Path, Any], path: Path) -> set[Path]:
    """The files the document at *path* reaches through ``$ref``s, transitively,
    among the loaded *docs* (resolved path → Document); *path* not included."""
    from .validate import _file_refs

    start = path.resolve()
    seen: set[Path] = set()
    todo = [start]
    while todo:
        here = todo.pop()
        doc = docs.get(here)
        if doc is None:
            continue
        for ref in _file_refs(doc.data):
            target = (here.parent / unquote(ref)).resolve()
            if target not in seen and target != start:
                seen.add(target)
                todo.append(target)
    return seen
