"""A part of the premium whose condition reads only a value of nothing (0 days on the shifts of the residential
units) is not the person's: the scheda says so after the payments, with the reason the office's workbook gives —
what did not hold and the article — never the bare «non partecipa alla parte «…»» that leaves the employee asking why.
"""

from __future__ import annotations

from ciclope.core.run.explain import unpaid_reasons
from ciclope.core.schede.content import build

from helpers import amounts, one_unit_comune, run_declared

REGULATION = """\
formato = 2
[atto]
titolo = "CCDI dell'ASP"
tipo_ente = "azienda_servizi_persona"

[[colonne]]
nome = "giorni_nuclei"
tipo = "giorni"
significato = "i giorni lavorati su turni nei nuclei residenziali"
fonte = "art. 8"

[[premi]]
nome = "produttività"
metodo = "proporzionale"
quota_fondo = "80%"
fonte = "art. 7"

[[premi]]
nome = "quota turnisti"
metodo = "proporzionale"
quota_fondo = "20%"
ammesso = "=giorni_nuclei > 0 giorni"
peso = "=giorni_nuclei / 1 giorni"
fonte = "art. 8"
"""
# (id, points, days on the shifts of the residential units): T1, T2, T3 on shifts, A1 never
PEOPLE = [("T1", 80, 100), ("T2", 80, 100), ("T3", 80, 200), ("A1", 80, 0)]


def run(ciclope_ente, tmp_path):
    staff = [f"{p},Persona {p},dipendente,C,com,1,0,false,SEG,{days}" for p, _, days in PEOPLE]
    cards = [f"{p},SEG,scheda,Valutazione,100,{s}," for p, s, _ in PEOPLE]
    data = one_unit_comune("ASP", staff, cards, '[funds]\nperformance_individuale = "10000.00"\n')
    head, segretario, *rows = data["people.csv"].splitlines()
    data["people.csv"] = "\n".join([head + ",giorni_nuclei", segretario + ",0", *rows]) + "\n"
    return run_declared(ciclope_ente, tmp_path, REGULATION, data)


def test_a_part_that_is_not_theirs_says_why_on_the_scheda(ciclope_ente, tmp_path):
    result = run(ciclope_ente, tmp_path)
    # produttività: 10.000 × 80% = 8.000 by the scores, 80 each: 2.000,00 each; quota turnisti: 10.000 × 20% = 2.000 by
    # the days 100 + 100 + 200 = 400: T1 and T2 500,00, T3 1.000,00; A1 (0 days) takes no part in it
    assert amounts(result) == {"T1": "2500.00", "T2": "2500.00", "T3": "3000.00", "A1": "2000.00"}
    assert build(result, "A1").refused == (
        "non partecipa alla parte «quota turnisti»: i giorni lavorati su turni nei nuclei residenziali sono 0 "
        "giorni. Fonte: CCDI dell'ASP, art. 8.",
    )
    # explain, the office's tool, keeps its one plain line of the parts that are not the person's
    assert "non partecipa alla parte «quota turnisti»" in [r["why"] for r in unpaid_reasons(result, "A1")]


def test_of_one_paid_nothing_the_reason_is_among_what_is_not_paid(ciclope_ente, tmp_path):
    data_rows = PEOPLE + [("N1", 0, 0)]
    staff = [f"{p},Persona {p},dipendente,C,com,1,0,false,SEG,{days}" for p, _, days in data_rows]
    cards = [f"{p},SEG,scheda,Valutazione,100,{s}," for p, s, _ in PEOPLE]  # N1 has no card: not evaluated
    data = one_unit_comune("ASP", staff, cards, '[funds]\nperformance_individuale = "10000.00"\n')
    head, segretario, *rows = data["people.csv"].splitlines()
    data["people.csv"] = "\n".join([head + ",giorni_nuclei", segretario + ",0", *rows]) + "\n"
    result = run_declared(ciclope_ente, tmp_path, REGULATION, data)
    # N1, without a card, has no award (the others as above); the shifts are not hers either (0 days): it says why
    assert amounts(result) == {"T1": "2500.00", "T2": "2500.00", "T3": "3000.00", "A1": "2000.00"}
    assert (
        "non partecipa alla parte «quota turnisti»: i giorni lavorati su turni nei nuclei residenziali sono 0 "
        "giorni" in build(result, "N1").unpaid
    )
