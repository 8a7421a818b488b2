"""A PO / EQ who leaves the incarico on 30/09 or receives it on 01/05 is an employee for the other days of the year:
``giorni_incarico`` gives a formula the incarico's days, and a warning says the days outside it where no part pays
them, or the incarico's days where a part of the employees pays them beside [risultato_po]."""

from __future__ import annotations

from decimal import Decimal

from helpers import CARD_HEADER, STAFF_HEADER, one_unit_comune, run_declared

HEADER = STAFF_HEADER + ",assunzione,cessazione,position_pay,term_start,term_end"
PEOPLE = [
    "D1,Paolo Gallo,dipendente,D,com,1,0,false,SEG,,,,,",  # row 3
    "E1,Laura Verdi,po,D,com,1,0,false,SEG,,,6000.00,,30/09/2024",  # row 4: EQ to 30/09
    "E2,Anna Bianchi,po,D,com,1,0,false,SEG,,,6000.00,01/05/2024,",  # row 5: EQ from 01/05
]
REGULATION = """\
formato = 2
[atto]
titolo = "Criteri della produttività"
tipo_ente = "comune"
comparto = "funzioni_locali"

[[premi]]
nome = "produttività"
metodo = "proporzionale"
fondo = "produttivita"
ruoli = [{roles}]
rateo_giorni = true
peso = '{weight}'
fonte = "art. 3"
"""
RESULT = """
[risultato_po]
metodo = "percentuale"
ruoli = ["po"]
fondo = "risultato"
soglia_positiva = 60
fonte = "art. 5"
percentuali = [{ da = 60, quota = 0.2 }]
"""
UNPAID, TWICE = "regolamento.eq_giorni_non_pagati", "regolamento.eq_giorni_due_volte"


def case() -> dict[str, str]:
    files = one_unit_comune("Comune", [], [], '[funds]\nproduttivita = "1000.00"\nrisultato = "5000.00"\n')
    files["people.csv"] = "\n".join([HEADER, "SEG,Segretario,segretario,DIR,com,1,0,false,,,,,,", *PEOPLE]) + "\n"
    cards = [f"{pid},SEG,Scheda,Valutazione,100,80," for pid in ("D1", "E1", "E2")]
    files["evaluations.csv"] = "\n".join([CARD_HEADER, *cards]) + "\n"
    return files


def regulation(roles: str, weight: str, result: bool = False) -> str:
    return REGULATION.replace("{roles}", roles).replace("{weight}", weight) + (RESULT if result else "")


def said(result, rule: str) -> list[tuple[int | None, str, str]]:
    return [(p.row, p.column, p.message) for p in result.violations if p.rule == rule and p.severity == "warning"]


DAYS_WEIGHT = "=100 * (giorni_servizio - giorni_incarico) / giorni_servizio"


def test_giorni_incarico_pays_the_days_outside_the_incarico(ciclope_ente, tmp_path):
    result = run_declared(ciclope_ente, tmp_path, regulation('"dipendente", "po"', DAYS_WEIGHT), case())
    # 2024 has 366 days. E1's incarico 01/01–30/09: 31+29+31+30+31+30+31+31+30 = 274 days, 92 after it;
    # E2's 01/05–31/12: 366 − (31+29+31+30) = 245 days, 121 before it; D1 is no EQ: 0.
    # weights 100 × 366/366 = 100, 100 × 92/366 = 25,136612, 100 × 121/366 = 33,060109 (∝ 366, 92, 121; Σ 579):
    # D1 1000 × 366/579 = 632,1243… → 632,12; E1 1000 × 92/579 = 158,8946… → 158,89; E2 1000 × 121/579 = 208,9810…
    # → 208,98; Σ 999,99: the cent left goes to the largest remainder, E1's ,4646… → 158,90
    paid = {pid: a.amount for pid, a in result.rewards.awards.items() if a.pool == "produttivita"}
    assert paid == {"D1": Decimal("632.12"), "E1": Decimal("158.90"), "E2": Decimal("208.98")}
    assert not said(result, UNPAID) and not said(result, TWICE)


def test_the_explanation_says_the_days_of_the_incarico_in_words(ciclope_ente, tmp_path):
    result = run_declared(ciclope_ente, tmp_path, regulation('"dipendente", "po"', DAYS_WEIGHT), case())
    figure = next(f for f in result.figures.values() if "E1" in f.key and f.label.startswith("Premio"))
    read = {i.name: i.value for i in figure.inputs}
    assert read["i giorni dell'incarico di PO / EQ nell'anno"] == 274
    assert read["fine dell'incarico"] is not None
    assert "i giorni dell'incarico di PO / EQ nell'anno" in figure.formula


def test_the_days_as_an_employee_no_part_pays_are_warned(ciclope_ente, tmp_path):
    result = run_declared(ciclope_ente, tmp_path, regulation('"dipendente"', "=100"), case())
    # E1: 92 days after 30/09/2024 (31 + 30 + 31); E2: 121 days before 01/05/2024 (31 + 29 + 31 + 30)
    hint = 'se il regolamento li paga, scrivi ruoli = ["dipendente", "po"] e un peso che legge giorni_incarico'
    assert said(result, UNPAID) == [
        (
            4,
            "term_end",
            "Laura Verdi (E1): incarico di EQ fino al 30/09/2024: i 92 giorni dopo, da dipendente, nessuna parte li "
            f"paga (la parte «produttività» paga i dipendenti); {hint}",
        ),
        (
            5,
            "term_start",
            "Anna Bianchi (E2): incarico di EQ dal 01/05/2024: i 121 giorni prima, da dipendente, nessuna parte li "
            f"paga (la parte «produttività» paga i dipendenti); {hint}",
        ),
    ]
    [problem, _] = [p for p in result.violations if p.rule == UNPAID]
    assert "art. 3" in problem.source


def test_the_incarico_days_paid_twice_are_warned(ciclope_ente, tmp_path):
    result = run_declared(ciclope_ente, tmp_path, regulation('"dipendente", "po"', "=100", result=True), case())
    # E1: the incarico's 274 days (01/01–30/09/2024) paid by the part and by [risultato_po]; E2: 245 (01/05–31/12)
    found = said(result, TWICE)
    assert [(row, column) for row, column, _ in found] == [(4, "term_end"), (5, "term_start")]
    assert found[0][2].startswith(
        "Laura Verdi (E1): incarico di EQ fino al 30/09/2024: la parte «produttività» paga anche le EQ per tutto il "
        "servizio e la retribuzione di risultato paga i 274 giorni dell'incarico: quei giorni sono pagati due volte"
    )
    assert "i 245 giorni dell'incarico" in found[1][2]
    [problem, _] = [p for p in result.violations if p.rule == TWICE]
    assert "art. 17 c. 1" in problem.source


def test_the_double_pay_of_another_comparto_cites_its_regulation_alone(ciclope_ente, tmp_path):
    """The article of the absorption is the Funzioni Locali contract's: a regulation of another comparto is warned
    the same, citing its own part, never a contract that is not its own."""
    text = regulation('"dipendente", "po"', "=100", result=True).replace(
        'comparto = "funzioni_locali"', 'comparto = "altro"'
    )
    result = run_declared(ciclope_ente, tmp_path, text, case())
    problems = [p for p in result.violations if p.rule == TWICE]
    assert len(problems) == 2  # E1 and E2, as under Funzioni Locali
    assert all("Funzioni Locali" not in p.source and "art. 3" in p.source for p in problems)


def test_no_double_pay_warning_where_the_part_reads_the_incarico_or_no_result_pay(ciclope_ente, tmp_path):
    reading = run_declared(ciclope_ente, tmp_path, regulation('"dipendente", "po"', DAYS_WEIGHT, result=True), case())
    alone = run_declared(ciclope_ente, tmp_path, regulation('"dipendente", "po"', "=100"), case())
    assert not said(reading, TWICE) and not said(alone, TWICE)


def test_the_result_pay_says_the_incarico_until_and_from_its_date(ciclope_ente, tmp_path):
    """The result pay's figure showed «incarico = al 30/09/2024»: an end alone reads «fino al», a start «dal»."""
    result = run_declared(ciclope_ente, tmp_path, regulation('"dipendente", "po"', DAYS_WEIGHT, result=True), case())
    said = {
        f.label: i.value
        for f in result.figures.values()
        if f.label.startswith("Retribuzione di risultato di")
        for i in f.inputs
        if i.name == "incarico"
    }
    assert said == {
        "Retribuzione di risultato di Laura Verdi": "fino al 30/09/2024",
        "Retribuzione di risultato di Anna Bianchi": "dal 01/05/2024",
    }
