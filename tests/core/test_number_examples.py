"""A number that does not read is answered with examples of what the column holds: days are no «90%», a
percentage is no «12,5» (the office copies the example it is given)."""

from __future__ import annotations

import pytest

from ciclope.core.inputs.loading import CANONICAL
from ciclope.core.values import parse_money, parse_nonnegative_int, parse_number, parse_percent


def _message(parser, text: str) -> str:
    with pytest.raises(ValueError) as found:
        parser(text)
    return str(found.value)


def test_days_of_absence_give_examples_of_days() -> None:
    said = _message(CANONICAL["people"]["absence_days"][0], "dieci")
    # the column's own example, the one its error for «50%» gives too
    assert said == "atteso un numero (es. 12 o 2,5), trovato «dieci»"


def test_a_percentage_gives_a_percentage() -> None:
    assert _message(parse_percent, "novanta") == "atteso un numero (es. 90%), trovato «novanta»"


def test_money_and_counts_give_their_own_examples() -> None:
    assert _message(parse_money, "mille") == "atteso un numero (es. 1234,56), trovato «mille»"
    assert _message(parse_nonnegative_int, "tre") == "atteso un numero (es. 12), trovato «tre»"


def test_a_number_of_any_kind_keeps_both() -> None:
    # an indicator's value may be a count or a share: both examples fit
    assert _message(parse_number, "x") == "atteso un numero (es. 12,5 o 90%), trovato «x»"


def test_a_declared_columns_note_gives_an_example_of_its_type() -> None:
    from ciclope.core.commands.template import note
    from ciclope.core.values import parse_days, parse_points

    # a regulation's column of days and one of points («giorni», «punti»): the header's note shows how to write them
    assert "Esempio: 12 o 2,5" in note("people", "reperibilita", parse_days, False).splitlines()
    assert "Esempio: 8 o 7,5" in note("people", "bonus", parse_points, False).splitlines()
