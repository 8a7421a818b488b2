"""The scales of levels of a declared regulation, by role: the steps of [livelli] (the role's own scale, else the
common one), as the shared rules of :mod:`ciclope.core.bands` read them.

A scale whose thresholds are numbers is made once per regulation and role. A scale with a threshold written as a
formula (``da = "=MEDIA.ENTE(punteggio) + 1"``), or a level written as a formula, is decided once every person is
scored (:mod:`score.cohort`).
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from ciclope.core import bands
from ciclope.plugins.regolamento.format.expr import Formula
from ciclope.plugins.regolamento.format.spec import ROLES, Regulation, Step

UNKNOWN = Decimal(10) ** 9  # a threshold of the year, before the year's scores are known


def steps_of(reg: Regulation, role: str) -> Sequence[Step]:
    """The steps of the role's scale, from the highest level (none without [livelli])."""
    if reg.levels is None:
        return ()
    own = _own(reg, role)
    return own if own is not None else reg.levels.ladder


def _own(reg: Regulation, role: str) -> Sequence[Step] | None:
    """The role's own scale (``dirigente = [...]`` in [livelli]), None where it has the common one."""
    if reg.levels is None:
        return None
    return {
        "dipendente": reg.levels.staff,
        "po": reg.levels.po,
        "dirigente": reg.levels.dirigente,
        "segretario": reg.levels.segretario,
    }.get(role)


def names_by_role(reg: Regulation) -> dict[str, list[str]]:
    """Each role's level names from the highest, as the reports read the scales: the roles on the common scale
    first, then each role with a scale of its own, in the order [livelli] lists them (empty without [livelli])."""
    if reg.levels is None:
        return {}
    order = sorted(ROLES, key=lambda role: _own(reg, role) is not None)  # stable: the format's order within each
    return {role: [s.name for s in steps_of(reg, role)] for role in order}


def on_cohort(reg: Regulation) -> bool:
    """True when the levels are decided on the whole cohort: a level formula, or a threshold that is one."""
    if reg.levels is None:
        return False
    return reg.levels.formula is not None or any(isinstance(s.min, Formula) for r in ROLES for s in steps_of(reg, r))


# a regulation's ladders by role, made once: the regulations live as long as the load cache that keeps them, so
# their ids are never reused while an entry here is read
_LADDERS: dict[tuple[int, str], tuple[bands.Level, ...]] = {}


def ladder_of(reg: Regulation, role: str) -> tuple[bands.Level, ...]:
    found = _LADDERS.get((id(reg), role))
    if found is None:
        found = _LADDERS[(id(reg), role)] = _ladder(reg, role)
    return found


def _ladder(reg: Regulation, role: str) -> tuple[bands.Level, ...]:
    steps = steps_of(reg, role)
    return tuple(bands.Level(s.name, s.min) for s in steps if not isinstance(s.min, Formula))


def named(reg: Regulation) -> dict[str, list[tuple[str, Decimal]]]:
    """Each role's scale as (level, threshold) from the highest, as formulas read the levels: a threshold written as
    a formula is not known before the cohort is scored (it stands as unreachable here; the order is what counts)."""
    out: dict[str, list[tuple[str, Decimal]]] = {}
    for role in ROLES:
        out[role] = [(s.name, s.min if isinstance(s.min, Decimal) else UNKNOWN) for s in steps_of(reg, role)]
    return out
