"""import-doc, stage "write": the spec's YAML read and written with ruamel's
round trip (comments, key order and hand edits stay), in the YAML dialect the
loader (generator.load, YAML 1.1 via libyaml) reads back the same.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import yaml
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.nodes import ScalarNode as RuamelScalarNode
from ruamel.yaml.resolver import VersionedResolver
from ruamel.yaml.scalarstring import DoubleQuotedScalarString

from ..load import parse_yaml
from ..problems import Problem, SpecError

# What a plain scalar means to the loader (PyYAML, YAML 1.1) and to ruamel (YAML 1.2),
# which reads the spec back on the next import.
_RESOLVERS = ((yaml.resolver.Resolver(), yaml.ScalarNode),
              (VersionedResolver(version=(1, 2)), RuamelScalarNode))
_STR = "tag:yaml.org,2002:str"


def reads_as_string(text: str) -> bool:
    """True when both readers read *text*, written plain, back as that string.

    YAML 1.1 (the loader) reads ``yes``/``no``/``on``/``off`` as booleans,
    ``1:20`` as 80, ``0x1F``, ``1_000``, ``.inf``, ``~`` and dates as other
    types, YAML 1.2 (ruamel) ``1e3``; ruamel would write them all plain.
    Such strings are written double-quoted.
    """
    return text not in ("<<", "=") and all(
        _resolve(resolver, kind, text) == _STR for resolver, kind in _RESOLVERS)


def _resolve(resolver: Any, kind: Any, text: str) -> str:
    return str(resolver.resolve(kind, text, (True, False)))


def scalar(value: Any, key: str = "") -> Any:
    """*value* as ruamel writes it: a string the loader would read as another
    type (or a ``$ref``) double-quoted."""
    if isinstance(value, str) and not isinstance(value, DoubleQuotedScalarString) and (
            key == "$ref" or not reads_as_string(value)):
        return DoubleQuotedScalarString(value)
    return value


def yaml_key(name: Any) -> Any:
    """A mapping key the loader reads back as the same string (``On`` → ``"On"``)."""
    return scalar(str(name))


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
    """Plain data → ruamel nodes (refs and strings the loader would read as
    another type double-quoted, keys too; enums in flow style)."""
    if isinstance(value, dict):
        out = CommentedMap()
        for k, v in value.items():
            out[yaml_key(k)] = node(v, k)
        return out
    if isinstance(value, list):
        seq = CommentedSeq(node(v) for v in value)
        if key in ("enum", "members", "required") or not value:
            seq.fa.set_flow_style()
        return seq
    return scalar(value, key)


def load_spec_text(text: str, display: str) -> Any:
    doc = parse_yaml(text, Path(display), display)  # syntax errors → FILE:LINE
    if not isinstance(doc.data, dict):
        raise SpecError([doc.problem("", "expected an OpenAPI document (a mapping)")])
    try:
        return yaml_rt().load(text)
    except (MarkedYAMLError, YAMLError) as exc:  # pragma: no cover - parse_yaml caught it
        raise SpecError([Problem(display, None, "", f"YAML error: {exc}")]) from None

