"""Scenarios of ``ciclope compare``: parameter and fund overrides run on one ente's data.

A scenario file (TOML) holds::

    descrizione = "5 fasce di merito"      # optional, shown in the reports
    [parametri]                            # the same keys and values as [ente.parametri]
    fasce = [ { nome = "a", personale = 0.10, risorse = 0.25 }, … ]
    [fondi]                                # optional: amounts replacing (or adding) ente.toml [fondi]
    performance_individuale = "32000.00"
    [fondo]                                # optional: rows of a plugin's own sheet set by key (InputSchema.keyed)
    opzionale_022_2021 = "2200.00"         # e.g. the fund's optional 0.22%: its amount, the row added if absent

(the English names ``description``, ``[params]``, ``[funds]`` stay accepted as aliases).

The scenario ``attuale`` is the ente as configured. Every other scenario is the ente's own
``[ente.params]`` with the scenario's ``[params]`` on top, and its ``[funds]`` with the scenario's
on top. A value of the wrong type or out of the parameter's bounds is a configuration error naming
the scenario file and key (nothing is computed); a combination the regulation forbids (the
plugin's ``ciclope_check_params``, e.g. art. 17.2 ratios between merit bands) is computed anyway
and listed with the scenario's violations, never dropped. Nothing is written anywhere: no store,
no ente output folder.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs

from ciclope.core.engine import hookspecs
from ciclope.core.engine.cycle import run_cycle
from ciclope.core.engine.registry import Hooks
from ciclope.core.fmt import quoted, toml_value
from ciclope.core.inputs.config import EnteConfig
from ciclope.core.inputs.loading import load_ente, merge_schemas, sheet_title
from ciclope.core.model import Ente, Row
from ciclope.core.outcomes import InputSchema
from ciclope.core.params import Params, by_code, flatten, italian_column, merge_params, resolve_paths
from ciclope.core.problems import CiclopeError, Problem
from ciclope.core.result import Result
from ciclope.core.tomlcompat import loads_checked, read_text
from ciclope.core.values import parse_money, to_decimal
from ciclope.core.vocabulary import FUND_NAMES, renamed

CURRENT = "attuale"
FUND_TOTAL = "fondo risorse decentrate costituito"  # the fund's total, beside the pools it pays
SCENARIO_KEYS = {"description", "params", "funds"}
SCENARIO_NAMES = {"descrizione": "description", "parametri": "params", "fondi": "funds"}
_NAME = re.compile(r"^[A-Za-z0-9_-]{1,40}$")
SOURCE = "docs/ops.md, Simulazioni per la contrattazione integrativa"


@attrs.frozen
class Scenario:
    """A named set of overrides; ``file`` is "" for ``attuale``."""

    name: str
    file: str = ""
    description: str = ""
    params: Mapping[str, Any] = attrs.field(factory=dict, hash=False)
    funds: Mapping[str, Decimal] = attrs.field(factory=dict, hash=False)
    reforms: tuple[str, ...] = ()  # pending reforms applied to this scenario (``--reform``), never by ``run``
    # rows of the plugin's own sheets set by key: sheet title → key → the value as written (InputSchema.keyed)
    rows: Mapping[str, Mapping[str, Any]] = attrs.field(factory=dict, hash=False)
    # where the file writes each fund of ``funds`` (``fondo.toml:4:fondi.performance_individuale``): an explanation
    # cites the scenario for the amount it set, never ente.toml's cell that holds another
    fund_places: Mapping[str, str] = attrs.field(factory=dict, hash=False)


@attrs.frozen
class ScenarioRun:
    """One scenario computed on one ente: what it was run with and what came out."""

    scenario: Scenario
    overrides: Mapping[str, Any] = attrs.field(factory=dict, hash=False)  # [ente.params] + scenario [params]
    params: Params | None = None
    funds: Mapping[str, Decimal] = attrs.field(factory=dict, hash=False)  # the funds in force
    result: Result | None = None  # None: could not be computed
    violations: tuple[Problem, ...] = ()  # parameter checks first, then the run's
    # the figures changed inside a parameter's content: dotted key → (the content's, the amended), as written
    amended: Mapping[str, tuple[str, str]] = attrs.field(factory=dict, hash=False)


def _problem(file: str, column: str, message: str, rule: str = "compare.scenario") -> Problem:
    return Problem(rule=rule, message=message, file=file, column=column, source=SOURCE)


def parse_spec(spec: str) -> tuple[str, Path]:
    """``NOME=FILE.toml`` → (name, path); a CiclopeError for people otherwise."""
    name, sep, file = spec.partition("=")
    name = name.strip()
    if not sep or not file.strip():
        raise CiclopeError([_problem("", "--scenario", f"{quoted(spec)}: usare --scenario NOME=FILE.toml")])
    if not _NAME.match(name):
        raise CiclopeError(
            [
                _problem(
                    "",
                    "--scenario",
                    f"nome di scenario {quoted(name)} non valido: lettere, cifre, '_' e '-', al massimo 40",
                )
            ]
        )
    if name == CURRENT:
        raise CiclopeError(
            [_problem("", "--scenario", f"il nome {quoted(CURRENT)} è riservato ai parametri in vigore")]
        )
    return name, Path(file.strip())


def load_scenario(name: str, path: Path) -> Scenario:
    """Read a scenario file; every problem in it at once (CiclopeError)."""
    label = str(path)
    if not path.is_file():
        raise CiclopeError([_problem(label, "", "file di scenario inesistente", "compare.scenario_missing")])
    try:
        text = read_text(path)  # as every TOML a user gives: depth, size, numbers, control characters
        data = loads_checked(text)
    except ValueError as exc:
        raise CiclopeError([_problem(label, "", str(exc), "compare.scenario_toml")]) from None
    table = next((t for t in ("fondi", "funds") if t in data), "fondi")  # the funds' table as the office wrote it
    data, twice = renamed(data, SCENARIO_NAMES)
    problems = [
        _problem(label, it, f"«{it}» e «{code}» sono la stessa chiave: tieni solo «{it}»", "compare.scenario_key")
        for it, code in twice
    ]
    rows = {k: dict(v) for k, v in data.items() if k not in SCENARIO_KEYS and isinstance(v, dict)}
    for key in data:
        if key not in SCENARIO_KEYS and key not in rows:
            problems.append(
                _problem(
                    label,
                    key,
                    f"chiave sconosciuta {quoted(key)} (ammesse: descrizione, [parametri], [fondi]); i parametri vanno "
                    "sotto [parametri], come in [ente.parametri] di cycle.toml",
                    "compare.scenario_key",
                )
            )
    description = data.get("description", "")
    if not isinstance(description, str):
        problems.append(_problem(label, "descrizione", "descrizione deve essere un testo"))
        description = ""
    params = data.get("params", {})
    if not isinstance(params, dict):
        problems.append(_problem(label, "parametri", "[parametri] deve essere una tabella"))
        params = {}
    funds, places, wrong = _scenario_funds(label, data.get("funds", {}), text, table)
    problems += wrong
    if not params and not funds and not rows:
        problems.append(
            _problem(
                label, "", "lo scenario non cambia nulla: indicare [parametri] e/o [fondi]", "compare.scenario_empty"
            )
        )
    if problems:
        raise CiclopeError(problems)
    return Scenario(
        name=name, file=label, description=description, params=dict(params), funds=funds, rows=rows, fund_places=places
    )


def _scenario_funds(
    label: str, written: Any, text: str, table: str
) -> tuple[dict[str, Decimal], dict[str, str], list[Problem]]:
    """The scenario's ``[fondi]``: fund name → amount, fund name → where the office wrote it (``fondo.toml:4:
    fondi.performance_individuale``: the file by its name, never the machine's folder), and the problems."""
    if not isinstance(written, dict):
        return {}, {}, [_problem(label, "fondi", "[fondi] deve essere una tabella")]
    raw_funds, _ = renamed(written, FUND_NAMES)
    as_written = {FUND_NAMES.get(key, key): key for key in written}
    funds: dict[str, Decimal] = {}
    places: dict[str, str] = {}
    problems: list[Problem] = []
    for key, raw in raw_funds.items():
        try:
            funds[key] = parse_money(raw if isinstance(raw, str) else str(to_decimal(raw)))
        except (ValueError, TypeError, ArithmeticError) as exc:
            shown = quoted(raw if isinstance(raw, str) else toml_value(raw))
            problems.append(
                _problem(label, f"fondi.{key}", f"importo non valido {shown}: {exc}", "compare.scenario_fund")
            )
            continue
        key_said = as_written.get(key, key)
        line = key_line(text, table, key_said)
        places[key] = f"{Path(label).name}:{line}:{table}.{key_said}"
    return funds, places, problems


# A table header ``[fondi]`` and a line ``key = value`` (the key bare or quoted, dotted or not)
_HEADER = re.compile(r"^\s*\[\s*\"?([A-Za-z0-9_-]+)\"?\s*\]\s*(#.*)?$")
_KEY = re.compile(r"^\s*((?:\"?[A-Za-z0-9_-]+\"?\s*\.\s*)*\"?[A-Za-z0-9_-]+\"?)\s*=")


def key_line(text: str, table: str, key: str) -> int:
    """The line (from 1) where ``text`` writes ``key`` of ``table``: under the header ``[table]``, dotted
    (``table.key = …``), or, in an inline table ``table = { key = … }``, that table's line; the first line naming the
    key where the layout is another."""
    current = ""
    for number, line in enumerate(text.splitlines(), start=1):
        header = _HEADER.match(line)
        if header is not None:
            current = header.group(1)
            continue
        found = _KEY.match(line)
        if found is None:
            continue
        path = ".".join(p.strip().strip('"') for p in found.group(1).split("."))
        full = f"{current}.{path}" if current else path
        if full == f"{table}.{key}" or (full == table and key in line):
            return number
    return next((n for n, line in enumerate(text.splitlines(), start=1) if key in line), 1)


def reform_scenarios(names: list[str], available: Mapping[str, str]) -> list[Scenario]:
    """One scenario per ``--reform NAME``: the ente as configured with the pending reform applied."""
    problems = [
        _problem(
            "",
            "--reform",
            f"riforma sconosciuta {quoted(name)} (disponibili per questo plugin: {', '.join(sorted(available)) or 'nessuna'})",
            "compare.reform_unknown",
        )
        for name in names
        if name not in available
    ]
    if problems:
        raise CiclopeError(problems)
    return [
        Scenario(name=f"riforma-{name}"[:40], description=available[name], reforms=(name,))
        for name in dict.fromkeys(names)
    ]


def load_scenarios(specs: list[str]) -> list[Scenario]:
    """Every ``--scenario NOME=FILE`` read, problems of all of them at once."""
    problems: list[Problem] = []
    out: list[Scenario] = []
    seen: set[str] = set()
    for spec in specs:
        try:
            name, path = parse_spec(spec)
            if name in seen:
                raise CiclopeError([_problem("", "--scenario", f"scenario {quoted(name)} ripetuto")])
            seen.add(name)
            out.append(load_scenario(name, path))
        except CiclopeError as exc:
            problems.extend(exc.problems)
    if problems:
        raise CiclopeError(problems)
    return out


def scenario_params(
    cfg: EnteConfig, year: int, scenario: Scenario
) -> tuple[dict, Params, list[Problem], list[Problem]]:
    """(merged overrides, params, blocking problems, regulation violations) of a scenario on an ente.

    Blocking: unknown keys, wrong types, values out of bounds (they name the scenario file and key).
    Violations: what the plugin's ``ciclope_check_params`` finds in the combination.
    """
    hooks, _ = Hooks.for_plugin(cfg.plugin)
    specs = hooks.first(hookspecs.ciclope_params, year=year) or {}
    # a file the scenario names is relative to the scenario's folder
    own, problems = resolve_paths(specs, flatten(scenario.params), Path(scenario.file).parent, scenario.file, False)
    overrides = {**by_code(specs, flatten(cfg.overrides)), **by_code(specs, own)}
    params, merged = merge_params(specs, overrides, scenario.file, cfg.national)
    params = attrs.evolve(params, reforms=frozenset(scenario.reforms))
    problems += merged
    if params.amendments:  # asked only when there are some: the default refuses each
        problems += hooks.one(hookspecs.ciclope_check_amendments, params=params, where=scenario.file)
    problems = [attrs.evolve(p, column=italian_column(p.column, specs)) for p in problems]
    hooks = hooks.for_ente(params)
    blocking = list(problems)  # column "params.<key>", file the scenario file
    if blocking:
        return overrides, params, blocking, []
    checks = [
        attrs.evolve(p, file=p.file or scenario.file, column=italian_column(p.column, specs))
        for p in hooks.collect(hookspecs.ciclope_check_params, params=params, year=year)
    ]
    return overrides, params, [], checks


def validate(enti: list[EnteConfig], year: int, scenarios: list[Scenario]) -> None:
    """Every blocking parameter problem of every scenario on every ente, at once (CiclopeError)."""
    problems: list[Problem] = []
    seen: set[tuple] = set()
    for cfg in enti:
        for sc in scenarios:
            for p in [*scenario_params(cfg, year, sc)[2], *keyed_rows(schema_of(cfg), sc)[1]]:
                if (p.file, p.column, p.message) not in seen:  # the same key is wrong for every ente
                    seen.add((p.file, p.column, p.message))
                    problems.append(p)
    if problems:
        raise CiclopeError(problems)


def schema_of(cfg: EnteConfig) -> InputSchema:
    hooks, _ = Hooks.for_plugin(cfg.plugin)
    own = hooks.for_ente(cfg.params) if cfg.params is not None else hooks  # its comparto's layer's columns too
    return merge_schemas(own.answers(hookspecs.ciclope_input_schema, params=cfg.params))


def load(cfg: EnteConfig, year: int) -> Ente:
    """The ente's data, loaded once for all its scenarios (CiclopeError when it cannot be loaded)."""
    return load_ente(cfg.data, cfg.id, year, schema_of(cfg))


def keyed_rows(schema: InputSchema, scenario: Scenario) -> tuple[dict[str, dict[str, Any]], list[Problem]]:
    """The scenario's rows by sheet (file stem → key → parsed value) and the problems: a table that is no sheet
    the plugin lets a scenario set, a value its column's parser refuses."""
    titled = {sheet_title(f.removesuffix(".csv"), schema): f for f in schema.keyed}
    out: dict[str, dict[str, Any]] = {}
    problems: list[Problem] = []
    for title, values in scenario.rows.items():
        file = titled.get(title)
        if file is None:
            allowed = ", ".join(["descrizione", "[parametri]", "[fondi]", *(f"[{t}]" for t in titled)])
            problems.append(
                _problem(
                    scenario.file,
                    title,
                    f"chiave sconosciuta {quoted(title)} (ammesse: {allowed})",
                    "compare.scenario_key",
                )
            )
            continue
        columns, value_col = schema.keyed[file]
        for key, raw in values.items():
            try:
                for column, part in zip(columns, key.split(":")):
                    schema.files[file][column](part)  # the key names rows the sheet could hold
                text = raw if isinstance(raw, str) else str(to_decimal(raw))
                out.setdefault(file.removesuffix(".csv"), {})[key] = schema.files[file][value_col](text)
            except (ValueError, TypeError, ArithmeticError) as exc:
                message = f"{title}.{key} = {toml_value(raw)}: {exc}"
                problems.append(_problem(scenario.file, f"{title}.{key}", message, "compare.scenario_row"))
    return out, problems


def with_rows(ente: Ente, schema: InputSchema, scenario: Scenario) -> Ente:
    """The ente with the scenario's rows: the rows of each key (``voce``, or ``voce:uso``) replaced by one row carrying
    the value (the first's other columns and number kept, so its explanation still names a cell), or a row added."""
    rows, _ = keyed_rows(schema, scenario)
    tables = dict(ente.tables)
    for stem, values in rows.items():
        columns, value_col = schema.keyed[f"{stem}.csv"]
        kept = list(tables.get(stem, ()))
        for key, value in values.items():
            parts = dict(zip(columns, key.split(":")))
            same = [r for r in kept if all(r[c] == v for c, v in parts.items())]
            if not same:
                kept.append(Row(values={**parts, value_col: value}, row=max((r.row for r in kept), default=1) + 1))
                continue
            new = Row(values={**same[0].values, value_col: value}, row=same[0].row)
            kept = [new if r is same[0] else r for r in kept if r is same[0] or all(r is not x for x in same)]
        tables[stem] = tuple(kept)
    return attrs.evolve(ente, tables=tables)


def run(cfg: EnteConfig, year: int, ente: Ente, scenario: Scenario) -> ScenarioRun:
    """One scenario on the loaded ente. A scenario the plugin cannot compute is kept, with why."""
    checks: list[Problem]
    if scenario.name == CURRENT and cfg.params is not None:  # load_config validated it
        overrides, params, checks = dict(cfg.overrides), cfg.params, []
    else:
        overrides, params, blocking, checks = scenario_params(cfg, year, scenario)
        if blocking:  # validate() was not called first
            raise CiclopeError(blocking)
    funds = {**ente.funds, **scenario.funds}
    written = {**ente.fund_written, **scenario.fund_places}
    hooks, info = Hooks.for_plugin(cfg.plugin)
    amended = (
        (hooks.for_ente(params).first(hookspecs.ciclope_amended_figures, params=params) or {})
        if params.amendments
        else {}
    )
    if scenario.rows:
        ente = with_rows(ente, schema_of(cfg), scenario)
    try:
        result = run_cycle(attrs.evolve(ente, funds=funds, fund_written=written), hooks, params, info)
    except CiclopeError as exc:
        return ScenarioRun(scenario, overrides, params, funds, None, tuple(checks) + tuple(exc.problems), amended)
    except Exception as exc:  # parameters the regulation forbids may leave the plugin unable to compute
        why = Problem(
            rule="compare.not_computable",
            source=SOURCE,
            file=scenario.file,
            message=f"lo scenario non si può calcolare con questi parametri ({type(exc).__name__}: {exc})",
        )
        return ScenarioRun(scenario, overrides, params, funds, None, tuple(checks) + (why,), amended)
    result = attrs.evolve(result, origin={"data": str(cfg.data), "overrides": dict(overrides)})
    funds = dict(result.ente.funds)  # with the pools a fund destines (ciclope_fund), as the cycle used them
    if result.fund is not None:  # a scenario on the fund's items shows what it constitutes
        funds[FUND_TOTAL] = result.fund.total
    return ScenarioRun(scenario, overrides, params, funds, result, tuple(checks) + tuple(result.violations), amended)
