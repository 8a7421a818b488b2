"""The interim of a vacant position ([posizioni] ``interim``, format 2). «Nell'ipotesi di conferimento ad interim di
un incarico di posizione organizzativa ad un lavoratore, già titolare di altra posizione organizzativa, […] nell'ambito
della retribuzione di risultato, è attribuito un ulteriore importo la cui misura può variare dal 15% al 25% del valore
economico della retribuzione di posizione prevista per la posizione organizzativa oggetto dell'incarico ad interim»
(CCNL 21.5.2018 art. 15 c. 6; for the EQ, CCNL 23.2.2026 art. 16 c. 5). The range and its article are the contract's
in force in the cycle year (``contract.toml`` beside the plugin).

The vacant position's row of positions.csv names who covers it (``interim``, ``interim_dal``, ``interim_al``) and, when
the act sets the measure incarico by incarico, its measure (``interim_misura``; else [posizioni] ``interim``). Who
covers it must hold a position paid in the year («già titolare»). Each interim is the measure × the covered position's
annual pay × the days of the interim / the days of the year, half-up. The interims come out of the result fund of
[risultato_po] first, and the rest is split among the positions; each is paid with the holder's result pay (a
positive evaluation, no exclusion), else it stays residual. When together they pass the result fund none is paid,
and a warning says so.
"""

from __future__ import annotations

import functools
from collections.abc import Collection
from decimal import Decimal
from pathlib import Path

import attrs

from ciclope.core import Award, Ente, Input, Problem, Row, Trace, fmt, money, provisions
from ciclope.plugins.regolamento.format import funds
from ciclope.plugins.regolamento.format.sources import cite
from ciclope.plugins.regolamento.format.spec import PositionWeighting, Regulation
from ciclope.plugins.regolamento.pay import premium, terms
from ciclope.plugins.regolamento.pay.formulas import days_in_year
from ciclope.plugins.regolamento.pay.shapes import ZERO, Interim, Outcome, Valued

FILE = "positions"
CONTRACT = Path(__file__).parent.parent / "contract.toml"
NOT_PAID = "nessun interim: senza retribuzione di risultato (valutazione non positiva o esclusione), resta residuo"
WORDS = (
    "misura dell'interim × retribuzione di posizione annua della posizione coperta × giorni dell'interim / giorni "
    "dell'anno, arrotondata al centesimo"
)


@functools.cache
def contract() -> tuple[provisions.Provision, ...]:
    """The rows of the national contract the regulation plugin reads itself (contract.toml), read once."""
    return provisions.load_provisions(CONTRACT)


def in_force(year: int) -> provisions.Provision:
    """The contract's interim in force in the cycle ``year``: its range (``min``, ``max``) and article. Before the
    2018 contract, the first row's range, as the format always applied it."""
    rows = contract()
    return provisions.in_force(rows, "interim", year) or rows[0]


def within(share: Decimal, year: int) -> bool:
    law = in_force(year)
    assert law.min is not None and law.max is not None
    return law.min <= share <= law.max


def measure(pw: PositionWeighting, r: Row, year: int) -> Decimal | None:
    """The measure of the interim of the row: its own ``interim_misura``, else the regulation's; None outside the
    contract's range in ``year`` (an error of the check: not paid)."""
    own = r.get("interim_share")
    value = own if own is not None else pw.interim
    return value if value is not None and within(value, year) else None


def due(
    reg: Regulation,
    pw: PositionWeighting,
    v: Valued,
    ente: Ente,
    holders: Collection[str],
    trace: Trace,
) -> tuple[Interim, ...]:
    """The interims of the year, each recorded: of a vacant position of ``v`` covered by a holder of a position paid in
    the year (``holders``), at a measure within the contract's range."""
    out = []
    annual = v.annual
    for r in v.rows:
        who, pid = r.get("interim"), str(r["id"])
        share = measure(pw, r, ente.year)
        if not who or r["holder"] or who not in holders or share is None or pid not in annual:
            continue  # no interim, not a vacancy, not «già titolare» of a paid position, a measure out of range
        days = days_in_year(ente.year, r.get("interim_from"), r.get("interim_to"))
        amount = money.r2(share * annual[pid] * days / terms.year_days(ente.year))
        key = f"position:{pid}:interim"
        own = r.get("interim_share") is not None
        trace.record(
            key,
            amount,
            WORDS,
            cite(reg, pw.source),
            [
                Input(
                    "misura dell'interim",
                    fmt.Percent(share),
                    cell=ente.cell(FILE, r.row, "interim_share") if own else "",
                ),
                Input(
                    "retribuzione di posizione annua della posizione coperta", annual[pid], ref=f"position:{pid}:annual"
                ),
                Input("giorni dell'interim nell'anno", days, cell=ente.cell(FILE, r.row, "interim_from")),
                Input("giorni dell'anno", terms.year_days(ente.year)),
            ],
            f"Interim della posizione {_post(pid, r)} — {ente.people[who].name}",
        )
        out.append(Interim(position=pid, person=who, amount=amount, key=key, title=str(r.get("title") or "")))
    return tuple(out)


def taken(reg: Regulation, ente: Ente, trace: Trace, out: Outcome) -> Decimal | None:
    """The interims out of the result fund before it is split: the pool of [risultato_po] reduced by their sum, the
    figure recorded; the fund as it was. None when there is none, or when they pass the fund (a warning: none is
    paid)."""
    rp = reg.result_pay
    if rp is None or not out.interims or rp.fund not in out.pools:
        return None
    pool = out.pools[rp.fund]
    total = sum((i.amount for i in out.interims), ZERO)
    if total > pool.amount:
        trace.problem(too_much(reg, ente, total, pool.amount))
        return None
    key = f"pool:{rp.fund}:interim"
    taken_out = [Input(f"interim della posizione {i.post}", i.amount, ref=i.key) for i in out.interims]
    trace.record(
        key,
        pool.amount - total,
        "fondo per la retribuzione di risultato − Σ interim (pagati nella retribuzione di risultato, prima del riparto)",
        cite(reg, rp.source),
        [Input("fondo", pool.amount, ref=out.fund_ref(rp.fund)), *taken_out],
        "Fondo per la retribuzione di risultato, dedotti gli interim",
    )
    out.pools[rp.fund] = attrs.evolve(pool, amount=pool.amount - total)
    out.refs[rp.fund] = key
    return pool.amount


def too_much(reg: Regulation, ente: Ente, total: Decimal, fund: Decimal) -> Problem:
    """The interims pass the result fund: a warning where the office writes the fund it is a share of (the position
    fund, when the positions are weighted: the office raises that fund or the regulation's quota_risultato)."""
    rp = reg.result_pay
    assert rp is not None
    message = (
        f"gli interim ({fmt.euro(total)}) superano il fondo per la retribuzione di risultato {funds.said(rp.fund)} "
        f"({fmt.euro(fund)}): nessun interim è pagato"
    )
    file, row, column = premium.fund_place(reg, rp.fund if reg.positions is None else reg.positions.fund, ente)
    return Problem(
        rule="regolamento.interim_fondo",
        severity="warning",
        source=cite(reg, rp.source),
        message=message,
        file=file,
        row=row,
        column=column,
    )


def pay(reg: Regulation, ente: Ente, trace: Trace, out: Outcome, paid: Collection[str], before: Decimal) -> None:
    """Each interim taken out of the result fund (``before``: the fund as it was) paid with its holder's result pay
    (``paid``: who receives one), as an award of the fund; the others stay residual."""
    rp = reg.result_pay
    assert rp is not None
    pool = out.pools[rp.fund]
    given = ZERO
    for i in out.interims:
        amount = i.amount if i.person in paid else ZERO
        how = "interim, pagato con la retribuzione di risultato" if amount else NOT_PAID
        computed = trace.get(i.key)  # its measure, the annual pay covered and the days: the holder redoes it
        how += ": misura × retribuzione annua della posizione coperta × giorni dell'interim / giorni dell'anno"
        shown = list(computed.inputs) if computed is not None else []
        inputs = [*shown, Input(f"interim della posizione {i.post}", i.amount, ref=i.key)]
        label = f"Interim della posizione {i.post} nella retribuzione di risultato di {ente.people[i.person].name}"
        trace.record(f"award:{i.person}:{rp.fund}:{i.position}", amount, how, cite(reg, rp.source), inputs, label)
        band = next((a.band for a in out.awards.values() if a.person == i.person and a.pool == rp.fund), None)
        award = Award(person=i.person, amount=amount, pool=rp.fund, band=band, ref=i.position)  # the result pay's band
        out.awards[f"{i.position}:{rp.fund}:interim"] = award
        given += amount
    out.pools[rp.fund] = attrs.evolve(pool, amount=before).with_distributed(pool.distributed + given)


def _post(pid: str, row: Row) -> str:
    """A vacant position by its name in posizioni.csv («Ufficio studi»), its code where it has none."""
    title = row.get("title")
    return f"«{title}»" if title else pid
