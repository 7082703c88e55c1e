"""``check --breaking-against REF``: every breaking change since *REF* must be
acknowledged in the spec, so CI stops an accidental break.

A break is acknowledged when

* it removes an element the old spec had marked ``deprecated: true`` (an
  action, a parameter, a property, a schema): deprecate first, remove later; or
* the new spec lists it under ``x-ksyun-breaking-changes`` at the top level
  of a service version's file: ``change`` (the kind ``diff`` prints),
  ``location`` (the JSON pointer ``diff`` prints) and ``reason`` (why, for
  the changelog's readers); ``service`` and ``version`` default to the file's
  own (set them to acknowledge the removal of another version).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..extensions import did_you_mean
from .rules import RULES

if TYPE_CHECKING:  # (the validator imports this module: no targets behind it)
    from .compare import Change
    from .source import Snapshot

ACK = "x-ksyun-breaking-changes"
ACK_KEYS = ("change", "location", "reason", "service", "version")
ACK_REQUIRED = ("change", "location", "reason")
REMOVALS = frozenset({"action-removed", "parameter-removed", "field-removed", "shape-removed"})


@dataclass(frozen=True)
class Ack:
    service: str
    version: str
    change: str
    location: str
    reason: str


def acknowledgements(snapshot: Snapshot) -> list[Ack]:
    out: list[Ack] = []
    for (service, version), data in sorted(snapshot.raw.items()):
        entries = data.get(ACK) if isinstance(data, dict) else None
        for e in entries if isinstance(entries, list) else ():
            if isinstance(e, dict) and all(isinstance(e.get(k), str) for k in ACK_REQUIRED):
                out.append(Ack(str(e.get("service", service)), str(e.get("version", version)),
                               e["change"], e["location"], e["reason"]))
    return out


def acknowledged(change: Change, acks: list[Ack]) -> str | None:
    """Why *change* may break: the reason given, or the deprecation; None when unacknowledged."""
    for a in acks:
        if (a.service, a.version, a.change, a.location) == (change.service, change.version, change.kind,
                                                           change.location):
            return a.reason
    if change.kind in REMOVALS and change.deprecated_before:
        return "deprecated before removal"
    return None


def unacknowledged(changes: list[Change], new: Snapshot) -> tuple[list[Change], list[Ack]]:
    """(breaking changes nobody acknowledged, acknowledgements that match no change)."""
    acks = acknowledgements(new)
    missing = [c for c in changes if c.is_breaking and acknowledged(c, acks) is None]
    used = {(c.service, c.version, c.kind, c.location) for c in changes}
    stale = [a for a in acks if (a.service, a.version, a.change, a.location) not in used]
    return missing, stale


def snippet(changes: list[Change]) -> str:
    """The YAML that would acknowledge *changes*, per service file, reasons to fill in."""
    lines: list[str] = []
    last: tuple[str, str] | None = None
    for c in changes:
        if (c.service, c.version) != last:
            last = (c.service, c.version)
            lines += [f"# spec/{c.service}/{c.version}.yaml", f"{ACK}:"]
        lines += [f"  - change: {c.kind}", f"    location: {json.dumps(c.location, ensure_ascii=False)}",
                  "    reason: <why this break is intended>"]
    return "\n".join(lines) + "\n"


def entry_problems(value: Any) -> list[tuple[str, str]]:
    """(relative pointer, message) for malformed entries of the extension's list."""
    out: list[tuple[str, str]] = []
    for i, e in enumerate(value):
        if not isinstance(e, dict):
            out.append((f"/{i}", f"{ACK}: an entry is a mapping of {', '.join(ACK_REQUIRED)}"))
            continue
        for k in e:
            if k not in ACK_KEYS:
                out.append((f"/{i}/{k}", f"{ACK}: unknown key {k!r} (expected {', '.join(ACK_KEYS)})"))
        for k in ACK_REQUIRED:
            v = e.get(k)
            if not isinstance(v, str) or not v.strip():
                out.append((f"/{i}", f"{ACK}: entry {i} needs {k} (a non-empty string)"))
            elif k == "change" and v not in RULES:
                out.append((f"/{i}/change", f"{ACK}: unknown change {v!r}"
                            f"{did_you_mean(v, RULES)} (one of the kinds `ksyun-codegen diff` prints)"))
        for k in ("service", "version"):
            if k in e and not isinstance(e[k], str):
                out.append((f"/{i}/{k}", f"{ACK}: {k} must be a string"))
    return out
