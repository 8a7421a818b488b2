"""The position pay written in people.csv for someone whose service or incarico covers only part of the year, where
the result pay of [risultato_po] reads it, or a formula of a part of [[premi]] or of a fund of [[fondi]] does (a
dirigenti's result pay written as «30% of the position pay», a fund «the dirigenza's resources less the position
pay»). The column is the pay due for the days of the incarico: written as the
whole year's, the result pay is a whole year's too (and, with ``quota_posizione``, it lowers the others' maxima),
and nothing said so. ciclope cannot know whether the figure is already the one of the days, so a warning at the
cell names the days and the figure for them, prorated as the national range of the position pay is (the days of
the incarico within the service / the days of the year, half-up to the cent), for the office to check by hand —
but for a figure that is already a whole-euro annual pay's days, to the cent (:func:`already_prorated`).

Never a second message for one cell: where a problem already speaks of it (the national range, checked before the
premiums) the warning is left out. A position pay computed by [posizioni] is not written, and not warned."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from decimal import Decimal

from ciclope.core import Ente, Person, Problem, fmt, money
from ciclope.plugins.regolamento.compile.env import TERM_END, TERM_START
from ciclope.plugins.regolamento.format.expr import formulas
from ciclope.plugins.regolamento.format.sources import cite
from ciclope.plugins.regolamento.format.spec import Fund, Premium, Regulation, ResultPay
from ciclope.plugins.regolamento.pay import resultformula
from ciclope.plugins.regolamento.pay.resultpay import POSITION

RULE = "regolamento.posizione_giorni"
# people.csv's dates of the service and of the incarico: the pay is due for the days within both
SERVICE, INCARICO = ("assunzione", "cessazione"), (TERM_START, TERM_END)


def problems(
    rp: ResultPay,
    ente: Ente,
    weighted: Mapping[str, Decimal] | None,
    said: Sequence[Problem],
    source: str,
) -> list[Problem]:
    """One warning per person of ``rp``'s roles whose written position pay the result pay reads and whose year is
    not whole; ``weighted``: the pay of [posizioni], when declared; ``said``: the problems found so far."""
    people = [p for p in ente.people.values() if p.role in rp.roles]
    if not reads_written(rp, people, weighted):
        return []
    return warned(people, ente, weighted, said, source)


def read_by_formulas(
    reg: Regulation, ente: Ente, weighted: Mapping[str, Decimal] | None, said: Sequence[Problem]
) -> list[Problem]:
    """The same warning where a formula reads the written position pay: of a fund of [[fondi]] (everyone's, summed
    over the ente) or of a part of [[premi]] (its roles'); each person once, cited to the first block that reads it."""
    out: list[Problem] = []
    readers: list[tuple[Fund | Premium, tuple[str, ...] | None]] = [(f, None) for f in reg.funds]
    readers += [(pr, pr.roles) for pr in reg.premiums]  # a fund has no roles: its sum reads everyone's
    for block, roles in readers:
        if not any(resultformula.POSITION_NAME in f.uses for f in formulas(block)):
            continue
        people = [p for p in ente.people.values() if roles is None or p.role in roles]
        out += warned(people, ente, weighted, [*said, *out], cite(reg, block.source))
    return out


def warned(
    people: Sequence[Person],
    ente: Ente,
    weighted: Mapping[str, Decimal] | None,
    said: Sequence[Problem],
    source: str,
) -> list[Problem]:
    """The warnings of ``people`` whose written position pay covers part of the year, but at a cell a problem of
    ``said`` already speaks of."""
    spoken = {(p.file, p.row, p.column) for p in said}
    out = []
    for person in people:
        pay = person.extra.get(POSITION)
        if not isinstance(pay, Decimal) or pay <= 0 or (weighted and person.id in weighted):
            continue
        warning = partial(person, pay, ente, source)
        if warning is not None and (warning.file, warning.row, warning.column) not in spoken:
            out.append(warning)
    return out


def reads_written(rp: ResultPay, people: Sequence[Person], weighted: Mapping[str, Decimal] | None) -> bool:
    """Whether the result pay reads people.csv's position pay: every method but a formula that does not name it;
    with ``quota_posizione`` only without [posizioni] and when everyone has one (else the shares are equal)."""
    if rp.method == "formula":
        return resultformula.reads_position(rp)
    if rp.method == "quota_posizione":
        return weighted is None and all(p.extra.get(POSITION) is not None for p in people)
    return True


def span(person: Person, year: int) -> tuple[dt.date, dt.date, bool]:
    """The first and last day of the incarico within the service in ``year``, and whether people.csv dates the
    incarico itself."""
    begin, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    for starts, ends in (SERVICE, INCARICO):
        start, stop = person.extra.get(starts), person.extra.get(ends)
        begin = max(begin, start) if isinstance(start, dt.date) else begin
        end = min(end, stop) if isinstance(stop, dt.date) else end
    return begin, end, any(isinstance(person.extra.get(c), dt.date) for c in INCARICO)


def partial(person: Person, pay: Decimal, ente: Ente, source: str) -> Problem | None:
    """The warning of a person whose incarico covers part of the year (none for the whole year or none of it)."""
    begin, end, dated = span(person, ente.year)
    first, last = dt.date(ente.year, 1, 1), dt.date(ente.year, 12, 31)
    days, year = (end - begin).days + 1, (last - first).days + 1
    if days <= 0 or days == year:
        return None
    bounds = [f"dal {fmt.date_it(begin)}"] if begin != first else []
    bounds += [f"{'al' if bounds else 'fino al'} {fmt.date_it(end)}"] if end != last else []
    if already_prorated(pay, days, year):
        return None
    prorated = money.r2(pay * days / year)
    message = (
        f"{person.name}: {'incarico' if dated else 'in servizio'} {' '.join(bounds)}, {days} giorni su {year}: la "
        f"retribuzione di posizione si scrive per i giorni dell'incarico; se {fmt.euro(pay)} è quella dell'anno "
        f"intero, per {days} giorni è {fmt.euro(prorated)}"
    )
    return Problem.at(ente, RULE, message, source, "people", person.row, POSITION, severity="warning")


def already_prorated(pay: Decimal, days: int, year: int) -> bool:
    """Whether ``pay`` is the figure of ``days`` of a whole-euro annual position pay (8.000,00 for 306 days of 365 is
    6.706,85): the office wrote the days' figure, as the column asks, and a warning would invite prorating it twice.
    A whole-euro ``pay`` is no such sign (an annual figure most often is one) and is still warned."""
    if pay == pay.to_integral_value():
        return False
    annual = (pay * year / days).to_integral_value()
    return money.r2(annual * days / year) == pay
