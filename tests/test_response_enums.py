"""A response may carry an enum value the spec does not list yet (KSYUN adds values over
time): every SDK reads it as it came instead of failing the call, and still names the
listed values in its types.  So adding a value to a response enum breaks no Python
caller; TypeScript and Go callers with exhaustive matches see it (ksyun-codegen diff's
response-enum-value-added)."""

from __future__ import annotations

import importlib
import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import FIXTURES, sdk_on_path

from generator.pipeline import generate_files

ANSWER = {"RequestId": "r-1", "ThingSet": [{"ThingId": "t-1", "Type": "medium"}, {"ThingId": "t-2", "Type": "small"}]}


@pytest.fixture(scope="module")
def spec(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("enums") / "spec"
    shutil.copytree(FIXTURES / "minimal", root)
    path = root / "demo" / "2020-01-01.yaml"
    text = path.read_text(encoding="utf-8")
    old = "        Type:\n          type: string\n          description: 东西的类型\n"
    assert old in text
    path.write_text(text.replace(old, old + "          enum: [small, large]\n"), encoding="utf-8")
    return root


def _write(root: Path, files: dict[str, str]) -> Path:
    for rel, text in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")
    return root


def test_python_reads_an_unlisted_value_and_types_the_listed_ones(spec: Path, tmp_path: Path) -> None:
    root = _write(tmp_path / "python", generate_files(spec, "python"))
    source = (root / "ksyun_sdk" / "demo" / "v2020_01_01" / "models" / "shapes" / "thing.py").read_text("utf-8")
    assert 'Literal["small", "large"] | str' in source
    with sdk_on_path(root):
        models = importlib.import_module("ksyun_sdk.demo.v2020_01_01.models")
        resp = models.DescribeThingsResponse.model_validate(ANSWER)
        assert [t.type_ for t in resp.thing_set] == ["medium", "small"]


@pytest.mark.skipif(shutil.which("go") is None, reason="needs Go 1.23+")
def test_go_reads_an_unlisted_value_as_its_enum_type(spec: Path, tmp_path: Path) -> None:
    root = _write(tmp_path / "go", generate_files(spec, "go"))
    module = (root / "go.mod").read_text(encoding="utf-8").split()[1]
    prog = tmp_path / "prog"
    prog.mkdir()
    (prog / "go.mod").write_text(f"module prog\n\ngo 1.23\n\nrequire {module} v0.0.0\n\nreplace {module} => {root}\n",
                                 encoding="utf-8")
    (prog / "main.go").write_text(f"""package main

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"

	"{module}/demo/v20200101"
	"{module}/ksyun"
)

func main() {{
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {{
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte({json.dumps(json.dumps(ANSWER))}))
	}}))
	defer srv.Close()
	client, err := demo.NewClient(ksyun.WithCredentials("ak", "sk"), ksyun.WithRegion("r"), ksyun.WithEndpoint(srv.URL))
	if err != nil {{
		panic(err)
	}}
	out, err := client.DescribeThings(context.Background(), nil)
	if err != nil {{
		panic(err)
	}}
	var listed demo.ThingType = demo.ThingTypeSmall
	fmt.Println(out.ThingSet[0].Type, out.ThingSet[1].Type == listed)
}}
""", encoding="utf-8")
    env = {**os.environ, "GOFLAGS": "-mod=mod", "GOTOOLCHAIN": "local", "GOPROXY": "off"}
    done = subprocess.run(["go", "run", "."], cwd=prog, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["medium", "true"]


@pytest.mark.skipif(shutil.which("node") is None, reason="needs Node.js 20+")
def test_typescript_reads_an_unlisted_value(spec: Path, tmp_path: Path) -> None:
    root = _write(tmp_path / "ts", generate_files(spec, "typescript"))
    index = (root / "dist" / "demo" / "v2020-01-01" / "index.js").as_uri()
    script = f"""
import * as demo from {json.dumps(index)};
const fetch = async () => new Response({json.dumps(json.dumps(ANSWER))}, {{status: 200, headers: {{"content-type": "application/json"}}}});
const client = new demo.DemoClient({{accessKey: "ak", secretKey: "sk", region: "r", endpoint: "https://demo.example", fetch}});
const out = await client.describeThings();
console.log(out.thingSet.map((t) => t.type).join(" "));
"""
    done = subprocess.run(["node", "--input-type=module", "-e", script], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["medium", "small"]
