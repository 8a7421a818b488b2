"""Graduatorie named by a formula (``graduatorie = "=…"``, formato 2): where the vocabulary (the ente, the areas,
the categories) stops, each one's graduatoria is the value of a formula over who they are — a declared column of
the person (the profile, sanitario or amministrativo) or of their unit (the sector). The fund is split among the
graduatorie as for every part, then each is paid by the part's method. Every amount by hand."""

from __future__ import annotations

from decimal import Decimal

import pytest

from ciclope.core.run.explain import explain

from helpers import amounts, one_unit_comune, regulation_problems, regulation_text, run_declared

# Azienda ospedaliera Cannizzaro: «divisione del fondo in due quote, la prima diretta a remunerare il personale
# afferente alle funzioni sanitarie […] la seconda […] destinata al personale afferente alle funzioni
# amministrative», here as two graduatorie by a declared column, each with its share by staff in service.
HEAD = """\
formato = 2
[atto]
titolo = "Criteri di ripartizione del fondo"
tipo_ente = "altro"

[[colonne]]
nome = "funzione"
tipo = "testo"
significato = "la funzione a cui afferisce la persona (sanitaria o amministrativa)"
fonte = "art. 2"
"""
BY_FUNCTION = (
    HEAD
    + """
[[premi]]
nome = "produttività"
metodo = "proporzionale"
graduatorie = "=funzione"
fonte = "art. 3"
"""
)


def files(people: list[tuple[str, str, int, str]], fund: str = "9000.00") -> dict[str, str]:
    """(id, function cell, score, category) of staff, evaluated by the Segretario (who has no function and no part
    in the premium: the part is of the dipendenti)."""
    staff = [f"{pid},Persona {pid},dipendente,{cat},com,1,0,false,SEG,{cell}" for pid, cell, _, cat in people]
    cards = [f"{pid},SEG,scheda,Valutazione complessiva,100,{score}," for pid, _, score, _ in people]
    data = one_unit_comune("Azienda di Esempio", [], cards, f'[funds]\nperformance_individuale = "{fund}"\n')
    header = "id,name,role,category,unit,fte,absence_days,insufficient,evaluator,funzione"
    data["people.csv"] = "\n".join([header, "SEG,Segretario,segretario,DIR,com,1,0,false,,", *staff]) + "\n"
    return data


FIVE = [
    ("S1", "sanitaria", 80, "C"),
    ("S2", "sanitaria", 60, "D"),
    ("A1", "amministrativa", 80, "C"),
    ("A2", "amministrativa", 40, "B"),
    ("A3", "amministrativa", 80, "D"),
]


def test_one_graduatoria_for_each_value_of_a_declared_column(ciclope_ente, tmp_path):
    result = run_declared(ciclope_ente, tmp_path, BY_FUNCTION, files(FIVE))
    # by staff in service: sanitaria 9000 × 2/5 = 3600.00, amministrativa 9000 × 3/5 = 5400.00
    # sanitaria by score, Σ 80 + 60 = 140: 3600 × 80/140 = 2057.142… → 2057.14; × 60/140 = 1542.857… → 1542.86
    #   (floors 2057.14 + 1542.85 = 3599.99, the cent to the larger remainder: 0.7 of S2 against 0.2 of S1)
    # amministrativa, Σ 80 + 40 + 80 = 200: 5400 × 80/200 = 2160.00, × 40/200 = 1080.00, × 80/200 = 2160.00
    assert amounts(result) == {"S1": "2057.14", "S2": "1542.86", "A1": "2160.00", "A2": "1080.00", "A3": "2160.00"}
    figures = result.figures
    assert figures["pool:performance_individuale:sanitaria"].value == Decimal("3600.00")
    assert figures["pool:performance_individuale:amministrativa"].value == Decimal("5400.00")
    assert figures["pool:performance_individuale:sanitaria"].label == "Fondo della graduatoria «sanitaria»"
    # each one's graduatoria is a figure of its own, down to the cell it was read from
    mine = figures["graduatoria:produttività:A2"]
    assert mine.value == "amministrativa"
    assert [(i.value, i.cell) for i in mine.inputs] == [
        ("amministrativa", "people.csv:6:funzione")
    ]  # header, SEG, S1, S2, A1, A2
    assert "art. 3" in mine.source
    said = explain(result, "person", "A2")
    assert "Graduatoria di Persona A2 nella parte «produttività»" in said
    assert "← people.csv, riga 6, colonna funzione" in said


def test_a_formula_of_categories_joins_them_in_one_graduatoria(ciclope_ente, tmp_path):
    joined = BY_FUNCTION.replace('"=funzione"', """'=SE(categoria = "D"; "D"; "B e C")'""")
    result = run_declared(ciclope_ente, tmp_path, joined, files(FIVE))
    # D: S2, A3 → 9000 × 2/5 = 3600.00, Σ 60 + 80 = 140: × 60/140 = 1542.857… → 1542.86 (the cent: 0.7 against
    #    0.2), × 80/140 = 2057.14
    # B e C: S1, A1, A2 → 5400.00, Σ 80 + 80 + 40 = 200: 2160.00, 2160.00, 1080.00
    assert amounts(result) == {"S1": "2160.00", "S2": "1542.86", "A1": "2160.00", "A2": "1080.00", "A3": "2057.14"}
    assert result.figures["pool:performance_individuale:B e C"].value == Decimal("5400.00")


def test_a_weighted_split_among_graduatorie_named_by_a_formula(ciclope_ente, tmp_path):
    weighted = BY_FUNCTION.replace(
        'graduatorie = "=funzione"',
        """graduatorie = "=funzione"\nriparto_graduatorie = '=SE(funzione = "sanitaria"; 2; 1)'""",
    )
    result = run_declared(ciclope_ente, tmp_path, weighted, files(FIVE, fund="10000.00"))
    # weights: sanitaria 2 + 2 = 4, amministrativa 1 + 1 + 1 = 3, in all 7: 10000 × 4/7 = 5714.285… → 5714.29
    # (the cent to the larger remainder: 0.57 against 0.43), 10000 × 3/7 = 4285.71
    figures = result.figures
    assert figures["pool:performance_individuale:sanitaria"].value == Decimal("5714.29")
    assert figures["pool:performance_individuale:amministrativa"].value == Decimal("4285.71")
    # amministrativa by score, Σ 200: 4285.71 × 80/200 = 1714.284 → 1714.28 (twice), × 40/200 = 857.142 → 857.14:
    # floors 4285.70, the cent to the larger remainder (0.4 of A1 and A3, the first in people.csv: A1)
    assert {k: amounts(result)[k] for k in ("A1", "A2", "A3")} == {"A1": "1714.29", "A2": "857.14", "A3": "1714.28"}


def test_an_empty_cell_names_the_person_who_is_ranked_apart(ciclope_ente, tmp_path):
    people = [*FIVE[:4], ("A3", "", 80, "D")]
    result = run_declared(ciclope_ente, tmp_path, BY_FUNCTION, files(people, fund="10000.00"))
    said = [p.message for p in result.violations if p.rule == "regolamento.formula"]
    assert len(said) == 1 and said[0].startswith("parte «produttività», graduatorie: la colonna «funzione»")
    assert said[0].endswith("per Persona A3: è nella graduatoria «senza graduatoria»")
    # three graduatorie, 10000 by staff 2 / 2 / 1: 4000.00, 4000.00, 2000.00; A3 alone takes its 2000.00
    assert result.figures["pool:performance_individuale:senza graduatoria"].value == Decimal("2000.00")
    assert amounts(result)["A3"] == "2000.00"


def test_leggi_says_a_graduatoria_for_each_value(tmp_path):
    text = regulation_text(tmp_path, BY_FUNCTION)
    assert (
        "La graduatoria di ciascuno nella parte è la funzione a cui afferisce la persona (sanitaria o "
        "amministrativa) (formula: =funzione): una graduatoria per ogni valore, ciascuna con una quota in proporzione "
        "al personale in servizio."
    ) in text
    chosen = regulation_text(tmp_path, BY_FUNCTION.replace('"=funzione"', """'=SE(categoria = "D"; "D"; "B e C")'"""))
    assert (
        "La graduatoria di ciascuno nella parte si determina così: se la categoria (o l'Area) del contratto è uguale "
        "a «D», allora «D», altrimenti «B e C» (formula: =SE(categoria = \"D\"; \"D\"; \"B e C\")): una "
        "graduatoria per ogni valore"
    ) in chosen


@pytest.mark.parametrize(
    ("written", "problem"),
    [
        ("=SE(punteggio >= 60; \"alta\"; \"bassa\")", "«punteggio» non si usa nella graduatoria di ciascuno"),
        ('=SE(unita >= 50%; "raggiunto"; "no")', "«unita» non si usa nella graduatoria di ciascuno"),
        ('=SE(funzione = MAX.ENTE(funzione); "a"; "b")', "MAX.ENTE non si usa nella graduatoria di ciascuno"),
        ('=SEZIONE("Risultati")', "SEZIONE non si usa nella graduatoria di ciascuno"),
        ('=SE(OBIETTIVO("OB1") >= 100%; "a"; "b")', "OBIETTIVO non si usa nella graduatoria di ciascuno"),
    ],
)
def test_a_graduatoria_is_who_one_is_not_how_one_did(tmp_path, written, problem):
    said = regulation_problems(tmp_path, BY_FUNCTION.replace('"=funzione"', f"'{written}'"))
    why = "la graduatoria si decide su chi è ciascuno (un suo dato), non sui risultati dell'anno"
    assert any(problem in m and why in m for m in said), said


def test_a_condition_names_two_graduatorie_si_and_no(ciclope_ente, tmp_path):
    text = BY_FUNCTION.replace('"=funzione"', """'=funzione = "sanitaria"'""")
    result = run_declared(ciclope_ente, tmp_path, text, files(FIVE))
    # the same two groups as by the column, named by the condition's value: «sì» (S1, S2) 9000 × 2/5 = 3600.00 and
    # «no» (A1, A2, A3) 5400.00
    assert result.figures["pool:performance_individuale:sì"].value == Decimal("3600.00")
    assert result.figures["pool:performance_individuale:no"].value == Decimal("5400.00")
    assert result.figures["graduatoria:produttività:S1"].value == "sì"


def test_a_formula_that_mixes_a_text_and_a_number_is_refused(tmp_path):
    said = regulation_problems(tmp_path, BY_FUNCTION.replace('"=funzione"', "'=funzione = \"sanitaria\" + 1'"))
    assert any("chiave premi[1].graduatorie" in m and "«+» vuole numeri, non un testo" in m for m in said), said


# Two criteria at once («graduatorie distinte per funzione e, in ciascuna, per categoria»): CONCATENA writes the two
# values one after the other, so each pair of them is a graduatoria.
BY_TWO = BY_FUNCTION.replace('"=funzione"', """'=CONCATENA(funzione; " · "; categoria)'""")
SIX = [
    ("S1", "sanitaria", 80, "C"),
    ("S2", "sanitaria", 40, "C"),
    ("S3", "sanitaria", 60, "D"),
    ("A1", "amministrativa", 80, "C"),
    ("A2", "amministrativa", 80, "C"),
    ("A3", "amministrativa", 50, "D"),
]


def test_two_criteria_at_once_make_one_graduatoria_for_each_pair(ciclope_ente, tmp_path):
    result = run_declared(ciclope_ente, tmp_path, BY_TWO, files(SIX, fund="6000.00"))
    # by staff in service, 6000 / 6 = 1000 a person: «sanitaria · C» (S1, S2) 2000.00, «sanitaria · D» (S3) 1000.00,
    # «amministrativa · C» (A1, A2) 2000.00, «amministrativa · D» (A3) 1000.00
    # sanitaria · C by score, Σ 80 + 40 = 120: 2000 × 80/120 = 1333.333… → 1333.33, × 40/120 = 666.666… → 666.67
    #   (floors 1333.33 + 666.66 = 1999.99, the cent to the larger remainder: 0.67 of S2 against 0.33 of S1)
    # amministrativa · C, the same score: 1000.00 each; the two alone in their graduatoria take all of it
    assert amounts(result) == {
        "S1": "1333.33",
        "S2": "666.67",
        "S3": "1000.00",
        "A1": "1000.00",
        "A2": "1000.00",
        "A3": "1000.00",
    }
    figures = result.figures
    assert figures["pool:performance_individuale:sanitaria · C"].value == Decimal("2000.00")
    assert figures["pool:performance_individuale:amministrativa · D"].label == (
        "Fondo della graduatoria «amministrativa · D»"
    )
    mine = figures["graduatoria:produttività:S3"]
    assert mine.value == "sanitaria · D"
    # both cells it was read from: the function and the category of S3 (row 5: header, SEG, S1, S2, S3)
    assert {(i.value, i.cell) for i in mine.inputs} == {
        ("sanitaria", "people.csv:5:funzione"),
        ("D", "people.csv:5:category"),
    }
    text = regulation_text(tmp_path, BY_TWO)
    assert (
        "La graduatoria di ciascuno nella parte è il testo che unisce la funzione a cui afferisce la persona (sanitaria "
        "o amministrativa), « · » e la categoria (o l'Area) del contratto (formula: =CONCATENA(funzione; \" · \"; "
        "categoria)): una graduatoria per ogni valore"
    ) in text


def test_the_spreadsheet_s_ampersand_is_concatena(ciclope_ente, tmp_path):
    written = BY_FUNCTION.replace('"=funzione"', """'=funzione & " · " & categoria'""")
    result = run_declared(ciclope_ente, tmp_path, written, files(SIX, fund="6000.00"))
    # the same four graduatorie as CONCATENA(funzione; " · "; categoria), the same amounts
    assert result.figures["graduatoria:produttività:S3"].value == "sanitaria · D"
    assert amounts(result)["S2"] == "666.67"
    text = regulation_text(tmp_path, written)
    assert (
        "è il testo che unisce la funzione a cui afferisce la persona (sanitaria o amministrativa), « · » e la " in text
    )
    # «&» binds after + and - and before a comparison: a number and a text are joined, then compared
    compared = BY_FUNCTION.replace('"=funzione"', """'=1 + 1 & funzione = "2sanitaria"'""")
    result = run_declared(ciclope_ente, tmp_path, compared, files(FIVE))
    assert result.figures["graduatoria:produttività:S1"].value == "sì"
    assert result.figures["graduatoria:produttività:A1"].value == "no"


def test_concatena_writes_a_number_in_italian_and_a_condition_as_si_or_no(ciclope_ente, tmp_path):
    written = BY_FUNCTION.replace('"=funzione"', """'=CONCATENA(funzione; " "; 2,5; " "; categoria = "C")'""")
    result = run_declared(ciclope_ente, tmp_path, written, files(FIVE))
    assert result.figures["graduatoria:produttività:S1"].value == "sanitaria 2,5 sì"  # S1 is of category C
    assert result.figures["graduatoria:produttività:S2"].value == "sanitaria 2,5 no"
    percent = BY_FUNCTION.replace('"=funzione"', """'=CONCATENA(funzione; " "; 30%; " "; 10% + 2,5%)'""")
    result = run_declared(ciclope_ente, tmp_path, percent, files(FIVE))
    # a percentage written as one, never 0,3: 30%; 10% + 2,5% = 12,5%, with the two decimals of a percentage
    assert result.figures["graduatoria:produttività:S1"].value == "sanitaria 30% 12,50%"


def test_concatena_of_one_value_or_of_an_empty_cell(ciclope_ente, tmp_path):
    said = regulation_problems(tmp_path, BY_FUNCTION.replace('"=funzione"', "'=CONCATENA(funzione)'"))
    assert any("CONCATENA vuole almeno 2 argomenti, ne ha 1" in m for m in said), said
    people = [*SIX[:5], ("A3", "", 50, "D")]
    result = run_declared(ciclope_ente, tmp_path, BY_TWO, files(people, fund="6000.00"))
    # A3's function is empty: no graduatoria made of the category alone; A3 is ranked apart, with an error
    assert result.figures["graduatoria:produttività:A3"].value == "senza graduatoria"
    assert result.figures["pool:performance_individuale:senza graduatoria"].value == Decimal("1000.00")
    assert any(p.rule == "regolamento.formula" and "Persona A3" in p.message for p in result.violations)
