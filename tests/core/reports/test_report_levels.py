"""A regulation without merit bands records each person's level as their band: the Relazione's table of awards by
fund and band, schede.xlsx and the national layer's differentiation table name such a band by the label the
regulation gives the level ([etichette]), as they name the level itself; never its bare code."""

from __future__ import annotations

import re

import openpyxl

from ciclope.core.commands.cli import main

from helpers import labelled_levels


def test_a_level_recorded_as_band_reads_by_its_label(tmp_path):
    cycle = labelled_levels(tmp_path / "demo")
    out = tmp_path / "out"
    assert main(["run", str(cycle), "--ente", "comune-livelli", "--no-store", "--out", str(out)]) == 0
    html = (out / "comune-livelli" / "relazione.html").read_text(encoding="utf-8")
    fund = "<td>Premi per la performance individuale</td>"
    # the awards by fund and band: A pays L1 and L2 € 1.200 each; B pays L3 € 1.020 (0,85 × 1.200), L4 € 510 (half
    # time) and L9 nothing (absent 200 days: excluded): 3 people, 1 not paid, the mean over the 2 paid € 765
    assert (
        f'{fund}<td>eccellente</td><td class="num">2</td><td class="num">0</td><td class="num">€ 2.400,00</td>' in html
    )
    buono = '<td class="num">3</td><td class="num">1</td><td class="num">€ 1.530,00</td><td class="num">€ 765,00</td>'
    assert f"{fund}<td>buono</td>{buono}" in html
    assert f'{fund}<td>C</td><td class="num">2</td>' in html  # C has no label: its name
    # the national layer's differentiation: 2 of the 7 people paid (L1–L7) are at the highest level
    assert f'{fund}<td class="num">7</td><td>eccellente</td><td class="num">28,57%</td>' in html
    assert not re.search(r"<td>[AB]</td>", html)
    book = openpyxl.load_workbook(out / "comune-livelli" / "schede.xlsx", read_only=True)
    # the bands are the regulation's levels: the sheet says «livello», the regulation's word, never «fascia»
    bands = [r[1] for r in book["Premi per livello"].iter_rows(min_row=2, values_only=True) if r[0]]
    assert bands[:3] == ["eccellente", "buono", "C"]
    awards = {r[0]: r[4] for r in book["Premi"].iter_rows(min_row=2, values_only=True) if r[0]}
    assert (awards["L1"], awards["L3"], awards["L5"]) == ("eccellente", "buono", "C")
