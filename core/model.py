"""The domain of one ente (SPEC §5), as frozen attrs classes built by :mod:`core.inputs.loading`.

Each record keeps ``row``, its 1-based row in the input sheet (header = row 1), so that a rule
broken later can still point at the cell. Italian terms: *ente* (institution), *unità*
(organizational unit), *area strategica* (strategic area / BSC perspective), *obiettivo*
(objective), *indicatore* (indicator), *cruscotto* (dashboard of indicators assigned to a unit or
person), *scheda di valutazione* (individual evaluation card), *revisione* (mid-year target
revision), *ricorso/riesame/contraddittorio* (appeals), *fondi* (funds), *approvazioni* (formal acts).
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable, Iterable, Mapping, Sequence
from decimal import Decimal
from operator import attrgetter
from types import MappingProxyType
from typing import Any, NamedTuple, TypeVar

import attrs

from ciclope.core.evaluationbody import DEFAULT_BODY, EvaluationBody
from ciclope.core.nearest import nearest
from ciclope.core.trace import Input
from ciclope.core.vocabulary import FUND_NAMES, cell_said, italian, sheet_it, sheet_said

T = TypeVar("T")

UNIT_KINDS = ("ente", "area", "servizio", "ufficio", "staff", "azienda_speciale")
UNIT_KIND_LABELS = {  # a unit's kind in Italian, as the reports print it
    "ente": "ente",
    "area": "area",
    "servizio": "servizio",
    "ufficio": "ufficio",
    "staff": "staff",
    "azienda_speciale": "azienda speciale",
}
# Other words an office writes for a unit's kind: a Comune's first-level structures are often «Settori», a Regione's
# «Direzioni», an azienda sanitaria's «Dipartimenti»; each is an area of the core, and printed with the office's word.
UNIT_KIND_ALIASES = {"settore": "area", "direzione": "area", "dipartimento": "area"}
_PERSON = attrgetter("person")  # an evaluation row's person (Ente.cards_view)
ROLES = ("segretario", "dirigente", "po", "dipendente")
CATEGORIES = ("A", "B", "C", "D", "DIR")
OBJECTIVE_KINDS = ("strategic", "operational", "individual")
INDICATOR_TYPES = ("higher", "lower", "deadline", "boolean", "project", "monitor")
APPEAL_STAGES = ("riesame", "ricorso", "contraddittorio")
APPEAL_OUTCOMES = ("accolto", "respinto")

Value = Decimal | dt.date | bool | None  # an indicator's target or actual


@attrs.frozen(weakref_slot=False)
class Unit:
    """A node of the organization chart (``units.csv``); ``extra`` holds the plugin's own columns."""

    id: str
    name: str
    kind: str
    parent: str | None
    head: str | None
    row: int = 0
    extra: Mapping[str, Any] = attrs.field(factory=dict, hash=False)
    said: str = ""  # the office's word for the kind when it is another word for it («settore» for an area)

    @property
    def kind_label(self) -> str:
        """The unit's kind as the reports print it: the office's word («settore»), else the kind's («area»)."""
        return self.said or UNIT_KIND_LABELS.get(self.kind, self.kind)


@attrs.frozen(weakref_slot=False)
class StrategicArea:
    """A strategic area / BSC perspective (``areas.csv``); not an org unit."""

    id: str
    name: str
    weight: Decimal | None
    separate: bool = False
    row: int = 0


@attrs.frozen(weakref_slot=False)
class Person:
    """Someone evaluated (``people.csv``); ``extra`` holds the plugin's own columns."""

    id: str
    name: str
    role: str
    category: str | None
    unit: str
    fte: Decimal = Decimal(1)
    absence_days: Decimal = Decimal(0)
    insufficient: bool = False
    evaluator: str | None = None
    extra: Mapping[str, Any] = attrs.field(factory=dict, hash=False)
    row: int = 0

    @property
    def said(self) -> str:
        """The person as a message names them: «Bruno Galli (P2)», by code alone where the data give no name."""
        return f"{self.name} ({self.id})" if self.name else self.id

    def left_before(self, day: dt.date) -> bool:
        """Whether the service ended before ``day`` (people.csv's ``cessazione``, read by name as every date of
        service is): not in service on that day; a person with no such date is."""
        left = self.extra.get("cessazione")
        return isinstance(left, dt.date) and left < day

    @property
    def is_staff(self) -> bool:  # dipendente
        return self.role == "dipendente"

    @property
    def is_po(self) -> bool:  # titolare di posizione organizzativa
        return self.role == "po"

    @property
    def is_dirigente(self) -> bool:  # dirigente or Segretario Generale
        return self.role in ("dirigente", "segretario")


@attrs.frozen(weakref_slot=False)
class Objective:
    """A strategic, operational or individual objective (``objectives.csv``)."""

    id: str
    kind: str
    title: str
    parent: str | None
    area: str | None
    weight: Decimal | None
    owner: str | None
    row: int = 0


@attrs.frozen(weakref_slot=False)
class Indicator:
    """An indicator with its target for the cycle year (``indicators.csv``).

    ``active`` is False when the cycle year's target column holds ``-``. ``targets`` keeps every
    ``target_<year>`` of a multi-year plan for the reports.
    """

    id: str
    objective: str
    name: str
    type: str
    weight: Decimal | None
    baseline: Value
    target: Value
    actual: Value
    target_mid: Value = None
    actual_mid: Value = None
    neutralized: bool = False
    reason: str = ""
    source: str = ""
    active: bool = True
    targets: Mapping[int, Value] = attrs.field(factory=dict, hash=False)
    row: int = 0
    target_column: str = "target"  # the CSV column the target was read from, e.g. target_2020
    benchmark: str = ""  # a comparability code shared across enti (a catalogue's), or "" for none
    percent: bool = False  # its target or measures were written as percentages (``90%``): shown as such

    @property
    def scored(self) -> bool:
        return self.active and not self.neutralized and self.type != "monitor"


@attrs.frozen(weakref_slot=False)
class Assignment:
    """One ref (indicator or objective) in a cruscotto owned by a unit or a person."""

    cruscotto: str
    owner: str
    ref: str
    weight: Decimal | None
    row: int = 0


@attrs.frozen(weakref_slot=False)
class EvaluatorPeriod:
    """A part of the year in which one evaluator evaluates a person evaluated by several in the year (``valutatori.csv``,
    rules/core.md §3): the card that evaluator writes counts for the calendar days from ``start`` to ``end``, both
    included."""

    person: str
    evaluator: str
    start: dt.date
    end: dt.date
    row: int = 0
    # the evaluator as documents name them: «Roberto Tomassi (P03)», an external one by ente.toml's words
    said: str = ""

    @property
    def days(self) -> int:
        """The calendar days of the period, its first and last day included (1/1–30/6/2024 is 182)."""
        return (self.end - self.start).days + 1


@attrs.frozen(weakref_slot=False)
class TimePeriod:
    """A part of the year in which a person works a share of time other than the one of people.csv (``tempo
    parziale.csv``, D.Lgs. 81/2015 art. 7): ``fte`` from ``start`` to ``end``, both included; ``days``: the days of the
    period in the person's service, which the year's share of time weighs it by."""

    person: str
    start: dt.date
    end: dt.date
    fte: Decimal
    row: int = 0
    days: int = 0


@attrs.frozen(weakref_slot=False)
class TimeShare:
    """The year's share of time of a person whose part-time changes in it: people.csv's share (``base``, for the days
    no period covers), the ``periods`` in date order, the ``days`` of service in the year; the person's ``fte`` is
    their mean (:mod:`core.inputs.parttime`)."""

    base: Decimal
    days: int
    periods: tuple[TimePeriod, ...]


class EvaluationItem(NamedTuple):
    """One item of an individual evaluation card (``evaluations.csv``, rules/core.md §3). Immutable, compared
    by value and read by name; a named tuple rather than an attrs class, as an ente has a few for every person
    (a changed copy: ``item._replace(points=…)``)."""

    person: str
    evaluator: str | None
    section: str
    item: str
    max_points: Decimal
    points: Decimal
    weight: Decimal | None
    row: int = 0
    # set when a conciliation stage replaced the points (rules/core.md §5): the appeals.csv row, the stage and
    # its date in words, and the points it replaced — so an explanation never shows new points against the
    # evaluations.csv cell that holds the old ones
    appeal_row: int = 0
    appeal: str = ""
    replaced: Decimal | None = None
    # a person evaluated by several evaluators in the year (valutatori.csv): every period of theirs, in date order; the
    # item belongs to the card of its ``evaluator``, and the score is the mean of the cards by the days of each period.
    # Empty for everyone else, whose card is one.
    periods: tuple[EvaluatorPeriod, ...] = ()

    @property
    def period(self) -> EvaluatorPeriod | None:
        """The period of the card this item belongs to (its evaluator's), or None for a card of one evaluator."""
        return next((p for p in self.periods if p.evaluator == self.evaluator), None)


def by_evaluator(card: Sequence[EvaluationItem]) -> list[tuple[EvaluatorPeriod, tuple[EvaluationItem, ...]]]:
    """The cards of a person evaluated by several evaluators in the year, one per period in date order, each the items
    of its evaluator in file order (an evaluator who wrote none: an empty card); [] for a card of one evaluator."""
    if not card or not card[0].periods:
        return []
    return [(p, tuple(i for i in card if i.evaluator == p.evaluator)) for p in card[0].periods]


@attrs.frozen(weakref_slot=False)
class Revision:
    """A mid-year change of an indicator field (``revisions.csv``)."""

    indicator: str
    field: str
    old: str
    new: str
    reason: str
    oiv_validated: bool
    approved: bool
    row: int = 0

    @property
    def applies(self) -> bool:
        return self.oiv_validated and self.approved


@attrs.frozen(weakref_slot=False)
class Appeal:
    """A stage of conciliation (``appeals.csv``, rules/core.md §5)."""

    person: str
    stage: str
    date: dt.date | None
    outcome: str | None
    new_points_item: str | None
    new_points: Decimal | None
    row: int = 0
    # whose card the voce rivista is on, for a person evaluated by several evaluators (needed where both cards have it)
    evaluator: str | None = None


@attrs.frozen(weakref_slot=False)
class Row:
    """A row of a plugin's own file (e.g. Brescia ``positions.csv``), values already parsed."""

    values: Mapping[str, Any] = attrs.field(hash=False)
    row: int = 0

    def __getitem__(self, key: str) -> Any:
        return self.values.get(key)

    def get(self, key: str, default: Any = None) -> Any:
        value = self.values.get(key)
        return default if value is None else value


@attrs.frozen(weakref_slot=False)
class Collection:
    """The collection of the cards (``ciclope raccolta crea``) made for the ente and year, found beside cycle.toml:
    what its record (``raccolta.json``) says was sent, so that a card still missing names who holds it."""

    folder: str  # the collection's folder, as the office names it beside cycle.toml: «raccolta»
    command: str  # the merge, as the office types it: «ciclope raccolta unisci cycle.toml --ente X raccolta»
    # person → (the evaluator whose workbook holds their card, as the collection says them: «Roberto Tomassi (P03)»)
    sent: Mapping[str, tuple[str, str]] = attrs.field(factory=dict, hash=False)


@attrs.frozen(weakref_slot=False)
class Ente:
    """Everything loaded for one ente: the input of the cycle. Collections keep file order."""

    id: str
    name: str
    year: int
    funds: Mapping[str, Decimal] = attrs.field(factory=dict, hash=False)
    approvals: Mapping[str, Any] = attrs.field(factory=dict, hash=False)
    units: Mapping[str, Unit] = attrs.field(factory=dict, hash=False)
    areas: Mapping[str, StrategicArea] = attrs.field(factory=dict, hash=False)
    people: Mapping[str, Person] = attrs.field(factory=dict, hash=False)
    objectives: Mapping[str, Objective] = attrs.field(factory=dict, hash=False)
    indicators: Mapping[str, Indicator] = attrs.field(factory=dict, hash=False)
    assignments: tuple[Assignment, ...] = ()
    evaluations: tuple[EvaluationItem, ...] = ()
    revisions: tuple[Revision, ...] = ()
    appeals: tuple[Appeal, ...] = ()
    tables: Mapping[str, tuple[Row, ...]] = attrs.field(factory=dict, hash=False)
    files: Mapping[str, str] = attrs.field(factory=dict, hash=False)  # input file name → sha256
    source_format: str = "csv"  # "csv" | "xlsx"
    notes: tuple[Any, ...] = ()  # loading warnings (e.g. the CSV dialect detected), shown as violations
    approval_keys: tuple[str, ...] = ()  # [approvals] keys the plugin declares it reads (InputSchema)
    # ente.toml [evaluators]: evaluators who are not people of the ente (OIV, Presidente) → who they are
    evaluators: Mapping[str, str] = attrs.field(factory=dict, hash=False)
    plan: tuple[int, int] | None = None  # ente.toml [piano] anni: first and last year of the multi-year plan
    # ente.toml organismo_valutazione: the independent evaluation body its documents name (the OIV by default)
    body: EvaluationBody = DEFAULT_BODY
    # each sheet's columns in the order of its header row: an ente.xlsx cell is named by its letter (C7)
    headers: Mapping[str, tuple[str, ...]] = attrs.field(factory=dict, hash=False)
    # for a workbook: sheet code → how problems name the sheet (``ente.xlsx[persone]``, its title as written),
    # and sheet code → column code → the column's header as written (``punti``) or, for a column a sheet of Italian
    # headers lacks, the header the template writes for it
    sheet_labels: Mapping[str, str] = attrs.field(factory=dict, hash=False)
    shown: Mapping[str, Mapping[str, str]] = attrs.field(factory=dict, hash=False)
    # relazione/*.md: the Relazione's narrative parts in the office's words (Markdown), part key → text
    texts: Mapping[str, str] = attrs.field(factory=dict, hash=False)
    # person → the evaluator's motivation of the card (evaluations.csv ``motivation``), for the scheda personale
    motivations: Mapping[str, str] = attrs.field(factory=dict, hash=False)
    # valutatori.csv: the people evaluated by several evaluators in the year → each evaluator's period, in date order
    periods: Mapping[str, tuple[EvaluatorPeriod, ...]] = attrs.field(factory=dict, hash=False)
    # tempo_parziale.csv: the people whose share of time changes in the year → its periods, in date order; their
    # ``fte`` is the year's mean over their days of service (:mod:`core.inputs.parttime`)
    time_shares: Mapping[str, TimeShare] = attrs.field(factory=dict, hash=False)
    # the funds the ente's fondo risorse decentrate destines (``ciclope_fund``): fund name → the key of the figure
    # of that destination, which an explanation follows instead of a cell of ente.toml
    fund_refs: Mapping[str, str] = attrs.field(factory=dict, hash=False)
    # of those funds, the cell of the destination that pays it (``fondo.csv:16:importo``), where the office changes it
    fund_cells: Mapping[str, str] = attrs.field(factory=dict, hash=False)
    # the funds whose amount was written elsewhere than ente.toml [funds] (a scenario's [fondi] in ``ciclope
    # compare``): fund name → that place, ``fondo.toml:4:fondi.performance_individuale`` (file, line, key as written),
    # so an explanation never cites the ente.toml key that holds another amount
    fund_written: Mapping[str, str] = attrs.field(factory=dict, hash=False)
    # the ``[funds]`` names the ente's plugin declares it reads (InputSchema.funds and read_funds; empty: any name)
    fund_keys: tuple[str, ...] = ()
    # the collection of the cards found for the ente (``ciclope raccolta crea``), None without one
    collection: Collection | None = None
    # views derived from the fields, made once as asked (the Ente never changes): ("chain", unit id) →
    # the unit's chain up to the root (every person asks for their unit's area); "cards" → the cards
    _memo: dict[Any, Any] = attrs.field(factory=dict, init=False, eq=False, hash=False, repr=False)

    # -- navigation helpers used by the core and by plugins ---------------------------------
    def file_of(self, name: str) -> str:
        """How a problem names an input sheet, as the office wrote it: ``persone.csv`` (or ``people.csv``), or
        ``ente.xlsx[persone]``."""
        stem = name.removesuffix(".csv")
        label = self.sheet_labels.get(stem, "")
        if label.startswith("ente.toml"):  # a plugin's sheet written as [[tables]] of ente.toml
            return label
        if self.source_format != "xlsx":
            return label if label.endswith(".csv") else f"{stem}.csv"
        return label or f"ente.xlsx[{stem}]"

    def file_said(self, name: str) -> str:
        """How a message names an input sheet the office may not have written: as :meth:`file_of` when it is
        there, else by the Italian name ``ciclope template`` gives it (``valutazioni.csv``,
        ``ente.xlsx[valutazioni]``), never by the code the office never wrote (``evaluations.csv``)."""
        stem = name.removesuffix(".csv")
        if self.sheet_labels.get(stem):
            return self.file_of(stem)
        return f"ente.xlsx[{sheet_it(stem)}]" if self.source_format == "xlsx" else f"{sheet_it(stem)}.csv"

    def whole_sheet(self, name: str) -> tuple[str, int | None]:
        """The file and row a problem about a whole input sheet names: the sheet's header row where the office wrote
        it; where it did not, the file said «(assente)» and no row, never a row of a file the ente does not have."""
        if self.sheet_labels.get(name.removesuffix(".csv")):
            return self.file_of(name), 1
        return f"{self.file_said(name)} (assente)", None

    def sheet_said(self, name: str) -> str:
        """An input sheet as a message's sentence names it: ``persone.csv``, or ``ente.xlsx, foglio persone`` as a
        spreadsheet shows it (never the notation ``ente.xlsx[persone]``)."""
        return sheet_said(self.file_said(name))

    def cell_said(self, name: str, row: int | None, column: str = "") -> str:
        """A cell of an input sheet as a message's sentence names it: ``persone.csv, riga 4, colonna cessazione``, or
        ``ente.xlsx, foglio persone, cella K4 (colonna cessazione)``; the column as the sheet's header writes it; no
        column, the row (``persone.csv, riga 4``)."""
        shown = self.column_shown(name, column) if column else ""
        letter = self.column_letter(name, column) if self.source_format == "xlsx" else ""
        return cell_said(self.file_said(name), row, shown, letter)

    def column_letter(self, name: str, column: str) -> str:
        """The letter a spreadsheet shows above ``column`` of a workbook sheet (``C`` for the third of its
        header); "" when the sheet's header does not have the column."""
        header = self.headers.get(name.removesuffix(".csv"), ())
        if column not in header:
            return ""
        index, letters = header.index(column) + 1, ""
        while index:
            index, rest = divmod(index - 1, 26)
            letters = chr(65 + rest) + letters
        return letters

    def column_shown(self, name: str, column: str) -> str:
        """A column as the sheet's header writes it (``punti`` in a workbook with Italian headers); one the sheet
        lacks, as the template would write it in a sheet of Italian headers (``quota_tempo``)."""
        return self.shown.get(name.removesuffix(".csv"), {}).get(column, column)

    def misspelled(self, name: str, column: str, *written: str) -> bool:
        """True when the sheet ``name``'s header lacks ``column`` and has another column nearest to it or to its
        other names ``written`` (``retribuzione_di_posizione`` for ``retribuzione_posizione``): the loader says it
        once, at the header, with «forse «…»?»; an error at each row for want of that column would only follow from
        the misspelling."""
        header = self.headers.get(name.removesuffix(".csv"), ())
        if column in header:
            return False
        meant = (self.column_shown(name, column), column, *written)
        return any(h not in meant and nearest(h, meant) is not None for h in header)

    def cell(self, name: str, row: int | None, column: str) -> str:
        """The one way to address an input cell in a trace ``Input``: ``people.csv:4:fte`` (or ``ente.xlsx[people]:4:fte``);
        without a row, the column itself (``people.csv::category``): a value every row of a group shares, such as the
        category a graduatoria of progressions is for, read from no one row."""
        return f"{self.file_of(name)}:{'' if row is None else row}:{column}"

    def fund_input(self, name: str, label: str = "") -> Input:
        """The input of a figure made from the fund ``name``: the ``[funds]`` cell of ente.toml (or the place that
        wrote the amount instead, ``fund_written``), or, for a fund the ente's fondo risorse decentrate destines, that
        destination's figure (so an explanation goes on to the fund's items and clauses)."""
        amount = self.funds.get(name)
        ref = self.fund_refs.get(name)
        if ref:
            return Input(label or "destinazione del fondo risorse decentrate", amount, ref=ref)
        cell = self.fund_written.get(name) or f"ente.toml:funds.{name}"
        return Input(label or f"[fondi] {italian(FUND_NAMES, name)}", amount, cell=cell)

    def fund_place(self, name: str) -> tuple[str, int | None, str]:
        """Where the office writes the fund ``name``, as a problem's (file, row, column): for a fund the ente's fondo
        risorse decentrate destines, the cell of that destination (its first row, when several pay the fund); for one
        written elsewhere (``fund_written``), that place; else the ``[funds]`` key of ente.toml."""
        cell = self.fund_cells.get(name) or self.fund_written.get(name, "")
        if cell.count(":") >= 2:
            file, row, column = cell.rsplit(":", 2)
            return file, int(row) if row.isdigit() else None, column
        return "ente.toml", None, f"funds.{name}"

    def approved(self, key: str) -> bool:
        """Whether the act ``[approvals] key`` is recorded as done: a date, or ``true`` (e.g. the OIV's
        validation ``relazione_validated_oiv``). Anything else (missing, text) is not done."""
        value = self.approvals.get(key)
        return isinstance(value, dt.date) or value is True

    def unit_ancestors(self, unit_id: str | None) -> list[Unit]:
        """The unit itself and its ancestors up to the root (cycles are rejected at load)."""
        chain = self._memo.get(("chain", unit_id))
        if chain is None:
            found, seen, uid = [], set(), unit_id
            while uid and uid in self.units and uid not in seen:
                seen.add(uid)
                unit = self.units[uid]
                found.append(unit)
                uid = unit.parent
            chain = self._memo["chain", unit_id] = tuple(found)
        return list(chain)

    def area_of(self, unit_id: str | None) -> Unit | None:
        """The unit of kind ``area`` at or above a unit (the *area* for money, rules/core.md)."""
        # remembered per unit: the plugins ask it for every person
        key = ("area", unit_id)
        memo = self._memo
        if key in memo:
            found: Unit | None = memo[key]
            return found
        found = memo[key] = next((u for u in self.unit_ancestors(unit_id) if u.kind == "area"), None)
        return found

    def top_unit_of(self, unit_id: str | None) -> Unit | None:
        """The unit just below the root at or above a unit (a ranking's *area* scope)."""
        chain = self.unit_ancestors(unit_id)
        return chain[-2] if len(chain) >= 2 else (chain[0] if chain else None)

    def ids(self) -> Sequence[str]:
        """The person ids in people.csv order, made once per ente: the cycle, the Relazione's statistics and the
        transparency roster each made this list, touching every id string of a big ente again."""
        found = self._memo.get("ids")
        if found is None:
            found = self._memo["ids"] = tuple(self.people)
        return found

    def positions(self) -> Mapping[str, int]:
        """Person id → position in people.csv order (0 first), made once per ente: a pass that keeps what it
        learns of each person in lists of that order asks one table instead of one dict per fact."""
        found = self._memo.get("positions")
        if found is None:
            ids = self.ids()
            found = self._memo["positions"] = dict(zip(ids, range(len(ids))))
        return found

    def cards(self) -> dict[str, list[EvaluationItem]]:
        """Each person's scheda di valutazione (card): their rows of evaluations.csv, in file order.
        Grouped once per ente (the core and the plugins ask several times); each caller gets its own
        dict and lists."""
        return {k: list(v) for k, v in self.cards_view().items()}

    def cards_view(self) -> MappingProxyType[str, tuple[EvaluationItem, ...]]:
        """The cards of :meth:`cards` for reading only: one shared read-only mapping of tuples, without the
        copy :meth:`cards` makes for each caller."""
        grouped = self._memo.get("cards")
        if grouped is None:
            # a person's rows usually follow one another: each run of rows is one tuple made in C (groupby), and the
            # table is asked once per run; rows of one person apart from each other still join one card, in file
            # order.
            by_person: dict[str, tuple[EvaluationItem, ...]] = {}
            for person, run in itertools.groupby(self.evaluations, _PERSON):
                items = tuple(run)
                found = by_person.setdefault(person, items)
                if found is not items:
                    by_person[person] = found + items
            grouped = self._memo["cards"] = MappingProxyType(by_person)
        return grouped

    def evaluator_of(self, pid: str) -> str | None:
        """Who evaluates the person: the ``valutatore`` of people.csv, else the one written on their card's first row
        (the Valutatori sheet counts the card's, the scheda personale is signed by it: one name everywhere)."""
        person = self.people.get(pid)
        if person is not None and person.evaluator:
            return person.evaluator
        return next((i.evaluator for i in self.cards_view().get(pid, ()) if i.evaluator), None)

    def evaluators_of(self, pid: str) -> tuple[str, ...]:
        """Everyone who evaluates the person in the year: the evaluators of their periods (valutatori.csv) in date
        order, else the one of :meth:`evaluator_of` (none: an empty tuple)."""
        periods = self.periods.get(pid)
        if periods:
            return tuple(p.evaluator for p in periods)
        found = self.evaluator_of(pid)
        return () if found is None else (found,)

    def staff(self) -> list[Person]:
        """The dipendenti (``is_staff``: not the PO nor the dirigenti), in file order."""
        found = self._memo.get("staff")
        if found is None:
            found = self._memo["staff"] = tuple(p for p in self.people.values() if p.is_staff)
        return list(found)

    # Indexes made once per ente: a big ente has hundreds of units and dirigenti, and a scan of every
    # unit or objective for each person or unit grew with the square of its size. Each
    # keeps file order, as the scans it replaces did.
    # The three below are asked for every person: the made index is read from the memo first.
    def headed_by(self, person_id: str) -> tuple[Unit, ...]:
        """The units whose ``head`` is this person, in file order."""
        index = self._memo.get("heads")
        if index is None:
            index = self._index("heads", self.units.values(), lambda u: u.head)
        return index.get(person_id, ())

    def highest_headed(self, person_id: str) -> Unit | None:
        """The unit this person heads nearest the root, whatever order units.csv lists them in: who heads several
        is scored on the highest of them in the chart (rules/core.md §2); of two at the same depth, the first in
        the file. None for who heads no unit."""
        headed = self.headed_by(person_id)
        return min(headed, key=lambda u: len(self.unit_ancestors(u.id))) if headed else None

    def owned_by(self, owner: str) -> tuple[Objective, ...]:
        """The objectives whose ``owner`` is this unit or person, in file order."""
        index = self._memo.get("owners")
        if index is None:
            index = self._index("owners", self.objectives.values(), lambda o: o.owner)
        return index.get(owner, ())

    def assignments_of(self, owner: str) -> tuple[Assignment, ...]:
        """The rows of assignments.csv of this owner's cruscotti, in file order."""
        index = self._memo.get("assigned")
        if index is None:
            index = self._index("assigned", self.assignments, lambda a: a.owner)
        return index.get(owner, ())

    def staff_in_area(self, area_id: str) -> list[Person]:
        """The staff (:meth:`staff`) whose unit is at or below this area (:meth:`area_of`), in file order."""

        def area(p: Person) -> str | None:
            found = self.area_of(p.unit)
            return None if found is None else found.id

        return list(self._index("staff_by_area", self.staff(), area).get(area_id, ()))

    def _index(self, name: str, items: Iterable[Any], key: Callable[[Any], Any]) -> dict[Any, tuple[Any, ...]]:
        index = self._memo.get(name)
        if index is None:
            grouped: dict[Any, list[Any]] = {}
            for item in items:
                grouped.setdefault(key(item), []).append(item)
            index = self._memo[name] = {k: tuple(v) for k, v in grouped.items()}
        return index

    def table(self, name: str) -> tuple[Row, ...]:
        return self.tables.get(name, ())


def from_columns(cls: type[T], *columns: Sequence[Any]) -> list[T]:
    """``[cls(*row) for row in zip(*columns)]``: ``columns`` holds one sequence per field, in field
    order, all as long (the loader keeps a sheet by column)."""
    # T: an attrs class of this module, or a named tuple (EvaluationItem)
    fields = cls._fields if issubclass(cls, tuple) else attrs.fields(cls)  # type: ignore[arg-type, attr-defined]
    size = len(columns[0]) if columns else 0
    if len(columns) != len(fields) or any(len(column) != size for column in columns):
        raise ValueError(f"{cls.__name__}: one column per field ({len(fields)}), all as long")
    return [cls(*row) for row in zip(*columns)]


@attrs.define
class SynthData:
    """A synthetic ente being generated (mutable on purpose: plugins fill it in)."""

    id: str
    name: str
    year: int
    tables: dict[str, list[dict[str, Any]]] = attrs.field(factory=dict)
    funds: dict[str, str] = attrs.field(factory=dict)
    approvals: dict[str, object] = attrs.field(factory=dict)

    def people(self, role: str | None = None) -> list[dict[str, Any]]:
        return [p for p in self.tables["people"] if role is None or p["role"] == role]
