"""diff --base and the gate, against git history: this repository's own, and
small repositories made here."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from generator.cli import main
from generator.diff.command import gate
from generator.diff.source import GitSpec

REPO = Path(__file__).resolve().parents[1]
BASE = Path(__file__).resolve().parent / "diff" / "base"
PARAM = "/paths/~1#Action=CreateThing/post/parameters/5"  # Label


def git(cwd: Path, *args: str) -> str:
    return subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.com", *args],
                          cwd=cwd, check=True, capture_output=True, text=True).stdout


def has_commit(ref: str) -> bool:
    return subprocess.run(["git", "cat-file", "-e", f"{ref}^{{commit}}"], cwd=REPO,
                          capture_output=True).returncode == 0


# The commit that added KEC's instance actions and the VPC service, and its parent.
HISTORY = ("9395c18", "9395c18~1")


@pytest.mark.skipif(not all(has_commit(r) for r in HISTORY),
                    reason="commit 9395c18 (or its parent) is not in this clone (shallow?)")
def test_diff_between_two_commits_of_this_repository(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Read by hand from `git show 9395c18~1:spec/kec/2016-03-04.yaml` and
    `git show 9395c18:spec/...`: the commit adds six KEC actions with their
    objects and error codes, and the VPC service; DescribeImages is untouched."""
    with GitSpec(HISTORY[1], REPO / "spec") as old, GitSpec(HISTORY[0], REPO / "spec") as new:
        assert main(["diff", "--old", str(old), "--spec", str(new), "--format", "json"]) == 0
    records = json.loads(capsys.readouterr().out)["changes"]
    kinds = {(r["service"], r["change"]) for r in records}
    assert kinds == {("kec", "action-added"), ("kec", "shape-added"), ("kec", "error-added"),
                     ("vpc", "service-added")}
    added = sorted(r["action"] for r in records if r["change"] == "action-added")
    assert added == ["DescribeInstances", "RebootInstances", "RunInstances", "StartInstances",
                     "StopInstances", "TerminateInstances"]
    errors = {r["detail"].split()[2] for r in records if r["change"] == "error-added"}
    assert errors == {"InvalidFilterName", "InvalidMarker", "InvalidInstanceId.NotFound", "QuotaExceeded",
                      "InvalidImageId.NotFound", "InsufficientBalance"}
    shapes = {r["location"].rsplit("/", 1)[1] for r in records if r["change"] == "shape-added"}
    assert shapes == {
        "Filter", "DescribeInstancesResponse", "Instance", "InstanceConfigure", "InstanceState",
        "InstanceMonitoring", "InstanceNetworkInterface", "InstanceSecurityGroup", "InstanceSystemDisk",
        "InstanceDataDisk", "RebootInstancesResponse", "InstanceActionResult", "RunInstancesSystemDisk",
        "RunInstancesDataDisk", "RunInstancesResponse", "RunInstancesInstance", "StartInstancesResponse",
        "StopInstancesResponse", "TerminateInstancesResponse"}
    assert not any(any(r["breaking"].values()) for r in records)
    assert all(r["action"] != "DescribeImages" for r in records)
    assert set(records[0]) == {"service", "version", "action", "location", "change", "detail", "breaking"}
    run = next(r for r in records if r["action"] == "RunInstances")
    assert run["location"] == "/paths/~1#Action=RunInstances/post"


@pytest.fixture()
def repo(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    shutil.copytree(BASE, root / "spec")
    git(root, "init", "-q")
    git(root, "add", "spec")
    git(root, "commit", "-q", "-m", "base")
    return root


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1
    path.write_text(text.replace(old, new), encoding="utf-8")


SPEC = "spec/demo/2020-01-01.yaml"
LABEL = "        - name: Label\n          in: query\n          required: false\n          schema:\n            type: string\n"


def test_diff_base_reads_the_commit_not_the_work_tree(repo: Path, capsys: pytest.CaptureFixture[str],
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    _edit(repo / SPEC, LABEL, "")
    monkeypatch.chdir(repo)
    status = git(repo, "status", "--porcelain")
    assert main(["diff", "--base", "HEAD"]) == 0
    out = capsys.readouterr().out
    assert "! parameter-removed: CreateThing: parameter Label removed" in out
    assert (f"at {PARAM}; breaks wire, python, typescript, go; Go demo.CreateThingInput.Label, Python label, "
            "TypeScript label") in out
    assert git(repo, "status", "--porcelain") == status  # nothing touched


@pytest.mark.parametrize(("args", "message"), [
    (["--base", "nosuchref"], "ksyun-codegen: nosuchref: no such commit"),
    (["--base=--upload-pack=x"], "is not a git revision"),
    (["--old", "nowhere"], "ksyun-codegen: --old nowhere: no such folder"),
])
def test_bad_input_is_one_line(repo: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
                               args: list[str], message: str) -> None:
    monkeypatch.chdir(repo)
    assert main(["diff", *args]) == 2
    err = capsys.readouterr().err
    assert message in err and len(err.strip().splitlines()) == 1 and "Traceback" not in err


def test_gate_fails_on_an_unacknowledged_break(repo: Path, capsys: pytest.CaptureFixture[str],
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    _edit(repo / SPEC, LABEL, "")
    monkeypatch.chdir(repo)
    assert main(["check", "--breaking-against", "HEAD", "--target", "python", "--out", "out"]) == 1
    captured = capsys.readouterr()
    assert f"demo 2020-01-01: {PARAM}: parameter-removed: CreateThing: parameter Label removed" in captured.out
    assert "1 breaking change(s) against HEAD not acknowledged" in captured.err
    assert f'location: "{PARAM}"' in captured.err  # the snippet to paste


def test_gate_passes_an_acknowledged_break_and_a_deprecated_removal(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    spec = repo / SPEC
    _edit(spec, "        Note:\n          type: string\n", "        Note:\n          type: string\n          deprecated: true\n")
    git(repo, "commit", "-q", "-am", "deprecate Note")
    _edit(spec, LABEL, "")
    _edit(spec, "        Note:\n          type: string\n          deprecated: true\n", "")
    assert gate("HEAD", repo / "spec") == 1  # Label's removal: not acknowledged
    capsys.readouterr()
    with spec.open("a", encoding="utf-8") as fh:
        fh.write("x-ksyun-breaking-changes:\n  - change: parameter-removed\n"
                 f"    location: \"{PARAM}\"\n    reason: Label was never read by the service\n")
    assert main(["validate", "--spec", str(repo / "spec")]) == 0
    assert gate("HEAD", repo / "spec") == 0
    assert "ok: no unacknowledged breaking change against HEAD (2 acknowledged)" in capsys.readouterr().out


def test_a_bad_acknowledgement_is_a_spec_problem(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with (repo / SPEC).open("a", encoding="utf-8") as fh:
        fh.write("x-ksyun-breaking-changes:\n  - change: parameter-removd\n    location: /x\n")
    assert main(["validate", "--spec", str(repo / "spec")]) == 2
    err = capsys.readouterr().err
    assert "x-ksyun-breaking-changes: unknown change 'parameter-removd' (did you mean parameter-removed?)" in err
    assert "x-ksyun-breaking-changes: entry 0 needs reason" in err
