"""The calculation's fast paths against their plain versions: each test can fail.

The random inputs are hypothesis properties over a ``random.Random`` it draws (``st.randoms``), as many examples
as the seed ranges they replace had cases: a failure is shrunk and replayed from hypothesis's database."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ciclope.core.ranking import by_score


def _split_before(pool, weights, rank=None):
    """core.money.split as first written (a dict per step, a key function per id): the reference."""
    import math
    from decimal import Decimal
    from fractions import Fraction

    from ciclope.core.money import CENT, GRID, ZERO, _rank_key, _ratio, r2

    cents = int(r2(pool) / CENT)
    w = {k: _ratio(v) for k, v in weights.items()}
    if any(n < 0 for n, _ in w.values()):
        raise ValueError("negative weight in a proportional split")
    if not w or not any(n for n, _ in w.values()):
        return {k: ZERO for k in w}
    den = math.lcm(*(d for _, d in w.values()))
    W = {k: n * (den // d) for k, (n, d) in w.items()}
    T = sum(W.values())
    # each share half-up to a billionth of a cent (GRID, below it the Decimals' noise), then floor and remainder
    grid = {k: math.floor(Fraction(cents * v * GRID, T) + Fraction(1, 2)) for k, v in W.items()}
    floor = {k: g // GRID for k, g in grid.items()}
    rem = {k: g % GRID for k, g in grid.items()}
    left = cents - sum(floor.values())
    if left:
        if rank is None:
            order = sorted(rem, key=lambda k: (-rem[k], k))
        else:
            order = sorted(rem, key=lambda k: (-rem[k], _rank_key(rank, k), k))
        for k in order[:left]:
            floor[k] += 1
    return {k: Decimal(v) * CENT for k, v in floor.items()}


@settings(max_examples=300)
@given(rng=st.randoms(use_true_random=False))
def test_split_is_the_split_before(rng):
    """Random pools, weights (Decimals of a few decimals, ints, Fractions, floats, zeros, equal weights that tie)
    and ranks (some ids unranked, ties): the same parts, in the same order, with the same digits."""
    from decimal import Decimal
    from fractions import Fraction

    from ciclope.core.money import split

    n = rng.choice([0, 1, 2, 3, 7, 30])
    pool = Decimal(rng.randint(0, 10**6)) / 100
    choices = [
        lambda: Decimal(rng.randint(0, 100)) * Decimal(rng.choice(["1", "0.5", "0.83", "0.0001"])),
        lambda: rng.randint(0, 5),
        lambda: Fraction(rng.randint(0, 7), rng.randint(1, 7)),
        lambda: rng.choice([0.5, 0.25, 2.0]),
        lambda: Decimal(2),
    ]
    ids = [f"P{rng.randint(0, 99):02d}{k}" for k in range(n)]
    rng.shuffle(ids)
    weights = {k: rng.choice(choices)() for k in ids}
    if rng.random() < 0.1:
        weights = dict.fromkeys(ids, Decimal(0))
    rank = None
    if rng.random() < 0.6:
        rank = {k: -Decimal(rng.randint(0, 3)) for k in ids if rng.random() < 0.8}
    got, expected = split(pool, weights, rank=rank), _split_before(pool, weights, rank=rank)
    assert list(got.items()) == list(expected.items())
    assert [str(v) for v in got.values()] == [str(v) for v in expected.values()]
    if rng.random() < 0.2 and weights:
        weights[ids[0]] = Decimal(-1)
        with pytest.raises(ValueError):
            split(pool, weights, rank=rank)


@settings(max_examples=200)
@given(rng=st.randoms(use_true_random=False))
def test_card_score_is_the_sums_of_rules_core_3(rng):
    """card_score_and_formula against the plain sums of rules/core.md §3 (random cards, weighted or not)."""
    from decimal import ROUND_HALF_UP, Decimal

    from ciclope.core.model import EvaluationItem
    from ciclope.core.scoring import FORMULA_UNWEIGHTED, FORMULA_WEIGHTED, card_score_and_formula

    weighted = rng.random() < 0.5
    card = [
        EvaluationItem(
            "P",
            None,
            "s",
            f"i{k}",
            Decimal(rng.choice([10, 30, 40])),
            Decimal(rng.randint(0, 100)) / 4,
            Decimal(rng.randint(0, 50)) if weighted else None,
        )
        for k in range(rng.randint(0, 6))
    ]
    if weighted and card and rng.random() < 0.3:
        card[0] = card[0]._replace(weight=None)
    score, formula = card_score_and_formula(card)
    if all(i.weight is None for i in card):
        assert formula == FORMULA_UNWEIGHTED
        num, den = sum((i.points for i in card), Decimal(0)), sum((i.max_points for i in card), Decimal(0))
    else:
        assert formula == FORMULA_WEIGHTED
        num = sum(((i.weight or 0) * i.points / i.max_points for i in card), Decimal(0))
        den = sum((i.weight or Decimal(0) for i in card), Decimal(0))
    expected = None if not card or den == 0 else (100 * num / den).quantize(Decimal("0.01"), ROUND_HALF_UP)
    assert score == expected and str(score) == str(expected)


@settings(max_examples=30)
@given(rng=st.randoms(use_true_random=False))
def test_cards_view_and_area_of_are_the_plain_scans(rng):
    """Ente.cards_view (asks the dict only when the person changes) and Ente.area_of (remembered per unit) against
    the plain grouping and walk, on random rows of people apart from each other and random org charts."""
    from decimal import Decimal

    from ciclope.core.model import Ente, EvaluationItem, Unit

    people = [f"P{k}" for k in range(rng.randint(0, 6))]
    rows = [
        EvaluationItem(rng.choice(people), None, "s", f"i{k}", Decimal(10), Decimal(5), None, k + 2)
        for k in range(rng.randint(0, 40) if people else 0)
    ]
    units = {}
    for k in range(rng.randint(1, 12)):
        parent = rng.choice([None, *units]) if units else None
        units[f"u{k}"] = Unit(f"u{k}", f"Unità {k}", rng.choice(["area", "servizio", "ufficio"]), parent, None, k + 2)
    ente = Ente("E", "Ente", 2024, evaluations=tuple(rows), units=units)
    expected: dict[str, list] = {}
    for item in rows:
        expected.setdefault(item.person, []).append(item)
    for _ in range(2):  # made, then read from the memo
        assert list(ente.cards_view().items()) == [(k, tuple(v)) for k, v in expected.items()]
        assert ente.cards() == expected
        for uid in [*units, "missing", None]:
            chain, walk = [], uid
            while walk in units:
                chain.append(units[walk])
                walk = units[walk].parent
            assert ente.area_of(uid) is next((u for u in chain if u.kind == "area"), None)


def _achievement_before(kind, measured, target):
    """core.scoring.indicator_achievement before issue 18's clamp written out: the reference."""
    import datetime as dt
    from decimal import Decimal

    from ciclope.core.scoring import ONE, ZERO, clamp01

    if kind == "deadline":
        if measured is None:
            return ZERO
        return ONE if isinstance(measured, dt.date) and measured <= target else ZERO
    if kind == "boolean":
        return ONE if measured == target else ZERO
    if kind in ("higher", "project"):
        return clamp01(Decimal(measured) / Decimal(target))
    if kind == "lower":
        measured = Decimal(measured)
        return ONE if measured <= 0 else clamp01(Decimal(target) / measured)
    raise ValueError(f"indicator type {kind!r} is not scored")


@settings(max_examples=300)
@given(rng=st.randoms(use_true_random=False))
def test_indicator_achievement_is_the_clamp_before(rng):
    """The same object (value and digits) as before for random measurements: above, below and at the target with
    other exponents (1.000), zero and negative values, ints; the same error for an unknown type."""
    from decimal import Decimal

    from ciclope.core.scoring import indicator_achievement

    kind = rng.choice(["higher", "project", "lower"])

    def value():
        return rng.choice(
            [
                Decimal(rng.randint(-5, 200)) / rng.choice([1, 10, 100]),
                Decimal("1.000"),
                Decimal("100.0"),
                rng.randint(1, 100),
                Decimal(0),
            ]
        )

    measured, target = value(), value()
    if target == 0 and kind != "lower":
        target = Decimal("50")
    if kind == "lower" and measured > 0 and target == 0:
        target = Decimal(1)
    got, expected = indicator_achievement(kind, measured, target), _achievement_before(kind, measured, target)
    assert got == expected and str(got) == str(expected) and type(got) is type(expected)
    with pytest.raises(ValueError):
        indicator_achievement("monitor", measured, target)


def test_indicator_achievement_at_the_target_is_one_itself():
    from decimal import Decimal

    from ciclope.core.scoring import indicator_achievement

    for kind, measured, target in [("higher", "50.0", "50"), ("lower", "50", "50.0"), ("project", "0", "7")]:
        got = indicator_achievement(kind, Decimal(measured), Decimal(target))
        expected = _achievement_before(kind, Decimal(measured), Decimal(target))
        assert str(got) == str(expected) in ("1", "0")  # ONE or ZERO, not 1.0 or 0E+1


def _weighted_mean_before(parts):
    """core.scoring.weighted_mean before issue 18's sums made only when read: the reference."""
    from ciclope.core.money import r4
    from ciclope.core.scoring import ZERO

    if not parts:
        return None
    total = 0
    weighted = plain = ZERO
    given = False
    for _, v, w in parts:
        plain += v
        if w is None:
            w = ZERO
        else:
            given = True
            w = w or ZERO
        total += w
        weighted += v * w
    if not given or total == 0:
        return r4(plain / len(parts))
    return r4(weighted / total)


@settings(max_examples=300)
@given(rng=st.randoms(use_true_random=False))
def test_weighted_mean_is_the_mean_before(rng):
    from decimal import Decimal

    from ciclope.core.scoring import weighted_mean

    weights = rng.choice(
        [
            lambda: None,
            lambda: Decimal(rng.randint(0, 40)) / rng.choice([1, 10]),
            lambda: rng.choice([None, Decimal(0), Decimal("0.00"), Decimal(rng.randint(1, 9))]),
        ]
    )
    parts = [(f"k{k}", Decimal(rng.randint(0, 10**4)) / 10**4, weights()) for k in range(rng.randint(0, 7))]
    got, expected = weighted_mean(parts), _weighted_mean_before(parts)
    assert got == expected and str(got) == str(expected)


@settings(max_examples=60)
@given(rng=st.randoms(use_true_random=False))
def test_objective_weights_mixed_is_mixed_weights_of_the_declared_weights(rng):
    """_Org.objective counts the declared weights in its loop: a core.weights.mixed problem for exactly the objectives
    whose declared weights (indicators but the monitoring ones, then child objectives) mix empty and given ones, each
    before the problems of its children (random plans)."""
    from decimal import Decimal

    from ciclope.core.engine.organizational import compute
    from ciclope.core.engine.registry import Hooks
    from ciclope.core.model import Ente, Indicator, Objective
    from ciclope.core.params import Params
    from ciclope.core.scoring import mixed_weights
    from ciclope.core.trace import Trace

    from helpers import coreonly

    def weight():
        return rng.choice([None, Decimal(rng.randint(1, 5))])

    objectives, indicators = {}, {}
    for k in range(rng.randint(1, 8)):
        parent = rng.choice([None, *objectives]) if objectives else None
        objectives[f"O{k}"] = Objective(f"O{k}", "operational", f"Obiettivo {k}", parent, None, weight(), None, k + 2)
    for k in range(rng.randint(0, 12)):
        kind = rng.choice(["higher", "higher", "monitor"])
        oid = rng.choice(list(objectives))
        indicators[f"I{k}"] = Indicator(
            f"I{k}", oid, f"Ind {k}", kind, weight(), None, Decimal(10), Decimal(rng.randint(0, 12)), row=k + 2
        )
    ente = Ente("E", "Ente", 2024, objectives=objectives, indicators=indicators)
    hooks, _info = Hooks.for_plugin(coreonly)
    trace = Trace()
    compute(ente, trace, hooks, Params())  # the core's rules read no parameter
    mixed = [
        p.message.split(":")[0].removeprefix("obiettivo ") for p in trace.problems if p.rule == "core.weights.mixed"
    ]
    expected = set()
    for oid in objectives:
        declared = [i.weight for i in indicators.values() if i.objective == oid and i.type != "monitor"]
        declared += [o.weight for o in objectives.values() if o.parent == oid]
        if mixed_weights(declared):
            expected.add(oid)
    assert set(mixed) == expected and len(mixed) == len(expected)
    for oid in mixed:  # a parent's problem comes before its children's
        parent = objectives[oid].parent
        if parent in mixed:
            assert mixed.index(parent) < mixed.index(oid)


@settings(max_examples=200)
@given(rng=st.randoms(use_true_random=False))
def test_sorted_distinct_is_the_sorted_set(rng):
    """money.sorted_distinct against sorted() of the set union bounded_weights built before: the same values in the
    same order, and of equal values the same one kept (its digits), with equal values of other exponents."""
    from decimal import Decimal

    from ciclope.core.money import sorted_distinct

    pool = [Decimal(rng.randint(0, 20)) / rng.choice([1, 2, 3, 7]) for _ in range(rng.randint(0, 12))]
    pool += [Decimal("2"), Decimal("2.0"), Decimal("0.50"), Decimal("0.5"), Decimal("2.00")]
    a = [rng.choice(pool) for _ in range(rng.randint(0, 15))]
    b = [rng.choice(pool) for _ in range(rng.randint(0, 15))]
    expected = sorted({x for x in a} | {x for x in b})  # noqa: C416 - the set comprehensions bounded_weights had
    got = sorted_distinct(a + b)
    assert [str(x) for x in got] == [str(x) for x in expected]


_SCORES = st.decimals(min_value=0, max_value=100, places=2, allow_nan=False, allow_infinity=False)


@settings(max_examples=300)
@given(
    st.lists(
        st.tuples(
            st.text(alphabet="ABCab019_-", min_size=1, max_size=4),
            st.one_of(_SCORES, _SCORES.map(lambda d: d.quantize(Decimal("0.1"))), st.sampled_from([Decimal(70)])),
        ),
        max_size=40,
    )
)
def test_by_score_in_two_sorts_is_the_order_of_the_key_tuple(pairs):
    """Ties (equal scores, 70 and 70.0 too), repeated ids and the plugins' own order: the two stable sorts
    give the list the former key ``(-score, id)`` gave, element for element."""
    reference = sorted(pairs, key=lambda x: (-x[1], x[0]))
    got = by_score(pairs)
    assert len(got) == len(reference) and all(a is b for a, b in zip(got, reference))
