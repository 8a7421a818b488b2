"""The layer's dated provisions (``provisions.toml`` beside this file), read once per process."""

from __future__ import annotations

import functools
from pathlib import Path

from ciclope.core import Citation, provisions

FILE = Path(__file__).with_name("provisions.toml")


@functools.cache
def table() -> tuple[provisions.Provision, ...]:
    return provisions.load_provisions(FILE)


def in_force(pid: str, year: int) -> provisions.Provision | None:
    """The row of provision ``pid`` in force in the cycle ``year``, or None."""
    return provisions.in_force(table(), pid, year)


def cite(row: provisions.Provision) -> Citation:
    """The row as sources cite it: «CCNL … art. 69 (testo)»."""
    return row.citation


def article(source: str) -> str:
    """The article of a provision's source, without its secondary references: «art. 81 CCNL … 16.11.2022»."""
    return source.partition(";")[0].partition(" (")[0]
