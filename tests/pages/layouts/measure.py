"""How faithfully ``ksyun-codegen import-doc`` reads the layout pages beside this file.

    .venv/bin/python tests/pages/layouts/measure.py [-v]

Each page is imported on its own into a fresh spec folder and the written spec
is compared with the page's hand-written ``<stem>.expect.yaml``: request rows
(wire name, type, required), response fields (path, type) and error codes
(HTTP status).  A page marked ``refused`` must be refused (exit code 1, nothing
written, a message naming the page and a line of the broken table).

Prints one line per page, then the overall figure:

    pages imported: N/M; faithful rows: F/R (P%); pages exact: E/M
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
TESTS = HERE.parents[1]
REPO = TESTS.parent
for p in (str(REPO), str(TESTS)):
    if p not in sys.path:
        sys.path.insert(0, p)

from layouts_support import PageResult, layout_pages, measure_page  # noqa: E402


def measure(verbose: bool = False) -> tuple[list[PageResult], str]:
    results: list[PageResult] = []
    with tempfile.TemporaryDirectory(prefix="layouts-") as tmp:
        for page in layout_pages():
            result, _run = measure_page(page, Path(tmp))
            results.append(result)
    imported = sum(1 for r in results if r.imported and not r.problem)
    rows = sum(r.rows for r in results)
    faithful = sum(r.faithful for r in results)
    exact = sum(1 for r in results if r.perfect)
    pct = 100.0 * faithful / rows if rows else 0.0
    overall = (f"pages imported: {imported}/{len(results)}; faithful rows: {faithful}/{rows} "
               f"({pct:.1f}%); pages exact: {exact}/{len(results)}")
    return results, overall


def main(argv: list[str]) -> int:
    verbose = "-v" in argv
    results, overall = measure(verbose)
    for r in results:
        text = r.summary()
        print(text if verbose else text.splitlines()[0])
    print(overall)
    return 0 if all(r.perfect for r in results) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
