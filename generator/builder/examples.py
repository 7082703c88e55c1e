"""Spec examples while building: the example a field or parameter carries
(``first_example``), whether a value is a value of a type (``example_problem``,
as lenient as ``generator.examples.coerce``), and the check that reports every
example of a schema or parameter that does not fit its type, at its line
(``check_examples``).
"""

from __future__ import annotations

import re
from typing import Any

from ..ir import TypeRef
from ..load import Document
from ..problems import join_pointer
from .context import Context


def first_example(node: dict[str, Any]) -> tuple[Any, bool]:
    """The example of *node* (``example``, else the first of ``examples``) and
    whether it has one."""
    if "example" in node:
        return node["example"], True
    examples = node.get("examples")
    if isinstance(examples, list) and examples:
        return examples[0], True
    return None, False


def check_examples(ctx: Context, doc: Document, pointer: str, node: dict[str, Any], t: TypeRef) -> None:
    """Each example of *node* (a schema or a parameter) that does not fit *t*
    is a problem at its line: the docs, the example call and the mock would
    otherwise show something else than the spec says."""
    if "example" not in node and "examples" not in node:
        return
    found: list[tuple[str, Any]] = []
    if "example" in node:
        found.append((join_pointer(pointer, "example"), node["example"]))
    examples = node.get("examples")
    if isinstance(examples, list):  # a schema's examples
        found += [(join_pointer(pointer, "examples", i), v) for i, v in enumerate(examples)]
    elif isinstance(examples, dict):  # a parameter's Example Objects
        found += [(join_pointer(pointer, "examples", str(k), "value"), v["value"])
                  for k, v in examples.items() if isinstance(v, dict) and "value" in v]
    for at, value in found:
        why = None if value is None else example_problem(value, t)  # (null says nothing)
        if why is not None:
            ctx.fail(doc, at, why)


_KIND_WORDS = {"integer": "an integer", "number": "a number", "string": "a string",
               "boolean": "true or false"}
_BOUNDS: tuple[tuple[str, str, Any], ...] = (
    ("minimum", "below the minimum", lambda v, n: v < n),
    ("exclusiveMinimum", "not above the exclusive minimum", lambda v, n: v <= n),
    ("maximum", "above the maximum", lambda v, n: v > n),
    ("exclusiveMaximum", "not below the exclusive maximum", lambda v, n: v >= n),
)


def example_problem(value: Any, t: TypeRef) -> str | None:
    """Why *value*, a spec example, is no value of *t*; None when it is one.

    As lenient as the example's readers (generator.examples.coerce): ``"20"``
    is an integer example, ``3`` a string one; but ``my-key`` is no integer,
    ``2.5`` no integer either (it would become 2), and an example outside the
    enum or the constraints is refused.
    """
    if t.kind == "array":
        return _array_problem(value, t)
    if t.kind not in _KIND_WORDS:
        return None  # objects and free-form values: their fields say
    typed = _typed(value, t.kind)
    if typed is None:
        quote = " (YAML reads yes, no, on and off as true or false: quote it)" if isinstance(value, bool) else ""
        return f"example {value!r} is not {_KIND_WORDS[t.kind]}{quote}"
    if t.enum and typed not in t.enum:
        shown = ", ".join(repr(v) for v in t.enum[:8]) + (", ..." if len(t.enum) > 8 else "")
        return f"example {value!r} is not one of the enum values ({shown})"
    limits = dict(t.constraints)
    if isinstance(typed, str):
        low, high, pattern = limits.get("minLength"), limits.get("maxLength"), limits.get("pattern")
        if isinstance(high, int) and len(typed) > high:
            return f"example {value!r} is longer than maxLength {high}"
        if isinstance(low, int) and len(typed) < low:
            return f"example {value!r} is shorter than minLength {low}"
        if isinstance(pattern, str) and re.search(pattern, typed) is None:
            return f"example {value!r} does not match the pattern {pattern!r}"
    elif isinstance(typed, (int, float)) and not isinstance(typed, bool):
        for key, words, outside in _BOUNDS:
            bound = limits.get(key)
            if isinstance(bound, (int, float)) and outside(typed, bound):
                return f"example {value!r} is {words} {bound}"
    return None


def _array_problem(value: Any, t: TypeRef) -> str | None:
    """example_problem of a list type: its size, then each item (a lone value
    is read as a list of one)."""
    if t.item is None:
        return None
    items = value if isinstance(value, list) else [value]
    limits = dict(t.constraints)
    if isinstance(value, list):
        low, high = limits.get("minItems"), limits.get("maxItems")
        if isinstance(low, int) and len(value) < low:
            return f"example has {len(value)} item(s), fewer than minItems {low}"
        if isinstance(high, int) and len(value) > high:
            return f"example has {len(value)} item(s), more than maxItems {high}"
    for item in items:
        why = example_problem(item, t.item)
        if why is not None:
            return why
    return None


def _typed(value: Any, kind: str) -> Any:
    """*value* as a value of the primitive type *kind*, or None when it is none."""
    if isinstance(value, (dict, list)) or value is None:
        return None
    if kind == "boolean":
        if isinstance(value, bool):
            return value
        text = str(value).lower()
        return text == "true" if text in ("true", "false") else None
    if isinstance(value, bool):
        return None  # (YAML reads yes/no/on/off as booleans: quote them)
    if kind == "string":
        return value if isinstance(value, str) else str(value)
    try:
        number = float(value)
    except (TypeError, ValueError, OverflowError):
        return None
    if kind == "number":
        return value if isinstance(value, (int, float)) else number
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    try:
        return int(str(value).strip())
    except ValueError:
        return None
