"""Golden end-to-end: the committed generated/ is exactly what the spec makes."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import GENERATED, SPEC, read_bytes_tree, run_cli


@pytest.fixture(scope="module")
def cache_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An empty cache folder of this module's own: the golden output never
    comes from (nor depends on) what the user's cache already holds."""
    return tmp_path_factory.mktemp("golden-cache")


@pytest.fixture(scope="module")
def fresh(tmp_path_factory: pytest.TempPathFactory, cache_home: Path) -> Path:
    out = tmp_path_factory.mktemp("golden") / "out"
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("XDG_CACHE_HOME", str(cache_home))
        mp.delenv("KSYUN_CODEGEN_NO_CACHE", raising=False)
        code, _out, err = run_cli("generate", "--spec", SPEC, "--out", out)
    assert code == 0, err
    assert any(cache_home.rglob("*")), "generation cached nothing: the warm run below proves nothing"
    return out


def test_generation_matches_committed_tree_byte_for_byte(fresh: Path) -> None:
    committed = read_bytes_tree(GENERATED)
    generated = read_bytes_tree(fresh)
    assert committed, "generated/ is empty"
    assert sorted(generated) == sorted(committed), "file lists differ"
    for rel in committed:
        assert generated[rel] == committed[rel], f"{rel} differs from a fresh generation"


@pytest.mark.parametrize("cache", ["warm", "off"])
def test_generation_is_deterministic(fresh: Path, cache_home: Path, tmp_path: Path,
                                     monkeypatch: pytest.MonkeyPatch, cache: str) -> None:
    """Again with the cache the first (cold) run filled, and with caching off:
    caches only save time, the bytes are the same."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(cache_home))
    if cache == "off":
        monkeypatch.setenv("KSYUN_CODEGEN_NO_CACHE", "1")
    again = tmp_path / "again"
    code, _out, err = run_cli("generate", "--spec", SPEC, "--out", again)
    assert code == 0, err
    assert read_bytes_tree(again) == read_bytes_tree(fresh)


def test_generated_files_hold_no_machine_paths(fresh: Path) -> None:
    for rel, data in read_bytes_tree(fresh).items():
        text = data.decode("utf-8")
        assert str(SPEC.parent) not in text, rel
        assert str(fresh) not in text and str(Path.home()) not in text, rel


def test_check_passes_on_committed_tree() -> None:
    code, out, err = run_cli("check", "--spec", SPEC, "--out", GENERATED)
    assert code == 0, out + err
    assert "is current" in out


def _copy_generated(tmp_path: Path) -> Path:
    out = tmp_path / "gen"
    shutil.copytree(GENERATED, out, ignore=shutil.ignore_patterns("__pycache__", ".mypy_cache"))
    return out


def test_check_fails_with_diff_when_a_file_is_modified(tmp_path: Path) -> None:
    out = _copy_generated(tmp_path)
    target = out / "python" / "ksyun_sdk" / "errors.py"
    lines = target.read_text(encoding="utf-8").splitlines(keepends=True)
    lines.insert(3, "# a hand edit\n")
    target.write_text("".join(lines), encoding="utf-8")
    code, diff, err = run_cli("check", "--spec", SPEC, "--out", out)
    assert code == 1
    assert "differs from a fresh generation" in err
    assert "--- " in diff and "+++ " in diff and "@@" in diff
    assert "ksyun_sdk/errors.py" in diff
    assert "\n-# a hand edit\n" in diff


def test_check_fails_when_an_extra_file_is_added(tmp_path: Path) -> None:
    """A file the generator wrote once (its manifest lists it) and would no
    longer write is stale output."""
    out = _copy_generated(tmp_path)
    (out / "python" / "ksyun_sdk" / "stray.py").write_text("x = 1\n", encoding="utf-8")
    with open(out / "python" / ".ksyun-codegen-files", "a", encoding="utf-8") as fh:
        fh.write("ksyun_sdk/stray.py\n")
    code, diff, _err = run_cli("check", "--spec", SPEC, "--out", out)
    assert code == 1
    assert "ksyun_sdk/stray.py" in diff
    assert "-x = 1" in diff


def test_a_file_the_generator_did_not_write_is_not_output(tmp_path: Path) -> None:
    """Files the manifest does not list are someone else's: check ignores
    them and generate keeps them."""
    out = _copy_generated(tmp_path)
    (out / "python" / "notes.txt").write_text("mine\n", encoding="utf-8")
    code, text, err = run_cli("check", "--spec", SPEC, "--out", out)
    assert code == 0, text + err
    code, _text, err = run_cli("generate", "--spec", SPEC, "--out", out)
    assert code == 0, err
    assert (out / "python" / "notes.txt").read_text(encoding="utf-8") == "mine\n"


def test_check_fails_when_a_file_is_missing(tmp_path: Path) -> None:
    out = _copy_generated(tmp_path)
    (out / "python" / "ksyun_sdk" / "py.typed").unlink()
    code, diff, _err = run_cli("check", "--spec", SPEC, "--out", out)
    assert code == 1
    assert "ksyun_sdk/py.typed (fresh)" in diff


# -- issue 2, point 3: a new action from the spec alone ------------------------------------------
def _add_describe_images_copy(spec_file: Path) -> None:
    """Copy DescribeImages to DescribeImagesCopy with one extra parameter, one extra
    error code and its own response schema (one extra field), as a developer would."""
    import copy

    from ruamel.yaml import YAML

    yaml = YAML(typ="rt")
    yaml.width = 4096
    data = yaml.load(spec_file.read_text(encoding="utf-8"))
    op = copy.deepcopy(data["paths"]["/#Action=DescribeImages"]["get"])
    op["operationId"] = "DescribeImagesCopy"
    op["summary"] = "复制的查询镜像信息"
    action = next(p for p in op["parameters"] if p["name"] == "Action")
    action["schema"]["enum"] = ["DescribeImagesCopy"]
    action["description"] = "公共参数,本接口取值:DescribeImagesCopy。"
    op["parameters"].append({"name": "MaxResults", "in": "query", "required": False,
                             "description": "单次调用可返回的最大条目数量",
                             "schema": {"type": "integer"}})
    op["x-ksyun-errors"].append({"code": "ImageCopyQuotaExceeded", "httpStatus": 400,
                                 "message": "Image copy quota exceeded.",
                                 "description": "镜像复制配额不足"})
    op["responses"]["200"]["content"]["application/json"]["schema"]["$ref"] = (
        "#/components/schemas/DescribeImagesCopyResponse")
    data["paths"]["/#Action=DescribeImagesCopy"] = {"get": op}
    schemas = data["components"]["schemas"]
    response = copy.deepcopy(schemas["DescribeImagesResponse"])
    response["description"] = "DescribeImagesCopy 的返回结果。"
    response["properties"]["TotalCount"] = {"type": "integer", "example": 1}
    schemas["DescribeImagesCopyResponse"] = response
    with open(spec_file, "w", encoding="utf-8") as fh:
        yaml.dump(data, fh)


def test_describe_images_copy_from_the_spec_alone(tmp_path: Path) -> None:
    from conftest import (ACCESS_KEY, REGION, SECRET_KEY, SDK, copy_spec, example_object,
                          sdk_on_path)
    from sigv4_server import Reply, SigV4Server, error_envelope

    from generator.pipeline import load_api

    spec = copy_spec(tmp_path / "spec")
    _add_describe_images_copy(spec / "kec" / "2016-03-04.yaml")
    out = tmp_path / "out"
    code, _out, err = run_cli("generate", "--spec", spec, "--out", out)
    assert code == 0, err
    new = read_bytes_tree(out / "python")
    old = read_bytes_tree(SDK)
    # Existing models are untouched: same modules, same bytes.
    for rel in ("ksyun_sdk/kec/v2016_03_04/models/describe_images.py",
                "ksyun_sdk/kec/v2016_03_04/models/shapes/image.py",
                "ksyun_sdk/kec/v2016_03_04/models/shapes/image_snapshot.py",
                "ksyun_sdk/errors.py"):
        assert new[rel] == old[rel], rel
    assert "ksyun_sdk/kec/v2016_03_04/models/describe_images_copy.py" in new

    kec = next(s for s in load_api(spec).services if s.name == "kec")
    example = example_object(kec, kec.operation("DescribeImagesCopy").response)
    assert example["TotalCount"] == 1 and example["ImagesSet"]

    server = SigV4Server(ACCESS_KEY, SECRET_KEY, REGION).start()
    try:
        with sdk_on_path(out / "python"):
            from ksyun_sdk.kec.v2016_03_04 import KecClient, errors, models

            # stable names next to the new ones
            for name in ("Image", "ImageSnapshot", "DescribeImagesResponse",
                         "DescribeImagesRequest", "DescribeImagesCopyRequest",
                         "DescribeImagesCopyResponse"):
                assert getattr(models, name).__name__ == name
            for name in ("ImageIdInvalidParameterValue", "InternalError", "ServiceUnavailable",
                         "ImageCopyQuotaExceeded"):
                assert issubclass(getattr(errors, name), errors.ApiError)
            assert errors.ERRORS["ImageCopyQuotaExceeded"] is errors.ImageCopyQuotaExceeded
            assert "max_results" in models.DescribeImagesCopyRequest.model_fields

            server.reply = lambda _r: Reply.json(200, example)
            with KecClient(access_key=ACCESS_KEY, secret_key=SECRET_KEY, region=REGION,
                           endpoint=server.url) as client:
                resp = client.describe_images_copy(image_type="system", max_results=10)
                assert type(resp) is models.DescribeImagesCopyResponse
                assert resp.total_count == 1
                assert resp.images_set[0].snapshot_set[0].disk_size == 20
                assert isinstance(resp.images_set[0], models.Image)
                assert server.received[-1].params == {
                    "Action": "DescribeImagesCopy", "Version": "2016-03-04",
                    "ImageType": "system", "MaxResults": "10"}
                server.reply = lambda _r: Reply.json(
                    400, error_envelope("ImageCopyQuotaExceeded", "Image copy quota exceeded."))
                with pytest.raises(errors.ImageCopyQuotaExceeded) as info:
                    client.describe_images_copy()
                assert info.value.http_status == 400
                # the old action still works in the new package
                server.reply = lambda _r: Reply.json(200, example)
                assert client.describe_images().request_id == example["RequestId"]
        assert not server.rejected
    finally:
        server.stop()


# -- the command line's defaults (issue 2, section 2) -------------------------------------------
def test_defaults_are_spec_and_generated_below_the_working_folder(tmp_path: Path) -> None:
    shutil.copytree(SPEC, tmp_path / "spec")
    code, out, err = run_cli("generate", cwd=tmp_path)
    assert code == 0, err
    assert read_bytes_tree(tmp_path / "generated") == read_bytes_tree(GENERATED)
    code, out, err = run_cli("check", "--target", "python", cwd=tmp_path)
    assert code == 0, out + err
    code, _out, err = run_cli("generate", "--target", "cobol", cwd=tmp_path)
    assert code == 2 and "cobol" in err


def test_validate_accepts_the_committed_spec() -> None:
    from generator.pipeline import load_api

    api = load_api(SPEC)
    actions = sum(len(s.operations) for s in api.services)
    code, out, err = run_cli("validate", "--spec", SPEC)
    assert code == 0, err
    assert out.strip() == f"ok: {len(api.services)} service version(s), {actions} action(s)"
    assert err == ""
