"""`ciclope diff` on a premium of three parts, one of them a maggiorazione set aside for the best score: each
figure reads as `ciclope explain` reads it (a percentage to two decimals, a share as a percentage), the parts of a
person who gains or loses the maggiorazione are said before and after, and only the people whose data changed are
named as the reason of the others' amounts.

A Comune of five dipendenti of category C shares € 1.000,00: «collettiva» 40% by the time worked, reduced for the
absences over 30 days; «individuale» 60% by the score; «maggiorazione» € 56,00 for the best score, set aside from
«individuale». Between the runs: D01's riesame (80 → 100, she overtakes D02), D03's absences corrected (40 → 25
days), D04's time worked corrected (100% → 50%).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from comune_di_prova import HEAD, files

from helpers import ciclope, first_comune_run

REGULATION = (
    HEAD
    + """
[[premi]]
nome = "collettiva"
metodo = "proporzionale"
fondo = "produttivita"
quota_fondo = "40%"
tempo_parziale = "intero"
rateo_giorni = false
peso = '=quota_tempo'
fonte = "art. 4"

[[premi]]
nome = "individuale"
metodo = "proporzionale"
fondo = "produttivita"
quota_fondo = "60%"
residuo_a = "maggiorazione"
tempo_parziale = "intero"
rateo_giorni = false
peso = '=punteggio'
fonte = "art. 5"

[[premi]]
nome = "maggiorazione"
metodo = "formula"
fondo = "produttivita"
quota_fondo = 0
accantonata = true
maggiorazione = true
tempo_parziale = "intero"
ammesso = '=RANGO.ENTE(punteggio) = 1'
importo = '=56 €'
fonte = "art. 6"

[[riduzioni]]
riduzione = '=MAX(0%; (assenze - 30 giorni) / giorni_anno)'
parti = ["collettiva"]
economie = "ripartite"
fonte = "art. 7"
"""
)

PEOPLE = (
    "codice,nome,ruolo,categoria,unità,quota_tempo,giorni_assenza,valutatore\n"
    "D01,Anna Colavita,dipendente,C,ENTE,100%,0,SEG\n"
    "D02,Giulia Mastrangelo,dipendente,C,ENTE,100%,0,SEG\n"
    "D03,Pasquale Iacovelli,dipendente,C,ENTE,100%,40,SEG\n"
    "D04,Rosa Santoro,dipendente,C,ENTE,100%,0,SEG\n"
    "D05,Marco Ferri,dipendente,C,ENTE,100%,0,SEG\n"
)
FILES = files({"D01": 80, "D02": 90, "D03": 70, "D04": 60, "D05": 20}, PEOPLE.split("\n", 1)[1])
RICORSI = (
    "persona,fase,data,esito,voce_rivista,nuovi_punti\nD01,riesame,2026-03-10,accolto,Valutazione complessiva,100\n"
)


@pytest.fixture(scope="module")
def two_runs(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("parti")
    first_comune_run(root, REGULATION, FILES)
    corrected = PEOPLE.replace("100%,40,SEG", "100%,25,SEG").replace(
        "D04,Rosa Santoro,dipendente,C,ENTE,100%", "D04,Rosa Santoro,dipendente,C,ENTE,50%"
    )
    (root / "comune" / "persone.csv").write_text(corrected, encoding="utf-8")
    (root / "comune" / "ricorsi.csv").write_text(RICORSI, encoding="utf-8")
    done = ciclope("run", root / "cycle.toml")
    assert done.returncode == 0, done.stderr
    return root / "cycle.toml"


def diff(cycle: Path, *extra: str) -> str:
    done = ciclope("diff", cycle, "--ente", "comune-prova", "--run", "1", "--run", "2", *extra)
    assert done.returncode == 0, done.stderr
    return done.stdout


def said(text: str, pid: str) -> list[str]:
    """The lines under one person's row, without their two leading spaces."""
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if f"({pid})" in line and not line.startswith(" "))
    end = next((j for j in range(start + 1, len(lines)) if not lines[j].startswith("  ")), len(lines))
    return [line[2:] for line in lines[start + 1 : end]]


# «collettiva», € 400,00 by the time worked × (1 − reduction):
#   run 1: D03's 40 days cut (40 − 30) / 365 = 2,7397…% (2,74%): weights 1, 1, 355/365, 1, 1, Σ 1.815/365;
#     400 × 365/1.815 = 80,4407… → 80,44 for D01, D02, D04, D05 (remainder 0,08 cent), 400 × 355/1.815 = 78,2369… →
#     78,23 (0,69): 399,99, the cent to D03: 80,44 · 80,44 · 78,24 · 80,44 · 80,44.
#   run 2: D03's 25 days cut nothing, D04 works 50%: weights 1, 1, 1, 0,5, 1, Σ 4,5; 400 / 4,5 = 88,888… → 88,88
#     (0,89 cent), 44,444… → 44,44 (0,44) for D04: 399,96, the four cents to the full-timers: 88,89 · 88,89 · 88,89 ·
#     44,44 · 88,89.
# «individuale», € 600,00 by the score; «maggiorazione» € 56,00 to the best score, set aside from it, and the
#   € 544,00 left split again by the score:
#   run 1: scores 80, 90, 70, 60, 20 (Σ 320): D02 is first; 544 / 320 = 1,70 a point: 136 · 153 · 119 · 102 · 34.
#   run 2: D01's riesame 80 → 100 (Σ 340): D01 is first; 544 / 340 = 1,60 a point: 160 · 144 · 112 · 96 · 32.
# Awards: run 1 D01 80,44 + 136,00 = 216,44; D02 80,44 + 153,00 + 56,00 = 289,44; D05 80,44 + 34,00 = 114,44.
#   run 2 D01 88,89 + 160,00 + 56,00 = 304,89 (+88,45 = 8,45 + 24,00 + 56,00); D02 88,89 + 144,00 = 232,89
#   (−56,55 = 8,45 − 9,00 − 56,00); D05 88,89 + 32,00 = 120,89 (+6,45), none of her data changed.
# Each part's line says its own difference, which add up to the person's: D01 +8,45 +24,00 +56,00 = +88,45; D02
#   +8,45 −9,00 −56,00 = −56,55.


def test_a_reduction_that_comes_to_0_is_said_by_the_datum_that_changed(two_runs):
    # the cut of 2,7397…% (10 / 365) is 0% after (25 days, under the 30): the reduction of 0% is still recorded (the
    # person's days were counted), so the change is the datum that moved, the days, never 28 digits of a percentage
    assert said(diff(two_runs), "D03") == [
        "cambiato: i giorni di assenza: 40 (tabella persone, riga 4, colonna giorni_assenza) → 25 (tabella persone, "
        "riga 4, colonna giorni_assenza)"
    ]


def test_a_share_typed_as_a_percentage_reads_as_one(two_runs):
    lines = said(diff(two_runs), "D04")
    assert lines == [
        "cambiato: il tempo lavorato (la quota del tempo pieno): 100% (tabella persone, riga 5, colonna quota_tempo) "
        "→ 50% (tabella persone, riga 5, colonna quota_tempo)"
    ]


def test_the_parts_of_who_gains_the_maggiorazione_are_said_before_and_after(two_runs):
    text = diff(two_runs)
    assert "€ 216,44" in text and "€ 304,89" in text and "€ +88,45" in text
    assert said(text, "D01") == [
        "cambiato: Risultati / Valutazione complessiva (massimo 100 punti): 80 (tabella valutazioni, riga 2, colonna "
        "punti) → 100 (tabella ricorsi, riga 2, colonna nuovi_punti)",
        "cambiato: Partecipazione di Anna Colavita alla parte «maggiorazione»: no prima, sì dopo",
        "cambiato: Premio di Anna Colavita — collettiva: € 80,44 prima, € 88,89 dopo (differenza € +8,45)",
        "cambiato: Premio di Anna Colavita — individuale: € 136,00 prima, € 160,00 dopo (differenza € +24,00)",
        "cambiato: Premio di Anna Colavita — maggiorazione: nessuna cifra prima, € 56,00 dopo (differenza € +56,00)",
    ]
    assert "fondo intero" not in text  # the quota before the set-aside measures the maggiorazione: it is not pay


def test_who_loses_the_maggiorazione_is_no_reason_of_the_others(two_runs):
    text = diff(two_runs)
    assert "€ 289,44" in text and "€ 232,89" in text and "€ −56,55" in text
    because = (
        "perché: nessun suo dato è cambiato: l'importo cambia perché il fondo è ripartito tra tutti e sono cambiati "
        "i dati di Anna Colavita (D01), Pasquale Iacovelli (D03), Rosa Santoro (D04)"
    )
    assert said(text, "D02") == [
        "cambiato: Partecipazione di Giulia Mastrangelo alla parte «maggiorazione»: sì prima, no dopo",
        "cambiato: Premio di Giulia Mastrangelo — collettiva: € 80,44 prima, € 88,89 dopo (differenza € +8,45)",
        "cambiato: Premio di Giulia Mastrangelo — individuale: € 153,00 prima, € 144,00 dopo (differenza € −9,00)",
        "cambiato: Premio di Giulia Mastrangelo — maggiorazione: € 56,00 prima, nessuna cifra dopo (differenza € −56,00)",
        because,
    ]
    # her result moved, not her data: D05's reason names the three whose data changed, not her
    assert "€ 114,44" in text and "€ 120,89" in text and "€ +6,45" in text
    assert said(text, "D05") == [because]
    doc = json.loads(diff(two_runs, "--json"))
    by_id = {p["person"]: p for p in doc["people"]}
    assert by_id["D05"]["others"] == by_id["D02"]["others"] == ["D01", "D03", "D04"]
    assert [c["data"] for c in by_id["D02"]["changes"]] == [False, False, False, False]
