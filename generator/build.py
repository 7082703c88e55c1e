"""Stage 3: build the IR from loaded documents, checking meaning as we go.

openapi-spec-validator (generator.validate) checks the OpenAPI structure;
this module checks what only KSYUN's conventions define: one action per
path key, pinned Action/Version, known types, named shapes, error lists.
Every problem is collected, not only the first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .extensions import EXTENSIONS, did_you_mean
from .ir import (
    PRIMITIVES,
    Api,
    ErrorCode,
    Field,
    Operation,
    Pagination,
    Parameter,
    Service,
    Shape,
    Source,
    TypeRef,
)
from .load import VERSION_RE, Document, Workspace
from .problems import Problem, SpecError, join_pointer

METHODS = ("get", "post")
OTHER_METHODS = ("put", "delete", "patch", "head", "options", "trace")
KNOWN_TYPES = PRIMITIVES + ("array", "object")
NAME_RE = re.compile(r"[A-Za-z][A-Za-z0-9_]*")  # always fullmatch: "$" accepts a final "\n"
# Read-only verbs: an action whose first word is one of these is idempotent
# unless x-ksyun-idempotent says otherwise ("CheckoutOrders" is not "Check").
SAFE_VERBS = ("Describe", "List", "Get", "Query", "Check")
_SAFE_RE = re.compile(r"(?:%s)(?=[A-Z]|\Z)" % "|".join(SAFE_VERBS))
# Shapes within shapes (through properties, items and $ref): deeper is refused.
MAX_SHAPE_DEPTH = 32
NESTING = "nesting deeper than"
PATH_PREFIX = "/#Action="
# x-ksyun-pagination styles and the request parameter each carries its position in.
PAGING_TOKENS = {"marker": "Marker", "token": "NextToken"}
# Validation keywords kept in TypeRef.constraints, per type.
_NUMBER_KEYS = ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum")
CONSTRAINTS = {"integer": _NUMBER_KEYS, "number": _NUMBER_KEYS,
               "string": ("minLength", "maxLength", "pattern"), "array": ("minItems", "maxItems")}


def default_idempotent(action: str) -> bool:
    """Read-only actions are safe to repeat: the first word is a verb of
    SAFE_VERBS, as a whole word (``DescribeImages``, ``Check``; not ``CheckoutOrders``)."""
    return _SAFE_RE.match(action) is not None


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""


@dataclass
class _ShapeSlot:
    key: tuple[Path, str]
    shape: Shape | None = None


@dataclass
class _ServiceBuilder:
    ws: Workspace
    doc: Document
    problems: list[Problem]
    shapes: dict[str, _ShapeSlot] = field(default_factory=dict)
    depth: int = 0  # type_of calls in progress
    following: list[str] = field(default_factory=list)  # $refs to non-objects being followed

    def src(self, doc: Document, pointer: str) -> Source:
        return Source(doc.display, doc.line(pointer))

    def fail(self, doc: Document, pointer: str, message: str) -> None:
        self.problems.append(doc.problem(pointer, message))

    def deref(self, doc: Document, pointer: str, node: Any) -> tuple[Document, str, Any] | None:
        try:
            return self.ws.deref(doc, pointer, node)
        except SpecError as exc:
            self.problems.extend(exc.problems)
            return None

    # ---- types -------------------------------------------------------------
    def type_of(self, doc: Document, pointer: str, schema: Any, inline_name: str) -> TypeRef:
        """The TypeRef of *schema*; inline objects become shapes named *inline_name*.

        Nesting is bounded (MAX_SHAPE_DEPTH): a long chain of shapes is a clear
        error, never a RecursionError here or in the generated code."""
        if self.depth >= MAX_SHAPE_DEPTH:
            self.fail(doc, pointer, f"{NESTING} {MAX_SHAPE_DEPTH} "
                      "(objects and lists within each other)")
            return TypeRef("any")
        self.depth += 1
        try:
            return self._type_of(doc, pointer, schema, inline_name)
        finally:
            self.depth -= 1

    def _type_of(self, doc: Document, pointer: str, schema: Any, inline_name: str) -> TypeRef:
        if isinstance(schema, dict) and "$ref" in schema:
            resolved = self.deref(doc, pointer, schema)
            if resolved is None:
                return TypeRef("any")
            tdoc, tptr, target = resolved
            parts = tptr.split("/")
            if len(parts) == 4 and parts[1] == "components" and parts[2] == "schemas":
                if _is_object(target):
                    name = parts[3]
                    self.shape_at(tdoc, tptr, target, name)
                    return TypeRef("shape", shape=name)
            where = f"{tdoc.display}#{tptr}"
            if where in self.following:  # a list of itself, say: no named object breaks the loop
                cycle = self.following[self.following.index(where):] + [where]
                self.fail(doc, pointer, "circular $ref: " + " -> ".join(cycle))
                return TypeRef("any")
            self.following.append(where)
            try:
                return self.type_of(tdoc, tptr, target, inline_name)
            finally:
                self.following.pop()
        if not isinstance(schema, dict):
            self.fail(doc, pointer, "expected a schema (a mapping)")
            return TypeRef("any")
        kind = schema.get("type")
        if isinstance(kind, list):  # OpenAPI 3.1: [string, "null"]
            non_null = [k for k in kind if k != "null"]
            kind = non_null[0] if len(non_null) == 1 else kind
        if kind is None:
            if "properties" in schema:
                kind = "object"
            else:
                if not any(k in schema for k in ("oneOf", "anyOf", "allOf")):
                    self.fail(doc, pointer, "schema has no 'type' (expected one of: "
                              + ", ".join(KNOWN_TYPES) + ")")
                else:
                    self.fail(doc, pointer, "oneOf/anyOf/allOf are not supported; use one named object")
                return TypeRef("any")
        if not isinstance(kind, str) or kind not in KNOWN_TYPES:
            self.fail(
                doc, join_pointer(pointer, "type"),
                f"unknown type {kind!r}"
                + (did_you_mean(kind, KNOWN_TYPES) if isinstance(kind, str) else "")
                + f" (expected one of: {', '.join(KNOWN_TYPES)})",
            )
            return TypeRef("any")
        enum = schema.get("enum")
        enum_t: tuple[Any, ...] = ()
        if isinstance(enum, list):
            enum_t = tuple(enum)
        elif "const" in schema:
            enum_t = (schema["const"],)
        fmt = schema.get("format") if isinstance(schema.get("format"), str) else None
        if kind in PRIMITIVES:
            nullable = isinstance(schema.get("type"), list) and "null" in schema["type"]
            wrong = [v for v in enum_t if not _is_a(kind, v) and not (v is None and nullable)]
            if wrong:
                self.fail(doc, join_pointer(pointer, "enum" if "enum" in schema else "const"),
                          f"enum value {wrong[0]!r} is not of type {kind}")
                return TypeRef(kind, format=fmt)
            t = TypeRef(kind, enum=enum_t, format=fmt,
                        constraints=self.constraints(doc, pointer, schema, kind))
            self.examples(doc, pointer, schema, t)
            return t
        if kind == "array":
            items = schema.get("items")
            if items is None:
                self.fail(doc, pointer, "array schema has no 'items'")
                return TypeRef("array", item=TypeRef("any"))
            item = self.type_of(doc, join_pointer(pointer, "items"), items, inline_name + "Item")
            t = TypeRef("array", item=item, constraints=self.constraints(doc, pointer, schema, kind))
            self.examples(doc, pointer, schema, t)
            return t
        # object
        if not schema.get("properties"):
            return TypeRef("any")
        self.shape_at(doc, pointer, schema, inline_name)
        return TypeRef("shape", shape=inline_name)

    def examples(self, doc: Document, pointer: str, node: dict[str, Any], t: TypeRef) -> None:
        """Each example of *node* (a schema or a parameter) that does not fit *t*
        is a problem at its line: the docs, the example call and the mock would
        otherwise show something else than the spec says."""
        found: list[tuple[str, Any]] = []
        if "example" in node:
            found.append((join_pointer(pointer, "example"), node["example"]))
        examples = node.get("examples")
        if isinstance(examples, list):  # a schema's examples
            found += [(join_pointer(pointer, "examples", i), v) for i, v in enumerate(examples)]
        elif isinstance(examples, dict):  # a parameter's Example Objects
            found += [(join_pointer(pointer, "examples", str(k), "value"), v["value"])
                      for k, v in examples.items() if isinstance(v, dict) and "value" in v]
        for at, value in found:
            why = None if value is None else example_problem(value, t)  # (null says nothing)
            if why is not None:
                self.fail(doc, at, why)

    def constraints(self, doc: Document, pointer: str, schema: dict[str, Any],
                    kind: str) -> tuple[tuple[str, int | float | str], ...]:
        """The validation keywords *kind* allows, checked and sorted by keyword."""
        out: dict[str, int | float | str] = {}
        for key in CONSTRAINTS.get(kind, ()):
            if key not in schema:
                continue
            value = schema[key]
            if key == "pattern":
                try:
                    re.compile(value) if isinstance(value, str) else None
                except re.error as exc:
                    self.fail(doc, join_pointer(pointer, key), f"pattern is not a regular expression: {exc}")
                    continue
                ok = isinstance(value, str)
            elif key in ("minLength", "maxLength", "minItems", "maxItems"):
                ok = isinstance(value, int) and not isinstance(value, bool) and value >= 0
            else:
                ok = isinstance(value, (int, float)) and not isinstance(value, bool)
            if not ok:
                self.fail(doc, join_pointer(pointer, key), f"{key} must be "
                          f"{'a string' if key == 'pattern' else 'a number'}, got {value!r}")
                continue
            out[key] = value
        return tuple(sorted(out.items()))

    def shape_at(self, doc: Document, pointer: str, schema: dict[str, Any], name: str) -> None:
        key = (doc.path, pointer)
        slot = self.shapes.get(name)
        if slot is not None:
            if slot.key != key:
                self.fail(doc, pointer, f"two different shapes are both named {name!r}; "
                          "name one of them explicitly in components/schemas")
            return
        if not NAME_RE.fullmatch(name):
            self.fail(doc, pointer, f"shape name {name!r} must be letters, digits and '_', "
                      "starting with a letter")
        slot = _ShapeSlot(key)
        self.shapes[name] = slot  # registered before fields: recursion terminates
        props = schema.get("properties") or {}
        required = schema.get("required") or []
        if not isinstance(props, dict):
            self.fail(doc, join_pointer(pointer, "properties"), "expected a mapping of properties")
            props = {}
        fields = []
        for prop, sub in props.items():
            ptr = join_pointer(pointer, "properties", prop)
            ftype = self.type_of(doc, ptr, sub, name + _pascal_token(prop))
            sub_d = sub if isinstance(sub, dict) else {}
            if "$ref" in sub_d:  # (an inline schema's examples are checked with its type)
                self.examples(doc, ptr, sub_d, ftype)
            example, has_example = _example(sub_d)
            fields.append(Field(
                name=prop, type=ftype, required=prop in required,
                description=_text(sub_d.get("description")).strip(),
                example=example, has_example=has_example,
                target_name=_override(self, doc, ptr, sub_d),
                source=self.src(doc, ptr),
            ))
        slot.shape = Shape(
            name=name, description=_text(schema.get("description")).strip(),
            fields=tuple(fields), source=self.src(doc, pointer),
        )

    # ---- operations ----------------------------------------------------------
    def operation(self, path_key: str, method: str, op: dict[str, Any], pointer: str,
                  info_version: str) -> Operation | None:
        doc = self.doc
        action = op.get("operationId")
        if not isinstance(action, str) or not action:
            self.fail(doc, pointer, "operation has no operationId (expected the action name, "
                      "e.g. DescribeImages)")
            return None
        if not NAME_RE.fullmatch(action):
            self.fail(doc, join_pointer(pointer, "operationId"),
                      f"operationId {action!r} is not an action name (letters and digits)")
            return None
        if path_key != PATH_PREFIX + action:
            self.fail(doc, pointer.rsplit("/", 1)[0], f"path key {path_key!r} does not match operationId: "
                      f"expected '{PATH_PREFIX}{action}'")
        params: list[Parameter] = []
        pinned = {"Action": "", "Version": ""}
        seen: dict[str, str] = {}
        raw_params = op.get("parameters") or []
        for i, raw in enumerate(raw_params if isinstance(raw_params, list) else []):
            ptr = join_pointer(pointer, "parameters", i)
            resolved = self.deref(doc, ptr, raw)
            if resolved is None:
                continue
            pdoc, pptr, p = resolved
            if not isinstance(p, dict):
                self.fail(doc, ptr, "expected a parameter object")
                continue
            name = p.get("name")
            if not isinstance(name, str) or not name:
                self.fail(pdoc, pptr, "parameter has no name")
                continue
            if p.get("in") != "query":
                self.fail(pdoc, join_pointer(pptr, "in"),
                          f"parameter {name!r} is in {p.get('in')!r}; KSYUN actions take "
                          "query (GET) or form (POST) parameters: use 'in: query'")
                continue
            if name in seen:
                self.fail(pdoc, pptr, f"duplicate parameter {name!r}")
                continue
            seen[name] = pptr
            schema = p.get("schema")
            if schema is None:
                self.fail(pdoc, pptr, f"parameter {name!r} has no schema")
                continue
            if name in pinned:
                pinned[name] = _text(p.get("description")).strip()
                sdoc, sptr, s = self.deref(pdoc, join_pointer(pptr, "schema"), schema) or (pdoc, pptr, {})
                want = action if name == "Action" else info_version
                values = s.get("enum") if isinstance(s, dict) else None
                if isinstance(s, dict) and "const" in s:
                    values = [s["const"]]
                if values != [want]:
                    self.fail(sdoc, sptr, f"parameter {name} must be pinned to {want!r} "
                              f"(schema: {{type: string, enum: [{want!r}]}})")
                continue
            ptype = self.type_of(pdoc, join_pointer(pptr, "schema"), schema,
                                 action + _pascal_token(name))
            self.examples(pdoc, pptr, p, ptype)
            example, has_example = _example(p)
            if not has_example and isinstance(schema, dict):
                example, has_example = _example(schema)
            params.append(Parameter(
                name=name, type=ptype, required=bool(p.get("required", False)),
                description=_text(p.get("description")).strip(),
                example=example, has_example=has_example,
                target_name=_override(self, pdoc, pptr, p),
                not_found_error=_text(p.get("x-ksyun-not-found-error")),
                source=self.src(pdoc, pptr),
            ))
        for name in pinned:
            if name not in seen:
                self.fail(doc, pointer, f"operation {action} lacks the {name} parameter "
                          "(pinned with enum: [value])")
        response = self.response_shape(op, pointer, action)
        errors = self.errors(doc, join_pointer(pointer, "x-ksyun-errors"), op.get("x-ksyun-errors"))
        idem = op.get("x-ksyun-idempotent")
        if idem is not None and not isinstance(idem, bool):
            self.fail(doc, join_pointer(pointer, "x-ksyun-idempotent"), "expected true or false")
            idem = None
        pagination = self.pagination(doc, join_pointer(pointer, "x-ksyun-pagination"),
                                     op.get("x-ksyun-pagination"), params)
        return Operation(
            action=action, method=method.upper(),
            summary=_text(op.get("summary")).strip(),
            description=_text(op.get("description")).strip(),
            action_description=pinned["Action"], version_description=pinned["Version"],
            parameters=tuple(params), response=response, errors=errors,
            idempotent=default_idempotent(action) if idem is None else idem,
            pagination=pagination,
            source=self.src(doc, pointer),
        )

    def pagination(self, doc: Document, pointer: str, raw: Any,
                   params: list[Parameter]) -> Pagination | None:
        """``x-ksyun-pagination: {style, items, total?, limit?, token?}``; the
        response side is checked once the shapes are known (check_pagination)."""
        if raw is None:
            return None
        if not isinstance(raw, dict):
            self.fail(doc, pointer, "x-ksyun-pagination: expected a mapping "
                      "{style: marker|token, items: <response list field>, total: <field>}")
            return None
        unknown = sorted(set(raw) - set(EXTENSIONS["x-ksyun-pagination"].keys))
        for key in unknown:
            self.fail(doc, join_pointer(pointer, key), f"x-ksyun-pagination: unknown key {key!r} "
                      "(expected style, items, total, limit, token)")
        style = raw.get("style")
        if style not in PAGING_TOKENS:
            self.fail(doc, join_pointer(pointer, "style") if "style" in raw else pointer,
                      f"x-ksyun-pagination: style must be 'marker' or 'token', got {style!r}")
            return None
        values: dict[str, str] = {}
        for key, default in (("items", None), ("total", ""), ("limit", "MaxResults"),
                             ("token", PAGING_TOKENS[style])):
            value = raw.get(key, default)
            if not isinstance(value, str) or (value == "" and key != "total") \
                    or (value and not NAME_RE.fullmatch(value)):
                self.fail(doc, join_pointer(pointer, key) if key in raw else pointer,
                          f"x-ksyun-pagination: {key} must name a field, got {value!r}")
                return None
            values[key] = value
        by_name = {p.name: p for p in params}
        want = {values["limit"]: "integer",
                values["token"]: "integer" if style == "marker" else "string"}
        for name, kind in want.items():
            param = by_name.get(name)
            if param is None:
                self.fail(doc, pointer, f"x-ksyun-pagination: the action has no {name} parameter")
                return None
            if param.type.kind != kind:
                self.fail(doc, pointer, f"x-ksyun-pagination: parameter {name} must be "
                          f"{kind}, is {param.type.kind}")
                return None
        return Pagination(
            style=style, items=values["items"], input_token=values["token"],
            output_token=values["token"] if style == "token" else "",
            limit=values["limit"], total=values["total"], source=self.src(doc, pointer),
        )

    def response_shape(self, op: dict[str, Any], pointer: str, action: str) -> str:
        doc = self.doc
        responses = op.get("responses")
        if not isinstance(responses, dict) or "200" not in responses:
            self.fail(doc, pointer, f"operation {action} has no '200' response")
            return ""
        rptr = join_pointer(pointer, "responses", "200")
        resolved = self.deref(doc, rptr, responses["200"])
        if resolved is None:
            return ""
        rdoc, rptr, resp = resolved
        schema = (((resp or {}).get("content") or {}).get("application/json") or {}).get("schema")
        sptr = join_pointer(rptr, "content", "application/json", "schema")
        if schema is None:
            self.fail(rdoc, rptr, "the 200 response needs content: application/json: schema")
            return ""
        known = len(self.problems)
        rtype = self.type_of(rdoc, sptr, schema, action + "Response")
        if rtype.kind != "shape" or rtype.shape is None:
            if len(self.problems) == known:  # (a dangling $ref, a misspelt type: said once, there)
                self.fail(rdoc, sptr, "the 200 response schema must be an object with properties")
            return ""
        return rtype.shape

    def errors(self, doc: Document, pointer: str, raw: Any) -> tuple[ErrorCode, ...]:
        if raw is None:
            return ()
        resolved = self.deref(doc, pointer, raw)
        if resolved is None:
            return ()
        doc, pointer, raw = resolved
        if not isinstance(raw, list):
            self.fail(doc, pointer, "expected a list of errors (code, message, httpStatus, description)")
            return ()
        out: list[ErrorCode] = []
        first: dict[str, int | None] = {}
        for i, item in enumerate(raw):
            ptr = join_pointer(pointer, i)
            if not isinstance(item, dict):
                self.fail(doc, ptr, "expected an error (code, message, httpStatus, description)")
                continue
            code = item.get("code")
            status = item.get("httpStatus")
            if not isinstance(code, str) or not code.strip():
                self.fail(doc, ptr, "error has no 'code'")
                continue
            if not isinstance(status, int) or isinstance(status, bool) or not 100 <= status <= 599:
                self.fail(doc, join_pointer(ptr, "httpStatus") if "httpStatus" in item else ptr,
                          f"error {code}: httpStatus must be an HTTP status code (100-599), "
                          f"got {status!r}")
                continue
            if code in first:
                where = f" (first at line {first[code]})" if first[code] is not None else ""
                self.fail(doc, ptr, f"duplicate error code {code!r}{where}")
                continue
            first[code] = doc.line(ptr)
            out.append(ErrorCode(
                code=code, http_status=status, message=_text(item.get("message")),
                description=_text(item.get("description")).strip(),
                throttling=bool(item.get("x-ksyun-throttling", False)),
                source=self.src(doc, ptr),
            ))
        return tuple(out)


_JSON_TYPES: dict[str, tuple[type, ...]] = {
    "string": (str,), "integer": (int,), "number": (int, float), "boolean": (bool,),
}


def _is_a(kind: str, value: Any) -> bool:
    """Whether *value* is a JSON value of the primitive type *kind* (True is not an integer)."""
    if isinstance(value, bool) and kind != "boolean":
        return False
    return isinstance(value, _JSON_TYPES.get(kind, (object,)))


_KIND_WORDS = {"integer": "an integer", "number": "a number", "string": "a string",
               "boolean": "true or false"}
_BOUNDS: tuple[tuple[str, str, Any], ...] = (
    ("minimum", "below the minimum", lambda v, n: v < n),
    ("exclusiveMinimum", "not above the exclusive minimum", lambda v, n: v <= n),
    ("maximum", "above the maximum", lambda v, n: v > n),
    ("exclusiveMaximum", "not below the exclusive maximum", lambda v, n: v >= n),
)


def example_problem(value: Any, t: TypeRef) -> str | None:
    """Why *value*, a spec example, is no value of *t*; None when it is one.

    As lenient as the example's readers (generator.examples.coerce): ``"20"``
    is an integer example, ``3`` a string one; but ``my-key`` is no integer,
    ``2.5`` no integer either (it would become 2), and an example outside the
    enum or the constraints is refused.
    """
    if t.kind == "array":
        if t.item is None:
            return None
        items = value if isinstance(value, list) else [value]
        limits = dict(t.constraints)
        if isinstance(value, list):
            low, high = limits.get("minItems"), limits.get("maxItems")
            if isinstance(low, int) and len(value) < low:
                return f"example has {len(value)} item(s), fewer than minItems {low}"
            if isinstance(high, int) and len(value) > high:
                return f"example has {len(value)} item(s), more than maxItems {high}"
        for item in items:
            why = example_problem(item, t.item)
            if why is not None:
                return why
        return None
    if t.kind not in _KIND_WORDS:
        return None  # objects and free-form values: their fields say
    typed = _typed(value, t.kind)
    if typed is None:
        quote = " (YAML reads yes, no, on and off as true or false: quote it)" if isinstance(value, bool) else ""
        return f"example {value!r} is not {_KIND_WORDS[t.kind]}{quote}"
    if t.enum and typed not in t.enum:
        shown = ", ".join(repr(v) for v in t.enum[:8]) + (", ..." if len(t.enum) > 8 else "")
        return f"example {value!r} is not one of the enum values ({shown})"
    limits = dict(t.constraints)
    if isinstance(typed, str):
        low, high, pattern = limits.get("minLength"), limits.get("maxLength"), limits.get("pattern")
        if isinstance(high, int) and len(typed) > high:
            return f"example {value!r} is longer than maxLength {high}"
        if isinstance(low, int) and len(typed) < low:
            return f"example {value!r} is shorter than minLength {low}"
        if isinstance(pattern, str) and re.search(pattern, typed) is None:
            return f"example {value!r} does not match the pattern {pattern!r}"
    elif isinstance(typed, (int, float)) and not isinstance(typed, bool):
        for key, words, outside in _BOUNDS:
            bound = limits.get(key)
            if isinstance(bound, (int, float)) and outside(typed, bound):
                return f"example {value!r} is {words} {bound}"
    return None


def _typed(value: Any, kind: str) -> Any:
    """*value* as a value of the primitive type *kind*, or None when it is none."""
    if isinstance(value, (dict, list)) or value is None:
        return None
    if kind == "boolean":
        if isinstance(value, bool):
            return value
        text = str(value).lower()
        return text == "true" if text in ("true", "false") else None
    if isinstance(value, bool):
        return None  # (YAML reads yes/no/on/off as booleans: quote them)
    if kind == "string":
        return value if isinstance(value, str) else str(value)
    try:
        number = float(value)
    except (TypeError, ValueError, OverflowError):
        return None
    if kind == "number":
        return value if isinstance(value, (int, float)) else number
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    try:
        return int(str(value).strip())
    except ValueError:
        return None


def _is_object(schema: Any) -> bool:
    return isinstance(schema, dict) and (
        schema.get("type") == "object" or ("type" not in schema and "properties" in schema)
    ) and bool(schema.get("properties"))


def _pascal_token(name: str) -> str:
    parts = re.split(r"[^0-9A-Za-z]+", name)
    return "".join(p[:1].upper() + p[1:] for p in parts if p) or "Field"


def _example(node: dict[str, Any]) -> tuple[Any, bool]:
    if "example" in node:
        return node["example"], True
    examples = node.get("examples")
    if isinstance(examples, list) and examples:
        return examples[0], True
    return None, False


def _override(b: _ServiceBuilder, doc: Document, pointer: str, node: dict[str, Any]) -> str | None:
    value = node.get("x-ksyun-name")
    if value is None:
        return None
    if not isinstance(value, str) or not re.fullmatch(r"[a-z_][a-z0-9_]*", value):
        b.fail(doc, join_pointer(pointer, "x-ksyun-name"),
               f"x-ksyun-name must be a snake_case identifier, got {value!r}")
        return None
    return value


def build_service(ws: Workspace, doc: Document, problems: list[Problem]) -> tuple[Service | None, tuple[ErrorCode, ...]]:
    data = doc.data
    if not isinstance(data, dict):
        problems.append(doc.problem("", "expected an OpenAPI document (a mapping)"))
        return None, ()
    b = _ServiceBuilder(ws, doc, problems)
    raw_info = data.get("info")
    info: dict[str, Any] = raw_info if isinstance(raw_info, dict) else {}
    name = info.get("x-ksyun-service")
    version = info.get("version")
    expected_name = doc.path.parent.name
    if not isinstance(name, str) or not re.fullmatch(r"[a-z][a-z0-9]*", name):
        b.fail(doc, "/info", "info.x-ksyun-service must name the service in lower case "
               f"(e.g. {expected_name!r})")
        name = expected_name
    if not isinstance(version, str) or not VERSION_RE.fullmatch(version):
        b.fail(doc, "/info/version", f"info.version must be the API version as a quoted "
               f"string 'YYYY-MM-DD' (or V1, V2...), got {version!r}")
        version = str(version)
    servers = data.get("servers")
    endpoint = f"https://{name}.api.ksyun.com"
    if isinstance(servers, list) and servers and isinstance(servers[0], dict):
        endpoint = str(servers[0].get("url", endpoint))
        if not re.fullmatch(r"https?://[^\s\"'\\`]+", endpoint):
            b.fail(doc, "/servers/0/url", f"servers[0].url must be an http(s) URL, got {endpoint!r}")
    ops: dict[str, Operation] = {}
    op_lines: dict[str, int | None] = {}
    raw_paths = data.get("paths")
    paths: dict[str, Any] = raw_paths if isinstance(raw_paths, dict) else {}
    for path_key, item in paths.items():
        pptr = join_pointer("/paths", path_key)
        if not isinstance(item, dict):
            b.fail(doc, pptr, "expected a path item (a mapping)")
            continue
        for method, op in item.items():
            optr = join_pointer(pptr, method)
            if method in OTHER_METHODS:
                b.fail(doc, optr, f"method {method!r}: KSYUN actions are called with GET or POST")
                continue
            if method not in METHODS or not isinstance(op, dict):
                continue
            built = b.operation(path_key, method, op, optr, version)
            if built is None:
                continue
            if built.action in ops:
                b.fail(doc, optr, f"duplicate action {built.action!r} "
                       f"(first at line {op_lines[built.action]})")
                continue
            ops[built.action] = built
            op_lines[built.action] = doc.line(optr)
    common = b.errors(doc, "/x-ksyun-common-errors", data.get("x-ksyun-common-errors"))
    for built in ops.values():
        documented = {e.code for e in (*built.errors, *common)}
        for p in built.parameters:
            if p.not_found_error and p.not_found_error not in documented:
                problems.append(Problem(p.source.file, p.source.line, "",
                                        f"x-ksyun-not-found-error of {p.name}: "
                                        f"{p.not_found_error!r} is not an error of {built.action}"))
    shapes = tuple(sorted((s.shape for s in b.shapes.values() if s.shape is not None),
                          key=lambda s: s.name))
    by_shape = {s.name: s for s in shapes}
    for built in ops.values():
        problems.extend(check_pagination(built, by_shape))
    service = Service(
        name=name, version=version,
        title=_text(info.get("title")), description=_text(info.get("description")).strip(),
        endpoint=endpoint,
        signing_name=_text(info.get("x-ksyun-signing-name")) or name,
        operations=tuple(sorted(ops.values(), key=lambda o: o.action)),
        shapes=shapes, spec_path=ws.source_name(doc), source=Source(doc.display, 1),
    )
    return service, common


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


def build(ws: Workspace, docs: list[Document]) -> Api:
    """The IR of every service document; SpecError lists every problem."""
    problems: list[Problem] = []
    services: dict[tuple[str, str], Service] = {}
    common: dict[str, ErrorCode] = {}
    for doc in docs:
        service, common_errors = build_service(ws, doc, problems)
        if service is None:
            continue
        key = (service.name, service.version)
        if key in services:
            problems.append(doc.problem("/info", f"service {service.name} version "
                                        f"{service.version} is also defined in "
                                        f"{services[key].source.file}"))
            continue
        services[key] = service
        for err in common_errors:
            known = common.get(err.code)
            if known is not None and known != err:
                problems.append(Problem(err.source.file, err.source.line, "",
                                        f"common error {err.code!r} differs from the one "
                                        f"at {known.source}"))
            common.setdefault(err.code, err)
    if problems:
        raise SpecError(problems)
    return Api(
        services=tuple(services[k] for k in sorted(services)),
        common_errors=tuple(common[c] for c in sorted(common)),
    )
