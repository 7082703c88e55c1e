"""Example values from the spec, computed once for every consumer.

The docs target shows, for each action, a call with example arguments, the
exact query string that call puts on the wire and the response the spec's
examples describe; the mock server answers with bodies built the same way.
All of it comes from here:

* :func:`coerce`: a spec example converted to its declared type (``"20"`` for
  an ``integer`` is ``20``), or ``None`` when it does not fit.
* :func:`request_example`: the example arguments of an action, by wire name:
  every parameter that has an example, and every required one (a required
  parameter without an example gets a placeholder of its type that keeps the
  spec's constraints: ``enum``, ``minimum``/``maximum`` (exclusive too),
  ``minLength``/``maxLength``, ``pattern``, ``minItems``/``maxItems``).  Lists
  hold one member (``minItems`` when more); objects hold the members that have
  examples or are required.  An optional ``DryRun`` is left out: with it the
  call would only be checked, never done.  Every example call passes the SDKs'
  own validation and the mock's (tests/test_docs_examples.py).
* :func:`wire_pairs` / :func:`wire_query`: KSYUN's query protocol (lists
  numbered from 1, dotted objects, ``true``/``false``), with ``Action`` and
  ``Version``, percent-encoded and sorted exactly as the generated client
  signs and sends it.
* :class:`ValueBuilder`: a response body from the response shape, examples
  first; what a field without an example gets is the subclass's choice
  (:func:`response_example` gives it a stable value of its type, the mock a
  seeded one).
"""

from __future__ import annotations

import hashlib
import math
import re
import uuid
from re import _constants as sre_c  # type: ignore[attr-defined]
from re import _parser as sre_parse  # type: ignore[attr-defined]
from typing import Any
from urllib.parse import quote

from .ir import Operation, Parameter, Service, TypeRef

MAX_DEPTH = 6  # recursive shapes stop here
PLACEHOLDER_TEXT = "example"


def coerce(value: Any, t: TypeRef) -> Any:
    """*value* (an example from the spec) as a value of type *t*; None if it does not fit."""
    try:
        if t.kind == "integer" and not isinstance(value, bool):
            return int(value)
        if t.kind == "number" and not isinstance(value, bool):
            return float(value)
        if t.kind == "string" and not isinstance(value, (dict, list)):
            return value if isinstance(value, str) else str(value)
        if t.kind == "boolean" and isinstance(value, str):
            return value.lower() == "true"
    except (TypeError, ValueError):
        return None
    return value


# ---- requests -------------------------------------------------------------------

def _request_value(service: Service, t: TypeRef, example: Any, has_example: bool, required: bool,
                   depth: int = 0) -> Any:
    """The example of one parameter (or member); None when it is left out of the call."""
    if t.kind == "array":
        item = t.item or TypeRef("string")
        limits = dict(t.constraints)
        if has_example and item.kind != "shape":
            values = example if isinstance(example, list) else [example]
            members = [coerce(v, item) for v in values]
            kept = [m for m in members if m is not None and fits(m, item)]
            if kept and fits(kept, t):
                return kept
        member = _request_value(service, item, None, False, required, depth + 1)
        if member is None:
            return None
        count = max(1, int(limits.get("minItems", 1)))
        return [member] * count
    if t.kind == "shape":
        if depth > MAX_DEPTH or not t.shape:
            return None
        obj = {}
        for f in service.shape(t.shape).fields:
            value = _request_value(service, f.type, f.example, f.has_example, f.required, depth + 1)
            if value is not None:
                obj[f.name] = value
        return obj or ({} if required else None)
    if has_example:
        value = coerce(example, t)
        if value is not None and fits(value, t):
            return value
    if not required:
        return None
    return placeholder(t)


def fits(value: Any, t: TypeRef) -> bool:
    """Whether *value* keeps *t*'s enum and constraints (as the SDKs and the mock check them)."""
    if t.enum and value not in t.enum:
        return False
    for key, bound in t.constraints:
        if key in ("minItems", "maxItems"):
            if not isinstance(value, list):
                continue
            n = len(value)
            if (key == "minItems" and n < int(bound)) or (key == "maxItems" and n > int(bound)):
                return False
            continue
        if isinstance(value, bool):
            continue
        if isinstance(value, (int, float)) and isinstance(bound, (int, float)):
            if ((key == "minimum" and value < bound) or (key == "maximum" and value > bound)
                    or (key == "exclusiveMinimum" and value <= bound)
                    or (key == "exclusiveMaximum" and value >= bound)):
                return False
        if isinstance(value, str):
            if ((key == "minLength" and len(value) < int(bound))
                    or (key == "maxLength" and len(value) > int(bound))):
                return False
            if key == "pattern":
                try:
                    if re.search(str(bound), value) is None:
                        return False
                except re.error:
                    return False
    return True


def placeholder(t: TypeRef) -> Any:
    """A value of scalar type *t* for a required parameter the spec gives no example of,
    inside the type's enum and constraints where they allow one."""
    if t.enum:
        return t.enum[0]
    limits = dict(t.constraints)
    if t.kind in ("integer", "number"):
        return _number(t.kind, limits)
    if t.kind == "boolean":
        return False
    if t.kind != "string":
        return PLACEHOLDER_TEXT
    low = int(limits.get("minLength", 0))
    high = int(limits["maxLength"]) if "maxLength" in limits else None
    candidates = []
    pattern = limits.get("pattern")
    if isinstance(pattern, str):
        candidates = [c for c in (_matching(pattern, n) for n in (1, 0, 2, 3, 8, 16)) if c is not None]
    candidates.append(PLACEHOLDER_TEXT)
    for text in candidates:
        if len(text) < low:
            text += "x" * (low - len(text))
        if high is not None and len(text) > high:
            text = text[:high]
        if fits(text, t):
            return text
    return candidates[0]


def _number(kind: str, limits: dict[str, Any]) -> int | float:
    """1 (a count of one, a page of one...) moved inside the bounds."""
    value: float = 1
    step = 1 if kind == "integer" else 0.5
    if "minimum" in limits:
        value = max(value, limits["minimum"])
    if "exclusiveMinimum" in limits:
        value = max(value, limits["exclusiveMinimum"] + step)
    if "maximum" in limits:
        value = min(value, limits["maximum"])
    if "exclusiveMaximum" in limits:
        value = min(value, limits["exclusiveMaximum"] - step)
    if kind == "integer":
        return math.ceil(value) if "minimum" in limits or "exclusiveMinimum" in limits else math.floor(value)
    return float(value)


def _matching(pattern: str, repeat: int) -> str | None:
    """A short string that *pattern* finds (each repetition taken *repeat* times, within its
    bounds), or None when the pattern uses what this small walker does not know."""
    try:
        parsed = sre_parse.parse(pattern)
    except (re.error, RecursionError):
        return None
    try:
        return _walk(list(parsed), repeat, 0)
    except (_Unknown, RecursionError):
        return None


class _Unknown(Exception):
    pass


_CATEGORY = {sre_c.CATEGORY_DIGIT: "0", sre_c.CATEGORY_WORD: "a", sre_c.CATEGORY_SPACE: " ",
             sre_c.CATEGORY_NOT_DIGIT: "a", sre_c.CATEGORY_NOT_WORD: "-", sre_c.CATEGORY_NOT_SPACE: "a"}


def _walk(items: list[Any], repeat: int, depth: int) -> str:
    if depth > 50:
        raise _Unknown
    out = []
    for op, arg in items:
        if op is sre_c.LITERAL:
            out.append(chr(arg))
        elif op is sre_c.ANY:
            out.append("a")
        elif op is sre_c.IN:
            out.append(_one_of(arg))
        elif op in (sre_c.MAX_REPEAT, sre_c.MIN_REPEAT, getattr(sre_c, "POSSESSIVE_REPEAT", None)):
            low, high, sub = arg
            n = max(low, min(repeat, high))
            out.append(_walk(list(sub), repeat, depth + 1) * n)
        elif op is sre_c.SUBPATTERN:
            out.append(_walk(list(arg[-1]), repeat, depth + 1))
        elif op is sre_c.BRANCH:
            out.append(_walk(list(arg[1][0]), repeat, depth + 1))
        elif op is sre_c.AT:
            continue
        else:
            raise _Unknown
    return "".join(out)


def _one_of(items: list[Any]) -> str:
    if items and items[0][0] is sre_c.NEGATE:
        banned = {chr(a) for op, a in items[1:] if op is sre_c.LITERAL}
        for ch in "a0-_":
            if ch not in banned and not any(op is sre_c.RANGE and a[0] <= ord(ch) <= a[1] for op, a in items[1:]):
                return ch
        raise _Unknown
    for op, arg in items:
        if op is sre_c.LITERAL:
            return chr(arg)
        if op is sre_c.RANGE:
            low, high = arg
            for ch in "a0A":
                if low <= ord(ch) <= high:
                    return ch
            return chr(low)
        if op is sre_c.CATEGORY and arg in _CATEGORY:
            return _CATEGORY[arg]
    raise _Unknown


def parameter_example(service: Service, param: Parameter) -> Any:
    """The example value of *param* in an example call, or None when the call leaves it out."""
    return _request_value(service, param.type, param.example, param.has_example, param.required)


def request_example(service: Service, op: Operation) -> dict[str, Any]:
    """Example arguments of *op* by wire name, in the spec's parameter order."""
    out: dict[str, Any] = {}
    for p in op.parameters:
        if p.name == "DryRun" and not p.required:
            continue  # (DryRun=true only checks the call; the example makes it)
        value = parameter_example(service, p)
        if value is not None:
            out[p.name] = value
    return out


def flatten(value: Any, prefix: str) -> list[tuple[str, str]]:
    """KSYUN's flattening: ``Name.1``, ``Name.1.Member``, ``Object.Member``, ``true``."""
    if value is None:
        return []
    if isinstance(value, dict):
        return [pair for key, item in value.items() for pair in flatten(item, f"{prefix}.{key}")]
    if isinstance(value, list):
        return [pair for i, item in enumerate(value, start=1) for pair in flatten(item, f"{prefix}.{i}")]
    if isinstance(value, bool):
        return [(prefix, "true" if value else "false")]
    if isinstance(value, float) and value.is_integer():
        return [(prefix, str(int(value)))]
    return [(prefix, str(value))]


def wire_pairs(service: Service, op: Operation, arguments: dict[str, Any]) -> list[tuple[str, str]]:
    """(name, value) pairs of a call, ``Action`` and ``Version`` included, in the order sent."""
    pairs = [("Action", op.action), ("Version", service.version)]
    for name, value in arguments.items():
        pairs.extend(flatten(value, name))
    encoded = sorted((_encode(n), _encode(v), n, v) for n, v in pairs)
    return [(n, v) for _en, _ev, n, v in encoded]


def wire_query(service: Service, op: Operation, arguments: dict[str, Any]) -> str:
    """The query string (GET) or form body (POST) of a call, exactly as the client sends it."""
    return "&".join(f"{_encode(n)}={_encode(v)}" for n, v in wire_pairs(service, op, arguments))


def _encode(text: str) -> str:
    # RFC 3986 unreserved characters stay, as SigV4 canonicalizes.
    return quote(text, safe="-_.~")


# ---- responses ------------------------------------------------------------------

class ValueBuilder:
    """A value of a response type from the spec's examples.

    Subclasses say what a field without a usable example gets
    (:meth:`missing`) and how many members a list has (``list_length``).
    """

    list_length = 1

    def __init__(self, service: Service) -> None:
        self.service = service

    def missing(self, name: str, t: TypeRef, index: int) -> Any:
        """The value of a scalar field with no usable example; None leaves it out."""
        return None

    def example(self, name: str, t: TypeRef, example: Any, index: int) -> Any:
        """The value of a scalar field that has an example (the example, typed)."""
        return coerce(example, t)

    def value(self, name: str, t: TypeRef, example: Any, has_example: bool, index: int = 0,
              depth: int = 0) -> Any:
        if t.kind == "array":
            item = t.item or TypeRef("string")
            if depth > MAX_DEPTH:
                return []
            members = [self.value(name, item, None, False, i, depth + 1) for i in range(self.list_length)]
            return [m for m in members if m is not None]
        if t.kind == "shape":
            if depth > MAX_DEPTH:
                return {}
            obj = {}
            for f in self.service.shape(t.shape or "").fields:
                v = self.value(f.name, f.type, f.example, f.has_example, index, depth + 1)
                if v is not None:
                    obj[f.name] = v
            return obj
        if t.enum:
            return self.enum(name, t, index)
        if has_example:
            v = self.example(name, t, example, index)
            if v is not None:
                return v
        return self.missing(name, t, index)

    def enum(self, name: str, t: TypeRef, index: int) -> Any:
        return t.enum[0]

    def response(self, op: Operation) -> dict[str, Any]:
        return dict(self.value("", TypeRef("shape", shape=op.response), None, False))


class _Shown(ValueBuilder):
    """Every field, as the docs show a response: a field without an example gets a
    stable value of its type (an id like a UUID, a name with ``-1``, ``1``, ``false``)."""

    def missing(self, name: str, t: TypeRef, index: int) -> Any:
        if t.kind == "string":
            if (t.format or "") == "date-time":
                return "2024-01-01T00:00:00Z"
            if name.endswith("Id"):
                digest = hashlib.sha256(name.encode("utf-8")).hexdigest()
                return str(uuid.UUID(digest[:32]))
            text = f"{name}-1" if name else PLACEHOLDER_TEXT
            return text if fits(text, t) else placeholder(t)
        if t.kind in ("integer", "number", "boolean"):
            return placeholder(t)
        return {}


def response_example(service: Service, op: Operation) -> dict[str, Any]:
    """The success body of *op*: every field, the spec's example where it has one,
    else a stable value of its type; a list has one member, an enum field takes its
    first value."""
    return _Shown(service).response(op)
