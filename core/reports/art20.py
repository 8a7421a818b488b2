"""``premi-art20.csv``: the "Dati relativi ai premi" as enti publish them (D.Lgs. 33/2013 art. 20).

One block per group — *dirigenti e PO* and *personale* — read from the disclosure-controlled lines of
:mod:`.transparency` (so it agrees with ``trasparenza.csv`` and the public Relazione figure by figure):

- premi stanziati: the performance funds that paid someone of the group, and those the plugin destines to
  it (``FUND_GROUPS``) even when nobody received them; a fund nobody received that no plugin destines to a
  group is in no group's stanziati (whose would it be?) and stays in trasparenza.csv's table of funds;
- premi distribuiti: what the group was paid;
- persone valutate, and the premio medio conseguibile = stanziati / persone valutate (withheld with
  the head count it is divided by: it would give the count back);
- the evaluated people whose pay came to at least 90%, 60–90%, below 60% of the group's highest (the
  "premio massimo conseguibile" as it turned out; the regulations give no other maximum);
- the grado di differenziazione of rules/core.md §6, a ratio.

A withheld figure reads ``<3`` (a group of 1–2 people) or ``riservato`` (it would give another back).
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from ..result import Result
from . import italian_csv, transparency
from .disclosure import WITHHELD
from .transparency import GROUPS, TIERS

HEADER = ("Gruppo", "Voce", "Valore")


def _money(x: Decimal | None) -> str:
    return italian_csv.number(None if x is None else x.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


def rows(result: Result) -> list[tuple[str, str, str]]:
    out: list[tuple[str, str, str]] = []
    for group in GROUPS:
        premi = transparency.find(result, "gruppo", group, "premi")
        evaluated = transparency.find(result, "gruppo", group, "persone_valutate")
        if premi is None or evaluated is None or not evaluated.count:
            continue
        out.append((group, "premi stanziati (€)", _money(premi.allocated)))
        out.append((group, "premi distribuiti (€)", premi.hidden or _money(premi.total)))
        out.append((group, "persone valutate", evaluated.hidden or str(evaluated.count)))
        mean = (premi.allocated or Decimal(0)) / evaluated.count
        out.append((group, "premio medio conseguibile (€)", WITHHELD if evaluated.hidden else _money(mean)))
        for key, label in TIERS:
            tier = transparency.find(result, "gruppo", group, key)
            if tier is not None:
                out.append((group, label, tier.hidden or str(tier.count)))
        ratio = transparency.find(result, "differenziazione", group, "grado_differenziazione")
        if ratio is not None:
            out.append((group, "grado di differenziazione", ratio.hidden or italian_csv.number(ratio.ratio)))
    return out


def render(result: Result) -> str:
    return italian_csv.text(HEADER, rows(result))


def write(result: Result, path: Path) -> None:
    italian_csv.write(path, HEADER, rows(result))
