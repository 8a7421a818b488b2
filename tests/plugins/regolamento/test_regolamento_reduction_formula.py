"""A reduction of the premium by a formula (``[[riduzioni]] riduzione = "=…"``, formato 2): where a text reduces the
premium by a rule rather than by brackets («ridotto dell'1% per ogni giorno di assenza oltre i primi 15»), each one's
cut is a percentage from their data, kept between 0% and 100%, and works as a bracket's does (the colleagues, the
residual or a later part take what it cuts). Every amount by hand."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from ciclope.core.run.explain import explain

from helpers import amounts, one_unit_comune, regulation_problems, regulation_text, run_declared

HEAD = """\
formato = 2
[atto]
titolo = "SMVP del Comune di Presenze"
tipo_ente = "comune"

[[premi]]
nome = "produttività"
metodo = "proporzionale"
fonte = "art. 9"
"""
PER_DAY = """
[[riduzioni]]
riduzione = '=MAX(0%; (assenze - 15 giorni) * 1% al giorno)'
fonte = "art. 10 c. 3"
"""


def files(people: list[tuple[str, str, str]], fund: str = "1000.00") -> dict[str, str]:
    """(id, fte, absence days) of staff, each scoring 80."""
    staff = [f"{pid},Persona {pid},dipendente,C,com,{fte},{days},false,SEG" for pid, fte, days in people]
    cards = [f"{pid},SEG,scheda,Valutazione complessiva,100,80," for pid, _, _ in people]
    return one_unit_comune("Comune di Presenze", staff, cards, f'[funds]\nperformance_individuale = "{fund}"\n')


def run(ciclope_ente, tmp_path: Path, text: str, people: list[tuple[str, str, str]], fund: str = "1000.00"):
    return run_declared(ciclope_ente, tmp_path, text, files(people, fund))


def test_one_percent_a_day_beyond_fifteen_goes_to_the_colleagues(ciclope_ente, tmp_path):
    result = run(ciclope_ente, tmp_path, HEAD + PER_DAY, [("P1", "1", "0"), ("P2", "1", "25")])
    # P1: 0 − 15 < 0 → MAX(0%; −15%) = 0%, no cut; P2: (25 − 15) × 1% = 10%
    # weights 80 and 80 × 0.9 = 72, Σ 152: 1000 × 80/152 = 526.315… and 1000 × 72/152 = 473.684…, the cent to the
    # larger remainder (0.5 of P1 against 0.4 of P2): 526.32 and 473.68
    assert amounts(result) == {"P1": "526.32", "P2": "473.68"}
    cut = result.figures["reduction:P2:1"]
    assert cut.value == Decimal("0.1")
    assert [(i.value, i.cell) for i in cut.inputs] == [(Decimal(25), "people.csv:4:absence_days")]
    assert "reduction:P1:1" not in result.figures  # nothing cut, nothing to explain
    said = explain(result, "person", "P2")
    assert "=MAX(0%; (assenze - 15 giorni) * 1% al giorno)" in said
    assert "← people.csv, riga 4, colonna giorni_assenza" in said


def test_the_cut_is_kept_between_nothing_and_everything(ciclope_ente, tmp_path):
    result = run(ciclope_ente, tmp_path, HEAD + PER_DAY, [("P1", "1", "0"), ("P2", "1", "200")])
    # P2: (200 − 15) × 1% = 185%, kept at 100%: weight 80 × 0 = 0; P1 takes the whole 1000.00
    assert amounts(result) == {"P1": "1000.00", "P2": "0.00"}
    cut = result.figures["reduction:P2:1"]
    assert cut.value == Decimal(1)
    assert cut.formula.endswith(", tenuta tra 0% e 100% (la formula dà 185%)")


def test_a_cut_by_formula_sent_to_the_residual(ciclope_ente, tmp_path):
    residual = PER_DAY.replace('fonte = "art. 10 c. 3"', 'fonte = "art. 10 c. 3"\neconomie = "residuo"')
    result = run(ciclope_ente, tmp_path, HEAD + residual, [("P1", "1", "0"), ("P2", "1", "40")])
    # split as if nobody were cut: 500.00 each; P2's (40 − 15) × 1% = 25% stays residual: 500 × 0.75 = 375.00
    assert amounts(result) == {"P1": "500.00", "P2": "375.00"}
    assert result.rewards.pools["performance_individuale"].residual == Decimal("125.00")


def test_leggi_says_the_cut(tmp_path):
    text = regulation_text(tmp_path, HEAD + PER_DAY)
    assert (
        "Il premio è ridotto di una quota che è il maggiore tra 0% e (i giorni di assenza meno 15 giorni) × 1% al "
        "giorno (formula: =MAX(0%; (assenze - 15 giorni) * 1% al giorno)), tenuta tra 0% e 100% (art. 10 c. 3)."
    ) in text


@pytest.mark.parametrize(
    ("block", "problem"),
    [
        (
            PER_DAY.replace("[[riduzioni]]", '[[riduzioni]]\nmisura = "assenze"'),
            "chiave riduzioni[1].misura: con la riduzione da una formula (riduzione) non si scrive",
        ),
        ('\n[[riduzioni]]\nfonte = "art. 10"\n', "chiave riduzioni[1]: manca la chiave misura, con gli scaglioni"),
        (
            PER_DAY.replace("(assenze - 15 giorni) * 1% al giorno", "punteggio / 100"),
            "«punteggio» non si usa nella riduzione del premio",
        ),
        (PER_DAY.replace("1% al giorno", "1%"), "MAX: non si combinano una percentuale e giorni"),
        (
            PER_DAY.replace("MAX(0%; (assenze - 15 giorni) * 1% al giorno)", "(assenze - 15 giorni) * 1%"),
            "la formula dà giorni, ma la riduzione del premio è una percentuale (una quota per giorno si scrive con "
            "«% al giorno», es. (assenze - 15 giorni) * 1% al giorno)",
        ),
    ],
)
def test_a_cut_by_formula_refused(tmp_path, block, problem):
    said = regulation_problems(tmp_path, HEAD + block)
    assert any(problem in m for m in said), said


def test_a_cut_by_formula_is_of_format_two(tmp_path):
    said = regulation_problems(
        tmp_path,
        HEAD.replace("formato = 2", "formato = 1").split("[[premi]]")[0]
        + """
[premio]
metodo = "proporzionale"
fonte = "art. 9"
"""
        + PER_DAY,
    )
    assert any("riduzioni[1].riduzione" in m and "formato 2" in m for m in said), said


def test_a_cut_that_cannot_be_computed_suspends_the_premium(ciclope_ente, tmp_path):
    # a reduction by the events of a declared column: P2's cell is blank, so the cut is not known. Never paid as if
    # nothing were to be taken: P2's premium is suspended (a cut of 100%), and P1 takes the whole 1000.00
    text = (
        HEAD
        + '\n[[colonne]]\nnome = "eventi"\ntipo = "numero"\nsignificato = "gli eventi di malattia"\nfonte = "art. 10"\n'
        + PER_DAY.replace("(assenze - 15 giorni) * 1% al giorno", "eventi * 10%")
    )
    data = files([("P1", "1", "0"), ("P2", "1", "0")])
    lines = data["people.csv"].splitlines()
    data["people.csv"] = "\n".join([lines[0] + ",eventi", lines[1] + ",0", lines[2] + ",1", lines[3] + ","]) + "\n"
    result = run_declared(ciclope_ente, tmp_path, text, data)
    # P1: 1 event, 10%: weight 80 × 0.9 = 72; P2 suspended: 80 × 0 = 0; P1 alone takes 1000.00
    assert amounts(result) == {"P1": "1000.00", "P2": "0.00"}
    errors = [(p.where, p.message) for p in result.violations if p.severity == "error"]
    assert errors == [
        (
            "people.csv:4:eventi",
            "la colonna «eventi» (gli eventi di malattia) è vuota per Persona P2: scrivi il valore, 0 se non ce n'è; "
            "il premio resta sospeso finché non è scritta",
        )
    ]
    assert result.figures["reduction:P2:1"].value == Decimal(1)
    assert result.figures["reduction:P2:1"].formula.startswith(
        "premio sospeso: la formula =MAX(0%; eventi * 10%) non si calcola (la colonna «eventi» (gli eventi di malattia) "
        "è vuota in people.csv, riga 4"
    )
