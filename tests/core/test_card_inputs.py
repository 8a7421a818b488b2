"""The items of a scheda as a figure's inputs: each named by its section and item, as the card writes them."""

from __future__ import annotations

from decimal import Decimal

from ciclope.core.model import EvaluationItem
from ciclope.core.trace import CardInputs


def item(section: str) -> EvaluationItem:
    return EvaluationItem("P1", "SEG", section, "Valutazione complessiva", Decimal(100), Decimal(95), None, row=2)


def test_an_item_is_named_after_its_section():
    [shown] = CardInputs([item("Comportamenti")])
    assert shown.name == "Comportamenti / Valutazione complessiva (massimo 100 punti)"


def test_an_item_without_a_section_is_named_by_itself_alone():
    # valutazioni.csv without a sezione column: no empty section before «/»
    [shown] = CardInputs([item("")])
    assert shown.name == "Valutazione complessiva (massimo 100 punti)"
    assert (shown.value, shown.cell) == (Decimal(95), "evaluations.csv:2:points")
