"""The docs' page cache (generator/targets/docs/target.py, DocsTarget._render): an
action's pages are made from the action, the shapes it reaches and the service's
header alone (action_service), a shape's page from the shape and the actions using
it; each is kept by the hash of those inputs, so an edit renders only the pages
whose inputs changed, and a run with the cache gives the bytes of a run without."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import jinja2
import pytest
from conftest import FIXTURES, SPEC, read_bytes_tree, run_cli

from generator.pipeline import load_api
from generator.targets.docs import target as docs

DOCS_SPEC = FIXTURES / "docs"
SHOP = Path("shop") / "2021-05-01.yaml"


@pytest.fixture
def cache_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "cache"
    monkeypatch.setenv("XDG_CACHE_HOME", str(home))
    monkeypatch.delenv("KSYUN_CODEGEN_NO_CACHE", raising=False)
    return home


def _generate(spec: Path, out: Path) -> None:
    code, _out, err = run_cli("generate", "--spec", spec, "--out", out, "--target", "docs", "-q")
    assert code == 0, err


def _count_renders(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The templates rendered from now on, by name."""
    names: list[str] = []
    real = jinja2.Template.render

    def spy(self: jinja2.Template, *args: Any, **kwargs: Any) -> str:
        names.append(self.name or "")
        return real(self, *args, **kwargs)

    monkeypatch.setattr(jinja2.Template, "render", spy)
    return names


def test_an_edit_renders_the_pages_it_touches_and_gives_the_uncached_bytes(
        tmp_path: Path, cache_home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    spec = Path(shutil.copytree(DOCS_SPEC, tmp_path / "spec"))
    out = tmp_path / "out"
    _generate(spec, out)
    service = load_api(spec).services[0]
    assert len(service.operations) >= 2
    # edit one action's summary: its two pages change, the other actions' pages do not
    text = (spec / SHOP).read_text(encoding="utf-8")
    first = service.operations[0]
    assert first.summary and text.count(first.summary) == 1
    (spec / SHOP).write_text(text.replace(first.summary, first.summary + " (edited)"), encoding="utf-8")
    rendered = _count_renders(monkeypatch)
    _generate(spec, out)
    actions = [n for n in rendered if n in ("html/action.html.j2", "markdown/action.md.j2")]
    assert actions == ["html/action.html.j2", "markdown/action.md.j2"]  # the edited action's alone
    assert "html/shape.html.j2" not in rendered
    page = (out / "docs" / "html" / docs.version_path(service) / f"{first.action}.html").read_text(encoding="utf-8")
    assert "(edited)" in page
    # the same bytes as a run with no cache at all, and as a run over a cache made cold
    monkeypatch.setenv("KSYUN_CODEGEN_NO_CACHE", "1")
    _generate(spec, tmp_path / "fresh")
    assert read_bytes_tree(out / "docs") == read_bytes_tree(tmp_path / "fresh" / "docs")
    monkeypatch.delenv("KSYUN_CODEGEN_NO_CACHE")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache2"))
    _generate(spec, tmp_path / "cold")
    assert read_bytes_tree(out / "docs") == read_bytes_tree(tmp_path / "cold" / "docs")


def test_a_changed_shape_renders_the_actions_that_reach_it(
        tmp_path: Path, cache_home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    spec = Path(shutil.copytree(SPEC, tmp_path / "spec"))
    out = tmp_path / "out"
    _generate(spec, out)
    api = load_api(spec)
    kec = next(s for s in api.services if s.name == "kec")
    path = spec / kec.spec_path
    text = path.read_text(encoding="utf-8")
    # a shape some actions reach but not all, whose description is written once
    shared = next(sh for sh in kec.shapes if sh.description and "\n" not in sh.description
                  and text.count(sh.description) == 1
                  and 0 < sum(sh.name in docs.reached_shapes(kec, op) for op in kec.operations) < len(kec.operations))
    users = [op.action for op in kec.operations if shared.name in docs.reached_shapes(kec, op)]
    path.write_text(text.replace(shared.description, shared.description + " Edited."), encoding="utf-8")
    rendered = _count_renders(monkeypatch)
    _generate(spec, out)
    assert rendered.count("html/action.html.j2") == len(users) < len(kec.operations)
    monkeypatch.setenv("KSYUN_CODEGEN_NO_CACHE", "1")
    _generate(spec, tmp_path / "fresh")
    assert read_bytes_tree(out / "docs") == read_bytes_tree(tmp_path / "fresh" / "docs")


@pytest.mark.parametrize("fixture", [SPEC, DOCS_SPEC, FIXTURES / "minimal", FIXTURES / "naming"])
def test_a_page_made_from_its_inputs_is_the_page_of_the_whole_service(fixture: Path) -> None:
    """What makes the cache's key sound: every SDK's call, names and errors of an action
    read from the action and the shapes it reaches are those read from the whole service."""
    api = load_api(fixture)
    target = docs.DocsTarget()
    env = target.environment()
    for s in api.services:
        for op in s.operations:
            alone = docs.action_service(s, op)
            part = type(api)(services=(alone,), common_errors=api.common_errors, sdk_versions=api.sdk_versions)
            for name in ("html/action.html.j2", "markdown/action.md.j2"):
                template = env.get_template(name)
                assert template.render(api=part, service=alone, op=op) == \
                    template.render(api=api, service=s, op=op), (s.name, op.action, name)
        for shape in s.shapes:
            template = env.get_template("html/shape.html.j2")
            users = target.filters()["shape_users"](s, shape.name)
            alone = docs.shape_service(s, shape)
            assert template.render(api=api, service=alone, shape=shape, users=users) == \
                template.render(api=api, service=s, shape=shape, users=users)


def test_the_key_reads_every_input_but_the_spec_lines() -> None:
    """Two services that differ in anything a page may show hash apart; the spec lines
    (which no page shows) are no part of it."""
    import dataclasses

    s = load_api(DOCS_SPEC).services[0]
    op = s.operations[0]
    alone = docs.action_service(s, op)
    key = docs.made_from(alone)
    assert docs.made_from(alone, {}) == key
    moved = dataclasses.replace(alone, source=dataclasses.replace(alone.source, line=(alone.source.line or 0) + 9))
    assert docs.made_from(moved) == key
    for changed in (dataclasses.replace(alone, endpoint="https://elsewhere.example"),
                    dataclasses.replace(alone, operations=(dataclasses.replace(op, summary=op.summary + "!"),)),
                    dataclasses.replace(alone, shapes=alone.shapes[:-1])):
        assert docs.made_from(changed) != key


def test_the_docs_state_holds_the_tools_their_pages_depend_on() -> None:
    """gofmt formats the Go calls and Pygments lexes every call: a new version of either
    means a full run (the no-op state, each service's key, the page cache)."""
    from importlib.metadata import version

    from generator.targets import get_target

    versions = get_target("docs").toolchain_versions()
    assert set(get_target("go").toolchain_versions()) <= set(versions)
    assert f"Pygments=={version('Pygments')}" in versions
