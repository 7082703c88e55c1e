"""Example values from the spec, computed once for every consumer.

The docs target shows, for each action, a call with example arguments, the
exact query string that call puts on the wire and the response the spec's
examples describe; the mock server answers with bodies built the same way.
All of it comes from here:

* :func:`coerce`: a spec example converted to its declared type (``"20"`` for
  an ``integer`` is ``20``), or ``None`` when it does not fit.
* :func:`request_example`: the example arguments of an action, by wire name:
  every parameter that has an example, and every required one (a required
  parameter without an example gets a placeholder of its type).  Lists hold
  one member; objects hold the members that have examples or are required.
* :func:`wire_pairs` / :func:`wire_query`: KSYUN's query protocol (lists
  numbered from 1, dotted objects, ``true``/``false``), with ``Action`` and
  ``Version``, percent-encoded and sorted exactly as the generated client
  signs and sends it.
* :class:`ValueBuilder`: a response body from the response shape, examples
  first; what a field without an example gets is the subclass's choice
  (:func:`response_example` leaves such a field out, the mock invents one).
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from .ir import Operation, Parameter, Service, TypeRef

MAX_DEPTH = 6  # recursive shapes stop here
_PLACEHOLDERS: dict[str, Any] = {"string": "string", "integer": 0, "number": 0.0, "boolean": False}


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
        if has_example and item.kind != "shape":
            values = example if isinstance(example, list) else [example]
            members = [coerce(v, item) for v in values]
            return [m for m in members if m is not None] or None
        member = _request_value(service, item, None, False, required, depth + 1)
        return [member] if member is not None else None
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
        if value is not None:
            return value
    if not required:
        return None
    if t.enum:
        return t.enum[0]
    return _PLACEHOLDERS.get(t.kind, "string")


def parameter_example(service: Service, param: Parameter) -> Any:
    """The example value of *param* in an example call, or None when the call leaves it out."""
    return _request_value(service, param.type, param.example, param.has_example, param.required)


def request_example(service: Service, op: Operation) -> dict[str, Any]:
    """Example arguments of *op* by wire name, in the spec's parameter order."""
    out: dict[str, Any] = {}
    for p in op.parameters:
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


def response_example(service: Service, op: Operation) -> dict[str, Any]:
    """The success body of *op* made of the spec's examples alone: a field
    without an example is left out, a list has one member, an enum field takes
    its first value."""
    return ValueBuilder(service).response(op)
