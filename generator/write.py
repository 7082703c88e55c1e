"""Stage 6: write an output tree atomically, touching only what changed.

Everything is rendered in memory first.  Then:

* the manifest (``.ksyun-codegen-files`` in the output folder) says which
  files the generator wrote last time; only those are ever removed, so files
  someone else put into the folder stay;
* a file whose bytes are unchanged keeps its inode and mtime: the new tree is
  built beside the destination (``.<name>.new-*``) from hard links to the
  unchanged files plus the new and changed ones, and swapped in with one
  atomic exchange of the two folders (Linux ``renameat2(RENAME_EXCHANGE)``;
  elsewhere two renames);
* when nothing changed, nothing is touched at all.

A crash at any point (even ``kill -9``) leaves the old tree or the new one;
the next run removes the leftovers (``.<name>.new-*``, ``.<name>.old-*``) by
itself, and puts an old tree back if a crash came between the two renames
of the fallback.
"""

from __future__ import annotations

import ctypes
import difflib
import errno
import os
import shutil
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

MANIFEST = ".ksyun-codegen-files"
_MANIFEST_HEAD = "# Files written by ksyun-codegen; only these are replaced or removed by it.\n"


@dataclass
class WriteReport:
    """What a write did, by relative path (each list sorted)."""

    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)

    @property
    def touched(self) -> bool:
        return bool(self.added or self.changed or self.removed)

    def summary(self) -> str:
        return (f"{len(self.added)} added, {len(self.changed)} changed, "
                f"{len(self.removed)} removed, {len(self.unchanged)} unchanged")


def read_manifest(dest: Path) -> set[str]:
    """The files the generator wrote into *dest* last time (empty: none known)."""
    try:
        text = (dest / MANIFEST).read_text(encoding="utf-8")
    except (FileNotFoundError, NotADirectoryError, UnicodeDecodeError):
        return set()
    return {line for line in text.splitlines() if line and not line.startswith("#")
            and _relative(line)}


def _relative(rel: str) -> bool:
    parts = rel.split("/")
    return not rel.startswith("/") and ".." not in parts and "" not in parts


def plan(dest: Path, files: dict[str, str],
         owned: Callable[[str], bool] | None = None) -> tuple[WriteReport, set[str]]:
    """What writing *files* into *dest* would do, and the new manifest.

    *owned* says which previously written files this run answers for (a run
    over one service answers only for that service's files); the default is
    all of them.  Files the manifest does not list are never removed.
    """
    before = read_manifest(dest)
    report = WriteReport()
    for rel in sorted(files):
        path = dest / rel
        try:
            same = path.is_file() and not path.is_symlink() \
                and path.read_bytes() == files[rel].encode("utf-8")
        except OSError:
            same = False
        if same:
            report.unchanged.append(rel)
        elif path.exists() or path.is_symlink():
            report.changed.append(rel)
        else:
            report.added.append(rel)
    mine = owned or (lambda rel: True)
    report.removed = sorted(rel for rel in before - set(files) if mine(rel)
                            and (dest / rel).is_file())
    manifest = (before - {rel for rel in before if mine(rel)}) | set(files)
    return report, manifest


def write_tree(dest: Path, files: dict[str, str], owned: Callable[[str], bool] | None = None,
               ) -> WriteReport:
    """Make *dest* hold *files* (POSIX relative path → text); see the module docstring."""
    for rel in files:
        if not _relative(rel) or rel == MANIFEST:
            raise ValueError(f"output path {rel!r} is not a plain relative path")
    dest = Path(os.path.abspath(dest))
    dest.parent.mkdir(parents=True, exist_ok=True)
    recover(dest)
    report, manifest = plan(dest, files, owned)
    manifest_text = _MANIFEST_HEAD + "".join(f"{rel}\n" for rel in sorted(manifest))
    if not report.touched and _read(dest / MANIFEST) == manifest_text:
        return report
    tmp = Path(tempfile.mkdtemp(prefix=f".{dest.name}.new-", dir=dest.parent))
    try:
        os.chmod(tmp, dest.stat().st_mode & 0o7777 if dest.is_dir() else 0o777 & ~_umask())
        write = set(report.added) | set(report.changed)
        drop = set(report.removed) | write | {MANIFEST}
        if dest.is_dir():
            _link_tree(dest, tmp, drop)
        for rel in sorted(write):
            path = tmp / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            with open(path, "w", encoding="utf-8", newline="\n") as fh:
                fh.write(files[rel])
        with open(tmp / MANIFEST, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(manifest_text)
        _swap(tmp, dest)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    shutil.rmtree(tmp, ignore_errors=True)  # after an exchange: the old tree
    return report


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _read(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None


def _link_tree(src: Path, dst: Path, drop: set[str]) -> None:
    """*src*'s files (but *drop*) into *dst*: hard links, so they keep inode and mtime."""
    for folder, dirs, names in os.walk(src):
        rel_folder = Path(folder).relative_to(src)
        if not dirs and not names:  # an empty folder someone made: keep it
            (dst / rel_folder).mkdir(parents=True, exist_ok=True)
        for name in dirs:
            if (Path(folder) / name).is_symlink():
                (dst / rel_folder).mkdir(parents=True, exist_ok=True)
                os.symlink(os.readlink(Path(folder) / name), dst / rel_folder / name)
        dirs[:] = [d for d in dirs if not (Path(folder) / d).is_symlink()]
        for name in names:
            rel = (rel_folder / name).as_posix()
            if rel in drop:
                continue  # a folder left with no files goes with them
            source, target = Path(folder) / name, dst / rel_folder / name
            target.parent.mkdir(parents=True, exist_ok=True)
            if source.is_symlink():
                os.symlink(os.readlink(source), target)
                continue
            try:
                os.link(source, target)
            except OSError:
                shutil.copy2(source, target)  # a file system without hard links: same bytes, same mtime


def _swap(new: Path, dest: Path) -> None:
    """Put folder *new* at *dest*; afterwards *new* holds the old tree, if any."""
    if not dest.exists():
        os.replace(new, dest)
        return
    if _exchange(new, dest):
        return
    old = Path(tempfile.mkdtemp(prefix=f".{dest.name}.old-", dir=dest.parent))
    os.rmdir(old)
    os.replace(dest, old)  # a crash from here to the next rename: recover() puts it back
    try:
        os.replace(new, dest)
    except BaseException:
        os.replace(old, dest)
        raise
    os.replace(old, new)


_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def _exchange(a: Path, b: Path) -> bool:
    """Swap two folders atomically (Linux renameat2); False when not available."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    if renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP):
        return False  # an old kernel or a file system without it
    raise OSError(code, os.strerror(code), str(b))


def recover(dest: Path) -> None:
    """Clean up after a run that was killed: remove ``.<name>.new-*`` folders;
    put back ``.<name>.old-*`` if *dest* went missing between two renames,
    else remove it."""
    if not dest.parent.is_dir():
        return
    new = sorted(p for p in dest.parent.glob(f".{dest.name}.new-*") if p.is_dir())
    old = sorted(p for p in dest.parent.glob(f".{dest.name}.old-*") if p.is_dir())
    if old and not dest.exists():
        os.replace(old.pop(), dest)
    for leftover in (*new, *old):
        shutil.rmtree(leftover, ignore_errors=True)


def write_text_atomic(path: Path, text: str) -> None:
    """Write one file so that readers see the old text or the new, never a part:
    a temporary file beside *path*, then one rename."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def read_tree(root: Path, only: set[str] | None = None) -> dict[str, str]:
    """Every file below *root* (relative POSIX path → text); missing root → {}.
    With *only*, just those of these paths that exist."""
    out: dict[str, str] = {}
    if not root.is_dir():
        return out
    paths = sorted(root.rglob("*")) if only is None else [root / rel for rel in sorted(only)]
    for path in paths:
        rel_parts = path.relative_to(root).parts
        if only is None and any(_ignored(part) for part in rel_parts):
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
