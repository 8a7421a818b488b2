"""The model's records of an ente (:mod:`core.model`), built from its sheets' parsed columns: units,
areas, people, objectives, assignments, the cards' items, revisions, appeals and a plugin's own files
(indicators.csv, whose cells depend on each row's type, is :mod:`.indicators`'). A row with a bad cell
is skipped, reported in its turn; a repeated id is reported, the first row kept."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Mapping, Sequence
from decimal import Decimal
from typing import Any

from ciclope.core import model as m
from ciclope.core.fmt import decimal_it, quoted
from ciclope.core.inputs.columns import Table, kept, people_names, person_said, rows, table
from ciclope.core.inputs.reading import Reading
from ciclope.core.inputs.tables import Sheet
from ciclope.core.values import unquoted

PERSON_COLUMNS = ("id", "name", "role", "category", "unit", "fte", "absence_days", "insufficient", "evaluator")
# A big sheet's records are built from its columns (:func:`core.model.from_columns`), then kept: every record
# at once when the sheet has no bad cell (the common case), else row by row through
# :func:`core.inputs.columns.kept`, which reports the bad rows in their turn (the slow path, and the reference
# of the fast one: ``FAST = False`` takes it always; a test compares the two). Read by this module alone.
FAST = True


UNIT_COLUMNS = ("id", "name", "kind", "parent", "head")


def units(r: Reading) -> dict[str, m.Unit]:
    found = table(r, "units")
    if found is None:
        return {}
    ids = found.column("id")
    fields = (_or(found.column("name"), ids), found.column("kind"), found.column("parent"), found.column("head"))
    extras = _extras(found, UNIT_COLUMNS, len(ids))
    records = m.from_columns(m.Unit, ids, *fields, found.sheet.numbers, extras, _kind_said(found, len(ids)))
    return keyed(r, found, ids, records)


def _kind_said(found: Table, size: int) -> list[str]:
    """The office's word for each unit's kind where it wrote another word for it («settore» for an area), else ""."""
    written = found.sheet.columns.get("kind")
    if written is None:
        return [""] * size
    return [w if (w := text.strip().lower()) in m.UNIT_KIND_ALIASES else "" for text in written]


def _extras(found: Table, canonical: Sequence[str], size: int) -> list[dict[str, Any]]:
    """The plugin's own columns of a sheet, as {column: value} for each row."""
    others = [c for c in found.values if c not in canonical]
    if not others:
        return [{} for _ in range(size)]
    return list(map(dict, map(zip, itertools.repeat(others), zip(*[found.values[c] for c in others]))))


def areas(r: Reading) -> dict[str, m.StrategicArea]:
    found: dict[str, m.StrategicArea] = {}
    for sheet, n, row in rows(r, "areas"):
        unique(
            r,
            found,
            row["id"],
            sheet,
            n,
            m.StrategicArea(
                id=row["id"],
                name=row.get("name") or row["id"],
                weight=row.get("weight"),
                separate=bool(row.get("separate")),
                row=n,
            ),
        )
    return found


def people(r: Reading) -> dict[str, m.Person]:
    found = table(r, "people")  # read once: reading a sheet reports its problems
    if found is None:
        return {}
    people = records_by_id(r, found, m.Person, _person_columns)
    same_names(r, found.sheet, people)
    return people


def same_names(r: Reading, sheet: Sheet, people: Mapping[str, m.Person]) -> None:
    """A name written under two codes: a warning at the later row, since one person written twice would be
    evaluated and paid twice, while two people of the same name need no change. A name left empty (the code) is no
    name written."""
    first: dict[str, m.Person] = {}
    for person in people.values():
        said = " ".join(person.name.split()).casefold()
        if person.name == person.id or not said:
            continue
        if said not in first:
            first[said] = person
            continue
        earlier = first[said]
        r.err(
            sheet,
            person.row,
            "name",
            "core.input.same_name",
            f"il nome {quoted(person.name)} è anche alla riga {earlier.row}, con il codice {quoted(earlier.id)}, qui "
            f"con il codice {quoted(person.id)}: se è la stessa persona tieni una riga sola, o sarà valutata e "
            "pagata due volte; se sono due persone con lo stesso nome non serve cambiare nulla",
            severity="warning",
        )


def objectives(r: Reading) -> dict[str, m.Objective]:
    return by_id(
        r,
        "objectives",
        m.Objective,
        lambda found, ids: (
            found.column("kind"),
            _or(found.column("title"), ids),
            found.column("parent"),
            found.column("area"),
            found.column("weight"),
            found.column("owner"),
        ),
    )


def assignments(r: Reading) -> tuple[m.Assignment, ...]:
    found = table(r, "assignments")
    if found is None:
        return ()
    return tuple(
        built(
            r,
            found,
            m.from_columns(
                m.Assignment,
                found.column("cruscotto"),
                found.column("owner"),
                found.column("ref"),
                found.column("weight"),
                found.sheet.numbers,
            ),
        )
    )


def evaluations(r: Reading) -> tuple[tuple[m.EvaluationItem, ...], dict[str, str]]:
    """(the cards' items, each person's card motivation)."""
    found = table(r, "evaluations")
    if found is None:
        return (), {}
    return cards(r, found), _motivations(found.column("person"), found.column("motivation"))


def revisions(r: Reading) -> tuple[m.Revision, ...]:
    return tuple(
        m.Revision(
            indicator=row["indicator"],
            field=row["field"],
            old=row.get("old") or "",
            new=row["new"],
            reason=row.get("reason") or "",
            oiv_validated=bool(row.get("oiv_validated")),
            approved=bool(row.get("approved")),
            row=n,
        )
        for _, n, row in rows(r, "revisions")
    )


def appeals(r: Reading) -> tuple[m.Appeal, ...]:
    return tuple(
        m.Appeal(
            person=row["person"],
            stage=row["stage"],
            date=row.get("date"),
            outcome=row.get("outcome"),
            new_points_item=row.get("new_points_item"),
            new_points=row.get("new_points"),
            row=n,
            evaluator=row.get("evaluator"),
        )
        for _, n, row in rows(r, "appeals")
    )


def plugin_tables(r: Reading) -> dict[str, tuple[m.Row, ...]]:
    """The rows of the files a plugin adds (its schema's ``files``), by file name without ``.csv``."""
    found = {}
    for fname in r.asked.schema.files:
        stem = fname.removesuffix(".csv")
        found[stem] = tuple(m.Row(values=row, row=n) for _, n, row in rows(r, stem))
    return found


def built(r: Reading, found: Table, records: Iterable[Any]) -> list[Any]:
    """The records (one per row of the sheet) of the rows without a bad cell."""
    if FAST and not found.bad:
        return list(records)
    return [record for _, _, record in kept(r, found, records)]


def by_id(r: Reading, name: str, cls: type, fields: Callable[[Table, list[Any]], Iterable[Sequence[Any]]]) -> dict:
    """The records of a sheet with ids (units, people, objectives) by id (:func:`keyed`), each of
    class ``cls`` built from the columns: the ids, ``fields(table, ids)`` in field order, the row."""
    found = table(r, name)
    return records_by_id(r, found, cls, fields) if found is not None else {}


def records_by_id(
    r: Reading, found: Table, cls: type, fields: Callable[[Table, list[Any]], Iterable[Sequence[Any]]]
) -> dict:
    """The records of a sheet already read (:func:`by_id`)."""
    ids = found.column("id")
    return keyed(r, found, ids, m.from_columns(cls, ids, *fields(found, ids), found.sheet.numbers))


def keyed(r: Reading, found: Table, ids: list[Any], records: Iterable[Any]) -> dict[str, Any]:
    """The records of the rows without a bad cell by id, the first of a repeated id kept and the
    others reported (:func:`unique`), in row order."""
    if FAST and not found.bad:
        records = list(records)
        by_key = dict(zip(ids, records))
        if len(by_key) == len(records):
            return by_key  # no id repeated (else the slow path reports each repetition)
    by_key = {}
    for sheet, n, (key, record) in kept(r, found, zip(ids, records)):
        unique(r, by_key, key, sheet, n, record)
    return by_key


def cards(r: Reading, found: Table) -> tuple[m.EvaluationItem, ...]:
    """The items of evaluations.csv (~4 a person) less the bad rows and those that break a card's
    checks (rules/core.md §3), each reported in its turn. The checks are made on whole columns first
    (comparisons in C): when no row breaks one, the items are kept without a loop."""
    max_points, points = found.column("max_points"), found.column("points")
    items = m.from_columns(
        m.EvaluationItem,
        found.column("person"),
        found.column("evaluator"),
        [section or "" for section in found.column("section")],
        found.column("item"),
        max_points,
        points,
        found.column("weight"),
        found.sheet.numbers,
        *_no_appeal(len(points)),
    )
    if FAST and not found.bad and _cards_hold(max_points, points):
        return tuple(items)
    return tuple(_checked_items(r, found, max_points, points, items))


def _checked_items(r: Reading, found: Table, max_points: list, points: list, items: Iterable) -> list:
    """The items of the rows without a bad cell that pass a card's checks, the others reported in
    their turn."""
    good, names = [], people_names(r)
    for sheet, n, (most, got, item) in kept(r, found, zip(max_points, points, items)):
        if got is None and most > 0:  # only when collecting: the points are still to be given
            good.append(item)
            continue
        if most <= 0:
            r.err(
                sheet,
                n,
                "max_points",
                "core.card.max_points",
                f"i punti massimi della voce devono essere più di 0, trovato {decimal_it(most)}",
                source="rules/core.md §3",
            )
            continue
        if not (0 <= got <= most):
            r.err(
                sheet,
                n,
                "points",
                "core.card.points",
                f"punti {decimal_it(got)} fuori dall'intervallo ammesso: da 0 a {decimal_it(most)} "
                f"(voce {quoted(item.item)} della scheda di {person_said(names, item.person)})",
                source="rules/core.md §3",
            )
            continue
        good.append(item)
    return good


def unique(r: Reading, items: dict, key: str, sheet: Sheet, n: int, obj) -> None:
    if key in items:
        names = (getattr(items[key], "name", ""), getattr(obj, "name", ""))
        duplicate(r, sheet, n, key, items[key].row, names if key not in names and all(names) else ("", ""))
    else:
        items[key] = obj


def duplicate(r: Reading, sheet: Sheet, n: int, key: str, first: int, names: tuple[str, str] = ("", "")) -> None:
    """A row whose id an earlier row has: both rows by their names, when they have them (two persons, not one
    written twice), and what to do."""
    said = (
        f": alla riga {first} è di {quoted(names[0])}, qui di {quoted(names[1])}"
        if all(names)
        else f" (già alla riga {first})"
    )
    todo = "ogni riga vuole un codice suo: cambia quello di una delle due, o togli questa riga se ripete la stessa"
    r.err(sheet, n, "id", "core.input.duplicate", f"identificativo {quoted(key)} ripetuto{said}; {todo}")


def _or(values: list[Any], defaults: list[Any]) -> list[Any]:
    """``value or default`` row by row (a name left empty is the id)."""
    return [value or default for value, default in zip(values, defaults)]


def _person_columns(found: Table, ids: list[Any]) -> tuple[Sequence[Any], ...]:
    """people.csv's columns in :class:`core.model.Person`'s field order after the id, with the
    defaults of an empty cell; ``extra``: the plugin's own columns, as {column: value} for each person."""
    extras = _extras(found, PERSON_COLUMNS, len(ids))
    one, zero = Decimal(1), Decimal(0)
    return (
        _or(found.column("name"), ids),
        found.column("role"),
        found.column("category"),
        found.column("unit"),
        [fte or one for fte in found.column("fte")],
        [days or zero for days in found.column("absence_days")],
        list(map(bool, found.column("insufficient"))),
        found.column("evaluator"),
        extras,
    )


def _motivations(people: list[Any], texts: list[Any]) -> dict[str, str]:
    """Each person's card motivation: the texts of the card's rows, each once, in row order, without the
    spreadsheet's text marker a merged «- puntuale» is stored with (:func:`ciclope.core.values.unquoted`):
    the scheda personale prints the evaluator's words."""
    out: dict[str, list[str]] = {}
    for person, written in zip(people, texts):
        text = unquoted(written) if written else written
        if person and text and text not in out.setdefault(person, []):
            out[person].append(text)
    return {person: " ".join(found) for person, found in out.items() if found}


def _cards_hold(max_points: list[Any], points: list[Any]) -> bool:
    """Whether every row passes the card's checks: no max_points <= 0, no points < 0, no points >
    max_points. A card's values repeat (a column's equal texts are one Decimal), so the checks are made
    once for each distinct (max_points, points) pair. False, for the row-by-row checks to say what is wrong, when a value does not hash or
    compare (a plugin's parser)."""
    try:
        return all(not most <= 0 and not got < 0 and got <= most for most, got in set(zip(max_points, points)))
    except TypeError:
        return False


def _no_appeal(n: int) -> tuple[list[int], list[str], list[None], list[tuple[()]]]:
    """The appeal fields of ``n`` card items as read (no conciliation stage yet: core.conciliation sets them), and
    their periods (none yet: core.inputs.periods gives them to the cards of several evaluators)."""
    return [0] * n, [""] * n, [None] * n, [()] * n
