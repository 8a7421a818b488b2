"""Scoring primitives (rules/core.md §1–3): values by hand, and the loops of issue 18 against the
generator sums they replaced (hypothesis), digit for digit."""

from decimal import Decimal as D

from hypothesis import given
from hypothesis import strategies as st

from ciclope.core.model import EvaluationItem
from ciclope.core.money import r2, r4
from ciclope.core.scoring import card_formula, card_score, card_score_and_formula, mixed_weights, weighted_mean

ZERO = D(0)


def old_weighted_mean(parts):
    if not parts:
        return None
    weights = [w for _, _, w in parts]
    if all(w is None for w in weights) or sum((w or ZERO) for w in weights) == 0:
        return r4(sum((v for _, v, _ in parts), ZERO) / len(parts))
    total = sum((w or ZERO) for w in weights)
    return r4(sum((v * (w or ZERO) for _, v, w in parts), ZERO) / total)


def old_mixed_weights(weights):
    ws = list(weights)
    return any(w is None for w in ws) and any(w is not None for w in ws)


def old_card_score(items):
    if not items:
        return None
    if all(i.weight is None for i in items):
        num = sum((i.points for i in items), ZERO)
        den = sum((i.max_points for i in items), ZERO)
    else:
        num = sum(((i.weight or ZERO) * i.points / i.max_points for i in items), ZERO)
        den = sum(((i.weight or ZERO) for i in items), ZERO)
    if den == 0:
        return None
    return r2(100 * num / den)


values = st.decimals(min_value=0, max_value=2, places=4, allow_nan=False, allow_infinity=False)
weights = st.one_of(st.none(), st.decimals(min_value=0, max_value=100, places=3, allow_nan=False, allow_infinity=False))
parts = st.lists(st.tuples(st.text(max_size=3), values, weights), max_size=8)


def item(points, max_points, weight, row=0):
    return EvaluationItem("P1", None, "s", f"i{row}", D(max_points), D(points), weight, row)


def test_weighted_mean_by_hand():
    assert weighted_mean([]) is None
    assert weighted_mean([("a", D("0.5"), None), ("b", D("1"), None)]) == D("0.7500")  # equal weights
    assert weighted_mean([("a", D("0.5"), D(3)), ("b", D("1"), D(1))]) == D("0.6250")  # (1.5 + 1) / 4
    assert weighted_mean([("a", D("0.5"), D(0)), ("b", D("1"), D(0))]) == D("0.7500")  # all zero = equal
    assert weighted_mean([("a", D("0.3333"), D(1)), ("b", D("1"), None)]) == D("0.3333")  # empty weight = 0


def test_mixed_weights_by_hand():
    assert not mixed_weights([])
    assert not mixed_weights([None, None])
    assert not mixed_weights([D(0), D(2)])
    assert mixed_weights([D(0), None])
    assert mixed_weights(iter([None, D(1), None]))  # any iterable, read once


def test_card_score_by_hand():
    assert card_score([]) is None
    assert card_score([item(3, 5, None), item(4, 5, None)]) == D("70.00")  # 100 × 7 / 10
    assert card_score([item(3, 5, D(1)), item(5, 5, D(3))]) == D("90.00")  # 100 × (0.6 + 3) / 4
    assert card_score([item(3, 5, D(0)), item(5, 5, D(0))]) is None  # every weight 0: nothing to score


@given(parts)
def test_weighted_mean_equals_the_generator_sums(ps):
    got, want = weighted_mean(ps), old_weighted_mean(ps)
    assert (got is None and want is None) or (got == want and str(got) == str(want))


@given(st.lists(weights, max_size=8))
def test_mixed_weights_equals_the_two_scans(ws):
    assert mixed_weights(ws) == old_mixed_weights(ws)


@given(
    st.lists(
        st.tuples(
            st.decimals(min_value=0, max_value=10, places=2, allow_nan=False, allow_infinity=False),
            st.decimals(min_value="0.5", max_value=10, places=1, allow_nan=False, allow_infinity=False),
            weights,
        ),
        max_size=8,
    )
)
def test_card_score_equals_the_generator_sums(rows):
    card = [item(p, m, w, k) for k, (p, m, w) in enumerate(rows)]
    got, want = card_score(card), old_card_score(card)
    assert (got is None and want is None) or (got == want and str(got) == str(want))
    old_formula = (
        "100 × Σ punti / Σ punteggi massimi"
        if all(i.weight is None for i in card)
        else "100 × Σ(peso × punti / massimo) / Σ pesi"
    )
    assert card_formula(card) == old_formula
    assert card_score_and_formula(card) == (got, old_formula)


def test_the_core_card_checks_by_hand():
    """rules/core.md §3: a card with an item twice, a card mixing empty and given weights (issue 18 made
    them one loop per card; no test held them before)."""
    from ciclope.core.engine.defaults import ciclope_validate
    from ciclope.core.model import Ente, Person

    def card(pid, *rows):
        return [EvaluationItem(pid, None, "s", name, D(5), D(3), w, row) for name, w, row in rows]

    people = {p: Person(id=p, name=p, role="dipendente", category="C", unit="U") for p in "ABCDE"}
    evaluations = (
        card("A", ("x", None, 2), ("y", None, 3))  # fine, equal weights
        + card("B", ("x", D(1), 4), ("x", D(2), 5))  # an item twice
        + card("C", ("x", D(1), 6), ("y", None, 7))  # mixed weights
        + card("D", ("x", None, 8), ("x", D(0), 9))  # both
        + card("E", ("x", D(0), 10), ("y", D(0), 11))  # all given (zero): not mixed
    )
    ente = Ente(id="e", name="e", year=2021, people=people, evaluations=tuple(evaluations))
    found = [(p.rule, p.row, p.column) for p in ciclope_validate(ente)]
    assert found == [
        ("core.card.duplicate_item", 4, "item"),
        ("core.card.weights", 6, "weight"),
        ("core.card.duplicate_item", 8, "item"),
        ("core.card.weights", 8, "weight"),
    ]


@given(
    st.one_of(
        st.decimals(allow_nan=True, allow_infinity=True),
        st.integers(),
        st.floats(allow_nan=True),
        st.none(),
        st.text(max_size=3),
    )
)
def test_a_weight_reads_the_same_with_str_as_with_format(w):
    """Weights in the names of inputs and formulas are written with ``!s`` (issue 18: half the time of a
    Decimal's ``format``): the same text as ``format(w, "")``, for every kind of weight."""
    assert f"{w!s} × x" == f"{w} × x"
    assert f"peso {w if w is not None else '='!s}" == f"peso {w if w is not None else '='}"
