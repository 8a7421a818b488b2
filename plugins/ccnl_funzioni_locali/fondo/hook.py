"""``ciclope_fund``: the ente's fondo risorse decentrate from its ``fondo`` sheet, under the contract in force in the
cycle year — constituted (Modulo I), destined (Modulo II), checked (the limit, DL 25, the share to performance, the
fixed payments' cover) — every figure in the trace, every problem reported. An ente without a fund input gets
``None`` and works as before, with the funds of ``[funds]``."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from ciclope.core import Ente, Input, Params, Problem, Trace, fmt, hookimpl, money

from .constitution import Given, constitution, twice
from .destination import coverage, destination, performance_check, row_of
from .limit import dl25_check, limit_check
from .notes import notes, premises
from .sheet import entries, kept, problems
from .table import Table, table

ZERO = Decimal("0.00")
SECTIONS = {
    "stabile": "Risorse stabili",
    "variabile": "Risorse variabili",
    "decurtazione": "Decurtazioni",
}


@hookimpl
def ciclope_fund(ente: Ente, params: Params, trace: Trace) -> money.Fund | None:
    rows = entries(ente)
    if not rows:
        return None
    t = table()
    found = problems(ente, rows, t)
    trace.extend(found)
    given = Given(*kept(rows, found))
    made = constitution(ente, given, t, trace)
    trace.extend(made.problems)
    trace.extend(twice(ente, given, made.lines, t))
    total = totals(made.lines, t, ente.year, trace)
    destined = destination(ente, given, t, total, trace)
    checks, carried = check(ente, given, made.lines, destined.lines, t, trace)
    contract = t.clause("contratto", ente.year)
    return money.Fund(
        year=ente.year,
        contract=contract.title if contract else "",
        constitution=made.lines,
        destination=destined.lines,
        checks=checks,
        pools=destined.pools,
        carried=carried,
        notes=notes(ente, given, made.lines, t),
        premises=premises(given, t),
    )


def totals(lines: Sequence[money.FundLine], t: Table, year: int, trace: Trace) -> Decimal:
    """Each section's total and the fund's, recorded; the fund's total is returned."""
    contract = t.clause("contratto", year)
    source = contract.title if contract else ""
    parts = []
    for code, label in SECTIONS.items():
        inside = [x for x in lines if x.section == code]
        amount = sum((x.amount for x in inside), ZERO)
        inputs = [Input(x.title, x.amount, ref=f"fund:{x.key}") for x in inside]
        trace.record(f"fund:{code}", amount, f"somma delle voci: {label.lower()}", source, inputs, label=label)
        parts.append(Input(label, amount, ref=f"fund:{code}"))
    total = sum((p.value for p in parts), ZERO)
    formula = "risorse stabili + risorse variabili + decurtazioni (importi negativi)"  # the cuts as Modulo I signs them
    trace.record(money.CONSTITUTED, total, formula, source, parts, label="Fondo risorse decentrate costituito")
    return total


def check(
    ente: Ente, given: Given, made: Sequence[money.FundLine], uses: Sequence[money.FundLine], t: Table, trace: Trace
) -> tuple[tuple[money.FundCheck, ...], Decimal]:
    """The checks of Modulo II and IV in the document's order, and the part of the residual carried."""
    found: list[money.FundCheck] = []
    for step in (limit_check, dl25_check):
        c, problems = step(ente, given, made, t, trace)
        trace.extend(problems)
        if c is not None:
            found.append(c)
    share, problems = performance_check(ente, made, uses, t, trace)
    trace.extend(problems)
    free, problems = coverage(ente, made, uses, t)
    trace.extend(problems)
    residual, carried, balance = residual_check(ente, made, uses, free, t, trace)
    trace.extend(balance)
    found += [c for c in (share, residual) if c is not None]
    return tuple(found), carried


def residual_check(
    ente: Ente,
    made: Sequence[money.FundLine],
    uses: Sequence[money.FundLine],
    free: tuple[Decimal, Decimal],
    t: Table,
    trace: Trace,
) -> tuple[money.FundCheck, Decimal, list[Problem]]:
    """The residual and the part of it carried, up to the stable resources the fixed payments leave (``free``: the
    stable resources net of the cuts, the fixed payments on them), the subtraction shown so that it can be redone."""
    stable, fixed = free
    left = stable - fixed
    total = sum((x.amount for x in made), ZERO)
    destined = sum((x.amount for x in uses), ZERO)
    residual = total - destined
    carried = max(ZERO, min(residual, left))
    clause = t.clause("residuo", ente.year)
    source = clause.source if clause else ""
    _record_residual(ente, (total, residual, carried, left), uses, source, trace)
    rows = (
        ("Fondo costituito", total),
        ("Destinato", destined),
        ("Residuo", residual),
        ("Risorse stabili al netto delle decurtazioni stabili", stable),
        ("Trattamenti fissi a carico delle risorse stabili", -fixed),
        ("Risorse stabili non impegnate dai trattamenti fissi", left),
        (f"Torna nel fondo del {ente.year + 1} come risorsa variabile", carried),
        ("Economia di bilancio", residual - carried),
    )
    title = "Fondo costituito, destinato e residuo"
    if residual < 0:
        verdict = f"le destinazioni superano di {fmt.euro(-residual)} il fondo costituito: vanno ridotte"
        problem = _overshoot(ente, uses, (total, destined), source)
        return money.FundCheck("residuo", title, source, rows, verdict, False), ZERO, [problem]
    verdict = (
        f"ogni euro è conservato ({fmt.euro(total)} = {fmt.euro(destined)} destinati + {fmt.euro(residual)} di residuo)"
    )
    return money.FundCheck("residuo", title, source, rows, verdict, True), carried, []


def _record_residual(
    ente: Ente,
    figures: tuple[Decimal, Decimal, Decimal, Decimal],
    uses: Sequence[money.FundLine],
    source: str,
    trace: Trace,
) -> None:
    """The residual and the carried part as figures of the trace (``figures``: the fund constituted, the residual,
    the carried part and the stable resources the fixed payments leave)."""
    total, residual, carried, left = figures
    inputs = [Input("fondo costituito", total, ref=money.CONSTITUTED)] + [
        Input(x.title, x.amount, ref=f"fund:{x.key}") for x in uses
    ]
    trace.record(
        "fund:residual", residual, "fondo costituito − destinazioni", source, inputs, label="Residuo del fondo"
    )
    formula = "il residuo, fino alle risorse stabili non impegnate dai trattamenti fissi (le variabili si destinano per prime)"
    trace.record(
        "fund:carried",
        carried,
        formula,
        source,
        [Input("residuo", residual, ref="fund:residual"), Input("risorse stabili non impegnate", left)],
        label=f"Residuo che torna nel fondo del {ente.year + 1}",
    )


def _overshoot(ente: Ente, uses: Sequence[money.FundLine], sums: tuple[Decimal, Decimal], source: str) -> Problem:
    """The destinations above the fund (``sums``: constituted, destined), pointed at the largest destination, where
    a cut is likeliest to be made (none: the cuts exceed the fund by themselves, a figure of the whole sheet)."""
    total, destined = sums
    largest = max(uses, key=lambda x: x.amount, default=None)
    said = f" (questa è la maggiore, {fmt.euro(largest.amount)})" if largest is not None else ""
    message = (
        f"le destinazioni ({fmt.euro(destined)}) superano il fondo costituito ({fmt.euro(total)}) di "
        f"{fmt.euro(destined - total)}: riducile{said}"
    )
    row = row_of(largest) if largest is not None else None
    return Problem.at(ente, "ccnl.fondo.destinazione", message, source, "fondo", row, "importo")
