"""The days of absence «La persona» states on a personal scheda (the ASL Palmi case): where the regulation reads
absences from a column it declares, the scheda shows that column under the words the office wrote for it, never
«Giorni di assenza 0» from the core's column nobody wrote or read; the core's column stays where a rule reads it or
the office wrote a day in it."""

from __future__ import annotations

import html
import re

from ciclope.core.schede.content import build
from ciclope.core.schede.render import render

from helpers import one_unit_comune, run_declared

REGULATION = """\
formato = 2
[atto]
titolo = "Contratto integrativo dell'ASL"
sigla = "CCDI"
tipo_ente = "azienda_sanitaria"

[[colonne]]
nome = "assenze_non_previste"
tipo = "giorni"
significato = "i giorni di assenza non previsti dalla legge"
fonte = "art. 3"

[[premi]]
nome = "presenza"
metodo = "formula"
importo = "=1000 € * fte"
tempo_parziale = "intero"
valutazione = false
ruoli = ["dipendente"]
fonte = "art. 4"

[[riduzioni]]
riduzione = "{cut}"
parti = ["presenza"]
fonte = "art. 5"
"""
OWN = "=assenze_non_previste / giorni_anno"
HEADER = "id,name,role,category,unit,fte,insufficient,evaluator,assenze_non_previste"


def page(result, pid: str) -> str:
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", render(build(result, pid)))))


def about(result, pid: str) -> dict[str, str]:
    return {line.label: line.value for line in build(result, pid).about}


def _run(ciclope_ente, tmp_path, cut: str, header: str, rows: list[str]):
    data = one_unit_comune("ASL di Prova", [], [], '[funds]\nperformance_individuale = "5000.00"\n')
    data["people.csv"] = "\n".join([header, *rows]) + "\n"
    return run_declared(ciclope_ente, tmp_path, REGULATION.format(cut=cut), data)


def test_the_declared_column_of_absences_not_the_empty_standard_one(ciclope_ente, tmp_path):
    rows = [
        "SEG,Segretario,segretario,DIR,com,1,false,,0",
        "A,Anna Verdi,dipendente,C,com,1,false,SEG,10",
        "B,Bruno Neri,dipendente,C,com,1,false,SEG,0",
    ]
    result = _run(ciclope_ente, tmp_path, OWN, HEADER, rows)
    # A's premium: 1.000,00 × (1 − 10 / 366) = 1.000 × 356 / 366 = 972,677… (2024: 366 days): the rule read 10 days
    assert "972,6" in page(result, "A")
    for pid, days in (("A", "10"), ("B", "0")):  # the rule reads the column of everyone, 0 for B
        lines = about(result, pid)
        assert "Giorni di assenza" not in lines, lines  # the core's column: not in the file, read by no rule
        assert lines["Giorni di assenza non previsti dalla legge"] == days
    assert "Giorni di assenza 0" not in page(result, "A")


# the core's column of days and the regulation's own, side by side
BOTH_COLUMNS = "id,name,role,category,unit,fte,absence_days,insufficient,evaluator,assenze_non_previste"


def test_the_standard_column_where_a_rule_reads_it(ciclope_ente, tmp_path):
    header = BOTH_COLUMNS
    rows = [
        "SEG,Segretario,segretario,DIR,com,1,0,false,,0",
        "A,Anna Verdi,dipendente,C,com,1,20,false,SEG,0",
        "B,Bruno Neri,dipendente,C,com,1,0,false,SEG,0",
    ]
    result = _run(ciclope_ente, tmp_path, "=assenze / giorni_anno", header, rows)
    # A: 1.000 × (1 − 20 / 366) = 1.000 × 346 / 366 = 945,355… (the standard column, read by the reduction)
    assert "945,3" in page(result, "A")
    assert about(result, "A")["Giorni di assenza"] == "20"
    assert about(result, "B")["Giorni di assenza"] == "0"  # read for B as well: 0 days, no cut
    # the declared column no rule reads is no line of «La persona»
    assert "Giorni di assenza non previsti dalla legge" not in about(result, "A")


def test_the_standard_column_the_office_wrote_stays(ciclope_ente, tmp_path):
    header = BOTH_COLUMNS
    rows = [
        "SEG,Segretario,segretario,DIR,com,1,0,false,,0",
        "A,Anna Verdi,dipendente,C,com,1,12,false,SEG,10",
        "B,Bruno Neri,dipendente,C,com,1,0,false,SEG,0",
    ]
    result = _run(ciclope_ente, tmp_path, OWN, header, rows)
    # A's 12 days the office wrote in the core's column are the person's data, shown though no rule reads them;
    # B's 0 there is said by nothing and no line
    assert about(result, "A")["Giorni di assenza"] == "12"
    assert "Giorni di assenza" not in about(result, "B")
    assert about(result, "A")["Giorni di assenza non previsti dalla legge"] == "10"
