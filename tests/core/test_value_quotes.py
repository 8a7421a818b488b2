"""A value a message suggests for a cell is quoted as every other value, «75%»; straight quotes stay only where
they are the syntax of the file the office writes (a percentage in TOML is written between them, "75%")."""

from __future__ import annotations

from decimal import Decimal

import pytest

from ciclope.core.values import parse_percent, share_hint


def test_a_share_written_as_a_percentage_without_its_sign_is_suggested_in_guillemets():
    # 75 in a share's cell: 75% is the share, 75 / 100 = 0,75 its decimal
    assert share_hint(Decimal(75)) == ": una quota si scrive in percentuale, «75%» (o 0,75)"
    # in a TOML file the quotes are how a percentage is written there: kept
    assert share_hint(Decimal(75), toml=True) == ': una quota si scrive in percentuale, "75%" (o 0.75)'


def test_a_percentage_above_one_without_its_sign_gives_both_readings_in_guillemets():
    # «51»: 51% as meant, 51 / 100 = 0,51 as a share (never «5.100%», which no office meant)
    with pytest.raises(ValueError) as err:
        parse_percent("51")
    assert (
        str(err.value)
        == "attesa una percentuale, trovato «51»: oltre 1 si scrive con il segno %: scrivi «51%» (o 0,51)"
    )
