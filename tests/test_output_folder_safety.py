"""The output folder against a hostile file system: links below it are never
written (or read) through, an output folder that is a link is followed on
purpose and kept, the state file's lists name no file that is read unless
it is a regular one of bounded size, two runs into one folder take turns,
and the temporary files of a killed run are removed by the next one."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import textwrap
import threading
import tracemalloc
from pathlib import Path

import pytest
from conftest import FIXTURES, REPO, read_bytes_tree, run_cli

from generator import state, write

OLD = {"pkg/a.py": "a = 1\n", "pkg/sub/b.py": "b = 1\n", "top.py": "t = 1\n"}
NEW = {"pkg/a.py": "a = 2\n", "pkg/sub/b.py": "b = 2\n", "pkg/c.py": "c = 2\n", "top.py": "t = 2\n"}


def _victim(tmp_path: Path) -> tuple[Path, dict[str, bytes]]:
    """A folder outside the output, with files named like generated ones."""
    outside = tmp_path / "outside"
    (outside / "sub").mkdir(parents=True)
    (outside / "a.py").write_text("precious\n")
    (outside / "sub" / "b.py").write_text("precious too\n")
    return outside, read_bytes_tree(outside)


def _tree(dest: Path) -> dict[str, str]:
    return {k: v.decode() for k, v in read_bytes_tree(dest).items() if k != write.MANIFEST}


# -- links inside the output folder ---------------------------------------------------------------
@pytest.mark.parametrize("link", ["pkg", "pkg/sub"])
def test_a_linked_folder_inside_is_not_written_through(tmp_path: Path, link: str) -> None:
    dest = tmp_path / "out" / "python"
    write.write_tree(dest, OLD)
    outside, before = _victim(tmp_path)
    shutil.rmtree(dest / link)
    os.symlink(outside if link == "pkg" else outside / "sub", dest / link)
    report = write.write_tree(dest, NEW)
    assert read_bytes_tree(outside) == before, "a file outside the output was written"
    assert not (dest / link).is_symlink() and (dest / link).is_dir()
    assert _tree(dest) == NEW
    assert "pkg/sub/b.py" in report.changed  # the link's file was never taken as its own
    assert write.write_tree(dest, NEW).touched is False  # and the next run is a no-op


def test_a_linked_file_inside_is_replaced_not_followed(tmp_path: Path) -> None:
    dest = tmp_path / "python"
    write.write_tree(dest, OLD)
    outside, before = _victim(tmp_path)
    (dest / "top.py").unlink()
    os.symlink(outside / "a.py", dest / "top.py")
    (dest / "pkg" / "a.py").unlink()
    os.symlink(outside / "a.py", dest / "pkg" / "a.py")
    write.write_tree(dest, {**NEW, "pkg/a.py": "precious\n"})  # same bytes as the link's target
    assert read_bytes_tree(outside) == before
    assert not (dest / "top.py").is_symlink() and not (dest / "pkg" / "a.py").is_symlink()
    assert (dest / "pkg" / "a.py").read_text() == "precious\n"


def test_check_and_plan_read_nothing_through_links(tmp_path: Path) -> None:
    dest = tmp_path / "python"
    write.write_tree(dest, OLD)
    shutil.rmtree(dest / "pkg" / "sub")
    os.mkfifo(dest / "pkg" / "sub")  # a FIFO where a folder goes: nothing may block on it
    os.unlink(dest / "top.py")
    os.symlink("/dev/zero", dest / "top.py")
    report, _manifest = write.plan(dest, NEW)
    assert report.changed == ["pkg/a.py", "pkg/sub/b.py", "top.py"]
    tree = write.read_tree(dest)
    assert "pkg/sub/b.py" not in tree and tree["top.py"].startswith("<not a regular file")
    assert write.read_tree(dest, set(OLD))["top.py"].startswith("<not a regular file")


# -- the output folder itself a link -----------------------------------------------------------------
def test_an_output_folder_that_is_a_link_is_followed_and_kept(tmp_path: Path) -> None:
    real = tmp_path / "elsewhere" / "sdk"
    real.mkdir(parents=True)
    (real / "notes.txt").write_text("mine\n")
    dest = tmp_path / "out" / "python"
    dest.parent.mkdir()
    os.symlink(real, dest)
    write.write_tree(dest, OLD)
    write.write_tree(dest, NEW)
    assert dest.is_symlink() and Path(os.path.realpath(dest)) == real.resolve()
    assert _tree(real) == {**NEW, "notes.txt": "mine\n"}
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["python"]
    assert sorted(p.name for p in (tmp_path / "elsewhere").iterdir()) == ["sdk"], "leftovers"


def test_a_dangling_output_link_is_refused_in_words(tmp_path: Path) -> None:
    dest = tmp_path / "python"
    os.symlink(tmp_path / "missing", dest)
    with pytest.raises(OSError, match="is a symbolic link to .* which is not a folder"):
        write.write_tree(dest, OLD)
    assert dest.is_symlink() and not (tmp_path / "missing").exists()
    code, _out, err = run_cli("generate", "--spec", FIXTURES / "minimal", "--out", tmp_path,
                              "--target", "python")
    assert code == 2 and "symbolic link" in err and "Traceback" not in err, err
    assert dest.is_symlink() and not (tmp_path / "missing").exists()


# -- the state file's lists ----------------------------------------------------------------------
@pytest.fixture
def generated(tmp_path: Path) -> tuple[Path, Path]:
    spec = Path(shutil.copytree(FIXTURES / "minimal", tmp_path / "spec"))
    out = tmp_path / "out"
    code, _stdout, err = run_cli("generate", "--spec", spec, "--out", out, "--target", "python")
    assert code == 0, err
    assert state.is_current(spec, out, "python")
    return spec, out


def _edit_state(out: Path, inputs: dict[str, str] | None = None,
                outputs: dict[str, str] | None = None) -> None:
    path = state.state_path(out, "python")
    data = json.loads(path.read_text())
    data["inputs"].update(inputs or {})
    data["outputs"].update(outputs or {})
    path.write_text(json.dumps(data))


def _current_in_a_thread(spec: Path, out: Path) -> bool:
    """is_current, in a thread: a hang is a failure here, not a stuck test run."""
    result: list[bool] = []
    worker = threading.Thread(target=lambda: result.append(state.is_current(spec, out, "python")),
                              daemon=True)
    worker.start()
    worker.join(120)
    assert result, "is_current hung"
    return result[0]


def test_an_input_naming_dev_zero_is_not_read(generated: tuple[Path, Path]) -> None:
    spec, out = generated
    up = "../" * (len(spec.resolve().parts) + 2)
    _edit_state(out, inputs={f"{up}dev/zero": "0" * 64})
    tracemalloc.start()
    try:
        assert _current_in_a_thread(spec, out) is False
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 8 * 2**20, f"{peak / 2**20:.1f} MiB to decide"


def test_a_fifo_in_the_inputs_or_outputs_does_not_hang(generated: tuple[Path, Path],
                                                       tmp_path: Path) -> None:
    spec, out = generated
    os.mkfifo(tmp_path / "pipe")
    os.mkfifo(out / "python" / "pipe")
    _edit_state(out, inputs={"../pipe": "0" * 64}, outputs={"pipe": "0" * 64})
    assert _current_in_a_thread(spec, out) is False
    code, _stdout, err = run_cli("generate", "--spec", spec, "--out", out, "--target", "python")
    assert code == 0 and "Traceback" not in err, err


@pytest.mark.parametrize("name", ["../../../../../../../../../../etc/passwd", "/dev/zero", "a/../../x"])
def test_an_output_entry_outside_the_folder_is_not_read(generated: tuple[Path, Path], name: str) -> None:
    spec, out = generated
    _edit_state(out, outputs={name: "0" * 64})
    assert _current_in_a_thread(spec, out) is False


def test_a_big_sparse_input_is_not_read(generated: tuple[Path, Path], tmp_path: Path) -> None:
    spec, out = generated
    with open(tmp_path / "huge", "wb") as fh:
        fh.truncate(state.MAX_HASHED_BYTES + 1)
    assert state._sha(tmp_path / "huge") is None
    _edit_state(out, inputs={"../huge": "0" * 64})
    assert _current_in_a_thread(spec, out) is False


def test_a_state_file_that_is_a_fifo_means_a_full_run(generated: tuple[Path, Path]) -> None:
    spec, out = generated
    path = state.state_path(out, "python")
    path.unlink()
    os.mkfifo(path)
    assert _current_in_a_thread(spec, out) is False


# -- two runs at once ----------------------------------------------------------------------------------
HOLD = textwrap.dedent("""
    import sys
    from pathlib import Path
    from generator import write
    with write.output_lock(Path(sys.argv[1])):
        print("held", flush=True)
        sys.stdin.read()
""")

WRITE = textwrap.dedent("""
    import json, sys
    from pathlib import Path
    from generator import write
    files = json.loads(sys.argv[2])
    prefix = sys.argv[3] if len(sys.argv) > 3 else ""
    write.write_tree(Path(sys.argv[1]), files, (lambda rel: rel.startswith(prefix)) if prefix else None)
""")


def _holder(dest: Path) -> subprocess.Popen[str]:
    holder = subprocess.Popen([sys.executable, "-c", HOLD, str(dest)], cwd=REPO, text=True,
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    assert holder.stdout is not None and holder.stdout.readline() == "held\n"
    return holder


def test_a_second_run_says_who_holds_the_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    dest = tmp_path / "python"
    write.write_tree(dest, OLD)
    holder = _holder(dest)
    try:
        monkeypatch.setattr(write, "LOCK_WAIT", 0.0)
        with pytest.raises(OSError, match=f"another ksyun-codegen run \\(pid {holder.pid}\\)"):
            write.write_tree(dest, NEW)
        assert _tree(dest) == OLD
    finally:
        holder.communicate("")
    write.write_tree(dest, NEW)  # free again: the lock file went with its holder
    assert _tree(dest) == NEW
    assert sorted(p.name for p in tmp_path.iterdir()) == ["python"]


def test_a_second_run_waits_for_the_first(tmp_path: Path) -> None:
    dest = tmp_path / "python"
    write.write_tree(dest, OLD)
    holder = _holder(dest)
    second = subprocess.Popen([sys.executable, "-c", WRITE, str(dest), json.dumps(NEW)], cwd=REPO,
                              text=True, stderr=subprocess.PIPE)
    try:
        assert second.stderr is not None
        line = second.stderr.readline()
        assert f"waiting for another run (pid {holder.pid}) writing" in line, line
        assert _tree(dest) == OLD  # nothing written while the first holds it
    finally:
        holder.communicate("")
    _out, err = second.communicate(timeout=120)
    assert second.returncode == 0, err
    assert _tree(dest) == NEW


def test_runs_at_once_each_land_whole(tmp_path: Path) -> None:
    """Two one-service runs into one folder at once: both services end up in
    it (neither run works from a tree the other is replacing)."""
    dest = tmp_path / "python"
    base = {f"{svc}/m{i}.py": f"{svc} {i} old\n" for svc in ("s1", "s2") for i in range(30)}
    write.write_tree(dest, base)
    runs = []
    for svc in ("s1", "s2"):
        files = {rel: text.replace("old", "new") for rel, text in base.items() if rel.startswith(svc)}
        runs.append(subprocess.Popen([sys.executable, "-c", WRITE, str(dest), json.dumps(files), svc],
                                     cwd=REPO, text=True, stderr=subprocess.PIPE))
    for run in runs:
        _out, err = run.communicate(timeout=120)
        assert run.returncode == 0, err
    assert _tree(dest) == {rel: text.replace("old", "new") for rel, text in base.items()}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["python"]


# -- a killed run's temporary files ------------------------------------------------------------------
KILLED_AT_RENAME = textwrap.dedent("""
    import os, signal, sys
    from pathlib import Path
    from generator import write
    write.os.replace = lambda *a: os.kill(os.getpid(), signal.SIGKILL)
    write.write_text_atomic(Path(sys.argv[1]), "new\\n")
""")


def test_a_killed_writers_temporary_file_is_removed_by_the_next(tmp_path: Path) -> None:
    target = tmp_path / "2016-03-04.yaml"
    target.write_text("old\n")
    done = subprocess.run([sys.executable, "-c", KILLED_AT_RENAME, str(target)], cwd=REPO,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == -signal.SIGKILL, done.stderr
    left = [p.name for p in tmp_path.iterdir() if p != target]
    assert len(left) == 1 and left[0].startswith(".2016-03-04.yaml.tmp-"), left
    live = tmp_path / f".2016-03-04.yaml.tmp-{os.getpid()}-abcd1234"  # a run still at work
    live.write_text("half\n")
    other = tmp_path / ".2016-03-04.yaml.tmp-notes"  # not a name it gives
    other.write_text("someone's\n")
    write.write_text_atomic(target, "newer\n")
    assert target.read_text() == "newer\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([target.name, live.name, other.name])


def test_a_killed_runs_state_temporary_file_is_removed(generated: tuple[Path, Path]) -> None:
    spec, out = generated
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)
    stale = out / f".python.state-{int(dead.stdout)}-abcd1234"
    stale.write_text("{")
    (spec / "demo" / "2020-01-01.yaml").write_text(
        (spec / "demo" / "2020-01-01.yaml").read_text() + "\n# changed\n")
    code, _stdout, err = run_cli("generate", "--spec", spec, "--out", out, "--target", "python")
    assert code == 0, err
    assert not stale.exists()
    # the state, the signatures of the files it lists, and the tree
    assert sorted(p.name for p in out.iterdir()) == [".python.files.state.json", ".python.state.json", "python"]
