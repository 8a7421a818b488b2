"""The time worked counted twice: a weight that reads the hours, in a part also paid by the share of time worked
(tempo_parziale «proporzionale», the default), is warned at the formula's key; the amounts are left as written."""

from __future__ import annotations

import pytest

from helpers import STAFF_HEADER, amounts, one_unit_comune, run_declared

REGULATION = """\
formato = 2
[atto]
titolo = "Contratto decentrato del Comune di Prova"
tipo_ente = "comune"

[[colonne]]
nome = "ore_settimanali"
tipo = "numero"
significato = "le ore di lavoro settimanali"
fonte = "punto 5"

[[premi]]
nome = "produttività"
metodo = "proporzionale"
peso = "=punteggio * ore_settimanali"
fonte = "punto 5"
"""


def comune() -> dict[str, str]:
    # F full time (36 h), H half time (18 h), both 80 points
    files = one_unit_comune(
        "Comune di Prova",
        [],
        ["F,SEG,scheda,Valutazione,100,80,", "H,SEG,scheda,Valutazione,100,80,"],
        '[funds]\nperformance_individuale = "900.00"\n',
    )
    files["people.csv"] = (
        f"{STAFF_HEADER},ore_settimanali\nSEG,Segretario,segretario,DIR,com,1,0,false,,36\n"
        "F,Persona F,dipendente,C,com,1,0,false,SEG,36\nH,Persona H,dipendente,C,com,0.5,0,false,SEG,18\n"
    )
    return files


def warned(result) -> list[str]:
    return [p.message for p in result.violations if p.rule == "regolamento.tempo_parziale"]


def test_a_weight_of_hours_paid_by_the_time_worked_is_warned(ciclope_ente, tmp_path):
    result = run_declared(ciclope_ente, tmp_path, REGULATION, comune())
    assert warned(result) == [
        "la formula «=punteggio * ore_settimanali» legge già il tempo lavorato (ore_settimanali), e il premio è anche "
        "moltiplicato per la quota pagata (tempo_parziale «proporzionale», se manca): a tempo parziale il tempo conta "
        "due volte (a metà tempo la persona conta per un quarto, non per metà). Se la formula lo conta già, scrivi "
        'tempo_parziale = "intero"'
    ]
    problem = next(p for p in result.violations if p.rule == "regolamento.tempo_parziale")
    assert problem.severity == "warning" and problem.column == "premi[1].peso"
    # as written: F 80 × 36 × 1 = 2880, H 80 × 18 × 0.5 = 720; 900 × 2880 / 3600 = 720.00, 900 × 720 / 3600 = 180.00
    assert amounts(result) == {"F": "720.00", "H": "180.00"}


PAID_WHOLE = REGULATION + 'tempo_parziale = "intero"\n'  # the hours in the weight alone
BY_SCORE = REGULATION.replace("punteggio * ore_settimanali", "punteggio")  # the time worked by the paid share alone


@pytest.mark.parametrize("text", [PAID_WHOLE, BY_SCORE])
def test_hours_counted_once_are_not_warned(ciclope_ente, tmp_path, text):
    assert text != REGULATION
    result = run_declared(ciclope_ente, tmp_path, text, comune())
    assert warned(result) == []


def test_paid_whole_the_hours_count_once(ciclope_ente, tmp_path):
    # F 80 × 36 = 2880, H 80 × 18 = 1440; 900 × 2880 / 4320 = 600.00, 900 × 1440 / 4320 = 300.00
    result = run_declared(ciclope_ente, tmp_path, PAID_WHOLE, comune())
    assert amounts(result) == {"F": "600.00", "H": "300.00"}


@pytest.mark.parametrize("name", ["quota_tempo", "fte"])
def test_the_time_worked_read_by_the_weight_is_warned(ciclope_ente, tmp_path, name):
    """By its name or its name of before (fte), the warning names it as the formulas do now."""
    text = REGULATION.replace("punteggio * ore_settimanali", f"punteggio * {name}")
    result = run_declared(ciclope_ente, tmp_path, text, comune())
    assert [m.split(" (", 2)[1].split(")")[0] for m in warned(result)] == ["quota_tempo"]


def test_the_time_of_everyone_read_by_a_function_of_the_ente_is_not_the_person_s(ciclope_ente, tmp_path):
    """The docs' pro capite amount: the fund over everyone's time worked, then × the person's share paid. The
    SOMMA.ENTE of quota_tempo is the divisor, not the person's time: nothing counts twice, and nothing is warned."""
    formula = "=fondo / SOMMA.ENTE(quota_tempo) * punteggio / 100"
    text = REGULATION.replace(
        'metodo = "proporzionale"\npeso = "=punteggio * ore_settimanali"', f'metodo = "formula"\nimporto = "{formula}"'
    )
    assert text != REGULATION
    result = run_declared(ciclope_ente, tmp_path, text, comune())
    assert warned(result) == []
    # 900 / (1 + 0.5) = 600 a full time; × 80 / 100 = 480.00 to F; H 480.00 × her 0.5 paid = 240.00
    assert amounts(result) == {"F": "480.00", "H": "240.00"}
    # the person's own time read beside it still is
    twice = text.replace("* punteggio / 100", "* punteggio / 100 * quota_tempo")
    (tmp_path / "due").mkdir()
    assert [
        m.split(" (", 2)[1].split(")")[0] for m in warned(run_declared(ciclope_ente, tmp_path / "due", twice, comune()))
    ] == ["quota_tempo"]
