"""The TypeScript target: names, types and escaping for the generated npm package.

Templates call these as filters; each is a small pure function with unit
tests (tests/test_typescript_target.py).  The runtime (signing, query
serialization, fetch transport, retries, errors, the shape validator) is
plain TypeScript under ``templates/typescript/src/runtime/``, copied verbatim.

Once rendered, the tree goes through the pinned toolchain in
``templates/typescript/toolchain/`` in one Node process (``build.mjs``):
prettier formats ``src/``, then the TypeScript compiler type-checks it
(strict) and emits ``dist/`` (``.js`` + ``.d.ts``), one service version at a
time: each one's result is cached (see :func:`build`), like black's in
``generator.fmt``, so editing one service version compiles that one.
"""

from __future__ import annotations

import hashlib
import io
import json
import math
import re
import shutil
import subprocess
import tempfile
import unicodedata
from collections.abc import Callable
from typing import Any

from ...cache import Cache, digest
from ...facts import all_errors, error_actions, error_class_base, error_codes, own_errors
from ...ir import NOWHERE, Api, ErrorCode, Operation, Parameter, Service, Shape, TypeRef, per_service
from ...naming import name_key, pascal, words
from ...problems import GeneratorBug, Problem
from ..base import TEMPLATES, ExampleCall, Target, action_groups

TOOLCHAIN = TEMPLATES / "typescript" / "toolchain"
INSTALL_HINT = "npm ci --prefix templates/typescript/toolchain"
NODE_MAJOR = 20

# Words that cannot name a class, a variable or a function in a module.
JS_RESERVED = frozenset("""
    abstract any arguments as async await boolean break case catch class const constructor continue
    debugger declare default delete do else enum eval export extends false finally for from function
    get if implements import in infer instanceof interface is keyof let module namespace never new
    null number object of package private protected public readonly require return set static string
    super switch symbol this throw true try type typeof undefined unique unknown var void while with
    yield bigint
""".split())
# Global names a generated type or class must not shadow (the generated code uses them).
TS_GLOBALS = frozenset({
    "Array", "Error", "Object", "Promise", "Readonly", "Record", "Partial", "String", "Number",
    "Boolean", "Symbol", "Map", "Set", "Date", "JSON", "Math", "AsyncGenerator", "AsyncIterable",
})
# Names the errors modules declare besides the per-code classes.
ERROR_BASES = frozenset({
    "ApiError", "ApiErrorClass", "ConfigurationError", "KsyunError", "RequestAbortedError",
    "RequestTimeoutError", "RequestValidationError", "ResponseError", "ThrottlingError",
    "TransportError", "ERRORS", "COMMON_ERRORS",
})
# Members of every client (BaseClient and Object): no action method may take these names.
CLIENT_MEMBERS = frozenset({
    "region", "endpoint", "timeoutMs", "retry", "call", "pages", "toString", "toJSON",
    "constructor", "valueOf", "hasOwnProperty", "isPrototypeOf", "propertyIsEnumerable",
    "toLocaleString", "__proto__",
})
EXTRA = "$extra"  # where decoded objects keep unknown fields (codec.ts)
# Every name on Object.prototype: every object has them without being given them, so a
# property of that name would read as Object's own member when absent (the compiler refuses
# ``{}`` as a request with an optional ``constructor: string``, and a free-form parameter
# would send ``function Object()``).  Such a property gets ``_``: ``Constructor`` ↔
# ``constructor_`` (``prototype`` is no member of a plain object and stays).
OBJECT_MEMBERS = frozenset({
    "constructor", "hasOwnProperty", "isPrototypeOf", "propertyIsEnumerable", "toLocaleString",
    "toString", "valueOf", "__proto__", "__defineGetter__", "__defineSetter__", "__lookupGetter__",
    "__lookupSetter__",
})

MAX_SAFE_INTEGER = 2**53 - 1
TS_PRIMITIVES = {"string": "string", "integer": "number", "number": "number", "boolean": "boolean",
                 "any": "unknown"}
_IDENT = re.compile(r"^[A-Za-z_$][A-Za-z0-9_$]*$")


class ToolchainError(ValueError):
    """Node.js or the pinned tools are missing: an environment problem, reported in one line."""


# -- names -------------------------------------------------------------------------------------
def _hashed(prefix: str, name: str) -> str:
    return prefix + hashlib.sha256(name.encode("utf-8")).hexdigest()[:8]


def camel(name: str) -> str:
    """``ImageId`` → ``imageId``, ``image_id`` → ``imageId``; a leading digit gets
    ``field``; a non-ASCII name stays when it is an identifier as written (NFKC-stable),
    else becomes ``field<hash>``."""
    parts = words(name)
    if not parts:
        if unicodedata.normalize("NFKC", name) == name and name.isidentifier():
            return name
        return _hashed("field", name)
    out = parts[0] + "".join(p[:1].upper() + p[1:] for p in parts[1:])
    return "field" + out[:1].upper() + out[1:] if out[:1].isdigit() else out


def prop_name(item: Any) -> str:
    """The camelCase property of a Field or Parameter (``x-ksyun-name`` pins it); a name
    every object already has (:data:`OBJECT_MEMBERS`) gets ``_``."""
    name = camel(item.target_name or item.name)
    return name + "_" if name in OBJECT_MEMBERS else name


def prop_key(item: Any) -> str:
    """The property as written in an interface or object literal (quoted when not an identifier)."""
    name = prop_name(item)
    return name if _IDENT.fullmatch(name) else ts_string(name)


def type_name(name: str) -> str:
    """A PascalCase type or class name: ``image-snapshot`` → ``ImageSnapshot``."""
    base = pascal(name)
    if base[:1].isdigit():
        base = "M" + base
    if not base or not _IDENT.fullmatch(base):
        base = _hashed("Model", name)
    if base in JS_RESERVED or base in TS_GLOBALS:
        base += "_"
    return base


def error_class(code: str) -> str:
    """``ImageIdInvalidParameterValue`` → the same; names the errors modules need get ``_``."""
    base = type_name(error_class_base(code))
    return base + "_" if base in ERROR_BASES else base


def method_name(action: str) -> str:
    """``DescribeImages`` → ``describeImages``."""
    name = camel(action)
    return name + "_" if name in JS_RESERVED or name in CLIENT_MEMBERS else name


def paginate_name(action: str) -> str:
    """``DescribeInstances`` → ``paginateDescribeInstances``."""
    return "paginate" + type_name(action).rstrip("_")


def client_class(service: Service) -> str:
    """``kec`` → ``KecClient``."""
    return type_name(service.name) + "Client"


def service_dir(name: str) -> str:
    """The folder (and subpath) of a service: ``kec``."""
    return "_".join(words(name)) or _hashed("service", name)


def version_dir(version: str) -> str:
    """``2016-03-04`` → ``v2016-03-04`` (the subpath ``ksyun-sdk/kec/v2016-03-04``);
    ``V1`` → ``v1``."""
    if re.fullmatch(r"V[0-9]+", version):
        return version.lower()
    return "v" + (re.sub(r"[^0-9A-Za-z.]+", "-", version).strip("-") or "0")


def request_type(op: Operation) -> str:
    return type_name(op.action) + "Request"


def response_type(op: Operation) -> str:
    return type_name(op.response)


# -- types -------------------------------------------------------------------------------------
def ts_type(t: TypeRef, prefix: str | Callable[[str], str] = "") -> str:
    """The TypeScript type of a field; shapes are written ``<prefix><Name>`` (*prefix* may
    be a function of the shape's name)."""
    if t.kind == "array":
        inner = ts_type(t.item or TypeRef("any"), prefix)
        return f"readonly ({inner})[]" if " " in inner else f"readonly {inner}[]"
    if t.kind == "shape":
        return (prefix if isinstance(prefix, str) else prefix(t.shape or "")) + type_name(t.shape or "")
    if t.enum and t.kind in ("string", "integer", "number", "boolean"):
        return " | ".join(ts_literal(v) for v in t.enum)
    return TS_PRIMITIVES.get(t.kind, "unknown")


def type_spec(t: TypeRef) -> str:
    """The codec's TypeSpec literal of a type (``shapes.ts``), with the spec's constraints
    (``minimum: 5``, ``pattern: "^a"``), which the codec checks on requests."""
    rules = "".join(f", {key}: {ts_string(value) if isinstance(value, str) else ts_literal(value)}"
                    for key, value in t.constraints)
    if t.kind == "array":
        return "{ list: " + type_spec(t.item or TypeRef("any")) + rules + " }"
    if t.kind == "shape":
        return "{ shape: () => " + type_name(t.shape or "") + " }"
    primitive = t.kind in ("string", "integer", "number", "boolean")
    if primitive and t.enum:
        values = ", ".join(ts_literal(v) for v in t.enum)
        return "{ oneOf: [" + values + "], base: " + ts_string(t.kind) + rules + " }"
    if primitive and rules:
        return "{ base: " + ts_string(t.kind) + rules + " }"
    return ts_string(t.kind if t.kind in TS_PRIMITIVES else "any")


def ts_literal(value: Any) -> str:
    """A TypeScript literal for a JSON value."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return json.dumps(value)
    if value is None:
        return "null"
    return ts_string(str(value))


def ts_string(text: str) -> str:
    """A double-quoted string literal; every character that could end or break it is escaped
    (line and paragraph separators, and lone surrogates, which no UTF-8 file can hold)."""
    out = json.dumps(text, ensure_ascii=False)
    return _UNSAFE_IN_STRING.sub(lambda m: f"\\u{ord(m.group()):04x}", out)


_UNSAFE_IN_STRING = re.compile("[\u2028\u2029\ud800-\udfff]")


def ts_key(text: str) -> str:
    """*text* as a key of an object literal that makes an own property of that name: quoted,
    and computed for ``__proto__`` (``{"__proto__": x}`` would set the prototype instead)."""
    return f"[{ts_string(text)}]" if text == "__proto__" else ts_string(text)


def literal_problem(value: Any) -> str | None:
    """Why *value* (of an enum) has no TypeScript literal that means it, or None."""
    if isinstance(value, bool) or isinstance(value, str):
        return None
    if isinstance(value, int):
        if abs(value) > MAX_SAFE_INTEGER:
            return "is beyond JavaScript's exact integers (±2^53−1)"
        return None
    if isinstance(value, float):
        return None if math.isfinite(value) else "is not a finite number"
    return "is not a string, a number or a boolean"


# -- documentation -----------------------------------------------------------------------------
def doc_text(text: str) -> str:
    """Spec text made safe inside a ``/** */`` comment: ``*/`` cannot close it, ``@`` starts
    no tag, ``\\``, ``{`` and ``}`` are literal (TSDoc escapes)."""
    out = text.replace("\\", "\\\\").replace("@", "\\@").replace("{", "\\{").replace("}", "\\}")
    return out.replace("*/", "*\\/").replace("\r", "")


def doc_para(text: str) -> str:
    """:func:`doc_text` for a paragraph inside a block whose lines start with `` * ``."""
    return "\n * ".join(doc_text(line).rstrip() for line in text.strip().splitlines())


def md_text(text: str) -> str:
    """Spec text on one line of a Markdown table: whitespace collapsed, markup characters escaped."""
    return re.sub(r"([\\`*_\[\]<>|#{}])", r"\\\1", " ".join(text.split()))


def doc_comment(text: str, indent: int = 0, extra: list[str] | None = None) -> str:
    """A whole ``/** ... */`` block (with a newline) for *text* and already escaped
    *extra* lines; empty when both are empty."""
    lines = [doc_text(line).rstrip() for line in text.strip().splitlines()] if text.strip() else []
    if extra:
        if lines:
            lines.append("")
        lines.extend(extra)
    if not lines:
        return ""
    pad = " " * indent
    if len(lines) == 1:
        return f"{pad}/** {lines[0]} */\n"
    body = "".join(f"{pad} *{' ' + line if line else ''}\n" for line in lines)
    return f"{pad}/**\n{body}{pad} */\n"


def param_doc(param: Parameter) -> str:
    """The line of a request property: its description, else its wire name."""
    return param.description or param.name


def method_doc(op: Operation) -> list[str]:
    """Escaped TSDoc lines after a method's summary: wire facts, then one ``@throws`` per error."""
    lines = [f"`{op.method} Action={doc_text(op.action)}`; "
             + ("safe to retry." if op.idempotent else "not safe to repeat: never sent twice.")]
    if op.description and op.description != op.summary:
        lines[:0] = [doc_text(line).rstrip() for line in op.description.splitlines()] + [""]
    lines.append("")
    for err in op.errors:
        what = " ".join((err.description or err.message or err.code).split())
        lines.append(f"@throws {{@link errors.{error_class(err.code)}}} {doc_text(what)} "
                     f"(HTTP {err.http_status})")
    lines.append("@throws {@link errors.ApiError} any other error KSYUN answers with")
    lines.append("@throws {@link errors.TransportError} no HTTP answer (connection failure, timeout)")
    lines.append("@throws {@link errors.ResponseError} an answer that is not a KSYUN response")
    return lines


def signature_params(op: Operation) -> list[Parameter]:
    """Required parameters first (spec order), then optional ones (spec order)."""
    return [p for p in op.parameters if p.required] + [p for p in op.parameters if not p.required]


def has_required(op: Operation) -> bool:
    return any(p.required for p in op.parameters)


def member_doc(item: Any) -> str:
    """A property's TSDoc: its description, then its wire name (the mapping is visible)."""
    wire = f"Wire name: `{item.name}`."
    return f"{item.description}\n\n{wire}" if item.description else wire


def optional_mark(item: Any, response: bool = False) -> str:
    """``?`` after an optional property; none after a list of a response-side shape, which
    always holds a list (``[]`` when KSYUN leaves it out, as in the Python SDK)."""
    return "" if item.required or (response and item.type.kind == "array") else "?"


def field_spec(item: Any) -> str:
    """The codec's ``FieldSpec`` literal of a Field or Parameter."""
    parts = [f"name: {ts_string(prop_name(item))}", f"wire: {ts_string(item.name)}",
             f"type: {type_spec(item.type)}"]
    if item.required:
        parts.append("required: true")
    return "{ " + ", ".join(parts) + " }"


def params_decl(op: Operation) -> str:
    """A method's first parameter; ``= {}`` when no parameter is required."""
    return f"params: types.{request_type(op)}" + ("" if has_required(op) else " = {}")


def request_doc(op: Operation) -> str:
    return f"Parameters of {op.action}" + (f": {op.summary}" if op.summary else ".")


def paginate_doc(op: Operation) -> str:
    p = op.pagination
    assert p is not None
    how = ("`Marker` offsets" if p.style == "marker" else f"`{p.output_token}` tokens")
    return (f"Every item of {op.action}'s `{p.items}`, page after page ({how}): "
            f"`for await (const item of client.{paginate_name(op.action)}(...))`, "
            "or `.pages()` for each response. "
            "Each page is one call, with the same options and retries.")


def error_doc(err: ErrorCode) -> str:
    """A common error class's TSDoc: code, documented status and message, then the description."""
    head = f"{err.code} (HTTP {err.http_status}): {err.message}"
    return f"{head}\n\n{err.description}" if err.description else head


def service_error_doc(err: ErrorCode, service: Service) -> str:
    """A service error class's TSDoc: code and message, then each action documenting it."""
    lines = [f"{err.code}: {err.message}"]
    for action, doc in error_actions(service, err.code):
        lines.append("")
        lines.append(f"{action}: HTTP {doc.http_status}" + (f"; {doc.description}" if doc.description else ""))
    return "\n".join(lines)


def package_json(api: Api) -> str:
    """The package's ``package.json``: ESM, one subpath export per service version, no dependencies."""
    exports: dict[str, Any] = {".": {"types": "./dist/index.d.ts", "default": "./dist/index.js"}}
    for s in api.services:
        sub = f"{service_dir(s.name)}/{version_dir(s.version)}"
        exports[f"./{sub}"] = {"types": f"./dist/{sub}/index.d.ts", "default": f"./dist/{sub}/index.js"}
    data = {
        "name": "ksyun-sdk",
        "version": api.sdk_version("typescript"),
        "description": "Typed, signed clients for KSYUN (Kingsoft Cloud) APIs, generated by ksyun-codegen.",
        "license": "Apache-2.0",
        "type": "module",
        "engines": {"node": f">={NODE_MAJOR}"},
        "main": "./dist/index.js",
        "types": "./dist/index.d.ts",
        "exports": exports,
        "files": ["dist", "src", "README.md"],
        "sideEffects": False,
    }
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


# -- paging ------------------------------------------------------------------------------------
def paging_literal(op: Operation, service: Service) -> str:
    """The runtime's ``Paging`` of a paged action, in the camelCase names of the generated types."""
    p = op.pagination
    if p is None:
        raise GeneratorBug(f"{op.action} has no pagination")
    response = service.shape(op.response)
    fields = {f.name: f for f in response.fields}
    params = {x.name: x for x in op.parameters}

    def field(name: str) -> str:
        return prop_name(fields[name]) if name else ""

    members = {
        "style": p.style, "items": field(p.items), "inputToken": prop_name(params[p.input_token]),
        "outputToken": field(p.output_token), "limit": prop_name(params[p.limit]),
        "total": field(p.total),
    }
    return "{ " + ", ".join(f"{k}: {ts_string(v)}" for k, v in members.items()) + " }"


def paging_item_type(op: Operation, service: Service, group: str | None = None) -> str:
    """The type of one item of a paged action's list, for ``paginate<Action>`` (in the
    client part of *group*: a shape of another part through that part's namespace)."""
    p = op.pagination
    assert p is not None
    item = next(f for f in service.shape(op.response).fields if f.name == p.items).type.item
    if group is None:
        return ts_type(item or TypeRef("any"), "types.")
    return ts_type(item or TypeRef("any"), lambda shape: part_ns(shape, "types", service, group))


def paged(service: Service) -> list[Operation]:
    return [op for op in service.operations if op.pagination is not None]


def request_shape_set(service: Service) -> frozenset[str]:
    """:func:`request_shapes` as a set, for membership tests in templates."""
    return frozenset(request_shapes(service))


def request_shapes(service: Service) -> list[str]:
    """Names of the shapes reachable from request parameters (their codecs encode)."""
    seen: set[str] = set()
    todo = [s for op in service.operations for p in op.parameters for s in p.type.shapes()]
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        todo.extend(s for f in service.shape(name).fields for s in f.type.shapes())
    return sorted(seen)


# -- parts -------------------------------------------------------------------------------------
# A service version's code is written in parts, one folder per action group (a verb, split
# in stable hash buckets past GROUP_SIZE actions: generator.targets.base.action_groups):
# ``_parts/<group>/`` holds the group's request types, the shapes first reached from its
# actions (types.ts, shapes.ts), the error classes its actions document first (errors.ts)
# and its methods (client.ts, an abstract class mixed into the service's client).  The
# service's own client.ts, types.ts, shapes.ts and errors.ts gather the parts, so the
# public names do not move; adding an action rewrites its part and those four files.
# A part refers only to its own shapes and those of earlier parts (a shape is placed
# with the first group, in order, whose actions reach it), so each part compiles on its
# own against the declarations of the earlier ones (see build()).

@per_service
def _parts(service: Service) -> tuple[list[tuple[str, list[Operation]]], dict[str, str], dict[str, str]]:
    """(the action groups in order, shape → group, error code → group)."""
    groups = action_groups(service)
    shape_group: dict[str, str] = {}
    error_group: dict[str, str] = {}
    for group, ops in groups:
        for op in ops:
            todo = [s for p in op.parameters for s in p.type.shapes()]
            if op.response:
                todo.append(op.response)
            while todo:
                name = todo.pop()
                if name in shape_group:
                    continue  # (placed earlier, with every shape it reaches)
                shape_group[name] = group
                todo.extend(s for f in service.shape(name).fields for s in f.type.shapes())
            for err in op.errors:
                error_group.setdefault(err.code, group)
    if groups:  # shapes no action reaches: the last part
        for shape in service.shapes:
            shape_group.setdefault(shape.name, groups[-1][0])
    return groups, shape_group, error_group


def part_dir(group: str) -> str:
    """A part's folder below its service version's: ``Describe03`` → ``_parts/describe03``."""
    return "_parts/" + group.lower()


def part_names(service: Service) -> list[str]:
    """The service version's action groups, in order: one part each."""
    return [group for group, _ops in _parts(service)[0]]


def part_shapes(service: Service, group: str) -> list[Shape]:
    """The shapes part *group* declares (the service's order)."""
    where = _parts(service)[1]
    return [shape for shape in service.shapes if where.get(shape.name) == group]


def error_base(err: ErrorCode) -> str:
    """The runtime class an error code's class extends."""
    return "ThrottlingError" if err.throttling else "ApiError"


def error_bases(errors: list[ErrorCode]) -> list[str]:
    """The runtime classes *errors*' classes extend, sorted: what their module imports."""
    return sorted({error_base(e) for e in errors})


def part_errors(service: Service, api: Api, group: str) -> list[ErrorCode]:
    """The service's own error codes whose class part *group* declares (by code)."""
    where = _parts(service)[2]
    return [e for e in own_errors(service, api) if where.get(e.code) == group]


def error_part(code: str, service: Service) -> str:
    """The group whose part declares the class of error *code*."""
    return _parts(service)[2][code]


def part_foreign(service: Service, group: str) -> list[tuple[str, list[str]]]:
    """(group, type names) of the other parts' shapes that part *group*'s types and shapes
    refer to, by group order: what its types.ts and shapes.ts import."""
    groups, where, _errors = _parts(service)
    ops = dict(groups)[group]
    refs = {s for op in ops for p in op.parameters for s in p.type.shapes()}
    refs |= {s for shape in part_shapes(service, group) for f in shape.fields for s in f.type.shapes()}
    return _by_part(service, group, refs)


def client_foreign(service: Service, group: str, kind: str) -> list[str]:
    """The other parts whose ``types`` (*kind*) or ``shapes`` part *group*'s client refers to."""
    groups, _where, _errors = _parts(service)
    refs: set[str] = set()
    for op in dict(groups)[group]:
        if op.response:
            refs.add(op.response)
        if kind == "types" and op.pagination is not None:
            item = next(f for f in service.shape(op.response).fields if f.name == op.pagination.items).type
            refs.update(item.shapes())
    return [g for g, _names in _by_part(service, group, refs)]


def _by_part(service: Service, group: str, refs: set[str]) -> list[tuple[str, list[str]]]:
    groups, where, _errors = _parts(service)
    out = []
    for other, _ops in groups:
        names = sorted(type_name(s) for s in refs if where.get(s) == other and other != group)
        if names:
            out.append((other, names))
    return out


def part_ns(shape: str, kind: str, service: Service, group: str) -> str:
    """How part *group*'s client names the module of *shape*'s ``types`` or ``shapes``
    (*kind*): ``types.`` for its own part, ``types_describe03.`` for another."""
    other = _parts(service)[1][shape]
    return f"{kind}." if other == group else f"{kind}_{other.lower()}."


def part_class(service: Service, group: str) -> str:
    """The abstract class holding part *group*'s methods: ``KecClientDescribe``."""
    return client_class(service) + type_name(group).rstrip("_")


class TypeScriptTarget(Target):
    name = "typescript"
    service_local = True  # (see Target.service_local; build() compiles each service version alone)

    def example_call(self, service: Service, op: Operation) -> ExampleCall:
        from .example import typescript_example

        return ExampleCall("TypeScript", "typescript", typescript_example(service, op))

    def service_folder(self, service: Service) -> str:
        return f"src/{service_dir(service.name)}/{version_dir(service.version)}/"

    def service_paths(self, service: Service) -> tuple[str, ...]:
        return (self.service_folder(service), f"dist/{service_dir(service.name)}/{version_dir(service.version)}/")

    def filters(self) -> dict[str, Callable[..., Any]]:
        return {
            "all_errors": all_errors,
            "camel": camel,
            "client_class": client_class,
            "doc_comment": doc_comment,
            "doc_para": doc_para,
            "doc_text": doc_text,
            "error_actions": error_actions,
            "error_class": error_class,
            "error_codes": error_codes,
            "error_doc": error_doc,
            "field_spec": field_spec,
            "has_required": has_required,
            "md_text": md_text,
            "member_doc": member_doc,
            "method_doc": method_doc,
            "method_name": method_name,
            "optional_mark": optional_mark,
            "own_errors": own_errors,
            "package_json": package_json,
            "paged": paged,
            "part_class": part_class,
            "part_dir": part_dir,
            "part_errors": part_errors,
            "error_base": error_base,
            "error_bases": error_bases,
            "part_foreign": part_foreign,
            "part_names": part_names,
            "part_ns": part_ns,
            "part_shapes": part_shapes,
            "client_foreign": client_foreign,
            "error_part": error_part,
            "paginate_doc": paginate_doc,
            "paginate_name": paginate_name,
            "paging_item_type": paging_item_type,
            "paging_literal": paging_literal,
            "param_doc": param_doc,
            "params_decl": params_decl,
            "prop_key": prop_key,
            "prop_name": prop_name,
            "request_doc": request_doc,
            "request_shape_set": request_shape_set,
            "request_shapes": request_shapes,
            "request_type": request_type,
            "response_type": response_type,
            "service_dir": service_dir,
            "service_error_doc": service_error_doc,
            "signature_params": signature_params,
            "ts_key": ts_key,
            "ts_literal": ts_literal,
            "ts_string": ts_string,
            "ts_type": ts_type,
            "type_name": type_name,
            "type_spec": type_spec,
            "version_dir": version_dir,
        }

    def public_names(self, service: Service, api: Api) -> dict[str, str]:
        """Names the TypeScript SDK's users write (see Target.public_names); no enum
        constants: an enum is a union of literals."""
        names = {"client": client_class(service),
                 "module": f"ksyun-sdk/{service_dir(service.name)}/{version_dir(service.version)}"}
        for op in service.operations:
            names[name_key("actions", op.action)] = method_name(op.action)
            names[name_key("actions", op.action, "request")] = request_type(op)
            if op.pagination is not None:
                names[name_key("actions", op.action, "paginator")] = paginate_name(op.action)
            for p in op.parameters:
                names[name_key("actions", op.action, "parameters", p.name)] = prop_name(p)
        for shape in service.shapes:
            names[name_key("shapes", shape.name)] = type_name(shape.name)
            for f in shape.fields:
                names[name_key("shapes", shape.name, "fields", f.name)] = prop_name(f)
        for code in error_codes(service, api):
            names[name_key("errors", code)] = error_class(code)
        return names

    def check(self, api: Api) -> list[Problem]:
        return check_names(api) + check_enums(api)

    def postprocess(self, files: dict[str, str]) -> dict[str, str]:
        return build(files)


# -- name collisions -----------------------------------------------------------------------------
def check_names(api: Api) -> list[Problem]:
    """Two spec names that would become one TypeScript name are an error, not a rename."""
    problems: list[Problem] = []

    def collide(what: str, names: dict[str, tuple[str, Any]], name: str, wire: str, source: Any) -> None:
        other = names.get(name)
        if other is not None and other[0] != wire:
            src = source or NOWHERE
            problems.append(Problem(src.file, src.line, "", f"{what} {wire!r} and {other[0]!r} both "
                                    f"become the TypeScript name {name!r}; pin one with x-ksyun-name"))
        else:
            names.setdefault(name, (wire, source))

    for service in api.services:
        types: dict[str, tuple[str, Any]] = {}
        for shape in service.shapes:
            fields: dict[str, tuple[str, Any]] = {EXTRA: (EXTRA, None)}
            for f in shape.fields:
                collide(f"fields of {shape.name}:", fields, prop_name(f), f.name, f.source)
            collide("shapes", types, type_name(shape.name), shape.name, shape.source)
        methods: dict[str, tuple[str, Any]] = {}
        for op in service.operations:
            params: dict[str, tuple[str, Any]] = {}
            for p in op.parameters:
                collide(f"parameters of {op.action}:", params, prop_name(p), p.name, p.source)
            collide("shapes", types, request_type(op), f"{op.action} (request)", op.source)
            collide("actions", methods, method_name(op.action), op.action, op.source)
            if op.pagination is not None:
                collide("actions", methods, paginate_name(op.action), f"{op.action} (paginate)", op.source)
        classes: dict[str, tuple[str, Any]] = {}
        for err in [*api.common_errors, *all_errors(service)]:
            collide("error codes", classes, error_class(err.code), err.code, err.source)
    return problems


def check_enums(api: Api) -> list[Problem]:
    """An enum value with no TypeScript literal (``.nan``, ``.inf``, an integer past 2^53) is
    an error at its parameter or field, not a compiler failure."""
    problems: list[Problem] = []

    def walk(t: TypeRef) -> list[Any]:
        return walk(t.item) if t.kind == "array" and t.item is not None else list(t.enum)

    def check(what: str, item: Any) -> None:
        for value in walk(item.type):
            why = literal_problem(value)
            if why is not None:
                src = item.source or NOWHERE
                problems.append(Problem(src.file, src.line, "", f"{what} {item.name!r}: enum value "
                                        f"{value!r} {why}; TypeScript has no literal for it"))

    for service in api.services:
        for op in service.operations:
            for p in op.parameters:
                check(f"parameter of {op.action}", p)
        for shape in service.shapes:
            for f in shape.fields:
                check(f"field of {shape.name}", f)
    return problems


# -- the toolchain: prettier + tsc, cached ---------------------------------------------------------
def _toolchain_problem() -> str | None:
    node = shutil.which("node")
    if node is None:
        return f"the typescript target needs Node.js {NODE_MAJOR} or later on PATH, then `{INSTALL_HINT}`"
    try:
        version = subprocess.run([node, "--version"], capture_output=True, text=True, timeout=30).stdout
        major = int(version.strip().lstrip("v").split(".")[0])
    except (OSError, ValueError, subprocess.SubprocessError):
        major = 0
    if major < NODE_MAJOR:
        return f"the typescript target needs Node.js {NODE_MAJOR} or later (found {version.strip() or 'none'})"
    lock = json.loads((TOOLCHAIN / "package-lock.json").read_text(encoding="utf-8"))
    for name in ("typescript", "prettier"):
        want = lock["packages"][f"node_modules/{name}"]["version"]
        installed = TOOLCHAIN / "node_modules" / name / "package.json"
        have = json.loads(installed.read_text(encoding="utf-8"))["version"] if installed.is_file() else None
        if have != want:
            found = f"{name} {have}" if have else f"no {name}"
            return f"the typescript target needs {name} {want} (found {found}): run `{INSTALL_HINT}`"
    return None


def _unit(path: str) -> str:
    """The part of ``src/`` a source file is compiled with: a part of a service version
    (``src/kec/v2016-03-04/_parts/describe/client.ts`` → ``kec/v2016-03-04/_parts/describe``),
    the service version's own files (``src/kec/v2016-03-04/client.ts`` → ``kec/v2016-03-04``),
    or ``""`` for the files every service shares (index, errors, the runtime)."""
    parts = path.split("/")
    if len(parts) >= 6 and parts[3] == "_parts":
        return "/".join(parts[1:5])
    return "/".join(parts[1:3]) if len(parts) >= 4 else ""


def _unit_order(name: str) -> tuple[str, int, str]:
    """Units compile in this order: the shared files, then each service version's parts,
    then its own files (which import the parts): each sees what it imports as declarations."""
    service = "/".join(name.split("/")[:2])
    return (service, 0 if "/_parts/" in name else 1, name)


def _dist(path: str) -> tuple[str, str]:
    """What tsc emits for ``src/<x>.ts``: ``dist/<x>.js`` and ``dist/<x>.d.ts``."""
    stem = "dist/" + path[len("src/"):-len(".ts")]
    return stem + ".js", stem + ".d.ts"


def build(files: dict[str, str]) -> dict[str, str]:
    """*files* with ``src/`` formatted and ``dist/`` compiled.

    The sources are compiled in units (each part of a service version, each service
    version's own files, and the files every service shares; see :func:`_unit`), in the
    order of :func:`_unit_order`, each cached by the SHA-256 of (toolchain lockfile, build
    script, ``tsconfig.json``, ``package.json``, its own files) and of every other file its
    program read (checked on a hit): the source of a file, or the declaration (``.d.ts``)
    of a file an earlier unit compiled, through which it is seen.  prettier's output is
    cached per file.  Only the units that miss go through Node, in one process, with the
    declarations of the units that hit; a unit whose files are the same but which read the
    declaration of a unit that misses is kept by Node when that declaration comes out the
    same.  Editing one action formats and compiles its part, and its service version's own
    files when the part's declarations changed (tests/test_typescript_build.py compares
    with one program over the whole package)."""
    lock = (TOOLCHAIN / "package-lock.json").read_bytes()
    script = (TOOLCHAIN / "build.mjs").read_bytes()
    base = digest(lock, script, files.get("tsconfig.json", ""), files.get("package.json", ""))
    src = sorted(p for p in files if p.startswith("src/") and p.endswith(".ts"))
    shas = {p: _sha(files[p]) for p in src}
    units: dict[str, list[str]] = {}
    for path in src:
        units.setdefault(_unit(path), []).append(path)
    cache = Cache("typescript-units")
    out = dict(files)
    known = dict(shas)  # what a unit may have read: sources, and declarations of units that hit
    todo: dict[str, str] = {}
    earlier: dict[str, dict[str, Any]] = {}  # entries that hold if the declarations they read do
    declarations: dict[str, str] = {}
    for name in sorted(units, key=_unit_order):
        paths = units[name]
        key = digest("unit", base, name, *(f"{p} {shas[p]}" for p in paths))
        hit = cache.get(key)
        try:
            entry = json.loads(hit) if hit is not None else None
            reads, made = (entry["reads"], entry["files"]) if isinstance(entry, dict) else ({}, None)
            if isinstance(made, dict) and isinstance(reads, dict):
                made = {str(k): str(v) for k, v in made.items()}
                unknown = {str(p): str(sha) for p, sha in reads.items() if p not in known}
                if all(known[p] == sha for p, sha in reads.items() if p in known):
                    mine = {p: text for p, text in made.items() if p.endswith(".d.ts")}
                    if not unknown:
                        out.update(made)
                        known.update((p, _sha(text)) for p, text in mine.items())
                        declarations.update(mine)
                        continue
                    if all(p.endswith(".d.ts") for p in unknown):  # read from units compiled below
                        earlier[name] = {"expect": unknown, "declarations": mine, "files": made}
        except (ValueError, KeyError, TypeError):
            pass  # a damaged entry: build again
        todo[name] = key
    if not todo:
        return out
    problem = _toolchain_problem()
    if problem is not None:
        raise ToolchainError(problem)
    pretty = Cache("prettier")
    # the sources of the units to compile (the others are seen through their declarations),
    # and the files that are no source (tsconfig.json, package.json: how modules are read)
    src = [p for name in todo for p in units[name]]
    pretty_keys = {p: digest("prettier", lock, script, p, files[p]) for p in src}
    sent = {p: text for p, text in files.items() if not (p.startswith("src/") and p.endswith(".ts"))}
    formatted: list[str] = []
    for path in src:
        kept = pretty.get(pretty_keys[path])
        sent[path] = files[path] if kept is None else kept
        if kept is not None:
            formatted.append(path)
    request = {"files": sent, "formatted": formatted, "declarations": declarations, "reads": True,
               "units": [[name, units[name], {k: v for k, v in earlier[name].items() if k != "files"}
                          if name in earlier else None] for name in todo]}
    # through files, not pipes: neither the request nor the answer is ever one string here
    with tempfile.TemporaryFile() as asked, tempfile.TemporaryFile() as told:
        text = io.TextIOWrapper(asked, encoding="utf-8")
        json.dump(request, text, ensure_ascii=False)
        text.flush()
        text.detach()
        del request, sent
        asked.seek(0)
        try:
            # --expose-gc: build.mjs collects its garbage between files and units (HEAP_BOUND)
            done = subprocess.run(
                ["node", "--expose-gc", str(TOOLCHAIN / "build.mjs")], stdin=asked, stdout=told,
                stderr=subprocess.PIPE, timeout=600, cwd=TOOLCHAIN,
            )
        except (OSError, subprocess.SubprocessError) as exc:
            raise ToolchainError(f"the typescript toolchain did not run: {exc}") from None
        if done.returncode != 0:
            lines = [line for line in done.stderr.decode("utf-8", "replace").splitlines() if line.strip()]
            lines = lines or ["no message"]
            raise GeneratorBug(f"the TypeScript compiler refused the generated package: {lines[0]}"
                               + (f" (and {len(lines) - 1} more line(s))" if len(lines) > 1 else ""))
        told.seek(0)
        answer = json.load(io.TextIOWrapper(told, encoding="utf-8"))
    result, read = answer["files"], answer.get("reads", {})
    for path in src:
        if path not in formatted:
            pretty.put(pretty_keys[path], result[path])
    for name in answer.get("kept", []):
        out.update(earlier[name]["files"])
    for name, key in todo.items():
        if name in answer.get("kept", []):
            continue
        made = {}
        for path in units[name]:
            made[path] = result[path]
            for emitted in _dist(path):
                if emitted in result:
                    made[emitted] = result[emitted]
        reads = {}
        for path in read.get(name, []):
            if path in shas:
                reads[path] = shas[path]
            elif path.endswith(".d.ts") and path in result:
                reads[path] = _sha(result[path])
        cache.put(key, json.dumps({"reads": reads, "files": made}, sort_keys=True, ensure_ascii=False))
        out.update(made)
    return out


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
