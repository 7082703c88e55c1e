"""The import sections of the guides show real output: every ``$ ksyun-codegen
import-doc`` command in a console block of spec/README.md's "Add an action from
a doc page" and "Importing doc pages" and of README.md's "Import a page" is run
(in a copy of spec/ and tests/pages/, the YAML hints shown before it applied)
and must print exactly the lines shown (a block with a '...' line shows some of
them)."""

from __future__ import annotations

import re
import shlex
import shutil
from pathlib import Path

import pytest
import yaml

from conftest import REPO, run_cli

SECTIONS = [
    (REPO / "spec" / "README.md", "## Add an action from a doc page", "\n## Importing doc pages"),
    (REPO / "spec" / "README.md", "## Importing doc pages", "\n## Nothing after"),
    (REPO / "README.md", "## Import a page", "\n## "),
]
HINTS = Path("spec") / "kec" / "hints" / "2016-03-04.yaml"
_FENCE = re.compile(r"^( *)```(console|yaml)\n(.*?)^\1```", re.S | re.M)


def _blocks(path: Path, start: str, end: str) -> list[tuple[str, str]]:
    text = path.read_text(encoding="utf-8")
    section = text[text.index(start):]
    if end in section:
        section = section[:section.index(end)]
    out = []
    for m in _FENCE.finditer(section):
        indent = len(m.group(1))
        body = "".join(line[indent:] + "\n" for line in m.group(3).splitlines())
        out.append((m.group(2), body))
    return out


def _commands(body: str) -> list[tuple[list[str], list[str]]]:
    runs: list[tuple[list[str], list[str]]] = []
    for line in body.splitlines():
        if line.startswith("$ "):
            runs.append((shlex.split(line[2:]), []))
        elif runs:
            runs[-1][1].append(line)
    return runs


def _cases() -> list[str]:
    cases = []
    for path, start, end in SECTIONS:
        blocks = _blocks(path, start, end)
        assert any(kind == "console" and "import-doc" in body for kind, body in blocks), (path, start)
        cases.append(f"{path.relative_to(REPO).as_posix()}: {start.lstrip('# ')}")
    return cases


@pytest.mark.parametrize("section", range(len(SECTIONS)), ids=_cases())
def test_import_commands_print_what_the_guide_shows(section: int, tmp_path: Path) -> None:
    path, start, end = SECTIONS[section]
    guide = path.relative_to(REPO).as_posix()
    work = tmp_path / "repo"
    shutil.copytree(REPO / "spec", work / "spec")
    shutil.copytree(REPO / "tests" / "pages", work / "tests" / "pages")
    ran = 0
    for kind, body in _blocks(path, start, end):
        if kind == "yaml":  # hints the guide says to add
            hints_file = work / HINTS
            hints = yaml.safe_load(hints_file.read_text(encoding="utf-8"))
            hints["actions"].update(yaml.safe_load(body)["actions"])
            hints_file.write_text(yaml.safe_dump(hints, allow_unicode=True, sort_keys=False),
                                  encoding="utf-8")
            continue
        for argv, shown in _commands(body):
            if argv[:2] != ["ksyun-codegen", "import-doc"]:
                continue
            code, out, err = run_cli(*argv[1:], cwd=work)
            ran += 1
            printed = [line.rstrip() for line in (out + err).splitlines()]
            wanted = [line.rstrip() for line in shown]
            for line in wanted:
                if line != "...":
                    assert line in printed, f"{guide}: {' '.join(argv)}\nnot printed: {line}\n" \
                                            f"printed:\n{out}{err}"
            if "..." not in wanted:
                assert sorted(printed) == sorted(wanted), f"{guide}: {' '.join(argv)}\n{out}{err}"
            assert code == (2 if any(line.startswith("  refused ") for line in wanted) else 0), err
    assert ran >= 1
