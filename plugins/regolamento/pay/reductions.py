"""Graduated reductions of the premium (``[[riduzioni]]``): a figure of the person (days of absence, fte) falls in
one bracket of each block, and the premium is reduced by that bracket's share.

A reduction works as the paid share does (part-time, days in service): it multiplies the person's weight or
capped amount, so in a split by weights what a reduced person is not paid goes to the others, and under a
per-capita maximum it stays residual (or is redistributed with ``residuo = "ridistribuisci"``). A value belongs
to the first bracket whose end reaches it: 10.5 days are beyond «da 0 a 10» and in «da 11 a 30». Every reduction
that takes something is a figure of its own, with the bracket, the person's cell and the block's ``fonte``.
"""

from __future__ import annotations

from decimal import Decimal

from ciclope.core import Ente, Input, Person, Trace, fmt
from ciclope.plugins.regolamento.format.sources import cite
from ciclope.plugins.regolamento.format.spec import Bracket, Part, Premium, Reduction, Regulation

ONE = Decimal(1)
MEASURE = {"assenze": ("giorni di assenza", "absence_days"), "fte": ("tempo lavorato", "fte")}
UNIT = {"assenze": " giorni", "fte": ""}


def bracket_of(red: Reduction, value: Decimal) -> Bracket:
    """The bracket of ``value``: the first whose end reaches it (the last, open, reaches every value)."""
    for b in red.brackets:
        if b.end is None or value <= b.end:
            return b
    return red.brackets[-1]  # the consistency checks make the last bracket reach every value


def percent(share: Decimal) -> str:
    return fmt.pct(share, 0 if (share * 100) == (share * 100).to_integral_value() else 2)


def words(red: Reduction, b: Bracket) -> str:
    unit = UNIT[red.measure]
    start = fmt.decimal_it(b.start)
    span = f"da {start}{unit} in su" if b.end is None else f"da {start} a {fmt.decimal_it(b.end)}{unit}"
    return f"scaglione «{span}»: riduzione del {percent(b.cut)}"


def applies(red: Reduction, pr: Premium, shared: bool) -> bool:
    """True when ``red`` reduces the part ``pr`` (every part, unless it names some) in the way asked: ``shared``,
    the cut goes to the colleagues of the part (the reduced share weighs less in the split); else it goes to the
    part's residual or to a later part, taken from the amount once the part is split."""
    name = pr.name if isinstance(pr, Part) else "premio"
    if red.parts and name not in red.parts:
        return False
    return (red.savings == "ripartite") == shared


def reduce(
    reg: Regulation, person: Person, ente: Ente, trace: Trace, pr: Premium, shared: bool = True
) -> tuple[Decimal, tuple[Input, ...], str]:
    """The share of the premium left after the reductions of ``pr`` (the product of 1 − reduction) that work as
    ``shared`` says (:func:`applies`), the inputs that name each reduction's figure, and the words of the formula
    ("" when nothing is reduced)."""
    factor, inputs = ONE, []
    for i, red in enumerate(reg.reductions, start=1):
        if not applies(red, pr, shared):
            continue
        label, column = MEASURE[red.measure]
        value = person.absence_days if red.measure == "assenze" else person.fte
        b = bracket_of(red, value)
        if b.cut == 0:
            continue
        key = f"reduction:{person.id}:{i}"
        trace.record(
            key,
            b.cut,
            f"riduzione del premio per {label}: {words(red, b)}",
            cite(reg, red.source),
            [Input(label, value, cell=ente.cell("people", person.row, column))],
            f"Riduzione del premio di {person.name}",
            red.note,
        )
        factor *= ONE - b.cut
        where = "" if shared else f" (il taglio va {_savings(red)})"
        inputs.append(Input(f"riduzione per {label}{where}", b.cut, ref=key))
    return factor, tuple(inputs), "(1 − riduzione)" if inputs else ""


def _savings(red: Reduction) -> str:
    return "al residuo della parte" if red.savings == "residuo" else f"alla parte «{red.savings}»"


def destination(reg: Regulation, pr: Premium) -> str | None:
    """Where the cuts of the part ``pr`` go when a reduction sends them to a later part (None: they stay residual
    of the part, or go to the colleagues)."""
    for red in reg.reductions:
        if applies(red, pr, shared=False) and red.savings != "residuo":
            return red.savings
    return None
