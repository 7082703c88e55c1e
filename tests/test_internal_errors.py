"""A generator bug (output black cannot parse, dcg refusing our input) is one
line naming what failed, exit 3, and nothing written; never a traceback."""

from __future__ import annotations

import copy
import pickle
from pathlib import Path

import pytest
from conftest import SPEC

import generator.fmt as fmt
from generator.cli import main
from generator.problems import GeneratorBug

ROOT = Path(__file__).resolve().parents[1]


def test_black_failure_names_the_file() -> None:
    with pytest.raises(GeneratorBug) as info:
        fmt.format_python({"pkg/ok.py": "x = 1\n", "pkg/bad.py": "def (:\n"})
    assert "pkg/bad.py" in str(info.value)
    assert "\n" not in str(info.value)


@pytest.mark.parametrize("broken", ["black", "dcg"])
def test_cli_reports_a_generator_bug_without_traceback(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], broken: str
) -> None:
    monkeypatch.setenv("KSYUN_CODEGEN_NO_CACHE", "1")
    monkeypatch.setenv("KSYUN_CODEGEN_JOBS", "1")  # in this process, where the patch is
    if broken == "black":
        monkeypatch.setattr(fmt, "format_source", lambda src: (_ for _ in ()).throw(ValueError("boom\nmore")))
    else:
        def fail(*args: object, **kwargs: object) -> None:
            raise ValueError("dcg says no")

        import datamodel_code_generator

        monkeypatch.setattr(datamodel_code_generator, "generate", fail)
    out = tmp_path / "out"
    (out / "python").mkdir(parents=True)
    (out / "python" / "sentinel.txt").write_text("keep me\n")
    code = main(["generate", "--spec", str(ROOT / "spec"), "--out", str(out)])
    err = capsys.readouterr().err
    assert code == 3
    assert "Traceback" not in err
    assert err.splitlines()[0].startswith("ksyun-codegen: internal error: ")
    assert ("black could not format generated file" in err) if broken == "black" else ("dcg says no" in err)
    assert sorted(p.name for p in out.rglob("*")) == ["python", "sentinel.txt"]


def test_credentials_copy_but_never_pickle() -> None:
    from ksyun_sdk import Credentials  # the committed SDK (conftest puts it on the path)

    creds = Credentials("AKLTabcdefgh1234", "not-for-pickle")
    assert copy.deepcopy(creds) is creds and copy.copy(creds) is creds
    with pytest.raises(TypeError):
        pickle.dumps(creds)
    assert "not-for-pickle" not in repr(creds)


# ---- a manifest that makes no sense is our bug, not the spec's -------------------

def _target_with_manifest(tmp_path: Path, manifest: str) -> type:
    """A target whose templates live in *tmp_path* (a manifest and one template)."""
    from generator.targets.base import Target

    folder = tmp_path / "templates"
    folder.mkdir()
    (folder / "manifest.yaml").write_text(manifest, encoding="utf-8")
    (folder / "one.txt.j2").write_text("{{ api.services | length }}\n", encoding="utf-8")

    class ManifestTarget(Target):
        name = "manifest-under-test"

        @property
        def template_dir(self) -> Path:
            return folder

    return ManifestTarget


TWICE = "files:\n  - {template: one.txt.j2, output: same.txt}\n  - {template: one.txt.j2, output: same.txt}\n"
ESCAPES = "files:\n  - {template: one.txt.j2, output: ../outside.txt}\n"
# (a manifest that says something the renderer cannot do, such as an unknown `each:`, is
# refused when it is read, in one line naming the key: tests/test_target_contract.py)


@pytest.mark.parametrize(("manifest", "message"), [
    (TWICE, "two templates write 'same.txt'"),
    (ESCAPES, "output path '../outside.txt' leaves the output folder"),
])
def test_manifest_mistakes_are_generator_bugs(tmp_path: Path, manifest: str, message: str) -> None:
    from generator.pipeline import load_api

    target = _target_with_manifest(tmp_path, manifest)()
    with pytest.raises(GeneratorBug) as info:
        target.render(load_api(ROOT / "tests" / "fixtures" / "minimal"))
    assert str(info.value) == message


def test_cli_exits_3_when_two_templates_write_one_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from generator import targets

    monkeypatch.setitem(targets.TARGETS, "python", _target_with_manifest(tmp_path, TWICE))
    out = tmp_path / "out"
    code = main(["generate", "--spec", str(ROOT / "tests" / "fixtures" / "minimal"), "--out", str(out)])
    err = capsys.readouterr().err
    assert code == 3, err
    assert err.splitlines()[0] == "ksyun-codegen: internal error: two templates write 'same.txt'"
    assert "Traceback" not in err and "problem" not in err.splitlines()[0]
    assert not out.exists()


def test_an_unexpected_exception_is_one_line_and_exit_3(monkeypatch: pytest.MonkeyPatch,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    """A bug that is not a GeneratorBug (a stray ValueError) still gets one line
    and exit 3, never a traceback; KSYUN_CODEGEN_DEBUG=1 lets it through."""
    from generator import cli, pipeline

    def boom(*_args: object, **_kwargs: object) -> None:
        raise ValueError("stray")

    monkeypatch.setattr(pipeline, "load_api", boom)
    monkeypatch.delenv("KSYUN_CODEGEN_DEBUG", raising=False)
    assert cli.main(["validate", "--spec", str(SPEC)]) == 3
    err = capsys.readouterr().err
    assert err.splitlines()[0] == "ksyun-codegen: internal error: ValueError: stray"
    assert "Traceback" not in err and len(err.splitlines()) == 2
    monkeypatch.setenv("KSYUN_CODEGEN_DEBUG", "1")
    with pytest.raises(ValueError, match="stray"):
        cli.main(["validate", "--spec", str(SPEC)])
