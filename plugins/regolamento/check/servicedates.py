"""The dates of service of people.csv (``assunzione``, ``cessazione``) read as a span: one that ends before it
starts is an error of the row, never a silent zero days of service (what the days, the months and IN.SERVIZIO
would count from it)."""

from __future__ import annotations

import datetime as dt

from ciclope.core import Ente, Problem, fmt
from ciclope.plugins.regolamento.read.reader import SOURCE

RULE = "regolamento.servizio"


def inverted(ente: Ente) -> list[Problem]:
    """Each person whose ``cessazione`` comes before the ``assunzione``, in the order of people.csv."""
    out = []
    for person in ente.people.values():
        hired, left = person.extra.get("assunzione"), person.extra.get("cessazione")
        if isinstance(hired, dt.date) and isinstance(left, dt.date) and left < hired:
            message = (
                f"{person.id} cessa il {fmt.date_it(left)}, prima della data di assunzione ({fmt.date_it(hired)}): "
                "i giorni di servizio non si possono contare; correggi una delle due date"
            )
            out.append(Problem.at(ente, RULE, message, SOURCE, "people", person.row, "cessazione"))
    return out
