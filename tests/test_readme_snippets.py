"""Every Python snippet of the Python SDK's guide (its generated README) and of the project's
README runs against the mock and passes mypy --strict."""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import SDK, SPEC
from _mock_support import mock_config
from generator.mock import MockServer
from generator.pipeline import load_api

REPO = Path(__file__).resolve().parent.parent
README = REPO / "README.md"
GUIDE = SDK / "README.md"  # the generated Python SDK's README


def snippets() -> list[str]:
    return [code for path in (GUIDE, README)
            for code in re.findall(r"```python\n(.*?)```", path.read_text(encoding="utf-8"), re.S)]


@pytest.fixture(scope="module")
def mock() -> Iterator[MockServer]:
    # the README's placeholder keys are the mock's keys here
    config = mock_config(credentials={"AKLT...": "..."}, page_items=120)
    with MockServer(load_api(SPEC), config) as server:
        yield server


def test_the_section_has_the_snippets() -> None:
    found = snippets()
    assert len(found) >= 7
    assert re.findall(r"```python\n(.*?)```", README.read_text(encoding="utf-8"), re.S)
    text = "\n".join(found)
    for needle in ("paginate_describe_instances", "with_raw_response", "RefreshingCredentials",
                   "system_disk={", "except errors.", "async for", ".pages()"):
        assert needle in text, needle


@pytest.mark.parametrize("index", range(len(snippets())))
def test_snippet_runs_against_the_mock(mock: MockServer, index: int, tmp_path: Path,
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    env = {"KSYUN_ACCESS_KEY": "AKLT...", "KSYUN_SECRET_KEY": "...", "KSYUN_ENDPOINT": mock.url,
           "KSYUN_REGION": "cn-beijing-6", "HOME": str(tmp_path), "PYTHONPATH": str(SDK),
           "PATH": "/usr/bin:/bin"}
    script = tmp_path / f"snippet{index}.py"
    script.write_text(snippets()[index], encoding="utf-8")
    result = subprocess.run([sys.executable, str(script)], env=env, capture_output=True, text=True,
                            timeout=120, cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr


def test_snippets_pass_mypy_strict(tmp_path: Path) -> None:
    for i, code in enumerate(snippets()):
        (tmp_path / f"snippet{i}.py").write_text(code, encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-error-summary", "--cache-dir",
         str(tmp_path / "cache"), *sorted(str(p) for p in tmp_path.glob("snippet*.py"))],
        env={"MYPYPATH": str(SDK), "PATH": "/usr/bin:/bin"}, capture_output=True, text=True,
        timeout=600, cwd=tmp_path,
    )
    assert result.returncode == 0, result.stdout + result.stderr


BAD_USER_CODE = '''\
from ksyun_sdk.kec.v2016_03_04 import KecClient, models

client = KecClient(acces_key="AKLT...", regoin="cn-beijing-6", timeout="slow")
client.run_instances(image_id="i", instance_type="t", max_count=1, min_count=1, subnet_id="s",
                     security_group_id=["g"], charge_type="Daily", system_disk={"DiskTyp": "ESSD_PL1"})
client.describe_instances(filter_=[{"Name": "a", "Value": "not-a-list"}])
models.RunInstancesSystemDisk(disk_type="FLOPPY")
print(client.describe_images().images_set[0].image_id.upper())
'''


def test_mypy_strict_catches_what_a_user_gets_wrong(tmp_path: Path) -> None:
    (tmp_path / "bad.py").write_text(BAD_USER_CODE, encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-error-summary", "--cache-dir",
         str(tmp_path / "cache"), "bad.py"],
        env={"MYPYPATH": str(SDK), "PATH": "/usr/bin:/bin"}, capture_output=True, text=True,
        timeout=600, cwd=tmp_path,
    )
    out = result.stdout
    for line, needle in [
        (3, 'Unexpected keyword argument "acces_key" for "KecClient"'),
        (3, 'Unexpected keyword argument "regoin" for "KecClient"'),
        (3, 'Argument "timeout" to "KecClient" has incompatible type "str"'),
        (5, 'Argument "system_disk" to "run_instances"'),
        (6, 'expected "Filter | FilterDict"'),
        (7, "\"Literal['FLOPPY']\""),
        (8, 'Item "None" of "str | None" has no attribute "upper"'),
    ]:
        assert any(l.startswith(f"bad.py:{line}:") and needle in l for l in out.splitlines()), (needle, out)
