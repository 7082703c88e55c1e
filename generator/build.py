"""Stage 3: build the IR from loaded documents, checking meaning as we go.

openapi-spec-validator (generator.validate) checks the OpenAPI structure;
this stage checks what only KSYUN's conventions define: one action per
path key, pinned Action/Version, known types, named shapes, error lists.
Every problem is collected, not only the first.

This module owns a service document's own fields (``info``, ``servers``)
and puts the parts together, one service (``build_service``) and every
service (``build``: one definition per service version, common errors
merged); it also gives the public names of its parts, the modules of
``generator/builder/``, each importing only the ones before it (and never
this module):

    context     the document being built, its problems, $ref resolution
    examples    spec examples: the one carried, whether it fits its type
    types       schemas -> TypeRef and Shape (nesting limit, constraints)
    errors      x-ksyun-errors, x-ksyun-common-errors, not-found errors
    paging      x-ksyun-pagination and its response side
    operations  paths -> Operation and its parameters
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from .ir import Api, ErrorCode, Service, Source
from .load import VERSION_RE, Document, Workspace
from .problems import Problem, SpecError

if TYPE_CHECKING:
    from .builder.context import NAME_RE, Context
    from .builder.examples import example_problem
    from .builder.operations import METHODS, OTHER_METHODS, PATH_PREFIX, SAFE_VERBS, default_idempotent
    from .builder.paging import PAGING_TOKENS, check_pagination
    from .builder.types import CONSTRAINTS, KNOWN_TYPES, MAX_SHAPE_DEPTH, NESTING

# The parts load when first used (a name below, or a build), so importing
# generator.build loads this module alone.
_PARTS = {
    "NAME_RE": "context", "example_problem": "examples",
    "METHODS": "operations", "OTHER_METHODS": "operations", "PATH_PREFIX": "operations",
    "SAFE_VERBS": "operations", "default_idempotent": "operations",
    "PAGING_TOKENS": "paging", "check_pagination": "paging",
    "CONSTRAINTS": "types", "KNOWN_TYPES": "types", "MAX_SHAPE_DEPTH": "types", "NESTING": "types",
}

__all__ = [
    "CONSTRAINTS", "KNOWN_TYPES", "MAX_SHAPE_DEPTH", "METHODS", "NAME_RE", "NESTING",
    "OTHER_METHODS", "PAGING_TOKENS", "PATH_PREFIX", "SAFE_VERBS",
    "build", "build_service", "check_pagination", "default_idempotent", "example_problem",
]


def __getattr__(name: str) -> Any:
    part = _PARTS.get(name)
    if part is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from importlib import import_module

    value = getattr(import_module(f"generator.builder.{part}"), name)
    globals()[name] = value
    return value


def build_service(ws: Workspace, doc: Document, problems: list[Problem]) -> tuple[Service | None, tuple[ErrorCode, ...]]:
    """The Service of *doc* and its common errors; problems go to *problems*."""
    data = doc.data
    if not isinstance(data, dict):
        problems.append(doc.problem("", "expected an OpenAPI document (a mapping)"))
        return None, ()
    from .builder.context import Context
    from .builder.errors import error_codes, not_found_problems
    from .builder.operations import build_operations
    from .builder.paging import check_pagination
    from .builder.types import Types

    ctx = Context(ws, doc, problems)
    types = Types(ctx)
    raw_info = data.get("info")
    info: dict[str, Any] = raw_info if isinstance(raw_info, dict) else {}
    name, version = _identity(ctx, info)
    endpoint = _endpoint(ctx, data.get("servers"), name)
    raw_paths = data.get("paths")
    ops = build_operations(ctx, types, raw_paths if isinstance(raw_paths, dict) else {}, version)
    common = error_codes(ctx, doc, "/x-ksyun-common-errors", data.get("x-ksyun-common-errors"))
    for built in ops.values():
        problems.extend(not_found_problems(built, common))
    shapes = types.shapes()
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


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""


def _identity(ctx: Context, info: dict[str, Any]) -> tuple[str, str]:
    """The service's name and API version (``info.x-ksyun-service``,
    ``info.version``); when one is bad, the folder's name or the text given."""
    doc = ctx.doc
    name = info.get("x-ksyun-service")
    version = info.get("version")
    expected_name = doc.path.parent.name
    if not isinstance(name, str) or not re.fullmatch(r"[a-z][a-z0-9]*", name):
        ctx.fail(doc, "/info", "info.x-ksyun-service must name the service in lower case "
                 f"(e.g. {expected_name!r})")
        name = expected_name
    if not isinstance(version, str) or not VERSION_RE.fullmatch(version):
        ctx.fail(doc, "/info/version", f"info.version must be the API version as a quoted "
                 f"string 'YYYY-MM-DD' (or V1, V2...), got {version!r}")
        version = str(version)
    return name, version


def _endpoint(ctx: Context, servers: Any, name: str) -> str:
    """``servers[0].url``, else KSYUN's endpoint for the service *name*."""
    endpoint = f"https://{name}.api.ksyun.com"
    if isinstance(servers, list) and servers and isinstance(servers[0], dict):
        endpoint = str(servers[0].get("url", endpoint))
        if not re.fullmatch(r"https?://[^\s\"'\\`]+", endpoint):
            ctx.fail(ctx.doc, "/servers/0/url", f"servers[0].url must be an http(s) URL, got {endpoint!r}")
    return endpoint


def build(ws: Workspace, docs: list[Document]) -> Api:
    """The IR of every service document; SpecError lists every problem."""
    from .builder.errors import merge_common

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
        merge_common(common, common_errors, problems)
    if problems:
        raise SpecError(problems)
    return Api(
        services=tuple(services[k] for k in sorted(services)),
        common_errors=tuple(common[c] for c in sorted(common)),
    )
