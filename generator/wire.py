"""KSYUN's query protocol as facts about the IR, computed once for every target.

* :func:`wire_paths`: every scalar a parameter can send, by its flattened name
  pattern: ``InstanceId.N``, ``DataDisk.N.Type``, ``SystemDisk.DiskType``,
  ``Filter.N.Value.N`` (lists are numbered from 1, objects are dotted);
  :meth:`WirePath.name` numbers one (``DataDisk.1.Type``).
* :func:`encode` and :func:`canonical_query`: the percent-encoding (RFC 3986,
  as SigV4 canonicalizes: only ``A-Za-z0-9-_.~`` stay) and the sorted
  ``name=value&...`` form that is signed and sent.
* :func:`endpoint`: a service version's URL (the spec's, else KSYUN's
  ``https://<service>.api.ksyun.com``).

A language binding uses these instead of working them out again: the docs
show the wire request from them, and a new target's templates can list each
action's wire parameters (``ksyun-codegen new-target`` starts from that).
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote

from .ir import Parameter, Service, TypeRef

#: How deep a path may go through objects inside objects (a shape that holds
#: itself would otherwise never end); deeper members are not listed.
MAX_PATH_DEPTH = 8


@dataclass(frozen=True)
class WirePath:
    """One scalar a parameter sends: ``DataDisk.N.Type`` (a string)."""

    pattern: str  # "DataDisk.N.Type": N where a list is numbered
    type: TypeRef  # the scalar (or free-form) type at the end
    lists: int  # how many N the pattern has

    def name(self, *indexes: int) -> str:
        """The wire name with each ``N`` numbered in order: ``name(1)`` → ``DataDisk.1.Type``."""
        if len(indexes) != self.lists:
            raise ValueError(f"{self.pattern} needs {self.lists} index(es), got {len(indexes)}")
        parts = self.pattern.split(".")
        out, it = [], iter(indexes)
        for part in parts:
            out.append(str(next(it)) if part == "N" else part)
        return ".".join(out)


def wire_paths(service: Service, param: Parameter) -> list[WirePath]:
    """Every scalar *param* can send, in the order of its members."""
    return _paths(service, param.type, param.name, 0, 0)


def _paths(service: Service, t: TypeRef, prefix: str, lists: int, depth: int) -> list[WirePath]:
    if t.kind == "array":
        return _paths(service, t.item or TypeRef("any"), f"{prefix}.N", lists + 1, depth)
    if t.kind == "shape":
        if depth >= MAX_PATH_DEPTH:
            return []
        out: list[WirePath] = []
        for f in service.shape(t.shape or "").fields:
            out.extend(_paths(service, f.type, f"{prefix}.{f.name}", lists, depth + 1))
        return out
    return [WirePath(prefix, t, lists)]


def encode(text: str) -> str:
    """RFC 3986 percent-encoding of UTF-8, as SigV4 canonicalizes: only ``A-Za-z0-9-_.~`` stay."""
    return quote(text, safe="-_.~")


def canonical_query(pairs: list[tuple[str, str]]) -> str:
    """``a=1&b=2``: each name and value encoded, sorted by encoded name then value."""
    return "&".join(f"{n}={v}" for n, v in sorted((encode(n), encode(v)) for n, v in pairs))


def endpoint(service: Service) -> str:
    """The service version's endpoint: the spec's ``servers`` URL, else KSYUN's default."""
    return service.endpoint or f"https://{service.name}.api.ksyun.com"
