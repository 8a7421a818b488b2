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
from ciclope.plugins.regolamento.format.spec import Bracket, Reduction, Regulation

ONE = Decimal(1)
MEASURE = {"assenze": ("giorni di assenza", "absence_days"), "fte": ("tempo lavorato (fte)", "fte")}
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


def reduce(reg: Regulation, person: Person, ente: Ente, trace: Trace) -> tuple[Decimal, tuple[Input, ...], str]:
    """The share of the premium left after every reduction (the product of 1 − reduction), the inputs that name
    each reduction's figure, and the words of the formula ("" when nothing is reduced)."""
    factor, inputs = ONE, []
    for i, red in enumerate(reg.reductions, start=1):
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
        inputs.append(Input(f"riduzione per {label}", b.cut, ref=key))
    return factor, tuple(inputs), "(1 − riduzione)" if inputs else ""
