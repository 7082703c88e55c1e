"""Stage 6: write a whole output tree atomically.

Everything is rendered in memory first; then the tree is written to a
temporary folder beside the destination and swapped in with two renames.
If anything fails before the swap, the destination is exactly as it was.
"""

from __future__ import annotations

import difflib
import os
import shutil
import tempfile
from pathlib import Path


def write_tree(dest: Path, files: dict[str, str]) -> None:
    """Replace folder *dest* by exactly *files* (POSIX relative path → text)."""
    dest = dest.resolve()
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{dest.name}.new-", dir=dest.parent))
    old: Path | None = None
    try:
        for rel, text in sorted(files.items()):
            path = tmp / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            with open(path, "w", encoding="utf-8", newline="\n") as fh:
                fh.write(text)
        if dest.exists():
            old = Path(tempfile.mkdtemp(prefix=f".{dest.name}.old-", dir=dest.parent))
            os.rmdir(old)
            os.replace(dest, old)
        os.replace(tmp, dest)
    except BaseException:
        if old is not None and old.exists() and not dest.exists():
            os.replace(old, dest)  # the second rename failed: put the old tree back
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def read_tree(root: Path) -> dict[str, str]:
    """Every file below *root* (relative POSIX path → text); missing root → {}."""
    out: dict[str, str] = {}
    if not root.is_dir():
        return out
    for path in sorted(root.rglob("*")):
        rel_parts = path.relative_to(root).parts
        if any(_ignored(part) for part in rel_parts):
            continue
        if path.is_file():
            try:
                out[path.relative_to(root).as_posix()] = path.read_text(encoding="utf-8")
            except UnicodeDecodeError:
                out[path.relative_to(root).as_posix()] = "<binary file>"
    return out


def _ignored(part: str) -> bool:
    """Caches and build leftovers that tools put into the output are not output.
    (``dist`` is: the TypeScript package commits its compiled ``dist/``.)"""
    return (
        part.startswith(".") or part == "__pycache__" or part.endswith((".pyc", ".egg-info"))
        or part in ("build", "node_modules")
    )


def diff_trees(expected: dict[str, str], actual: dict[str, str], label: str) -> str:
    """A unified diff from what is on disk (*actual*) to a fresh generation (*expected*)."""
    chunks: list[str] = []
    for rel in sorted(set(expected) | set(actual)):
        a = actual.get(rel)
        b = expected.get(rel)
        if a == b:
            continue
        fromfile = f"{label}/{rel}" if a is not None else "/dev/null"
        tofile = f"{label}/{rel} (fresh)" if b is not None else "/dev/null"
        lines = list(difflib.unified_diff(
            (a or "").splitlines(keepends=True), (b or "").splitlines(keepends=True),
            fromfile=fromfile, tofile=tofile,
        ))
        # An empty file that is missing or extra has no lines to diff: name it anyway.
        chunks.extend(lines or [f"--- {fromfile}\n", f"+++ {tofile}\n"])
    return "".join(c if c.endswith("\n") else c + "\n" for c in chunks)
