"""Two IRs in, a sorted list of :class:`Change` out.

The comparison walks what a caller meets: each action's parameters (and the
request objects they hold) on the request side, its response object (and
every object below it) on the response side, by wire name.  A named object
reached from both specs under two names is compared member by member once
(its rename is a ``shape-removed`` plus a ``shape-added``).  Each change gets
its row of the rules table (generator.diff.rules); a change of a generated
name comes from each target's ``public_names`` hook, so a language's column
is decided by that language's own naming functions.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from ..facts import all_errors, error_codes
from ..ir import Api, Operation, Service, TypeRef
from ..naming import name_key
from ..problems import escape_pointer_token
from ..targets import TARGETS, get_target
from .rules import AUDIENCES, RULES
from .source import Snapshot

ADDITIONS = frozenset(k for k, r in RULES.items() if r.bump == "minor")


@dataclass(frozen=True)
class Change:
    """One change to one element, named by its wire name."""

    service: str
    version: str
    action: str | None
    location: str  # JSON pointer into the service version's spec file
    kind: str  # a row of rules.RULES
    detail: str
    breaking: tuple[tuple[str, bool], ...]  # (audience, breaks?) for every audience
    element: str = ""  # the public_names key ("" when the element has no code names)
    wire: str = ""  # the element's wire name
    # (target, name) in each language: "old → new" for a rename; the old name when removed
    names: tuple[tuple[str, str], ...] = ()
    deprecated_before: bool = field(default=False, compare=False)  # removed after a deprecation

    def breaks(self, audience: str) -> bool:
        return dict(self.breaking).get(audience, False)

    @property
    def is_breaking(self) -> bool:
        return any(b for _, b in self.breaking)

    def sort_key(self) -> tuple[str, str, str, str, str, str]:
        return (self.service, self.version, self.action or "", self.location, self.kind, self.detail)

    def record(self) -> dict[str, Any]:
        """The JSON record (``--format json``)."""
        return {
            "service": self.service, "version": self.version, "action": self.action,
            "location": self.location, "change": self.kind, "detail": self.detail,
            "breaking": dict(self.breaking),
        }


def audiences() -> tuple[str, ...]:
    """wire, then every language: the table's, plus any registered target."""
    return tuple(dict.fromkeys((*AUDIENCES, *sorted(TARGETS))))


def _ptr(*tokens: str | int) -> str:
    return "".join("/" + escape_pointer_token(str(t)) for t in tokens)


class _Raw:
    """JSON pointers (and ``deprecated``) into one service file's raw data."""

    def __init__(self, data: Any) -> None:
        self.data = data if isinstance(data, dict) else {}
        self.ops: dict[str, tuple[str, dict[str, Any]]] = {}
        paths = self.data.get("paths")
        for key, item in (paths.items() if isinstance(paths, dict) else ()):
            if not isinstance(item, dict):
                continue
            for method, op in item.items():
                if isinstance(op, dict) and isinstance(op.get("operationId"), str):
                    self.ops[op["operationId"]] = (_ptr("paths", key, method), op)

    def _local(self, node: Any) -> Any:
        ref = node.get("$ref") if isinstance(node, dict) else None
        if isinstance(ref, str) and ref.startswith("#/"):
            cur: Any = self.data
            for token in ref[2:].split("/"):
                token = token.replace("~1", "/").replace("~0", "~")
                cur = cur.get(token) if isinstance(cur, dict) else None
            return cur if isinstance(cur, dict) else node
        return node

    def op(self, action: str) -> str:
        return self.ops.get(action, (_ptr("paths", f"/#Action={action}"), {}))[0]

    def _param(self, action: str, name: str) -> tuple[str, dict[str, Any]]:
        pointer, op = self.ops.get(action, (self.op(action), {}))
        params = op.get("parameters")
        for i, p in enumerate(params if isinstance(params, list) else ()):
            p = self._local(p)
            if isinstance(p, dict) and p.get("name") == name:
                return f"{pointer}/parameters/{i}", p
        return f"{pointer}/parameters", {}

    def param(self, action: str, name: str) -> str:
        return self._param(action, name)[0]

    def error(self, action: str, code: str) -> str:
        pointer, op = self.ops.get(action, (self.op(action), {}))
        errors = op.get("x-ksyun-errors")
        for i, e in enumerate(errors if isinstance(errors, list) else ()):
            if isinstance(e, dict) and e.get("code") == code:
                return f"{pointer}/x-ksyun-errors/{i}"
        return f"{pointer}/x-ksyun-errors"

    def _schema(self, shape: str) -> dict[str, Any]:
        comps = self.data.get("components")
        schemas = comps.get("schemas") if isinstance(comps, dict) else None
        s = schemas.get(shape) if isinstance(schemas, dict) else None
        return s if isinstance(s, dict) else {}

    def prop(self, shape: str, name: str) -> str:
        return _ptr("components", "schemas", shape, "properties", name)

    def deprecated_op(self, action: str) -> bool:
        return self.ops.get(action, ("", {}))[1].get("deprecated") is True

    def deprecated_param(self, action: str, name: str) -> bool:
        p = self._param(action, name)[1]
        schema = self._local(p.get("schema"))
        return p.get("deprecated") is True or (isinstance(schema, dict) and schema.get("deprecated") is True)

    def deprecated_prop(self, shape: str, name: str) -> bool:
        props = self._schema(shape).get("properties")
        prop = self._local(props.get(name)) if isinstance(props, dict) else None
        return isinstance(prop, dict) and prop.get("deprecated") is True

    def deprecated_shape(self, shape: str) -> bool:
        return self._schema(shape).get("deprecated") is True


_NARROW_UP = ("minimum", "exclusiveMinimum", "minLength", "minItems")  # raising narrows
_NARROW_DOWN = ("maximum", "exclusiveMaximum", "maxLength", "maxItems")  # lowering narrows


def _value(v: Any) -> str:
    return json.dumps(v, ensure_ascii=False)


def type_text(t: TypeRef) -> str:
    if t.kind == "array":
        return f"list of {type_text(t.item or TypeRef('any'))}"
    if t.kind == "shape":
        return t.shape or "object"
    return t.kind + (f" ({t.format})" if t.format else "")


class _Comparer:
    def __init__(self, old: Snapshot, new: Snapshot) -> None:
        self.old, self.new = old, new
        self.changes: list[Change] = []
        self.targets = {name: get_target(name) for name in sorted(TARGETS)}

    # -- emitting ---------------------------------------------------------------------------
    def emit(self, kind: str, detail: str, *, action: str | None, location: str, element: str = "",
             wire: str = "", removed: bool = False, deprecated_before: bool = False) -> None:
        rule = RULES[kind]
        names_map = self.old_names if removed else self.new_names
        names = tuple((t, n[element]) for t, n in names_map.items() if element and element in n)
        self.changes.append(Change(
            self.service, self.version, action, location, kind, detail,
            tuple((a, rule.breaks(a) if a in AUDIENCES else False) for a in audiences()),
            element, wire, names, deprecated_before))

    # -- services ---------------------------------------------------------------------------
    def run(self) -> list[Change]:
        old = {(s.name, s.version): s for s in self.old.api.services}
        new = {(s.name, s.version): s for s in self.new.api.services}
        for key in sorted(old.keys() | new.keys()):
            self.service, self.version = key
            self.o_raw = _Raw(self.old.raw.get(key))
            self.n_raw = _Raw(self.new.raw.get(key))
            self.old_names: dict[str, dict[str, str]] = {}
            self.new_names: dict[str, dict[str, str]] = {}
            if key not in new:
                self.old_names = self._names(old[key], self.old.api)
                self.emit("service-removed", f"service {key[0]} {key[1]} removed", action=None,
                          location="/info", element="module", wire=f"{key[0]} {key[1]}", removed=True)
            elif key not in old:
                self.new_names = self._names(new[key], self.new.api)
                self.emit("service-added", f"service {key[0]} {key[1]} added", action=None,
                          location="/info", element="module", wire=f"{key[0]} {key[1]}")
            else:
                self.old_names = self._names(old[key], self.old.api)
                self.new_names = self._names(new[key], self.new.api)
                self.service_pair(old[key], new[key])
        return sorted(set(self.changes), key=Change.sort_key)

    def _names(self, service: Service, api: Api) -> dict[str, dict[str, str]]:
        return {name: hook(service, api) for name, t in self.targets.items()
                if (hook := getattr(t, "public_names", None)) is not None}

    def service_pair(self, o: Service, n: Service) -> None:
        self.o_svc, self.n_svc = o, n
        self.seen: set[tuple[str, str, str]] = set()
        o_ops = {op.action: op for op in o.operations}
        n_ops = {op.action: op for op in n.operations}
        for action in sorted(o_ops.keys() | n_ops.keys()):
            key = name_key("actions", action)
            if action not in n_ops:
                self.emit("action-removed", f"action {action} removed", action=action,
                          location=self.o_raw.op(action), element=key, wire=action, removed=True,
                          deprecated_before=self.o_raw.deprecated_op(action))
            elif action not in o_ops:
                self.emit("action-added", f"action {action} added", action=action,
                          location=self.n_raw.op(action), element=key, wire=action)
            else:
                self.action_pair(o_ops[action], n_ops[action])
        o_shapes = {s.name for s in o.shapes}
        n_shapes = {s.name for s in n.shapes}
        for shape in sorted(o_shapes - n_shapes):
            self.emit("shape-removed", f"object {shape} removed", action=None,
                      location=_ptr("components", "schemas", shape), element=name_key("shapes", shape),
                      wire=shape, removed=True, deprecated_before=self.o_raw.deprecated_shape(shape))
        for shape in sorted(n_shapes - o_shapes):
            self.emit("shape-added", f"object {shape} added", action=None,
                      location=_ptr("components", "schemas", shape), element=name_key("shapes", shape),
                      wire=shape)
        self.errors(o, n)
        self.renames()

    # -- actions ----------------------------------------------------------------------------
    def action_pair(self, o: Operation, n: Operation) -> None:
        a = n.action
        at = self.n_raw.op(a)
        if o.method != n.method:
            self.emit("method-changed", f"{a}: HTTP method {o.method} → {n.method}", action=a,
                      location=at, element=name_key("actions", a), wire=a)
        if o.idempotent != n.idempotent:
            what = "safe to retry" if n.idempotent else "no longer retried"
            self.emit("idempotency-changed", f"{a}: {what}", action=a, location=at + "/x-ksyun-idempotent",
                      element=name_key("actions", a), wire=a)
        self.deprecation(self.o_raw.deprecated_op(a), self.n_raw.deprecated_op(a), f"action {a}",
                         action=a, location=at, element=name_key("actions", a), wire=a)
        pager = name_key("actions", a, "paginator")
        if o.pagination is None and n.pagination is not None:
            self.emit("pagination-added", f"{a}: pages ({n.pagination.style}, items {n.pagination.items})",
                      action=a, location=at + "/x-ksyun-pagination", element=pager, wire=a)
        elif o.pagination is not None and n.pagination is None:
            self.emit("pagination-removed", f"{a}: no longer pages", action=a, location=at,
                      element=pager, wire=a, removed=True)
        elif o.pagination is not None and n.pagination is not None and o.pagination != n.pagination:
            diffs = [f"{k} {getattr(o.pagination, k) or '-'} → {getattr(n.pagination, k) or '-'}"
                     for k in ("style", "items", "input_token", "output_token", "limit", "total")
                     if getattr(o.pagination, k) != getattr(n.pagination, k)]
            self.emit("pagination-changed", f"{a}: paging {', '.join(diffs)}", action=a,
                      location=at + "/x-ksyun-pagination", element=pager, wire=a)
        o_params = {p.name: p for p in o.parameters}
        n_params = {p.name: p for p in n.parameters}
        for name in sorted(o_params.keys() | n_params.keys()):
            key = name_key("actions", a, "parameters", name)
            if name not in n_params:
                self.emit("parameter-removed", f"{a}: parameter {name} removed", action=a,
                          location=self.o_raw.param(a, name), element=key, wire=name, removed=True,
                          deprecated_before=self.o_raw.deprecated_param(a, name))
                continue
            loc = self.n_raw.param(a, name)
            p = n_params[name]
            if name not in o_params:
                kind = "parameter-added-required" if p.required else "parameter-added"
                self.emit(kind, f"{a}: {'required' if p.required else 'optional'} parameter {name} "
                          f"({type_text(p.type)}) added", action=a, location=loc, element=key, wire=name)
                continue
            q = o_params[name]
            if q.required != p.required:
                kind = "parameter-became-required" if p.required else "parameter-became-optional"
                self.emit(kind, f"{a}: parameter {name} {'required' if p.required else 'optional'}",
                          action=a, location=loc, element=key, wire=name)
            self.deprecation(self.o_raw.deprecated_param(a, name), self.n_raw.deprecated_param(a, name),
                             f"{a}: parameter {name}", action=a, location=loc, element=key, wire=name)
            self.types("request", q.type, p.type, f"{a}: parameter {name}", action=a, location=loc,
                       element=key, wire=name)
        self.shapes("response", o.response, n.response, a)
        o_err = {e.code: e for e in o.errors}
        n_err = {e.code: e for e in n.errors}
        for code in sorted(o_err.keys() - n_err.keys()):
            self.emit("error-unlisted", f"{a}: no longer documents {code}", action=a,
                      location=self.o_raw.error(a, code), element=name_key("errors", code), wire=code)
        for code in sorted(n_err.keys() - o_err.keys()):
            self.emit("error-listed", f"{a}: documents {code} (HTTP {n_err[code].http_status})", action=a,
                      location=self.n_raw.error(a, code), element=name_key("errors", code), wire=code)
        for code in sorted(o_err.keys() & n_err.keys()):
            self.error_pair(o_err[code], n_err[code], f"{a}: error {code}", a, self.n_raw.error(a, code))

    def error_pair(self, o: Any, n: Any, what: str, action: str | None, location: str) -> None:
        diffs = []
        if o.http_status != n.http_status:
            diffs.append(f"HTTP {o.http_status} → {n.http_status}")
        if o.throttling != n.throttling:
            diffs.append("throttling" if n.throttling else "no longer throttling")
        if diffs:
            self.emit("error-changed", f"{what}: {', '.join(diffs)}", action=action, location=location,
                      element=name_key("errors", o.code), wire=o.code)

    def deprecation(self, before: bool, after: bool, what: str, **where: Any) -> None:
        if before != after:
            self.emit("deprecated" if after else "undeprecated",
                      f"{what} {'deprecated' if after else 'no longer deprecated'}", **where)

    # -- types and objects ------------------------------------------------------------------
    def types(self, side: str, o: TypeRef, n: TypeRef, what: str, **where: Any) -> None:
        if o.kind == "array" and n.kind == "array":
            self.constraints(side, o, n, what, **where)
            self.types(side, o.item or TypeRef("any"), n.item or TypeRef("any"), what + " item", **where)
            return
        if o.kind == n.kind == "shape":
            if o.shape != n.shape:
                self.emit("shape-type-changed", f"{what}: object {o.shape} → {n.shape}", **where)
            self.shapes(side, o.shape or "", n.shape or "", where.get("action"))
            return
        if o.kind != n.kind:
            pair = (o.kind, n.kind)
            if pair == ("integer", "number"):
                kind = "integer-to-number"
            elif pair == ("number", "integer"):
                kind = "number-to-integer"
            elif n.kind == "string" and o.kind in ("integer", "number", "boolean"):
                kind = "to-string"
            elif n.kind == "any":
                kind = "to-any"
            else:
                kind = "changed"
            self.emit(f"{side}-type-{kind}", f"{what}: type {type_text(o)} → {type_text(n)}", **where)
            return
        if o.format != n.format:
            self.emit("format-changed", f"{what}: format {o.format or '-'} → {n.format or '-'}", **where)
        self.enums(side, o, n, what, **where)
        self.constraints(side, o, n, what, **where)

    def enums(self, side: str, o: TypeRef, n: TypeRef, what: str, **where: Any) -> None:
        if o.enum == n.enum:
            return
        if not o.enum:
            self.emit(f"{side}-enum-added", f"{what}: one of {', '.join(map(_value, n.enum))}", **where)
            return
        if not n.enum:
            self.emit(f"{side}-enum-removed", f"{what}: any value (was one of "
                      f"{', '.join(map(_value, o.enum))})", **where)
            return
        element = where.pop("element", "")
        old = {_value(v) for v in o.enum}
        new = {_value(v) for v in n.enum}
        for v in sorted(new - old):
            self.emit(f"{side}-enum-value-added", f"{what}: value {v} added", **where,
                      element=name_key(element, "enum", v) if element else "")
        for v in sorted(old - new):
            self.emit(f"{side}-enum-value-removed", f"{what}: value {v} removed", **where,
                      element=name_key(element, "enum", v) if element else "", removed=True)

    def constraints(self, side: str, o: TypeRef, n: TypeRef, what: str, **where: Any) -> None:
        if side != "request" or o.constraints == n.constraints:
            return  # responses are read leniently: their constraints check nothing
        oc, nc = dict(o.constraints), dict(n.constraints)
        for k in sorted(oc.keys() | nc.keys()):
            a, b = oc.get(k), nc.get(k)
            if a == b:
                continue
            if b is None:
                narrowed = False
            elif a is None or k == "pattern":
                narrowed = True
            elif k in _NARROW_UP:
                narrowed = b > a  # type: ignore[operator]
            else:
                narrowed = k in _NARROW_DOWN and b < a  # type: ignore[operator]
            self.emit("constraint-narrowed" if narrowed else "constraint-widened",
                      f"{what}: {k} {_value(a) if a is not None else '-'} → {_value(b) if b is not None else '-'}",
                      **where)

    def shapes(self, side: str, o_name: str, n_name: str, action: str | None) -> None:
        """Compare the members of two objects (once per pair and side)."""
        if (o_name, n_name, side) in self.seen:
            return
        self.seen.add((o_name, n_name, side))
        try:
            o, n = self.o_svc.shape(o_name), self.n_svc.shape(n_name)
        except KeyError:
            return
        of = {f.name: f for f in o.fields}
        nf = {f.name: f for f in n.fields}
        req = side == "request"
        noun = "member" if req else "field"
        for name in sorted(of.keys() | nf.keys()):
            key = name_key("shapes", n_name, "fields", name)
            what = f"{n_name}.{name}"
            if name not in nf:
                self.emit("parameter-removed" if req else "field-removed", f"{noun} {o_name}.{name} removed",
                          action=None, location=self.o_raw.prop(o_name, name),
                          element=name_key("shapes", o_name, "fields", name), wire=name, removed=True,
                          deprecated_before=self.o_raw.deprecated_prop(o_name, name))
                continue
            f = nf[name]
            loc = self.n_raw.prop(n_name, name)
            if name not in of:
                if req:
                    kind = "parameter-added-required" if f.required else "parameter-added"
                else:
                    kind = "field-added"
                self.emit(kind, f"{'required ' if req and f.required else ''}{noun} {what} "
                          f"({type_text(f.type)}) added", action=None, location=loc, element=key, wire=name)
                continue
            g = of[name]
            if g.required != f.required:
                kind = ("parameter" if req else "field") + (
                    "-became-required" if f.required else "-became-optional")
                self.emit(kind, f"{noun} {what} {'required' if f.required else 'optional'}", action=None,
                          location=loc, element=key, wire=name)
            self.deprecation(self.o_raw.deprecated_prop(o_name, name), self.n_raw.deprecated_prop(n_name, name),
                             f"{noun} {what}", action=None, location=loc, element=key, wire=name)
            self.types(side, g.type, f.type, f"{noun} {what}", action=None, location=loc, element=key, wire=name)

    # -- errors and names -------------------------------------------------------------------
    def errors(self, o: Service, n: Service) -> None:
        o_codes = set(error_codes(o, self.old.api))
        n_codes = set(error_codes(n, self.new.api))
        o_first = {e.code: e for e in all_errors(o)}
        n_first = {e.code: e for e in all_errors(n)}

        def where(raw: _Raw, svc: Service, code: str) -> str:
            for op in svc.operations:
                if any(e.code == code for e in op.errors):
                    return raw.error(op.action, code)
            return "/x-ksyun-common-errors"

        for code in sorted(o_codes - n_codes):
            self.emit("error-removed", f"error code {code} removed", action=None,
                      location=where(self.o_raw, o, code), element=name_key("errors", code), wire=code,
                      removed=True)
        for code in sorted(n_codes - o_codes):
            self.emit("error-added", f"error code {code} added", action=None,
                      location=where(self.n_raw, n, code), element=name_key("errors", code), wire=code)
        o_common = {e.code: e for e in self.old.api.common_errors}
        n_common = {e.code: e for e in self.new.api.common_errors}
        for code in sorted(o_common.keys() & n_common.keys()):
            if code not in o_first and code not in n_first:
                self.error_pair(o_common[code], n_common[code], f"common error {code}", None,
                                "/x-ksyun-common-errors")

    def renames(self) -> None:
        """One ``renamed`` change per element whose name differs in some language."""
        keys: set[str] = set()
        for t in self.targets:
            o, n = self.old_names.get(t, {}), self.new_names.get(t, {})
            keys |= {k for k in o.keys() & n.keys() if o[k] != n[k]}
        for key in sorted(keys):
            langs = {t: (self.old_names[t].get(key), self.new_names[t].get(key)) for t in self.targets}
            changed = {t: (a, b) for t, (a, b) in langs.items() if a is not None and b is not None and a != b}
            tokens = [t.replace("~1", "/").replace("~0", "~") for t in key.split("/")]
            action = tokens[1] if tokens[0] == "actions" else None
            self.changes.append(Change(
                self.service, self.version, action, self._key_pointer(tokens), "renamed",
                "; ".join(f"{t} {a} → {b}" for t, (a, b) in sorted(changed.items())),
                tuple((a, a in changed) for a in audiences()), key,
                tokens[-1] if tokens[0] != "client" and tokens[0] != "module" else self.service,
                tuple((t, f"{a} → {b}") for t, (a, b) in sorted(changed.items()))))

    def _key_pointer(self, tokens: list[str]) -> str:
        if tokens[0] == "actions" and len(tokens) >= 4 and tokens[2] == "parameters":
            return self.n_raw.param(tokens[1], tokens[3])
        if tokens[0] == "actions":
            return self.n_raw.op(tokens[1])
        if tokens[0] == "shapes" and len(tokens) >= 4:
            return self.n_raw.prop(tokens[1], tokens[3])
        if tokens[0] == "shapes":
            return _ptr("components", "schemas", tokens[1])
        if tokens[0] == "errors":
            for op in self.n_svc.operations:
                if any(e.code == tokens[1] for e in op.errors):
                    return self.n_raw.error(op.action, tokens[1])
            return "/x-ksyun-common-errors"
        return "/info"


def compare(old: Snapshot, new: Snapshot) -> list[Change]:
    """Every change from *old* to *new*, sorted by service, version, action, location."""
    return _Comparer(old, new).run()
