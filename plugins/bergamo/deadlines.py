"""The calendar's payment act (issue 42), joined to :func:`.rules.calendar` by the core (``ciclope_calendar``
answers are joined); the monitoring act is there already (art. 37).

The OIV's validation of the Relazione opens the access to the premi (000_c472ac27e970ca85.txt art. 39.2;
D.Lgs. 150/2009 art. 14 c. 6). The regulation gives no date for the payment. Assumption: by 31
December of the year after.
"""

from __future__ import annotations

import datetime as dt

from ciclope.core import Deadline, hookimpl

REG = "000_c472ac27e970ca85.txt"


@hookimpl(specname="ciclope_calendar")
def payment(year: int) -> list[Deadline]:
    return [
        Deadline(
            "premialita",
            "Erogazione dei premi di performance e della retribuzione di risultato "
            "(dopo la validazione della Relazione da parte dell'OIV)",
            dt.date(year + 1, 12, 31),
            f"{REG} art. 39.2; D.Lgs. 150/2009 art. 14 c. 6 (data: ipotesi, entro l'anno dopo)",
            "premi_paid",
        )
    ]
