"""Human outputs of one ente (SPEC §6), all built from the :class:`core.result.Result` only:

- ``relazione.html`` (:mod:`.html`): the Relazione schede for the OIV, the Segretario Generale and
  the dirigenti — self-contained, printable on A4, inline SVG charts;
- ``schede.xlsx`` (:mod:`.xlsx`): the same tables for the performance office, one sheet per scheda;
- ``trasparenza.csv`` (:mod:`.transparency`): aggregated, anonymous figures for publication.

Reports never compute regulation figures; a plugin adds its own tables through
``ciclope_report_sections`` (:class:`core.outcomes.ReportSection`). Same Result → same bytes.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ciclope.core.reports import fund
from ciclope.core.reports.fund import HTML as FUND_HTML
from ciclope.core.reports.fund import PDF as FUND_PDF
from ciclope.core.reports.fund import XLSX as FUND_XLSX
from ciclope.core.reports.publication import PUBLIC_DOCUMENTS, UNPUBLISHABLE, documents, publishable  # noqa: F401  # re-exported
from ciclope.core.result import Result

# the relazione tecnico-finanziaria of the fund (:mod:`.fund`) is written only for an ente that gives its fund
OUTPUTS = (
    "relazione.html",
    "relazione-pubblica.html",
    "schede.xlsx",
    "trasparenza.csv",
    "premi-art20.csv",
    FUND_HTML,
    FUND_XLSX,
)
FUND_DOCUMENTS = (FUND_HTML, FUND_XLSX, FUND_PDF)
# ``--outputs`` names → the files they write (results.json is always written: it is the machine contract and what
# ``ciclope report`` starts from); ``pdf`` prints the public Relazione and, for an ente with a fund, its
# relazione tecnico-finanziaria
DOCUMENTS = {
    "relazione": ("relazione.html",),
    "pubblica": ("relazione-pubblica.html",),
    "schede": ("schede.xlsx",),
    "trasparenza": ("trasparenza.csv",),
    "art20": ("premi-art20.csv",),
    "fondo": (FUND_HTML, FUND_XLSX),
    "pdf": ("relazione-pubblica.pdf", FUND_PDF),
}
OUTPUT_NAMES = ("results", *DOCUMENTS)


def parse_outputs(text: str) -> tuple[str, ...]:
    """``results,relazione`` → the document file names to write; unknown names raise ValueError."""
    names = [n.strip() for n in text.split(",") if n.strip()]
    unknown = [n for n in names if n not in OUTPUT_NAMES]
    if unknown:
        raise ValueError(f"output sconosciuto {', '.join(unknown)} (ammessi: {', '.join(OUTPUT_NAMES)})")
    return tuple(f for n in DOCUMENTS if n in names for f in DOCUMENTS[n])


def write_fund(
    folder: Path,
    doc: Mapping[str, Any],
    ente: str,
    outputs: tuple[str, ...],
    previous: Mapping[str, Any] | None = None,
    archive: bool = False,
) -> None:
    """The relazione tecnico-finanziaria of the fund ``doc`` (the ``fondo`` section of results.json) named in
    ``outputs``: its page, its workbook, its PDF printed from the page. ``previous``: the previous year's fund from
    the results store (Modulo III); ``archive``: a store is in use (so an absent year is said as such). The PDF
    alone is printed from the page already there (``ciclope report --outputs pdf`` adds it and never rewrites the
    page, which the run's digests and the store vouch for); the page is written when asked, or when it is missing."""
    from ciclope.core.reports import html  # the renderer (Jinja2): see write_reports

    if FUND_HTML in outputs or (FUND_PDF in outputs and not (folder / FUND_HTML).is_file()):
        html.write_report(fund.report(doc, ente, previous, archive), folder / FUND_HTML)
    if FUND_XLSX in outputs:
        fund.write_xlsx(folder / FUND_XLSX, doc, previous, archive)
    if FUND_PDF in outputs:
        from ciclope.core.reports import public  # Chromium's printer: only for a run that asks the PDF

        public.write_pdf(folder / FUND_HTML, folder / FUND_PDF)


def staged_fund(folder: Path) -> tuple[Mapping[str, Any], str] | None:
    """The ``fondo`` section and the ente's name of the results.json in ``folder``, or None without a fund."""
    doc = json.loads((folder / "results.json").read_text(encoding="utf-8"))
    return (doc["fondo"], str(doc.get("name", doc["ente"]))) if "fondo" in doc else None


def write_reports(
    result: Result,
    folder: Path,
    outputs: tuple[str, ...] = OUTPUTS,
    open_archive: bool = False,
    previous: Mapping[str, Any] | None = None,
    archived: bool = False,
) -> dict[str, int]:
    """Write the documents named in ``outputs`` (default: all) from the Result. ``open_archive``: the
    Relazioni are left open at their archive section and the PDF is not printed yet; :func:`close_relazioni`
    finishes them once the results store has every ente of the run (the section compares them), at the byte this
    gives for each page left open (page → offset; empty when none is). ``previous``: the
    previous year's fund from the store, for the relazione tecnico-finanziaria (``archived``: a store is in use)."""
    # this package is imported for fmt by every plugin and command: the renderers (Jinja2 and the Relazione's
    # model, 0.1 s) only by what writes documents
    from ciclope.core.reports import art20, html, public, transparency
    from ciclope.core.reports.relazione import build

    outputs = documents(result, outputs)
    public_page = "relazione-pubblica.html" in outputs or "relazione-pubblica.pdf" in outputs
    cuts: dict[str, int | None] = {}
    if "relazione.html" in outputs or public_page:
        report = build(result)  # one model for both Relazioni; not kept while the workbook is written
        if "relazione.html" in outputs and open_archive:
            cuts["relazione.html"] = html.write_open(report, folder / "relazione.html")
        elif "relazione.html" in outputs:
            html.write_report(report, folder / "relazione.html")
        if public_page:
            name = "relazione-pubblica.html"
            cuts[name] = public.write_report(report, result, folder / name, open_archive)
        del report
    if "relazione-pubblica.pdf" in outputs and not open_archive:
        public.write_pdf(folder / "relazione-pubblica.html", folder / "relazione-pubblica.pdf")
    if "schede.xlsx" in outputs:
        from ciclope.core.reports import xlsx  # not for a run that leaves schede.xlsx for later

        xlsx.write(result, folder / "schede.xlsx")
    if "trasparenza.csv" in outputs and result.until in ("premialita", "rendicontazione"):
        transparency.write(result, folder / "trasparenza.csv")  # nothing to publish before the money
    if "premi-art20.csv" in outputs and result.until in ("premialita", "rendicontazione"):
        art20.write(result, folder / "premi-art20.csv")  # D.Lgs. 33/2013 art. 20 "Dati relativi ai premi"
    if result.fund is not None and not open_archive and any(n in outputs for n in FUND_DOCUMENTS):
        from ciclope.core.output import results  # the fund's section as results.json writes it

        doc = results.fund(result.fund, results.pool_labels(result))
        write_fund(folder, doc, result.ente.name, outputs, previous, archived)
    return {name: cut for name, cut in cuts.items() if cut is not None}


RELAZIONI = ("relazione.html", "relazione-pubblica.html")


def relazione_edges(result: Result, name: str) -> tuple[str, str]:
    """The head and the tail of the Relazione ``name`` around its archive section's body; a page without
    the section is its whole text, and an empty tail."""
    from ciclope.core.reports import html, public  # the renderers: see write_reports
    from ciclope.core.reports.relazione import build

    report = build(result)
    if name == "relazione-pubblica.html":
        report = public.disclose(report, result)
    if html.archive_at(report) < 0:
        return "".join(html.pieces(report)), ""
    return html.edges(report)


def close_relazioni(folder: Path, cuts: Mapping[str, int], body: str | None, pdf: bool) -> None:
    """Finish the Relazioni :func:`write_reports` left open in ``folder`` (``cuts``: what it gave): ``body`` as
    their archive section (None: the placeholder, no store to fill it), then the PDF printed from the finished
    public page when ``pdf``. Every page is finished before its folder is published."""
    from ciclope.core.reports import html, public  # the renderers: see write_reports

    for name, cut in cuts.items():
        html.close_open(folder / name, cut, body)
    if pdf:
        public.write_pdf(folder / "relazione-pubblica.html", folder / "relazione-pubblica.pdf")
