"""Stage 2: structural validation with openapi-spec-validator.

Each problem becomes one ``FILE:LINE: message`` line; the semantic checks
that OpenAPI cannot express live in generator.build (while the IR is built)
and in each target's naming checks.
"""

from __future__ import annotations

from typing import Any

from openapi_spec_validator import OpenAPIV31SpecValidator

from .load import Document
from .problems import Problem, join_pointer

_MAX = 160


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
    problems = []
    try:
        validator = OpenAPIV31SpecValidator(data, base_uri=doc.path.resolve().as_uri())
        for error in validator.iter_errors():
            path = list(getattr(error, "absolute_path", None) or getattr(error, "path", []) or [])
            pointer = _pointer(path)
            message = getattr(error, "message", str(error))
            problems.append(doc.problem(pointer, f"OpenAPI: {_one_line(message)}"))
    except Exception as exc:  # the validator's own failure (e.g. an unresolvable $ref)
        problems.append(doc.problem("", f"OpenAPI: {_one_line(str(exc) or type(exc).__name__)}"))
    return problems
