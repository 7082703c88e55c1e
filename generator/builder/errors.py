"""Error codes: an action's ``x-ksyun-errors`` and a service's
``x-ksyun-common-errors`` → ``ErrorCode`` (code, HTTP status, no duplicates);
the check that each ``x-ksyun-not-found-error`` names an error the action
documents; and the merge of every service's common errors into one list.
"""

from __future__ import annotations

from typing import Any

from ..ir import ErrorCode, Operation
from ..load import Document
from ..problems import Problem, join_pointer
from .context import Context, text


def error_codes(ctx: Context, doc: Document, pointer: str, raw: Any) -> tuple[ErrorCode, ...]:
    """The list of errors *raw* (at *pointer*, possibly a ``$ref``); each bad
    entry is a problem and is left out."""
    if raw is None:
        return ()
    resolved = ctx.deref(doc, pointer, raw)
    if resolved is None:
        return ()
    doc, pointer, raw = resolved
    if not isinstance(raw, list):
        ctx.fail(doc, pointer, "expected a list of errors (code, message, httpStatus, description)")
        return ()
    out: list[ErrorCode] = []
    first: dict[str, int | None] = {}
    for i, item in enumerate(raw):
        ptr = join_pointer(pointer, i)
        if not isinstance(item, dict):
            ctx.fail(doc, ptr, "expected an error (code, message, httpStatus, description)")
            continue
        code = item.get("code")
        status = item.get("httpStatus")
        if not isinstance(code, str) or not code.strip():
            ctx.fail(doc, ptr, "error has no 'code'")
            continue
        if not isinstance(status, int) or isinstance(status, bool) or not 100 <= status <= 599:
            ctx.fail(doc, join_pointer(ptr, "httpStatus") if "httpStatus" in item else ptr,
                     f"error {code}: httpStatus must be an HTTP status code (100-599), "
                     f"got {status!r}")
            continue
        if code in first:
            where = f" (first at line {first[code]})" if first[code] is not None else ""
            ctx.fail(doc, ptr, f"duplicate error code {code!r}{where}")
            continue
        first[code] = doc.line(ptr)
        out.append(ErrorCode(
            code=code, http_status=status, message=text(item.get("message")),
            description=text(item.get("description")).strip(),
            throttling=bool(item.get("x-ksyun-throttling", False)),
            source=ctx.src(doc, ptr),
        ))
    return tuple(out)


def not_found_problems(op: Operation, common: tuple[ErrorCode, ...]) -> list[Problem]:
    """Each parameter of *op* whose x-ksyun-not-found-error is neither one of
    its errors nor a common one."""
    documented = {e.code for e in (*op.errors, *common)}
    return [Problem(p.source.file, p.source.line, "",
                    f"x-ksyun-not-found-error of {p.name}: "
                    f"{p.not_found_error!r} is not an error of {op.action}")
            for p in op.parameters
            if p.not_found_error and p.not_found_error not in documented]


def merge_common(common: dict[str, ErrorCode], errors: tuple[ErrorCode, ...],
                 problems: list[Problem]) -> None:
    """Add one service's common *errors* to *common* (by code); a code that
    another service defines differently is a problem."""
    for err in errors:
        known = common.get(err.code)
        if known is not None and known != err:
            problems.append(Problem(err.source.file, err.source.line, "",
                                    f"common error {err.code!r} differs from the one "
                                    f"at {known.source}"))
        common.setdefault(err.code, err)
