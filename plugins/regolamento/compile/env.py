"""What a formula reads about a person (:class:`PersonEnv`) and about the people it aggregates over (:class:`Cohort`).

An environment is built for each person a formula runs for; its quantities are computed when the formula first
reads them and kept, so a formula that reads ``punteggio`` twice computes it once. Each value read is noted, so
the figure recording the formula's result names every number it used (``explain`` shows them).

The cohort is the people a formula's aggregates read: ``.ENTE`` all of them, ``.GRUPPO`` those of the same group
(the graduatoria of a part, the evaluator of a check). Its cache keeps each aggregate per group, computed once. A
cohort with a :class:`Recorder` records each aggregate as a figure of its own, every person's value with its cell, and
a person's figure refers to it: the mean a threshold used can be redone by hand.
"""

from __future__ import annotations

import calendar
import datetime as dt
import weakref
from collections.abc import Callable, Iterable, Mapping, Sequence
from decimal import Decimal
from typing import Any

import attrs

from ciclope.core import Ente, EvaluationItem, Input, OrgPerformance, Person, Pool, Score, Trace, Unit, fmt, money
from ciclope.plugins.regolamento.compile import incarico, past
from ciclope.plugins.regolamento.compile.evaluate import (
    Blank,
    Rank,
    Refused,
    RunError,
    UnknownObjective,
    Unwritten,
    Value,
    run,
)
from ciclope.plugins.regolamento.compile.points import points_of
from ciclope.plugins.regolamento.compile.units import attested, person_unit
from ciclope.plugins.regolamento.format import funds, grades, rowcolumns
from ciclope.plugins.regolamento.format.acts import code_of, date_written, day_month, whole_date
from ciclope.plugins.regolamento.format.expr import PERCENT
from ciclope.plugins.regolamento.format.hints import nearest
from ciclope.plugins.regolamento.format.quantities import quantity
from ciclope.plugins.regolamento.format.spec import DATA_SHEET, ENTE_LIST, PROJECTS_LIST, Column, Regulation
from ciclope.plugins.regolamento.format.vocabulary import normal
from ciclope.plugins.regolamento.format.wording import contracted, of_unit, period_words, the

HUNDRED = Decimal(100)
POSITION = "position_pay"  # the people.csv column of the position pay (as every plugin of the comparto names it)
# people.csv's dates of the incarico of a PO / EQ whose position is not weighted, by the codes brescia's people.csv
# gives the same headers
TERM_START, TERM_END = incarico.TERM_START, incarico.TERM_END
# the quantities read from a column of the people file → the column (``grado``: [gradi]'s column, else the category)
PEOPLE_COLUMNS = {
    "quota_tempo": "fte",
    "assenze": "absence_days",
    "categoria": "category",
    "ruolo": "role",
    "valutatore": "evaluator",
    "retribuzione_posizione": POSITION,
    "sanzione": "sanzione",
}


@attrs.define
class Facts:
    """The ente's facts every person's environment shares: the regulation, the data, the results so far."""

    reg: Regulation
    ente: Ente
    org: OrgPerformance | None = None
    scores: Mapping[str, Score] = attrs.field(factory=dict)
    cards: Mapping[str, Sequence[EvaluationItem]] = attrs.field(factory=dict)
    ladders: Mapping[str, Sequence[tuple[str, Decimal]]] = attrs.field(factory=dict)  # role → (level, from score)
    premiums: dict[str, dict[str, Decimal]] = attrs.field(factory=dict)  # part → person → premium paid
    bands: dict[str, Mapping[str, str]] = attrs.field(factory=dict)  # part → person → the band it paid by
    # part → person → the key of the figure of that premium (where one is recorded): what ``PREMIO`` refers to
    premium_refs: dict[str, dict[str, str]] = attrs.field(factory=dict)
    position_pay: Mapping[str, Decimal] = attrs.field(factory=dict)
    funds: Mapping[str, Pool] = attrs.field(factory=dict)  # the year's funds as constituted, by code (FONDO)
    # the empty cells of declared columns already said, cell → the part that said it: one error per cell, however
    # many parts read it
    blanks: dict[str, str] = attrs.field(factory=dict)
    ranks: dict[str, dict[str, Rank]] = attrs.field(factory=dict)  # role → level → rank, made when first read
    # the columns of people.csv the regulation declares ([[colonne]]), by name
    columns: Mapping[str, Column] = attrs.field(
        init=False, default=attrs.Factory(lambda self: {c.name: c for c in self.reg.columns}, takes_self=True)
    )

    @property
    def scale(self) -> Decimal:
        score = self.reg.score
        return score.scale if score is not None and score.scale is not None else HUNDRED


@attrs.frozen
class Recorder:
    """Where a cohort records its aggregates' figures: ``aggregato:<where>:<the aggregate's words>[:<group>]``, cited
    to ``source`` (the article of the part, the fund, the scale whose formula reads them). ``where`` tells cohorts
    apart: the same words over the people of two parts may be two values."""

    trace: Trace
    where: str
    source: str


@attrs.define
class Cohort:
    """The people of a formula's aggregates, by group, with the aggregates' cache."""

    members: list[PersonEnv] = attrs.field(factory=list)
    groups: dict[str, str] = attrs.field(factory=dict)  # person → group ("" for everyone)
    names: Mapping[str, str] = attrs.field(factory=dict)  # group → its name as a reader knows it (a unit's name)
    cache: dict[Any, Any] = attrs.field(factory=dict)
    recorder: Recorder | None = None  # None: an aggregate is shown by its value alone (a check's condition)
    # whom a function over the ente reads where the cohort is some roles' people («tra i dipendenti dell'ente»:
    # wording.among), said in place of «nell'ente» by each figure and datum of an aggregate; "" for everyone
    everyone: str = ""
    # the rows of incarichi.csv the part pays (SOMMA.INCARICHI sums over those of the same project), each with its
    # person's environment: set by the part that pays by appointment
    rows: list[tuple[PersonEnv, Row]] = attrs.field(factory=list)
    _by_group: dict[str, list[PersonEnv]] = attrs.field(factory=dict)

    def outside(self) -> PersonEnv | None:
        """An environment for a formula whose value holds for everyone (a threshold, a fund): it reads people only
        through functions over them, and being no member, its figure lists what those gave, never one member's own
        data. None without members."""
        if not self.members:
            return None
        first = self.members[0]
        return PersonEnv(first.facts, first.person, self)

    def people(self, scope: str, pid: str) -> tuple[Sequence[PersonEnv], Any]:
        if scope == "ENTE":
            return self.members, "ENTE"
        group = self.groups.get(pid, "")
        if not self._by_group:
            for m in self.members:
                self._by_group.setdefault(self.groups.get(m.person.id, ""), []).append(m)
        return self._by_group.get(group, []), ("GRUPPO", group)


Each = tuple["PersonEnv", Value, "Input | None"]  # a person an aggregate read, the value, the datum it read alone
Tied = tuple[str, Value, "Input | None"]  # a value that decides a tie of a rank: its words, the value, its datum

COVERED = "della persona sostituita"  # of whom a post's figure is read (``DI(…; sostituito)``): never their name
ASSIGNMENTS = "incarichi"  # the sheet of the appointments a part pays one by one ([[premi]] incarichi)
INCARICO_DATES = (("start", "inizio dell'incarico"), ("end", "fine dell'incarico"))
PROJECT_DATES = (("start", "ingresso nel progetto"), ("end", "uscita dal progetto"))
# a project's row says its days as the project's, not an appointment's: «i giorni nel progetto nell'anno»
PROJECT_ROW_WORDS = {
    "giorni": "i giorni nel progetto nell'anno",
    "dal": "il primo giorno nel progetto nell'anno",
    "al": "l'ultimo giorno nel progetto nell'anno",
}
PROJECTS = "projects"  # the sheet of the projects an appointment names (its column progetto): progetti.csv


@attrs.define
class Row:
    """A row of incarichi.csv a formula reads: its days in the year and in service, the person it covers (and that
    cell), its row number and its cells (the regulation's own columns of an appointment among them, its dates), the
    dates of service that cut its days (``assunzione``, ``cessazione``)."""

    days: Decimal
    covered: str | None
    cell: str
    number: int = 0
    values: Mapping[str, Any] = attrs.field(factory=dict)
    cut: tuple[str, ...] = ()
    span: tuple[dt.date, dt.date] | None = None  # its first and last day in the year and in service (dal, al)

    @property
    def project(self) -> str:
        """The code of the project the appointment names (its column progetto), "" where it names none."""
        found = self.values.get("project")
        return str(found) if found is not None else ""


def _weak_cohort(cohort: Cohort | None) -> weakref.ref[Cohort] | None:
    return weakref.ref(cohort) if cohort is not None else None


@attrs.define(slots=True)
class PersonEnv:
    """A person as a formula reads them. The environment refers to its cohort weakly (whoever made the cohort keeps
    it: the part's formulas, the function that decides the levels): the cohort holds its people, and a cycle between
    them would keep the ente's whole model for the garbage collector instead of freeing it with the result."""

    facts: Facts
    person: Person
    _cohort: weakref.ref[Cohort] | None = attrs.field(default=None, converter=_weak_cohort)
    fund: Decimal | None = None
    fund_ref: str = ""  # the figure of the part's fund (``fondo``), where it has one
    fund_words: str = ""  # how an explanation names ``fondo`` where it is no part's (the result pay's), else ""
    row: Row | None = None
    known: dict[str, Value] = attrs.field(factory=dict)
    read: dict[str, Input] = attrs.field(factory=dict)  # what the formula read, in order, for its figure
    # how the office gives a datum the formula read and found missing (a key of ``read`` whose value is None)
    fixes: dict[str, str] = attrs.field(factory=dict)
    # the level has a figure of its own (``level:<person>``: decided on the cohort), else the score's explains it
    level_figure: bool = False
    # of each rank (by its words) where someone of the person's own x came before them: that x and the position of
    # the further argument that put the first of them ahead; what a place lost on a tie-break says of it
    lost_ties: dict[str, tuple[Value, int]] = attrs.field(factory=dict)

    @property
    def cohort(self) -> Cohort | None:
        if self._cohort is None:
            return None
        cohort = self._cohort()
        assert cohort is not None, "a cohort freed while its people's formulas run: keep it where it is made"
        return cohort

    @property
    def cache(self) -> dict[Any, Any]:
        cohort = self.cohort
        return cohort.cache if cohort is not None else self.known

    def value(self, name: str) -> Value:
        if name not in self.known:
            self.known[name] = self._compute(name)
        found = self.known[name]
        if name not in self.read:
            if name in ("giorni", "dal", "al") and self.row is not None:
                self.row_dates(self.row)
            self.read[name] = self._input(name, found)
        return found

    def _input(self, name: str, found: Value) -> Input:
        """What the figure says of a value read, and where it comes from: a declared column by its words and the cell
        it was read from; a quantity of the people file by its words and its cell; one that is a figure (the score,
        the part's fund, the pay of the positions held) by the figure it refers to; a level by its name."""
        column = self.facts.columns.get(name)
        if column is not None:
            return Input(column.meaning, _typed(column, found), cell=self._column_cell(name, column))
        q = quantity(name)
        words = self.fund_words if name == "fondo" and self.fund_words else q.words if q is not None else name
        if name == "ente_attestata":  # the value of this ente, attested by the body it has: its Nucleo, its OIV
            words = self.facts.ente.body.said(f"{words} dall'OIV")
        if self.row is not None and self.row.values.get("project") and name in PROJECT_ROW_WORDS:
            words = PROJECT_ROW_WORDS[name]
        if name == "unita" and self.facts.reg.score is not None and self.facts.reg.score.unit_kind:
            # the unit of the file's kind, named as the formula's sentence names it: «… obiettivi del settore»
            words = f"il raggiungimento degli obiettivi {of_unit(self.facts.reg.score.unit_kind.strip())}"
        if name == "grado" and self.facts.reg.grades is not None and self.facts.reg.grades.word.strip():
            words = the(self.facts.reg.grades.word.strip())  # the contract's word for its grades: «l'area»
        # an achievement read without a figure of its own (the unit's, the cruscotto's) reads as the percentage it is
        shown = fmt.Achievement(found) if q is not None and q.type == PERCENT and _plain(found) else self.shown(found)
        if name in ("punteggio", "scheda") and self.facts.scale != HUNDRED:  # the figure it refers to is on 100
            words = f"{words} su {fmt.decimal_it(self.facts.scale)}"
            # points by what they are, as the scheda says them («4,60 punti su 5»): never «4,6» beside it
            shown = fmt.Points(found) if _plain(found) else shown
        return Input(words, shown, ref=self._ref(name), cell=self._cell(name))

    def _column_cell(self, name: str, column: Column) -> str:
        """The cell a declared column is read from: the person's row, their unit's (or the one above), the row of the
        appointment paid, or the ente's own datum (ente.toml [dati] by its key, else the only row of its sheet)."""
        ente = self.facts.ente
        if column.table == "unità":
            unit = self._unit_with(name)
            return ente.cell("units", unit.row, name) if unit is not None else ""
        if column.table == ASSIGNMENTS:
            return ente.cell(ASSIGNMENTS, self.row.number, name) if self.row is not None else ""
        if column.table == PROJECTS_LIST:
            found = self._project_row()
            return ente.cell(PROJECTS, found.row, name) if found is not None else ""
        if column.table == ENTE_LIST:
            if ente.file_of(DATA_SHEET).startswith("ente.toml"):
                return f"ente.toml:{DATA_SHEET}.{name}"
            rows = ente.table(DATA_SHEET)
            return ente.cell(DATA_SHEET, rows[0].row if rows else None, name)
        return ente.cell("people", self.person.row, name)

    def _cell(self, name: str) -> str:
        """The cell a quantity is read from: the person's row of the people file, the row of incarichi.csv; "" for a
        quantity computed (the days in service) or that is a figure."""
        if name == "sostituito" and self.row is not None:
            return self.row.cell
        if name == "retribuzione_posizione" and self.person.id in self.facts.position_pay:
            return ""  # the pay of the positions held: a figure ([posizioni]), not a cell
        column = grades.column(self.facts.reg) if name == "grado" else PEOPLE_COLUMNS.get(name)
        return self.facts.ente.cell("people", self.person.row, column) if column is not None else ""

    def _column(self, name: str) -> Value:
        """A declared column's value for the person; RunError for an empty cell (no value is not zero: the office
        writes 0 when there is nothing)."""
        ente, column = self.facts.ente, self.facts.columns[name]
        if column.table == "unità":
            unit = self._unit_with(name)
            if unit is None:
                raise RunError(
                    f"la colonna «{name}» ({column.meaning}) è vuota in {ente.sheet_said('units')} "
                    f"per l'unità {self.person.unit} e per quelle sopra ({what_to_write(column)})"
                )
            return unit.extra[name]
        if column.table == ASSIGNMENTS:
            return self._row_column(name, column)
        if column.table == PROJECTS_LIST:
            return self._project_column(name, column)
        if column.table == ENTE_LIST:
            return self._ente_datum(name, column)
        found = self.person.extra.get(name)
        if found is None and name not in ente.headers.get("people", ()):
            raise Unwritten(name)
        if found is None:
            raise Blank(
                f"la colonna «{name}» ({column.meaning}) è vuota in "
                f"{ente.cell_said('people', self.person.row)} ({what_to_write(column)})",
                column.meaning,
                ente.cell("people", self.person.row, name),
            )
        return found

    def _row_column(self, name: str, column: Column) -> Value:
        """A declared column of the appointment being paid (the reader lets only an amount by appointment read it)."""
        found = self.row.values.get(name) if self.row is not None else None
        if found is None:
            where = f", riga {self.row.number}" if self.row is not None else ""
            raise RunError(
                f"la colonna «{name}» ({column.meaning}) è vuota in {self.facts.ente.sheet_said(ASSIGNMENTS)}{where} "
                f"({what_to_write(column)})"
            )
        return found

    def _project_row(self) -> Any:
        """The row of progetti.csv of the project the appointment being paid names; None where it names none or one
        the sheet does not have (said by the checks of the appointments)."""
        code = self.row.project if self.row is not None else ""
        rows = [r for r in self.facts.ente.table(PROJECTS) if str(r.get("id") or "") == code] if code else []
        return rows[0] if rows else None

    def _project_column(self, name: str, column: Column) -> Value:
        """A declared column of the project the appointment being paid names (its budget, its objective)."""
        ente, found = self.facts.ente, self._project_row()
        where = f", riga {self.row.number}" if self.row is not None else ""
        if found is None and self.row is not None and self.row.project:
            raise Unwritten(name)  # a project the sheet does not have: said at the row's cell by the checks
        if found is None:
            raise RunError(
                f"l'incarico di {ente.sheet_said(ASSIGNMENTS)}{where} non nomina un progetto (colonna progetto) di "
                f"{ente.sheet_said(PROJECTS)}"
            )
        value = found.get(name)
        if value is None:
            raise RunError(
                f"la colonna «{name}» ({column.meaning}) è vuota in {ente.sheet_said(PROJECTS)}, riga {found.row} "
                f"({what_to_write(column)})"
            )
        return value

    def rows_sum(self, token: object, inner: Callable[[PersonEnv], Value]) -> Decimal:
        """SOMMA.INCARICHI: the sum of ``inner`` over the rows the part pays that name the same project as the row being
        paid (the team of the project), each read for its own person and row; kept once per project."""
        cohort, row = self.cohort, self.row
        if cohort is None or row is None:
            raise RunError("SOMMA.INCARICHI si legge solo nell'importo di una parte che paga per incarico")
        key = (token, row.project)
        if key not in cohort.cache:
            total = Decimal(0)
            for env, other in cohort.rows:
                if other.project != row.project:
                    continue
                theirs = PersonEnv(env.facts, env.person, cohort, level_figure=env.level_figure, row=other)
                value = inner(theirs)
                if not isinstance(value, Decimal):
                    raise RunError(f"SOMMA.INCARICHI senza valore per {env.person.name}")
                total += value
            cohort.cache[key] = total
        found: Decimal = cohort.cache[key]
        return found

    def _ente_datum(self, name: str, column: Column) -> Value:
        """A datum of the ente, the same for everyone (its only row: a second one is said by the checks)."""
        ente = self.facts.ente
        rows = ente.table(DATA_SHEET)
        found = rows[0].get(name) if rows else None
        if found is None:
            where = ente.sheet_said(DATA_SHEET) if rows else f"ente.toml [{DATA_SHEET}]"
            raise RunError(f"manca il dato dell'ente «{name}» ({column.meaning}) in {where} ({what_to_write(column)})")
        return found

    def _unit_with(self, name: str) -> Unit | None:
        """The person's unit if its cell of the column ``name`` has a value, else the nearest unit above that has
        one (a sector's datum is written once, on the sector's row, for every office under it)."""
        units, at, seen = self.facts.ente.units, self.person.unit, set()
        while at and at not in seen and at in units:
            seen.add(at)
            unit = units[at]
            if unit.extra.get(name) is not None:
                return unit
            at = unit.parent or ""
        return None

    def _ref(self, name: str) -> str:
        pid = self.person.id
        if name == "fondo":
            return self.fund_ref
        if name == "retribuzione_posizione":
            return f"position_pay:{pid}" if pid in self.facts.position_pay else ""
        if name == "unita" and self.facts.org is not None:  # the unit's figure: down to its objectives
            unit, value = person_unit(self.facts.reg, self.person, self.facts.ente, self.facts.org)
            return f"unit:{unit}" if value is not None else ""
        if name == "livello" and self.level_figure:
            score = self.facts.scores.get(pid)
            return f"level:{pid}" if score is not None and score.score is not None else f"score:{pid}"
        refs = {"punteggio": f"score:{pid}", "scheda": f"card:{pid}", "livello": f"score:{pid}", "ente": "ente"}
        return refs.get(name, "attested" if name == "ente_attestata" else "")

    def _compute(self, name: str) -> Value:
        person, facts = self.person, self.facts
        score = facts.scores.get(person.id)
        if name == "punteggio":
            return points_of(facts.reg, score)
        if name == "scheda":
            card = score.breakdown.get("scheda") if score is not None else None
            return self.on_scale(card if isinstance(card, Decimal) else None)
        if name == "livello":
            return self.rank_of_name(score.level) if score is not None and score.level else Rank(0)
        if name in facts.columns:
            return self._column(name)
        if rowcolumns.unwritten(facts.ente, name):  # a column of people.csv the file lacks: said by the validation
            raise Unwritten(name)
        return _PERSON.get(name, _other)(self, name)

    def on_scale(self, score: Decimal | None) -> Decimal | None:
        """A score on 100 as points of the regulation's scale, as published (half-up to the cent)."""
        if score is None:
            return None
        return score if self.facts.scale == HUNDRED else money.r2(score * self.facts.scale / HUNDRED)

    def section(self, name: str) -> Decimal | None:
        wanted = normal(name)
        items = [i for i in self.facts.cards.get(self.person.id, ()) if normal(i.section) == wanted]
        found = sum((i.points for i in items), Decimal(0)) if items else None
        self.read.setdefault(f"sezione:{name}", Input(f"punti della sezione «{name}»", found))
        return found

    def premium(self, part: str) -> Decimal | None:
        """The person's premium from an earlier part, read with the figure that explains it."""
        pid = self.person.id
        found = self.facts.premiums.get(part, {}).get(pid, Decimal("0.00"))
        ref = self.facts.premium_refs.get(part, {}).get(pid, "")
        self.read.setdefault(f"premio:{part}", Input(f"premio della parte «{part}»", fmt.Money(found), ref=ref))
        return found

    def band(self, part: str) -> str:
        """The band an earlier part placed the person in ("" where it placed them in none), read with the figure of
        the premium that band paid."""
        pid = self.person.id
        found = self.facts.bands.get(part, {}).get(pid) or ""
        ref = self.facts.premium_refs.get(part, {}).get(pid, "")
        self.read.setdefault(f"fascia:{part}", Input(f"fascia della parte «{part}»", found or "nessuna", ref=ref))
        return found

    def _ladder(self) -> Sequence[tuple[str, Decimal]]:
        return self.facts.ladders.get(self.person.role, ())

    def rank_of_points(self, points: Decimal) -> Rank:
        """The level of ``points`` (of the regulation's scale, as its thresholds are written)."""
        steps = self._ladder()
        for i, (_, low) in enumerate(steps):
            if points >= low:
                return Rank(len(steps) - i)
        return Rank(0)

    def rank_of_name(self, name: str | None) -> Rank:
        ranks = self.facts.ranks.get(self.person.role)
        if ranks is None:  # each role's levels by name, made once for the ente
            names = [n for n, _ in self._ladder()]
            ranks = self.facts.ranks[self.person.role] = {n: Rank(len(names) - i) for i, n in enumerate(names)}
        return ranks.get(name or "", Rank(0))

    def name_of_rank(self, rank: int) -> str | None:
        names = [n for n, _ in self._ladder()]
        return names[len(names) - rank] if 0 < rank <= len(names) else None

    def top_rank(self) -> Rank:
        return Rank(len(self._ladder()))

    def people(self, scope: str) -> tuple[Sequence[PersonEnv], Any]:
        cohort = self.cohort
        if cohort is None:
            return [self], scope
        return cohort.people(scope, self.person.id)

    def other(self, person: str, name: str) -> Value:
        """A quantity of another person (``DI``), read as that person's own is: with its cell or its figure. A column
        the regulation declares, read of the person an appointment covers, is the post's figure (the position pay of
        the office covered): said of «la persona sostituita», which the scheda of the one covering shows; any other
        quantity is the person's own (their score, the pay due to them), said by their name, which it never shows."""
        who = self.facts.ente.people.get(str(person))
        if who is None:
            return None
        theirs = PersonEnv(self.facts, who, level_figure=self.level_figure)
        found = theirs.value(name)
        said = theirs.read[name]
        post = self.row is not None and str(person) == str(self.row.covered) and name in self.facts.columns
        whose = COVERED if post else f"di {who.name}"
        self.read.setdefault(f"{person}:{name}", attrs.evolve(said, name=f"{said.name} {whose}"))
        return found

    def row_dates(self, row: Row) -> None:
        """Note the dates of the appointment paid, each with its cell, then the dates of service that cut its days:
        what its days are counted from."""
        ente = self.facts.ente
        # a project's row says its own dates («nel progetto dal»), «incarico» is the PO / EQ's
        said = PROJECT_DATES if row.values.get("project") else INCARICO_DATES
        for column, words in said:
            date = row.values.get(column)
            if date is not None:
                cell = ente.cell(ASSIGNMENTS, row.number, column)
                self.read.setdefault(f"incarico:{column}", Input(words, date, cell=cell))
        self.service_dates(row.cut)

    def service_dates(self, columns: Sequence[str] = ("assunzione", "cessazione")) -> None:
        """Note the dates of hiring and ceasing the person has (of ``columns``), each with its cell: what the days or
        months in service are counted from."""
        for column, words in (("assunzione", "data di assunzione"), ("cessazione", "data di cessazione")):
            date = self.person.extra.get(column) if column in columns else None
            if date is not None:
                cell = self.facts.ente.cell("people", self.person.row, column)
                self.read.setdefault(column, Input(words, date, cell=cell))

    def months(self, whole_from: int, period: tuple[str | dt.date, str | dt.date] | None = None) -> Decimal:
        """The months in service (MESI) of the cycle's year, or of ``period`` (its first and last day as the formula
        writes them, as IN.SERVIZIO's): a month counts whole when the person is in service at least ``whole_from``
        days of it, or all of it (a February in service counts, whatever ``whole_from``)."""
        year = self.facts.ente.year
        if period is None:
            days, within = (dt.date(year, 1, 1), dt.date(year, 12, 31)), "nell'anno"
        else:
            days = (self._day(period[0]), self._day(period[1]))
            # each day written or read with its year, as a date reads («dal 10/06/2024 al 31/12/2024»); an act by name
            within = period_words(
                *(fmt.date_it(d) if isinstance(p, dt.date) or "/" in p else p for p, d in zip(period, days))
            )
            if days[1] < days[0]:
                ends, starts = fmt.date_it(days[1]), fmt.date_it(days[0])
                raise RunError(f"il periodo di MESI finisce ({ends}) prima di iniziare ({starts})")
        found = Decimal(months_in_service(self.person, whole_from, days))
        self.service_dates()
        count = f"{whole_from} giorn{'o' if whole_from == 1 else 'i'}"
        self.read.setdefault(
            f"mesi:{whole_from}" + (f":{period[0]}:{period[1]}" if period else ""),
            # months of the year in service; of a period, the months between its two days («mesi dal … al …»)
            Input(
                f"mesi{' di servizio' if period is None else ''} {within} (un mese conta da {count} di servizio)", found
            ),
        )
        return found

    def objective(self, code: str) -> Decimal | None:
        """The achievement of the objective ``code`` as the organizational performance computed it (OBIETTIVO), the
        same for everyone, read with the figure that explains it down to the indicators. None where it has none
        (neutralised, nothing measured: the reason is said beside it) or where no organizational performance is
        read (a position's requisiti), as ``unita`` is None for a unit not measured; a code the ente's objectives
        file does not have is a RunError, never a silent nothing."""
        ente, org = self.facts.ente, self.facts.org
        if code not in ente.objectives:
            known = list(ente.objectives)
            raise UnknownObjective(
                f"l'obiettivo «{code}», che non è in {ente.sheet_said('objectives')}{nearest(code, known)}"
            )
        key = f"objective:{code}"
        found = org.objectives.get(code) if org is not None else None
        # by its title, as the Relazione names it, the code after it: «Manutenzione strade» (TEC1)
        words = f"il raggiungimento dell'obiettivo «{ente.objectives[code].title}» ({code})"
        why = org.not_scored.get(key, "") if org is not None and found is None else ""
        said = Input(f"{words} ({why})" if why else words, found, ref=key if found is not None else "")
        self.read.setdefault(f"obiettivo:{code}", said)
        return found

    def units_sum(self, name: str) -> Decimal:
        """SOMMA.UNITA: the declared column ``name`` of units.csv summed over the units that write a value, each unit
        once with its own cell (here no unit takes the value of the one above), read with every cell it added and
        the sum."""
        ente, column = self.facts.ente, self.facts.columns[name]
        total = Decimal(0)
        for unit in ente.units.values():
            value = unit.extra.get(name)
            if value is not None:
                total += value
                cell = ente.cell("units", unit.row, name)
                self.read.setdefault(
                    f"unità:{unit.id}:{name}", Input(f"{column.meaning}: {unit.name}", value, cell=cell)
                )
        # the sum shown as what it adds up: euro as euro, a percentage as one (a column's cells carry their kind)
        shown = (
            fmt.Money(total) if column.kind == "euro" else fmt.Percent(total) if column.kind == "percentuale" else total
        )
        self.read.setdefault(f"unità:{name}", Input(contracted(f"la somma sulle unità di {column.meaning}"), shown))
        return total

    def fund_amount(self, name: str) -> Decimal:
        """FONDO: the amount of the fund ``name`` (as the regulation writes it) as constituted for the year, read with
        its words and the figure that explains it; RunError where the year has no such fund."""
        code = funds.code_of(name)
        pool = self.facts.funds.get(code)
        if pool is None:
            raise RunError(f"il fondo {fmt.quoted(name)} {self._unconstituted(code)}")
        words = pool.label or f"fondo {funds.said(code).replace('_', ' ')}"
        said = Input(words[:1].lower() + words[1:], fmt.Money(pool.amount), ref=f"pool:{code}")
        self.read.setdefault(f"fondo:{code}", said)
        return pool.amount

    def _unconstituted(self, code: str) -> str:
        """Why the year has no fund ``code``: of a fund the regulation constitutes ([[fondi]]), what its formula could
        not read (a datum of ente.toml missing), never to write it in ente.toml, whose amount the rule would replace;
        of any other, that ente.toml does not write it."""
        block = next((f for f in self.facts.reg.funds if f.name == code), None)
        if block is None:
            return "non c'è per l'anno: scrivilo in [fondi] di ente.toml"
        cohort = Cohort()  # the fund's people, as it was constituted: every person of the ente
        cohort.members = [PersonEnv(self.facts, p, cohort) for p in self.facts.ente.people.values()]
        env = cohort.outside()
        try:
            value = run(block.amount, env) if env is not None else None
        except RunError as exc:
            return f"non è costituito: {exc}"
        shown = fmt.euro(value) if isinstance(value, Decimal) else "nessun importo"
        return f"non è costituito: la formula «{block.amount}» dà {shown}"

    def years(self, since: dt.date, day: str | None = None) -> Decimal:
        """The whole years from ``since`` to 31/12 of the cycle's year (ANNI), or to ``day`` as the formula writes it
        (:meth:`on_date`): born on 10/05/1970, 54 at 31/12/2024; a year is complete on the day the date recurs, so
        from 02/01/2021 to 01/01/2024 are 2."""
        year = self.facts.ente.year
        if day is None and since > dt.date(year, 12, 31):
            raise RunError(f"ANNI di una data dopo la fine dell'anno del ciclo ({fmt.date_it(since)})")
        on = dt.date(year, 12, 31) if day is None else self.on_date(day)
        if since > on:
            raise RunError(f"ANNI di una data ({fmt.date_it(since)}) dopo il giorno a cui li conta ({fmt.date_it(on)})")
        found = Decimal(whole_months(since, on) // 12)
        self.read.setdefault(f"anni:{since.isoformat()}:{on}", Input(f"anni compiuti al {fmt.date_it(on)}", found))
        return found

    def months_from(self, since: dt.date, day: str) -> Decimal:
        """The whole months from ``since`` to ``day`` as the formula writes it (MESI.DA), each complete on the day of
        the month ``since`` falls on (:func:`whole_months`), read with both dates: the person's is read with its
        cell where its column is."""
        on = self.on_date(day)
        if since > on:
            raise RunError(f"MESI.DA di una data ({fmt.date_it(since)}) dopo il giorno a cui li conta ({day})")
        found = Decimal(whole_months(since, on))
        words = f"mesi interi dal {fmt.date_it(since)} al {fmt.date_it(on)}"
        self.read.setdefault(f"mesi.da:{since.isoformat()}:{on}", Input(words, found))
        return found

    def on_date(self, written: str) -> dt.date:
        """A date written in the formula beside a person's date (a comparison, ANNI's and MESI.DA's day): whole, or a
        day-month of the cycle's year; a RunError for a day the year has not (29/02 outside a leap year), the rest
        checked when the file was read."""
        found = date_written(written, self.facts.ente.year)
        if found is None:
            raise RunError(f"{written.strip()} non è un giorno dell'anno {self.facts.ente.year}")
        return found

    def past_mean(self, years: int, latest: bool = False) -> Decimal | None:
        """VALUTAZIONE.MEDIA: the mean of the person's scores in the ``years`` years before the cycle's, from the
        sheet of earlier scores, half-up to two decimals, read with each year's cell; None for one who has none.
        ``latest`` (VALUTAZIONE.ULTIME): of the last ``years`` scores the person has, however far back."""
        try:
            found = past.mean(self.facts.ente, self.person.id, years, latest)
        except past.Twice as exc:
            raise RunError(str(exc)) from None
        for said in found.read:
            self.read.setdefault(f"valutazione:{said.name}", said)
        first, last = found.years
        words = f"la media delle valutazioni dal {first} al {last}" if first != last else f"la valutazione {last}"
        words += _years_missing(found, latest)
        if latest:  # the years taken, one by one: a year skipped (a leave) is seen missing
            taken = fmt.listed(i.name.removeprefix("valutazione ") for i in found.read)
            words = f"la media delle ultime {years} valutazioni" + (f" ({taken})" if taken else "")
        value = money.r2(found.value) if found.value is not None else None
        shown = words if found.read else f"{words} (nessuna nel foglio {past.TITLE})"
        # «85,00», as a score reads everywhere
        key = f"{past.KEY}{'ultime:' if latest else ''}{years}"
        self.read.setdefault(key, Input(shown, fmt.Points(value) if value is not None else None))
        if value is None:
            self.fixes[key] = past.how_to_write(self.facts.ente, self.person.name, found.years, years, latest)
        return value

    def in_service(self, day: str | dt.date) -> bool:
        """Whether the person is in service on ``day`` (IN.SERVIZIO): hired not after it, ceased not before it (an empty
        date is no limit). The day is one of the cycle's year («31/12»), a whole date, or the date of an act of [atti]
        in ente.toml; read with the day and the person's dates, each with its cell."""
        ente = self.facts.ente
        on = self._day(day)
        start, end = self.person.extra.get("assunzione"), self.person.extra.get("cessazione")
        for column, words, date in (
            ("assunzione", "data di assunzione", start),
            ("cessazione", "data di cessazione", end),
        ):
            if date is not None:
                self.read.setdefault(column, Input(words, date, cell=ente.cell("people", self.person.row, column)))
        return (start is None or start <= on) and (end is None or end >= on)

    def _day(self, day: str | dt.date) -> dt.date:
        """The date IN.SERVIZIO (or a period of MESI) is given, noted with where it comes from; a RunError said with
        the formula when the ente has no such act or the day is not one of its year. A date is a person's, from a
        declared column of dates, already read with its cell."""
        if isinstance(day, dt.date):
            return day
        day = day.strip()
        ente = self.facts.ente
        if "/" not in day:
            code = code_of(day)
            found = ente.approvals.get(code)
            if not isinstance(found, dt.date) or isinstance(found, dt.datetime):
                raise UnknownObjective(
                    f"la data dell'atto «{day}», che ente.toml non ha: scrivi [atti] {day} = AAAA-MM-GG"
                )
            self.read.setdefault(
                f"atto:{day}", Input(f"data dell'atto {day}", found, cell=f"ente.toml:approvals.{code}")
            )
            return found
        whole = whole_date(day)
        if whole is None:
            d, m = day_month(day) or (0, 0)  # the checker saw a day of a (leap) year
            try:
                whole = dt.date(ente.year, m, d)
            except ValueError:
                raise RunError(f"{day} non è un giorno dell'anno {ente.year}") from None
        return whole

    def objectives_reached(self, code: str, threshold: Value) -> Decimal | None:
        """The share of the child objectives of ``code`` (the rows of the objectives file whose parent it is) with an
        achievement of at least ``threshold`` (OBIETTIVI.RAGGIUNTI): reached / those with an achievement, exact, the
        same for everyone. A child without one (neutralised, nothing measured) is out of both counts, its reason
        said; None where no child has one or no organizational performance is read. Read with the share first, then
        each child's achievement with the figure that explains it."""
        ente = self.facts.ente
        if code not in ente.objectives:
            raise UnknownObjective(
                f"l'obiettivo «{code}», che non è in {ente.sheet_said('objectives')}{nearest(code, list(ente.objectives))}"
            )
        children = [o.id for o in ente.objectives.values() if o.parent == code]
        if not children:
            raise UnknownObjective(
                f"gli obiettivi figli di «{code}», che non sono in {ente.sheet_said('objectives')}: nessuna riga ha «{code}» "
                f"come {ente.column_shown('objectives', 'parent')}"
            )
        org = self.facts.org
        found = [org.objectives.get(child) if org is not None else None for child in children]
        scored = [value for value in found if value is not None]
        share, counted = None, ""
        if threshold is not None and scored:
            reached = sum(1 for value in scored if value >= threshold)
            share, counted = fmt.Percent(Decimal(reached) / len(scored)), f": {reached} su {len(scored)}"
        # the threshold as the formula writes it («90%», not «90,00%»)
        limit = f"{fmt.decimal_it((threshold * 100).normalize())}%" if isinstance(threshold, Decimal) else "—"
        words = f"la quota degli obiettivi figli di «{code}» con raggiungimento almeno {limit}{counted}"
        self.read.setdefault(f"obiettivi:{code}:{threshold}", Input(words, share))
        for child in children:  # each achievement counted, with the figure that explains it
            self.objective(child)
        return share

    def seen(self, label: str, value: Value, ref: str = "") -> None:
        self.read.setdefault(label, Input(label, self.shown(value), ref=ref))

    @property
    def everyone(self) -> str:
        """Whom a function over the ente reads, where the cohort is not the whole ente (:attr:`Cohort.everyone`)."""
        cohort = self.cohort
        return cohort.everyone if cohort is not None else ""

    def alone(self, compute: Callable[[PersonEnv], Value]) -> tuple[Value, Input | None]:
        """``compute(self)`` and, when it read one datum only (a column, ``punteggio``), what a figure says of that
        datum (its cell or its figure), else None. What it read stays read, as if computed directly."""
        before, self.read = self.read, {}
        try:
            value = compute(self)
        finally:
            mine, self.read = self.read, before
            for key, found in mine.items():
                before.setdefault(key, found)
        return value, next(iter(mine.values())) if len(mine) == 1 else None

    def aggregated(
        self,
        label: str,
        group: Any,
        value: Value,
        formula: str,
        each: Iterable[Each],
        tied: Sequence[Sequence[Tied]] = (),
        others: Input | None = None,
        shown: str = "",
    ) -> str:
        """The key of the figure of an aggregate of the cohort (``label``: as the formula says it, over ``group``),
        recorded with each person's value; "" where the cohort records none. ``tied``: for each person of ``each``, in
        its order, the values that decide a tie of a rank, each listed after the person's value by its words, so the
        rank is redone by hand from the list. ``others``: one last line for the people ``each`` leaves out.
        ``shown``: the words the figure says, where they are not ``label`` (whom a sum over the ente reads)."""
        cohort = self.cohort
        recorder = cohort.recorder if cohort is not None else None
        if recorder is None:
            return ""
        named = f"{label}: {group[1]}" if isinstance(group, tuple) else label
        key = f"aggregato:{recorder.where}:{named}"
        if isinstance(group, tuple):  # the key keeps the group's code; the reader reads its name
            names = cohort.names if cohort is not None else {}
            named = f"{label}: {names.get(group[1], group[1])}"
        # each person by name and id (two may share a name), each value with the cell it was read from; not with the
        # figure that explains it (a score, an earlier premium): explaining one person walks into this list, and must
        # not walk on into every colleague's explanation
        inputs: list[Input] = []
        for n, (p, v, i) in enumerate(each):
            who = f"{p.person.name} ({p.person.id})"
            inputs.append(Input(who, _as_read(p, v, i), cell=i.cell if i is not None else ""))
            for words, tv, ti in tied[n] if tied else ():
                inputs.append(Input(f"{who}, a parità: {words}", _as_read(p, tv, ti), cell=ti.cell if ti else ""))
        inputs.extend([others] if others is not None else [])
        if shown:  # the key keeps the formula's words; the reader reads whom it sums
            named = shown + named[len(label) :]
        recorder.trace.record(key, self.shown(value), formula, recorder.source, inputs, named[:1].upper() + named[1:])
        return key

    def shown(self, value: Value) -> Any:
        """A value as its figure records it: a level by its name on the person's scale, as the formula writes it,
        after its label where [etichette] gives one («eccellente («A»)»); a number to four decimals where it has more
        (a mean, a ratio of days: 0,4781, never 28 digits), cut there with «…» where it has more (:class:`fmt.Exact`:
        26,6666…, never 26,6667), as every weight; anything else as it is."""
        if _plain(value):
            exponent = value.as_tuple().exponent
            return fmt.Exact(value) if isinstance(exponent, int) and exponent < -4 else value
        if not isinstance(value, Rank):
            return value
        name = self.name_of_rank(value) if value else None
        label = self.facts.reg.labels.get(name) if name is not None else None
        return f"{label} («{name}»)" if label and label != name else name


def _as_read(env: PersonEnv, value: Value, read: Input | None) -> Any:
    """A person's value in an aggregate's list: as the datum it read alone shows it where that is a score of a column
    (``punti``: 97,50); the person's score or card (``punteggio``, read with its figure) as a score is shown, with two
    decimals (97,20, never 97,2), as in their own explanation; else as :meth:`PersonEnv.shown`."""
    if read is not None and isinstance(read.value, fmt.Points) and read.value == value:
        return read.value
    if read is not None and read.ref.startswith(("score:", "card:")) and _plain(value) and read.value == value:
        return fmt.Points(value)
    return env.shown(value)


def _plain(value: object) -> bool:
    """A number with no kind of its own: neither an amount, a percentage nor a level (a Rank is an int)."""
    return type(value) is Decimal


def _days_in_service(env: PersonEnv, name: str) -> Value:
    env.service_dates()
    year = env.facts.ente.year
    start, end = in_service(env.person, dt.date(year, 1, 1), dt.date(year, 12, 31))
    return Decimal(max(0, (end - start).days + 1))


def _incarico_days(env: PersonEnv, name: str) -> Value:
    """The days of the PO / EQ incarico in the year within the service (:mod:`compile.incarico`), after the dates
    they are counted from, each with its cell."""
    env.service_dates()
    weighted = env.facts.reg.positions is not None
    if env.person.role == incarico.PO and not weighted:
        for column, words in ((TERM_START, "inizio dell'incarico"), (TERM_END, "fine dell'incarico")):
            date = env.person.extra.get(column)
            if isinstance(date, dt.date):
                cell = env.facts.ente.cell("people", env.person.row, column)
                env.read.setdefault(column, Input(words, date, cell=cell))
    return Decimal(incarico.incarico_of(env.person, env.facts.ente, weighted).days)


def in_service(person: Person, first: dt.date, last: dt.date) -> tuple[dt.date, dt.date]:
    """[first, last] within the person's service (``assunzione`` to ``cessazione``, each where people.csv writes
    it): the later start and the earlier end, an end before the start where they do not meet."""
    hired, left = person.extra.get("assunzione"), person.extra.get("cessazione")
    start = max(first, hired) if isinstance(hired, dt.date) else first
    end = min(last, left) if isinstance(left, dt.date) else last
    return start, end


def _typed(column: Column, value: Value) -> Value:
    """A declared column's value as its figure shows it: an amount in euro, a percentage as one (80%, not 0,8), a
    score (``punti``) with two decimals, as the Relazione prints scores (97,50, not 97,5)."""
    if isinstance(value, Decimal) and column.kind in TYPED:
        return TYPED[column.kind](value)
    return value


TYPED = {"euro": fmt.Money, "percentuale": fmt.Percent, "punti": fmt.Points}


def what_to_write(column: Column) -> str:
    """The hint for an empty cell of a declared column: a number is 0 when there is nothing, a text one of its words;
    a score is the one the person had, never 0 for a score nobody gave (it would count, and lower a mean)."""
    if column.values:
        return f"scrivi uno dei valori ammessi: {', '.join(column.values)}"
    if column.kind == "testo":
        return "scrivi il valore"
    if column.kind == "sì/no":
        return "scrivi sì o no"
    if column.kind == "data":
        return "scrivi la data, es. 30/06/2024"
    if column.kind == "punti":
        return "scrivi il punteggio avuto: 0 è un punteggio, conta come gli altri e in una media la abbassa"
    return "scrivi il valore, 0 se non ce n'è"


def whole_months(since: dt.date, on: dt.date) -> int:
    """The whole months from ``since`` to ``on``, as the anniversaries count years: a month is complete on the day of
    the month ``since`` falls on (entered 15/03/2023: the 33rd month on 15/12/2025, the 34th on 15/01/2026, so 33 at
    01/01/2026), and a month without that day (the 31st) completes it on the first of the next; a spreadsheet's
    DATA.DIFF(…; "m") counts so."""
    months = (on.year - since.year) * 12 + on.month - since.month
    return months - 1 if on.day < since.day else months


def months_in_service(person: Person, whole_from: int, period: tuple[dt.date, dt.date]) -> int:
    """The months of ``period`` (first and last day, both counted) the person is in service (``assunzione`` to
    ``cessazione``) at least ``whole_from`` days, or every day, of. A month the period cuts counts by the days of
    service within the period, against the same threshold: from 15/04, April's 16 days count from 16; from 20/04,
    its 11 never do. So two periods that meet within a month give it to the one with more than half of it (a
    parametro changed on 17/03: March to the old one), as «le frazioni di mese superiori a 15 giorni» say."""
    first_day, last_day = period
    start = max(first_day, person.extra.get("assunzione") or first_day)
    end = min(last_day, person.extra.get("cessazione") or last_day)
    counted = 0
    year, month = first_day.year, first_day.month
    while (year, month) <= (last_day.year, last_day.month):
        first = max(first_day, dt.date(year, month, 1))
        last = min(last_day, dt.date(year, month, calendar.monthrange(year, month)[1]))
        days = (min(end, last) - max(start, first)).days + 1
        whole = calendar.monthrange(year, month)[1]  # a February of 29 days is in service all of it, from 31
        counted += days >= min(whole_from, whole)
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return counted


def _year_days(env: PersonEnv, name: str) -> Value:
    year = env.facts.ente.year
    return Decimal((dt.date(year, 12, 31) - dt.date(year, 1, 1)).days + 1)


def _unit(env: PersonEnv, name: str) -> Value:
    org = env.facts.org
    if org is None:
        return None
    return person_unit(env.facts.reg, env.person, env.facts.ente, org)[1]


def _grade(env: PersonEnv, name: str) -> Value:
    """The person's grade: [gradi]'s column, else the category; a cell the validation refuses fails silently (said
    once, at the cell: a PIÙ.SE reading it does not add «il grado = nessuno»)."""
    if grades.refused(env.facts.reg, env.person):  # where an error is said all the same, it reads as one
        raise Refused(f"il {name} della persona, che non è tra quelli di [gradi], è detto sbagliato alla sua cella")
    return grades.grade_of(env.facts.reg, env.person)


def _position_pay(env: PersonEnv, name: str) -> Value:
    found = env.facts.position_pay.get(env.person.id)
    return found if found is not None else env.person.extra.get(POSITION)


def _sanction(env: PersonEnv, name: str) -> Value:
    """The disciplinary sanction as people.csv writes it; an empty cell (or no column) is no sanction: ""."""
    found = env.person.extra.get("sanzione")
    return str(found) if found else ""


def _other(env: PersonEnv, name: str) -> Value:
    if name == "fondo":
        return env.fund
    if env.row is not None and name == "giorni":
        return env.row.days
    if env.row is not None and name == "sostituito":
        return env.row.covered
    if env.row is not None and env.row.span is not None and name in ("dal", "al"):
        return env.row.span[0] if name == "dal" else env.row.span[1]
    return None


_PERSON = {
    "unita": _unit,
    "ente": lambda env, name: env.facts.org.ente if env.facts.org is not None else None,
    "ente_attestata": lambda env, name: attested(env.facts.ente, env.facts.org) if env.facts.org is not None else None,
    "cruscotto": lambda env, name: env.facts.org.people.get(env.person.id) if env.facts.org is not None else None,
    "quota_tempo": lambda env, name: env.person.fte,
    "assenze": lambda env, name: env.person.absence_days,
    "giorni_servizio": _days_in_service,
    "giorni_incarico": _incarico_days,
    "giorni_anno": _year_days,
    "anno_ciclo": lambda env, name: fmt.Year(env.facts.ente.year),
    "categoria": lambda env, name: env.person.category,
    "grado": _grade,
    "ruolo": lambda env, name: env.person.role,
    "valutatore": lambda env, name: env.person.evaluator,
    "retribuzione_posizione": _position_pay,
    "sanzione": _sanction,
}


def _years_missing(found: past.Mean, latest: bool) -> str:
    """The years of a mean the sheet of earlier scores lacks, beside those it gives: « (ci sono il 2022 e il 2023,
    manca il 2024)»; "" when it gives them all, or none (said as such), or for the last scores however far back."""
    first, last = found.years
    given = [int(i.name.removeprefix("valutazione ")) for i in found.read]
    lacking = [y for y in range(first, last + 1) if y not in given]
    if latest or not given or not lacking:
        return ""
    there = fmt.listed(f"il {y}" for y in given)
    gone = fmt.listed(f"il {y}" for y in lacking)
    are = "c'è" if len(given) == 1 else "ci sono"
    miss = "manca" if len(lacking) == 1 else "mancano"
    return f" ({are} {there}, {miss} {gone})"
