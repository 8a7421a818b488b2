"""The plugin platform's public surface: built-in plugins use only ``ciclope.core``; hooks sit on the
rule functions; params.toml and demo/ are found beside the plugin package."""

from __future__ import annotations

import ast
import inspect
import re
import sys
from pathlib import Path

import pytest

import ciclope.core
from ciclope.core.engine import hookspecs
from ciclope.core.engine.registry import available_plugins, load_plugin, make_plugin_manager

from helpers import ROOT

PLUGINS = ROOT / "plugins"
# the distribution's runtime dependencies a plugin may use directly: attrs, and lark for the declared format's formulas
DEPENDENCIES = {"attrs", "lark"}


def foreign_imports(path: Path) -> list[str]:
    """Imports of ``path`` that are neither ``ciclope.core`` itself, its own plugin (relative within its
    package, or by its absolute name from a sub-package), the standard library nor a declared dependency."""
    own = f"ciclope.plugins.{path.relative_to(PLUGINS).parts[0]}" if len(path.relative_to(PLUGINS).parts) > 1 else ""
    bad = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                if node.level > 1:
                    bad.append(f"{path.name}:{node.lineno}: from {'.' * node.level}{node.module or ''}")
                continue
            names = [node.module or ""]
        else:
            continue
        for name in names:
            top = name.split(".")[0]
            if name == "ciclope.core" and isinstance(node, ast.ImportFrom):
                continue
            if own and (name == own or name.startswith(own + ".")):
                continue
            if top != "ciclope" and (top in sys.stdlib_module_names or top in DEPENDENCIES):
                continue
            bad.append(f"{path.relative_to(PLUGINS)}:{node.lineno}: {name}")
    return bad


def test_built_in_plugins_import_only_ciclope_core():
    files = sorted(PLUGINS.rglob("*.py"))
    assert len(files) > 10
    assert [bad for f in files for bad in foreign_imports(f)] == []


@pytest.mark.parametrize(
    "source, verdict",
    [
        ("from ciclope.core import money", []),
        ("from . import rules\nfrom .rules import X", []),
        ("import datetime, attrs", []),
        ("from ciclope.core.money import split", ["x.py:1: ciclope.core.money"]),
        ("import ciclope.core", ["x.py:1: ciclope.core"]),
        ("from ciclope.plugins.brescia import rules", ["x.py:1: ciclope.plugins.brescia"]),
        ("from ..brescia import rules", ["x.py:1: from ..brescia"]),
        ("from ciclope.plugins.regolamento.pay import parts", ["x.py:1: ciclope.plugins.regolamento.pay"]),
        ("import numpy", ["x.py:1: numpy"]),
    ],
)
def test_the_import_check_itself(tmp_path, monkeypatch, source, verdict):
    # x.py stands beside the plugins, in none of them: even an absolute name of a plugin is foreign to it
    monkeypatch.setattr(sys.modules[__name__], "PLUGINS", tmp_path)
    (tmp_path / "x.py").write_text(source)
    assert foreign_imports(tmp_path / "x.py") == verdict


def test_a_plugin_imports_itself_by_name_from_its_sub_packages(tmp_path, monkeypatch):
    monkeypatch.setattr(sys.modules[__name__], "PLUGINS", tmp_path)
    (tmp_path / "mine" / "pay").mkdir(parents=True)
    mine = tmp_path / "mine" / "pay" / "x.py"
    mine.write_text("from ciclope.plugins.mine.read import load\nfrom ciclope.plugins.other import rules\n")
    assert foreign_imports(mine) == ["mine/pay/x.py:2: ciclope.plugins.other"]


def test_everything_exported_exists():
    assert all(hasattr(ciclope.core, name) for name in ciclope.core.__all__)


NAMESPACES = {
    "bands",
    "cells",
    "fmt",
    "hookspecs",
    "money",
    "provisions",
    "scoring",
}  # names of ``__all__`` that are modules with an ``__all__``


def test_the_surface_is_small_and_its_namespaces_are_curated():
    """At most 39 names a plugin author learns at the top, each namespace listing its own (``CycleHooks`` types
    the ``hooks`` two hooks receive, ``hookspecs`` holds the specs it asks them by, ``Citation`` is a source;
    ``OwnMaggiorazione`` is the one answer of a hook that is neither a name nor a figure)."""
    surface = ciclope.core.__all__
    assert len(surface) <= 39 and len(set(surface)) == len(surface)
    assert {n for n in surface if isinstance(getattr(ciclope.core, n), type(ciclope.core))} == NAMESPACES
    for name in NAMESPACES:
        module = getattr(ciclope.core, name)
        assert module.__all__ and all(hasattr(module, n) for n in module.__all__)
    speed_only = {"new_input", "new_figure", "new_award", "new_score", "in_order", "gathered", "draft_class"}
    reachable = set(surface) | {n for ns in NAMESPACES for n in getattr(ciclope.core, ns).__all__}
    assert not reachable & speed_only
    assert not hasattr(ciclope.core.Trace(), "put")


def test_every_hook_is_on_the_hookspecs_surface():
    """A plugin (or a layer) may ask any hook through ``ciclope.core.hookspecs``: its ``__all__`` lists them all."""
    from ciclope.core.engine import hookspecs

    specs = {n for n, f in vars(hookspecs).items() if n.startswith("ciclope_") and callable(f)}
    assert set(hookspecs.__all__) == specs


def surface_uses(path: Path) -> list[str]:
    """What ``path`` takes from ``ciclope.core`` that is not on the surface: a name imported from it
    outside ``__all__``, or a namespace's attribute outside that namespace's ``__all__``."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    imported = set()
    bad = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module == "ciclope.core":
            for alias in node.names:
                imported.add(alias.asname or alias.name)
                if alias.name not in ciclope.core.__all__:
                    bad.append(f"{path.name}:{node.lineno}: {alias.name}")
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
            ns = node.value.id
            if ns in NAMESPACES and ns in imported and node.attr not in getattr(ciclope.core, ns).__all__:
                bad.append(f"{path.name}:{node.lineno}: {ns}.{node.attr}")
    return bad


def test_built_in_plugins_use_only_the_surface():
    assert [bad for f in sorted(PLUGINS.rglob("*.py")) for bad in surface_uses(f)] == []


@pytest.mark.parametrize(
    "source, verdict",
    [
        ("from ciclope.core import money\nmoney.split", []),
        ("from ciclope.core import money\nmoney.ZERO", ["x.py:2: money.ZERO"]),
        ("from ciclope.core import new_input", ["x.py:1: new_input"]),
        ("from ciclope.core import Trace, fmt\nfmt.cite", ["x.py:2: fmt.cite"]),
    ],
)
def test_the_surface_check_itself(tmp_path, source, verdict):
    (tmp_path / "x.py").write_text(source)
    assert surface_uses(tmp_path / "x.py") == verdict


@pytest.mark.parametrize("name", ["brescia", "bergamo", "comunita_montane"])
def test_no_pass_through_wrappers_the_hooks_are_the_rule_functions(name):
    module, info = load_plugin(name)
    assert not [n for n in vars(module) if n.startswith("ciclope_")]
    pm, _ = make_plugin_manager(name)
    impls = [
        i
        for caller in pm.hook.__dict__.values()
        if hasattr(caller, "get_hookimpls")
        for i in caller.get_hookimpls()
        if i.plugin_name.startswith(f"{name}:") and not i.plugin_name.endswith(":conventions")
    ]
    assert len(impls) >= 5
    # each implementation is a function of the plugin's own modules, registered once
    assert all(i.function.__module__.startswith(f"ciclope.plugins.{name}.") for i in impls)
    assert len({(i.function, i.plugin_name) for i in impls}) == len({i.function for i in impls})
    # params.toml and demo/ by convention, beside the package
    assert info.params_file == PLUGINS / name / "params.toml"
    assert info.demo == PLUGINS / name / "demo"
    assert pm.hook.ciclope_params(year=2021)


def test_every_built_in_plugin_is_an_entry_point():
    assert {"brescia", "bergamo", "comunita_montane"} <= set(available_plugins())


def test_core_labels_only_core_statuses_and_plugins_bring_their_own():
    from ciclope.core.reports import fmt

    core = {"evaluated", "not_evaluated", "scored", "neutralized", "inactive", "monitor", "missing"}
    assert set(fmt.STATUS_LABELS) == core
    labels = load_plugin("comunita_montane")[1].status_labels  # its STATUS_LABELS and LABELS
    assert fmt.status("banded", labels) == "in fascia"
    assert fmt.status("banded") == "banded" and fmt.status("escluso_peg") == "escluso peg"
    assert fmt.status("escluso_peg", labels) == "escluso (PEG sotto il 70%)"
    assert fmt.status("not_evaluated", labels) == "non valutato"
    # a fund: its pool's label, else the plugin's label of its name, else «Fondo …» (never the bare code)
    assert fmt.fund("bonus_eccellenze", "", labels) == "Bonus annuale delle eccellenze (art. 18)"
    assert fmt.fund("bonus_eccellenze", "Bonus 2021", labels) == "Bonus 2021"
    assert fmt.fund("dirigenti:amm", "", load_plugin("brescia")[1].status_labels) == "Fondo dirigenti — amm"
    assert fmt.fund("altro_fondo") == "Fondo altro fondo"


def test_a_hook_re_exported_by_the_package_is_registered_once(tmp_path, monkeypatch):
    pkg = tmp_path / "reexport_plugin"
    pkg.mkdir()
    (pkg / "rules.py").write_text(
        "from ciclope.core import Problem, hookimpl\n\n\n"
        "@hookimpl(specname='ciclope_check_params')\n"
        "def check(params):\n    return [Problem(rule='x.once', message='una volta')]\n"
    )
    (pkg / "__init__.py").write_text("from .rules import check  # noqa: F401\nNAME = 'reexport'\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    import reexport_plugin

    from ciclope.core.engine import hookspecs
    from ciclope.core.engine.registry import Hooks
    from ciclope.core.params import Params

    hooks = Hooks(make_plugin_manager(reexport_plugin)[0])
    assert [p.rule for p in hooks.collect(hookspecs.ciclope_check_params, params=Params(), year=2021)] == ["x.once"]
    for name in [m for m in sys.modules if m.startswith("reexport_plugin")]:
        del sys.modules[name]


@pytest.mark.parametrize("name", ["brescia", "bergamo", "comunita_montane"])
def test_the_manager_registers_what_the_modules_themselves_register(name):
    """An installed plugin's manager (namespaces of its modules' hook functions) finds the same
    implementations, in the same order, with the same options, as a plain pluggy manager given the
    modules themselves; and the same hookspecs."""
    import pluggy

    from ciclope.core.engine import defaults, hookspecs, registry

    module, info = load_plugin(name)
    ours, _ = make_plugin_manager(name)
    theirs = pluggy.PluginManager(registry.PROJECT)
    theirs.add_hookspecs(hookspecs)
    theirs.register(registry._Conventions(info.params_file), name=f"{name}:conventions")
    theirs.register(defaults, name="ciclope.defaults")
    # the layers of the plugin's comparto, before the plugin (so the plugin's hooks are called first)
    for package, pname in [(m, i.name) for m, i in registry.layers_for(info.comparto)] + [(module, name)]:
        theirs.register(package, name=pname)
        taken = {id(fn) for fn in vars(package).values() if hasattr(fn, registry.MARK)}
        for sub in registry.hook_modules(package):
            theirs.register(
                registry._own_hookimpls(sub, taken), name=f"{pname}:{sub.__name__.removeprefix(package.__name__ + '.')}"
            )

    def found(pm):
        return {
            hook: [
                (i.plugin_name, getattr(i.function, "__func__", i.function), i.argnames, i.kwargnames, i.opts)
                for i in caller.get_hookimpls()
            ]
            for hook, caller in vars(pm.hook).items()
            if hasattr(caller, "get_hookimpls")
        }

    def specs(pm):
        return {
            hook: (caller.spec.function, caller.spec.argnames, caller.spec.kwargnames, caller.spec.opts)
            for hook, caller in vars(pm.hook).items()
            if hasattr(caller, "get_hookimpls")
        }

    assert found(ours) == found(theirs)
    assert specs(ours) == specs(theirs)
    assert [n for n, _ in ours.list_name_plugin()] == [n for n, _ in theirs.list_name_plugin()]
    assert make_plugin_manager(name)[0] is ours  # one manager per plugin per process


def test_a_module_given_as_such_is_looked_at_anew_and_hookless_modules_are_two_plugins():
    """A module passed to the factory (a plugin in the making, a test) is not remembered: a hook added
    to it counts at the next manager. Two modules without hooks are two plugins (compared by identity)."""
    import types

    from ciclope.core import hookimpl
    from ciclope.core.engine.registry import Hooks
    from ciclope.core.params import Params
    from ciclope.core.problems import Problem

    pkg = types.ModuleType("growing")
    pkg.__path__ = []  # a package, with two submodules that have no hooks at all
    for sub in ("growing.a", "growing.b"):
        sys.modules[sub] = types.ModuleType(sub)
    try:
        assert (
            Hooks(make_plugin_manager(pkg)[0]).collect(hookspecs.ciclope_check_params, params=Params(), year=2021) == []
        )

        @hookimpl(specname="ciclope_check_params")
        def check(params):
            return [Problem(rule="x.new", message="nuovo")]

        pkg.check = check
        pm, _ = make_plugin_manager(pkg)
        assert [p.rule for p in Hooks(pm).collect(hookspecs.ciclope_check_params, params=Params(), year=2021)] == [
            "x.new"
        ]
        assert {"growing:a", "growing:b"} <= {n for n, _ in pm.list_name_plugin()}
    finally:
        for sub in ("growing.a", "growing.b"):
            del sys.modules[sub]


def hook_of(node: ast.FunctionDef) -> str | None:
    """The hook a function implements: its ``specname`` or its own name, if ``@hookimpl`` marks it."""
    for deco in node.decorator_list:
        call = deco if isinstance(deco, ast.Call) else None
        target = call.func if call else deco
        if isinstance(target, ast.Name) and target.id == "hookimpl":
            return next((k.value.value for k in (call.keywords if call else []) if k.arg == "specname"), node.name)
    return None


def hookimpl_signatures(path: Path) -> list[tuple[str, str, dict[str, str], str]]:
    """``(function, hook, {argument: annotation}, return annotation)`` of each ``@hookimpl`` in ``path``."""
    found = []
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.FunctionDef) and (hook := hook_of(node)) is not None:
            args = {a.arg: ast.unparse(a.annotation) if a.annotation else "" for a in node.args.args}
            found.append((node.name, hook, args, ast.unparse(node.returns) if node.returns else ""))
    return found


SPEC_SIGNATURES = {
    name: ({a: ast.unparse(x.annotation) for a, x in ((a.arg, a) for a in node.args.args)}, ast.unparse(node.returns))
    for node in ast.parse(
        (Path(ciclope.core.__file__).parent / "engine" / "hookspecs.py").read_text(encoding="utf-8")
    ).body
    if isinstance(node, ast.FunctionDef) and (name := node.name).startswith("ciclope_")
}


OFF_SURFACE = ("Hooks", "Measure")  # the spec's types a plugin cannot import from ciclope.core


def test_every_hook_implementation_is_typed_as_its_hookspec():
    """Each argument carries the hookspec's own annotation, and the answer is the spec's or narrower
    (the spec's ``X | None`` may be ``X``)."""
    checked = 0
    for path in sorted(PLUGINS.rglob("*.py")):
        for function, hook, args, returns in hookimpl_signatures(path):
            spec_args, spec_returns = SPEC_SIGNATURES[hook]
            where = f"{path.relative_to(PLUGINS)}:{function}"
            # a type off the plugin surface (the core's ``Hooks`` facade, an indicator's ``Measure``) is written
            # ``Any`` by a plugin
            allowed = {
                a: "Any" if spec_args.get(a) in OFF_SURFACE and t == "Any" else spec_args.get(a)
                for a, t in args.items()
            }
            assert allowed == args, where
            if returns.startswith("Generator[None, "):  # a wrapper (wrapper=True): sends and returns the hook's answer
                checked += 1
                continue
            assert returns in (spec_returns, spec_returns.removesuffix(" | None")), (where, returns)
            checked += 1
    assert checked >= 25


def test_the_hooks_docs_name_only_what_a_plugin_may_import():
    """docs/hooks.md is the hookspecs' docstrings: a class or function they tell a plugin to use is on the surface
    (``ciclope.core.__all__``, a namespace's ``__all__``) or one of ``CycleHooks``' methods, never the core's own
    (``core.params.ParamSpec``, ``load_param_specs`` were, in ``ciclope_params``)."""
    text = inspect.getsource(hookspecs)
    reachable = set(ciclope.core.__all__) | {n for ns in NAMESPACES for n in getattr(ciclope.core, ns).__all__}
    classes = {ref.rsplit(".", 1)[-1] for ref in re.findall(r":class:`([\w.]+)`", text)}
    calls = {call.removeprefix("hooks.") for call in re.findall(r"``([\w.]+)\(", text)}
    called = {c for c in calls if not (c in reachable or hasattr(ciclope.core.CycleHooks, c) or "." in c)}
    assert classes - reachable == set() and called == set()
