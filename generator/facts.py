"""Facts every target needs, computed once from the IR.

Which error codes a service's ``errors`` module declares, which of them are
its own (not common to every KSYUN service), which actions document each,
and the class name a code gets: these are the same in every language, so
the targets read them here instead of each working them out.
"""

from __future__ import annotations

from collections.abc import Iterable

from .ir import Api, ErrorCode, Service, per_service
from .naming import pascal


def error_class_base(code: str) -> str:
    """The class name of an error code before a target's own escaping:
    ``InvalidParameter.Foo`` → ``InvalidParameterFoo``; a leading digit gets
    ``Error`` (``1stError`` → ``Error1stError``)."""
    base = pascal(code)
    return "Error" + base if base[:1].isdigit() else base


def all_errors(service: Service) -> list[ErrorCode]:
    """Errors documented by the service's operations, one per code (first wins), by code."""
    seen: dict[str, ErrorCode] = {}
    for op in service.operations:
        for err in op.errors:
            seen.setdefault(err.code, err)
    return [seen[c] for c in sorted(seen)]


def own_errors(service: Service, api: Api) -> list[ErrorCode]:
    """The service's documented errors that are not common ones (those get a
    class in the service's ``errors`` module), by code."""
    common = {e.code for e in api.common_errors}
    return [e for e in all_errors(service) if e.code not in common]


def error_codes(service: Service, api: Api) -> list[str]:
    """Every code the service's ``errors`` module exports a class for, sorted."""
    return sorted({e.code for e in api.common_errors} | {e.code for e in all_errors(service)})


def error_actions(service: Service, code: str) -> list[tuple[str, ErrorCode]]:
    """(action, its documentation of *code*) for every action that documents it."""
    return _documented(service).get(code, [])


@per_service
def _documented(service: Service) -> dict[str, list[tuple[str, ErrorCode]]]:
    """Every action's documentation of each code (error_actions asks once per code)."""
    index: dict[str, list[tuple[str, ErrorCode]]] = {}
    for op in service.operations:
        for e in op.errors:
            index.setdefault(e.code, []).append((op.action, e))
    return index


@per_service
def shape_references(service: Service) -> dict[str, int]:
    """How many places name each shape: fields, parameters and responses (a response
    shape named once is its action's own: Python puts it in the action's module, Go
    writes it as ``<Action>Output``)."""
    counts: dict[str, int] = {}
    for shape in service.shapes:
        for f in shape.fields:
            for name in f.type.shapes():
                counts[name] = counts.get(name, 0) + 1
    for op in service.operations:
        for p in op.parameters:
            for name in p.type.shapes():
                counts[name] = counts.get(name, 0) + 1
        counts[op.response] = counts.get(op.response, 0) + 1
    return counts


def shape_closure(service: Service, roots: Iterable[str]) -> set[str]:
    """The shapes named in *roots* and every shape they reach through fields, transitively
    (a name that is empty or no shape of *service* is left out)."""
    seen: set[str] = set()
    todo = [name for name in roots if name]
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        try:
            shape = service.shape(name)
        except KeyError:
            continue
        seen.add(name)
        for f in shape.fields:
            todo.extend(f.type.shapes())
    return seen
