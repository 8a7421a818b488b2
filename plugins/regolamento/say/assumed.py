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
- Without the comparto Funzioni Locali, whose national layer adds the law's acts of plan and report itself
  (plugins/ccnl_funzioni_locali/acts.py), the Piano della performance by 31 January of the cycle year and the
  Relazione sulla performance approved and validated by the OIV by 30 June of the year after (D.Lgs. 150/2009 art. 10
  c. 1 and art. 14 c. 4 lett. c), each where the regulation's calendar has no act of its own for it: every
  amministrazione has them, an ente di ricerca or a regional agency as a Comune.

An ordine professionale or a società has neither assumed: the law does not date their acts (:data:`UNDATED`).
"""

from __future__ import annotations

import datetime as dt

from ciclope.core import Deadline, Ente
from ciclope.plugins.regolamento.format.acts import code_of
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
    if reg.act.comparto != "funzioni_locali":
        out += _plan_and_report(reg, year, ente)
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


# the law's acts of plan and report every amministrazione has (D.Lgs. 150/2009 art. 10 c. 1), by their approval keys
PLAN_AND_REPORT = (
    ("pianificazione", "piano_adopted", "Adozione del Piano della performance (nel PIAO, dove l'ente lo adotta)", 0,
     1, 31, "D.Lgs. 150/2009 art. 10 c. 1 lett. a"),
    ("rendicontazione", "relazione_approved", "Approvazione della Relazione sulla performance", 1, 6, 30,
     "D.Lgs. 150/2009 art. 10 c. 1 lett. b"),
    ("rendicontazione", "relazione_validated_oiv",
     "Validazione della Relazione sulla performance da parte dell'OIV (prima dell'erogazione dei premi)", 1, 6, 30,
     "D.Lgs. 150/2009 art. 10 c. 1 lett. b e art. 14 c. 4 lett. c"),
)  # fmt: skip


def _plan_and_report(reg: Regulation, year: int, ente: Ente | None) -> list[Deadline]:
    """The Piano and the Relazione by the law's dates, each where the regulation's calendar has no act for it."""
    own = {code_of(ev.approval) for ev in reg.calendar if ev.approval}
    said = ente.body.said if ente is not None else str
    return [
        Deadline(phase, said(act), dt.date(year + after, month, day), f"{source} ({ASSUMED}: la legge dà la data)",
                 approval)
        for phase, approval, act, after, month, day, source in PLAN_AND_REPORT
        if approval not in own
    ]  # fmt: skip
