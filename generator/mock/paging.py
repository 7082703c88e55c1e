"""Filters and pages: what makes a Describe* answer depend on its request.

* ``Filter.N.Name`` / ``Filter.N.Value.N`` keep the items whose field, named
  the way KSYUN writes filter names (``instance-state.name`` →
  ``InstanceState.Name``, ``subnet-id`` → ``SubnetId``; a list on the way
  matches when any member does), equals one of the values.  A name that
  reaches no field of the item shape is ``InvalidFilterName`` when the action
  documents it, else ``InvalidParameterValue``.
* ``x-ksyun-pagination`` cuts the (filtered) items into pages.  ``marker``:
  ``Marker`` is the offset, echoed back with the total.  ``token``: the
  ``NextToken`` sent back is the offset of the next page, written
  ``page-<offset>``; the last page has none.  Pages are slices of one fixed
  list, so a walk sees every item exactly once.
"""

from __future__ import annotations

import re
from typing import Any

from ..ir import Operation, Service, TypeRef

DEFAULT_PAGE_SIZE = 10
# Items of a paged action's list unless told otherwise: three pages at the default page
# size, the last one short (10 + 10 + 5), so a walk shows paging at work.
DEFAULT_PAGE_ITEMS = 2 * DEFAULT_PAGE_SIZE + DEFAULT_PAGE_SIZE // 2
# ASCII digits, few enough for int() (a 5,000-digit token is a client error, not a 500)
_TOKEN = re.compile(r"page-([0-9]{1,18})")


class PagingError(Exception):
    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


def _pascal(part: str) -> str:
    return "".join(w[:1].upper() + w[1:] for w in re.split(r"[-_]", part) if w)


def _field_type(service: Service, t: TypeRef, name: str) -> TypeRef | None:
    while t.kind == "array" and t.item is not None:
        t = t.item
    if t.kind != "shape":
        return None
    for f in service.shape(t.shape or "").fields:
        if f.name == name:
            return f.type
    return None


def _values(node: Any, path: list[str]) -> list[Any]:
    if isinstance(node, list):
        return [v for item in node for v in _values(item, path)]
    if not path:
        return [node]
    if isinstance(node, dict) and path[0] in node:
        return _values(node[path[0]], path[1:])
    return []


def _text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _items_field(service: Service, op: Operation, name: str) -> TypeRef | None:
    for f in service.shape(op.response).fields:
        if f.name == name:
            return f.type
    return None


def items_name(service: Service, op: Operation) -> str | None:
    """The response's list that filters narrow: the paged one, else the only list."""
    if op.pagination is not None:
        return op.pagination.items
    lists = [f.name for f in service.shape(op.response).fields if f.type.kind == "array"]
    return lists[0] if len(lists) == 1 else None


def apply_filters(service: Service, op: Operation, params: dict[str, Any], body: dict[str, Any]) -> None:
    filters = params.get("Filter")
    name = items_name(service, op)
    if not filters or name is None or not isinstance(body.get(name), list):
        return
    item_type = _items_field(service, op, name)
    documented = {e.code for e in op.errors}
    for f in filters:
        wire = str(f.get("Name", ""))
        path = [_pascal(p) for p in wire.split(".")]
        t: TypeRef | None = item_type
        for part in path:
            t = _field_type(service, t, part) if t is not None else None
        if t is None:
            code = "InvalidFilterName" if "InvalidFilterName" in documented else "InvalidParameterValue"
            raise PagingError(code, f"the filter name {wire!r} is not supported")
        wanted = {str(v) for v in f.get("Value") or []}
        if wanted:
            body[name] = [item for item in body[name]
                          if {_text(v) for v in _values(item, path)} & wanted]


def apply_paging(op: Operation, params: dict[str, Any], body: dict[str, Any]) -> None:
    paging = op.pagination
    if paging is None or not isinstance(body.get(paging.items), list):
        return
    items = body[paging.items]
    size = params.get(paging.limit)
    if size is not None and size < 1:  # (whatever the spec's minimum says: no page of -5 items)
        raise PagingError("InvalidParameterValue", f"{paging.limit} must be >= 1, got {str(size)[:40]}")
    size = size or DEFAULT_PAGE_SIZE
    if paging.style == "marker":
        offset = params.get(paging.input_token) or 0
        if offset < 0:
            raise PagingError("InvalidParameterValue", f"{paging.input_token} must be >= 0")
        body[paging.items] = items[offset:offset + size]
        body[paging.input_token] = offset
    else:
        token = params.get(paging.input_token)
        offset = 0
        if token:
            match = _TOKEN.fullmatch(str(token))
            if match is None:
                raise PagingError("InvalidParameterValue",
                                  f"{paging.input_token} {str(token)[:40]!r} is not valid")
            offset = int(match.group(1))
        body[paging.items] = items[offset:offset + size]
        if offset + size < len(items):
            body[paging.output_token] = f"page-{offset + size}"
        else:
            body.pop(paging.output_token, None)
    if paging.total:
        body[paging.total] = len(items)
