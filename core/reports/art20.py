"""``premi-art20.csv``: the "Dati relativi ai premi" as enti publish them (D.Lgs. 33/2013 art. 20, issue 14).

One block per group — *dirigenti e PO* and *personale* — with the measures of the usual
"Amministrazione trasparente" table:

- ``premi_stanziati`` / ``premi_distribuiti``: the performance pools that pay the group (a pool pays
  a group when one of its awards goes to a member), allocated and distributed;
- ``premio_medio_conseguibile``: allocated / people of the group who were evaluated;
- ``persone_90_100``, ``persone_60_90``, ``persone_sotto_60``: evaluated people whose performance pay
  is at least 90%, from 60% to 90%, below 60% of the highest pay in the group (the "premio massimo
  conseguibile" as it turned out; assumption: the regulations give no other maximum);
- ``grado_differenziazione``: share of evaluated people below 90% of the highest pay (0 = everybody
  paid alike, 1 = nobody near the top; assumption).

A count of 1 or 2 people shows ``<3`` (no personal data through small counts, rules/core.md §6).
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from itertools import compress, repeat
from operator import is_not
from pathlib import Path

from ..result import Result
from .transparency import GROUPS, MIN_GROUP, SMALL, csv_text, roster

HEADER = ("gruppo", "voce", "valore")
NINETY, SIXTY = Decimal("0.9"), Decimal("0.6")


def _count(n: int) -> str:
    return SMALL if 0 < n < MIN_GROUP else str(n)


def tiers(pays: list[Decimal]) -> tuple[int, int, int]:
    """How many of ``pays`` are at least 90%, from 60% to 90%, below 60% of the highest (all below when the
    highest is 0). Compared with 0.9 × and 0.6 × the highest, exact products, instead of dividing each pay by the
    highest: the same counts (a quotient of two amounts in cents rounds to 0.9 or 0.6 only when it is
    exactly that, below 10^25 euro), without a new Decimal per person (issue 18: the division was most of
    this file's time for a 30,000-person ente). tests/test_reports.py compares the two on random pays."""
    top = max(pays, default=Decimal(0))
    if top <= 0:
        return 0, 0, len(pays)
    high = sum(map((NINETY * top).__le__, pays))  # how many pays are ≥ 0.9 × top, counted in C
    mid = sum(map((SIXTY * top).__le__, pays)) - high
    return high, mid, len(pays) - high - mid


def rows(result: Result) -> list[tuple[str, str, str]]:
    ledger = result.ledger
    people = roster(result)  # one pass over people and awards, shared with trasparenza.csv
    out: list[tuple[str, str, str]] = []
    for group in GROUPS:
        members = people.members[group]
        evaluated = list(compress(members.pays, map(is_not, members.scores, repeat(None))))  # their performance pay
        if not evaluated:
            continue
        allocated = sum((ledger.pools[name].amount for name in people.pools[group]), Decimal(0))
        distributed = sum(members.pays, Decimal(0))
        high, mid, low = tiers(evaluated)
        mean = (allocated / len(evaluated)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
        degree = (Decimal(mid + low) / len(evaluated)).quantize(Decimal("0.0001"), rounding=ROUND_HALF_UP)
        out += [
            (group, "premi_stanziati", f"{allocated:.2f}"),
            (group, "premi_distribuiti", f"{distributed:.2f}"),
            (group, "persone_valutate", _count(len(evaluated))),
            (group, "premio_medio_conseguibile", f"{mean:.2f}"),
            (group, "persone_90_100", _count(high)),
            (group, "persone_60_90", _count(mid)),
            (group, "persone_sotto_60", _count(low)),
            (group, "grado_differenziazione", f"{degree}"),
        ]
    return out


def render(result: Result) -> str:
    return csv_text(HEADER, rows(result))


def write(result: Result, path: Path) -> None:
    path.write_text(render(result), encoding="utf-8", newline="")
