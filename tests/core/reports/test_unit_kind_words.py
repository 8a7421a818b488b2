"""A unit's kind is printed with the office's word: a Comune that writes «Settore» for its first-level structures
reads «settore» in the Relazione's table of units and in the workbook's «Unità» sheet, while the core reads it as an
area; a kind written with the core's own word keeps it («servizio»)."""

from __future__ import annotations

import re

from ciclope.core.reports import html, sheets
from ciclope.core.testing import compute_ente, write_ente

from helpers import coreonly, one_unit_comune


def test_a_settore_is_an_area_printed_as_settore(tmp_path):
    files = one_unit_comune("Comune di Media", ["PO1,Posizione Uno,po,D,S1,1,0,false,SEG"], [], "")
    files["units.csv"] += "S1,Settore tecnico,Settore,com,PO1\nU1,Servizio strade,servizio,S1,\n"
    result = compute_ente(write_ente(tmp_path / "e", files), coreonly, 2021)
    assert result.ente.units["S1"].kind == "area"  # read as the core's area
    page = re.sub(r"\s+", " ", html.render(result))
    assert "<td>Settore tecnico</td><td>settore</td>" in page, page
    assert "<td>Servizio strade</td><td>servizio</td>" in page
    kinds = {row[0]: row[2] for row in sheets.units(result).rows}
    assert kinds["S1"] == "settore" and kinds["U1"] == "servizio"
