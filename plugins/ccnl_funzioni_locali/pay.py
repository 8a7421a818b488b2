"""The position pay of PO/EQ written in ``people.csv`` (``position_pay``, where a plugin reads it, e.g. bergamo and
comunita_montane) against the national range in force in the cycle year (rules §1): outside it is an error
naming the contract. A plugin that computes position pay itself bounds it through its parameters
(``national = "eq_pay"`` in params.toml)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from ciclope.core import Ente, Problem, fmt, hookimpl

from .national import in_force


def pay_range(ente: Ente) -> Any:
    """The range in force in the cycle year; for an ente without dirigenti, the contract's own range for it where
    the contract has one (CCNL 31.3.1999 art. 11 c. 1: from €3,098.74)."""
    row = in_force("eq_pay", ente.year)
    apart = in_force("eq_pay_senza_dirigenza", ente.year)
    without = not any(p.role == "dirigente" for p in ente.people.values())
    if without and apart is not None and (apart.min is not None or apart.max is not None):
        return apart
    return row


@hookimpl
def ciclope_validate(ente: Ente) -> list[Problem]:
    row = pay_range(ente)
    if row is None:
        return []
    out = []
    for person in ente.people.values():
        pay = person.extra.get("position_pay")
        if person.role != "po" or not isinstance(pay, Decimal) or pay <= 0:
            continue
        if (row.max is not None and pay > row.max) or (row.min is not None and pay < row.min):
            out.append(outside(ente, person, pay, row))
    return out


def outside(ente: Ente, person: Any, pay: Decimal, row: Any) -> Problem:
    return Problem(
        rule="ccnl.eq_pay.range",
        source=row.source,
        file=ente.file_of("people"),
        row=person.row,
        column="position_pay",
        message=f"la retribuzione di posizione di {person.id} ({fmt.euro(pay)}) è fuori dall'intervallo "
        f"{fmt.euro(row.min)}–{fmt.euro(row.max)} del contratto in vigore nel {ente.year} ({row.source}): correggi people.csv o il conferimento dell'incarico",
    )
