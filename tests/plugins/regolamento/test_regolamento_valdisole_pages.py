"""The public page of a Comune with no objectives, as a blind office put it in from the user docs (Comune di
Valdisole, 2025: the files beside this test)."""

from __future__ import annotations

import shutil
from html import unescape
from pathlib import Path

from helpers import run_cycle

CASE = Path(__file__).parent / "valdisole"


def test_no_chart_of_the_units_without_an_achievement(tmp_path):
    folder = tmp_path / "valdisole"
    shutil.copytree(CASE, folder)
    page = unescape((run_cycle(folder / "cycle.toml") / "valdisole" / "relazione-pubblica.html").read_text("utf-8"))
    # no unit has an achievement (nothing measured): a chart would be empty bars on a 0%–100% axis
    assert "grafico-unita" not in page
    assert "Raggiungimento per unità organizzativa" not in page
    assert "Nessun obiettivo indicato per l'anno." in page
    # the phases ran (12 people evaluated): the sentence says why there is no chart, never that they did not run
    assert "Nessun grafico: né l'ente né le sue unità hanno un raggiungimento misurato degli obiettivi." in page
    assert "le fasi di valutazione non sono state eseguite" not in page
