"""Per service: generator.ir.per_service computes once per service object; generate
loads, validates, builds, checks, renders and formats only the service versions whose
inputs changed (generator.ircache, pipeline.render_tree), byte for byte as a full run."""

from __future__ import annotations

import pickle
import shutil
from pathlib import Path
from typing import Any

import pytest
from conftest import FIXTURES, SPEC, read_bytes_tree, run_cli

import generator.build
from generator import ircache
from generator.ir import ErrorCode, Service, per_service
from generator.load import Workspace
from generator.pipeline import _load_api, load_api
from generator.targets import TARGETS, get_target
from generator.targets.base import Target


def test_computed_once_per_service_and_never_shared_between_services() -> None:
    calls: list[str] = []

    @per_service
    def fact(service: Service) -> str:
        calls.append(service.name)
        return service.name.upper()

    a, b = Service("kec", "2016-03-04"), Service("vpc", "2016-03-04")
    assert [fact(a), fact(a), fact(b), fact(a)] == ["KEC", "KEC", "VPC", "KEC"]
    assert calls == ["kec", "vpc"]
    # an equal but distinct service object is its own entry (keyed by identity)
    assert fact(Service("kec", "2016-03-04")) == "KEC" and calls == ["kec", "vpc", "kec"]


def test_answers_stay_right_past_the_cache_bound() -> None:
    @per_service
    def fact(service: Service) -> str:
        return service.name

    services = [Service(f"s{i}", "2020-01-01") for i in range(200)]
    assert [fact(s) for s in services] == [s.name for s in services]
    assert fact.__name__ == "fact"


# -- per-service state: unchanged service files are not loaded, validated, built,
#    rendered or formatted again (generator.ircache, pipeline.render_tree) -------------
VPC = Path("vpc") / "2016-03-04.yaml"


@pytest.fixture
def cache_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "cache"
    monkeypatch.setenv("XDG_CACHE_HOME", str(home))
    monkeypatch.delenv("KSYUN_CODEGEN_NO_CACHE", raising=False)
    return home


def _everything(api: Any) -> str:
    """The IR with what equality leaves out (sources, spec paths)."""
    parts = [repr(api)]
    for s in api.services:
        parts.append(repr((s.spec_path, s.source)))
        parts += [repr((op.source, [p.source for p in op.parameters], [e.source for e in op.errors]))
                  for op in s.operations]
        parts += [repr((sh.source, [f.source for f in sh.fields])) for sh in s.shapes]
    parts.append(repr([e.source for e in api.common_errors]))
    return "\n".join(parts)


def test_a_kept_service_is_the_service_built(tmp_path: Path, cache_home: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    spec = Path(shutil.copytree(SPEC, tmp_path / "spec"))
    for where in (spec, spec / VPC):
        built = _load_api(Workspace(where), where)
        first = load_api(where)
        calls: list[str] = []
        real = generator.build.build_service

        def spy(ws: Any, doc: Any, problems: Any, real: Any = real, calls: list[str] = calls) -> Any:
            calls.append(doc.display)
            return real(ws, doc, problems)

        monkeypatch.setattr(generator.build, "build_service", spy)
        inputs: dict[tuple[str, str], str] = {}
        kept = load_api(where, inputs=inputs)
        monkeypatch.setattr(generator.build, "build_service", real)
        assert calls == []  # nothing loaded or built again
        assert _everything(kept) == _everything(first) == _everything(built)
        assert set(inputs) == {(s.name, s.version) for s in kept.services}


def test_a_changed_file_a_service_reaches_is_read_again(tmp_path: Path, cache_home: Path) -> None:
    spec = Path(shutil.copytree(SPEC, tmp_path / "spec"))
    load_api(spec)
    common = spec / "common.yaml"
    text = common.read_text(encoding="utf-8")
    assert "description: " in text
    common.write_text(text.replace("description: ", "description: Changed. "), encoding="utf-8")
    assert _everything(load_api(spec)) == _everything(_load_api(Workspace(spec), spec))
    (spec / VPC).write_text((spec / VPC).read_text(encoding="utf-8") + "\n# a comment\n", encoding="utf-8")
    assert _everything(load_api(spec)) == _everything(_load_api(Workspace(spec), spec))


def test_an_entry_makes_nothing_but_ir(cache_home: Path) -> None:
    class Evil:
        def __reduce__(self) -> Any:
            return (print, ("ran",))

    data = pickle.dumps(({}, Evil(), ()))
    with pytest.raises(pickle.UnpicklingError):
        ircache._Unpickler(__import__("io").BytesIO(data)).load()
    assert ircache._Unpickler(__import__("io").BytesIO(pickle.dumps(ErrorCode("A", 400)))).load() \
        == ErrorCode("A", 400)


@pytest.mark.parametrize("name", sorted(n for n in TARGETS if get_target(n).service_local))
@pytest.mark.parametrize("fixture", [SPEC, FIXTURES / "minimal", FIXTURES / "naming", FIXTURES / "docs"])
def test_service_local_targets_render_a_service_alone(name: str, fixture: Path) -> None:
    """What Target.service_local promises: a service's files rendered alone are the files
    of the whole render, and the shared files do not depend on which services are rendered."""
    if not list(fixture.rglob("*.yaml")):
        pytest.skip("no spec")
    api = load_api(fixture)
    target = get_target(name)
    whole = target.render(api, checked=True)
    for s in api.services:
        alone = target.render(api, checked=True, only={(s.name, s.version)})
        folder = tuple(target.service_paths(s))
        mine = {rel for rel in whole if rel.startswith(folder)}
        others = {rel for t in api.services if t is not s for rel in whole
                  if rel.startswith(tuple(target.service_paths(t)))}
        assert {rel: whole[rel] for rel in set(whole) - others} == alone
        assert mine


def _generate(spec: Path, out: Path, *targets: str) -> None:
    for t in targets:
        code, _out, err = run_cli("generate", "--spec", spec, "--out", out, "--target", t, "-q")
        assert code == 0, err


@pytest.mark.parametrize("name", ["python", "go", "typescript"])
def test_one_service_edited_renders_that_service_alone(tmp_path: Path, cache_home: Path, name: str,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    spec = Path(shutil.copytree(SPEC, tmp_path / "spec"))
    out = tmp_path / "out"
    _generate(spec, out, name)
    text = (spec / VPC).read_text(encoding="utf-8")
    assert "description: " in text
    (spec / VPC).write_text(text.replace("description: ", "description: Edited. ", 3), encoding="utf-8")
    rendered: list[Any] = []
    real = Target.render

    def spy(self: Target, api: Any, checked: bool = False, only: Any = None) -> Any:
        rendered.append(None if only is None else sorted(only))
        return real(self, api, checked, only)

    monkeypatch.setattr(Target, "render", spy)
    _generate(spec, out, name)
    assert rendered == [[("vpc", "2016-03-04")]]
    # the same bytes as a full run with no cache at all
    monkeypatch.setattr(Target, "render", real)
    monkeypatch.setenv("KSYUN_CODEGEN_NO_CACHE", "1")
    _generate(spec, tmp_path / "fresh", name)
    assert read_bytes_tree(out / name) == read_bytes_tree(tmp_path / "fresh" / name)
    # a kept service's file changed by hand: that service is rendered again, the file put back
    monkeypatch.delenv("KSYUN_CODEGEN_NO_CACHE")
    folder = get_target(name).service_folder(load_api(spec).services[0])
    victim = sorted(p for p in (out / name / folder).rglob("*") if p.is_file())[0]
    victim.write_text("edited by hand\n", encoding="utf-8")
    (spec / VPC).write_text(text, encoding="utf-8")
    monkeypatch.setattr(Target, "render", spy)
    rendered.clear()
    _generate(spec, out, name)
    assert rendered == [None]  # (both services: the whole render)
    monkeypatch.setattr(Target, "render", real)
    _generate(spec, tmp_path / "fresh2", name)
    assert read_bytes_tree(out / name) == read_bytes_tree(tmp_path / "fresh2" / name)


@pytest.mark.parametrize("name", sorted(n for n in TARGETS if get_target(n).service_local))
@pytest.mark.parametrize("fixture", [SPEC, FIXTURES / "minimal", FIXTURES / "naming", FIXTURES / "docs",
                                     FIXTURES / "js_names"])
def test_service_local_targets_check_a_service_alone(name: str, fixture: Path) -> None:
    """A service_local target's checks are the union of each service's alone (what
    lets generate skip the services a previous run checked)."""
    from dataclasses import replace

    api = load_api(fixture)
    target = get_target(name)
    alone = [p for s in api.services for p in target.check(replace(api, services=(s,)))]
    assert sorted(set(target.check(api))) == sorted(set(alone))


def test_only_an_edited_service_is_checked_again(tmp_path: Path, cache_home: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    spec = Path(shutil.copytree(SPEC, tmp_path / "spec"))
    _generate(spec, tmp_path / "out", "python")
    text = (spec / VPC).read_text(encoding="utf-8")
    (spec / VPC).write_text(text.replace("description: ", "description: Edited. ", 1), encoding="utf-8")
    target = get_target("python")
    scopes: list[list[str]] = []
    real = type(target).check

    def spy(self: Any, api: Any) -> Any:
        scopes.append([s.name for s in api.services])
        return real(self, api)

    monkeypatch.setattr(type(target), "check", spy)
    _generate(spec, tmp_path / "out", "python")
    assert scopes == [["vpc"]]
    scopes.clear()
    assert run_cli("check", "--spec", spec, "--out", tmp_path / "out", "--target", "python")[0] == 0
    assert scopes == [["kec", "vpc"]]  # check trusts no state


@pytest.mark.parametrize("name", ["python", "go"])
def test_a_kept_service_s_files_are_not_read(tmp_path: Path, cache_home: Path, name: str,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    """A kept file whose signature (device, inode, size, mtime, ctime) is the one the
    last write recorded is neither read nor hashed; one changed by hand in a way that
    keeps its size and mtime still has a new ctime, and is written again."""
    import os

    import generator.pipeline
    import generator.write

    spec = Path(shutil.copytree(SPEC, tmp_path / "spec"))
    out = tmp_path / "out"
    _generate(spec, out, name)
    _generate(spec, out, name)  # (the second write records the signatures of linked files)
    text = (spec / VPC).read_text(encoding="utf-8")
    (spec / VPC).write_text(text.replace("description: ", "description: Edited. ", 3), encoding="utf-8")
    kec = get_target(name).service_folder(load_api(spec).services[0])
    assert "kec" in kec
    opened: list[str] = []
    real_read = generator.write.read_regular_signed

    def spy(root: Path, rel: str, limit: int = generator.write.MAX_READ_BYTES) -> Any:
        opened.append(rel)
        return real_read(root, rel, limit)

    monkeypatch.setattr(generator.pipeline, "read_regular_signed", spy, raising=False)
    monkeypatch.setattr(generator.write, "read_regular_signed", spy)
    _generate(spec, out, name)
    assert not [rel for rel in opened if rel.startswith(kec)], opened
    monkeypatch.setenv("KSYUN_CODEGEN_NO_CACHE", "1")
    _generate(spec, tmp_path / "fresh", name)
    assert read_bytes_tree(out / name) == read_bytes_tree(tmp_path / "fresh" / name)
    monkeypatch.delenv("KSYUN_CODEGEN_NO_CACHE")
    # a kept file edited by hand, its size and mtime put back: written again
    victim = sorted(p for p in (out / name / kec).rglob("*") if p.is_file())[0]
    before = victim.read_bytes()
    st = victim.stat()
    victim.write_bytes(bytes(len(before)))
    os.utime(victim, ns=(st.st_atime_ns, st.st_mtime_ns))
    (spec / VPC).write_text(text, encoding="utf-8")
    _generate(spec, out, name)
    assert victim.read_bytes() == before


def test_a_kept_file_changed_after_it_was_judged_is_an_error_not_a_loss(tmp_path: Path) -> None:
    from generator.write import Kept, plan

    (tmp_path / "a.txt").write_text("new text\n", encoding="utf-8")
    with pytest.raises(OSError, match="a.txt changed while this run generated"):
        plan(tmp_path, {"a.txt": Kept("0" * 64)})


@pytest.mark.parametrize("name", ["python", "docs"])
def test_files_rendered_again_with_the_same_bytes_are_not_read(tmp_path: Path, cache_home: Path, name: str,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    """In the edited service, a file rendered with the bytes the last run wrote and
    whose signature is the recorded one is not read by the writer to know it."""
    import generator.write

    spec = Path(shutil.copytree(SPEC, tmp_path / "spec"))
    out = tmp_path / "out"
    _generate(spec, out, name)
    _generate(spec, out, name)
    before = read_bytes_tree(out / name)
    text = (spec / VPC).read_text(encoding="utf-8")
    (spec / VPC).write_text(text.replace("description: ", "description: Edited. ", 1), encoding="utf-8")
    opened: list[str] = []
    real_read = generator.write.read_regular_signed

    def spy(root: Path, rel: str, limit: int = generator.write.MAX_READ_BYTES) -> Any:
        opened.append(rel)
        return real_read(root, rel, limit)

    monkeypatch.setattr(generator.write, "read_regular_signed", spy)
    _generate(spec, out, name)
    after = read_bytes_tree(out / name)
    vpc = get_target(name).service_folder(load_api(spec).services[1])
    assert "vpc" in vpc
    same = [rel for rel in after if rel.startswith(vpc) and before.get(rel) == after[rel]]
    changed = [rel for rel in after if rel.startswith(vpc) and before.get(rel) != after[rel]]
    assert same and changed
    assert not [rel for rel in opened if rel in same], opened
    monkeypatch.setenv("KSYUN_CODEGEN_NO_CACHE", "1")
    _generate(spec, tmp_path / "fresh", name)
    assert after == read_bytes_tree(tmp_path / "fresh" / name)
