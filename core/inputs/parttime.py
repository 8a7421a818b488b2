"""``tempo_parziale.csv`` (the sheet «tempo parziale» of ente.xlsx): the people whose share of time changes in the
year, a row per person and period (100% until 30 June, 50% from 1 July). The part-time pay is in proportion to the
time worked (D.Lgs. 81/2015 art. 7 c. 1); ciclope reads the year's share of time as the mean of the periods' shares by
their days in the person's service, people.csv's ``quota_tempo`` for the days no period covers (a reading). Every
plugin reads the person's ``fte`` as before: the mean, which the explanation says with its periods.

Read with the other sheets (:func:`read`), checked once the people are known (:func:`attach`): every problem of a
row names its file, row and column and says what to write; a person with a row refused keeps people.csv's share."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal

import attrs

from ciclope.core import model as m
from ciclope.core.fmt import date_it, pct_typed
from ciclope.core.inputs import periods
from ciclope.core.inputs.columns import rows
from ciclope.core.inputs.crossrefs import Near, unread
from ciclope.core.inputs.reading import Reading

SOURCE = "D.Lgs. 81/2015 art. 7 c. 1"
NAME = "time_periods"


def read(r: Reading) -> tuple[m.TimePeriod, ...]:
    """The rows of tempo_parziale.csv without a bad cell, in file order."""
    return tuple(
        m.TimePeriod(person=row["person"], start=row["start"], end=row["end"], fte=row["fte"], row=n)
        for _, n, row in rows(r, NAME)
    )


def attach(r: Reading, e: m.Ente, found: Sequence[m.TimePeriod]) -> m.Ente:
    """``e`` with each person's share of time the mean of their periods (their ``fte``), and the periods on the Ente,
    once every row of the person holds; the problems of the rows are written to the log."""
    if not found:
        return e
    near = Near(e, unread(r, e))
    refused = {p.person for p in found if not _row_holds(r, e, near, p)}  # every row is checked, in file order
    grouped: dict[str, list[m.TimePeriod]] = {}
    for p in found:
        if p.person not in refused:
            grouped.setdefault(p.person, []).append(p)
    ordered = {pid: sorted(ps, key=lambda p: (p.start, p.row)) for pid, ps in grouped.items()}
    periods = {pid: tuple(ps) for pid, ps in ordered.items() if _apart(r, e, ps)}
    if not periods:
        return e
    people = dict(e.people)
    shares: dict[str, m.TimeShare] = {}
    for pid, ps in periods.items():
        start, end = service(e.people[pid], e.year)
        counted = tuple(attrs.evolve(p, days=_days(p, start, end)) for p in ps)
        shares[pid] = share = m.TimeShare(e.people[pid].fte, (end - start).days + 1, counted)
        people[pid] = attrs.evolve(e.people[pid], fte=mean(share))
    return attrs.evolve(e, people=people, time_shares=shares)


def service(person: m.Person, year: int) -> tuple[dt.date, dt.date]:
    """The first and last day of the person's service in ``year``: people.csv's ``assunzione`` and ``cessazione``
    (read by name, as every date of service is) where they fall in it."""
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    hired, left = person.extra.get("assunzione"), person.extra.get("cessazione")
    if isinstance(hired, dt.date) and hired > start:
        start = hired
    if isinstance(left, dt.date) and left < end:
        end = left
    return start, max(start, end)


def mean(share: m.TimeShare) -> Decimal:
    """The year's share of time: each period's share by its days of service, people.csv's for the days no period
    covers, over the days of service (100% for 181 days and 50% for 184 of 365: 273 / 365 = 0,747945…)."""
    worked = sum((p.fte * p.days for p in share.periods), Decimal(0)) + share.base * _rest(share)
    return worked / share.days


def _rest(share: m.TimeShare) -> int:
    """The days of service no period covers."""
    return share.days - sum(p.days for p in share.periods)


def at_end(share: m.TimeShare, year: int) -> Decimal:
    """The share of time on the year's last day: its period's, else people.csv's (what next year starts from)."""
    last = dt.date(year, 12, 31)
    return next((p.fte for p in share.periods if p.start <= last <= p.end), share.base)


def _days(p: m.TimePeriod, start: dt.date, end: dt.date) -> int:
    """The days of the period within the service (none where it falls outside it)."""
    first, last = max(p.start, start), min(p.end, end)
    return max(0, (last - first).days + 1)


def _row_holds(r: Reading, e: m.Ente, near: Near, p: m.TimePeriod) -> bool:
    """The row's person exists, its period is within the cycle's year and in order (each a problem of its cell)."""
    label = e.file_of(NAME)
    before = len(r.log.problems)
    if near.lacks(p.person, "people"):
        hint = near.hint(p.person, "people", r.column_said(label, "person"))
        message = f"persona «{p.person}» inesistente{hint}: scrivi il codice di una persona di {e.sheet_said('people')}"
        r.err(label, p.row, "person", "core.ref.person", message, ref=p.person)
    periods.dated(r, (label, p.row), (p.start, p.end, e.year), ("di tempo parziale", "core.time", SOURCE))
    return len(r.log.problems) == before


def _apart(r: Reading, e: m.Ente, periods: list[m.TimePeriod]) -> bool:
    """A person's periods, in date order, do not overlap (an error at the later one's start)."""
    label = e.file_of(NAME)
    ok = True
    for earlier, p in zip(periods, periods[1:]):
        if p.start <= earlier.end:
            message = (
                f"il periodo dal {date_it(p.start)} di {e.people[p.person].said} si sovrappone a quello della riga "
                f"{earlier.row} (fino al {date_it(earlier.end)}): ogni giorno ha una sola quota di tempo; correggi le "
                "date"
            )
            r.err(label, p.row, "start", "core.time.overlap", message, SOURCE)
            ok = False
    return ok


def said(e: m.Ente, person: m.Person) -> str:
    """How the person's share of time comes from their periods, after the cell of people.csv's ``quota_tempo`` an
    explanation names: «, e tempo_parziale.csv, riga 2: 50% dal 01/07/2025 al 31/12/2025; in media sui giorni di
    servizio: (100% × 181 + 50% × 184) / 365»; "" for a person without periods."""
    share = e.time_shares.get(person.id)
    if share is None:
        return ""
    rows = "righe" if len(share.periods) > 1 else "riga"
    where = f"{e.file_of(NAME)}, {rows} {', '.join(str(p.row) for p in share.periods)}"
    return f", e {where}: {listed(share)}; {averaged(share)}"


def words(e: m.Ente, person: m.Person) -> str:
    """The periods after the person's share of time on their scheda: « (50% dal 01/07/2025 al 31/12/2025, 100% negli
    altri 181 giorni; in media sui giorni di servizio: (100% × 181 + 50% × 184) / 365)»; "" without periods."""
    share = e.time_shares.get(person.id)
    if share is None:
        return ""
    rest = _rest(share)
    others = f", {pct_typed(share.base)} negli altri {rest} giorni" if rest else ""
    return f" ({listed(share)}{others}; {averaged(share)})"


def listed(share: m.TimeShare) -> str:
    """«50% dal 01/07/2025 al 31/12/2025», each period in date order."""
    return ", ".join(f"{pct_typed(p.fte)} dal {date_it(p.start)} al {date_it(p.end)}" for p in share.periods)


def averaged(share: m.TimeShare) -> str:
    """«in media sui giorni di servizio: (100% × 181 + 50% × 184) / 365»: the mean redone by hand."""
    terms = [f"{pct_typed(p.fte)} × {p.days}" for p in share.periods if p.days]
    if _rest(share):
        terms.insert(0, f"{pct_typed(share.base)} × {_rest(share)}")
    return f"in media sui giorni di servizio: ({' + '.join(terms)}) / {share.days}"
