"""The Python SDK's call of one action with the example arguments of
generator.examples: what the docs show on the Python tab of an action page
(:meth:`PythonTarget.example_call`)."""

from __future__ import annotations

import math
from typing import Any

from ... import examples
from ...ir import Operation, Service, TypeRef
from . import names
from .target import client_class, method_name, py_literal


def python_value(service: Service, t: TypeRef, value: Any) -> str:
    """A Python expression for an example *value* of type *t*: objects become the
    SDK's model classes (``RunInstancesSystemDisk(disk_type="ESSD_PL1")``)."""
    if t.kind == "array" and isinstance(value, list):
        item = t.item or TypeRef("any")
        return "[" + ", ".join(python_value(service, item, v) for v in value) + "]"
    if t.kind == "shape" and t.shape and isinstance(value, dict):
        fields = {f.name: f for f in service.shape(t.shape).fields}
        args = ", ".join(f"{names.field_name(fields[k])}={python_value(service, fields[k].type, v)}"
                         for k, v in value.items())
        return f"{names.class_name(t.shape)}({args})"
    if isinstance(value, float) and not math.isfinite(value):
        return f'float("{value}")'  # (an example of 1e400 is inf: repr() would be a NameError)
    return py_literal(value)


def python_example(service: Service, op: Operation) -> str:
    """The SDK call with the example arguments, as a runnable snippet."""
    args = examples.request_example(service, op)
    params = {p.name: p for p in op.parameters}
    models = sorted({names.class_name(s) for name in args for s in params[name].type.shapes()})
    package = f"ksyun_sdk.{names.module_name(service.name)}.{names.version_module(service.version)}"
    lines = [f"from {package} import {client_class(service)}"]
    if models:
        lines.append(f"from {package}.models import {', '.join(models)}")
    lines += ["", "# credentials from KSYUN_ACCESS_KEY / KSYUN_SECRET_KEY",
              f'with {client_class(service)}(region="cn-beijing-6") as client:']
    call = f"    resp = client.{method_name(op.action)}("
    if not args:
        lines.append(call + ")")
    else:
        lines.append(call)
        for name, value in args.items():
            p = params[name]
            lines.append(f"        {names.field_name(p)}={python_value(service, p.type, value)},")
        lines.append("    )")
    lines.append("    print(resp.request_id)")
    return "\n".join(lines)
