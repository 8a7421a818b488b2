"""Every reference of an explanation leads somewhere (core/engine/references.py): an input's ``ref`` names a recorded
figure and its ``cell`` an input file of the ente, ``ente.toml`` or a parameter in force. A reference that
leads nowhere is a warning in production and a failed test in the plugin test kit."""

import types
from decimal import Decimal
from pathlib import Path

import pytest

from ciclope.core import Input, hookimpl
from ciclope.core.engine.references import CELL, REF, dangling, sources
from ciclope.core.engine.registry import available_plugins, load_plugin
from ciclope.core.inputs.config import EnteConfig, load_config, resolve_params
from ciclope.core.run.runner import compute
from ciclope.core.testing import compute_ente, write_ente

from helpers import TESTS, files

EXAMPLES = TESTS / "examples"


def mistyped() -> types.ModuleType:
    """A plugin that records ``verifica:E1`` with one good and one mistyped reference (``scor:E1`` for the
    ``score:E1`` the core records), one good and one misspelt cell, and a parameter that does not exist;
    it answers None, so the core's defaults compute the rewards."""
    plugin = types.ModuleType("mistyped")
    plugin.NAME = "mistyped"

    @hookimpl
    def ciclope_rewards(trace):
        inputs = [
            Input("punteggio", Decimal("1"), ref="score:E1"),
            Input("punteggio rivisto", Decimal("1"), ref="scor:E1"),
            Input("target", Decimal("5"), cell="indicators.csv:3:target"),
            Input("consuntivo", Decimal("4"), cell="indicatori.csv:3:actual"),
            Input("quota", Decimal("1"), cell="params:quota_inventata"),
            Input("fondo", Decimal("1"), cell="ente.toml:funds.performance_individuale"),
        ]
        trace.record("verifica:E1", Decimal("1"), "a mano", "Regolamento X art. 1", inputs)

    plugin.ciclope_rewards = ciclope_rewards
    return plugin


def production(folder: Path, plugin: types.ModuleType):
    """The ente computed as ``ciclope run`` and ``validate`` compute it (runner.compute), for 2021."""
    params, problems = resolve_params(plugin, 2021, {}, "params")
    assert problems == []
    return compute(EnteConfig(id="caso", plugin=plugin, data=folder, params=params), 2021)


def test_a_dangling_reference_is_an_italian_warning_in_production(tmp_path):
    res = production(write_ente(tmp_path / "e", files()), mistyped())
    found = [(p.rule, p.severity, p.message) for p in res.violations if p.rule in (REF, CELL)]
    # the good ref (score:E1), the good cell (indicators.csv), ente.toml: nothing; the three others, in order
    assert found == [
        (
            "core.spiegazione.riferimento",
            "warning",
            "la spiegazione di verifica:E1 rimanda, per «punteggio rivisto», a scor:E1, che non è stata registrata: "
            "ciclope explain non può mostrarne il calcolo; il plugin deve registrare scor:E1 (trace.record) o "
            "correggere il riferimento",
        ),
        (
            "core.spiegazione.cella",
            "warning",
            "la spiegazione di verifica:E1 indica, per «consuntivo», la cella indicatori.csv:3:actual, che non è "
            "in un file dell'ente né in un parametro in vigore: ciclope explain non può mostrarne la provenienza; "
            "il plugin deve correggere la cella",
        ),
        (
            "core.spiegazione.cella",
            "warning",
            "la spiegazione di verifica:E1 indica, per «quota», la cella params:quota_inventata, che non è in un "
            "file dell'ente né in un parametro in vigore: ciclope explain non può mostrarne la provenienza; "
            "il plugin deve correggere la cella",
        ),
    ]
    assert not any(p.is_error for p in res.violations)  # the run goes on: nothing else is wrong with the ente
    assert "score:E1" in res.figures and res.figures["verifica:E1"].value == Decimal("1")


def test_a_dangling_reference_fails_the_testing_helper(tmp_path):
    with pytest.raises(AssertionError, match="riferimenti pendenti") as raised:
        compute_ente(write_ente(tmp_path / "e", files()), mistyped(), 2021)
    text = str(raised.value)
    assert "scor:E1" in text and "indicatori.csv:3:actual" in text and "params:quota_inventata" in text
    assert "score:E1," not in text  # the good reference is not listed


def test_the_plugin_fixture_fails_too(ciclope_ente):
    with pytest.raises(AssertionError, match="scor:E1"):
        ciclope_ente(mistyped(), files())


def test_an_ente_without_dangling_references_passes_the_helper(tmp_path):
    res = compute_ente(write_ente(tmp_path / "e", files()), "comunita_montane", 2021)
    assert [p for p in res.violations if p.rule in (REF, CELL)] == []


def shipped() -> list[Path]:
    demos = [load_plugin(name)[1].demo for name in sorted(available_plugins())]
    return [d / "cycle.toml" for d in demos if d is not None] + sorted(EXAMPLES.glob("*/cycle.toml"))


@pytest.mark.parametrize("config", shipped(), ids=lambda p: f"{p.parent.parent.name}/{p.parent.name}")
def test_demos_and_public_examples_have_no_dangling_reference(config):
    plan = load_config(config)
    assert plan.enti
    for cfg in plan.enti:
        res = compute(cfg, plan.year)
        assert dangling(res.figures, sources(res.ente, res.params.values)) == [], cfg.id
        assert [p.message for p in res.violations if p.rule in (REF, CELL)] == [], cfg.id
