"""``compare.html``: the scenarios of a comparison side by side, for the delegations at the table of
the contrattazione integrativa (Italian, printable on A4, inline CSS and SVG, no script, no network).

The page's model (:mod:`.report`) rendered like the Relazione, through the same Jinja2 environment and
block macros (:mod:`..reports.html`), on ``templates/compare.html``: every text is escaped on its way out,
and the same dict gives the same bytes.
"""

from __future__ import annotations

from ciclope.core.compare import report
from ciclope.core.compare.report import Doc, Labels
from ciclope.core.reports import html


def render(doc: Doc, labels: Labels | None = None) -> str:
    return "".join(html.pieces(report.build(doc, labels), "compare.html"))
