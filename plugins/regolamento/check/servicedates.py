"""The dates of people.csv read as spans: the service (``assunzione``, ``cessazione``) and the incarico of a PO / EQ
whose position is not weighted (``inizio_incarico``, ``fine_incarico``). A span that ends before it starts is an error
of the row, never a silent zero days (what the days, the months and IN.SERVIZIO would count from it, and the national
layer's range of the position pay from the incarico's days). A span wholly outside the cycle's year (begun after 31
December, ended before 1 January) is an error of its date's cell too: it has no day in the year, so the person would
stay in the head counts and the rankings with no day of service, their premium going silently to the colleagues (a
typo of the year, «01/04/2025» for «01/04/2024», is the likely cause). With [posizioni] the incarico is posizioni.csv's: its
dates written in people.csv as well would be two answers to one question, an error."""

from __future__ import annotations

import datetime as dt

from ciclope.core import Ente, Problem, fmt
from ciclope.plugins.regolamento.compile.env import TERM_END, TERM_START
from ciclope.plugins.regolamento.format.spec import Regulation
from ciclope.plugins.regolamento.read.reader import SOURCE

RULE = "regolamento.servizio"
INCARICO_RULE = "regolamento.incarico"
# each span: its two columns, the words of its end and its start, what could not be counted, its rule
SPANS = (
    ("assunzione", "cessazione", "cessa il", "data di assunzione", "i giorni di servizio", RULE),
    (TERM_START, TERM_END, "ha l'incarico fino al", "inizio dell'incarico", "i giorni dell'incarico", INCARICO_RULE),
)


def inverted(ente: Ente) -> list[Problem]:
    """Each person whose span ends before it starts, in the order of people.csv."""
    out = []
    for person in ente.people.values():
        for begins, ends, end_words, start_words, counted, rule in SPANS:
            start, end = person.extra.get(begins), person.extra.get(ends)
            if isinstance(start, dt.date) and isinstance(end, dt.date) and end < start:
                message = (
                    f"{person.id} {end_words} {fmt.date_it(end)}, prima della {start_words} ({fmt.date_it(start)}): "
                    f"{counted} non si possono contare; correggi una delle due date"
                )
                out.append(Problem.at(ente, rule, message, SOURCE, "people", person.row, ends))
    return out


# each span's two columns, how its start and its end are said, what has no day in the year and its rule
OUTSIDE = (
    ("assunzione", "cessazione", "data di assunzione", "data di cessazione", "nessun giorno di servizio", RULE),
    (TERM_START, TERM_END, "inizio dell'incarico", "fine dell'incarico", "nessun giorno di incarico", INCARICO_RULE),
)
# what to write instead, for each span: the date of the year, or the row (the role) of the year
OUTSIDE_HINTS = {
    RULE: "se nel {year} non era in servizio, togli la sua riga (e le sue valutazioni)",
    INCARICO_RULE: "se nel {year} non aveva l'incarico, scrivi il ruolo che aveva nel {year} e togli le date dell'incarico",
}


def outside_year(ente: Ente) -> list[Problem]:
    """Each person whose span lies wholly outside the cycle's year, at the date that puts it there: the start after
    31 December, or the end before 1 January. A span that ends before it starts is :func:`inverted`'s alone."""
    first, last = dt.date(ente.year, 1, 1), dt.date(ente.year, 12, 31)
    out = []
    for person in ente.people.values():
        for begins, ends, start_words, end_words, nothing, rule in OUTSIDE:
            start, end = person.extra.get(begins), person.extra.get(ends)
            if isinstance(start, dt.date) and isinstance(end, dt.date) and end < start:
                continue
            if isinstance(start, dt.date) and start > last:
                column, day, words, side = begins, start, start_words, "dopo l'"
            elif isinstance(end, dt.date) and end < first:
                column, day, words, side = ends, end, end_words, "prima dell'"
            else:
                continue
            hint = OUTSIDE_HINTS[rule].format(year=ente.year)
            message = (
                f"{person.said}: {words} {fmt.date_it(day)}, {side}anno del ciclo ({ente.year}): {nothing} "
                f"nel {ente.year}; se è un errore di battitura correggi la data, {hint}"
            )
            out.append(Problem.at(ente, rule, message, SOURCE, "people", person.row, column))
    return out


def weighted_twice(reg: Regulation, ente: Ente) -> list[Problem]:
    """With [posizioni], each person whose incarico people.csv dates: posizioni.csv dates it (and pays it so)."""
    if reg.positions is None:
        return []
    out = []
    for person in ente.people.values():
        for column in (TERM_START, TERM_END):
            if isinstance(person.extra.get(column), dt.date):
                message = (
                    f"{person.id}: con la pesatura delle posizioni ([posizioni]) la durata dell'incarico si scrive in "
                    f"posizioni.csv (colonne inizio_incarico e fine_incarico della sua posizione), non in persone.csv; "
                    f"togli la data da persone.csv"
                )
                out.append(Problem.at(ente, INCARICO_RULE, message, SOURCE, "people", person.row, column))
                break
    return out
