"""How a declared regulation's sources are cited."""

from __future__ import annotations

from ciclope.plugins.regolamento.format.spec import Regulation


def cite(reg: Regulation, source: str) -> str:
    """A source as published documents cite it: the act's title, then the article."""
    return f"{reg.act.title}, {source}"
