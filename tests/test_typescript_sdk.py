"""The generated TypeScript SDK, for real: compiled by the pinned ``tsc --strict``,
misused by a typed script that must not compile, and run by ``node --test``
against the project's mock and a server verifying signatures with
``@smithy/signature-v4`` (tests/typescript/*.test.mjs).

The node suites use an SDK generated here from the fixture spec (the KEC spec
plus a write action and two paged actions), so they also prove that a new
action in the spec needs no template or runtime change; the paging suite uses
the committed package and a mock of spec/ (1,000 items), like the Python
SDK's paging tests.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from _mock_support import PAGING_FIXTURE, write_fixture_spec
from conftest import GENERATED, REPO, SPEC

from generator.pipeline import load_api
from generator.targets.typescript.target import TOOLCHAIN, error_class
from generator.write import write_tree

NODE_TESTS = REPO / "tests" / "typescript"
CASES = REPO / "tests" / "cases" / "describe_images.json"
PAGING_CASES = REPO / "tests" / "cases" / "paging.json"
VALIDATION_CASES = REPO / "tests" / "cases" / "validation.json"
TSC = TOOLCHAIN / "node_modules" / "typescript" / "bin" / "tsc"
PACKAGE = GENERATED / "typescript"

pytestmark = pytest.mark.skipif(
    shutil.which("node") is None or not TSC.is_file(),
    reason="needs Node.js and the TypeScript toolchain (npm ci --prefix templates/typescript/toolchain)",
)


@pytest.fixture(scope="module")
def fixture_spec(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_fixture_spec(tmp_path_factory.mktemp("ts-spec") / "spec", PAGING_FIXTURE)


@pytest.fixture(scope="module")
def fixture_sdk(fixture_spec: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    from generator.pipeline import generate_files

    root = tmp_path_factory.mktemp("ts-sdk") / "typescript"
    write_tree(root, generate_files(fixture_spec, "typescript"))
    return root


def documented_errors() -> list[dict[str, object]]:
    """Every error DescribeImages may get (its own, then the common ones), from the IR."""
    api = load_api(SPEC)
    op = next(s for s in api.services if s.name == "kec").operation("DescribeImages")
    own = {e.code for e in op.errors}
    errors = [*op.errors, *(e for e in api.common_errors if e.code not in own)]
    return [{"code": e.code, "httpStatus": e.http_status, "message": e.message,
             "className": error_class(e.code)} for e in errors]


@pytest.mark.parametrize("suite", ["cases", "mock", "paging", "hostile", "validation"])
def test_node_suite(suite: str, fixture_spec: Path, fixture_sdk: Path) -> None:
    # paging walks KEC DescribeInstances and VPC DescribeVpcs of the committed package
    # against the mock of spec/, like the Python SDK's paging tests; validation checks the
    # committed package's KEC client, as the Python SDK's shared validation cases do
    sdk, spec = (PACKAGE, SPEC) if suite in ("paging", "validation") else (fixture_sdk, fixture_spec)
    env = {
        **os.environ,
        "KSYUN_TS_SDK": str(sdk),
        "KSYUN_TS_SPEC": str(spec),
        "KSYUN_TS_CODEGEN": json.dumps([sys.executable, "-m", "generator"]),
        "KSYUN_TS_TOOLCHAIN": str(TOOLCHAIN),
        "KSYUN_TS_CASES": str(CASES),
        "KSYUN_TS_PAGING_CASES": str(PAGING_CASES),
        "KSYUN_TS_VALIDATION_CASES": str(VALIDATION_CASES),
        "KSYUN_TS_ERRORS": json.dumps(documented_errors()),
        "PYTHONPATH": str(REPO),
    }
    done = subprocess.run(["node", "--test", "--test-reporter=tap", str(NODE_TESTS / f"{suite}.test.mjs")],
                          capture_output=True, text=True, env=env, timeout=240)
    failed = [line for line in done.stdout.splitlines() if line.lstrip().startswith("not ok")]
    assert done.returncode == 0, "\n".join(failed) + "\n" + done.stdout[-6000:] + done.stderr[-2000:]
    passed = re.search(r"^# pass (\d+)", done.stdout, re.M)
    assert passed and int(passed.group(1)) > 0, done.stdout[-2000:]


# -- the compiler ---------------------------------------------------------------------------------
MISUSE = """\
import { KecClient } from "ksyun-sdk/kec/v2016-03-04";

const kec = new KecClient({ region: "cn-beijing-6" });
await kec.describeImages({ imageIdd: "typo" });
await kec.describeImages({ imageId: 123 });
await kec.describeImages({}, { timeoutMs: "soon" });
const resp = await kec.describeImages();
const n: number = resp.imagesSet?.[0]?.imageId;
new KecClient({ secretkey: "x" });
"""

CORRECT = """\
import { KecClient } from "ksyun-sdk/kec/v2016-03-04";

const kec = new KecClient({ region: "cn-beijing-6" });
const resp = await kec.describeImages({ imageId: "img-1", imageType: "system" }, { timeoutMs: 5000 });
const id: string | undefined = resp.imagesSet?.[0]?.snapshotSet?.[0]?.snapshotId;
console.log(id);
// a response's lists are always there ([] when KSYUN leaves one out)
const count: number = resp.imagesSet.length + (resp.imagesSet[0]?.snapshotSet.length ?? 0);
console.log(count);
"""


def _readme_snippet(readme: Path = PACKAGE / "README.md") -> str:
    """The first TypeScript block of a README (the package's generated guide, or the project's)."""
    return readme.read_text(encoding="utf-8").split("```ts\n", 1)[1].split("```", 1)[0]


@pytest.fixture(scope="module")
def user_project(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """A user's project depending on the committed package (node_modules/ksyun-sdk), with
    three scripts (a misusing one, a correct one, the README's snippet), compiled once
    by the pinned tsc in strict mode: (project, compiler output)."""
    project = tmp_path_factory.mktemp("ts-user")
    modules = project / "node_modules"
    modules.mkdir()
    (modules / "ksyun-sdk").symlink_to(PACKAGE, target_is_directory=True)
    (project / "package.json").write_text('{"type": "module"}\n', encoding="utf-8")
    scripts = {"misuse.ts": MISUSE, "correct.ts": CORRECT, "readme.ts": _readme_snippet(),
               "project_readme.ts": _readme_snippet(REPO / "README.md")}
    (project / "tsconfig.json").write_text(json.dumps({
        "compilerOptions": {"target": "ES2022", "module": "NodeNext", "moduleResolution": "NodeNext",
                            "lib": ["ES2022", "DOM"], "strict": True, "types": [], "outDir": "out"},
        "files": sorted(scripts),
    }), encoding="utf-8")
    for name, text in scripts.items():
        (project / name).write_text(text, encoding="utf-8")
    done = _tsc("-p", project, cwd=project)
    return project, done.stdout + done.stderr


def _tsc(*args: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["node", str(TSC), *map(str, args)], capture_output=True, text=True,
                          cwd=cwd, timeout=240)


def _error_lines(output: str, script: str) -> set[int]:
    return {int(m.group(1)) for m in re.finditer(rf"^{re.escape(script)}\((\d+),\d+\): error TS", output, re.M)}


def test_committed_package_compiles_with_strict_tsc() -> None:
    done = _tsc("-p", PACKAGE / "tsconfig.json", "--noEmit", "--strict", cwd=PACKAGE)
    assert done.returncode == 0, done.stdout + done.stderr


def test_misusing_the_api_does_not_compile(user_project: tuple[Path, str]) -> None:
    # every misuse is caught, on its own line: unknown parameter, wrong type, wrong option
    # type, a response field used as the wrong type, an unknown client option
    assert _error_lines(user_project[1], "misuse.ts") == {4, 5, 6, 8, 9}, user_project[1]


def test_correct_use_compiles(user_project: tuple[Path, str]) -> None:
    assert _error_lines(user_project[1], "correct.ts") == set(), user_project[1]
    assert re.findall(r"^(\S+)\(\d+,\d+\): error", user_project[1], re.M) == ["misuse.ts"] * 5


def test_readme_snippet_compiles_and_runs_against_the_mock(user_project: tuple[Path, str]) -> None:
    from _mock_support import ACCESS_KEY, SECRET_KEY, mock_config

    from generator.mock import MockServer

    project, output = user_project
    assert _error_lines(output, "readme.ts") == set(), output
    with MockServer(load_api(SPEC), mock_config()) as mock:
        env = {**os.environ, "KSYUN_ACCESS_KEY": ACCESS_KEY, "KSYUN_SECRET_KEY": SECRET_KEY,
               "KSYUN_ENDPOINT": mock.url}
        env.pop("KSYUN_REGION", None)
        ran = subprocess.run(["node", str(project / "out" / "readme.js")], capture_output=True, text=True,
                             env=env, timeout=60, cwd=project)
    assert ran.returncode == 0, ran.stderr
    first, second = ran.stdout.splitlines()
    request_id, image_id, disk_size = first.split(" ")
    assert request_id and image_id == "31c78c89-98bd-4d5b-8ddf-7eff4622cc" and disk_size == "20"
    # e.code, then e.message: the code, KSYUN's text, the HTTP status and the request id
    assert second.startswith("ImageIdInvalidParameterValue ImageIdInvalidParameterValue: An invalid or out-of-range value")
    assert re.search(r"\(HTTP 400, request id [0-9a-f-]+\)", second) and second.endswith(" 400")


def test_project_readme_snippet_compiles_and_runs_against_the_mock(user_project: tuple[Path, str]) -> None:
    """The project README's TypeScript example: three pages of the mock's defaults, then the error."""
    from _mock_support import ACCESS_KEY, SECRET_KEY, mock_config

    from generator.mock import MockServer

    project, output = user_project
    assert _error_lines(output, "project_readme.ts") == set(), output
    with MockServer(load_api(SPEC), mock_config()) as mock:
        env = {**os.environ, "KSYUN_ACCESS_KEY": ACCESS_KEY, "KSYUN_SECRET_KEY": SECRET_KEY,
               "KSYUN_ENDPOINT": mock.url}
        ran = subprocess.run(["node", str(project / "out" / "project_readme.js")], capture_output=True,
                             text=True, env=env, timeout=60, cwd=project)
    assert ran.returncode == 0, ran.stderr
    lines = ran.stdout.splitlines()
    assert len(lines) >= 5 and lines[-1] == "ImageIdInvalidParameterValue 400", lines
