"""The differentiation of the premiums counts people, not awards: an EQ paid their own result pay and the interim of a
vacant post from the same fund is one premiato, with both amounts, as the published data (premi-art20.csv) count them.
A blind tester's Comune had «Premiati 4» and a grado 4,37 for three EQ (published: 2,37)."""

from __future__ import annotations

from decimal import Decimal

from ciclope.core.outcomes import Award
from ciclope.plugins.ccnl_funzioni_locali.differentiation import paid_in


def test_an_eq_s_result_pay_and_interim_are_one_premiato():
    awards = [
        Award("E1", Decimal("2017.59"), "risultato_eq"),
        Award("E2", Decimal("1896.21"), "risultato_eq"),
        Award("E3", Decimal("3664.78"), "risultato_eq"),
        Award("E3", Decimal("838.36"), "risultato_eq", ref="P4"),  # the interim of the vacant P4
        Award("D1", Decimal("0.00"), "performance_individuale"),  # nothing paid: no premiato
    ]
    paid = paid_in(awards)
    assert set(paid) == {"risultato_eq"}
    # three people; E3's 3.664,78 + 838,36 = 4.503,14, so the grado over E2's 1.896,21 is 2,37
    assert [(a.person, a.amount) for a in paid["risultato_eq"]] == [
        ("E1", Decimal("2017.59")),
        ("E2", Decimal("1896.21")),
        ("E3", Decimal("4503.14")),
    ]
