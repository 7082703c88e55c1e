"""import-doc, stage "write" for a large spec: edit only the affected regions.

A round trip of the whole spec through ruamel costs seconds for a few hundred
actions, while one page touches one path item and a few schemas.  So the
spec's text is cut (with libyaml, which is fast) into regions: each path item
under ``paths`` and each schema under ``components/schemas``, a region being
the lines from its key to the next sibling's key.  Only the regions the merge
writes are loaded by ruamel (in a small document with the same nesting, so
the dump is indented as in the whole file), merged, dumped and spliced back;
every other line stays as it is.  A spec whose layout does not allow this
(flow style, other indentation, no ``paths``/``components/schemas`` yet) is
round-tripped whole.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import yaml

_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass
class Layout:
    lines: list[str]  # the text's lines, with their ends
    paths: dict[str, tuple[int, int]]  # path key → [start, end) line numbers (0-based)
    schemas: dict[str, tuple[int, int]]
    paths_end: int  # the line after the last path item
    schemas_end: int  # the line after the last schema


def _block_regions(mapping: yaml.MappingNode, indent: int, end: int,
                   lines: list[str]) -> dict[str, tuple[int, int]] | None:
    """Key → line range of each entry of a block mapping whose keys start at column *indent*.

    A key may be written in YAML's long form (``? key`` and ``: value`` on the next
    line), as ruamel wrote keys of more than 128 characters: its entry starts on the
    ``?`` line too."""
    if mapping.flow_style or not mapping.value:
        return None
    out: dict[str, tuple[int, int]] = {}
    starts = [k.start_mark.line for k, _v in mapping.value]
    for i, (key, _value) in enumerate(mapping.value):
        if not isinstance(key, yaml.ScalarNode) or not _key_at(key, indent, lines):
            return None
        out[str(key.value)] = (starts[i], starts[i + 1] if i + 1 < len(starts) else end)
    return out


def _key_at(key: yaml.ScalarNode, indent: int, lines: list[str]) -> bool:
    """The key starts its line at column *indent*, itself or after a ``? `` indicator."""
    column = key.start_mark.column
    if column == indent:
        return True
    line = lines[key.start_mark.line] if key.start_mark.line < len(lines) else ""
    return column == indent + 2 and line[:column] == " " * indent + "? "


def _entry(mapping: yaml.MappingNode, name: str) -> tuple[int, Any] | None:
    for i, (key, value) in enumerate(mapping.value):
        if isinstance(key, yaml.ScalarNode) and key.value == name:
            return i, value
    return None


def read(text: str) -> tuple[Any, Any]:
    """(plain data, node tree) of *text*, composed once by libyaml; raises
    yaml.YAMLError.  The data is a read-only view to plan with: the loader
    (generator.load) is the one that checks a spec."""
    loader = _Loader(text)
    try:
        root = loader.get_single_node()
        return (loader.construct_document(root) if root is not None else None), root
    finally:
        loader.dispose()


def layout(text: str, root: Any = None) -> Layout | None:
    """The regions of *text* (composed as *root*, when given), or None when
    they cannot be edited one by one."""
    if root is None:
        try:
            root = yaml.compose(text, Loader=_Loader)
        except yaml.YAMLError:
            return None
    if not isinstance(root, yaml.MappingNode) or root.flow_style:
        return None
    lines = text.splitlines(keepends=True)
    top = [k.start_mark.line for k, _v in root.value]

    def after(index: int) -> int:
        return top[index + 1] if index + 1 < len(top) else len(lines)

    paths = _entry(root, "paths")
    components = _entry(root, "components")
    if paths is None or components is None or not isinstance(paths[1], yaml.MappingNode) \
            or not isinstance(components[1], yaml.MappingNode) or components[1].flow_style:
        return None
    inner = [k.start_mark.line for k, _v in components[1].value]
    schemas = _entry(components[1], "schemas")
    if schemas is None or not isinstance(schemas[1], yaml.MappingNode):
        return None
    schemas_end = inner[schemas[0] + 1] if schemas[0] + 1 < len(inner) else after(components[0])
    path_regions = _block_regions(paths[1], 2, after(paths[0]), lines)
    schema_regions = _block_regions(schemas[1], 4, schemas_end, lines)
    if path_regions is None or schema_regions is None:
        return None
    return Layout(lines, path_regions, schema_regions, after(paths[0]), schemas_end)


def excerpt(lay: Layout, version: Any, path_key: str | None, schema_names: list[str]) -> str:
    """A small document with the given path item and schemas, nested as in the whole file."""
    out = ["info:\n", f"  version: {_quoted(version)}\n", "paths:\n"]
    if path_key is not None:
        a, b = lay.paths[path_key]
        out += lay.lines[a:b]
    else:
        out[-1] = "paths: {}\n"
    out += ["components:\n", "  schemas:\n"]
    for name in schema_names:
        a, b = lay.schemas[name]
        out += lay.lines[a:b]
    if not schema_names:
        out[-1] = "  schemas: {}\n"
    return "".join(line if line.endswith("\n") else line + "\n" for line in out)


def _quoted(value: Any) -> str:
    return '"' + str(value).replace("\\", "\\\\").replace('"', '\\"') + '"'


def splice(lay: Layout, merged: str) -> str | None:
    """The whole text with the regions of *merged* (a dumped excerpt) put in
    place of the old ones; new ones after the last of their kind."""
    new = layout(merged)
    if new is None:
        return None
    replace: dict[int, tuple[int, list[str]]] = {}  # old start → (old end, new lines)
    appended_paths: list[str] = []
    appended_schemas: list[str] = []
    for old_regions, new_regions, appended in ((lay.paths, new.paths, appended_paths),
                                               (lay.schemas, new.schemas, appended_schemas)):
        for key, (a, b) in new_regions.items():
            text = new.lines[a:b]
            if key in old_regions:
                start, end = old_regions[key]
                replace[start] = (end, text)
            else:
                appended.extend(text)
    out: list[str] = []
    i = 0
    n = len(lay.lines)
    while i <= n:
        if i == lay.paths_end:
            out.extend(_ended(out, appended_paths))
        if i == lay.schemas_end:
            out.extend(_ended(out, appended_schemas))
        if i == n:
            break
        if i in replace:
            end, text = replace[i]
            out.extend(text)
            i = end
            continue
        out.append(lay.lines[i])
        i += 1
    return "".join(out)


def _ended(out: list[str], lines: list[str]) -> list[str]:
    """*lines*, after making sure what comes before them ends with a newline."""
    if lines and out and not out[-1].endswith("\n"):
        out[-1] += "\n"
    return lines
