"""What the hooks return: the computed side of the cycle (frozen attrs, no I/O).

Plugins build these; the core assembles them into a :class:`core.result.Result`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal
from typing import Any

import attrs

from ciclope.core.citation import Citation, read
from ciclope.core.model import Value
from ciclope.core.money import Instalment, Pool, instalments


@attrs.frozen(weakref_slot=False)
class IndicatorOutcome:
    """An indicator at the final measurement. ``status``: scored | neutralized | inactive | monitor."""

    achievement: Decimal | None
    target: Value
    actual: Value
    status: str

    @property
    def scored(self) -> bool:
        return self.status == "scored" and self.achievement is not None


@attrs.frozen(weakref_slot=False)
class MonitoringOutcome:
    """An indicator at 30/6 against its mid-year target: ``deviation`` from the target, never cut at 100%
    (:func:`core.scoring.deviation`)."""

    achievement: Decimal
    deviation: Decimal
    target: Value
    actual: Value


# how the figure of a unit with nothing measured of its own begins: it reads its parent's achievement
INHERITED = "ereditata dall'unità superiore"


@attrs.frozen(weakref_slot=False)
class OrgPerformance:
    """Organizational performance (phase d). ``None`` = not scored (never a silent 0 or 1)."""

    ente: Decimal | None
    areas: Mapping[str, Decimal | None] = attrs.field(factory=dict, hash=False)
    objectives: Mapping[str, Decimal | None] = attrs.field(factory=dict, hash=False)
    indicators: Mapping[str, IndicatorOutcome] = attrs.field(factory=dict, hash=False)
    units: Mapping[str, Decimal | None] = attrs.field(factory=dict, hash=False)
    people: Mapping[str, Decimal | None] = attrs.field(factory=dict, hash=False)
    separate: Mapping[str, Decimal | None] = attrs.field(factory=dict, hash=False)
    not_scored: Mapping[str, str] = attrs.field(factory=dict, hash=False)  # "objective:X" → why

    def unit(self, unit_id: str | None) -> Decimal | None:
        return self.units.get(unit_id) if unit_id else None


@attrs.frozen(weakref_slot=False)
class Attestation:
    """The OIV's attestation of the organizational performance and the judgement (giudizio)."""

    computed: Decimal | None
    attested: Decimal | None
    judgement: str = ""
    motivation: str = ""
    # False where ente.toml gives no attested value ([atti] attestazione_oiv, written only where it differs from
    # the computed one): ``attested`` is the computed value, and the documents say so («80,00% (la calcolata)»)
    given: bool = True


@attrs.frozen(weakref_slot=False)
class Score:
    """An individual score 0–100 (2 decimals) with its level and the parts that made it."""

    person: str
    score: Decimal | None
    level: str | None = None
    status: str = "evaluated"  # evaluated | not_evaluated | plugin statuses
    breakdown: Mapping[str, Any] = attrs.field(factory=dict, hash=False)
    # the score as points of the regulation's own scale, where its thresholds are written on one (a regulation
    # «su 60»: 55,00 points of 60 for 91,67 on 100): what a person reads first, the score on 100 beside it
    points: Decimal | None = None
    scale: Decimal | None = None
    # False where the regulation foresees no individual evaluation of the person (every part that pays them reads
    # none): their documents say that there is none, never that one was missed
    foreseen: bool = True


@attrs.frozen(weakref_slot=False)
class Award:
    """Money to one person from one pool. ``ref`` names what the award pays for when it is not the
    person's own performance alone, e.g. the position (posizione organizzativa) whose position or
    result pay it is; ``explain`` shows it."""

    person: str
    amount: Decimal
    pool: str
    band: str | None = None
    ref: str | None = None


@attrs.frozen(weakref_slot=False)
class Rewards:
    """Phase e: pools with what was distributed, awards, statuses set by the regulation, and the instalments of
    the premiums the regulation pays in more than one payment (each award's instalments sum to the award's part)."""

    pools: Mapping[str, Pool] = attrs.field(factory=dict, hash=False)
    awards: Mapping[str, Award] = attrs.field(factory=dict, hash=False)
    statuses: Mapping[str, str] = attrs.field(factory=dict, hash=False)
    extra: Mapping[str, Any] = attrs.field(factory=dict, hash=False)  # bands, lists, statistics
    instalments: tuple[Instalment, ...] = attrs.field(default=(), hash=False)
    # pool → person id → the parts of the regulation that paid the award, (name, amount) summing to it
    # (``ciclope_award_parts``), for readers
    parts: Mapping[str, Mapping[str, Sequence[tuple[str, Decimal]]]] = attrs.field(factory=dict, hash=False)


@attrs.frozen(weakref_slot=False)
class OwnMaggiorazione:
    """The plugin's own part that pays the maggiorazione del premio individuale, as its regulation writes it:
    the part's name, the pool it pays from, what it paid each person (person id → amount, only those paid), and
    where the regulation writes it (``file``, ``row``, ``column``: a Problem's place, so a layer's warning about
    the part points at the key to correct; empty where the plugin cannot say)."""

    part: str
    pool: str
    paid: Mapping[str, Decimal] = attrs.field(factory=dict, hash=False)
    file: str = ""
    row: int | None = None
    column: str = ""


@attrs.frozen(weakref_slot=False)
class PositionPay:
    """A post of responsibility (posizione organizzativa / dirigenziale): its weighting score and pay.

    ``annual`` is the position pay the post is worth in the year (valued even when vacant);
    ``paid`` is false when nobody receives it (a vacancy, or a holder the regulation does not allow
    to be paid). ``result_max`` / ``result`` are the result pay (retribuzione di risultato) it can
    reach and what its holder gets. ``instalments`` is how many payments a year the regulation splits
    ``annual`` into (e.g. 13 mensilità: the plugin says so); ``monthly`` and ``monthly_last`` follow
    from it (rules/core.md §4: n − 1 equal instalments rounded down, the last takes the rest). The
    money itself is in the Result's pools and awards (:attr:`Positions.pools`, :attr:`Positions.awards`).
    """

    id: str
    score: Decimal
    annual: Decimal
    result_max: Decimal | None = None
    result: Decimal | None = None
    holder: str | None = None
    paid: bool = True
    instalments: int = attrs.field(default=1, validator=attrs.validators.ge(1))
    # what the holder is due for the year when the appointment covers only part of it (the plugin says so);
    # None = the whole ``annual``. The instalments of a paid position are of this amount
    due: Decimal | None = None
    # in how many of the year's ``instalments`` the holder is paid ``due`` (an appointment begun or ended within
    # the year: fewer, the plugin says how many); None = all of them
    due_instalments: int | None = None
    # the post's name as the office writes it («Direzione Settore Affari generali»), said where its code is no
    # reader's word; empty where the data give none
    title: str = ""

    @property
    def payable(self) -> Decimal:
        """The amount the instalments split: ``due`` for a paid position that has it, else ``annual`` (a vacancy
        is still valued)."""
        return self.due if self.paid and self.due is not None else self.annual

    @property
    def paid_instalments(self) -> int:
        """How many instalments split ``payable``: ``due_instalments`` for a paid position that has them, else
        ``instalments``."""
        return self.due_instalments if self.paid and self.due_instalments else self.instalments

    @property
    def monthly(self) -> Decimal:
        """Each regular instalment (all but the last)."""
        return instalments(self.payable, self.paid_instalments)[0]

    @property
    def monthly_last(self) -> Decimal:
        """The last instalment: ``payable`` − (n − 1) × ``monthly``."""
        return instalments(self.payable, self.paid_instalments)[1]


@attrs.frozen(weakref_slot=False)
class Positions:
    """Phase e for posts of responsibility: the positions, their pools (position pay, result pay)
    and the awards paid from those pools (one per holder and pool), like :class:`Rewards`."""

    positions: Mapping[str, PositionPay] = attrs.field(factory=dict, hash=False)
    pools: Mapping[str, Pool] = attrs.field(factory=dict, hash=False)
    awards: Mapping[str, Award] = attrs.field(factory=dict, hash=False)


@attrs.frozen(weakref_slot=False)
class Deadline:
    """A deadline of the regulation's calendar; ``approval`` names the ``[approvals]`` key that proves it."""

    phase: str
    act: str
    due: dt.date
    source: Citation = attrs.field(converter=read)  # a Citation, or its text read into one
    approval: str | None = None


@attrs.frozen(weakref_slot=False)
class ReportSection:
    """An extra section of the Relazione, as a title and rows of a table (plain text, escaped)."""

    title: str
    columns: tuple[str, ...]
    rows: tuple[tuple[Any, ...], ...]
    note: str = ""
    # True: the section describes the rules, never a person (the declared regulation read back, the national
    # provisions applied), and the publishable Relazione carries it too
    public: bool = False


@attrs.frozen(weakref_slot=False)
class InputSchema:
    """The plugin's own input: extra columns of canonical files and files of its own.

    ``columns``: file name → {column → parser}; ``files``: file name → {column → parser};
    ``required``: file name → columns that must be present. A parser takes the cell text and
    returns a value or raises ``ValueError`` with an Italian message. A parser marked ``pure = True``
    (an attribute: same text, same immutable value or same message, as :func:`core.values.choice`'s)
    is called once per distinct text of a column, any other once per cell. A parser's ``later`` (an attribute:
    cell text → a :class:`Problem` without its place, or None) is a problem of a cell it reads that the plugin's
    validation says of the loaded data (a grade none of the regulation's): when the load stops for another error the
    validation does not run, and the loader says it at the cell, so that both are fixed in one round.
    """

    columns: Mapping[str, Mapping[str, Callable[[str], Any]]] = attrs.field(factory=dict, hash=False)
    files: Mapping[str, Mapping[str, Callable[[str], Any]]] = attrs.field(factory=dict, hash=False)
    required: Mapping[str, tuple[str, ...]] = attrs.field(factory=dict, hash=False)
    # ente.toml keys the plugin reads: ``[funds]`` names and ``[approvals]`` names beyond its calendar's
    # (a typo such as ``performance_individual`` is an error with a suggestion, never 0 €).
    # A plugin that declares no funds gets no check of [funds].
    funds: tuple[str, ...] = ()
    approvals: tuple[str, ...] = ()
    # the funds the plugin constitutes itself for the ente (a fund its regulation computes, the sum a part owes):
    # ``ciclope template`` says so in ente.toml instead of asking for an amount
    computed_funds: tuple[str, ...] = ()
    # the funds the plugin reads when it checks [funds] itself rather than declaring ``funds`` (a declared
    # regulation warns of a fund it misses): named as ente.toml writes them, they are the pools a destination of the
    # ente's fondo risorse decentrate may pay (``Ente.fund_keys``), with no load-time check of ente.toml
    read_funds: tuple[str, ...] = ()
    # how the template and the workbook name the plugin's own sheets and columns for people: file name →
    # Italian sheet title (``innovation.csv`` → ``innovazione``), file name → column code → Italian header
    # (``position_pay`` → ``retribuzione_posizione``); the loader reads them back as the codes
    titles: Mapping[str, str] = attrs.field(factory=dict, hash=False)
    headers: Mapping[str, Mapping[str, str]] = attrs.field(factory=dict, hash=False)
    # own files whose further columns the ente's regulation names (the criteria of a position weighting declared
    # in a regulation file): file name → the parser of every column not listed in ``files``; the plugin checks
    # their names against its regulation (the loader cannot know them)
    open_columns: Mapping[str, Callable[[str], Any]] = attrs.field(factory=dict, hash=False)
    # what ``ciclope template`` says of the plugin's own columns in each header's note: file name → column code →
    # (what the column holds, an example); a column without one is described by its header. An example may name the
    # cycle's year «{anno}» and the year before «{anno-1}»: the template writes the years of the cycle it prepares
    help: Mapping[str, Mapping[str, tuple[str, str]]] = attrs.field(factory=dict, hash=False)
    # the plugin's own files an ente may also write in ente.toml, a ``[[<sheet title>]]`` table per row with the
    # columns as keys (the same parsers read the values): file names
    toml_rows: tuple[str, ...] = ()
    # those of ``toml_rows`` that hold one row, the ente's own data (a value per column): ``ciclope template`` lists
    # their columns in ente.toml as one commented table ``[<sheet title>]``
    one_row: tuple[str, ...] = ()
    # the plugin's own files whose rows a ``compare`` scenario may set by key: file name → (the key columns, the
    # column the scenario sets); a scenario's ``[<sheet title>] "<key>" = <value>`` (``"a:b"`` for the first two key
    # columns) replaces the rows of that key with one carrying the value, or adds it
    keyed: Mapping[str, tuple[tuple[str, ...], str]] = attrs.field(factory=dict, hash=False)
    # an ente's own names of its roles, read in people.csv's column ruolo as the roles (a declared regulation's
    # [etichette] ``po``, which ``ciclope template`` offers in the column's menu): word → role code
    role_words: Mapping[str, str] = attrs.field(factory=dict, hash=False)
    # an ente whose regulation classifies its staff by grades of its own (a declared regulation's [gradi]): the
    # column of people.csv that holds each person's grade and the grades' names. A grade written in the column
    # categoria of a row whose grade column is empty is an error of that cell at load, beside a category no contract
    # knows, so that every such row is said in one run (case, accents and spaces do not count)
    grade_column: str = ""
    grades: tuple[str, ...] = ()
    # the columns of a file whose cells are facts of the cycle's year, not of the person or the unit (a disciplinary
    # sanction, the days a regulation counts): file name → column codes. ``ciclope template --from`` leaves them
    # empty for next year, as it does the days of absence, so that a fact of the year before never counts again
    yearly: Mapping[str, tuple[str, ...]] = attrs.field(factory=dict, hash=False)
