"""Modulo II: the destination of the fund agreed in the integrative contract (CCDI), the premium pools of the cycle
it pays, the share of the variable resources it gives to performance, and the residual.

- Each ``destinazione`` row is a line (its use, its amount, the pool of the cycle it pays). The pools are the sums
  of the rows that name them: they become the ente's funds (the core replaces ``[funds]`` with them).
- At least the contract's share (30%) of the variable resources it names (those of the items marked
  ``base_performance``: art. 67 c. 3, 79 c. 2, without the law-specific incentives, the messi and the case da gioco)
  goes to the performance uses; the minimum is half-up to the cent and judged on that figure, as every threshold
  (rules/core.md §3). Below it is an error naming the article. The uses a)–f) should take «la parte prevalente» of
  those resources: a warning when they do not (a reading: more than half).
- The fixed payments (differenziali, indennità di comparto, progressioni) must be covered by the stable resources
  net of the cuts (CCNL 21.5.2018 art. 68 c. 1): above them is an error.
- The residual (constitution − destination) returns to next year's fund as a variable resource for the part of it
  that the stable resources leave unused (a reading: the variable resources, which lapse, are destined first); the
  rest is a saving of the budget.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

import attrs

from ciclope.core import Ente, Input, Problem, Trace, fmt, money

from .constitution import Given, cell, said
from .sheet import SHEET, pool
from .table import Table, percent

RULE = "ccnl.fondo.destinazione"
ZERO = Decimal("0.00")


@attrs.frozen
class Destined:
    lines: tuple[money.FundLine, ...]
    pools: dict[str, Decimal]
    problems: tuple[Problem, ...]


def destination(ente: Ente, given: Given, t: Table, total: Decimal, trace: Trace) -> Destined:
    lines: list[money.FundLine] = []
    pools: dict[str, Decimal] = {}
    refs: dict[str, list[Input]] = {}
    stable: dict[str, bool] = {}  # each line's figure → whether its use is a fixed payment
    for e in given.of("destinazione"):
        u = t.uso(e.use)
        if u is None or not u.years.hold(ente.year) or e.amount is None:
            continue  # reported by the sheet's checks
        title, source, paid = u.title, u.source(ente.year), pool(ente, e)
        line = money.FundLine(
            f"use:{u.id}:{e.row}", title, u.section, e.amount, source, note=said([e]), pool=paid, cell=cell(ente, e)
        )
        inputs = [
            Input("importo destinato", e.amount, cell=cell(ente, e)),
            Input("fondo costituito", total, ref=money.CONSTITUTED),
        ]
        formula = "importo destinato dal contratto integrativo" + (f": {e.act}" if e.act else "")
        trace.record(f"fund:{line.key}", e.amount, formula, source, inputs, label=title)
        lines.append(line)
        if paid:
            pools[paid] = pools.get(paid, ZERO) + e.amount
            refs.setdefault(paid, []).append(Input(title, e.amount, ref=f"fund:{line.key}"))
            stable[f"fund:{line.key}"] = u.stable
    for name, amount in pools.items():
        # a pool of fixed payments only (the progressioni's differenziali) pays no premium: it is not said one
        premiums = "" if all(stable.get(i.ref) for i in refs[name]) else " dei premi"
        formula = f"somma delle destinazioni del fondo a questo fondo{premiums}"
        uses = "; ".join(dict.fromkeys(i.name for i in refs[name]))
        label = f"Destinazione del fondo risorse decentrate{' ai premi' if premiums else ''}: {uses}"
        trace.record(f"fund:pool:{name}", amount, formula, "contratto integrativo", refs[name], label=label)
    return Destined(tuple(lines), pools, ())


def base_of(lines: Sequence[money.FundLine], t: Table, year: int) -> Decimal:
    """The variable resources a share of which goes to performance (the items marked ``base_performance``)."""
    marked = {r.id for r in t.risorse_in(year) if r.performance_base}
    return sum((x.amount for x in lines if x.key.split(":")[1] in marked), ZERO)


def performance_check(
    ente: Ente, made: Sequence[money.FundLine], uses: Sequence[money.FundLine], t: Table, trace: Trace
) -> tuple[money.FundCheck | None, list[Problem]]:
    """The share of the variable resources to performance, and «la parte prevalente» to the uses a)–f): both are
    compared with the variable resources of reference, shown one by one under their total."""
    rule = t.clause("performance", ente.year)
    base = base_of(made, t, ente.year)
    if rule is None or rule.minimum is None or not base:
        return None, []
    minimum = money.r2(rule.minimum * base)
    by_use = t.usi_in(ente.year)
    uses_of = [x for x in uses if _use(x, t) in by_use]
    paid = sum((x.amount for x in uses_of if _use(x, t) in rule.uses), ZERO)
    prevailing = sum((x.amount for x in uses_of if by_use[_use(x, t)].prevailing), ZERO)
    marked = {r.id for r in t.risorse_in(ente.year) if r.performance_base}
    based = [x for x in made if x.key.split(":")[1] in marked]
    inputs = [Input(x.title, x.amount, ref=f"fund:{x.key}") for x in based]
    formula = f"{percent(rule.minimum)}% delle risorse variabili indicate, arrotondato al centesimo"
    trace.record("fund:performance:minimum", minimum, formula, rule.source, inputs, label="Minimo alla performance")
    rows = (
        ("Risorse variabili di riferimento", base),
        *((f"di cui: {x.title}", x.amount) for x in based),
        (f"Minimo alla performance ({percent(rule.minimum)}%)", minimum),
        ("Destinato alla performance", paid),
        (PREVAILING, prevailing),
    )
    title = "Quota minima alla performance"
    if not uses:
        verdict = "destinazione non indicata: da verificare con il contratto integrativo"
        return money.FundCheck("performance", title, rule.source, rows, verdict), []
    ok = paid >= minimum
    short = minimum - paid
    verdict = (
        f"rispettata, con {fmt.euro(paid)} alla performance su un minimo di {fmt.euro(minimum)}"
        if ok
        else f"non rispettata: alla performance vanno {fmt.euro(paid)} su un minimo di {fmt.euro(minimum)}, ne mancano {fmt.euro(short)}"
    )
    prevalent = prevailing * 2 > base
    verdict += (
        f"; agli usi a)–f) vanno {fmt.euro(prevailing)}, {'più' if prevalent else 'non più'} della metà delle risorse "
        f"variabili di riferimento ({fmt.euro(base)})"
    )
    problems = []
    if not ok:
        message = (
            f"alla performance il contratto integrativo destina {fmt.euro(paid)}: il contratto nazionale chiede "
            f"{rule.words} = {fmt.euro(minimum)}; mancano {fmt.euro(short)}"
        )
        # at the first destination row to performance, where the office raises the amount (none: the column)
        at = [row_of(x) for x in uses_of if _use(x, t) in rule.uses]
        row, column = (min(at), "importo") if at else (None, "uso")
        problems.append(Problem.at(ente, RULE, message, rule.source, SHEET, row, column))
    if not prevalent:
        problems.append(not_prevailing(ente, prevailing, base, based, rule.source))
    return money.FundCheck("performance", title, rule.source, rows, verdict, ok), problems


# the row of the uses a)–f), saying what their total is compared with
PREVAILING = "Destinato agli usi a)–f) (la parte prevalente: più della metà delle risorse variabili di riferimento)"


def not_prevailing(
    ente: Ente, prevailing: Decimal, base: Decimal, based: Sequence[money.FundLine], source: str
) -> Problem:
    """The uses a)–f) without «la parte prevalente» of the variable resources of reference: a warning naming those
    resources one by one, so the office sees what the destination is compared with (a reading: more than half)."""
    each = "; ".join(f"{x.title} {fmt.euro(x.amount)}" for x in based)
    message = (
        f"agli usi a)–f) vanno {fmt.euro(prevailing)}, non la parte prevalente (più della metà) delle risorse "
        f"variabili di riferimento, {fmt.euro(base)}: {each}; destina agli usi a)–f) più della metà di "
        f"{fmt.euro(base)}"
    )
    return Problem.at(ente, RULE, message, source, SHEET, None, "uso", severity="warning")


def _use(line: money.FundLine, t: Table) -> str:
    """The use of a destination line, from its key (``use:<use>:<row>``)."""
    return line.key.split(":")[1]


def coverage(
    ente: Ente, made: Sequence[money.FundLine], uses: Sequence[money.FundLine], t: Table
) -> tuple[tuple[Decimal, Decimal], list[Problem]]:
    """The stable resources net of the stable cuts and the fixed payments on them (their difference is what the fixed
    payments leave), and an error when they do not cover them. The year's cut that keeps the 2016 limit (a voce
    ``annuale``) is no cut of the stable part: it lowers this year's fund alone and is not carried (docs/fondo.md §3)."""
    yearly = {r.id for r in t.risorse_in(ente.year) if r.input in t.voci and t.voci[r.input].yearly}
    stable = sum(
        (x.amount for x in made if x.section == "stabile" or _stable_cut(x, yearly)),
        ZERO,
    )
    fixed_ids = {u.id for u in t.usi if u.stable}
    fixed = sum((x.amount for x in uses if _use(x, t) in fixed_ids), ZERO)
    left = stable - fixed
    if left >= 0:
        return (stable, fixed), []
    clause = t.clause("residuo", ente.year)
    source = clause.source if clause else ""
    # at the first destination row of a fixed payment, naming them all: there the office lowers the fixed payments
    # (none: the cuts exceed the stable resources by themselves, a figure of the whole sheet)
    rows = sorted(row_of(x) for x in uses if _use(x, t) in fixed_ids)
    where = f", {rows_said(rows)}" if rows else ""
    message = f"i trattamenti fissi (differenziali, indennità di comparto, progressioni: {fmt.euro(fixed)}{where}) superano le risorse stabili al netto delle decurtazioni stabili ({fmt.euro(stable)}): vanno coperti dalla parte stabile"
    row, column = (rows[0], "importo") if rows else (None, "uso")
    return (stable, fixed), [Problem.at(ente, RULE, message, source, SHEET, row, column)]


def _stable_cut(line: money.FundLine, yearly: set[str]) -> bool:
    """A cut of the stable part: every cut but the year's own (``yearly``: the risorse of a voce ``annuale``)."""
    return line.section == "decurtazione" and line.key.split(":")[1] not in yearly


def row_of(line: money.FundLine) -> int:
    """The sheet row of a destination line, from its key (``use:<use>:<row>``)."""
    return int(line.key.split(":")[2])


def rows_said(rows: Sequence[int]) -> str:
    return f"riga {rows[0]}" if len(rows) == 1 else f"righe {', '.join(str(r) for r in rows)}"
