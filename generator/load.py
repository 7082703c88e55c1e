"""Stage 1: load YAML documents, keeping the line of every node.

Documents are plain Python data (dict/list/str/int/...) plus an index from
JSON pointer to the 1-based line where that node starts, so every later stage
can say ``FILE:LINE: what is wrong``.
"""

from __future__ import annotations

import difflib
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import yaml

from .problems import Problem, SpecError, join_pointer, unescape_pointer_token


@dataclass
class Document:
    """One YAML file: its data and where each node is."""

    path: Path
    display: str  # how problems name the file (never absolute when avoidable)
    data: Any
    lines: dict[str, int] = field(default_factory=dict)

    def line(self, pointer: str) -> int | None:
        """Line of the node at *pointer*, or of its nearest ancestor."""
        p = pointer
        while True:
            if p in self.lines:
                return self.lines[p]
            if not p:
                return None
            p = p.rsplit("/", 1)[0]

    def problem(self, pointer: str, message: str) -> Problem:
        return Problem(self.display, self.line(pointer), pointer, message)

    def get(self, pointer: str) -> Any:
        """The node at *pointer*; KeyError when there is none."""
        node = self.data
        if pointer == "":
            return node
        for raw in pointer.lstrip("/").split("/"):
            token = unescape_pointer_token(unquote(raw))
            if isinstance(node, dict) and token in node:
                node = node[token]
            elif isinstance(node, list) and token.isdigit() and int(token) < len(node):
                node = node[int(token)]
            else:
                raise KeyError(pointer)
        return node


def display_path(path: Path) -> str:
    """A short, relative name for *path* (relative to the working directory)."""
    try:
        rel = os.path.relpath(path)
    except ValueError:
        return path.as_posix()
    if rel.startswith(".."):
        return path.name
    return Path(rel).as_posix()


_SAFE_TAGS = {
    "tag:yaml.org,2002:str", "tag:yaml.org,2002:int", "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool", "tag:yaml.org,2002:null",
}


def _plain(loader: Any, node: yaml.Node, pointer: str, lines: dict[str, int], shown: str,
           depth: int = 1) -> Any:
    """Plain data from a composed node, recording the line of every key and item.
    Nesting past MAX_DEPTH is refused here, so the recursion is bounded."""
    if depth > MAX_DEPTH:
        raise SpecError([Problem(shown, node.start_mark.line + 1, "", f"YAML: nesting deeper than {MAX_DEPTH}")])
    if isinstance(node, yaml.MappingNode):
        out: dict[str, Any] = {}
        first: dict[str, int] = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise SpecError([Problem(shown, key_node.start_mark.line + 1, pointer,
                                         "YAML: merge keys ('<<') are not supported")])
            line = key_node.start_mark.line + 1
            if not isinstance(key_node, yaml.ScalarNode):
                raise SpecError([Problem(shown, line, pointer,
                                         "YAML: a mapping key must be a plain name")])
            key = _plain(loader, key_node, pointer, {}, shown, depth + 1)
            if key is None or isinstance(key, bool):
                # `yes:`, `on:`, `null:`, `~:` would silently become "True" or "None"
                raise SpecError([Problem(shown, line, pointer,
                                         f"YAML: the key {key_node.value!r} reads as {key!r}; "
                                         f"quote it (\"{key_node.value}\")")])
            key = key if isinstance(key, str) else str(key)
            if key in first:
                raise SpecError([Problem(shown, line, pointer,
                                         f'YAML: duplicate key "{key}" (first at line {first[key]})')])
            first[key] = line
            child = f"{pointer}/{key}" if "~" not in key and "/" not in key else join_pointer(pointer, key)
            lines[child] = line
            out[key] = _plain(loader, value_node, child, lines, shown, depth + 1)
        return out
    if isinstance(node, yaml.SequenceNode):
        items = []
        for index, item in enumerate(node.value):
            child = f"{pointer}/{index}"
            lines[child] = item.start_mark.line + 1
            items.append(_plain(loader, item, child, lines, shown, depth + 1))
        return items
    bad = _BAD_CHAR.search(node.value) if isinstance(node.value, str) else None
    if bad is not None:
        raise SpecError([Problem(shown, node.start_mark.line + 1, pointer,
                                 f"text holds the control character U+{ord(bad.group()):04X}, "
                                 "which generated code cannot carry; remove it")])
    if node.tag in _SAFE_TAGS:
        return loader.construct_object(node)
    # dates, binary and other YAML scalars: keep their text, the spec speaks JSON
    return str(node.value)


_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
# Nodes that aliases (`*name`) may add beyond the file's own: a few are handy,
# nested ones grow exponentially (a "billion laughs" file).
ALIAS_BUDGET = 100_000
# Characters of scalar text that aliases may add: one long string aliased
# thousands of times is small in the file and huge once expanded.
ALIAS_TEXT_BUDGET = 4_000_000
# Mappings and lists inside each other: deeper is refused, never a RecursionError.
MAX_DEPTH = 64
# Characters a spec's text must not hold: C0/C1 controls other than tab and
# line ends (NUL cannot be in Python source at all) and lone surrogates.
_BAD_CHAR = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")


def _kids(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.MappingNode):
        return [n for pair in node.value for n in pair]
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    return []


def _check_tree(root: yaml.Node, shown: str) -> None:
    """SpecError when the node tree nests deeper than MAX_DEPTH, or when aliases
    would expand it by more than ALIAS_BUDGET nodes or ALIAS_TEXT_BUDGET
    characters of text.  Iterative: no input can exhaust the stack here."""
    # Depth first, iteratively; each node's expanded size (nodes, characters) is
    # known once its children are done.  The composer allows no alias cycles.
    sizes: dict[int, tuple[int, int]] = {}
    seen: set[int] = set()
    extra_nodes = extra_chars = 0
    stack: list[tuple[yaml.Node, int, bool]] = [(root, 1, False)]
    while stack:
        node, depth, done = stack.pop()
        if done:
            nodes, chars = 1, len(node.value) if isinstance(node, yaml.ScalarNode) else 0
            for kid in _kids(node):
                kn, kc = sizes[id(kid)]
                nodes, chars = nodes + kn, chars + kc
            sizes[id(node)] = (nodes, chars)
            continue
        if id(node) in seen:  # an alias: counts again, expanded
            if id(node) in sizes:
                kn, kc = sizes[id(node)]
                extra_nodes, extra_chars = extra_nodes + kn, extra_chars + kc
            if extra_nodes > ALIAS_BUDGET or extra_chars > ALIAS_TEXT_BUDGET:
                raise SpecError([Problem(
                    shown, node.start_mark.line + 1, "",
                    f"YAML: aliases of the anchor here expand the document by more than "
                    f"{ALIAS_BUDGET} nodes or {ALIAS_TEXT_BUDGET} characters")])
            continue
        seen.add(id(node))
        if depth > MAX_DEPTH:
            raise SpecError([Problem(shown, node.start_mark.line + 1, "",
                                     f"YAML: nesting deeper than {MAX_DEPTH}")])
        stack.append((node, depth, True))
        stack.extend((kid, depth + 1, False) for kid in reversed(_kids(node)))


def parse_yaml(text: str, path: Path, display: str | None = None) -> Document:
    """Parse *text*; a syntax error becomes a SpecError with the line.

    libyaml composes the node tree (fast, with marks); we build plain data
    from it ourselves so duplicate keys are errors and every node has a line.
    """
    shown = display if display is not None else display_path(path)
    parts = _parse_parts(text, shown)
    if parts is not None:
        return Document(path=path, display=shown, data=parts[0], lines=parts[1])
    loader = _Loader(text)
    try:
        root = loader.get_single_node()
        lines: dict[str, int] = {"": 1}
        if root is not None and ("&" in text or "*" in text):
            # Only a text with an anchor ('&') can have aliases ('*') to count;
            # nesting depth is checked again (for every text) while building.
            _check_tree(root, shown)
        data = _plain(loader, root, "", lines, shown) if root is not None else None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        context = exc.context
        if context and exc.context_mark is not None and exc.context_mark.line + 1 != line:
            # where the construct began (an unclosed '[' or quote) is often the mistake
            context += f" (started at line {exc.context_mark.line + 1})"
        detail = " ".join(filter(None, [context, exc.problem])) or "syntax error"
        raise SpecError([Problem(shown, line, "", f"YAML syntax error: {detail}")]) from None
    except yaml.YAMLError as exc:
        raise SpecError([Problem(shown, None, "", f"YAML error: {exc}")]) from None
    finally:
        loader.dispose()
    return Document(path=path, display=shown, data=data, lines=lines)


_PARTS_CODE: str | None = None


def _parse_parts(text: str, shown: str) -> tuple[Any, dict[str, int]] | None:
    """A large text's parse from :mod:`generator.loadparts` (regions seen before
    read from the cache), or None to parse it whole."""
    global _PARTS_CODE
    from . import loadparts

    if len(text) < loadparts.PARTS_MIN_CHARS:
        return None
    from .cache import Cache, digest

    cache = Cache("yaml-regions")
    if not cache.enabled:
        return None
    if _PARTS_CODE is None:
        here = Path(__file__).resolve().parent
        _PARTS_CODE = digest(
            (here / "load.py").read_bytes(), (here / "loadparts.py").read_bytes(),
            (here / "problems.py").read_bytes(), yaml.__version__,
            str(getattr(yaml, "__with_libyaml__", False)))
    return loadparts.parse_parts(text, shown, _plain, _Loader, cache, _PARTS_CODE)


def read_text(path: Path, display: str | None = None) -> str:
    """The UTF-8 text of *path*; a SpecError (``FILE: /: reason``) when it cannot be read."""
    shown = display if display is not None else display_path(path)
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise SpecError([Problem(shown, None, "", "file not found")]) from None
    except UnicodeDecodeError as exc:
        raise SpecError([Problem(shown, None, "", f"not UTF-8 text ({exc.reason})")]) from None
    except OSError as exc:
        raise SpecError([Problem(shown, None, "", exc.strerror or str(exc))]) from None


def load_file(path: Path) -> Document:
    return parse_yaml(read_text(path), path)


class Workspace:
    """Every document the spec needs, loaded once; resolves ``$ref`` across files."""

    def __init__(self, root: Path) -> None:
        # One service file stands in its spec folder: <spec>/<service>/<version>.yaml
        self.root = root.resolve() if root.is_dir() else root.resolve().parent.parent
        self.docs: dict[Path, Document] = {}

    def doc(self, path: Path) -> Document:
        key = path.resolve()
        if key not in self.docs:
            self.docs[key] = load_file(key)
            self.docs[key].display = self.relname(key)
        return self.docs[key]

    def relname(self, path: Path) -> str:
        """The file's name for messages: relative to the working directory
        when below it, else relative to the spec root's parent."""
        rel = os.path.relpath(path)
        if not rel.startswith(".."):
            return Path(rel).as_posix()
        try:
            return path.resolve().relative_to(self.root.parent).as_posix()
        except ValueError:
            return path.name

    def source_name(self, doc: Document) -> str:
        """Name used in generated files: relative to the spec root."""
        try:
            return doc.path.resolve().relative_to(self.root).as_posix()
        except ValueError:
            return doc.path.name

    def resolve(self, doc: Document, pointer: str, ref: Any) -> tuple[Document, str, Any]:
        """Follow ``$ref`` *ref* found at *pointer* in *doc*."""
        if not isinstance(ref, str):
            raise SpecError([doc.problem(pointer, "$ref must be a string")])
        file_part, _, fragment = ref.partition("#")
        target = doc
        if file_part:
            target_path = self.inside(doc, pointer, file_part)
            if not target_path.is_file():
                raise SpecError(
                    [doc.problem(pointer, f"dangling $ref {ref!r}: no file {file_part!r}"
                                 + _nearest_file(target_path))]
                )
            target = self.doc(target_path)
        try:
            value = target.get(fragment)
        except KeyError:
            raise SpecError(
                [doc.problem(pointer, f"dangling $ref {ref!r}: nothing at {fragment or '/'!r}"
                             + _nearest_name(target, fragment))]
            ) from None
        return target, fragment, value

    def inside(self, doc: Document, pointer: str, file_part: str) -> Path:
        """The file a ``$ref`` names, checked before it is opened: absolute
        paths, ``..`` and symlinks that lead out of the spec folder are refused."""
        raw = Path(unquote(file_part))
        target = (doc.path.parent / raw).resolve()  # resolve() follows symlinks
        if raw.is_absolute() or "://" in file_part or not target.is_relative_to(self.root):
            raise SpecError([doc.problem(pointer, "$ref leaves the spec folder")])
        return target

    def deref(self, doc: Document, pointer: str, node: Any) -> tuple[Document, str, Any]:
        """Follow ``$ref`` chains until a node that is not a reference."""
        seen: list[tuple[Path, str]] = []
        while isinstance(node, dict) and "$ref" in node:
            key = (doc.path, pointer)
            if key in seen:
                cycle = [f"{self.relname(p)}#{ptr}" for p, ptr in seen[seen.index(key):] + [key]]
                raise SpecError([doc.problem(pointer, "circular $ref: " + " -> ".join(cycle))])
            seen.append(key)
            doc, pointer, node = self.resolve(doc, join_pointer(pointer, "$ref"), node["$ref"])
        return doc, pointer, node


def _nearest_name(doc: Document, fragment: str) -> str:
    """`` (did you mean ImageSet?)``: the existing name closest to the first
    token of *fragment* that names nothing, among its siblings."""
    tokens = fragment.lstrip("/").split("/") if fragment else []
    node = doc.data
    for raw in tokens:
        token = unescape_pointer_token(unquote(raw))
        if isinstance(node, dict):
            if token not in node:
                close = difflib.get_close_matches(token, sorted(str(k) for k in node), n=1, cutoff=0.6)
                return f" (did you mean {close[0]}?)" if close else ""
            node = node[token]
        elif isinstance(node, list) and token.isdigit() and int(token) < len(node):
            node = node[int(token)]
        else:
            return ""
    return ""


def _nearest_file(path: Path) -> str:
    """`` (did you mean common.yaml?)``: the YAML file beside *path* closest to its name."""
    try:
        names = sorted(p.name for p in path.parent.iterdir() if p.suffix in (".yaml", ".yml"))
    except OSError:
        return ""
    close = difflib.get_close_matches(path.name, names, n=1, cutoff=0.6)
    return f" (did you mean {close[0]}?)" if close else ""


def service_files(spec: Path) -> list[Path]:
    """The service spec files under *spec* (a folder or one file), sorted.

    Layout: ``<spec>/<service>/<version>.yaml`` is one service version;
    YAML files directly in *spec* (such as ``common.yaml``) are shared
    documents, read only through ``$ref``.
    """
    if spec.is_file():
        found = [spec]
    elif not spec.is_dir():
        raise SpecError([Problem(display_path(spec), None, "", "no such file or folder")])
    else:
        found = sorted(
            path
            for path in spec.glob("*/*")
            if path.suffix in (".yaml", ".yml") and not path.parent.name.startswith(".")
        )
    if not found:
        raise SpecError(
            [Problem(display_path(spec), None, "", "no service specs (<service>/<version>.yaml)")]
        )
    bad = [path for path in found if not plain_spec_path(path)]
    if bad:
        raise SpecError([Problem(
            display_path(path).encode("unicode_escape").decode("ascii"), None, "",
            "a service spec is named <service>/<version>.yaml: the service in lower-case "
            "letters and digits, the version YYYY-MM-DD (or V1, V2...)") for path in bad])
    return found


SERVICE_RE = re.compile(r"[a-z][a-z0-9]*")
# An API version: a date (2016-03-04), or V1, V2... (KSYUN's kingpay is V1).
VERSION_RE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}|V[0-9]{1,3}")


def plain_spec_path(path: Path) -> bool:
    """Whether *path* ends in ``<service>/<version>.yaml`` with plain names
    (these names reach generated files and module paths)."""
    return (SERVICE_RE.fullmatch(path.parent.name) is not None
            and VERSION_RE.fullmatch(path.stem) is not None
            and path.suffix in (".yaml", ".yml"))
