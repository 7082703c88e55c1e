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
from ruamel.yaml.emitter import RoundTripEmitter
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.events import ScalarEvent
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


# The longest key both readers take as a simple key (``key: value``), counted as
# written (quotes and escapes included): YAML's own limit for an implicit key.
SIMPLE_KEY_LIMIT = 1024


def _written_room(value: str) -> int:
    """An upper bound of the characters *value* takes beyond its own when written
    as a key: two quotes, and up to ten (``\\UXXXXXXXX``) for a character that
    is escaped or doubled."""
    return 2 + sum(9 for ch in value if not ch.isprintable() or ch in "\"'\\")


class _Emitter(RoundTripEmitter):
    """ruamel's round-trip emitter writing every key that YAML lets be a simple key
    as one.  ruamel's own limit is 128 characters, past which it writes the long
    form (``? key`` and ``: value`` on the next line); a shape named that long then
    made every later import round-trip the whole file (generator.importdoc.regions
    cut the text at simple keys only)."""

    def check_simple_key(self) -> bool:
        if isinstance(self.event, ScalarEvent) and isinstance(self.event.value, str):
            self.MAX_SIMPLE_KEY_LENGTH = max(
                0, SIMPLE_KEY_LIMIT - _written_room(self.event.value))
        else:
            self.MAX_SIMPLE_KEY_LENGTH = type(self).MAX_SIMPLE_KEY_LENGTH
        return bool(super().check_simple_key())


def yaml_rt() -> YAML:
    y = YAML(typ="rt")
    y.Emitter = _Emitter
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

