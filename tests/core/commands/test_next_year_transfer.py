"""`ciclope template … --from` of a year in which a person was evaluated by two evaluators (valutatori.csv): next
year's cards hold one card of theirs, the year-end evaluator's, never both with no periods to tell them apart (a
consortium's next-year folder failed with «una voce compare più volte»)."""

from __future__ import annotations

import openpyxl

from ciclope.core.commands.cli import main

from helpers import TRANSFER_CARDS, TRANSFER_PERIODS, TRANSFER_STAFF, next_year, one_unit_comune

REGULATION = """\
formato = 2
[atto]
titolo = "CCDI del Comune di Prova"
tipo_ente = "comune"

[premio]
metodo = "proporzionale"
fonte = "art. 5"
"""


def test_next_year_carries_the_year_end_evaluators_card_alone(tmp_path, capsys):
    data = one_unit_comune(
        "Comune di Prova", TRANSFER_STAFF, TRANSFER_CARDS, '[funds]\nperformance_individuale = "1000.00"\n'
    )
    data["valutatori.csv"] = TRANSFER_PERIODS
    nxt = next_year(tmp_path, REGULATION, data)
    sheet = openpyxl.load_workbook(nxt / "comune" / "ente.xlsx")["valutazioni"]
    rows = list(sheet.iter_rows(values_only=True))
    head = rows[0]
    person, evaluator, item = head.index("persona"), head.index("valutatore"), head.index("voce")
    # P1 by D2, who evaluated her from 1/7 to the year's end (and is her valutatore in persone.csv): D2's two voci
    assert [(r[evaluator], r[item]) for r in rows[1:] if r[person] == "P1"] == [
        ("D2", "Risultati"),
        ("D2", "Comportamenti"),
    ]
    capsys.readouterr()
    main(["validate", str(nxt / "cycle.toml"), "--until", "monitoraggio"])
    assert "compare più volte" not in capsys.readouterr().out
