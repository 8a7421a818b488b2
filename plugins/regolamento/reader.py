"""A regulation file → :class:`.spec.Regulation`, or every problem of it at once.

Two passes: the keys against the format of :mod:`.spec` (unknown key with the nearest known one, wrong
type, value out of bounds, missing required key, ``fonte`` included), then the rules between keys
(:mod:`.consistency`: thresholds in order, shares summing to 1, what a method needs). Every problem names
the file, the key and its line, in Italian.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, NoReturn

import attrs

from ciclope.core import Problem

from . import consistency
from .amend import scale_of
from .hints import nearest
from .lines import key_lines, line_of
from .spec import FORMATS, Regulation

SOURCE = "formato del regolamento dichiarato di ciclope"
KIND_WORDS = {
    "int": "un numero intero",
    "number": "un numero",
    "money": "un importo in euro (es. \"1500.00\")",
    "text": "un testo tra virgolette",
    "choice": "uno dei valori ammessi",
    "date": "una data AAAA-MM-GG senza virgolette",
    "bool": "true o false",
    "texts": "una lista di testi, es. [\"a\", \"b\"]",
    "table": "una tabella",
    "tables": "una lista di tabelle",
    "numbers": "una tabella di nomi e numeri",
    "labels": "una tabella di nomi e testi",
}


def shown(path: Path) -> str:
    """The file as people name it: relative to the working folder when inside it, else whole."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


@attrs.define
class Context:
    """The file being read: where its keys are, and the problems found so far."""

    file: str
    lines: dict[str, int]
    version: int = 1
    # [punteggio] su: the scale the file's score thresholds are written on (None: 100)
    scale: Decimal | None = None
    problems: list[Problem] = attrs.field(factory=list)

    def error(self, path: str, message: str, rule: str = "regolamento.formato") -> None:
        line = line_of(self.lines, path)
        at = f"riga {line}, " if line is not None else ""
        self.problems.append(
            Problem(
                rule=rule, message=f"{at}chiave {path}: {message}", file=self.file, row=line, column=path, source=SOURCE
            )
        )


class Bad(Exception):
    """A value that could not be converted (its problem is already recorded)."""


def read(path: Path, text: str, data: Mapping[str, Any]) -> tuple[Regulation | None, list[Problem]]:
    """The regulation of ``data`` (the parsed ``text`` of ``path``), or None and its problems."""
    version = data.get("formato")
    ctx = Context(
        file=shown(path), lines=key_lines(text), version=version if version in FORMATS else 1, scale=scale_of(data)
    )
    if version is not None and version not in FORMATS:
        read_ones = " e ".join(f"formato = {v}" for v in FORMATS)
        ctx.error("formato", f"formato {version!r} non supportato: questa versione legge {read_ones}")
        return None, ctx.problems
    parts, broken = root_parts(data, ctx)
    consistency.check(parts, broken, ctx.error)
    if ctx.problems:
        return None, ctx.problems
    return Regulation(**parts), []


def root_parts(data: Mapping[str, Any], ctx: Context) -> tuple[dict[str, Any], set[str]]:
    """Each top-level table built on its own (a broken one left out), so the rules between keys are checked
    on the others in the same round: every problem at once."""
    fields = {f.metadata["toml"]: f for f in attrs.fields(Regulation)}
    for name in data:
        if name not in fields:
            ctx.error(
                name,
                f"chiave sconosciuta{nearest(name, list(fields))}; ammesse: {', '.join(fields)}",
                "regolamento.chiave_sconosciuta",
            )
    parts: dict[str, Any] = {}
    broken: set[str] = set()
    for name, f in fields.items():
        if name not in data:
            if f.metadata["required"]:
                ctx.error(name, f"manca la chiave obbligatoria {name}", "regolamento.manca")
            continue
        try:
            parts[f.name] = value(f.metadata, data[name], name, ctx)
        except Bad:
            broken.add(f.name)
    return parts, broken


def table(cls: type, raw: Any, path: str, ctx: Context) -> Any:
    """``raw`` as an instance of ``cls`` (a table of :mod:`.spec`); every problem of it recorded first."""
    if not isinstance(raw, dict):
        ctx.error(path or "(file)", "deve essere una tabella", "regolamento.tipo")
        raise Bad
    fields = {f.metadata["toml"]: f for f in attrs.fields(cls)}
    for name in raw:
        if name not in fields:
            where = f"{path}.{name}" if path else name
            ctx.error(
                where,
                f"chiave sconosciuta{nearest(name, list(fields))}; ammesse: {', '.join(fields)}",
                "regolamento.chiave_sconosciuta",
            )
    values: dict[str, Any] = {}
    broken = False
    for name, f in fields.items():
        where = f"{path}.{name}" if path else name
        if name not in raw:
            if f.metadata["required"]:
                what = "la fonte (fonte = \"art. …\")" if name == "fonte" else f"la chiave obbligatoria {name}"
                ctx.error(where, f"manca {what}", "regolamento.fonte" if name == "fonte" else "regolamento.manca")
                broken = True
            continue
        try:
            values[f.name] = value(f.metadata, raw[name], where, ctx)
        except Bad:
            broken = True
    if broken:
        raise Bad
    if ctx.scale is not None:
        on_scale(cls, raw, values, ctx.scale)
    return cls(**values)


def on_scale(cls: type, raw: Mapping[str, Any], values: dict[str, Any], scale: Decimal) -> None:
    """The thresholds written in points on the regulation's scale, as the 0–100 score reads them (× 100 / su).
    An exclusion's ``minimo`` is a score only for «punteggio_minimo» (for «unita_sotto» it is a share)."""
    for f in attrs.fields(cls):
        if f.metadata["points"] and f.name in values and values[f.name] is not None:
            if raw.get("regola", "punteggio_minimo") != "punteggio_minimo":
                continue
            values[f.name] = values[f.name] * 100 / scale


def value(meta: Mapping[str, Any], raw: Any, path: str, ctx: Context) -> Any:
    """One key's value converted to its kind and checked against its bounds or choices."""
    if meta["since"] > ctx.version:
        ctx.error(
            path,
            f"la chiave è del formato {meta['since']}: scrivi formato = {meta['since']} in testa al file "
            f"(il file dice formato = {ctx.version}; tutto il resto si legge come prima)",
            "regolamento.formato",
        )
        raise Bad
    kind = meta["kind"]
    if kind == "table":
        return table(meta["table"], raw, path, ctx)
    if kind == "tables":
        if not isinstance(raw, list):
            return _wrong(meta, raw, path, ctx)
        if meta["hi"] is not None and len(raw) > meta["hi"]:  # ``hi`` of a list of tables: its most items
            ctx.error(path, f"{len(raw)} elementi, oltre il massimo di {meta['hi']}", "regolamento.valore")
            raise Bad
        items, broken = [], False
        for i, row in enumerate(raw):
            try:
                items.append(table(meta["table"], row, f"{path}[{i}]", ctx))
            except Bad:
                broken = True
        if broken:
            raise Bad
        return tuple(items)
    if kind in ("numbers", "labels"):
        if not isinstance(raw, dict):
            return _wrong(meta, raw, path, ctx)
        inner = {**meta, "kind": "number" if kind == "numbers" else "text"}
        out, broken = {}, False
        for name, item in raw.items():
            try:
                out[str(name)] = value(inner, item, f"{path}.{name}", ctx)
            except Bad:
                broken = True
        if broken:
            raise Bad
        return out
    if kind == "texts":
        if not isinstance(raw, list) or not all(isinstance(x, str) for x in raw):
            return _wrong(meta, raw, path, ctx)
        for x in raw:
            _choice(meta, x, path, ctx)
        return tuple(raw)
    return _scalar(meta, raw, path, ctx)


def _scalar(meta: Mapping[str, Any], raw: Any, path: str, ctx: Context) -> Any:
    kind = meta["kind"]
    if kind == "int":
        if isinstance(raw, bool) or not isinstance(raw, int):
            return _wrong(meta, raw, path, ctx)
        return raw
    if kind in ("number", "money"):
        number = _number(meta, raw, path, ctx)
        if kind == "money" and (number < 0 or number != number.quantize(Decimal("0.01"))):
            ctx.error(path, f"{number} non è un importo: euro non negativi, al più 2 decimali", "regolamento.valore")
            raise Bad
        _bounds(meta, number, path, ctx)
        return number
    if kind == "date":
        if not isinstance(raw, dt.date) or isinstance(raw, dt.datetime):
            return _wrong(meta, raw, path, ctx)
        return raw
    if kind == "bool":
        if not isinstance(raw, bool):
            return _wrong(meta, raw, path, ctx)
        return raw
    if not isinstance(raw, str) or not raw.strip():
        return _wrong(meta, raw, path, ctx)
    _choice(meta, raw, path, ctx)
    return raw


# At most 15 digits before the decimal point, as every number of ciclope (tomlcompat.MAX_MAGNITUDE): a text such
# as "1e30" is a finite Decimal that no amount, cent rounding or comparison of the regulation can hold.
MAX_MAGNITUDE = Decimal(10) ** 15


def _number(meta: Mapping[str, Any], raw: Any, path: str, ctx: Context) -> Decimal:
    if isinstance(raw, bool):
        return _wrong(meta, raw, path, ctx)
    if isinstance(raw, (int, float)):
        number = Decimal(str(raw))
    elif isinstance(raw, str):
        try:
            number = Decimal(raw.strip())
        except InvalidOperation:
            return _wrong(meta, raw, path, ctx)
        if not number.is_finite():
            return _wrong(meta, raw, path, ctx)
    else:
        return _wrong(meta, raw, path, ctx)
    if number.copy_abs() >= MAX_MAGNITUDE:  # copy_abs: no context, so no Overflow of its own
        shown = repr(raw) if len(str(raw)) <= 40 else repr(str(raw)[:37] + "…")
        ctx.error(
            path,
            f"numero troppo grande {shown}: al più 15 cifre prima della virgola (meno di un milione di miliardi)",
            "regolamento.valore",
        )
        raise Bad
    return number


def _bounds(meta: Mapping[str, Any], number: Decimal, path: str, ctx: Context) -> None:
    lo, hi = meta["lo"], meta["hi"]
    if meta["points"] and ctx.scale is not None:
        hi = ctx.scale  # a score threshold written in points of the regulation's scale
    if (lo is not None and number < lo) or (hi is not None and number > hi):
        ctx.error(path, f"{number} fuori dall'intervallo ammesso [{lo}, {hi}]", "regolamento.valore")
        raise Bad


def _choice(meta: Mapping[str, Any], raw: str, path: str, ctx: Context) -> None:
    choices = list(meta["choices"])
    if choices and raw not in choices:
        ctx.error(
            path,
            f"valore {raw!r} non ammesso{nearest(raw, choices)}; ammessi: {', '.join(choices)}",
            "regolamento.valore",
        )
        raise Bad


def _wrong(meta: Mapping[str, Any], raw: Any, path: str, ctx: Context) -> NoReturn:
    ctx.error(path, f"atteso {KIND_WORDS[meta['kind']]}, trovato {raw!r}", "regolamento.tipo")
    raise Bad
