"""Schemas → ``TypeRef`` and ``Shape``: ``$ref`` resolution (a named object
under ``components/schemas`` becomes a shape of that name; a ``$ref`` loop
through anything else is refused), inline objects named ``<Parent><Field>``,
the nesting limit (``MAX_SHAPE_DEPTH``), known types, enums and the
validation keywords kept as constraints; and the registry of the service's
shapes (one schema per name).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from ..extensions import did_you_mean
from ..ir import PRIMITIVES, Field, Shape, TypeRef
from ..load import Document
from ..problems import join_pointer
from .context import NAME_RE, Context, pascal_token, text
from .examples import check_examples, first_example

KNOWN_TYPES = PRIMITIVES + ("array", "object")
# Shapes within shapes (through properties, items and $ref): deeper is refused.
MAX_SHAPE_DEPTH = 32
NESTING = "nesting deeper than"
# Validation keywords kept in TypeRef.constraints, per type.
_NUMBER_KEYS = ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum")
CONSTRAINTS = {"integer": _NUMBER_KEYS, "number": _NUMBER_KEYS,
               "string": ("minLength", "maxLength", "pattern"), "array": ("minItems", "maxItems")}
_JSON_TYPES: dict[str, tuple[type, ...]] = {
    "string": (str,), "integer": (int,), "number": (int, float), "boolean": (bool,),
}


class _ShapeSlot:
    """A shape name taken by the schema at *key*; *shape* once its fields are built."""

    __slots__ = ("key", "shape")

    def __init__(self, key: tuple[Path, str]) -> None:
        self.key = key
        self.shape: Shape | None = None


class Types:
    """The types of one service's schemas, and the shapes they name."""

    __slots__ = ("ctx", "slots", "depth", "following", "_primitives")

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.slots: dict[str, _ShapeSlot] = {}
        self.depth = 0  # type_of calls in progress
        self.following: list[str] = []  # $refs to non-objects being followed
        self._primitives: dict[tuple[Any, ...], TypeRef] = {}

    def shapes(self) -> tuple[Shape, ...]:
        """Every shape built, sorted by name."""
        return tuple(sorted((s.shape for s in self.slots.values() if s.shape is not None),
                            key=lambda s: s.name))

    def type_of(self, doc: Document, pointer: str, schema: Any, inline_name: str) -> TypeRef:
        """The TypeRef of *schema*; inline objects become shapes named *inline_name*.

        Nesting is bounded (MAX_SHAPE_DEPTH): a long chain of shapes is a clear
        error, never a RecursionError here or in the generated code."""
        if self.depth >= MAX_SHAPE_DEPTH:
            self.ctx.fail(doc, pointer, f"{NESTING} {MAX_SHAPE_DEPTH} "
                          "(objects and lists within each other)")
            return TypeRef("any")
        self.depth += 1
        try:
            return self._type_of(doc, pointer, schema, inline_name)
        finally:
            self.depth -= 1

    def _type_of(self, doc: Document, pointer: str, schema: Any, inline_name: str) -> TypeRef:
        if isinstance(schema, dict) and "$ref" in schema:
            return self._referenced(doc, pointer, schema, inline_name)
        if not isinstance(schema, dict):
            self.ctx.fail(doc, pointer, "expected a schema (a mapping)")
            return TypeRef("any")
        kind = self._kind(doc, pointer, schema)
        if kind is None:
            return TypeRef("any")
        if kind in PRIMITIVES:
            return self._primitive(doc, pointer, schema, kind)
        if kind == "array":
            return self._array(doc, pointer, schema, inline_name)
        # object
        if not schema.get("properties"):
            return TypeRef("any")
        self.shape_at(doc, pointer, schema, inline_name)
        return TypeRef("shape", shape=inline_name)

    def _referenced(self, doc: Document, pointer: str, schema: dict[str, Any], inline_name: str) -> TypeRef:
        """The type a ``$ref`` names: a shape for an object of components/schemas,
        else the type of what it points to (a loop of those is refused)."""
        resolved = self.ctx.deref(doc, pointer, schema)
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
            self.ctx.fail(doc, pointer, "circular $ref: " + " -> ".join(cycle))
            return TypeRef("any")
        self.following.append(where)
        try:
            return self.type_of(tdoc, tptr, target, inline_name)
        finally:
            self.following.pop()

    def _kind(self, doc: Document, pointer: str, schema: dict[str, Any]) -> str | None:
        """The type *schema* declares (one of KNOWN_TYPES); None, with the
        problem recorded, when it declares none we know."""
        kind = schema.get("type")
        if isinstance(kind, list):  # OpenAPI 3.1: [string, "null"]
            non_null = [k for k in kind if k != "null"]
            kind = non_null[0] if len(non_null) == 1 else kind
        if kind is None:
            if "properties" in schema:
                return "object"
            if not any(k in schema for k in ("oneOf", "anyOf", "allOf")):
                self.ctx.fail(doc, pointer, "schema has no 'type' (expected one of: "
                              + ", ".join(KNOWN_TYPES) + ")")
            else:
                self.ctx.fail(doc, pointer, "oneOf/anyOf/allOf are not supported; use one named object")
            return None
        if not isinstance(kind, str) or kind not in KNOWN_TYPES:
            self.ctx.fail(
                doc, join_pointer(pointer, "type"),
                f"unknown type {kind!r}"
                + (did_you_mean(kind, KNOWN_TYPES) if isinstance(kind, str) else "")
                + f" (expected one of: {', '.join(KNOWN_TYPES)})",
            )
            return None
        return kind

    def _primitive(self, doc: Document, pointer: str, schema: dict[str, Any], kind: str) -> TypeRef:
        enum = schema.get("enum")
        enum_t: tuple[Any, ...] = ()
        if isinstance(enum, list):
            enum_t = tuple(enum)
        elif "const" in schema:
            enum_t = (schema["const"],)
        fmt = schema.get("format") if isinstance(schema.get("format"), str) else None
        nullable = isinstance(schema.get("type"), list) and "null" in schema["type"]
        wrong = [v for v in enum_t if not _is_a(kind, v) and not (v is None and nullable)]
        if wrong:
            self.ctx.fail(doc, join_pointer(pointer, "enum" if "enum" in schema else "const"),
                          f"enum value {wrong[0]!r} is not of type {kind}")
            return TypeRef(kind, format=fmt)
        constraints = self.constraints(doc, pointer, schema, kind)
        # one TypeRef per distinct primitive (keyed with each value's type: 1, 1.0 and True differ)
        key = (kind, fmt, tuple((type(v), v) for v in enum_t),
               tuple((k, type(v), v) for k, v in constraints))
        t = self._primitives.get(key)
        if t is None:
            t = self._primitives[key] = TypeRef(kind, enum=enum_t, format=fmt, constraints=constraints)
        check_examples(self.ctx, doc, pointer, schema, t)
        return t

    def _array(self, doc: Document, pointer: str, schema: dict[str, Any], inline_name: str) -> TypeRef:
        items = schema.get("items")
        if items is None:
            self.ctx.fail(doc, pointer, "array schema has no 'items'")
            return TypeRef("array", item=TypeRef("any"))
        item = self.type_of(doc, join_pointer(pointer, "items"), items, inline_name + "Item")
        t = TypeRef("array", item=item, constraints=self.constraints(doc, pointer, schema, "array"))
        check_examples(self.ctx, doc, pointer, schema, t)
        return t

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
                    self.ctx.fail(doc, join_pointer(pointer, key), f"pattern is not a regular expression: {exc}")
                    continue
                ok = isinstance(value, str)
            elif key in ("minLength", "maxLength", "minItems", "maxItems"):
                ok = isinstance(value, int) and not isinstance(value, bool) and value >= 0
            else:
                ok = isinstance(value, (int, float)) and not isinstance(value, bool)
            if not ok:
                self.ctx.fail(doc, join_pointer(pointer, key), f"{key} must be "
                              f"{'a string' if key == 'pattern' else 'a number'}, got {value!r}")
                continue
            out[key] = value
        return tuple(sorted(out.items()))

    def shape_at(self, doc: Document, pointer: str, schema: dict[str, Any], name: str) -> None:
        """Build the shape *name* from the object *schema* at *pointer*, once;
        another schema under the same name is a problem."""
        key = (doc.path, pointer)
        slot = self.slots.get(name)
        if slot is not None:
            if slot.key != key:
                self.ctx.fail(doc, pointer, f"two different shapes are both named {name!r}; "
                              "name one of them explicitly in components/schemas")
            return
        if not NAME_RE.fullmatch(name):
            self.ctx.fail(doc, pointer, f"shape name {name!r} must be letters, digits and '_', "
                          "starting with a letter")
        slot = _ShapeSlot(key)
        self.slots[name] = slot  # registered before fields: recursion terminates
        props = schema.get("properties") or {}
        required = schema.get("required") or []
        if not isinstance(props, dict):
            self.ctx.fail(doc, join_pointer(pointer, "properties"), "expected a mapping of properties")
            props = {}
        fields = tuple(self._field(doc, join_pointer(pointer, "properties", prop), prop, sub,
                                   name, prop in required)
                       for prop, sub in props.items())
        slot.shape = Shape(
            name=name, description=text(schema.get("description")).strip(),
            fields=fields, source=self.ctx.src(doc, pointer),
        )

    def _field(self, doc: Document, ptr: str, prop: str, sub: Any, parent: str, required: bool) -> Field:
        ftype = self.type_of(doc, ptr, sub, parent + pascal_token(prop))
        sub_d = sub if isinstance(sub, dict) else {}
        if "$ref" in sub_d:  # (an inline schema's examples are checked with its type)
            check_examples(self.ctx, doc, ptr, sub_d, ftype)
        example, has_example = first_example(sub_d)
        return Field(
            name=prop, type=ftype, required=required,
            description=text(sub_d.get("description")).strip(),
            example=example, has_example=has_example,
            target_name=self.ctx.target_name(doc, ptr, sub_d),
            source=self.ctx.src(doc, ptr),
        )


def _is_a(kind: str, value: Any) -> bool:
    """Whether *value* is a JSON value of the primitive type *kind* (True is not an integer)."""
    if isinstance(value, bool) and kind != "boolean":
        return False
    return isinstance(value, _JSON_TYPES.get(kind, (object,)))


def _is_object(schema: Any) -> bool:
    return isinstance(schema, dict) and (
        schema.get("type") == "object" or ("type" not in schema and "properties" in schema)
    ) and bool(schema.get("properties"))
