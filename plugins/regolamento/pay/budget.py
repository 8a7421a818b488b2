"""A base derived from the fund («budget individuale», format 2): each person's budget is the part's amount ×
their weight / Σ weights of everyone the part counts — the scored people of its roles, paid or excluded —, the
weight being their paid share (fte, days) × the parametro of their category; they are paid their budget × the
coefficient of their level (``coefficienti``) or × score / 100. Amounts are «fino a» figures, rounded down: what
the excluded and the scores below 100 leave is residual (or redistributed with ``residuo = "ridistribuisci"``)."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import ROUND_DOWN, Decimal

from ciclope.core import Input, fmt, money
from ciclope.plugins.regolamento.format import grades
from ciclope.plugins.regolamento.format.spec import Premium
from ciclope.plugins.regolamento.pay.shapes import Entry, Plan, six_places

HUNDRED = Decimal(100)


def plan(pr: Premium, people: list[Entry], amount: Decimal) -> Plan:
    weights = {e.person.id: e.share * e.factor for e in people}
    total = sum(weights.values(), Decimal(0))
    # said only where the part declares them, by the name the people's inputs give it («parametro del grado»)
    factor = f" × {grades.parameter_read(e.factor_inputs for e in people)}" if pr.grade_factors else ""
    values: dict[str, Decimal] = {}
    budgets: dict[str, Decimal] = {}
    inputs: dict[str, tuple[Input, ...]] = {}
    for e in people:
        if e.status is not None:
            continue
        budget = Decimal(0) if total == 0 else amount * weights[e.person.id] / total
        if e.coefficient is not None:  # a declared status: its coefficient in place of the evaluation
            quota = e.coefficient
            given: tuple[Input, ...] = (Input("coefficiente dello stato", quota, ref=f"score:{e.person.id}:status"),)
        elif pr.coefficients:
            quota = pr.coefficients.get(e.level or "", Decimal(0))
            given = (
                Input("livello", e.level, ref=e.level_ref or f"score:{e.person.id}"),
                Input("coefficiente del livello", quota),
            )
        else:
            quota = e.score / HUNDRED
            given = ()
        values[e.person.id] = budget * quota
        budgets[e.person.id] = budget
        inputs[e.person.id] = (
            Input(f"peso della persona (quota pagata{factor})", six_places(weights[e.person.id])),
            Input("Σ pesi di chi la parte conta", six_places(total)),
            Input("budget individuale", money.r2(budget)),
            *e.factor_inputs,
            *given,
        )
    quota_words = "coefficiente del livello" if pr.coefficients else "punteggio / 100"
    formula = (
        f"budget individuale × {quota_words}, arrotondato per difetto al centesimo; budget individuale = fondo × "
        f"peso della persona / Σ pesi (peso = quota pagata{factor}; contati anche gli esclusi)"
    )
    return Plan(values, True, formula, inputs, budgets=budgets)


def cents(plan: Plan, amounts: Mapping[str, Decimal]) -> dict[str, str]:
    """How each premium of a budget part came to the cent, by person: where the budget has more than cents, the
    exact budget to four decimals and the exact premium, then rounded down («fino a»), so that the premium redone
    by hand from the budget shown to the cent (a cent more, at times) is found; "" where ``amounts`` is not the
    premium rounded down (a fund short of the premiums, a redistributed residual: the split's note says why)."""
    out = {}
    for pid, budget in plan.budgets.items():
        exact, paid = plan.values[pid], amounts.get(pid)
        if budget == money.r2(budget) or paid != money.floor2(exact):
            continue
        out[pid] = (
            f"calcolato sul budget esatto {_four(budget)}: importo esatto {_four(exact)}, {fmt.euro(paid)} al "
            "centesimo per difetto"
        )
    return out


def _four(value: Decimal) -> str:
    """An exact amount to four decimals, cut, with «…» where it has more: «€ 1.279,2267…»."""
    cut = value.quantize(Decimal("0.0001"), rounding=ROUND_DOWN)
    return f"€ {fmt.decimal_it(cut, 4)}{'…' if cut != value else ''}"
