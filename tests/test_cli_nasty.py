"""Nasty input through the command line: each gets a one-line error, a non-zero
exit, no traceback, and leaves the output folder (or the spec) as it was.

Spec-level cases live in tests/test_bad_specs.py; these are the ones about the
command's own arguments, import-doc's files and text the templates must escape.
"""

from __future__ import annotations

import ast
import shutil
from pathlib import Path

import pytest
import yaml
from conftest import FIXTURES, SPEC, read_bytes_tree, run_cli, sdk_on_path

PAGES = Path(__file__).resolve().parent / "pages"
RUN_INSTANCES = (PAGES / "RunInstances.txt").read_text(encoding="utf-8")
IMPORT = ("--service", "kec", "--version", "2016-03-04", "--spec", "spec")


def assert_refused(code: int, err: str, message: str) -> None:
    assert code == 2, err
    assert "Traceback" not in err
    assert message in err, err


# ---- text the templates must escape ----------------------------------------------

def test_title_with_quotes_and_a_newline_is_escaped(tmp_path: Path) -> None:
    shutil.copytree(FIXTURES / "minimal", tmp_path / "spec")
    service = tmp_path / "spec" / "demo" / "2020-01-01.yaml"
    title = 'Demo """\nimport os {{ x }} \\'
    text = service.read_text(encoding="utf-8")
    service.write_text(text.replace("  title: Demo\n", '  title: "Demo \\"\\"\\"\\nimport os {{ x }} \\\\"\n'),
                       encoding="utf-8")
    code, _out, err = run_cli("generate", "--spec", "spec", "--out", "out", cwd=tmp_path)
    assert code == 0, err
    root = tmp_path / "out" / "python"
    one_line = " ".join(title.split())
    for rel in ("ksyun_sdk/__init__.py", "ksyun_sdk/demo/v2020_01_01/client.py",
                "ksyun_sdk/demo/v2020_01_01/errors.py"):
        doc = ast.get_docstring(ast.parse((root / rel).read_text(encoding="utf-8")), clean=False)
        assert doc is not None and one_line in doc, (rel, doc)
    with sdk_on_path(root):
        import ksyun_sdk.demo.v2020_01_01 as demo

        assert demo.DemoClient.__name__ == "DemoClient"


@pytest.mark.parametrize(("old", "new", "text", "rel"), [
    ("        - name: ThingId\n", "        - name: 'Thing\"\"\"Id\\'\n", 'Thing"""Id\\',
     "ksyun_sdk/demo/v2020_01_01/_actions/describe.py"),
    ("- code: ThingBusy", "- code: 'Thing\"\"\"Busy\\'", 'Thing"""Busy\\',
     "ksyun_sdk/demo/v2020_01_01/errors.py"),
])
def test_wire_names_with_quotes_are_escaped_in_docstrings(tmp_path: Path, old: str, new: str,
                                                          text: str, rel: str) -> None:
    shutil.copytree(FIXTURES / "minimal", tmp_path / "spec")
    service = tmp_path / "spec" / "demo" / "2020-01-01.yaml"
    spec_text = service.read_text(encoding="utf-8")
    assert spec_text.count(old) == 1
    service.write_text(spec_text.replace(old, new), encoding="utf-8")
    code, _out, err = run_cli("generate", "--spec", "spec", "--out", "out", cwd=tmp_path)
    assert code == 0, err
    tree = ast.parse((tmp_path / "out" / "python" / rel).read_text(encoding="utf-8"))
    docs = [ast.get_docstring(n, clean=False) or "" for n in ast.walk(tree)
            if isinstance(n, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))]
    assert any(text in d for d in docs), docs


# ---- generate / check ----------------------------------------------------------------

@pytest.mark.parametrize("command", ["generate", "check"])
@pytest.mark.parametrize("out", ["taken", "taken/sub"])
def test_out_that_is_a_file(tmp_path: Path, command: str, out: str) -> None:
    shutil.copytree(FIXTURES / "minimal", tmp_path / "spec")
    (tmp_path / "taken").write_bytes(b"a file\n")
    code, _out, err = run_cli(command, "--spec", "spec", "--out", out, cwd=tmp_path)
    assert_refused(code, err, "ksyun-codegen: --out: taken is not a folder")
    assert (tmp_path / "taken").read_bytes() == b"a file\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["spec", "taken"]


# ---- import-doc ----------------------------------------------------------------------

@pytest.fixture
def workdir(tmp_path: Path) -> Path:
    shutil.copytree(SPEC, tmp_path / "spec")
    (tmp_path / "RunInstances.txt").write_text(RUN_INSTANCES, encoding="utf-8")
    return tmp_path


def import_refused(workdir: Path, page: str, message: str, *extra: str) -> None:
    before = read_bytes_tree(workdir / "spec")
    code, _out, err = run_cli("import-doc", page, *(extra or IMPORT), cwd=workdir)
    assert_refused(code, err, message)
    assert read_bytes_tree(workdir / "spec") == before, "the spec changed"


def test_import_page_that_is_a_folder(workdir: Path) -> None:
    (workdir / "pages").mkdir()
    import_refused(workdir, "pages", "import-doc: pages: no page in it (pages are named *.txt, "
                   "*.md, *.html or *.htm)")


@pytest.mark.parametrize(("content", "message"), [
    (b"openapi: 3.1.0\n\xff\n", "spec/kec/2016-03-04.yaml: /: not UTF-8 text"),
    (b"- a\n- list\n", "spec/kec/2016-03-04.yaml:1: expected an OpenAPI document (a mapping)"),
])
def test_import_into_a_spec_that_is_not_a_spec(workdir: Path, content: bytes, message: str) -> None:
    (workdir / "spec" / "kec" / "2016-03-04.yaml").write_bytes(content)
    import_refused(workdir, "RunInstances.txt", message)


@pytest.mark.parametrize(("content", "message"), [
    (b"actions: {}\n\xff\n", "spec/kec/hints/2016-03-04.yaml: /: not UTF-8 text"),
    (b"- a\n- list\n", "spec/kec/hints/2016-03-04.yaml:1: expected a mapping (service, actions)"),
])
def test_import_with_hints_that_are_not_hints(workdir: Path, content: bytes, message: str) -> None:
    (workdir / "spec" / "kec" / "hints" / "2016-03-04.yaml").write_bytes(content)
    import_refused(workdir, "RunInstances.txt", message)


def test_import_action_name_with_a_hyphen_is_not_cut_short(workdir: Path) -> None:
    (workdir / "page.txt").write_text(RUN_INSTANCES.replace("取值:RunInstances", "取值:Run-Instances"),
                                      encoding="utf-8")
    import_refused(workdir, "page.txt", "page.txt:5: the Action row does not say the action name")


def test_import_duplicate_error_code(workdir: Path) -> None:
    """One code with two HTTP statuses cannot be one error class: refused."""
    lines = RUN_INSTANCES.splitlines()
    first = next(i for i, line in enumerate(lines, 1) if line.startswith("| QuotaExceeded |"))
    second = next(i for i, line in enumerate(lines, 1) if line.startswith("| InvalidImageId.NotFound |"))
    (workdir / "page.txt").write_text(
        RUN_INSTANCES.replace("| InvalidImageId.NotFound |", "| QuotaExceeded |"), encoding="utf-8")
    import_refused(workdir, "page.txt",
                   f"page.txt:{second}: duplicate error code 'QuotaExceeded' (first at line {first})")


def test_import_one_code_with_two_messages_is_one_error(workdir: Path) -> None:
    """KSYUN's pages list a code twice with two wordings of one 400: one error, both texts."""
    lines = RUN_INSTANCES.splitlines()
    second = next(i for i, line in enumerate(lines, 1) if line.startswith("| InsufficientBalance |"))
    (workdir / "page.txt").write_text(
        RUN_INSTANCES.replace("| InsufficientBalance |", "| QuotaExceeded |"), encoding="utf-8")
    code, _out, err = run_cli("import-doc", "page.txt", *IMPORT, cwd=workdir)
    assert code == 0, err
    assert f"page.txt:{second}: note: error QuotaExceeded again, with another message" in err
    doc = yaml.safe_load((workdir / "spec" / "kec" / "2016-03-04.yaml").read_text(encoding="utf-8"))
    errors = doc["paths"]["/#Action=RunInstances"]["post"]["x-ksyun-errors"]
    assert [e["code"] for e in errors].count("QuotaExceeded") == 1
    assert [e["code"] for e in errors].count("InsufficientBalance") == 1  # kept: not on the page now


@pytest.mark.parametrize(("service", "version", "message"), [
    ("KEC", "2016-03-04", "--service must be a lower-case service name such as kec, got 'KEC'"),
    ("../kec", "2016-03-04", "--service must be a lower-case service name"),
    ("kec", "2016-3-4", "--api-version must be the service's API version YYYY-MM-DD (or V1, V2...), got '2016-3-4'"),
])
def test_import_bad_service_or_version(workdir: Path, service: str, version: str, message: str) -> None:
    import_refused(workdir, "RunInstances.txt", message,
                   "--service", service, "--version", version, "--spec", "spec")
    assert sorted(p.name for p in (workdir / "spec").iterdir()) == sorted(p.name for p in SPEC.iterdir())


# ---- mock ----------------------------------------------------------------------------

@pytest.mark.parametrize(("args", "message"), [
    (("--port", "99999"), "--port must be between 0 and 65535, got 99999"),
    (("--port", "-1"), "--port must be between 0 and 65535, got -1"),
    (("--retry-after", "-3"), "--retry-after must not be negative, got -3"),
])
def test_mock_bad_options(args: tuple[str, ...], message: str) -> None:
    code, out, err = run_cli("mock", "--spec", str(FIXTURES / "minimal"), *args)
    assert_refused(code, err, message)
    assert "listening" not in out
