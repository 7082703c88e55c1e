"""Stage 2: structural validation with openapi-spec-validator.

Each problem becomes one ``FILE:LINE: message`` line; the semantic checks
that OpenAPI cannot express live in generator.build (while the IR is built)
and in each target's naming checks.
"""

from __future__ import annotations

from typing import Any

from openapi_spec_validator import OpenAPIV31SpecValidator

from .load import Document
from .problems import Problem, SpecError, join_pointer

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
    dangling = ref_problems(doc)
    if dangling:
        # The validator stops at the first unresolvable $ref with a message
        # that names neither line nor reason; ours say both.
        return dangling
    problems = []
    try:
        validator = OpenAPIV31SpecValidator(data, base_uri=doc.path.resolve().as_uri())
        for error in validator.iter_errors():
            path = list(getattr(error, "absolute_path", None) or getattr(error, "path", []) or [])
            message = getattr(error, "message", str(error))
            problems.append(_locate(doc, _pointer(path), f"OpenAPI: {_one_line(message)}"))
    except Exception as exc:  # the validator's own failure (e.g. an unresolvable $ref)
        problems.append(doc.problem("", f"OpenAPI: {_one_line(str(exc) or type(exc).__name__)}"))
    return problems


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
