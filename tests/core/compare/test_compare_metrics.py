"""Distribution metrics of ``ciclope compare`` (core/compare/metrics.py): hand-computed cases and invariants."""

from decimal import Decimal as D
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ciclope.core.compare import metrics as m

# Amounts of a small case, ascending: 0, 0, 100, 200, 300, 400, 1000 (n = 7, total 2000).
CASE = [D("1000"), D("0"), D("300"), D("100"), D("0"), D("400"), D("200")]


def test_gini_by_hand():
    # G = Σ_i (2i − n − 1)·x_(i) / (n·Σx), n = 7, coefficients 2i − 8 = −6 −4 −2 0 2 4 6:
    # −6·0 −4·0 −2·100 + 0·200 + 2·300 + 4·400 + 6·1000 = −200 + 600 + 1600 + 6000 = 8000
    # G = 8000 / (7 · 2000) = 4/7 = 0.571428… → 0.5714
    assert m.gini_exact(CASE) == Fraction(4, 7)
    assert m.gini(CASE) == D("0.5714")
    # two people, one gets everything: (−1·0 + 1·10) / (2·10) = 0.5 = (n−1)/n
    assert m.gini([D(0), D(10)]) == D("0.5000")
    assert m.gini([D(5)] * 4) == D("0.0000")
    assert m.gini([D(0)] * 3) is None and m.gini([]) is None


def test_percentiles_nearest_rank_by_hand():
    # P10: rank ⌈10·7/100⌉ = ⌈0.7⌉ = 1 → 0; P90: rank ⌈6.3⌉ = 7 → 1000; P50: rank ⌈3.5⌉ = 4 → 200
    assert m.percentile(CASE, 10) == D(0)
    assert m.percentile(CASE, 90) == D(1000)
    assert m.percentile(CASE, 50) == D(200)
    assert m.p90_p10(CASE) is None  # P10 = 0: not defined
    # 10 people 100, 200, …, 1000: P10 rank ⌈1⌉ = 1 → 100; P90 rank ⌈9⌉ = 9 → 900; ratio 9
    tens = [D(100 * k) for k in range(1, 11)]
    assert m.percentile(tens, 10) == D(100) and m.percentile(tens, 90) == D(900)
    assert m.p90_p10(tens) == D("9.0000")
    # 3 people 1, 2, 3: P10 rank ⌈0.3⌉ = 1 → 1, P90 rank ⌈2.7⌉ = 3 → 3
    assert m.p90_p10([D(3), D(1), D(2)]) == D("3.0000")
    assert m.percentile([], 10) is None


def test_top_20_share_by_hand():
    # n = 7: the poorest 0.8·7 = 5.6 people hold 0+0+100+200+300 + 0.6·400 = 840; top share 1 − 840/2000 = 0.58
    assert m.top_share_exact(CASE) == Fraction(58, 100)
    assert m.top_share(CASE) == D("0.5800")
    # n = 5: the top 20% is exactly the best paid: 10 out of 1+2+3+4+10 = 20 → 0.5
    assert m.top_share([D(1), D(2), D(3), D(4), D(10)]) == D("0.5000")
    assert m.top_share([D(0)] * 4) is None


def test_lorenz_points_by_hand():
    # 0, 1, 3 (total 4): (0,0) (1/3, 0) (2/3, 1/4) (1, 1)
    assert m.lorenz_points([D(3), D(0), D(1)]) == [(0.0, 0.0), (1 / 3, 0.0), (2 / 3, 0.25), (1.0, 1.0)]


def test_per_capita_ratio_by_hand():
    # band alta 1 person € 6000, intermedia 4 people € 4800: (6000/1) / (4800/4) = 6000/1200 = 5
    assert m.per_capita_ratio(D(6000), 1, D(4800), 4) == D("5.0000")
    # 2 people € 3000 over 3 people € 3000: 1500 / 1000 = 1.5
    assert m.per_capita_ratio(D(3000), 2, D(3000), 3) == D("1.5000")
    assert m.per_capita_ratio(D(10), 1, D(0), 2) is None and m.per_capita_ratio(D(10), 0, D(5), 1) is None


def test_rounding_half_up_once():
    assert m.rounded(Fraction(1, 8)) == D("0.1250")
    assert m.rounded(Fraction(123455, 1000000)) == D("0.1235")  # 0.123455 → half-up at the 4th decimal
    assert m.rounded(Fraction(-123455, 1000000)) == D("-0.1235")


def test_share_and_negative_amounts():
    assert m.share(3, 11) == D("0.2727")  # 3/11 = 0.272727…
    assert m.share(0, 0) is None
    with pytest.raises(ValueError):
        m.gini([D(-1), D(2)])


cents = st.integers(min_value=0, max_value=10**8).map(lambda c: D(c).scaleb(-2))
amounts = st.lists(cents, min_size=1, max_size=40)


@settings(max_examples=200)
@given(amounts)
def test_gini_is_in_zero_one(xs):
    g = m.gini_exact(xs)
    if sum(xs) == 0:
        assert g is None
    else:
        assert 0 <= g < 1
        assert g <= Fraction(len(xs) - 1, len(xs))


@settings(max_examples=100)
@given(st.integers(min_value=1, max_value=10**7), st.integers(min_value=1, max_value=60))
def test_equal_amounts_have_gini_zero(c, n):
    xs = [D(c).scaleb(-2)] * n
    assert m.gini_exact(xs) == 0
    assert m.top_share_exact(xs) == Fraction(1, 5)
    assert m.p90_p10(xs) == D("1.0000")


@settings(max_examples=150)
@given(amounts, st.integers(min_value=1, max_value=1000), st.randoms())
def test_scale_and_order_invariance(xs, k, rnd):
    scaled = [x * k for x in xs]
    shuffled = list(xs)
    rnd.shuffle(shuffled)
    assert m.gini_exact(scaled) == m.gini_exact(xs) == m.gini_exact(shuffled)
    assert m.top_share_exact(scaled) == m.top_share_exact(xs) == m.top_share_exact(shuffled)
    assert m.p90_p10(scaled) == m.p90_p10(xs)


@settings(max_examples=150)
@given(amounts)
def test_top_share_at_least_its_head_count_and_lorenz_below_equality(xs):
    top = m.top_share_exact(xs)
    if top is None:
        return
    assert Fraction(1, 5) <= top <= 1
    for px, py in m.lorenz_points(xs):
        assert py <= px + 1e-12
