"""Specs written to break the Go target: each one is either refused with a one-line
``file:line`` problem, or generates a module that ``go vet`` accepts and that behaves.
Every case copies tests/fixtures/minimal and edits it."""

from __future__ import annotations

import copy
import os
import re
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import FIXTURES, run_cli

pytestmark = pytest.mark.skipif(shutil.which("go") is None, reason="needs Go 1.23+ on PATH (the go target)")

MINIMAL = FIXTURES / "minimal"
ENV = {**os.environ, "GOFLAGS": "-mod=mod", "GOTOOLCHAIN": "local", "GOPROXY": "off"}
Spec = dict[str, Any]


def _params(spec: Spec) -> list[dict[str, Any]]:
    return spec["paths"]["/#Action=DescribeThings"]["get"]["parameters"]


def _param(spec: Spec, name: str, schema: dict[str, Any]) -> None:
    _params(spec).append({"name": name, "in": "query", "required": False, "schema": schema})


def _schemas(spec: Spec) -> dict[str, Any]:
    return spec["components"]["schemas"]


def _thing(spec: Spec) -> dict[str, Any]:
    return _schemas(spec)["Thing"]["properties"]


def generate(tmp: Path, edit: Callable[[Spec], None], service: str = "demo") -> tuple[int, str, Path]:
    """Generate the Go module of an edited copy of the minimal spec: (exit code, stderr, module)."""
    spec_dir = tmp / "spec"
    (spec_dir / service).mkdir(parents=True)
    shutil.copy(MINIMAL / "common.yaml", spec_dir / "common.yaml")
    spec = yaml.safe_load((MINIMAL / "demo" / "2020-01-01.yaml").read_text(encoding="utf-8"))
    spec = copy.deepcopy(spec)
    spec["info"]["x-ksyun-service"] = service
    edit(spec)
    (spec_dir / service / "2020-01-01.yaml").write_text(yaml.safe_dump(spec, allow_unicode=True, sort_keys=False),
                                                       encoding="utf-8")
    code, _out, err = run_cli("generate", "--target", "go", "--spec", spec_dir, "--out", tmp / "out", "-q")
    return code, err, tmp / "out" / "go"


def vet(module: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["go", "vet", "./..."], cwd=module, env=ENV, capture_output=True, text=True, timeout=900)


def refused_in_one_line(code: int, err: str, *words: str) -> None:
    assert code == 2, err
    assert "Traceback" not in err
    problems = [line for line in err.splitlines() if not line.startswith("ksyun-codegen:")]
    assert problems, err
    for line in problems:
        assert re.match(r"^\S+\.yaml:\d+: ", line), f"not a file:line problem: {line!r}"
    for word in words:
        assert word in err, err


# -- names that collide with what a service package declares ---------------------------------------
@pytest.mark.parametrize("shape", ["Client", "NewClient"])
def test_a_shape_named_as_the_package_client_is_refused(tmp_path: Path, shape: str) -> None:
    def edit(spec: Spec) -> None:
        _schemas(spec)[shape] = {"type": "object", "properties": {"A": {"type": "string"}}}
        _thing(spec)["Link"] = {"$ref": f"#/components/schemas/{shape}"}

    code, err, _ = generate(tmp_path, edit)
    refused_in_one_line(code, err, repr(shape))


# -- lists of lists -------------------------------------------------------------------------------
def test_a_list_of_lists_of_enums_compiles_and_validates(tmp_path: Path) -> None:
    def edit(spec: Spec) -> None:
        _param(spec, "Names", {"type": "array", "items": {"type": "array", "items": {"type": "string",
                                                                                      "enum": ["a", "b"]}}})
        _param(spec, "Sizes", {"type": "array", "items": {"type": "array", "items": {"type": "integer",
                                                                                      "maximum": 3}}})

    code, err, module = generate(tmp_path, edit)
    assert code == 0, err
    done = vet(module)
    assert done.returncode == 0, done.stderr
    test = module / "demo" / "v20200101" / "review_test.go"
    test.write_text("""package demo

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/ksyun-codegen/ksyun-sdk-go/ksyun"
)

func TestNested(t *testing.T) {
	c, err := NewClient(ksyun.WithCredentials("AKLTreview0123456", "secret"), ksyun.WithRegion("r"),
		ksyun.WithEndpoint("http://127.0.0.1:1"), ksyun.WithRetry(ksyun.NoRetry))
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.DescribeThings(context.Background(), &DescribeThingsInput{
		Names: [][]DescribeThingsNames{{"a", "z"}}, Sizes: [][]int{{1, 4}}})
	var ve *ksyun.ValidationError
	if !errors.As(err, &ve) || !strings.Contains(err.Error(), "Names[0][1]") || !strings.Contains(err.Error(), "Sizes[0][1]") {
		t.Fatalf("%T %v", err, err)
	}
}
""", encoding="utf-8")
    done = subprocess.run(["go", "test", "-count=1", "./demo/..."], cwd=module, env=ENV, capture_output=True,
                          text=True, timeout=900)
    assert done.returncode == 0, done.stdout + done.stderr


# -- a service called main ----------------------------------------------------------------------
def test_a_service_named_main_is_an_importable_package(tmp_path: Path) -> None:
    code, err, module = generate(tmp_path, lambda spec: None, service="main")
    assert code == 0, err
    packages = {line.split()[1] for f in module.rglob("*.go") for line in f.read_text(encoding="utf-8").splitlines()
                if line.startswith("package ")}
    assert "main" not in packages
    done = vet(module)
    assert done.returncode == 0, done.stderr


# -- patterns Go's regexp cannot run ----------------------------------------------------------------
@pytest.mark.parametrize("pattern", [
    "^a{2,2000}$",  # RE2 repeats at most 1000 times
    "a++",  # a possessive quantifier
    "^[a-z]*+$",
    "abc(?#a comment)",
    "(?x) a b c",  # a flag RE2 lacks
    "^\\u0041+$",  # \\uXXXX: Python's, not RE2's
])
def test_a_pattern_go_cannot_compile_is_refused(tmp_path: Path, pattern: str) -> None:
    code, err, _ = generate(tmp_path, lambda spec: _param(spec, "Name", {"type": "string", "pattern": pattern}))
    refused_in_one_line(code, err, "RE2")


def test_a_pattern_go_can_compile_is_kept(tmp_path: Path) -> None:
    def edit(spec: Spec) -> None:
        _param(spec, "Name", {"type": "string", "pattern": "(?i)^[a-z]{1,1000}\\d*$"})

    code, err, module = generate(tmp_path, edit)
    assert code == 0, err


# -- enum values that collide after normalisation ------------------------------------------------
def test_colliding_enum_values_are_reported_where_the_enum_is(tmp_path: Path) -> None:
    code, err, _ = generate(tmp_path, lambda spec: _param(spec, "Kind", {"type": "string", "enum": ["a-b", "a_b"]}))
    refused_in_one_line(code, err, "DescribeThingsKindAB")


def test_a_boolean_enum_of_one_value_compiles_and_refuses_the_other(tmp_path: Path) -> None:
    def edit(spec: Spec) -> None:
        _param(spec, "Confirm", {"type": "boolean", "enum": [True]})

    code, err, module = generate(tmp_path, edit)
    assert code == 0, err
    done = vet(module)
    assert done.returncode == 0, done.stderr
    (module / "demo" / "v20200101" / "bool_test.go").write_text("""package demo

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/ksyun-codegen/ksyun-sdk-go/ksyun"
)

func TestConfirm(t *testing.T) {
	c, err := NewClient(ksyun.WithCredentials("AKLTreview0123456", "secret"), ksyun.WithRegion("r"),
		ksyun.WithEndpoint("http://127.0.0.1:1"), ksyun.WithRetry(ksyun.NoRetry))
	if err != nil {
		t.Fatal(err)
	}
	no := DescribeThingsConfirm(false)
	_, err = c.DescribeThings(context.Background(), &DescribeThingsInput{Confirm: &no})
	var ve *ksyun.ValidationError
	if !errors.As(err, &ve) || !strings.Contains(err.Error(), "Confirm: Input should be True") {
		t.Fatalf("%T %v", err, err)
	}
}
""", encoding="utf-8")
    done = subprocess.run(["go", "test", "-count=1", "./demo/..."], cwd=module, env=ENV, capture_output=True,
                          text=True, timeout=900)
    assert done.returncode == 0, done.stdout + done.stderr
