"""The words of KSYUN doc pages, Chinese and English, and what each means.

One table per kind of word; the page reader (generator.pages.read) asks
only this module what a heading, a required flag, a type or a section title
says.  To teach the importer a new word, add it here (and a test page).

| kind | examples | meaning |
| --- | --- | --- |
| column heading | 参数名称, 名称, Parameter | the parameter's (or field's) name |
| column heading | 类型, Type | its type |
| column heading | 必填, 必选, 是否必需, 必须, Required | whether a request must carry it |
| column heading | 是否可缺省 | whether a request may leave it out (否: required) |
| column heading | 是否必返回 | whether a response always carries it (read, not kept) |
| column heading | 描述, 说明, Description | its description |
| column heading | 示例值, Example | an example value |
| column heading | 长度限制(字符), 参数格式, 默认值, 参数位置 | read as extra description text |
| column heading | 错误码, 错误代码(Code), Error code | an error's code |
| column heading | 错误信息, 错误消息(Message), Error message | an error's message |
| column heading | Http状态码, HTTP 状态码, HTTP status code | an error's HTTP status |
| required flag | 是 / 否, Y / N, Yes / No, 必填 / 选填, true / false | required or not |
| type | String, Int, Integer, Interger, Long, Float, Double, Boolean, Object | a scalar or an object |
| type | Array, List, X[], []X, Array of X, X array, X 数组, List<X> | a list (of X) |
| type | any other name (QuotaApplication) | an object described by its own sub-table |
| section | 请求参数, 输入参数, Request parameters | the request table follows |
| section | 返回参数, 返回元素, 输出参数, 响应参数, Response parameters | the response table follows |
| section | 错误码, Error codes | the error table follows |
| caption | X参数说明, X结构, X 结构说明, Structure of X | the members of X follow |

Headings are compared after NFKC, lower case, without spaces and without a
parenthesised remark: ``错误代码(Code)`` reads as ``错误代码``, ``Length (number
of characters)`` as ``length``.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass

# Column roles of a parameter table and of an error table.
NAME, TYPE, REQUIRED, OPTIONAL, RETURNED, DESCRIPTION, EXAMPLE, EXTRA = (
    "name", "type", "required", "optional", "returned", "description", "example", "extra")
CODE, MESSAGE, STATUS = "code", "message", "status"

ROLE_TITLES = {
    NAME: "the name column", TYPE: "the type column", REQUIRED: "the required column",
    RETURNED: "the always-returned column", DESCRIPTION: "the description column",
    EXAMPLE: "the example column", EXTRA: "an extra column", CODE: "the error code column",
    MESSAGE: "the error message column", STATUS: "the HTTP status column",
}

PARAM_HEADINGS: dict[str, str] = {
    **dict.fromkeys(["参数名称", "参数名", "名称", "参数", "字段", "字段名", "字段名称", "变量名", "英文名称",
                     "parameter", "parametername", "name", "field", "fieldname"], NAME),
    **dict.fromkeys(["类型", "参数类型", "数据类型", "字段类型", "类型及范围", "类型及取值范围", "type",
                     "datatype"], TYPE),
    **dict.fromkeys(["必填", "是否必填", "必选", "是否必选", "必须", "是否必须", "必需", "是否必需",
                     "必传", "是否必传", "required", "requiredornot", "mandatory"], REQUIRED),
    # 'may it be left out': 否 means required (KEC's older pages)
    **dict.fromkeys(["是否可缺省", "可缺省", "是否可选", "可选", "是否可为空", "optional"], OPTIONAL),
    **dict.fromkeys(["是否必返回", "必返回", "是否返回", "alwaysreturned"], RETURNED),
    **dict.fromkeys(["描述", "说明", "参数说明", "参数描述", "含义", "备注", "描述说明",
                     "description", "remarks", "remark", "notes"], DESCRIPTION),
    **dict.fromkeys(["示例值", "示例", "取值示例", "example", "examplevalue", "sample"], EXAMPLE),
    **dict.fromkeys(["长度限制", "长度", "参数格式", "格式", "默认值", "取值范围", "参数位置", "位置",
                     "有效值", "取值", "约束", "中文名称", "中文名",
                     "length", "format", "default", "defaultvalue", "validvalues", "location",
                     "position"], EXTRA),
}
ERROR_HEADINGS: dict[str, str] = {
    **dict.fromkeys(["错误码", "错误代码", "错误编码", "errorcode", "code"], CODE),
    **dict.fromkeys(["错误信息", "错误消息", "错误提示", "errormessage", "message"], MESSAGE),
    **dict.fromkeys(["http状态码", "状态码", "httpstatuscode", "httpstatus", "httpcode",
                     "statuscode", "status", "http状态"], STATUS),
    **dict.fromkeys(["描述", "中文描述", "说明", "错误描述", "description", "remarks"], DESCRIPTION),
}

REQUIRED_WORDS: dict[str, bool] = {
    **dict.fromkeys(["是", "必填", "必选", "必须", "必需", "yes", "y", "true", "required"], True),
    **dict.fromkeys(["否", "选填", "可选", "非必填", "非必须", "no", "n", "false", "optional", "-",
                     ""], False),
}

# Scalar type words → the canonical doc type.
SCALAR_WORDS: dict[str, str] = {
    **dict.fromkeys(["string", "str", "字符串", "text", "date", "datetime", "timestamp", "enum",
                     "字符型", "char", "varchar"], "String"),
    **dict.fromkeys(["int", "integer", "int32", "interger", "integr", "整数", "整型", "short", "byte",
                     "int8", "int16", "uint", "uint32", "数字"], "Int"),
    **dict.fromkeys(["long", "int64", "长整型", "bigint", "uint64"], "Long"),
    **dict.fromkeys(["float", "number", "浮点", "浮点数", "decimal", "bigdecimal"], "Float"),
    **dict.fromkeys(["double", "float64", "双精度"], "Double"),
    **dict.fromkeys(["boolean", "bool", "布尔", "布尔值"], "Boolean"),
    **dict.fromkeys(["object", "map", "json", "dict", "struct", "对象"], "Object"),
}
LIST_WORDS = ("array", "list", "数组", "列表", "set")

SECTION_WORDS: dict[str, str] = {
    **dict.fromkeys(["请求参数", "输入参数", "请求参数列表", "入参说明", "requestparameters",
                     "inputparameters", "request"], "request"),
    **dict.fromkeys(["返回参数", "返回元素", "输出参数", "响应参数", "返回数据", "返回结果", "返回值",
                     "出参说明", "响应元素", "返回字段", "responseparameters", "outputparameters",
                     "responseelements", "response"], "response"),
    **dict.fromkeys(["错误码", "错误代码", "errorcodes", "errorcode"], "errors"),
    # prose that is no table: examples and the like end a table copied without pipes
    **dict.fromkeys(["示例", "请求示例", "返回示例", "正常返回示例", "错误返回示例", "调用示例", "输入",
                     "输出", "json格式", "xml格式", "纯净模式", "examples", "samplerequests",
                     "samplesuccessresponses", "sampleresponses", "successfulcallexamples",
                     "请求结构", "接口描述", "接口调试", "接口限制"], "other"),
}
CAPTION_SUFFIXES = ("参数说明", "结构说明", "数据结构", "结构", "说明", "参数", "字段说明",
                    "structure", "parameters", "members")

IDENT = r"[A-Za-z][A-Za-z0-9_]*"
_REMARK = re.compile(r"[(（][^)）]*[)）]")


def key(text: str) -> str:
    """A heading as compared: NFKC, lower case, no spaces, no ``(remark)``."""
    t = unicodedata.normalize("NFKC", text).strip().strip(":：*").strip()
    t = _REMARK.sub("", t)
    return re.sub(r"\s+", "", t).lower()


@dataclass(frozen=True)
class Heading:
    """A header row: one role per column; ``kind`` is ``params`` or ``errors``."""

    kind: str
    roles: tuple[str, ...]

    def column(self, role: str) -> int:
        return self.roles.index(role) if role in self.roles else -1


class UnknownHeading(Exception):
    """A header row with a column this vocabulary does not know, close to one it does."""

    def __init__(self, cell: str, suggestion: str) -> None:
        self.cell, self.suggestion = cell, suggestion
        super().__init__(f"{cell!r}: unknown column heading; did you mean {suggestion}?")


def _close(word: str, table: dict[str, str]) -> str | None:
    hit = difflib.get_close_matches(word, list(table), n=1, cutoff=0.6)
    if not hit and len(word) >= 2:
        # Chinese headings: the same characters in another order or with one more
        hit = [w for w in table if len(w) >= 2 and (w in word or word in w)][:1]
    return hit[0] if hit else None


def heading(cells: list[str]) -> Heading | None:
    """The header a row of cells is, or None when it is a data row (or prose).

    A header names at least a name and a type column (a parameter table) or
    a code column and a message or status column (an error table), and most
    of its cells are headings.  A cell this vocabulary does not know, close
    to one it does, raises UnknownHeading (the column would be lost).
    """
    keys = [key(c) for c in cells]
    filled = [k for k in keys if k]
    if len(filled) < 2:
        return None
    for kind, table, must in (("errors", ERROR_HEADINGS, (CODE,)), ("params", PARAM_HEADINGS, (NAME, TYPE))):
        roles = [table.get(k, "") if k else EXTRA for k in keys]
        known = [r for r, k in zip(roles, keys, strict=True) if k and r]
        if not all(m in known for m in must):
            continue
        if kind == "errors" and not (MESSAGE in known or STATUS in known):
            continue
        if kind == "errors" and TYPE in {PARAM_HEADINGS.get(k) for k in keys}:
            continue  # 'Code | Type | ...' is a parameter table's header
        if len(known) * 2 < len(filled) + 1:
            return None
        for cell, k, role in zip(cells, keys, roles, strict=True):
            if k and not role:
                near = _close(k, table)
                # (only a column the header lacks: '返回参数名' beside '参数名' is an extra one)
                if near is not None and table[near] not in roles and table[near] not in (EXTRA,):
                    raise UnknownHeading(cell.strip(), ROLE_TITLES[table[near]])
        out = []
        seen: set[str] = set()
        for role in roles:
            role = role or EXTRA
            if role in seen and role not in (EXTRA, DESCRIPTION):
                role = EXTRA
            seen.add(role)
            out.append(role)
        return Heading(kind, tuple(out))
    return None


def is_heading_word(cell: str) -> bool:
    k = key(cell)
    return k in PARAM_HEADINGS or k in ERROR_HEADINGS


def heading_words() -> list[str]:
    """Every heading this vocabulary knows, as written (for splitting space-separated headers)."""
    return sorted(set(PARAM_HEADINGS) | set(ERROR_HEADINGS), key=len, reverse=True)


_SPACED_HEADINGS = sorted([
    "参数名称", "参数名", "名称", "参数", "类型", "参数类型", "数据类型", "必填", "是否必填", "必选",
    "是否必选", "必须", "是否必须", "是否必需", "必需", "是否必返回", "描述", "说明", "示例值", "示例",
    "长度限制(字符)", "长度限制", "参数格式", "默认值", "参数位置", "错误码", "错误代码(Code)",
    "错误代码", "错误消息(Message)", "错误消息", "错误信息", "HTTP 状态码", "HTTP状态码", "Http状态码",
    "状态码", "中文描述(语义)", "中文描述", "Parameter Name", "Parameter", "Name", "Type",
    "Required", "Description", "Example", "Length (number of characters)", "Format",
    "Error code", "Error message", "HTTP status code", "Default", "Field",
], key=len, reverse=True)


def split_spaced_header(text: str) -> list[str] | None:
    """``名称 类型 必须 长度限制(字符) 参数格式 描述`` → its headings; None when a
    word of the line is no heading (the line is prose or a data row)."""
    rest = unicodedata.normalize("NFKC", text).strip()
    out: list[str] = []
    while rest:
        for word in _SPACED_HEADINGS:
            w = unicodedata.normalize("NFKC", word)
            if rest.lower().startswith(w.lower()) and (
                    len(rest) == len(w) or rest[len(w)] in " \t" or not w.isascii()):
                out.append(rest[:len(w)])
                rest = rest[len(w):].lstrip()
                break
        else:
            return None
    return out if len(out) >= 2 else None


def required_flag(text: str) -> bool | None:
    """是/否, Y/N, Yes/No (any case, full-width too), also with a remark after it
    (``是,缺省值为10``); None when the cell says something else."""
    v = unicodedata.normalize("NFKC", text).strip().rstrip("*").strip().lower()
    if v in REQUIRED_WORDS:
        return REQUIRED_WORDS[v]
    head = re.split(r"[,;(\s]", v, maxsplit=1)[0].rstrip("*")
    return REQUIRED_WORDS.get(head) if head else None


@dataclass(frozen=True)
class DocType:
    """A type cell read: the canonical doc type and, for a named object, its name."""

    canonical: str  # String, Int, Long, Float, Double, Boolean, Object, X[] (X scalar or Object)
    named: str | None = None  # QuotaApplication, ProductSummary (the sub-table that says its members)
    bare_list: bool = False  # 'Array' / 'List' with no item type


_OF = re.compile(r"^(?:array|list|set)\s*(?:of|<)\s*(.+?)\s*>?$", re.IGNORECASE)
_SUFFIX_LIST = re.compile(r"^(.+?)\s*(?:\[\]|数组|列表|array|list|set)$", re.IGNORECASE)
_PREFIX_LIST = re.compile(r"^\[\]\s*(.+)$")


def doc_type(raw: str) -> DocType | None:
    """``Object[]``, ``string``, ``Array of MetricDataPoint``, ``ProductSummary 数组``,
    ``[]String``, ``QuotaApplication`` → a DocType; None when the cell is no type."""
    t = unicodedata.normalize("NFKC", raw).strip().rstrip("。.;；")
    if not t or len(t) > 80:
        return None
    low = re.sub(r"\s+", "", t.lower())
    if low in SCALAR_WORDS:
        return DocType(SCALAR_WORDS[low])
    if low in LIST_WORDS or low in ("array<object>", "objectarray", "arrayofobject", "list<object>"):
        return DocType("Object[]", bare_list=low in LIST_WORDS)
    for pattern in (_OF, _PREFIX_LIST, _SUFFIX_LIST):
        m = pattern.match(t)
        if m:
            inner = doc_type(m.group(1))
            if inner is None or inner.canonical.endswith("[]"):
                return None if inner is None else DocType("Object[]", inner.named)
            if inner.canonical == "Object":
                return DocType("Object[]", inner.named)
            return DocType(inner.canonical + "[]")
    if re.fullmatch(IDENT, t) and t[0].isupper():
        return DocType("Object", t)  # a named type: its members are a sub-table
    m = re.fullmatch(r"[^\x00-\x7f]*[(]\s*(" + IDENT + r")\s*[)]\s*(列表|数组)?", t)
    if m:  # '过滤器(Filter)列表': a Chinese name, the type's own in brackets
        inner = doc_type(m.group(1))
        if inner is not None:
            if m.group(2):
                return DocType("Object[]", inner.named) if inner.canonical == "Object" else \
                    DocType(inner.canonical + "[]")
            return inner
    bare = _REMARK.sub("", t).strip()
    if bare and bare != t:  # 'Integer(int64)', 'String (optional)', 'Array(String)'
        inner_of = re.fullmatch(r"(?i)(array|list)\s*[(]\s*(" + IDENT + r")\s*[)]", t)
        if inner_of:
            return doc_type(f"Array of {inner_of.group(2)}")
        return doc_type(bare)
    return None


def section(text: str) -> str | None:
    """``请求参数``, ``3.输出参数``, ``Response parameters``, ``错误码(调用不成功)`` → its section."""
    k = key(re.sub(r"^[\d.、\s]+", "", text))
    k = k.split("(")[0]
    if k in SECTION_WORDS:
        return SECTION_WORDS[k]
    for prefix in ("get", "post"):  # 'Get请求参数', 'POST请求参数(content-type: ...)'
        if k.startswith(prefix) and k[len(prefix):] in SECTION_WORDS:
            return SECTION_WORDS[k[len(prefix):]]
    return None


def caption(text: str) -> str | None:
    """``QuotaApplication参数说明:``, ``Volumes结构``, ``Structure of X`` → the name they describe."""
    t = unicodedata.normalize("NFKC", text).strip().rstrip(":：。.").strip()
    m = re.fullmatch(r"(?:structure\s+of|members\s+of)\s+(" + IDENT + ")", t, re.IGNORECASE)
    if m:
        return m.group(1)
    m = re.fullmatch("(" + IDENT + r")\s*(.*)", t)
    if not m:
        return None
    rest = key(m.group(2))
    if rest in CAPTION_SUFFIXES or not rest:
        return m.group(1)
    return None


# The site's own text around a page, as a copy of it carries it: never a title.
CHROME = ("全部文档", "当前文档", "暂无内容", "文档中心", "纯净模式", "常规模式", "点击可全屏",
          "如果没有找到您期望的内容", "最近更新时间", "更新时间", "all documents", "current document",
          "content is empty", "documentation", "found 0 result", "if you don't find",
          "last updated", "pure mode", "分享文章", "本文档为您介绍")


def chrome(text: str) -> bool:
    """Whether a prose line is the documentation site's own text (navigation, dates)."""
    low = unicodedata.normalize("NFKC", text).strip().lower()
    return any(low.startswith(c) for c in CHROME)


def did_you_mean(word: str, choices: list[str]) -> str:
    hit = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    return f"; did you mean {hit[0]}?" if hit else ""
