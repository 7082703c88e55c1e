"""The project's own documentation: README.md is the newcomer's page (short, the two
commands first), each guide lives beside what it describes, and none of them talks
about how the work was organised."""

from __future__ import annotations

import re
from pathlib import Path

from conftest import GENERATED, REPO

README = REPO / "README.md"
GUIDES = [README, REPO / "spec" / "README.md", REPO / "generator" / "README.md",
          GENERATED / "python" / "README.md", GENERATED / "typescript" / "README.md",
          REPO / "templates" / "python" / "README.md.j2", REPO / "templates" / "typescript" / "README.md.j2"]
SETUP = ("python3.11 -m venv .venv && .venv/bin/pip install -e '.[test]' && npm ci --prefix "
         "templates/typescript/toolchain && npm ci --prefix tests/docs && .venv/bin/ksyun-codegen generate")
TESTS = ".venv/bin/python -m pytest -q"


def _sh_blocks(text: str) -> list[str]:
    return [b.strip() for b in re.findall(r"```sh\n(.*?)```", text, re.S)]


def test_readme_is_short_and_starts_with_the_two_commands() -> None:
    text = README.read_text(encoding="utf-8")
    assert len(text.splitlines()) < 200
    blocks = _sh_blocks(text)
    assert blocks[:2] == [SETUP, TESTS]
    for heading in ("## The two commands", "## Regenerate", "## Add an action", "## Import a page",
                    "## Read the docs", "## Use the Python SDK", "## Use the TypeScript SDK",
                    "## Run the mock"):
        assert heading in text, heading


def test_ci_runs_the_readmes_test_command() -> None:
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert re.search(r"^" + re.escape(TESTS) + r"$", ci, re.M), "CI does not run the README's test command"
    for step in ("npm ci --prefix templates/typescript/toolchain", "npm ci --prefix tests/docs",
                 "pip install --quiet -e '.[test]'"):
        assert step in ci, step


def test_guides_link_to_each_other_and_exist() -> None:
    text = README.read_text(encoding="utf-8")
    for link in re.findall(r"\]\(([^)#]+)(?:#[^)]*)?\)", text):
        assert (REPO / link).exists(), link


def test_no_guide_talks_about_how_the_work_was_organised() -> None:
    words = re.compile(r"\bissues?\b|\bround of work\b|\brounds of work\b|\bsessions?\b|\bthis round\b", re.I)
    for path in GUIDES:
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            assert not words.search(line), f"{path.relative_to(REPO)}:{n}: {line}"


def test_the_readmes_new_action_validates(tmp_path: Path) -> None:
    """The path item README.md shows under "Add an action", with its response schema, is a
    valid action of the KEC spec."""
    import shutil

    import yaml
    from conftest import SPEC, run_cli

    text = README.read_text(encoding="utf-8")
    section = text[text.index("## Add an action\n"):text.index("\n## Import a page")]
    [block] = re.findall(r"```yaml\n(.*?)```", section, re.S)
    spec = tmp_path / "spec"
    shutil.copytree(SPEC, spec)
    path = spec / "kec" / "2016-03-04.yaml"
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    doc["paths"].update(yaml.safe_load(block))
    doc["components"]["schemas"]["DescribeKeysResponse"] = {
        "type": "object", "properties": {"RequestId": {"type": "string"}}}
    path.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    code, out, err = run_cli("validate", "--spec", spec)
    assert code == 0, out + err
