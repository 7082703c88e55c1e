"""Stage 2: structural validation with openapi-spec-validator, and the
``x-ksyun-*`` extension vocabulary (generator.extensions).

Each problem becomes one ``FILE:LINE: message`` line at the node at fault, in
a spec author's words (an unknown key says which known key it is close to);
the semantic checks that OpenAPI cannot express live in generator.build
(while the IR is built) and in each target's naming checks.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import deque
from importlib.metadata import version as _dist_version
from pathlib import Path
from typing import Any

from openapi_spec_validator import OpenAPIV31SpecValidator
from openapi_spec_validator.validation.exceptions import ExtraParametersError, OpenAPIValidationError
from openapi_spec_validator.validation.keywords import OpenAPIV31SchemaValidator

from . import extensions
from .cache import Cache, digest
from .load import Document
from .problems import Problem, SpecError, join_pointer, unescape_pointer_token
from .workers import jobs as worker_count
from .workers import pool as workers_pool

_MAX = 160
_PARALLEL_MIN = 32  # below this many chunks to validate, a process pool costs more than it saves
_VALIDATOR_VERSION = _dist_version("openapi-spec-validator") + "+jsonschema-rs-" + _dist_version("jsonschema-rs")
PASSED = "ok\n"  # the cache entry of a chunk that validated without a problem


def _one_line(text: str) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= _MAX else text[: _MAX - 1] + "…"


def _pointer(path: Any) -> str:
    return join_pointer("", *[str(p) for p in path])


def openapi_problems(doc: Document) -> list[Problem]:
    """What openapi-spec-validator finds wrong with *doc* (an OpenAPI 3.1 document)."""
    data = doc.data
    if not isinstance(data, dict):
        return [doc.problem("", "expected an OpenAPI document (a mapping)")]
    version = data.get("openapi")
    if not isinstance(version, str) or not version.startswith("3.1"):
        return [doc.problem("/openapi" if "openapi" in data else "",
                            f"expected 'openapi: 3.1.0', got {version!r}")]
    base_uri = doc.path.resolve().as_uri()
    files_hash = _referenced_files_hash(doc)
    cache = Cache(f"validated-{_VALIDATOR_VERSION}")
    keyed = [(chunk, digest(_VALIDATOR_VERSION, _CLEAN, files_hash,
                            json.dumps(chunk, sort_keys=True, ensure_ascii=False, default=str)))
             for chunk in chunks(data)]
    # A chunk found clean before (no problem of the validator's nor of our own
    # walks in it) is neither validated nor walked again: its local $refs all
    # resolve inside it, and what it refers to in other files is in its key.
    todo = [(chunk, key) for chunk, key in keyed if cache.get(key) != PASSED]
    view = data if len(todo) == len(keyed) or len(keyed) == 1 else _view(data, [c for c, _k in todo])
    own = extension_problems(doc, view) + key_problems(doc, view)
    dangling = ref_problems(doc, view)
    if dangling:
        # The validator stops at the first unresolvable $ref with a message
        # that names neither line nor reason; ours say both (and a misspelt
        # `components` or `schemas`, which the validator would have named, is
        # the likely reason).
        own += misspelt_containers(doc)
        return sorted(set(dangling + own), key=lambda p: (p.line or 0, p.pointer, p.message))
    jobs = [(chunk, base_uri) for chunk, _key in todo]
    problems: list[Problem] = list(own)
    if len(jobs) >= _PARALLEL_MIN and worker_count() > 1:
        with workers_pool(worker_count()) as pool:
            results = list(pool.map(_validate_chunk, jobs, chunksize=8))
    else:
        results = [_validate_chunk(job) for job in jobs]
    dirty = [p.pointer for p in own]
    for (chunk, key), found in zip(todo, results, strict=True):
        for pointer, message in found:
            problems.append(_locate(doc, pointer, message, chunk))
        if not found and not any(_in_chunk(pointer, chunk) for pointer in dirty):
            cache.put(key, PASSED)  # only clean chunks are remembered
    return sorted(set(problems), key=lambda p: (p.line or 0, p.pointer, p.message))


_CLEAN = "clean-1"  # (entries say: the validator and our own walks found nothing)


def _view(data: dict[str, Any], todo: list[dict[str, Any]]) -> dict[str, Any]:
    """*data* with only the path items and schemas of the chunks *todo* (the rest as is)."""
    paths: dict[str, Any] = {}
    schemas: dict[str, Any] = {}
    for chunk in todo:
        paths.update(chunk["paths"])
        schemas.update(chunk["components"]["schemas"])
    return {**data, "paths": paths, "components": {**data["components"], "schemas": schemas}}


def _in_chunk(pointer: str, chunk: dict[str, Any]) -> bool:
    """Whether a problem at *pointer* lies in *chunk* (or in what every chunk holds)."""
    tokens = pointer.split("/", 4)
    paths = chunk.get("paths")
    components = chunk.get("components")
    schemas = components.get("schemas") if isinstance(components, dict) else None
    if len(tokens) > 2 and tokens[1] == "paths" and isinstance(paths, dict):
        return unescape_pointer_token(tokens[2]) in paths
    if len(tokens) > 3 and tokens[1:3] == ["components", "schemas"] and isinstance(schemas, dict):
        return unescape_pointer_token(tokens[3]) in schemas
    return True


def chunks(data: dict[str, Any]) -> list[dict[str, Any]]:
    """*data* cut into documents that validate independently: one per path item,
    each with the schemas it reaches, plus one with the remaining schemas.

    Every chunk keeps the document's top-level keys and JSON pointers, so a
    problem's location is the same as in the whole document; each chunk is
    validated (and cached) on its own, so editing one action re-validates one
    chunk, and chunks validate in parallel.
    """
    paths = data.get("paths")
    components = data.get("components")
    if not isinstance(paths, dict) or not paths or not isinstance(components, dict):
        return [data]
    schemas = components.get("schemas")
    if not isinstance(schemas, dict):
        return [data]
    top = {k: v for k, v in data.items() if k not in ("paths", "components")}
    other = {k: v for k, v in components.items() if k != "schemas"}
    out: list[dict[str, Any]] = []
    used: set[str] = set()
    for key, item in paths.items():
        reach = _reachable(item, schemas, other)
        used |= reach
        out.append({**top, "paths": {key: item},
                    "components": {**other, "schemas": {n: schemas[n] for n in sorted(reach)}}})
    rest = sorted(set(schemas) - used)
    out.append({**top, "paths": {}, "components": {
        **other, "schemas": {n: schemas[n] for n in rest}}})
    return out


def _reachable(node: Any, schemas: dict[str, Any], other: dict[str, Any]) -> set[str]:
    """Names of local ``#/components/schemas/...`` reached from *node*, transitively
    (also through the document's other components)."""
    found: set[str] = set()
    stack = [node, other]
    prefix = "#/components/schemas/"
    while stack:
        cur = stack.pop()
        if isinstance(cur, dict):
            ref = cur.get("$ref")
            if isinstance(ref, str) and ref.startswith(prefix):
                name = unescape_pointer_token(ref[len(prefix):].split("/", 1)[0])
                if name in schemas and name not in found:
                    found.add(name)
                    stack.append(schemas[name])
            stack.extend(cur.values())
        elif isinstance(cur, list):
            stack.extend(cur)
    return found


def _validate_chunk(job: tuple[dict[str, Any], str]) -> list[tuple[str | None, str]]:
    """(pointer, message) for each problem openapi-spec-validator finds in one chunk."""
    chunk, base_uri = job
    found: list[tuple[str | None, str]] = []
    try:
        validator = _SpecValidator(chunk, base_uri=base_uri)
        for error in validator.iter_errors():
            path = list(getattr(error, "absolute_path", None) or getattr(error, "path", []) or [])
            message = str(getattr(error, "message", None) or error)
            found.extend(in_words(_pointer(path), message, _known_keys(error)))
    except Exception as exc:  # the validator's own failure (e.g. an unresolvable $ref)
        if not found:  # (after a problem it reported, a failure is that problem's knock-on)
            found.append((None, f"OpenAPI: {_one_line(str(exc) or type(exc).__name__)}"))
    return found


# ---------------------------------------------------------------- the Schema Objects
#
# openapi-spec-validator checks every Schema Object against the OpenAPI 3.1
# dialect's meta-schema with the pure-Python jsonschema; on a large service
# that is four fifths of validation (a 1,000-action service: 30 of 36 s of
# CPU).  The same meta-schema compiled by jsonschema-rs answers "valid" in a
# fraction of the time.  Only that answer is trusted: a schema the compiled
# validator doubts goes to the original check, so every problem is still
# found and worded by openapi-spec-validator.  Formats are where the two may
# differ (jsonschema-rs does not assert them here); the only format the
# original check asserts on a schema is ``regex`` (of ``pattern`` and of
# ``patternProperties`` keys), so those are compiled with Python's ``re``
# before a schema is passed.  tests/test_validate_fast.py checks both
# validators agree on good and bad schemas.


def _compiled_meta_schema() -> Any:
    """The OpenAPI 3.1 base dialect's meta-schema, compiled (once per process)."""
    global _COMPILED
    if _COMPILED is None:
        import jsonschema_rs
        from openapi_schema_validator import OAS31Validator
        from openapi_schema_validator._specifications import REGISTRY

        resources = [(uri, REGISTRY.get_or_retrieve(uri).value.contents)
                     for uri in (OAS31_META_ID, OAS31_BASE_DIALECT_ID)]
        _COMPILED = jsonschema_rs.Draft202012Validator(
            OAS31Validator.META_SCHEMA, registry=jsonschema_rs.Registry(resources), validate_formats=False)
    return _COMPILED


_COMPILED: Any = None
OAS31_META_ID = "https://spec.openapis.org/oas/3.1/meta/base"
OAS31_BASE_DIALECT_ID = "https://spec.openapis.org/oas/3.1/dialect/base"


def schema_surely_valid(schema: Any) -> bool:
    """True when *schema* certainly passes the dialect's meta-schema (False: ask the original check)."""
    try:
        if not _compiled_meta_schema().is_valid(schema):
            return False
    except Exception:  # anything the compiled validator cannot take: the original decides
        return False
    return _regexes_compile(schema)


def _regexes_compile(schema: Any) -> bool:
    stack = [schema]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            for key, value in node.items():
                if key == "pattern" and isinstance(value, str) and not _compiles(value):
                    return False
                if key == "patternProperties" and isinstance(value, dict):
                    if not all(_compiles(k) for k in value if isinstance(k, str)):
                        return False
                stack.append(value)
        elif isinstance(node, list):
            stack.extend(node)
    return True


def _compiles(pattern: str) -> bool:
    try:
        re.compile(pattern)
    except (re.error, RecursionError, OverflowError):
        return False
    return True


class _PlacingSchemaValidator(OpenAPIV31SchemaValidator):
    """openapi-spec-validator's Schema Object check, each problem's path
    starting at the document's root.

    The original reports a problem in a schema at its path inside that
    schema (``/type``), which no line can be found for; here the path is the
    schema's own, through any ``$ref`` on the way (generator.validate._locate
    follows them)."""

    def __call__(self, schema: Any, require_properties: bool = True,
                 meta_checked: bool = False) -> Any:
        base = [str(part) for part in getattr(schema, "parts", ())]
        for error in super().__call__(schema, require_properties, meta_checked):
            if not getattr(error, "_ksyun_placed", False):  # (nested schemas place their own)
                where = list(base)
                if isinstance(error, ExtraParametersError):
                    where.append("required")
                elif not isinstance(error, OpenAPIValidationError):
                    where.append("default")  # the default value does not fit the schema
                error.path = error.relative_path = deque([*where, *error.relative_path])
                error._ksyun_placed = True
            yield error


class _FastSchemaValidator(_PlacingSchemaValidator):
    """The Schema Object check asking the compiled meta-schema first (for
    schemas of the document's default dialect)."""

    def _get_schema_checker(self, schema: Any, schema_value: Any) -> Any:
        original = super()._get_schema_checker(schema, schema_value)
        if self._get_schema_dialect_id(schema, schema_value) != OAS31_BASE_DIALECT_ID:
            return original

        def check(value: Any) -> None:
            if not schema_surely_valid(value):
                original(value)

        return check


class _SpecValidator(OpenAPIV31SpecValidator):
    keyword_validators = {**OpenAPIV31SpecValidator.keyword_validators, "schema": _FastSchemaValidator}


class PlainSpecValidator(OpenAPIV31SpecValidator):
    """The same check without the compiled meta-schema (what the fast one must agree with)."""

    keyword_validators = {**OpenAPIV31SpecValidator.keyword_validators, "schema": _PlacingSchemaValidator}


_UNEXPECTED = re.compile(r"(?:Unevaluated|Additional) properties are not allowed \((.*) (?:was|were) "
                         r"unexpected\)")
_REQUIRED = re.compile(r"^'(.*)' is a required property$")


def in_words(pointer: str, message: str, known: list[str]) -> list[tuple[str, str]]:
    """One jsonschema message as (pointer, words a spec author understands).

    Only the message's first paragraph counts (the rest is a dump of the
    schema and the instance).  An unexpected key is reported at that key,
    with the closest known key; messages we have no words for keep the
    validator's, marked ``OpenAPI:``.
    """
    first = message.split("\n\n", 1)[0].strip()
    m = _UNEXPECTED.fullmatch(first)
    if m:
        keys = re.findall(r"'((?:[^'\\]|\\.)*)'", m.group(1))
        out = []
        for key in keys:
            hint = extensions.did_you_mean(key, known) if known else ""
            if not hint and known:
                hint = f" (expected one of: {', '.join(known)})"
            where = "at the top level" if not pointer else "here"
            out.append((join_pointer(pointer, key), f"unknown key {key!r} {where}{hint}"))
        return out
    m = _REQUIRED.match(first)
    if m:
        return [(pointer, f"missing required key {m.group(1)!r}")]
    return [(pointer, f"OpenAPI: {_one_line(first)}")]


def extension_problems(doc: Document, data: Any = None) -> list[Problem]:
    """Every ``x-ksyun-*`` key that the vocabulary does not allow where it stands
    (in *data*: the document or a view of it keeping its places)."""
    problems: list[Problem] = []
    stack: list[tuple[str, Any]] = [("", doc.data if data is None else data)]
    while stack:
        pointer, node = stack.pop()
        if isinstance(node, dict):
            for key, value in node.items():
                key = str(key)
                if key.lower().startswith(extensions.PREFIX):
                    for at, message in extensions.check(key, value, pointer):
                        problems.append(doc.problem(at, message))
                if key not in _OPAQUE and (pointer or key in _ROOT_KEYS or key.startswith("x-")):
                    # (below a misspelled top-level key, which is reported, nothing has a place)
                    stack.append((join_pointer(pointer, key), value))
        elif isinstance(node, list):
            stack.extend((join_pointer(pointer, i), v) for i, v in enumerate(node))
    return problems


# ---------------------------------------------------------------- misspelt keys
#
# JSON Schema ignores keywords it does not know, so `tpye: integer` passes as
# a schema without a type, and `requried: [...]` requires nothing.  A key of a
# Schema Object that is no keyword but close to one is named, with the
# keyword; the errors it causes (a schema without a type, an operation
# without its parameters) are not reported beside it (without_knock_ons).

SCHEMA_KEYWORDS = frozenset({
    # JSON Schema 2020-12: core, applicator, unevaluated, validation, meta-data, format, content
    "$schema", "$id", "$ref", "$anchor", "$dynamicRef", "$dynamicAnchor", "$vocabulary",
    "$comment", "$defs", "prefixItems", "items", "contains", "additionalProperties", "properties",
    "patternProperties", "dependentSchemas", "propertyNames", "if", "then", "else", "allOf",
    "anyOf", "oneOf", "not", "unevaluatedItems", "unevaluatedProperties", "type", "const", "enum",
    "multipleOf", "maximum", "exclusiveMaximum", "minimum", "exclusiveMinimum", "maxLength",
    "minLength", "pattern", "maxItems", "minItems", "uniqueItems", "maxContains", "minContains",
    "maxProperties", "minProperties", "required", "dependentRequired", "title", "description",
    "default", "deprecated", "readOnly", "writeOnly", "examples", "format", "contentEncoding",
    "contentMediaType", "contentSchema",
    # OpenAPI 3.1's own
    "discriminator", "xml", "externalDocs", "example",
})
_ONE_SCHEMA = frozenset({"items", "contains", "additionalProperties", "propertyNames", "if", "then",
                         "else", "not", "unevaluatedItems", "unevaluatedProperties", "contentSchema"})
_SCHEMA_LISTS = frozenset({"allOf", "anyOf", "oneOf", "prefixItems"})
_SCHEMA_MAPS = frozenset({"properties", "patternProperties", "$defs", "dependentSchemas"})
_COMPONENT_KEYS = frozenset({"schemas", "responses", "parameters", "examples", "requestBodies",
                             "headers", "securitySchemes", "links", "callbacks", "pathItems"})
_MISSPELT = re.compile(r"unknown key '((?:[^'\\]|\\.)*)' (?:here|at the top level) "
                       r"\(did you mean (.+)\?\)")


def key_problems(doc: Document, data: Any = None) -> list[Problem]:
    """Every key of a Schema Object that is no keyword but close to one (in
    *data*: the document or a view of it keeping its places)."""
    problems: list[Problem] = []
    schemas: list[tuple[str, Any]] = []
    stack: list[tuple[str, Any]] = [("", doc.data if data is None else data)]
    while stack:  # the schemas' places: components/schemas and every `schema:`
        pointer, node = stack.pop()
        if isinstance(node, dict):
            for key, value in node.items():
                key = str(key)
                child = join_pointer(pointer, key)
                if key in _OPAQUE or key.startswith("x-"):
                    continue
                if pointer == "/components/schemas" or key == "schema":
                    schemas.append((child, value))
                else:
                    stack.append((child, value))
        elif isinstance(node, list):
            stack.extend((join_pointer(pointer, i), v) for i, v in enumerate(node))
    while schemas:
        pointer, schema = schemas.pop()
        if not isinstance(schema, dict):
            continue
        for key, value in schema.items():
            key = str(key)
            child = join_pointer(pointer, key)
            if key in _ONE_SCHEMA:
                schemas.append((child, value))
            elif key in _SCHEMA_LISTS and isinstance(value, list):
                schemas.extend((join_pointer(child, i), v) for i, v in enumerate(value))
            elif key in _SCHEMA_MAPS and isinstance(value, dict):
                schemas.extend((join_pointer(child, str(k)), v) for k, v in value.items())
            elif key not in SCHEMA_KEYWORDS and not key.startswith("x-"):
                hint = extensions.did_you_mean(key, SCHEMA_KEYWORDS)
                if hint:
                    problems.append(doc.problem(child, f"unknown key {key!r} here{hint}"))
    return problems


def misspelt_containers(doc: Document) -> list[Problem]:
    """A misspelt top-level key or key of ``components`` (the validator's words)."""
    data = doc.data
    if not isinstance(data, dict):
        return []
    found = [(join_pointer("", k), f"unknown key {k!r} at the top level{extensions.did_you_mean(k, _ROOT_KEYS)}")
             for k in data if k not in _ROOT_KEYS and not k.startswith("x-")
             and extensions.did_you_mean(k, _ROOT_KEYS)]
    components = data.get("components")
    if isinstance(components, dict):
        found += [(join_pointer("/components", k),
                   f"unknown key {k!r} here{extensions.did_you_mean(k, _COMPONENT_KEYS)}")
                  for k in components if k not in _COMPONENT_KEYS and not k.startswith("x-")
                  and extensions.did_you_mean(k, _COMPONENT_KEYS)]
    return [doc.problem(at, message) for at, message in found]


def without_knock_ons(problems: list[Problem]) -> list[Problem]:
    """*problems* without those a misspelt key causes: a problem of the
    mapping that holds the key (``schema has no 'type'`` beside ``tpye``,
    ``lacks the Action parameter`` beside ``paramters``), of the key it was
    meant to be, and a local ``$ref`` into it (``componets``)."""
    misspelt: list[tuple[str, str, str]] = []  # (file, the mapping, the key meant)
    for p in problems:
        m = _MISSPELT.fullmatch(p.message)
        if m is not None and p.pointer:
            parent = p.pointer.rsplit("/", 1)[0]
            misspelt.append((p.file, parent, join_pointer(parent, m.group(2))))
    if not misspelt:
        return problems

    def knock_on(p: Problem) -> bool:
        if _MISSPELT.fullmatch(p.message):
            return False
        for file, parent, meant in misspelt:
            if p.file != file:
                continue
            if (parent and p.pointer == parent) or p.pointer == meant or p.pointer.startswith(meant + "/"):
                return True
            if p.message.startswith((f"dangling $ref '#{meant}/", f"dangling $ref '#{meant}'")):
                return True
        return False

    return [p for p in problems if not knock_on(p)]


# Keys whose values are data, not spec: an example may hold any key at all.
_OPAQUE = frozenset({"example", "examples", "default", "enum", "const"})
_ROOT_KEYS = frozenset({"openapi", "info", "jsonSchemaDialect", "servers", "paths", "webhooks",
                        "components", "security", "tags", "externalDocs"})


def combine(checked: list[Problem], built: list[Problem]) -> list[Problem]:
    """The validator's problems and the IR builder's, each problem once.

    Where both report a line, one message is enough: the validator's own
    words win over the builder's, the builder's over a raw ``OpenAPI:``
    message.
    """
    by_line: dict[tuple[str, int | None], list[Problem]] = {}
    for p in checked:
        by_line.setdefault((p.file, p.line), []).append(p)
    out = list(checked)
    for p in built:
        same = by_line.get((p.file, p.line)) if p.line is not None else None
        if not same:
            out.append(p)
            continue
        raw = [q for q in same if q.message.startswith("OpenAPI:")]
        if len(raw) == len(same):  # only raw validator text here: ours says it better
            for q in raw:
                out.remove(q)
            out.append(p)
            by_line[(p.file, p.line)] = [p]
    return sorted(set(out), key=lambda p: (p.file, p.line or 0, p.pointer, p.message))


def _known_keys(error: Any) -> list[str]:
    """The keys the failing (sub)schema knows: its ``properties``."""
    schema = getattr(error, "schema", None)
    node: Any = schema
    try:
        for token in list(getattr(error, "absolute_schema_path", []))[:-1]:
            node = node[token]
    except (KeyError, IndexError, TypeError):
        node = None
    for candidate in (node, schema):
        if isinstance(candidate, dict) and isinstance(candidate.get("properties"), dict):
            return sorted(candidate["properties"])
    return []


def _referenced_files_hash(doc: Document) -> str:
    """SHA-256 of every other file *doc* refers to, transitively (by name and text)."""
    from .load import Workspace

    root = Workspace(doc.path).root  # nothing outside the spec folder is opened here
    h = hashlib.sha256()
    seen: set[Path] = set()
    todo = [doc.path.resolve()]
    while todo:
        path = todo.pop()
        if path in seen:
            continue
        seen.add(path)
        if path != doc.path.resolve() and (not path.is_relative_to(root) or not path.is_file()):
            h.update(path.name.encode() + b"\0(not read)\0")  # (ref_problems says why)
            continue
        data = doc.data if path == doc.path.resolve() else _read(path)
        if path != doc.path.resolve():  # the document itself is hashed chunk by chunk
            h.update(path.name.encode() + b"\0")
            h.update(json.dumps(data, sort_keys=True, ensure_ascii=False, default=str).encode())
        for ref in _file_refs(data):
            todo.append((path.parent / ref).resolve())
    return h.hexdigest()


def _read(path: Path) -> Any:
    try:
        return path.read_text(encoding="utf-8")
    except OSError:
        return None


def _file_refs(data: Any) -> set[str]:
    """File parts of the ``$ref`` values in *data* (text is scanned when not parsed)."""
    found: set[str] = set()
    if isinstance(data, str):
        for match in re.finditer(r"\$ref['\"]?\s*:\s*['\"]?([^'\"#\s]+)#", data):
            found.add(match.group(1))
        return found
    stack = [data]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            ref = node.get("$ref")
            if isinstance(ref, str) and not ref.startswith("#"):
                found.add(ref.split("#", 1)[0])
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)
    return found


def _locate(doc: Document, pointer: str | None, message: str, chunk: dict[str, Any]) -> Problem:
    """The validator reports paths relative to the schema it was checking, not
    to the document: use the one document node that ends with that path, and
    no line at all when there is none or several (a wrong line misleads).  A
    problem without a path in a chunk of one action is that action's (a
    duplicate parameter: the second one)."""
    if pointer is None:
        return doc.problem("", message)
    if not pointer:
        pointer = _chunk_node(chunk, message)
    if pointer in doc.lines:
        return doc.problem(pointer, message)
    real = _through_refs(doc, pointer) if pointer else None
    if real is not None:
        return doc.problem(real, message)
    if pointer:
        matches = [p for p in doc.lines if p.endswith(pointer)]
        if len(matches) == 1:
            return doc.problem(matches[0], message)
    return Problem(doc.display, None, pointer, message)


def _through_refs(doc: Document, pointer: str) -> str | None:
    """The document's own pointer for *pointer*, a path the validator took
    through local ``$ref`` values (``.../schema/properties/Set/items/type``
    when ``items`` is a ``$ref`` to ``#/components/schemas/Item``); None
    when the path leaves the document or leads nowhere."""
    node: Any = doc.data
    out = ""
    for raw in pointer.split("/")[1:]:
        token = unescape_pointer_token(raw)
        hops = 0
        while isinstance(node, dict) and token not in node and isinstance(node.get("$ref"), str):
            ref = node["$ref"]
            hops += 1
            if not ref.startswith("#") or hops > 32:
                return None
            try:
                node = doc.get(ref[1:])
            except KeyError:
                return None
            out = ref[1:]
        if isinstance(node, dict) and token in node:
            node = node[token]
        elif isinstance(node, list) and token.isdigit() and int(token) < len(node):
            node = node[int(token)]
        else:
            return None
        out = join_pointer(out, token)
    return out if out in doc.lines else None


def _chunk_node(chunk: dict[str, Any], message: str) -> str:
    """Where a problem without a path lies in *chunk*: a duplicate parameter's
    second occurrence, else the document."""
    paths = chunk.get("paths")
    dup = re.search(r"Duplicate parameter '(.*)'", message)
    if dup is None or not isinstance(paths, dict) or len(paths) != 1:
        return ""
    key, item = next(iter(paths.items()))
    base = join_pointer("/paths", key)
    if isinstance(item, dict):
        for method, op in item.items():
            params = op.get("parameters") if isinstance(op, dict) else None
            if not isinstance(params, list):
                continue
            seen: set[Any] = set()
            for i, p in enumerate(params):
                name = (p.get("name"), p.get("in")) if isinstance(p, dict) else None
                if name is not None and name[0] == dup.group(1) and name in seen:
                    return join_pointer(base, method, "parameters", i)
                seen.add(name)
    return ""


def ref_problems(doc: Document, data: Any = None) -> list[Problem]:
    """Every ``$ref`` in *doc* (or in *data*, a view of it keeping its places)
    that points at nothing (a missing file or node)."""
    from .load import Workspace

    ws = Workspace(doc.path)  # a service file: its spec folder is the root
    ws.docs[doc.path.resolve()] = doc
    problems: list[Problem] = []

    def walk(node: Any, pointer: str) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                child = join_pointer(pointer, key)
                if key == "$ref":
                    try:
                        ws.resolve(doc, child, value)
                    except SpecError as exc:
                        problems.extend(exc.problems)
                else:
                    walk(value, child)
        elif isinstance(node, list):
            for index, value in enumerate(node):
                walk(value, join_pointer(pointer, index))

    walk(doc.data if data is None else data, "")
    return problems
