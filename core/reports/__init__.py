"""Human outputs of one ente: ``relazione.html``, ``schede.xlsx``, ``trasparenza.csv`` (SPEC §6)."""
from __future__ import annotations

from pathlib import Path

from ..result import Result


def write_reports(result: Result, folder: Path) -> None:
    from . import transparency
    transparency.write(result, folder / "trasparenza.csv")
