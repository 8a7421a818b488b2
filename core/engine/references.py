"""Every reference of an explanation leads somewhere: an input's ``ref`` names a recorded figure, its ``cell``
an input of the ente.

``ciclope explain`` walks a figure's inputs through their ``ref`` (another figure's key) down to their
``cell`` (``file:row:column`` of an input file, ``ente.toml:funds.x``, or ``params:name`` for a parameter in
force). A mistyped key (``scor:E1`` for ``score:E1``) computes nothing wrong and leaves a hole in the
explanation that only ``explain`` would show. At the end of an ente's cycle every input is looked up, in one
pass over the figures: a ``ref`` to no recorded figure, or a ``cell`` in a file the ente was not given (or a
parameter it has not), is a warning in production (the run goes on) and a failed test in the plugin test kit
(:func:`core.testing.compute_ente`).

The cards' items (:class:`core.trace.CardInputs`, most of a big ente's inputs) name cells of evaluations.csv
or appeals.csv, which the cards were read from, never figures: they are skipped without being built.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping

from ciclope.core.citation import Citation
from ciclope.core.model import Ente
from ciclope.core.problems import Problem
from ciclope.core.trace import CardInputs, Figure

REF = "core.spiegazione.riferimento"
CELL = "core.spiegazione.cella"
RULES = frozenset({REF, CELL})
SOURCE = Citation.of("D.Lgs. 150/2009", "art. 19")


def sources(ente: Ente, params: Iterable[str]) -> frozenset[str]:
    """What a cell may name before its first colon: an input file of the ente as ``ente.cell`` names it
    (``people.csv``, or ``ente.xlsx[persone]`` for a workbook's sheet), the sheet's ``.csv`` name that
    ``explain`` maps to the workbook, ``ente.toml``, the file that wrote a fund in its place (a scenario's, in
    ``Ente.fund_written``), or ``params:<name>`` of a parameter in force."""
    stems = {name.removesuffix(".csv") for name in ente.files} | set(ente.headers)
    named = {ente.file_of(s) for s in stems} | {f"{s}.csv" for s in stems}
    written = {cell.partition(":")[0] for cell in ente.fund_written.values()}
    return frozenset(named | written | {"ente.toml"} | {f"params:{p}" for p in params})


def origin(cell: str) -> str:
    """The part of a cell :func:`sources` judges: the file, or ``params:<name>``."""
    head, _, rest = cell.partition(":")
    return f"params:{rest}" if head == "params" else head


def dangling(figures: Mapping[str, Figure], given: Collection[str] = ()) -> list[tuple[str, str, str, str]]:
    """(rule, figure key, input name, what is missing) of every input whose ``ref`` names no recorded figure
    and, when ``given`` (:func:`sources`) is, whose ``cell`` names nothing in it."""
    out = []
    for f in figures.values():
        if type(f.inputs) is CardInputs:  # its items name cells of the files the cards were read from
            continue
        for i in f.inputs:
            if i.ref and i.ref not in figures:
                out.append((REF, f.key, i.name, i.ref))
            # the file before the first colon decides, but for ``params:<name>`` (rare): one split per cell
            if given and (cell := i.cell) and cell.partition(":")[0] not in given and origin(cell) not in given:
                out.append((CELL, f.key, i.name, cell))
    return out


def unresolved(figures: Mapping[str, Figure], ente: Ente, params: Iterable[str]) -> list[Problem]:
    """A warning for each input of a figure whose reference or cell leads nowhere."""
    return [problem(*found) for found in dangling(figures, sources(ente, params))]


def problem(rule: str, key: str, name: str, missing: str) -> Problem:
    if rule == REF:
        message = (
            f"la spiegazione di {key} rimanda, per «{name}», a {missing}, che non è stata registrata: "
            f"ciclope explain non può mostrarne il calcolo; il plugin deve registrare {missing} "
            "(trace.record) o correggere il riferimento"
        )
    else:
        message = (
            f"la spiegazione di {key} indica, per «{name}», la cella {missing}, che non è in un file dell'ente "
            "né in un parametro in vigore: ciclope explain non può mostrarne la provenienza; il plugin deve "
            "correggere la cella"
        )
    return Problem(rule=rule, severity="warning", source=SOURCE, message=message)
