"""The returned workbooks joined to the ente's evaluations and indicator actuals.

Rules (issue 42): a card is merged only when complete; a person in two workbooks, or two workbooks of one
evaluator, is an error and neither is merged (never the last one written wins); a card or an actual already
in the ente's data that did not come from the same evaluator's workbook is a conflict, never overwritten, unless
it is the card returned as the loader reads both (then it is already there); a second merge of the same returns
changes nothing. Every row merged says where it came from in its ``x_``
columns (which workbook, which evaluator, when it was saved)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import Decimal, InvalidOperation
from typing import Any

import attrs

from ciclope.core import fmt
from ciclope.core.inputs.loading import CANONICAL, header_label
from ciclope.core.inputs.tables import MAX_CELL_CHARS
from ciclope.core.problems import Problem
from ciclope.core.raccolta import layout
from ciclope.core.raccolta.entedata import Grid
from ciclope.core.raccolta.readback import CardRow, Returned
from ciclope.core.raccolta.xlsxedit import Percent
from ciclope.core.values import CONTROL, RUNNABLE, in_percent_points, parse_indicator_value, unquoted

FROM_FILE, FROM_EVALUATOR, RECEIVED = "x_raccolta_cartella", "x_raccolta_valutatore", "x_raccolta_ricevuta"
CARD_COLUMNS = ("person", "evaluator", "section", "item", "max_points", "points", "weight", "motivation")


@attrs.define
class Tally:
    """What a merge did, for the status table."""

    problems: list[Problem] = attrs.field(factory=list)
    added: list[str] = attrs.field(factory=list)  # people whose card was added
    updated: list[str] = attrs.field(factory=list)
    same: list[str] = attrs.field(factory=list)  # already in the data, identical
    actuals: dict[str, int] = attrs.field(factory=dict)  # evaluator → actuals added or updated
    changed: set[str] = attrs.field(factory=set)  # grids changed
    refused: set[str] = attrs.field(factory=set)  # evaluators whose workbook was not merged at all
    # evaluator → the people whose card from its workbook is in the data now (new, updated or already there)
    cards: dict[str, list[str]] = attrs.field(factory=dict)
    # evaluator → the people whose complete card from its workbook was not merged (a conflict, or in two workbooks)
    held: dict[str, list[str]] = attrs.field(factory=dict)
    # (evaluator, person) → how the card returned differs from the one the data already held (a conflict): the first
    # difference
    differs: dict[tuple[str, str], str] = attrs.field(factory=dict)
    # evaluator → how each card from its workbook merged: "added", "updated" or "same", one a card
    kinds: dict[str, list[str]] = attrs.field(factory=dict)
    # valutatori.csv: each person evaluated by several evaluators in the year → those evaluators (:func:`listed`)
    periods: dict[str, frozenset[str]] = attrs.field(factory=dict)
    # evaluator → how many actuals from its workbook are in the data now (merged now or already there)
    measures: dict[str, int] = attrs.field(factory=dict)
    # the people whose card in the ente's data after the merge has points on every item, and the indicators with an
    # actual there: what a workbook sent need not bring (written by the office before ``raccolta crea``, or merged
    # from a workbook before); each card as :meth:`key` names it
    cards_in_data: frozenset[tuple[str, str]] = frozenset()
    actuals_in_data: frozenset[str] = frozenset()

    def conflict(self, title: str, message: str, row: int | None = None, column: str = "") -> None:
        self.problems.append(Problem(rule="raccolta.conflitto", file=title, message=message, row=row, column=column))

    def card(self, evaluator: str | None, person: str, kind: str | None) -> None:
        """``person``'s card from ``evaluator``'s workbook: merged (``kind``: "added", "updated" or "same") or held."""
        if kind is not None:
            getattr(self, kind).append(person)
            self.kinds.setdefault(evaluator or "", []).append(kind)
        into = self.held if kind is None else self.cards
        into.setdefault(evaluator or "", []).append(person)

    def key(self, person: str, evaluator: str) -> tuple[str, str]:
        """A card of the data: the person's, or, for a person evaluated by several evaluators (valutatori.csv), the
        card of one of them, each its own."""
        return (person, evaluator if person in self.periods else "")

    def has_card(self, person: str, evaluator: str) -> bool:
        """Whether the ente's data holds, complete, the card of ``person`` that ``evaluator``'s workbook asks."""
        return self.key(person, evaluator) in self.cards_in_data

    def measure(self, evaluator: str | None) -> None:
        self.measures[evaluator or ""] = self.measures.get(evaluator or "", 0) + 1


def _value(text: str, xlsx: bool) -> Any:
    """A cell to write: a number as a number in a workbook, text otherwise."""
    if not xlsx or not text:
        return text or None
    try:
        number = Decimal(text)
    except InvalidOperation:
        return text
    return int(number) if number == number.to_integral_value() else float(number)


def _points(value: Decimal | None) -> str:
    return "" if value is None else format(value.normalize(), "f")


def unique_returns(returned: Iterable[Returned], tally: Tally) -> list[Returned]:
    """The accepted workbooks, less those of an evaluator who returned two (both refused)."""
    by: dict[str, list[Returned]] = {}
    for r in returned:
        if r.accepted and r.evaluator is not None:
            by.setdefault(r.evaluator, []).append(r)
    kept = []
    for evaluator, found in by.items():
        if len(found) == 1:
            kept.append(found[0])
            continue
        names = ", ".join(r.file for r in found)
        tally.refused.add(evaluator)
        tally.conflict(
            layout.RETURNED,
            f"due cartelle dello stesso valutatore {fmt.quoted(evaluator)} ({names}): nessuna è unita; "
            f"tieni in {layout.RETURNED}/ solo quella giusta",
        )
    return kept


def _twice(kept: list[Returned], tally: Tally) -> set[str]:
    """People whose complete card is in two workbooks: an error, merged from neither."""
    seen: dict[str, list[str]] = {}
    for r in kept:
        for person in r.complete():
            if person not in tally.periods:  # each evaluator's card its own: one workbook each (unique_returns)
                seen.setdefault(person, []).append(r.file)
    twice = {p for p, files in seen.items() if len(files) > 1}
    for person in sorted(twice):
        tally.conflict(
            layout.RETURNED,
            f"la scheda di {fmt.quoted(person)} è in più cartelle ({', '.join(seen[person])}): non è unita da nessuna; "
            "lascia la scheda in una sola cartella",
        )
    return twice


def _card_rows(r: Returned, rows: list[CardRow], grid: Grid, xlsx: bool) -> list[list[Any]]:
    out = []
    for c in rows:
        cells = {
            "person": c.person,
            "evaluator": r.evaluator,
            "section": c.section,
            "item": c.item,
            "max_points": _value(c.max_points, xlsx),
            "points": _value(_points(c.points), xlsx),
            "weight": _value(c.weight, xlsx),
            "motivation": quoted(c.motivation) or None,
            FROM_FILE: r.file,
            FROM_EVALUATOR: r.evaluator,
            RECEIVED: r.received,
        }
        out.append([cells.get(grid.code(h)) for h in grid.header])
    return out


def merge_cards(grid: Grid, kept: list[Returned], tally: Tally, xlsx: bool) -> None:
    if not grid.header:  # a new file: the office's Italian headers (persona, valutatore, …)
        grid.header = [header_label(grid.name, code) for code in CARD_COLUMNS]
    for name in (*CARD_COLUMNS, FROM_FILE, FROM_EVALUATOR, RECEIVED):
        grid.column(name)
    twice = _twice(kept, tally)
    for r in kept:
        for person, rows in r.complete().items():
            if person in twice:
                tally.card(r.evaluator, person, None)
            else:
                _merge_card(grid, r, person, rows, tally, xlsx)


def _merge_card(grid: Grid, r: Returned, person: str, rows: list[CardRow], tally: Tally, xlsx: bool) -> None:
    if not _listed_here(grid, r, person, tally):
        return
    new = _card_rows(r, rows, grid, xlsx)
    at = _card_at(grid, person, r.evaluator or "", tally)
    if not at:
        grid.rows.extend(new)
        tally.card(r.evaluator, person, "added")
        tally.changed.add(grid.name)
        return
    if all(not layout.text(grid.get(grid.rows[i], "points")) for i in at):
        # the card's items without points (``template --from``): the evaluator's card takes their place
        keep = [row for i, row in enumerate(grid.rows) if i not in set(at)]
        grid.rows[:] = keep[: at[0]] + new + keep[at[0] :]
        tally.card(r.evaluator, person, "added")
        tally.changed.add(grid.name)
        return
    if any(grid.get(grid.rows[i], FROM_EVALUATOR) != r.evaluator for i in at):
        _not_from_workbook(grid, r, person, rows, at, tally)
        return
    if [_card_values(grid, grid.rows[i]) for i in at] == [_card_values(grid, row) for row in new]:
        tally.card(r.evaluator, person, "same")  # the same points sent again (a corrected workbook's others)
        return
    keep = [row for i, row in enumerate(grid.rows) if i not in set(at)]
    grid.rows[:] = keep[: at[0]] + new + keep[at[0] :]
    tally.card(r.evaluator, person, "updated")
    tally.changed.add(grid.name)


def listed(grid: Grid) -> dict[str, frozenset[str]]:
    """valutatori.csv's rows (``grid``): each person evaluated by several evaluators in the year → those evaluators."""
    out: dict[str, set[str]] = {}
    for row in grid.rows:
        person, evaluator = grid.get(row, "person"), grid.get(row, "evaluator")
        if person and evaluator:
            out.setdefault(person, set()).add(evaluator)
    return {person: frozenset(them) for person, them in out.items()}


def _card_at(grid: Grid, person: str, evaluator: str, tally: Tally) -> list[int]:
    """The rows of the data that are the card ``evaluator``'s workbook returns for ``person``: all the person's rows,
    or, for a person evaluated by several evaluators, those whose ``valutatore`` is ``evaluator``: another
    evaluator's card is another card, never compared with it, replaced or removed."""
    key = tally.key(person, evaluator)
    return [
        i
        for i, row in enumerate(grid.rows)
        if grid.get(row, "person") == person and tally.key(person, grid.get(row, "evaluator")) == key
    ]


def _listed_here(grid: Grid, r: Returned, person: str, tally: Tally) -> bool:
    """Whether the workbook's evaluator may return ``person``'s card: anyone for a person with one evaluator; for a
    person listed in valutatori.csv, one of the evaluators listed (else the card is held: merged, the loader would
    refuse its rows)."""
    them = tally.periods.get(person)
    if them is None or r.evaluator in them:
        return True
    tally.conflict(
        grid.title,
        f"{fmt.quoted(person)} è in valutatori.csv con i valutatori {', '.join(sorted(them))}, non con "
        f"{fmt.quoted(r.evaluator or '')}: la scheda ricevuta in {r.file} non è unita; aggiungi in valutatori.csv il "
        f"periodo di {fmt.quoted(r.evaluator or '')} e rilancia l'unione",
    )
    tally.card(r.evaluator, person, None)
    return False


def _not_from_workbook(grid: Grid, r: Returned, person: str, rows: list[CardRow], at: list[int], tally: Tally) -> None:
    """The card returned for rows of the data (``at``) the workbook did not write: already there when the same,
    else a conflict whose hint removes only those rows (of this evaluator's card, for a person of valutatori.csv)."""
    differs = difference([grid.rows[i] for i in at], rows, grid)
    if not differs:  # the office's card, returned as it is: already there, nothing to write
        tally.card(r.evaluator, person, "same")
        return
    lines = ", ".join(str(i + 2) for i in at[:5])
    whose = f" di {fmt.quoted(r.evaluator or '')}" if person in tally.periods else ""
    tally.conflict(
        grid.title,
        f"{fmt.quoted(person)} ha già una scheda{whose} nei dati dell'ente (righe {lines}) che non viene dalla "
        f"cartella di {fmt.quoted(r.evaluator or '')} ed è diversa da quella ricevuta in {r.file}: {differs}; la "
        "scheda ricevuta non è unita: per prendere quella della cartella togli quelle righe dai dati e rilancia "
        "l'unione, altrimenti correggi la cartella",
        row=at[0] + 2,
        column=grid.header[grid.index("person")],  # as the sheet writes it: «persona»
    )
    tally.differs[(r.evaluator or "", person)] = differs
    tally.card(r.evaluator, person, None)


Read = Decimal | str | None  # a cell as the loader reads it; its text where the loader would refuse it


def _read(code: str, text: str) -> Read:
    """``text`` of an evaluations column as the loader reads it (``60,00`` is 60): a number compared as a number."""
    if not text:
        return None
    try:
        value = CANONICAL["evaluations"][code][0](text)
    except ValueError:
        return text
    return value if isinstance(value, Decimal) else text


def _said(value: Read) -> str:
    if value is None:
        return "vuoto"
    return fmt.decimal_it(value) if isinstance(value, Decimal) else fmt.quoted(value)


def _voce(maximum: str, weight: str, points: Read) -> tuple[Read, Read, Read]:
    """A voce's maximum, weight and points as the score reads them: a blank weight weighs the maximum."""
    most = _read("max_points", maximum)
    return most, _read("weight", weight) if weight else most, points


def difference(data: list[list[Any]], rows: list[CardRow], grid: Grid) -> str:
    """The first difference between a person's card in the ente's data (``data``, rows of ``grid``) and the card
    returned (``rows``), in words; "" when they are one card as the loader reads it: the same voci (section and
    item), each with the same maximum, weight and points, compared as numbers, and the same motivation."""
    kept = {
        (grid.get(row, "section"), grid.get(row, "item")): _voce(
            grid.get(row, "max_points"), grid.get(row, "weight"), _read("points", grid.get(row, "points"))
        )
        for row in data
    }
    sent = {(c.section.strip(), c.item.strip()): _voce(c.max_points, c.weight, c.points) for c in rows}
    for (section, item), voce in sent.items():
        if (section, item) not in kept:
            return f"la voce {fmt.quoted(item)} è nella cartella e non nei dati"
        for what, there, here in zip(("punti massimi", "peso", ""), kept[(section, item)], voce, strict=True):
            if there != here:
                of = f"voce {fmt.quoted(item)}, {what}" if what else f"voce {fmt.quoted(item)}"
                return f"{of}, nei dati {_said(there)}, nella cartella {_said(here)}"
    gone = next((item for section, item in kept if (section, item) not in sent), None)  # in the data's order
    if gone is not None:
        return f"la voce {fmt.quoted(gone)} è nei dati e non nella cartella"
    if len(data) != len(rows):
        return f"la scheda nei dati ha {len(data)} righe, quella della cartella {len(rows)}"
    said = {unquoted(grid.get(row, "motivation")) for row in data} - {""}
    if said != {c.motivation.strip() for c in rows} - {""}:
        return "la motivazione non è la stessa"
    return ""


def _card_values(grid: Grid, row: list[Any]) -> list[str]:
    """A card row's values as text, less where and when it was received: a card sent again with the same points,
    in a workbook of another name or saved later, is the card already there."""
    where = {FROM_FILE, RECEIVED}
    return [
        layout.text(row[i] if i < len(row) else None) for i, h in enumerate(grid.header) if grid.code(h) not in where
    ]


def _kind(text: str) -> str:
    parser = CANONICAL["indicators"]["type"][0]
    try:
        return str(parser(text))
    except ValueError:
        return ""


def merge_actuals(grid: Grid, kept: list[Returned], tally: Tally, xlsx: bool = False, year: int = 2021) -> None:
    if not any(r.actuals for r in kept):
        return
    rows = {grid.get(row, "id"): row for row in grid.rows}
    for r in kept:
        for ident, (text, at, target) in r.actuals.items():
            row = rows.get(ident)
            if row is None:
                continue  # an indicator removed from the data since the collection: nothing to fill
            label = f"{layout.RETURNED}/{r.file}[{layout.MEASURES}]"
            try:
                value = checked_actual(_kind(grid.get(row, "type")), text, target, year)
            except ValueError as exc:
                tally.problems.append(
                    Problem(rule="raccolta.consuntivo", file=label, row=at, column="Consuntivo", message=f"{exc}")
                )
                continue
            if isinstance(value, str):  # a monitoring indicator's text: compared and stored as it is stored
                text = value = quoted(value)
            if isinstance(value, Decimal):
                cell = _cell(grid, row, text, value) if xlsx else _csv_text(grid, row, text, value)
            else:
                cell = text
            _merge_actual(grid, row, ident, (text, cell), value, r, tally)


# the columns of an indicator whose cells say the office writes its values as percentages
_SHOWN_AS = ("target", "baseline", "target_mid", "actual_mid", "actual")


def _as_percent(grid: Grid, row: list[Any], text: str) -> bool:
    """Whether an actual is a percentage for the office: the evaluator typed one, a project's completion, or the
    office wrote the indicator's other values as percentages («95%»)."""
    return (
        text.endswith("%")
        or _kind(grid.get(row, "type")) == "project"
        or any(grid.as_percent(row, c) for c in _SHOWN_AS)
    )


def _cell(grid: Grid, row: list[Any], text: str, value: Decimal) -> Any:
    """An actual as the workbook stores it: a number, shown as a percentage where it is one (:func:`_as_percent`)."""
    if _as_percent(grid, row, text):
        return Percent(value)
    return _value(format(value, "f"), True)


_COMMA = re.compile(r"\d,\d")


def _csv_text(grid: Grid, row: list[Any], text: str, value: Decimal) -> str:
    """An actual as the office writes it in its CSV: a percentage as «95%» where it is one (:func:`_as_percent`;
    the evaluator's workbook holds 0,95), with the decimal comma where the office wrote the indicator's other
    values with it («90,5%»); any other as typed (a plain decimal takes the comma of a file separated by «;» in
    :mod:`.csvedit`)."""
    if not _as_percent(grid, row, text) or text.endswith("%"):
        return text
    shown = format((value * 100).normalize(), "f") + "%"
    if any(_COMMA.search(grid.get(row, c)) for c in _SHOWN_AS):
        shown = shown.replace(".", ",")
    return shown


def quoted(text: str) -> str:
    """A text a spreadsheet would run when the office opens the data (:data:`ciclope.core.values.RUNNABLE`),
    stored with the apostrophe a spreadsheet itself uses for text; the loader reads it without
    (:func:`ciclope.core.values.unquoted`), so a document never prints it."""
    return "'" + text if text.startswith(RUNNABLE) else text


def checked_actual(kind: str, text: str, target: str = "", year: int = 2021) -> Any:
    """The actual as the loader reads it, or ValueError in Italian: as the loader checks a cell (control
    characters, length), a completion percentage from 0% to 100%, an actual that looks typed in percentage
    points against a ``target`` that is a percentage (74 for 0,72: :func:`ciclope.core.values.in_percent_points`);
    a date that does not read is said with examples of ``year``, the collection's."""
    found = CONTROL.search(text)
    if found:
        raise ValueError(f"il testo contiene il carattere di controllo U+{ord(found.group()):04X}: toglilo")
    if len(text) > MAX_CELL_CHARS:
        raise ValueError(f"testo troppo lungo ({len(text)} caratteri; massimo {MAX_CELL_CHARS})")
    value = parse_indicator_value(kind, text, year)  # a date's examples of the cycle's year
    if kind == "project" and not Decimal(0) <= value <= Decimal(1):
        shown = format((value * 100).normalize(), "f")
        raise ValueError(
            f"completamento {fmt.quoted(text)} fuori dall'intervallo: è una percentuale da 0% a 100% ({fmt.quoted(text)} si legge "
            f"{shown}%); scrivi ad esempio 80% per l'ottanta per cento"
        )
    _percent_points(kind, text, value, target)
    return value


def _percent_points(kind: str, text: str, value: Any, target: str) -> None:
    try:
        expected = parse_indicator_value(kind, target) if target else None
    except ValueError:
        return
    if isinstance(expected, Decimal) and isinstance(value, Decimal) and in_percent_points(kind, expected, value):
        share = format((expected * 100).normalize(), "f").replace(".", ",")
        raise ValueError(
            f"consuntivo {fmt.quoted(text)} per un target del {share}%: sembra scritto in punti percentuali e si leggerebbe "
            f"{format((value * 100).normalize(), 'f').replace('.', ',')}%; scrivi {text}% (con il segno %)"
        )


def _merge_actual(
    grid: Grid, row: list[Any], ident: str, written: tuple[str, Any], value: Any, r: Returned, tally: Tally
) -> None:
    """``written``: the actual as the evaluator typed it, and the cell to store (a number in a workbook)."""
    text, cell = written
    for name in ("actual", FROM_FILE, FROM_EVALUATOR, RECEIVED):
        grid.column(name)
    old = grid.get(row, "actual")
    if old:
        try:
            same = parse_indicator_value(_kind(grid.get(row, "type")), old) == value
        except ValueError:
            same = False
        if same:
            tally.measure(r.evaluator)
            return
        if grid.get(row, FROM_EVALUATOR) != r.evaluator:
            tally.conflict(
                grid.title,
                f"l'indicatore {fmt.quoted(ident)} ha già il consuntivo {fmt.quoted(old)} nei dati dell'ente, la cartella {r.file} "
                f"dice {fmt.quoted(text)}: non lo sostituisco; correggi uno dei due",
                row=grid.rows.index(row) + 2,
                column=grid.header[grid.column("actual")],
            )
            return
    for name, stored in (("actual", cell), (FROM_FILE, r.file), (FROM_EVALUATOR, r.evaluator), (RECEIVED, r.received)):
        row[grid.column(name)] = stored
    tally.actuals[r.evaluator or ""] = tally.actuals.get(r.evaluator or "", 0) + 1
    tally.measure(r.evaluator)
    tally.changed.add(grid.name)


def merge(grids: dict[str, Grid], returned: list[Returned], xlsx: bool, year: int = 2021) -> Tally:
    """The returned workbooks merged into the ente's sheets; ``year``, the collection's, for the examples of a
    date that does not read."""
    periods = grids.get("evaluator_periods")
    tally = Tally(periods=listed(periods) if periods is not None else {})
    kept = unique_returns(returned, tally)
    merge_cards(grids["evaluations"], kept, tally, xlsx)
    merge_actuals(grids["indicators"], kept, tally, xlsx, year)
    tally.cards_in_data, tally.actuals_in_data = in_data(grids, tally)
    return tally


def in_data(grids: dict[str, Grid], tally: Tally) -> tuple[frozenset[tuple[str, str]], frozenset[str]]:
    """The cards complete in ``grids`` (points on every item: the items of ``template --from`` without points are a
    card still to fill), each as :meth:`Tally.key` names it, and the indicators with an actual."""
    cards = grids["evaluations"]
    complete: dict[tuple[str, str], bool] = {}
    for row in cards.rows:
        person = cards.get(row, "person")
        if person:
            card = tally.key(person, cards.get(row, "evaluator"))
            complete[card] = complete.get(card, True) and bool(cards.get(row, "points"))
    measures = grids["indicators"]
    actuals = {measures.get(row, "id") for row in measures.rows if measures.get(row, "actual")}
    return frozenset(p for p, ok in complete.items() if ok), frozenset(actuals - {""})
