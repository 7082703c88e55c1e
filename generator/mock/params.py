"""Check an action's flattened wire parameters against the IR.

KSYUN's query protocol flattens lists and objects into dotted names
(``InstanceId.1``, ``Filter.1.Name``, ``Filter.1.Value.1``,
``SystemDisk.DiskSize``).  :func:`parse` walks each received name down the
parameter's TypeRef and rebuilds the nested value, so every check below
comes from the spec:

* a name that does not fit any parameter (a typo, a list numbered from 0, a
  dotted name under a string) → ``InvalidQueryParameter``
* a required parameter, or a required member of an object, that is absent
  → ``MissingParameter``
* a value that is not of the declared type (``DiskSize=abc``) or not one of
  the declared enum values → ``InvalidParameterValue``
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Any

from ..ir import Operation, Service, TypeRef

# ASCII digits only ("²" and "٣" are digits to str.isdigit), and few enough of
# them that int() stays cheap: a longer number is a client error, not a 500.
_INT_RE = re.compile(r"[+-]?[0-9]{1,1000}")
_INDEX_RE = re.compile(r"[1-9][0-9]{0,5}")  # list members are numbered 1..999999


@dataclass(frozen=True)
class ParamError(Exception):
    code: str
    message: str


def _convert(name: str, text: str, t: TypeRef) -> Any:
    value: Any
    if t.kind == "integer":
        if not _INT_RE.fullmatch(text):
            raise ParamError("InvalidParameterValue",
                             f"{name}: {text[:40]!r} is not an integer (at most 1000 digits)")
        value = int(text)
    elif t.kind == "number":
        try:
            value = float(text)
        except ValueError:
            raise ParamError("InvalidParameterValue", f"{name}: {text!r} is not a number") from None
        if not math.isfinite(value):
            raise ParamError("InvalidParameterValue", f"{name}: {text!r} is not a finite number")
    elif t.kind == "boolean":
        if text not in ("true", "false"):
            raise ParamError("InvalidParameterValue", f"{name}: {text!r} is not true or false")
        value = text == "true"
    else:
        value = text
    if t.enum and value not in t.enum and text not in {str(e) for e in t.enum}:
        allowed = ", ".join(str(e) for e in t.enum)
        raise ParamError("InvalidParameterValue", f"{name}: {text!r} is not one of: {allowed}")
    _check_constraints(name, text, value, t)
    return value


def _check_constraints(name: str, text: str, value: Any, t: TypeRef) -> None:
    """The spec's minimum/maximum/length/pattern, as KSYUN checks them."""
    for key, bound in t.constraints:
        bad = (
            (key == "minimum" and value < bound) or (key == "maximum" and value > bound)
            or (key == "exclusiveMinimum" and value <= bound)
            or (key == "exclusiveMaximum" and value >= bound)
            or (key == "minLength" and len(text) < int(bound))
            or (key == "maxLength" and len(text) > int(bound))
            or (key == "pattern" and re.search(str(bound), text) is None)
        )
        if bad:
            raise ParamError("InvalidParameterValue", f"{name}: {text!r} violates {key} {bound!r}")


class _Tree:
    """The nested value being rebuilt from flattened names."""

    def __init__(self, service: Service) -> None:
        self.service = service

    def place(self, container: dict[Any, Any], key: Any, rest: list[str], t: TypeRef, wire: str,
              text: str, prefix: str) -> None:
        here = f"{prefix}.{key}" if prefix else str(key)
        if t.kind == "any":  # free-form: keep the dotted remainder as it came
            container.setdefault(key, {})
            if rest:
                node = container[key]
                if not isinstance(node, dict):
                    raise ParamError("InvalidQueryParameter", f"{wire}: conflicts with {here}")
                node[".".join(rest)] = text
            else:
                container[key] = text
            return
        if t.kind == "array":
            if not rest:
                raise ParamError("InvalidQueryParameter",
                                 f"{wire}: {here} is a list; send {here}.1, {here}.2, ...")
            index, *more = rest
            if not _INDEX_RE.fullmatch(index):
                raise ParamError("InvalidQueryParameter",
                                 f"{wire[:80]}: list members are numbered from 1 ({here}.1), "
                                 f"got {index[:20]!r}")
            node = container.setdefault(key, {})
            self.place(node, int(index), more, t.item or TypeRef("any"), wire, text, here)
            return
        if t.kind == "shape":
            if not rest:
                raise ParamError("InvalidQueryParameter",
                                 f"{wire}: {here} is an object; send {here}.<Member>")
            member, *more = rest
            shape = self.service.shape(t.shape or "")
            for f in shape.fields:
                if f.name == member:
                    node = container.setdefault(key, {})
                    self.place(node, member, more, f.type, wire, text, here)
                    return
            known = ", ".join(f.name for f in shape.fields)
            raise ParamError("InvalidQueryParameter", f"{wire}: {shape.name} has no member {member!r} "
                             f"(members: {known})")
        if rest:
            raise ParamError("InvalidQueryParameter", f"{wire}: {here} is a single {t.kind}, "
                             f"not an object or list")
        if key in container:
            raise ParamError("InvalidQueryParameter", f"{wire}: given more than once")
        container[key] = _convert(wire, text, t)

    def finish(self, value: Any, t: TypeRef, here: str) -> Any:
        """Turn index maps into lists, and check required members of objects."""
        if t.kind == "array":
            return [self.finish(value[i], t.item or TypeRef("any"), f"{here}.{i}") for i in sorted(value)]
        if t.kind == "shape":
            shape = self.service.shape(t.shape or "")
            for f in shape.fields:
                if f.required and f.name not in value:
                    raise ParamError("MissingParameter", f"{here}.{f.name} is required")
            by_name = {f.name: f for f in shape.fields}
            return {k: self.finish(v, by_name[k].type, f"{here}.{k}") for k, v in value.items()}
        return value


def parse(service: Service, op: Operation, pairs: list[tuple[str, str]]) -> dict[str, Any]:
    """The action's parameters as nested values, or :class:`ParamError`.

    *pairs* are the received (name, value) pairs without Action and Version.
    """
    params = {p.name: p for p in op.parameters}
    tree = _Tree(service)
    raw: dict[Any, Any] = {}
    for wire, text in pairs:
        head, *rest = wire.split(".")
        param = params.get(head)
        if param is None:
            raise ParamError("InvalidQueryParameter", f"{wire}: {op.action} has no parameter {head!r}")
        tree.place(raw, head, rest, param.type, wire, text, "")
    for p in op.parameters:
        if p.required and p.name not in raw:
            raise ParamError("MissingParameter", f"{p.name} is required by {op.action}")
    return {name: tree.finish(value, params[name].type, name) for name, value in raw.items()}
