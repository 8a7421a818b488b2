"""The Relazione's share of an evaluator's people at the highest level counts, as `ciclope compare` does
(docs/ops.md), the people with a level: someone under the lowest level is no denominator, and the column says so."""

from __future__ import annotations

from pathlib import Path

from comune_di_prova import BY_SCORE, HEAD, files

from helpers import first_comune_run

REGULATION = (
    HEAD
    + """
[livelli]
fonte = "art. 3"
scala = [{ nome = "eccellente", da = 90 }, { nome = "buono", da = 60 }]
"""
    + BY_SCORE
)
FILES = files({"D01": 95, "D02": 80, "D03": 50})


def test_the_share_at_the_top_is_on_the_people_with_a_level(tmp_path: Path):
    first_comune_run(tmp_path, REGULATION, FILES)
    text = (tmp_path / "risultati" / "comune-prova" / "relazione.html").read_text(encoding="utf-8")
    assert "Quota al livello più alto (eccellente) sulle persone con un livello" in text
    # D01 95 eccellente, D02 80 buono, D03 50 no level: 1 at the top of the 2 with a level, 50,00% (never 1/3, 33,33%)
    row = next(r for r in text.split("<tr>") if "Segretario comunale" in r)
    assert "50,00%" in row and "33,33%" not in row
