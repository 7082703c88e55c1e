"""Stable partitions of big services: client modules per verb bucket."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from test_model_parts import write_spec

import generator.targets.base as base
from generator.partition import bucket_count, stable_buckets
from generator.pipeline import load_api, render
from generator.write import write_tree


def test_bucket_count_doubles() -> None:
    assert [bucket_count(n, 10) for n in (0, 1, 10, 11, 20, 21, 40, 41)] == [1, 1, 1, 2, 2, 4, 4, 8]


def test_adding_an_item_moves_no_other_item() -> None:
    names = [f"DescribeThing{i:03d}" for i in range(100)]
    before = dict(stable_buckets(names, str, 16))  # 100 -> 8 buckets
    after = dict(stable_buckets(names + ["DescribeZebra"], str, 16))  # still 8
    assert bucket_count(100, 16) == bucket_count(101, 16) == 8
    changed = [i for i in after if after[i] != before.get(i)]
    assert len(changed) == 1 and "DescribeZebra" in after[changed[0]]
    assert sorted(n for items in after.values() for n in items) == sorted(names + ["DescribeZebra"])
    assert all(items for items in after.values())


def test_big_verbs_are_split_and_the_client_has_every_method(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KSYUN_CODEGEN_NO_CACHE", "1")
    monkeypatch.setattr(base, "GROUP_SIZE", 1)
    api = load_api(write_spec(tmp_path))
    (service,) = api.services
    groups = base.action_groups(service)
    # Describe x3 and Create x2 split into numbered buckets; Delete x1 stays whole
    assert {g for g, _ops in groups} >= {"Delete"}
    assert any(g.startswith("Describe") and g != "Describe" for g, _ops in groups)
    assert sorted(op.action for _g, ops in groups for op in ops) == sorted(o.action for o in service.operations)
    out = tmp_path / "out"
    files = render(api)
    write_tree(out, files)
    modules = sorted(p for p in files if "/_actions/" in p and not p.endswith("__init__.py"))
    assert len(modules) == len(groups)
    methods = ["describe_a", "describe_b", "describe_c", "create_d", "create_e", "delete_f"]
    code = (
        "import sys; sys.path.insert(0, sys.argv[1]);"
        "from ksyun_sdk.parts.v2020_01_01 import PartsClient, AsyncPartsClient;"
        f"missing = [m for m in {methods!r} for c in (PartsClient, AsyncPartsClient) if not callable(getattr(c, m, None))];"
        "print(missing)"
    )
    done = subprocess.run([sys.executable, "-I", "-c", code, str(out)], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
