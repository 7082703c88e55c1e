"""The hostile-string spec (tests/hostile_strings.py: markup, template syntax, quotes,
backslashes, line breaks, bidi controls, in every text a spec holds, and names that
hold markup) through the Go target: the module is gofmt-clean, passes go vet, and
no hostile text became Go code (every identifier in the package is one the
generator chose)."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import run_cli
from test_docs_hostile import _hostile_spec

pytestmark = pytest.mark.skipif(shutil.which("go") is None, reason="needs Go 1.23+ on PATH (the go target)")

# Lists every identifier of the Go files under a folder, one per line (go/ast, no type checking).
IDENTS = """\
package main

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

func main() {
	fset := token.NewFileSet()
	_ = filepath.WalkDir(os.Args[1], func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") {
			return err
		}
		file, err := parser.ParseFile(fset, path, nil, 0)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		ast.Inspect(file, func(n ast.Node) bool {
			if id, ok := n.(*ast.Ident); ok {
				fmt.Println(id.Name)
			}
			return true
		})
		return nil
	})
}
"""


def test_the_hostile_spec_makes_a_clean_go_module(tmp_path: Path) -> None:
    spec = _hostile_spec(tmp_path)
    code, _o, err = run_cli("generate", "--spec", spec, "--out", tmp_path / "out", "--target", "go")
    assert code == 0, err
    module = tmp_path / "out" / "go"
    env = {**os.environ, "GOFLAGS": "-mod=mod", "GOTOOLCHAIN": "local", "GOPROXY": "off"}
    assert subprocess.run(["gofmt", "-l", "."], cwd=module, capture_output=True, text=True).stdout == ""
    vet = subprocess.run(["go", "vet", "./..."], cwd=module, env=env, capture_output=True, text=True, timeout=900)
    assert vet.returncode == 0, vet.stderr
    tool = tmp_path / "idents"
    tool.mkdir()
    (tool / "go.mod").write_text("module idents\n\ngo 1.23\n", encoding="utf-8")
    (tool / "main.go").write_text(IDENTS, encoding="utf-8")
    done = subprocess.run(["go", "run", ".", str(module)], cwd=tool, env=env, capture_output=True, text=True,
                          timeout=600)
    assert done.returncode == 0, done.stderr
    idents = set(done.stdout.split())
    assert "DescribeWidgets" in idents or any(i.startswith("Hostile") for i in idents)  # it saw the package
    for word in ("alert", "onerror", "script", "img", "PWNED", "javascript"):
        assert word not in idents, word
