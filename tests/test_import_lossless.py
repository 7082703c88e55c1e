"""Re-importing a page changes nothing the page does not carry: a shared request
object's ``required``, the action's ``x-ksyun-idempotent``, and the bytes of the
regions of the spec the page does not touch (also with a shape name longer than
ruamel's 128-character simple-key limit)."""

from __future__ import annotations

import io
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import GENERATED, SPEC, run_cli
from ruamel.yaml.emitter import RoundTripEmitter

import generator.importdoc as importdoc
from generator.importdoc.names import existing_request_tree, existing_response_tree, find_operation
from generator.importdoc.regions import layout
from generator.importdoc.yamlio import dump, node, yaml_rt
from generator.load import parse_yaml

SOURCES = SPEC / "sources"
MARKDOWN = GENERATED / "docs" / "markdown"
KEC = ("--service", "kec", "--version", "2016-03-04")
VPC = ("--service", "vpc", "--version", "2016-03-04")


def _spec(tmp_path: Path, *services: str) -> Path:
    spec = tmp_path / "spec"
    spec.mkdir()
    shutil.copy(SPEC / "common.yaml", spec / "common.yaml")
    for service in services:
        shutil.copytree(SPEC / service, spec / service)
    return spec


def _import(page: Path, spec: Path, service: tuple[str, ...], hints: Path | None = None) -> str:
    extra = ("--hints", str(hints)) if hints is not None else ()
    code, out, err = run_cli("import-doc", str(page), *service, "--spec", str(spec), *extra)
    assert code == 0, out + err
    return err


def _data(path: Path) -> Any:
    return parse_yaml(path.read_text(encoding="utf-8"), path).data


def _set_required(path: Path, shape: str, old: str, new: str) -> None:
    """Replace *shape*'s ``required`` line (``old``) by ``new`` in the spec text."""
    text = path.read_text(encoding="utf-8")
    start = text.index(f"\n    {shape}:\n")
    at = text.index(f"      required: {old}\n", start)
    text = text[:at] + f"      required: {new}\n" + text[at + len(f"      required: {old}\n"):]
    path.write_text(text, encoding="utf-8")


# -- 1. a shared request object's required -------------------------------------------------

def test_optional_filters_members_marked_optional_keep_the_shared_required(tmp_path: Path) -> None:
    """KSYUN's pages mark Filter.N.Name 否 because the whole Filter.N is optional:
    that says nothing about the shared Filter object's own required members."""
    spec = _spec(tmp_path, "kec", "vpc")
    for service, flags, action in (("kec", KEC, "DescribeInstances"),
                                   ("vpc", VPC, "DescribeSubnets"), ("vpc", VPC, "DescribeVpcs")):
        page = SOURCES / service / "2016-03-04" / f"{action}.txt"
        text = page.read_text(encoding="utf-8")
        assert not re.search(r"^Filter\.N \|", text, re.M)  # the list itself: optional
        assert re.search(r"^Filter\.N\.Name \| String \| 否", text, re.M)
        target = spec / service / "2016-03-04.yaml"
        before = target.read_text(encoding="utf-8")
        err = _import(page, spec, flags)
        assert _data(target)["components"]["schemas"]["Filter"]["required"] == ["Name"]
        assert "kept: Filter required ['Name']" in err
        assert target.read_text(encoding="utf-8") == before  # the page carries nothing new


def test_required_set_by_hand_survives_a_page_that_lists_only_optional_members(tmp_path: Path) -> None:
    spec = _spec(tmp_path, "vpc")
    target = spec / "vpc" / "2016-03-04.yaml"
    _set_required(target, "Filter", "[Name]", "[Name, Value]")  # by hand
    _import(SOURCES / "vpc" / "2016-03-04" / "DescribeSubnets.txt", spec, VPC)
    assert _data(target)["components"]["schemas"]["Filter"]["required"] == ["Name", "Value"]


def test_a_member_marked_required_is_added_and_the_lists_order_kept(tmp_path: Path) -> None:
    """The docs target's page says Filter.N.Name 是, Filter.N.Value.N 否: Value
    is stated optional (the page distinguishes), Name required; a member the page
    does not list keeps its place in the list."""
    spec = _spec(tmp_path, "vpc")
    target = spec / "vpc" / "2016-03-04.yaml"
    text = target.read_text(encoding="utf-8")
    extra = ("        Owner:\n          type: string\n          description: 由手写加入。\n")
    text = text.replace("          description: 过滤条件的取值\n      required: [Name]\n",
                        "          description: 过滤条件的取值\n" + extra + "      required: [Name]\n", 1)
    assert extra in text
    target.write_text(text, encoding="utf-8")
    _set_required(target, "Filter", "[Name]", "[Value, Owner]")
    page = MARKDOWN / "vpc" / "2016-03-04" / "DescribeSubnets.md"
    assert "| Filter.N.Name | String | 是 |" in page.read_text(encoding="utf-8")
    _import(page, spec, VPC)
    assert _data(target)["components"]["schemas"]["Filter"]["required"] == ["Owner", "Name"]
    _set_required(target, "Filter", "[Owner, Name]", "[Name, Owner]")
    before = target.read_text(encoding="utf-8")
    _import(page, spec, VPC)
    assert target.read_text(encoding="utf-8") == before  # not reordered to [Owner, Name]


def test_members_marked_optional_under_a_required_object_are_stated_optional(tmp_path: Path) -> None:
    spec = _spec(tmp_path, "vpc")
    target = spec / "vpc" / "2016-03-04.yaml"
    text = (SOURCES / "vpc" / "2016-03-04" / "DescribeSubnets.txt").read_text(encoding="utf-8")
    text = re.sub(r"^(Filter\.N\.Name \|)", r"Filter.N | Object[] | 是 | 过滤条件 |\n\1", text,
                  count=1, flags=re.M)
    assert "Filter.N | Object[] | 是" in text
    page = tmp_path / "DescribeSubnets.txt"
    page.write_text(text, encoding="utf-8")
    _import(page, spec, VPC)
    assert _data(target)["components"]["schemas"]["Filter"]["required"] == []


# -- 2. idempotency stated by a docs target page --------------------------------------------

def _reader_states_idempotency(monkeypatch: pytest.MonkeyPatch) -> None:
    """The page reader exposes ``page.idempotent``; until the reader being
    rewritten does, a stand-in reads the docs page's "Safe to retry" sentence."""
    parse = importdoc.parse_page
    probe = parse("# A\n\nSafe to retry: yes.\n\n| 参数名称 | 类型 | 必填 | 描述 |\n"
                  "| --- | --- | --- | --- |\n| Action | String | 是 | 公共参数,本接口取值:A。 |\n",
                  "probe.md")
    if hasattr(probe, "idempotent"):
        return

    def parse_page(text: str, display: str) -> Any:
        page = parse(text, display)
        m = re.search(r"Safe to retry: (yes|no)\.", text)
        page.idempotent = None if m is None else m.group(1) == "yes"
        return page

    monkeypatch.setattr(importdoc, "parse_page", parse_page)


def _drop_idempotent(target: Path, action: str) -> None:
    text = target.read_text(encoding="utf-8")
    start = text.index(f"  /#Action={action}:\n")
    m = re.compile(r"      x-ksyun-idempotent: (true|false)\n").search(text, start)
    assert m is not None
    target.write_text(text[:m.start()] + text[m.end():], encoding="utf-8")


def _idempotent(target: Path, action: str) -> Any:
    return _data(target)["paths"][f"/#Action={action}"]["get" if action.startswith("Describe")
                                                         else "post"].get("x-ksyun-idempotent")


@pytest.mark.parametrize("action, expected", [("RunInstances", False), ("DescribeInstances", True)])
def test_markdown_page_sets_idempotency(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                        action: str, expected: bool) -> None:
    _reader_states_idempotency(monkeypatch)
    spec = _spec(tmp_path, "kec")
    target = spec / "kec" / "2016-03-04.yaml"
    committed = target.read_text(encoding="utf-8")
    _drop_idempotent(target, action)
    assert _idempotent(target, action) is None
    page = tmp_path / f"{action}.md"
    shutil.copy(MARKDOWN / "kec" / "2016-03-04" / page.name, page)
    assert f"Safe to retry: {'yes' if expected else 'no'}." in page.read_text(encoding="utf-8")
    no_hints = tmp_path / "no-hints.yaml"  # the hints would say it too
    _import(page, spec, KEC, hints=no_hints)
    assert _idempotent(target, action) is expected
    assert target.read_text(encoding="utf-8") == committed  # back where it was


def test_markdown_page_idempotency_wins_over_the_spec(tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    _reader_states_idempotency(monkeypatch)
    spec = _spec(tmp_path, "kec")
    target = spec / "kec" / "2016-03-04.yaml"
    text = target.read_text(encoding="utf-8")
    start = text.index("  /#Action=RunInstances:\n")
    at = text.index("      x-ksyun-idempotent: false\n", start)
    target.write_text(text[:at] + "      x-ksyun-idempotent: true\n"
                      + text[at + len("      x-ksyun-idempotent: false\n"):], encoding="utf-8")
    err = _import(MARKDOWN / "kec" / "2016-03-04" / "RunInstances.md", spec, KEC)
    assert _idempotent(target, "RunInstances") is False
    assert "x-ksyun-idempotent True → False (the page says so)" in err


def test_page_silent_on_idempotency_keeps_the_spec_value(tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    _reader_states_idempotency(monkeypatch)
    spec = _spec(tmp_path, "kec")
    target = spec / "kec" / "2016-03-04.yaml"
    no_hints = tmp_path / "no-hints.yaml"
    for action, value in (("RunInstances", False), ("DescribeInstances", True)):
        page = tmp_path / f"{action}.md"
        text = (MARKDOWN / "kec" / "2016-03-04" / page.name).read_text(encoding="utf-8")
        page.write_text(re.sub(r"Safe to retry: (yes|no)\.[^.]*\.", "", text), encoding="utf-8")
        assert "Safe to retry" not in page.read_text(encoding="utf-8")
        _import(page, spec, KEC, hints=no_hints)
        assert _idempotent(target, action) is value
        _import(SOURCES / "kec" / "2016-03-04" / f"{action}.txt", spec, KEC, hints=no_hints)
        assert _idempotent(target, action) is value


# -- 3. a shape name longer than 128 characters ---------------------------------------------

LONG = "ImageSnapshot" + "WithAVeryLongGeneratedName" * 5 + "X" * 7
assert len(LONG) == 150


def test_writer_writes_long_keys_as_simple_keys() -> None:
    for key in (LONG, "中" * 900, "yes" + "a" * 500, "a" * 1000):
        text = dump(node({"components": {"schemas": {key: {"type": "object"}}}}))
        assert "? " not in text, key[:20]
        for loader in (yaml.CSafeLoader, yaml.SafeLoader):
            assert yaml.load(text, Loader=loader) == {"components": {"schemas": {key: {"type": "object"}}}}
        assert list(yaml_rt().load(text)["components"]["schemas"]) == [key]
    # past YAML's own limit of 1024 characters a key must be written long: it still reads back
    key = "a" * 1100
    text = dump(node({"m": {key: 1}}))
    assert "? " in text
    for loader in (yaml.CSafeLoader, yaml.SafeLoader):
        assert yaml.load(text, Loader=loader) == {"m": {key: 1}}


def _long_spec(tmp_path: Path, form: str) -> Path:
    """kec with ImageSnapshot named LONG, its key written simple or (as ruamel's
    emitter wrote keys past 128 characters) in the long ``? key`` form."""
    spec = _spec(tmp_path, "kec")
    target = spec / "kec" / "2016-03-04.yaml"
    text = target.read_text(encoding="utf-8").replace("ImageSnapshot", LONG)
    if form == "explicit":
        y = yaml_rt()
        y.Emitter = RoundTripEmitter  # ruamel's own
        out = io.StringIO()
        y.dump(y.load(text), out)
        text = out.getvalue()
        assert f"    ? {LONG}\n    : type: object\n" in text
    # a hand-formatted line in a region no page of this test touches
    odd = "          schema: {type: string,   enum: [DescribeImages]}   # kept as written\n"
    text = text.replace("          schema:\n            type: string\n            enum: [DescribeImages]\n",
                        odd, 1)
    assert odd in text
    target.write_text(text, encoding="utf-8")
    hints = spec / "kec" / "hints" / "2016-03-04.yaml"
    hints.write_text(hints.read_text(encoding="utf-8").replace("ImageSnapshot", LONG), encoding="utf-8")
    return spec


def _page_regions(text: str, action: str) -> str:
    """*text* without the path item of *action* and the shapes its operation uses."""
    lay = layout(text)
    assert lay is not None, "the region editor cannot cut this spec"
    data = yaml.load(text, Loader=yaml.CSafeLoader)
    found = find_operation(data, action)
    assert found is not None
    op = found[1]
    shapes = {name for name, _props in existing_response_tree(data, op).values()}
    shapes |= set(existing_request_tree(data, op).values())
    cut = [lay.paths[f"/#Action={action}"], *(lay.schemas[s] for s in shapes if s in lay.schemas)]
    drop = {i for a, b in cut for i in range(a, b)}
    return "".join(line for i, line in enumerate(lay.lines) if i not in drop)


@pytest.mark.parametrize("form", ["simple", "explicit"])
def test_long_shape_name_keeps_imports_to_the_pages_regions(tmp_path: Path, form: str,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    spec = _long_spec(tmp_path, form)
    target = spec / "kec" / "2016-03-04.yaml"
    before = target.read_text(encoding="utf-8")
    # the page changes the action: a message the page states differently
    changed = before.replace("message: Quota exceeded\n", "message: quota (old text)\n", 1)
    assert changed != before
    target.write_text(changed, encoding="utf-8")
    _import(SOURCES / "kec" / "2016-03-04" / "RunInstances.txt", spec, KEC)
    after = target.read_text(encoding="utf-8")
    assert after != changed
    assert _page_regions(after, "RunInstances") == _page_regions(changed, "RunInstances")
    # the page that owns the long name: its regions rewritten, simple keys from then on
    _import(SOURCES / "kec" / "2016-03-04" / "DescribeImages.txt", spec, KEC)
    final = target.read_text(encoding="utf-8")
    assert "\n    ? " not in final and f"\n    {LONG}:\n" in final
    assert _page_regions(final, "DescribeImages") == _page_regions(after, "DescribeImages")
    # what the loader reads equals what a whole round trip gives
    doc = parse_yaml(final, target)
    assert doc.lines[f"/components/schemas/{LONG}"] == final.split("\n").index(f"    {LONG}:") + 1
    (tmp_path / "whole").mkdir()
    whole_spec = _long_spec(tmp_path / "whole", form)
    whole = whole_spec / "kec" / "2016-03-04.yaml"
    whole.write_text(changed, encoding="utf-8")
    with monkeypatch.context() as m:
        m.setattr(importdoc, "layout", lambda text, root=None: None)
        for name in ("RunInstances", "DescribeImages"):
            _import(SOURCES / "kec" / "2016-03-04" / f"{name}.txt", whole_spec, KEC)
    assert doc.data == _data(whole)
