"""How a declared regulation's sources are cited, and where in its file a problem of a formula is."""

from __future__ import annotations

from typing import Any

from ciclope.core import Citation
from ciclope.plugins.regolamento.format.expr import Formula
from ciclope.plugins.regolamento.format.spec import Regulation


def cite(reg: Regulation, source: str) -> Citation:
    """A source as published documents cite it: the act's title (or its sigla), then the article («…, art. 12 c.
    3»); the regulation's act is the act cited, its ``fonte`` where in it."""
    return Citation.of(reg.act.cited, source, separator=", ")


def written(formula: Formula | None) -> dict[str, Any]:
    """Where a value the formula could not give is to be fixed, as a Problem's file, row and column: the file of the
    regulation, the line and the key that write the formula («smvp.toml:12:premi[2].importo»); the regulation alone
    for a formula that is not the file's own."""
    at = formula.written if formula is not None else None
    if at is None:
        return {"file": "regolamento"}
    return {"file": at.file, "row": at.line, "column": at.key}
