"""The term of a position's appointment (positions.csv ``start`` and ``end``, format 2): the holder is paid the
annual pay × the days of the term within the year / the days of the year, half-up to the cent; a term outside
the year pays nothing; without dates the term is the whole year."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from ciclope.core import Row, money


def year_days(year: int) -> int:
    return (dt.date(year, 12, 31) - dt.date(year, 1, 1)).days + 1


def days_in(r: Row, year: int) -> int:
    """The days of the term within the year (0 when it ends before or starts after)."""
    first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
    start, end = max(first, r["start"] or first), min(last, r["end"] or last)
    return max(0, (end - start).days + 1)


def due(r: Row, annual: Decimal, year: int) -> Decimal:
    """What the holder is due for the year: the annual pay, or its share for the days of the term."""
    days, n = days_in(r, year), year_days(year)
    return annual if days == n else money.r2(annual * days / n)


def instalments_in(r: Row, year: int, instalments: int) -> int | None:
    """In how many of the year's ``instalments`` a term begun or ended within the year is paid: its months (a month
    begun counts) × instalments / 12, rounded up, at most ``instalments`` (July to December of 13 instalments: 6 ×
    13 / 12 = 6.5 → 7, six months and the thirteenth); None for a term of the whole year or outside it."""
    days = days_in(r, year)
    if days in (0, year_days(year)):
        return None
    first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
    start, end = max(first, r["start"] or first), min(last, r["end"] or last)
    months = end.month - start.month + 1
    return min(instalments, -(-months * instalments // 12))
