"""A premium paid in instalments (``rate`` of [premio] or of a part of [[premi]]).

Each person's premium of the part is split by the instalments' shares, each but the last rounded down to the cent
and the last taking the rest (``money.in_shares``, rules/core.md §4): the instalments of a person always sum to
what the part paid them. Each is recorded as ``rata:<person>:<part>:<n>``, reading the part's premium of the person,
so that ``explain`` walks from the instalment to the premium and down to the cells.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Callable
from decimal import Decimal

from ciclope.core import Deadline, Ente, Input, Trace, fmt, money
from ciclope.plugins.regolamento.format.sources import cite
from ciclope.plugins.regolamento.format.spec import InstalmentRule, Premium, Regulation, name_of
from ciclope.plugins.regolamento.pay.shapes import ZERO, Given, Outcome


def schedule(
    reg: Regulation,
    pr: Premium,
    what: str,
    given: list[Given],
    figure: Callable[[str], str],
    ctx: tuple[Ente, Trace],
    out: Outcome,
) -> None:
    """The instalments of everyone the part ``what`` paid (nothing for a part paid at once, nor for a person it paid
    nothing). ``figure``: the key of the figure of a person's premium of the part."""
    if not pr.instalments:
        return
    ente, trace = ctx
    shares = [r.share for r in pr.instalments]
    source = cite(reg, pr.source)
    for group in given:
        for e, paid, _ in group.paid:
            if paid <= 0:
                continue
            premium = Input(
                f"premio della parte «{what}»" if what != "premio" else "premio", paid, ref=figure(e.person.id)
            )
            before = ZERO
            for n, (rule, amount) in enumerate(zip(pr.instalments, money.in_shares(paid, shares)), start=1):
                last = n == len(shares)
                key = f"rata:{e.person.id}:{what}:{n}"
                label = f"{said(rule, what, ente.year)} — {e.person.name}"
                formula, inputs = _how(premium, rule, before, last)
                trace.record(key, amount, formula, source, inputs, label)
                out.instalments.append(
                    money.Instalment(
                        person=e.person.id,
                        pool=pr.fund,
                        what=what,
                        year=ente.year + rule.later,
                        month=rule.month_number,
                        share=rule.share,
                        amount=amount,
                        period=rule.period,
                        key=key,
                    )
                )
                before += amount


def _how(premium: Input, rule: InstalmentRule, before: Decimal, last: bool) -> tuple[str, list[Input]]:
    """The formula in words and the inputs of one instalment: its share rounded down, or for the last the rest."""
    if last:
        return f"{premium.name} − le rate precedenti", [premium, Input("rate precedenti", fmt.Money(before))]
    share = Input("quota della rata", fmt.Percent(rule.share))
    return f"{premium.name} × quota della rata, per difetto al centesimo", [premium, share]


def said(rule: InstalmentRule, what: str, year: int) -> str:
    """An instalment as people name it: «Rata di agosto 2024 della parte «quota variabile» (primo semestre)»."""
    return f"Rata {_of(rule, what, year)}"


def _of(rule: InstalmentRule, what: str, year: int) -> str:
    period = f" ({rule.period})" if rule.period else ""
    premium = f" della parte «{what}»" if what != "premio" else " del premio"
    return f"di {fmt.month_it(year + rule.later, rule.month_number)}{premium}{period}"


def deadlines(reg: Regulation, year: int) -> list[Deadline]:
    """Each instalment in the calendar of the cycle ``year``, due by the last day of the month whose pay carries it
    («con la competenza del mese di agosto»: the month's payroll, whatever day the ente pays it on). No act proves
    a payment: the calendar lists it to be checked, never late or missing."""
    out = []
    for pr in reg.premiums:
        for rule in pr.instalments:
            paid_in = year + rule.later
            due = dt.date(paid_in, rule.month_number, calendar.monthrange(paid_in, rule.month_number)[1])
            act = f"Pagamento della rata {_of(rule, name_of(pr), year)}"
            out.append(Deadline("premialita", act, due, cite(reg, pr.source)))
    return out
