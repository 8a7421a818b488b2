"""`ciclope diff` for a person paid by two parts from two funds: when a riesame admits her to both, each part is
said before and after with its difference, the lines add up to her difference, and the «Differenza» column says it
(she had no amount before: nothing paid is € 0,00 paid).

A Comune of three dipendenti: «base» divides the fund «produttivita» of € 1.000,00 by the score, «aggiuntivo» the
fund «aggiuntiva» of € 600,00 by the score, both only to whoever has at least 60 points. Between the runs Anna
Colavita's riesame takes her from 50 to 80 points.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from comune_di_prova import HEAD, files
from test_diff_parts import diff, said  # the same command between runs 1 and 2, the same lines under a person

from helpers import corrected_run

REGULATION = (
    HEAD
    + """
[[premi]]
nome = "base"
metodo = "proporzionale"
fondo = "produttivita"
quota_fondo = "100%"
ammesso = '=punteggio >= 60'
tempo_parziale = "intero"
rateo_giorni = false
peso = '=punteggio'
fonte = "art. 4"

[[premi]]
nome = "aggiuntivo"
metodo = "proporzionale"
fondo = "aggiuntiva"
quota_fondo = "100%"
ammesso = '=punteggio >= 60'
tempo_parziale = "intero"
rateo_giorni = false
peso = '=punteggio'
fonte = "art. 5"
"""
)
FILES = files({"D01": 50, "D02": 90, "D03": 70})
FILES["ente.toml"] = FILES["ente.toml"].replace(
    'produttivita = "1000.00"', 'produttivita = "1000.00"\naggiuntiva = "600.00"'
)
RICORSI = (
    "persona,fase,data,esito,voce_rivista,nuovi_punti\nD01,riesame,2026-03-10,accolto,Valutazione complessiva,80\n"
)


@pytest.fixture(scope="module")
def two_runs(tmp_path_factory) -> Path:
    return corrected_run(tmp_path_factory.mktemp("due_fondi"), REGULATION, FILES, {"ricorsi.csv": RICORSI})


# run 1: D01 has 50 < 60, in neither part; D02 90, D03 70 (Σ 160):
#   base 1.000 × 90/160 = 562,50 and × 70/160 = 437,50; aggiuntivo 600 × 90/160 = 337,50 and × 70/160 = 262,50.
# run 2: D01 80 (Σ 80 + 90 + 70 = 240):
#   base 1.000 × 80/240 = 333,333… → 333,33; × 90/240 = 375,00; × 70/240 = 291,666… → 291,66; 999,99, the cent to
#     the largest remainder (D03, ,666…): 291,67;
#   aggiuntivo 600 × 80/240 = 200,00; × 90/240 = 225,00; × 70/240 = 175,00.
# D01: nothing → 333,33 + 200,00 = 533,33, a difference of € +533,33 = 333,33 + 200,00.


def test_both_parts_from_two_funds_are_said_with_their_difference(two_runs):
    text = diff(two_runs)
    (row,) = [line for line in text.splitlines() if line.startswith("Anna Colavita (D01)")]
    # before «nessun importo», after € 533,33, the difference € +533,33 in its column
    assert row.split("nessun importo")[1].split() == ["€", "533,33", "€", "+533,33"]
    lines = said(text, "D01")
    parts = [line for line in lines if line.startswith("cambiato: Premio di Anna Colavita")]
    assert len(parts) == 2
    assert parts[0].startswith("cambiato: Premio di Anna Colavita — base: nessuna cifra prima, € 333,33")
    assert parts[0].endswith("dopo (differenza € +333,33)")
    assert parts[1].startswith("cambiato: Premio di Anna Colavita — aggiuntivo: nessuna cifra prima, € 200,00")
    assert parts[1].endswith("dopo (differenza € +200,00)")


def test_the_difference_of_who_had_no_amount_is_in_the_json_too(two_runs):
    doc = json.loads(diff(two_runs, "--json"))
    d01 = next(p for p in doc["people"] if p["person"] == "D01")
    assert d01["difference"]["amount"] in ("533.33", 533.33)
