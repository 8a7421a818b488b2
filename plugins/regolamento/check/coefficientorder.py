"""A level's coefficient above that of a level higher on its scale (``coefficienti = { alta = 1, media = "80", bassa =
0.6 }``): the office meant 80% and typed 80, the band below the top is paid eighty times as much, and the file reads
without problems. A lower level that receives more than a higher one contradicts the scale's own order: a warning at
the part's ``coefficienti`` names both levels, and where the value is above 1 beside values up to 1, the percentage it
may have meant."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

from ciclope.core import Problem, fmt
from ciclope.plugins.regolamento.format.sources import cite
from ciclope.plugins.regolamento.format.spec import Part, Premium, Regulation, name_of
from ciclope.plugins.regolamento.pay.unpaid import part_path
from ciclope.plugins.regolamento.read.lines import line_of, said

RULE = "regolamento.coefficienti"


def problems(reg: Regulation, where: tuple[str, Mapping[str, int]]) -> list[Problem]:
    """A warning for each level paid more than the level above it, in each part that pays by level; ``where``: the
    regulation's file and the line of each key (:func:`read.load.regulation_where`)."""
    if reg.levels is None:
        return []
    scales = [s for s in (reg.levels.ladder, reg.levels.staff, reg.levels.po, reg.levels.dirigente) if s]
    out: list[Problem] = []
    for pr in reg.premiums:
        found = {pair for scale in scales for pair in _rising(pr.coefficients, [step.name for step in scale])}
        out += [_warning(reg, pr, low, high, where) for low, high in sorted(found)]
    return out


def _rising(coefficients: Mapping[str, Decimal], names: list[str]) -> list[tuple[str, str]]:
    """(lower level, the level above it) where the lower one's coefficient is higher, in a scale from the highest."""
    given = [n for n in names if n in coefficients]
    return [(low, high) for high, low in zip(given, given[1:]) if coefficients[low] > coefficients[high]]


def _warning(reg: Regulation, pr: Premium, low: str, high: str, where: tuple[str, Mapping[str, int]]) -> Problem:
    value, above = pr.coefficients[low], pr.coefficients[high]
    shown = fmt.decimal_it(value)
    percent = value > 1 and all(v <= 1 for k, v in pr.coefficients.items() if k != low)
    hint = f'; se il testo dice {shown}%, scrivi "{shown}%"' if percent else ""
    name = f"la parte «{name_of(pr)}»" if isinstance(pr, Part) else "il premio"
    message = (
        f"{name}: il coefficiente del livello «{low}» ({shown}) è più alto di quello del livello «{high}» "
        f"({fmt.decimal_it(above)}), che nella scala viene prima: il livello più basso riceverebbe di più{hint}"
    )
    file, lines = where
    path = f"{part_path(reg, pr)}.coefficienti"
    return Problem(
        rule=RULE, severity="warning", source=cite(reg, pr.source), file=file, row=line_of(dict(lines), path),
        column=said(path), message=message,
    )  # fmt: skip
