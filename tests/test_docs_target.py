"""The docs target (generator/targets/docs/target.py, templates/docs/) and the shared
example values (generator/examples.py), without a browser."""

from __future__ import annotations

import dataclasses
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import parse_qsl

import markupsafe
import pytest
import yaml
from conftest import FIXTURES, GENERATED, SPEC, read_bytes_tree, run_cli
from sigv4_server import Reply, SigV4Server

from generator import examples
from generator.pages import md_unescape, parse_page
from generator.ir import Operation, Service, TypeRef
from generator.mock.synth import synthesize
from generator.pipeline import load_api
from generator.targets import TARGETS
from generator.targets.docs import target as docs

DOCS_SPEC = FIXTURES / "docs"


@pytest.fixture(scope="module")
def shop() -> Service:
    return load_api(DOCS_SPEC).services[0]


@pytest.fixture(scope="module")
def kec() -> Service:
    return load_api(SPEC).services[0]


# ---- escaping -------------------------------------------------------------------

@pytest.mark.parametrize("text, cell", [
    ("a|b", "a\\|b"),
    ("line one\nline two", "line one<br>line two"),
    ("x\r\ny", "x<br>y"),
    ("</script><b>x</b>", "&lt;/script&gt;&lt;b&gt;x&lt;/b&gt;"),
    ("a & b", "a &amp; b"),
    ("literal <br> tag", "literal &lt;br&gt; tag"),
    ("{{ 7*7 }}", "{{ 7*7 }}"),
])
def test_md_cell_escapes_and_docpage_reads_it_back(text: str, cell: str) -> None:
    assert docs.md_cell(text) == cell
    assert md_unescape(cell.replace("\\|", "|")) == text.replace("\r\n", "\n")


def test_md_text_cannot_start_a_heading_or_list() -> None:
    assert docs.md_text("# not a heading") == "\\# not a heading"
    assert docs.md_text("- item") == "\\- item"
    assert docs.md_text("1. first") == "\\1. first"
    assert docs.md_text("查询镜像") == "查询镜像"


def test_json_script_cannot_close_a_script() -> None:
    text = docs.json_script({"d": "</script><b>x</b> & \u2028"})
    assert "</" not in text and "<" not in text and "&" not in text and "\u2028" not in text
    assert json.loads(text) == {"d": "</script><b>x</b> & \u2028"}


def test_lang_and_page_names() -> None:
    assert docs.lang("查询镜像信息") == "zh-CN"
    assert docs.lang("Describe images") == "en"
    assert docs.page_name("DescribeImages") == "DescribeImages"
    for bad in ("../etc", "a/b", "..", "名字"):
        name = docs.page_name(bad)
        assert "/" not in name and name not in (".", "..") and not name.startswith("."), name


# ---- rows -----------------------------------------------------------------------

def test_request_rows_flatten_lists_and_objects(shop: Service) -> None:
    rows = {r.name: r for r in docs.request_rows(shop, shop.operation("DescribeWidgets"))}
    assert list(rows) == ["WidgetId.N", "Filter.N", "Filter.N.Name", "Filter.N.Value.N",
                          "MaxResults", "Marker"]
    assert (rows["Filter.N"].type, rows["Filter.N"].shape, rows["Filter.N.Name"].depth) == (
        "Object[]", "DescribeWidgetsFilter", 1)
    assert rows["Filter.N.Name"].required and not rows["Filter.N"].required
    create = {r.name: r for r in docs.request_rows(shop, shop.operation("CreateWidget"))}
    assert create["Spec.Size"].type == "Int" and create["Spec"].type == "Object"
    assert docs.constraints(create["Colour"]) == "One of: red, blue"


def test_field_rows_show_nesting(kec: Service) -> None:
    rows = docs.field_rows(kec, "DescribeImagesResponse")
    depth = {r.name: r.depth for r in rows}
    assert (depth["RequestId"], depth["ImageId"], depth["SnapshotId"]) == (0, 1, 2)
    assert docs.md_name(next(r for r in rows if r.name == "SnapshotId")) == "\u3000\u3000SnapshotId"


# ---- examples (shared with the mock) ------------------------------------------------

def test_request_example_takes_examples_and_required_placeholders(shop: Service) -> None:
    assert examples.request_example(shop, shop.operation("DescribeWidgets")) == {
        "WidgetId": ["w-1"], "Filter": [{"Name": "widget-id", "Value": ["w-1"]}],
        "MaxResults": 20, "Marker": 0}
    # an optional DryRun is left out (DryRun=true would only check the call)
    assert examples.request_example(shop, shop.operation("CreateWidget")) == {
        "WidgetName": "my widget & co", "Spec": {"Size": 3}}


def test_wire_query_numbers_lists_from_one_and_dots_objects(shop: Service) -> None:
    op = shop.operation("DescribeWidgets")
    query = examples.wire_query(shop, op, examples.request_example(shop, op))
    assert query == ("Action=DescribeWidgets&Filter.1.Name=widget-id&Filter.1.Value.1=w-1&Marker=0"
                     "&MaxResults=20&Version=2021-05-01&WidgetId.1=w-1")
    create = shop.operation("CreateWidget")
    assert examples.wire_query(shop, create, examples.request_example(shop, create)) == (
        "Action=CreateWidget&Spec.Size=3&Version=2021-05-01&WidgetName=my%20widget%20%26%20co")


def test_wire_query_is_what_the_runtime_serializer_makes(shop: Service) -> None:
    """The SDK's own serializer (copied into every generated package) agrees."""
    from ksyun_sdk._runtime.serialize import canonical_query, flatten

    for op in shop.operations:
        args = examples.request_example(shop, op)
        pairs = [("Action", op.action), ("Version", shop.version)]
        for name, value in args.items():
            pairs.extend(flatten(value, name))
        assert examples.wire_query(shop, op, args) == canonical_query(pairs)


def test_response_example_is_made_of_the_spec_examples(shop: Service, kec: Service) -> None:
    assert examples.response_example(shop, shop.operation("DescribeWidgets")) == {
        "RequestId": "req-1", "WidgetCount": 1,
        "WidgetSet": [{"WidgetId": "w-1", "WidgetName": "my widget", "Spec": {"Size": 3, "Shiny": False}}]}
    body = examples.response_example(kec, kec.operation("DescribeImages"))
    assert body["ImagesSet"][0]["SnapshotSet"][0]["DiskSize"] == 20
    assert body["ImagesSet"][0]["IsPublic"] is False  # no example in the spec: a value of its type
    assert body["RequestId"] and body == examples.response_example(kec, kec.operation("DescribeImages"))


def test_mock_bodies_start_from_the_same_examples(shop: Service) -> None:
    """The mock fills the gaps, but every example value the docs show is in its body."""
    op = shop.operation("DescribeWidgets")
    shown = examples.response_example(shop, op)
    body = synthesize(shop, op, seed=3)
    assert body["RequestId"] == shown["RequestId"] and body["WidgetCount"] == shown["WidgetCount"]
    assert body["WidgetSet"][0]["Spec"]["Size"] == 3 and "Shiny" in body["WidgetSet"][0]["Spec"]
    assert len(body["WidgetSet"]) == 2 and body["WidgetSet"][1]["WidgetId"] != "w-1"


# ---- the usage example against the real SDK and a real server ------------------------

def _python_code(service: Service, op: Operation) -> str:
    call = TARGETS["python"]().example_call(service, op)
    assert call is not None and call.lexer == "python"
    return call.code


def _text(page: str) -> str:
    """A page's text without its tags, entities decoded (what a reader sees)."""
    import html
    import re

    return html.unescape(re.sub(r"<[^>]+>", "", page))


def _run_example(service: Service, spec: Path, tmp_path: Path, op_name: str) -> tuple[str, str]:
    """Run the page's Python snippet with the generated SDK against a SigV4 server
    answering the page's example response; (what was sent, what the page says)."""
    op = service.operation(op_name)
    sdk = tmp_path / "sdk"
    code, _o, err = run_cli("generate", "--spec", spec, "--out", sdk, "--target", "python")
    assert code == 0, err
    body = examples.response_example(service, op)
    server = SigV4Server("AKLTdocs0001", "docs-secret-0001", "cn-beijing-6", service=service.name,
                         reply=lambda r: Reply.json(200, body)).start()
    try:
        snippet = _python_code(service, op)
        client = TARGETS["python"]().public_names(service, load_api(spec))["client"]
        assert f'{client}(region="cn-beijing-6")' in snippet
        runnable = snippet.replace(
            f'{client}(region="cn-beijing-6")',
            f'{client}(region="cn-beijing-6", endpoint="{server.url}", '
            'access_key="AKLTdocs0001", secret_key="docs-secret-0001")')
        env = {**os.environ, "PYTHONPATH": str(sdk / "python")}
        done = subprocess.run([sys.executable, "-c", runnable], env=env, capture_output=True,
                              text=True, timeout=60)
        assert done.returncode == 0, done.stderr
        assert done.stdout.strip() == body["RequestId"]
    finally:
        server.stop()
    [req] = server.received
    sent = req.raw_query if op.method == "GET" else req.body.decode("ascii")
    wire = docs.wire_example(service, op)
    return sent, wire


@pytest.mark.parametrize("action", ["DescribeWidgets", "CreateWidget"])
def test_python_example_runs_and_sends_the_documented_wire_request(
        shop: Service, tmp_path: Path, action: str) -> None:
    sent, wire = _run_example(shop, DOCS_SPEC, tmp_path, action)
    op = shop.operation(action)
    if op.method == "GET":
        assert wire == f"GET https://shop.api.ksyun.com/?{sent}"
    else:
        assert wire.startswith("POST https://shop.api.ksyun.com/\n") and wire.endswith("\n\n" + sent)
    assert dict(parse_qsl(sent))["Action"] == action


def test_kec_example_runs(kec: Service, tmp_path: Path) -> None:
    sent, wire = _run_example(kec, SPEC, tmp_path, "DescribeImages")
    assert wire == f"GET https://kec.api.ksyun.com/?{sent}"


# ---- pages ----------------------------------------------------------------------

@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("docs")
    code, _o, err = run_cli("generate", "--spec", DOCS_SPEC, "--out", out, "--target", "docs")
    assert code == 0, err
    return out / "docs"


def test_action_page_has_examples_facts_errors_and_paging(site: Path, shop: Service) -> None:
    page = (site / "html/shop/2021-05-01/DescribeWidgets.html").read_text(encoding="utf-8")
    op = shop.operation("DescribeWidgets")
    for call in docs.DocsTarget().example_calls(shop, op):
        assert call.code in _text(page)
    assert str(markupsafe.escape(docs.wire_example(shop, op))) in page
    assert docs.response_json(shop, op) in _text(page)
    assert "Safe to retry: yes" in page and 'id="paging"' in page
    assert "Marker is an integer offset" in page and "response field WidgetCount" in page
    assert '<code class="word">InvalidFilterName</code>' in page
    assert '<code class="word">ShopClient.describe_widgets</code>' in page
    assert 'href="index.html#common-errors"' in page
    index = (site / "html/shop/2021-05-01/index.html").read_text(encoding="utf-8")
    assert '<code class="word">SignatureDoesNotMatch</code>' in index
    token = (site / "html/shop/2021-05-01/ListWidgetEvents.html").read_text(encoding="utf-8")
    assert "send the response&#39;s NextToken back as NextToken" in token
    create = (site / "html/shop/2021-05-01/CreateWidget.html").read_text(encoding="utf-8")
    assert "Safe to retry: no" in create and 'id="paging"' not in create
    assert "</script><b>" not in create and "&lt;/script&gt;&lt;b&gt;x&lt;/b&gt;" in create
    md = (site / "markdown/shop/2021-05-01/DescribeWidgets.md").read_text(encoding="utf-8")
    assert "## 分页" in md and "Total count: response field WidgetCount." in md


def test_shape_pages_link_both_ways(site: Path) -> None:
    widget = (site / "html/shop/2021-05-01/shapes/Widget.html").read_text(encoding="utf-8")
    assert 'href="../DescribeWidgets.html"' in widget
    assert 'href="WidgetSpec.html"' in widget  # a field of type WidgetSpec
    spec = (site / "html/shop/2021-05-01/shapes/WidgetSpec.html").read_text(encoding="utf-8")
    assert 'href="../DescribeWidgets.html"' in spec and 'href="../CreateWidget.html"' not in spec
    request = (site / "html/shop/2021-05-01/shapes/CreateWidgetSpec.html").read_text(encoding="utf-8")
    assert 'href="../CreateWidget.html"' in request and 'href="../DescribeWidgets.html"' not in request
    action = (site / "html/shop/2021-05-01/DescribeWidgets.html").read_text(encoding="utf-8")
    assert 'href="shapes/Widget.html"' in action


def test_search_index_lists_actions_shapes_and_field_names(site: Path) -> None:
    text = (site / "html/search-index.js").read_text(encoding="utf-8")
    prefix = "window.KSYUN_SEARCH_INDEX = "
    assert text.startswith(prefix) and text.endswith(";\n")
    entries = json.loads(text[len(prefix):-2])
    by_name = {e[0]: e for e in entries}
    assert by_name["DescribeWidgets"][1] == "shop/2021-05-01/DescribeWidgets.html"
    name, _href, kind, where, summary, names, more = by_name["DescribeWidgets"]
    assert (kind, where, summary) == ("action", "shop 2021-05-01", "查询小部件")
    assert {"DescribeWidgets", "describe_widgets", "describeWidgets"} <= set(names.split())
    assert {"Filter", "Name", "WidgetId", "Size", "widget_id", "InvalidFilterName"} <= set(more.split())
    assert by_name["Widget"][1] == "shop/2021-05-01/shapes/Widget.html"
    error = by_name["InvalidFilterName"]
    assert error[1] == "shop/2021-05-01/DescribeWidgets.html#errors" and error[2] == "error"
    assert by_name["SignatureDoesNotMatch"][1] == "shop/2021-05-01/index.html#common-errors"


def _without_constraints(op: Operation) -> Operation:
    def bare(t: TypeRef) -> TypeRef:
        item = bare(t.item) if t.item is not None else None
        return dataclasses.replace(t, item=item, constraints=(), enum=())
    params = tuple(dataclasses.replace(p, type=bare(p.type)) for p in op.parameters)
    return dataclasses.replace(op, parameters=params)


def test_every_markdown_page_imports_back_to_the_same_spec(tmp_path: Path) -> None:
    """import-doc of each committed Markdown page changes nothing in the spec, and
    builds the same IR in an empty spec folder (with the service's hints)."""
    api = load_api(SPEC)
    checked = 0
    for service in api.services:
        hints = SPEC / service.name / "hints" / f"{service.version}.yaml"
        hinted = set((yaml.safe_load(hints.read_text(encoding="utf-8")) or {}).get("actions") or {})
        for op in service.operations:
            page = GENERATED / "docs" / "markdown" / service.name / service.version / f"{op.action}.md"
            assert page.is_file(), page
            parse_page(page.read_text(encoding="utf-8"), page.name)  # reads cleanly
            same = tmp_path / op.action / "spec"
            shutil.copytree(SPEC, same)
            args = ["import-doc", page, "--service", service.name, "--version", service.version,
                    "--spec", same, "--hints", hints]
            code, out, err = run_cli(*args)
            assert code == 0, err
            assert read_bytes_tree(same) == read_bytes_tree(SPEC), f"{op.action}: {out}"
            if op.action not in hinted:
                continue  # what the page does not say (summary, shape names) is in the hints
            empty = tmp_path / op.action / "empty"
            empty.mkdir()
            shutil.copy(SPEC / "common.yaml", empty / "common.yaml")
            args[7] = empty
            code, _o, err = run_cli(*args)
            assert code == 0, err
            rebuilt = load_api(empty).services[0].operation(op.action)
            # x-ksyun-pagination and value constraints (minimum, maxLength, enum) are
            # neither in a KSYUN page's columns nor in the hints: the page shows them
            # in prose, and importing into the spec above keeps them.
            rebuilt = dataclasses.replace(rebuilt, pagination=op.pagination)
            assert _without_constraints(rebuilt) == _without_constraints(op)
            checked += 1
    assert checked >= 1


def test_fixture_markdown_pages_import_back_to_the_same_ir(site: Path, tmp_path: Path) -> None:
    """Paging, a POST action, object and list parameters, hostile text: each page
    imported into the fixture spec leaves its IR as it was."""
    spec = tmp_path / "spec"
    shutil.copytree(DOCS_SPEC, spec)
    before = load_api(DOCS_SPEC)
    for op in before.services[0].operations:
        page = site / "markdown" / "shop" / "2021-05-01" / f"{op.action}.md"
        code, _o, err = run_cli("import-doc", page, "--service", "shop", "--version", "2021-05-01",
                                "--spec", spec)
        assert code == 0, err
    assert load_api(spec) == before


def test_hostile_text_survives_the_markdown_round_trip(site: Path, shop: Service) -> None:
    page = (site / "markdown/shop/2021-05-01/CreateWidget.md").read_text(encoding="utf-8")
    parsed = parse_page(page, "CreateWidget.md")
    [name] = [r for r in parsed.request if r.name == "WidgetName"]
    assert name.description == '名称 </script><b>x</b> "quoted" {{ 7*7 }} a|b'
    assert name.example == "my widget & co"
    [err] = parsed.errors  # error message with a pipe
    assert (err.code, err.status) == ("WidgetQuotaExceeded", 400)
    described = parse_page((site / "markdown/shop/2021-05-01/DescribeWidgets.md").read_text(
        encoding="utf-8"), "DescribeWidgets.md")
    assert described.errors[0].message == "The filter name | is not supported."
    assert described.errors[0].description == "不支持的过滤条件 <i>name</i>"
    # a text page is read as it is: entities stay
    assert parse_page(page, "CreateWidget.txt").request[0].description.startswith("名称 &lt;")


# ---- the command -----------------------------------------------------------------

def test_generate_and_check_without_target_cover_every_target(tmp_path: Path) -> None:
    code, out, err = run_cli("generate", "--spec", DOCS_SPEC, "--out", tmp_path)
    assert code == 0, err
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.startswith(".")) == sorted(TARGETS)
    assert "docs" in TARGETS and out.index("docs") < out.index("python")
    code, out, _e = run_cli("check", "--spec", DOCS_SPEC, "--out", tmp_path)
    assert code == 0 and out.count("is current") == len(TARGETS) and "docs is current" in out
    stale = tmp_path / "docs" / "html" / "index.html"
    stale.write_text(stale.read_text(encoding="utf-8") + "x", encoding="utf-8")
    code, out, err = run_cli("check", "--spec", DOCS_SPEC, "--out", tmp_path)
    assert code == 1 and "docs/html/index.html" in out and "python is current" in out
    code, _o, _e = run_cli("check", "--spec", DOCS_SPEC, "--out", tmp_path, "--target", "python")
    assert code == 0


def test_a_bad_spec_writes_no_target(tmp_path: Path) -> None:
    spec = tmp_path / "spec"
    shutil.copytree(DOCS_SPEC, spec)
    path = spec / "shop" / "2021-05-01.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("style: marker", "style: pages"),
                    encoding="utf-8")
    code, _o, err = run_cli("generate", "--spec", spec, "--out", tmp_path / "out")
    assert code == 2 and "x-ksyun-pagination" in err and "Traceback" not in err
    assert not (tmp_path / "out").exists()


def test_docs_are_byte_identical_across_runs(tmp_path: Path) -> None:
    for name in ("a", "b"):
        code, _o, err = run_cli("generate", "--spec", DOCS_SPEC, "--out", tmp_path / name,
                                "--target", "docs")
        assert code == 0, err
    assert read_bytes_tree(tmp_path / "a") == read_bytes_tree(tmp_path / "b")
    for rel, data in read_bytes_tree(tmp_path / "a").items():
        assert str(tmp_path) not in data.decode("utf-8"), rel


def test_a_service_run_owns_its_html_and_markdown_folders(shop: Service) -> None:
    """Generating from one service's spec file rewrites that service's pages in both
    folders and leaves the pages that list every service to a run over the whole spec."""
    from generator.ir import Api

    owned = docs.DocsTarget().owned_by(Api(services=(shop,)))
    assert owned("html/shop/2021-05-01/CreateWidget.html")
    assert owned("markdown/shop/2021-05-01/CreateWidget.md")
    assert owned("html/style.css") and owned("html/site.js")
    assert not owned("html/index.html") and not owned("html/search-index.js")
    assert not owned("markdown/README.md") and not owned("html/kec/2016-03-04/DescribeImages.html")


# ---- every SDK through its hook -----------------------------------------------------

def test_the_docs_target_imports_no_other_target() -> None:
    import ast

    source = Path(docs.__file__).read_text(encoding="utf-8")
    others = {n for n in TARGETS if n != "docs"} | {"python", "typescript", "go"}
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ImportFrom):
            parts = set((node.module or "").split(".")) | {a.name for a in node.names}
            assert not parts & others, ast.unparse(node)
        elif isinstance(node, ast.Import):
            for alias in node.names:
                assert not set(alias.name.split(".")) & others, ast.unparse(node)


def test_every_registered_code_target_shows_in_a_fixed_order(shop: Service,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    """A target registered later (another language) shows on every page without an edit
    to the docs: python, typescript, go, then the others by name."""
    from generator.targets.base import ExampleCall, Target

    def fake(name: str, label: str) -> type[Target]:
        class Fake(Target):
            def example_call(self, service: Service, op: Operation) -> ExampleCall:
                return ExampleCall(label, "text", f"{label} {op.action}")

            def public_names(self, service: Service, api: object) -> dict[str, str]:
                return {"client": "C", "actions/" + service.operations[0].action: label.lower()}
        Fake.name = name
        return Fake

    registry = dict(TARGETS)
    registry.update({"zeta": fake("zeta", "Zeta"), "go": fake("go", "Go"), "alpha": fake("alpha", "Alpha")})
    monkeypatch.setattr("generator.targets.TARGETS", registry)
    target = docs.DocsTarget()
    op = shop.operations[0]
    labels = [c.label for c in target.example_calls(shop, op)]
    assert labels[:3] == ["Python", "TypeScript", "Go"] and labels[3:] == ["Alpha", "Zeta"]
    methods = [m.label for m in target.sdk_methods(shop, op, load_api(DOCS_SPEC))]
    assert methods[:2] == ["Python", "TypeScript"] and "Go" in methods
