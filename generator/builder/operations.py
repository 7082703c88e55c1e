"""Paths → ``Operation``: one action per path key ``/#Action=<operationId>``
called with GET or POST, its query parameters (Action and Version pinned to
the action and the API version, the others typed), its 200 response shape,
its idempotency (``default_idempotent`` unless ``x-ksyun-idempotent`` says),
its errors and its paging.
"""

from __future__ import annotations

import re
from typing import Any

from ..ir import Operation, Parameter
from ..load import Document
from ..problems import join_pointer
from .context import NAME_RE, Context, pascal_token, text
from .errors import error_codes
from .examples import check_examples, first_example
from .paging import pagination
from .types import Types

METHODS = ("get", "post")
OTHER_METHODS = ("put", "delete", "patch", "head", "options", "trace")
PATH_PREFIX = "/#Action="
# Read-only verbs: an action whose first word is one of these is idempotent
# unless x-ksyun-idempotent says otherwise ("CheckoutOrders" is not "Check").
SAFE_VERBS = ("Describe", "List", "Get", "Query", "Check")
_SAFE_RE = re.compile(r"(?:%s)(?=[A-Z]|\Z)" % "|".join(SAFE_VERBS))


def default_idempotent(action: str) -> bool:
    """Read-only actions are safe to repeat: the first word is a verb of
    SAFE_VERBS, as a whole word (``DescribeImages``, ``Check``; not ``CheckoutOrders``)."""
    return _SAFE_RE.match(action) is not None


def build_operations(ctx: Context, types: Types, paths: dict[str, Any], info_version: str) -> dict[str, Operation]:
    """Every action of the ``paths`` of the document, by name; a path item that
    is no mapping, another HTTP method and a second action of one name are problems."""
    doc = ctx.doc
    ops: dict[str, Operation] = {}
    op_lines: dict[str, int | None] = {}
    for path_key, item in paths.items():
        pptr = join_pointer("/paths", path_key)
        if not isinstance(item, dict):
            ctx.fail(doc, pptr, "expected a path item (a mapping)")
            continue
        for method, op in item.items():
            optr = join_pointer(pptr, method)
            if method in OTHER_METHODS:
                ctx.fail(doc, optr, f"method {method!r}: KSYUN actions are called with GET or POST")
                continue
            if method not in METHODS or not isinstance(op, dict):
                continue
            built = operation(ctx, types, path_key, method, op, optr, info_version)
            if built is None:
                continue
            if built.action in ops:
                ctx.fail(doc, optr, f"duplicate action {built.action!r} "
                         f"(first at line {op_lines[built.action]})")
                continue
            ops[built.action] = built
            op_lines[built.action] = doc.line(optr)
    return ops


def operation(ctx: Context, types: Types, path_key: str, method: str, op: dict[str, Any],
              pointer: str, info_version: str) -> Operation | None:
    """The action *op* (the *method* of *path_key*, at *pointer*); None when it
    has no usable name."""
    doc = ctx.doc
    action = _action(ctx, path_key, op, pointer)
    if action is None:
        return None
    params, pinned = _parameters(ctx, types, op, pointer, action, info_version)
    response = response_shape(ctx, types, op, pointer, action)
    errors = error_codes(ctx, doc, join_pointer(pointer, "x-ksyun-errors"), op.get("x-ksyun-errors"))
    idem = op.get("x-ksyun-idempotent")
    if idem is not None and not isinstance(idem, bool):
        ctx.fail(doc, join_pointer(pointer, "x-ksyun-idempotent"), "expected true or false")
        idem = None
    paging = pagination(ctx, doc, join_pointer(pointer, "x-ksyun-pagination"),
                        op.get("x-ksyun-pagination"), params)
    return Operation(
        action=action, method=method.upper(),
        summary=text(op.get("summary")).strip(),
        description=text(op.get("description")).strip(),
        action_description=pinned["Action"], version_description=pinned["Version"],
        parameters=tuple(params), response=response, errors=errors,
        idempotent=default_idempotent(action) if idem is None else idem,
        pagination=paging,
        source=ctx.src(doc, pointer),
    )


def _action(ctx: Context, path_key: str, op: dict[str, Any], pointer: str) -> str | None:
    """The action name (operationId), checked against the path key."""
    doc = ctx.doc
    action = op.get("operationId")
    if not isinstance(action, str) or not action:
        ctx.fail(doc, pointer, "operation has no operationId (expected the action name, "
                 "e.g. DescribeImages)")
        return None
    if not NAME_RE.fullmatch(action):
        ctx.fail(doc, join_pointer(pointer, "operationId"),
                 f"operationId {action!r} is not an action name (letters and digits)")
        return None
    if path_key != PATH_PREFIX + action:
        ctx.fail(doc, pointer.rsplit("/", 1)[0], f"path key {path_key!r} does not match operationId: "
                 f"expected '{PATH_PREFIX}{action}'")
    return action


def _parameters(ctx: Context, types: Types, op: dict[str, Any], pointer: str, action: str,
                info_version: str) -> tuple[list[Parameter], dict[str, str]]:
    """The action's parameters but Action and Version, and the descriptions of
    those two (which must be there, pinned)."""
    params: list[Parameter] = []
    pinned = {"Action": "", "Version": ""}
    seen: dict[str, str] = {}
    raw_params = op.get("parameters") or []
    for i, raw in enumerate(raw_params if isinstance(raw_params, list) else []):
        found = _parameter(ctx, join_pointer(pointer, "parameters", i), raw, seen)
        if found is None:
            continue
        pdoc, pptr, p, name, schema = found
        if name in pinned:
            pinned[name] = text(p.get("description")).strip()
            _check_pinned(ctx, pdoc, pptr, name, schema, action if name == "Action" else info_version)
            continue
        params.append(_typed_parameter(ctx, types, pdoc, pptr, p, name, schema, action))
    for name in pinned:
        if name not in seen:
            ctx.fail(ctx.doc, pointer, f"operation {action} lacks the {name} parameter "
                     "(pinned with enum: [value])")
    return params, pinned


def _parameter(ctx: Context, ptr: str, raw: Any,
               seen: dict[str, str]) -> tuple[Document, str, dict[str, Any], str, Any] | None:
    """The parameter *raw* at *ptr* (its $ref followed): where it is, itself,
    its name and schema; None when it is no usable query parameter. Its name
    goes into *seen*."""
    resolved = ctx.deref(ctx.doc, ptr, raw)
    if resolved is None:
        return None
    pdoc, pptr, p = resolved
    if not isinstance(p, dict):
        ctx.fail(ctx.doc, ptr, "expected a parameter object")
        return None
    name = p.get("name")
    if not isinstance(name, str) or not name:
        ctx.fail(pdoc, pptr, "parameter has no name")
        return None
    if p.get("in") != "query":
        ctx.fail(pdoc, join_pointer(pptr, "in"),
                 f"parameter {name!r} is in {p.get('in')!r}; KSYUN actions take "
                 "query (GET) or form (POST) parameters: use 'in: query'")
        return None
    if name in seen:
        ctx.fail(pdoc, pptr, f"duplicate parameter {name!r}")
        return None
    seen[name] = pptr
    schema = p.get("schema")
    if schema is None:
        ctx.fail(pdoc, pptr, f"parameter {name!r} has no schema")
        return None
    return pdoc, pptr, p, name, schema


def _check_pinned(ctx: Context, pdoc: Document, pptr: str, name: str, schema: Any, want: str) -> None:
    """Action or Version: its schema must allow *want* alone."""
    sdoc, sptr, s = ctx.deref(pdoc, join_pointer(pptr, "schema"), schema) or (pdoc, pptr, {})
    values = s.get("enum") if isinstance(s, dict) else None
    if isinstance(s, dict) and "const" in s:
        values = [s["const"]]
    if values != [want]:
        ctx.fail(sdoc, sptr, f"parameter {name} must be pinned to {want!r} "
                 f"(schema: {{type: string, enum: [{want!r}]}})")


def _typed_parameter(ctx: Context, types: Types, pdoc: Document, pptr: str, p: dict[str, Any],
                     name: str, schema: Any, action: str) -> Parameter:
    ptype = types.type_of(pdoc, join_pointer(pptr, "schema"), schema, action + pascal_token(name))
    check_examples(ctx, pdoc, pptr, p, ptype)
    example, has_example = first_example(p)
    if not has_example and isinstance(schema, dict):
        example, has_example = first_example(schema)
    return Parameter(
        name=name, type=ptype, required=bool(p.get("required", False)),
        description=text(p.get("description")).strip(),
        example=example, has_example=has_example,
        target_name=ctx.target_name(pdoc, pptr, p),
        not_found_error=text(p.get("x-ksyun-not-found-error")),
        source=ctx.src(pdoc, pptr),
    )


def response_shape(ctx: Context, types: Types, op: dict[str, Any], pointer: str, action: str) -> str:
    """The name of the shape the action's 200 response carries; "" when it has none."""
    doc = ctx.doc
    responses = op.get("responses")
    if not isinstance(responses, dict) or "200" not in responses:
        ctx.fail(doc, pointer, f"operation {action} has no '200' response")
        return ""
    rptr = join_pointer(pointer, "responses", "200")
    resolved = ctx.deref(doc, rptr, responses["200"])
    if resolved is None:
        return ""
    rdoc, rptr, resp = resolved
    schema = (((resp or {}).get("content") or {}).get("application/json") or {}).get("schema")
    sptr = join_pointer(rptr, "content", "application/json", "schema")
    if schema is None:
        ctx.fail(rdoc, rptr, "the 200 response needs content: application/json: schema")
        return ""
    known = len(ctx.problems)
    rtype = types.type_of(rdoc, sptr, schema, action + "Response")
    if rtype.kind != "shape" or rtype.shape is None:
        if len(ctx.problems) == known:  # (a dangling $ref, a misspelt type: said once, there)
            ctx.fail(rdoc, sptr, "the 200 response schema must be an object with properties")
        return ""
    return rtype.shape
