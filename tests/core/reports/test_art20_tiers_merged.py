"""premi-art20.csv's three tiers of pay (at least 90%, 60–90%, under 60% of the group's highest), when merging its
small tiers leaves one: its line says so, instead of three lines gone without a word (a seven-person Ordine's
reader looked for the tiers docs/reports.md promises and found none)."""

from __future__ import annotations

from test_public_personal_note import REGULATION as ORDINE

from ciclope.core.reports import art20

from helpers import one_unit_comune, run_declared

# the Ordine of the personal-exclusion sentence's test, excluding for absences alone: the minimum score would leave
# D and E (50) out of the tiers
MINIMUM = '[[esclusioni]]\nregola = "punteggio_minimo"\nminimo = 60\nfonte = "art. 6"\n\n'
REGULATION = ORDINE.replace(MINIMUM, "")
assert REGULATION != ORDINE


def test_one_tier_left_by_merging_is_said_merged(ciclope_ente, tmp_path):
    # pay ∝ score: A 100 the highest; B, C 80 (80%: 60–90%); D, E 50 (50%: under 60%); F, G 200 days, not paid.
    # Tiers 1, 2, 2: A joins B and C (3, «60–100%»), then D and E (2) join them: one tier of 5, never published
    # as three
    points = {"A": 100, "B": 80, "C": 80, "D": 50, "E": 50, "F": 70, "G": 70}
    staff = [f"{p},Persona {p},dipendente,C,com,1,{200 if p in 'FG' else 0},false,SEG" for p in points]
    cards = [f"{p},SEG,s,Voce,100,{s}," for p, s in points.items()]
    data = one_unit_comune("Ordine di Prova", staff, cards, '[funds]\nperformance_individuale = "3600.00"\n')
    result = run_declared(ciclope_ente, tmp_path, REGULATION, data)
    staff_rows = [(what, value) for group, what, value in art20.rows(result) if group == "personale"]
    assert (
        "persone con premio a ogni quota del più alto (le righe dal 90%, dal 60% al 90% e sotto il 60% unite per la "
        "riservatezza)",
        "5",
    ) in staff_rows
    assert ("persone senza premio", "2") in staff_rows
    # no tier of 1 or 2 people: no range of pay but the merged line's
    assert not [
        what for what, _ in staff_rows if what.startswith(("persone con premio dal", "persone con premio sotto"))
    ]


def test_the_one_tier_line_never_shows_a_withheld_ratio(ciclope_ente, tmp_path):
    # three EQ paid 3.000, 2.000 and 1.000 by a formula: one in each tier, merged into one; the ratio 3.000 / 1.000
    # is the pay of two people, said only beside a published range of tiers: withheld, the merged line or not
    parts = REGULATION.replace(
        '[premio]\nmetodo = "proporzionale"\nfonte = "art. 7"\n',
        '[[premi]]\nnome = "produttività"\nmetodo = "proporzionale"\nruoli = ["dipendente"]\nfonte = "art. 7"\n',
    )
    regulation = parts + (
        '\n[[premi]]\nnome = "risultato"\nmetodo = "formula"\nfondo = "risultato"\nruoli = ["po"]\n'
        'importo = "=SE(punteggio >= 90; 3000 €; SE(punteggio >= 70; 2000 €; 1000 €))"\nfonte = "art. 8"\n'
    )
    points = {"E1": 95, "E2": 80, "E3": 60}
    staff = [f"{p},EQ {p},po,D,com,1,0,false,SEG" for p in points] + [
        f"D{n},Persona {n},dipendente,C,com,1,0,false,SEG" for n in range(1, 4)
    ]
    cards = [f"{p},SEG,s,Voce,100,{s}," for p, s in points.items()] + [f"D{n},SEG,s,Voce,100,80," for n in range(1, 4)]
    funds = '[funds]\nperformance_individuale = "3000.00"\nrisultato = "6000.00"\n'
    result = run_declared(ciclope_ente, tmp_path, regulation, one_unit_comune("Comune", staff, cards, funds))
    lead = [(what, value) for group, what, value in art20.rows(result) if group != "personale" and group != art20.ENTE]
    assert (
        "persone con premio a ogni quota del più alto (le righe dal 90%, dal 60% al 90% e sotto il 60% unite per la "
        "riservatezza)",
        "3",
    ) in lead
    assert ("grado di differenziazione", "riservato") in lead


def test_an_ente_without_any_fund_still_publishes_the_laws_totals(ciclope_ente, tmp_path):
    # ente.toml gives no [fondi]: a warning, nothing paid; the ente's totals are published all the same, 0,00 of
    # 0,00 over the 7 evaluated (art. 20 c. 1–2), never a file without them
    points = {"A": 100, "B": 80, "C": 80, "D": 50, "E": 50, "F": 70, "G": 70}
    staff = [f"{p},Persona {p},dipendente,C,com,1,0,false,SEG" for p in points]
    cards = [f"{p},SEG,s,Voce,100,{s}," for p, s in points.items()]
    result = run_declared(ciclope_ente, tmp_path, REGULATION, one_unit_comune("Ordine di Prova", staff, cards, ""))
    whole = [(what, value) for group, what, value in art20.rows(result) if group == art20.ENTE]
    assert whole == [
        ("premi stanziati (€)", "0,00"),
        ("premi distribuiti (€)", "0,00"),
        ("persone valutate", "7"),
        ("premio medio conseguibile (€)", "0,00"),
    ]
