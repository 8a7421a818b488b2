"""results.json shape details (SPEC §6)."""

from decimal import Decimal as D

from ciclope.core.outcomes import Award
from ciclope.core.results import money, num, people_awards


def test_rewards_people_are_keyed_by_person_with_further_awards_nested():
    awards = {
        "P1": Award("P1", D("600"), "performance_individuale", "alta"),
        "P1:bonus_eccellenze": Award("P1", D("250.5"), "bonus_eccellenze"),
        "P2": Award("P2", D("0"), "performance_individuale", "bassa"),
    }
    assert people_awards(awards) == {
        "P1": {
            "amount": "600.00",
            "band": "alta",
            "pool": "performance_individuale",
            "also": [{"amount": "250.50", "band": None, "pool": "bonus_eccellenze"}],
        },
        "P2": {"amount": "0.00", "band": "bassa", "pool": "performance_individuale"},
    }


def test_numbers_money_and_dates():
    import datetime as dt

    assert num(D("10")) == 10 and isinstance(num(D("10")), int)
    assert num(D("0.9091")) == 0.9091
    assert num(dt.date(2021, 6, 30)) == "2021-06-30"
    assert money(D("1234.565")) == "1234.57"  # half-up
