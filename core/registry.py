"""Plugin managers: one fresh ``pluggy.PluginManager`` per ente, and a typed facade over its hooks.

Plugins are found through the entry-point group ``ciclope.plugins`` (name → module), the built-in
three included, so a third-party plugin installed with pip is selected by name like them.
"""

from __future__ import annotations

import difflib
import functools
import importlib
import inspect
import operator
import sys
from collections.abc import Callable, Iterable, Mapping, Sequence
from importlib.metadata import entry_points
from pathlib import Path
from types import ModuleType, SimpleNamespace
from typing import TYPE_CHECKING, Any, TypeVar, cast

import attrs
import pluggy

from . import defaults, hookimpl, hookspecs
from .params import ParamSpec, load_param_specs
from .problems import CiclopeError, Problem

if TYPE_CHECKING:
    import random
    from decimal import Decimal

    from .hookspecs import Measure, Part
    from .model import Ente, EvaluationItem, Indicator, Objective, Person
    from .money import Pool
    from .outcomes import Attestation, Deadline, InputSchema, OrgPerformance, Positions, ReportSection, Rewards, Score
    from .params import Params
    from .result import Result
    from .synth import SynthData
    from .trace import Trace

T = TypeVar("T")

GROUP = "ciclope.plugins"
PROJECT = "ciclope"
MARK = PROJECT + "_impl"  # the attribute pluggy's HookimplMarker sets on a hook implementation
SPEC_MARK = PROJECT + "_spec"  # and the one its HookspecMarker sets on a hookspec


@attrs.frozen
class PluginInfo:
    name: str
    module: str
    version: str
    regulations: tuple[str, ...] = ()
    folder: Path | None = None  # the plugin package's folder: params.toml and demo/ sit here
    # every code the plugin writes in Italian: its LABELS (statuses, components of a score, funds) and STATUS_LABELS
    status_labels: Mapping[str, str] = attrs.field(factory=dict, hash=False)
    documents: Mapping[str, str] = attrs.field(factory=dict, hash=False)  # seed file → title, for readers
    # fund name (or prefix ending in ':') → the group it is destined to (``dirigenti e PO`` or ``personale``)
    fund_groups: Mapping[str, str] = attrs.field(factory=dict, hash=False)

    @property
    def params_file(self) -> Path | None:
        path = self.folder / "params.toml" if self.folder else None
        return path if path is not None and path.is_file() else None

    @property
    def demo(self) -> Path | None:
        """The plugin's example enti (``demo/cycle.toml`` beside the package), if it has them."""
        path = self.folder / "demo" if self.folder else None
        return path if path is not None and (path / "cycle.toml").is_file() else None


def available_plugins() -> dict[str, Any]:
    """Installed plugins by entry-point name (scanned once per process: the scan is slow)."""
    return dict(_scan())


@functools.lru_cache(maxsize=1)
def _scan() -> tuple:
    return tuple((ep.name, ep) for ep in entry_points(group=GROUP))


def unknown_plugin(name: str, where: str = "", column: str = "plugin") -> Problem:
    known = sorted(available_plugins())
    close = difflib.get_close_matches(name, known, n=1)
    hint = f"; forse intendevi {close[0]!r}?" if close else ""
    return Problem(
        rule="config.plugin_unknown",
        file=where,
        column=column,
        message=f"plugin sconosciuto {name!r} (installati: {', '.join(known) or 'nessuno'}){hint}",
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
    )


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


@attrs.frozen
class _Blueprint:
    """What a manager registers for one plugin, in order: ``(name, plugin)`` pairs whose plugins are
    namespaces holding only hook implementations (the same functions pluggy would find in the modules).

    Found once per process for an installed plugin and shared by the managers of all its enti (nothing in
    it changes: functions and a namespace per module). A module registered as itself made pluggy look at
    each of its attributes with ``inspect.getattr_static`` for every ente; a namespace of its hooks is
    read from its ``__dict__``. Measured with the hookspecs' quicker look (:class:`_Manager`; issue 18,
    the two versions in turn, best of 5 × 200): a manager per ente 1.24–1.33 → 0.33–0.40 ms.
    """

    plugins: tuple[tuple[str, object], ...]


def _blueprint(module: ModuleType, info: PluginInfo) -> _Blueprint:
    # Both trylast; pluggy calls the trylast implementations registered earlier first.
    conventions = _Namespace(ciclope_params=_Conventions(info.params_file).ciclope_params)
    plugins: list[tuple[str, object]] = [
        (f"{info.name}:conventions", conventions),
        ("ciclope.defaults", _Namespace(**_marked(defaults))),
        (info.name, _Namespace(**_marked(module))),
    ]
    taken = {id(fn) for fn in vars(module).values() if hasattr(fn, MARK)}
    for sub in hook_modules(module):
        plugins.append((f"{info.name}:{sub.__name__.rpartition('.')[2]}", _own_hookimpls(sub, taken)))
    return _Blueprint(tuple(plugins))


_INSTALLED: dict[ModuleType, _Blueprint] = {}  # an installed plugin's module → its blueprint (see _Blueprint)


class _Manager(pluggy.PluginManager):
    """pluggy's manager, with a quicker first look at the attributes of a module or a namespace.

    pluggy inspects every attribute of a registered plugin with ``inspect.getattr_static``: over the
    names a plugin module imports, ~1.5 ms of every ente's run. A module's attributes are plain
    values, so one that is not a function marked by ``@hookimpl`` is skipped by a dictionary look-up;
    the marked ones go through pluggy's own parsing (pytest overrides the same method too). An instance
    is looked at by pluggy, less its special ``__names__``. The hookspecs module is read the same way: a
    plain function's spec options are its marker, as pluggy would find them (0.5 → 0.2 ms per ente).
    Measured (issue 18, best of 5, the two versions in turn): a manager per ente 1.4 → 0.9 ms, then with
    the blueprints (:class:`_Blueprint`) 0.33–0.40 ms.
    """

    def __init__(self, project_name: str) -> None:
        super().__init__(project_name)
        # What the facade's direct calls (:meth:`Hooks._firstresult`) need to know: whether which functions a hook
        # runs may have changed since they were listed, and whether pluggy's monitoring must see every call.
        self.generation = 0
        self.monitored = False

    def register(self, plugin: object, name: str | None = None) -> str | None:
        self.generation += 1
        return super().register(plugin, name)

    def unregister(self, plugin: object | None = None, name: str | None = None) -> Any | None:
        self.generation += 1
        return super().unregister(plugin, name)

    def add_hookspecs(self, module_or_class: ModuleType | type) -> None:
        self.generation += 1
        super().add_hookspecs(module_or_class)

    def add_hookcall_monitoring(self, before: Any, after: Any) -> Callable[[], None]:
        self.monitored = True  # also by enable_tracing(): from now on every call goes through pluggy
        return super().add_hookcall_monitoring(before, after)

    def parse_hookimpl_opts(self, plugin: object, name: str) -> pluggy.HookimplOpts | None:
        if isinstance(plugin, (ModuleType, SimpleNamespace)):
            value = vars(plugin).get(name)
            if not (hasattr(value, MARK) and inspect.isroutine(value)):  # the marker first: most names lack it
                return None
        elif name.startswith("__"):  # an instance: its class's ~30 special names are no hooks
            return None
        return super().parse_hookimpl_opts(plugin, name)

    def parse_hookspec_opts(self, module_or_class: ModuleType | type, name: str) -> pluggy.HookspecOpts | None:
        if isinstance(module_or_class, ModuleType):
            value = vars(module_or_class).get(name)
            opts = getattr(value, SPEC_MARK, None)
            if opts is None:
                return None
            if inspect.isfunction(value):  # what pluggy's look-up finds for a module's plain function
                return cast(pluggy.HookspecOpts, opts) if isinstance(opts, dict) else None
        return super().parse_hookspec_opts(module_or_class, name)


def make_plugin_manager(plugin: str | ModuleType) -> tuple[pluggy.PluginManager, PluginInfo]:
    """A fresh manager with the hookspecs, the core defaults (``trylast``) and the ente's plugin.

    A plugin named by its entry point is loaded by that name every time and registered from its
    blueprint, found the first time (:class:`_Blueprint`); a module passed as such (tests, a plugin in
    the making) is looked at anew every time.
    """
    pm = _Manager(PROJECT)
    pm.add_hookspecs(hookspecs)
    if isinstance(plugin, str):
        module, info = load_plugin(plugin)
        blueprint = _INSTALLED.get(module)
        if blueprint is None:
            blueprint = _INSTALLED[module] = _blueprint(module, info)
    else:
        module, info = plugin, _info(plugin)
        blueprint = _blueprint(module, info)
    for name, namespace in blueprint.plugins:
        pm.register(namespace, name=name)
    pm.check_pending()
    return pm, info


def _direct_call(caller: pluggy.HookCaller) -> Callable[[dict[str, Any]], Any] | None:
    """A *firstresult* hook's call as pluggy makes it when no implementation wraps the others: each function,
    in pluggy's order (tryfirst … trylast), with the arguments it names, until one answers something else
    than ``None``. ``None`` when the hook is not *firstresult* or has a wrapper: then pluggy calls it."""
    spec = caller.spec
    impls = caller.get_hookimpls()
    if spec is None or not spec.opts.get("firstresult") or any(i.wrapper or i.hookwrapper for i in impls):
        return None
    defaults = dict(spec.kwargdefaults)
    # pluggy runs the list backwards; each function's positional arguments are picked by an itemgetter (in C)
    order = [(i.function, _picker(i.argnames), i.kwargnames) for i in reversed(impls)]

    def call(kwargs: dict[str, Any]) -> Any:
        if defaults:
            kwargs = {**defaults, **kwargs}
        for function, pick, kwargnames in order:
            if kwargnames:
                answer = function(*pick(kwargs), **{a: kwargs[a] for a in kwargnames if a in kwargs})
            else:
                answer = function(*pick(kwargs))
            if answer is not None:
                return answer
        return None

    return call


def _picker(names: tuple[str, ...]) -> Callable[[dict[str, Any]], tuple[Any, ...]]:
    """A function giving the values of ``names`` from a dict, as a tuple (``itemgetter`` gives a bare value for one name)."""
    if not names:
        return lambda kwargs: ()
    if len(names) == 1:
        name = names[0]
        return lambda kwargs: (kwargs[name],)
    return operator.itemgetter(*names)


def _positional_call(
    caller: pluggy.HookCaller, names: tuple[str, ...], fixed: Mapping[str, Any] | None = None
) -> Callable[..., Any] | None:
    """:func:`_direct_call` as a plain function of ``names`` by position, the arguments in ``fixed`` bound once:
    each implementation called with its arguments by name in the generated code, without the dict of arguments,
    the picker and the loop of the generic direct call (issue 18: the achievers and the individual scorer, ~550
    calls per 300-person ente; calculation 60.8 -> 58.7 M instructions per ente, callgrind). The code depends
    only on the shape of the call (names, defaults, each implementation's arguments) and is compiled once per
    shape. ``None`` where :func:`_direct_call` is ``None``, or when an implementation asks for an argument the
    call does not give (pluggy's own call raises its error)."""
    spec = caller.spec
    impls = caller.get_hookimpls()
    if spec is None or not spec.opts.get("firstresult") or any(i.wrapper or i.hookwrapper for i in impls):
        return None
    values = {**spec.kwargdefaults, **(fixed or {})}  # what is not an argument of the generated function
    known = set(names) | set(values)
    order = list(reversed(impls))  # pluggy's order
    shape = []
    for impl in order:
        if any(a not in known for a in impl.argnames):
            return None
        shape.append((tuple(impl.argnames), tuple(a for a in impl.kwargnames if a in known)))
    bound = sorted(values)
    key = (names, tuple(bound), tuple(shape))
    maker = _MAKERS.get(key)
    if maker is None:
        maker = _MAKERS[key] = _maker(names, bound, shape)
    return maker([impl.function for impl in order], [values[v] for v in bound])


_MAKERS: dict[tuple, Callable[[list, list], Callable[..., Any]]] = {}  # a call's shape → its compiled maker


def _maker(
    names: tuple[str, ...], bound: list[str], shape: list[tuple[tuple[str, ...], tuple[str, ...]]]
) -> Callable[[list, list], Callable[..., Any]]:
    """``make(functions, bound values)`` giving the positional call of :func:`_positional_call` for one shape.
    Hook argument names are Python identifiers (pluggy reads them from signatures); the generated code's own
    names start with ``_ciclope_`` so that none is taken by an argument."""

    def ref(name: str) -> str:
        return name if name in names else f"_ciclope_v_{name}"

    lines = [
        "def make(_ciclope_functions, _ciclope_values):",
        *(f"    _ciclope_f{k} = _ciclope_functions[{k}]" for k in range(len(shape))),
        *(f"    _ciclope_v_{name} = _ciclope_values[{k}]" for k, name in enumerate(bound)),
        f"    def call({', '.join(names)}):",
    ]
    for k, (argnames, kwargnames) in enumerate(shape):
        args = [ref(a) for a in argnames] + [f"{a}={ref(a)}" for a in kwargnames]
        lines.append(f"        _ciclope_answer = _ciclope_f{k}({', '.join(args)})")
        lines.append("        if _ciclope_answer is not None:")
        lines.append("            return _ciclope_answer")
    lines += ["        return None", "    return call"]
    scope: dict[str, Any] = {}
    exec(compile("\n".join(lines) + "\n", "<ciclope direct hook call>", "exec"), scope)  # names: hook arguments
    return scope["make"]


class Hooks:
    """Typed facade over ``pm.hook``: core code calls hooks only through here, by keyword.

    The hooks called for every indicator, objective and person (~700 calls per 300-person ente) are called
    directly (:meth:`_firstresult`) when pluggy would do nothing else than call the implementations in
    order: no wrapper, no monitoring. pluggy's dispatch cost ~2.7 µs per call, the direct call ~1 µs.
    """

    def __init__(self, pm: pluggy.PluginManager):
        self._hook = pm.hook
        self.pm = pm
        self._direct: dict[str, tuple[int, Callable[[dict[str, Any]], Any] | None]] = {}

    def _firstresult(self, name: str) -> Callable[[dict[str, Any]], Any] | None:
        """The direct call of a *firstresult* hook (:func:`_direct_call`), listed again whenever the manager's
        plugins or specs change; ``None`` (call pluggy) for a manager not made here, or monitored."""
        pm = self.pm
        if not isinstance(pm, _Manager) or pm.monitored:
            return None
        listed = self._direct.get(name)
        if listed is None or listed[0] != pm.generation:
            listed = self._direct[name] = (pm.generation, _direct_call(getattr(self._hook, name)))
        return listed[1]

    @classmethod
    def for_plugin(cls, plugin: str | ModuleType) -> tuple[Hooks, PluginInfo]:
        pm, info = make_plugin_manager(plugin)
        return cls(pm), info

    def params(self, *, year: int) -> dict[str, ParamSpec]:
        return self._hook.ciclope_params(year=year) or {}

    def check_params(self, *, params: Params) -> list[Problem]:
        return _flat(self._hook.ciclope_check_params(params=params))

    def input_schemas(self) -> list[InputSchema]:
        return [s for s in self._hook.ciclope_input_schema() if s is not None]

    def synth(self, *, data: SynthData, rng: random.Random, year: int) -> None:
        self._hook.ciclope_synth(data=data, rng=rng, year=year)

    def validate(self, *, ente: Ente, params: Params, trace: Trace) -> list[Problem]:
        return _flat(self._hook.ciclope_validate(ente=ente, params=params, trace=trace))

    def resources(self, *, ente: Ente, params: Params, trace: Trace) -> dict[str, Pool]:
        return self._hook.ciclope_resources(ente=ente, params=params, trace=trace)

    def indicator_achievement(
        self, *, indicator: Indicator, measured: Measure, target: Measure, trace: Trace
    ) -> Decimal | None:
        kwargs = {"indicator": indicator, "measured": measured, "target": target, "trace": trace}
        direct = self._firstresult("ciclope_indicator_achievement")
        return direct(kwargs) if direct is not None else self._hook.ciclope_indicator_achievement(**kwargs)

    def _positional(self, name: str, names: tuple[str, ...], fixed: Mapping[str, Any] | None = None) -> Any:
        """The direct call of a hook as a function of ``names`` by position (:func:`_positional_call`), when pluggy
        would only call the implementations in order (:meth:`_firstresult`); else ``None``."""
        if self._firstresult(name) is None:
            return None
        return _positional_call(getattr(self._hook, name), names, fixed)

    def indicator_achiever(self) -> Callable[[Indicator, Measure, Measure, Trace], Decimal | None]:
        """:meth:`indicator_achievement` as ``achieve(indicator, measured, target, trace)``, its direct call looked
        up once for all the indicators of an ente, not once per indicator (issue 18)."""
        call = self._positional("ciclope_indicator_achievement", ("indicator", "measured", "target", "trace"))
        if call is not None:
            return cast("Callable[[Indicator, Measure, Measure, Trace], Decimal | None]", call)
        hook = self._hook.ciclope_indicator_achievement
        return lambda indicator, measured, target, trace: hook(
            indicator=indicator, measured=measured, target=target, trace=trace
        )

    def objective_achiever(self) -> Callable[[Objective, list[Part], Trace], Decimal | None]:
        """:meth:`objective_achievement` as ``achieve(objective, parts, trace)``, looked up once per ente."""
        call = self._positional("ciclope_objective_achievement", ("objective", "parts", "trace"))
        if call is not None:
            return cast("Callable[[Objective, list[Part], Trace], Decimal | None]", call)
        hook = self._hook.ciclope_objective_achievement
        return lambda objective, parts, trace: hook(objective=objective, parts=parts, trace=trace)

    def objective_achievement(self, *, objective: Objective, parts: list[Part], trace: Trace) -> Decimal | None:
        kwargs = {"objective": objective, "parts": parts, "trace": trace}
        direct = self._firstresult("ciclope_objective_achievement")
        return direct(kwargs) if direct is not None else self._hook.ciclope_objective_achievement(**kwargs)

    def organizational_performance(self, *, ente: Ente, params: Params, trace: Trace) -> OrgPerformance:
        return self._hook.ciclope_organizational_performance(ente=ente, params=params, trace=trace, hooks=self)

    def attestation(self, *, ente: Ente, org: OrgPerformance, params: Params, trace: Trace) -> Attestation:
        return self._hook.ciclope_attestation(ente=ente, org=org, params=params, trace=trace)

    def individual_score(
        self,
        *,
        person: Person,
        ente: Ente,
        org: OrgPerformance,
        params: Params,
        card: Sequence[EvaluationItem],
        trace: Trace,
        attestation: Attestation | None = None,
    ) -> Score:
        kwargs = {
            "person": person,
            "ente": ente,
            "org": org,
            "params": params,
            "card": card,
            "trace": trace,
            "attestation": attestation,
        }
        direct = self._firstresult("ciclope_individual_score")
        return direct(kwargs) if direct is not None else self._hook.ciclope_individual_score(**kwargs)

    def individual_scorer(
        self,
        *,
        ente: Ente,
        org: OrgPerformance,
        params: Params,
        trace: Trace,
        attestation: Attestation | None = None,
    ) -> Callable[[Person, Sequence[EvaluationItem]], Score]:
        """:meth:`individual_score` for each person of one ente, ``scorer(person, card)``: the ente's arguments
        and the direct call looked up once per ente, not once per person (issue 18)."""
        fixed = {"ente": ente, "org": org, "params": params, "trace": trace, "attestation": attestation}
        call = self._positional("ciclope_individual_score", ("person", "card"), fixed)
        if call is not None:
            return cast("Callable[[Person, Sequence[EvaluationItem]], Score]", call)
        hook = self._hook.ciclope_individual_score
        return lambda person, card: hook(person=person, card=card, **fixed)

    def fund_pools(
        self,
        *,
        ente: Ente,
        params: Params,
        org: OrgPerformance,
        attestation: Attestation,
        resources: dict[str, Pool],
        trace: Trace,
    ) -> dict[str, Pool]:
        return self._hook.ciclope_fund_pools(
            ente=ente, params=params, org=org, attestation=attestation, resources=resources, trace=trace
        )

    def rewards(
        self,
        *,
        ente: Ente,
        scores: dict[str, Score],
        pools: dict[str, Pool],
        params: Params,
        org: OrgPerformance,
        trace: Trace,
    ) -> Rewards:
        return self._hook.ciclope_rewards(ente=ente, scores=scores, pools=pools, params=params, org=org, trace=trace)

    def position_pay(
        self,
        *,
        ente: Ente,
        params: Params,
        org: OrgPerformance,
        attestation: Attestation,
        scores: dict[str, Score],
        trace: Trace,
    ) -> Positions | None:
        return self._hook.ciclope_position_pay(
            ente=ente, params=params, org=org, attestation=attestation, scores=scores, trace=trace
        )

    def calendar(self, *, ente: Ente, year: int, params: Params) -> list[Deadline]:
        return _flat(self._hook.ciclope_calendar(ente=ente, year=year, params=params))

    def report_sections(self, *, ente: Ente, result: Result) -> list[ReportSection]:
        return _flat(self._hook.ciclope_report_sections(ente=ente, result=result))


def _flat(answers: Iterable[Iterable[T] | None] | None) -> list[T]:
    out: list[T] = []
    for answer in answers or ():
        if answer:
            out.extend(answer)
    return out


def import_module(name: str) -> ModuleType:  # pragma: no cover - convenience for tests
    return importlib.import_module(name)
