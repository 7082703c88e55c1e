"""The page reader's work grows linearly with the page in every layout
(continued cells look ahead for their closing '|'; every line asks whether a
table starts there); its size limit is refused in words.  Counted in Python
lines executed, not timed."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from conftest import lines_executed

from generator.pages import parse_page
from generator.pages.read import MAX_PAGE_CHARS
from generator.problems import SpecError

HEAD = "DescribeThings 查询\n参数名称 | 类型 | 必填 | 描述 |\n---|\nAction | String | 是 | 本接口取值:DescribeThings。 |\n"
RESPONSE = "参数名称 | 类型 | 描述 |\n---|\nRequestId | String | id |\n"


def _pipe(n: int) -> str:
    return HEAD + "".join(f"P{i} | Int | 否 | 参数 |\n" for i in range(n)) + RESPONSE


def _continued(n: int) -> str:
    # every row's description goes on over the next line, closed by its '|'
    return HEAD + "".join(f"P{i} | Int | 否 | 参数\n示例值:{i} |\n" for i in range(n)) + RESPONSE


def _cells(n: int) -> str:
    rows = "".join(f"P{i} |\nInt |\n否 |\n参数 |\n" for i in range(n))
    return "DescribeThings\n名称 |\n类型 |\n必须 |\n描述 |\nAction |\nString |\n是 |\n本接口取值:DescribeThings |\n" \
        + rows + RESPONSE


def _tabs(n: int) -> str:
    rows = "".join(f"P{i}\tInt\t否\t参数\n" for i in range(n))
    return "DescribeThings\n参数名称\t类型\t必填\t描述\nAction\tString\t是\t本接口取值:DescribeThings\n" \
        + rows + RESPONSE


def _steps(text: str) -> int:
    return lines_executed(lambda: parse_page(text, "p.txt"))


@pytest.mark.parametrize("make", [_pipe, _continued, _cells, _tabs],
                         ids=lambda f: f.__name__.lstrip("_"))
def test_reading_grows_linearly(make: Callable[[int], str]) -> None:
    small, large = _steps(make(200)), _steps(make(800))
    assert large / small < 4.6, (small, large)  # linear: about 4; quadratic: about 16


def test_the_rows_are_read_in_every_layout() -> None:
    for make in (_pipe, _continued, _cells, _tabs):
        page = parse_page(make(30), "p.txt")
        assert [r.name for r in page.request] == [f"P{i}" for i in range(30)], make.__name__
        assert page.action == "DescribeThings"


def test_a_page_over_the_limit_is_refused_in_words() -> None:
    with pytest.raises(SpecError) as exc:
        parse_page("x" * (MAX_PAGE_CHARS + 1), "huge.txt")
    assert str(exc.value) == (f"huge.txt: /: the page is {MAX_PAGE_CHARS + 1:,} characters long; "
                              f"pages up to {MAX_PAGE_CHARS:,} are read")


def test_an_example_nested_past_the_decoder_is_no_example() -> None:
    """A JSON example nested deeper than the decoder goes (RecursionError) is read as
    no example: the page has no response table, so its response is RequestId alone."""
    text = (HEAD + "返回示例\n{\"Items\": " + "[" * 200_000 + "\n")
    page = parse_page(text, "p.txt")
    assert [r.name for r in page.response] == ["RequestId"]
    assert any("guess: no response table; the response is RequestId alone" in g for g in page.guesses)


def test_a_long_dotted_name_is_judged_at_once() -> None:
    """A name cell of a thousand '.N's and a bad last character is refused in words,
    at once: an ambiguous name pattern would backtrack through 2**1000 ways (a hang,
    caught here by the subprocess's timeout, not a timed assertion)."""
    import subprocess
    import sys

    name = "Filter" + ".N" * 1000 + "!"
    page = HEAD + f"{name} | String | 否 | x |\n" + RESPONSE
    code = ("import sys\nfrom generator.pages import parse_page\nfrom generator.problems import "
            "SpecError\ntry:\n    parse_page(sys.stdin.read(), 'p.txt')\nexcept SpecError as e:\n"
            "    print(e)\n")
    done = subprocess.run([sys.executable, "-c", code], input=page, capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    assert "is not a parameter name" in done.stdout
