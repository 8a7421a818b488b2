"""Amendments: single numbers of a regulation changed by a dotted key, without a copy of the file.

``[ente.params]`` of cycle.toml or a ``compare`` scenario's ``[params]`` writes, for example,
``"regolamento.premio.massimo" = 1200`` or ``"regolamento.livelli.scala.B.da" = 85``: the core hands the keys
after ``regolamento.`` to :func:`check` (hook ``ciclope_check_amendments``) and the regulation of the ente
is the file with those numbers changed (:func:`apply`, through :func:`read.load.load`).

A key walks the format of :mod:`format.spec` by its TOML names: a table by its name, an element of a list of
tables by its position from 1 or by its ``nome`` (or ``regola``, for ``esclusioni``; ``misura``, for
``riduzioni``), a free name of a
table of numbers (``coefficienti``) by that name. It ends on a number (kind ``int``, ``number`` or
``money``, or a ``di_cui`` of one share): only figures are amended; texts and choices are the regulation's shape,
changed in the file.
The amended regulation is read by the same reader, so every rule between keys (thresholds in order, shares
summing to 1) holds for it too.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

import attrs

from ciclope.core import fmt
from ciclope.plugins.regolamento.format.hints import nearest
from ciclope.plugins.regolamento.format.spec import Regulation

NUMBERS = ("int", "number", "money")
SELECTORS = ("nome", "regola", "misura")  # the keys that name an element of a list of tables


class AmendError(ValueError):
    """A dotted key or value that cannot amend the regulation (the message is Italian, for people)."""


def apply(data: Mapping[str, Any], changes: Mapping[str, Any]) -> dict[str, Any]:
    """A copy of the parsed file ``data`` with each dotted key of ``changes`` set (AmendError on the first
    key that cannot be)."""
    out = copy.deepcopy(dict(data))
    for dotted, value in changes.items():
        holder, key, meta = locate(out, dotted)
        holder[key] = checked(dotted, value, meta, scale_of(data))
    return out


def problems(data: Mapping[str, Any], changes: Mapping[str, Any]) -> list[tuple[str, str]]:
    """(dotted key, message) of each change that cannot be made: all of them at once."""
    out = []
    for dotted, value in changes.items():
        try:
            _, _, meta = locate(copy.deepcopy(dict(data)), dotted)
            checked(dotted, value, meta, scale_of(data))
        except AmendError as exc:
            out.append((dotted, str(exc)))
    return out


def locate(data: dict[str, Any], dotted: str) -> tuple[dict[str, Any], str, Mapping[str, Any]]:
    """The table of ``data`` holding the number ``dotted`` names, its key there, and the key's declaration."""
    parts = dotted.split(".")
    cls: type = Regulation
    holder: dict[str, Any] = data
    walked: list[str] = []
    i = 0
    while i < len(parts):
        part = parts[i]
        fields = {f.metadata["toml"]: f for f in attrs.fields(cls)}
        if part not in fields:
            raise AmendError(f"chiave sconosciuta {fmt.quoted('.'.join([*walked, part]))}{nearest(part, list(fields))}")
        meta = fields[part].metadata
        walked.append(part)
        last = i == len(parts) - 1
        if meta["kind"] in NUMBERS and last:
            return holder, part, meta
        if meta["kind"] == "shares" and last:  # one share is a number; a share of a share is changed in the file
            if isinstance(holder.get(part), list):
                raise AmendError(
                    f"{fmt.quoted(dotted)}: {'.'.join(walked)} è una lista di quote (di cui … di cui): cambiala nel file"
                )
            return holder, part, {**meta, "kind": "number"}
        if meta["kind"] == "numbers" and i == len(parts) - 2:
            named = table(holder, part, walked)
            if parts[-1] not in named:
                raise AmendError(
                    f"{fmt.quoted(dotted)}: {'.'.join(walked)} non ha {fmt.quoted(parts[-1])}{nearest(parts[-1], list(named))} "
                    f"(nomi: {', '.join(named) or 'nessuno'})"
                )
            return named, parts[-1], {**meta, "kind": "number"}
        if meta["kind"] not in ("table", "tables") or last:
            what = "un numero" if meta["kind"] in NUMBERS else f"{'.'.join(walked)} non è un numero"
            raise AmendError(
                f"{fmt.quoted(dotted)}: si cambiano solo le cifre del regolamento; {what} "
                f"(si indica fino alla cifra, es. premio.massimo)"
            )
        if meta["kind"] == "table":
            holder = table(holder, part, walked)
        else:
            i += 1
            holder = element(holder, part, parts[i], walked)
            walked.append(parts[i])
        cls = meta["table"]
        i += 1
    raise AmendError(f"{fmt.quoted(dotted)}: chiave vuota")  # pragma: no cover - split never gives no parts


def table(holder: dict[str, Any], part: str, walked: list[str]) -> dict[str, Any]:
    found = holder.get(part)
    if not isinstance(found, dict):
        raise AmendError(f"la tabella {'.'.join(walked)} non è nel regolamento: aggiungila al file")
    return found


def element(holder: dict[str, Any], part: str, selector: str, walked: list[str]) -> dict[str, Any]:
    """The element of the list of tables ``part`` named by ``selector``: a position from 1, or a name."""
    rows = holder.get(part)
    where = ".".join(walked)
    if not isinstance(rows, list) or not all(isinstance(r, dict) for r in rows):
        raise AmendError(f"la lista {where} non è nel regolamento: aggiungila al file")
    if selector.isdigit():
        n = int(selector)
        if not 1 <= n <= len(rows):
            raise AmendError(f"{where}.{selector}: la lista {where} ha {len(rows)} elementi (da 1 a {len(rows)})")
        found: dict[str, Any] = rows[n - 1]
        return found
    names = [str(r[k]) for r in rows for k in SELECTORS if k in r]
    for row in rows:
        if any(str(row.get(k)) == selector for k in SELECTORS):
            named: dict[str, Any] = row
            return named
    raise AmendError(
        f"{where}.{selector}: nessun elemento di {where} si chiama {fmt.quoted(selector)}{nearest(selector, names)} "
        f"(nomi: {', '.join(names) or 'nessuno'}; oppure la posizione, da 1)"
    )


def scale_of(data: Mapping[str, Any]) -> Decimal | None:
    """[punteggio] su when it is a plain positive number: the file's score thresholds are written in points of
    this scale (None: 100; a wrong su is reported where the reader reads it)."""
    score = data.get("punteggio")
    raw = score.get("su") if isinstance(score, dict) else None
    if isinstance(raw, bool) or not isinstance(raw, (int, float)) or raw <= 0:
        return None
    return Decimal(str(raw))


def checked(dotted: str, value: Any, meta: Mapping[str, Any], scale: Decimal | None = None) -> Any:
    """``value`` as the file would hold it, when it is a number within the key's bounds (a score threshold's
    upper bound is the regulation's scale, when it has one)."""
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        raise AmendError(f"{dotted} = {fmt.toml_value(value)}: atteso un numero")
    percent = _percent(dotted, value, meta)
    try:
        number = Decimal(str(value)) if percent is None else percent
    except ArithmeticError:
        raise AmendError(f"{dotted} = {fmt.toml_value(value)}: atteso un numero") from None
    if not number.is_finite():
        raise AmendError(f"{dotted} = {fmt.toml_value(value)}: atteso un numero")
    if meta["kind"] == "int" and number != number.to_integral_value():
        raise AmendError(f"{dotted} = {fmt.toml_value(value)}: atteso un numero intero")
    lo, hi = meta.get("lo"), meta.get("hi")
    if meta.get("points") and scale is not None:
        hi = scale
    if lo is not None and number < lo:
        raise AmendError(f"{dotted} = {value}: sotto il minimo {lo}")
    if hi is not None and number > hi:
        raise AmendError(f"{dotted} = {value}: sopra il massimo {hi}")
    if percent is not None:
        return str(value).strip()  # as the file would hold it: its reader reads «"20%"» as it reads the file's
    if meta["kind"] == "money":
        return str(value) if isinstance(value, str) else str(number)
    if meta["kind"] == "int" or number == number.to_integral_value():
        return int(number)
    return float(number)  # as TOML gives a decimal number: the reader reads it through its text


def _percent(dotted: str, value: Any, meta: Mapping[str, Any]) -> Decimal | None:
    """The share a text such as «"20%"» is where the file takes one (a key of kind number, not of points or days,
    as the reader reads the file's «quota_fondo = "30%"»); None for any other value."""
    text = value.strip() if isinstance(value, str) else ""
    if meta["kind"] != "number" or not text.endswith("%"):
        return None
    if meta.get("points") or meta.get("days"):
        what = "punti" if meta.get("points") else "giorni"
        raise AmendError(f"{dotted} = {fmt.toml_value(value)}: è una percentuale, ma qui si scrive un numero di {what}")
    try:
        return Decimal(text[:-1].strip().replace(",", ".")) / 100
    except ArithmeticError:
        raise AmendError(f"{dotted} = {fmt.toml_value(value)}: atteso un numero") from None


def said(value: Any) -> str:
    """A figure as the office wrote it, for people: a text as typed («20%», «1.500,00»), a number with the Italian
    decimal comma (0.75 → «0,75»)."""
    if value is None:
        return "non scritto"  # a figure the file leaves to its default
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return fmt.decimal_it(Decimal(str(value)), group=False)
    return fmt.toml_value(value)
