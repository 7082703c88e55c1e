"""The ``x-ksyun-*`` extension vocabulary, written down once.

Each extension has the places of a spec where it may stand and the type of
its value.  The validator (generator.validate) refuses any other
``x-ksyun-*`` key, a known one in the wrong place and a value of the wrong
type; spec/README.md's extension table is made from this list
(``markdown_table``; a test keeps the two equal).  What a value *means* is
checked where it is used (generator.build).
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from typing import Any

PREFIX = "x-ksyun-"

# Where an extension may stand, and how the README names that place.
PLACES: dict[str, str] = {
    "document": "the document's top level",
    "info": "`info`",
    "operation": "an operation (`get`/`post`)",
    "parameter": "a parameter",
    "property": "a schema property",
    "error": "an entry of `x-ksyun-errors` / `x-ksyun-common-errors`",
}
# Value types and how to tell them (booleans are not integers, YAML `yes` is no boolean).
VALUE_TYPES: dict[str, str] = {
    "boolean": "true or false",
    "string": "a string",
    "list": "a list",
    "mapping": "a mapping",
}


@dataclass(frozen=True)
class Extension:
    name: str
    places: tuple[str, ...]
    value: str  # one of VALUE_TYPES
    meaning: str
    keys: tuple[str, ...] = ()  # the keys a mapping value may have
    ref_ok: bool = False  # the value may be a {$ref: ...} to a shared one


EXTENSIONS: dict[str, Extension] = {e.name: e for e in (
    Extension("x-ksyun-service", ("info",), "string",
              "the service name in lower case (`kec`)"),
    Extension("x-ksyun-signing-name", ("info",), "string",
              "the SigV4 service name, when it is not the service name"),
    Extension("x-ksyun-idempotent", ("operation",), "boolean",
              "safe to retry; default true for `Describe*`, `List*`, `Get*`, `Query*`, `Check*`, "
              "false otherwise"),
    Extension("x-ksyun-errors", ("operation",), "list",
              "the action's documented errors: `code`, `message`, `httpStatus`, `description`"),
    Extension("x-ksyun-pagination", ("operation",), "mapping",
              "how the action pages: `style` (marker or token), `items` (the response list), "
              "`total`, `limit`, `token`",
              keys=("style", "items", "total", "limit", "token")),
    Extension("x-ksyun-not-found-error", ("parameter",), "string",
              "the documented error code KSYUN answers when the value matches nothing; one of "
              "the action's `x-ksyun-errors`"),
    Extension("x-ksyun-name", ("parameter", "property"), "string",
              "the name in generated code (snake_case), when two wire names would map to the "
              "same one"),
    Extension("x-ksyun-throttling", ("error",), "boolean",
              "the code means throttling (retried with backoff)"),
    Extension("x-ksyun-breaking-changes", ("document",), "list",
              "breaking changes made on purpose, each `change` and `location` as `ksyun-codegen diff` "
              "prints them and a `reason` (`service`, `version`: another version's); "
              "`check --breaking-against REF` lets these through"),
    Extension("x-ksyun-sdk-versions", ("info",), "mapping",
              "in `common.yaml`: each SDK package's version (`python`, `typescript`, `go`), "
              "written by `ksyun-codegen release`",
              keys=("python", "typescript", "go")),
    Extension("x-ksyun-common-errors", ("document",), "list",
              "the error codes every action of the service may answer (`$ref` to "
              "`common.yaml`)", ref_ok=True),
)}

_HTTP_METHODS = "get|put|post|delete|options|head|patch|trace"
_PLACE_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("document", re.compile(r"")),
    ("info", re.compile(r"/info")),
    ("operation", re.compile(rf"/paths/[^/]+/(?:{_HTTP_METHODS})")),
    ("parameter", re.compile(rf"/paths/[^/]+(?:/(?:{_HTTP_METHODS}))?/parameters/\d+"
                             r"|/components/parameters/[^/]+")),
    ("error", re.compile(r".*/x-ksyun-(?:common-)?errors/\d+")),
    ("property", re.compile(r".*/properties/[^/]+")),
)


def place_of(pointer: str) -> str | None:
    """The kind of node at JSON pointer *pointer*, as far as extensions care."""
    for place, pattern in _PLACE_PATTERNS:
        if pattern.fullmatch(pointer):
            return place
    return None


def value_type(value: Any) -> str | None:
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "list"
    if isinstance(value, dict):
        return "mapping"
    return None


def did_you_mean(word: str, known: Any) -> str:
    """`` (did you mean X?)`` when *word* is close to one of *known*, else ``""``."""
    close = difflib.get_close_matches(word, sorted(known), n=1, cutoff=0.75)
    return f" (did you mean {close[0]}?)" if close else ""


def check(key: str, value: Any, pointer: str) -> list[tuple[str, str]]:
    """(pointer, message) for what is wrong with extension *key* = *value* found in
    the mapping at *pointer*; [] when it is right."""
    at = pointer + "/" + key.replace("~", "~0").replace("/", "~1")
    ext = EXTENSIONS.get(key)
    if ext is None:
        return [(at, f"unknown extension {key}{did_you_mean(key, EXTENSIONS)}")]
    place = place_of(pointer)
    if place not in ext.places:
        where = " or ".join(PLACES[p] for p in ext.places)
        return [(at, f"{key} does not belong here; it goes on {where}")]
    if ext.ref_ok and isinstance(value, dict) and set(value) == {"$ref"}:
        return []
    if value_type(value) != ext.value:
        return [(at, f"{key} must be {VALUE_TYPES[ext.value]}, got {value!r}")]
    if ext.keys:
        return [(f"{at}/{k}", f"{key}: unknown key {k!r}{did_you_mean(str(k), ext.keys)}"
                 f" (expected {', '.join(ext.keys)})")
                for k in value if k not in ext.keys]
    if key == "x-ksyun-breaking-changes":
        from .diff.gate import entry_problems

        return [(at + sub, message) for sub, message in entry_problems(value)]
    return []


def markdown_table() -> str:
    """spec/README.md's extension table, made from EXTENSIONS."""
    lines = ["| extension | where | value | meaning |", "| --- | --- | --- | --- |"]
    for ext in sorted(EXTENSIONS.values(), key=lambda e: e.name):
        where = "; ".join(PLACES[p] for p in ext.places)
        lines.append(f"| `{ext.name}` | {where} | {VALUE_TYPES[ext.value]} | {ext.meaning} |")
    return "\n".join(lines) + "\n"
