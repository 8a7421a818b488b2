"""Money and rounding primitives (rules/core.md §4, SPEC §8).

Money is :class:`decimal.Decimal` in euro, rounded to cents half-up. Every split conserves its pool
to the cent by the *largest remainder* method: each share is floored to the cent, and the cents left
over go one by one to the largest fractional remainders (ties broken by rank, then id order; remainders equal
to a billionth of a cent are a tie, :data:`GRID`).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from decimal import ROUND_FLOOR, ROUND_HALF_UP, Decimal
from fractions import Fraction
from typing import Any

import attrs

from ciclope.core import fmt
from ciclope.core.fund import CONSTITUTED, Fund, FundCheck, FundLine

__all__ = [
    "CONSTITUTED",
    "Fund",
    "FundCheck",
    "FundLine",
    "ADVANCE",
    "BALANCE",
    "INSTALMENT_KINDS",
    "PERFORMANCE",
    "POSITION",
    "INCENTIVE",
    "SHARE",
    "InsufficientFund",
    "Instalment",
    "Pool",
    "Reserve",
    "bounded_lambda",
    "bounded_split",
    "capped_split",
    "floor2",
    "instalments",
    "in_shares",
    "with_advances",
    "r2",
    "r4",
    "rounded_note",
    "rounded_notes",
    "rounded_shares",
    "split",
    "split_note",
    "split_notes",
]

CENT = Decimal("0.01")
ZERO = Decimal("0.00")
PERFORMANCE = "performance"  # Pool.kind: performance pay (premi, bonus, retribuzione di risultato)
POSITION = "position"  # Pool.kind: retribuzione di posizione (not a performance premium)
# Pool.kind: a compenso that is not a premio correlato alla performance (incentivi di legge, e.g. art. 208 CdS, art. 68
# c. 2 lett. g CCNL 21.5.2018): paid in the same cycle, reported apart, in no statistic of the performance premiums
INCENTIVE = "incentive"
POOL_KINDS = (PERFORMANCE, POSITION, INCENTIVE)


TEN_THOUSANDTH = Decimal("0.0001")  # 4 decimals (achievements)

# A split's shares are taken to a billionth of a cent (half-up) before they are floored to the cent and their
# remainders compared. The weights are often Decimals that only stand for a fraction: 0.85 × 8/12 = 17/30 is
# 0.5666…6667 in the context's 28 digits, so two shares that are equal by hand (2,614.725 and 2,963.355, half a cent
# each) differ in their 20th digit, and that noise, not the rule's order, would pick who gets the leftover cent.
# A billionth of a cent is far below a cent and far above the noise: 28 digits leave a relative error near 1e-27,
# 1e-16 cents of a billion-euro pool; so remainders equal by hand tie, and the tie goes by rank (rules/core.md §4).
GRID = 10**9


def r2(x: Decimal | int | str) -> Decimal:
    """Half-up to 2 decimals (cents, scores)."""
    return Decimal(x).quantize(CENT, rounding=ROUND_HALF_UP)


def r4(x: Decimal | int | str) -> Decimal:
    """Half-up to 4 decimals (achievements)."""
    return Decimal(x).quantize(TEN_THOUSANDTH, rounding=ROUND_HALF_UP)


class InsufficientFund(ValueError):
    """The pool cannot give everybody the lower bound (``fondo insufficiente``)."""


def split(pool: Decimal, weights: Mapping[str, Any], rank: Mapping[str, Any] | None = None) -> dict[str, Decimal]:
    """Proportional split of ``pool`` (cents) by non-negative weights, largest remainder.

    Exact arithmetic (fractions) to a billionth of a cent (:data:`GRID`: below it is the Decimals' noise): each
    share is floored to the cent and the cents left over go one by one to the largest remainders. Equal remainders
    go by ``rank`` — a sort key per id, lower
    first, e.g. ``-score`` so the higher score wins — then by id (rules/core.md §4: "never by id
    alone where a ranking exists"). With all weights zero (or no weights) nothing is distributed:
    every part is 0.00 and the caller reports the pool as residual.
    """
    cents = int(r2(pool) / CENT)
    # Lists in key order and one loop per step, no function call per weight; the same exact integers and the same
    # order of the leftover cents as the dict-per-step version (tests/core/test_calc_fastpaths.py compares the two).
    keys = list(weights)
    nums: list[int] = []
    dens: list[int] = []
    for value in weights.values():
        kind = type(value)
        if kind is Decimal or kind is int or kind is Fraction:
            n, d = value.as_integer_ratio()
        else:
            n, d = _ratio(value)
        nums.append(n)
        dens.append(d)
    if nums and min(nums) < 0:
        raise ValueError("negative weight in a proportional split")
    if not any(nums):
        return {k: ZERO for k in keys}
    # exact integer arithmetic on a common denominator: share_k = cents × W_k / T with W_k = w_k × D, taken half-up
    # to a billionth of a cent (GRID), so the floor and the remainder are integer division and modulo (fast to sort).
    # Σ floors ≤ cents still (the rounding adds at most n/2 billionths) and fewer than n cents are left over.
    den = math.lcm(*dens)
    big = [n * (den // d) for n, d in zip(nums, dens)]
    total = sum(big)
    scale, twice = 2 * cents * GRID, 2 * total
    floor = []
    rem = []
    for v in big:
        q, r = divmod((scale * v + total) // twice, GRID)
        floor.append(q)
        rem.append(r)
    left = cents - sum(floor)
    if left:
        for i in _leftover(rem, keys, rank, left):
            floor[i] += 1
    return dict(zip(keys, map(CENT.__mul__, map(Decimal, floor))))  # cents × 0.01, in C: no Python frame per part


def _leftover(rem: list[int], keys: list[str], rank: Mapping[str, Any] | None, left: int) -> list[int]:
    """The positions that get one of the ``left`` leftover cents: the largest remainders, equal remainders by
    ``rank`` (lower first; unranked after ranked), then by id (rules/core.md §4).

    Only the remainders are sorted (integers, compared in C without reaching the ids or the ranks); rank and id
    decide among the remainders equal to the last one that gets a cent, and only there. Sorting one
    (remainder, rank, id) tuple per weight was 42× slower at 30,000 people than at 3,000: each comparison
    reached a Decimal rank and an id string scattered in memory. The same
    positions as that sort (tests/core/test_calc_fastpaths.py compares with the former split).
    """
    last = sorted(rem)[-left]  # the smallest remainder that still gets a cent (0 < left < len(rem))
    above = [i for i, r in enumerate(rem) if r > last]  # fewer than ``left``: every one gets a cent
    tied = [i for i, r in enumerate(rem) if r == last]
    need = left - len(above)
    if need < len(tied):  # a stable sort: equal keys keep the id order's position (ids are unique anyway)
        if rank is None:
            tied.sort(key=keys.__getitem__)
        else:
            tied.sort(key=lambda i: ((0, rank[k]) if (k := keys[i]) in rank else (1,), k))
    return above + tied[:need]


def _ratio(value: Any) -> tuple[int, int]:
    """``value`` as the numerator and denominator of ``Fraction(value)`` (lowest terms, denominator > 0).

    A Decimal, an int or a Fraction gives them itself (``as_integer_ratio``, which ``Fraction`` calls for a
    Decimal): building a Fraction per weight was ~16,000 Fraction objects per 30 enti."""
    if isinstance(value, (Decimal, int, Fraction)):
        numerator, denominator = value.as_integer_ratio()
        return numerator, denominator
    exact = Fraction(value)
    return exact.numerator, exact.denominator


def _rank_key(rank: Mapping[str, Any] | None, key: str) -> tuple[Any, ...]:
    if rank is None or key not in rank:
        return (1,)  # unranked ids after ranked ones, then by id
    return (0, rank[key])


def split_note(pool: Decimal, weight: Any, total: Any, paid: Decimal, tie: str = "") -> str:
    """How one share of a :func:`split` came to the cent, so that whoever redoes
    ``pool × weight / total`` by hand finds ``paid``: the exact share to four decimals, its cents rounded down and,
    where a leftover cent went to it, that cent (rules/core.md §4: largest remainder); rounded down, ``tie`` where
    the same remainder gave a cent to another share (:func:`split_notes`). "" for a share that is whole cents, and
    where ``paid`` is not the split's (a cap, a cut): there the formula says what made it."""
    if not total:
        return ""
    # exact integers, as split, to a billionth of a cent (GRID): what is below it is the Decimals' noise, and the
    # exact amount said is the one computed by hand (5,578.08 × 15/32 = 2,614.725, never «2.614,7249…»)
    four, rest = _four_places(pool, weight, total)
    down = Decimal(four // 100) * CENT
    if (four % 100 == 0 and not rest) or paid not in (down, down + CENT):
        return ""
    rounded = f"importo esatto {_exact_said(four, rest)}: {fmt.euro(down)} al centesimo per difetto"
    if paid == down:
        return f"{rounded}: {tie}" if tie else rounded
    return f"{rounded}, più un centesimo: i centesimi che l'arrotondamento lascia vanno ai resti più alti"


def _four_places(pool: Decimal, weight: Any, total: Any) -> tuple[int, int]:
    """``pool × weight / total`` in ten-thousandths of a euro (a hundredth of a cent), rounded down, and what is left
    below them in billionths of a cent (:data:`GRID`): exact integers, as :func:`split` takes the share."""
    n, d = weight.as_integer_ratio() if type(weight) in (Decimal, int, Fraction) else _ratio(weight)
    tn, td = total.as_integer_ratio() if type(total) in (Decimal, int, Fraction) else _ratio(total)
    pn, pd = pool.as_integer_ratio()
    num, den = pn * n * td * 100 * GRID, pd * d * tn
    four, rest = divmod((2 * num + den) // (2 * den), GRID // 100)
    return four, rest


def _exact_said(four: int, rest: int) -> str:
    """An exact share as a person redoes it by hand: «€ 2.614,7250», «€ 2.414,3249…» past the fourth decimal."""
    return f"€ {fmt.decimal_it(Decimal(four).scaleb(-4), 4)}{'…' if rest else ''}"


def rounded_shares(pool: Decimal, weights: Mapping[str, Any]) -> dict[str, Decimal]:
    """Each share ``pool × weight / Σ weights`` rounded on its own to the cent, half-up (the «arrotondamento
    matematico» a regulation may write): exact to a billionth of a cent first (:data:`GRID`), as :func:`split` takes
    it, so that a share that is half a cent by hand is rounded up whatever the Decimals' noise. The shares may sum to
    less than the pool (its cents stay the caller's residual) or pass it: the caller decides. All zero weights: 0.00."""
    exact = {k: Fraction(w) for k, w in weights.items()}
    if any(w < 0 for w in exact.values()):
        raise ValueError("negative weight in a proportional split")
    total = sum(exact.values(), Fraction(0))
    if not total:
        return {k: ZERO for k in weights}
    cents = Fraction(r2(pool))
    # half-up from the grid: a share of half a cent and more is GRID // 2 billionths of a cent above its floor
    return {k: Decimal((_in_grid(cents * w / total) + GRID // 2) // GRID) * CENT for k, w in exact.items()}


def rounded_note(pool: Decimal, weight: Any, total: Any, paid: Decimal) -> str:
    """How one share of :func:`rounded_shares` came to the cent, so that whoever redoes ``pool × weight / total`` by
    hand finds ``paid``: the exact share to four decimals and its cents, down or, from half a cent, up. "" for a share
    that is whole cents, and where ``paid`` is not the rounding's (a cut): there the formula says what made it."""
    if not total:
        return ""
    four, rest = _four_places(pool, weight, total)
    down = Decimal(four // 100) * CENT
    if four % 100 == 0 and not rest:
        return ""
    up = four % 100 >= 50  # from half a cent: 50 ten-thousandths of a euro and more
    if paid != down + (CENT if up else ZERO):
        return ""
    said = f"importo esatto {_exact_said(four, rest)}: {fmt.euro(paid)} al centesimo, arrotondamento matematico"
    return f"{said} (per eccesso da mezzo centesimo)" if up else said


def rounded_notes(pool: Decimal, weights: Mapping[str, Any], paid: Mapping[str, Decimal]) -> dict[str, str]:
    """:func:`rounded_note` of every share of one :func:`rounded_shares` of ``pool`` by ``weights`` into ``paid``."""
    total = sum((Fraction(w) for w in weights.values()), Fraction(0))
    return {k: rounded_note(pool, w, total, paid.get(k, ZERO)) for k, w in weights.items()}


def _in_grid(share: Fraction) -> int:
    """An exact share in billionths of a cent (GRID), half-up, as :func:`split` takes it."""
    num, den = share.numerator * 100 * GRID, share.denominator
    return (2 * num + den) // (2 * den)


def split_notes(
    pool: Decimal,
    weights: Mapping[str, Any],
    paid: Mapping[str, Decimal],
    tie: str | Mapping[str, str] | Callable[[str, frozenset[str]], str],
) -> dict[str, str]:
    """:func:`split_note` of every share of one split of ``pool`` by ``weights`` into ``paid``; a share rounded down
    whose remainder is the same as that of a share given a leftover cent also says ``tie`` (one rule for all, each
    key's, or the words for the key and those given a cent on its remainder: only the clause that decided), the rule
    that gave the cent to the other (whoever lost it reads why, and no colleague is named). The remainders are those
    of :func:`split`, to a billionth of a cent, so a tie here is a tie there."""
    total = sum((Fraction(w) for w in weights.values()), Fraction(0))
    if not total:
        return {k: "" for k in weights}
    grid = {k: _in_grid(Fraction(pool) * Fraction(w) / total) for k, w in weights.items()}
    down = {k: Decimal(g // GRID) * CENT for k, g in grid.items()}
    winners = {k for k, g in grid.items() if paid.get(k) == down[k] + CENT and g % GRID}
    given = {grid[k] % GRID for k in winners}
    lost = {k for k, g in grid.items() if g % GRID in given and paid.get(k) == down[k]}

    def rule(k: str) -> str:
        if isinstance(tie, str):
            return tie
        if isinstance(tie, Mapping):
            return tie.get(k, "")
        return tie(k, frozenset(w for w in winners if grid[w] % GRID == grid[k] % GRID))

    return {k: split_note(pool, w, total, paid.get(k, ZERO), rule(k) if k in lost else "") for k, w in weights.items()}


def capped_split(
    pool: Decimal, weights: Mapping[str, Any], caps: Mapping[str, Any], rank: Mapping[str, Any] | None = None
) -> dict[str, Decimal]:
    """Proportional split of ``pool`` by ``weights`` where nobody gets more than their own cap
    (e.g. "entro i limiti massimi" of a contract): what a cap frees goes to the others in proportion,
    what nobody can take is the caller's residual. Exact (fractions) until the final cents, then the
    largest remainder with ties by ``rank`` then id (rules/core.md §4); the parts never exceed the caps.
    """
    w = {k: exact for k, v in weights.items() if (exact := Fraction(v)) > 0}
    cap = {k: Fraction(floor2(caps[k])) for k in w}  # caps are "fino a": down to the cent
    fixed: dict[str, Fraction] = {}
    left = Fraction(r2(pool))
    while w:
        total = sum(w.values(), Fraction(0))
        over = {k for k, v in w.items() if left * v / total > cap[k]}
        if not over:
            fixed.update({k: left * v / total for k, v in w.items()})
            break
        for k in over:
            fixed[k] = cap[k]
            left -= cap[k]
            del w[k]
    given = sum(fixed.values(), Fraction(0))
    cents = Decimal(math.floor(given * 100)) / 100  # never above the exact sum of capped shares
    # a capped part is exact in cents (no remainder, so no extra cent); an uncapped one is below its
    # cap in cents, so its rounding up stays within it
    parts = split(cents, fixed, rank=rank) if fixed else {}
    return {**{k: ZERO for k in weights}, **parts}


def instalments(annual: Decimal, n: int) -> tuple[Decimal, Decimal]:
    """An annual amount in ``n`` instalments (rules/core.md §4): ``n − 1`` regular ones of
    ``annual / n`` rounded down to the cent, and a last one that takes the rest, so that the
    instalments always sum exactly to ``annual`` (13 × 1,230.77 would pay 16,000.01).
    Returns ``(regular, last)``."""
    annual = r2(annual)
    regular = floor2(annual / n)
    return regular, annual - regular * (n - 1)


def in_shares(amount: Decimal, shares: Sequence[Decimal]) -> tuple[Decimal, ...]:
    """An amount paid in instalments of the given ``shares`` (summing to 1), as :func:`instalments` pays equal
    ones (rules/core.md §4): each but the last is its share of ``amount`` rounded down to the cent, the last takes
    the rest, so that they always sum exactly to ``amount`` (50% and 50% of 1,000.01 are 500.00 and 500.01)."""
    if not shares or sum(shares, Decimal(0)) != 1 or any(s < 0 for s in shares):
        raise ValueError(f"instalment shares {list(shares)} do not sum to 1")
    amount = r2(amount)
    first = [floor2(amount * s) for s in shares[:-1]]
    return (*first, amount - sum(first, ZERO))


def with_advances(amount: Decimal, advances: Sequence[Decimal]) -> tuple[Decimal, ...]:
    """An amount paid as advances then a balance (an «acconto» and the «conguaglio»): each advance rounded down to
    the cent (none below zero), the balance the amount less the advances, negative when they passed it (a recovery),
    so that they always sum exactly to ``amount``: 0,00 after an advance of 900,00 is a balance of −900,00."""
    amount = r2(amount)
    paid = [floor2(max(a, ZERO)) for a in advances]
    return (*paid, amount - sum(paid, ZERO))


def floor2(x: Decimal | int | str) -> Decimal:
    """Down to the cent: caps written "fino a" / "non più del" (rules/core.md §4)."""
    return (x if type(x) is Decimal else Decimal(x)).quantize(CENT, ROUND_FLOOR)


def bounded_lambda(pool: Decimal, scores: Mapping[str, Decimal], lo: Decimal, hi: Decimal) -> Decimal | None:
    """The λ (euro per point) of :func:`bounded_weights`, for the explanation; ``None`` when every part
    sits at a bound (all at ``hi``, or all scores zero)."""
    weights = bounded_weights(pool, scores, lo, hi)
    inside = [weights[k] / Decimal(v) for k, v in scores.items() if Decimal(v) > 0 and lo < weights[k] < hi]
    return inside[0] if inside else None


def bounded_weights(pool: Decimal, scores: Mapping[str, Decimal], lo: Decimal, hi: Decimal) -> dict[str, Decimal]:
    """``pay_i = clamp(λ·s_i, lo, hi)`` with Σ pay = pool, exact (unrounded) values.

    λ is found by walking the breakpoints ``lo/s_i`` and ``hi/s_i`` where the sum is piecewise
    linear in λ. ``pool < n·lo`` raises :class:`InsufficientFund`; ``pool ≥ n·hi`` gives everybody
    ``hi`` (the rest is the caller's residual). (rules/core.md §4, rules/brescia.md §1)
    """
    pool, lo, hi = Decimal(pool), Decimal(lo), Decimal(hi)
    n = len(scores)
    if n == 0:
        return {}
    if pool < n * lo:
        raise InsufficientFund(f"fondo insufficiente: {pool} < {n} × {lo}")
    if pool >= n * hi:
        return {k: hi for k in scores}
    s = {k: Decimal(v) for k, v in scores.items()}

    def total(lam: Decimal) -> Decimal:
        return sum((min(max(lam * v, lo), hi) for v in s.values()), Decimal(0))

    points = sorted_distinct([lo / v for v in s.values() if v > 0] + [hi / v for v in s.values() if v > 0])
    if not points:  # every score is zero: nobody can be told apart, all at lo.. hi equally
        return {k: pool / n for k in s}
    candidates = points + [points[-1] * 2]
    # the first breakpoint where the sum reaches the pool: with no negative score the sum never decreases as λ
    # grows (each term is a clamp of λ·s, every operation correctly rounded), so a bisection finds the same
    # one as the walk in order, which summed all the scores at each of the 2n breakpoints (O(n²))
    if all(v >= 0 for v in s.values()):
        first, end = 0, len(candidates)
        while first < end:
            mid = (first + end) // 2
            if total(candidates[mid]) >= pool:
                end = mid
            else:
                first = mid + 1
    else:
        first = next((i for i, p in enumerate(candidates) if total(p) >= pool), len(candidates))
    if first < len(candidates):
        p, prev = candidates[first], candidates[first - 1] if first else Decimal(0)
        a, b = total(prev), total(p)
        lam = p if b == a else prev + (pool - a) * (p - prev) / (b - a)
        return {k: min(max(lam * v, lo), hi) for k, v in s.items()}
    # zero scores stay at lo and the others reach hi: the rest cannot be given
    return {k: min(max(points[-1] * 2 * v, lo), hi) for k, v in s.items()}


def sorted_distinct(values: list[Decimal]) -> list[Decimal]:
    """``sorted(set(values))`` without hashing: sorted (stably), then the first of each run of equal values, the
    very object a set built in the list's order keeps (``Decimal("2")`` before an equal ``Decimal("2.0")``).
    A Decimal's hash is a modular power over all its digits, a comparison is much cheaper."""
    ordered = sorted(values)
    out = ordered[:1]
    for value in ordered[1:]:
        if value != out[-1]:
            out.append(value)
    return out


def bounded_split(pool: Decimal, scores: Mapping[str, Decimal], lo: Decimal, hi: Decimal) -> dict[str, Decimal]:
    """Bounded proportional split rounded to cents by largest remainder over the bounded values.

    The parts sum to ``min(pool, Σ bounded)`` exactly; any remainder is the caller's residual. Equal
    remainders go to the higher score, then by id (rules/core.md §4).
    """
    weights = bounded_weights(pool, scores, lo, hi)
    given = r2(min(Decimal(pool), sum(weights.values(), Decimal(0))))
    return split(given, weights, rank={k: -Decimal(v) for k, v in scores.items()})  # the scores are the ranking


SHARE = "rata"  # an instalment that pays a share of the premium (``in_shares``)
ADVANCE = "acconto"  # an advance paid before the results, from an amount of its own
BALANCE = "conguaglio"  # the premium less the advances: negative, a recovery
INSTALMENT_KINDS = (SHARE, ADVANCE, BALANCE)


@attrs.frozen(weakref_slot=False)
class Instalment:
    """One payment of a premium the regulation pays in instalments: ``amount``, the ``share`` of what ``what`` (the
    premium or its part, in the regulation's words) pays ``person`` from ``pool``, paid with the pay of ``month``
    (1–12) of ``year``, for ``period`` (what it refers to, in the text's words: «primo semestre»; "" if the text says
    nothing). ``key`` is the figure that explains it. A person's instalments of one premium sum exactly to it
    (:func:`in_shares`: each but the last rounded down to the cent, the last takes the rest).

    ``kind`` is :data:`SHARE` for a share of the premium, or :data:`ADVANCE` (an advance paid before the results,
    ``share`` None) and :data:`BALANCE` (the premium less the advances, ``share`` None): a balance may be negative,
    a recovery of what the advances paid beyond the premium, so that the instalments still sum to it."""

    person: str
    pool: str
    what: str
    year: int
    month: int = attrs.field(validator=[attrs.validators.ge(1), attrs.validators.le(12)])
    share: Decimal | None
    amount: Decimal
    period: str = ""
    key: str = ""
    kind: str = attrs.field(default=SHARE, validator=attrs.validators.in_(INSTALMENT_KINDS))

    @property
    def recovery(self) -> bool:
        """A balance below zero: money the person gives back (a «recupero»)."""
        return self.kind == BALANCE and self.amount < 0


@attrs.frozen
class Reserve:
    """An amount a layer took out of one part of a pool before the plugin splits it: the art. 69 set-aside taken from
    the individual part of a fund that also pays the organizational performance (CCNL Funzioni Locali 21.5.2018
    art. 68 c. 2 lett. a and b). ``part`` is the part's name as the plugin gave it (``pool/part`` in
    ``ciclope_individual_premium``); ``label`` says in words what the amount is for, ``source`` where the rule is."""

    part: str
    amount: Decimal
    label: str
    source: str = ""


@attrs.frozen
class Pool:
    """A named money pool: what it held, what reached people, what is left (residual).

    ``kind`` says what the money pays: ``"performance"`` (premi, bonus, retribuzione di risultato —
    reported in transparency as performance pay), ``"position"`` (retribuzione di posizione, paid for
    the post, not for the performance, and reported apart: rules/core.md §6) or ``"incentive"`` (a compenso
    that is not a premio correlato alla performance, an incentive a law destines — art. 208 CdS, funzioni tecniche —
    reported apart too, in no figure of the performance premiums).

    ``reserves``: what a layer took out of named parts of the pool before the plugin splits it (:class:`Reserve`);
    ``amount`` is already less their sum. A plugin that pays the pool in parts reads each part's share of the whole
    (``amount`` plus the reserves) and takes each reserve from its part, so that the other parts are paid as if
    nothing were taken; a plugin without parts never receives one.
    """

    name: str
    amount: Decimal
    distributed: Decimal = ZERO
    source: str = ""
    label: str = ""
    kind: str = attrs.field(default=PERFORMANCE, validator=attrs.validators.in_(POOL_KINDS))
    reserves: tuple[Reserve, ...] = ()

    @property
    def whole(self) -> Decimal:
        """The pool before its reserves were taken: what the parts' shares are of."""
        return self.amount + sum((r.amount for r in self.reserves), ZERO)

    @property
    def residual(self) -> Decimal:
        return self.amount - self.distributed

    def with_distributed(self, distributed: Decimal) -> Pool:
        if distributed > self.amount:
            raise ValueError(f"pool {self.name}: distributed {distributed} > amount {self.amount}")
        return attrs.evolve(self, distributed=r2(distributed))
