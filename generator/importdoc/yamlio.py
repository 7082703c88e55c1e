"""import-doc, stage "write": the spec's YAML read and written with ruamel's
round trip (comments, key order and hand edits stay), in the YAML dialect the
loader (generator.load, YAML 1.1 via libyaml) reads back the same.
"""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.scalarstring import DoubleQuotedScalarString

from ..load import parse_yaml
from ..problems import Problem, SpecError

# Strings YAML would read as numbers or dates: written double-quoted, like the hand-written spec.
_LOOKS_TYPED = re.compile(r"[-+]?(\d+|\d*\.\d+)([eE][-+]?\d+)?|\d{4}-\d{2}-\d{2}([T ][\d:.]+Z?)?")


def yaml_rt() -> YAML:
    y = YAML(typ="rt")
    y.preserve_quotes = True
    y.width = 4096
    y.indent(mapping=2, sequence=4, offset=2)
    return y


def dump(data: Any) -> str:
    buf = io.StringIO()
    yaml_rt().dump(data, buf)
    return buf.getvalue()


def node(value: Any, key: str = "") -> Any:
    """Plain data → ruamel nodes (refs and version-like strings double-quoted, enums in flow style)."""
    if isinstance(value, dict):
        out = CommentedMap()
        for k, v in value.items():
            out[k] = node(v, k)
        return out
    if isinstance(value, list):
        seq = CommentedSeq(node(v) for v in value)
        if key in ("enum", "members", "required") or not value:
            seq.fa.set_flow_style()
        return seq
    if isinstance(value, str) and (key == "$ref" or _LOOKS_TYPED.fullmatch(value)):
        return DoubleQuotedScalarString(value)
    return value


def load_spec_text(text: str, display: str) -> Any:
    doc = parse_yaml(text, Path(display), display)  # syntax errors → FILE:LINE
    if not isinstance(doc.data, dict):
        raise SpecError([doc.problem("", "expected an OpenAPI document (a mapping)")])
    try:
        return yaml_rt().load(text)
    except (MarkedYAMLError, YAMLError) as exc:  # pragma: no cover - parse_yaml caught it
        raise SpecError([Problem(display, None, "", f"YAML error: {exc}")]) from None

