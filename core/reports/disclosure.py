"""One disclosure-control step for every public output (rules/core.md §6; D.Lgs. 33/2013 art. 20 "in
forma aggregata").

Every figure that ciclope publishes about people — a head count, a total or mean amount — is an
aggregate over a set of people. This module takes *all* the aggregates of one ente that any public
output prints (``trasparenza.csv``, ``premi-art20.csv``, the public Relazione and the public portal all
print from the same cells) and decides, once, which of them are withheld:

1. **Primary suppression**: a cell over 1 or 2 people is withheld (``<3``), every figure of it.
2. **Secondary suppression**, the way statistical offices audit a set of tables: a published figure is
   a linear equation on the people's amounts (or on their head count). A withheld cell is *recoverable*
   when its vector is a linear combination of published ones (by difference from a total, from the
   sum of the other rows, from another table over the same people); so is the money of 1–2 people
   that the cells happen to isolate (an *atom*: the people who belong to exactly the same cells), and
   the sum of two small groups that together are still under 3 people. While something is
   recoverable, one more published cell of that combination is withheld: the smallest, keeping the
   figures the law requires (a pool's total) to the last. The loop ends: every round withholds a cell.

The arithmetic is exact (:class:`fractions.Fraction`) and runs over atoms, not people: an ente of
30,000 people has a few dozen atoms, so the audit costs the same for every size.

Attackers are assumed to know which pools paid which group of people (the number of recipients is
published): the amounts are unknowns only where money was paid, which makes the audit stricter.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping, Sequence
from fractions import Fraction

import attrs

MIN_GROUP = 3
SMALL = "<3"
WITHHELD = "riservato"

Var = tuple[int, str]  # (atom, pool): the money one atom received from one pool


@attrs.frozen
class Cell:
    """One published aggregate over people.

    ``key`` names it (unique among the cells given to :func:`control`); ``people`` are the persons it
    covers (any hashable ids); ``pools`` are the pools whose money its amount sums (empty: the cell
    publishes no amount); ``counted`` says whether it publishes its head count; ``keep`` orders the
    choice of secondary suppression: among the cells of a combination the one with the lowest ``keep``
    goes first, then the smallest. A figure the law asks for (a pool's distributed total) has a high
    ``keep``; a convenience figure (a summary's head count) a negative one.
    """

    key: Hashable
    people: frozenset[Hashable]
    pools: frozenset[str] = frozenset()
    counted: bool = True
    keep: int = 0


def control(cells: Sequence[Cell], paid: Mapping[Hashable, frozenset[str]]) -> dict[Hashable, str]:
    """The withheld cells, ``key → SMALL`` (primary) or ``key → WITHHELD`` (secondary).

    ``paid`` gives, per person, the pools that paid them a positive amount (a person absent from it
    received nothing)."""
    hidden: dict[Hashable, str] = {c.key: SMALL for c in cells if 0 < len(c.people) < MIN_GROUP}
    atoms = _atoms(cells, paid)
    while True:
        shown = [i for i, c in enumerate(cells) if c.key not in hidden]
        leak = _first_leak(cells, shown, atoms, hidden)
        if leak is None:
            return hidden
        candidates = sorted(leak, key=lambda i: (cells[i].keep, len(cells[i].people), i))
        hidden[cells[candidates[0]].key] = WITHHELD


@attrs.frozen
class _Atom:
    people: int  # how many
    pools: frozenset[str]  # the pools that paid them
    cells: frozenset[int]  # the indexes of the cells that hold them


def _atoms(cells: Sequence[Cell], paid: Mapping[Hashable, frozenset[str]]) -> list[_Atom]:
    """The people grouped by the cells they belong to and the pools that paid them."""
    member_of: dict[Hashable, list[int]] = {}
    for i, c in enumerate(cells):
        for p in c.people:
            member_of.setdefault(p, []).append(i)
    sizes: dict[tuple[frozenset[int], frozenset[str]], int] = {}
    for person, where in member_of.items():
        sig = (frozenset(where), paid.get(person, frozenset()))
        sizes[sig] = sizes.get(sig, 0) + 1
    return [_Atom(people=n, pools=pools, cells=where) for (where, pools), n in sizes.items()]


def _count_vector(cell: int, atoms: Sequence[_Atom]) -> dict[Hashable, Fraction]:
    return {a: Fraction(1) for a, atom in enumerate(atoms) if cell in atom.cells}


def _amount_vector(cell: Cell, index: int, atoms: Sequence[_Atom]) -> dict[Hashable, Fraction]:
    return {
        (a, pool): Fraction(1)
        for a, atom in enumerate(atoms)
        if index in atom.cells
        for pool in atom.pools & cell.pools
    }


def _first_leak(
    cells: Sequence[Cell], shown: list[int], atoms: Sequence[_Atom], hidden: dict[Hashable, str]
) -> set[int] | None:
    """The published cells whose combination recovers something withheld, or None."""
    counts = _Span([(i, _count_vector(i, atoms)) for i in shown if cells[i].counted])
    amounts = _Span([(i, _amount_vector(cells[i], i, atoms)) for i in shown if cells[i].pools])
    for i, c in enumerate(cells):
        if c.key not in hidden or not c.people:
            continue
        targets = [(counts, _count_vector(i, atoms))] if c.counted else []
        targets += [(amounts, _amount_vector(c, i, atoms))] if c.pools else []
        for span, vector in targets:
            found = span.combination(vector)
            if found:
                return found
    small = [(i, c) for i, c in enumerate(cells) if c.key in hidden and 0 < len(c.people) < MIN_GROUP]
    for n, (i, c) in enumerate(small):  # two small groups together still under 3 people
        for j, d in small[n + 1 :]:
            if c.people & d.people or len(c.people | d.people) >= MIN_GROUP:
                continue
            pair = (
                [(counts, _merge(_count_vector(i, atoms), _count_vector(j, atoms)))] if c.counted and d.counted else []
            )
            if c.pools and d.pools:
                pair.append((amounts, _merge(_amount_vector(c, i, atoms), _amount_vector(d, j, atoms))))
            for span, vector in pair:
                found = span.combination(vector)
                if found:
                    return found
    for a, atom in enumerate(atoms):
        if atom.people >= MIN_GROUP:
            continue
        vectors: list[dict[Hashable, Fraction]] = (
            [{(a, pool): Fraction(1) for pool in atom.pools}] if atom.pools else []
        )
        vectors += [{(a, pool): Fraction(1)} for pool in atom.pools if len(atom.pools) > 1]
        for vector in vectors:
            found = amounts.combination(vector)
            if found:
                return found
    return None


class _Span:
    """The span of published vectors, kept in echelon form with, for each row, the published cells it
    combines (exact rational arithmetic)."""

    def __init__(self, rows: Iterable[tuple[int, dict[Hashable, Fraction]]]) -> None:
        self.basis: list[tuple[Hashable, dict[Hashable, Fraction], dict[int, Fraction]]] = []
        for index, vector in rows:
            rest, combo = self._reduce(dict(vector), {index: Fraction(1)})
            if rest:
                pivot = min(rest, key=repr)
                scale = rest[pivot]
                self.basis.append(
                    (pivot, {k: v / scale for k, v in rest.items()}, {k: v / scale for k, v in combo.items()})
                )

    def _reduce(
        self, vector: dict[Hashable, Fraction], combo: dict[int, Fraction]
    ) -> tuple[dict[Hashable, Fraction], dict[int, Fraction]]:
        for pivot, row, row_combo in self.basis:
            factor = vector.get(pivot)
            if not factor:
                continue
            for k, v in row.items():
                _add(vector, k, -factor * v)
            for k, v in row_combo.items():
                _add(combo, k, -factor * v)
        return vector, combo

    def combination(self, vector: dict[Hashable, Fraction]) -> set[int] | None:
        """The published cells of one combination equal to ``vector``, or None when it is not in the span."""
        if not vector:
            return None
        rest, combo = self._reduce(dict(vector), {})
        if rest:
            return None
        return {k for k, v in combo.items() if v}


def _merge(a: dict[Hashable, Fraction], b: dict[Hashable, Fraction]) -> dict[Hashable, Fraction]:
    out = dict(a)
    for k, v in b.items():
        _add(out, k, v)
    return out


def _add(vector: dict, key: Hashable, value: Fraction) -> None:
    total = vector.get(key, Fraction(0)) + value
    if total:
        vector[key] = total
    else:
        vector.pop(key, None)
