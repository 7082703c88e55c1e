"""Stage 3: the language-neutral intermediate representation.

Plain frozen dataclasses.  Names here are KSYUN's wire names (``ImageId``,
``DescribeImages``); every target maps them to its own conventions.  ``source``
fields say where a node came from and take no part in equality, so two IRs
built from differently laid-out YAML compare equal when they mean the same.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, Callable, TypeVar

PRIMITIVES = ("string", "integer", "number", "boolean")


@dataclass(frozen=True)
class Source:
    file: str
    line: int | None

    def __str__(self) -> str:
        return f"{self.file}:{self.line}" if self.line is not None else self.file


NOWHERE = Source("<unknown>", None)


@dataclass(frozen=True)
class TypeRef:
    """A type: a primitive, a list of a type, a named shape, or free-form JSON."""

    kind: str  # one of PRIMITIVES, "array", "shape", "any"
    item: TypeRef | None = None  # for "array"
    shape: str | None = None  # for "shape": the Shape's name
    enum: tuple[str | int | float | bool, ...] = ()
    format: str | None = None
    # JSON Schema validation keywords, sorted by keyword: minimum, maximum,
    # exclusiveMinimum, exclusiveMaximum, minLength, maxLength, pattern,
    # minItems, maxItems (request-side checks; targets map them).
    constraints: tuple[tuple[str, int | float | str], ...] = ()

    def shapes(self) -> tuple[str, ...]:
        """Names of the shapes this type refers to, directly or through lists."""
        if self.kind == "shape" and self.shape:
            return (self.shape,)
        if self.kind == "array" and self.item is not None:
            return self.item.shapes()
        return ()


@dataclass(frozen=True)
class Field:
    """One member of a Shape."""

    name: str  # wire name, e.g. "ImageId"
    type: TypeRef
    required: bool = False
    description: str = ""
    example: Any = None
    has_example: bool = False
    target_name: str | None = None  # x-ksyun-name: a pinned name for code
    source: Source = field(default=NOWHERE, compare=False, repr=False)


@dataclass(frozen=True)
class Shape:
    """A named object type (a model in the generated code)."""

    name: str
    description: str = ""
    fields: tuple[Field, ...] = ()
    source: Source = field(default=NOWHERE, compare=False, repr=False)


@dataclass(frozen=True)
class Parameter:
    """One request parameter of an action (Action and Version excluded)."""

    name: str  # wire name; lists and objects are flattened at send time
    type: TypeRef
    required: bool = False
    description: str = ""
    example: Any = None
    has_example: bool = False
    target_name: str | None = None
    # x-ksyun-not-found-error: the documented error code KSYUN answers when the
    # value names nothing that exists (the mock server looks values up in its data).
    # Behaviour metadata, not the parameter's shape: not part of equality.
    not_found_error: str = field(default="", compare=False)
    source: Source = field(default=NOWHERE, compare=False, repr=False)


@dataclass(frozen=True)
class ErrorCode:
    """A documented error: KSYUN's ``Error.Code`` and what comes with it."""

    code: str
    http_status: int
    message: str = ""
    description: str = ""
    throttling: bool = False
    source: Source = field(default=NOWHERE, compare=False, repr=False)


@dataclass(frozen=True)
class Pagination:
    """How an action pages its results (``x-ksyun-pagination`` in the spec).

    Two conventions exist at KSYUN:

    * ``marker`` (KEC ``Describe*``): ``Marker`` is an integer offset into the
      result; the next page starts at ``Marker + len(items)``; the response
      may carry a total (``InstanceCount``); an empty or short page ends it.
    * ``token`` (VPC, EIP...): the response's ``NextToken`` is sent back as
      the request's ``NextToken``; an absent or empty token ends it.
    """

    style: str  # "marker" or "token"
    items: str  # wire name of the response's list field ("InstancesSet")
    input_token: str  # request parameter holding the position ("Marker" / "NextToken")
    output_token: str  # response field with the next position ("NextToken"); "" for marker style
    limit: str  # request parameter with the page size ("MaxResults")
    total: str = ""  # response field with the total count ("InstanceCount"), if any
    source: Source = field(default=NOWHERE, compare=False, repr=False)


@dataclass(frozen=True)
class Operation:
    """One RPC action."""

    action: str  # "DescribeImages"
    method: str  # "GET" or "POST"
    summary: str = ""
    description: str = ""
    action_description: str = ""  # the Action row's text
    version_description: str = ""  # the Version row's text
    parameters: tuple[Parameter, ...] = ()
    response: str = ""  # name of the response Shape
    errors: tuple[ErrorCode, ...] = ()
    idempotent: bool = False
    pagination: Pagination | None = None
    source: Source = field(default=NOWHERE, compare=False, repr=False)


@dataclass(frozen=True)
class Service:
    """One version of one service: ``kec`` ``2016-03-04``."""

    name: str  # "kec": also the SigV4 service name unless signing_name says else
    version: str
    title: str = ""
    description: str = ""
    endpoint: str = ""
    signing_name: str = ""
    operations: tuple[Operation, ...] = ()  # sorted by action
    shapes: tuple[Shape, ...] = ()  # sorted by name
    spec_path: str = field(default="", compare=False)  # relative to the spec root
    source: Source = field(default=NOWHERE, compare=False, repr=False)

    @cached_property
    def _shape_index(self) -> dict[str, Shape]:
        return {shape.name: shape for shape in self.shapes}

    def shape(self, name: str) -> Shape:
        try:
            return self._shape_index[name]
        except KeyError:
            raise KeyError(name) from None

    def operation(self, action: str) -> Operation:
        for op in self.operations:
            if op.action == action:
                return op
        raise KeyError(action)


@dataclass(frozen=True)
class Api:
    """Everything one generation run sees."""

    services: tuple[Service, ...] = ()  # sorted by (name, version)
    common_errors: tuple[ErrorCode, ...] = ()  # sorted by code
    # (sdk, version) from common.yaml's info.x-ksyun-sdk-versions, sorted; `release` writes them
    sdk_versions: tuple[tuple[str, str], ...] = ()

    def sdk_version(self, sdk: str) -> str:
        """The package version of one SDK (``python``, ``typescript``, ``go``); 0.1.0 when unset."""
        return dict(self.sdk_versions).get(sdk, DEFAULT_SDK_VERSION)


DEFAULT_SDK_VERSION = "0.1.0"


_T = TypeVar("_T")


def per_service(fn: Callable[[Service], _T]) -> Callable[[Service], _T]:
    """Cache *fn*'s answer per service: a service is immutable, and facts
    about it (a model index, an error index) are asked for once per template
    call or per action, so computing them each time made rendering quadratic.
    Keyed by identity, holding the service alive; a long-lived process (the
    tests) keeps at most 64 services per function."""
    cache: dict[int, tuple[Service, _T]] = {}

    def cached(service: Service) -> _T:
        hit = cache.get(id(service))
        if hit is not None and hit[0] is service:
            return hit[1]
        value = fn(service)
        if len(cache) >= 64:
            cache.clear()
        cache[id(service)] = (service, value)
        return value

    cached.__doc__ = fn.__doc__
    cached.__name__ = fn.__name__
    return cached
