"""Phase f: the calendar (000… art. 37–39)."""

from __future__ import annotations

import calendar as _calendar
import datetime as dt

from ciclope.core import (
    Deadline,
    Params,
    hookimpl,
)

from .common import REG


@hookimpl(specname="ciclope_calendar")
def calendar(year: int, params: Params) -> list[Deadline]:
    month = int(params["monitoring_month"])
    monitoring_due = dt.date(year, month, _calendar.monthrange(year, month)[1])
    return [
        Deadline(
            "pianificazione",
            "Formalizzazione del Piano della Performance (entro gennaio)",
            dt.date(year, 1, 31),
            f"{REG} art. 38.1",
            "piano_adopted",
        ),
        Deadline(
            "monitoraggio",
            "Monitoraggio in corso d'esercizio, in coerenza con l'assestamento del bilancio",
            monitoring_due,
            f"{REG} art. 37.2 lett. c, 37.3 lett. d (data: ipotesi, mese del monitoraggio fissato nei parametri)",
            "monitoraggio_assestamento",
        ),
        Deadline(
            "rendicontazione",
            "Relazione sulla Performance formalizzata dalla Giunta (entro giugno)",
            dt.date(year + 1, 6, 30),
            f"{REG} art. 37.3 lett. f, 39.1",
            "relazione_approved",
        ),
        Deadline(
            "rendicontazione",
            "Validazione della Relazione da parte dell'OIV (apre l'accesso ai premi)",
            dt.date(year + 1, 6, 30),
            f"{REG} art. 39.2; D.Lgs. 150/2009 art. 14 c. 4 lett. c (data: ipotesi)",
            "relazione_validated_oiv",
        ),
    ]
