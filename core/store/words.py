"""An ente's words as its run read them, from what the store keeps of the run (its results.json).

The store records a level by its code, never by the label a declared regulation's ``[etichette]`` gives it: the
label is the regulation file's, and results.json keeps the overrides the run read (``audit.overrides``: the
regulation file's path). Read again through them, the plugin describes the ente as it held for the run
(:func:`ente_info`), so the portal and the store's commands name its levels, statuses and acts as the Relazione
did; when the file is gone or the plugin is not installed, the plugin's own words are used and a level reads as its
code.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from ciclope.core.engine import hookspecs
from ciclope.core.engine.registry import Hooks, PluginInfo, _plugin_info, available_plugins, make_plugin_manager
from ciclope.core.params import Params
from ciclope.core.reports import fmt, stats


def stored_params(plugin: str, doc: Mapping[str, Any], year: int) -> Params | None:
    """The parameters of an ente read back from the store, as its run read them (the overrides in results.json: a
    declared regulation's file); None when they cannot be read again (the file is gone, the plugin is not
    installed): the plugin's own words and columns are used then."""
    overrides = (doc.get("audit") or {}).get("overrides") or {}
    return _stored_params(plugin, json.dumps(overrides, sort_keys=True, default=str), year)


@functools.lru_cache(maxsize=256)
def _stored_params(plugin: str, overrides: str, year: int) -> Params | None:
    from ciclope.core.inputs.config import resolve_params

    try:
        return resolve_params(plugin, year, json.loads(overrides))[0]
    except Exception:  # noqa: BLE001 — the regulation's file is gone or the plugin is not installed
        return None


def plugin_info(name: str) -> PluginInfo:
    """The installed plugin's description (its documents' titles, its labels); an empty one when the plugin
    that wrote a stored result is no longer installed (its codes then read as written)."""
    return _plugin_info(name) if name in available_plugins() else PluginInfo(name=name, module="", version="")


def ente_info(plugin: str, doc: Mapping[str, Any], year: int) -> PluginInfo:
    """The plugin's description as it held for an ente: a declared regulation's title and words (its
    ``[etichette]``, its statuses' labels) from its file, as the run read it (:func:`stored_params`); the plugin's
    own when the file is gone."""
    params = stored_params(plugin, doc, year)
    return plugin_info(plugin) if params is None else _described(plugin, params)


def acts_of(info: PluginInfo) -> str:
    """The titles of the acts an ente applied (never the plugin's name and version)."""
    return "; ".join(fmt.regulation(x, info.documents) for x in info.regulations) or "regolamento dell'ente"


@functools.lru_cache(maxsize=256)
def _described(plugin: str, params: Params) -> PluginInfo:
    """One description per set of parameters: enti of one regulation file share it."""
    hooks, info = Hooks.for_plugin(plugin)  # with the layers of its comparto, whose contract names the staff
    return hooks.for_ente(params).describe(info, params)


def level_words(doc: Mapping[str, Any]) -> Mapping[str, str]:
    """The labels the ente's regulation gives its levels (``PluginInfo.ente_labels``, for ``fmt.level``), from a
    stored results.json (its ``plugin`` and ``year``); empty when nothing can be read again."""
    plugin, year = doc.get("plugin"), doc.get("year")
    if not isinstance(plugin, str) or not isinstance(year, int):
        return {}
    return ente_info(plugin, doc, year).ente_labels


def own_tops(plugin: str, doc: Callable[[], Mapping[str, Any]], year: int, roles: Iterable[str]) -> dict[str, str]:
    """Each role's highest level where the ente's people (of ``roles``) are on several scales (``stats.own_tops``),
    from the scales its run read (``PluginInfo.level_scales``, through :func:`ente_info`); empty on one scale.
    ``doc`` gives the stored results.json, read only for a plugin that may name scales (:func:`names_scales`)."""
    if not names_scales(plugin):
        return {}
    return stats.own_tops(ente_info(plugin, doc(), year).level_scales, roles)


@functools.lru_cache(maxsize=64)
def names_scales(plugin: str) -> bool:
    """Whether the installed plugin (or a layer of its comparto) answers ``ciclope_level_scales``: only then can an
    ente of it be on several scales of levels, and is its stored result read again to know."""
    if plugin not in available_plugins():
        return False
    pm, _ = make_plugin_manager(plugin)
    hook = getattr(pm.hook, hookspecs.ciclope_level_scales.__name__)
    return any(impl.plugin_name != DEFAULTS for impl in hook.get_hookimpls())


DEFAULTS = "ciclope.defaults"  # the name the core's defaults are registered by (engine.registry._register)
