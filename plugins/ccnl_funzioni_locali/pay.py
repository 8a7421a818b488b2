"""The position pay of PO/EQ against the national range in force in the cycle year (rules §1): outside it is an
error citing the contract once, as its source (the message says «del contratto in vigore nel 2025»). Checked where it is written — ``position_pay`` of ``people.csv``, where a plugin reads it
(bergamo, comunita_montane, a declared regulation) — and on every position pay ciclope computes: the annual pay of
each paid position of ``ciclope_position_pay`` held by an EQ (a declared regulation's [posizioni], a plugin's
weighting; a dirigente's position is bounded by the dirigenza's contract, not this range), whatever bounds the
regulation's own text gives it (a bounded split with a maximum above the contract's pays above it). A
plugin's parameters bounded by the provision (``national = "eq_pay"`` in params.toml) keep its pay within it.

The range is a whole year of a full-time incarico, while ``position_pay`` is the pay due (reduced for part time and
for an incarico or a year of service begun or ended within it): it is checked against the range × the person's share,
fte × the days of the incarico within the service in the year / the days of the year, each bound half-up to the cent.
The service is ``assunzione`` and ``cessazione``; the incarico ``term_start`` and ``term_end`` (``inizio_incarico``,
``fine_incarico``), where the ente's plugin reads them in people.csv (a declared regulation without [posizioni],
brescia)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Generator
from decimal import Decimal
from typing import Any

from ciclope.core import Ente, Positions, Problem, Trace, fmt, hookimpl, money

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
        share, why = person_share(ente, person)
        if share == 0 and outside_year(ente, person):
            continue  # no day of the year to bound: the date outside it is the error of the plugin that reads it
        lo, hi = scaled(row.min, share), scaled(row.max, share)
        if (hi is not None and pay > hi) or (lo is not None and pay < lo):
            out.append(outside(ente, person, pay, row, (lo, hi, why)))
    return out


# people.csv's dates of service and of the incarico, by their codes
SERVICE, INCARICO = ("assunzione", "cessazione"), ("term_start", "term_end")


def person_share(ente: Ente, person: Any) -> tuple[Decimal, str]:
    """The share of a whole full-time year the person's position pay is due for: fte × days of the incarico within
    the service in the year / days of the year, and its words («tempo lavorato 50%, 91 giorni di servizio su 366»,
    «184 giorni di incarico su 366» where people.csv dates the incarico; "" for a whole year)."""
    first, last = dt.date(ente.year, 1, 1), dt.date(ente.year, 12, 31)
    begin, end = first, last
    for starts, ends in (SERVICE, INCARICO):
        start, stop = person.extra.get(starts), person.extra.get(ends)
        begin = max(begin, start) if isinstance(start, dt.date) else begin
        end = min(end, stop) if isinstance(stop, dt.date) else end
    dated = any(isinstance(person.extra.get(c), dt.date) for c in INCARICO)
    days, year = max(0, (end - begin).days + 1), (last - first).days + 1
    words = [f"tempo lavorato {fmt.decimal_it((person.fte * 100).normalize())}%"] if person.fte != 1 else []
    if days != year:
        words.append(f"{days} giorni {'di incarico' if dated else 'di servizio'} su {year}")
    return person.fte * Decimal(days) / Decimal(year), ", ".join(words)


def outside_year(ente: Ente, person: Any) -> bool:
    """Whether the service or the incarico lies wholly outside the cycle's year (begun after 31 December, ended
    before 1 January). A declared regulation refuses such a date at its cell (its servicedates check); the range of
    nothing, «€ 0,00–€ 0,00», would say the same mistake a second time, about another cell."""
    first, last = dt.date(ente.year, 1, 1), dt.date(ente.year, 12, 31)
    for starts, ends in (SERVICE, INCARICO):
        start, stop = person.extra.get(starts), person.extra.get(ends)
        if (isinstance(start, dt.date) and start > last) or (isinstance(stop, dt.date) and stop < first):
            return True
    return False


def scaled(bound: Decimal | None, share: Decimal) -> Decimal | None:
    return None if bound is None else money.r2(bound * share)


def outside(ente: Ente, person: Any, pay: Decimal, row: Any, due: tuple[Any, Any, str]) -> Problem:
    lo, hi, why = due
    said = f"{fmt.euro(lo)}–{fmt.euro(hi)}"
    if why:
        said += (
            f" (l'intervallo {fmt.euro(row.min)}–{fmt.euro(row.max)} è per un anno intero a tempo pieno: qui × {why}, "
            "perché la colonna è la retribuzione dovuta)"
        )
    hint = "scrivi la retribuzione dovuta nell'anno, già ridotta, " if why else ""
    return Problem(
        rule="ccnl.eq_pay.range",
        source=row.source,
        file=ente.file_of("people"),
        row=person.row,
        column="position_pay",
        message=f"la retribuzione di posizione di {person.id} ({fmt.euro(pay)}) è fuori dall'intervallo {said} del "
        f"contratto in vigore nel {ente.year}: {hint}correggi persone.csv o il conferimento dell'incarico",
    )


@hookimpl(wrapper=True)
def ciclope_position_pay(ente: Ente, trace: Trace) -> Generator[None, Positions | None, Positions | None]:
    positions = yield
    row = pay_range(ente)
    if positions is None or row is None:
        return positions
    rows = {str(r["id"]): r.row for r in ente.table("positions")} if ente.table("positions") else {}
    for pid, post in positions.positions.items():
        if not post.paid or post.annual <= 0 or not of_an_eq(ente, post):
            continue
        if (row.max is not None and post.annual > row.max) or (row.min is not None and post.annual < row.min):
            trace.problem(computed_outside(ente, pid, post.annual, row, rows.get(pid)))
    return positions


def of_an_eq(ente: Ente, post: Any) -> bool:
    """Whether a weighted position is an EQ's (PO's), whose pay the contract's range bounds: a dirigente's position
    pay has the dirigenza's own contract (CCNL Area Funzioni Locali), never this range. A position without a holder
    in the data is taken as an EQ's."""
    holder = ente.people.get(post.holder) if post.holder else None
    return holder is None or holder.role == "po"


def computed_outside(ente: Ente, pid: str, pay: Decimal, row: Any, at: int | None) -> Problem:
    return Problem(
        rule="ccnl.eq_pay.range",
        source=row.source,
        file=ente.file_of("positions") if at is not None else "",
        row=at,
        column="id" if at is not None else "",
        message=f"la retribuzione di posizione annua calcolata per la posizione {pid} ({fmt.euro(pay)}) è fuori "
        f"dall'intervallo {fmt.euro(row.min)}–{fmt.euro(row.max)} del contratto in vigore nel {ente.year}: il "
        "contratto prevale sui limiti del regolamento; rivedi la pesatura delle posizioni (il minimo e il massimo, o "
        "le fasce) o il fondo",
    )
