"""Amounts owed (``dovuto = true``): a part whose formula gives each person an amount the contract or the
regulation owes («a tutto il personale compete un premio di euro 450,00»), paid whole, not a share of a fund.

Its fund is not written in ente.toml: it opens empty and grows by what its parts pay, so it is conserved with
nothing left (distributed = amount, no residual, no economia). Its figure sums every amount paid, each leading to
the person's own figure, so the fund is redone by hand from the people. A fund of ente.toml by the same name is
said unused and replaced: an amount owed is paid whatever a budget says.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeGuard

import attrs

from ciclope.core import Input, Pool, Problem, Trace, fmt
from ciclope.plugins.regolamento.format import funds, vocabulary
from ciclope.plugins.regolamento.format.sources import cite
from ciclope.plugins.regolamento.format.spec import Part, Premium, Regulation
from ciclope.plugins.regolamento.pay.shapes import ZERO, Given

RULE = "regolamento.dovuto"


def is_owed(pr: Premium) -> TypeGuard[Part]:
    """True for a part whose amounts are owed (``dovuto``)."""
    return isinstance(pr, Part) and pr.owed


def label(reg: Regulation, fund: str) -> str:
    """The owed fund as people read it: its label of [etichette], else the name of a part owing it that its key
    writes (in any case: «FESI» of the key «fesi», as the office typed it, never «Fesi»), else its key in words;
    then «(importi dovuti)»: «Premio incentivazione (importi dovuti)», never «Fondo …»."""
    key = vocabulary.normal(fund)
    named = (p.name for p in reg.parts if p.owed and p.fund == fund and vocabulary.normal(p.name) == key)
    words = reg.labels.get(fund) or next(named, None) or fmt.accented(funds.said(fund).replace("_", " "))
    if words.rstrip().endswith(OWED):  # a label of [etichette] that says it already: once
        words = words.rstrip().removesuffix(OWED).rstrip()
    return f"{words[:1].upper()}{words[1:]} {OWED}"


OWED = "(importi dovuti)"


def opened(reg: Regulation, pr: Part, typed: Pool | None, trace: Trace) -> Pool:
    """The owed fund before its first part pays: empty. A fund of ente.toml by its name is said unused."""
    if typed is not None:
        why = f"la parte «{pr.name}» paga importi dovuti (dovuto = true), ciascuno per intero, e il suo fondo è la "
        trace.problem(unused(RULE, cite(reg, pr.source), pr.fund, why + "somma di ciò che paga"))
    return Pool(name=pr.fund, amount=ZERO, source=cite(reg, pr.source), label=label(reg, pr.fund))


def unused(rule: str, source: str, fund: str, why: str) -> Problem:
    """The warning for a fund of ente.toml the regulation replaces (an owed fund, a fund of [[fondi]]): ``why``."""
    return Problem(
        rule=rule,
        severity="warning",
        source=source,
        file="ente.toml",
        column=f"funds.{fund}",
        message=f"[fondi] {funds.said(fund)} non è usato: {why}; togli la riga da [fondi]",
    )


def amounts(part: Part, given: Sequence[Given], key: Callable[[str], str], several: bool) -> list[Input]:
    """What a part paid, as the inputs of its fund's figure: each amount above zero, leading to its person's figure
    (``key``); with ``several`` parts owing the fund, each names its part."""
    named = f" («{part.name}»)" if several else ""
    return [
        Input(f"importo di {e.person.name}{named}", amount, ref=key(e.person.id))
        for group in given
        for e, amount, _ in group.paid
        if amount > 0
    ]


def closed(pool: Pool, paid: Sequence[Input], owing: Sequence[Part], trace: Trace) -> Pool:
    """The owed fund after a part paid: what its parts (``owing``) paid so far (``paid``), all of it distributed."""
    total = sum((i.value for i in paid), ZERO)
    words = "somma degli importi dovuti" + (" delle parti " if len(owing) > 1 else " della parte ")
    words += ", ".join(f"«{p.name}»" for p in owing) + ": ciascuno per intero, nessun fondo da dividere"
    trace.record(f"pool:{pool.name}", total, words, pool.source, paid, pool.label)
    return attrs.evolve(pool, amount=total, distributed=total)
