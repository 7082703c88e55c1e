"""Stage 2: structural validation with openapi-spec-validator.

Each problem becomes one ``FILE:LINE: message`` line; the semantic checks
that OpenAPI cannot express live in generator.build (while the IR is built)
and in each target's naming checks.
"""

from __future__ import annotations

import hashlib
import json
import re
from importlib.metadata import version as _dist_version
from pathlib import Path
from typing import Any

from openapi_spec_validator import OpenAPIV31SpecValidator

from .load import Document
from .problems import Problem, SpecError, join_pointer

_MAX = 160
_VALIDATOR_VERSION = _dist_version("openapi-spec-validator")


def _one_line(text: str) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= _MAX else text[: _MAX - 1] + "…"


def _pointer(path: Any) -> str:
    return join_pointer("", *[str(p) for p in path])


def openapi_problems(doc: Document) -> list[Problem]:
    """What openapi-spec-validator finds wrong with *doc* (an OpenAPI 3.1 document)."""
    data = doc.data
    if not isinstance(data, dict):
        return [doc.problem("", "expected an OpenAPI document (a mapping)")]
    version = data.get("openapi")
    if not isinstance(version, str) or not version.startswith("3.1"):
        return [doc.problem("/openapi" if "openapi" in data else "",
                            f"expected 'openapi: 3.1.0', got {version!r}")]
    dangling = ref_problems(doc)
    if dangling:
        # The validator stops at the first unresolvable $ref with a message
        # that names neither line nor reason; ours say both.
        return dangling
    key = _cache_key(doc)
    marker = _cache_file(key)
    if marker is not None and marker.is_file():
        return []  # this exact content (with everything it refers to) passed before
    problems = []
    try:
        validator = OpenAPIV31SpecValidator(data, base_uri=doc.path.resolve().as_uri())
        for error in validator.iter_errors():
            path = list(getattr(error, "absolute_path", None) or getattr(error, "path", []) or [])
            message = getattr(error, "message", str(error))
            problems.append(_locate(doc, _pointer(path), f"OpenAPI: {_one_line(message)}"))
    except Exception as exc:  # the validator's own failure (e.g. an unresolvable $ref)
        problems.append(doc.problem("", f"OpenAPI: {_one_line(str(exc) or type(exc).__name__)}"))
    if not problems and marker is not None:
        try:
            marker.parent.mkdir(parents=True, exist_ok=True)
            marker.write_text("ok\n", encoding="utf-8")
        except OSError:
            pass  # a cache we cannot write is only slower
    return problems


def _cache_key(doc: Document) -> str:
    """SHA-256 of the validator's version, *doc* and every file it refers to."""
    h = hashlib.sha256(f"openapi-spec-validator {_VALIDATOR_VERSION}\n".encode())
    seen: set[Path] = set()
    todo = [doc.path.resolve()]
    while todo:
        path = todo.pop()
        if path in seen:
            continue
        seen.add(path)
        data = doc.data if path == doc.path.resolve() else _read(path)
        h.update(path.name.encode() + b"\0")
        h.update(json.dumps(data, sort_keys=True, ensure_ascii=False, default=str).encode())
        for ref in _file_refs(data):
            todo.append((path.parent / ref).resolve())
    return h.hexdigest()


def _read(path: Path) -> Any:
    try:
        return path.read_text(encoding="utf-8")
    except OSError:
        return None


def _file_refs(data: Any) -> set[str]:
    """File parts of the ``$ref`` values in *data* (text is scanned when not parsed)."""
    found: set[str] = set()
    if isinstance(data, str):
        for match in re.finditer(r"\$ref['\"]?\s*:\s*['\"]?([^'\"#\s]+)#", data):
            found.add(match.group(1))
        return found
    stack = [data]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            ref = node.get("$ref")
            if isinstance(ref, str) and not ref.startswith("#"):
                found.add(ref.split("#", 1)[0])
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)
    return found


def _cache_file(key: str) -> Path | None:
    from .fmt import cache_root

    root = cache_root()
    return None if root is None else root / f"validated-{_VALIDATOR_VERSION}" / key[:2] / key


def _locate(doc: Document, pointer: str, message: str) -> Problem:
    """The validator reports paths relative to the schema it was checking, not
    to the document: use the one document node that ends with that path, and
    no line at all when there is none or several (a wrong line misleads)."""
    if pointer in doc.lines:
        return doc.problem(pointer, message)
    if pointer:
        matches = [p for p in doc.lines if p.endswith(pointer)]
        if len(matches) == 1:
            return doc.problem(matches[0], message)
    return Problem(doc.display, None, pointer, message)


def ref_problems(doc: Document) -> list[Problem]:
    """Every ``$ref`` in *doc* that points at nothing (a missing file or node)."""
    from .load import Workspace

    ws = Workspace(doc.path.parent)
    ws.docs[doc.path.resolve()] = doc
    problems: list[Problem] = []

    def walk(node: Any, pointer: str) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                child = join_pointer(pointer, key)
                if key == "$ref":
                    try:
                        ws.resolve(doc, child, value)
                    except SpecError as exc:
                        problems.extend(exc.problems)
                else:
                    walk(value, child)
        elif isinstance(node, list):
            for index, value in enumerate(node):
                walk(value, join_pointer(pointer, index))

    walk(doc.data, "")
    return problems
