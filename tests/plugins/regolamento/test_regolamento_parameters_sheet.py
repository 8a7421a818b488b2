"""The workbook's «Parametri» sheet and the yes/no words an office reads: the file of the regulation, which cycle.toml
must name, is no parameter changed by the configuration; a yes or a no is written «sì» and «no», as the docs and
`leggi` write it, never «SI»/«NO»."""

from __future__ import annotations

from test_regolamento_definitions import HEAD, PART, STAFF, TABLE, comune

from ciclope.core.reports import sheets

from helpers import run_declared


def test_the_file_of_the_regulation_is_not_a_parameter_changed(ciclope_ente, tmp_path):
    result = run_declared(ciclope_ente, tmp_path, HEAD + TABLE + PART, comune(STAFF))
    assert "regolamento" not in result.params.overridden
    table = sheets.parameters(result)
    changed = [c[0] for c in table.columns].index("Modificato dalla configurazione")
    rows = {row[0]: row for row in table.rows}
    # listed with the file's name, so the office sees which file was applied, with nothing said changed
    assert rows["regolamento"][1] == "smvp.toml"
    assert rows["regolamento"][changed] == ""
