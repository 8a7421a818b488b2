"""What a plugin's rules remember for one run of the cycle on one ente (issue 18) is never used for another.

A plugin keeps, with the run's ``trace``, what every person's rule reads and depends only on the ente, the
organizational performance or the parameters (bergamo's weights, level thresholds and each unit's Servizio).
Here the same trace is handed another ente, another organizational performance and other parameters, and
each answer must be the one a fresh trace gives: the remembered values cannot go stale.
"""

from __future__ import annotations

from pathlib import Path

import attrs
import pytest

from ciclope.core.config import load_config
from ciclope.core.cycle import run_cycle
from ciclope.core.loading import load_ente, merge_schemas
from ciclope.core.params import merge_params
from ciclope.core.registry import Hooks
from ciclope.core.synth import synth
from ciclope.core.trace import Trace
from ciclope.plugins.bergamo import scores as bergamo


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
