"""An Automobile Club (Funzioni Centrali) whose regulation pays three parts from one fund (a blind tester's case):
«quantità» and «progetto» without any evaluation (``valutazione = false``), «qualità» by level, with an exclusion
(a score under 60) limited to «qualità». P08's card (18 + 15 + 14 = 47 points) is raised by the riesame to
18 + 15 + 24 = 57. Every expected word written by hand."""

from __future__ import annotations

import shutil
from pathlib import Path

from openpyxl import load_workbook

from ciclope.core.reports import xlsx

from helpers import computed_case

CASE = Path(__file__).parent / "montebruno"


def case(tmp_path: Path, riesame: bool = True):
    """The case computed in a copy under ``tmp_path``; without ``riesame``, before P08's appeal is decided."""
    folder = tmp_path / "ac"
    shutil.copytree(CASE, folder)
    if not riesame:
        (folder / "montebruno" / "ricorsi.csv").unlink()
    return computed_case(folder / "cycle.toml")


def premi(result, tmp_path: Path) -> dict[tuple[str, str], tuple[object, ...]]:
    """The sheet «Premi» of schede.xlsx: (code, part) → (Livello, Esito)."""
    path = tmp_path / "schede.xlsx"
    xlsx.write(result, path)
    rows = list(load_workbook(path)["Premi"].iter_rows(values_only=True))
    head = rows[0]
    at = {name: head.index(name) for name in ("Codice", "Parte", "Livello", "Esito")}
    return {(r[at["Codice"]], r[at["Parte"]]): (r[at["Livello"]], r[at["Esito"]]) for r in rows[1:] if r[at["Parte"]]}


def test_the_parts_without_evaluation_say_no_level_and_no_outcome(tmp_path):
    rows = premi(case(tmp_path), tmp_path)
    # P01: card 38 + 28 + 27 = 93, score 91,83: «eccellente», read by «qualità» alone
    assert rows["P01", "quantità"] == ("—", "senza valutazione individuale")
    assert rows["P01", "progetto"] == ("—", "senza valutazione individuale")
    assert rows["P01", "qualità"] == ("eccellente", "valutato")


def section(html: str, title: str) -> str:
    """The words of the scheda's section ``title``, without tags."""
    import re

    body = html.split(f"<h2>{title}</h2>", 1)[1].split("</section>", 1)[0]
    return " ".join(re.sub(r"<[^>]+>", " ", body).split())


def test_the_scheda_says_the_level_once_with_its_article(tmp_path):
    from ciclope.core.schede.content import build
    from ciclope.core.schede.render import render

    # after the riesame P08's card is 57 points: 80% × 57 + 20% × 87,14 = 45,6 + 17,43 = 63,03, «adeguato» (≥ 60)
    said = section(render(build(case(tmp_path), "P08")), "Punteggio e livello")
    assert said.count("adeguato") == 1
    assert said.startswith(
        "Punteggio complessivo: 63,03 su 100 · livello: adeguato (CCI 2025, art. 6) Esito: valutato. Come si calcola: "
    )


def test_before_the_riesame_the_relazione_counts_the_exclusion_of_the_part(tmp_path):
    from ciclope.core.reports import stats

    # before the riesame P08's card is 18 + 15 + 14 = 47: 80% × 47 + 20% × 87,14 = 37,6 + 17,43 = 55,03, under the
    # minimum of 60 of «qualità» alone (still paid «quantità» and «progetto»: his outcome stays «valutato»), under the
    # lowest level too («adeguato» from 60)
    result = case(tmp_path, riesame=False)
    assert stats.distribution(result) == [
        ("eccellente", 2),
        ("buono", 5),
        ("adeguato", 2),  # P06 73,43, P10
        ("valutato; escluso dalla parte «qualità» per punteggio sotto il minimo", 1),
    ]
    # the workbook says the same exclusion on the row of that part (no level: its cell is empty)
    assert premi(result, tmp_path)["P08", "qualità"] == (None, "escluso per punteggio sotto il minimo")


def test_next_years_template_speaks_of_no_fund_report_the_ente_does_not_have(tmp_path, capsys):
    """The Automobile Club has no fund sheet (comparto «altro»): no relazione tecnico-finanziaria compares its fund
    with the year before, and ``template --from`` said it did («(Modulo III)»). It says what the kept store is for
    here: the two years side by side, by ciclope history and ciclope diff."""
    from ciclope.core.commands.cli import main

    folder = tmp_path / "ac"
    shutil.copytree(CASE, folder)
    assert main(["run", str(folder / "cycle.toml")]) == 0  # recorded in ciclope.db beside cycle.toml
    capsys.readouterr()
    nxt = tmp_path / "u2026"
    assert main(["template", "regolamento", str(nxt), "--from", str(folder / "out" / "ac-montebruno")]) == 0
    lines = capsys.readouterr().out.splitlines()
    # the store named from the new folder u2026: ../ac/ciclope.db
    assert lines[1] == (
        "Il nuovo ciclo usa lo stesso archivio dell'anno prima (../ac/ciclope.db, in [archivio] indirizzo di "
        "cycle.toml): ciclope history e ciclope diff confrontano i due anni."
    )
    # without a store, what keeping one would give: the same two commands, never the fund's Modulo III
    shutil.rmtree(nxt)
    (folder / "ciclope.db").unlink()
    assert main(["template", "regolamento", str(nxt), "--from", str(folder / "out" / "ac-montebruno")]) == 0
    assert capsys.readouterr().out.splitlines()[1] == (
        "L'anno prima è stato eseguito senza archivio, o il suo archivio non si trova: il nuovo ciclo ne usa uno "
        "nuovo. Per confrontare i due anni con ciclope history e ciclope diff i due cicli devono usare lo stesso "
        "archivio: scrivilo in [archivio] indirizzo di cycle.toml, o indicalo con --store."
    )
