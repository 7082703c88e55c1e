"""import-doc reads KSYUN pages in every layout they are published in.

The pages under tests/pages/layouts/ are invented actions written by hand in the
shapes KSYUN's pages really take (pipe tables with and without leading pipes,
one cell per line, rows continued on the next line, tab- and space-separated
rows, saved HTML; Chinese and English headings in several vocabularies; named
types described by sub-tables; pages without an Action row).  Beside each page,
``<stem>.expect.yaml`` says by hand what it documents.  Each page is imported
into an empty spec and the written spec, read back with tests/layouts_support.py,
must hold every request row, response field and error code of the page, and
nothing else.  A page that breaks off inside a table must be refused.

A property test writes one random action in five layouts with its own writers
and requires the five imports to write the same spec, byte for byte.

``tests/pages/layouts/measure.py`` prints the same comparison as one figure.
"""

from __future__ import annotations

import difflib
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from layouts_support import (
    LAYOUTS,
    TYPES,
    WRITERS,
    Action,
    ErrorCode,
    Field,
    Param,
    SpecReader,
    check_imported,
    fresh_spec,
    layout_pages,
    load_expectation,
    measure_page,
    refusal_problems,
    run_import,
    service_spec,
    spec_files,
)

PAGES = layout_pages()
IMPORTED = [p for p in PAGES if "refused" not in load_expectation(p)]
REFUSED = [p for p in PAGES if "refused" in load_expectation(p)]


# ---- the suite itself -----------------------------------------------------------------

def test_the_layout_suite_is_complete_and_well_formed() -> None:
    """Every page has an expectation in the documented form (this guards the suite, not the reader)."""
    assert len(IMPORTED) >= 16 and len(REFUSED) >= 1
    suffixes = {p.suffix for p in PAGES}
    assert ".html" in suffixes and ".txt" in suffixes
    for page in PAGES:
        expect = load_expectation(page)
        assert {"service", "version"} <= set(expect), page.name
        if "refused" in expect:
            first, last = expect["refused"]["lines"]
            assert 1 <= first <= last <= len(page.read_text(encoding="utf-8").split("\n")), page.name
            continue
        assert set(expect) <= {"service", "version", "action", "request", "response", "errors",
                               "descriptions"}, page.name
        for key in expect.get("descriptions") or {}:
            section, _, rest = str(key).partition(".")
            assert section in ("request", "response", "errors") and rest in (expect.get(section) or {}), \
                (page.name, key)
        for name, row in (expect.get("request") or {}).items():
            assert set(row) == {"type", "required"} and row["type"] in TYPES, (page.name, name)
            assert isinstance(row["required"], bool), (page.name, name)
        for path, kind in (expect.get("response") or {}).items():
            assert kind in TYPES, (page.name, path)
        for code, status in (expect.get("errors") or {}).items():
            assert isinstance(status, int) and 100 <= status <= 599, (page.name, code)
    # every file in the folder is a page with its expectation, the script, or the notes
    known = {p.name for p in PAGES} | {p.stem + ".expect.yaml" for p in PAGES} | {"measure.py", "README.md"}
    assert sorted(p.name for p in LAYOUTS.iterdir() if p.is_file() and p.name not in known) == []


# ---- every layout, page by page ---------------------------------------------------------

@pytest.mark.parametrize("page", IMPORTED, ids=[p.name for p in IMPORTED])
def test_layout_page_imports_faithfully(page: Path, tmp_path: Path) -> None:
    result, run = measure_page(page, tmp_path)
    print(result.summary())
    assert result.imported, result.summary() + "\n--- stderr ---\n" + run.err
    assert result.perfect, result.summary() + "\n--- stderr ---\n" + run.err


@pytest.mark.parametrize("page", REFUSED, ids=[p.name for p in REFUSED])
def test_incomplete_page_is_refused(page: Path, tmp_path: Path) -> None:
    """A page that ends inside a table (cut off mid-row) is refused: exit code 1, no file
    written, and a message naming the page and a line of the table that breaks off."""
    expect = load_expectation(page)
    spec = fresh_spec(tmp_path / "spec")
    common = (spec / "common.yaml").read_bytes()
    run = run_import(page, str(expect["service"]), str(expect["version"]), spec)
    problems = refusal_problems(page, expect, run)
    assert not problems, "; ".join(problems) + "\n--- stderr ---\n" + run.err
    assert "Traceback" not in run.err
    assert (spec / "common.yaml").read_bytes() == common


# ---- several pages in one call, a folder ---------------------------------------------------

GROUPS = {
    # service/version: pages documenting actions of that one version
    ("bill", "2018-06-01"): ["DescribeBillSummary.txt", "GetMonthStatement.txt"],
    ("beacon", "2019-08-12"): ["DescribeBeacons.txt", "DescribeBeaconGroups.txt"],
}


@pytest.mark.parametrize("group", list(GROUPS), ids=["/".join(g) for g in GROUPS])
def test_several_pages_and_a_folder(group: tuple[str, str], tmp_path: Path) -> None:
    """Pages of one version imported in one call, or as the folder holding them, give a spec
    holding every page's action with every row faithful, as importing them one by one does."""
    service, version = group
    pages = [LAYOUTS / name for name in GROUPS[group]]
    one_by_one = fresh_spec(tmp_path / "one" / "spec")
    for page in pages:
        run = run_import(page, service, version, one_by_one)
        assert run.code == 0, f"{page.name}: {run.err}"
    together = fresh_spec(tmp_path / "together" / "spec")
    run = run_import(sorted(pages), service, version, together)  # in the folder's (name) order
    assert run.code == 0, f"{[p.name for p in pages]}: {run.err}"
    folder = tmp_path / "folder" / "pages"
    folder.mkdir(parents=True)
    for page in pages:
        shutil.copy(page, folder / page.name)
    as_folder = fresh_spec(tmp_path / "folder" / "spec")
    run = run_import(folder, service, version, as_folder)
    assert run.code == 0, f"{folder}: {run.err}"

    for spec in (one_by_one, together, as_folder):
        doc = service_spec(spec, service, version)
        for page in pages:
            result = check_imported(page.name, load_expectation(page), doc)
            assert result.perfect, f"{spec.parent.name}: " + result.summary()
        assert doc is not None
        actions = sorted(str(load_expectation(p)["action"]) for p in pages)
        assert sorted(SpecReader(doc).actions()) == actions, spec.parent.name
    # the folder and its pages named in name order make the same spec
    assert spec_files(as_folder) == spec_files(together)


# ---- the overall figure ----------------------------------------------------------------------

def test_measure_script_reports_every_page_exact() -> None:
    script = LAYOUTS / "measure.py"
    run = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=600)
    lines = run.stdout.strip().splitlines()
    assert lines and lines[-1].startswith("pages imported: "), run.stdout + run.stderr
    assert len(lines) == len(PAGES) + 1
    total = len(PAGES)
    assert lines[-1].startswith(f"pages imported: {total}/{total}; ") and "(100.0%)" in lines[-1] \
        and lines[-1].endswith(f"pages exact: {total}/{total}"), run.stdout
    assert run.returncode == 0, run.stdout + run.stderr


# ---- one random action, five layouts, one spec ------------------------------------------------

_VERBS = ["Describe", "Create", "Modify", "Delete", "Query"]
_NOUNS = ["Widget", "Harbor", "Kettle", "Orchard", "Ferry", "Quill"]
_PARAMS = ["ZoneId", "ProjectId", "PageSize", "Marker", "Enabled", "Ratio", "Tag", "Comment",
           "Priority", "Owner"]
_FIELDS = ["Total", "Status", "DisplayName", "SizeGb", "Weight", "IsDefault", "CreateTime", "RegionName"]
_MEMBERS = ["ItemId", "Label", "Count", "Active", "Score"]
_NESTED = ["ItemSet", "Detail", "Config", "Records"]
_SCALARS = ["String", "Integer", "Long", "Boolean", "Double"]
_DESCRIPTIONS = ["名称", "描述信息", "取值范围1~100", "是否启用", "创建时间", "项目ID,默认0", ""]
_CODES = ["InvalidParameter", "ResourceNotFound", "QuotaExceeded", "OperationConflict", "InternalError"]
_MESSAGES = ["The parameter is invalid.", "The resource does not exist.", "Quota exceeded.",
             "Another operation is in progress.", "Internal error."]
_STATUSES = [400, 403, 404, 409, 500]


@st.composite
def actions(draw: st.DrawFn) -> Action:
    name = draw(st.sampled_from(_VERBS)) + draw(st.sampled_from(_NOUNS))
    param_names = draw(st.lists(st.sampled_from(_PARAMS), min_size=1, max_size=5, unique=True))
    params = [Param(n + (".N" if draw(st.booleans()) else ""), draw(st.sampled_from(_SCALARS)),
                    draw(st.booleans()), draw(st.sampled_from(_DESCRIPTIONS))) for n in param_names]
    fields = [Field("RequestId", "String", "请求ID")]
    for n in draw(st.lists(st.sampled_from(_FIELDS), max_size=3, unique=True)):
        fields.append(Field(n, draw(st.sampled_from(_SCALARS)), draw(st.sampled_from(_DESCRIPTIONS))))
    nested = draw(st.sampled_from(_NESTED))
    fields.append(Field(nested, draw(st.sampled_from(["Object", "Object[]"])), "详情"))
    for n in draw(st.lists(st.sampled_from(_MEMBERS), min_size=1, max_size=3, unique=True)):
        fields.append(Field(n, draw(st.sampled_from(_SCALARS)), draw(st.sampled_from(_DESCRIPTIONS))))
    errors = [ErrorCode(c, draw(st.sampled_from(_MESSAGES)), draw(st.sampled_from(_STATUSES)),
                        draw(st.sampled_from(_DESCRIPTIONS)))
              for c in draw(st.lists(st.sampled_from(_CODES), max_size=3, unique=True))]
    return Action(name, "2016-03-04", "示例接口", params, fields, nested, errors)


def _diff(a: dict[str, bytes], b: dict[str, bytes]) -> str:
    out = []
    for key in sorted(set(a) | set(b)):
        left = a.get(key, b"").decode("utf-8", "replace").splitlines()
        right = b.get(key, b"").decode("utf-8", "replace").splitlines()
        out += difflib.unified_diff(left, right, f"pipe/{key}", f"other/{key}", lineterm="", n=1)
    return "\n".join(out[:60])


# No shrinking: while the reader is wrong, shrinking costs minutes; the failure message
# shows the generated page itself.
@settings(derandomize=True, max_examples=15, deadline=None, phases=[Phase.explicit, Phase.generate],
          suppress_health_check=[HealthCheck.too_slow])
@given(action=actions())
def test_every_layout_imports_to_the_same_spec(action: Action) -> None:
    problems: list[str] = []
    written: dict[str, dict[str, bytes]] = {}
    with tempfile.TemporaryDirectory(prefix="layouts-prop-") as tmp:
        for layout, (write, suffix) in WRITERS.items():
            folder = Path(tmp) / layout
            folder.mkdir()
            page = folder / f"{action.name}{suffix}"
            page.write_text(write(action), encoding="utf-8")
            spec = fresh_spec(folder / "spec")
            run = run_import(page, "prop", action.version, spec)
            if run.code != 0:
                problems.append(f"{layout}: exit code {run.code}: {run.err.strip()}\n"
                                f"--- page ---\n{page.read_text(encoding='utf-8')}")
                continue
            written[layout] = spec_files(spec)
            if layout == "pipe":
                result = check_imported(page.name, action.expectation(),
                                        service_spec(spec, "prop", action.version))
                if not result.perfect:
                    problems.append("pipe: the spec is not what the page says: " + result.summary())
    base = written.get("pipe")
    if base is not None:
        for layout, files in written.items():
            if files != base:
                problems.append(f"{layout}: a different spec than the pipe layout's:\n{_diff(base, files)}")
    assert not problems, "\n\n".join(problems) + "\n\n--- the pipe page ---\n" + WRITERS["pipe"][0](action)
