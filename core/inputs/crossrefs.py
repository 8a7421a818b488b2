"""The ids an ente's sheets give each other, checked once the records are built: every unit, person,
objective, area, indicator named exists; the units have one root; no loop of parents. Each problem names
the row that refers; a reference to a row already refused, or to a sheet refused whole, is not reported again (no
cascade). An evaluator that is nobody, or the card of a person that is nobody, is one problem, at its first row,
naming every row that writes it (a card is a row per item: one problem per row was a cascade)."""

from __future__ import annotations

import attrs

from ciclope.core import model as m
from ciclope.core.fmt import listed, quoted
from ciclope.core.inputs.reading import Reading
from ciclope.core.nearest import Names, said
from ciclope.core.problems import Problem
from ciclope.core.vocabulary import sheet_said

_UNKNOWN_EVALUATOR = (
    "valutatore {} inesistente{}: né una persona dell'ente né un valutatore esterno di ente.toml [valutatori]"
)
_EVALUATOR_HINT = ": scrivi il codice di una persona di {} o dichiaralo in [valutatori] di ente.toml"
MAX_RUNS = 8  # runs of rows an unknown evaluator's problem names; beyond, how many rows more
# the rows that name an evaluator the ente does not have: evaluator → (file, row), in the order they were read
Unknown = dict[str, list[tuple[str, int | None]]]
MAX_SPELLED = 50  # wrong ids of a kind whose spelling is compared with every id; beyond, only case and word order
MAX_NAMES = 5000  # ids of a kind up to which spellings are compared (each comparison looks at every id)


# a kind of row as a message names one of them, and its code: («unità», «il codice dell'unità»)
KIND_WORDS = {
    "units": ("unità", "il codice dell'unità"),
    "people": ("persona", "il codice della persona"),
    "objectives": ("obiettivo", "il codice dell'obiettivo"),
    "areas": ("area strategica", "il codice dell'area strategica"),
    "indicators": ("indicatore", "il codice dell'indicatore"),
}
# the columns that hold a code of another sheet: (sheet, column) → the kind of row it names
REFERENCES = {
    ("units", "parent"): "units",
    ("units", "head"): "people",
    ("people", "unit"): "units",
    ("people", "evaluator"): "people",
    ("objectives", "parent"): "objectives",
    ("objectives", "area"): "areas",
    ("indicators", "objective"): "objectives",
    ("evaluations", "person"): "people",
    ("evaluations", "evaluator"): "people",
    ("revisions", "indicator"): "indicators",
    ("appeals", "person"): "people",
}
# the kinds an ente's references name, by the sheet that holds them (evaluators: ente.toml [valutatori])
KIND_FILES = {
    "units": "units",
    "people": "people",
    "objectives": "objectives",
    "areas": "areas",
    "indicators": "indicators",
}


def unread(r: Reading, e: m.Ente) -> frozenset[str]:
    """The kinds whose sheet was refused whole (missing, unreadable, not a table, or without a required column:
    none of its rows is read), that error reported already: a reference to them is not checked, or every row that
    names a person would say «persona inesistente» after «manca ente.xlsx[persone]» or «manca la colonna
    obbligatoria «unità»». ``evaluators`` when ente.toml itself could not be read."""
    whole = {p.file for p in r.log.problems if p.is_error and (p.row is None and not p.column or _headless(p))}
    kinds = {kind for kind, name in KIND_FILES.items() if whole & {e.file_of(name), e.file_said(name)}}
    if "ente.toml" in whole:
        kinds.add("evaluators")
    return frozenset(kinds)


def _headless(problem: Problem) -> bool:
    """A required column missing from a sheet's header: the sheet is set aside whole (columns._header_holds)."""
    return problem.rule == "core.input.missing_column" and problem.row == 1


@attrs.frozen
class Near:
    """The `` (forse «p7»?)`` after an id that the ente does not have: the ids of a kind (``people``, ``units``…, or
    several: an evaluator is a person or an external one) indexed once, when one of them is wrong, and each wrong id
    looked up once, since a wrong id often stands on many rows (every item of a card). A spelling is compared with
    every id only for a kind of at most ``MAX_NAMES`` ids and the first ``MAX_SPELLED`` wrong ids: a file of a large
    ente written with another ente's ids would otherwise take minutes to be refused."""

    ente: m.Ente
    unread: frozenset[str] = frozenset()  # kinds not checked: :func:`unread`
    names: dict[tuple[str, ...], Names] = attrs.field(factory=dict)
    found: dict[tuple[tuple[str, ...], str], str] = attrs.field(factory=dict)
    titles: dict[str, tuple[Names, dict[str, str]]] = attrs.field(factory=dict)  # kind → its rows' names, codes

    def __call__(self, word: str, *kinds: str) -> str:
        key = (kinds, word)
        if key not in self.found:
            if kinds not in self.names:
                self.names[kinds] = Names.of(i for kind in kinds for i in getattr(self.ente, kind))
            names = self.names[kinds]
            spelled = len(names.by_fold) <= MAX_NAMES and len(self.found) < MAX_SPELLED
            self.found[key] = said(names.nearest(word, spelled))
        return self.found[key]

    def hint(self, word: str, kind: str, column: str) -> str:
        """What follows «unità «X» inesistente»: the code nearest to ``word`` (`` (forse «u1»?)``), else, when ``word``
        is the name of a row of ``kind`` or near one (a unit typed by its name), that row's code: «: nella colonna
        unità va il codice dell'unità, qui «PL» (Polizia locale associata)»; "" when neither."""
        return self(word, kind) or self.named(word, kind, column)

    def named(self, word: str, kind: str, column: str) -> str:
        """The «: nella colonna … va il codice …» of :meth:`hint`, or ""."""
        if kind not in self.titles:
            names: dict[str, str] = {}  # a row's name → the code of the first row of that name
            for ident, row in getattr(self.ente, kind).items():
                title = getattr(row, "name", None) or getattr(row, "title", None)
                if title:
                    names.setdefault(str(title), ident)
            self.titles[kind] = (Names.of(names), names)
        index, codes = self.titles[kind]
        found = index.nearest(word, len(codes) <= MAX_NAMES and len(self.found) < MAX_SPELLED)
        if found is None:
            return ""
        return f": nella colonna {column} va {KIND_WORDS[kind][1]}, qui {quoted(codes[found])} ({found})"

    def lacks(self, ident: str, *kinds: str) -> bool:
        """``ident`` is no id of ``kinds`` (a person or an external evaluator…); never when one of them was not
        read: its sheet's own error is the one to fix. Asked for every reference of the ente (several per card item):
        the id found is the answer at once."""
        ente = self.ente
        for kind in kinds:
            if ident in getattr(ente, kind):
                return False
        return self.unread.isdisjoint(kinds)


def check(r: Reading, e: m.Ente) -> None:
    """Every reference of ``e``, sheet by sheet in the order of the canonical files."""
    near = Near(e, unread(r, e))
    evaluators: Unknown = {}
    _names_for_codes(r, near)
    _units(r, e, near)
    _people(r, e, near, evaluators)
    _objectives(r, e, near)
    _indicators(r, e, near)
    _assignments(r, e, near)
    _evaluations(r, e, near, evaluators)
    _unknown_evaluators(r, e, near, evaluators)
    _revisions(r, e, near)
    _appeals(r, e, near)


def _names_for_codes(r: Reading, near: Near) -> None:
    """A cell of a column of codes refused as no code at all (a unit typed by its name, «Polizia locale», with its
    space) says the code of the row so named, where there is one, instead of what a code may not contain."""
    for i, problem in enumerate(r.log.problems):
        if problem.rule != "core.input.value" or problem.row is None:
            continue
        for (name, column), kind in REFERENCES.items():
            sheet = r.sheets.get(name)
            if sheet is None or sheet.label != problem.file or column not in sheet.columns:
                continue
            said = r.column_said(sheet.label, column)
            if said != problem.column or problem.row not in sheet.numbers:
                continue
            text = sheet.columns[column][sheet.numbers.index(problem.row)]
            hint = near.named(text, kind, said) if kind not in near.unread else ""
            if hint:
                message = f"{KIND_WORDS[kind][0]} {quoted(text)} inesistente{hint}"
                r.log.problems[i] = attrs.evolve(problem, message=message, rule=f"core.ref.{_RULES[kind]}")


_RULES = {"units": "unit", "people": "person", "objectives": "objective", "areas": "area", "indicators": "indicator"}


def _units(r: Reading, e: m.Ente, near: Near) -> None:
    label = e.file_of("units")
    roots = [u for u in e.units.values() if u.parent is None]
    if e.units and len(roots) != 1:
        r.err(
            label,
            None,
            "parent",
            "core.units.root",
            f"l'organigramma deve avere una sola radice (unità senza superiore), trovate {len(roots)}",
        )
    for u in e.units.values():
        if u.parent is not None and near.lacks(u.parent, "units"):
            message = (
                f"unità {quoted(u.parent)} inesistente{near.hint(u.parent, 'units', r.column_said(label, 'parent'))}"
            )
            r.err(label, u.row, "parent", "core.ref.unit", message, ref=u.parent)
        if u.head is not None and near.lacks(u.head, "people"):
            message = f"persona {quoted(u.head)} inesistente{near.hint(u.head, 'people', r.column_said(label, 'head'))}"
            r.err(label, u.row, "head", "core.ref.person", message, ref=u.head)
    cycles(r, label, {u.id: u.parent for u in e.units.values()}, {u.id: u.row for u in e.units.values()})


def _people(r: Reading, e: m.Ente, near: Near, evaluators: Unknown) -> None:
    label = e.file_of("people")
    for p in e.people.values():
        if near.lacks(p.unit, "units"):
            message = f"unità {quoted(p.unit)} inesistente{near.hint(p.unit, 'units', r.column_said(label, 'unit'))}"
            r.err(label, p.row, "unit", "core.ref.unit", message, ref=p.unit)
        if p.evaluator is not None and near.lacks(p.evaluator, "people", "evaluators"):
            evaluators.setdefault(p.evaluator, []).append((label, p.row))


def _objectives(r: Reading, e: m.Ente, near: Near) -> None:
    label = e.file_of("objectives")
    for o in e.objectives.values():
        if o.parent is not None and near.lacks(o.parent, "objectives"):
            hint = near.hint(o.parent, "objectives", r.column_said(label, "parent"))
            message = f"obiettivo {quoted(o.parent)} inesistente{hint}"
            r.err(label, o.row, "parent", "core.ref.objective", message, ref=o.parent)
        if o.area is not None and near.lacks(o.area, "areas"):
            hint = near.hint(o.area, "areas", r.column_said(label, "area"))
            message = f"area strategica {quoted(o.area)} inesistente in aree.csv{hint}"
            r.err(label, o.row, "area", "core.ref.area", message, ref=o.area)
        if o.owner is not None and near.lacks(o.owner, "units", "people"):
            message = f"responsabile {quoted(o.owner)}: né unità né persona"
            r.err(label, o.row, "owner", "core.ref.owner", message, ref=o.owner)
    cycles(
        r,
        label,
        {o.id: o.parent for o in e.objectives.values()},
        {o.id: o.row for o in e.objectives.values()},
    )


def _indicators(r: Reading, e: m.Ente, near: Near) -> None:
    label = e.file_of("indicators")
    for i in e.indicators.values():
        if near.lacks(i.objective, "objectives"):
            hint = near.hint(i.objective, "objectives", r.column_said(label, "objective"))
            message = f"obiettivo {quoted(i.objective)} inesistente{hint}"
            r.err(label, i.row, "objective", "core.ref.objective", message, ref=i.objective)


def _assignments(r: Reading, e: m.Ente, near: Near) -> None:
    label = e.file_of("assignments")
    for a in e.assignments:
        if near.lacks(a.ref, "indicators", "objectives"):
            r.err(label, a.row, "ref", "core.ref.ref", f"{quoted(a.ref)}: né indicatore né obiettivo", ref=a.ref)
        if near.lacks(a.owner, "units", "people"):
            r.err(
                label, a.row, "owner", "core.ref.owner", f"titolare {quoted(a.owner)}: né unità né persona", ref=a.owner
            )


def _evaluations(r: Reading, e: m.Ente, near: Near, evaluators: Unknown) -> None:
    label = e.file_of("evaluations")
    people = e.people  # a row per item of every card, nearly all naming people of the ente: one look-up each
    persons: dict[str, list[int | None]] = {}  # a card of nobody: its rows, one problem for all of them
    for it in e.evaluations:
        if it.person not in people and near.lacks(it.person, "people"):
            persons.setdefault(it.person, []).append(it.row)
        if it.evaluator is not None and it.evaluator not in people and near.lacks(it.evaluator, "people", "evaluators"):
            evaluators.setdefault(it.evaluator, []).append((label, it.row))
    for ident, rows in persons.items():
        hint = near.hint(ident, "people", r.column_said(label, "person"))
        message = f"persona {quoted(ident)} inesistente{hint}"
        if len(rows) > 1:  # a card is a row per item: every row of it, once
            numbered = [n for n in rows if n is not None]
            message += (
                f"; compare in {sheet_said(label)} (colonna {r.column_said(label, 'person')}{rows_said(numbered)})"
            )
        if not hint.startswith(":"):  # a name typed for the code says the code already
            message += f": scrivi il codice di una persona di {e.sheet_said('people')}"
        r.err(label, rows[0], "person", "core.ref.person", message, ref=ident)


def _unknown_evaluators(r: Reading, e: m.Ente, near: Near, evaluators: Unknown) -> None:
    """One problem per evaluator that is nobody, at the first row that writes it; written on more rows (every item
    of a card, the people it evaluates), it names each file with its column and rows, and says what to do."""
    for ident, places in evaluators.items():
        code = near(ident, "people", "evaluators")
        named = "" if code else near.named(ident, "people", r.column_said(places[0][0], "evaluator"))
        message = (
            f"valutatore {quoted(ident)} inesistente{named}"
            if named
            else _UNKNOWN_EVALUATOR.format(quoted(ident), code)
        )
        if len(places) > 1:
            rows: dict[str, list[int]] = {}
            for label, row in places:
                rows.setdefault(label, []).extend(() if row is None else (row,))
            said = (
                f"{sheet_said(label)} (colonna {r.column_said(label, 'evaluator')}{rows_said(n)})"
                for label, n in rows.items()
            )
            message += f"; compare in {listed(said)}"
        if not named:  # a name typed for the code says the code already
            message += _EVALUATOR_HINT.format(e.sheet_said("people"))
        first, row = places[0]
        r.err(first, row, "evaluator", "core.ref.person", message, ref=ident)


def rows_said(rows: list[int]) -> str:
    """«, riga 5», «, righe 5 e 6», «, righe 2–17, 20 e 22–24»: the rows in order, three or more consecutive ones as a
    run; after ``MAX_RUNS`` runs, how many rows more; "" for none."""
    if not rows:
        return ""
    runs: list[list[int]] = []
    for row in sorted(set(rows)):
        if runs and row == runs[-1][1] + 1:
            runs[-1][1] = row
        else:
            runs.append([row, row])
    said = [part for a, b in runs[:MAX_RUNS] for part in _run(a, b)]
    more = sum(b - a + 1 for a, b in runs[MAX_RUNS:])
    if more:
        said.append(f"altre {more}")
    return f", riga {said[0]}" if len(said) == 1 and "–" not in said[0] else f", righe {listed(said)}"


def _run(first: int, last: int) -> list[str]:
    if last - first < 2:
        return [str(n) for n in range(first, last + 1)]
    return [f"{first}–{last}"]


def _revisions(r: Reading, e: m.Ente, near: Near) -> None:
    label = e.file_of("revisions")
    for rv in e.revisions:
        if near.lacks(rv.indicator, "indicators"):
            hint = near.hint(rv.indicator, "indicators", r.column_said(label, "indicator"))
            message = f"indicatore {quoted(rv.indicator)} inesistente{hint}"
            r.err(label, rv.row, "indicator", "core.ref.indicator", message, ref=rv.indicator)


def _appeals(r: Reading, e: m.Ente, near: Near) -> None:
    label = e.file_of("appeals")
    for ap in e.appeals:
        if near.lacks(ap.person, "people"):
            message = f"persona {quoted(ap.person)} inesistente{near.hint(ap.person, 'people', r.column_said(label, 'person'))}"
            r.err(label, ap.row, "person", "core.ref.person", message, ref=ap.person)


def cycles(r: Reading, label: str, parent: dict[str, str | None], rows: dict[str, int]) -> None:
    """Every loop of ``parent`` links, each reported once; linear in the nodes (each is walked once, so a
    long chain of units stays linear)."""
    done: set[str] = set()
    for start in parent:
        path: list[str] = []
        on_path: dict[str, int] = {}
        node: str | None = start
        while node is not None and node in parent and node not in done and node not in on_path:
            on_path[node] = len(path)
            path.append(node)
            node = parent[node]
        if node is not None and node in on_path:
            loop = path[on_path[node] :]
            r.err(label, rows.get(node), "parent", "core.ref.cycle", f"ciclo nei parent: {' → '.join(loop + [node])}")
        done.update(path)
