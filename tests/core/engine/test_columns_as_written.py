"""A problem about a data sheet names its column as the office wrote the sheet: by the header it wrote, and a column
the sheet lacks by the header the template writes for it (a sheet of Italian headers) or by its code (a sheet of
codes)."""

from __future__ import annotations

from ciclope.core.engine.cycle import as_written
from ciclope.core.inputs.loading import load_ente
from ciclope.core.problems import Problem
from ciclope.core.testing import write_ente

from helpers import files

# people.csv with Italian headers and without the column of the days of absence
ITALIAN = """
codice,nome,ruolo,categoria,unità,quota_tempo,insufficiente,valutatore
SG,Segretaria,segretario,DIR,ente,1,false,
D1,Dirigente,dirigente,DIR,a1,1,NO,SG
E1,Emma,dipendente,C,s1,0.5,false,D1
E2,Ezio,dipendente,B,u1,1,false,D1
E3,Elsa,dipendente,B,u1,1,false,D1
"""
CODES = """
id,name,role,category,unit,fte,insufficient,evaluator
SG,Segretaria,segretario,DIR,ente,1,false,
D1,Dirigente,dirigente,DIR,a1,1,NO,SG
E1,Emma,dipendente,C,s1,0.5,false,D1
E2,Ezio,dipendente,B,u1,1,false,D1
E3,Elsa,dipendente,B,u1,1,false,D1
"""


def said(tmp_path, people: str) -> list[str]:
    ente = load_ente(write_ente(tmp_path / "e", files(**{"people.csv": people})), "e", 2021)
    problems = [Problem.at(ente, "prova", "…", "", "people", 4, column) for column in ("fte", "absence_days")]
    return [p.column for p in as_written(ente, problems)]


def test_a_column_the_sheet_lacks_is_named_as_the_template_writes_it(tmp_path):
    # fte is written «quota_tempo»; absence_days is not there, and the office would add it as «giorni_assenza»
    assert said(tmp_path, ITALIAN) == ["quota_tempo", "giorni_assenza"]


def test_a_sheet_of_codes_reads_codes_back(tmp_path):
    assert said(tmp_path, CODES) == ["fte", "absence_days"]
