"""Plugin managers: one ``pluggy.PluginManager`` per plugin per process, and ``Hooks``, through which the core asks them.

Plugins are found through the entry-point group ``ciclope.plugins`` (name → module), the built-in
three included, so a third-party plugin installed with pip is selected by name like them.
"""

from __future__ import annotations

import difflib
import functools
import importlib
import inspect
import sys
import typing
from collections.abc import Callable, Iterable, Sequence
from importlib.metadata import entry_points
from pathlib import Path
from types import ModuleType, SimpleNamespace
from typing import TYPE_CHECKING, Any, TypeVar

import attrs
import pluggy

from ciclope.core import hookimpl
from ciclope.core.engine import defaults, hookspecs
from ciclope.core.fmt import quoted
from ciclope.core.params import ParamSpec, load_param_specs
from ciclope.core.plugininfo import COMPARTO_PER_ENTE, Classification, PluginInfo, contract_roles
from ciclope.core.problems import CiclopeError, Problem
from ciclope.core.provisions import Provision, load_provisions

if TYPE_CHECKING:
    from decimal import Decimal

    from ciclope.core.hooktypes import CycleHooks, Measure, Part
    from ciclope.core.model import Ente, EvaluationItem, Indicator, Objective, Person
    from ciclope.core.outcomes import (
        Attestation,
        OrgPerformance,
        Score,
    )
    from ciclope.core.params import Params
    from ciclope.core.trace import Trace

T = TypeVar("T")
P = typing.ParamSpec("P")  # a hookspec's arguments (not the params.ParamSpec of a plugin parameter)

GROUP = "ciclope.plugins"
LAYER_GROUP = "ciclope.layers"  # comparto layers (name → module): registered under the ente plugins of their comparto
PROJECT = "ciclope"
MARK = PROJECT + "_impl"  # the attribute pluggy's HookimplMarker sets on a hook implementation
SPEC_MARK = PROJECT + "_spec"  # and the one its HookspecMarker sets on a hookspec


def available_plugins() -> dict[str, Any]:
    """Installed plugins by entry-point name (scanned once per process: the scan is slow)."""
    return dict(_scan())


@functools.lru_cache(maxsize=1)
def _scan() -> tuple:
    return tuple((ep.name, ep) for ep in entry_points(group=GROUP))


@functools.lru_cache(maxsize=1)
def _scan_layers() -> tuple:
    return tuple((ep.name, ep) for ep in entry_points(group=LAYER_GROUP))


@functools.cache
def available_layers() -> tuple[tuple[ModuleType, PluginInfo], ...]:
    """Installed comparto layers (entry-point group ``ciclope.layers``), each module with its description,
    in name order."""
    out = []
    for name, ep in sorted(_scan_layers(), key=lambda item: item[0]):
        module = ep.load()
        version = ep.dist.version if ep.dist is not None else "0"
        out.append((module, _info(module, name=name, version=version, module_name=ep.value)))
    return tuple(out)


def layers_for(comparto: str) -> list[tuple[ModuleType, PluginInfo]]:
    """The layers that run under every ente plugin declaring ``COMPARTO = comparto`` (none for ``""``); all of
    them under a plugin whose enti each name their own (``COMPARTO_PER_ENTE``)."""
    if not comparto:
        return []
    if comparto == COMPARTO_PER_ENTE:
        return list(available_layers())
    return [(m, i) for m, i in available_layers() if i.comparto == comparto]


def unknown_plugin(name: str, where: str = "", column: str = "plugin") -> Problem:
    known = sorted(available_plugins())
    close = difflib.get_close_matches(name, known, n=1)
    hint = f"; forse intendevi {quoted(close[0])}?" if close else ""
    return Problem(
        rule="config.plugin_unknown",
        file=where,
        column=column,
        message=f"plugin sconosciuto {quoted(name)} (installati: {', '.join(known) or 'nessuno'}){hint}",
    )


def load_plugin(name: str) -> tuple[ModuleType, PluginInfo]:
    eps = available_plugins()
    if name not in eps:
        raise CiclopeError([unknown_plugin(name)])
    ep = eps[name]
    return ep.load(), _plugin_info(name)


@functools.cache
def _plugin_info(name: str) -> PluginInfo:
    """An installed plugin's description, read once per process (its version is in the
    distribution's metadata file, parsed on every access)."""
    ep = available_plugins()[name]
    version = ep.dist.version if ep.dist is not None else "0"
    return _info(ep.load(), name=name, version=version, module_name=ep.value)


def _info(
    module: ModuleType, *, name: str | None = None, version: str | None = None, module_name: str | None = None
) -> PluginInfo:
    file = getattr(module, "__file__", None)
    return PluginInfo(
        name=name or str(getattr(module, "NAME", module.__name__)),
        module=module_name or module.__name__,
        version=version or str(getattr(module, "VERSION", "0")),
        regulations=tuple(getattr(module, "REGULATIONS", ())),
        folder=Path(file).parent if file else None,
        status_labels={**getattr(module, "LABELS", {}), **getattr(module, "STATUS_LABELS", {})},
        documents=dict(getattr(module, "DOCUMENTS", {})),
        fund_groups=dict(getattr(module, "FUND_GROUPS", {})),
        fund_aliases=dict(getattr(module, "FUND_ALIASES", {})),
        comparto=str(getattr(module, "COMPARTO", "")),
        classification=Classification.of(getattr(module, "CLASSIFICATION", None)),
        reforms=dict(getattr(module, "REFORMS", {})),
        provisions=_provisions(Path(file).parent if file else None),
        ente_files={
            key: (name, Path(file).parent / starter)
            for key, (name, starter) in dict(getattr(module, "ENTE_FILES", {})).items()
            if file
        },
        office_files=tuple(Path(file).parent / name for name in getattr(module, "OFFICE_FILES", ()) if file),
    )


def _provisions(folder: Path | None) -> tuple[Provision, ...]:
    """A layer's dated provisions: ``provisions.toml`` beside its package, by convention."""
    path = folder / "provisions.toml" if folder else None
    return load_provisions(path) if path is not None and path.is_file() else ()


@functools.cache
def known_documents() -> dict[str, str]:
    """Every installed plugin's documents (seed file → title): what an error names when it cites a source before
    any ente is known (a problem of cycle.toml, of an input file). A plugin that fails to load adds nothing."""
    out: dict[str, str] = {}
    for name in sorted(available_plugins()):
        try:
            out.update(_plugin_info(name).documents)
        except Exception:  # a broken plugin: its ente fails with its own message
            continue
    return out


def hook_modules(module: ModuleType) -> list[ModuleType]:
    """The submodules of a plugin package imported with it (``from . import rules, report`` in its
    ``__init__``), in name order: each is registered with the hook implementations it defines."""
    if not hasattr(module, "__path__"):
        return []
    prefix = module.__name__ + "."
    return [
        sys.modules[name]
        for name in sorted(n for n in sys.modules if n.startswith(prefix))
        if isinstance(sys.modules[name], ModuleType)
    ]


class _Namespace(SimpleNamespace):
    """The hook implementations of one module, as a plugin. Compared by identity, as a module is: two
    modules with the same hooks, or with none, are still two plugins to pluggy (``SimpleNamespace``
    compares its attributes)."""

    __eq__ = object.__eq__
    __hash__ = object.__hash__  # type: ignore[assignment]  # SimpleNamespace is unhashable

    def __dir__(self) -> list[str]:  # what pluggy looks at: the hooks, not the ~30 special names of the class
        return list(vars(self))


def _marked(namespace: object) -> dict[str, Any]:
    """The attributes of a module that pluggy would take as hook implementations: routines carrying the
    ``@hookimpl`` marker (pluggy checks each of them again when they are registered)."""
    return {name: fn for name, fn in vars(namespace).items() if hasattr(fn, MARK) and inspect.isroutine(fn)}


def _own_hookimpls(module: ModuleType, taken: set[int]) -> _Namespace:
    """The ``@hookimpl`` functions defined in ``module`` (not those it imports from a sibling), less
    those already registered with the package itself (an ``__init__`` that re-exports them)."""
    own = {
        name: fn
        for name, fn in vars(module).items()
        if callable(fn)
        and getattr(fn, "__module__", None) == module.__name__
        and hasattr(fn, MARK)
        and id(fn) not in taken
    }
    return _Namespace(**own)


class _Conventions:
    """What a plugin gets from its package layout: the parameters of ``params.toml`` beside it."""

    def __init__(self, params_file: Path | None):
        self.params_file = params_file

    @hookimpl(trylast=True)
    def ciclope_params(self, year: int) -> dict[str, ParamSpec] | None:
        return load_param_specs(self.params_file, year) if self.params_file else None


def _register(
    pm: pluggy.PluginManager, module: ModuleType, info: PluginInfo, layers: Sequence[tuple[ModuleType, PluginInfo]] = ()
) -> None:
    """The plugin's conventions, the core defaults, the layers of its comparto and the plugin's hook modules,
    in that order.

    Both the conventions and the defaults are ``trylast``; pluggy calls the trylast implementations
    registered earlier first. Among the others pluggy calls the later registered first: the ente plugin,
    registered after its layers, wins where both implement a hook, and a layer's wrappers
    (``wrapper=True``) act around the plugin's computation. A submodule contributes the hooks it defines
    itself, not those its package re-exports."""
    conventions = _Namespace(ciclope_params=_Conventions(info.params_file).ciclope_params)
    pm.register(conventions, name=f"{info.name}:conventions")
    pm.register(_Namespace(**_marked(defaults)), name="ciclope.defaults")
    for layer_module, layer_info in layers:
        _register_package(pm, layer_module, layer_info)
    _register_package(pm, module, info)


def _register_package(pm: pluggy.PluginManager, module: ModuleType, info: PluginInfo) -> None:
    pm.register(_Namespace(**_marked(module)), name=info.name)
    taken = {id(fn) for fn in vars(module).values() if hasattr(fn, MARK)}
    for sub in hook_modules(module):
        # named by the submodule's path in the package: two sub-packages may each have a module of one name
        pm.register(_own_hookimpls(sub, taken), name=f"{info.name}:{sub.__name__.removeprefix(module.__name__ + '.')}")


_MANAGERS: dict[str, tuple[pluggy.PluginManager, PluginInfo]] = {}  # installed plugin → its manager


def make_plugin_manager(plugin: str | ModuleType) -> tuple[pluggy.PluginManager, PluginInfo]:
    """The manager of a plugin: the hookspecs, the core defaults (``trylast``) and the plugin.

    An installed plugin, named by its entry point, has one manager per process, shared by all its
    enti (a manager holds no state of an ente: that travels in the hook arguments). A module passed
    as such (tests, a plugin in the making) gets a fresh manager every time."""
    if isinstance(plugin, str) and plugin in _MANAGERS:
        return _MANAGERS[plugin]
    if isinstance(plugin, str):
        module, info = load_plugin(plugin)
    else:
        module, info = plugin, _info(plugin)
    layers = layers_for(info.comparto)
    info = attrs.evolve(info, layers=tuple(i for _, i in layers))
    pm = pluggy.PluginManager(PROJECT)
    pm.add_hookspecs(hookspecs)
    _register(pm, module, info, layers)
    pm.check_pending()
    if isinstance(plugin, str):
        _MANAGERS[plugin] = (pm, info)
    return pm, info


def _layer_plugins(pm: pluggy.PluginManager, layers: Iterable[PluginInfo]) -> list[object]:
    """The plugin objects registered for ``layers`` (the package and each of its hook modules)."""
    names = {layer.name for layer in layers}
    return [p for n, p in pm.list_name_plugin() if n.partition(":")[0] in names and p is not None]


@functools.cache
def _view(pm: pluggy.PluginManager, without: frozenset[object]) -> SimpleNamespace:
    """``pm.hook`` without the implementations of the plugin objects ``without``."""
    names = [n for n in dir(pm.hook) if n.startswith(PROJECT + "_")]
    return SimpleNamespace(**{n: pm.subset_hook_caller(n, without) for n in names})


class Hooks:
    """The hooks of one plugin manager, asked by the core.

    A hook is asked by naming its spec, the function of :mod:`ciclope.core.engine.hookspecs`, so the spec is
    the one source of its arguments and answer, for mypy as for pluggy: ``hooks.first(hookspecs.ciclope_resources,
    ente=…, params=…, trace=…)`` for a *firstresult* hook, ``hooks.collect`` / ``hooks.answers`` for one whose
    implementations all answer. The methods below are only what does more than ask: the per-item set-ups,
    the plugin without the layers (:meth:`without_layers`), the ente's own view (:class:`ciclope.core.CycleHooks` is the part
    a plugin sees).

    Under a plugin whose enti each name their comparto (``COMPARTO_PER_ENTE``) the hooks of the plugin
    call no layer, and :meth:`for_ente` gives the ones of an ente: with the layers of its comparto only."""

    def __init__(
        self,
        pm: pluggy.PluginManager,
        info: PluginInfo | None = None,
        active: tuple[PluginInfo, ...] = (),
        *,
        alone: bool = False,
    ):
        self.pm = pm
        self.info = info
        per_ente = info is not None and info.comparto == COMPARTO_PER_ENTE
        # the layers that run for the enti of these hooks
        self.layers: tuple[PluginInfo, ...] = active if per_ente else info.layers if info is not None else ()
        off = [i for i in info.layers if i not in active] if info is not None and per_ente else []
        if alone and info is not None:  # the plugin without any layer (:meth:`without_layers`)
            off = list(info.layers)
        self._hook = _view(pm, frozenset(_layer_plugins(pm, off))) if off else pm.hook

    def first(self, spec: Callable[P, T | None], *args: P.args, **kwargs: P.kwargs) -> T | None:
        """The answer of the *firstresult* hook ``spec``: the plugin's, a layer's or the core default's,
        whichever answers first (``None`` when none does)."""
        answer: T | None = self._caller(spec, args, firstresult=True)(**kwargs)
        return answer

    def one(self, spec: Callable[P, T | None], *args: P.args, **kwargs: P.kwargs) -> T:
        """The answer of the *firstresult* hook ``spec`` whose core default always answers: no answer at all is
        a bug of the defaults, not a regulation's choice."""
        answer: T | None = self._caller(spec, args, firstresult=True)(**kwargs)
        if answer is None:
            raise RuntimeError(f"{spec.__name__}: no answer, not even the core default's")
        return answer

    def collect(self, spec: Callable[P, Iterable[T] | None], *args: P.args, **kwargs: P.kwargs) -> list[T]:
        """The answers of every implementation of the hook ``spec``, each a list, joined in pluggy's order
        (the plugin's first, the core default's last); ``None`` answers add nothing."""
        return _flat(self._caller(spec, args, firstresult=False)(**kwargs))

    def answers(self, spec: Callable[P, T | None], *args: P.args, **kwargs: P.kwargs) -> list[T]:
        """The answer of every implementation of the hook ``spec`` that gave one (not ``None``)."""
        return [a for a in self._caller(spec, args, firstresult=False)(**kwargs) if a is not None]

    def _caller(self, spec: Callable[..., object], args: tuple[object, ...], firstresult: bool) -> Any:
        """pluggy's caller of ``spec``'s hook, once the call is checked against the spec's kind."""
        name = spec.__name__
        caller = getattr(self._hook, name)
        if args:
            raise TypeError(f"{name}: a hook is asked by keyword")
        if caller.spec is None or bool(caller.spec.opts.get("firstresult")) != firstresult:
            asked = "Hooks.first" if firstresult else "Hooks.collect/answers"
            raise TypeError(f"{name} is {'not ' if firstresult else ''}a firstresult hook: {asked} cannot ask it")
        return caller

    @classmethod
    def for_plugin(cls, plugin: str | ModuleType) -> tuple[Hooks, PluginInfo]:
        pm, info = make_plugin_manager(plugin)
        return cls(pm, info), info

    def for_ente(self, params: Params) -> Hooks:
        """The hooks of the ente with ``params``: under a plugin of per-ente comparti, with the layers of the
        comparto the plugin names for it (``ciclope_comparto``); otherwise these same hooks."""
        if self.info is None or self.info.comparto != COMPARTO_PER_ENTE:
            return self
        comparto = self.first(hookspecs.ciclope_comparto, params=params) or ""
        return Hooks(self.pm, self.info, tuple(i for i in self.info.layers if comparto and i.comparto == comparto))

    def in_year(self, params: Params, year: int) -> Params:
        """``params`` with the roles the ente's contract renames in ``year`` (:attr:`Params.contract_roles`), in
        the words of the plugin or of the comparto layers these hooks run (:meth:`for_ente`)."""
        if self.info is None:
            return params
        roles = contract_roles(attrs.evolve(self.info, layers=self.layers).staff_words, year)
        return attrs.evolve(params, contract_roles=roles) if roles else params

    def without_layers(self) -> CycleHooks:
        """These hooks as the ente's plugin alone answers them, without any comparto layer's implementations: a
        layer that must have the regulation split a different pool (the art. 69 set-aside) asks
        ``ciclope_rewards`` through these, once, and so is not called again by its own question."""
        return Hooks(self.pm, self.info, self.layers, alone=True)

    def describe(self, info: PluginInfo, params: Params) -> PluginInfo:
        """``info`` as it holds for the ente with ``params``: its own words (``ciclope_labels``) over the
        plugin's, its own acts (``ciclope_acts``) instead of the plugin's, the office's readings of them
        (``ciclope_assumptions``), the statuses it never publishes by name (``ciclope_private_statuses``), its
        roles' scales of levels
        (``ciclope_level_scales``), the column of its people's grades and their word (``ciclope_grade_column``, ``ciclope_grade_word``), the names its
        regulation gives its roles (``ciclope_role_names``) and, under a plugin of per-ente comparti, the layers that
        run for it."""
        words: dict[str, str] = {}
        for answer in self.answers(hookspecs.ciclope_labels, params=params):
            words.update(answer)
        if self.info is not None and self.info.comparto == COMPARTO_PER_ENTE:
            info = attrs.evolve(info, layers=self.layers)
        if words:
            info = attrs.evolve(info, status_labels={**info.status_labels, **words}, ente_labels=words)
        acts = self.first(hookspecs.ciclope_acts, params=params)
        if acts:
            info = attrs.evolve(info, regulations=tuple(acts))
        readings = [tuple(r) for answer in self.answers(hookspecs.ciclope_assumptions, params=params) for r in answer]
        if readings:
            statuses = {(str(r[1]), str(r[2])): str(r[3]) for r in readings if len(r) > 3 and r[3]}
            figures = {(str(r[1]), str(r[2])): tuple(map(str, r[4])) for r in readings if len(r) > 4}
            info = attrs.evolve(
                info,
                readings=tuple((str(r[0]), str(r[1]), str(r[2])) for r in readings),
                reading_status=statuses,
                reading_figures=figures,
            )
        private = frozenset(
            s for answer in self.answers(hookspecs.ciclope_private_statuses, params=params) for s in answer
        )
        if private:
            info = attrs.evolve(info, private_statuses=private)
        scales = self.first(hookspecs.ciclope_level_scales, params=params)
        if scales:
            info = attrs.evolve(info, level_scales={role: tuple(levels) for role, levels in scales.items()})
        grade = self.first(hookspecs.ciclope_grade_column, params=params)
        if grade:
            info = attrs.evolve(info, grade_column=grade)
        word = self.first(hookspecs.ciclope_grade_word, params=params)
        if word:
            info = attrs.evolve(info, grade_word=str(word))
        names = self.first(hookspecs.ciclope_role_names, params=params)
        if names:
            info = attrs.evolve(info, classification=Classification.named(info.staff_words, names))
        return info

    def indicator_achiever(self, params: Params) -> Callable[[Indicator, Measure, Measure, Trace, str], Decimal | None]:
        """``ciclope_indicator_achievement`` for the ente with ``params`` as ``achieve(indicator, measured, target,
        trace, key)``, set up once."""
        call = self._per_item(
            hookspecs.ciclope_indicator_achievement, ("indicator", "measured", "target", "trace", "params", "key")
        )
        return lambda indicator, measured, target, trace, key: call(
            {
                "indicator": indicator,
                "measured": measured,
                "target": target,
                "trace": trace,
                "params": params,
                "key": key,
            }
        )

    def objective_achiever(self) -> Callable[[Objective, list[Part], Trace], Decimal | None]:
        """``ciclope_objective_achievement`` as ``achieve(objective, parts, trace)``, set up once."""
        call = self._per_item(hookspecs.ciclope_objective_achievement, ("objective", "parts", "trace"))
        return lambda objective, parts, trace: call({"objective": objective, "parts": parts, "trace": trace})

    def individual_scorer(
        self,
        *,
        ente: Ente,
        org: OrgPerformance,
        params: Params,
        trace: Trace,
        attestation: Attestation | None = None,
    ) -> Callable[[Person, Sequence[EvaluationItem]], Score]:
        """``ciclope_individual_score`` for each person of one ente, ``scorer(person, card)``: the ente's
        arguments given once per ente."""
        fixed = {"ente": ente, "org": org, "params": params, "trace": trace, "attestation": attestation}
        call = self._per_item(
            hookspecs.ciclope_individual_score, ("person", "card", "ente", "org", "params", "trace", "attestation")
        )
        return lambda person, card: call({"person": person, "card": card, **fixed})

    def _per_item(self, spec: Callable[..., object], names: tuple[str, ...]) -> Callable[[dict[str, object]], Any]:
        """The *firstresult* hook ``spec`` asked once per item with the arguments ``names``, set up once
        (:func:`_per_item`); the names are the spec's arguments, as a test reads them."""
        return _per_item(self._caller(spec, (), firstresult=True), names)


def _per_item(hook: pluggy.HookCaller, names: tuple[str, ...]) -> Callable[[dict[str, object]], Any]:
    """``call(kwargs)``: ``hook(**kwargs)`` for a hook called once per person, indicator or objective of
    one ente, set up once instead of on every call.

    ``hook(**kwargs)`` copies the implementations, adds the spec's defaults and checks that every
    argument of the spec is given on each call. A ``firstresult`` hook whose implementations are all plain
    functions (no wrapper: the case of every built-in plugin) and whose spec arguments are all among ``names``
    (the keys every ``kwargs`` has, checked once) is answered as :func:`_first_answer` says, from pluggy's
    public view of its implementations (``get_hookimpls``). Any other hook is called through pluggy itself,
    ``hook(**kwargs)``, with its wrappers and call monitoring."""
    spec = hook.spec
    if spec is None or spec.kwargdefaults or any(name not in names for name in spec.argnames):
        return lambda kwargs: hook(**kwargs)
    impls = hook.get_hookimpls()
    if spec.opts.get("firstresult", False) and not any(i.wrapper or i.hookwrapper or i.kwargnames for i in impls):
        return _first_answer(impls)
    return lambda kwargs: hook(**kwargs)


def _first_answer(impls: Sequence[pluggy.HookImpl]) -> Callable[[dict[str, object]], Any]:
    """What pluggy's ``_multicall`` does for a ``firstresult`` hook with no wrapper: each implementation,
    the last registered first, called with the arguments it names, until one answers something other
    than None (the core's ``trylast`` default answers when no plugin does). Without the wrappers'
    bookkeeping, which a hook asked once per person pays on every call. (ciclope sets no call
    monitoring on its plugin managers, which this would not see.)"""
    calls = [(impl.function, impl.argnames) for impl in reversed(impls)]

    def call(kwargs: dict[str, object]) -> Any:
        for function, argnames in calls:
            answer = function(*[kwargs[name] for name in argnames])
            if answer is not None:
                return answer
        return None

    return call


def _flat(answers: Iterable[Iterable[T] | None] | None) -> list[T]:
    out: list[T] = []
    for answer in answers or ():
        if answer:
            out.extend(answer)
    return out


def import_module(name: str) -> ModuleType:  # pragma: no cover - convenience for tests
    return importlib.import_module(name)
