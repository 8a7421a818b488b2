"""Phase f: the calendar of the SMVP (004… §3.2)."""

from __future__ import annotations

import datetime as dt

from ciclope.core import Deadline, hookimpl

from .common import SMVP


@hookimpl(specname="ciclope_calendar")
def calendar(year: int) -> list[Deadline]:
    feb_end = dt.date(year + 1, 3, 1) - dt.timedelta(days=1)
    s = f"{SMVP} §3.2"
    return [
        Deadline(
            "pianificazione",
            "Approvazione del Piano della performance da parte della Giunta",
            dt.date(year, 1, 31),
            f"D.Lgs. 150/2009 art. 10 c. 1 lett. a; {SMVP} §2",
            "piano_adopted",
        ),
        Deadline(
            "monitoraggio",
            "Monitoraggio semestrale al 30/6 e comunicazione alla Giunta",
            dt.date(year, 6, 30),
            f"{s} (Monitoraggio semestrale)",
            "monitoraggio_giunta",
        ),
        Deadline(
            "rendicontazione",
            "Raccolta dei dati e schede di rendicontazione degli obiettivi (primi 20 giorni di gennaio)",
            dt.date(year + 1, 1, 20),
            f"{s} (Rendicontazione finale)",
            "rendicontazione_schede",
        ),
        Deadline(
            "rendicontazione",
            "Stesura e redazione della Relazione sulla performance (ultima decade di gennaio)",
            dt.date(year + 1, 1, 31),
            f"{s} (Rendicontazione finale)",
            "relazione_drafted",
        ),
        Deadline(
            "rendicontazione",
            "Validazione della Relazione e del grado di raggiungimento degli obiettivi da "
            "parte dell'OIV (ultima decade di gennaio)",
            dt.date(year + 1, 1, 31),
            f"{s} (Rendicontazione finale: «redazione e validazione» nell'ultima decade di gennaio)",
            "relazione_validated_oiv",
        ),
        Deadline(
            "rendicontazione",
            "Approvazione della Relazione sulla performance da parte della Giunta (febbraio)",
            feb_end,
            f"{s} (Rendicontazione finale)",
            "relazione_approved",
        ),
        Deadline(
            "rendicontazione",
            "Pubblicazione della Relazione sul sito camerale e invio a Unioncamere",
            dt.date(year + 1, 6, 30),
            f"{s} (Rendicontazione finale)",
            "relazione_published",
        ),
    ]
