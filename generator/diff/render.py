"""A diff as text for people, Markdown for review pages, JSON for tools."""

from __future__ import annotations

import json
from itertools import groupby

from .compare import ADDITIONS, Change, audiences

LANG_TITLES = {"python": "Python", "typescript": "TypeScript", "go": "Go", "docs": "docs"}


def _group(change: Change) -> str:
    return f"{change.service} {change.version}"


def mark(change: Change) -> str:
    """``!`` breaks someone, ``+`` adds, ``~`` anything else."""
    return "!" if change.is_breaking else "+" if change.kind in ADDITIONS else "~"


def breaks_text(change: Change) -> str:
    who = [a for a in audiences() if change.breaks(a)]
    return "breaks " + ", ".join(who) if who else "breaks nothing"


def names_text(change: Change) -> str:
    return ", ".join(f"{LANG_TITLES.get(t, t)} {n}" for t, n in change.names)


def summary(changes: list[Change]) -> str:
    breaking = [c for c in changes if c.is_breaking]
    per = ", ".join(f"{a} {sum(c.breaks(a) for c in changes)}" for a in audiences())
    return (f"{len(changes)} change(s), {len(breaking)} breaking ({per})" if changes else "no changes")


def text(changes: list[Change]) -> str:
    lines: list[str] = []
    for group, items in groupby(changes, key=_group):
        lines.append(group)
        for c in items:
            lines.append(f"  {mark(c)} {c.kind}: {c.detail}")
            extra = f"; {names_text(c)}" if c.names else ""
            lines.append(f"      at {c.location}; {breaks_text(c)}{extra}")
    lines.append(summary(changes))
    return "\n".join(lines) + "\n"


def _md(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("<", "&lt;").replace("`", "\\`")


def markdown(changes: list[Change]) -> str:
    aud = audiences()
    out = ["# Spec changes", "", summary(changes) + ".", ""]
    for group, items in groupby(changes, key=_group):
        out += [f"## {group}", "",
                "| change | what | " + " | ".join(aud) + " | location |",
                "| --- | --- | " + " | ".join("---" for _ in aud) + " | --- |"]
        for c in items:
            flags = " | ".join("**yes**" if c.breaks(a) else "no" for a in aud)
            out.append(f"| {c.kind} | {_md(c.detail)} | {flags} | `{_md(c.location)}` |")
        out.append("")
    return "\n".join(out).rstrip("\n") + "\n"


def as_json(changes: list[Change]) -> str:
    return json.dumps({"changes": [c.record() for c in changes]}, ensure_ascii=False, indent=2) + "\n"


FORMATS = {"text": text, "markdown": markdown, "json": as_json}
