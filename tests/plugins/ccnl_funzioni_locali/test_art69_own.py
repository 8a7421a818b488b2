"""A regulation's own maggiorazione against the contract's minimum (rules/ccnl_funzioni_locali.md §2, steps 2–3)."""

from decimal import Decimal

from ciclope.core import OwnMaggiorazione
from ciclope.plugins.ccnl_funzioni_locali.art48 import Minimum
from ciclope.plugins.ccnl_funzioni_locali.art69_own import short_of_minimum
from ciclope.plugins.ccnl_funzioni_locali.national import in_force

LAW = in_force("maggiorazione_art69", 2024)
THIRTY = Minimum(Decimal("0.30"), "il minimo", "art. 81 CCNL Funzioni Locali 16.11.2022")


def short(paid: str, attributed: dict[str, str], counted: bool = False) -> list[str]:
    own = OwnMaggiorazione(part="migliori", pool="maggiorazione", paid={"A": Decimal(paid)})
    found = short_of_minimum(own, {k: Decimal(v) for k, v in attributed.items()}, counted, THIRTY, LAW)
    return [p.message for p in found]


def test_a_part_of_its_own_pool_is_measured_on_the_premiums_of_the_positively_evaluated():
    # premiums 1.000 and 1.000 (C was paid nothing: not positively evaluated): mean 1.000,00, 30% → 300,00
    (message,) = short("100.00", {"A": "1000", "B": "1000", "C": "0"})
    assert "€ 2.000,00 / 2 = € 1.000,00, cioè almeno € 300,00; la parte paga € 100,00 a A" in message
    assert "art. 81 CCNL Funzioni Locali 16.11.2022" in message and ", perché" not in message


def test_a_cent_below_is_rounding_two_are_short():
    # a part that rounds the mean before the share may land a cent under 300,00; two cents under is short
    assert short("299.99", {"A": "1000", "B": "1000"}) == []
    assert len(short("299.98", {"A": "1000", "B": "1000"})) == 1
    assert short("300.00", {"A": "1000", "B": "1000"}) == []


def test_a_part_paying_from_the_premium_s_pool_is_taken_out_of_the_mean():
    # A's 1.300 is 1.000 of premium and 300 of maggiorazione: the mean is (1.000 + 1.000) / 2, not 2.300 / 2
    assert short("300.00", {"A": "1300", "B": "1000"}, counted=True) == []
    # not taken out, the mean would be 1.150,00 and 300,00 short of 345,00
    assert len(short("300.00", {"A": "1300", "B": "1000"})) == 1


def test_nothing_to_measure_is_no_warning():
    assert short("100.00", {"A": "0"}) == []  # nobody positively evaluated: no mean
    own = OwnMaggiorazione(part="migliori", pool="maggiorazione", paid={"A": Decimal("1")})
    assert short_of_minimum(own, {"A": Decimal(1000)}, False, None, LAW) == []  # before any provision
