"""Pydantic models for the Python target, made by datamodel-code-generator.

We hand dcg a JSON Schema whose ``$defs`` keys are dotted module paths
(``describe_images.DescribeImagesRequest``, ``shapes.image.Image``): every
class is named by the spec, never numbered by dcg, and each lands in its own
moderate module.  Python attribute names come from our naming filters
(scoped ``aliases``), so dcg never invents one.  dcg's formatting is off;
black runs once over everything (generator.fmt).
"""

from __future__ import annotations

import json
from importlib.metadata import version
from pathlib import Path
from typing import Any

from ...cache import Cache, digest
from ...facts import shape_closure, shape_references
from ...ir import Api, Operation, Service, TypeRef, per_service
from ...partition import stable_buckets
from ...problems import GeneratorBug
from ...workers import jobs as worker_count
from ...workers import pool as workers_pool
from . import style as python_style
from .names import class_name, comment, field_name, module_name, request_class, version_module
from .style import from_dcg

BASE = "ksyun_sdk._runtime.models"
_DCG_VERSION = version("datamodel-code-generator")


def model_index(service: Service) -> list[tuple[str, str]]:
    """(class, module relative to ``models``) for every model, sorted by class.

    ``<Action>Request`` lives in the action's module, and so does
    ``<Action>Response`` when nothing else names it; every other shape has a
    module of its own under ``shapes``.
    """
    return _indexed(service)[0]


def model_where(service: Service) -> dict[str, str]:
    """model_index as a mapping: class → module (computed once per service)."""
    return _indexed(service)[1]


@per_service
def _indexed(service: Service) -> tuple[list[tuple[str, str]], dict[str, str]]:
    counts = shape_references(service)
    index: dict[str, str] = {}
    in_ops: dict[str, str] = {}
    for op in service.operations:
        index[request_class(op)] = module_name(op.action)
        if op.response == f"{op.action}Response" and counts.get(op.response) == 1:
            in_ops[op.response] = module_name(op.action)
    for shape in service.shapes:
        index[class_name(shape.name)] = in_ops.get(shape.name, "shapes." + module_name(shape.name))
    result = sorted(index.items())
    return result, dict(result)


def _schema(t: TypeRef, where: dict[str, str], request: bool = False) -> dict[str, Any]:
    """JSON Schema for *t*; request-side types carry the spec's constraints
    (responses are read leniently: KSYUN's answers are not ours to police)."""
    out: dict[str, Any]
    if t.kind == "array":
        out = {"type": "array", "items": _schema(t.item or TypeRef("any"), where, request)}
    elif t.kind == "shape":
        return {"$ref": "#/$defs/" + where[t.shape or ""]}
    elif t.kind == "any":
        return {}
    else:
        out = {"type": t.kind}
        if t.enum and request:
            out["enum"] = list(t.enum)
        elif t.enum:
            # a response may carry a value the spec does not list yet (KSYUN adds values
            # over time): the listed ones are named, any other is read as it came
            return {"anyOf": [{"type": t.kind, "enum": list(t.enum)}, {"type": t.kind}]}
    if request:
        out.update(dict(t.constraints))
    return out


def _prop(t: TypeRef, description: str, where: dict[str, str], request: bool = False) -> dict[str, Any]:
    """A property: its type, and its description for ``Field(description=...)``.
    Examples stay in the spec and the docs: placeholders such as ``"xx"`` are
    not facts a runtime model should carry.  A response list defaults to
    ``[]``, so ``resp.images_set[0]`` type-checks and an omitted list reads
    as empty."""
    out = _schema(t, where, request)
    if description:
        out["description"] = description
    if not request and t.kind == "array":
        out["default"] = []
    return out


def request_shapes(service: Service) -> set[str]:
    """Shapes reached from some action's parameters: built as request models
    (unknown fields forbidden, ``required`` enforced, constraints checked)."""
    roots = {s for op in service.operations for p in op.parameters for s in p.type.shapes()}
    return shape_closure(service, roots)


def response_shapes(service: Service) -> set[str]:
    return shape_closure(service, {op.response for op in service.operations})


def service_schema(
    service: Service,
    operations: list[Operation] | None = None,
    shapes: set[str] | None = None,
) -> tuple[dict[str, Any], dict[str, str], dict[str, str]]:
    """dcg input for one service: (schema, aliases, base classes); only
    *operations* and *shapes* when given (a part that dcg can make alone)."""
    where, by_shape, on_request = _service_facts(service)
    defs: dict[str, Any] = {}
    aliases: dict[str, str] = {}
    bases: dict[str, str] = {}
    for shape in service.shapes if shapes is None else [s for s in service.shapes if s.name in shapes]:
        dotted = by_shape[shape.name]
        request = shape.name in on_request
        defs[dotted] = _object(shape.description, [
            (f.name, _prop(f.type, f.description, by_shape, request))
            for f in shape.fields
        ], required=[f.name for f in shape.fields if f.required] if request else [])
        for f in shape.fields:
            aliases[f"{dotted}.{f.name}"] = field_name(f)
        bases[dotted] = f"{BASE}.RequestModel" if request else f"{BASE}.ResponseModel"
    for op in service.operations if operations is None else operations:
        dotted = where[request_class(op)]
        desc = f"Parameters of {op.action}." + (f" {op.summary}" if op.summary else "")
        defs[dotted] = _object(desc, [
            (p.name, _prop(p.type, p.description, by_shape, request=True))
            for p in op.parameters
        ], required=[p.name for p in op.parameters if p.required])
        for p in op.parameters:
            aliases[f"{dotted}.{p.name}"] = field_name(p)
        bases[dotted] = f"{BASE}.RequestModel"
    return {"$defs": defs}, aliases, bases


@per_service
def _service_facts(service: Service) -> tuple[dict[str, str], dict[str, str], set[str]]:
    """(class → dotted path, shape → dotted path, request-side shapes) of a
    service, computed once however many parts ask."""
    where = {cls: f"{mod}.{cls}" for cls, mod in model_index(service)}
    by_shape = {s.name: where[class_name(s.name)] for s in service.shapes}
    return where, by_shape, request_shapes(service)


def _object(description: str, props: list[tuple[str, dict[str, Any]]], required: list[str]) -> dict[str, Any]:
    out: dict[str, Any] = {"type": "object", "properties": dict(props)}
    if description:
        out["description"] = description
    if required:
        out["required"] = required
    return out


# dcg's options (besides input, output type and Python version); part of the
# cache key, so changing one here invalidates cached output.
DCG_OPTIONS: dict[str, Any] = {
    "disable_timestamp": True,
    "treat_dot_as_module": True,
    "use_exact_imports": True,
    "use_field_description": False,  # descriptions go into Field(description=...)
    "use_schema_description": True,
    "field_constraints": True,  # minimum → Field(ge=...), maxLength → Field(max_length=...)
    "strict_nullable": True,
    "use_default_kwarg": True,  # Field(default=None): type checkers then see the field as optional  # a field with a default (a response list: []) is not Optional
    "use_standard_collections": True,
    "use_union_operator": True,
    "enum_field_as_literal": "all",
}


def run_dcg(schema: dict[str, Any], aliases: dict[str, str], bases: dict[str, str],
            header: str) -> dict[tuple[str, ...], str]:
    from datamodel_code_generator import InputFileType, PythonVersion, generate
    from datamodel_code_generator.enums import DataModelType

    if not schema["$defs"]:
        return {}
    base_class_map: dict[str, str | list[str]] = dict(bases)
    try:
        out = generate(
            json.dumps(schema, ensure_ascii=False, sort_keys=False),
            input_file_type=InputFileType.JsonSchema,
            output_model_type=DataModelType.PydanticV2BaseModel,
            target_python_version=PythonVersion.PY_311,
            **DCG_OPTIONS,
            aliases=aliases,
            base_class_map=base_class_map,
            custom_file_header=header,
            formatters=[],
        )
    except Exception as exc:  # dcg rejecting our input is our bug: say which part
        first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise GeneratorBug(f"datamodel-code-generator failed ({header}): {first}") from None
    if isinstance(out, str):  # a single module: cannot happen with dotted names
        raise GeneratorBug("datamodel-code-generator returned one module; expected a package")
    return {tuple(k): v for k, v in (out or {}).items()}


DcgInput = tuple[dict[str, Any], dict[str, str], dict[str, str], str]


def _dcg_job(job: DcgInput) -> dict[tuple[str, ...], str]:
    """One part's modules, already in black's layout (what the cache keeps)."""
    return {path: from_dcg(text) for path, text in run_dcg(*job).items()}


# The cache holds from_dcg's output too: a change to that code is a new key.
_STYLE = digest(Path(python_style.__file__).read_text(encoding="utf-8"))


def cached_dcg(jobs: list[DcgInput]) -> list[dict[tuple[str, ...], str]]:
    """dcg output for each job: from the content-hash cache when the exact
    input was seen before, else computed (in parallel across services)."""
    cache = Cache(f"dcg-{_DCG_VERSION}")
    keys = [
        digest(_STYLE, json.dumps([DCG_OPTIONS, "pydantic_v2", "3.11", job], sort_keys=True, ensure_ascii=False))
        for job in jobs
    ]
    results: list[dict[tuple[str, ...], str] | None] = [_cached(cache, key) for key in keys]
    todo = [i for i, r in enumerate(results) if r is None]
    workers = min(len(todo), worker_count())
    if workers > 1:
        with workers_pool(workers) as pool:
            computed = list(pool.map(_dcg_job, [jobs[i] for i in todo]))
    else:
        computed = [_dcg_job(jobs[i]) for i in todo]
    for i, out in zip(todo, computed, strict=True):
        results[i] = out
        cache.put(keys[i], json.dumps({"/".join(k): v for k, v in sorted(out.items())}))
    return [r or {} for r in results]


def _cached(cache: Cache, key: str) -> dict[tuple[str, ...], str] | None:
    text = cache.get(key)
    if text is None:
        return None
    try:
        stored = json.loads(text)
    except ValueError:
        return None  # a damaged entry is a miss
    if not isinstance(stored, dict) or not all(isinstance(v, str) for v in stored.values()):
        return None
    return {tuple(str(k).split("/")): v for k, v in stored.items()}


BUCKET_SIZE = 16  # actions per dcg call in a large service (one call: ~1.2 s; what adding an action re-runs)


def service_parts(service: Service) -> list[tuple[list[Operation], set[str], set[str]]]:
    """The service cut into parts dcg can make alone: (actions, shapes it needs,
    modules it owns).  Small services are one part.  Large ones are bucketed by a
    hash of the action name, so adding an action changes one part and the
    others come from the cache; a shape's module is owned by the first part that
    reaches it (each part makes it identically: every name is explicit).
    Buckets: generator.partition."""
    module_of = model_where(service)
    if len(service.operations) <= BUCKET_SIZE:
        every = {s.name for s in service.shapes}
        return [(list(service.operations), every, set(module_of.values()))]
    buckets = [ops for _i, ops in stable_buckets(service.operations, lambda op: op.action, BUCKET_SIZE)]
    parts: list[tuple[list[Operation], set[str], set[str]]] = []
    owned: set[str] = set()
    for ops in buckets:
        roots = {op.response for op in ops} | {s for op in ops for p in op.parameters for s in p.type.shapes()}
        need = shape_closure(service, roots)
        mods = {module_of[request_class(op)] for op in ops}
        mods |= {module_of[class_name(name)] for name in need} - owned
        owned |= mods
        parts.append((ops, need, mods))
    # The IR holds only shapes some action reaches, so every module has an owner.
    return [p for p in parts if p[0]]


def _header(service: Service) -> str:
    return comment(f"# Generated by ksyun-codegen from {service.spec_path}: "
                   f"{service.name} {service.version}. Do not edit.")


def model_files(api: Api) -> dict[str, str]:
    files: dict[str, str] = {}
    jobs: list[DcgInput] = []
    plan: list[tuple[Service, set[str]]] = []
    for service in api.services:
        header = _header(service)
        for ops, shapes, modules in service_parts(service):
            jobs.append((*service_schema(service, ops, shapes), header))
            plan.append((service, {m.replace(".", "/") + ".py" for m in modules}))
    for (service, modules), output in zip(plan, cached_dcg(jobs), strict=True):
        base = f"ksyun_sdk/{module_name(service.name)}/{version_module(service.version)}/models"
        for parts, text in sorted(output.items()):
            if parts[-1] == "__init__.py" or "/".join(parts) not in modules:
                continue  # package files are ours; other parts own the rest
            files["/".join((base, *parts))] = text
    for service in api.services:
        base = f"ksyun_sdk/{module_name(service.name)}/{version_module(service.version)}/models"
        header = _header(service)
        if any(mod.startswith("shapes.") for _cls, mod in model_index(service)):
            files[f"{base}/shapes/__init__.py"] = (
                f"{header}\n\"\"\"Object shapes shared by the {service.name} {service.version} "
                "models; import them from the models package.\"\"\"\n"
            )
    return files


def _group(pairs: set[tuple[str, str]]) -> list[tuple[str, list[str]]]:
    modules: dict[str, list[str]] = {}
    for mod, cls in sorted(pairs):
        modules.setdefault(mod, []).append(cls)
    return sorted(modules.items())


def op_imports(service: Service, op: Operation) -> list[tuple[str, list[str]]]:
    """Modules (relative to ``models``) and classes a method loads when called."""
    where = model_where(service)
    wanted = {request_class(op), class_name(op.response)}
    return _group({(where[c], c) for c in wanted})


def client_imports(service: Service, operations: list[Operation] | None = None) -> list[tuple[str, list[str]]]:
    """Every model the signatures of *operations* (default: all) name, for
    ``TYPE_CHECKING`` imports."""
    where = model_where(service)
    wanted: set[str] = set()
    for op in service.operations if operations is None else operations:
        wanted.add(class_name(op.response))
        if op.pagination is not None:
            for f in service.shape(op.response).fields:
                if f.name == op.pagination.items:
                    wanted.update(class_name(s) for s in f.type.shapes())
        for p in op.parameters:
            wanted.update(class_name(s) for s in p.type.shapes())
    return _group({(where[c], c) for c in wanted})
