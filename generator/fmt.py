"""Stage 5: format Python with black, in process, in parallel, cached.

The Python target emits black's style (generator/targets/python/style.py), so
black only confirms most files; a file is given to black unless it is plainly
in black's style already (:func:`settled`: every line within the line length,
or past it only inside a multi-line string, no tab, form feed, odd line end or
trailing space, one final newline).  tests/test_black_style.py runs black over
the whole generated tree of the fixtures, the committed spec and the benchmark
service and finds nothing to change.

The cache is keyed by the SHA-256 of (black version, mode, source), so an
unchanged file is never formatted twice; it lives in the user's cache
folder and only speeds things up (deleting it changes no output).
"""

from __future__ import annotations

import ast
import io
import re
import tokenize
from importlib.metadata import version

import black
from black.mode import Mode, TargetVersion
from black.report import NothingChanged

from .cache import Cache, digest
from .problems import GeneratorBug
from .progress import Counter
from .workers import jobs as worker_count
from .workers import pool as workers_pool

LINE_LENGTH = 100
MODE = Mode(target_versions={TargetVersion.PY311}, line_length=LINE_LENGTH)
BLACK_VERSION = version("black")
_PARALLEL_MIN = 24  # below this many uncached files, a process pool costs more than it saves


def _key(src: str) -> str:
    return digest(BLACK_VERSION, repr(MODE), src)


def format_source(src: str) -> str:
    try:
        return black.format_str(src, mode=MODE)
    except NothingChanged:
        return src


_UNSETTLED = re.compile(r"[\t\r\x0b\x0c\x1c-\x1f\x85\u2028\u2029]| $|\n\n\n\n|\\$", re.M)


def settled(src: str) -> bool:
    """True when *src* is plainly what black writes, so black is not run on it: no
    character black treats specially, no trailing space, no backslash at a line's
    end, no three blank lines in a row, one final newline, and every line within
    LINE_LENGTH or, past it, a middle line of a multi-line string (black never
    reflows a string), and it parses.  Anything else goes to black, which names
    what it cannot parse (a generator bug)."""
    if not src.endswith("\n") or src.endswith("\n\n") or _UNSETTLED.search(src) is not None:
        return False
    if not _parses(src):
        return False  # black says what is wrong (a generator bug, named)
    lines = src.split("\n")
    long = {i + 1 for i, line in enumerate(lines) if len(line) > LINE_LENGTH}
    if not long:
        return True
    inside = _inside_docstrings(lines)
    if inside is not None:
        return long <= inside
    inside = set()  # lines strictly between the first and the last of a string token
    try:
        for tok in tokenize.generate_tokens(io.StringIO(src).readline):
            if tok.type == tokenize.STRING and tok.end[0] - tok.start[0] >= 2:
                inside.update(range(tok.start[0] + 1, tok.end[0]))
    except (tokenize.TokenError, SyntaxError, IndentationError):
        return False
    return long <= inside


def _parses(src: str) -> bool:
    """Whether *src* is Python at all (CPython's own parser: fast)."""
    try:
        ast.parse(src)
    except (SyntaxError, ValueError, MemoryError, RecursionError):
        return False
    return True


def _inside_docstrings(lines: list[str]) -> set[int] | None:
    """The (1-based) lines strictly inside a ``\"\"\"`` string, found without tokenizing,
    when the file is plain enough to tell: every ``\"\"\"`` opens a line (after the
    indentation and an ``r`` prefix) or ends the line that closes it, no line holds more
    than two nor a backslash beside one, and there is no ``\'\'\'``; else None."""
    inside: set[int] = set()
    open_ = False
    for number, line in enumerate(lines, 1):
        count = line.count('"""')
        if "\'\'\'" in line or count > 2:
            return None
        if count == 0:
            if open_:
                inside.add(number)
            continue
        stripped = line.strip()
        if "\\" in stripped:
            return None  # (an escaped quote: let the tokenizer say)
        starts = stripped.startswith(('"""', 'r"""'))
        ends = stripped.endswith('"""')
        if count == 2 and starts and ends and not open_:
            continue  # one line: \"\"\"text\"\"\"
        if count == 1 and not open_ and starts:
            open_ = True
        elif count == 1 and open_ and ends:
            open_ = False
        else:
            return None
    return None if open_ else inside


def _format_one(item: tuple[str, str]) -> tuple[str, str]:
    path, src = item
    try:
        return path, format_source(src)
    except Exception as exc:  # black's parse errors: a generator bug, name the file
        first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise GeneratorBug(f"black could not format generated file {path}: {first}") from None


def format_python(files: dict[str, str], jobs: int | None = None) -> dict[str, str]:
    """Return *files* with every ``.py`` file formatted by black."""
    out = dict(files)
    cache = Cache(f"black-{BLACK_VERSION}")
    todo: list[tuple[str, str]] = []
    keys: dict[str, str] = {}
    for path, src in sorted(files.items()):
        if not path.endswith(".py"):
            continue
        key = keys[path] = _key(src)
        hit = cache.get(key)
        if hit is not None:
            out[path] = hit
        elif settled(src):
            cache.put(key, src)  # (what black writes for it: itself)
        else:
            todo.append((path, src))
    workers = jobs or worker_count()
    results: list[tuple[str, str]] = []
    with Counter("formatting", len(todo)) as count:
        if len(todo) >= _PARALLEL_MIN and workers > 1:
            # Largest first, one file per task: a service's verb modules are
            # a few files many times the size of a model, and sorted by path
            # they would all land in one worker's share.
            todo.sort(key=lambda item: (-len(item[1]), item[0]))
            with workers_pool(workers) as pool:
                for result in pool.map(_format_one, todo, chunksize=1):
                    results.append(result)
                    count.step()
        else:
            for item in todo:
                results.append(_format_one(item))
                count.step()
    for path, text in results:
        out[path] = text
        cache.put(keys[path], text)
    return out

