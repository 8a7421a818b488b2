"""A fund line made of several rows of the office (two cuts by different acts) carries each row's act and amount:
they add up to the line, and results.json writes them, so that the relazione tecnico-finanziaria shows each act
beside its own amount. A line of one row writes no parts, as before."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from ciclope.core.money import Fund, FundLine
from ciclope.core.output import results


def cuts(*parts: tuple[str, D], amount: str = "-6057.64") -> FundLine:
    return FundLine(
        "item:decurtazione", "Decurtazioni stabili del fondo", "decurtazione", D(amount), limit="dentro", parts=parts
    )


def test_the_rows_of_a_line_are_written_with_their_acts_and_amounts():
    line = cuts(("Delibera GC 31/2019", D("-4500.00")), ("Determina 77/2024", D("-1557.64")))
    one = FundLine("item:unico_importo", "Unico importo consolidato 2017", "stabile", D("45000.00"), limit="dentro")
    written = results.fund(Fund(2024, "CCNL", (one, line)))["constitution"]
    # −4,500.00 − 1,557.64 = −6,057.64, the line's amount
    assert written[1]["parts"] == [
        {"note": "Delibera GC 31/2019", "amount": "-4500.00"},
        {"note": "Determina 77/2024", "amount": "-1557.64"},
    ]
    assert "parts" not in written[0]


def test_rows_that_do_not_add_up_to_their_line_are_refused():
    # −4,500.00 − 1,557.00 = −6,057.00, not −6,057.64: a document would show rows that do not make the line
    with pytest.raises(ValueError, match="add up"):
        cuts(("Delibera GC 31/2019", D("-4500.00")), ("Determina 77/2024", D("-1557.00")))
