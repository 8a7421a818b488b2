"""`ciclope diff --year 2024 --year 2025`: an office's second year, against the first one in the same archive.

Between the two years the fund grows from € 1.000,00 to € 1.200,00, the regulation's threshold for the full weight
goes from 95 to 90 points, D01 retires on 31/03/2025, D02's «Obiettivi» go from 45 to 40 and her 20 days of absence
(a 10% reduction) become none: everyone's data change,
so what is common to all (the fund, the regulation) is said once at the top, not only for whoever's data did not
change; D01's retirement is among D01's changes.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers import ciclope

REGULATION = """formato = 2

[atto]
titolo = "Criteri per la produttività del Comune di Prova (CCDI 2024)"
sigla = "CCDI 2024"
tipo_ente = "comune"
comparto = "funzioni_locali"

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
scaglioni = [{ da = 0, a = 15, riduzione = 0 }, { da = 16, riduzione = "10%" }]

[[premi]]
nome = "produttività"
metodo = "proporzionale"
fondo = "produttivita"
quota_fondo = 1
ruoli = ["dipendente"]
rateo_giorni = true
peso = '=SE(punteggio >= 95; 1; punteggio / 100)'
fonte = "art. 4"
"""

FILES = {
    "ente.toml": 'nome = "Comune di Prova"\n\n[fondi]\nproduttivita = "1000.00"\n\n'
    '[valutatori]\nSEG = "Segretario comunale"\n',
    "unità.csv": "codice,nome,tipo,superiore,responsabile\nENTE,Comune di Prova,ente,,\n",
    "obiettivi.csv": "codice,tipo,titolo,superiore,area,peso,responsabile\nO1,operativo,Servizi,,,,ENTE\n",
    "indicatori.csv": "codice,obiettivo,nome,tipo,peso,valore_base,target,consuntivo\n"
    "I1,O1,Pratiche,più è meglio,1,,10,10\n",
    "persone.csv": "codice,nome,ruolo,categoria,unità,quota_tempo,giorni_assenza,valutatore,cessazione\n"
    "D01,Anna Colavita,Dipendente,C,ENTE,100%,0,SEG,\n"
    "D02,Giulia Mastrangelo,Dipendente,C,ENTE,100%,20,SEG,\n",
    "valutazioni.csv": "persona,valutatore,sezione,voce,punti_massimi,punti\n"
    "D01,SEG,Risultati,Obiettivi,50,48\nD01,SEG,Comportamenti,Qualità,50,48\n"
    "D02,SEG,Risultati,Obiettivi,50,45\nD02,SEG,Comportamenti,Qualità,50,45\n",
}


def cycle_of(year: int) -> str:
    return (
        f'[ciclo]\nanno = {year}\nrisultati = "risultati-{year}"\n\n[[ente]]\nid = "comune-prova"\n'
        f'plugin = "regolamento"\nregolamento = "regolamento-{year}.toml"\ndati = "comune"\n'
    )


@pytest.fixture
def two_years(tmp_path: Path) -> Path:
    """2024 run, then the office's 2025: its own regulation file, the fund, D01's retirement, D02's points."""
    (tmp_path / "comune").mkdir()
    for name, text in FILES.items():
        (tmp_path / "comune" / name).write_text(text, encoding="utf-8")
    (tmp_path / "regolamento-2024.toml").write_text(REGULATION, encoding="utf-8")
    cycle = tmp_path / "cycle.toml"
    cycle.write_text(cycle_of(2024), encoding="utf-8")
    assert ciclope("run", cycle).returncode == 0
    later = REGULATION.replace("2024", "2025").replace(">= 95", ">= 90")
    (tmp_path / "regolamento-2025.toml").write_text(later, encoding="utf-8")
    cycle.write_text(cycle_of(2025), encoding="utf-8")
    edits = [
        ("ente.toml", "1000.00", "1200.00"),
        ("persone.csv", "SEG,\nD02", "SEG,2025-03-31\nD02"),
        ("persone.csv", "100%,20,SEG", "100%,0,SEG"),
        ("valutazioni.csv", "D02,SEG,Risultati,Obiettivi,50,45", "D02,SEG,Risultati,Obiettivi,50,40"),
    ]
    for name, old, new in edits:
        path = tmp_path / "comune" / name
        path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    done = ciclope("run", cycle)
    assert done.returncode == 0, done.stderr
    return cycle


def diff(cycle: Path) -> str:
    done = ciclope("diff", cycle, "--ente", "comune-prova", "--year", "2024", "--year", "2025")
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_what_is_common_is_said_once_at_the_top(two_years: Path) -> None:
    text = diff(two_years)
    top = text.split("Persone con punteggio")[0]
    # the fund of ente.toml: 1000.00 → 1200.00, said as money
    assert "€ 1.000,00" in top and "€ 1.200,00" in top
    # the regulation's key that changed, as the office wrote it (the title and the sigla changed too)
    assert (
        "regolamento: [[premi]] «produttività», peso: =SE(punteggio >= 95; 1; punteggio / 100) → "
        "=SE(punteggio >= 90; 1; punteggio / 100)" in top
    )
    assert "[atto] sigla: CCDI 2024 → CCDI 2025" in top
    assert "indicato in cycle.toml" not in text


def block(text: str, pid: str) -> str:
    """The lines of one person in the diff: their row and the indented lines under it."""
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if f"({pid})" in line and not line.startswith(" "))
    end = next((j for j in range(start + 1, len(lines)) if not lines[j].startswith("  ")), len(lines))
    return "\n".join(lines[start:end])


def test_a_retirement_is_among_the_persons_changes(two_years: Path) -> None:
    # D01 retires on 31/03/2025 (persone.csv, row 2): her premium moves because of it, and the date is said
    lines = block(diff(two_years), "D01")
    assert "cambiato: data di cessazione: nessun dato prima, 31/03/2025 (" in lines
    assert "perché: nessun suo dato è cambiato" not in lines


def test_a_warning_that_only_names_its_year_is_neither_new_nor_resolved(two_years: Path) -> None:
    # the maggiorazione not configured: the same warning both years, «per il 2024» then «per il 2025»
    text = diff(two_years)
    assert "Violazioni nuove: 0" in text and "Violazioni risolte: 0" in text


def test_the_premium_line_follows_one_rule(two_years: Path) -> None:
    # D01's and D02's premiums both move, D02's also because her 10% reduction (20 days) is gone in 2025: the table
    # says both amounts; neither has a «Premio di …» line, since no part of the premium is paid in one year only
    # (a reduction is no part paid), as the people whose reduction did not change have none
    assert "cambiato: Premio di" not in diff(two_years)


def test_history_shows_the_regulation_whole_and_marks_the_year_it_changed(two_years: Path) -> None:
    done = ciclope("history", two_years, "--ente", "comune-prova")
    assert done.returncode == 0, done.stderr
    rows = {line[:4]: line for line in done.stdout.splitlines() if line[:4] in ("2024", "2025")}
    # the titles differ only at their end: both whole
    assert "Criteri per la produttività del Comune di Prova (CCDI 2024)" in rows["2024"]
    assert "Criteri per la produttività del Comune di Prova (CCDI 2025) (cambiato)" in rows["2025"]
    assert "(cambiato)" not in rows["2024"]
