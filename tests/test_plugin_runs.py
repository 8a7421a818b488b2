"""What a plugin's rules remember for one run of the cycle on one ente (issue 18) is never used for another.

A plugin keeps, with the run's ``trace``, what every person's rule reads and depends only on the ente, the
organizational performance or the parameters (bergamo's weights, level thresholds and each unit's Servizio).
Here the same trace is handed another ente, another organizational performance and other parameters, and
each answer must be the one a fresh trace gives: the remembered values cannot go stale.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ciclope.core import Ente, EvaluationItem, Person, Unit
from ciclope.core.config import load_config
from ciclope.core.cycle import run_cycle
from ciclope.core.loading import load_ente, merge_schemas
from ciclope.core.params import merge_params
from ciclope.core.registry import Hooks
from ciclope.core.synth import synth
from ciclope.core.trace import Trace
from ciclope.plugins.bergamo import rules as bergamo
from ciclope.plugins.comunita_montane import rules as montane


@pytest.fixture(scope="module")
def runs(tmp_path_factory) -> dict[str, list]:
    """Two synthetic enti of each plugin, run through the cycle: plugin → [Result, Result]."""
    config = synth(tmp_path_factory.mktemp("runs"), enti=6, people=40, seed=5)
    plan = load_config(config)
    out: dict[str, list] = {}
    for cfg in plan.enti:
        hooks, info = Hooks.for_plugin(cfg.plugin)
        ente = load_ente(Path(cfg.data), cfg.id, plan.year, merge_schemas(hooks.input_schemas()))
        out.setdefault(cfg.plugin, []).append(run_cycle(ente, hooks, cfg.params, info))
    return out


def other_params(result, **over):
    params, problems = merge_params(result.params.specs, over)
    assert problems == []
    return params


def figures(trace: Trace) -> dict:
    return {k: (f.value, f.formula, f.source, list(f.inputs), f.label, f.note) for k, f in trace.figures.items()}


def bergamo_scores(result, params, org=None, ente=None, trace=None) -> tuple[dict, Trace]:
    """bergamo's staff_score of every evaluated dipendente and PO of ``result``'s ente, into ``trace``."""
    ente = ente or result.ente
    org = org or result.org
    trace = trace if trace is not None else Trace()
    cards = ente.cards_view()
    scores = {
        p.id: bergamo.staff_score(p, ente, org, params, list(cards[p.id]), trace)
        for p in ente.people.values()
        if not p.is_dirigente and p.id in cards
    }
    return scores, trace


def test_bergamo_run_follows_its_ente_org_and_params(runs):
    first, second = runs["bergamo"]
    used, _ = bergamo_scores(first, first.params)
    assert used == {pid: first.scores[pid] for pid in used}  # the cycle's own scores

    def primed() -> Trace:  # a trace whose run has already scored the first ente
        return bergamo_scores(first, first.params)[1]

    # other parameters: weights and level thresholds
    params = other_params(first, w_unit=20, w_objectives=30, w_behaviour=50, level_buona=70)
    again, _ = bergamo_scores(first, params, trace=primed())
    fresh, _ = bergamo_scores(first, params)
    assert again == fresh and again != used
    # another organizational performance: every unit's result halved
    org = attrs.evolve(first.org, units={k: v / 2 if v is not None else None for k, v in first.org.units.items()})
    again, _ = bergamo_scores(first, first.params, org=org, trace=primed())
    fresh, _ = bergamo_scores(first, first.params, org=org)
    assert again == fresh and again != used
    # another ente: the same with every Servizio made an office under one new Servizio, which has no result
    units = {
        k: attrs.evolve(u, kind="ufficio", parent="NEW") if u.kind == "servizio" else u
        for k, u in first.ente.units.items()
    }
    root = next(u for u in units.values() if u.parent is None)
    units["NEW"] = attrs.evolve(root, id="NEW", name="Servizio nuovo", kind="servizio", parent=root.id, head=None)
    ente = attrs.evolve(first.ente, units=units)
    again, _ = bergamo_scores(first, first.params, ente=ente, trace=primed())
    fresh, _ = bergamo_scores(first, first.params, ente=ente)
    assert again == fresh and again != used
    # another ente with its own organizational performance
    again, _ = bergamo_scores(second, second.params, trace=primed())
    assert again == {pid: second.scores[pid] for pid in again}


def test_bergamo_run_records_what_a_fresh_run_records(runs):
    first, _ = runs["bergamo"]
    params = other_params(first, w_unit=20, w_objectives=30, w_behaviour=50)
    _, reused = bergamo_scores(first, first.params)
    bergamo_scores(first, params, trace=reused)
    _, fresh = bergamo_scores(first, params)
    assert figures(reused) == figures(fresh)


def test_bergamo_run_goes_with_its_trace(runs):
    """What a run remembers is dropped with its trace (the end of the run): it never holds an ente after it."""
    first, _ = runs["bergamo"]
    _, trace = bergamo_scores(first, first.params)
    assert [run.ente for run in bergamo._RUNS.values()] == [first.ente]
    del trace
    assert list(bergamo._RUNS.values()) == []


# --- the evaluators of a ranking (comunita_montane) as the item-by-item loop found them --------------------------

EVALUATORS = st.sampled_from([None, "", "V1", "V2"])


def single_evaluator_by_items(ente, params) -> list[tuple]:
    """comunita_montane's single_evaluator as it was before issue 18 (every item counted), as (row, message)."""
    problems = []
    cards = ente.cards_view()
    for rk in montane.rankings(ente, params):
        seen: dict[str, int] = {}
        first_other = None
        for pid in rk.staff:
            own = ente.people[pid].evaluator
            for item in cards.get(pid, ()):
                who = item.evaluator or own
                if who is None:
                    continue
                if seen and who not in seen and first_other is None:
                    first_other = item
                seen[who] = seen.get(who, 0) + 1
        if len(seen) > 1:
            listing = ", ".join(f"{who} ({n} voci)" for who, n in seen.items())
            problems.append((first_other.row if first_other else None, listing, rk.label))
    return problems


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.tuples(EVALUATORS, st.lists(EVALUATORS, max_size=4), st.sampled_from(["u1", "u2"])), max_size=8),
    st.sampled_from(["ente", "area"]),
)
def test_comunita_montane_single_evaluator_as_counted_item_by_item(people, scope):
    """The ranking's evaluators found a card at a time (map in C, issue 18) give the problems the loop over every
    item gave: the same rankings flagged, the same first other item, the same count per evaluator."""
    units = {
        "e": Unit(id="e", name="Ente", kind="ente", parent=None, head=None),
        "u1": Unit(id="u1", name="Area 1", kind="area", parent="e", head=None),
        "u2": Unit(id="u2", name="Area 2", kind="area", parent="e", head=None),
    }
    persons, items = {}, []
    for k, (own, card, unit) in enumerate(people):
        pid = f"P{k}"
        persons[pid] = Person(id=pid, name=pid, role="dipendente", category="B", unit=unit, evaluator=own)
        for j, ev in enumerate(card):
            items.append(EvaluationItem(pid, ev, "s", f"i{j}", Decimal(4), Decimal(2), None, row=len(items) + 2))
    ente = Ente(id="x", name="x", year=2021, units=units, people=persons, evaluations=tuple(items))
    params = {"ranking_scope": scope}  # the only parameter read
    found = [
        (p.row, p.message.split("diversi (")[1].split(");")[0], p.message.split("«")[1].split("»")[0])
        for p in montane.single_evaluator(ente, params)
    ]
    assert found == single_evaluator_by_items(ente, params)


@given(
    st.lists(
        st.decimals(allow_nan=False, allow_infinity=False, places=2, min_value=-5, max_value=5)
        | st.sampled_from([Decimal("1"), Decimal("1.0"), Decimal("1.00"), Decimal("-0"), Decimal("0.00")]),
        max_size=30,
    )
)
def test_comunita_montane_distinct_values_is_the_size_of_the_set(values):
    """Scores counted in order (issue 18) as a set counts them: 1, 1.0 and 1.00 are one value, 0 and -0 too."""
    assert montane.distinct_values(values) == len(set(values))
