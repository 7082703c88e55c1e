"""The TypeScript SDK's call of one action with the example arguments of
generator.examples: what the docs show on the TypeScript tab of an action page
(:meth:`TypeScriptTarget.example_call`)."""

from __future__ import annotations

from typing import Any

from ... import examples
from ...ir import Operation, Service, TypeRef
from .target import client_class, method_name, prop_key, service_dir, ts_literal, version_dir


def ts_value(service: Service, t: TypeRef, value: Any) -> str:
    """A TypeScript expression for an example *value* of type *t*: objects are literals
    keyed by the SDK's camelCase properties."""
    if t.kind == "array" and isinstance(value, list):
        item = t.item or TypeRef("any")
        return "[" + ", ".join(ts_value(service, item, v) for v in value) + "]"
    if t.kind == "shape" and t.shape and isinstance(value, dict):
        fields = {f.name: f for f in service.shape(t.shape).fields}
        members = ", ".join(f"{prop_key(fields[k])}: {ts_value(service, fields[k].type, v)}"
                            for k, v in value.items())
        return "{ " + members + " }" if members else "{}"
    return ts_literal(value)


def typescript_example(service: Service, op: Operation) -> str:
    """The SDK call with the example arguments, as an ES module."""
    args = examples.request_example(service, op)
    params = {p.name: p for p in op.parameters}
    client = client_class(service)
    lines = [f'import {{ {client} }} from "ksyun-sdk/{service_dir(service.name)}/{version_dir(service.version)}";',
             "", "// credentials from KSYUN_ACCESS_KEY / KSYUN_SECRET_KEY",
             f'const client = new {client}({{ region: "cn-beijing-6" }});']
    call = f"const resp = await client.{method_name(op.action)}("
    if not args:
        lines.append(call + ");")
    else:
        lines.append(call + "{")
        for name, value in args.items():
            p = params[name]
            lines.append(f"  {prop_key(p)}: {ts_value(service, p.type, value)},")
        lines.append("});")
    lines.append("console.log(resp.requestId);")
    return "\n".join(lines)
