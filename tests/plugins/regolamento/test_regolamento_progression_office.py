"""What an office reads of a regulation of progressions only (art. 14 CCNL 16.11.2022, differenziali stipendiali,
after the criteria of the Comune di Serrara Fontana 2023): candidates by columns, no evaluation of the year needed;
one graduatoria per Area with its places and its resources from the fund; every figure computed by hand."""

from __future__ import annotations

import pytest
from test_regolamento_progressions import PAST, past

from helpers import run_declared

# PAST (posti = 1; candidati: anzianita_posizione >= 2; graduatoria: media_triennio + anzianita_posizione) with its
# resources from a fund: 750 € a C
FROM_FUND = PAST + "costo = '=PIÙ.SE(categoria = \"C\"; 750 €)'\nfondo = \"progressioni\"\n"


def _rules(result) -> list[str]:
    return [p.rule for p in result.violations]


@pytest.mark.parametrize("cards", [None, "evaluations.csv"])
def test_progressions_alone_need_no_card_of_the_year(ciclope_ente, tmp_path, cards):
    files = past([("A", "3", "40", "90"), ("B", "5", "50", "89")])
    files["ente.toml"] += '\n[fondi]\nprogressioni = "1000.00"\n'
    files.pop("evaluations.csv")
    if cards is not None:  # only the header
        files[cards] = "person,evaluator,section,item,max_points,points,weight\n"
    result = run_declared(ciclope_ente, tmp_path, FROM_FUND, files)
    # A 90 + 3 = 93, B 89 + 5 = 94: B first, 750 ≤ 1,000 and 1 place: B selected; the fund pays no premium, so the
    # missing cards take nothing from anyone
    assert result.rewards.extra["progressioni"] == ["B"]
    assert "core.evaluations.empty" not in _rules(result)
    assert not [p for p in result.violations if p.is_error]
