"""Dated national provisions: the rows of a comparto layer's ``provisions.toml``.

A layer (e.g. the CCNL Funzioni Locali, docs/plugin-guide.md) keeps the national contract's figures as
rows, each with its value, the date it came into force, its source and its confidence::

    [[provision]]
    id = "eq_pay"                         # what the row is about; several rows per id, one per contract
    title = "Retribuzione di posizione delle PO/EQ"
    since = 2022-11-16
    min = 5000                            # a range (min and/or max) or a single ``value``
    max = 18000
    source = "CCNL 16.11.2022"
    confidence = "fonte secondaria"       # «testo» or «fonte secondaria»

The row in force for a cycle year is the latest whose ``since`` is on or before 31 December of that
year (as for a plugin's dated parameters). A plugin parameter names the provision that bounds it with
``national = "<id>"`` in its ``params.toml``.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from collections.abc import Iterable
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs

from ciclope.core.citation import Citation, cite, read
from ciclope.core.fmt import quoted
from ciclope.core.problems import CiclopeError, Problem
from ciclope.core.values import to_decimal

__all__ = ["CONFIDENCE", "Provision", "all_in_force", "in_force", "load_provisions"]

CONFIDENCE = ("testo", "fonte secondaria")
ROW_KEYS = {"id", "title", "since", "min", "max", "value", "source", "confidence", "note"}


@attrs.frozen
class Provision:
    """One provision of a national contract or law, in force from ``since``."""

    id: str
    title: str
    since: dt.date
    source: Citation = attrs.field(converter=read)  # the act and article, as provisions.toml writes them
    confidence: str
    min: Decimal | None = None
    max: Decimal | None = None
    value: Decimal | None = None
    note: str = ""

    def describe(self) -> str:
        """The provision's figure in words: «5000–18000», «almeno 0.15», «0.30»."""
        if self.min is not None and self.max is not None:
            return f"{self.min}–{self.max}"
        if self.min is not None:
            return f"almeno {self.min}"
        if self.max is not None:
            return f"al più {self.max}"
        return "" if self.value is None else str(self.value)

    @property
    def citation(self) -> Citation:
        """The row as sources cite it, its confidence in parentheses: «CCNL … art. 69 (testo)»."""
        return cite(self.source, confidence=self.confidence)


def in_force(provisions: Iterable[Provision], pid: str, year: int) -> Provision | None:
    """The row of ``pid`` in force in the cycle ``year`` (latest ``since`` up to 31 December), or None."""
    cutoff = dt.date(year, 12, 31)
    rows = sorted((p for p in provisions if p.id == pid and p.since <= cutoff), key=lambda p: p.since)
    return rows[-1] if rows else None


def all_in_force(provisions: Iterable[Provision], year: int) -> list[Provision]:
    """Every provision in force in ``year``, one row per id, in the order the ids first appear."""
    rows = list(provisions)
    ids = list(dict.fromkeys(p.id for p in rows))
    found = (in_force(rows, pid, year) for pid in ids)
    return [p for p in found if p is not None]


def load_provisions(path: Path) -> tuple[Provision, ...]:
    """Read a ``provisions.toml``; every malformed row is reported at once (Italian, naming the row)."""
    with open(path, "rb") as fh:
        data = tomllib.load(fh)
    problems: list[Problem] = []
    rows: list[Provision] = []
    for n, raw in enumerate(data.get("provision", []), start=1):
        try:
            rows.append(_row(raw))
        except ValueError as exc:
            problems.append(Problem(rule="provisions.format", file=str(path), row=n, message=str(exc)))
    if problems:
        raise CiclopeError(problems)
    return tuple(rows)


def _row(raw: Any) -> Provision:
    if not isinstance(raw, dict):
        raise ValueError("ogni [[provision]] deve essere una tabella")
    unknown = set(raw) - ROW_KEYS
    if unknown:
        raise ValueError(f"chiavi sconosciute: {', '.join(sorted(unknown))}")
    for key in ("id", "title", "source"):
        if not str(raw.get(key, "")).strip():
            raise ValueError(f"manca {quoted(key)}")
    if not isinstance(raw.get("since"), dt.date):
        raise ValueError(f"{raw['id']}: manca la data di entrata in vigore (since = AAAA-MM-GG)")
    confidence = raw.get("confidence")
    if confidence not in CONFIDENCE:
        found = "non indicata" if confidence is None else f"trovato {quoted(confidence)}"
        raise ValueError(f"{raw['id']}: confidence deve essere {' o '.join(CONFIDENCE)}, {found}")

    def num(key: str) -> Decimal | None:
        return to_decimal(raw[key]) if key in raw else None

    return Provision(
        id=str(raw["id"]),
        title=str(raw["title"]),
        since=raw["since"],
        source=str(raw["source"]),
        confidence=str(confidence),
        min=num("min"),
        max=num("max"),
        value=num("value"),
        note=str(raw.get("note", "")),
    )
