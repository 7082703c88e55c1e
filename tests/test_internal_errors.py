"""A generator bug (output black cannot parse, dcg refusing our input) is one
line naming what failed, exit 3, and nothing written; never a traceback."""

from __future__ import annotations

import copy
import pickle
from pathlib import Path

import pytest

import generator.fmt as fmt
import generator.targets.python_models as python_models
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
