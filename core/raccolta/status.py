"""The table ``raccolta unisci`` prints: for every workbook sent, whether it came back, what of it is in the ente's
data (each row's counts add up to the totals below the table), what was refused and why, and every card left
out with whose it is and which item has no points."""

from __future__ import annotations

import attrs

from ciclope.core.fmt import quoted
from ciclope.core.raccolta import layout
from ciclope.core.raccolta.manifest import Manifest, Sent
from ciclope.core.raccolta.merge import Tally
from ciclope.core.raccolta.readback import CardRow, Returned
from ciclope.core.reports.fmt import plural

HEADER = ("valutatore", "nome", "schede", "indicatori", "stato")


@attrs.frozen
class Line:
    """One row of the table (its five cells) and the lines under it, each said in full."""

    cells: tuple[str, str, str, str, str]
    notes: tuple[str, ...] = ()


# the state of a workbook not returned whose every card and actual the ente's data already holds: nothing is missing
IN_DATA = "non restituita, già tutto nei dati"


@attrs.frozen
class Earlier:
    """What of a workbook's cards and indicators the ente's data holds that the workbook did not bring now: a
    workbook not back or refused, a card it left incomplete, an actual it left empty (the office wrote them before
    ``raccolta crea``, or an earlier merge did). ``complete``: nothing of the workbook is missing from the data."""

    cards: int
    actuals: int
    complete: bool


def _earlier(s: Sent, merged: Returned | None, tally: Tally) -> Earlier:
    """A card counts here when the data holds it complete and the workbook did not bring it into the data: not back,
    left incomplete, or held (in conflict with the data's card, which stays)."""
    brought = set(tally.cards.get(s.evaluator, [])) if merged else set()
    filled = set(merged.actuals) if merged else set()
    cards = sum(1 for p in s.people if p not in brought and tally.has_card(p, s.evaluator))
    actuals = sum(1 for i in s.indicators if i not in filled and i in tally.actuals_in_data)
    return Earlier(cards, actuals, cards == len(s.people) and actuals == len(s.indicators))


def _state(evaluator: str, found: list[Returned], tally: Tally, earlier: Earlier) -> str:
    if not found:
        return IN_DATA if earlier.complete else "MANCANTE"
    files = ", ".join(r.file for r in found)
    if evaluator in tally.refused:
        return f"RESPINTA: due cartelle dello stesso valutatore ({files}), nessuna unita"
    r = next((r for r in found if r.accepted), found[0])
    if not r.accepted:
        tampered = any(p.rule == "raccolta.manomessa" for p in r.problems)
        why = "modificata fuori dalle celle da compilare" if tampered else "vedi gli errori"
        return f"RESPINTA: {why} ({files})"
    return f"restituita ({r.file}, {r.received})"


def _said(rows: list[CardRow], person: str) -> str:
    name = next((r.name for r in rows if r.person == person and r.name), "")
    return f"{name} ({person})" if name else person


def _blank(r: Returned, row: CardRow) -> str:
    """Why an item of an incomplete card has no points: left empty, or points the merge refused."""
    wrong = any(p.rule == "raccolta.punti" and p.row == row.row for p in r.problems)
    what = "con punti non validi (vedi gli errori)" if wrong else "senza punti"
    return f"voce {quoted(row.item)} (foglio {layout.CARDS}, riga {row.row}) {what}"


def _notes(r: Returned, tally: Tally) -> list[str]:
    """Under an accepted workbook's row: each card left out, whose and why."""
    rows = list(r.rows)
    notes = []
    for person in r.incomplete():
        blanks = "; ".join(_blank(r, row) for row in rows if row.person == person and row.points is None)
        notes.append(f"scheda incompleta, non unita: {_said(rows, person)}: {blanks}")
    for person in tally.held.get(r.evaluator or "", []):
        differs = tally.differs.get((r.evaluator or "", person))
        if differs:
            notes.append(
                f"scheda diversa da quella nei dati, non unita (vedi gli errori): {_said(rows, person)}: {differs}"
            )
        else:
            notes.append(f"scheda completa non unita (vedi gli errori): {_said(rows, person)}")
    return notes


def _kinds(r: Returned, tally: Tally, earlier: Earlier) -> str:
    """The workbook's cards in the words of the totals below the table, so that the rows add up to them: merged now
    (new, updated), already there (the same as the data's), in the data without it; and those not merged. "" when
    every card was merged now."""
    mine = tally.kinds.get(r.evaluator or "", [])  # a person of two evaluators has a card in each workbook
    added, updated, same = (mine.count(kind) for kind in ("added", "updated", "same"))
    incomplete, held = len(r.incomplete()), len(tally.held.get(r.evaluator or "", []))
    if not (same or earlier.cards or incomplete or held):
        return ""
    return (
        f"schede: {added} nuove, {updated} aggiornate, {same} già presenti; "
        + (f"già nei dati, non da questa cartella: {earlier.cards}; " if earlier.cards else "")
        + f"non unite: {plural(incomplete, 'incompleta', 'incomplete')}, {held} in conflitto"
    )


def _merged(evaluator: str, found: list[Returned], tally: Tally) -> Returned | None:
    """The evaluator's workbook the merge read, or None (none came back, or every one was refused)."""
    if evaluator in tally.refused:
        return None
    return next((r for r in found if r.accepted), None)


def _line(s: Sent, found: list[Returned], tally: Tally, earlier: Earlier) -> Line:
    """The workbook's row: what of it is in the data now, merged from it (now or before, the same) or already there
    without it (``earlier``)."""
    merged = _merged(s.evaluator, found, tally)
    cards = (len(tally.cards.get(s.evaluator, [])) if merged else 0) + earlier.cards
    actuals = (tally.measures.get(s.evaluator, 0) if merged else 0) + earlier.actuals
    counts = (f"{cards} su {len(s.people)}", f"{actuals} su {len(s.indicators)}")
    notes = [k for k in [_kinds(merged, tally, earlier)] if k] + _notes(merged, tally) if merged else []
    return Line((s.evaluator, s.label, *counts, _state(s.evaluator, found, tally, earlier)), tuple(notes))


# between two columns: two spaces, so that a name as wide as its column never reads as one with the count after it
GAP = "  "


def _table(lines: list[Line], wide: int) -> list[str]:
    """The rows aligned under the header: the names left, the counts right, each column as wide as its widest
    cell (an evaluator's name is never cut), two spaces from the next (:data:`GAP`)."""
    every = [HEADER, *(line.cells for line in lines)]
    widths = [max(len(cells[k]) for cells in every) for k in range(4)]
    widths[0], widths[1] = max(widths[0], 16), max(widths[1], wide)

    def row(cells: tuple[str, ...]) -> str:
        said = (f"{cells[0]:<{widths[0]}}", f"{cells[1]:<{widths[1]}}", f"{cells[2]:>{widths[2]}}")
        return GAP.join((*said, f"{cells[3]:>{widths[3]}}", cells[4])).rstrip()

    out = [row(HEADER)]
    for line in lines:
        out.append(row(line.cells))
        out += [f"{'':<{widths[0]}}{GAP}  {note}" for note in line.notes]  # under the name, two spaces in
    return out


# what the data holds that no workbook merged now brought, said after the merged ones where there is any
ALREADY = "già nei dati, non da una cartella unita ora: "


def _totals(
    man: Manifest, by: dict[str, list[Returned]], tally: Tally, strangers: int, earlier: dict[str, Earlier]
) -> list[str]:
    back = [s for s in man.sent if by.get(s.evaluator)]
    read = [r for s in back if (r := _merged(s.evaluator, by[s.evaluator], tally)) is not None]
    done = sum(1 for s in man.sent if not by.get(s.evaluator) and earlier[s.evaluator].complete)
    refused, missing = len(back) - len(read), len(man.sent) - len(back) - done
    folders = (
        f"Cartelle inviate {len(man.sent)}: {plural(len(read), 'accolta', 'accolte')}, "
        f"{plural(refused, 'respinta', 'respinte')}, {plural(missing, 'mancante', 'mancanti')}"
    )
    if done:
        folders += f"; {plural(done, 'non restituita', 'non restituite')}, già tutto nei dati"
    if strangers:
        folders += f"; {plural(strangers, 'file respinto', 'file respinti')}: non di questa raccolta"
    held = sum(len(v) for v in tally.held.values())
    incomplete = sum(len(r.incomplete()) for r in read)
    now = sum(tally.actuals.values())
    cards, actuals = (sum(getattr(e, what) for e in earlier.values()) for what in ("cards", "actuals"))
    return [
        folders + ".",
        f"Schede unite: {len(tally.added)} nuove, {len(tally.updated)} aggiornate, {len(tally.same)} già presenti; "
        + (f"{ALREADY}{cards}; " if cards else "")
        + f"non unite: {plural(incomplete, 'incompleta', 'incomplete')}, {held} in conflitto.",
        f"Consuntivi uniti: {now} ora, {sum(tally.measures.values()) - now} già presenti"
        + (f"; {ALREADY}{actuals}." if actuals else "."),
    ]


def render(man: Manifest, returned: list[Returned], tally: Tally) -> str:
    by: dict[str, list[Returned]] = {}
    for back in returned:
        if back.evaluator is not None:
            by.setdefault(back.evaluator, []).append(back)
    sent = plural(len(man.sent), "cartella inviata", "cartelle inviate")
    whose = f"di {man.name} ({man.ente})" if man.name else f"dell'ente {man.ente}"
    strangers = [r for r in returned if r.evaluator is None]
    earlier = {s.evaluator: _earlier(s, _merged(s.evaluator, by.get(s.evaluator, []), tally), tally) for s in man.sent}
    lines = [_line(s, by.get(s.evaluator, []), tally, earlier[s.evaluator]) for s in man.sent]
    lines += [Line(("?", r.file, "", "", "RESPINTA: non è di questa raccolta")) for r in strangers]
    wide = max([30, *(len(s.label) for s in man.sent), *(len(r.file) for r in strangers)])
    table = _table(lines, wide)
    return "\n".join(
        [f"Raccolta {man.year} {whose}: {sent}", "", *table, "", *_totals(man, by, tally, len(strangers), earlier)]
    )
