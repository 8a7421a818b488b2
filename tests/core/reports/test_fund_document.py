"""The relazione tecnico-finanziaria's tables (core/reports/fund.py), built from a ``fondo`` section of
results.json written by hand: what an empty cell shows, and that the workbook carries the page's figures."""

from __future__ import annotations

from decimal import Decimal as D

from ciclope.core.fmt import NONE
from ciclope.core.reports import fund
from ciclope.core.reports.model import Table

DOC = {
    "destination": [
        {
            "section": "contrattata",
            "title": "Premi correlati alla performance individuale",
            "pool": "performance_individuale",
            "source": "CCNL Funzioni Locali 16.11.2022 art. 80 c. 2 lett. b",
            "note": "",
            "amount": "35000.00",
        },
        {
            "section": "contrattata",
            "title": "Indennità condizioni di lavoro",
            "pool": "",
            "source": "CCNL Funzioni Locali 16.11.2022 art. 80 c. 2 lett. c",
            "note": "",
            "amount": "9000.00",
        },
    ],
    "pool_labels": {"performance_individuale": "Premi per la performance individuale"},
    "totals": {
        "non_contrattata": "0.00",
        "contrattata": "44000.00",
        "da_regolare": "0.00",
        "destined": "44000.00",
        "residual": "1000.00",
    },
}


def test_a_destination_paying_no_premium_pool_shows_the_documents_dash():
    [_, agreed, *_] = fund.destination(DOC, fund.worded)
    assert isinstance(agreed, Table)
    pools = [row[1] for row in agreed.rows[:2]]
    # the same «—» every other document of ciclope writes for nothing (core.fmt.NONE), not a hyphen
    assert pools == ["Premi per la performance individuale", NONE] and NONE == "—"
    assert agreed.rows[1][4] == "€ 9.000,00" and fund.money("9000.00") == D("9000.00")
