"""The acts every cycle has, for a regulation whose ``[[calendario]]`` leaves them out.

A calendar without the monitoring or the payment of the premi hides two acts that the law asks of every
ente: the monitoring during the year (D.Lgs. 150/2009 art. 6) and the premi paid only after the OIV
validated the Relazione (art. 14 c. 6: the validation of c. 4 lett. c is the condition of the premi). When the regulation declares no act of phase
``monitoraggio`` (or ``premialita``), the calendar shows the act with an assumed date, saying so in its
source; an act the regulation declares always wins, and none is assumed for a phase it covers.

- Monitoring: by 31 July of the cycle year, on the measure at 30/6; for an ente locale, with the budget's
  assestamento generale (D.Lgs. 267/2000 art. 175 c. 8), which binds no other kind of ente (a university, an
  azienda sanitaria, a foundation).
- Payment: by 31 December of the year after (the Relazione is validated by 30 June).

An ordine professionale or a società has neither assumed: the law does not date their acts (:data:`UNDATED`).
"""

from __future__ import annotations

import datetime as dt

from ciclope.core import Deadline, Ente
from ciclope.plugins.regolamento.format.spec import UNDATED, Regulation

ASSUMED = "data: ipotesi, il regolamento non la fissa"
# the enti locali of the D.Lgs. 267/2000 (art. 2), whose budget has the assestamento generale by 31 July
TUEL = frozenset({"comune", "unione", "comunita_montana", "provincia", "citta_metropolitana"})


_WITH_BUDGET = ": con l'assestamento di bilancio, D.Lgs. 267/2000 art. 175 c. 8"


def missing_acts(reg: Regulation, year: int, ente: Ente | None = None) -> list[Deadline]:
    """The monitoring and payment acts of ``year``'s cycle that ``reg``'s calendar does not declare (the payment's
    with the ``ente``'s evaluation body, :attr:`ciclope.core.Ente.body`)."""
    paid = "Erogazione dei premi di performance (dopo la validazione della Relazione da parte dell'OIV)"
    declared = {ev.phase for ev in reg.calendar}
    out: list[Deadline] = []
    if reg.act.kind in UNDATED:
        return out
    if "monitoraggio" not in declared:
        out.append(
            Deadline(
                phase="monitoraggio",
                act="Monitoraggio in corso d'esercizio sulla misura al 30/6 ed eventuali interventi correttivi",
                due=dt.date(year, 7, 31),
                source=f"D.Lgs. 150/2009 art. 6 ({ASSUMED}{_WITH_BUDGET if reg.act.kind in TUEL else ''})",
                approval="monitoraggio_intermedio",
            )
        )
    if "premialita" not in declared:
        out.append(
            Deadline(
                phase="premialita",
                act=ente.body.said(paid) if ente is not None else paid,
                due=dt.date(year + 1, 12, 31),
                source=f"D.Lgs. 150/2009 art. 14 c. 6 ({ASSUMED}: entro l'anno dopo)",
                approval="premi_paid",
            )
        )
    return out
