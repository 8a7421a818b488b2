"""An interim on a vacant post: no person covered names it, so incarichi.csv says the unit held (``unità``), and the
explanation and the scheda name it by its name; a code unità.csv lacks is an error of its cell, with the nearest."""

from __future__ import annotations

from ciclope.core.run.explain import explain

from helpers import amounts, one_unit_comune, run_declared

TEXT = """\
formato = 2
[atto]
titolo = "Criteri della retribuzione di risultato dei dirigenti"
tipo_ente = "altro"

[[premi]]
nome = "interim"
metodo = "formula"
fondo = "risultato"
ruoli = ["dirigente"]
incarichi = "interim"
importo = "=3660 € * giorni / giorni_anno"
fonte = "art. 6"
"""


def files(unit: str) -> dict[str, str]:
    staff = ["D1,Anna Russo,dirigente,,com,1,0,false,SEG"]
    given = one_unit_comune("Città metropolitana", staff, ["D1,SEG,Scheda,Valutazione,100,80,"], "")
    given["ente.toml"] += '[funds]\nrisultato = "3000.00"\n'
    given["units.csv"] += "EDS,Edilizia scolastica,settore,com,\n"
    given["incarichi.csv"] = f"person,kind,covered,unit,start,end\nD1,interim,,{unit},01/01/2024,31/03/2024\n"
    return given


def test_the_unit_held_ad_interim_is_named_by_its_name(ciclope_ente, tmp_path):
    result = run_declared(ciclope_ente, tmp_path, TEXT, files("EDS"))
    # 1 January – 31 March 2024: 31 + 29 + 31 = 91 days of 366; 3660 × 91 / 366 = 910.00
    assert amounts(result) == {"D1": "910.00"}
    said = explain(result, "person", "D1") or ""
    assert "l'unità retta = Edilizia scolastica" in said
    assert not [p for p in result.violations if p.rule == "regolamento.incarichi"]


def test_a_unit_the_units_sheet_lacks_is_an_error_of_its_cell(ciclope_ente, tmp_path):
    result = run_declared(ciclope_ente, tmp_path, TEXT, files("ED5"))
    [problem] = [p for p in result.violations if p.rule == "regolamento.incarichi"]
    assert (problem.severity, problem.row, problem.column) == ("error", 2, "unit")
    assert problem.message.startswith("l'unità «ED5» non è in ")
    assert "(forse «EDS»?)" in problem.message
    assert amounts(result) == {"D1": "910.00"}  # the unit only names the post: the interim is paid all the same
