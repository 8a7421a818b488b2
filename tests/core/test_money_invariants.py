"""Money invariants over random synthetic enti, for every installed plugin (issue: reliability).

Every pool conserved to the cent; no negative amount; nobody paid who was not evaluated or whose
status excludes money; rerunning gives the same bytes.
"""

import random
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ciclope.core.commands.synth import synthetic_ente
from ciclope.core.engine.registry import Hooks, available_plugins
from ciclope.core.money import PERFORMANCE
from ciclope.core.output.results import dumps
from ciclope.core.testing import compute_ente

PLUGINS = sorted(available_plugins())
UNPAID = {"not_evaluated", "non_valutabile", "adeguata", "non_adeguata", "escluso_peg"}


@pytest.mark.slow  # whole synthetic enti, 8 per plugin
@pytest.mark.parametrize("plugin", PLUGINS)
@settings(max_examples=8, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(seed=st.integers(0, 10**6), people=st.integers(12, 80))
def test_pools_conserved_and_nobody_unduly_paid(tmp_path_factory, plugin, seed, people):
    folder = synthetic_ente(
        tmp_path_factory.mktemp(plugin), Hooks.for_plugin(plugin)[0], "rnd", people, random.Random(seed), 2021
    )
    res = compute_ente(folder, plugin, 2021)
    ledger = res.ledger  # every pool and award: rewards and positions (issue 12)
    for name, pool in ledger.pools.items():
        assert pool.amount >= 0 and pool.distributed >= 0 and pool.residual >= 0, name
        assert pool.distributed + pool.residual == pool.amount
        tagged = [a.amount for a in ledger.awards if a.pool == name]
        if tagged:
            assert sum(tagged, Decimal(0)) == pool.distributed, name
    for award in ledger.awards:
        assert award.amount >= 0
        assert award.amount == award.amount.quantize(Decimal("0.01"))
        if award.amount > 0 and ledger.kind_of(award) == PERFORMANCE:  # position pay is for the post
            pid = award.person
            assert res.scores[pid].score is not None, pid
            assert res.status_of(pid) not in UNPAID, (pid, res.status_of(pid))
    assert dumps(res) == dumps(compute_ente(folder, plugin, 2021))
