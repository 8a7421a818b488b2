"""premi-art20.csv of an ente whose Direttore is a dirigente paid from the dirigenza's fund, outside the cycle (case Y
of the blind testers, an ATER): no fund of the cycle can pay him, so he is not among those who could reach a premium
nor among the people «senza premio» (rules/core.md §6; docs/reports.md). Every figure by hand."""

from __future__ import annotations

from ciclope.core.reports import art20

from helpers import one_unit_comune, run_declared

REGULATION = """\
formato = 2

[atto]
titolo = "Contratto integrativo dell'Ente"
tipo_ente = "comune"

[[premi]]
nome = "produttività"
metodo = "proporzionale"
fondo = "produttivita"
ruoli = ["dipendente"]
fonte = "art. 5"

[risultato_po]
metodo = "percentuale"
fondo = "risultato_po"
fonte = "art. 10"
soglia_positiva = 60
percentuali = [
  { da = 90, quota = 0.25 },
  { da = 80, quota = 0.20 },
  { da = 60, quota = 0.15 },
]
"""


def published(ciclope_ente, tmp_path) -> dict[tuple[str, str], str]:
    header = "id,name,role,category,unit,fte,absence_days,insufficient,evaluator,position_pay"
    staff = ["DIR,Direttore,dirigente,DIR,com,1,0,false,SEG,"]
    staff += [f"PO{i},Posizione {i},po,D,com,1,0,false,SEG,10000.00" for i in (1, 2, 3)]
    staff += [f"E{i},Persona {i},dipendente,C,com,1,0,false,SEG," for i in (1, 2, 3)]
    cards = ["DIR,SEG,scheda,Valutazione complessiva,100,95,"]
    cards += [f"PO{i},SEG,scheda,Valutazione complessiva,100,{p}," for i, p in ((1, 95), (2, 85), (3, 70))]
    cards += [f"E{i},SEG,scheda,Valutazione complessiva,100,{p}," for i, p in ((1, 90), (2, 80), (3, 70))]
    funds = '[fondi]\nproduttivita = "2400.00"\nrisultato_po = "6000.00"\n'
    data = one_unit_comune("Comune di Prova", staff, cards, funds)
    data["people.csv"] = data["people.csv"].replace(data["people.csv"].splitlines()[0], header, 1)
    data["people.csv"] = data["people.csv"].replace("SEG,Segretario,segretario,DIR,com,1,0,false,\n",
                                                    "SEG,Segretario,segretario,DIR,com,1,0,false,,\n")  # fmt: skip
    result = run_declared(ciclope_ente, tmp_path, REGULATION, data)
    text = art20.render(result)
    return {tuple(line.split(";")[:2]): line.split(";")[2] for line in text.lstrip("\ufeff").splitlines()[1:]}


def test_a_dirigente_no_fund_of_the_cycle_pays_is_not_counted_among_those_who_could_be_paid(ciclope_ente, tmp_path):
    rows = published(ciclope_ente, tmp_path)
    # the PO's result pay: 10000 × 25% = 2500.00, × 20% = 2000.00, × 15% = 1500.00 (6000.00 stanziati); the Direttore
    # (95 points) has no fund of the cycle. Evaluated: DIR + 3 PO = 4; those a fund could pay: the 3 PO.
    # Mean reachable 6000 / 3 = 2000,00, not 6000 / 4 = 1500,00
    assert rows[("dirigenti e PO", "persone valutate")] == "4"
    assert rows[("dirigenti e PO", "persone valutate a cui è destinato un fondo dei premi")] == "3"
    assert rows[("dirigenti e PO", "premio medio conseguibile (€)")] == "2000,00"
    # all three PO were paid: nobody «senza premio» (the Direttore is not unpaid by this cycle: it does not pay him)
    assert rows[("dirigenti e PO", "persone senza premio")] == "0"
    # the ente: 2400 + 6000 = 8400 stanziati over the 3 PO + 3 dipendenti = 6 (of 7 evaluated): 1400,00
    assert rows[("tutto il personale", "persone valutate")] == "7"
    assert rows[("tutto il personale", "persone valutate a cui è destinato un fondo dei premi")] == "6"
    assert rows[("tutto il personale", "premio medio conseguibile (€)")] == "1400,00"
