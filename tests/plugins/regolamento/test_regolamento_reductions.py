"""Graduated reductions of the premium in the declared regulation (``[[riduzioni]]``): brackets of absence days
(or fte) to a percentage; brackets from 0, contiguous and in order; every reduction explained with its bracket
and its fonte. Every amount by hand."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from ciclope.core.run.explain import explain

from helpers import amounts, one_unit_comune, regulation_problems, regulation_text, run_declared

HEAD = """\
formato = 1
[atto]
titolo = "SMVP del Comune di Scaglioni"
tipo_ente = "comune"

[livelli]
fonte = "art. 7"
scala = [{ nome = "premiato", da = 60 }]
"""
CAPPED = """
[premio]
metodo = "livelli"
fonte = "art. 9"
massimo = "1000.00"
coefficienti = { premiato = 1 }
"""
REDUCTIONS = """
[[riduzioni]]
misura = "assenze"
fonte = "art. 10 c. 3"
scaglioni = [
  { da = 0, a = 10, riduzione = 0 },
  { da = 11, a = 30, riduzione = 0.10 },
  { da = 31, a = 60, riduzione = 0.30 },
  { da = 61, riduzione = 1 },
]
"""
# (id, fte, absence days); everyone scores 80, level «premiato»
PEOPLE = [
    ("P1", "1", "0"),
    ("P2", "1", "10"),
    ("P3", "1", "11"),
    ("P4", "1", "30"),
    ("P5", "1", "10.5"),
    ("P6", "0.5", "45"),
    ("P7", "1", "61"),
    ("P8", "1", "60"),
]


def files(people=PEOPLE, fund="10000.00") -> dict[str, str]:
    staff = [f"{pid},Persona {pid},dipendente,C,com,{fte},{days},false,SEG" for pid, fte, days in people]
    cards = [f"{pid},SEG,scheda,Valutazione complessiva,100,80," for pid, _, _ in people]
    return one_unit_comune("Comune di Scaglioni", staff, cards, f'[funds]\nperformance_individuale = "{fund}"\n')


def run(ciclope_ente, tmp_path: Path, text: str, people=PEOPLE, fund="10000.00", **params):
    return run_declared(ciclope_ente, tmp_path, text, files(people, fund), **params)


def test_brackets_of_absence_days_under_a_maximum(ciclope_ente, tmp_path):
    result = run(ciclope_ente, tmp_path, HEAD + CAPPED + REDUCTIONS)
    assert amounts(result) == {
        "P1": "1000.00",  # 0 days: 0–10, no reduction
        "P2": "1000.00",  # 10 days: still 0–10
        "P3": "900.00",  # 11 days: 11–30, 1000 × (1 − 0.10)
        "P4": "900.00",  # 30 days: 11–30
        "P5": "900.00",  # 10.5 days: beyond the end of 0–10, so 11–30
        "P6": "350.00",  # 45 days: 31–60, and half time: 1000 × 0.5 × (1 − 0.30)
        "P7": "0.00",  # 61 days: over 60, 100%
        "P8": "700.00",  # 60 days: 31–60, 1000 × (1 − 0.30)
    }
    # due 1000 + 1000 + 900 + 900 + 900 + 350 + 0 + 700 = 5750.00 of 10000.00: 4250.00 stays residual
    pool = result.rewards.pools["performance_individuale"]
    assert (pool.distributed, pool.residual) == (Decimal("5750.00"), Decimal("4250.00"))
    assert [p for p in result.violations if p.severity == "error"] == []


def test_every_reduction_is_explained_with_its_bracket_and_source(ciclope_ente, tmp_path):
    result = run(ciclope_ente, tmp_path, HEAD + CAPPED + REDUCTIONS)
    figure = result.figures["reduction:P3:1"]
    assert figure.value == Decimal("0.10")
    assert (
        figure.formula == "riduzione del premio per giorni di assenza: scaglione «da 11 a 30 giorni»: riduzione del 10%"
    )
    assert figure.source == "SMVP del Comune di Scaglioni, art. 10 c. 3"
    [days] = figure.inputs
    assert (days.value, days.cell) == (Decimal(11), "people.csv:5:absence_days")  # header, SEG, P1, P2, P3
    award = {i.name: i for i in result.figures["award:P3"].inputs}
    assert award["riduzione per giorni di assenza"].ref == "reduction:P3:1"
    assert "(1 − riduzione)" in result.figures["award:P3"].note
    assert result.figures["reduction:P7:1"].formula.endswith("scaglione «da 61 giorni in su»: riduzione del 100%")
    assert "reduction:P1:1" not in result.figures  # nothing reduced, nothing to explain
    text = explain(result, "person", "P3")
    assert "art. 10 c. 3" in text and "da 11 a 30 giorni" in text and "riga 5" in text


def test_in_a_split_by_weights_the_reduced_part_goes_to_the_others(ciclope_ente, tmp_path):
    proportional = '\n[premio]\nmetodo = "proporzionale"\nfonte = "art. 9"\n'
    people = [("A", "1", "0"), ("B", "1", "20")]
    result = run(ciclope_ente, tmp_path, HEAD + proportional + REDUCTIONS, people, fund="1000.00")
    # weights: A 80 × 1 = 80; B 80 × (1 − 0.10) = 72; Σ 152. 100000 cents × weight / 152:
    #   A 8000000 / 152 = 52631.58 → 526.31 (.58); B 7200000 / 152 = 47368.42 → 473.68 (.42)
    # floors 999.99: the cent to the largest remainder, A (.58)
    assert amounts(result) == {"A": "526.32", "B": "473.68"}


def test_leggi_says_where_the_cuts_end(tmp_path):
    # the two tests above: under a maximum per person the 4250.00 not paid stays residual; in a split by weights B's
    # 10% weighs less and A receives it
    capped = regulation_text(tmp_path, HEAD + CAPPED + REDUCTIONS)
    assert (
        "Ciò che la riduzione toglie resta non distribuito, nel residuo del fondo: il premio ha un massimo pro capite."
    ) in capped
    again = regulation_text(tmp_path, HEAD + CAPPED + 'residuo = "ridistribuisci"\n' + REDUCTIONS)
    assert (
        "Ciò che la riduzione toglie va agli altri, in proporzione ai premi dovuti con il massimo pro capite." in again
    )
    proportional = '\n[premio]\nmetodo = "proporzionale"\nfonte = "art. 9"\n'
    split = regulation_text(tmp_path, HEAD + proportional + REDUCTIONS)
    assert "Ciò che la riduzione toglie va ai colleghi: la quota ridotta pesa meno nella divisione del fondo." in split


def test_leggi_says_where_a_part_s_cuts_end_and_is_silent_when_parts_differ(tmp_path):
    head = HEAD.replace("formato = 1", "formato = 2")
    by_grade = (
        '\n[[premi]]\nnome = "produttività"\nmetodo = "proporzionale"\nquota_fondo = 0.5\ngraduatorie = "categoria"\n'
        'fonte = "art. 9"\n'
    )
    capped = '\n[[premi]]\nnome = "obiettivi"\nmetodo = "livelli"\nquota_fondo = 0.5\nmassimo = "1000.00"\n'
    capped += 'coefficienti = { premiato = 1 }\nfonte = "art. 9"\n'
    one = regulation_text(
        tmp_path, head + by_grade + REDUCTIONS.replace("riduzioni]]", "riduzioni]]\nparti = [\"produttività\"]")
    )
    assert (
        "Ciò che la riduzione toglie va ai colleghi della stessa parte e della stessa graduatoria: la quota ridotta "
        "pesa meno nella divisione del fondo."
    ) in one
    both = regulation_text(tmp_path, head + by_grade + capped + REDUCTIONS)  # one part shares, the other keeps
    assert "Ciò che la riduzione toglie" not in both


@pytest.mark.parametrize("measure", ["quota_tempo", "fte"])
def test_brackets_of_the_time_worked(ciclope_ente, tmp_path, measure):
    """The time worked is measured as «quota_tempo», the header of its column, or as «fte», its word of before."""
    by_fte = f"""
[[riduzioni]]
misura = "{measure}"
fonte = "art. 10 c. 4"
scaglioni = [
  {{ da = 0, a = 0.5, riduzione = 0.2 }},
  {{ da = 0.5, riduzione = 0 }},
]
"""
    capped = CAPPED + 'tempo_parziale = "intero"\n'
    people = [("H", "0.5", "0"), ("T", "0.75", "0"), ("F", "1", "0")]
    result = run(ciclope_ente, tmp_path, HEAD + capped + by_fte, people)
    # «intero»: no × fte; fte 0.5 is within 0–0.5 (its end included): 1000 × (1 − 0.2) = 800; 0.75 and 1: 0%
    assert amounts(result) == {"H": "800.00", "T": "1000.00", "F": "1000.00"}
    assert result.figures["reduction:H:1"].formula.endswith("scaglione «da 0 a 0,5»: riduzione del 20%")


def test_a_scenario_changes_a_bracket(ciclope_ente, tmp_path):
    changed = {"regolamento.riduzioni.assenze.scaglioni.2.riduzione": 0.25}
    result = run(ciclope_ente, tmp_path, HEAD + CAPPED + REDUCTIONS, **changed)
    # 11–30 days now 25%: P3, P4, P5 1000 × 0.75 = 750.00
    assert [amounts(result)[p] for p in ("P3", "P4", "P5", "P8")] == ["750.00", "750.00", "750.00", "700.00"]


def test_brackets_contiguous_and_in_order(tmp_path):
    # HEAD + CAPPED is 14 lines; [[riduzioni]] on line 16, its brackets on lines 20–23
    text = (
        (HEAD + CAPPED + REDUCTIONS)
        .replace("{ da = 11, a = 30,", "{ da = 12, a = 30,")  # a gap: 11 is in no bracket
        .replace("{ da = 31, a = 60,", "{ da = 30, a = 60,")  # an overlap: 30 in two brackets
        .replace("{ da = 61, riduzione = 1 }", "{ da = 61, a = 90, riduzione = 1 }")  # 91 days in none
    )
    assert regulation_problems(tmp_path, text) == [
        "riga 21, chiave riduzioni[1].scaglioni[2].da: tra lo scaglione precedente (fino a 10) e questo (da 12) c'è "
        "un vuoto: deve partire da 11",
        "riga 22, chiave riduzioni[1].scaglioni[3].da: lo scaglione parte da 30 e si sovrappone al precedente, che "
        "finisce a 30: deve partire da 31",
        "riga 23, chiave riduzioni[1].scaglioni[4].a: l'ultimo scaglione finisce a 90: ometti «a» perché valga oltre "
        "(fino a 366)",
    ]


def test_bracket_errors_of_their_own(tmp_path):
    text = (
        (HEAD + CAPPED + REDUCTIONS)
        .replace("{ da = 0, a = 10,", "{ da = 1, a = 10,")
        .replace("{ da = 11, a = 30,", "{ da = 11,")
        .replace("riduzione = 0.30", "riduzione = 30")
    )
    assert regulation_problems(tmp_path, text) == [
        "riga 22, chiave riduzioni[1].scaglioni[3].riduzione: 30 fuori dall'intervallo ammesso (da 0 a 1): una quota si "
        'scrive in percentuale, "30%" (o 0.3)',
    ]  # a bracket that does not read: the rules between brackets wait for it
    text = text.replace("riduzione = 30", "riduzione = 0.3")
    assert regulation_problems(tmp_path, text) == [
        "riga 20, chiave riduzioni[1].scaglioni[1].da: il primo scaglione parte da 1, non da 0",
        "riga 21, chiave riduzioni[1].scaglioni[2].a: solo l'ultimo scaglione può non avere la fine (a)",
    ]


def test_a_cut_written_as_a_percentage_is_said_as_one(tmp_path):
    # «150%» is 1,5 of the premium: out of 0–1, said as the office wrote it, with the bounds as percentages
    text = (HEAD + CAPPED + REDUCTIONS).replace("riduzione = 0.30", 'riduzione = "150%"')
    assert regulation_problems(tmp_path, text) == [
        "riga 22, chiave riduzioni[1].scaglioni[3].riduzione: 150% fuori dall'intervallo ammesso (da 0% a 100%)",
    ]


def test_reductions_need_a_premium(tmp_path):
    assert regulation_problems(tmp_path, HEAD + REDUCTIONS) == [
        "riga 10, chiave riduzioni[1]: le riduzioni valgono per il premio: manca [premio]"
    ]


# «detrazioni percentuali sulla base del numero degli eventi di malattia»: the brackets count a declared column
EVENTS = """
[[colonne]]
nome = "eventi_malattia"
tipo = "numero"
significato = "gli eventi di malattia nell'anno"
fonte = "art. 11"

[[riduzioni]]
misura = "eventi_malattia"
fonte = "art. 11 c. 2"
scaglioni = [
  { da = 0, a = 2, riduzione = 0 },
  { da = 3, a = 5, riduzione = 0.20 },
  { da = 6, riduzione = 0.50 },
]
"""


def event_files(events: list[tuple[str, str]]) -> dict[str, str]:
    """(id, events): full time, no days of absence, everyone scores 80."""
    staff = [f"{pid},Persona {pid},dipendente,C,com,1,0,false,SEG,{n}" for pid, n in events]
    cards = [f"{pid},SEG,scheda,Valutazione complessiva,100,80," for pid, _ in events]
    found = one_unit_comune("Comune di Scaglioni", staff, cards, '[funds]\nperformance_individuale = "10000.00"\n')
    lines = found["people.csv"].splitlines()
    found["people.csv"] = "\n".join([lines[0] + ",eventi_malattia", lines[1] + ",0", *lines[2:]]) + "\n"
    return found


def test_brackets_of_a_declared_column(ciclope_ente, tmp_path):
    text = HEAD.replace("formato = 1", "formato = 2") + CAPPED + EVENTS
    result = run_declared(ciclope_ente, tmp_path, text, event_files([("P1", "2"), ("P2", "3"), ("P3", "6")]))
    assert amounts(result) == {
        "P1": "1000.00",  # 2 events: 0–2, no reduction
        "P2": "800.00",  # 3 events: 3–5, 1000 × (1 − 0.20)
        "P3": "500.00",  # 6 events: from 6, 1000 × (1 − 0.50)
    }
    figure = result.figures["reduction:P2:1"]
    assert figure.formula == (
        "riduzione del premio per gli eventi di malattia nell'anno: scaglione «da 3 a 5»: riduzione del 20%"
    )
    # the cell it was read from: P2 is row 4 (header, SEG, P1, P2)
    assert [(i.name, i.value, i.cell) for i in figure.inputs] == [
        ("gli eventi di malattia nell'anno", Decimal("3"), "people.csv:4:eventi_malattia")
    ]


def test_an_empty_cell_of_the_declared_column_is_an_error_naming_the_person(ciclope_ente, tmp_path):
    text = HEAD.replace("formato = 1", "formato = 2") + CAPPED + EVENTS
    result = run_declared(ciclope_ente, tmp_path, text, event_files([("P1", "4"), ("P2", "")]))
    found = [(p.message, p.row, p.column) for p in result.violations if p.rule == "regolamento.riduzione"]
    assert found == [
        (
            "riduzione del premio per gli eventi di malattia nell'anno: la cella di Persona P2 è vuota; scrivi 0 se "
            "non ce n'è nessuno (senza il dato la riduzione non si calcola: il premio resta sospeso finché non è "
            "corretta)",
            4,
            "eventi_malattia",
        )
    ]
    assert amounts(result)["P1"] == "800.00"  # 4 events: 3–5, 1000 × 0.8
    # P2 is never paid as if no event were to count: the whole premium is suspended, 1000 × (1 − 100%) = 0
    assert amounts(result)["P2"] == "0.00"
    figure = result.figures["reduction:P2:1"]
    assert figure.formula == "premio sospeso: manca il dato «gli eventi di malattia nell'anno»"


def test_the_measure_is_a_declared_column_that_counts(tmp_path):
    text = HEAD.replace("formato = 1", "formato = 2") + CAPPED + EVENTS
    (unknown,) = regulation_problems(tmp_path, text.replace('misura = "eventi_malattia"', 'misura = "eventi"'))
    assert unknown.endswith(
        "chiave riduzioni[1].misura: «eventi» non è assenze, quota_tempo né una colonna dichiarata in [[colonne]]"
    )
    (words,) = regulation_problems(tmp_path, text.replace('tipo = "numero"', 'tipo = "testo"'))
    assert words.endswith(
        "chiave riduzioni[1].misura: la colonna «eventi_malattia» è di tipo testo dell'elenco persone: una riduzione "
        "legge una colonna di persone.csv di tipo numero o giorni"
    )
    (closed,) = regulation_problems(
        tmp_path, text.replace("{ da = 6, riduzione = 0.50 }", "{ da = 6, a = 99, riduzione = 0.50 }")
    )
    assert closed.endswith(
        "chiave riduzioni[1].scaglioni[3].a: l'ultimo scaglione finisce a 99: ometti «a» perché valga oltre"
    )


def test_leggi_says_the_declared_column_by_its_meaning(tmp_path):
    from ciclope.plugins.regolamento.read.load import load
    from ciclope.plugins.regolamento.say.articles import render

    path = tmp_path / "smvp.toml"
    path.write_text(HEAD.replace("formato = 1", "formato = 2") + CAPPED + EVENTS, encoding="utf-8")
    regulation, problems = load(str(path))
    assert regulation is not None, problems
    assert (
        "Il premio è ridotto secondo gli eventi di malattia nell'anno (art. 11 c. 2): da 0 a 2, nessuna riduzione; da 3 "
        "a 5, riduzione del 20%; da 6 in su, riduzione del 50%."
    ) in render(regulation, False)


def test_brackets_of_days_written_as_a_percentage_are_refused(tmp_path):
    # «"30%"» would be 0,3 days, a bracket from a third of a day: refused, with the number to write; the overlap it
    # would make with the bracket before is not said again. HEAD 8 lines + CAPPED 6 + REDUCTIONS: the second
    # bracket on line 21
    text = HEAD + CAPPED + REDUCTIONS.replace("{ da = 11, a = 30,", '{ da = 11, a = "30%",')
    assert regulation_problems(tmp_path, text) == [
        "riga 21, chiave riduzioni[1].scaglioni[2].a: «30%» è una percentuale, ma gli scaglioni di «assenze» si "
        "scrivono come numeri: scrivi a = 30"
    ]


def test_brackets_of_the_time_worked_may_be_percentages(tmp_path):
    # fte is a share: «"50%"» is 0,5, the same bracket as «0.5»
    by_fte = '\n[[riduzioni]]\nmisura = "quota_tempo"\nfonte = "art. 10 c. 4"\nscaglioni = [\n  { da = 0, a = "50%", ' \
        'riduzione = 0.2 },\n  { da = "50%", riduzione = 0 },\n]\n'  # fmt: skip
    assert regulation_problems(tmp_path, HEAD + CAPPED + by_fte) == []
