"""``ksyun-codegen export-doc``: print an action as a KSYUN doc page.

The reverse of import-doc: the page's three tables (request, flat response,
errors) in the format generator.docpage reads, written from the spec's IR.
Lists are ``Name.N``, request objects are dotted (``SystemDisk.DiskType``),
response objects are flattened in order below their ``Object``/``Object[]``
row, and examples follow ``示例值:``.
"""

from __future__ import annotations

import argparse
import difflib
import sys
from pathlib import Path
from typing import Any

from .docpage import describe, format_row
from .ir import Field, Operation, Service, TypeRef

_SCALAR_NAMES = {"string": "String", "integer": "Int", "number": "Float", "boolean": "Boolean"}


def doc_type(t: TypeRef) -> str:
    """The page's type for *t*: String, Int, Long, Float, Double, Boolean, Object, X[]."""
    if t.kind == "integer" and t.format == "int64":
        return "Long"
    if t.kind == "number" and t.format == "double":
        return "Double"
    if t.kind in _SCALAR_NAMES:
        return _SCALAR_NAMES[t.kind]
    if t.kind == "array":
        inner = doc_type(t.item or TypeRef("any"))
        return "Object[]" if inner.startswith("Object") or inner.endswith("[]") else inner + "[]"
    return "Object"


def _flag(required: bool) -> str:
    return "是" if required else "否"


def request_rows(service: Service, name: str, t: TypeRef, required: bool, description: str,
                 example: Any, has_example: bool, seen: frozenset[str] = frozenset()) -> list[list[str]]:
    """Rows for one request parameter (or a member of one), flattened KSYUN style."""
    if t.kind == "array" and t.item is not None and t.item.kind != "shape":
        return [[f"{name}.N", doc_type(t.item), _flag(required),
                 describe(description, example, has_example)]]
    if t.kind == "array" and t.item is not None and t.item.shape:
        rows = [[f"{name}.N", "Object[]", _flag(required), description]]
        return rows + _members(service, f"{name}.N", t.item.shape, seen)
    if t.kind == "shape" and t.shape:
        rows = [[name, "Object", _flag(required), description]]
        return rows + _members(service, name, t.shape, seen)
    return [[name, doc_type(t), _flag(required), describe(description, example, has_example)]]


def _members(service: Service, prefix: str, shape: str, seen: frozenset[str]) -> list[list[str]]:
    if shape in seen:
        return []
    rows: list[list[str]] = []
    for f in service.shape(shape).fields:
        rows.extend(request_rows(service, f"{prefix}.{f.name}", f.type, f.required, f.description,
                                 f.example, f.has_example, seen | {shape}))
    return rows


def response_rows(service: Service, shape: str, seen: frozenset[str] = frozenset()) -> list[list[str]]:
    rows: list[list[str]] = []
    if shape in seen:
        return rows
    for f in service.shape(shape).fields:
        rows.append([f.name, doc_type(f.type), describe(f.description, f.example, f.has_example)])
        inner = f.type.shapes()
        if inner:
            rows.extend(response_rows(service, inner[0], seen | {shape}))
    return rows


def export_page(service: Service, op: Operation) -> str:
    lines = [f"{op.action} {op.summary}".rstrip(), f"请求方式:{op.method}"]
    lines.append(format_row(["参数名称", "类型", "必填", "描述"]))
    lines.append("---|")
    lines.append(format_row(["Action", "String", "是", op.action_description]))
    lines.append(format_row(["Version", "String", "是", op.version_description]))
    for p in op.parameters:
        for row in request_rows(service, p.name, p.type, p.required, p.description,
                                p.example, p.has_example):
            lines.append(format_row(row))
    lines.append(format_row(["参数名称", "类型", "描述"]))
    lines.append("---|")
    for row in response_rows(service, op.response):
        lines.append(format_row(row))
    lines.append("JSON格式")
    if op.errors:
        lines.append("以下仅列出了接口业务逻辑相关的错误码,其他错误码详见公共错误码")
        lines.append(format_row(["错误码", "错误信息", "Http状态码", "描述"]))
        lines.append("---|")
        for e in op.errors:
            lines.append(format_row([e.code, e.message, str(e.http_status), e.description]))
    return "\n".join(lines) + "\n"


def find(api_services: tuple[Service, ...], action: str, service: str | None,
         version: str | None) -> tuple[Service, Operation]:
    hits = [(s, o) for s in api_services for o in s.operations
            if o.action == action and (service is None or s.name == service)
            and (version is None or s.version == version)]
    if not hits:
        raise LookupError(f"no action {action}"
                          + (f" in {service}" if service else "")
                          + (f" {version}" if version else "")
                          + _did_you_mean(action, {o.action for s in api_services
                                                   for o in s.operations}))
    if len(hits) > 1:
        where = ", ".join(f"{s.name} {s.version}" for s, _ in hits)
        raise LookupError(f"action {action} is in several service versions ({where}); "
                          "say --service and --version")
    return hits[0]


def _did_you_mean(action: str, known: set[str]) -> str:
    """``; did you mean DescribeImages?`` for ``describeimages`` or ``DescribeImage``."""
    same = sorted(k for k in known if k.lower() == action.lower())
    close = same or difflib.get_close_matches(action, sorted(known), n=1, cutoff=0.8)
    return f"; did you mean {close[0]}?" if close else ""


def run(args: argparse.Namespace) -> int:
    from .pipeline import load_api

    api = load_api(args.spec)
    try:
        service, op = find(api.services, args.action, args.service, args.version)
    except LookupError as exc:
        print(f"ksyun-codegen export-doc: {exc.args[0]}", file=sys.stderr)
        return 2
    sys.stdout.write(export_page(service, op))
    return 0


def add_parser(sub: Any) -> None:
    p = sub.add_parser("export-doc", help="print an action as a KSYUN doc page (tables)")
    p.add_argument("--action", required=True, help="action name, e.g. DescribeImages")
    p.add_argument("--service", default=None, help="service name, e.g. kec")
    p.add_argument("--version", default=None, help="API version, e.g. 2016-03-04")
    p.add_argument("--spec", type=Path, default=Path("spec"),
                   help="spec folder or one service spec file (default: spec/)")
    p.set_defaults(func=run)


__all__ = ["Field", "doc_type", "export_page", "request_rows", "response_rows"]
