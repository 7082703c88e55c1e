"""Python emitted in black's style, so that black only has to confirm it.

black stays the formatter: every ``.py`` file still goes through
``black.format_str`` (generator.fmt).  But black formats a file twice when
its first pass changes anything (its second pass settles trailing commas),
and a changed line costs it far more than a line it only reads; a file that
is already in its style costs about 40% of one it has to rewrite
(``tests/bench/bench_vendor.py``).  So the templates and these helpers emit
what black would: the helpers cover the lines whose layout depends on their
width, which a template cannot know.  ``tests/test_black_style.py`` runs
black over everything the Python target emits, before formatting, for the
committed spec, the fixtures and the benchmark's service, and asserts black
changes nothing; a line these helpers get wrong is still formatted
correctly, only slower.
"""

from __future__ import annotations

import re

from black.strings import normalize_string_quotes, str_width

from ...fmt import LINE_LENGTH

_INDENT = "    "


def import_from(module: str, names: list[str], indent: int = 0) -> str:
    """``from module import a, b`` as black lays it out at *indent* levels:
    on one line when it fits, else one name per line with a trailing comma."""
    pad = _INDENT * indent
    one = f"{pad}from {module} import {', '.join(names)}"
    if str_width(one) <= LINE_LENGTH:
        return one
    inner = "".join(f"{pad}{_INDENT}{name},\n" for name in names)
    return f"{pad}from {module} import (\n{inner}{pad})"


def bracketed(items: list[str], brackets: str = "[]") -> str:
    """A list or dict display of pre-rendered *items* at the top level, as
    black keeps it: ``[]`` when empty, else one item per line with a
    trailing comma (which keeps black from joining the lines)."""
    if not items:
        return brackets
    inner = "".join(f"{_INDENT}{item},\n" for item in items)
    return f"{brackets[0]}\n{inner}{brackets[1]}"


def from_dcg(text: str) -> str:
    """A module datamodel-code-generator wrote (its formatters off), in
    black's layout: black's quotes, an empty line after a class docstring,
    wide field lines split, one final newline."""
    text = split_long_fields(blank_line_after_class_docstrings(black_quotes(wire_aliases(text))))
    return text.rstrip("\n") + "\n"


def wire_aliases(text: str) -> str:
    """Each field's ``alias="ImageId"`` as ``validation_alias=`` and ``serialization_alias=``.

    Only ``alias`` is a parameter of the ``__init__`` a type checker sees (the
    dataclass_transform rule), so with it mypy wants ``ImageId=`` while the
    pydantic mypy plugin (``validate_by_name``) wants ``image_id=``.  Without
    it both see the attribute names: ``RunInstancesSystemDisk(disk_type=...)``
    type-checks either way, the wire name is still read
    (``validation_alias``, beside the name) and written (``serialization_alias``,
    ``model_dump(by_alias=True)``).  Only datamodel-code-generator's one-line
    fields are touched (``    name: T = Field(...)``, arguments split outside strings).
    """
    out: list[str] = []
    for line in text.split("\n"):
        at = line.find(" = Field(")
        if at < 0 or not line.startswith(_INDENT) or line[4:5] == " " or not line.endswith(")"):
            out.append(line)
            continue
        head = line[: at + len(" = Field(")]
        args = _top_level_split(line[len(head) : -1])
        if args is None or not any(a.startswith("alias=") for a in args):
            out.append(line)
            continue
        new: list[str] = []
        for arg in args:
            if arg.startswith("alias="):
                value = arg[len("alias=") :]
                new += [f"validation_alias={value}", f"serialization_alias={value}"]
            else:
                new.append(arg)
        out.append(f"{head}{', '.join(new)})")
    return "\n".join(out)


def black_quotes(text: str) -> str:
    """Every string literal of *text* (Python source without f-strings, as
    datamodel-code-generator writes it: ``repr()`` quotes) in black's quotes,
    by black's own rule (``black.strings.normalize_string_quotes``); comments
    are skipped."""
    return _LITERAL.sub(_requote, text)


_LITERAL = re.compile(
    r"#[^\n]*"  # a comment: kept as it is
    r'|"""(?:\\.|[^\\])*?"""' r"|'''(?:\\.|[^\\])*?'''"  # triple-quoted
    r'|"(?:\\.|[^"\\\n])*"' r"|'(?:\\.|[^'\\\n])*'",  # one line
    re.S,
)


def _requote(m: re.Match[str]) -> str:
    literal = m.group()
    return literal if literal.startswith("#") else normalize_string_quotes(literal)


def blank_line_after_class_docstrings(text: str) -> str:
    """black separates a class's docstring from its body by one empty line;
    datamodel-code-generator does not.  Only its own layout is touched: a
    class line, then a docstring opened and closed by lines that are exactly
    ``\"\"\"`` at the class body's indentation."""
    lines = text.split("\n")
    out: list[str] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        out.append(line)
        i += 1
        if not (line.startswith("class ") and line.endswith(":")):
            continue
        if i < len(lines) and lines[i] == '    """':
            end = i + 1
            while end < len(lines) and lines[end] != '    """':
                end += 1
            if end + 1 < len(lines) and lines[end + 1].strip():
                out.extend(lines[i : end + 1])
                out.append("")
                i = end + 1
    return "\n".join(out)


def split_long_fields(text: str) -> str:
    """A model field line too wide for black, split the way black splits it:

    ``    name: T = Field(...)`` becomes ``Field(`` / the arguments on one
    line / ``)`` when they fit, else one argument per line with a trailing
    comma.  Only lines of exactly that form whose head fits are touched (the
    arguments are datamodel-code-generator's: keyword arguments whose values
    are literals, so a top-level comma is found by skipping strings and
    brackets); anything else is left for black.
    """
    out: list[str] = []
    for line in text.split("\n"):
        if str_width(line) <= LINE_LENGTH or not line.startswith(_INDENT) or not line.endswith(")"):
            out.append(line)
            continue
        at = line.find(" = Field(")
        if at < 0 or line[4:5] == " ":
            out.append(line)
            continue
        head = line[: at + len(" = Field(")]
        args = _top_level_split(line[len(head) : -1])
        if args is None or str_width(head) > LINE_LENGTH or not args:
            out.append(line)
            continue
        body = f"{_INDENT * 2}{', '.join(args)}"
        if str_width(body) <= LINE_LENGTH:
            out.extend([head, body, f"{_INDENT})"])
        else:
            out.append(head)
            out.extend(f"{_INDENT * 2}{arg}," for arg in args)
            out.append(f"{_INDENT})")
    return "\n".join(out)


def _top_level_split(args: str) -> list[str] | None:
    """*args* split at commas outside strings and brackets; None when it is
    not plainly made of such parts (an unclosed string or bracket)."""
    parts: list[str] = []
    depth = 0
    quote = ""
    start = 0
    i = 0
    while i < len(args):
        c = args[i]
        if quote:
            if c == "\\":
                i += 2
                continue
            if args.startswith(quote, i):
                i += len(quote)
                quote = ""
                continue
        elif c in "\"'":
            quote = args[i : i + 3] if args.startswith(c * 3, i) else c
            i += len(quote)
            continue
        elif c in "([{":
            depth += 1
        elif c in ")]}":
            depth -= 1
            if depth < 0:
                return None
        elif c == "," and depth == 0:
            parts.append(args[start:i].strip())
            start = i + 1
        i += 1
    if quote or depth:
        return None
    last = args[start:].strip()
    if last:
        parts.append(last)
    return parts if all(parts) else None
