"""The target contract (generator/targets/README.md): a manifest is checked with one
clear line naming the key; every ``each:`` option renders what it says; a target's
toolchain versions are part of the no-op state; every registered target keeps
the contract."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import FIXTURES, SPEC, run_cli

from generator import state
from generator.ir import Api, ErrorCode, Operation, Service
from generator.pipeline import load_api
from generator.targets import TARGETS, base
from generator.targets.base import EACH, ManifestError, Target, read_manifest


def write_manifest(folder: Path, text: str, templates: tuple[str, ...] = ("a.j2",)) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name in templates:
        (folder / name).write_text("x", encoding="utf-8")
    (folder / "manifest.yaml").write_text(text, encoding="utf-8")
    return folder / "manifest.yaml"


@pytest.mark.parametrize("text, message", [
    ("files: []\n", "mine/manifest.yaml: files: expected a non-empty list"),
    ("filez: [a]\n", "mine/manifest.yaml: filez: unknown key (known: files, settings, toolchain)"),
    ("files:\n  - {template: a.j2}\n", "files[0].output: required: a non-empty string"),
    ("files:\n  - {template: a.j2, output: a, eachh: service}\n",
     "files[0].eachh: unknown key (known: copy, each, output, template)"),
    ("files:\n  - {template: a.j2, output: a, each: services}\n", "files[0].each: 'services' is not one of: service,"),
    ("files:\n  - {template: a.j2, output: a, copy: yes please}\n", "files[0].copy: expected true or false"),
    ("files:\n  - {template: a.j2, output: a, copy: true, each: service}\n",
     "files[0]: copy and each exclude each other"),
    ("files:\n  - {template: missing.j2, output: a}\n", "files[0].template: no file templates/mine/missing.j2"),
    ("toolchain: go version\nfiles:\n  - {template: a.j2, output: a}\n",
     "toolchain: expected a list of commands, each a list of words"),
    ("settings: [1]\nfiles:\n  - {template: a.j2, output: a}\n", "settings: expected a mapping"),
    ("files: [\n", "mine/manifest.yaml: not YAML"),
])
def test_a_bad_manifest_is_one_line_naming_the_key(tmp_path: Path, text: str, message: str) -> None:
    path = write_manifest(tmp_path / "mine", text)
    with pytest.raises(ManifestError) as err:
        read_manifest(path)
    assert message in str(err.value)
    assert "\n" not in str(err.value)


def test_a_good_manifest_gives_files_settings_and_toolchain(tmp_path: Path) -> None:
    path = write_manifest(tmp_path / "mine", "settings: {module: m}\ntoolchain:\n  - [go, version]\n"
                                             "files:\n  - {template: a.j2, output: a, each: error}\n")
    manifest = read_manifest(path)
    assert manifest.settings == {"module": "m"}
    assert manifest.toolchain == [["go", "version"]]
    assert manifest.files == [{"template": "a.j2", "output": "a", "each": "error"}]


def test_generate_reports_a_bad_manifest_in_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    templates = tmp_path / "templates"
    shutil.copytree(base.TEMPLATES / "go", templates / "go")
    text = (templates / "go" / "manifest.yaml").read_text(encoding="utf-8")
    (templates / "go" / "manifest.yaml").write_text(text.replace("each: service\n", "each: servce\n", 1),
                                                     encoding="utf-8")
    monkeypatch.setattr(base, "TEMPLATES", templates)
    code, out, err = run_cli("generate", "--target", "go", "--spec", FIXTURES / "minimal", "--out", tmp_path / "o")
    assert code == 2
    assert err.startswith("ksyun-codegen: templates/go/manifest.yaml: files[") and "'servce' is not one of" in err
    assert len(err.strip().splitlines()) == 1
    assert not (tmp_path / "o").exists()


class EachTarget(Target):
    """A target of one template per `each:` option, to see what each renders."""

    name = "each"

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    @property
    def template_dir(self) -> Path:
        return self.folder

    def service_folder(self, service: Service) -> str:
        return f"{service.name}/"


def test_every_each_option_renders_once_per_what_it_names(tmp_path: Path) -> None:
    outputs = {
        None: "once.txt",
        "service": "{{ service.name }}-{{ service.version }}.txt",
        "service_name": "{{ service_name }}.name.txt",
        "action_group": "{{ service.name }}-{{ group }}.group.txt",
        "operation": "{{ service.name }}-{{ op.action }}.op.txt",
        "shape": "{{ service.name }}-{{ shape.name }}.shape.txt",
        "shape_group": "{{ service.name }}-shapes{{ group }}-{{ shapes | length }}.txt",
        "error": "{{ service.name }}-{{ error.code }}.error.txt",
        "common_error": "{{ error.code }}.common.txt",
    }
    assert set(outputs) == set(EACH)
    lines = ["files:"]
    for each, output in outputs.items():
        lines.append(f"  - template: t.j2\n    output: \"{output}\"" + (f"\n    each: {each}" if each else ""))
    write_manifest(tmp_path / "each", "\n".join(lines) + "\n", ("t.j2",))
    api = Api(services=(Service("kec", "2016-03-04", operations=(
        Operation("DescribeImages", "GET", errors=(ErrorCode("InvalidImage", 400), ErrorCode("Throttling", 400))),
        Operation("RunInstances", "POST")),),),
        common_errors=(ErrorCode("Throttling", 400), ErrorCode("AccessDenied", 403)))
    files = EachTarget(tmp_path / "each").render(api, checked=True)
    assert sorted(files) == sorted([
        "once.txt", "kec-2016-03-04.txt", "kec.name.txt", "kec-Describe.group.txt", "kec-Run.group.txt",
        "kec-DescribeImages.op.txt", "kec-RunInstances.op.txt",
        "kec-shapes-0.txt",  # (one group of them all, here none)
        "kec-InvalidImage.error.txt",  # a service's own codes; Throttling is a common one
        "Throttling.common.txt", "AccessDenied.common.txt",
    ])


def test_a_new_toolchain_version_makes_the_output_stale(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "out"
    code, _, err = run_cli("generate", "--target", "go", "--spec", FIXTURES / "minimal", "--out", out)
    assert code == 0, err
    go = TARGETS["go"]()
    assert state.is_current(FIXTURES / "minimal", out, "go", go.toolchain_versions())
    monkeypatch.setitem(base._VERSIONS, ("go", "version"), "go version go9.99 plan9/arm")
    assert not state.is_current(FIXTURES / "minimal", out, "go", go.toolchain_versions())
    code, stdout, err = run_cli("generate", "--target", "go", "--spec", FIXTURES / "minimal", "--out", out)
    assert code == 0, err
    assert "is up to date" not in stdout


@pytest.mark.parametrize("name", sorted(TARGETS))
def test_every_registered_target_keeps_the_contract(name: str) -> None:
    target = TARGETS[name]()
    assert target.name == name
    manifest = read_manifest(target.template_dir / "manifest.yaml")  # valid
    assert manifest.files
    api = load_api(SPEC)
    service = api.services[0]
    folder = target.service_folder(service)
    assert folder.endswith("/") and not folder.startswith("/") and ".." not in folder
    call = target.example_call(service, service.operations[0])
    if name != "docs":  # every SDK gives the docs its call and diff its names
        assert call is not None and call.code.strip() and call.label and call.lexer
        names = target.public_names(service, api)
        assert names and all(isinstance(k, str) and isinstance(v, str) and v for k, v in names.items())


def test_shape_groups_are_stable_buckets_past_their_size() -> None:
    from generator.ir import Shape
    from generator.targets.base import SHAPE_GROUP_SIZE, shape_groups

    def service(n: int) -> Service:
        return Service("kec", "2016-03-04", shapes=tuple(Shape(f"S{i:04d}") for i in range(n)))

    assert shape_groups(service(SHAPE_GROUP_SIZE)) == [("", list(service(SHAPE_GROUP_SIZE).shapes))]
    many = shape_groups(service(1000))
    assert [name for name, _ in many] == [f"{i:02d}" for i in range(16)]  # 1000 / 64 -> 16 buckets
    assert sorted(s.name for _, part in many for s in part) == [f"S{i:04d}" for i in range(1000)]
    # one more object changes one group only
    more = dict(shape_groups(service(1001)))
    changed = [name for name, part in many if more[name] != part]
    assert len(changed) == 1 and "S1000" in {s.name for s in more[changed[0]]}
