"""The no-op regenerate (generator/state.py): decided from hashes before any
stage runs, and never taken when anything the output depends on changed."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from conftest import FIXTURES, read_bytes_tree, run_cli

import generator.pipeline
from generator import state
from generator.targets import TARGETS
from generator.write import MANIFEST

SPEC_FILE = Path("demo") / "2020-01-01.yaml"


@pytest.fixture
def spec(tmp_path: Path) -> Path:
    return Path(shutil.copytree(FIXTURES / "minimal", tmp_path / "spec"))


@pytest.fixture
def runs(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """The spec of every run of the pipeline (load_api counts as running it)."""
    seen: list[Path] = []
    real = generator.pipeline.load_api

    def spy(spec: Path, *args: Any, **kwargs: Any) -> Any:
        seen.append(spec)
        return real(spec, *args, **kwargs)

    monkeypatch.setattr(generator.pipeline, "load_api", spy)
    return seen


def generate(spec: Path, out: Path) -> str:
    code, stdout, stderr = run_cli("generate", "--spec", spec, "--out", out, "--target", "python")
    assert code == 0, stderr
    return stdout


def fresh(spec: Path, tmp_path: Path) -> dict[str, bytes]:
    """What a full run writes for *spec*, in a folder of its own."""
    out = tmp_path / "fresh"
    shutil.rmtree(out, ignore_errors=True)
    generate(spec, out)
    return read_bytes_tree(out / "python")


def test_noop_runs_no_stage(spec: Path, tmp_path: Path, runs: list[Path]) -> None:
    out = tmp_path / "out"
    generate(spec, out)
    assert len(runs) == 1
    before = read_bytes_tree(out / "python")
    assert "is up to date" in generate(spec, out)
    assert len(runs) == 1  # the pipeline did not run again
    assert read_bytes_tree(out / "python") == before


def _edit_spec(spec: Path, out: Path) -> None:
    path = spec / SPEC_FILE
    path.write_text(path.read_text(encoding="utf-8").replace("东西的ID。", "东西的编号。"), encoding="utf-8")


def _edit_common(spec: Path, out: Path) -> None:
    path = spec / "common.yaml"
    text = path.read_text(encoding="utf-8")
    assert "description: " in text
    path.write_text(text.replace("description: ", "description: Changed. ", 1), encoding="utf-8")


def _new_spec_file(spec: Path, out: Path) -> None:
    (spec / "notes.md").write_text("a file the generator might read\n", encoding="utf-8")


def _edit_output(spec: Path, out: Path) -> None:
    path = next(p for p in sorted((out / "python").rglob("*.py")) if p.stat().st_size > 0)
    path.write_text(path.read_text(encoding="utf-8") + "# edited by hand\n", encoding="utf-8")


def _delete_output(spec: Path, out: Path) -> None:
    next(p for p in sorted((out / "python").rglob("*.py"))).unlink()


def _edit_manifest(spec: Path, out: Path) -> None:
    path = out / "python" / MANIFEST
    path.write_text(path.read_text(encoding="utf-8") + "stray.py\n", encoding="utf-8")


def _corrupt_state(spec: Path, out: Path) -> None:
    state.state_path(out, "python").write_text("{not json", encoding="utf-8")


def _delete_state(spec: Path, out: Path) -> None:
    state.state_path(out, "python").unlink()


@pytest.mark.parametrize("change", [
    _edit_spec, _edit_common, _new_spec_file, _edit_output, _delete_output, _edit_manifest,
    _corrupt_state, _delete_state,
])
def test_any_change_runs_the_pipeline(change: Callable[[Path, Path], None], spec: Path, tmp_path: Path,
                                      runs: list[Path]) -> None:
    out = tmp_path / "out"
    generate(spec, out)
    change(spec, out)
    assert "is up to date" not in generate(spec, out)
    assert len(runs) == 2
    # ... and the result is byte for byte what a full run writes.
    assert read_bytes_tree(out / "python") == fresh(spec, tmp_path)
    assert "is up to date" in generate(spec, out)


def test_toolchain_change_runs_the_pipeline(spec: Path, tmp_path: Path, runs: list[Path],
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "out"
    generate(spec, out)
    real = state.toolchain()
    monkeypatch.setattr(state, "toolchain", lambda *_: "another black, or an edited template")
    assert "is up to date" not in generate(spec, out)
    monkeypatch.setattr(state, "toolchain", lambda *_: real)
    assert "is up to date" not in generate(spec, out)
    assert len(runs) == 3


def test_toolchain_covers_templates_and_generator(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real = state.toolchain()
    templates = Path(shutil.copytree(state.TEMPLATES, tmp_path / "templates"))
    monkeypatch.setattr(state, "TEMPLATES", templates)
    assert state.toolchain() == real  # same files, same digest
    manifest = templates / "python" / "manifest.yaml"
    manifest.write_text(manifest.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert state.toolchain() != real
    monkeypatch.setattr(state, "TEMPLATES", state.TEMPLATES)
    code = Path(shutil.copytree(state.GENERATOR, tmp_path / "generator"))
    monkeypatch.setattr(state, "GENERATOR", code)
    (code / "naming.py").write_text((code / "naming.py").read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert state.toolchain() != real


def test_single_file_spec_tracks_its_refs(spec: Path, tmp_path: Path, runs: list[Path]) -> None:
    """With --spec naming one file, documents it reaches through $ref are inputs too."""
    out = tmp_path / "out"
    generate(spec / SPEC_FILE, out)
    assert "is up to date" in generate(spec / SPEC_FILE, out)
    _edit_common(spec, out)
    assert "is up to date" not in generate(spec / SPEC_FILE, out)
    assert len(runs) == 2


def test_spec_changed_during_the_run_is_not_trusted(spec: Path, tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """An input edited while the pipeline ran gets no hash: the next run is a full one."""
    out = tmp_path / "out"
    real = generator.pipeline.load_api

    def edit_while_loading(s: Path, *args: Any, **kwargs: Any) -> Any:
        api = real(s, *args, **kwargs)
        _edit_spec(spec, out)
        return api

    monkeypatch.setattr(generator.pipeline, "load_api", edit_while_loading)
    generate(spec, out)
    monkeypatch.setattr(generator.pipeline, "load_api", real)
    assert "is up to date" not in generate(spec, out)
    assert read_bytes_tree(out / "python") == fresh(spec, tmp_path)


def test_state_file_is_deterministic_and_relative(spec: Path, tmp_path: Path) -> None:
    other = Path(shutil.copytree(spec, tmp_path / "elsewhere" / "spec"))
    generate(spec, tmp_path / "a")
    generate(other, tmp_path / "elsewhere" / "b")
    first = state.state_path(tmp_path / "a", "python").read_bytes()
    assert first == state.state_path(tmp_path / "elsewhere" / "b", "python").read_bytes()
    assert str(tmp_path).encode() not in first and b"/tmp" not in first


def test_check_ignores_the_state(spec: Path, tmp_path: Path) -> None:
    """`check` always compares with a fresh generation."""
    out = tmp_path / "out"
    generate(spec, out)
    _edit_output(spec, out)
    code, stdout, _ = run_cli("check", "--spec", spec, "--out", out, "--target", "python")
    assert code == 1 and "# edited by hand" in stdout


def test_every_target_noop(spec: Path, tmp_path: Path, runs: list[Path]) -> None:
    """Without --target, the run is skipped only when every target's output is current."""
    out = tmp_path / "out"
    for _ in range(2):
        code, stdout, stderr = run_cli("generate", "--spec", spec, "--out", out)
        assert code == 0, stderr
    assert len(runs) == 1 and stdout.count("is up to date") == len(TARGETS)
    state.state_path(out, "typescript").unlink()
    code, stdout, stderr = run_cli("generate", "--spec", spec, "--out", out)
    assert code == 0 and len(runs) == 2 and "is up to date" not in stdout


def test_a_file_the_writer_does_not_own_is_no_change(spec: Path, tmp_path: Path, runs: list[Path]) -> None:
    """A full run leaves a file outside its manifest alone; so does the no-op."""
    out = tmp_path / "out"
    generate(spec, out)
    (out / "python" / "notes.txt").write_text("mine\n", encoding="utf-8")
    assert "is up to date" in generate(spec, out)
    assert len(runs) == 1 and (out / "python" / "notes.txt").read_text(encoding="utf-8") == "mine\n"


def test_ir_code_covers_the_builder_not_targets_nor_templates(tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    """The IR cache's key: an edited builder module changes it; an edited target,
    template or README does not (the IR is built before any of them is read)."""
    real = state.ir_code()
    code = Path(shutil.copytree(state.GENERATOR, tmp_path / "generator"))
    monkeypatch.setattr(state, "GENERATOR", code)
    assert state.ir_code() == real
    for unread in (code / "targets" / "go" / "target.py", code / "README.md"):
        unread.write_text(unread.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    templates = Path(shutil.copytree(state.TEMPLATES, tmp_path / "templates"))
    monkeypatch.setattr(state, "TEMPLATES", templates)
    (templates / "python" / "manifest.yaml").write_text("# edited\n", encoding="utf-8")
    assert state.ir_code() == real
    builder = code / "builder" / "types.py"
    builder.write_text(builder.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert state.ir_code() != real
