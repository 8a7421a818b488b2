"""The report model: what a document shows, as data, before any format.

A :class:`Report` is a title, a line of context and its :class:`Section`\\ s; a section is a list of
blocks — :class:`Table`, :class:`Text`, :class:`Heading`, :class:`Figures`, :class:`Kpis`,
:class:`Objective`, :class:`Prose` — built once from the Result (:mod:`.relazione`). The Relazione is
the model rendered to HTML through Jinja2 (:mod:`.html`, ``templates/relazione.html``); the public
Relazione is the same model through the disclosure filter (:mod:`.public`); the internal workbook
(``schede.xlsx``) is a list of tables (:mod:`.sheets`), written by :mod:`.xlsx`. ``compare.html`` is a
report too, built from the comparison's document (:mod:`core.compare.report`): its charts under one
legend are :class:`Charts`, its fixed notes :class:`Snippet`\\ s.

A workbook's value keeps its type (``Decimal``, ``date``, ``None``): the writer, not the model, decides
how a number reads. A page's cells are already worded (``fmt``); a cell that is markup (a flag, a
negative deviation) or that names a person is a small type of its own, so a renderer and the disclosure
filter can tell it from text.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import attrs

Column = tuple[str, str, int]  # header, kind (text, num, int, score, ach, dev, money, date), width in characters


class Total(tuple):
    """A row shown in bold (totals), outside the sheet's filter."""

    STYLE = "total"


class Child(tuple):
    """A row for a child objective under its parent's indicators (muted)."""

    STYLE = "child"


class Off(tuple):
    """A row that does not enter the calculation (neutralized, inactive, monitoring only)."""

    STYLE = "off"


class Typed:
    """A value with its own kind, in a column of mixed kinds (the summary sheet)."""

    def __init__(self, value: Any, kind: str):
        self.value, self.kind = value, kind


def columns(headers: Sequence[str], numeric: Sequence[int] = ()) -> tuple[Column, ...]:
    """A page table's columns: ``numeric`` ones are right-aligned (their width is the page's business)."""
    return tuple((h, "num" if i in numeric else "text", 0) for i, h in enumerate(headers))


@attrs.frozen
class Table:
    """One table of a report: ``title`` (a sheet's name, or ``""`` on a page), ``columns``, ``rows`` and a
    ``note`` above it; on a page, ``empty`` says why there are no rows and ``style`` is its CSS class."""

    title: str
    columns: Sequence[Column]
    rows: Sequence[Sequence[Any]]
    note: str = ""
    empty: str = "Nessun dato."
    style: str = ""


@attrs.frozen
class Text:
    """A paragraph; ``style`` is its CSS class (``muted``, ``empty``, ``note``)."""

    text: Any
    style: str = ""


@attrs.frozen
class Heading:
    text: str
    level: int = 3


@attrs.frozen
class Prose:
    """Markup written elsewhere and already safe: the office's Markdown, the summary box, a list, a chart."""

    html: str


@attrs.frozen
class Figure:
    """An inline SVG chart; ``personal`` when a class of it can count one or two people."""

    svg: str
    personal: bool = False


@attrs.frozen
class Figures:
    """The page's charts side by side, or ``empty`` when there are none."""

    figures: Sequence[Figure]
    empty: str = ""


@attrs.frozen
class Charts:
    """Charts of the same named series (the scenarios of a comparison) side by side under their legend:
    ``legend`` pairs each series' name with its swatch, an inline SVG of the line that draws it."""

    legend: Sequence[tuple[str, str]]
    figures: Sequence[Figure]


@attrs.frozen
class Snippet:
    """A fixed passage whose words carry markup, written once in ``templates/snippets.html`` (the macro
    ``name``): the same on every page that shows it."""

    name: str


@attrs.frozen
class Kpis:
    """The headline figures: (label, value) pairs."""

    items: Sequence[tuple[str, str]]


@attrs.frozen
class Objective:
    """One objective's heading, its context line and its table; ``personal`` when it is about one person
    (an individual objective, or one a person owns, or under such)."""

    ident: str
    head: str
    meta: str
    table: Table
    personal: bool = False


@attrs.frozen
class Verdict:
    """The summary's box: the OIV's attestation (``present`` once the evaluation ran), the Relazione's
    validation (``validated`` is ``None`` before the Relazione's phase) and the count of violations.
    Figures come worded (``fmt``)."""

    present: bool
    attested: str
    given: bool  # ente.toml gives the OIV's value (:attr:`core.outcomes.Attestation.given`), else the computed one
    computed: str
    differs: bool
    judgement: str
    motivation: str
    validated: str | None
    separate: str
    errors: int
    warnings: int
    notices: int
    of_body: str = "dell'OIV"  # the ente's evaluation body with «di» (:class:`core.evaluationbody.EvaluationBody`)
    the_body: str = "l'OIV"  # and with its article


@attrs.frozen
class Assumption:
    """One assumption of the notes: the parameter as the page names it, its value, what it says and its source; an
    office's reading of its own regulation names the rule and has no value of its own ("")."""

    name: str
    value: str
    text: str
    source: str


@attrs.frozen
class Assumptions:
    """The assumptions in force, as a list."""

    items: Sequence[Assumption]


@attrs.frozen
class Acts:
    """The acts a run applied; ``applied`` is the regulation's (name, version) on the internal page, ``None``
    on the public one (a reader knows an act by its title)."""

    applied: tuple[str, str] | None
    acts: Sequence[str]


@attrs.frozen
class Reading:
    """How to read the numbers: the same words on every page; ``public``: the page a citizen reads, which names no
    command (the chain of the figures is in the ente's internal documents)."""

    public: bool = False
    scale: str = ""  # the regulation's own scale of points («500»), where the scores have one: said with them
    scored: bool = True  # False where the premium foresees no individual evaluation: no sentence on scores
    ente: str = ""  # the ente's id, in the command the internal page gives to redo a figure (``ciclope explain``)


@attrs.frozen
class Archive:
    """The place of the sections the results store fills in (trends, multi-year plans, benchmark)."""

    text: str


Block = (
    Table
    | Text
    | Heading
    | Prose
    | Figures
    | Charts
    | Snippet
    | Kpis
    | Objective
    | Verdict
    | Assumptions
    | Acts
    | Reading
    | Archive
)


@attrs.frozen
class Section:
    ident: str
    title: str
    blocks: Sequence[Block]


@attrs.frozen
class Report:
    """A whole document: ``title``, ``ente`` (its name), ``meta`` (the line under them), the sections in
    order and the ``footer`` (markup)."""

    title: str
    ente: str
    meta: str
    sections: Sequence[Section]
    footer: str


class Person(str):
    """A cell naming a person as the internal page does («Nome (id)»); :attr:`role` is how a public page
    says who they are (the disclosure filter puts it in the name's place)."""

    role: str

    def __new__(cls, shown: str, role: str) -> Person:
        made = super().__new__(cls, shown)
        made.role = role
        return made


@attrs.frozen
class Flag:
    """A short marked label in a cell; ``kind`` is ``warn``, ``err``, ``ok`` or ``info``."""

    text: str
    kind: str = "warn"


@attrs.frozen
class Flags:
    """Several flags in one cell, side by side."""

    flags: Sequence[Flag]


@attrs.frozen
class Negative:
    """A figure shown as below its target."""

    text: str


@attrs.frozen
class Lines:
    """Short texts in one cell, one a line; with a ``style``, the lines after the first are in a span of that
    class (the band under an amount)."""

    lines: Sequence[str]
    style: str = ""
