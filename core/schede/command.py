"""``ciclope schede-personali OUT/ENTE [--persona P] [--out DIR]``: one scheda per employee, HTML and PDF."""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from ciclope.core import filenames, syserrors
from ciclope.core.fmt import plural, quoted
from ciclope.core.nearest import hint
from ciclope.core.output import owned
from ciclope.core.problems import CiclopeError, Problem
from ciclope.core.reports.public import chromium, write_pdf
from ciclope.core.run.verify import recompute
from ciclope.core.schede.content import build
from ciclope.core.schede.render import render

EXIT_OK, EXIT_ENTE, EXIT_CONFIG = 0, 1, 2
PRINTERS = 4  # Chromium processes at a time


def _problem(where: Path | str, message: str, rule: str = "schede.input") -> CiclopeError:
    return CiclopeError([Problem(rule=rule, file=str(where), message=message)])


def _result(folder: Path) -> Any:
    _, _, result, changed = recompute(folder)
    if result is None:
        raise _problem(
            folder,
            "i dati dell'ente non sono più quelli dell'esecuzione ("
            + "; ".join(changed[:3])
            + "): rilancia `ciclope run` e poi le schede, che devono dire ciò che è stato deciso",
        )
    return result


def _people(result: Any, asked: list[str]) -> list[str]:
    people = result.ente.people
    unknown = [p for p in asked if p not in people]
    if unknown:
        hints = [f"{quoted(p)}{hint(p, people)}" for p in unknown]
        raise _problem("--persona", f"persona sconosciuta nell'ente {result.ente.id}: {', '.join(hints)}")
    return asked or list(people)


def file_stems(people: list[str]) -> dict[str, str]:
    """Each person's file name (without .html or .pdf): safe on every office computer, unique even where letter
    case is not (:func:`ciclope.core.filenames.stems`)."""
    return filenames.stems(people)


def main(args: argparse.Namespace) -> int:
    folder: Path = args.folder
    result = _result(folder)
    people = _people(result, args.persona)
    out: Path = args.out or folder.resolve().parent.parent / "schede-personali" / folder.resolve().name
    if not args.solo_html and chromium() is None:
        raise _problem(out, "per i PDF serve Chromium (pacchetto Debian 'chromium'): installalo o usa --solo-html")
    owned.claim_root(out, "schede-personali", [folder, Path(result.origin.get("data", folder))])
    pages = write_pages(out, result, people)
    failed = [] if args.solo_html else print_all(pages)
    print(
        f"{'Scritta' if len(pages) == 1 else 'Scritte'} {plural(len(pages), 'scheda personale', 'schede personali')} in {out}"
        + ("" if args.solo_html else " (HTML e PDF)")
    )
    for path, why in failed:
        print(f"ciclope: PDF non prodotto per {path.name}: {why}", file=sys.stderr)
    return EXIT_ENTE if failed else EXIT_OK


def write_pages(out: Path, result: Any, people: list[str]) -> list[Path]:
    pages = []
    stems = file_stems(people)
    for pid in people:
        page = owned.write_inside(out, f"{stems[pid]}.html", render(build(result, pid)).encode("utf-8"))
        pages.append(page)
    return pages


def _print(page: Path) -> tuple[Path, str]:
    """``page`` printed beside it as .pdf: through a new temporary name renamed over the final one."""
    fd, tmp = tempfile.mkstemp(prefix=".ciclope-tmp.", suffix=".pdf", dir=page.parent)
    os.close(fd)
    try:
        write_pdf(page, Path(tmp))
        os.replace(tmp, page.with_suffix(".pdf"))
        return page, ""
    except OSError as exc:
        return page, syserrors.said(exc)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def print_all(pages: list[Path]) -> list[tuple[Path, str]]:
    with ThreadPoolExecutor(max_workers=PRINTERS) as pool:
        return [(p, why) for p, why in pool.map(_print, pages) if why]
