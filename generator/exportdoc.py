"""``ksyun-codegen export-doc``: print an action as a KSYUN doc page.

The reverse of import-doc: the page's three tables (request, response,
errors), written from the spec's IR by generator.pages.write in the format
generator.pages.read reads back.
"""

from __future__ import annotations

import argparse
import difflib
import sys
from pathlib import Path
from typing import Any

from .ir import Operation, Service
from .pages.write import export_page


def find(api_services: tuple[Service, ...], action: str, service: str | None,
         version: str | None) -> tuple[Service, Operation]:
    """The one operation named *action* (in *service* and *version* when given);
    LookupError in words when there is none or several."""
    def scoped(s: Service) -> bool:
        return (service is None or s.name == service) and (version is None or s.version == version)

    hits = [(s, o) for s in api_services for o in s.operations if o.action == action and scoped(s)]
    if not hits:
        said = f"no action {action}" + (f" in {service}" if service else "") + (f" {version}" if version else "")
        elsewhere = [s for s in api_services for o in s.operations if o.action == action]
        if elsewhere:  # (then a did-you-mean would only repeat the name)
            raise LookupError(f"{said}; it is in " + " and ".join(f"{s.name} {s.version}" for s in elsewhere))
        if service is not None and service not in {s.name for s in api_services}:
            names = {s.name for s in api_services}
            close = difflib.get_close_matches(service, sorted(names), n=1, cutoff=0.6)
            raise LookupError(f"{said}: there is no service {service}"
                              + (f"; did you mean {close[0]}?" if close else
                                 f" (services: {', '.join(sorted(names))})"))
        hint = _did_you_mean(action, {o.action for s in api_services if scoped(s) for o in s.operations})
        if not hint:  # a close name in another service: say where it is
            hint = _did_you_mean(action, {o.action for s in api_services for o in s.operations})
            if hint:
                near = hint[len("; did you mean "):-1]
                where = " and ".join(f"{s.name} {s.version}" for s in api_services
                                     for o in s.operations if o.action == near)
                hint = f"; did you mean {near} (in {where})?"
        raise LookupError(said + hint)
    if len(hits) > 1:
        where = ", ".join(f"{s.name} {s.version}" for s, _ in hits)
        raise LookupError(f"action {action} is in several service versions ({where}); "
                          "say --service and --version")
    return hits[0]


def _did_you_mean(action: str, known: set[str]) -> str:
    """``; did you mean DescribeImages?`` for ``describeimages`` or ``DescribeImage``."""
    same = sorted(k for k in known if k.lower() == action.lower())
    close = same or difflib.get_close_matches(action, sorted(known), n=1, cutoff=0.8)
    return f"; did you mean {close[0]}?" if close else ""


def run(args: argparse.Namespace) -> int:
    from .pipeline import load_api

    api = load_api(args.spec)
    try:
        service, op = find(api.services, args.action, args.service, args.version)
    except LookupError as exc:
        print(f"ksyun-codegen export-doc: {exc.args[0]}", file=sys.stderr)
        return 2
    sys.stdout.write(export_page(service, op))
    return 0


def add_parser(sub: Any) -> None:
    p = sub.add_parser(
        "export-doc", help="print an action as a KSYUN doc page (tables)",
        description="Print one action of the spec as a KSYUN API doc page: the request\n"
                    "table, the response table and the error table, in the format\n"
                    "import-doc reads (so a page can go out for review and come back).\n"
                    "An action in several service versions needs --service and --api-version.",
        epilog="example:\n"
               "  ksyun-codegen export-doc --action DescribeImages\n"
               "  ksyun-codegen export-doc --action DescribeVpcs --service vpc --api-version 2016-03-04 > page.txt\n",
        formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--action", required=True, help="action name, e.g. DescribeImages")
    p.add_argument("--service", default=None, help="service name, e.g. kec")
    p.add_argument("--api-version", "--version", dest="version", default=None, metavar="YYYY-MM-DD",
                   help="the service's API version, e.g. 2016-03-04")
    p.add_argument("--spec", type=Path, default=Path("spec"),
                   help="spec folder or one service spec file (default: spec/)")
    p.set_defaults(func=run)


__all__ = ["export_page", "find"]
