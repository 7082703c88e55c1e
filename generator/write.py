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

Links and odd files: nothing is read or written through a symbolic link
below the output folder (a link where a generated file or folder goes is
replaced, in the new tree, by the real file or folder; what it pointed to is
left alone), and only regular files are read, at most ``MAX_READ_BYTES``
each (a FIFO, a device or a bigger file counts as different).  An output
folder that is itself a link is followed on purpose: the tree is written
into the folder it names, and the link stays.

One run at a time: a write holds ``.<name>.lock`` beside the folder (an
``flock``); a second run waits for it (saying which process holds it), at
most ``LOCK_WAIT`` seconds, then gives up with an error naming that process.
"""

from __future__ import annotations

import contextlib
import ctypes
import difflib
import errno
import hashlib
import os
import re
import shutil
import stat
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

try:
    import fcntl
except ImportError:  # not POSIX: no lock (one run at a time is then up to the user)
    fcntl = None  # type: ignore[assignment]

MANIFEST = ".ksyun-codegen-files"
_MANIFEST_HEAD = "# Files written by ksyun-codegen; only these are replaced or removed by it.\n"
MAX_READ_BYTES = 64 * 1024 * 1024  # a file of the output read back (compared, checked, hashed)
LOCK_WAIT = 600.0  # seconds a run waits for another one writing the same folder
_LOCK_POLL = 0.05


Signature = tuple[int, int, int, int, int]  # device, inode, size, mtime and ctime (ns)


@dataclass
class WriteReport:
    """What a write did, by relative path (each list sorted)."""

    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    # The signature of each file this write found or left holding its text (the
    # bytes were compared, or written, when the signature was taken).
    signatures: dict[str, Signature] = field(default_factory=dict, repr=False, compare=False)

    @property
    def touched(self) -> bool:
        return bool(self.added or self.changed or self.removed)

    def summary(self) -> str:
        return (f"{len(self.added)} added, {len(self.changed)} changed, "
                f"{len(self.removed)} removed, {len(self.unchanged)} unchanged")


def open_regular(root: Path, rel: str) -> int | None:
    """A read-only descriptor of the regular file *root*/*rel*, opened without
    following any link below *root* (*root* itself may be one); None when a
    part is missing, a link or not a folder, or the file is not regular (a
    FIFO, a device: never opened in a way that blocks)."""
    if not _relative(rel):
        return None
    *folders, name = rel.split("/")
    flags = os.O_RDONLY | getattr(os, "O_CLOEXEC", 0)
    nofollow = getattr(os, "O_NOFOLLOW", 0)
    try:
        fd = os.open(root, flags | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return None
    try:
        for part in folders:
            inner = os.open(part, flags | nofollow | getattr(os, "O_DIRECTORY", 0), dir_fd=fd)
            os.close(fd)
            fd = inner
        found = os.open(name, flags | nofollow | getattr(os, "O_NONBLOCK", 0), dir_fd=fd)
    except (OSError, NotImplementedError):
        return None
    finally:
        os.close(fd)
    try:
        if stat.S_ISREG(os.fstat(found).st_mode):
            return found
    except OSError:
        pass
    os.close(found)
    return None


def signature(st: os.stat_result) -> Signature:
    return (st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns)


class Kept:
    """A file of the output that this run neither rendered nor read: the last run
    wrote it, its :func:`signature` is the one recorded then, and *sha* is the
    SHA-256 of its bytes (see generator.pipeline.render_tree)."""

    __slots__ = ("sha",)

    def __init__(self, sha: str) -> None:
        self.sha = sha

    def __repr__(self) -> str:
        return f"Kept({self.sha[:12]})"


Tree = dict[str, str | Kept]  # relative path → text, or a file kept as it is


def read_regular(root: Path, rel: str, limit: int = MAX_READ_BYTES) -> bytes | None:
    """The bytes of *root*/*rel* as :func:`open_regular` finds it, when at most
    *limit*; else None."""
    found = read_regular_signed(root, rel, limit)
    return None if found is None else found[0]


def read_regular_signed(root: Path, rel: str, limit: int = MAX_READ_BYTES) -> tuple[bytes, Signature] | None:
    """:func:`read_regular`, with the file's :func:`signature` when it was opened."""
    fd = open_regular(root, rel)
    if fd is None:
        return None
    try:
        st = os.fstat(fd)
        if st.st_size > limit:
            return None
        chunks: list[bytes] = []
        size = 0
        while size <= limit:
            chunk = os.read(fd, min(1 << 20, limit + 1 - size))
            if not chunk:
                return b"".join(chunks), signature(st)
            chunks.append(chunk)
            size += len(chunk)
        return None  # grew past the limit while read
    except OSError:
        return None
    finally:
        os.close(fd)


def _kind(root: Path, rel: str) -> str:
    """What is at *root*/*rel*, links below *root* not followed: ``missing``,
    ``file`` (regular), ``link``, ``other`` (a folder, a FIFO...) or
    ``blocked`` (a folder on the way is a link or not a folder)."""
    return kind_stat(root, rel)[0]


def kind_stat(root: Path, rel: str, folders: dict[str, str] | None = None,
              ) -> tuple[str, os.stat_result | None]:
    """:func:`_kind` of *root*/*rel* and, for a ``file``, its ``lstat``.  *folders*
    remembers what each folder on the way was found to be (``dir`` or a kind),
    for many files of one tree looked at together."""
    base = os.fspath(root)
    seen = {} if folders is None else folders
    *parts, name = rel.split("/")
    prefix = ""
    try:
        for part in parts:
            prefix = f"{prefix}/{part}" if prefix else part
            found = seen.get(prefix)
            if found is None:
                try:
                    found = "dir" if stat.S_ISDIR(os.lstat(f"{base}/{prefix}").st_mode) else "blocked"
                except FileNotFoundError:
                    found = "missing"
                seen[prefix] = found
            if found != "dir":
                return found, None
        st = os.lstat(f"{base}/{rel}")
    except FileNotFoundError:
        return "missing", None
    except OSError:
        return "blocked", None
    if stat.S_ISREG(st.st_mode):
        return "file", st
    return ("link" if stat.S_ISLNK(st.st_mode) else "other"), None


def read_manifest(dest: Path) -> set[str]:
    """The files the generator wrote into *dest* last time (empty: none known)."""
    data = read_regular(dest, MANIFEST)
    try:
        text = data.decode("utf-8") if data is not None else ""
    except UnicodeDecodeError:
        return set()
    return {line for line in text.splitlines() if line and not line.startswith("#")
            and _relative(line)}


def _relative(rel: str) -> bool:
    parts = rel.split("/")
    return not rel.startswith("/") and ".." not in parts and "" not in parts


def plan(dest: Path, files: Tree,
         owned: Callable[[str], bool] | None = None,
         read: dict[str, Signature] | None = None) -> tuple[WriteReport, set[str]]:
    """What writing *files* into *dest* would do, and the new manifest.

    *owned* says which previously written files this run answers for (a run
    over one service answers only for that service's files); the default is
    all of them.  Files the manifest does not list are never removed.
    *read*: files this run read from *dest* and found to hold their text in
    *files* (or kept, :class:`Kept`), with their :func:`signature` then; one
    with the same signature now is unchanged without reading it again.  A kept
    file changed since is an OSError: its text is not known here.
    """
    before = read_manifest(dest)
    report = WriteReport()
    folders: dict[str, str] = {}
    for rel in sorted(files):
        kind, st = kind_stat(dest, rel, folders)
        if st is not None and read and rel in read and signature(st) == read[rel]:
            report.unchanged.append(rel)
            report.signatures[rel] = read[rel]
            continue
        text = files[rel]
        if isinstance(text, Kept):
            found = read_regular_signed(dest, rel) if kind == "file" else None
            if found is None or hashlib.sha256(found[0]).hexdigest() != text.sha:
                raise OSError(errno.EAGAIN, f"{rel} changed while this run generated; run it again")
            report.unchanged.append(rel)
            report.signatures[rel] = found[1]
            continue
        data = text.encode("utf-8")
        same = read_regular_signed(dest, rel, len(data)) if kind == "file" else None
        if same is not None and same[0] == data:
            report.unchanged.append(rel)
            report.signatures[rel] = same[1]
        elif kind == "missing":
            report.added.append(rel)
        else:  # a different file, or a link or anything else where the file goes
            report.changed.append(rel)
    mine = owned or (lambda rel: True)
    report.removed = sorted(rel for rel in before - set(files) if mine(rel)
                            and _kind(dest, rel) in ("file", "link"))
    manifest = (before - {rel for rel in before if mine(rel)}) | set(files)
    return report, manifest


def write_tree(dest: Path, files: Tree, owned: Callable[[str], bool] | None = None,
               read: dict[str, Signature] | None = None) -> WriteReport:
    """Make *dest* hold *files* (POSIX relative path → text); see the module docstring
    (*read*: as :func:`plan` takes it)."""
    for rel in files:
        if not _relative(rel) or rel == MANIFEST:
            raise ValueError(f"output path {rel!r} is not a plain relative path")
    dest = output_folder(dest)
    dest.parent.mkdir(parents=True, exist_ok=True)
    with output_lock(dest):
        return _write_locked(dest, files, owned, read)


def output_folder(dest: Path) -> Path:
    """*dest* made absolute; when it is a symbolic link, the folder it names
    (written into on purpose, the link kept), which must exist."""
    dest = Path(os.path.abspath(dest))
    if not dest.is_symlink():
        return dest
    real = Path(os.path.realpath(dest))
    if not real.is_dir():
        raise OSError(errno.ENOTDIR, f"{dest} is a symbolic link to {real}, which is not a folder "
                      "(the tree is written into the folder a link names; make that folder, or "
                      "remove the link)", str(dest))
    return real


def _write_locked(dest: Path, files: Tree, owned: Callable[[str], bool] | None,
                  read: dict[str, Signature] | None = None) -> WriteReport:
    recover(dest)
    report, manifest = plan(dest, files, owned, read)
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
        found = report.signatures
        report.signatures = {}
        for rel in sorted(write):
            _real_folders(tmp, rel)
            text = files[rel]
            if isinstance(text, Kept):  # (plan never counts one as added or changed)
                raise AssertionError(f"{rel}: a kept file to write")
            with open(tmp / rel, "x", encoding="utf-8", newline="\n") as fh:  # "x": no link followed
                fh.write(text)
            report.signatures[rel] = signature(os.lstat(tmp / rel))
        for rel, was in found.items():
            # linking changed the ctime; the bytes are the ones compared when the rest
            # of the signature (device, inode, size, mtime) is still the same
            try:
                now = signature(os.lstat(tmp / rel))
            except OSError:
                continue
            if now[:4] == was[:4]:
                report.signatures[rel] = now
        with open(tmp / MANIFEST, "x", encoding="utf-8", newline="\n") as fh:
            fh.write(manifest_text)
        _swap(tmp, dest)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    shutil.rmtree(tmp, ignore_errors=True)  # after an exchange: the old tree
    return report


def _real_folders(root: Path, rel: str) -> None:
    """The folders on the way to *root*/*rel*, as real folders: a link there
    (kept from the old tree) is replaced by a folder; what it named is not touched."""
    path = root
    for part in rel.split("/")[:-1]:
        path = path / part
        if path.is_symlink():
            path.unlink()
        if not path.is_dir():
            path.mkdir()


@contextlib.contextmanager
def output_lock(dest: Path, wait: float | None = None) -> Iterator[None]:
    """Hold ``.<name>.lock`` beside *dest* (one writing run at a time).  Held
    already by this thread: nothing more.  Held by another run: wait (saying
    so once on stderr) at most *wait* seconds (default ``LOCK_WAIT``), then
    an :class:`OSError` naming the process that holds it."""
    path = dest.parent / f".{dest.name}.lock"
    key = (str(path), threading.get_ident())
    if fcntl is None or key in _held:
        yield
        return
    fd = _acquire(path, dest, LOCK_WAIT if wait is None else wait)
    _held.add(key)
    try:
        yield
    finally:
        _held.discard(key)
        try:
            os.unlink(path)  # while still held: a run waiting on this file tries again
        except OSError:
            pass
        os.close(fd)


_held: set[tuple[str, int]] = set()


def _acquire(path: Path, dest: Path, wait: float) -> int:
    deadline = time.monotonic() + wait
    told = False
    while True:
        fd = os.open(path, os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0)
                     | getattr(os, "O_CLOEXEC", 0), 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as exc:
            if exc.errno not in (errno.EAGAIN, errno.EACCES, errno.EWOULDBLOCK):
                os.close(fd)
                raise
            holder = _holder(fd)
            os.close(fd)
            if time.monotonic() >= deadline:
                raise OSError(errno.EBUSY, f"another ksyun-codegen run ({holder}) is writing it "
                              f"and has held {path.name} for more than {wait:g} s", str(path)) from None
            if not told:
                print(f"ksyun-codegen: waiting for another run ({holder}) writing {dest}",
                      file=sys.stderr, flush=True)
                told = True
            time.sleep(_LOCK_POLL)
            continue
        try:  # the file we hold must still be the one at *path* (its last holder unlinks it)
            same = os.path.samestat(os.fstat(fd), os.lstat(path))
        except OSError:
            same = False
        if not same:
            os.close(fd)
            continue
        os.ftruncate(fd, 0)
        os.write(fd, f"pid {os.getpid()}\n".encode("ascii"))
        return fd


def _holder(fd: int) -> str:
    try:
        text = os.pread(fd, 64, 0).decode("ascii", "replace").strip()
    except OSError:
        text = ""
    return text if re.fullmatch(r"pid [0-9]{1,10}", text) else "pid unknown"


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
    new = sorted(p for p in dest.parent.glob(f".{dest.name}.new-*") if _own_folder(p))
    old = sorted(p for p in dest.parent.glob(f".{dest.name}.old-*") if _own_folder(p))
    if old and not dest.exists() and not dest.is_symlink():
        os.replace(old.pop(), dest)
    for leftover in (*new, *old):
        shutil.rmtree(leftover, ignore_errors=True)


def _own_folder(path: Path) -> bool:
    """A real folder (not a link) of this user."""
    try:
        st = os.lstat(path)
    except OSError:
        return False
    return stat.S_ISDIR(st.st_mode) and _mine(st)


def _mine(st: os.stat_result) -> bool:
    return not hasattr(os, "getuid") or st.st_uid == os.getuid()


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # another user's: alive
    return True


def temp_prefix(prefix: str) -> str:
    """The name start of this process's temporary files: *prefix*, its pid, '-'."""
    return f"{prefix}{os.getpid()}-"


def remove_stale_temps(folder: Path, prefix: str) -> list[Path]:
    """Remove the temporary files a killed run left in *folder*: only regular
    files of this user named ``<prefix><pid>-<8 characters>`` (as
    :func:`temp_prefix` and ``mkstemp`` name them) whose process is gone."""
    gone: list[Path] = []
    pattern = re.compile(re.escape(prefix) + r"([0-9]{1,10})-[a-z0-9_]{8}")
    try:
        names = os.listdir(folder)
    except OSError:
        return gone
    for name in names:
        match = pattern.fullmatch(name)
        if match is None or _alive(int(match.group(1))):
            continue
        path = folder / name
        try:
            st = os.lstat(path)
            if stat.S_ISREG(st.st_mode) and _mine(st):
                path.unlink()
                gone.append(path)
        except OSError:
            pass
    return gone


def write_text_atomic(path: Path, text: str) -> None:
    """Write one file so that readers see the old text or the new, never a part:
    a temporary file beside *path* (``.<name>.tmp-<pid>-*``; those of killed
    runs are removed first), then one rename."""
    path.parent.mkdir(parents=True, exist_ok=True)
    prefix = f".{path.name}.tmp-"
    remove_stale_temps(path.parent, prefix)
    fd, tmp = tempfile.mkstemp(prefix=temp_prefix(prefix), dir=path.parent)
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
    if only is None:
        rels: list[str] = []
        for folder, dirs, names in os.walk(root):  # links to folders are not followed
            here = Path(folder).relative_to(root)
            dirs[:] = [d for d in dirs if not _ignored(d) and not os.path.islink(os.path.join(folder, d))]
            rels.extend((here / n).as_posix() for n in names if not _ignored(n))
    else:
        rels = [rel for rel in only if _relative(rel)]
    for rel in sorted(rels):
        kind = _kind(root, rel)
        if kind in ("missing", "blocked") or (kind == "other" and os.path.isdir(root / rel)):
            continue
        data = read_regular(root, rel) if kind == "file" else None
        if data is None:  # a link, a FIFO, a device, a file past MAX_READ_BYTES
            out[rel] = "<not a regular file of at most MAX_READ_BYTES>"
            continue
        try:
            out[rel] = data.decode("utf-8")
        except UnicodeDecodeError:
            out[rel] = "<binary file>"
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
