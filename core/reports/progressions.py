"""The funds that pay no premium (the progressioni economiche's), as the Relazioni say them in aggregate: what each
held, how many it selected, what they cost and what is left. Read from the figures the plugin that spends such a
fund records (:mod:`ciclope.core.trace`): ``pool:<fund>`` (its amount) and ``pool:<fund>:distribuito`` (what it
gave), whose inputs refer to the ``progression:<person>`` of each one selected. No names: counts and sums only, the
sums of fewer than 3 people withheld (rules/core.md §6)."""

from __future__ import annotations

from decimal import Decimal

import attrs

from ciclope.core.reports import fmt
from ciclope.core.reports.disclosure import MIN_GROUP, WITHHELD
from ciclope.core.result import Result

GIVEN = "distribuito"  # pool:<fund>:distribuito, as core.run.explain reads it
KPI = "Progressioni: costo dei selezionati / fondo"
HEAD = ("Fondo delle progressioni", "Stanziato", "Selezionati", "Costo dei selezionati", "Residuo")


@attrs.frozen
class Given:
    """A fund that pays no premium: its name for people, its amount, what it gave and to how many."""

    label: str
    allocated: Decimal
    spent: Decimal
    selected: int

    @property
    def small(self) -> bool:
        """Whether what it gave is the pay of fewer than 3 people: withheld in what is published."""
        return 0 < self.selected < MIN_GROUP


def given_funds(r: Result) -> list[Given]:
    """Each fund of the ente that pays no premium and gave to the selected of a progression, in the order recorded."""
    out = []
    for key, figure in r.figures.items():
        name = key.removeprefix("pool:").removesuffix(f":{GIVEN}")
        if not key.startswith("pool:") or not key.endswith(f":{GIVEN}") or name in r.ledger.pools:
            continue
        fund = r.figures.get(f"pool:{name}")
        if fund is None:
            continue
        selected = sum(1 for i in figure.inputs if i.ref.startswith("progression:"))
        out.append(Given(fund_label(r, name), Decimal(fund.value), Decimal(figure.value), selected))
    return out


def fund_label(r: Result, name: str) -> str:
    """A fund that pays no premium as every document names it: the label its plugin gives it (a declared
    regulation's [etichette]: «Risorse per i differenziali stipendiali»), never the core's «Fondo ‹key›» its figure
    ``pool:<fund>`` carries when nothing named it (:func:`fmt.fund`)."""
    figure = r.figures.get(f"pool:{name}")
    own = figure.label if figure is not None and figure.label != f"Fondo {name}" else ""
    return fmt.fund(name, own, r.plugin.status_labels)


def kpi(r: Result, public: bool) -> str:
    """What the selected cost over the funds they came from; ``public``: the cost of fewer than 3 withheld."""
    funds = given_funds(r)
    spent = sum((g.spent for g in funds), Decimal(0))
    allocated = sum((g.allocated for g in funds), Decimal(0))
    hidden = public and 0 < sum(g.selected for g in funds) < MIN_GROUP
    return f"{WITHHELD if hidden else fmt.euro(spent)} / {fmt.euro(allocated)}"


def rows(r: Result, public: bool) -> list[tuple[str, str, str, str, str]]:
    """One row per fund: name, amount, how many selected, their cost, what is left; ``public``: the cost of fewer
    than 3 withheld («riservato»), and the residual with it (the amount less the residual would give it back)."""
    return [
        (
            g.label,
            fmt.euro(g.allocated),
            str(g.selected),
            WITHHELD if public and g.small else fmt.euro(g.spent),
            WITHHELD if public and g.small else fmt.euro(g.allocated - g.spent),
        )
        for g in given_funds(r)
    ]
