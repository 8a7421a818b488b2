"""The result pay of [risultato_po] with ``metodo = "formula"`` (format 2): each positively evaluated person of the
roles paid gets the formula ``importo`` («mesi di servizio / 12 × punteggio / 100 × coefficiente × importo base»),
run by the same evaluator as the formulas of a part of the premium (:mod:`pay.formulas`).

The people of the formula are one cohort: ``.ENTE`` reads all of them (the scored people of the roles paid, the
negatively evaluated and the excluded included, as a part's cohort does); ``fondo`` is the result pay's fund (the
one reduced by the attested performance, when it is). Who is paid, and the fund as a ceiling, are
:mod:`pay.resultpay`'s, as for every method of [risultato_po].
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

import attrs

from ciclope.core import Input, Person, Pool, Problem, Trace
from ciclope.plugins.regolamento.compile.env import Cohort, Facts, PersonEnv, Recorder
from ciclope.plugins.regolamento.format.expr import Formula
from ciclope.plugins.regolamento.format.sources import cite, written
from ciclope.plugins.regolamento.format.spec import Regulation, ResultPay
from ciclope.plugins.regolamento.format.wording import sentence
from ciclope.plugins.regolamento.pay.formulas import valued
from ciclope.plugins.regolamento.score import ladders

FUND_WORDS = "il fondo della retribuzione di risultato"  # ``fondo`` in [risultato_po], as an explanation says it
WHAT = "retribuzione di risultato"  # the value the formula gives, as its figure names it
POSITION_NAME = "retribuzione_posizione"


def reads_position(rp: ResultPay) -> bool:
    """True when the formula reads the position pay (then a person without it has no result pay to compute)."""
    return rp.amount is not None and POSITION_NAME in rp.amount.uses


def reads_fund(rp: ResultPay) -> bool:
    return rp.amount is not None and "fondo" in rp.amount.uses


def words(rp: ResultPay) -> str:
    """What the award figure says it computed: the formula as written and its sentence."""
    assert rp.amount is not None
    return (
        f"retribuzione di risultato = «{rp.amount}» ({sentence(rp.amount)}), mai sotto zero, arrotondata al centesimo"
    )


@attrs.define
class ResultFormula:
    """The formula ``importo`` of [risultato_po] over its people (one environment each, one cohort)."""

    reg: Regulation
    formula: Formula
    envs: dict[str, PersonEnv]
    trace: Trace
    cohort: Cohort  # kept here: its people refer to it weakly

    @classmethod
    def of(
        cls, reg: Regulation, facts: Facts, people: Sequence[Person], fund: Pool | None, trace: Trace
    ) -> ResultFormula:
        rp = reg.result_pay
        assert rp is not None and rp.amount is not None
        cohort = Cohort(recorder=Recorder(trace, "risultato", cite(reg, rp.source)))
        own = ladders.on_cohort(reg)  # the levels decided on the cohort have their figures: the level reads by them
        cohort.members = [PersonEnv(facts, p, cohort, level_figure=own, fund_words=FUND_WORDS) for p in people]
        if fund is not None:
            reduced = f"pool:{rp.fund}:attestata"  # the fund reduced by the attested performance, if it was
            ref = reduced if trace.get(reduced) is not None else f"pool:{rp.fund}"
            for env in cohort.members:
                env.fund, env.fund_ref = fund.amount, ref
        return cls(reg, rp.amount, {env.person.id: env for env in cohort.members}, trace, cohort)

    def amount(self, pid: str) -> tuple[Decimal, tuple[Input, ...]]:
        """The person's result pay as the formula gives it, never below zero (not yet rounded), and what it read."""
        return valued(self.formula, self.envs[pid], WHAT, self._problem)

    def _problem(self, what: str) -> None:
        rp = self.reg.result_pay
        assert rp is not None
        self.trace.problem(
            Problem(
                rule="regolamento.formula",
                source=cite(self.reg, rp.source),
                **written(self.formula),
                message=f"retribuzione di risultato: {what}: considerata nulla",
            )
        )
