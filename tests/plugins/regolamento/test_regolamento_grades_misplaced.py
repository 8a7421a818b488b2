"""The grades of [gradi] written in the column categoria instead of grado: every such row is said in one run, each
naming the person, whether the grade is also a category of Funzioni Locali (B, C, D) or not (BS, DS), so the office
fixes them all in one round; a row that writes its grade in grado too is left as it is."""

from __future__ import annotations

import pytest

from ciclope.core.problems import CiclopeError
from ciclope.core.run.citing import cited

from helpers import CARD_HEADER, STAFF_HEADER, run_declared

REGULATION = """\
formato = 2
[atto]
titolo = "Criteri 2016"
tipo_ente = "azienda_sanitaria"
comparto = "altro"

[gradi]
nomi = ["B", "BS", "C", "D", "DS"]
parola = "categoria"
fonte = "punto 1"

[premio]
metodo = "proporzionale"
fondo = "produttivita"
parametri = { B = 100, BS = 105, C = 115, D = 130, DS = 140 }
fonte = "punto 3"
"""
PEOPLE = [
    ("c01", "Anna Verdone", "DS"),
    ("c02", "Bruno Cerasi", "D"),
    ("c03", "Carla Fiumara", "C"),
    ("c04", "Franco Melatti", "BS"),
    ("c05", "Ivo Mancinelli", "B"),
]


def files(grade_too: bool = False) -> dict[str, str]:
    """Five people (rows 3 to 7, after the header and SEG's row) with their grade in the column categoria; with
    ``grade_too`` the column grado says it, and categoria keeps only those that are categories of Funzioni Locali
    (B, C, D: an ente that writes both, as a university may)."""
    rows = [STAFF_HEADER + ",grade", "SEG,Segretario,segretario,,com,1,0,false,,"]
    for pid, name, g in PEOPLE:
        category = g if not grade_too or g in ("B", "C", "D") else ""
        rows.append(f"{pid},{name},dipendente,{category},com,1,0,false,SEG,{g if grade_too else ''}")
    return {
        "units.csv": "id,name,kind,parent,head\ncom,Istituto,ente,,SEG\n",
        "objectives.csv": "id,kind,title,parent,area,weight,owner\nOB1,operational,Servizi,,,,com\n",
        "indicators.csv": "id,objective,name,type,weight,baseline,target,actual,target_mid,actual_mid,neutralized,"
        "reason,source\nIN1,OB1,Pratiche,higher,,,10,10,,,,,\n",
        "people.csv": "\n".join(rows) + "\n",
        "evaluations.csv": "\n".join([CARD_HEADER, *(f"{pid},SEG,Scheda,Valutazione,100,80," for pid, _, _ in PEOPLE)])
        + "\n",
        "ente.toml": 'name = "Istituto"\n[funds]\nproduttivita = "1000.00"\n',
    }


def test_five_grades_in_the_column_categoria_are_five_errors_in_one_run(ciclope_ente, tmp_path):
    with pytest.raises(CiclopeError) as err:
        run_declared(ciclope_ente, tmp_path, REGULATION, files())
    found = [(p.row, p.column, p.message) for p in err.value.problems]
    # one per person, in the order of the rows 3–7, each at the cell of the column categoria
    assert [(row, column) for row, column, _ in found] == [(3, "category"), (4, "category"), (5, "category"),
                                                           (6, "category"), (7, "category")]  # fmt: skip
    for (pid, name, grade), (_, _, message) in zip(PEOPLE, found, strict=True):
        assert message == (
            f"«{grade}» è un grado del regolamento ([gradi]), ma la colonna grado è vuota: il grado va nella colonna "
            f"grado, e la categoria resta vuota; riga di {name} ({pid})"
        )


def test_a_grade_written_in_both_columns_is_read(ciclope_ente, tmp_path):
    result = run_declared(ciclope_ente, tmp_path, REGULATION, files(grade_too=True))
    assert not [p for p in result.violations if p.is_error]
    # the parametri: DS 140, D 130, C 115, BS 105, B 100, Σ 590, each 80 points (the score cancels out):
    # 1000 × w / 590: DS 237.2881…, D 220.3389…, C 194.9152…, BS 177.9661…, B 169.4915…; cents down 999.97, the 3
    # cents to the largest remainders D (0.89 of a cent), DS (0.81), BS (0.61): DS 237.29
    assert str(result.rewards.awards["c01"].amount) == "237.29"


def test_a_grade_none_of_gradi_is_said_with_the_errors_that_stop_the_load(ciclope_ente, tmp_path):
    """Franco Melatti (c04, row 6) with the grade «BSS» and a quota_tempo of «80»: the quota stops the load, and the
    regulation's check of the grades, made on the data loaded, would say the grade only in a second run. Both are said
    at once, in the row's order (fte before grade), the grade with the source of [gradi]."""
    data = files(grade_too=True)
    row = "c04,Franco Melatti,dipendente,,com,1,0,false,SEG,BS"
    assert row in data["people.csv"]
    data["people.csv"] = data["people.csv"].replace(row, "c04,Franco Melatti,dipendente,,com,80,0,false,SEG,BSS")
    with pytest.raises(CiclopeError) as err:
        run_declared(ciclope_ente, tmp_path, REGULATION, data)
    assert [p.render(cited) for p in err.value.problems] == [
        "people.csv, riga 6, colonna fte: errore: atteso un valore maggiore di 0 e al massimo 100% (1), trovato «80»: "
        "una quota si scrive in percentuale, «80%» (o 0,8); riga di Franco Melatti (c04) [guida all'uso di ciclope, "
        "file di dati dell'ente]",
        # «BSS» is one letter from «BS», two from «B» and «DS»
        "people.csv, riga 6, colonna grade: errore: la categoria «BSS» non è tra quelle del regolamento (B, BS, C, D, "
        "DS) (forse «BS»?): scrivi una di queste categorie, o aggiungila ai nomi di [gradi] nel file del regolamento; "
        "riga di Franco Melatti (c04) [Criteri 2016, punto 1]",
    ]


def test_a_grade_none_of_gradi_alone_is_said_once_by_the_regulation(ciclope_ente, tmp_path):
    """The same grade «BSS» with the quota 1: the data load, and the regulation's check says it once, at its cell."""
    data = files(grade_too=True)
    data["people.csv"] = data["people.csv"].replace("Melatti,dipendente,,com,1,0,false,SEG,BS", "Melatti,dipendente,"
                                                    ",com,1,0,false,SEG,BSS")  # fmt: skip
    result = run_declared(ciclope_ente, tmp_path, REGULATION, data)
    assert [(p.row, p.column, p.message) for p in result.violations if p.is_error] == [
        (
            6,
            "grado",
            "la categoria «BSS» di Franco Melatti (c04) non è tra quelle del regolamento (B, BS, C, D, DS) (forse "
            "«BS»?): scrivi una di queste categorie, o aggiungila ai nomi di [gradi] nel file del regolamento",
        )
    ]
