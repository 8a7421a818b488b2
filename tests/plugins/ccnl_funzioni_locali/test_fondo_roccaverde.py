"""The 2026 fund of a Comune as a blind revisore dei conti certified it (Comune di Roccaverde, a reconstructed case:
the files beside this test): every amount was right to the cent, the document was not. Each test is one thing the
revisore found.

The fund, by hand (CCNL 23.2.2026; CCNL 16.11.2022 art. 79):
- stable: 68,450.00 + 83.20 × 13 = 1,081.60 + 84.50 × 12 = 1,014.00 + RIA 1,236.56 + 842.70 = 2,079.26 + differenziali
  1,850.00 + 0.14% × 412,380.00 = 577.332 → 577.33 + DL 25 5,000.00 = 80,052.19;
- cuts: DL 78/2010 2,300.00 and art. 60: 3 × 127.44 + 5 × 112.80 + 3 × 96.72 + 1 × 79.56 = 382.32 + 564.00 + 290.16
  + 79.56 = 1,316.04; stable net of the cuts 80,052.19 − 2,300.00 − 1,316.04 = 76,436.15;
- variable: 3,400.00 + 749.73 + 4,200.00 + 385.40 + 1,120.00 + 1,154.66 = 11,009.79; fund 87,445.94;
- destined 14,620.00 + 4,580.00 + 2,400.00 + 6,000.00 + 3,200.00 + 5,400.00 + 4,200.00 + 1,500.00 + 24,000.00 =
  65,900.00; residual 87,445.94 − 65,900.00 = 21,545.94.

The EQ: P01 position 9,000.00, card 24 + 22 + 22 + 22 = 90 → 25% → 2,250.00; P02 position 9,500.00, card
21 × 4 = 84 → 20% → 1,900.00. Paid: 9,000.00 + 9,500.00 = 18,500.00 of position + 2,250.00 + 1,900.00 = 4,150.00 of
result = 22,650.00; the EQ resources the sheet counts in the limit: 18,500.00.
"""

from __future__ import annotations

import html
import json
import shutil
from pathlib import Path

import pytest

from ciclope.core.commands.cli import main

CASE = Path(__file__).parent / "roccaverde"


def run(folder: Path, fondo: str | None = None) -> tuple[dict, str]:
    """results.json and the relazione tecnico-finanziaria's page of a run of the case (its fund sheet replaced)."""
    shutil.copytree(CASE, folder)
    if fondo is not None:
        (folder / "roccaverde" / "fondo.csv").write_text(fondo, encoding="utf-8")
    out = folder / "out"
    cycle = str(folder / "cycle.toml")
    assert main(["run", cycle, "--out", str(out), "--no-store", "--outputs", "results,fondo"]) in (0, 1)
    doc = json.loads((out / "roccaverde" / "results.json").read_text(encoding="utf-8"))
    page = html.unescape((out / "roccaverde" / "relazione-tecnico-finanziaria.html").read_text(encoding="utf-8"))
    return doc, page


@pytest.fixture(scope="module")
def year(tmp_path_factory) -> tuple[dict, str]:
    return run(tmp_path_factory.mktemp("anno") / "roccaverde")


def eq_warnings(doc: dict) -> list[dict]:
    return [v for v in doc["violations"] if v["rule"] == "ccnl.fondo.risorse_eq"]


def test_eq_resources_in_the_limit_below_what_the_cycle_pays_the_eq_is_a_warning_naming_both(year):
    doc, _ = year
    found = eq_warnings(doc)
    assert len(found) == 1 and found[0]["severity"] == "warning"
    message = found[0]["message"]
    # 18,500.00 counted in the limit; 18,500.00 + 4,150.00 = 22,650.00 paid
    assert message.startswith(
        "le risorse per le EQ nel limite (€ 18.500,00) sono meno di quanto il ciclo paga alle EQ (€ 22.650,00): "
    )
    assert "posizione € 18.500,00" in message and "risultato € 4.150,00" in message
    assert found[0]["where"].startswith("fondo.csv:")  # at the row of the EQ resources


def test_eq_resources_that_cover_what_is_paid_raise_no_warning(tmp_path):
    fondo = (CASE / "roccaverde" / "fondo.csv").read_text(encoding="utf-8")
    # 18,500.00 + 4,150.00 = 22,650.00: exactly what is paid
    doc, _ = run(tmp_path / "roccaverde", fondo.replace("risorse_eq,18500.00", "risorse_eq,22650.00"))
    assert eq_warnings(doc) == []


def test_eq_resources_in_the_limit_with_no_eq_in_the_people_sheet_is_a_warning(tmp_path):
    shutil.copytree(CASE, tmp_path / "caso")
    people = tmp_path / "caso" / "roccaverde" / "persone.csv"
    text = people.read_text(encoding="utf-8")
    # the two EQ written as employees, without position pay: nobody is paid by the 18,500.00 the limit counts
    text = text.replace("Giulia Ferrante,po,", "Giulia Ferrante,dipendente,").replace(",,,,9000.00", ",,,,")
    text = text.replace("Marco Lombardi,po,", "Marco Lombardi,dipendente,").replace(",,,,9500.00", ",,,,")
    people.write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    assert main(
        ["run", str(tmp_path / "caso" / "cycle.toml"), "--out", str(out), "--no-store", "--outputs", "results"]
    ) in (0, 1)
    doc = json.loads((out / "roccaverde" / "results.json").read_text(encoding="utf-8"))
    (found,) = eq_warnings(doc)
    assert found["severity"] == "warning" and found["where"].startswith("fondo.csv:")
    assert found["message"].startswith(
        "le risorse per le EQ (€ 18.500,00) contano nel limite, ma in persone.csv nessuna persona ha il ruolo "
        "delle EQ: se l'ente non ne ha, scrivi 0 nella riga"
    )


def test_the_stable_cut_cites_its_law_and_says_its_reliability_is_the_ente_s_act(year):
    doc, page = year
    cut = next(x for x in doc["fondo"]["constitution"] if x["key"] == "item:decurtazione")
    assert "DL 78/2010 art. 9 c. 2-bis" in cut["source"]
    assert cut["confidence"] == "atto dell'ente"
    # the legend says what the word means, on the page
    assert "«atto dell'ente» = " in page


def test_the_carried_residual_shows_the_subtraction_it_rests_on(year):
    doc, page = year
    residual = next(c for c in doc["fondo"]["checks"] if c["key"] == "residuo")
    rows = dict(residual["rows"])
    # stable net of the cuts 76,436.15; fixed payments on it: differenziali 14,620.00 + indennità di comparto
    # 4,580.00 + progressioni 2,400.00 = 21,600.00; free 76,436.15 − 21,600.00 = 54,836.15 ≥ 21,545.94: all carried
    assert rows["Risorse stabili al netto delle decurtazioni stabili"] == "76436.15"
    assert rows["Trattamenti fissi a carico delle risorse stabili"] == "-21600.00"
    assert rows["Risorse stabili non impegnate dai trattamenti fissi"] == "54836.15"
    assert rows["Torna nel fondo del 2027 come risorsa variabile"] == "21545.94"
    assert "€ 54.836,15" in page


def test_the_documents_for_the_revisore_do_not_name_the_program(year):
    doc, page = year
    assert not [n for n in doc["fondo"]["notes"] if "ciclope" in n.lower()]
    text = page.split("<body", 1)[1]
    assert "ciclope" not in text.lower()
