"""A level's coefficient above that of the level over it: «fascia media» = "80" beside «fascia alta» = 1, meant as
80%, paid the middle band eighty times the top's without a word (a blind writer's Comune, D.Lgs. 141/2011 art. 6).
A warning at the part's coefficienti says both levels and the percentage it may have meant; a descending scale, or
equal coefficients, say nothing."""

from __future__ import annotations

import pytest
from test_regolamento_parts import FOUR, TWO_PARTS, files

from helpers import amounts, run_declared

RULE = "regolamento.coefficienti"
# the part «presenza» divides its share by weights (no massimo): coefficients above 1 are allowed, as texts write them
WEIGHTS = TWO_PARTS.replace('massimo = "600.00"\n', "")


def warnings(result) -> list[str]:
    return [f"{p.where}: {p.message}" for p in result.violations if p.rule == RULE]


def test_a_lower_level_paid_more_is_a_warning_with_the_percentage_it_may_mean(ciclope_ente, tmp_path):
    text = WEIGHTS.replace("coefficienti = { A = 1, B = 0.5, C = 0 }", 'coefficienti = { A = 1, B = "80", C = 0 }')
    assert text != WEIGHTS and WEIGHTS != TWO_PARTS
    result = run_declared(ciclope_ente, tmp_path, text, files(FOUR, 'performance_individuale = "10000.00"'))
    assert [w.split(": ", 1)[1] for w in warnings(result)] == [
        "la parte «presenza»: il coefficiente del livello «B» (80) è più alto di quello del livello «A» (1), che "
        'nella scala viene prima: il livello più basso riceverebbe di più; se il testo dice 80%, scrivi "80%"'
    ]
    # at the line of the part's coefficienti, the 14th of the file (massimo left out): the first [[premi]], counted from 1
    assert warnings(result)[0].endswith(":14:premi[1].coefficienti: " + warnings(result)[0].split(": ", 1)[1])


@pytest.mark.parametrize(
    "written", ["{ A = 1, B = 0.5, C = 0 }", "{ A = 1, B = 1, C = 0 }", "{ A = 1.3, B = 1, C = 0.8 }"]
)
def test_a_descending_scale_says_nothing(ciclope_ente, tmp_path, written):
    text = WEIGHTS.replace("coefficienti = { A = 1, B = 0.5, C = 0 }", f"coefficienti = {written}")
    result = run_declared(ciclope_ente, tmp_path, text, files(FOUR, 'performance_individuale = "10000.00"'))
    assert warnings(result) == []
    assert set(amounts(result)) == {"S1", "S2", "S3", "S4"}
