"""The Go target: one module (``generated/go``), a package per service version
(``kec/v20160304``, package ``kec``), the runtime (package ``ksyun``,
``templates/go/ksyun/``) copied verbatim.

Generated code is plain and explicit: every request struct has an
``encode`` (its members as KSYUN's flattened wire parameters) and a
``validate`` (the spec's constraints, checked before anything is sent);
every response struct has a ``decode`` (from the JSON body, leniently, as
the other SDKs read responses).  These bodies are written by the small
functions below (``encode_lines``, ``validate_lines``, ``decode_lines``),
tested on their own; the templates only loop.  ``gofmt`` formats the result
(``postprocess``), per file and cached, so an edit reformats what it changed.

Member conventions (see the SDK's README):

* request: a required scalar or object is a value (``ImageId string``), an
  optional one a pointer (``MaxResults *int``, set with ``ksyun.Int(10)``);
  a string enum is its typed value either way (``""`` is unset, as in the
  AWS SDK for Go v2); lists are slices;
* response: every scalar and object a pointer (KSYUN may leave any member
  out; the other SDKs read every response member as optional too), string
  enums typed values, lists slices (an omitted list reads as empty).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import tempfile
import unicodedata
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from ...cache import Cache, digest
from ...facts import all_errors, error_actions, own_errors, shape_closure, shape_references
from ...ir import NOWHERE, Api, ErrorCode, Field, Operation, Parameter, Service, Shape, TypeRef, per_service
from ...pages.write import md_cell
from ...problems import GeneratorBug, Problem
from ..base import ExampleCall, Target, action_groups
from . import names
from .names import (
    PACKAGE_NAMES,
    enum_const,
    enum_type,
    error_type,
    exported,
    field_name,
    input_type,
    method_name,
    output_type,
    package_name,
    paginator_type,
    type_name,
    version_dir,
)

UNKNOWN = "UnknownFields"  # where a response struct keeps the members the spec does not list
INSTALL_HINT = "install Go 1.23 or later and put `go` and `gofmt` on PATH"


class ToolchainError(ValueError):
    """Go's gofmt is missing: an environment problem, reported in one line."""


# -- literals and comments ---------------------------------------------------------------------
def go_string(text: str) -> str:
    """A Go interpreted string literal: ``"`` and ``\\`` escaped, and every character a Go
    source file cannot hold as written (controls, the BOM, line separators, surrogates) as
    an escape."""
    out = ['"']
    for ch in str(text):
        code = ord(ch)
        if ch == '"':
            out.append('\\"')
        elif ch == "\\":
            out.append("\\\\")
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\t":
            out.append("\\t")
        elif ch == "\r":
            out.append("\\r")
        elif 0xD800 <= code <= 0xDFFF:
            out.append("\\ufffd")
        elif code < 0x20 or code == 0x7F or 0x80 <= code < 0xA0 or code in (0xFEFF, 0x2028, 0x2029):
            out.append(f"\\u{code:04x}")
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


_UNSAFE_IN_COMMENT = re.compile("[\x00-\x08\x0b-\x1f\x7f\u0080-\u009f\ufeff\u2028\u2029\ud800-\udfff]")


def comment_text(text: str) -> str:
    """Spec text made one safe line of a ``//`` comment: line breaks become spaces, and the
    characters Go refuses, or that would end the line, are written as ``\\uXXXX``."""
    one_line = " ".join(text.replace("\r", "").split("\n"))
    return _UNSAFE_IN_COMMENT.sub(lambda m: f"\\u{ord(m.group()):04x}", one_line)


def doc_comment(text: str, indent: int = 0, extra: list[str] | None = None) -> str:
    """``// `` lines (with a final newline) for *text* and already safe *extra* lines; empty
    when both are empty.  A blank line between paragraphs is ``//``."""
    lines = [comment_text(line).rstrip() for line in text.strip().splitlines()] if text.strip() else []
    if extra:
        if lines:
            lines.append("")
        lines.extend(extra)
    pad = "\t" * indent
    return "".join(f"{pad}//{' ' + line if line else ''}\n" for line in lines)


def go_literal(value: Any, kind: str) -> str:
    if kind == "string":
        return go_string(str(value))
    if kind == "boolean":
        return "true" if value else "false"
    return json.dumps(value)


# -- types -----------------------------------------------------------------------------------
def scalar_type(t: TypeRef) -> str:
    if t.kind == "string":
        return "string"
    if t.kind == "integer":
        return "int64" if t.format == "int64" else "int"
    if t.kind == "number":
        return "float64"
    if t.kind == "boolean":
        return "bool"
    return "any"


def is_string_enum(t: TypeRef) -> bool:
    return t.kind == "string" and bool(t.enum) and "" not in t.enum


def is_enum(t: TypeRef) -> bool:
    return bool(t.enum) and t.kind in ("string", "integer", "number", "boolean")


def base_type(t: TypeRef, enum: str) -> str:
    """The Go type of *t* without pointer; *enum* names its enum type (if it has one)."""
    if t.kind == "array":
        return "[]" + base_type(t.item or TypeRef("any"), enum)
    if t.kind == "shape":
        return type_name(t.shape or "")
    if is_enum(t):
        return enum
    return scalar_type(t)


def pointer(t: TypeRef, required: bool, request: bool) -> bool:
    """Does the member hold a pointer?  (Lists, free-form values and string enums never do.)"""
    if t.kind in ("array", "any") or is_string_enum(t):
        return False
    return not (request and required)


def member_type(t: TypeRef, required: bool, request: bool, enum: str) -> str:
    base = base_type(t, enum)
    return ("*" + base) if pointer(t, required, request) else base


def enum_of(t: TypeRef) -> TypeRef | None:
    """The enum TypeRef inside *t* (itself or a list's item), if any."""
    while t.kind == "array" and t.item is not None:
        t = t.item
    return t if is_enum(t) else None


# -- the structs of a service -----------------------------------------------------------------
class Member:
    """One struct member as the templates and the body writers see it."""

    def __init__(self, item: Field | Parameter, owner: str, request: bool) -> None:
        self.item = item
        self.wire = item.name
        self.name = field_name(item)
        self.type = item.type
        self.required = item.required
        self.request = request
        self.rule_var = f"rule{owner}_{self.name}"
        enum = enum_of(item.type)
        self.enum = enum_type(owner, item) if enum is not None else ""
        self.enum_ref = enum
        self.go_type = member_type(item.type, item.required, request, self.enum)
        self.pointer = pointer(item.type, item.required, request)


class Struct:
    """A generated struct: an action's input, an action's output, or a shape."""

    def __init__(self, name: str, doc: str, items: tuple[Any, ...], request: bool, encode: bool,
                 decode: bool, source: Any, owner: str | None = None, shape: bool = False) -> None:
        self.name = name
        self.shape = shape  # a named object: it gets a decode<Name> function when it decodes
        self.doc = doc
        self.request = request  # the member convention (required members are values)
        self.encode = encode
        self.decode = decode
        self.source = source
        self.members = [Member(item, owner or name, request) for item in items]


class Enum:
    def __init__(self, name: str, t: TypeRef, owner: str, wire: str, doc: str, decode: bool,
                 source: Any = None) -> None:
        self.name = name
        self.source = source  # the member's place in the spec, for a clash's file:line
        self.decode = decode  # its owner is read from responses
        self.type = t
        self.base = scalar_type(t)
        self.owner = owner
        self.wire = wire
        self.doc = doc
        self.values = [(enum_const(name, v), go_literal(v, t.kind), v) for v in t.enum]


@per_service
def request_shapes(service: Service) -> set[str]:
    return shape_closure(service, {s for op in service.operations for p in op.parameters for s in p.type.shapes()})


@per_service
def response_shapes(service: Service) -> set[str]:
    return shape_closure(service, {op.response for op in service.operations})


@per_service
def bound_outputs(service: Service) -> dict[str, str]:
    """Response shapes written as ``<Action>Output`` (shape name → action): an action's own
    ``<Action>Response`` that nothing else names."""
    counts = shape_references(service)
    return {op.response: op.action for op in service.operations
            if op.response == f"{op.action}Response" and counts.get(op.response) == 1}


def input_struct(op: Operation) -> Struct:
    doc = f"{input_type(op)} holds the parameters of {method_name(op.action)}."
    return Struct(input_type(op), doc, op.parameters, True, True, False, op.source,
                  owner=method_name(op.action))


def output_struct(op: Operation, service: Service) -> Struct | None:
    """The output struct when the action owns its response shape; else None (an alias)."""
    if op.response not in bound_outputs(service):
        return None
    shape = service.shape(op.response)
    doc = f"{output_type(op)} is the response of {method_name(op.action)}."
    if shape.description:
        doc += "\n\n" + shape.description
    return Struct(output_type(op), doc, shape.fields, op.response in request_shapes(service), False, True,
                  shape.source)


def shape_struct(shape: Shape, service: Service) -> Struct:
    name = type_name(shape.name)
    doc = f"{name}: {shape.description}" if shape.description else f"{name} is the object {shape.name}."
    return Struct(name, doc, shape.fields, shape.name in request_shapes(service),
                  shape.name in request_shapes(service), shape.name in response_shapes(service), shape.source,
                  shape=True)


@per_service
def shared_structs(service: Service) -> list[Struct]:
    """The shapes not written as an action's output, by name."""
    bound = bound_outputs(service)
    return [shape_struct(s, service) for s in service.shapes if s.name not in bound]


def shape_structs(shapes: list[Shape], service: Service) -> list[Struct]:
    """:func:`shared_structs` of one group of the service's named objects (``each: shape_group``)."""
    bound = bound_outputs(service)
    return [shape_struct(s, service) for s in shapes if s.name not in bound]


def op_structs(op: Operation, service: Service) -> list[Struct]:
    out = [input_struct(op)]
    output = output_struct(op, service)
    if output is not None:
        out.append(output)
    return out


def enums(structs: list[Struct]) -> list[Enum]:
    out: list[Enum] = []
    for struct in structs:
        for m in struct.members:
            if m.enum_ref is not None:
                doc = f"{m.enum} is the set of values of {struct.name}.{m.name}."
                out.append(Enum(m.enum, m.enum_ref, struct.name, m.wire, doc, struct.decode, m.item.source))
    return out


def rules(structs: list[Struct]) -> list[tuple[str, str]]:
    """(variable, literal) of every member's validation rule, for the structs that encode."""
    out: list[tuple[str, str]] = []
    for struct in structs:
        if not struct.encode:
            continue
        for m in struct.members:
            scalar = m.type
            while scalar.kind == "array" and scalar.item is not None:  # a list of lists checks its innermost items
                scalar = scalar.item
            literal = rule_literal(scalar)
            if literal:
                out.append((m.rule_var, literal))
            if m.type.kind == "array":
                items = items_literal(m.type)
                if items:
                    out.append((m.rule_var + "Items", items))
    return out


def _num(value: Any) -> str:
    """A Go constant for a bound: ``5``, ``0.5``, ``1e+21``."""
    number = float(value)
    if number.is_integer() and abs(number) < 1e15:
        return str(int(number))
    return repr(number)


def rule_literal(t: TypeRef) -> str:
    """The ``ksyun.StringRule`` / ``ksyun.NumberRule`` of a scalar's constraints and enum; ''
    when it has none."""
    c = dict(t.constraints)
    if t.kind == "string":
        parts = []
        if "minLength" in c:
            parts.append(f"MinLength: ksyun.Int({int(c['minLength'])})")
        if "maxLength" in c:
            parts.append(f"MaxLength: ksyun.Int({int(c['maxLength'])})")
        if "pattern" in c:
            parts.append(f"Pattern: ksyun.NewPattern({go_string(str(c['pattern']))})")
        if t.enum:
            parts.append("Enum: []string{" + ", ".join(go_string(str(v)) for v in t.enum) + "}")
        return "&ksyun.StringRule{" + ", ".join(parts) + "}" if parts else ""
    if t.kind in ("integer", "number"):
        parts = []
        for key, field in (("minimum", "Minimum"), ("maximum", "Maximum"),
                           ("exclusiveMinimum", "ExclusiveMinimum"), ("exclusiveMaximum", "ExclusiveMaximum")):
            if key in c:
                parts.append(f"{field}: ksyun.Float64({_num(c[key])})")
        if t.enum:
            parts.append("Enum: []float64{" + ", ".join(_num(v) for v in t.enum) + "}")
        return "&ksyun.NumberRule{" + ", ".join(parts) + "}" if parts else ""
    return ""


def items_literal(t: TypeRef) -> str:
    c = dict(t.constraints)
    parts = []
    if "minItems" in c:
        parts.append(f"MinItems: ksyun.Int({int(c['minItems'])})")
    if "maxItems" in c:
        parts.append(f"MaxItems: ksyun.Int({int(c['maxItems'])})")
    return "&ksyun.ItemsRule{" + ", ".join(parts) + "}" if parts else ""


# -- bodies: encode, validate, decode ----------------------------------------------------------
Key = list[tuple[bool, str]]  # (is a literal, text): a wire key or a path, built piece by piece


def join_key(parts: Key) -> str:
    """A Go string expression of *parts*, adjacent literals merged: ``prefix+"DataDisk."+…``."""
    out: list[str] = []
    literal = ""
    for is_literal, text in parts:
        if is_literal:
            literal += text
            continue
        if literal:
            out.append(go_string(literal))
            literal = ""
        out.append(text)
    if literal:
        out.append(go_string(literal))
    return " + ".join(out) if out else '""'


_GO_OF = {"string": "string", "integer": "int64", "number": "float64", "boolean": "bool"}
_PUT = {"string": "String", "integer": "Int", "number": "Float", "boolean": "Bool"}


def _convert(t: TypeRef, value: str, wanted: str) -> str:
    """*value* as Go type *wanted*, converted only when its own type differs."""
    own = "" if is_enum(t) else scalar_type(t)
    return value if own == wanted else f"{wanted}({value})"


def _put(t: TypeRef, key: Key, value: str) -> str:
    """The Params call that sends one scalar *value* (a Go expression) under *key*."""
    if t.kind not in _PUT:
        return f"p.JSON({join_key(key)}, {value})"
    return f"p.{_PUT[t.kind]}({join_key(key)}, {_convert(t, value, _GO_OF[t.kind])})"


def _encode_value(t: TypeRef, value: str, key: Key, depth: int) -> list[str]:
    """Lines sending *value* (of type *t*, never a pointer) under *key*."""
    if t.kind == "array":
        i, v = f"i{depth}", f"v{depth}"
        item = t.item or TypeRef("any")
        inner = _encode_value(item, v, [*key, (True, "."), (False, f"strconv.Itoa({i}+1)")], depth + 1)
        return [f"for {i}, {v} := range {value} {{", *("\t" + line for line in inner), "}"]
    if t.kind == "shape":
        return [f"{value}.encode(p, {join_key([*key, (True, '.')])})"]
    return [_put(t, key, value)]


def encode_lines(m: Member) -> list[str]:
    """The lines of a struct's ``encode`` that send member *m* (receiver ``s``, prefix ``prefix``)."""
    key: Key = [(False, "prefix"), (True, m.wire)]
    value = f"s.{m.name}"
    t = m.type
    if t.kind == "any":
        return [f"if {value} != nil {{", f"\tp.JSON({join_key(key)}, {value})", "}"]
    if m.pointer:
        deref = value if t.kind == "shape" else f"*{value}"
        return [f"if {value} != nil {{", *("\t" + line for line in _encode_value(t, deref, key, 0)), "}"]
    if is_string_enum(t) and not m.required:
        return [f'if {value} != "" {{', *("\t" + line for line in _encode_value(t, value, key, 0)), "}"]
    return _encode_value(t, value, key, 0)


def _check_value(t: TypeRef, value: str, path: Key, rule: str, depth: int) -> list[str]:
    """Lines checking *value* (never a pointer) at *path*."""
    if t.kind == "array":
        item = t.item or TypeRef("any")
        i = f"i{depth}"
        lines: list[str] = []
        if depth == 0 and items_literal(t):
            lines.append(f"v.Items({join_key(path)}, len({value}), {rule}Items)")
        inner = _check_value(item, f"{value}[{i}]", [*path, (True, "["), (False, f"strconv.Itoa({i})"),
                                                        (True, "]")], rule, depth + 1)
        if inner:
            lines += [f"for {i} := range {value} {{", *("\t" + line for line in inner), "}"]
        return lines
    if t.kind == "shape":
        return [f"{value}.validate(v, {join_key([*path, (True, '.')])})"]
    if t.kind == "boolean" and t.enum and set(t.enum) != {True, False}:
        # one allowed value: the other is refused as pydantic words it for Literal[True]
        allowed = bool(t.enum[0])
        test = f"!{value}" if allowed else f"bool({value})"
        return [f"if {test} {{", f'\tv.Problem({join_key(path)}, "Input should be {allowed}")', "}"]
    if not rule_literal(t):
        return []
    if t.kind == "string":
        return [f"v.String({join_key(path)}, {_convert(t, value, 'string')}, {rule})"]
    if t.kind == "integer":
        return [f"v.Int({join_key(path)}, {_convert(t, value, 'int64')}, {rule})"]
    if t.kind == "number":
        return [f"v.Float({join_key(path)}, {_convert(t, value, 'float64')}, {rule})"]
    return []


def struct_checks(struct: Struct) -> list[str]:
    """The body of a struct's ``validate``: every member's checks, or a comment saying there
    are none."""
    lines = [line for m in struct.members for line in validate_lines(m)]
    return lines or [f"// nothing to check: the spec gives {struct.name} no constraint"]


def validate_lines(m: Member) -> list[str]:
    """The lines of a struct's ``validate`` that check member *m* (receiver ``s``, path ``path``)."""
    path: Key = [(False, "path"), (True, m.name)]
    value = f"s.{m.name}"
    t = m.type
    lines: list[str] = []
    if m.required and (m.pointer or t.kind in ("array", "any")):
        lines += [f"if {value} == nil {{", f"\tv.Missing({join_key(path)})"]
        inner = _check_value(t, value if not m.pointer or t.kind == "shape" else f"*{value}", path, m.rule_var, 0)
        if inner:
            lines += ["} else {", *("\t" + line for line in inner)]
        return lines + ["}"]
    if m.required and is_string_enum(t):
        lines += [f'if {value} == "" {{', f"\tv.Missing({join_key(path)})", "} else {",
                  *("\t" + line for line in _check_value(t, value, path, m.rule_var, 0)), "}"]
        return lines
    if m.pointer:
        inner = _check_value(t, value if t.kind == "shape" else f"*{value}", path, m.rule_var, 0)
        return [f"if {value} != nil {{", *("\t" + line for line in inner), "}"] if inner else []
    if is_string_enum(t):
        inner = _check_value(t, value, path, m.rule_var, 0)
        return [f'if {value} != "" {{', *("\t" + line for line in inner), "}"] if inner else []
    return _check_value(t, value, path, m.rule_var, 0)


_AS = {"string": "ksyun.AsString", "number": "ksyun.AsFloat64", "boolean": "ksyun.AsBool", "any": "ksyun.AsAny"}


def decoder(t: TypeRef, enum: str) -> str:
    """The ``ksyun.DecodeFunc`` expression of a value of type *t* (no pointer)."""
    if t.kind == "array":
        return f"ksyun.ListOf({decoder(t.item or TypeRef('any'), enum)})"
    if t.kind == "shape":
        return "decode" + type_name(t.shape or "")
    if is_enum(t):
        return "decode" + enum
    if t.kind == "integer":
        return "ksyun.AsInt64" if t.format == "int64" else "ksyun.AsInt"
    return _AS.get(t.kind, "ksyun.AsAny")


def decode_line(m: Member) -> str:
    """The line of a struct's ``decode`` that reads member *m* from the JSON object ``m``."""
    fn = "Field" if m.pointer else "Value"
    return f"s.{m.name} = ksyun.{fn}(d, m, {go_string(m.wire)}, false, {decoder(m.type, m.enum)})"


def enum_decoder(e: Enum) -> str:
    """The decoder of an enum's underlying type (``ksyun.AsString``)."""
    return decoder(TypeRef(e.type.kind, format=e.type.format), "")


# What encoding/json accepts in a tag's name besides letters and digits (and a raw string holds).
_TAG_PUNCTUATION = frozenset("!#$%&()*+-./:;<=>?@[]^_{|}~")


def json_tag(m: Member) -> str:
    """The member's ``json`` struct tag (its wire name), so ``encoding/json`` writes and reads
    the wire form; none for a name a tag cannot hold."""
    if not m.wire or not all(c in _TAG_PUNCTUATION or unicodedata.category(c)[0] == "L"
                             or unicodedata.category(c) == "Nd" for c in m.wire):
        return ""
    return f' `json:"{m.wire},omitempty"`'


def member_doc(m: Member) -> str:
    """A member's comment: its description, whether it is required, its wire name when the Go
    name differs ('' when there is nothing to say: no comment)."""
    parts = [m.item.description.strip()] if m.item.description.strip() else []
    notes = []
    if m.request and m.required:
        notes.append("Required.")
    if m.name != m.wire:
        notes.append(f"Wire name: {m.wire}.")
    if notes:
        parts.append(" ".join(notes))
    return "\n\n".join(parts)


def go_imports(structs: list[Struct], methods: bool) -> str:
    """The import block a file of *structs* (and, with *methods*, action methods) needs."""
    std = ["context"] if methods else []
    uses_ksyun = methods or bool(structs)
    for struct in structs:
        if not struct.encode:
            continue
        for m in struct.members:
            if any("strconv." in line for line in encode_lines(m) + validate_lines(m)):
                std.append("strconv")
                break
        if "strconv" in std:
            break
    module = GoTarget().settings().get("module", "")
    lines = [f'\t"{name}"' for name in sorted(set(std))]
    if uses_ksyun:
        if lines:
            lines.append("")
        lines.append(f'\t"{module}/ksyun"')
    if not lines:
        return ""
    return "\nimport (\n" + "\n".join(lines) + "\n)\n"


def group_structs(ops: list[Operation], service: Service) -> list[Struct]:
    return [s for op in ops for s in op_structs(op, service)]


def paginator_doc(op: Operation) -> str:
    p = op.pagination
    assert p is not None
    how = f"{p.input_token} offsets from 0" if p.style == "marker" else f"{p.output_token} tokens"
    return (f"{paginator_type(op)} walks every page of {method_name(op.action)} ({how}, which it\n"
            f"manages): HasMorePages and NextPage(ctx) page by page, or Items(ctx) for each\n"
            f"item of {p.items} in a range loop.")


def error_doc(err: ErrorCode, runtime: bool = False) -> str:
    head = f"{error_type(err.code, runtime)} is KSYUN's error {err.code} (HTTP {err.http_status}): {err.message}"
    return f"{head}\n\n{err.description}" if err.description else head


def service_error_doc(err: ErrorCode, service: Service) -> str:
    lines = [f"{error_type(err.code)} is KSYUN's error {err.code}: {err.message}"]
    for action, doc in error_actions(service, err.code):
        lines.append("")
        lines.append(f"{action}: HTTP {doc.http_status}" + (f"; {doc.description}" if doc.description else ""))
    return "\n".join(lines)


def package_doc(service: Service) -> str:
    module = GoTarget().settings().get("module", "")
    head = (f"Package {package_name(service.name)} is the client of {service.title or service.name} "
            f"API version {service.version}.")
    body = [head]
    if service.description.strip():
        body += ["", service.description.strip()]
    body += ["", f"Import it as {module}/{names.service_folder(service).rstrip('/')};",
             "create a client with NewClient and call one method per action; every method takes a",
             "context.Context first and returns a typed output or an error to match with errors.As."]
    return "\n".join(body)


# -- operations --------------------------------------------------------------------------------
def output_alias(op: Operation, service: Service) -> str:
    """``''`` when the action owns its output struct; else the shape it aliases."""
    return "" if op.response in bound_outputs(service) else type_name(op.response)


def method_doc(op: Operation, api: Api) -> list[str]:
    """Safe comment lines after a method's summary: wire facts, then its errors."""
    lines: list[str] = []
    if op.description and op.description != op.summary:
        lines += [comment_text(line).rstrip() for line in op.description.strip().splitlines()] + [""]
    lines.append(f"{op.method} Action={comment_text(op.action)}; "
                 + ("safe to retry." if op.idempotent else "not safe to repeat: never sent twice."))
    if op.errors:
        lines += ["", "Errors documented for this action (match them with errors.As):"]
        common = {e.code for e in api.common_errors}
        for err in op.errors:
            what = " ".join((err.description or err.message or err.code).split())
            cls = f"ksyun.{error_type(err.code, runtime=True)}" if err.code in common else error_type(err.code)
            lines.append(f"  - *{cls}: {comment_text(what)} (HTTP {err.http_status})")
    lines += ["", "Any other KSYUN error is a *ksyun.APIError; a failure without an answer a",
              "*ksyun.TransportError; an answer that is not KSYUN's a *ksyun.ResponseError; a",
              "parameter outside the spec's constraints a *ksyun.ValidationError, before sending."]
    return lines


def paged(ops: list[Operation]) -> list[Operation]:
    return [op for op in ops if op.pagination is not None]


def _int_pointer(expr: str, m: Member | None, name: str) -> tuple[list[str], str]:
    """Lines and an expression giving member *m* (read as *expr*) as a ``*int``."""
    if m is None:
        return [], "nil"
    go = m.go_type.lstrip("*")
    if go == "int":
        return [], expr if m.pointer else f"&{expr}"
    if m.pointer:
        return [f"var {name} *int", f"if {expr} != nil {{", f"\tx := int(*{expr})", f"\t{name} = &x", "}"], name
    return [f"{name}x := int({expr})"], f"&{name}x"


def paging_step(op: Operation, service: Service) -> list[str]:
    """The body of a paginator's step closure ``func(in *Input, out *Output) ([]Item, bool)``:
    move ``in`` to the next page and say whether there is one (the runtime's rules; a token
    walk remembers its tokens in ``seen``, declared beside the closure)."""
    p = op.pagination
    if p is None:
        raise GeneratorBug(f"{op.action} has no pagination")
    response = service.shape(op.response)
    out_members = {m.wire: m for m in Struct("x", "", response.fields, op.response in request_shapes(service),
                                               False, True, None, output_type(op)).members}
    in_members = {m.wire: m for m in input_struct(op).members}
    items = out_members[p.items]
    position = in_members[p.input_token]
    lines: list[str] = []
    if p.style == "marker":
        pre1, marker = _int_pointer(f"in.{position.name}", position, "marker")
        limit_m = in_members.get(p.limit)
        pre2, limit = _int_pointer(f"in.{limit_m.name}", limit_m, "limit") if limit_m else ([], "nil")
        total_m = out_members.get(p.total) if p.total else None
        pre3, total = _int_pointer(f"out.{total_m.name}", total_m, "total") if total_m else ([], "nil")
        lines += pre1 + pre2 + pre3
        lines.append(f"next, more := ksyun.NextMarker({marker}, len(out.{items.name}), {total}, {limit})")
        go = position.go_type.lstrip("*")
        value = "next" if go == "int" else f"{go}(next)"
        if position.pointer:
            value = f"&{value}" if value == "next" else f"ksyun.Int64({value})"
        lines.append(f"in.{position.name} = {value}")
    else:
        token_m = out_members[p.output_token]
        got = f"out.{token_m.name}" if token_m.pointer else f"&out.{token_m.name}"
        lines.append(f"next, more := ksyun.NextToken(seen, {got})")
        lines.append(f"in.{position.name} = " + ("&next" if position.pointer else "next"))
    lines.append(f"return out.{items.name}, more")
    return lines


def paging_start(op: Operation) -> list[str]:
    """Lines that put a paginator's first input at the start: the paginator manages the
    position (``Marker`` from 0, no ``NextToken``), as the other SDKs' paginators do; a
    token walk also gets its ``seen`` set."""
    p = op.pagination
    if p is None:
        raise GeneratorBug(f"{op.action} has no pagination")
    position = {m.wire: m for m in input_struct(op).members}[p.input_token]
    if p.style == "marker":
        go = position.go_type.lstrip("*")
        zero = ("ksyun.Int(0)" if go == "int" else "ksyun.Int64(0)") if position.pointer else "0"
        return [f"first.{position.name} = {zero}"]
    # a token walk remembers its tokens in seen (the step closure's NextToken reads it)
    return [f"first.{position.name} = " + ("nil" if position.pointer else '""'), "seen := map[string]bool{}"]


def paging_item(op: Operation, service: Service) -> str:
    """The Go type of one item of a paged action's list."""
    p = op.pagination
    assert p is not None
    response = service.shape(op.response)
    owner = output_type(op) if op.response in bound_outputs(service) else type_name(op.response)
    field = next(f for f in response.fields if f.name == p.items)
    m = Member(field, owner, op.response in request_shapes(service))
    return base_type(field.type.item or TypeRef("any"), m.enum)


# -- name collisions ---------------------------------------------------------------------------
def check_names(api: Api) -> list[Problem]:
    """Two spec names that would become one Go name are an error, not a rename."""
    problems: list[Problem] = []

    def collide(what: str, seen: dict[str, tuple[str, Any]], name: str, wire: str, source: Any) -> None:
        other = seen.get(name)
        if other is not None and other[0] != wire:
            src = source or NOWHERE
            problems.append(Problem(src.file, src.line, "", f"{what} {wire!r} and {other[0]!r} both "
                                    f"become the Go name {name!r}; pin one with x-ksyun-name"))
        else:
            seen.setdefault(name, (wire, source))

    common: dict[str, tuple[str, Any]] = {}
    for err in api.common_errors:
        collide("error codes", common, error_type(err.code, runtime=True), err.code, err.source)
    for service in api.services:
        # (the package's own names: no spec name may take them, not even one spelt the same)
        top: dict[str, tuple[str, Any]] = {n: (f"(the package's {n})", None) for n in PACKAGE_NAMES}
        structs = [*shared_structs(service)]
        for op in service.operations:
            collide("actions", top, input_type(op), f"{op.action} (input)", op.source)
            collide("actions", top, output_type(op), f"{op.action} (output)", op.source)
            if op.pagination is not None:
                collide("actions", top, paginator_type(op), f"{op.action} (paginator)", op.source)
                collide("actions", top, "New" + paginator_type(op), f"{op.action} (paginator)", op.source)
            structs += [s for s in op_structs(op, service) if s.name != output_type(op)]
        for struct in shared_structs(service):
            collide("shapes", top, struct.name, struct.name, struct.source)
        # (worded as the other targets word a clash, so one clash in several languages is one line)
        owners = {input_type(op): f"parameters of {op.action}:" for op in service.operations}
        owners.update({output_type(op): f"fields of {op.response}:" for op in service.operations})
        owners.update({type_name(shape.name): f"fields of {shape.name}:" for shape in service.shapes})
        for struct in structs + [s for op in service.operations for s in op_structs(op, service)
                                 if s.name == output_type(op)]:
            seen: dict[str, tuple[str, Any]] = {UNKNOWN: ("(the unknown fields)", None)} if struct.decode else {}
            for m in struct.members:
                collide(owners.get(struct.name, f"members of {struct.name}:"), seen, m.name, m.wire, m.item.source)
        for enum in enums(structs + [s for op in service.operations for s in op_structs(op, service)
                                     if s.name == output_type(op)]):
            collide("enums", top, enum.name, f"{enum.owner}.{enum.wire}", enum.source)
            consts: dict[str, tuple[str, Any]] = {}
            for const, _, value in enum.values:
                collide(f"values of {enum.name}:", consts, const, repr(value), enum.source)
                collide("enum values", top, const, f"{enum.name} {value!r}", enum.source)
        for err in own_errors(service, api):
            collide("error codes", top, error_type(err.code), err.code, err.source)
    return problems


# What Python's re reads and Go's regexp (RE2) does not, each with what it is called.  Each
# is matched where it is not escaped (after an even run of backslashes).
_UNESCAPED = r"(?<!\\)(?:\\\\)*"
_NOT_RE2 = tuple((re.compile(_UNESCAPED + found), what) for found, what in (
    (r"\(\?<?[=!]", "a lookaround"),
    (r"\(\?>", "an atomic group"),
    (r"\(\?\(", "a conditional group"),
    (r"\(\?P=", "a backreference"),
    (r"\(\?#", "a (?#...) comment"),
    (r"\(\?[A-Za-z-]*[aLux][A-Za-z-]*[:)]", "a flag RE2 lacks (a, L, u or x)"),
    (r"[*+?}]\+", "a possessive quantifier"),
    (r"\{,\d*\}", "a {,n} repeat (RE2 reads it as text)"),
    (r"\\[1-9]", "a backreference"),
    (r"\\[GZ]", r"\Z or \G"),
    (r"\\[uUN]", r"a \u, \U or \N escape"),
))
RE2_MAX_REPEAT = 1000


def _repeats_fit(items: Any, budget: int) -> bool:
    """RE2's limit on counted repeats: the product of nested {n,m} counts is at most 1000 (as
    Go's regexp/syntax checks it; ``*``, ``+`` and ``?`` do not count)."""
    from re import _constants as c  # type: ignore[attr-defined]

    for op, av in items:
        subs: list[Any] = []
        left = budget
        if op in (c.MAX_REPEAT, c.MIN_REPEAT):
            low, high, sub = av
            if (low, high) not in ((0, c.MAXREPEAT), (1, c.MAXREPEAT), (0, 1)):
                count = low if high == c.MAXREPEAT else high
                if count > budget:
                    return False
                if count > 0:
                    left = budget // count
            subs = [sub]
        elif op == c.SUBPATTERN:
            subs = [av[-1]]
        elif op == c.BRANCH:
            subs = list(av[1])
        if not all(_repeats_fit(sub, left) for sub in subs):
            return False
    return True


def re2_problem(pattern: str) -> str:
    """What in *pattern* Go's regexp (RE2) cannot run, or reads otherwise ('' when nothing):
    lookarounds, backreferences, atomic and conditional groups, comments, possessive
    quantifiers, the flags a, L, u and x, the escapes \\Z, \\G, \\u, \\U and \\N, ``{,n}``,
    and counted repeats past RE2's 1000."""
    for found, what in _NOT_RE2:
        if found.search(pattern):
            return what
    try:
        from re import _parser  # type: ignore[attr-defined]

        fits = _repeats_fit(_parser.parse(pattern), RE2_MAX_REPEAT)
    except Exception:  # noqa: BLE001 - a pattern Python refuses is reported by the spec's own checks
        fits = True
    return "" if fits else f"counted repeats past {RE2_MAX_REPEAT} (nested counts multiply)"


def check_patterns(api: Api) -> list[Problem]:
    """Patterns Go's regexp (RE2) cannot compile (see :func:`re2_problem`)."""
    problems: list[Problem] = []

    def check(what: str, item: Any, t: TypeRef) -> None:
        while t.kind == "array" and t.item is not None:
            t = t.item
        pattern = dict(t.constraints).get("pattern")
        problem = re2_problem(pattern) if isinstance(pattern, str) else ""
        if problem:
            src = item.source or NOWHERE
            problems.append(Problem(src.file, src.line, "", f"{what} {item.name!r}: pattern {pattern!r} uses "
                                    f"{problem}, which Go's regexp (RE2) cannot run"))

    for service in api.services:
        for op in service.operations:
            for p in op.parameters:
                check(f"parameter of {op.action}", p, p.type)
        for shape in service.shapes:
            if shape.name in request_shapes(service):
                for f in shape.fields:
                    check(f"field of {shape.name}", f, f.type)
    return problems


# -- the target ------------------------------------------------------------------------------
class GoTarget(Target):
    name = "go"
    service_local = True  # (see Target.service_local)

    def service_folder(self, service: Service) -> str:
        return names.service_folder(service)

    def example_call(self, service: Service, op: Operation) -> ExampleCall:
        from .calls import example_call

        return ExampleCall("Go", "go", example_call(service, op, str(self.settings().get("module", ""))))

    def example_call_many(self, calls: Sequence[tuple[Service, Operation]]) -> list[ExampleCall | None]:
        from .calls import example_calls

        module = str(self.settings().get("module", ""))
        return [ExampleCall("Go", "go", code) for code in example_calls(list(calls), module)]

    def public_names(self, service: Service, api: Api) -> dict[str, str]:
        from ...naming import name_key
        from .calls import public_names

        return public_names(service, api, str(self.settings().get("module", "")), name_key)

    def filters(self) -> dict[str, Callable[..., Any]]:
        module = str(self.settings().get("module", ""))

        def imports(service: Service) -> str:
            return f"{module}/{names.service_folder(service).rstrip('/')}"

        return {
            "all_errors": all_errors,
            "md_text": md_cell,
            "enum_decoder": enum_decoder,
            "error_doc": error_doc,
            "go_imports": go_imports,
            "group_structs": group_structs,
            "json_tag": json_tag,
            "member_doc": member_doc,
            "package_doc": package_doc,
            "paginator_doc": paginator_doc,
            "service_error_doc": service_error_doc,
            "comment_text": comment_text,
            "decode_line": decode_line,
            "doc_comment": doc_comment,
            "encode_lines": encode_lines,
            "enums": enums,
            "error_actions": error_actions,
            "error_type": error_type,
            "exported": exported,
            "go_string": go_string,
            "import_path": imports,
            "input_type": input_type,
            "method_doc": method_doc,
            "method_name": method_name,
            "module_path": lambda _=None: module,
            "op_structs": op_structs,
            "output_alias": output_alias,
            "output_type": output_type,
            "own_errors": own_errors,
            "package_name": package_name,
            "paged": paged,
            "paginator_type": paginator_type,
            "paging_item": paging_item,
            "paging_start": paging_start,
            "paging_step": paging_step,
            "rules": rules,
            "shape_structs": shape_structs,
            "shared_structs": shared_structs,
            "struct_checks": struct_checks,
            "type_name": type_name,
            "validate_lines": validate_lines,
            "version_dir": version_dir,
        }

    def check(self, api: Api) -> list[Problem]:
        return check_names(api) + check_patterns(api)

    def postprocess(self, files: dict[str, str]) -> dict[str, str]:
        return gofmt(files)


# -- gofmt, per file, cached -------------------------------------------------------------------
def _gofmt_binary() -> str:
    found = shutil.which("gofmt")
    if found is None:
        go = shutil.which("go")
        if go is not None:
            candidate = Path(go).resolve().parent / "gofmt"
            if candidate.is_file():
                return str(candidate)
        raise ToolchainError(f"the go target needs gofmt: {INSTALL_HINT}")
    return found


_VERSION: list[str] = []


def gofmt_version() -> str:
    """``go version`` of the toolchain that formats (a part of every cache key)."""
    if not _VERSION:
        try:
            done = subprocess.run([_gofmt_binary().replace("gofmt", "go"), "version"], capture_output=True,
                                  text=True, timeout=60)
            _VERSION.append(done.stdout.strip() or "unknown")
        except (OSError, subprocess.SubprocessError):
            _VERSION.append("unknown")
    return _VERSION[0]


def gofmt(files: dict[str, str]) -> dict[str, str]:
    """*files* with every ``.go`` file as gofmt writes it; each file's result is cached by
    (go version, its text), so an edit runs gofmt on the files it changed only."""
    cache = Cache("gofmt")
    version = gofmt_version()
    out = dict(files)
    todo: dict[str, str] = {}
    for path, text in files.items():
        if not path.endswith(".go"):
            continue
        key = digest(version, text)
        hit = cache.get(key)
        if hit is not None:
            out[path] = hit
        else:
            todo[path] = key
    if not todo:
        return out
    with tempfile.TemporaryDirectory(prefix="ksyun-gofmt-") as tmp:
        for i, path in enumerate(sorted(todo)):
            Path(tmp, f"f{i}.go").write_text(files[path], encoding="utf-8")
        try:
            done = subprocess.run([_gofmt_binary(), "-w", "."], cwd=tmp, capture_output=True, text=True,
                                  timeout=600, env={**os.environ, "LC_ALL": "C"})
        except (OSError, subprocess.SubprocessError) as exc:
            raise ToolchainError(f"gofmt did not run: {exc}") from None
        if done.returncode != 0:
            lines = [line for line in done.stderr.splitlines() if line.strip()] or ["no message"]
            order = sorted(todo)
            first = re.sub(r"f(\d+)\.go", lambda m: order[int(m.group(1))], lines[0])
            raise GeneratorBug(f"gofmt refused a generated file: {first}"
                               + (f" (and {len(lines) - 1} more line(s))" if len(lines) > 1 else ""))
        for i, path in enumerate(sorted(todo)):
            text = Path(tmp, f"f{i}.go").read_text(encoding="utf-8")
            out[path] = text
            cache.put(todo[path], text)
    return out


__all__ = ["GoTarget", "ToolchainError", "action_groups"]
