"""Shared test helpers: paths, the CLI, generated packages, the SigV4 server."""

from __future__ import annotations

import contextlib
import io
import shutil
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from types import FrameType
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[1]
SPEC = REPO / "spec"
GENERATED = REPO / "generated"
SDK = GENERATED / "python"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
# The seed doc page: KSYUN's DescribeImages page, kept as text beside the spec
# (its first line says where it came from).
SEED = SPEC / "sources" / "kec" / "2016-03-04" / "DescribeImages.txt"

ACCESS_KEY = "AKLTtest0123456789"
SECRET_KEY = "SKsecret-Do-Not-Leak-0123456789abcdef"
REGION = "cn-beijing-6"

# The committed SDK is importable as `ksyun_sdk` in every test.
if str(SDK) not in sys.path:
    sys.path.insert(0, str(SDK))

from sigv4_server import SigV4Server  # noqa: E402

from generator.cli import main as cli_main  # noqa: E402
from generator.ir import Api, Service, TypeRef  # noqa: E402
from generator.pipeline import load_api  # noqa: E402


@contextlib.contextmanager
def _chdir(path: Path | None) -> Iterator[None]:
    if path is None:
        yield
        return
    with contextlib.chdir(path):
        yield


def run_cli(*argv: str | Path, cwd: Path | None = None) -> tuple[int, str, str]:
    """Run ``ksyun-codegen`` in process: (exit code, stdout, stderr)."""
    out, err = io.StringIO(), io.StringIO()
    with _chdir(cwd), contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = cli_main([str(a) for a in argv])
        except SystemExit as exc:  # argparse
            code = int(exc.code or 0)
    return code, out.getvalue(), err.getvalue()


def read_bytes_tree(root: Path) -> dict[str, bytes]:
    """Every file below *root*, byte for byte (caches excluded)."""
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and "__pycache__" not in p.parts and ".mypy_cache" not in p.parts
        and not (p.name.startswith(".") and p.name.endswith(".state.json"))  # generate's no-op state
    }


def copy_spec(dest: Path, src: Path = SPEC) -> Path:
    shutil.copytree(src, dest)
    return dest


@contextlib.contextmanager
def sdk_on_path(root: Path) -> Iterator[None]:
    """Import ``ksyun_sdk`` from *root* instead of the committed SDK, then put
    the committed one back exactly as it was."""
    saved = {n: m for n, m in sys.modules.items() if n == "ksyun_sdk" or n.startswith("ksyun_sdk.")}
    for name in saved:
        del sys.modules[name]
    sys.path.insert(0, str(root))
    try:
        yield
    finally:
        sys.path.remove(str(root))
        for name in [n for n in sys.modules if n == "ksyun_sdk" or n.startswith("ksyun_sdk.")]:
            del sys.modules[name]
        sys.modules.update(saved)


def example_of(service: Service, t: TypeRef, example: Any, has_example: bool) -> Any:
    """A wire value for a field, from the spec's examples (None: leave it out)."""
    if t.kind == "shape":
        return example_object(service, t.shape or "")
    if t.kind == "array" and t.item is not None:
        item = example_of(service, t.item, None, False)
        return [item] if item is not None else ([example] if has_example else None)
    return example if has_example else None


def example_object(service: Service, shape: str) -> dict[str, Any]:
    """The example response/object a shape's field examples describe."""
    out: dict[str, Any] = {}
    for f in service.shape(shape).fields:
        value = example_of(service, f.type, f.example, f.has_example)
        if value is not None:
            out[f.name] = value
    return out


@pytest.fixture(scope="session")
def api() -> Api:
    return load_api(SPEC)


@pytest.fixture(scope="session")
def kec(api: Api) -> Service:
    return next(s for s in api.services if s.name == "kec" and s.version == "2016-03-04")


@pytest.fixture(scope="session")
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


@pytest.fixture
def server() -> Iterator[SigV4Server]:
    srv = SigV4Server(ACCESS_KEY, SECRET_KEY, REGION).start()
    try:
        yield srv
    finally:
        srv.stop()


def lines_executed(fn: Callable[[], object]) -> int:
    """How many Python line, call and return events *fn* makes: a measure of its
    work that is the same on a busy machine (for tests of linear growth)."""
    steps = 0

    def trace(frame: FrameType, event: str, arg: object) -> Callable[..., object]:
        nonlocal steps
        steps += 1
        return trace

    sys.settrace(trace)
    try:
        fn()
    finally:
        sys.settrace(None)
    return steps
