"""The band cell of «Premi per livello» says what is true of its row: «nessun livello» for the people a fund divided
by levels leaves without one (under the scale), and «non diviso per livello» for a fund no level divides — the
dirigenti's result pay by the steps of its own scale, whose people may well have a level that «nessun livello» would deny."""

from __future__ import annotations

from ciclope.core.reports.sheets import bands

from helpers import one_unit_comune, run_declared

REGULATION = """\
formato = 2
[atto]
titolo = "Contratto integrativo della Città"
sigla = "CCDI"
tipo_ente = "citta_metropolitana"

[livelli]
fonte = "art. 6"
scala = [{ nome = "ottimo", da = 90 }, { nome = "buono", da = 70 }]

[[premi]]
nome = "performance individuale"
metodo = "livelli"
quota_fondo = 1
ruoli = ["dipendente"]
coefficienti = { ottimo = 1, buono = 0.8 }
fonte = "art. 7"

[risultato_po]
metodo = "percentuale"
ruoli = ["dirigente"]
fondo = "risultato"
percentuali = [{ da = 90, quota = 0.20 }, { da = 70, quota = 0.10 }]
fonte = "art. 8"
"""


def test_a_fund_no_level_divides_is_said_so(ciclope_ente, tmp_path):
    staff = [
        "A,Anna Verdi,dipendente,C,com,1,0,false,SEG",
        "B,Bruno Neri,dipendente,C,com,1,0,false,SEG",
        "C,Carla Bianchi,dipendente,C,com,1,0,false,SEG",
        "D,Dario Rossi,dipendente,C,com,1,0,false,SEG",
        "D1,Anna Russo,dirigente,,com,1,0,false,SEG,10000",
        "D2,Ciro Esposito,dirigente,,com,1,0,false,SEG,8000",
    ]
    points = {"A": 95, "B": 80, "C": 75, "D": 50, "D1": 95, "D2": 80}
    cards = [f"{pid},SEG,Scheda,Valutazione,100,{p}," for pid, p in points.items()]
    ente = '[funds]\nperformance_individuale = "2600.00"\nrisultato = "3000.00"\n'
    data = one_unit_comune("Città", staff, cards, ente)
    header, *lines = data["people.csv"].splitlines()
    data["people.csv"] = "\n".join(
        [header + ",retribuzione_posizione", *(x if x.count(",") > 8 else x + "," for x in lines)]
    )
    result = run_declared(ciclope_ente, tmp_path, REGULATION, data)
    rows = {(r[0], r[1]): r[2:5] for r in bands(result).rows}
    # weights A 1, B and C 0,8: 2.600 × 1 / 2,6 = 1.000,00 and 800,00 each; D (50) under the scale: 0
    assert rows[("Premi per la performance individuale", "ottimo")] == (1, 0, 1000)
    assert rows[("Premi per la performance individuale", "buono")] == (2, 0, 1600)
    assert rows[("Premi per la performance individuale", "nessun livello")] == (1, 1, 0)
    # D1 «ottimo» (95) and D2 «buono» (80), paid by the steps of [risultato_po], which no level divides:
    # 10.000 × 20% = 2.000,00 and 8.000 × 10% = 800,00
    assert rows[("Retribuzione di risultato dei dirigenti", "non diviso per livello")] == (2, 0, 2800)
    assert not [r for r in rows if r[0] == "Retribuzione di risultato dei dirigenti" and r[1] == "nessun livello"]
