"""Where a problem says it is: an input sheet named as the office wrote it, or, when the office did not write it (a
missing ricorsi.csv), by the Italian name ``ciclope template`` would give it, never by the code in the program."""

from __future__ import annotations

from ciclope.core import Ente, Problem


def test_a_sheet_the_office_did_not_write_is_named_in_italian():
    ente = Ente(id="e", name="Comune", year=2024, sheet_labels={"people": "persone.csv"})
    # the people's sheet as the office named it; the appeals' sheet, never written, as ricorsi.csv (not appeals.csv)
    assert Problem.at(ente, "r", "m", "", "people", 3, "fte").where == "persone.csv:3:fte"
    assert Problem.at(ente, "r", "m", "", "appeals").file == "ricorsi.csv"
    workbook = Ente(
        id="e", name="Comune", year=2024, source_format="xlsx", sheet_labels={"people": "ente.xlsx[persone]"}
    )
    assert Problem.at(workbook, "r", "m", "", "appeals").file == "ente.xlsx[ricorsi]"
