"""Human outputs of one ente (SPEC §6), all built from the :class:`core.result.Result` only:

- ``relazione.html`` (:mod:`.html`): the Relazione schede for the OIV, the Segretario Generale and
  the dirigenti — self-contained, printable on A4, inline SVG charts;
- ``schede.xlsx`` (:mod:`.xlsx`): the same tables for the performance office, one sheet per scheda;
- ``trasparenza.csv`` (:mod:`.transparency`): aggregated, anonymous figures for publication.

Reports never compute regulation figures; a plugin adds its own tables through
``ciclope_report_sections`` (:class:`core.outcomes.ReportSection`). Same Result → same bytes.
"""
from __future__ import annotations

from pathlib import Path

from ..result import Result

OUTPUTS = ("relazione.html", "schede.xlsx", "trasparenza.csv")


def write_reports(result: Result, folder: Path) -> None:
    from . import html, transparency, xlsx

    (folder / "relazione.html").write_text(html.render(result), encoding="utf-8", newline="")
    xlsx.write(result, folder / "schede.xlsx")
    transparency.write(result, folder / "trasparenza.csv")
