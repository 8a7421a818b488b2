"""Plugin managers: one fresh ``pluggy.PluginManager`` per ente, and a typed facade over its hooks.

Plugins are found through the entry-point group ``ciclope.plugins`` (name → module), the built-in
three included, so a third-party plugin installed with pip is selected by name like them.
"""
from __future__ import annotations

import difflib
import functools
import importlib
from importlib.metadata import entry_points
from types import ModuleType
from typing import Any

import attrs
import pluggy

from . import defaults, hookspecs
from .problems import CiclopeError, Problem

GROUP = "ciclope.plugins"
PROJECT = "ciclope"


@attrs.frozen
class PluginInfo:
    name: str
    module: str
    version: str
    regulations: tuple[str, ...] = ()


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
    return Problem(rule="config.plugin_unknown", file=where, column=column,
                   message=f"plugin sconosciuto {name!r} (installati: {', '.join(known) or 'nessuno'}){hint}")


def load_plugin(name: str) -> tuple[ModuleType, PluginInfo]:
    eps = available_plugins()
    if name not in eps:
        raise CiclopeError([unknown_plugin(name)])
    ep = eps[name]
    module = ep.load()
    version = ep.dist.version if ep.dist is not None else "0"
    regulations = tuple(getattr(module, "REGULATIONS", ()))
    return module, PluginInfo(name=name, module=ep.value, version=version, regulations=regulations)


def make_plugin_manager(plugin: str | ModuleType) -> tuple[pluggy.PluginManager, PluginInfo]:
    """A fresh manager with the hookspecs, the core defaults (``trylast``) and the ente's plugin."""
    pm = pluggy.PluginManager(PROJECT)
    pm.add_hookspecs(hookspecs)
    pm.register(defaults, name="ciclope.defaults")
    if isinstance(plugin, str):
        module, info = load_plugin(plugin)
    else:
        module = plugin
        info = PluginInfo(name=getattr(module, "NAME", module.__name__), module=module.__name__,
                          version=str(getattr(module, "VERSION", "0")),
                          regulations=tuple(getattr(module, "REGULATIONS", ())))
    pm.register(module, name=info.name)
    pm.check_pending()
    return pm, info


class Hooks:
    """Typed facade over ``pm.hook``: core code calls hooks only through here, by keyword."""

    def __init__(self, pm: pluggy.PluginManager):
        self._hook = pm.hook
        self.pm = pm

    @classmethod
    def for_plugin(cls, plugin: str | ModuleType) -> tuple["Hooks", PluginInfo]:
        pm, info = make_plugin_manager(plugin)
        return cls(pm), info

    def params(self, *, year: int):
        return self._hook.ciclope_params(year=year) or {}

    def check_params(self, *, params) -> list[Problem]:
        return _flat(self._hook.ciclope_check_params(params=params))

    def input_schemas(self) -> list:
        return [s for s in self._hook.ciclope_input_schema() if s is not None]

    def synth(self, *, data, rng, year) -> None:
        self._hook.ciclope_synth(data=data, rng=rng, year=year)

    def validate(self, *, ente, params, trace) -> list[Problem]:
        return _flat(self._hook.ciclope_validate(ente=ente, params=params, trace=trace))

    def resources(self, *, ente, params, trace):
        return self._hook.ciclope_resources(ente=ente, params=params, trace=trace)

    def indicator_achievement(self, *, indicator, measured, target, trace):
        return self._hook.ciclope_indicator_achievement(indicator=indicator, measured=measured,
                                                        target=target, trace=trace)

    def objective_achievement(self, *, objective, parts, trace):
        return self._hook.ciclope_objective_achievement(objective=objective, parts=parts, trace=trace)

    def organizational_performance(self, *, ente, params, trace):
        return self._hook.ciclope_organizational_performance(ente=ente, params=params, trace=trace, hooks=self)

    def attestation(self, *, ente, org, params, trace):
        return self._hook.ciclope_attestation(ente=ente, org=org, params=params, trace=trace)

    def individual_score(self, *, person, ente, org, params, card, trace):
        return self._hook.ciclope_individual_score(person=person, ente=ente, org=org, params=params,
                                                   card=card, trace=trace)

    def fund_pools(self, *, ente, params, org, attestation, resources, trace):
        return self._hook.ciclope_fund_pools(ente=ente, params=params, org=org, attestation=attestation,
                                             resources=resources, trace=trace)

    def rewards(self, *, ente, scores, pools, params, org, trace):
        return self._hook.ciclope_rewards(ente=ente, scores=scores, pools=pools, params=params, org=org,
                                          trace=trace)

    def position_pay(self, *, ente, params, org, attestation, scores, trace):
        return self._hook.ciclope_position_pay(ente=ente, params=params, org=org, attestation=attestation,
                                               scores=scores, trace=trace)

    def calendar(self, *, ente, year, params) -> list:
        return _flat(self._hook.ciclope_calendar(ente=ente, year=year, params=params))

    def report_sections(self, *, ente, result) -> list:
        return _flat(self._hook.ciclope_report_sections(ente=ente, result=result))


def _flat(answers) -> list:
    out: list = []
    for answer in answers or ():
        if answer:
            out.extend(answer)
    return out


def import_module(name: str) -> ModuleType:  # pragma: no cover - convenience for tests
    return importlib.import_module(name)
