"""What every article of the Comunità Montane's regulation shares: names, sources, the rankings and the
context of phase e.

Each article of the premialità (art. 17–21, 26, 28) is a function of its own module that reads a
:class:`Context` and returns a :class:`Part`: the awards, pools and report entries it hands out.
:func:`.rules.compute_rewards` joins the parts in the regulation's order.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

import attrs

from ciclope.core import (
    Award,
    Citation,
    Ente,
    EvaluationItem,
    OrgPerformance,
    Params,
    Person,
    Pool,
    Problem,
    Score,
    Trace,
    fmt,
    money,
    scoring,
)
from ciclope.core import bands as merit

from .checks import MIN_SCORE, Band, Level, parse_bands, parse_levels

SEED = "003_17a077a346f3b252.txt"
ZERO = Decimal("0.00")
PEG_MIN = Decimal("0.70")  # art. 17.2 ultimo alinea: obiettivi PEG della struttura almeno al 70%
PERFORMANCE_FUND = "performance_individuale"
RESULT_FUND = "risultato_po_dirigenti"
BONUS_FUND = "bonus_eccellenze"
SAVINGS_FUND = "savings"
PRIZE_FUND = "premi_innovazione"

# Statuses of the staff, in the order they are decided (rules/comunita_montane.md §2).
NON_VALUTABILE, ADEGUATA, NON_ADEGUATA, ESCLUSO_PEG, BANDED = (
    "non_valutabile",
    "adeguata",
    "non_adeguata",
    "escluso_peg",
    "banded",
)
NOT_EVALUATED = "not_evaluated"


def src(article: str) -> Citation:
    """An article of the regulation (``src("17.2")``: art. 17.2 of the seed file)."""
    return Citation.of(SEED, f"art. {article}")


STAFF_SCORE_SOURCE = Citation.joined([scoring.SOURCE_CARD, src("12.1")])


def plain_money(x: Decimal) -> str:
    """An amount as results.json holds it (``1234.56``)."""
    return f"{money.r2(x):.2f}"


def money_it(x: Decimal) -> str:
    """An amount in a message for people (``1.234,56``)."""
    return fmt.decimal_it(money.r2(x), 2)


def bands_of(params: Params) -> tuple[Band, ...]:
    bands, _ = params.parsed("bands", parse_bands)  # once per ente; validated by ciclope_check_params
    return tuple(bands)


def levels_of(params: Params) -> tuple[Level, ...]:
    levels, _ = params.parsed("levels", parse_levels)
    return tuple(levels)


def level_of(score: Decimal | None, insufficient: bool, levels: Sequence[Level]) -> str | None:
    """The level of a score (params ``levels`` from 70 up; «adeguata» below, art. 17.2); «non adeguata» for anyone
    declared of insufficient rendimento, whatever the score (art. 55-quater D.Lgs. 165/2001, rules §2)."""
    if score is None:
        return None
    if insufficient:
        return "non adeguata"
    if score < MIN_SCORE:
        return "adeguata"
    return merit.level_of(score, levels) or (levels[-1].name if levels else None)


def responsibility_unit(person: Person, ente: Ente) -> str:
    """The «ambito organizzativo di diretta responsabilità» (art. 11.2 lett. a) of a dirigente or PO.

    The unit the person heads (``units.csv`` head): their own unit if they head it, else the first
    unit they head in file order; a person who heads no unit is measured on their own unit.
    """
    headed = [u.id for u in ente.headed_by(person.id)]
    if person.unit in headed or not headed:
        return person.unit
    return headed[0]


def card_evaluators(ente: Ente, staff: Sequence[str]) -> set[str]:
    """Everyone who gave an evaluation item to ``staff``: the item's evaluator, else the person's."""
    cards = ente.cards_view()
    found: set[str | None] = set()
    for pid in staff:
        items: Sequence[EvaluationItem] = cards.get(pid) or ()
        own = ente.people[pid].evaluator
        found.update(item.evaluator or own for item in items)
    found.discard(None)
    found.discard("")
    return {who for who in found if who}


@attrs.frozen
class Ranking:
    """A graduatoria (art. 12.2bis, 17.1): the whole ente or one structure of maximum size."""

    id: str
    label: str
    staff: tuple[str, ...]  # staff in service in its scope (people.csv, role dipendente), file order


def rankings(ente: Ente, params: Params) -> list[Ranking]:
    """One ranking for the ente, or one per top-level unit (``ranking_scope = area``, art. 17.2)."""
    staff = ente.staff()
    if params["ranking_scope"] == "ente":
        if not staff:
            return []
        return [Ranking(id="ente", label=f"{ente.name} (tutto il personale)", staff=tuple(p.id for p in staff))]
    groups: dict[str, list[str]] = {}
    for p in staff:
        top = ente.top_unit_of(p.unit)
        groups.setdefault(top.id if top else p.unit, []).append(p.id)
    out = []
    for uid, ids in groups.items():
        unit = ente.units.get(uid)
        out.append(Ranking(id=uid, label=unit.name if unit else uid, staff=tuple(ids)))
    return out


@attrs.frozen
class Context:
    """What every article of phase e reads: the ente, its scores and funds, the parameters, the trace."""

    ente: Ente
    scores: Mapping[str, Score]
    pools: Mapping[str, Pool]
    params: Params
    org: OrgPerformance
    trace: Trace
    bands: tuple[Band, ...]
    levels: tuple[Level, ...]

    def problem(
        self,
        rule: str,
        message: str,
        source: str,
        *,
        severity: str = "error",
        file: str = "",
        row: int | None = None,
        column: str = "",
    ) -> None:
        """Record a problem of this regulation (rule ids ``comunita_montane.<rule>``)."""
        self.trace.problem(
            Problem(
                rule=f"comunita_montane.{rule}",
                message=message,
                source=source,
                severity=severity,
                file=file,
                row=row,
                column=column,
            )
        )

    def unit_value(self, unit: str) -> Decimal | None:
        """The achievement of ``unit`` (phase c), None when it was not measured."""
        return self.org.unit(unit) if self.org is not None else None


@attrs.frozen
class Part:
    """What one article hands out: awards (in payment order), pools with what they distributed, and the
    entries it adds to the regulation's report data (``Rewards.extra``)."""

    awards: Mapping[str, Award] = attrs.field(factory=dict)
    pools: Mapping[str, Pool] = attrs.field(factory=dict)
    extra: Mapping[str, Any] = attrs.field(factory=dict)
