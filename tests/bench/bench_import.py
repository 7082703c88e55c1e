"""import-doc benchmark: how import time grows with the page and with the spec.

    python tests/bench/bench_import.py [--rows 2000 4000 8000] [--actions 128]

Prints figures measured in this run (no assertions):
  * one page of N request rows and N response rows imported into an empty
    service, for each N (linear: doubling N about doubles the time);
  * one new page imported into a service that already has --actions actions,
    and the same page imported again (nothing changes); with --whole, the
    whole spec goes through ruamel (load, merge, dump) instead of only the
    regions the page touches, as before region editing.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))


def page(action: str, rows: int, objects: int = 0) -> str:
    """A KSYUN-style page: *rows* request and *rows* response rows (a few objects)."""
    lines = [f"{action} 查询东西", "| 参数名称 | 类型 | 必填 | 描述 |", "|---|---|---|---|",
             f"| Action | String | 是 | 公共参数,本接口取值:{action}。 |",
             "| Version | String | 是 | 公共参数,本接口取值:2016-03-04。 |"]
    lines += [f"| Param{i} | {'Int' if i % 3 else 'String'} | 否 | 参数{i}。 示例值:{i} |" for i in range(rows)]
    lines += ["| 参数名称 | 类型 | 描述 |", "|---|---|---|", "| RequestId | String | 请求ID |"]
    for o in range(objects):
        lines += [f"| Set{o} | Object[] | 列表{o} |", f"| Id{o} | String | 编号 |", f"| Size{o} | Int | 大小 |"]
    lines += [f"| Field{i} | {'Int' if i % 3 else 'String'} | 字段{i}。 示例值:{i} |"
              for i in range(rows - 3 * objects)]
    lines += ["| 错误码 | 错误信息 | Http状态码 | 描述 |", "|---|---|---|---|",
              f"| {action}NotFound | not found | 404 | 没有 |"]
    return "\n".join(lines) + "\n"


def timed_import(page_file: Path, spec: Path) -> float:
    from generator.importdoc import import_page
    from generator.write import write_text_atomic

    started = time.perf_counter()
    _old, new, _g, _n, target = import_page(page_file, "kec", "2016-03-04", spec)
    write_text_atomic(target, new)
    return time.perf_counter() - started


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, nargs="+", default=[2000, 4000, 8000])
    ap.add_argument("--actions", type=int, default=128)
    ap.add_argument("--whole", action="store_true",
                    help="round-trip the whole spec through ruamel (no region editing), for comparison")
    args = ap.parse_args()
    if args.whole:
        import generator.importdoc as importdoc

        importdoc.layout = lambda text, root=None: None  # type: ignore[assignment]
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        for n in args.rows:
            spec = base / f"rows{n}"
            spec.mkdir()
            shutil.copy(ROOT / "spec" / "common.yaml", spec / "common.yaml")
            p = base / f"Big{n}.txt"
            p.write_text(page("DescribeBig", n), encoding="utf-8")
            print(f"one page, {n} request + {n} response rows, into an empty service: "
                  f"{timed_import(p, spec):.2f} s")
        spec = base / "many"
        spec.mkdir()
        shutil.copy(ROOT / "spec" / "common.yaml", spec / "common.yaml")
        for i in range(args.actions):
            p = base / f"A{i}.txt"
            p.write_text(page(f"DescribeThing{i:04d}", 20, objects=2), encoding="utf-8")
            timed_import(p, spec)
        p = base / "New.txt"
        p.write_text(page("DescribeNewThing", 20, objects=2), encoding="utf-8")
        print(f"one new page into a {args.actions}-action service: {timed_import(p, spec):.2f} s")
        print(f"the same page again (no change): {timed_import(p, spec):.2f} s")


if __name__ == "__main__":
    main()
