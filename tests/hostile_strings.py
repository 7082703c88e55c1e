"""One corpus of hostile strings, for every target that writes spec text somewhere.

Each string is text a spec may hold (a description, a summary, an enum value, an
example, an error message or code) and that would do harm if a writer copied it
as is: markup that runs (HTML, Markdown links and images), text that breaks a
table or a line (``|``, line breaks, a table row after a newline), template
syntax, entities that must stay entities, and Unicode that changes how text is
shown.  None holds a control character the loader refuses (NUL, other C0/C1
codes but tab and line ends).

``TEXTS``: any text.  ``NAMES``: parameter and property names with markup, which
the spec's validation lets through (an action or shape name is letters and
digits only).  ``HUGE_NUMBER``: ``10**400``, past any float.
"""

from __future__ import annotations

TEXTS: tuple[str, ...] = (
    "<img src=x onerror=alert(1)>",
    "</script><script>alert(1)</script>",
    "<b>bold</b> <i>i</i> <br> <br/>",
    "<!-- comment --> <![CDATA[ x ]]>",
    "a|b",
    "| x | y | z |",
    "\\|",
    "ends with a backslash\\",
    "line one\nline two",
    "windows\r\nline\rbreaks",
    "a description\n| Injected | String | 是 | a row the spec never had |",
    "x\n\n| A | B |\n| --- | --- |\n| 1 | 2 |",
    "[click](javascript:alert(1))",
    "![tracker](https://evil.example/t.png)",
    "<https://evil.example/autolink>",
    "[ref]: https://evil.example/ref",
    "&lt;b&gt; &amp; &#60;img&#62; &#91;x&#93; &copy;",
    "a & b < c > d",
    "{{ 7*7 }} {% raw %} ${x} #{x}",
    "# heading",
    "- list item",
    "1. numbered",
    "> quote",
    "---",
    "`code | span` and ```fence```",
    "*emph* _under_ ~~strike~~",
    "\"double\" 'single' `back`",
    "\u3000leading ideographic space",
    "right-to-left \u202eoverride\u202c and zero\u200bwidth",
    "line\u2028separator\u2029paragraph",
    "中文说明 <b>粗体</b> | 竖线",
    "emoji 🚀 and combining e\u0301",
    "\t tab \t",
    "javascript:alert(1)",
    "x" * 5000,
)

NAMES: tuple[str, ...] = (
    "<img src=x onerror=alert(1)>",
    "Name|Injected",
    "[Link](javascript:alert(1))",
    "A&amp;B",
)

HUGE_NUMBER = "1" + "0" * 400  # 10**400 as YAML writes it: an int no float can hold


def normalized(text: str) -> str:
    """What a one-line cell keeps of *text*: line ends as ``\\n``, outer blanks gone."""
    return text.replace("\r\n", "\n").replace("\r", "\n").strip()
