"""Explanation records: every computed figure with its inputs, formula and legal source.

While the cycle runs, the core and the plugin record each figure in the ente's :class:`Trace`
(one per ente run). A :class:`Figure` names its inputs; an input refers either to another figure
(``ref`` = that figure's key) or to an input cell (``cell`` = ``file:row:column``), so that
``ciclope explain`` can walk from a person's euro down to the cells of the input files.

Keys are ``<kind>:<id>[:<what>]``: ``indicator:K1``, ``objective:S1``, ``area:AS1``, ``ente``,
``unit:s1``, ``person:HA`` (organizational achievement of a dirigente), ``score:HA``,
``award:HA``, ``pool:performance_individuale``, ``position:PA``…
"""

from __future__ import annotations

from typing import Any

import attrs

from .problems import Problem


@attrs.frozen
class Input:
    name: str  # Italian label: "consuntivo", "target", "peso"
    value: Any
    ref: str = ""  # key of another figure
    cell: str = ""  # "indicators.csv:3:actual"


@attrs.frozen
class Figure:
    key: str
    value: Any
    formula: str  # in words (Italian), e.g. "consuntivo / target, limitato a [0, 1]"
    source: str  # "rules/core.md §1", "004_a450255962d2094d.txt §5.2"
    inputs: tuple[Input, ...] = ()
    label: str = ""  # "Indicatore K1 — Eventi di promozione"
    note: str = ""


class Trace:
    """Collects the figures and problems of one ente run; plugins receive it as ``trace``."""

    def __init__(self) -> None:
        self.figures: dict[str, Figure] = {}
        self.problems: list[Problem] = []

    def record(
        self, key: str, value: Any, formula: str, source: str, inputs=(), label: str = "", note: str = ""
    ) -> Any:
        """Record a figure (the last record of a key wins) and return its value."""
        self.figures[key] = Figure(
            key=key, value=value, formula=formula, source=source, inputs=tuple(inputs), label=label, note=note
        )
        return value

    def problem(self, problem: Problem) -> None:
        self.problems.append(problem)

    def extend(self, problems) -> None:
        self.problems.extend(problems)

    def get(self, key: str) -> Figure | None:
        return self.figures.get(key)
