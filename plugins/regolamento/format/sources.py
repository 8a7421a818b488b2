"""How a declared regulation's sources are cited."""

from __future__ import annotations

from ciclope.core import Citation
from ciclope.plugins.regolamento.format.spec import Regulation


def cite(reg: Regulation, source: str) -> Citation:
    """A source as published documents cite it: the act's title, then the article («…, art. 12 c. 3»); the
    regulation's act is the act cited, its ``fonte`` where in it."""
    return Citation.of(reg.act.title, source, separator=", ")
