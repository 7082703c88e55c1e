"""The generated SDK is a standalone distribution: a wheel with py.typed that
depends on httpx and pydantic only, and imports in a fresh interpreter."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from email.parser import Parser
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SDK = ROOT / "generated" / "python"


def test_wheel_contents_and_dependencies(tmp_path: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation",
         "--wheel-dir", str(tmp_path), str(SDK)],
        check=True, capture_output=True, text=True,
    )
    (wheel,) = tmp_path.glob("ksyun_sdk-*.whl")
    with zipfile.ZipFile(wheel) as zf:
        names = set(zf.namelist())
        meta_name = next(n for n in names if n.endswith(".dist-info/METADATA"))
        meta = Parser().parsestr(zf.read(meta_name).decode("utf-8"))
    assert "ksyun_sdk/py.typed" in names
    assert "ksyun_sdk/kec/v2016_03_04/client.py" in names
    assert "ksyun_sdk/kec/v2016_03_04/models/shapes/image_snapshot.py" in names
    # every .py file of the generated package is in the wheel
    on_disk = {p.relative_to(SDK).as_posix() for p in (SDK / "ksyun_sdk").rglob("*.py")}
    assert on_disk <= names
    requires = sorted(r.split(">")[0].split("<")[0].split("=")[0].strip()
                      for r in meta.get_all("Requires-Dist") or [])
    assert requires == ["httpx", "pydantic"]
    assert meta["Requires-Python"] == ">=3.11"


def test_imports_with_nothing_but_its_own_folder() -> None:
    """No import reaches into the generator or the tests: run it isolated (-I)
    with only generated/python on the path."""
    code = (
        "import sys; sys.path.insert(0, sys.argv[1]);"
        "from ksyun_sdk.kec.v2016_03_04 import KecClient, AsyncKecClient, errors, models;"
        "import ksyun_sdk;"
        "assert models.ImageSnapshot.model_validate({'DiskSize': 20}).disk_size == 20;"
        "bad = [m for m in sys.modules if m.split('.')[0] in ('generator', 'jinja2', 'datamodel_code_generator', 'black')];"
        "assert not bad, bad;"
        "print('ok')"
    )
    out = subprocess.run([sys.executable, "-I", "-c", code, str(SDK)],
                         check=True, capture_output=True, text=True)
    assert out.stdout.strip() == "ok"
