"""The calendar's payment act (issue 42), joined to :func:`.rules.calendar` by the core (``ciclope_calendar``
answers are joined); the monitoring act (30/6) is there already.

The premi and the PO's result pay are paid on the evaluation, after the OIV validated the Relazione
(004_a450255962d2094d.txt §3 and §5; 001_2164dd4e03a9b49f.txt art. 6.5: "erogazione annuale della
retribuzione di risultato"; D.Lgs. 150/2009 art. 14 c. 6). No date is given. Assumption: by 31
December of the year after.
"""

from __future__ import annotations

import datetime as dt

from ciclope.core import Deadline, hookimpl

SMVP = "004_a450255962d2094d.txt"
PO = "001_2164dd4e03a9b49f.txt"


@hookimpl(specname="ciclope_calendar")
def payment(year: int) -> list[Deadline]:
    return [
        Deadline(
            "premialita",
            "Erogazione dei premi di performance e della retribuzione di risultato delle PO "
            "(dopo la validazione della Relazione da parte dell'OIV)",
            dt.date(year + 1, 12, 31),
            f"{SMVP} §3, §5; {PO} art. 6.5; D.Lgs. 150/2009 art. 14 c. 6 (data: ipotesi, entro l'anno dopo)",
            "premi_paid",
        )
    ]
