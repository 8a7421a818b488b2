"""The workbook's «Parametri» sheet and the yes/no words an office reads: the regulation, which cycle.toml names by
its file, is listed by its act's title and is no parameter changed by the configuration; a yes or a no is written «sì» and «no», as the docs and
`leggi` write it, never «SI»/«NO»."""

from __future__ import annotations

import attrs
from test_regolamento_definitions import HEAD, PART, STAFF, TABLE, comune

from ciclope.core.reports import sheets
from ciclope.core.run.explain import explain

from helpers import run_declared

FLAG = """
[[colonne]]
nome = "reperibile"
tipo = "sì/no"
significato = "reperibile nei festivi"
fonte = "art. 3"
"""


def test_the_file_of_the_regulation_is_not_a_parameter_changed(ciclope_ente, tmp_path):
    result = run_declared(ciclope_ente, tmp_path, HEAD + TABLE + PART, comune(STAFF))
    assert "regolamento" not in result.params.overridden
    table = sheets.parameters(result)
    changed = [c[0] for c in table.columns].index("Modificato dalla configurazione")
    rows = {row[0]: row for row in table.rows}
    # listed with the act's title, as every document names it (never the file's name), with nothing said changed
    assert rows["regolamento"][1].startswith("Regolamento del Comune di Esempio")
    assert rows["regolamento"][changed] == ""


def test_an_amended_figure_says_si_not_the_code(ciclope_ente, tmp_path):
    """A parameter the configuration did change reads «sì» in the sheet, as a person writes it."""
    result = run_declared(ciclope_ente, tmp_path, HEAD + TABLE + PART, comune(STAFF))
    forced = attrs.evolve(result.params, overridden=frozenset({"regolamento"}))
    table = sheets.parameters(attrs.evolve(result, params=forced))
    assert table.rows[0][-1] == "sì"


def test_a_yes_read_by_a_formula_is_explained_as_si(ciclope_ente, tmp_path):
    part = PART.replace("SE(punteggio >= 80; 100%; 90%)", "SE(reperibile; 100%; 50%)")
    people = comune(STAFF)
    people["people.csv"] = people["people.csv"].replace(",turni\n", ",turni,reperibile\n", 1)
    lines = people["people.csv"].splitlines()
    people["people.csv"] = (
        "\n".join([lines[0], *(f"{line},{'sì' if i % 2 else 'no'}" for i, line in enumerate(lines[1:]))]) + "\n"
    )
    result = run_declared(ciclope_ente, tmp_path, HEAD + FLAG + TABLE + part, people)
    # the rows after the header: SEG (0, «no»), A (1, «sì»), B (2, «no»)
    text = explain(result, "person", "A")
    assert "reperibile nei festivi = sì" in text
    assert "= SI" not in text
    text = explain(result, "person", "B")
    assert "reperibile nei festivi = no" in text
    assert "= NO" not in text
