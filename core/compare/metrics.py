"""Distribution metrics of one scenario's amounts (``ciclope compare``; docs/ops.md "Simulazioni").

Pure functions over the per-person amounts (Decimal euro, one per person of the ente, zeros
included). Every figure is computed in exact arithmetic (:class:`fractions.Fraction`) and rounded
once at the end to 4 decimals, half-up; ``None`` means "not defined" (shown as "non definito").

- **Gini index**: ``G = Σ_i (2i − n − 1)·x_(i) / (n·Σx)`` with ``x_(1) ≤ … ≤ x_(n)`` (the mean
  absolute difference over twice the mean). 0 when everybody gets the same; at most ``(n−1)/n``.
  Not defined when nobody gets anything.
- **Percentiles** (P10, P90): *nearest rank*: ``P_p = x_(⌈p·n/100⌉)`` (1-based, ascending), always
  an amount somebody actually gets. **P90/P10** is not defined when P10 = 0 (then at least 10% of
  the people get nothing: the count of zeros says how many).
- **Share of the top 20%**: ``1 − L(0.8)`` on the Lorenz curve with linear interpolation, i.e. the
  top ``0.2·n`` people counted fractionally (``n = 7``: the best paid and 0.4 of the second), out of
  the total paid to people. Never below 0.2. Not defined when nobody gets anything.
- **Lorenz curve**: the points ``(k/n, S_k/S_n)``, k = 0…n, of the ascending partial sums.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from fractions import Fraction


def rounded(x: Fraction | None) -> Decimal | None:
    """An exact ratio as a Decimal with 4 decimals, half-up (away from zero), rounded once."""
    if x is None:
        return None
    scaled = Fraction(x) * 10000
    n = (abs(scaled.numerator) * 2 + scaled.denominator) // (2 * scaled.denominator)
    return Decimal(n if x >= 0 else -n).scaleb(-4)


def _sorted(amounts: Sequence[Decimal]) -> list[Fraction]:
    values = sorted(Fraction(a) for a in amounts)
    if values and values[0] < 0:
        raise ValueError("amounts must not be negative")
    return values


def gini_exact(amounts: Sequence[Decimal]) -> Fraction | None:
    xs = _sorted(amounts)
    n, total = len(xs), sum(xs, Fraction(0))
    if n == 0 or total == 0:
        return None
    return sum(((2 * i - n - 1) * x for i, x in enumerate(xs, start=1)), Fraction(0)) / (n * total)


def gini(amounts: Sequence[Decimal]) -> Decimal | None:
    return rounded(gini_exact(amounts))


def percentile(amounts: Sequence[Decimal], p: int) -> Decimal | None:
    """Nearest-rank percentile ``x_(⌈p·n/100⌉)``, p in 1..100; None for no amounts."""
    if not amounts:
        return None
    if not 0 < p <= 100:
        raise ValueError("p must be in 1..100")
    xs = sorted(amounts)
    rank = max(1, -(-p * len(xs) // 100))
    return xs[rank - 1]


def p90_p10(amounts: Sequence[Decimal]) -> Decimal | None:
    """P90/P10 (nearest rank); None when there are no amounts or P10 = 0."""
    p10, p90 = percentile(amounts, 10), percentile(amounts, 90)
    if p10 is None or p90 is None or p10 == 0:
        return None
    return rounded(Fraction(p90) / Fraction(p10))


def lorenz_at(amounts: Sequence[Decimal], q: Fraction) -> Fraction | None:
    """L(q): the share of the total held by the poorest ``q·n`` people, linearly interpolated."""
    xs = _sorted(amounts)
    n, total = len(xs), sum(xs, Fraction(0))
    if n == 0 or total == 0:
        return None
    people = q * n
    whole = int(people)  # floor: q ≥ 0
    part = sum(xs[:whole], Fraction(0))
    if whole < n:
        part += (people - whole) * xs[whole]
    return part / total


def top_share_exact(amounts: Sequence[Decimal], top: Fraction = Fraction(1, 5)) -> Fraction | None:
    low = lorenz_at(amounts, 1 - top)
    return None if low is None else 1 - low


def top_share(amounts: Sequence[Decimal], top: Fraction = Fraction(1, 5)) -> Decimal | None:
    return rounded(top_share_exact(amounts, top))


def lorenz_points(amounts: Sequence[Decimal]) -> list[tuple[float, float]]:
    """(k/n, S_k/S_n) for k = 0…n, as floats for a chart; [] when nobody gets anything."""
    xs = _sorted(amounts)
    n, total = len(xs), sum(xs, Fraction(0))
    if n == 0 or total == 0:
        return []
    out, running = [(0.0, 0.0)], Fraction(0)
    for k, x in enumerate(xs, start=1):
        running += x
        out.append((k / n, float(running / total)))
    return out


def per_capita_ratio(upper_total: Decimal, upper_count: int, lower_total: Decimal, lower_count: int) -> Decimal | None:
    """(upper_total/upper_count) / (lower_total/lower_count), the per-capita ratio between two bands
    (art. 17.2 of 003… asks ≥ 2 or ≥ 1.5); None when a band is empty or the lower one gets nothing."""
    if upper_count == 0 or lower_count == 0 or lower_total == 0:
        return None
    return rounded(Fraction(upper_total) * lower_count / (Fraction(lower_total) * upper_count))


def share(part: int, whole: int) -> Decimal | None:
    return None if whole == 0 else rounded(Fraction(part, whole))
