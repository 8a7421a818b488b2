"""Money primitives (rules/core.md §4): values computed by hand, invariants by hypothesis."""

from decimal import Decimal as D

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from ciclope.core.money import (
    InsufficientFund,
    bounded_split,
    bounded_weights,
    r2,
    r4,
    rounded_note,
    rounded_notes,
    rounded_shares,
    split,
    split_note,
    split_notes,
)


def test_half_up_rounding():
    assert r2(D("2.345")) == D("2.35")  # half-up, not banker's (2.34)
    assert r4(D("0.95455")) == D("0.9546")
    assert r2(D("-0.005")) == D("-0.01")


def test_split_largest_remainder_by_hand():
    # 100 / 3 = 33.333…: floors 33.33 × 3 = 99.99, one cent left; equal remainders → lowest id "a"
    assert split(D("100"), {"b": D(1), "a": D(1), "c": D(1)}) == {"b": D("33.33"), "a": D("33.34"), "c": D("33.33")}
    # 4800 by fte 1, 0.5, 1, 1 (Σ 3.5): 1371.428…, 685.714…, ×2; floors sum 4799.99 → +1 cent to the
    # largest remainder: .4285… for the fte-1 people (tie by id: "p2"), .714 → 685.71 stays
    got = split(D("4800"), {"p2": D(1), "p3": D("0.5"), "p4": D(1), "p5": D(1)})
    assert got == {"p2": D("1371.43"), "p3": D("685.71"), "p4": D("1371.43"), "p5": D("1371.43")}
    assert sum(got.values()) == D("4800.00")


def test_a_share_says_how_it_came_to_the_cent():
    # the split above: 4800 × 1 / 3.5 = 1371.4285…: 1371.42 down, and p2 had one of the cents left over
    assert split_note(D("4800"), D(1), D("3.5"), D("1371.43")) == (
        "importo esatto € 1.371,4285…: € 1.371,42 al centesimo per difetto, più un centesimo: i centesimi che "
        "l'arrotondamento lascia vanno ai resti più alti"
    )
    # 4800 × 0.5 / 3.5 = 685.7142…: 685.71 down, no cent (whoever rounds half-up by hand would say 685.71 too)
    assert split_note(D("4800"), D("0.5"), D("3.5"), D("685.71")) == (
        "importo esatto € 685,7142…: € 685,71 al centesimo per difetto"
    )
    # 100 × 1 / 8 = 12.5: whole cents, nothing to say; 10 × 1 / 4 = 2.5 shown as its four decimals without «…»
    assert split_note(D("100"), D(1), D(8), D("12.50")) == ""
    assert split_note(D("10.01"), D(1), D(2), D("5.01")).startswith("importo esatto € 5,0050: € 5,00 ")
    # an amount that is not the split's (a cap took it down) is said by its own formula, not here; no weights, no split
    assert split_note(D("4800"), D(1), D("3.5"), D("1000.00")) == ""
    assert split_note(D("4800"), D(0), D(0), D("0.00")) == ""


def test_split_with_no_weight_gives_nothing():
    assert split(D("50"), {"a": D(0), "b": D(0)}) == {"a": D("0.00"), "b": D("0.00")}
    assert split(D("50"), {}) == {}


def test_bounded_upper_bound_by_hand():
    # F = 34000, scores 88/60/24 (public example): 88λ would exceed 16000, so PA = 16000 and
    # (60 + 24)λ = 18000 → λ = 214.2857…; PB = 12857.14, PC = 5142.86 (≥ 5000)
    got = bounded_split(D("34000"), {"PA": D(88), "PB": D(60), "PC": D(24)}, D(5000), D(16000))
    assert got == {"PA": D("16000.00"), "PB": D("12857.14"), "PC": D("5142.86")}


def test_bounded_lower_bound_by_hand():
    # pool 30000, scores 90/50/5: λ·5 < 5000 → C = 5000; (90 + 50)λ = 25000 → λ = 178.571…;
    # A = 16071.43 > 16000 → A = 16000 too; then B = 30000 − 16000 − 5000 = 9000 (λ = 180 for B)
    got = bounded_split(D("30000"), {"A": D(90), "B": D(50), "C": D(5)}, D(5000), D(16000))
    assert got == {"A": D("16000.00"), "B": D("9000.00"), "C": D("5000.00")}


def test_bounded_insufficient_and_saturated():
    with pytest.raises(InsufficientFund):
        bounded_weights(D("9999.99"), {"a": D(1), "b": D(2)}, D(5000), D(16000))
    # pool above n·hi: everybody at hi, 2000 left for the caller's residual
    assert bounded_split(D("34000"), {"a": D(1), "b": D(2)}, D(5000), D(16000)) == {
        "a": D("16000.00"),
        "b": D("16000.00"),
    }


money = st.decimals(min_value=0, max_value=10**7, places=2, allow_nan=False, allow_infinity=False)
weights = st.dictionaries(
    st.text("abcdefgh", min_size=1, max_size=3),
    st.decimals(min_value=0, max_value=1000, places=3, allow_nan=False, allow_infinity=False),
    min_size=1,
    max_size=12,
)


@given(money, weights)
def test_split_conserves_the_pool_to_the_cent(pool, w):
    got = split(pool, w)
    if sum(w.values()) == 0:
        assert all(v == 0 for v in got.values())
    else:
        assert sum(got.values()) == pool
        assert all(v >= 0 for v in got.values())
        # nobody is more than one cent away from the exact share
        total = sum(w.values())
        assert all(abs(got[k] - pool * w[k] / total) < D("0.01") for k in w)


@given(money, weights)
def test_every_share_of_a_split_says_its_cents_as_the_split_gave_them(pool, w):
    """The note of each share agrees with the split: nothing for whole cents, else the cents rounded down, and «più un
    centesimo» exactly for the shares the leftover cents went to."""
    from fractions import Fraction

    from ciclope.core.fmt import decimal_it

    got = split(pool, w)
    total = sum(w.values())
    for k, paid in got.items():
        note = split_note(pool, w[k], total, paid)
        if not total:
            assert note == ""
            continue
        exact = Fraction(pool) * Fraction(w[k]) / Fraction(total)
        cents = exact * 100
        if cents.denominator == 1:
            assert note == ""
            continue
        down = D(cents.numerator // cents.denominator) / 100
        assert note.startswith("importo esatto € ") and f": € {decimal_it(down, 2)} al centesimo per difetto" in note
        assert ("più un centesimo" in note) == (paid == down + D("0.01"))


@given(money, weights)
def test_split_is_monotone_in_weight(pool, w):
    got = split(pool, w)
    for a in w:
        for b in w:
            if w[a] > w[b]:
                assert got[a] >= got[b]


@given(
    st.decimals(min_value=10000, max_value=200000, places=2, allow_nan=False, allow_infinity=False),
    st.lists(st.integers(min_value=1, max_value=100), min_size=1, max_size=10),
)
def test_bounded_split_within_bounds_and_conserved(pool, scores):
    s = {f"p{i:02d}": D(v) for i, v in enumerate(scores)}
    lo, hi = D(5000), D(16000)
    assume(pool >= len(s) * lo)
    got = bounded_split(pool, s, lo, hi)
    assert sum(got.values()) == min(pool, len(s) * hi)
    assert all(lo - D("0.01") <= v <= hi + D("0.01") for v in got.values())
    for a in s:
        for b in s:
            if s[a] > s[b]:
                assert got[a] >= got[b] - D("0.01")


def test_leftover_cents_go_by_rank_then_id_never_by_id_alone():
    """rules/core.md §4: B8 (score 80) and B10 (score 78) have equal weights and one cent is left over.
    By id text "B10" < "B8"; by rank B8 (higher score) comes first and takes the cent."""
    from ciclope.core.money import split

    assert split(D("0.01"), {"B8": D(1), "B10": D(1)}) == {"B8": D("0.00"), "B10": D("0.01")}  # no ranking: id
    assert split(D("0.01"), {"B8": D(1), "B10": D(1)}, rank={"B8": -80, "B10": -78}) == {
        "B8": D("0.01"),
        "B10": D("0.00"),
    }
    # 100.00 by 1 : 1 : 1 → 33.33 each + 1 cent; ranks 3, 1, 2 → the cent to "b" (rank 1)
    assert split(D("100.00"), {"a": 1, "b": 1, "c": 1}, rank={"a": 3, "b": 1, "c": 2}) == {
        "a": D("33.33"),
        "b": D("33.34"),
        "c": D("33.33"),
    }


def test_larger_remainders_take_their_cents_before_the_ties_at_the_last_cent():
    """0.07 by 1 : 1 : 1 : 2 (total 5): 7 × 1 / 5 = 1 cent, remainder 2 (x3); 7 × 2 / 5 = 2 cents, remainder 4.
    Floors 1 + 1 + 1 + 2 = 5, 2 cents left: the first to "d" (remainder 4, the largest, though its rank is the
    worst), the second to one of the three tied at remainder 2 — by rank "b" (-90), not by id ("a")."""
    from ciclope.core.money import split

    got = split(D("0.07"), {"a": 1, "b": 1, "c": 1, "d": 2}, rank={"a": -70, "b": -90, "c": -80, "d": -10})
    assert got == {"a": D("0.01"), "b": D("0.02"), "c": D("0.01"), "d": D("0.03")}
    # unranked "b": after the ranked ones among the ties, so "c" (-80) takes it
    got = split(D("0.07"), {"a": 1, "b": 1, "c": 1, "d": 2}, rank={"a": -70, "c": -80, "d": -10})
    assert got == {"a": D("0.01"), "b": D("0.01"), "c": D("0.02"), "d": D("0.03")}


@pytest.mark.parametrize("n", [2, 999, 1000, 1001])
def test_many_equal_weights_share_the_leftover_cents_in_rank_order(n):
    """10.00 among n equal weights: 1000 // n cents each and 1000 % n cents left over, one each to the best
    ranked (rank = position, ids in reverse so that id order would pick others). n = 1000: nothing left."""
    from ciclope.core.money import split

    ids = [f"P{n - i:05d}" for i in range(n)]  # P{n}, …, P00001: id order is the reverse of rank order
    got = split(D("10.00"), dict.fromkeys(ids, 1), rank={pid: i for i, pid in enumerate(ids)})
    each, left = divmod(1000, n)
    assert [got[pid] for pid in ids] == [D(each + (i < left)) / 100 for i in range(n)]
    assert sum(got.values()) == D("10.00")


def test_split_is_exact_with_fractions():
    """Weights 1/3, 1/3, 1/3 as exact fractions: equal remainders, never a spurious 1e-28 difference."""
    from fractions import Fraction

    from ciclope.core.money import split

    assert split(D("1.00"), {"x": Fraction(1, 3), "y": Fraction(1, 3), "z": Fraction(1, 3)}) == {
        "x": D("0.34"),
        "y": D("0.33"),
        "z": D("0.33"),
    }


def test_floor2_rounds_caps_down():
    """rules/core.md §4: "fino a" caps go down: 333.33 × 30% = 99.999 → 99.99 (half-up would give 100.00)."""
    from ciclope.core.money import floor2

    assert floor2(D("333.33") * D("0.30")) == D("99.99")


def test_instalments_sum_exactly_to_the_annual_amount():
    """rules/core.md §4: 16000 / 13 = 1230.769… → 12 × 1230.76 (down) = 14769.12, the 13th takes
    16000 − 14769.12 = 1230.88; 13 × 1230.77 (half-up) would pay 16000.01."""
    from ciclope.core.money import instalments

    assert instalments(D("16000.00"), 13) == (D("1230.76"), D("1230.88"))
    assert instalments(D("12.00"), 12) == (D("1.00"), D("1.00"))


@given(st.integers(min_value=0, max_value=10**9), st.integers(min_value=1, max_value=14))
def test_instalments_property(cents, n):
    from ciclope.core.money import instalments

    annual = D(cents) / 100
    regular, last = instalments(annual, n)
    assert regular * (n - 1) + last == annual
    assert regular <= annual / n <= last or n == 1


def test_in_shares_rounds_each_but_the_last_down_and_the_last_takes_the_rest():
    """rules/core.md §4, with shares: 50% and 50% of 3000.01 → 1500.005 down = 1500.00, then 3000.01 − 1500.00 =
    1500.01; 30%, 30%, 40% of 100.01 → 30.003 → 30.00, 30.00, and 100.01 − 60.00 = 40.01."""
    from ciclope.core.money import in_shares

    assert in_shares(D("3000.01"), [D("0.5"), D("0.5")]) == (D("1500.00"), D("1500.01"))
    assert in_shares(D("100.01"), [D("0.3"), D("0.3"), D("0.4")]) == (D("30.00"), D("30.00"), D("40.01"))
    assert in_shares(D("999.99"), [D("1")]) == (D("999.99"),)


def test_in_shares_refuses_shares_that_do_not_pay_the_whole_amount():
    from ciclope.core.money import in_shares

    for shares in ([D("0.5"), D("0.4")], [D("0.6"), D("0.5")], [], [D("1.5"), D("-0.5")]):
        with pytest.raises(ValueError):
            in_shares(D("100.00"), shares)


@given(
    st.integers(min_value=0, max_value=10**9), st.lists(st.integers(min_value=0, max_value=100), min_size=1, max_size=6)
)
def test_in_shares_property(cents, weights):
    """Any shares summing to 1: the instalments sum exactly to the amount, none below zero, and each but the last is
    its share rounded down (at most a cent below it)."""
    from ciclope.core.money import in_shares

    if sum(weights) == 0:
        weights = [*weights[:-1], 1]
    total = sum(weights)
    shares = [D(w) / D(total) for w in weights[:-1]]
    shares.append(D(1) - sum(shares, D(0)))  # exactly 1 in all, as the reader demands
    assume(shares[-1] >= 0)  # the quotients' own rounding may pass 1 by a hair
    amount = D(cents) / 100
    paid = in_shares(amount, shares)
    assert sum(paid, D(0)) == amount
    assert all(p >= 0 for p in paid)
    for p, s in zip(paid[:-1], shares[:-1]):
        assert amount * s - D("0.01") < p <= amount * s


def test_with_advances_rounds_the_advances_down_and_the_balance_takes_the_rest():
    """An «acconto» and the «conguaglio»: 2.476,82 / 2 = 1.238,41, and 2.030,99 − 1.238,41 = 792,58; an advance of
    1.133,485 is paid 1.133,48 and, with no premium, the balance takes it back: −1.133,48; a negative advance is none."""
    from ciclope.core.money import with_advances

    assert with_advances(D("2030.99"), [D("1238.41")]) == (D("1238.41"), D("792.58"))
    assert with_advances(D("0"), [D("1133.485")]) == (D("1133.48"), D("-1133.48"))
    assert with_advances(D("429.22"), [D("300"), D("298.70")]) == (D("300.00"), D("298.70"), D("-169.48"))
    assert with_advances(D("100.00"), [D("-5")]) == (D("0.00"), D("100.00"))


@given(
    st.integers(min_value=0, max_value=10**9),
    st.lists(st.decimals(min_value=-1000, max_value=10**7, places=4, allow_nan=False), max_size=4),
)
def test_with_advances_property(cents, advances):
    """Any premium and any advances: the instalments sum exactly to the premium, to the cent; each advance is its
    value rounded down to the cent (at most a cent below it, none below zero); the balance is the rest, negative
    exactly when the advances passed the premium (a recovery)."""
    from ciclope.core.money import with_advances

    amount = D(cents) / 100
    paid = with_advances(amount, advances)
    assert len(paid) == len(advances) + 1
    assert sum(paid, D(0)) == amount
    for p, a in zip(paid[:-1], advances):
        assert p == p.quantize(D("0.01")) and p >= 0
        assert max(a, D(0)) - D("0.01") < p <= max(a, D(0))
    assert (paid[-1] < 0) == (sum(paid[:-1], D(0)) > amount)


def _split_by_fractions(pool, weights, rank=None):
    """The split as it was written before issue 18, one Fraction per weight: the oracle of the integer path."""
    import math
    from fractions import Fraction

    from ciclope.core.money import CENT, ZERO, _rank_key

    cents = int(r2(pool) / CENT)
    w = {k: Fraction(v) for k, v in weights.items()}
    if not w or not any(w.values()):
        return {k: ZERO for k in w}
    den = math.lcm(*(v.denominator for v in w.values()))
    W = {k: v.numerator * (den // v.denominator) for k, v in w.items()}
    T = sum(W.values())
    floor = {k: (cents * v) // T for k, v in W.items()}
    rem = {k: (cents * v) % T for k, v in W.items()}
    left = cents - sum(floor.values())
    order = sorted(rem, key=lambda k: (-rem[k], _rank_key(rank, k), k))
    for k in order[:left]:
        floor[k] += 1
    return {k: D(v) * CENT for k, v in floor.items()}


def _weight_of_any_kind():
    from fractions import Fraction

    amounts = st.decimals(min_value=0, max_value=10**6, places=4, allow_nan=False, allow_infinity=False)
    return st.one_of(
        amounts,
        st.integers(min_value=0, max_value=10**6),
        st.fractions(min_value=0, max_value=10**4, max_denominator=97),
        amounts.map(str),
        st.sampled_from([D("0"), D("0.000"), D("1E+2"), Fraction(1, 3), True, 0.5]),
    )


@given(
    money,
    st.dictionaries(st.sampled_from("abcdefgh"), _weight_of_any_kind(), max_size=8),
    st.dictionaries(st.sampled_from("abcdefgh"), st.integers(min_value=-3, max_value=3)),
)
def test_split_on_integer_ratios_equals_the_split_on_fractions(pool, w, rank):
    """Weights of every kind (Decimal, int, Fraction, text, bool, float) give the same parts, in the same
    order of keys, as one Fraction per weight (issue 18: ``_ratio``)."""
    got = split(pool, w, rank=rank or None)
    want = _split_by_fractions(pool, w, rank=rank or None)
    assert list(got.items()) == list(want.items())
    assert [str(v) for v in got.values()] == [str(v) for v in want.values()]


def test_split_rejects_a_negative_weight_of_any_kind():
    from fractions import Fraction

    for bad in (D("-0.01"), -1, Fraction(-1, 3), "-2"):
        with pytest.raises(ValueError):
            split(D(10), {"a": D(1), "b": bad})


@given(
    st.one_of(
        st.decimals(allow_nan=False, allow_infinity=False, min_value=-(10**9), max_value=10**9),
        st.integers(min_value=-(10**9), max_value=10**9),
        st.decimals(allow_nan=False, allow_infinity=False, min_value=-(10**9), max_value=10**9).map(str),
    )
)
def test_rounding_helpers_equal_quantizing_a_copy(x):
    """r2, r4 and floor2 quantize a Decimal as it is (issue 18): the same value and exponent as quantizing
    ``D(x)`` with the rounding by keyword, as they did."""
    from decimal import ROUND_FLOOR, ROUND_HALF_UP

    from ciclope.core.money import floor2, r4

    assert str(r2(x)) == str(D(x).quantize(D("0.01"), rounding=ROUND_HALF_UP))
    assert str(r4(x)) == str(D(x).quantize(D("0.0001"), rounding=ROUND_HALF_UP))
    assert str(floor2(x)) == str(D(x).quantize(D("0.01"), rounding=ROUND_FLOOR))


def _bounded_by_walking(pool, scores, lo, hi):
    """``bounded_weights`` as it was before issue 18, walking every breakpoint in order: the oracle of the
    bisection."""
    pool, lo, hi = D(pool), D(lo), D(hi)
    n = len(scores)
    if n == 0:
        return {}
    if pool < n * lo:
        raise InsufficientFund("")
    if pool >= n * hi:
        return {k: hi for k in scores}
    s = {k: D(v) for k, v in scores.items()}

    def total(lam):
        return sum((min(max(lam * v, lo), hi) for v in s.values()), D(0))

    points = sorted({lo / v for v in s.values() if v > 0} | {hi / v for v in s.values() if v > 0})
    if not points:
        return {k: pool / n for k in s}
    prev = D(0)
    for p in points + [points[-1] * 2]:
        if total(p) >= pool:
            a, b = total(prev), total(p)
            lam = p if b == a else prev + (pool - a) * (p - prev) / (b - a)
            return {k: min(max(lam * v, lo), hi) for k, v in s.items()}
        prev = p
    return {k: min(max(points[-1] * 2 * v, lo), hi) for k, v in s.items()}


@given(
    st.decimals(min_value=0, max_value=10**6, places=2, allow_nan=False, allow_infinity=False),
    st.dictionaries(
        st.text(min_size=1, max_size=3),
        st.decimals(min_value=-20, max_value=100, places=2, allow_nan=False, allow_infinity=False),
        max_size=25,
    ),
    st.decimals(min_value=0, max_value=5000, places=2, allow_nan=False, allow_infinity=False),
    st.decimals(min_value=0, max_value=20000, places=2, allow_nan=False, allow_infinity=False),
)
def test_bounded_weights_bisection_equals_the_walk(pool, scores, lo, hi):
    """The bisection over the breakpoints (issue 18) finds the same λ and the same values, digit for digit,
    as the walk in order; negative scores (never from a regulation) take the walk."""
    assume(lo <= hi)
    try:
        want = _bounded_by_walking(pool, scores, lo, hi)
    except InsufficientFund:
        with pytest.raises(InsufficientFund):
            bounded_weights(pool, scores, lo, hi)
        return
    got = bounded_weights(pool, scores, lo, hi)
    assert list(got) == list(want)
    assert [str(v) for v in got.values()] == [str(v) for v in want.values()]


# --- equal remainders up to the arithmetic's noise (rules/core.md §4: ties by rank, then id) ---------------------


def test_a_tie_of_half_cents_in_decimal_noise_goes_by_rank_not_by_the_noise():
    """Area B of the Unione of /tmp/workK: P08's weight 1 × 0.5 = 1/2 (an absence cut), P09's 0.85 × 8/12 = 17/30,
    sum 16/15. By hand: 5578.08 × (1/2) / (16/15) = 5578.08 × 15/32 = 2614.725 and 5578.08 × 17/32 = 2963.355.
    Floors 2614.72 + 2963.35 = 5578.07: one cent left, and both remainders are exactly half a cent. The tie goes by
    rank (the higher score): P08 (92 points) → 2614.73 and 2963.35; with the scores the other way round, P09 →
    2614.72 and 2963.36. As Decimals 17/30 is 0.5666…6667 (28 digits): the remainders differ in the 20th place,
    which is noise and must not decide."""
    p08, p09 = D("1") * D("0.5"), D("0.85") * 8 / 12  # as the regulation's formula computes them
    assert p09 == D("0.5666666666666666666666666667")  # the noise this test is about
    assert split(D("5578.08"), {"P08": p08, "P09": p09}, rank={"P08": -92, "P09": -76}) == {
        "P08": D("2614.73"),
        "P09": D("2963.35"),
    }
    assert split(D("5578.08"), {"P08": p08, "P09": p09}, rank={"P08": -76, "P09": -92}) == {
        "P08": D("2614.72"),
        "P09": D("2963.36"),
    }
    # without a ranking the id decides («P08» before «P09»), whichever way the noise leans
    assert split(D("5578.08"), {"P09": p09, "P08": p08})["P08"] == D("2614.73")


def test_the_exact_amount_a_note_says_is_the_one_computed_by_hand():
    """The same shares: 5578.08 × 15/32 = 2614.725 exactly, 5578.08 × 17/32 = 2963.355 exactly. The note says
    «2.614,7250» (not «2.614,7249…», the noise of 17/30 in 28 digits) and «2.963,3550» without «…»: nothing
    follows the half cent."""
    p08, p09 = D("0.5"), D("0.85") * 8 / 12
    total = p08 + p09
    assert split_note(D("5578.08"), p08, total, D("2614.73")) == (
        "importo esatto € 2.614,7250: € 2.614,72 al centesimo per difetto, più un centesimo: i centesimi che "
        "l'arrotondamento lascia vanno ai resti più alti"
    )
    assert split_note(D("5578.08"), p09, total, D("2963.35")) == (
        "importo esatto € 2.963,3550: € 2.963,35 al centesimo per difetto"
    )


# weights a regulation computes as Decimals: a coefficient × months / 12 × (1 − a cut), each an exact fraction too
coefficients = st.sampled_from(["1", "0.85", "0.65", "0.5", "0.75", "1.2"])
months = st.integers(min_value=0, max_value=12)
cuts = st.sampled_from(["0", "0.1", "0.25", "0.5"])
noisy = st.lists(st.tuples(coefficients, months, cuts, st.integers(min_value=0, max_value=3)), min_size=1, max_size=9)


@settings(max_examples=400)
@given(st.integers(min_value=0, max_value=10**7), st.booleans(), noisy)
def test_a_split_of_decimal_weights_is_the_split_of_the_fractions_they_stand_for(drawn, halves, rows):
    """Decimal weights that only approximate their fractions (x/12 in 28 digits) split as the exact fractions do:
    the same cents to each, the pool conserved, nobody more than a cent from the exact share, a larger weight never
    paid less, and the leftover cents of equal remainders by rank (the higher score) — never by the noise. With
    ``halves`` the pool is a multiple of half the shares' common denominator, so that every remainder is 0 or half a
    cent: ties of remainders between different weights, the case the noise used to decide."""
    import math
    from fractions import Fraction

    ids = [f"P{i:02d}" for i in range(len(rows))]
    dec = {k: D(c) * m / 12 * (1 - D(cut)) for k, (c, m, cut, _) in zip(ids, rows)}
    exact = {k: Fraction(c) * m / 12 * (1 - Fraction(cut)) for k, (c, m, cut, _) in zip(ids, rows)}
    rank = {k: -score for k, (_, _, _, score) in zip(ids, rows)}
    total = sum(exact.values(), Fraction(0))
    cents = drawn
    if total:
        if halves:
            cents = math.lcm(*((w / total).denominator for w in exact.values())) * (drawn % 50 + 1) // 2
        # an exact remainder at a half-billionth of a cent would round either way under noise: never drawn here
        grid = [Fraction(cents) * w / total * 10**9 for w in exact.values()]
        assume(all(g - int(g) != Fraction(1, 2) for g in grid))
    pool = D(cents) / 100
    got = split(pool, dec, rank=rank)
    assert got == split(pool, exact, rank=rank)
    if not total:
        assert all(v == 0 for v in got.values())
        return
    assert sum(got.values()) == pool
    assert all(abs(Fraction(got[k]) - Fraction(pool) * exact[k] / total) < Fraction(1, 100) for k in ids)
    for a in ids:
        for b in ids:
            if exact[a] > exact[b]:
                assert got[a] >= got[b]
            if exact[a] == exact[b] and rank[a] < rank[b]:  # equal shares: the higher score never gets less
                assert got[a] >= got[b]


def test_a_share_that_lost_a_tied_cent_says_the_rule_that_gave_it_to_another():
    # € 10,00 in three equal shares: 3,3333… each, 3,33 down, 9,99; the one cent left goes to A (rank 0): B and C have
    # the same remainder (0,33… of a cent) as A and are told why it was not theirs, without naming A
    paid = split(D("10.00"), {"A": 1, "B": 1, "C": 1}, rank={"A": 0, "B": 1, "C": 2})
    assert paid == {"A": D("3.34"), "B": D("3.33"), "C": D("3.33")}
    tie = "a parità di resto il centesimo va al punteggio più alto"
    notes = split_notes(D("10.00"), {"A": 1, "B": 1, "C": 1}, paid, tie)
    down = "importo esatto € 3,3333…: € 3,33 al centesimo per difetto"
    assert notes["A"] == f"{down}, più un centesimo: i centesimi che l'arrotondamento lascia vanno ai resti più alti"
    assert notes["B"] == notes["C"] == f"{down}: {tie}"


def test_a_share_rounded_down_without_a_tie_says_only_per_difetto():
    # € 1,00 by 2 and 1: 0,6666… and 0,3333…; 0,66 + 0,33 = 0,99, the cent to the larger remainder (0,66… of a cent):
    # B's remainder (0,33…) is smaller, no tie: only «per difetto»
    paid = split(D("1.00"), {"A": 2, "B": 1})
    assert paid == {"A": D("0.67"), "B": D("0.33")}
    notes = split_notes(D("1.00"), {"A": 2, "B": 1}, paid, "a parità di resto il centesimo va al punteggio più alto")
    assert notes["B"] == "importo esatto € 0,3333…: € 0,33 al centesimo per difetto"


def test_rounded_shares_round_half_a_cent_by_hand_up_whatever_the_decimals_noise():
    # weights 17/30 (0,85 × 8/12) and 289/450, in the ratio 15 : 17 (17/30 × 17/15 = 289/450): Σ = 544/450
    a, b = D("0.85") * 8 / 12, D(289) / 450
    pool = D("5578.08")
    # by hand 5.578,08 × 15/32 = 2.614,725 and × 17/32 = 2.963,355, half a cent each: up, 2.614,73 and 2.963,36
    # (the Decimals give 2.963,354999…: rounded as they are, 2.963,35)
    assert r2(pool * b / (a + b)) == D("2963.35")
    paid = rounded_shares(pool, {"a": a, "b": b})
    assert paid == {"a": D("2614.73"), "b": D("2963.36")}  # 5.578,09: a cent past, the caller decides
    assert rounded_notes(pool, {"a": a, "b": b}, paid)["b"] == (
        "importo esatto € 2.963,3550: € 2.963,36 al centesimo, arrotondamento matematico (per eccesso da mezzo centesimo)"
    )
    # 100,00 / 3 = 33,3333…: down, 33,33 each, 99,99 in all
    thirds = rounded_shares(D("100.00"), {"x": 1, "y": 1, "z": 1})
    assert thirds == {k: D("33.33") for k in "xyz"}
    assert rounded_note(D("100.00"), 1, 3, D("33.33")) == (
        "importo esatto € 33,3333…: € 33,33 al centesimo, arrotondamento matematico"
    )
