"""The Relazione's table of the conciliation names each person as every other table of people does: «Emma (E1)»,
with the role, never the code alone."""

from __future__ import annotations

from ciclope.core.reports.model import Table
from ciclope.core.reports.relazione.names import Names
from ciclope.core.reports.relazione.people import conciliation
from ciclope.core.testing import compute_ente, write_ente

from helpers import coreonly, files

APPEALS = (
    "persona,fase,data,esito,voce_rivista,nuovi_punti\n"
    "E1,riesame,2022-02-01,accolto,Collaborazione,38\n"
    "E2,riesame,2022-02-03,respinto,,\n"
)


def test_the_conciliation_table_names_the_people(tmp_path):
    folder = write_ente(tmp_path / "e", files(**{"appeals.csv": APPEALS}))
    result = compute_ente(folder, coreonly, 2021)
    names = Names(result)
    (table,) = [b for b in conciliation(result, names) if isinstance(b, Table)]
    people = [row[0] for row in table.rows]
    # helpers.py's people: E1 is Emma, E2 is Ezio, both dipendenti
    assert [str(p) for p in people] == ["Emma (E1)", "Ezio (E2)"]
    assert people == [names.person("E1"), names.person("E2")]
