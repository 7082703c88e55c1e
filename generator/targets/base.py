"""What every target provides, and the manifest-driven rendering they share."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path, PurePosixPath
from typing import Any

import jinja2
import yaml as pyyaml

from ..ir import Api, Operation, Service
from ..naming import verb
from ..partition import bucket_count, stable_buckets
from ..problems import GeneratorBug, Problem, SpecError

TEMPLATES = Path(__file__).resolve().parent.parent.parent / "templates"


class Target:
    """A language target: filters (names, types, escaping) and a manifest of files."""

    name = ""

    def filters(self) -> dict[str, Callable[..., Any]]:
        return {}

    def check(self, api: Api) -> list[Problem]:
        """Target-specific checks (e.g. two fields that map to one identifier)."""
        return []

    def extra_files(self, api: Api) -> dict[str, str]:
        """Files not rendered from the manifest (e.g. models from another tool)."""
        return {}

    def postprocess(self, files: dict[str, str]) -> dict[str, str]:
        """Formatting; default: none."""
        return files

    def service_folder(self, service: Service) -> str:
        """The output folder that holds one service version's files and nothing else."""
        raise NotImplementedError

    def owned_by(self, api: Api) -> Callable[[str], bool]:
        """Which output paths a run over *api* alone answers for: its services'
        folders and the runtime copied verbatim.  Files that list every service
        (README, package ``__init__``) are left to a run over the whole spec."""
        folders = tuple(self.service_folder(s) for s in api.services)
        copied = {entry["output"] for entry in self.manifest() if entry.get("copy")}
        return lambda rel: rel.startswith(folders) or rel in copied

    # -- shared machinery ----------------------------------------------------------
    @property
    def template_dir(self) -> Path:
        return TEMPLATES / self.name

    def environment(self) -> jinja2.Environment:
        env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(str(self.template_dir)),
            undefined=jinja2.StrictUndefined,
            keep_trailing_newline=True,
            trim_blocks=True,
            lstrip_blocks=True,
            autoescape=False,
        )
        env.filters.update(self.filters())
        return env

    def manifest(self) -> list[dict[str, Any]]:
        with open(self.template_dir / "manifest.yaml", encoding="utf-8") as fh:
            data = pyyaml.safe_load(fh)
        return list(data["files"])

    def render(self, api: Api, checked: bool = False) -> dict[str, str]:
        """Every output file of this target, path (POSIX, relative) → text
        (*checked*: the caller has seen ``check(api)`` find nothing)."""
        problems = [] if checked else self.check(api)
        if problems:
            raise SpecError(problems)
        env = self.environment()
        files: dict[str, str] = {}
        for entry in self.manifest():
            if entry.get("copy"):
                if "each" in entry:
                    raise GeneratorBug(f"manifest: {entry['template']}: copy and each exclude each other")
                source = self.template_dir / entry["template"]
                _add(files, entry["output"], source.read_text(encoding="utf-8"))
                continue
            template = env.get_template(entry["template"])
            each = entry.get("each")
            contexts: list[dict[str, Any]]
            if each == "service":
                contexts = [{"service": s} for s in api.services]
            elif each == "service_name":
                contexts = [
                    {"service_name": n, "services": [s for s in api.services if s.name == n]}
                    for n in sorted({s.name for s in api.services})
                ]
            elif each == "action_group":
                contexts = [
                    {"service": s, "group": group, "operations": ops}
                    for s in api.services
                    for group, ops in action_groups(s)
                ]
            elif each == "operation":
                contexts = [{"service": s, "op": op} for s in api.services for op in s.operations]
            elif each == "shape":
                contexts = [{"service": s, "shape": sh} for s in api.services for sh in s.shapes]
            elif each is None:
                contexts = [{}]
            else:
                raise GeneratorBug(f"manifest: unknown 'each: {each}'")
            output = env.from_string(entry["output"])
            for ctx in contexts:
                ctx = {"api": api, **ctx}
                out = output.render(ctx)
                _add(files, out, template.render(ctx))
        for path, text in self.extra_files(api).items():
            _add(files, path, text)
        return self.postprocess(files)


GROUP_SIZE = 16  # actions per client module, about (a module of 16 actions: ~100 KB, ~0.6 s of black)


def action_groups(service: Service) -> list[tuple[str, list[Operation]]]:
    """The service's actions grouped by verb (``Describe``, ``Run``...), sorted.

    A verb with more than GROUP_SIZE actions is split into stable hash
    buckets (``Describe0``, ``Describe1``...; see generator.partition), so no
    module grows past a moderate size and adding an action rewrites one.
    """
    by_verb: dict[str, list[Operation]] = {}
    for op in service.operations:
        by_verb.setdefault(verb(op.action), []).append(op)
    groups: list[tuple[str, list[Operation]]] = []
    for name, ops in sorted(by_verb.items()):
        if len(ops) <= GROUP_SIZE:
            groups.append((name, ops))
            continue
        parts = stable_buckets(ops, lambda op: op.action, GROUP_SIZE)
        width = len(str(bucket_count(len(ops), GROUP_SIZE) - 1))
        groups.extend((f"{name}{index:0{width}d}", part) for index, part in parts)
    return groups


def _add(files: dict[str, str], path: str, text: str) -> None:
    """Add one output file.  The manifest and the naming filters decide every
    path, and build.py has checked the names they are made from, so a path
    that escapes the output folder or is written twice is our bug, never the
    spec's (GeneratorBug: exit 3)."""
    p = PurePosixPath(path)
    if p.is_absolute() or ".." in p.parts:
        raise GeneratorBug(f"output path {path!r} leaves the output folder")
    if path in files:
        raise GeneratorBug(f"two templates write {path!r}")
    files[path] = text


def services_named(api: Api, name: str) -> list[Service]:
    return [s for s in api.services if s.name == name]
