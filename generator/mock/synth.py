"""Responses made from the spec: examples first, seeded values otherwise.

:func:`synthesize` builds one action's success body from its response
shape through :class:`generator.examples.ValueBuilder`, as the docs show
it: a field with an ``example`` takes it (converted to the declared type);
other fields get a value drawn from a ``random.Random`` seeded with the
server's seed and the action, so the same seed gives the same body for
the same request (only ``RequestId`` changes per call).  Lists get
``list_length`` members; members after the first get fresh values for
fields whose name ends in ``Id`` so that items can be told apart.

:func:`apply_lookups` makes documented "not found" errors reachable from
data: a parameter marked ``x-ksyun-not-found-error: <Code>`` in the spec
must name a value present under the same field name in the synthesized
body (``ImageId`` → ``ImagesSet[].ImageId``); lists of such objects are
narrowed to the matching members, and a value found nowhere raises that
error.
"""

from __future__ import annotations

import random
import uuid
from typing import Any

from ..examples import ValueBuilder, coerce
from ..ir import Operation, Service, TypeRef

LIST_LENGTH = 2


class _Maker(ValueBuilder):
    """Examples first (generator.examples); seeded values where the spec has none."""

    def __init__(self, service: Service, rng: random.Random, list_length: int) -> None:
        super().__init__(service)
        self.rng = rng
        self.list_length = list_length

    def enum(self, name: str, t: TypeRef, index: int) -> Any:
        return t.enum[0] if index == 0 else self.rng.choice(t.enum)

    def example(self, name: str, t: TypeRef, example: Any, index: int) -> Any:
        if index > 0 and name.endswith("Id") and t.kind == "string":
            return None  # later list members get ids of their own
        return coerce(example, t)

    def missing(self, name: str, t: TypeRef, index: int) -> Any:
        if t.kind == "string":
            if name.endswith("Id"):
                return str(uuid.UUID(int=self.rng.getrandbits(128), version=4))
            return f"{name}-{self.rng.randrange(1000, 9999)}"
        if t.kind == "integer":
            return self.rng.randrange(0, 100)
        if t.kind == "number":
            return round(self.rng.uniform(0, 100), 2)
        if t.kind == "boolean":
            return self.rng.random() < 0.5
        return {}


def synthesize(service: Service, op: Operation, seed: int, list_length: int = LIST_LENGTH,
               page_items: int = 0) -> dict[str, Any]:
    """The success body of *op* (without a fresh RequestId), the same for the same seed.
    A paged action's item list gets *page_items* members when that is given."""
    rng = random.Random(f"{seed}:{service.name}:{service.version}:{op.action}")
    maker = _Maker(service, rng, list_length)
    body = maker.response(op)
    if op.pagination is not None and page_items:
        for f in service.shape(op.response).fields:
            if f.name == op.pagination.items and f.type.item is not None:
                body[f.name] = [maker.value(f.name, f.type.item, None, False, i, 1)
                                for i in range(page_items)]
    return body


def _collect(node: Any, key: str, out: list[Any]) -> None:
    if isinstance(node, dict):
        for k, v in node.items():
            if k == key and not isinstance(v, (dict, list)):
                out.append(v)
            else:
                _collect(v, key, out)
    elif isinstance(node, list):
        for v in node:
            _collect(v, key, out)


def _narrow(node: Any, key: str, wanted: set[str]) -> Any:
    """Keep only list members whose *key* (directly or below) is one of *wanted*."""
    if isinstance(node, dict):
        return {k: _narrow(v, key, wanted) for k, v in node.items()}
    if isinstance(node, list):
        kept = []
        for v in node:
            found: list[Any] = []
            _collect(v, key, found)
            if found and not {str(x) for x in found} & wanted:
                continue
            kept.append(_narrow(v, key, wanted))
        return kept
    return node


def lookup_params(op: Operation) -> list[tuple[str, str]]:
    """(parameter, error code) pairs of *op* whose values must exist in the data."""
    return [(p.name, p.not_found_error) for p in op.parameters if p.not_found_error]


def apply_lookups(op: Operation, params: dict[str, Any], body: dict[str, Any]) -> tuple[dict[str, Any], str | None, str]:
    """(narrowed body, error code or None, message) for the lookups of *op*."""
    for name, code in lookup_params(op):
        if name not in params:
            continue
        given = params[name]
        wanted = {str(v) for v in (given if isinstance(given, list) else [given])}
        known: list[Any] = []
        _collect(body, name, known)
        missing = sorted(wanted - {str(k) for k in known})
        if missing:
            return body, code, f"{name} {missing[0]!r} does not exist"
        body = _narrow(body, name, wanted)
    return body, None, ""
