"""Art. 11.2 lett. d, 12.2bis: how much each evaluator differentiates their judgements."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from ciclope.core import Input, money

from .common import Context, Part, level_of, src

MIN_EQUAL_FLAG = 5  # rules §1: warn an evaluator whose ≥ 5 evaluations are all equal

Given = tuple[str, Decimal, bool]  # (person, card score, declared insufficient)


def population_sd(values: Sequence[Decimal]) -> Decimal:
    m = sum(values, Decimal(0)) / len(values)
    return (sum(((v - m) ** 2 for v in values), Decimal(0)) / len(values)).sqrt()


def given_by_evaluator(ctx: Context) -> dict[str, list[Given]]:
    """Every card score, by who gave it: the first item's evaluator, else the person's (people.csv order)."""
    given: dict[str, list[Given]] = {}
    cards, people = ctx.ente.cards_view(), ctx.ente.people
    for pid, s in ctx.scores.items():
        value = s.breakdown.get("scheda") if s.breakdown else None
        items, person = cards.get(pid), people.get(pid)
        if value is None or not items or person is None:
            continue
        who = items[0].evaluator or person.evaluator
        if who:
            given.setdefault(who, []).append((pid, Decimal(value), person.insufficient))
    return given


def differentiation(ctx: Context) -> Part:
    table: dict[str, dict[str, Any]] = {}
    for who, pairs in given_by_evaluator(ctx).items():
        values = [v for _, v, _ in pairs]
        sd = money.r2(population_sd(values))
        levels = {level_of(v, low, ctx.levels) for _, v, low in pairs}
        distinct = len(set(values))
        table[who] = {
            "evaluations": len(values),
            "mean": money.r2(sum(values, Decimal(0)) / len(values)),
            "sd": sd,
            "distinct_scores": distinct,
            "distinct_levels": len(levels),
        }
        evaluator = ctx.ente.people.get(who)
        ctx.trace.record(
            f"differentiation:{who}",
            sd,
            "deviazione standard (della popolazione) dei punteggi di scheda dati dal valutatore",
            src("11.2 lett. d, 12.2bis"),
            label=f"Differenziazione dei giudizi di {evaluator.name if evaluator else who}",
            inputs=[Input(f"punteggio di scheda di {pid}", v, ref=f"score:{pid}") for pid, v, _ in pairs],
            note=f"{len(values)} valutazioni, {distinct} punteggi diversi, {len(levels)} livelli diversi",
        )
        if len(values) >= MIN_EQUAL_FLAG and distinct == 1:
            ctx.problem(
                "differentiation.flat",
                f"il valutatore {who} ha dato lo stesso punteggio ({values[0]}) a tutte le sue "
                f"{len(values)} valutazioni: manca una significativa differenziazione dei giudizi",
                src("11.2 lett. d, 12.2bis"),
                severity="warning",
                file=ctx.ente.file_of("evaluations"),
                row=ctx.ente.cards_view()[pairs[0][0]][0].row,
                column="points",
            )
    return Part(extra={"differentiation": table})
