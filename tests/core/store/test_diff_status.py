"""`ciclope diff` says a person's outcome in words, before and after: an exclusion by its label, never its code,
and a person no longer excluded as what she is after («valutato»), never «nessuna cifra»."""

from __future__ import annotations

from pathlib import Path

import pytest
from comune_di_prova import BY_SCORE, HEAD, files

from helpers import ciclope, corrected_run

REGULATION = (
    HEAD
    + """
[[esclusioni]]
regola = "punteggio_minimo"
minimo = 60
fonte = "art. 3"
"""
    + BY_SCORE
)
FILES = files({"D01": 80, "D02": 50})
RICORSI = (
    "persona,fase,data,esito,voce_rivista,nuovi_punti\nD02,riesame,2026-03-10,accolto,Valutazione complessiva,70\n"
)


@pytest.fixture(scope="module")
def two_runs(tmp_path_factory) -> Path:
    return corrected_run(tmp_path_factory.mktemp("esito"), REGULATION, FILES, {"ricorsi.csv": RICORSI})


def test_an_exclusion_lifted_by_the_riesame_is_said_in_words(two_runs):
    done = ciclope("diff", two_runs, "--ente", "comune-prova", "--run", "1", "--run", "2")
    assert done.returncode == 0, done.stderr
    # D02: 50 < 60, excluded in run 1; the riesame gives 70 ≥ 60: valutata in run 2
    assert (
        "  cambiato: Esito di Giulia Mastrangelo: escluso per punteggio sotto il minimo prima, valutato dopo"
        in done.stdout.splitlines()
    )
    assert "escluso_punteggio_minimo" not in done.stdout
    assert "nessuna cifra" not in done.stdout
