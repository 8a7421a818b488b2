"""`ciclope verify` says what differs in Italian, for the office: the figure by what it is and whose («Premio di
Anna Colavita (D01)»), the file's value and the recomputed one each named, in euro with a decimal comma; and every
edited file is reported, the documents too when results.json was edited as well."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from comune_di_prova import BY_SCORE, HEAD, files

from helpers import ciclope, first_comune_run

REGULATION = HEAD + BY_SCORE
FILES = files({"D01": 60, "D02": 40})


@pytest.fixture
def edited(tmp_path: Path) -> Path:
    """A run whose results.json says D01's premium is € 1.600,00 and whose trasparenza.csv gained a line."""
    first_comune_run(tmp_path, REGULATION, FILES)
    folder = tmp_path / "risultati" / "comune-prova"
    doc = json.loads((folder / "results.json").read_text(encoding="utf-8"))
    # € 1.000,00 by the score, 60 + 40 = 100 points: D01 1.000 × 60/100 = 600,00, D02 400,00
    assert doc["rewards"]["people"]["D01"]["amount"] == "600.00"
    doc["rewards"]["people"]["D01"]["amount"] = "1600.00"
    (folder / "results.json").write_text(json.dumps(doc, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    with open(folder / "trasparenza.csv", "a", encoding="utf-8") as fh:
        fh.write("riga aggiunta a mano\n")
    return folder


def test_a_difference_is_said_in_italian_with_both_values_named(edited):
    done = ciclope("verify", edited)
    assert done.returncode != 0
    lines = done.stdout.splitlines()
    assert "Premio di Anna Colavita (D01): nel file € 1.600,00, ricalcolato € 600,00" in lines, done.stdout
    assert "rewards." not in done.stdout and "amount" not in done.stdout


def test_an_edited_document_is_reported_beside_an_edited_results_json(edited):
    out = ciclope("verify", edited).stdout
    assert "output modificato dopo l'esecuzione: trasparenza.csv" in out.splitlines(), out
