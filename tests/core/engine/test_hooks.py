"""Meta-tests of the plugin system: specs documented, defaults complete, order of the cycle."""

import inspect
import types

import pluggy
import pytest

from ciclope.core import hookimpl
from ciclope.core.engine import defaults, hookspecs
from ciclope.core.engine.registry import Hooks, available_plugins, make_plugin_manager
from ciclope.core.testing import compute_ente, write_ente

from helpers import ROOT, files

SPECS = sorted(n for n, f in inspect.getmembers(hookspecs, inspect.isfunction) if n.startswith("ciclope_"))


def test_every_hookspec_has_a_docstring_saying_when_and_default():
    for name in SPECS:
        doc = inspect.getdoc(getattr(hookspecs, name)) or ""
        assert len(doc) > 80, name
        assert "Default" in doc or "default" in doc, name
        assert "Called" in doc or "called" in doc, name


def test_core_defaults_implement_every_firstresult_hook_trylast():
    pm = pluggy.PluginManager("ciclope")
    pm.add_hookspecs(hookspecs)
    pm.register(defaults)
    for name in SPECS:
        caller = getattr(pm.hook, name)
        if caller.spec.opts.get("firstresult"):
            impls = caller.get_hookimpls()
            assert impls, f"no core default for {name}"
            assert all(i.trylast for i in impls), name


@pytest.mark.parametrize("name", sorted(available_plugins()))
def test_installed_plugins_register_cleanly(name):
    pm, info = make_plugin_manager(name)  # check_pending() inside
    assert info.name == name and pm.get_plugin(name) is not None


def test_one_manager_per_installed_plugin_and_a_fresh_one_per_module():
    a, _ = make_plugin_manager("brescia")
    b, _ = make_plugin_manager("brescia")
    assert a is b  # an installed plugin: one manager per process, shared by its enti
    module = types.ModuleType("inprova")
    assert make_plugin_manager(module)[0] is not make_plugin_manager(module)[0]  # a plugin in the making


def test_the_plugin_wins_over_the_default_and_none_falls_back(tmp_path):
    plugin = types.ModuleType("halfplugin")
    plugin.NAME = "halfplugin"

    @hookimpl
    def ciclope_indicator_achievement(indicator):
        return None if indicator.type != "higher" else __import__("decimal").Decimal("0.5")

    plugin.ciclope_indicator_achievement = ciclope_indicator_achievement
    folder = write_ente(tmp_path / "e", files())
    res = compute_ente(folder, plugin, 2021)
    assert res.org.indicators["I1"].achievement == __import__("decimal").Decimal("0.5")  # plugin
    assert res.org.indicators["I2"].achievement == __import__("decimal").Decimal("0.8")  # default: 4/5


def test_hook_order_over_a_full_cycle(tmp_path):
    calls = []
    plugin = types.ModuleType("recorder")
    plugin.NAME = "recorder"
    for name in SPECS:  # every hook recorded; answering None lets the core defaults compute
        setattr(plugin, name, hookimpl(specname=name)(lambda __n=name: calls.append(__n)))
    folder = write_ente(tmp_path / "e", files())
    compute_ente(folder, plugin, 2021)
    order = []
    for c in calls:
        if not order or order[-1] != c:
            order.append(c)
    assert order == [
        "ciclope_params",
        "ciclope_check_params",  # run plan
        "ciclope_input_schema",  # loading
        "ciclope_labels",  # the ente's own words
        "ciclope_acts",  # … and its own acts
        "ciclope_assumptions",  # … and its office's readings of them
        "ciclope_private_statuses",  # … and the statuses it never publishes by name
        "ciclope_level_scales",  # … and its roles' scales of levels
        "ciclope_grade_column",  # … and the column of its people's grades
        "ciclope_grade_word",  # … and their word
        "ciclope_role_names",  # … and the names its regulation gives its roles
        "ciclope_fund",  # b. risorse asks the fund first: its pools are the ente's funds for phase a's checks
        "ciclope_validate",  # a. pianificazione
        "ciclope_resources",  # b. risorse
        "ciclope_indicator_achievement",  # c. monitoraggio (30/6)
        "ciclope_organizational_performance",  # d. valutazione
        "ciclope_indicator_achievement",
        "ciclope_objective_achievement",
        "ciclope_attestation",
        "ciclope_individual_score",
        "ciclope_cohort_scores",
        "ciclope_fund_pools",
        "ciclope_rewards",
        "ciclope_award_parts",  # … which parts paid each award, and how much each
        "ciclope_position_pay",  # e. premialità
        "ciclope_pools_read_cards",  # … which pools' premiums read the evaluation (the workbook's «Esito»)
        "ciclope_parts_read_evaluation",  # … and which named parts read it
        "ciclope_calendar",
        "ciclope_approval_keys",
        "ciclope_report_sections",  # f. rendicontazione
    ]


def test_hook_reference_is_generated_from_the_specs_and_up_to_date():

    from ciclope.core.engine.hookdoc import render

    doc = (ROOT / "docs" / "hooks.md").read_text(encoding="utf-8")
    assert doc == render(), "docs/hooks.md is stale: python -m ciclope.core.engine.hookdoc > docs/hooks.md"
    for name in SPECS:
        assert f"## {name}" in doc
    guide = (ROOT / "docs" / "plugin-guide.md").read_text(encoding="utf-8")
    for name in SPECS:
        assert name in guide, f"{name} is not mentioned in docs/plugin-guide.md"


def test_a_figure_the_plugins_achiever_records_is_the_one_kept(tmp_path):
    """An achiever hook that records the figure of its indicator or objective itself keeps it: the core records its
    own only for a key nobody recorded (core/engine/organizational.py, one look-up with setdefault, issue 18)."""
    from decimal import Decimal

    plugin = types.ModuleType("ownfigures")
    plugin.NAME = "ownfigures"

    @hookimpl
    def ciclope_indicator_achievement(indicator, trace):
        if indicator.id != "I1":
            return None
        return trace.record("indicator:I1", Decimal("0.5"), "metà, per regolamento", "reg art. 1")

    @hookimpl
    def ciclope_objective_achievement(objective, trace):
        if objective.id != "S1":
            return None
        return trace.record("objective:S1", Decimal("0.25"), "un quarto, per regolamento", "reg art. 2")

    plugin.ciclope_indicator_achievement = ciclope_indicator_achievement
    plugin.ciclope_objective_achievement = ciclope_objective_achievement
    res = compute_ente(write_ente(tmp_path / "e", files()), plugin, 2021)
    assert (res.figures["indicator:I1"].formula, res.figures["indicator:I1"].value) == (
        "metà, per regolamento",
        Decimal("0.5"),
    )
    assert res.figures["objective:S1"].source == "reg art. 2" and res.org.objectives["S1"] == Decimal("0.25")
    # the others are the core's own: I2 = 4 / 5 with its target and actual cells as inputs
    assert res.figures["indicator:I2"].value == Decimal("0.8")
    assert [i.name for i in res.figures["indicator:I2"].inputs] == ["target", "consuntivo"]


def test_an_award_without_its_figure_is_a_warning_and_one_with_it_is_not(tmp_path):
    """A plugin pays E1 € 10 and records its figure, and pays E2 € 5 without one: only E2's award is
    reported, once, as a warning that names the person and the pool."""
    from decimal import Decimal

    from ciclope.core import Award, Rewards

    plugin = types.ModuleType("unexplained")
    plugin.NAME = "unexplained"

    @hookimpl
    def ciclope_rewards(pools, trace):
        trace.record("award:E1", Decimal("10.00"), "a mano", "Regolamento X art. 1")
        pool = "performance_individuale"
        paid = {"E1": Award("E1", Decimal("10.00"), pool), "E2": Award("E2", Decimal("5.00"), pool)}
        return Rewards(pools=pools, awards=paid)

    plugin.ciclope_rewards = ciclope_rewards
    res = compute_ente(write_ente(tmp_path / "e", files()), plugin, 2021)
    found = [p for p in res.violations if p.rule == "core.award.unexplained"]
    assert [(p.severity, "E2" in p.message, "performance_individuale" in p.message) for p in found] == [
        ("warning", True, True)
    ]


def _achievement_manager(*plugins):
    pm = pluggy.PluginManager("ciclope")
    pm.add_hookspecs(hookspecs)
    pm.register(defaults)
    for p in plugins:
        pm.register(p)
    return pm


def _answering(name, answers):
    """A plugin whose achievement of an indicator is ``answers.get(indicator.id)`` (None: not its say)."""
    plugin = types.ModuleType(name)

    @hookimpl
    def ciclope_indicator_achievement(indicator):
        return answers.get(indicator.id)

    plugin.ciclope_indicator_achievement = ciclope_indicator_achievement
    return plugin


ENTE_ONLY = {"params": None, "key": "indicator:X"}  # what the ente gives every call: no implementation here reads it


def _indicator(iid):
    return types.SimpleNamespace(id=iid, type="higher")


def test_a_per_item_hook_is_answered_as_pluggy_answers_it():
    """The caller set up once per ente gives what ``hook(**kwargs)`` gives: the plugin registered last
    answers first, None passes the item on, the core's trylast default answers last."""
    from decimal import Decimal

    from ciclope.core.engine.registry import _per_item
    from ciclope.core.trace import Trace

    early = _answering("early", {"A": Decimal("0.1"), "B": Decimal("0.2")})
    late = _answering("late", {"A": Decimal("0.9")})
    hook = _achievement_manager(early, late).hook.ciclope_indicator_achievement
    call = _per_item(hook, ("indicator", "measured", "target", "trace", "params", "key"))
    for item in ("A", "B"):  # A: late's answer; B: late passes, early answers
        kwargs = {"indicator": _indicator(item), "measured": 1, "target": 2, "trace": Trace(), **ENTE_ONLY}
        assert call(kwargs) == hook(**kwargs) == {"A": Decimal("0.9"), "B": Decimal("0.2")}[item]
    # C: both plugins pass; the core's default measures 4 against a target of 5 (higher: 4/5)
    kwargs = {"indicator": _indicator("C"), "measured": Decimal(4), "target": Decimal(5), "trace": Trace(), **ENTE_ONLY}
    assert call(kwargs) == hook(**kwargs) == Decimal("0.8")


def test_a_per_item_hook_with_a_wrapper_goes_through_the_wrapper():
    """A layer's wrapper around a per-item hook sees every call and may change the answer."""
    from decimal import Decimal

    from ciclope.core.engine.registry import _per_item
    from ciclope.core.trace import Trace

    seen = []
    layer = types.ModuleType("layer")

    @hookimpl(wrapper=True)
    def ciclope_indicator_achievement(indicator):
        seen.append(indicator)
        answer = yield
        return answer / 2

    layer.ciclope_indicator_achievement = ciclope_indicator_achievement
    hook = _achievement_manager(_answering("plugin", {"A": Decimal("0.9")}), layer).hook.ciclope_indicator_achievement
    call = _per_item(hook, ("indicator", "measured", "target", "trace", "params", "key"))
    a = _indicator("A")
    assert call({"indicator": a, "measured": 1, "target": 2, "trace": Trace(), **ENTE_ONLY}) == Decimal("0.45")  # 0.9/2
    assert seen == [a]


ASKING = {
    "first": True,
    "one": True,
    "collect": False,
    "answers": False,
    "_per_item": True,  # Hooks' set-up of a hook asked once per item (its argument names as a tuple)
}  # Hooks' way of asking → for firstresult hooks


def places_asking() -> list[tuple[str, str, str, set[str]]]:
    """Every place of the core and of the built-in plugins that asks a hook, read from the AST: ``(module, spec,
    how, keywords)`` for each ``hooks.first/one/collect/answers(hookspecs.ciclope_x, …)`` and each per-item set-up
    ``self._per_item(hookspecs.ciclope_x, ("name", …))``; and every hook caller named by attribute
    (``._hook.ciclope_x``, ``pm.hook.ciclope_x``) with ``how = "raw"``."""
    import ast
    from pathlib import Path

    import ciclope.core
    import ciclope.plugins

    found = []
    roots = [Path(ciclope.core.__file__).parent, Path(ciclope.plugins.__file__).parent]
    for path in sorted(p for root in roots for p in root.rglob("*.py")):
        module = path.stem
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in ASKING:
                spec = node.args[0] if node.args else None
                if (
                    isinstance(spec, ast.Attribute)
                    and isinstance(spec.value, ast.Name)
                    and spec.value.id == "hookspecs"
                ):
                    keywords = {k.arg for k in node.keywords if k.arg}
                    if node.func.attr == "_per_item":
                        keywords = set(ast.literal_eval(node.args[1]))
                    found.append((module, spec.attr, node.func.attr, keywords))
            if (
                isinstance(node, ast.Attribute)
                and node.attr.startswith("ciclope_")
                and isinstance(node.value, ast.Attribute)
                and node.value.attr in ("_hook", "hook")
            ):
                found.append((module, node.attr, "raw", set()))
    return found


def test_every_hook_is_asked_as_its_spec_says():
    """Each hookspec is asked somewhere, by its own kind, with exactly its arguments, and only by its spec: a hook
    added without a caller, asked by the wrong kind, missing an argument or asked raw fails here (mypy checks the
    types of the same calls)."""
    asked = places_asking()
    assert {spec for _, spec, _, _ in asked} == set(SPECS)
    assert [(module, spec) for module, spec, how, _ in asked if how == "raw"] == []
    assert {module for module, _, _, _ in asked} >= {"art69", "art69_split", "registry"}  # plugins ask too
    pm = pluggy.PluginManager("ciclope")
    pm.add_hookspecs(hookspecs)
    for module, spec, how, keywords in asked:
        firstresult = bool(getattr(pm.hook, spec).spec.opts.get("firstresult"))
        assert ASKING[how] == firstresult, f"{module}: {spec} asked with Hooks.{how}"
        assert keywords == set(inspect.signature(getattr(hookspecs, spec)).parameters), f"{module}: {spec}"


def test_a_hook_asked_by_the_wrong_kind_is_refused():
    hooks = Hooks(make_plugin_manager("comunita_montane")[0])
    with pytest.raises(TypeError, match="ciclope_validate is not a firstresult hook"):
        hooks.first(hookspecs.ciclope_validate, ente=None, params=None, trace=None)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="ciclope_resources is a firstresult hook"):
        hooks.collect(hookspecs.ciclope_resources, ente=None, params=None, trace=None)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="asked by keyword"):
        hooks.first(hookspecs.ciclope_params, 2021)  # type: ignore[call-arg]


def test_hooks_satisfies_what_plugins_are_promised():
    """``CycleHooks`` is a Protocol: every method it promises is one of ``Hooks`` with the same signature."""
    from ciclope.core import CycleHooks

    promised = [n for n in vars(CycleHooks) if not n.startswith("_")]
    assert promised
    for name in promised:
        assert inspect.signature(getattr(CycleHooks, name)) == inspect.signature(getattr(Hooks, name)), name


def test_each_core_default_is_annotated_as_its_spec():
    """Every default takes some of its spec's arguments, in the spec's order, each annotated as the spec annotates
    it, and answers what the spec answers (the annotations compared as written: both modules postpone them)."""
    impls = {n: f for n, f in vars(defaults).items() if hasattr(f, "ciclope_impl")}
    assert len(impls) >= 19
    for name, default in impls.items():
        spec = inspect.signature(getattr(hookspecs, name))
        own = inspect.signature(default)
        names = list(own.parameters)
        assert names == [n for n in spec.parameters if n in own.parameters], f"{name}: {names}"
        for n, param in own.parameters.items():
            assert param.annotation == spec.parameters[n].annotation, f"{name}({n})"
        assert own.return_annotation == spec.return_annotation, name


def test_each_spec_argument_is_described_on_its_own_line_and_in_the_reference():

    from ciclope.core.engine.hookdoc import arguments

    doc = (ROOT / "docs" / "hooks.md").read_text(encoding="utf-8")
    for name in SPECS:
        spec = getattr(hookspecs, name)
        assert arguments(inspect.getdoc(spec) or "") == list(inspect.signature(spec).parameters), name
        section = doc.split(f"## {name}\n", 1)[1].split("\n## ", 1)[0]
        assert all(f"- `{arg}`: " in section for arg in inspect.signature(spec).parameters), name
