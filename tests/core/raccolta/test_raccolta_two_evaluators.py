"""The collection of a person evaluated by two evaluators in the year (valutatori.csv): each evaluator's card is its
own, in the workbook of its evaluator and in the ente's data, where its rows say their evaluator (``valutatore``); a
merge never compares, refuses or offers to remove another evaluator's card."""

from __future__ import annotations

from decimal import Decimal

import openpyxl
from office_year import fill_workbook

from ciclope.core.testing import compute_ente

from helpers import TRANSFER_CARDS_D1, ciclope, transfer_comune


def _nine_tenths(most: int) -> int:
    return most * 9 // 10  # Risultati 60 → 54, Comportamenti 40 → 36


def test_the_second_evaluators_card_is_merged_beside_the_firsts(tmp_path):
    cycle = transfer_comune(tmp_path)
    data = tmp_path / "comune" / "evaluations.csv"
    before = data.read_text(encoding="utf-8").splitlines()
    assert ciclope("raccolta", "crea", cycle, "--ente", "comune", "--out", tmp_path / "r").returncode == 0
    fill_workbook(tmp_path / "r" / "da-inviare" / "D2.xlsx", tmp_path / "r" / "ricevute" / "D2.xlsx", _nine_tenths)
    done = ciclope("raccolta", "unisci", cycle, "--ente", "comune", tmp_path / "r")
    assert done.returncode == 0, done.stderr
    assert "Schede unite: 1 nuove, 0 aggiornate, 0 già presenti" in done.stdout
    assert "togli quelle righe" not in done.stderr and "ha già una scheda" not in done.stderr
    after = data.read_text(encoding="utf-8").splitlines()
    assert after[1:5] == before[1:5]  # the dirigenti's cards and D1's card of P1, byte for byte
    merged = [line.split(",")[:6] for line in after[5:]]
    assert merged == [
        ["P1", "D2", "Scheda", "Risultati", "60", "54"],
        ["P1", "D2", "Scheda", "Comportamenti", "40", "36"],
    ]
    checked = ciclope("validate", cycle)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    result = compute_ente(tmp_path / "comune", "regolamento", 2024, {"regolamento": str(tmp_path / "smvp.toml")})
    # D1: 100 × (48 + 32) / 100 = 80,00 for 1/1–30/6/2024 (182 days); D2: 100 × (54 + 36) / 100 = 90,00 for
    # 1/7–31/12/2024 (184 days): (80,00 × 182 + 90,00 × 184) / 366 = (14.560 + 16.560) / 366 = 85,027… → 85,03
    assert result.scores["P1"].score == Decimal("85.03")


def test_a_conflict_names_only_the_returning_evaluators_rows(tmp_path):
    # the office typed D2's card too (rows 6–7: 50 and 30); D2 returns 54 and 36: a conflict with rows 6–7 only, D1's
    # rows 4–5 are another card, neither named nor to remove
    typed = ["P1,D2,Scheda,Risultati,60,50,", "P1,D2,Scheda,Comportamenti,40,30,"]
    cycle = transfer_comune(tmp_path, [*TRANSFER_CARDS_D1, *typed])
    before = (tmp_path / "comune" / "evaluations.csv").read_bytes()
    assert ciclope("raccolta", "crea", cycle, "--ente", "comune", "--out", tmp_path / "r").returncode == 0
    fill_workbook(tmp_path / "r" / "da-inviare" / "D2.xlsx", tmp_path / "r" / "ricevute" / "D2.xlsx", _nine_tenths)
    done = ciclope("raccolta", "unisci", cycle, "--ente", "comune", tmp_path / "r")
    assert done.returncode == 1
    assert (
        "evaluations.csv, riga 6, colonna person: errore: «P1» ha già una scheda di «D2» nei dati dell'ente (righe 6, 7) "
        "che non viene dalla cartella di «D2» ed è diversa da quella ricevuta in D2.xlsx: voce «Risultati», nei dati 50, "
        "nella cartella 54"
    ) in done.stderr
    assert (tmp_path / "comune" / "evaluations.csv").read_bytes() == before


def _card_rows(workbook) -> list[tuple]:
    return [row[:6] for row in openpyxl.load_workbook(workbook)["Schede"].iter_rows(min_row=2, values_only=True)]


def test_each_evaluator_receives_the_card_of_their_period(tmp_path):
    # no card of P1 in the data: D1's workbook and D2's each hold P1's card, the period beside the name
    cycle = transfer_comune(tmp_path, TRANSFER_CARDS_D1[:2])
    made = ciclope("raccolta", "crea", cycle, "--ente", "comune", "--out", tmp_path / "r")
    assert made.returncode == 0, made.stderr
    sent, back = tmp_path / "r" / "da-inviare", tmp_path / "r" / "ricevute"
    assert _card_rows(sent / "D1.xlsx") == [
        ("P1", "Paola Neri, dal 01/01/2024 al 30/06/2024", "Comune", "Scheda", "Risultati", 60),
        ("P1", "Paola Neri, dal 01/01/2024 al 30/06/2024", "Comune", "Scheda", "Comportamenti", 40),
    ]
    assert _card_rows(sent / "D2.xlsx") == [
        ("P1", "Paola Neri, dal 01/07/2024 al 31/12/2024", "Comune", "Scheda", "Risultati", 60),
        ("P1", "Paola Neri, dal 01/07/2024 al 31/12/2024", "Comune", "Scheda", "Comportamenti", 40),
    ]
    told = [c[0].value for c in openpyxl.load_workbook(sent / "D2.xlsx")["Istruzioni"].iter_rows()]
    assert (
        "Chi è valutato anche da un altro valutatore nell'anno ha accanto al nome il periodo di cui rispondi (ad "
        "esempio «dal 01/07/2024 al 31/12/2024»): valuta il suo lavoro in quel periodo; l'altro valutatore compila la "
        "scheda del suo."
    ) in told
    fill_workbook(sent / "D1.xlsx", back / "D1.xlsx", lambda most: most * 8 // 10)  # 60 → 48, 40 → 32
    fill_workbook(sent / "D2.xlsx", back / "D2.xlsx", _nine_tenths)  # 60 → 54, 40 → 36
    done = ciclope("raccolta", "unisci", cycle, "--ente", "comune", tmp_path / "r")
    assert done.returncode == 0, done.stderr
    assert "Schede unite: 2 nuove, 0 aggiornate, 0 già presenti" in done.stdout
    rows = (tmp_path / "comune" / "evaluations.csv").read_text(encoding="utf-8").splitlines()
    p1 = sorted(line.split(",")[:6] for line in rows if line.startswith("P1,"))
    assert p1 == [
        ["P1", "D1", "Scheda", "Comportamenti", "40", "32"],
        ["P1", "D1", "Scheda", "Risultati", "60", "48"],
        ["P1", "D2", "Scheda", "Comportamenti", "40", "36"],
        ["P1", "D2", "Scheda", "Risultati", "60", "54"],
    ]
    checked = ciclope("validate", cycle)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    result = compute_ente(tmp_path / "comune", "regolamento", 2024, {"regolamento": str(tmp_path / "smvp.toml")})
    # D1: 100 × (48 + 32) / 100 = 80,00 × 182 days; D2: 100 × (54 + 36) / 100 = 90,00 × 184 days:
    # (14.560 + 16.560) / 366 = 85,027… → 85,03
    assert result.scores["P1"].score == Decimal("85.03")
