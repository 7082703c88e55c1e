"""The filters that write method docstring lines (generator/targets/python.py)."""

from __future__ import annotations

import ast

from generator.ir import ErrorCode, Parameter, TypeRef
from generator.targets.python import arg_doc, raises_doc


def _as_docstring(line: str) -> str:
    """What Python reads back from *line* placed in a docstring."""
    module = ast.parse(f'def f():\n    """{line}"""\n')
    func = module.body[0]
    assert isinstance(func, ast.FunctionDef)
    return ast.get_docstring(func, clean=False) or ""


def test_arg_doc() -> None:
    s = TypeRef("string")
    assert arg_doc(Parameter("ImageId", s)) == "ImageId"
    assert arg_doc(Parameter("ImageId", s, required=True)) == "ImageId (required)"
    assert arg_doc(Parameter("ImageId", s, description="镜像ID。\n 第二行")) == "ImageId. 镜像ID。 第二行"
    nasty = 'a """quoted""" \\ path {{ x }}'
    line = arg_doc(Parameter('Bad"""Name', s, required=True, description=nasty))
    assert "\n" not in line
    assert _as_docstring(line) == f'Bad"""Name (required). {nasty}'


def test_raises_doc() -> None:
    assert raises_doc(ErrorCode("InternalError", 400, description="暂无")) == "暂无 (HTTP 400)."
    assert raises_doc(ErrorCode("ServiceUnavailable", 500)) == "ServiceUnavailable (HTTP 500)."
    line = raises_doc(ErrorCode("X", 409, description='ends with a quote "'))
    assert _as_docstring(line) == 'ends with a quote " (HTTP 409).'
