"""The days of the incarico of a PO / EQ in the cycle's year (``giorni_incarico``): within the person's service
(``assunzione`` to ``cessazione``), from people.csv's ``inizio_incarico`` and ``fine_incarico`` or, where the
regulation declares [posizioni], from the dates of the positions the person holds in posizioni.csv. A PO / EQ
without dates has the incarico all their service; someone who is not a PO / EQ has none.

A personnel office pays the days outside the incarico as an employee's (the produttività of an EQ who left the
incarico on 30/09, or received it on 01/05): a part's formula reads these days to pay only the others."""

from __future__ import annotations

import datetime as dt

import attrs

from ciclope.core import Ente, Person

TERM_START, TERM_END = "term_start", "term_end"  # people.csv's dates of the incarico (inizio_incarico, fine_incarico)
POSITIONS = "positions"  # posizioni.csv, the positions of [posizioni] with their holder and dates
PO = "po"


@attrs.frozen
class Incarico:
    """The incarico of a person in the year: its days within the service, the service's days, and the dates that
    cut it (the first and last day, None where the incarico runs from the service's start or to its end)."""

    days: int
    service: int
    start: dt.date | None = None
    end: dt.date | None = None

    @property
    def partial(self) -> bool:
        """Whether the incarico covers only part of the service in the year (some days, not all)."""
        return 0 < self.days < self.service


def service_span(person: Person, year: int) -> tuple[dt.date, dt.date]:
    """The first and last day of service in ``year`` (an end before the start where there is none)."""
    first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
    hired, left = person.extra.get("assunzione"), person.extra.get("cessazione")
    start = max(first, hired) if isinstance(hired, dt.date) else first
    end = min(last, left) if isinstance(left, dt.date) else last
    return start, end


def terms(person: Person, ente: Ente, weighted: bool) -> list[tuple[dt.date | None, dt.date | None]]:
    """The dates of the person's incarichi as written: the positions held in posizioni.csv where the regulation
    weighs them (``weighted``), else people.csv's two dates; one undated term where none is written."""
    if weighted:
        held = [r for r in ente.table(POSITIONS) if str(r["holder"] or "") == person.id]
        if held:
            return [(_date(r["start"]), _date(r["end"])) for r in held]
    return [(_date(person.extra.get(TERM_START)), _date(person.extra.get(TERM_END)))]


def incarico_of(person: Person, ente: Ente, weighted: bool = False) -> Incarico:
    """The incarico of ``person`` in the cycle's year, within their service (no days for someone not a PO / EQ)."""
    begin, finish = service_span(person, ente.year)
    service = max(0, (finish - begin).days + 1)
    if person.role != PO:
        return Incarico(0, service)
    days: set[dt.date] = set()
    starts: list[dt.date | None] = []
    ends: list[dt.date | None] = []
    for start, stop in terms(person, ente, weighted):
        first, last = max(begin, start or begin), min(finish, stop or finish)
        days.update(first + dt.timedelta(n) for n in range((last - first).days + 1))
        starts.append(start if start is not None and start > begin else None)
        ends.append(stop if stop is not None and stop < finish else None)
    start = None if None in starts or not starts else min(d for d in starts if d is not None)
    end = None if None in ends or not ends else max(d for d in ends if d is not None)
    return Incarico(len(days), service, start, end)


def _date(value: object) -> dt.date | None:
    return value if isinstance(value, dt.date) else None
