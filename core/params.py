"""A plugin's parameters as dated data (``params.toml`` next to the plugin).

Every parameter has a value with its effective date (or several dated values), bounds, and a legal
source; a parameter without a source or a date is a load error. Format::

    [result_share]
    value = 0.15
    since = 2018-11-08              # effective date (required): the value in force for a cycle year
    min = 0.15                      # bounds are inclusive
    max = 1
    source = "001_2164dd4e03a9b49f.txt art. 6.5"
    description = "Quota delle risorse PO destinata alla retribuzione di risultato"
    assumption = ""                 # non-empty: why this default is an assumption (listed in reports)
    label = "quota di risultato delle PO"   # optional: the parameter's short Italian name, used for it in
                                            # published documents wherever a text names it
    italian_key = "quota_risultato"         # the key an office writes in [ente.parametri] (and documents and
                                            # messages name); the code stays accepted as an alias
    unit = "euro"                           # optional: an amount (a share, bounds within 0–1, reads as %)

    [band_money]
    kind = "choice"
    choices = ["per_capita", "band_pool"]
    labels = { per_capita = "pro capite", band_pool = "quota per fascia" }   # a choice's words for people

    [point_value_staff]
    kind = "number"
    source = "004_a450255962d2094d.txt §5.3"
    values = [ { since = 2021-07-29, value = 0.01 } ]   # dated values: the latest in force in the year; a
                                                        # row's own source (the act that set it) replaces the
                                                        # parameter's in the years it is in force

``kind`` ∈ number (default), integer, text, choice (with ``choices``), table (a list of tables,
checked by the plugin's ``ciclope_check_params`` hook), bool, path (a file named relative to the file that
writes it: the core resolves it, checks that it exists, and hands the plugin its absolute path; in
``cycle.toml`` it may be written in the ``[[ente]]`` table itself).

An override whose key starts with a parameter's name and a dot (``"regolamento.premio.massimo" = 1200``,
or the same as nested tables) is an *amendment*: one figure inside what the parameter names. The core
collects them in ``Params.amendments``; the plugin checks them (``ciclope_check_amendments``) and reads them.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from collections.abc import Callable, Mapping
from decimal import Decimal
from pathlib import Path
from typing import Any, TypeVar

import attrs

from ciclope.core.citation import Citation, read
from ciclope.core.fmt import decimal_it, quoted, toml_value
from ciclope.core.nearest import hint
from ciclope.core.problems import Problem, Problems
from ciclope.core.values import to_decimal

T = TypeVar("T")

KINDS = ("number", "integer", "text", "choice", "table", "bool", "path")
SPEC_KEYS = {
    "value",
    "values",
    "kind",
    "min",
    "max",
    "choices",
    "source",
    "description",
    "assumption",
    "since",
    "national",
    "label",
    "labels",
    "italian_key",
    "unit",
}
DATED_KEYS = {"since", "value", "source"}  # a row of ``values``: its date, its value, the act that set it (optional)
# The keys of a table parameter's rows as an office writes them (``{ nome = "alta", personale = 0.2, risorse =
# 0.5 }``), read as the codes the plugins use; the codes stay accepted.
ROW_KEYS = {
    "nome": "name",
    "personale": "staff",
    "risorse": "resources",
    "da": "min",
    "fino_a": "max",
    "quota": "share",
}


@attrs.frozen
class ParamSpec:
    name: str
    value: Any
    source: Citation = attrs.field(converter=read)  # as params.toml writes it, read into its parts once
    kind: str = "number"
    min: Decimal | None = None
    max: Decimal | None = None
    choices: tuple[str, ...] = ()
    description: str = ""
    assumption: str = ""
    since: dt.date | None = None
    # the id of the national provision that bounds this parameter (``national = "eq_pay"``): the comparto's
    # layer replaces ``min``/``max`` with the provision in force in the cycle year and names it in
    # ``bound_source``; without a layer the bounds of params.toml apply
    national: str = ""
    bound_source: Citation = attrs.field(default=Citation(), converter=read)
    # the parameter's short Italian name and its choices' words (``per_capita`` → «pro capite»): published
    # documents say these wherever a description, an assumption or a value would name a code
    label: str = ""
    labels: Mapping[str, str] = attrs.field(factory=dict, hash=False)
    # the key an office writes for it in cycle.toml (``quota_risultato``); "" when the code is Italian already
    italian_key: str = ""
    # how its number reads where the bounds do not say it: ``euro`` (an amount); a share (bounds within 0–1)
    # reads as a percentage without it
    unit: str = ""

    @property
    def key(self) -> str:
        """The parameter's name as an office writes it and reads it: its Italian key, else its code."""
        return self.italian_key or self.name

    def choice(self, written: Any) -> Any:
        """A choice as written read as its code: the code itself, or its words (``"pro capite"`` or
        ``"pro_capite"`` for ``per_capita``)."""
        if self.kind != "choice" or not isinstance(written, str) or written in self.choices:
            return written
        folded = _fold(written)
        return next((code for code, word in self.labels.items() if _fold(word) == folded), written)


def _fold(text: str) -> str:
    return " ".join(text.replace("_", " ").lower().split())


def _rows(spec_name: str, raw: list[dict[str, Any]]) -> tuple[dict[str, Any], ...]:
    """A table parameter's rows with the Italian keys read as codes; a key written both ways is refused."""
    out = []
    for row in raw:
        read: dict[str, Any] = {}
        for key, value in row.items():
            code = ROW_KEYS.get(key, key)
            if code in read or (code != key and code in row):
                raise ValueError(f"{spec_name}: «{key}» e «{code}» sono la stessa chiave in una riga: tienine una")
            read[code] = value
        out.append(read)
    return tuple(out)


def _coerce(spec_name: str, kind: str, raw: Any) -> Any:
    if kind in ("number", "integer"):
        value = to_decimal(raw)
        if kind == "integer" and value != value.to_integral_value():
            raise ValueError(f"{spec_name}: atteso un numero intero, trovato {quoted(toml_value(raw))}")
        return value
    if kind == "bool":
        if not isinstance(raw, bool):
            raise ValueError(f"{spec_name}: atteso true/false, trovato {quoted(toml_value(raw))}")
        return raw
    if kind == "path" and not isinstance(raw, str):
        raise ValueError(f"{spec_name}: atteso il nome di un file, trovato {quoted(toml_value(raw))}")
    if kind == "table":
        if not isinstance(raw, list) or not all(isinstance(r, dict) for r in raw):
            raise ValueError(f"{spec_name}: attesa una lista di tabelle, trovato {quoted(toml_value(raw))}")
        return _rows(spec_name, raw)
    if not isinstance(raw, str):
        raise ValueError(f"{spec_name}: atteso un testo, trovato {quoted(toml_value(raw))}")
    return raw


def check_bounds(spec: ParamSpec, value: Any) -> str | None:
    """The reason a value is out of the parameter's legal bounds, or None."""
    if spec.kind in ("number", "integer"):
        by = f" fissato da {spec.bound_source} per l'anno del ciclo" if spec.bound_source else ""
        if spec.min is not None and value < spec.min:
            return f"{spec.key} = {decimal_it(value)} è sotto il minimo {decimal_it(spec.min)}{by}"
        if spec.max is not None and value > spec.max:
            return f"{spec.key} = {decimal_it(value)} supera il massimo {decimal_it(spec.max)}{by}"
    if spec.kind == "choice" and value not in spec.choices:
        words = [spec.labels.get(c, c) for c in spec.choices]
        return f"{spec.key} = {toml_value(value)} non è tra i valori ammessi: {', '.join(words)}"
    return None


def load_param_specs(path: Path, year: int | None = None) -> dict[str, ParamSpec]:
    """Read and check a ``params.toml``; the value in force for ``year`` (default: the latest)."""
    problems = Problems()
    fname = str(path)
    with open(path, "rb") as fh:
        data = tomllib.load(fh)
    specs: dict[str, ParamSpec] = {}
    for name, raw in data.items():
        spec = _param_spec(name, raw, year, fname, problems)
        if spec is None:
            continue
        why = check_bounds(spec, spec.value)
        if why:
            problems.error("params.bounds", why, file=fname, column=name, source=spec.source)
        specs[name] = spec
    problems.raise_if_errors()
    return specs


def _param_spec(name: str, raw: Any, year: int | None, fname: str, problems: Problems) -> ParamSpec | None:
    """One parameter's table → its spec with the value in force for ``year``; None when the table is
    not well formed, has no source, no dated value in force or no value (each reported)."""
    kind = _declared_kind(name, raw, fname, problems)
    if kind is None:
        return None
    found = _in_force(name, raw, year, fname, problems)
    if found is None:
        return None
    value, since, source = found
    if not source:
        problems.error(
            "params.source", f"il parametro {name} non ha una fonte normativa (source)", file=fname, column=name
        )
        return None
    try:
        return ParamSpec(
            name=name,
            value=_coerce(name, kind, value),
            source=source,
            kind=kind,
            min=to_decimal(raw["min"]) if "min" in raw else None,
            max=to_decimal(raw["max"]) if "max" in raw else None,
            choices=tuple(raw.get("choices", ())),
            description=str(raw.get("description", "")),
            assumption=str(raw.get("assumption", "")),
            since=since,
            national=str(raw.get("national", "")),
            label=str(raw.get("label", "")),
            labels=_choice_labels(name, raw),
            italian_key=str(raw.get("italian_key", "")),
            unit=str(raw.get("unit", "")),
        )
    except ValueError as exc:
        problems.error("params.format", str(exc), file=fname, column=name)
        return None


def _declared_kind(name: str, raw: Any, fname: str, problems: Problems) -> str | None:
    """The parameter's kind, when its table is a table of known keys and a known kind (its source is checked with
    the value in force: a dated value may cite its own)."""
    if not isinstance(raw, dict):
        problems.error("params.format", f"il parametro {name} deve essere una tabella", file=fname, column=name)
        return None
    unknown = set(raw) - SPEC_KEYS
    if unknown:
        problems.error(
            "params.format", f"chiavi sconosciute per {name}: {', '.join(sorted(unknown))}", file=fname, column=name
        )
    kind: str = raw.get("kind", "number")
    if kind not in KINDS:
        problems.error("params.format", f"{name}: kind {quoted(kind)} non valido", file=fname, column=name)
        return None
    return kind


def _in_force(
    name: str, raw: dict[str, Any], year: int | None, fname: str, problems: Problems
) -> tuple[Any, dt.date, str] | None:
    """(the value, its ``since``, its source) of the latest dated value in force by the end of ``year`` (any year
    when None); None when a value has no date, none is in force, or it has no value (each reported). A dated
    value's own ``source`` (the act that set it) replaces the parameter's in the years it is in force; a key of
    a dated value that is none of ``DATED_KEYS`` is reported."""
    dated: list[dict[str, Any]] = (
        raw["values"] if "values" in raw else [{"since": raw.get("since"), "value": raw.get("value")}]
    )
    if not all(isinstance(v, dict) and isinstance(v.get("since"), dt.date) for v in dated):
        problems.error(
            "params.since",
            f"il parametro {name} non ha la data di entrata in vigore (since = AAAA-MM-GG)",
            file=fname,
            column=name,
        )
        return None
    for v in dated if "values" in raw else ():
        unknown = set(v) - DATED_KEYS
        if unknown:
            problems.error(
                "params.format",
                f"chiavi sconosciute per {name} (valore dal {v['since'].isoformat()}): {', '.join(sorted(unknown))}; "
                "un valore datato ha since, value e source",
                file=fname,
                column=name,
            )
    cutoff = dt.date(year, 12, 31) if year else dt.date.max
    in_force = sorted((v for v in dated if v["since"] <= cutoff), key=lambda v: v["since"])
    if not in_force:
        problems.error("params.in_force", f"{name}: nessun valore in vigore nel {year}", file=fname, column=name)
        return None
    value, since = in_force[-1].get("value"), in_force[-1]["since"]
    if value is None:
        problems.error("params.format", f"il parametro {name} non ha un valore", file=fname, column=name)
        return None
    return value, since, str(in_force[-1].get("source") or raw.get("source", "")).strip()


def _choice_labels(name: str, raw: Mapping[str, Any]) -> dict[str, str]:
    """A choice parameter's ``labels``: words for some of its choices, and only for its choices."""
    labels = raw.get("labels", {})
    if not isinstance(labels, dict) or not all(isinstance(v, str) for v in labels.values()):
        raise ValueError(
            f"{name}: labels deve essere una tabella scelta = \"parole\", trovato {quoted(toml_value(labels))}"
        )
    unknown = sorted(set(labels) - set(raw.get("choices", ())))
    if unknown:
        raise ValueError(f"{name}: labels per valori che non sono tra i choices: {', '.join(unknown)}")
    return dict(labels)


@attrs.frozen
class Params:
    """The parameters in force for one ente: defaults merged with the ops overrides."""

    specs: Mapping[str, ParamSpec] = attrs.field(factory=dict, hash=False)
    values: Mapping[str, Any] = attrs.field(factory=dict, hash=False)
    overridden: frozenset[str] = frozenset()
    # ``[ente.national]`` of cycle.toml as written: what the ente's CCDI decides under the national contract
    # (e.g. the art. 69 maggiorazione), checked by the comparto's layer (``ciclope_check_params``)
    national: Mapping[str, Any] = attrs.field(factory=dict, hash=False)
    # pending reforms a ``compare`` scenario applies (``--reform NAME``); ``run`` never sets them
    reforms: frozenset[str] = frozenset()
    # single figures changed inside a parameter's content: parameter → dotted key inside it → value as written
    amendments: Mapping[str, Mapping[str, Any]] = attrs.field(factory=dict, hash=False)
    # the names the ente's contract gives a role in the parameters' year where it renames it (role → the name of one
    # and of the group, with its article: «Elevata qualificazione (EQ)», «le EQ» in Funzioni Locali from 2024), for a
    # plugin whose own words name the role otherwise (:func:`core.plugininfo.contract_roles`); empty elsewhere
    contract_roles: Mapping[str, tuple[str, str]] = attrs.field(factory=dict, hash=False)

    _parsed: dict[tuple[str, Any], Any] = attrs.field(factory=dict, init=False, eq=False, hash=False, repr=False)

    def __getitem__(self, name: str) -> Any:
        return self.values[name]

    def parsed(self, name: str, parse: Callable[[Any], T]) -> T:
        """``parse(self[name])``, computed once for these parameters (one ``Params`` per ente): a table
        parameter (a tuple of dicts of raw TOML values) becomes typed rows once, not once per person.
        Treat the answer as read-only: it is shared."""
        key = (name, parse)
        if key not in self._parsed:
            self._parsed[key] = parse(self.values[name])
        parsed: T = self._parsed[key]
        return parsed

    def get(self, name: str, default: Any = None) -> Any:
        return self.values.get(name, default)

    def said(self, name: str) -> str:
        """Parameter ``name`` as an office writes it in ``[ente.parametri]`` (``peso_servizio`` for ``w_unit``): a
        message names a parameter so, never by its code."""
        spec = self.specs.get(name)
        return spec.key if spec is not None else name

    def source(self, name: str) -> Citation:
        """The source of parameter ``name`` (empty when there is no such parameter)."""
        spec = self.specs.get(name)
        return spec.source if spec else Citation()

    def __contains__(self, name: str) -> bool:
        return name in self.values


def merge_params(
    specs: Mapping[str, ParamSpec],
    overrides: Mapping[str, Any],
    where: str = "",
    national: Mapping[str, Any] | None = None,
) -> tuple[Params, list[Problem]]:
    """Defaults + ops overrides (each parameter by its Italian key or its code); unknown or out-of-bounds
    overrides, and a parameter written both ways, are problems named by the Italian key."""
    problems: list[Problem] = []
    values = {name: spec.value for name, spec in specs.items()}
    amendments: dict[str, dict[str, Any]] = {}
    codes, twice = _codes(specs, overrides)
    for it, code in twice:
        problems.append(
            Problem(
                rule="config.param_twice",
                file=where,
                column=f"parametri.{it}",
                message=f"«{it}» e «{code}» sono lo stesso parametro, scritto in italiano e con il vecchio codice: "
                f"tieni solo «{it}»",
            )
        )
    for name, raw in flatten(codes).items():
        head, dot, rest = name.partition(".")
        if dot and head in specs:
            amendments.setdefault(head, {})[rest] = raw
            continue
        spec = specs.get(name)
        if spec is None:
            words = sorted(s.key for s in specs.values())
            problems.append(
                Problem(
                    rule="config.param_unknown",
                    file=where,
                    column=f"parametri.{name}",
                    message=f"parametro sconosciuto {quoted(name)}{hint(head, words)} (parametri del regolamento: "
                    f"{', '.join(words) or 'nessuno'})",
                )
            )
            continue
        problem = _checked(spec, raw, where, values)
        if problem is not None:
            problems.append(problem)
    # a file cycle.toml must name (the declared regulation) is no default changed: only values are overridden
    overridden = frozenset(c for c in codes if c in specs and specs[c].kind != "path")
    params = Params(
        specs=dict(specs), values=values, overridden=overridden, national=dict(national or {}), amendments=amendments
    )
    return params, problems


def _codes(
    specs: Mapping[str, ParamSpec], overrides: Mapping[str, Any]
) -> tuple[dict[str, Any], list[tuple[str, str]]]:
    """The overrides with each parameter's Italian key read as its code (a dotted amendment by its head too),
    and the parameters written both ways (``(italian, code)``)."""
    by_key = {spec.italian_key: name for name, spec in specs.items() if spec.italian_key}
    out: dict[str, Any] = {}
    twice: list[tuple[str, str]] = []
    for key, raw in overrides.items():
        head, dot, rest = key.partition(".")
        code = by_key.get(head, head)
        if code != head and code in overrides:
            twice.append((head, code))
            continue
        out[code + dot + rest] = raw
    return out, twice


def italian_column(column: str, specs: Mapping[str, ParamSpec]) -> str:
    """A problem's column naming a parameter by its code (``params.bands``, as a plugin's checks write it) →
    by the key an office writes (``parametri.fasce``)."""
    head, dot, rest = column.partition(".")
    if head not in ("params", "parametri") or not dot:
        return column
    name, dot, tail = rest.partition(".")
    spec = specs.get(name)
    return f"parametri.{spec.key if spec is not None else name}{dot}{tail}"


def by_code(specs: Mapping[str, ParamSpec], overrides: Mapping[str, Any]) -> dict[str, Any]:
    """The overrides with each parameter's Italian key read as its code (when both are written the code's value
    is kept: :func:`merge_params` reports the pair)."""
    codes, _ = _codes(specs, overrides)
    return codes


def _checked(spec: ParamSpec, raw: Any, where: str, values: dict[str, Any]) -> Problem | None:
    """``raw`` as the parameter's value into ``values``, or the problem with it (type or bounds)."""
    column = f"parametri.{spec.key}"
    try:
        value = _coerce(spec.key, spec.kind, spec.choice(raw))
    except ValueError as exc:
        return Problem(rule="config.param_type", file=where, column=column, message=str(exc))
    why = check_bounds(spec, value)
    if why:
        source = f"{spec.bound_source}; {spec.source}" if spec.bound_source else spec.source
        return Problem(rule="config.param_bounds", file=where, column=column, message=why, source=source)
    values[spec.name] = value
    return None


def flatten(overrides: Mapping[str, Any]) -> dict[str, Any]:
    """Overrides with every nested table as dotted keys: ``{"a": {"b": 1}}`` → ``{"a.b": 1}`` (no parameter
    kind takes a table: a table parameter is a list of tables)."""
    out: dict[str, Any] = {}
    for name, raw in overrides.items():
        if isinstance(raw, dict):
            out.update({f"{name}.{k}": v for k, v in flatten(raw).items()})
        else:
            out[name] = raw
    return out


def resolve_paths(
    specs: Mapping[str, ParamSpec], overrides: Mapping[str, Any], root: Path, where: str, confine: bool = True
) -> tuple[dict[str, Any], list[Problem]]:
    """``overrides`` with each parameter of kind ``path`` as the absolute path of an existing file, named
    relative to ``root`` (the folder of the file that writes it; inside it when ``confine``), and the problems."""
    out, problems = dict(overrides), []
    for name, written in overrides.items():
        spec = specs.get(name)
        if spec is None or spec.kind != "path":
            continue

        column, source = f"parametri.{spec.key}", spec.source
        why: tuple[str, str] | None = None
        try:
            path = (root / written).resolve() if isinstance(written, str) and written.strip() else None
        except (OSError, RuntimeError):  # a link in a loop
            path, why = (
                None,
                ("config.path", f"il file {quoted(written)} è un collegamento in un ciclo: indica il file vero"),
            )
        if why is not None:
            pass
        elif path is None:
            why = ("config.param_type", f'{spec.key} deve essere il nome di un file, es. {spec.key} = "file.toml"')
        elif confine and not path.is_relative_to(root.resolve()):
            why = ("config.path", f"il file {quoted(written)} è fuori dalla cartella della configurazione")
        elif not path.is_file():
            # «regolamento-2026.toml» for the regolamento.toml there; never the configuration itself
            beside = hint(path.name, [n for n in _same_kind(path) if n != Path(where).name])
            why = (
                "config.missing_file",
                f"il file {quoted(written)} non esiste{beside} (percorso relativo a questo file)",
            )
        if why is not None:
            problems.append(Problem(rule=why[0], file=where, column=column, message=why[1], source=source))
            del out[name]
        else:
            out[name] = str(path)
    return out, problems


def _same_kind(path: Path) -> list[str]:
    """The names of the files beside ``path`` with its suffix (none where its folder is not there)."""
    try:
        return sorted(p.name for p in path.parent.iterdir() if p.suffix == path.suffix and p.is_file())
    except OSError:
        return []
