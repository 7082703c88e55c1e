"""A hostile spec cannot run code, read files outside the spec folder,
exhaust memory or the stack: each attack is refused with ``FILE:LINE:
message`` (or ``FILE: /: message``), exit 2, no traceback, output untouched.

Each test edits a copy of tests/fixtures/minimal (tests/test_bad_specs.py).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import REPO, run_cli
from test_bad_specs import LINE_RE, MINIMAL, SERVICE, Case, edit, run_failing

from generator.build import default_idempotent


@pytest.fixture
def workdir(tmp_path: Path) -> Path:
    shutil.copytree(MINIMAL, tmp_path / "spec")
    (tmp_path / "out" / "python").mkdir(parents=True)
    (tmp_path / "out" / "python" / "old.py").write_bytes(b"# generated before\n")
    return tmp_path


def problems_of(workdir: Path, command: str = "generate") -> list[str]:
    return run_failing(workdir, command)


# -- names that reach generated files -------------------------------------------------
def test_a_spec_file_name_that_is_not_a_version_is_refused(workdir: Path) -> None:
    payload = "2020-01-01\n__import__('os').system('touch PWNED')#"
    os.rename(workdir / SERVICE, workdir / "spec" / "demo" / f"{payload}.yaml")
    code, _out, err = run_cli("generate", "--spec", "spec", "--out", "out", cwd=workdir)
    assert code == 2 and "Traceback" not in err
    first = err.splitlines()[0]
    assert first.startswith("spec/demo/2020-01-01\\n__import__")  # shown escaped, on one line
    assert "a service spec is named <service>/<version>.yaml" in first
    assert not (workdir / "out" / "python" / "ksyun_sdk").exists()
    assert not (workdir / "PWNED").exists()


def test_a_service_folder_that_is_not_a_plain_name_is_refused(workdir: Path) -> None:
    os.rename(workdir / "spec" / "demo", workdir / "spec" / "Demo")
    problems = problems_of(workdir)
    assert problems == ["spec/Demo/2020-01-01.yaml: /: a service spec is named "
                        "<service>/<version>.yaml: the service in lower-case letters and "
                        "digits, the version YYYY-MM-DD (or V1, V2...)"]


def test_the_header_comment_goes_through_the_comment_filter() -> None:
    """The escaping rule of every ``#`` line: no line break survives it."""
    from generator.targets.python.target import comment

    for brk in ("\n", "\r", "\x0b", "\x0c", "\x1c", "\x85", "\u2028", "\u2029"):
        assert "\n" not in comment(f"a{brk}import os") and brk not in comment(f"a{brk}b")


@pytest.mark.parametrize("old,new,message", [
    ('version: "2020-01-01"', 'version: "2020-01-01\\n"', "info.version must be the API version"),
    ("operationId: DescribeThings", 'operationId: "DescribeThings\\n"',
     "is not an action name"),
    ("x-ksyun-service: demo", 'x-ksyun-service: "demo\\n"', "info.x-ksyun-service must name"),
])
def test_names_are_matched_in_full(workdir: Path, old: str, new: str, message: str) -> None:
    edit(workdir, Case(old, new, "", new.split(":")[0]))
    problems = problems_of(workdir, "validate")
    assert any(message in p for p in problems), problems


@pytest.mark.parametrize("text", ["Demo\\0", "Demo\\x07", "Demo\\x9b", "Demo\\e"])
def test_control_characters_in_text_are_refused(workdir: Path, text: str) -> None:
    line = edit(workdir, Case("title: Demo", f'title: "{text}"', "", "title:"))
    problems = problems_of(workdir)
    assert len(problems) == 1, problems
    m = LINE_RE.match(problems[0])
    assert m is not None and int(m["line"]) == line
    assert "control character U+" in problems[0]


# -- $ref -------------------------------------------------------------------------------
def _outside(workdir: Path) -> Path:
    """A file beside the working folder (so not a leftover in it): ../../../<name> from the spec."""
    return workdir.parent / f"{workdir.name}-outside.yaml"


@pytest.mark.parametrize("ref", ["../../../{name}#/x", "/etc/passwd", "/proc/self/environ",
                                 "file:///etc/passwd", "../../../{name}"])
def test_ref_cannot_leave_the_spec_folder(workdir: Path, ref: str) -> None:
    _outside(workdir).write_text("x: {type: string}\n", encoding="utf-8")
    ref = ref.format(name=_outside(workdir).name)
    line = edit(workdir, Case('$ref: "#/components/schemas/Thing"', f'$ref: "{ref}"', "", "$ref"))
    problems = problems_of(workdir, "validate")
    assert f"{SERVICE}:{line}: $ref leaves the spec folder" in problems, problems


def test_ref_is_refused_before_the_file_is_opened(workdir: Path) -> None:
    """A FIFO outside the folder would block whoever opens it."""
    os.mkfifo(_outside(workdir))
    edit(workdir, Case('$ref: "#/components/schemas/Thing"',
                       f'$ref: "../../../{_outside(workdir).name}"', "", "$ref"))
    assert any("$ref leaves the spec folder" in p for p in problems_of(workdir, "validate"))


def test_a_symlink_that_leaves_the_folder_counts_as_leaving(workdir: Path) -> None:
    _outside(workdir).write_text("Thing: {type: object, properties: {A: {type: string}}}\n")
    os.symlink(_outside(workdir), workdir / "spec" / "link.yaml")
    edit(workdir, Case('$ref: "#/components/schemas/Thing"', '$ref: "../link.yaml#/Thing"', "", "$ref"))
    assert any("$ref leaves the spec folder" in p for p in problems_of(workdir, "validate"))


def test_refs_inside_the_folder_still_work(workdir: Path) -> None:
    code, _out, err = run_cli("validate", "--spec", "spec", cwd=workdir)
    assert code == 0, err  # the fixture refers to ../common.yaml


# -- memory and depth --------------------------------------------------------------------
def test_scalar_aliases_cannot_blow_up_memory(workdir: Path) -> None:
    big = "x" * 100_000
    rows = [f"big: &big {big}", "many:"] + ["  - *big"] * 10_000
    (workdir / SERVICE).write_text("\n".join(rows) + "\n", encoding="utf-8")
    started = time.perf_counter()
    problems = problems_of(workdir, "validate")
    assert time.perf_counter() - started < 10
    assert len(problems) == 1 and "characters" in problems[0] and LINE_RE.match(problems[0])


@pytest.mark.parametrize("text,line", [
    ("a: " + "[" * 100 + "]" * 100 + "\n", 1),
    ("".join(" " * i + f"k{i}:\n" for i in range(200)) + " " * 200 + "v: 1\n", 64),
])
def test_yaml_nested_too_deep_is_a_clear_error(workdir: Path, text: str, line: int) -> None:
    (workdir / SERVICE).write_text(text, encoding="utf-8")
    problems = problems_of(workdir, "validate")
    assert problems == [f"{SERVICE}:{line}: YAML: nesting deeper than 64"]


def _chain(n: int) -> str:
    rows = []
    for i in range(n):
        nxt = f"{{$ref: '#/components/schemas/S{i + 1}'}}" if i + 1 < n else "{type: string}"
        rows.append(f"    S{i}:\n      type: object\n      properties:\n        Next: {nxt}\n")
    return "".join(rows)


def _with_chain(workdir: Path, length: int) -> None:
    """Thing gets a field Chain: S0 -> S1 -> ... -> S<length-1>, each a named object."""
    text = (workdir / SERVICE).read_text(encoding="utf-8")
    text = text.replace("          example: 3\n",
                        "          example: 3\n"
                        "        Chain: {$ref: '#/components/schemas/S0'}\n")
    text = text.replace("components:\n  schemas:\n", "components:\n  schemas:\n" + _chain(length))
    (workdir / SERVICE).write_text(text, encoding="utf-8")


@pytest.mark.parametrize("length", [200, 1000])
def test_a_long_chain_of_shapes_is_a_clear_error(workdir: Path, length: int) -> None:
    _with_chain(workdir, length)
    problems = problems_of(workdir)
    assert any("nesting deeper than 32 (objects and lists within each other)" in p
               for p in problems), problems
    assert not any("recursion" in p.lower() for p in problems)


def test_a_short_chain_of_shapes_is_fine(workdir: Path) -> None:
    _with_chain(workdir, 20)
    code, _out, err = run_cli("validate", "--spec", "spec", cwd=workdir)
    assert code == 0, err


def test_a_ref_cycle_names_the_cycle(workdir: Path) -> None:
    text = (workdir / SERVICE).read_text(encoding="utf-8")
    text = text.replace("components:\n  schemas:\n",
                        "components:\n  schemas:\n"
                        "    Loop:\n      type: array\n      items: {$ref: '#/components/schemas/Loop'}\n")
    text = text.replace("          example: 3\n",
                        "          example: 3\n"
                        "        Ring: {$ref: '#/components/schemas/Loop'}\n")
    (workdir / SERVICE).write_text(text, encoding="utf-8")
    problems = problems_of(workdir)
    cycle = [p for p in problems if "circular $ref: " in p]
    assert cycle, problems
    assert "#/components/schemas/Loop -> " in cycle[0]


def test_a_ref_to_ref_cycle_names_the_cycle(workdir: Path) -> None:
    text = (workdir / SERVICE).read_text(encoding="utf-8")
    text = text.replace("components:\n  schemas:\n",
                        "components:\n  schemas:\n"
                        "    A: {$ref: '#/components/schemas/B'}\n"
                        "    B: {$ref: '#/components/schemas/A'}\n")
    text = text.replace("          example: 3\n",
                        "          example: 3\n"
                        "        Ring: {$ref: '#/components/schemas/A'}\n")
    (workdir / SERVICE).write_text(text, encoding="utf-8")
    problems = problems_of(workdir)
    assert any("circular $ref: " in p and "/components/schemas/A" in p
               and "/components/schemas/B" in p for p in problems), problems


def test_a_large_spec_stays_within_a_few_hundred_mb(tmp_path: Path) -> None:
    """~1 MB of aliases, the worst a small file can do, in a fresh process."""
    spec = tmp_path / "spec" / "demo"
    spec.mkdir(parents=True)
    rows = ["a: &a " + "y" * 1_000_000, "b:"] + ["  - *a"] * 5
    (spec / "2020-01-01.yaml").write_text("\n".join(rows) + "\n", encoding="utf-8")
    code = (
        "import resource, sys\n"
        "from generator.cli import main\n"
        "rc = main(['validate', '--spec', sys.argv[1]])\n"
        "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024)\n"
    )
    done = subprocess.run([sys.executable, "-c", code, str(tmp_path / "spec")], cwd=REPO,
                          capture_output=True, text=True, timeout=120)
    assert "Traceback" not in done.stderr
    assert int(done.stdout.split()[-1]) < 400, "MB of peak memory"


# -- idempotency -------------------------------------------------------------------------
@pytest.mark.parametrize("action,expected", [
    ("DescribeImages", True), ("ListThings", True), ("GetQuota", True), ("QueryPrice", True),
    ("CheckQuota", True), ("Check", True), ("Describe", True),
    ("CheckoutOrders", False), ("Getaway", False), ("Listen", False), ("ListenerCreate", False),
    ("Querying", False), ("Describer", False), ("RunInstances", False), ("describeImages", False),
])
def test_idempotency_default_matches_whole_verbs(action: str, expected: bool) -> None:
    assert default_idempotent(action) is expected
