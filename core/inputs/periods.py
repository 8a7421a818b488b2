"""``valutatori.csv`` (the sheet «valutatori» of ente.xlsx): the people evaluated by more than one evaluator in the
year, a row per person and evaluator of a part of it (rules/core.md §3, «Individual evaluation card»). Each evaluator
writes the card of their period; the person's score is the mean of the cards by the calendar days of each period
(:func:`core.scoring.exact_card_score`).

Read with the other sheets (:func:`read`), checked once the people and the cards are known (:func:`attach`): every
problem of a row names its file, row and column and says what to write; a person whose periods hold is given them on
every item of their card, so that every reader of the card (the core's score and each plugin's) sees its parts."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import attrs

from ciclope.core import model as m
from ciclope.core.fmt import date_it, listed, quoted
from ciclope.core.inputs.columns import rows
from ciclope.core.inputs.crossrefs import Near, unread
from ciclope.core.inputs.reading import Reading

SOURCE = "rules/core.md §3"
NAME = "evaluator_periods"


def read(r: Reading) -> tuple[m.EvaluatorPeriod, ...]:
    """The rows of valutatori.csv without a bad cell, in file order."""
    return tuple(
        m.EvaluatorPeriod(person=row["person"], evaluator=row["evaluator"], start=row["start"], end=row["end"], row=n)
        for _, n, row in rows(r, NAME)
    )


def attach(r: Reading, e: m.Ente, found: Sequence[m.EvaluatorPeriod]) -> m.Ente:
    """``e`` with the periods of each person evaluated by several evaluators, on the Ente and on every item of the
    person's card, once every row holds; the problems of the rows, of the cards' rows and of the cards missing are
    written to the log."""
    if not found:
        return e
    near = Near(e, unread(r, e))
    refused = {p.person for p in found if not _row_holds(r, e, near, p)}  # every row is checked, in file order
    grouped: dict[str, list[m.EvaluatorPeriod]] = {}
    for p in found:
        grouped.setdefault(p.person, []).append(p)
    # A person with a row refused is not judged on the rest: the row left out would make a transfer «one evaluator»
    # or hide an overlap, and the fix is the refused row's own
    periods = {
        pid: tuple(ps)
        for pid, ps in grouped.items()
        if pid not in refused and _person_holds(r, e, sorted(ps, key=_start))
    }
    if not periods:
        return e
    periods = {
        pid: tuple(attrs.evolve(p, said=_evaluator(e, p.evaluator)) for p in sorted(ps, key=_start))
        for pid, ps in periods.items()
    }
    _cards_hold(r, e, periods)
    items = tuple(it._replace(periods=periods[it.person]) if it.person in periods else it for it in e.evaluations)
    return attrs.evolve(e, evaluations=items, periods=periods)


def _start(p: m.EvaluatorPeriod) -> tuple[dt.date, int]:
    return (p.start, p.row)


def _who(e: m.Ente, pid: str) -> str:
    person = e.people.get(pid)
    return f"{person.name} ({pid})" if person is not None and person.name else pid


def _evaluator(e: m.Ente, ident: str) -> str:
    """An evaluator as a message names them: a person by name and code, an external one by what ente.toml says."""
    if ident in e.people:
        return _who(e, ident)
    return f"{e.evaluators[ident]} ({ident})" if e.evaluators.get(ident) else ident


def _row_holds(r: Reading, e: m.Ente, near: Near, p: m.EvaluatorPeriod) -> bool:
    """The row's person and evaluator exist and differ, its period is within the cycle's year and in order (each a
    problem of its cell)."""
    label = e.file_of(NAME)
    before = len(r.log.problems)
    if near.lacks(p.person, "people"):
        hint = near.hint(p.person, "people", r.column_said(label, "person"))
        message = (
            f"persona {quoted(p.person)} inesistente{hint}: scrivi il codice di una persona di {e.sheet_said('people')}"
        )
        r.err(label, p.row, "person", "core.ref.person", message, ref=p.person)
    if near.lacks(p.evaluator, "people", "evaluators"):
        message = (
            f"valutatore {quoted(p.evaluator)} inesistente{near(p.evaluator, 'people', 'evaluators')}: né una persona "
            f"dell'ente né un valutatore esterno di ente.toml [valutatori]; scrivi il codice di una persona di "
            f"{e.sheet_said('people')} o dichiaralo in [valutatori] di ente.toml"
        )
        r.err(label, p.row, "evaluator", "core.ref.person", message, ref=p.evaluator)
    elif p.evaluator == p.person:
        message = (
            f"{_who(e, p.person)} è indicato come valutatore di sé stesso: scrivi chi lo valuta nel periodo (il "
            "superiore o un valutatore esterno di [valutatori])"
        )
        r.err(label, p.row, "evaluator", "core.evaluation.self", message, "rules/core.md §3; D.Lgs. 150/2009 art. 9")
    dated(r, (label, p.row), (p.start, p.end, e.year), ("di un valutatore", "core.periods", SOURCE))
    return len(r.log.problems) == before


def dated(r: Reading, at: tuple[str, int], span: tuple[dt.date, dt.date, int], what: tuple[str, str, str]) -> None:
    """A period's dates within the cycle's year and in order, each a problem of its cell: ``at`` the sheet and row,
    ``span`` the first and last day and the year, ``what`` whose period («di un valutatore»), the rules' prefix and
    the source."""
    (label, row), (start, end, year), (whose, rule, source) = at, span, what
    for column, day in (("start", start), ("end", end)):
        if day.year != year:
            message = (
                f"data {date_it(day)} fuori dall'anno del ciclo ({year}): il periodo {whose} è una parte del {year}; "
                f"scrivi una data dal 01/01/{year} al 31/12/{year}"
            )
            r.err(label, row, column, f"{rule}.year", message, source)
    if end < start:
        message = (
            f"il periodo finisce ({date_it(end)}) prima di cominciare ({date_it(start)}): scrivi nella colonna "
            f"{r.column_said(label, 'start')} il primo giorno e nella colonna {r.column_said(label, 'end')} l'ultimo"
        )
        r.err(label, row, "end", f"{rule}.order", message, source)


def _person_holds(r: Reading, e: m.Ente, periods: list[m.EvaluatorPeriod]) -> bool:
    """A person's periods, in date order: each evaluator once, no two overlapping, more than one evaluator (one
    alone is a warning: the row is left aside, the card is scored as any other)."""
    label = e.file_of(NAME)
    who = _who(e, periods[0].person)
    if len(periods) == 1:
        p = periods[0]
        message = (
            f"{who} ha un solo valutatore in {e.sheet_said(NAME)}, che elenca chi è valutato da più valutatori nello "
            f"stesso anno: riga non considerata; scrivi {p.evaluator} nella colonna "
            f"{e.column_shown('people', 'evaluator')} di {e.sheet_said('people')} e togli la riga, o aggiungi gli "
            "altri valutatori dell'anno"
        )
        r.err(label, p.row, "person", "core.periods.one", message, SOURCE, severity="warning")
        return False
    before = len(r.log.problems)
    seen: dict[str, m.EvaluatorPeriod] = {}
    for earlier, p in zip([None, *periods], periods):
        if p.evaluator in seen:
            message = (
                f"{_evaluator(e, p.evaluator)} è già valutatore di {who} alla riga {seen[p.evaluator].row}: una riga "
                "per valutatore; se valuta due periodi separati, la sua scheda è una sola: scrivi un solo periodo"
            )
            r.err(label, p.row, "evaluator", "core.periods.twice", message, SOURCE)
        seen.setdefault(p.evaluator, p)
        if earlier is not None and p.start <= earlier.end:
            message = (
                f"il periodo di {_evaluator(e, p.evaluator)}, dal {date_it(p.start)}, si sovrappone a quello di "
                f"{_evaluator(e, earlier.evaluator)}, fino al {date_it(earlier.end)} (riga {earlier.row}), per "
                f"{who}: un giorno è di un solo valutatore; correggi le colonne {r.column_said(label, 'start')} o "
                f"{r.column_said(label, 'end')}"
            )
            r.err(label, p.row, "start", "core.periods.overlap", message, SOURCE)
    return len(r.log.problems) == before


def _cards_hold(r: Reading, e: m.Ente, periods: dict[str, tuple[m.EvaluatorPeriod, ...]]) -> None:
    """Every row of a listed person's card names one of the person's evaluators (an error of the row); an evaluator
    without any row leaves the person not evaluated (a warning at the period's row), never scored on one card."""
    label = e.file_of("evaluations")
    written: dict[str, set[str]] = {}
    for it in e.evaluations:
        listed_ = periods.get(it.person)
        if listed_ is None:
            continue
        names = [p.evaluator for p in listed_]
        if it.evaluator in names:
            written.setdefault(it.person, set()).add(it.evaluator)
            continue
        message = (
            f"la voce {quoted(it.item)} della scheda di {_who(e, it.person)} "
            + ("non indica il valutatore" if not it.evaluator else f"è del valutatore {quoted(it.evaluator)}")
            + f", ma {e.sheet_said(NAME)} indica per la persona i valutatori {listed(_evaluator(e, n) for n in names)}: "
            "scrivi nella "
            f"colonna {e.column_shown('evaluations', 'evaluator')} il codice di chi ha valutato la voce, uno di loro"
        )
        r.err(label, it.row, "evaluator", "core.periods.card_evaluator", message, SOURCE)
    if r.asked.collecting:
        return  # July, or the forms going out: an evaluator's card of the year is still to come, not missing
    for pid, listed_ in periods.items():
        if pid not in written:
            continue  # no card at all: not evaluated, as anyone without one
        for p in listed_:
            if p.evaluator not in written[pid]:
                message = (
                    f"manca la scheda di {_evaluator(e, p.evaluator)} per {_who(e, pid)} (dal {date_it(p.start)} al "
                    f"{date_it(p.end)}): senza, la persona non è valutata, come chi non ha una scheda; aggiungi "
                    f"a {e.sheet_said('evaluations')} le sue voci con {p.evaluator} nella colonna "
                    f"{e.column_shown('evaluations', 'evaluator')}"
                )
                r.err(
                    e.file_of(NAME),
                    p.row,
                    "evaluator",
                    "core.periods.card_missing",
                    message,
                    SOURCE,
                    severity="warning",
                )
