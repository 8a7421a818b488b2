"""``cycle.toml`` (SPEC §4) → a validated :class:`RunPlan`; every problem reported at once (exit 2)."""

from __future__ import annotations

import hashlib
import re
import traceback
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

import attrs

from ciclope.core import filenames
from ciclope.core.engine import hookspecs
from ciclope.core.engine.isolation import exits_isolated
from ciclope.core.engine.registry import Hooks, available_plugins, unknown_plugin
from ciclope.core.fmt import quoted, toml_value
from ciclope.core.inputs import collection
from ciclope.core.inputs.partial import read_in_part
from ciclope.core.model import Collection
from ciclope.core.nearest import hint
from ciclope.core.params import Params, ParamSpec, italian_column, merge_params, resolve_paths
from ciclope.core.plugininfo import COMPARTO_PER_ENTE
from ciclope.core.problems import CiclopeError, Problem
from ciclope.core.tomlcompat import read_toml
from ciclope.core.vocabulary import CYCLE_KEYS as CYCLE_NAMES
from ciclope.core.vocabulary import CYCLE_TABLES, renamed
from ciclope.core.vocabulary import ENTE_KEYS as ENTE_NAMES
from ciclope.core.vocabulary import STORE_KEYS as STORE_NAMES

CYCLE_KEYS = {"year", "output"}
ENTE_KEYS = {"id", "plugin", "data", "params", "national"}
# What an office writes (the Italian names first; the codes stay accepted as aliases, never both for one key).
TOP_WORDS = "[ciclo], [[ente]], [archivio]"
CYCLE_WORDS = "anno, risultati"
ENTE_WORDS = ("id", "plugin", "dati", "parametri", "nazionale")
# Besides these, an [[ente]] table may name a file for a parameter of kind ``path`` of its plugin (e.g.
# ``regolamento = "smvp.toml"``): the core resolves it against this file's folder and passes it as that parameter;
# what the file means is the plugin's.
TOP_KEYS = {"cycle", "ente", "store"}
STORE_KEYS = {"url"}
_ENTE_ID = re.compile(r"^[a-z0-9-]+$")
SOURCE = "SPEC.md §4"


@attrs.frozen
class EnteConfig:
    id: str
    plugin: str
    data: Path
    overrides: Mapping[str, Any] = attrs.field(factory=dict, hash=False)
    national: Mapping[str, Any] = attrs.field(factory=dict, hash=False)  # [ente.national]: the CCDI's choices
    params: Params | None = attrs.field(default=None, hash=False)
    broken: str = ""  # the plugin crashed checking this ente's parameters: only this ente fails
    broken_stack: str = ""  # and its traceback, for whoever maintains the plugin (``OUT/<ente>.errore.txt``)
    # the errors of a file the ente's parameters name (its declared regulation): only this ente fails, as with its
    # data; every ente naming that file gets them
    invalid: tuple[Problem, ...] = attrs.field(default=(), hash=False)
    collection: Collection | None = attrs.field(default=None, hash=False)  # its raccolta beside cycle.toml

    @property
    def failure(self) -> str:
        """What kept the ente from being computed when it could not be loaded, said to the office."""
        return "regolamento con errori" if self.invalid else "dati non caricabili"

    def unchecked(self, problems: Iterable[Problem]) -> str:
        """What the ``problems`` of an ente that could not be loaded leave unchecked, so that a second round of errors
        is no surprise: the data behind a regulation with errors; the rows in error and their people's other rows,
        when every error is a row's (the rest were checked, :mod:`ciclope.core.inputs.partial`); else the
        calculation's checks behind data that do not load (a grade, a voce of the declared card, a formula's cell
        are checked on loaded data)."""
        if self.invalid:
            return "I dati dell'ente si controllano quando il regolamento non ha errori: correggilo e ripeti."
        if read_in_part(problems):
            return (
                "I controlli del calcolo e del regolamento sulle righe con errori, e sulle altre righe delle stesse "
                "persone, si fanno quando le correggi: correggi questi errori e ripeti."
            )
        return (
            "I controlli del calcolo e del regolamento sui dati si fanno quando i dati si caricano: correggi questi "
            "errori e ripeti."
        )


@attrs.frozen
class RunPlan:
    path: Path
    year: int
    output: Path
    enti: tuple[EnteConfig, ...]
    store: str | None = None  # [store] url as written (None: the default ciclope.db beside cycle.toml)

    def ente(self, ente_id: str | None) -> EnteConfig:
        """The ente ``ente_id`` (``--ente``); None: the cycle's only ente (a cycle of many needs the id)."""
        if ente_id is None:
            if len(self.enti) == 1:
                return self.enti[0]
            message = f"il ciclo ha {len(self.enti)} enti: scegli quale con --ente (enti: {', '.join(e.id for e in self.enti)})"
            raise CiclopeError(
                [Problem(rule="cli.ente_unknown", file=str(self.path), column="--ente", message=message)]
            )
        for e in self.enti:
            if e.id == ente_id:
                return e
        raise CiclopeError(
            [
                Problem(
                    rule="cli.ente_unknown",
                    file=str(self.path),
                    column="--ente",
                    message=f"ente {quoted(ente_id)} non presente (enti: {', '.join(e.id for e in self.enti)})",
                )
            ]
        )


def override_files(overrides: Mapping[str, Any]) -> dict[str, str]:
    """The SHA-256 of each file an ente's cycle.toml names as a parameter (a declared regulation's TOML), by the
    parameter's key: recorded with the run, so ``verify`` knows when the rules changed since, as it knows of the
    data files. A value that is not a regular file names none."""
    out = {}
    for key, value in overrides.items():
        path = Path(value) if isinstance(value, str) and value and "\x00" not in value else None
        if path is not None and path.is_file():
            out[key] = hashlib.sha256(path.read_bytes()).hexdigest()
    return out


def load_config(path: Path | str) -> RunPlan:
    path = Path(path)
    label = str(path)
    problems: list[Problem] = []

    def err(column: str, message: str, rule: str = "config.invalid") -> None:
        problems.append(Problem(rule=rule, message=message, file=label, column=column, source=SOURCE))

    data = _italian(_read_cycle_toml(path, label), CYCLE_TABLES, "", err)
    root = path.resolve().parent
    for key in data:
        if key not in TOP_KEYS:
            err(key, f"chiave sconosciuta {quoted(key)} (ammesse: {TOP_WORDS})", "config.unknown_key")
    cycle = _cycle_table(data, err)
    store_url = _store_url(data, err)
    year, output = _year_and_output(cycle, err)
    enti_raw = data.get("ente", [])
    if not isinstance(enti_raw, list) or not enti_raw:
        err("ente", "nessun [[ente]] configurato")
        enti_raw = []
    checks = _EnteChecks(root=root, label=label, year=year, installed=available_plugins())
    enti = []
    for n, raw in enumerate(enti_raw, start=1):
        found = checks.ente(n, raw)
        if found is not None:
            enti.append(found)
    problems.extend(checks.problems)
    # an error of the regulation an ente names is that ente's, and fails it alone; an error of cycle.toml stops
    # the run, and then every problem is said at once, the regulations' too
    if any(p not in checks.own for p in problems):
        raise CiclopeError(problems)
    out_dir = _output_dir(root, output, label)
    enti = collection.attach(enti, path, year)  # the collections of the cards beside cycle.toml, by their record
    return RunPlan(path=path.resolve(), year=year, output=out_dir, enti=tuple(enti), store=store_url)


_Err = Callable[..., None]  # load_config's err(column, message, rule="config.invalid")


def _italian(table: dict[str, Any], names: Mapping[str, str], where: str, err: _Err) -> dict[str, Any]:
    """``table`` with its Italian keys read as codes; a key written both ways reported, naming both."""
    out, twice = renamed(table, names)
    for it, code in twice:
        err(
            f"{where}{it}",
            f"«{it}» e «{code}» sono la stessa chiave, scritta in italiano e con il vecchio codice: tieni solo «{it}»",
            "config.duplicate_key",
        )
    return out


def _read_cycle_toml(path: Path, label: str) -> dict[str, Any]:
    """The file's tables; a missing or unreadable file is the one problem raised."""
    if not path.is_file():
        raise CiclopeError(
            [Problem(rule="config.missing", file=label, message="file di configurazione inesistente", source=SOURCE)]
        )
    try:
        return read_toml(path)
    except ValueError as exc:
        raise CiclopeError([Problem(rule="config.toml", file=label, message=str(exc), source=SOURCE)]) from None


def _cycle_table(data: dict[str, Any], err: _Err) -> dict[str, Any]:
    """``[cycle]``, its unknown keys reported; {} when it is not a table."""
    cycle = data.get("cycle", {})
    if not isinstance(cycle, dict):
        err("ciclo", "[ciclo] deve essere una tabella")
        return {}
    cycle = _italian(cycle, CYCLE_NAMES, "ciclo.", err)
    for key in cycle:
        if key not in CYCLE_KEYS:
            err(
                f"ciclo.{key}",
                f"chiave sconosciuta {quoted(key)} in [ciclo] (ammesse: {CYCLE_WORDS})",
                "config.unknown_key",
            )
    return cycle


def _store_url(data: dict[str, Any], err: _Err) -> str | None:
    """``[store] url`` as written; None when absent or bad (reported)."""
    store = data.get("store", {})
    store_url = None
    if not isinstance(store, dict):
        err("archivio", "[archivio] deve essere una tabella (es. indirizzo = \"postgresql://…\")")
    else:
        store = _italian(store, STORE_NAMES, "archivio.", err)
        for key in store:
            if key not in STORE_KEYS:
                err(
                    f"archivio.{key}",
                    f"chiave sconosciuta {quoted(key)} in [archivio] (ammessa: indirizzo)",
                    "config.unknown_key",
                )
        store_url = store.get("url")
        if store_url is not None and (not isinstance(store_url, str) or not store_url.strip()):
            err(
                "archivio.indirizzo",
                "[archivio] indirizzo deve essere un indirizzo (sqlite:///… , postgresql://…) o un file",
            )
            store_url = None
    return store_url


def _year_and_output(cycle: dict[str, Any], err: _Err) -> tuple[int, str]:
    """``[cycle]``'s year (0 when bad) and output folder ("out" when absent or bad), bad ones reported."""
    year = cycle.get("year")
    if not isinstance(year, int) or isinstance(year, bool) or not (2000 <= year <= 2100):
        found = "" if year is None else f", trovato {quoted(toml_value(year))}"
        err("ciclo.anno", f"[ciclo] anno deve essere un anno tra 2000 e 2100 (es. 2025){found}")
        year = 0
    output = cycle.get("output", "out")
    if not isinstance(output, str) or not output:
        err("ciclo.risultati", "[ciclo] risultati deve essere un percorso (la cartella dei risultati)")
        output = "out"
    return year, output


def _output_dir(root: Path, output: str, label: str) -> Path:
    """The output folder, resolved against the file's folder; a link in a loop is the one problem raised."""
    try:
        return (root / output).resolve()
    except (OSError, RuntimeError):  # a link in a loop
        raise CiclopeError(
            [
                Problem(
                    rule="config.path",
                    file=label,
                    column="ciclo.risultati",
                    message=f"{quoted(output)} è un collegamento in un ciclo",
                )
            ]
        ) from None


@attrs.define
class _EnteChecks:
    """The checks of each ``[[ente]]``: every problem of a table is reported together (issue 42: an
    unknown plugin used to hide the missing folder and the unknown keys until it was fixed), and a check
    is skipped only when it needs what failed (the parameters need the plugin and the year)."""

    root: Path
    label: str
    year: int
    installed: Any
    problems: list[Problem] = attrs.field(factory=list)
    seen: set[str] = attrs.field(factory=set)
    # The parameters of enti without overrides are the same object per plugin (Params is immutable):
    # parsed once per plugin, not once per ente.
    defaults: dict[str, tuple[Params, list[Problem]]] = attrs.field(factory=dict)
    tables: dict[str, dict[str, ParamSpec]] = attrs.field(factory=dict)  # plugin → its parameter table
    own: list[Problem] = attrs.field(factory=list)  # the problems of the files the enti name (their regulations)

    def err(self, column: str, message: str, rule: str = "config.invalid") -> None:
        self.problems.append(Problem(rule=rule, message=message, file=self.label, column=column, source=SOURCE))

    def ente(self, n: int, raw: Any) -> EnteConfig | None:
        if not isinstance(raw, dict):
            self.err(f"ente[{n}]", "ogni [[ente]] deve essere una tabella")
            return None
        raw, twice = renamed(raw, ENTE_NAMES)
        ente_id = raw.get("id")
        valid = isinstance(ente_id, str) and bool(_ENTE_ID.match(ente_id))
        where = f"ente[{ente_id}]" if valid else f"ente[{n}]"
        plugin = raw.get("plugin")
        known = isinstance(plugin, str) and plugin in self.installed
        paths = self.path_params(str(plugin)) if known and self.year else set()
        for it, code in twice:
            self.err(
                f"{where}.{it}",
                f"«{it}» e «{code}» sono la stessa chiave, scritta in italiano e con il vecchio codice: "
                f"tieni solo «{it}»",
                "config.duplicate_key",
            )
        judged = not known or bool(self.year)  # a plugin's own keys are known by the year: a bad year judges none
        for key in raw:
            if key not in ENTE_KEYS and key not in paths and judged:
                words = (*ENTE_WORDS, *sorted(paths))
                self.err(
                    f"{where}.{key}",
                    f"chiave sconosciuta {quoted(key)}{hint(key, words)} (ammesse: {', '.join(words)})",
                    "config.unknown_key",
                )
        valid = self.checked_id(where, ente_id, valid)
        self.seen.add(str(ente_id))
        if not known:
            self.problems.append(
                attrs.evolve(unknown_plugin(str(plugin), self.label, f"{where}.plugin"), source=SOURCE)
            )
        folder = self.folder(where, raw.get("data"))
        overrides = raw.get("params", {})
        if not isinstance(overrides, dict):
            self.err(f"{where}.parametri", "[ente.parametri] deve essere una tabella")
            return None
        national = raw.get("national", {})
        if not isinstance(national, dict):
            self.err(
                f"{where}.nazionale",
                "[ente.nazionale] deve essere una tabella "
                "(es. maggiorazione = { quota_premio = \"30%\", quota_personale = \"10%\" })",
            )
            return None
        if not known or not self.year:
            return None
        overrides = {**overrides, **{k: raw[k] for k in paths if k in raw}}
        overrides, problems = resolve_paths(self.specs(str(plugin)), overrides, self.root, self.label)
        for p in problems:  # said where the file is named: in the [[ente]] table or in [ente.parametri]
            name = p.column.removeprefix("parametri.")
            self.problems.append(attrs.evolve(p, column=f"{where}.{name if name in raw else p.column}"))
        if problems:
            return None
        return self.params(where, str(ente_id), str(plugin), folder, overrides, valid, national)

    def checked_id(self, where: str, ente_id: Any, valid: bool) -> bool:
        """Whether ``ente_id`` can name the ente: well formed (``valid``), the name of a folder every office
        computer opens, not the id of an earlier [[ente]]; what is wrong said at ``where``.id."""
        if not valid:
            if ente_id is None:
                self.err(f"{where}.id", "manca l'id dell'ente (id = \"…\": solo lettere minuscole, cifre e '-')")
            else:
                shown = quoted(ente_id if isinstance(ente_id, str) else toml_value(ente_id))
                self.err(f"{where}.id", f"id {shown} non valido: solo lettere minuscole, cifre e '-'")
            return False
        if filenames.stem(str(ente_id)) != ente_id:  # the name of the ente's folder and of its portal page
            self.err(
                f"{where}.id",
                f"id {quoted(ente_id)} non valido: è il nome di un dispositivo di Windows (con, prn, aux, nul, com0–com9, "
                f"lpt0–lpt9) o supera {filenames.MAX_PLAIN} caratteri, e la cartella {ente_id}/ non si potrebbe aprire "
                "né copiare sui computer dell'ufficio: scegli un altro id",
            )
            return False
        if ente_id in self.seen:
            self.err(f"{where}.id", f"id {quoted(ente_id)} ripetuto", "config.duplicate_id")
            return False
        return True

    def folder(self, where: str, data_dir: Any) -> Path | None:
        if not isinstance(data_dir, str) or not data_dir:
            self.err(f"{where}.dati", "manca la cartella dei dati (dati = \"…\")")
            return None
        try:
            folder = (self.root / data_dir).resolve()
        except (OSError, RuntimeError):  # a link in a loop
            self.err(f"{where}.dati", f"la cartella {quoted(data_dir)} è un collegamento in un ciclo", "config.path")
            return None
        try:
            folder.relative_to(self.root)
        except ValueError:
            self.err(
                f"{where}.dati",
                f"la cartella {quoted(data_dir)} è fuori dalla cartella della configurazione",
                "config.path",
            )
            return None
        if not folder.is_dir():
            self.err(f"{where}.dati", f"la cartella {quoted(data_dir)} non esiste", "config.missing_folder")
            return None
        return folder

    def specs(self, plugin: str) -> dict[str, ParamSpec]:
        """The plugin's parameter table for the cycle year; empty when it cannot be read (the parameters'
        check says why)."""
        if plugin not in self.tables:
            try:
                self.tables[plugin] = Hooks.for_plugin(plugin)[0].first(hookspecs.ciclope_params, year=self.year) or {}
            except Exception:  # noqa: BLE001 — reported by resolve_params, with the plugin's own words
                self.tables[plugin] = {}
        return self.tables[plugin]

    def path_params(self, plugin: str) -> set[str]:
        """The plugin's parameters of kind ``path``: an [[ente]] table may name their files directly."""
        return {name for name, spec in self.specs(plugin).items() if spec.kind == "path"}

    def params(
        self,
        where: str,
        ente_id: str,
        plugin: str,
        folder: Path | None,
        overrides: dict,
        valid: bool,
        national: dict | None = None,
    ) -> EnteConfig | None:
        """The ente's parameters checked (even when its id or folder is wrong: all problems in one round)."""
        national = national or {}
        try:
            if overrides or national:
                params, param_problems = resolve_params(plugin, self.year, overrides, self.label, national)
            else:
                if plugin not in self.defaults:
                    self.defaults[plugin] = resolve_params(plugin, self.year, {}, self.label)
                params, param_problems = self.defaults[plugin]
        except CiclopeError as exc:
            self.problems.extend(exc.problems)
            return None
        except PluginCrash as exc:  # a bug in the plugin: this ente fails at run time, the others go on
            if not valid or folder is None:
                return None
            return EnteConfig(
                id=ente_id,
                plugin=plugin,
                data=folder,
                overrides=dict(overrides),
                national=national,
                broken=str(exc),
                broken_stack=exc.stack,
            )
        invalid = []
        for p in param_problems:
            if p.file and p.file != self.label:  # a problem of another file (a declared regulation): as located
                invalid.append(p)
                if p not in self.problems:  # enti sharing the file share its problems: said once
                    self.problems.append(p)
                    self.own.append(p)
                continue
            self.problems.append(attrs.evolve(p, column=f"{where}.{p.column}" if p.column else where))
        if not valid or folder is None:
            return None
        return EnteConfig(
            id=ente_id,
            plugin=plugin,
            data=folder,
            overrides=dict(overrides),
            national=national,
            params=None if invalid else params,
            invalid=tuple(invalid),
        )


def resolve_params(
    plugin: str, year: int, overrides: Mapping[str, Any], where: str = "", national: Mapping[str, Any] | None = None
) -> tuple[Params, list[Problem]]:
    """The plugin's parameters in force for ``year`` merged with overrides, and what is wrong with them.

    ``national`` is ``[ente.national]``: only a plugin with a comparto layer reads it (the layer checks it
    in ``ciclope_check_params``)."""
    hooks, _ = Hooks.for_plugin(plugin)
    params, problems = merge_params(hooks.first(hookspecs.ciclope_params, year=year) or {}, overrides, where, national)
    if params.amendments:  # asked only when there are some: the default refuses each
        problems.extend(hooks.one(hookspecs.ciclope_check_amendments, params=params, where=where))
    hooks = hooks.for_ente(params)
    params = hooks.in_year(params, year)  # the roles as the ente's contract names them in the year
    # every problem at once: the plugin's combination checks run too (on the valid values), except on the
    # parameters already wrong, so one bad value is not reported twice
    specs = params.specs
    problems = [attrs.evolve(p, column=italian_column(p.column, specs)) for p in problems]
    bad = {p.column.removeprefix("parametri.") for p in problems}
    try:
        with exits_isolated():
            checked = hooks.collect(hookspecs.ciclope_check_params, params=params, year=year)
    except BaseException as exc:  # noqa: B036 — sys.exit() in a plugin must not end the run
        if isinstance(exc, KeyboardInterrupt):
            raise
        raise PluginCrash(
            f"errore interno del plugin {plugin} nel controllo dei parametri: {type(exc).__name__}: {exc}",
            traceback.format_exc(),
        ) from None
    problems.extend(
        attrs.evolve(p, file=p.file or where, column=italian_column(p.column, specs))
        for p in checked
        if italian_column(p.column, specs).removeprefix("parametri.") not in bad
    )
    if national and not hooks.layers and not _comparto_unknown(hooks, problems):
        problems.append(
            Problem(
                rule="config.national_unused",
                file=where,
                column="nazionale",
                source=SOURCE,
                message=f"[ente.nazionale] non si applica: l'ente (plugin {plugin}) non appartiene a un comparto con "
                "un livello nazionale installato (togli la tabella, o dichiara il comparto dell'ente)",
            )
        )
    return params, problems


def _comparto_unknown(hooks: Hooks, problems: list[Problem]) -> bool:
    """Whether the ente's comparto cannot be known: its plugin reads it from the ente's parameters (a declared
    regulation's [atto]) and they are wrong, so «no comparto» would be a false error, a cascade of theirs."""
    per_ente = hooks.info is not None and hooks.info.comparto == COMPARTO_PER_ENTE
    return per_ente and any(p.severity == "error" for p in problems)


class PluginCrash(Exception):
    """A plugin raised (or called sys.exit) in a hook that runs while the configuration is read: the message
    for people, and the traceback (``stack``) for whoever maintains the plugin."""

    def __init__(self, message: str, stack: str = "") -> None:
        super().__init__(message)
        self.stack = stack

    @property
    def problem(self) -> Problem:
        """The crash as the one problem of its ente, the same for ``run`` and ``validate``."""
        return Problem(rule="core.internal", message=str(self), source="segnalare a chi mantiene il plugin")
