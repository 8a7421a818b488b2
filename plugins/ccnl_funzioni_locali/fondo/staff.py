"""The head counts of the art. 60 cut (``comparto_<area>``: the people of each Area receiving the indennità di
comparto at 1.1.2026, CCNL Funzioni Locali 23.2.2026 art. 60 c. 2) against the staff sheet of the cycle.

The office types the counts; the staff sheet (``persone``) lists the staff of the cycle year. Where both speak of the
same day, a count the sheet does not bear out is a warning at the count's row: the cut would be computed on heads the
ente's own staff sheet does not have. What is compared (a reading, docs/fondo.md): the people of the sheet with role
``dipendente`` or ``po`` (the EQ are Funzionari: «Funzionari ed EQ»; dirigenti and the Segretario receive no
indennità di comparto) and with the Area's category (D Funzionari, C Istruttori, B Operatori esperti, A Operatori),
in service on the count's date by the ``assunzione`` and ``cessazione`` columns (no date: in service), by heads. It
is a warning, never an error: a person on leave or seconded elsewhere may be in the sheet and not receive the
indennità, and an office may leave out of the sheet who is not evaluated. Nothing is compared when the count's date
is not in the cycle year (a later fund keeps the 1.1.2026 count, and its staff sheet is another year's) or when a
person who would count has no category (the sheet cannot say the Area).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from ciclope.core import Ente, Person, Problem, fmt

from .sheet import SHEET, Entry
from .table import table

RULE = "ccnl.fondo.personale"
ROLES = ("dipendente", "po")
CATEGORY = {"funzionari": "D", "istruttori": "C", "operatori_esperti": "B", "operatori": "A"}
AREA_WORDS = {
    "funzionari": "dell'Area dei Funzionari e dell'Elevata qualificazione (dipendenti ed EQ)",
    "istruttori": "dell'Area degli Istruttori",
    "operatori_esperti": "dell'Area degli Operatori esperti",
    "operatori": "dell'Area degli Operatori",
}


def in_service(person: Person, day: dt.date) -> bool:
    hired, left = person.extra.get("assunzione"), person.extra.get("cessazione")
    return not (isinstance(hired, dt.date) and hired > day) and not (isinstance(left, dt.date) and left < day)


def said_day(day: dt.date) -> str:
    return f"{day.day}.{day.month}.{day.year}"


def differing(ente: Ente, heads: Mapping[str, Entry | None]) -> list[Problem]:
    """A warning at each ``comparto_<area>`` row whose count is not the staff sheet's at the count's date."""
    out = []
    for area, e in heads.items():
        v = table().voci.get(f"comparto_{area}")
        if e is None or e.number is None or v is None or v.date is None or v.date.year != ente.year:
            continue
        counted = [p for p in ente.people.values() if p.role in ROLES and in_service(p, v.date)]
        if not counted or any(p.category is None for p in counted):
            continue
        sheet = sum(1 for p in counted if p.category == CATEGORY.get(area))
        if sheet == e.number:
            continue
        message = (
            f"{e.voce} = {fmt.decimal_it(e.number)}, ma il foglio persone ha {sheet} persone {AREA_WORDS[area]} in servizio al "
            f"{said_day(v.date)} (per teste, secondo le colonne assunzione e cessazione; dirigenti e Segretario "
            f"esclusi): la riduzione dell'art. 60 conta le persone che ricevono l'indennità di comparto a quella "
            "data; correggi il numero, o il foglio persone se è incompleto"
        )
        out.append(Problem.at(ente, RULE, message, v.date_source, SHEET, e.row, "numero", severity="warning"))
    return out
