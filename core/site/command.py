"""``ciclope site cycle.toml --out DIR [--year Y] [--public] [--serve [--port N]]``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ciclope.core.output import owned
from ciclope.core.reports.fmt import plural
from ciclope.core.site.build import Built, build
from ciclope.core.site.serve import check_port, serve
from ciclope.core.store.commands import open_for, readable_store

EXIT_OK, EXIT_CONFIG = 0, 2


def main(args: argparse.Namespace) -> int:
    out: Path = args.out
    if args.serve:
        check_port(args.port)  # before building: a bad port is a command-line error, not a late traceback
    # an internal site's folder never becomes a public one (its pages have names and amounts), nor
    # the reverse; a folder ciclope did not make is never written into
    owned.check_root(out, "site-public" if args.public else "site")
    with readable_store(args.store or args.config or ""):
        store = open_for(args)
        try:
            built = build(
                store, out, args.year, args.public, max(1, args.jobs), args.tutti_gli_anni, getattr(args, "oggi", None)
            )
        finally:
            store.close()
    for warning in built.warnings:
        print(f"ciclope: attenzione: {warning}", file=sys.stderr)
    kind = "pubblico" if args.public else "interno (con dati personali: non pubblicare)"
    # every year the folder holds, each with its own counts and first page: none is left for the user to find
    said = [f"del {b.year}: {counted(b)}, {b.pages} pagine in {out}/{b.year}/index.html" for b in built.others]
    print(
        f"Sito {kind} del {built.year}: {counted(built)}, {built.pages} pagine in {out}/index.html"
        + "".join(f"\n  e {line}" for line in said)
    )
    if args.serve:
        serve(out, args.port)
    return EXIT_OK


def counted(built: Built) -> str:
    """The enti of a year's site, those without results (their run failed, listed in the index) said apart."""
    enti = plural(built.enti + built.unpublished, "ente", "enti")
    return f"{enti} ({built.unpublished} senza risultati)" if built.unpublished else enti
