"""The office's year run twice: `ciclope diff --run 1 --run 2` says who moved and why, and `ciclope verify` on the
first run's outputs, once the office corrected its data, still says whether that run's figures are intact.

A Comune of four dipendenti, all of category C and full time, shares a fund of € 1.000,00 in proportion to
score × (1 − reduction for absence). Run 1, then the office decides two riesami (D01's «Qualità» 40 → 45 accepted,
D04's rejected) and corrects D03's absence (45 → 15 days), then run 2.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from helpers import ciclope, first_comune_run

REGULATION = """formato = 2

[atto]
titolo = "Regolamento sulla performance del Comune di Prova"
sigla = "Regolamento"
tipo_ente = "comune"
comparto = "funzioni_locali"

[punteggio]
fonte = "art. 1"
dipendente = { scheda = 1 }

[[scheda]]
fonte = "art. 2"
ruoli = ["dipendente"]
voci = [
  { sezione = "Risultati", voce = "Obiettivi", massimo = 50 },
  { sezione = "Comportamenti", voce = "Qualità", massimo = 50 },
]

[[riduzioni]]
misura = "assenze"
fonte = "art. 3"
scaglioni = [{ da = 0, a = 30, riduzione = 0 }, { da = 31, riduzione = 0.5 }]

[premio]
metodo = "proporzionale"
fonte = "art. 4"
fondo = "performance_individuale"
"""

FILES = {
    "ente.toml": 'nome = "Comune di Prova"\n\n[fondi]\nperformance_individuale = "1000.00"\n\n'
    '[valutatori]\nSEG = "Segretario comunale"\n',
    "unità.csv": "codice,nome,tipo,superiore,responsabile\nENTE,Comune di Prova,ente,,\n",
    "obiettivi.csv": "codice,tipo,titolo,superiore,area,peso,responsabile\nO1,operativo,Servizi,,,,ENTE\n",
    "indicatori.csv": "codice,obiettivo,nome,tipo,peso,valore_base,target,consuntivo\n"
    "I1,O1,Pratiche,più è meglio,1,,10,10\n",
    "persone.csv": "codice,nome,ruolo,categoria,unità,quota_tempo,giorni_assenza,valutatore\n"
    "D01,Anna Colavita,Dipendente,C,ENTE,100%,0,SEG\n"
    "D02,Giulia Mastrangelo,Dipendente,C,ENTE,100%,0,SEG\n"
    "D03,Pasquale Iacovelli,Dipendente,C,ENTE,100%,45,SEG\n"
    "D04,Rosa Santoro,Dipendente,C,ENTE,100%,0,SEG\n",
    "valutazioni.csv": "persona,valutatore,sezione,voce,punti_massimi,punti\n"
    "D01,SEG,Risultati,Obiettivi,50,40\nD01,SEG,Comportamenti,Qualità,50,40\n"
    "D02,SEG,Risultati,Obiettivi,50,45\nD02,SEG,Comportamenti,Qualità,50,45\n"
    "D03,SEG,Risultati,Obiettivi,50,35\nD03,SEG,Comportamenti,Qualità,50,35\n"
    "D04,SEG,Risultati,Obiettivi,50,30\nD04,SEG,Comportamenti,Qualità,50,30\n",
}
RICORSI = "persona,fase,data,esito,voce_rivista,nuovi_punti\nD01,riesame,2026-03-10,accolto,Qualità,45\n"
RICORSI += "D04,riesame,2026-03-12,respinto,,\n"


def first_run(tmp_path: Path) -> Path:
    return first_comune_run(tmp_path, REGULATION, FILES)


def correct(tmp_path: Path) -> None:
    """The office's corrections between the runs: D03's absence 45 → 15 days, the two riesami."""
    people = tmp_path / "comune" / "persone.csv"
    people.write_text(people.read_text(encoding="utf-8").replace("100%,45,SEG", "100%,15,SEG"), encoding="utf-8")
    (tmp_path / "comune" / "ricorsi.csv").write_text(RICORSI, encoding="utf-8")


@pytest.fixture
def two_runs(tmp_path: Path) -> Path:
    cycle = first_run(tmp_path)
    correct(tmp_path)
    done = ciclope("run", cycle)
    assert done.returncode == 0, done.stderr
    return cycle


def diff(cycle: Path, *extra: str):
    done = ciclope("diff", cycle, "--ente", "comune-prova", "--run", "1", "--run", "2", *extra)
    assert done.returncode == 0, done.stderr
    return done.stdout


def block(text: str, pid: str) -> str:
    """The lines of one person in the diff: their row and the indented lines under it."""
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if f"({pid})" in line and not line.startswith(" "))
    end = next((j for j in range(start + 1, len(lines)) if not lines[j].startswith("  ")), len(lines))
    return "\n".join(lines[start:end])


# Run 1: weights = score × (1 − reduction): D01 80, D02 90, D03 70 × 0,5 = 35 (45 days: 50%), D04 60; Σ 265.
#   1000 × 80/265 = 301,886… → 301,88 (remainder 0,67 cent), 90/265 = 339,622… → 339,62 (0,26),
#   35/265 = 132,075… → 132,07 (0,54), 60/265 = 226,415… → 226,41 (0,51): 999,98, the two cents left to the
#   highest remainders D01 and D03: 301,89 · 339,62 · 132,08 · 226,41.
# Run 2: D01 40 + 45 = 85 (riesame), D03 70 × 1 (15 days: no reduction); Σ 85 + 90 + 70 + 60 = 305.
#   1000 × 85/305 = 278,688… → 278,68 (0,85), 90/305 = 295,081… → 295,08 (0,16), 70/305 = 229,508… → 229,50
#   (0,82), 60/305 = 196,721… → 196,72 (0,13): 999,98, two cents to D01 and D03: 278,69 · 295,08 · 229,51 · 196,72.
# Differences: D01 +5,00 points, 278,69 − 301,89 = −23,20; D02 295,08 − 339,62 = −44,54;
#   D03 229,51 − 132,08 = +97,43; D04 196,72 − 226,41 = −29,69.
AMOUNTS = {
    "D01": ("301.89", "278.69", "-23.20"),
    "D02": ("339.62", "295.08", "-44.54"),
    "D03": ("132.08", "229.51", "97.43"),
    "D04": ("226.41", "196.72", "-29.69"),
}


def test_diff_names_each_person_with_before_after_and_difference(two_runs):
    text = diff(two_runs)
    d01 = block(text, "D01")
    assert "Anna Colavita (D01)" in d01
    assert "80,00" in d01 and "85,00" in d01 and "+5,00" in d01
    assert "€ 301,89" in d01 and "€ 278,69" in d01 and "€ −23,20" in d01
    assert "€ +97,43" in block(text, "D03") and "€ −44,54" in block(text, "D02")
    people = text[text.index("Persone") : text.index("Violazioni")]
    assert "—" not in people  # a regulation without levels: nothing that looks like a missing value
    doc = json.loads(diff(two_runs, "--json"))
    got = {p["person"]: (p["name"], p["difference"]["amount"]) for p in doc["people"]}
    assert got["D01"] == ("Anna Colavita", AMOUNTS["D01"][2])
    assert {pid: amount for pid, (_, amount) in got.items()} == {pid: a[2] for pid, a in AMOUNTS.items()}
    assert next(p for p in doc["people"] if p["person"] == "D01")["difference"]["score"] == 5.0


def test_diff_says_what_changed_in_a_persons_own_inputs(two_runs):
    text = diff(two_runs)
    d01 = block(text, "D01")
    # the riesame: the card's «Qualità» read 40 from valutazioni (row 3), now 45 from ricorsi (row 2)
    assert "Comportamenti / Qualità" in d01
    assert "40 (tabella valutazioni, riga 3, colonna punti)" in d01
    assert "45 (tabella ricorsi, riga 2" in d01
    d03 = block(text, "D03")
    # the absence corrected: 45 days (persone, row 4) gave a 50% reduction; run 2 has none
    assert "giorni di assenza 45 (tabella persone, riga 4, colonna giorni_assenza)" in d03
    assert "50%" in d03 and "nessuna" in d03
    doc = json.loads(diff(two_runs, "--json"))
    d01_changes = next(p for p in doc["people"] if p["person"] == "D01")["changes"]
    assert {(c["from"], c["to"]) for c in d01_changes} == {(40, 45)}


def test_diff_says_an_unchanged_persons_amount_moved_with_the_shared_fund(two_runs):
    text = diff(two_runs)
    for pid in ("D02", "D04"):  # D04's riesame was rejected: nothing of hers changed
        lines = block(text, pid)
        assert "nessun suo dato è cambiato" in lines, lines
        assert "fondo" in lines and "Anna Colavita" in lines and "Pasquale Iacovelli" in lines
    assert "nessun suo dato" not in block(text, "D01")
    doc = json.loads(diff(two_runs, "--json"))
    d02 = next(p for p in doc["people"] if p["person"] == "D02")
    assert d02["changes"] == [] and d02["others"] == ["D01", "D03"]


def test_verify_after_the_data_changed_says_the_recorded_figures_are_intact(tmp_path):
    cycle = first_run(tmp_path)
    correct(tmp_path)
    folder = tmp_path / "risultati" / "comune-prova"
    done = ciclope("verify", folder)
    assert "file di input modificato dopo l'esecuzione: persone.csv" in done.stdout
    assert "risultati dell'esecuzione n. 1 intatti" in done.stdout, done.stdout
    assert "output non modificati" in done.stdout
    assert done.returncode == 3  # inputs changed, the recorded run intact: neither «identico» (0) nor «diverso» (1)
    assert cycle.is_file()


def test_verify_after_the_data_changed_still_finds_an_edited_result(tmp_path):
    first_run(tmp_path)
    correct(tmp_path)
    folder = tmp_path / "risultati" / "comune-prova"
    path = folder / "results.json"
    path.write_text(path.read_text(encoding="utf-8").replace('"301.89"', '"391.89"'), encoding="utf-8")
    done = ciclope("verify", folder)
    assert "results.json non è quello registrato nell'archivio" in done.stdout, done.stdout
    assert "intatti" not in done.stdout
    assert done.returncode == 1
