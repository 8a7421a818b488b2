"""The EQ resources the limit counts, against what the cycle pays the EQ (rules: the fund §3, the national layer §1).

The limit of art. 23 c. 2 D.Lgs. 75/2017 counts the fund and the EQ resources together (CCNL 16.11.2022 art. 79 c. 6):
the office writes those resources in the ``fondo`` sheet (``risorse_eq``), while the cycle pays the EQ their position
and result pay. The rules do not say how the two relate beyond the ente quota of result pay (at least 15% of the EQ
resources for position and result pay, checked by :mod:`ciclope.plugins.ccnl_funzioni_locali.quota`), so resources below what the cycle pays are a
warning naming both amounts: either the limit leaves out money paid (and the margin is smaller than shown) or the pay
is above what the ente budgeted. A wrapper of ``ciclope_rewards``, as the quota's check: what is paid is known there.
"""

from __future__ import annotations

from collections.abc import Generator
from decimal import Decimal

from ciclope.core import Ente, Params, Problem, Rewards, Score, Trace, fmt, hookimpl
from ciclope.plugins.ccnl_funzioni_locali.quota import po_resources

from .sheet import SHEET, Entry, entries
from .table import table

RULE = "ccnl.fondo.risorse_eq"
# the posizioni organizzative are incarichi di Elevata qualificazione from 1.4.2023 (CCNL 16.11.2022 art. 13 c. 1)
EQ_SINCE = 2023


@hookimpl(wrapper=True)
def ciclope_rewards(
    ente: Ente, scores: dict[str, Score], params: Params, trace: Trace
) -> Generator[None, Rewards | None, Rewards | None]:
    rewards = yield
    row = eq_row(ente)
    if rewards is None or row is None or row.amount is None:
        return rewards
    if row.amount > 0 and not any(p.role == "po" for p in ente.people.values()):
        trace.problem(nobody(ente, row, row.amount))
        return rewards
    paid = po_resources(ente, rewards)
    if paid is not None and row.amount < sum(paid, Decimal(0)):
        trace.problem(short(ente, row, row.amount, paid))
    return rewards


def eq_row(ente: Ente) -> Entry | None:
    """The row of the fund sheet with the year's EQ resources counted in the limit (None: no fund, or none given)."""
    return next((e for e in entries(ente) if e.voce == "risorse_eq"), None)


def holders(year: int) -> str:
    """Whom the resources the limit counts beside the fund pay in ``year``: the posizioni organizzative, incarichi
    di EQ from 2023 (their resources counted in the limit then by CCNL 21.5.2018 art. 67 c. 7, now by CCNL
    16.11.2022 art. 79 c. 6)."""
    return "EQ" if year >= EQ_SINCE else "PO"


def limit_source(year: int) -> str:
    """The limit's clause in force in ``year``, which the warnings at the row of the EQ resources cite."""
    clause = table().clause("limite", year)
    return clause.source if clause else "D.Lgs. 75/2017 art. 23 c. 2"


def nobody(ente: Ente, row: Entry, resources: Decimal) -> Problem:
    """The warning at the row of the EQ resources when the people sheet has no EQ (PO) they would pay: the limit counts
    money nobody in the cycle receives, or the sheet leaves out whom it pays."""
    who, source = holders(ente.year), limit_source(ente.year)
    message = (
        f"le risorse per le {who} ({fmt.euro(resources)}) contano nel limite, ma in {ente.file_said('people')} "
        f"nessuna persona ha il ruolo delle {who}: se l'ente non ne ha, scrivi 0 nella riga (il margine sul limite "
        f"cresce); se le ha, aggiungile al foglio con la loro retribuzione di posizione"
    )
    return Problem.at(ente, RULE, message, source, SHEET, row.row, "importo", severity="warning")


def short(ente: Ente, row: Entry, resources: Decimal, paid: tuple[Decimal, Decimal]) -> Problem:
    """The warning at the row of the EQ resources: both amounts, what is paid in its two parts, what to check."""
    position, result = paid
    who, source = holders(ente.year), limit_source(ente.year)
    message = (
        f"le risorse per le {who} nel limite ({fmt.euro(resources)}) sono meno di quanto il ciclo paga alle {who} "
        f"({fmt.euro(position + result)}): posizione {fmt.euro(position)} + risultato {fmt.euro(result)}; il limite "
        f"conta il fondo e le risorse per le {who} insieme, quindi il margine mostrato è più ampio di quello reale. "
        f"Controlla che le risorse per le {who} dell'anno comprendano la retribuzione di posizione e quella di "
        f"risultato, oppure riduci le retribuzioni alle risorse stanziate"
    )
    return Problem.at(ente, RULE, message, source, SHEET, row.row, "importo", severity="warning")
