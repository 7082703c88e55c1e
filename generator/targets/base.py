"""What every target provides, and the manifest-driven rendering they share."""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, replace
from pathlib import Path, PurePosixPath
from typing import Any

import jinja2
import yaml as pyyaml

from ..facts import own_errors
from ..ir import Api, Operation, Service, Shape
from ..naming import verb
from ..partition import bucket_count, stable_buckets
from ..problems import GeneratorBug, ManifestError, Problem, SpecError

TEMPLATES = Path(__file__).resolve().parent.parent.parent / "templates"


@dataclass(frozen=True)
class ExampleCall:
    """One action called in one language, for the docs: a tab of the action's page."""

    label: str  # the tab's name: "Python", "TypeScript", "Go"
    lexer: str  # the Pygments lexer that highlights it: "python", "typescript", "go"
    code: str  # a complete snippet: imports, the client, the call with example arguments


class Target:
    """A language target: filters (names, types, escaping) and a manifest of files.

    A code target (an SDK) also gives the docs its call of each action through
    :meth:`example_call`; the docs target asks every registered target and
    imports none of them, so a new language shows on every action page without
    an edit to the docs.
    """

    name = ""
    #: True when the files below each of ``service_paths(service)`` depend on nothing but
    #: that service, ``api.common_errors`` and ``api.sdk_versions``, ``extra_files`` makes
    #: only such files, and ``postprocess`` makes a service's files from its own and the
    #: shared ones alone: ``generate`` then renders (and formats) only the services
    #: whose inputs changed since the last run and keeps the others' files as written
    #: (tests/test_per_service.py renders every fixture both ways and compares).
    service_local = False

    def example_call(self, service: Service, op: Operation) -> ExampleCall | None:
        """*op* called through this target's SDK with the example arguments of
        :func:`generator.examples.request_example` (the same values in every
        language, and the wire request the docs show), or None (the default:
        a target that is no SDK, such as the docs).  The code must be a whole
        program or module a user can paste (imports, a client made with the
        region ``cn-beijing-6`` and credentials from the environment, the call,
        a line printing the request id), valid for the SDK's own type checker
        and validation: tests/test_docs_examples.py runs the Python one against
        the mock.  Pure and deterministic: the docs must be byte-identical for
        the same spec."""
        return None

    def example_call_many(self, calls: Sequence[tuple[Service, Operation]]) -> list[ExampleCall | None]:
        """:meth:`example_call` of each (service, action) of *calls*, in order: the docs ask
        for a service's calls at once.  Default: one by one; a target whose formatter is a
        process overrides it to start that process once."""
        return [self.example_call(service, op) for service, op in calls]

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

    def service_paths(self, service: Service) -> tuple[str, ...]:
        """Every output folder (ending in ``/``) whose files belong to one service version
        alone: its :meth:`service_folder`, and what ``postprocess`` makes from it (a
        compiler's output folder).  A :attr:`service_local` target's kept files."""
        return (self.service_folder(service),)

    def public_names(self, service: Service, api: Api) -> dict[str, str]:
        """The names this language's users write for *service*'s elements, by a
        stable, language-neutral key; ``ksyun-codegen diff`` compares the maps
        of two specs, so a changed name breaks exactly the languages that
        changed it (generator/diff/).

        Keys are ``/``-joined tokens, each escaped as in a JSON pointer
        (``~`` → ``~0``, ``/`` → ``~1``; :func:`name_key` makes them), built from wire names only:

        ==============================================  ===========================================
        key                                             value: the public name of ...
        ==============================================  ===========================================
        ``client``                                      the service version's client class/type
        ``module``                                      the import path of the service version
        ``actions/<Action>``                            the action's method
        ``actions/<Action>/request``                    the request type, where one is public
        ``actions/<Action>/paginator``                  the paginating method or type (paged actions)
        ``actions/<Action>/parameters/<Param>``         the argument, property or struct field
        ``shapes/<Shape>``                              the model class / interface / struct
        ``shapes/<Shape>/fields/<Field>``               the attribute, property or struct field
        ``actions/<Action>/parameters/<Param>/enum/<v>``  a constant for one enum value, where the
        ``shapes/<Shape>/fields/<Field>/enum/<v>``        language makes one (``<v>`` is
                                                        ``json.dumps`` of the value)
        ``errors/<Code>``                               the exception/error class of a code the
                                                        service version's errors module exports
                                                        (its own codes and the common ones)
        ==============================================  ===========================================

        Values are the names exactly as a user types them (``describe_images``,
        ``ksyun_sdk.kec.v2016_03_04``); leave a key out when the language has no
        such name (a key missing on either side is never compared).  Compute
        them with the same functions the templates use, never a copy of them,
        so the diff sees what the generated code has.  Pure and quick: it is
        called for every service version of both specs.  Default: no names."""
        return {}

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
        """The manifest's ``files`` entries (validated: see :func:`read_manifest`)."""
        return read_manifest(self.template_dir / "manifest.yaml").files

    def settings(self) -> dict[str, Any]:
        """The manifest's ``settings``: values the target's module reads (a module path...)."""
        return read_manifest(self.template_dir / "manifest.yaml").settings

    def toolchain_versions(self) -> tuple[str, ...]:
        """What each command of the manifest's ``toolchain`` prints (``go version``): part
        of the no-op state, so a new formatter or compiler regenerates.  A command that
        cannot run reads ``<command>: absent``."""
        return tuple(_tool_version(tuple(cmd)) for cmd in read_manifest(self.template_dir / "manifest.yaml").toolchain)

    def render(self, api: Api, checked: bool = False,
               only: Collection[tuple[str, str]] | None = None) -> dict[str, str]:
        """Every output file of this target, path (POSIX, relative) → text
        (*checked*: the caller has seen ``check(api)`` find nothing).  With *only*
        (``(name, version)`` pairs, for a :attr:`service_local` target) the files of
        the other service versions are left out: neither rendered nor formatted."""
        problems = [] if checked else self.check(api)
        if problems:
            raise SpecError(problems)
        if only is not None:
            return self._render(api, tuple(s for s in api.services if (s.name, s.version) in only))
        return self._render(api, api.services)

    def _render(self, api: Api, services: tuple[Service, ...]) -> dict[str, str]:
        env = self.environment()
        files: dict[str, str] = {}
        for entry in self.manifest():
            if entry.get("copy"):
                source = self.template_dir / entry["template"]
                _add(files, entry["output"], source.read_text(encoding="utf-8"))
                continue
            template = env.get_template(entry["template"])
            each = entry.get("each")
            contexts: list[dict[str, Any]]
            if each == "service":
                contexts = [{"service": s} for s in services]
            elif each == "service_name":
                contexts = [
                    {"service_name": n, "services": [s for s in api.services if s.name == n]}
                    for n in sorted({s.name for s in api.services})
                ]
            elif each == "action_group":
                contexts = [
                    {"service": s, "group": group, "operations": ops}
                    for s in services
                    for group, ops in action_groups(s)
                ]
            elif each == "shape_group":
                contexts = [
                    {"service": s, "group": group, "shapes": shapes}
                    for s in services
                    for group, shapes in shape_groups(s)
                ]
            elif each == "operation":
                contexts = [{"service": s, "op": op} for s in services for op in s.operations]
            elif each == "shape":
                contexts = [{"service": s, "shape": sh} for s in services for sh in s.shapes]
            elif each == "error":
                contexts = [{"service": s, "error": e} for s in services for e in own_errors(s, api)]
            elif each == "common_error":
                contexts = [{"error": e} for e in api.common_errors]
            else:  # (read_manifest allows no other value)
                contexts = [{}]
            output = env.from_string(entry["output"])
            for ctx in contexts:
                ctx = {"api": api, **ctx}
                out = output.render(ctx)
                _add(files, out, template.render(ctx))
        extra = api if services == api.services else replace(api, services=services)
        for path, text in self.extra_files(extra).items():
            _add(files, path, text)
        return self.postprocess(files)


# -- the manifest ------------------------------------------------------------------------------
#: What ``each:`` may say, and what every rendering of the template sees besides ``api``.
EACH: dict[str | None, str] = {
    None: "rendered once",
    "service": "once per service version, with `service`",
    "service_name": "once per service, with `service_name` and its versions in `services`",
    "action_group": "once per service version and verb (Describe, Run...), with `service`, `group` and its "
                    "`operations` (a verb of more than GROUP_SIZE actions is split in stable buckets)",
    "shape_group": "once per service version and group of named objects, with `service`, `group` and its "
                   "`shapes` (one group named '' of them all, or past SHAPE_GROUP_SIZE stable buckets "
                   "named '00', '01'...)",
    "operation": "once per action, with `service` and `op`",
    "shape": "once per named object, with `service` and `shape`",
    "error": "once per error code a service version documents that is not common to all services, with "
             "`service` and `error`",
    "common_error": "once per error code common to every service, with `error`",
}
MANIFEST_KEYS = ("files", "settings", "toolchain")
FILE_KEYS = ("copy", "each", "output", "template")


@dataclass(frozen=True)
class Manifest:
    files: list[dict[str, Any]]
    settings: dict[str, Any]
    toolchain: list[list[str]]


_MANIFESTS: dict[Path, tuple[int, Manifest]] = {}


def read_manifest(path: Path) -> Manifest:
    """*path* (``templates/<target>/manifest.yaml``) read and checked: top-level keys
    ``files`` (required), ``settings`` (a mapping) and ``toolchain`` (commands whose output
    is part of the no-op state); each file entry has ``template`` and ``output`` (strings),
    maybe ``each`` (a key of :data:`EACH`) or ``copy: true`` (not both), and nothing else;
    every template exists.  A problem is a :class:`ManifestError` naming the file and key."""
    mtime = path.stat().st_mtime_ns if path.exists() else -1
    hit = _MANIFESTS.get(path)
    if hit is not None and hit[0] == mtime:
        return hit[1]
    where = f"{path.parent.name}/{path.name}"
    try:
        with open(path, encoding="utf-8") as fh:
            data = pyyaml.safe_load(fh)
    except OSError as exc:
        raise ManifestError(f"templates/{where}: cannot be read ({exc.strerror})") from None
    except pyyaml.YAMLError as exc:
        raise ManifestError(f"templates/{where}: not YAML ({' '.join(str(exc).split())[:200]})") from None

    def fail(key: str, message: str) -> ManifestError:
        return ManifestError(f"templates/{where}: {key}: {message}")

    if not isinstance(data, dict):
        raise ManifestError(f"templates/{where}: expected a mapping with the keys {', '.join(MANIFEST_KEYS)}")
    for key in data:
        if key not in MANIFEST_KEYS:
            raise fail(str(key), f"unknown key (known: {', '.join(MANIFEST_KEYS)})")
    files = data.get("files")
    if not isinstance(files, list) or not files:
        raise fail("files", "expected a non-empty list of {template, output} entries")
    settings = data.get("settings") or {}
    if not isinstance(settings, dict):
        raise fail("settings", "expected a mapping")
    toolchain = data.get("toolchain") or []
    if not isinstance(toolchain, list) or not all(
            isinstance(c, list) and c and all(isinstance(w, str) for w in c) for c in toolchain):
        raise fail("toolchain", "expected a list of commands, each a list of words ([go, version])")
    for i, entry in enumerate(files):
        at = f"files[{i}]"
        if not isinstance(entry, dict):
            raise fail(at, "expected a mapping with template and output")
        for key in entry:
            if key not in FILE_KEYS:
                raise fail(f"{at}.{key}", f"unknown key (known: {', '.join(FILE_KEYS)})")
        for key in ("template", "output"):
            if not isinstance(entry.get(key), str) or not entry[key]:
                raise fail(f"{at}.{key}", "required: a non-empty string")
        each = entry.get("each")
        if each not in EACH:
            known = ", ".join(k for k in EACH if k)
            raise fail(f"{at}.each", f"{each!r} is not one of: {known}")
        if "copy" in entry and not isinstance(entry["copy"], bool):
            raise fail(f"{at}.copy", "expected true or false")
        if entry.get("copy") and each is not None:
            raise fail(f"{at}", "copy and each exclude each other (a copied file is written once)")
        if not (path.parent / entry["template"]).is_file():
            raise fail(f"{at}.template", f"no file templates/{path.parent.name}/{entry['template']}")
    manifest = Manifest([dict(e) for e in files], dict(settings), [list(c) for c in toolchain])
    _MANIFESTS[path] = (mtime, manifest)
    return manifest


_VERSIONS: dict[tuple[str, ...], str] = {}


def _tool_version(command: tuple[str, ...]) -> str:
    """The first line *command* prints (once per process), or ``<command>: absent``."""
    if command not in _VERSIONS:
        import subprocess

        try:
            done = subprocess.run(list(command), capture_output=True, text=True, timeout=60)
            lines = (done.stdout + done.stderr).strip().splitlines()
            _VERSIONS[command] = lines[0] if lines and done.returncode == 0 else f"{' '.join(command)}: absent"
        except (OSError, subprocess.SubprocessError):
            _VERSIONS[command] = f"{' '.join(command)}: absent"
    return _VERSIONS[command]


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


SHAPE_GROUP_SIZE = 64  # named objects per file, about, in a service that has more


def shape_groups(service: Service) -> list[tuple[str, list[Shape]]]:
    """The service's named objects: one group named ``""`` when there are at most
    SHAPE_GROUP_SIZE, else stable hash buckets named ``"00"``, ``"01"``... (see
    generator.partition), so adding or changing an object rewrites one file."""
    shapes = list(service.shapes)
    if len(shapes) <= SHAPE_GROUP_SIZE:
        return [("", shapes)]
    width = max(2, len(str(bucket_count(len(shapes), SHAPE_GROUP_SIZE) - 1)))
    return [(f"{index:0{width}d}", part)
            for index, part in stable_buckets(shapes, lambda shape: shape.name, SHAPE_GROUP_SIZE)]


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
