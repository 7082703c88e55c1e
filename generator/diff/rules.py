"""The one table of what breaks whom.

Each row is one kind of change (``Change.kind``) and says, for the wire and
for every audience, whether a program that worked before the change can fail
after it:

* **wire**: a client that builds KSYUN's requests and reads its JSON by the
  spec's wire names (no SDK): a request it sent is refused, or a response it
  read has a value or shape it did not expect;
* **python**, **typescript**, **go**: a program using that SDK no longer
  type-checks or compiles (``mypy --strict``, ``tsc --strict``, ``go build``),
  or fails at run time where it worked;
* **docs**: a link into the reference (an action's or a shape's page) leads
  nowhere.

Names are not here: a change of a generated name is the kind ``renamed``,
breaking exactly the languages whose hook (``Target.public_names``) gives
the element another name.  Every registered target must have a column
(tests/test_diff_rules.py checks it), so a new language states its
behaviour here once.

``bump`` is the least a change asks of a package's version when it breaks
nothing there: ``minor`` for something new, ``patch`` otherwise; a break in
a language is always ``major`` for that language.
"""

from __future__ import annotations

from dataclasses import dataclass

AUDIENCES = ("wire", "python", "typescript", "go", "docs")


@dataclass(frozen=True)
class Rule:
    kind: str
    wire: bool
    python: bool
    typescript: bool
    go: bool
    docs: bool
    bump: str  # "minor" or "patch" where nothing breaks
    why: str

    def breaks(self, audience: str) -> bool:
        return bool(getattr(self, audience))


_T, _F = True, False

RULES: dict[str, Rule] = {r.kind: r for r in (
    #     kind                              wire py  ts  go  docs bump
    Rule("service-added",                   _F, _F, _F, _F, _F, "minor", "a new service version: new modules only"),
    Rule("service-removed",                 _T, _T, _T, _T, _T, "patch", "its modules, classes and pages are gone"),
    Rule("action-added",                    _F, _F, _F, _F, _F, "minor", "a new method"),
    Rule("action-removed",                  _T, _T, _T, _T, _T, "patch", "the call fails; the method and its page are gone"),
    Rule("method-changed",                  _T, _F, _F, _F, _F, "patch", "GET/POST: raw requests change; the SDKs send it themselves"),
    Rule("idempotency-changed",             _F, _F, _F, _F, _F, "patch", "retry behaviour only"),
    Rule("pagination-added",                _F, _F, _F, _F, _F, "minor", "a new paginator"),
    Rule("pagination-removed",              _F, _T, _T, _T, _F, "patch", "the paginator is gone (the call itself is unchanged)"),
    Rule("pagination-changed",              _F, _T, _T, _T, _F, "patch", "the paginator walks other items or tokens"),
    Rule("deprecated",                      _F, _F, _F, _F, _F, "patch", "marked deprecated: a warning, nothing removed"),
    Rule("undeprecated",                    _F, _F, _F, _F, _F, "patch", "no longer deprecated"),
    # request side: top-level parameters and members of request objects
    Rule("parameter-added",                 _F, _F, _F, _F, _F, "minor", "a new optional argument"),
    Rule("parameter-added-required",        _T, _T, _T, _T, _F, "patch", "every existing call lacks it"),
    Rule("parameter-removed",               _T, _T, _T, _T, _F, "patch", "calls passing it are refused or no longer compile"),
    Rule("parameter-became-required",       _T, _T, _T, _T, _F, "patch", "calls without it are refused; Go's *T becomes T"),
    Rule("parameter-became-optional",       _F, _F, _F, _T, _F, "patch", "Go's field T becomes *T; elsewhere more calls are allowed"),
    # response side: fields of response objects
    Rule("field-added",                     _F, _F, _F, _F, _F, "minor", "a new response field"),
    Rule("field-removed",                   _T, _T, _T, _T, _F, "patch", "readers of it break"),
    Rule("field-became-required",           _F, _F, _F, _T, _F, "patch", "always present: Go's *T becomes T; Python fields stay optional"),
    Rule("field-became-optional",           _T, _F, _T, _T, _F, "patch", "may be absent: TypeScript x?: T, Go *T; Python fields were optional already"),
    # types (language types: integer → int/number/int64, number → float/number/float64)
    Rule("request-type-integer-to-number",  _F, _F, _F, _T, _F, "patch", "an int is a float in Python, both are number in TypeScript; Go int64 → float64"),
    Rule("request-type-number-to-integer",  _T, _T, _F, _T, _F, "patch", "1.5 is refused; Python float → int"),
    Rule("request-type-to-string",          _F, _T, _T, _T, _F, "patch", "the wire sends text anyway; typed callers pass numbers or booleans"),
    Rule("request-type-to-any",             _F, _F, _F, _F, _F, "patch", "free-form JSON takes every old value (Any, unknown, any)"),
    Rule("request-type-changed",            _T, _T, _T, _T, _F, "patch", "another type (string → integer, list ↔ value, object ↔ value)"),
    Rule("response-type-integer-to-number", _T, _T, _F, _T, _F, "patch", "readers get 1.5; Python int → float, Go int64 → float64; TypeScript number either way"),
    Rule("response-type-number-to-integer", _F, _F, _F, _T, _F, "patch", "an integer is a number; Go float64 → int64"),
    Rule("response-type-to-string",         _T, _T, _T, _T, _F, "patch", "readers of a number or boolean get text"),
    Rule("response-type-to-any",            _T, _F, _T, _T, _F, "patch", "anything may come; TypeScript unknown and Go any must be narrowed"),
    Rule("response-type-changed",           _T, _T, _T, _T, _F, "patch", "another type (string → integer, list ↔ value, object ↔ value)"),
    Rule("shape-type-changed",              _F, _T, _F, _T, _F, "patch", "another named object with the same members: nominal in Python and Go, structural in TypeScript"),
    Rule("format-changed",                  _T, _F, _F, _F, _F, "patch", "int32 → int64, date-time...: the values' range or layout"),
    # enums
    Rule("request-enum-value-added",        _F, _F, _F, _F, _F, "minor", "one more accepted value"),
    Rule("request-enum-value-removed",      _T, _T, _T, _T, _F, "patch", "a value callers send is refused (Literal, union, Go constant)"),
    Rule("request-enum-added",              _T, _T, _T, _T, _F, "patch", "a free value is now one of a list"),
    Rule("request-enum-removed",            _F, _F, _F, _T, _F, "patch", "any value: Go's enum type becomes a plain type"),
    Rule("response-enum-value-added",       _F, _F, _T, _T, _F, "minor", "exhaustive switches (TypeScript, Go) miss it; the Python SDK reads a response enum as Literal[...] | str, so a new value reads as it came"),
    Rule("response-enum-value-removed",     _F, _F, _T, _T, _F, "patch", "comparing with it no longer type-checks (TypeScript), its Go constant is gone"),
    Rule("response-enum-added",             _F, _F, _F, _T, _F, "patch", "a narrower value: Go's plain type becomes an enum type"),
    Rule("response-enum-removed",           _F, _F, _T, _T, _F, "patch", "any value: the union and the Go enum type become plain types (Python's Literal[...] | str was a str already)"),
    # constraints (request side; the SDKs check them before sending)
    Rule("constraint-narrowed",             _T, _T, _T, _T, _F, "patch", "a value that was accepted is refused"),
    Rule("constraint-widened",              _F, _F, _F, _F, _F, "patch", "more values accepted"),
    # named objects and errors
    Rule("shape-added",                     _F, _F, _F, _F, _F, "minor", "a new model"),
    Rule("shape-removed",                   _F, _T, _T, _T, _T, "patch", "code naming the model and links to its page break"),
    Rule("error-added",                     _F, _F, _F, _F, _F, "minor", "a new error class"),
    Rule("error-removed",                   _F, _T, _T, _T, _F, "patch", "the error class callers may catch is gone"),
    Rule("error-listed",                    _F, _F, _F, _F, _F, "patch", "an action documents one more error"),
    Rule("error-unlisted",                  _F, _F, _F, _F, _F, "patch", "an action no longer documents an error (its class stays)"),
    Rule("error-changed",                   _F, _F, _F, _F, _F, "patch", "HTTP status or throttling of a code"),
    # names: decided per language by Target.public_names, not here
    Rule("renamed",                         _F, _F, _F, _F, _F, "patch", "a generated name changed in the languages marked"),
)}


def rule(kind: str) -> Rule:
    return RULES[kind]
