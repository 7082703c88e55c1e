"""``ksyun-codegen release``: the next version of each SDK, written into the
spec (``common.yaml``: ``info.x-ksyun-sdk-versions``) and, by regenerating,
into each package's metadata; a changelog entry per SDK.

Versions follow semver from the classification, per language: **major**
when a change breaks that language, **minor** when something was added,
**patch** for any other change, none without changes.  The version bumped is
the base's (the last release), so running ``release`` twice against the same
base writes the same version, and an entry for that version already at the
top of a changelog is replaced, not repeated.
"""

from __future__ import annotations

import json
import re
from itertools import groupby
from pathlib import Path

from ..ir import Api
from .compare import ADDITIONS, Change
from .render import LANG_TITLES
from .source import DiffError

SDKS = ("go", "python", "typescript")
KEY = "x-ksyun-sdk-versions"


def bump_kind(changes: list[Change], sdk: str) -> str | None:
    if any(c.breaks(sdk) for c in changes):
        return "major"
    if any(c.kind in ADDITIONS for c in changes):
        return "minor"
    return "patch" if changes else None


def bumped(version: str, kind: str | None) -> str:
    major, minor, patch = (int(x) for x in version.split("."))
    if kind == "major":
        return f"{major + 1}.0.0"
    if kind == "minor":
        return f"{major}.{minor + 1}.0"
    if kind == "patch":
        return f"{major}.{minor}.{patch + 1}"
    return version


def next_versions(base: Api, changes: list[Change], sdks: tuple[str, ...] = SDKS) -> dict[str, tuple[str, str, str | None]]:
    """sdk → (version at the base, next version, bump kind)."""
    return {s: (base.sdk_version(s), bumped(base.sdk_version(s), bump_kind(changes, s)), bump_kind(changes, s))
            for s in sdks}


def write_spec_versions(common: Path, versions: dict[str, str]) -> None:
    """Set ``info.x-ksyun-sdk-versions`` in *common* (YAML), every other line kept as it is."""
    if not common.is_file():
        raise DiffError(f"{common.as_posix()}: no such file (the SDK versions live in its info)")
    lines = common.read_text(encoding="utf-8").splitlines(keepends=True)
    block = [f"  {KEY}:\n"] + [f"    {s}: {json.dumps(v)}\n" for s, v in sorted(versions.items())]
    try:
        start = next(i for i, line in enumerate(lines) if re.match(r"info:\s*(#.*)?$", line))
    except StopIteration:
        raise DiffError(f"{common.as_posix()}: no top-level 'info:' block") from None
    end = start + 1
    while end < len(lines) and (lines[end].startswith((" ", "\t")) or not lines[end].strip()):
        end += 1
    while end > start + 1 and not lines[end - 1].strip():
        end -= 1
    found = next((i for i in range(start + 1, end) if lines[i].startswith(f"  {KEY}:")), None)
    if found is None:
        lines[end:end] = block
    else:
        stop = found + 1
        while stop < end and (lines[stop].startswith("    ") or not lines[stop].strip()):
            stop += 1
        lines[found:stop] = block
    common.write_text("".join(lines), encoding="utf-8")


def _item(c: Change, sdk: str) -> str:
    names = dict(c.names)
    wire = f"`{c.wire}`" if c.wire else ""
    own = names.get(sdk)
    lang = f", {LANG_TITLES.get(sdk, sdk)} `{own}`" if own else ""
    return f"- {c.detail} (wire {wire}{lang})" if wire else f"- {c.detail}"


def changelog_entry(sdk: str, version: str, date: str, base_ref: str, changes: list[Change]) -> str:
    """One Markdown entry: the version, then per service version: breaking, added, changed."""
    out = [f"## {version} ({date})", "", f"Changes to the spec since {base_ref}.", ""]
    if not changes:
        out += ["No changes to the API.", ""]
    for (service, ver), items in groupby(changes, key=lambda c: (c.service, c.version)):
        group = list(items)
        out += [f"### {service} {ver}", ""]
        for title, chosen in (
            ("Breaking", [c for c in group if c.breaks(sdk)]),
            ("Added", [c for c in group if not c.breaks(sdk) and c.kind in ADDITIONS]),
            ("Changed", [c for c in group if not c.breaks(sdk) and c.kind not in ADDITIONS]),
        ):
            if chosen:
                out += [f"**{title}**", ""] + [_item(c, sdk) for c in chosen] + [""]
    return "\n".join(out)


TITLE = "# Changelog\n\n"


def prepend_changelog(path: Path, entry: str, version: str) -> None:
    """Put *entry* at the top of *path* (under its title); an entry for *version*
    already on top is replaced."""
    old = path.read_text(encoding="utf-8") if path.is_file() else ""
    body = old[len(TITLE):] if old.startswith(TITLE) else old
    if body.startswith(f"## {version} "):
        nxt = body.find("\n## ", 1)
        body = body[nxt + 1:] if nxt >= 0 else ""
    path.parent.mkdir(parents=True, exist_ok=True)
    rest = body.strip("\n")
    path.write_text(TITLE + entry.rstrip("\n") + "\n" + (f"\n{rest}\n" if rest else ""), encoding="utf-8")
