"""Paging: an action's ``x-ksyun-pagination`` → ``Pagination`` (style, the
request parameters that carry the limit and the position), and once the
shapes are known its response side (``check_pagination``: the items, total
and next-token fields of the response).
"""

from __future__ import annotations

from typing import Any

from ..extensions import EXTENSIONS
from ..ir import Operation, Pagination, Parameter, Shape
from ..load import Document
from ..problems import Problem, join_pointer
from .context import NAME_RE, Context

# x-ksyun-pagination styles and the request parameter each carries its position in.
PAGING_TOKENS = {"marker": "Marker", "token": "NextToken"}


def pagination(ctx: Context, doc: Document, pointer: str, raw: Any,
               params: list[Parameter]) -> Pagination | None:
    """``x-ksyun-pagination: {style, items, total?, limit?, token?}``; the
    response side is checked once the shapes are known (check_pagination)."""
    if raw is None:
        return None
    if not isinstance(raw, dict):
        ctx.fail(doc, pointer, "x-ksyun-pagination: expected a mapping "
                 "{style: marker|token, items: <response list field>, total: <field>}")
        return None
    unknown = sorted(set(raw) - set(EXTENSIONS["x-ksyun-pagination"].keys))
    for key in unknown:
        ctx.fail(doc, join_pointer(pointer, key), f"x-ksyun-pagination: unknown key {key!r} "
                 "(expected style, items, total, limit, token)")
    style = raw.get("style")
    if style not in PAGING_TOKENS:
        ctx.fail(doc, join_pointer(pointer, "style") if "style" in raw else pointer,
                 f"x-ksyun-pagination: style must be 'marker' or 'token', got {style!r}")
        return None
    values = _fields(ctx, doc, pointer, raw, style)
    if values is None or not _parameters_fit(ctx, doc, pointer, values, style, params):
        return None
    return Pagination(
        style=style, items=values["items"], input_token=values["token"],
        output_token=values["token"] if style == "token" else "",
        limit=values["limit"], total=values["total"], source=ctx.src(doc, pointer),
    )


def _fields(ctx: Context, doc: Document, pointer: str, raw: dict[str, Any],
            style: str) -> dict[str, str] | None:
    """items, total, limit and token, defaults filled in; None at the first bad one."""
    values: dict[str, str] = {}
    for key, default in (("items", None), ("total", ""), ("limit", "MaxResults"),
                         ("token", PAGING_TOKENS[style])):
        value = raw.get(key, default)
        if not isinstance(value, str) or (value == "" and key != "total") \
                or (value and not NAME_RE.fullmatch(value)):
            ctx.fail(doc, join_pointer(pointer, key) if key in raw else pointer,
                     f"x-ksyun-pagination: {key} must name a field, got {value!r}")
            return None
        values[key] = value
    return values


def _parameters_fit(ctx: Context, doc: Document, pointer: str, values: dict[str, str],
                    style: str, params: list[Parameter]) -> bool:
    """Whether the action has the limit and token parameters, of their types."""
    by_name = {p.name: p for p in params}
    want = {values["limit"]: "integer",
            values["token"]: "integer" if style == "marker" else "string"}
    for name, kind in want.items():
        param = by_name.get(name)
        if param is None:
            ctx.fail(doc, pointer, f"x-ksyun-pagination: the action has no {name} parameter")
            return False
        if param.type.kind != kind:
            ctx.fail(doc, pointer, f"x-ksyun-pagination: parameter {name} must be "
                     f"{kind}, is {param.type.kind}")
            return False
    return True


def check_pagination(op: Operation, shapes: dict[str, Shape]) -> list[Problem]:
    """The response side of x-ksyun-pagination: items is a list, total and the
    next token are fields of the response."""
    paging = op.pagination
    response = shapes.get(op.response)
    if paging is None or response is None:
        return []
    fields = {f.name: f for f in response.fields}
    where = paging.source
    problems: list[Problem] = []

    def need(name: str, kinds: tuple[str, ...], what: str) -> None:
        found = fields.get(name)
        if found is None:
            problems.append(Problem(where.file, where.line, "", f"x-ksyun-pagination: the "
                                    f"response of {op.action} has no field {name!r} ({what})"))
        elif found.type.kind not in kinds:
            problems.append(Problem(where.file, where.line, "", f"x-ksyun-pagination: {name} "
                                    f"must be {' or '.join(kinds)} ({what}), is {found.type.kind}"))

    need(paging.items, ("array",), "the list of items")
    if paging.total:
        need(paging.total, ("integer",), "the total count")
    if paging.output_token:
        need(paging.output_token, ("string",), "the next page's token")
    return problems
