"""One disclosure-control step for every public output (rules/core.md §6, revised; D.Lgs. 33/2013 art. 20 "in
forma aggregata").

Every figure that ciclope publishes about people — a head count, a total or mean amount — is an
aggregate over a set of people. This module takes *all* the aggregates of one ente that any public
output prints (``trasparenza.csv``, ``premi-art20.csv``, the public Relazione and the public portal all
print from the same cells) and decides, once, which **amounts** are withheld:

0. **Head counts are published**: a count alone is no one's pay. Amounts are judged over the people paid,
   so a count never turns a published amount into one person's (a group paid 1–2 people is withheld).
1. **Primary suppression**: the amounts of a cell over 1 or 2 people, or paid to 1 or 2 people, are
   withheld (``<3``); a cell whose pools paid none of its people publishes its 0,00, as the head counts say. The callers merge small groups with their neighbours first (:mod:`.transparency`),
   so this is the exception.
2. **Secondary suppression**, the way statistical offices audit a set of tables: a published amount is
   a linear equation on the people's amounts (a fund's allocation too: what its people were paid plus what it left
   unpaid, an unknown of its own — or, when it left nothing, exactly what it paid). A withheld cell is *recoverable* when its vector is a linear
   combination of published ones (by difference from a total, from the sum of the other rows, from another
   table over the same people); so is the money of 1–2 people that the cells happen to isolate (an *atom*:
   the people who belong to exactly the same cells), and the sum of two small groups that together are
   still under 3 people. While something is recoverable, one more published cell of that combination is
   withheld: the smallest, keeping the figures the law requires to the last. A ``required`` cell (the
   ente's art. 20 totals) is never withheld: a combination of required cells alone cannot be undone and
   is not pursued. The loop ends: every round withholds a cell.
3. **Figures published elsewhere**: an amount another public document prints (the destinations of the fondo risorse
   decentrate, in the relazione tecnico-finanziaria of the CCDI) is a ``required`` cell: an equation every reader
   has, which the audit counts like a published one and never withholds (:attr:`Cell.unknowns`).

The arithmetic is exact (integers, eliminated without division: :class:`_Span`) and runs over atoms, not
people: an ente of 30,000 people has a few dozen atoms, so the audit costs the same for every size.

Attackers are assumed to know which pools paid which group of people (the number of recipients is
published): the amounts are unknowns only where money was paid, which makes the audit stricter.
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Iterable, Mapping, Sequence
from typing import TypeVar

import attrs

MIN_GROUP = 3
SMALL = "<3"
WITHHELD = "riservato"


def said(hidden: str) -> str:
    """A withheld figure as a public table prints it, in words in every column: «riservato», whether the group is
    under 3 (``SMALL``) or the figure would give another by difference; «<3» where euros go would read «less than
    € 3», and saying which group is small would say its size."""
    return WITHHELD if hidden else ""


Var = tuple[int, str]  # (atom, pool): the money one atom received from one pool
Vector = dict[Hashable, int]  # unknown → its coefficient (none is 0)
K = TypeVar("K", bound=Hashable)  # what a vector's coefficients are of: unknowns, or the published cells (indexes)


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
    required: bool = False  # a figure the law requires (art. 20 c. 1–2): never withheld
    # the pools whose unpaid rest (residual) the amount also sums: an allocation ("stanziato") is what its pools paid
    # plus what they left unpaid. A pool that left nothing unpaid is not named here, its allocation then publishes
    # what it paid — as the reader knows when the regulation pays a fund whole (a proportional split)
    residuals: frozenset[str] = frozenset()
    # an allocation is a budget figure: never withheld for its size (a fund of one person's prize that left most of
    # it unpaid says nothing of the prize), only when it would give a withheld amount (secondary suppression)
    primary: bool = True
    # other unknowns the amount sums, none of them anyone's pay, each with its coefficient: the money one pool set
    # aside for another (a destination of the fondo is the pool's allocation plus what was set aside from it; the
    # pools it fed hold it: allocation − the set-asides = 0, an equation every reader has)
    unknowns: tuple[tuple[Hashable, int], ...] = ()


def _receiving(cell: Cell, paid: Mapping[Hashable, frozenset[str]]) -> int:
    """How many of the cell's people its pools paid: the people its amount is about."""
    return sum(1 for p in cell.people if paid.get(p, frozenset()) & cell.pools)


def small(cell: Cell, paid: Mapping[Hashable, frozenset[str]]) -> bool:
    """A cell whose amounts belong to 1 or 2 people: paid to 1–2 of them, or over 1–2 people of whom its pools paid
    someone. A cell whose pools paid none of its people publishes 0,00, which says nothing the published head
    counts (the recipients of each pool, the people not paid) do not already say: withheld, it would read «<3»
    beside a stanziato of 0,00 or «1 persona non pagata su 1»."""
    if not cell.pools or cell.required or not cell.primary:
        return False
    receiving = _receiving(cell, paid)
    return 0 < receiving and (len(cell.people) < MIN_GROUP or receiving < MIN_GROUP)


def control(cells: Sequence[Cell], paid: Mapping[Hashable, frozenset[str]]) -> dict[Hashable, str]:
    """The cells whose amounts are withheld, ``key → SMALL`` (primary) or ``key → WITHHELD`` (secondary); head
    counts are never withheld.

    ``paid`` gives, per person, the pools that paid them a positive amount (a person absent from it
    received nothing)."""
    hidden: dict[Hashable, str] = {c.key: SMALL for c in cells if small(c, paid)}
    atoms = _atoms(cells, paid)
    required = _given(cells, atoms, frozenset(c.key for c in cells if c.key in hidden))
    while True:
        shown = [i for i, c in enumerate(cells) if c.key not in hidden]
        leak = _first_leak(cells, shown, atoms, hidden, required)
        if leak is None:
            return hidden
        found, about = leak
        # first a figure of only the people the leak is about (the stanziato of a maggiorazione of one employee),
        # then by ``keep``, a figure that holds them before one of others: withholding the fund of three EQ beside
        # a maggiorazione of one employee protects no one and cascades to their tables
        candidates = sorted(
            found - required,
            key=lambda i: (
                not cells[i].people <= about,
                cells[i].keep,
                not cells[i].people & about,
                _receiving(cells[i], paid),
                len(cells[i].people),
                i,
            ),
        )
        hidden[cells[candidates[0]].key] = WITHHELD


def given_away(cells: Sequence[Cell], paid: Mapping[Hashable, frozenset[str]]) -> frozenset[Hashable]:
    """The keys of the cells withheld for their size (:func:`small`) whose amount the required cells alone give back:
    the ente's art. 20 totals and the destinations of its fondo, which every reader has and which are never withheld,
    leave such an amount known by difference whatever the public documents withhold (the result pay of two EQ: the
    premi distribuiti of the ente less the destination to the staff's premiums, paid whole). Nothing can hide it;
    the internal Relazione tells the office."""
    atoms = _atoms(cells, paid)
    required = [(i, _amount_vector(c, i, atoms)) for i, c in enumerate(cells) if c.required and (c.pools or c.unknowns)]
    given = _Span(required)
    return frozenset(
        c.key
        for i, c in enumerate(cells)
        if small(c, paid) and given.combination(_amount_vector(c, i, atoms)) is not None
    )


def _given(cells: Sequence[Cell], atoms: Sequence[_Atom], small_cells: frozenset[Hashable]) -> frozenset[int]:
    """The required cells and every other cell whose amount they give (a combination of them): withholding such a
    cell protects nothing, as a reader redoes it from figures always published (a fund's stanziato that is the
    ente's total less the destinations of the fondo), so it is published as they are. A cell of 1–2 people
    stays withheld even then. An amount paid (not a stanziato) is published so only where the tables' own required
    figures give it (the ente's totals, a stanziato paid whole): one that only the destinations of a fund that set a
    part aside give (the staff's premi distribuiti, printed beside the ente's total) is audited like any other, so no
    public table hands over by one subtraction the result pay of 1–2 people (complementary suppression)."""
    required = [i for i, c in enumerate(cells) if c.required]
    vectors = {i: _amount_vector(cells[i], i, atoms) for i in required if cells[i].pools or cells[i].unknowns}
    given = _Span(vectors.items())
    printed = _Span((i, v) for i, v in vectors.items() if not cells[i].unknowns)
    derived = (
        i
        for i, c in enumerate(cells)
        if not c.required
        and c.key not in small_cells
        and c.pools
        and (given if not c.primary else printed).combination(_amount_vector(c, i, atoms)) is not None
    )
    return frozenset(required).union(derived)


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


def _amount_vector(cell: Cell, index: int, atoms: Sequence[_Atom]) -> Vector:
    vector: Vector = {
        (a, pool): 1 for a, atom in enumerate(atoms) if index in atom.cells for pool in atom.pools & cell.pools
    }
    vector.update({("residuo", pool): 1 for pool in cell.residuals})  # an unknown: nobody's pay
    vector.update({unknown: n for unknown, n in cell.unknowns if n})
    return vector


def _first_leak(
    cells: Sequence[Cell],
    shown: list[int],
    atoms: Sequence[_Atom],
    hidden: dict[Hashable, str],
    required: frozenset[int] = frozenset(),
) -> tuple[set[int], frozenset[Hashable]] | None:
    """The published cells whose combination recovers a withheld amount, with the people of that amount; or None. A combination of required cells alone is not returned: nothing may be withheld of it."""
    amounts = _Span([(i, _amount_vector(cells[i], i, atoms)) for i in shown if cells[i].pools])

    def leak(vector: Vector, people: frozenset[Hashable]) -> tuple[set[int], frozenset[Hashable]] | None:
        found = amounts.combination(vector)
        return (found, people) if found and found - required else None

    for i, c in enumerate(cells):
        if c.key not in hidden or not c.people or not c.pools:
            continue
        found = leak(_amount_vector(c, i, atoms), c.people)
        if found:
            return found
    withheld = [(i, c) for i, c in enumerate(cells) if c.key in hidden and c.pools and 0 < len(c.people) < MIN_GROUP]
    for n, (i, c) in enumerate(withheld):  # two small groups together still under 3 people
        for j, d in withheld[n + 1 :]:
            if c.people & d.people or len(c.people | d.people) >= MIN_GROUP:
                continue
            found = leak(_merge(_amount_vector(c, i, atoms), _amount_vector(d, j, atoms)), c.people | d.people)
            if found:
                return found
    for a, atom in enumerate(atoms):
        if atom.people >= MIN_GROUP:
            continue
        # the people of every cell that holds the atom: the atom, or the fewest people around it that the cells name
        atom_people = frozenset.intersection(*(cells[j].people for j in atom.cells)) if atom.cells else frozenset()
        vectors: list[Vector] = [{(a, pool): 1 for pool in atom.pools}] if atom.pools else []
        vectors += [{(a, pool): 1} for pool in atom.pools if len(atom.pools) > 1]
        for vector in vectors:
            found = leak(vector, atom_people)
            if found:
                return found
    return None


class _Span:
    """The span of published vectors, kept in echelon form with, for each row, the published cells it
    combines.

    Exact and without division: a row is kept as reduced, not scaled to a pivot of 1, and a vector is
    reduced by a row as ``pivot × vector − factor × row``. That is the rational elimination multiplied by a
    nonzero integer at every step, so a coefficient is zero exactly where it is zero over
    :class:`fractions.Fraction` (the same pivots, the same combinations), at the cost of integer arithmetic; each
    reduced vector is divided by the greatest common divisor of its coefficients to keep them small."""

    def __init__(self, rows: Iterable[tuple[int, Vector]]) -> None:
        self.basis: list[tuple[Hashable, Vector, dict[int, int]]] = []
        for index, vector in rows:
            rest, combo = self._reduce(dict(vector), {index: 1})
            if rest:
                self.basis.append((min(rest, key=repr), rest, combo))

    def _reduce(self, vector: Vector, combo: dict[int, int]) -> tuple[Vector, dict[int, int]]:
        """``vector`` less its components along each row, and the rows it took (both times the same integer)."""
        for pivot, row, row_combo in self.basis:
            factor = vector.get(pivot)
            if not factor:
                continue
            scale = row[pivot]
            vector = _combined(vector, scale, row, factor)
            combo = _combined(combo, scale, row_combo, factor)
        common = math.gcd(*vector.values(), *combo.values())
        if common > 1:
            vector = {k: v // common for k, v in vector.items()}
            combo = {k: v // common for k, v in combo.items()}
        return vector, combo

    def combination(self, vector: Vector) -> set[int] | None:
        """The published cells of one combination equal to ``vector``, or None when it is not in the span."""
        if not vector:
            return None
        rest, combo = self._reduce(dict(vector), {})
        if rest:
            return None
        return {k for k, v in combo.items() if v}


def _combined(vector: dict[K, int], scale: int, row: dict[K, int], factor: int) -> dict[K, int]:
    """``scale × vector − factor × row``, without its zero coefficients."""
    out = {k: scale * v for k, v in vector.items()} if scale != 1 else dict(vector)
    for k, v in row.items():
        total = out.get(k, 0) - factor * v
        if total:
            out[k] = total
        else:
            out.pop(k, None)
    return out


def _merge(a: Vector, b: Vector) -> Vector:
    out = dict(a)
    for k, v in b.items():
        total = out.get(k, 0) + v
        if total:
            out[k] = total
        else:
            out.pop(k, None)
    return out
