"""The individual scores of earlier years (``valutazioni_precedenti.csv``, the sheet «valutazioni precedenti»):
what a differenziale stipendiale averages («la media delle ultime tre valutazioni individuali», CCNL Funzioni Locali
16.11.2022 art. 14), read by ``VALUTAZIONE.MEDIA(anni)`` (the years before the cycle's) and
``VALUTAZIONE.ULTIME(n)`` (the last n scores the person has, however far back).

The sheet is the office's, one row per person and year: ``ciclope template --from`` carries its rows into the next
year's folder and adds the scores of the year it continues (from that run's results.json), and the office writes
the years before ciclope, or those of a person who came from another ente. So every score averaged is a cell a
person can read and correct, as every other input."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

import attrs

from ciclope.core import Ente, Input, Problem, fmt

FILE = "valutazioni_precedenti.csv"
TABLE = FILE.removesuffix(".csv")
TITLE = "valutazioni precedenti"
# a score of an earlier year is on 100, as the card's score is (rules/core.md §3) and as ``ciclope template --from``
# writes it from the year's results: one out of 0–100 is a mistake (920 for 92), never averaged
LOWEST, HIGHEST = Decimal(0), Decimal(100)
RULE = "regolamento.valutazioni_precedenti.punteggio"
SOURCE = "rules/core.md §3"
# what a formula read of the sheet, among a person's inputs: ``valutazioni:3``, ``valutazioni:ultime:3``
KEY = "valutazioni:"
FUNCTIONS = frozenset(("VALUTAZIONE.MEDIA", "VALUTAZIONE.ULTIME"))
SHOWN = 3  # the people a message about the whole sheet names, the others counted


@attrs.frozen
class Mean:
    """The mean of a person's scores over the years asked: None when the sheet has none of them. ``read``: each
    year's score with its cell, oldest first; ``years``: the first and last year looked at."""

    value: Decimal | None
    read: tuple[Input, ...]
    years: tuple[int, int]


class Twice(ValueError):
    """A person's score written twice for one year: which of the two is meant cannot be said."""


def mean(ente: Ente, person: str, years: int, latest: bool = False) -> Mean:
    """The mean of ``person``'s scores in the ``years`` years before the cycle's (the 2021, 2022 and 2023 ones for
    a 2024 cycle and 3 years), over those the sheet gives (a year without a score, a leave, is not counted as 0);
    ``latest``: of the last ``years`` scores the sheet gives before the cycle's year, however far back (a year
    without one gives its place to the year before). :class:`Twice` for a year written twice."""
    first, last = (1, ente.year - 1) if latest else (ente.year - years, ente.year - 1)
    found: dict[int, Any] = {}
    for r in ente.table(TABLE):
        year = r.get("year")
        if r.get("person") != person or year is None or not first <= year <= last or not _within(r.get("score")):
            continue  # a score out of its range is said by :func:`problems`, and not averaged
        if year in found:
            rows = f"righe {found[year].row} e {r.row}"
            raise Twice(f"il punteggio del {year} è scritto due volte nel foglio {TITLE} ({rows})")
        found[year] = r
    if latest:
        found = {y: found[y] for y in sorted(found)[-years:]}
        first = min(found, default=last)
    read = tuple(
        Input(f"valutazione {year}", found[year]["score"], cell=ente.cell(TABLE, found[year].row, "score"))
        for year in sorted(found)
    )
    if not read:
        return Mean(None, (), (first, last))
    total = sum((i.value for i in read), Decimal(0))
    return Mean(total / len(read), read, (first, last))


def _within(score: object) -> bool:
    """Whether ``score`` is a score on 100 (an empty cell is said by the load)."""
    return isinstance(score, Decimal) and LOWEST <= score <= HIGHEST


def problems(ente: Ente) -> list[Problem]:
    """Each score of the sheet out of 0–100, an error of its cell naming the person, the year, the range and what
    to write; every such row at once. The score is left out of every mean (:func:`mean`)."""
    out = []
    for r in ente.table(TABLE):
        score = r.get("score")
        if score is None or _within(score):
            continue
        pid, year = r.get("person"), r.get("year")
        found = ente.people.get(pid) if isinstance(pid, str) else None
        who, name = (found.said, found.name or found.id) if found is not None else (f"«{pid}»", f"«{pid}»")
        message = (
            f"punteggio {fmt.decimal_it(score)} del {year} di {who} fuori dall'intervallo ammesso: da "
            f"{fmt.decimal_it(LOWEST)} a {fmt.decimal_it(HIGHEST)} (la valutazione individuale è su 100); scrivi il "
            f"punteggio su 100 che {name} ha avuto nel {year}"
        )
        out.append(Problem.at(ente, RULE, message, SOURCE, TABLE, r.row, "score"))
    return out


def empty(ente: Ente) -> bool:
    """Whether the sheet gives no score at all: not given, or only its header."""
    return not ente.table(TABLE)


def for_all(ente: Ente, reads: str, names: list[str], key: str) -> str:
    """The one message of a sheet that gives no score, where every candidate's mean lacks it (``key``: the mean's, as
    :data:`KEY` writes it): the sheet missing, ``reads`` (what reads it, in words), the people left out (a count and
    the first :data:`SHOWN`) and what to write."""
    if TABLE not in ente.sheet_labels:
        lacks = f"manca il foglio {TITLE} di ente.xlsx" if ente.source_format == "xlsx" else f"manca il file {FILE} "
        lacks += "" if ente.source_format == "xlsx" else f"(il foglio {TITLE})"
    else:
        lacks = f"{ente.sheet_said(TABLE)} non ha righe"
    shown = names[:SHOWN] + ([f"altri {len(names) - SHOWN}"] if len(names) > SHOWN else [])
    who = f"{fmt.plural(len(names), 'candidato', 'candidati')} ({fmt.listed(shown)})"
    stays = "resta" if len(names) == 1 else "restano"
    count = int(key.rsplit(":", 1)[-1])
    if key.startswith(f"{KEY}ultime:"):
        which = f"le ultime {count} valutazioni di ciascuno, di qualunque anno prima del {ente.year}"
    else:
        which = "i punteggi del " + fmt.listed(str(y) for y in range(ente.year - count, ente.year))
    return (
        f"{lacks}: {reads}, e {who} {stays} fuori dalla graduatoria; scrivi {ente.sheet_said(TABLE)} con le colonne "
        f"persona, anno e punteggio, una riga per persona e anno: {which}, anche quelli avuti in un altro ente"
    )


def how_to_write(ente: Ente, name: str, years: tuple[int, int], count: int, latest: bool) -> str:
    """What the office writes for one whose mean has no score in the sheet: the scores of the years the formula
    reads (``years``, the first and last), or, for the last ``count`` however far back, those; each a row of the
    sheet, a score from another ente too."""
    if latest:
        which = f"le ultime {count} valutazioni di {name}, di qualunque anno prima del {ente.year}"
    else:
        which = f"i punteggi di {name} del " + fmt.listed(str(y) for y in range(years[0], years[1] + 1))
    return (
        f"scrivi in {ente.sheet_said(TABLE)} {which}, una riga per anno (persona, anno, punteggio), anche quelli "
        "avuti in un altro ente"
    )


def rows_for_next_year(previous: Sequence[Any], people: Mapping[str, Any], year: int) -> list[dict[str, Any]]:
    """The sheet of the next year's folder: the rows the office had (``previous``, the sheet of the year continued)
    and one per person with a score in that year's results (``people``: results.json's ``people``, id → the
    person's results), the year ``year``; a year the sheet already gives for a person is kept as the office wrote
    it."""
    rows = [
        {"person": r.get("person"), "year": r.get("year"), "score": r.get("score")}
        for r in previous
        if r.get("person") is not None
    ]
    given = {(r["person"], r["year"]) for r in rows}
    for pid, entry in people.items():
        score = entry.get("score") if isinstance(entry, Mapping) else None
        if score is not None and (pid, year) not in given:
            rows.append({"person": pid, "year": year, "score": Decimal(str(score))})
    return rows
