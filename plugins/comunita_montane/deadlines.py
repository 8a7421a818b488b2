"""The calendar's monitoring and payment acts (issue 42: a Comunità montana's calendar had only the Piano
and the Relazione). Joined to :func:`.rules.calendar` by the core (``ciclope_calendar`` answers are joined).

- Monitoraggio in corso d'esercizio (003_17a077a346f3b252.txt art. 4.1 lett. c): the regulation gives no
  date. Assumption: with the budget's assestamento generale, by 31 July (D.Lgs. 267/2000 art. 175 c. 8),
  on the 30/6 measure (``actual_mid``).
- Payment of the performance premi and of the PO's result pay: "corrisposta annualmente a seguito della
  valutazione" (art. 21.1), after the OIV validated the Relazione (D.Lgs. 150/2009 art. 14 c. 6).
  Assumption: by 31 December of the year after. The bonus delle eccellenze keeps its own date (art. 18.2).
"""

from __future__ import annotations

import datetime as dt

from ciclope.core import Deadline, hookimpl

SEED = "003_17a077a346f3b252.txt"


@hookimpl(specname="ciclope_calendar")
def monitoring_and_payment(year: int) -> list[Deadline]:
    return [
        Deadline(
            phase="monitoraggio",
            act="Monitoraggio in corso d'esercizio sulla misura al 30/6 ed eventuali interventi correttivi",
            due=dt.date(year, 7, 31),
            source=f"{SEED} art. 4.1 lett. c (data: ipotesi, con l'assestamento di bilancio, "
            "D.Lgs. 267/2000 art. 175 c. 8)",
            approval="monitoraggio_intermedio",
        ),
        Deadline(
            phase="premialita",
            act="Erogazione dei premi di performance e della retribuzione di risultato delle PO "
            "(dopo la validazione della Relazione da parte dell'OIV)",
            due=dt.date(year + 1, 12, 31),
            source=f"{SEED} art. 21.1; D.Lgs. 150/2009 art. 14 c. 6 (data: ipotesi, entro l'anno dopo)",
            approval="premi_paid",
        ),
    ]
