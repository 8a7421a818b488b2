"""The position pay of PO/EQ against the national range in force in the cycle year (rules §1): outside it is an
error naming the contract. Checked where it is written — ``position_pay`` of ``people.csv``, where a plugin reads it
(bergamo, comunita_montane, a declared regulation) — and on every position pay ciclope computes: the annual pay of
each paid position of ``ciclope_position_pay`` (a declared regulation's [posizioni], a plugin's weighting), whatever
bounds the regulation's own text gives it (a bounded split with a maximum above the contract's pays above it). A
plugin's parameters bounded by the provision (``national = "eq_pay"`` in params.toml) keep its pay within it."""

from __future__ import annotations

from collections.abc import Generator
from decimal import Decimal
from typing import Any

from ciclope.core import Ente, Positions, Problem, Trace, fmt, hookimpl

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
        f"{fmt.euro(row.min)}–{fmt.euro(row.max)} del contratto in vigore nel {ente.year} ({row.source}): correggi persone.csv o il conferimento dell'incarico",
    )


@hookimpl(wrapper=True)
def ciclope_position_pay(ente: Ente, trace: Trace) -> Generator[None, Positions | None, Positions | None]:
    positions = yield
    row = pay_range(ente)
    if positions is None or row is None:
        return positions
    rows = {str(r["id"]): r.row for r in ente.table("positions")} if ente.table("positions") else {}
    for pid, post in positions.positions.items():
        if not post.paid or post.annual <= 0:
            continue
        if (row.max is not None and post.annual > row.max) or (row.min is not None and post.annual < row.min):
            trace.problem(computed_outside(ente, pid, post.annual, row, rows.get(pid)))
    return positions


def computed_outside(ente: Ente, pid: str, pay: Decimal, row: Any, at: int | None) -> Problem:
    return Problem(
        rule="ccnl.eq_pay.range",
        source=row.source,
        file=ente.file_of("positions") if at is not None else "",
        row=at,
        column="id" if at is not None else "",
        message=f"la retribuzione di posizione annua calcolata per la posizione {pid} ({fmt.euro(pay)}) è fuori "
        f"dall'intervallo {fmt.euro(row.min)}–{fmt.euro(row.max)} del contratto in vigore nel {ente.year} "
        f"({row.source}): il contratto prevale sui limiti del regolamento; rivedi il minimo o il massimo della "
        "pesatura delle posizioni, o il fondo",
    )
