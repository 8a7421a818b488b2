"""The one disclosure-control step of every public output (rules/core.md §6), by hand and as a property.

The property test audits :func:`disclosure.control` with a checker written here independently, over
the people themselves (one unknown per person and pool) instead of the module's atoms: whatever the
published cells are, no withheld figure and no person's amount may be a linear combination of the
published ones.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from ciclope.core.reports.disclosure import SMALL, WITHHELD, Cell, control
from ciclope.core.reports.transparency import Person, merged


def test_a_lone_small_row_takes_the_next_smallest_with_it():
    # levels of 10 people under a published total: A has 1 person, B 4, C 5. A is <3; the total minus B
    # and C would give A back, so B (the smaller of the others) is withheld too.
    everyone = frozenset(range(10))
    cells = [
        Cell("A", frozenset({0}), pools=frozenset({"premi"})),
        Cell("B", frozenset({1, 2, 3, 4}), pools=frozenset({"premi"})),
        Cell("C", frozenset({5, 6, 7, 8, 9}), pools=frozenset({"premi"})),
        Cell("totale", everyone, pools=frozenset({"premi"}), counted=False, keep=2),
    ]
    paid = {i: frozenset({"premi"}) for i in range(10)}
    assert control(cells, paid) == {"A": SMALL, "B": WITHHELD}


def test_two_small_rows_still_give_their_sum_so_a_third_goes():
    # A (1 person) and B (1 person) are both <3, but total − C is A + B: two people's pay together,
    # still under 3 people, so C goes too.
    cells = [
        Cell("A", frozenset({0}), pools=frozenset({"premi"})),
        Cell("B", frozenset({1}), pools=frozenset({"premi"})),
        Cell("C", frozenset(range(2, 9)), pools=frozenset({"premi"})),
        Cell("totale", frozenset(range(9)), pools=frozenset({"premi"}), counted=False, keep=2),
    ]
    paid = {i: frozenset({"premi"}) for i in range(9)}
    hidden = control(cells, paid)
    assert hidden["A"] == hidden["B"] == SMALL
    assert "C" in hidden or "totale" in hidden


def test_a_pool_paid_to_one_person_hides_what_gives_it_back():
    # PO1 alone is paid from po_risultato (1 recipient: <3). The total of both pools is published (the law
    # asks for it), so the other pool's distributed amount is withheld: total − premi = PO1's pay.
    cells = [
        Cell("premi", frozenset(range(1, 9)), pools=frozenset({"premi"}), keep=1),
        Cell("po_risultato", frozenset({0}), pools=frozenset({"po_risultato"}), keep=1),
        Cell("totale", frozenset(range(9)), pools=frozenset({"premi", "po_risultato"}), counted=False, keep=2),
    ]
    paid = {0: frozenset({"po_risultato"}), **{i: frozenset({"premi"}) for i in range(1, 9)}}
    assert control(cells, paid) == {"po_risultato": SMALL, "premi": WITHHELD}


def test_head_counts_are_published():
    # a count alone is no one's pay (rules/core.md §6, revised): a level of 2 people shows its count; only its
    # amounts would be withheld
    cells = [
        Cell("valutati", frozenset(range(5))),
        Cell("alto", frozenset({0, 1})),
        Cell("basso", frozenset({2, 3, 4})),
    ]
    assert control(cells, {}) == {}


def test_a_group_paid_to_two_of_its_five_is_small():
    # 5 people in the level, 2 of them paid: its total is the pay of 2 people → withheld (<3)
    cells = [Cell("alto", frozenset(range(5)), pools=frozenset({"premi"}))]
    assert control(cells, {0: frozenset({"premi"}), 1: frozenset({"premi"})}) == {"alto": SMALL}


def test_the_ente_total_is_never_withheld_the_group_goes_instead():
    # dirigenti e PO: 2 people (<3); personale: 7. The ente's total is required by art. 20: it stays, and the
    # personale total (ente − personale = the 2 PO's pay) is withheld instead, as if merged into the ente's
    pools = frozenset({"premi"})
    cells = [
        Cell("dirigenti", frozenset({0, 1}), pools=pools, keep=1),
        Cell("personale", frozenset(range(2, 9)), pools=pools, keep=1),
        Cell("ente", frozenset(range(9)), pools=pools, counted=False, keep=-5, required=True),
    ]
    paid = {i: pools for i in range(9)}
    assert control(cells, paid) == {"dirigenti": SMALL, "personale": WITHHELD}


# -- the property -----------------------------------------------------------------------------------------


def _reduced(vector: dict, basis: list[tuple[object, dict]]) -> dict:
    """``vector`` less its components along each basis row (plain Gaussian elimination over Fraction)."""
    out = {k: Fraction(v) for k, v in vector.items()}
    for pivot, b in basis:
        f = out.get(pivot, 0)
        if f:
            for k, v in b.items():
                out[k] = out.get(k, 0) - f * v
            out = {k: v for k, v in out.items() if v}
    return out


def _in_span(rows: list[dict], target: dict) -> bool:
    """Whether ``target`` is a linear combination of ``rows``."""
    basis: list[tuple[object, dict]] = []
    for row in rows:
        rest = _reduced(row, basis)
        if rest:
            pivot = sorted(rest, key=repr)[0]
            basis.append((pivot, {k: v / rest[pivot] for k, v in rest.items()}))
    return bool(target) and not _reduced(target, basis)


POOLS = ("premi", "risultato")


@st.composite
def published_tables(draw):
    """A group of people with a level, a band and the pools that paid them, and the cells the public
    outputs print of them: per level, per band, per pool, the group's total and head count."""
    n = draw(st.integers(min_value=1, max_value=14))
    levels = [draw(st.sampled_from("ABCD")) for _ in range(n)]
    bands = [draw(st.sampled_from(["x", "y", None])) for _ in range(n)]
    paid = {}
    for i in range(n):
        pools = frozenset(p for p in POOLS if draw(st.booleans()))
        if pools:
            paid[i] = pools
    everyone = frozenset(range(n))
    cells = [Cell(("persone",), everyone, keep=-1), Cell(("premi",), everyone, frozenset(POOLS), counted=False)]
    for lv in sorted(set(levels)):
        cells.append(Cell(("livello", lv), frozenset(i for i in range(n) if levels[i] == lv), frozenset(POOLS)))
    for b in sorted({b for b in bands if b}):
        cells.append(Cell(("fascia", b), frozenset(i for i in range(n) if bands[i] == b), frozenset(POOLS)))
    for pool in POOLS:
        cells.append(Cell(("pool", pool), frozenset(i for i in paid if pool in paid[i]), frozenset({pool}), keep=1))
    # the ente's total (art. 20): required where it is over 3 or more people paid
    cells.append(Cell(("totale",), frozenset(paid), frozenset(POOLS), counted=False, keep=2, required=len(paid) >= 3))
    return cells, paid


def _amounts(cell: Cell, paid) -> dict:
    return {(i, p): 1 for i in cell.people for p in paid.get(i, ()) if p in cell.pools}


@settings(max_examples=300)
@given(published_tables())
def test_nothing_withheld_and_nobody_s_pay_can_be_recovered(tables):
    cells, paid = tables
    hidden = control(cells, paid)
    shown = [c for c in cells if c.key not in hidden]
    amounts = [_amounts(c, paid) for c in shown if c.pools]
    for c in cells:
        if c.required:
            assert c.key not in hidden  # the art. 20 totals are always published
        receiving = sum(1 for i in c.people if paid.get(i, frozenset()) & c.pools)
        if c.pools and not c.required and 0 < receiving and (len(c.people) < 3 or receiving < 3):
            assert c.key in hidden  # every amount of a group under 3 that its pools paid is withheld
        if c.pools and not receiving:
            # its pools paid none of its people: its 0,00 is what the published head counts say, never «<3»
            assert hidden.get(c.key) != SMALL
        if not c.pools:
            assert c.key not in hidden  # head counts are published
        if hidden.get(c.key) == SMALL and c.people:
            # a small group's amount cannot be recovered (a cell withheld only as secondary may be: it is over 3
            # or more people, and what gives it back adds nothing to the published span)
            assert not _in_span(amounts, _amounts(c, paid)), c.key
    for i, pools in paid.items():  # nobody's pay, in all or from one pool
        if len(paid) < 3:
            continue  # an ente paying 1–2 people has no published total to protect them from (none is required)
        assert not _in_span(amounts, {(i, p): 1 for p in pools}), i
        for p in pools:
            assert not _in_span(amounts, {(i, p): 1}), (i, p)


@st.composite
def levels_of_people(draw):
    sizes = draw(st.lists(st.integers(min_value=1, max_value=6), min_size=1, max_size=6))
    parts, people, start = [], [], 0
    for k, size in enumerate(sizes):
        members = list(range(start, start + size))
        start += size
        parts.append((f"L{k}", members))
        for _ in members:
            pay = draw(st.sampled_from([Decimal(0), Decimal("100.00"), Decimal("250.50")]))
            people.append(
                Person("personale", f"L{k}", None, pay, Decimal(80), frozenset({"premi"}) if pay else frozenset())
            )
    return parts, people


@settings(max_examples=300)
@given(levels_of_people())
def test_small_levels_are_merged_with_their_neighbours(drawn):
    parts, people = drawn
    out = merged(parts, people)
    # the same people, in the same order of levels, each once
    assert sorted(i for _, members in out for i in members) == sorted(i for _, members in parts for i in members)
    names = [n for n, _ in parts]
    assert [n.replace(", ", " e ").split(" e ") for n, _ in out] == [
        [x for x in names if x in n.replace(", ", " e ").split(" e ")] for n, _ in out
    ]
    for _, members in out:
        paid = sum(1 for i in members if people[i].pay > 0)
        small = 0 < len(members) < 3 or 0 < paid < 3
        assert not small or len(out) == 1  # a group under 3 remains only when nothing is left to merge it with


# -- the integer elimination against the rational one ------------------------------------------------------


def _rational_combination(rows: list[tuple[int, dict]], target: dict) -> set[int] | None:
    """What the audit did over :class:`fractions.Fraction` (rows scaled to a pivot of 1): the published rows of
    one combination equal to ``target``, or None. The oracle of :class:`disclosure._Span`."""

    def reduce(vector: dict, combo: dict, basis: list) -> tuple[dict, dict]:
        for pivot, row, row_combo in basis:
            factor = vector.get(pivot)
            if factor:
                for k, v in row.items():
                    vector[k] = vector.get(k, 0) - factor * v
                for k, v in row_combo.items():
                    combo[k] = combo.get(k, 0) - factor * v
                vector = {k: v for k, v in vector.items() if v}
                combo = {k: v for k, v in combo.items() if v}
        return vector, combo

    basis: list = []
    for index, vector in rows:
        rest, combo = reduce({k: Fraction(v) for k, v in vector.items()}, {index: Fraction(1)}, basis)
        if rest:
            pivot = min(rest, key=repr)
            scale = rest[pivot]
            basis.append((pivot, {k: v / scale for k, v in rest.items()}, {k: v / scale for k, v in combo.items()}))
    if not target:
        return None
    rest, combo = reduce({k: Fraction(v) for k, v in target.items()}, {}, basis)
    return None if rest else {k for k, v in combo.items() if v}


vectors = st.dictionaries(st.integers(min_value=0, max_value=7), st.integers(min_value=-3, max_value=3)).map(
    lambda d: {k: v for k, v in d.items() if v}
)


@settings(max_examples=400)
@given(st.lists(vectors, max_size=9), st.lists(vectors, min_size=1, max_size=4))
def test_the_span_finds_the_combinations_the_rational_elimination_finds(rows, targets):
    from ciclope.core.reports.disclosure import _Span

    indexed = list(enumerate(rows))
    span = _Span(indexed)
    for target in [*targets, *rows]:
        assert span.combination(target) == _rational_combination(indexed, target)
