"""What the Go target gives the rest of the project: each action's example call
(for the docs) and the public names of a service version (for ``diff``).

Both are computed with the functions the templates use (names.py and the
member conventions of target.py), so they say what the generated code has.
"""

from __future__ import annotations

import json
from typing import Any

from ...examples import request_example
from ...facts import own_errors
from ...ir import Api, Operation, Service, TypeRef
from . import names
from .names import output_type
from .target import (
    Member,
    Struct,
    bound_outputs,
    enums,
    go_string,
    gofmt,
    input_struct,
    is_enum,
    op_structs,
    request_shapes,
    scalar_type,
    shared_structs,
)

_POINTER = {"string": "String", "integer": "Int", "number": "Float64", "boolean": "Bool"}


def _any_literal(value: Any) -> str:
    """A Go literal of free-form JSON: ``map[string]any{...}``, ``[]any{...}``."""
    if isinstance(value, dict):
        items = ", ".join(f"{go_string(str(k))}: {_any_literal(v)}" for k, v in value.items())
        return "map[string]any{" + items + "}"
    if isinstance(value, list):
        return "[]any{" + ", ".join(_any_literal(v) for v in value) + "}"
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "nil"
    if isinstance(value, (int, float)):
        return json.dumps(value)
    return go_string(str(value))


def _scalar(value: Any, t: TypeRef) -> str:
    if t.kind == "string":
        return go_string(str(value))
    if t.kind == "boolean":
        return "true" if value else "false"
    return json.dumps(value)


class _Writer:
    """Go composite literals of example values, in package *pkg*'s names."""

    def __init__(self, service: Service, pkg: str) -> None:
        self.service = service
        self.pkg = pkg

    def value(self, value: Any, t: TypeRef, m: Member | None, indent: int) -> str:
        """*value* (wire form) as a Go expression of the member's type (no pointer)."""
        if t.kind == "array":
            item = t.item or TypeRef("any")
            inner = [self.value(v, item, m, indent + 1) for v in (value or [])]
            elem = self._elem_type(item, m)
            if item.kind == "shape":
                pad = "\t" * (indent + 1)
                # the element type is implied in a slice literal: {Type: ...}
                body = "".join(f"{pad}{x.removeprefix(elem)},\n" for x in inner)
                return f"[]{elem}{{\n{body}{chr(9) * indent}}}"
            return f"[]{elem}{{" + ", ".join(inner) + "}"
        if t.kind == "shape":
            return self.struct(value or {}, t.shape or "", indent)
        if t.kind == "any":
            return _any_literal(value)
        if is_enum(t) and m is not None and value in t.enum:
            return f"{self.pkg}.{names.enum_const(m.enum, value)}"
        return _scalar(value, t)

    def _elem_type(self, t: TypeRef, m: Member | None) -> str:
        if t.kind == "shape":
            return f"{self.pkg}.{names.type_name(t.shape or '')}"
        if is_enum(t) and m is not None:
            return f"{self.pkg}.{m.enum}"
        if t.kind == "array":
            return "[]" + self._elem_type(t.item or TypeRef("any"), m)
        return scalar_type(t)

    def member(self, m: Member, value: Any, indent: int) -> str:
        text = self.value(value, m.type, m, indent)
        if not m.pointer:
            return text
        if m.type.kind == "shape":
            return "&" + text
        if m.type.kind in _POINTER:
            helper = "Int64" if m.go_type == "*int64" else _POINTER[m.type.kind]
            return f"ksyun.{helper}({text})"
        return text

    def fields(self, struct: Struct, values: dict[str, Any], indent: int) -> str:
        pad = "\t" * (indent + 1)
        by_wire = {m.wire: m for m in struct.members}
        lines = [f"{pad}{by_wire[k].name}: {self.member(by_wire[k], v, indent + 1)},\n"
                 for k, v in values.items() if k in by_wire]
        return "".join(lines)

    def struct(self, values: dict[str, Any], shape: str, indent: int) -> str:
        s = self.service.shape(shape)
        struct = Struct(names.type_name(shape), "", s.fields, shape in request_shapes(self.service), True, False,
                        s.source, shape=True)
        name = f"{self.pkg}.{struct.name}"
        body = self.fields(struct, values, indent)
        return f"{name}{{\n{body}{chr(9) * indent}}}" if body else f"{name}{{}}"


def example_call(service: Service, op: Operation, module: str) -> str:
    """A whole Go program calling *op* with :func:`request_example`'s arguments."""
    return gofmt({"example.go": example_source(service, op, module)})["example.go"]


def example_calls(calls: list[tuple[Service, Operation]], module: str) -> list[str]:
    """:func:`example_call` of each (service, action) of *calls*, formatted by one gofmt."""
    done = gofmt({f"{i}/example.go": example_source(service, op, module) for i, (service, op) in enumerate(calls)})
    return [done[f"{i}/example.go"] for i in range(len(calls))]


def example_source(service: Service, op: Operation, module: str) -> str:
    """:func:`example_call`'s program before gofmt."""
    pkg = names.package_name(service.name)
    path = f"{module}/{names.service_folder(service).rstrip('/')}"
    writer = _Writer(service, pkg)
    args = request_example(service, op)
    body = writer.fields(input_struct(op), args, 1)
    literal = f"&{pkg}.{names.input_type(op)}{{\n{body}\t}}" if body else f"&{pkg}.{names.input_type(op)}{{}}"
    response = service.shape(op.response)
    has_request_id = any(f.name == "RequestId" for f in response.fields)
    show = ('fmt.Println(ksyun.ToString(out.RequestId))' if has_request_id else 'fmt.Printf("%+v\\n", out)')
    alias = "" if path.rsplit("/", 2)[-2] == pkg else f"{pkg} "
    return (
        "package main\n\n"
        "import (\n\t\"context\"\n\t\"fmt\"\n\t\"log\"\n\n"
        f"\t{alias}\"{path}\"\n\t\"{module}/ksyun\"\n)\n\n"
        "func main() {\n"
        "\t// credentials from KSYUN_ACCESS_KEY and KSYUN_SECRET_KEY (or ksyun.WithCredentials)\n"
        f"\tclient, err := {pkg}.NewClient(ksyun.WithRegion(\"cn-beijing-6\"))\n"
        "\tif err != nil {\n\t\tlog.Fatal(err)\n\t}\n"
        f"\tout, err := client.{names.method_name(op.action)}(context.Background(), {literal})\n"
        "\tif err != nil {\n\t\tlog.Fatal(err)\n\t}\n"
        f"\t{show}\n"
        "}\n"
    )


def public_names(service: Service, api: Api, module: str, key: Any) -> dict[str, str]:
    """Every public Go name of *service*, by the language-neutral keys of
    :meth:`generator.targets.base.Target.public_names` (*key* joins a key's tokens)."""
    pkg = names.package_name(service.name)
    out: dict[str, str] = {
        key("client"): f"{pkg}.Client",
        key("module"): f"{module}/{names.service_folder(service).rstrip('/')}",
    }
    bound = bound_outputs(service)
    for op in service.operations:
        out[key("actions", op.action)] = f"{pkg}.Client.{names.method_name(op.action)}"
        out[key("actions", op.action, "request")] = f"{pkg}.{names.input_type(op)}"
        if op.pagination is not None:
            out[key("actions", op.action, "paginator")] = f"{pkg}.New{names.paginator_type(op)}"
        struct = input_struct(op)
        for m in struct.members:
            out[key("actions", op.action, "parameters", m.wire)] = f"{pkg}.{struct.name}.{m.name}"
            if m.enum_ref is not None:
                for const, _, value in _values(m):
                    out[key("actions", op.action, "parameters", m.wire, "enum", json.dumps(value))] = f"{pkg}.{const}"
    structs = shared_structs(service) + [s for op in service.operations for s in op_structs(op, service)
                                         if s.name == output_type(op)]
    by_name = {names.type_name(s.name): s.name for s in service.shapes}
    for op in service.operations:
        if op.response in bound:
            by_name[output_type(op)] = op.response
    for struct in structs:
        shape = by_name.get(struct.name)
        if shape is None:
            continue
        out[key("shapes", shape)] = f"{pkg}.{struct.name}"
        for m in struct.members:
            out[key("shapes", shape, "fields", m.wire)] = f"{pkg}.{struct.name}.{m.name}"
            if m.enum_ref is not None:
                for const, _, value in _values(m):
                    out[key("shapes", shape, "fields", m.wire, "enum", json.dumps(value))] = f"{pkg}.{const}"
    for err in api.common_errors:
        out[key("errors", err.code)] = "ksyun." + names.error_type(err.code, runtime=True)
    for err in own_errors(service, api):
        out[key("errors", err.code)] = f"{pkg}.{names.error_type(err.code)}"
    return out


def _values(m: Member) -> list[tuple[str, str, Any]]:
    assert m.enum_ref is not None
    return [(names.enum_const(m.enum, v), "", v) for v in m.enum_ref.enum]


__all__ = ["enums", "example_call", "example_calls", "example_source", "public_names"]
