"""The rows of evaluations.csv against the [[scheda]] the regulation declares for the person's role and category: the
card is the regulation's, so a row whose voce is none of its voci, or whose section is not the one the card gives the
voce, is an error of that row, never a voce more in the score (a «Qualita della prestazione» without its accent
beside the declared «Qualità della prestazione» lowered the person's score with no word said). A voce of the card
that none of the person's rows writes is an error of the person: the score is of the rows written, so a voce left
out raised or lowered it with no word said; a person with no row at all is not evaluated (rules/core.md §3), as a
collected card still out is. A row whose maximum or weight is not the voce's is an error of that cell, for the score
reads the row's (a «Qualità della prestazione» out of 10 where the card says 20 raised the score). A voce written twice is the core's error (``core.card.duplicate_item``). A person evaluated by several evaluators
in the year (valutatori.csv) has a card per evaluator, each checked as a card: one card's voci never stand in for another's. A person whose
role and category no card names is scored by the voci of the file, as a role without a card."""

from __future__ import annotations

from decimal import Decimal

from ciclope.core import Ente, EvaluationItem, Person, Problem, fmt, scoring
from ciclope.plugins.regolamento.format import grades
from ciclope.plugins.regolamento.format.sources import cite
from ciclope.plugins.regolamento.format.spec import Card, CardItem, Regulation

RULE = "regolamento.scheda"
WHOSE = "nella scheda del regolamento"


def problems(reg: Regulation, ente: Ente) -> list[Problem]:
    """Each row of evaluations.csv that is not a voce of the person's declared card, in the file's order, then
    each person whose rows lack a voce of their card."""
    if not reg.cards:
        return []
    cards: dict[str, Card | None] = {}
    # a card per person, or per evaluator's period for a person evaluated by several (each card has the voci)
    written: dict[tuple[str, str], tuple[Person, Card, list[EvaluationItem]]] = {}
    out = []
    for row in ente.evaluations:
        person = ente.people.get(row.person)
        if person is None:
            continue  # a person people.csv lacks is the core's error of the row
        if person.id not in cards:
            cards[person.id] = grades.card_of(reg, person)
        card = cards[person.id]
        if card is not None:
            out += _row(reg, ente, person, card, row)
            whose = (row.evaluator or "") if row.periods else ""
            written.setdefault((person.id, whose), (person, card, []))[2].append(row)
    for person, card, rows in written.values():
        out += _missing(reg, ente, person, card, rows)
    return out


def _missing(reg: Regulation, ente: Ente, person: Person, card: Card, rows: list[EvaluationItem]) -> list[Problem]:
    """The card's voci none of the person's rows writes (a voce in another section is written: its section is the
    row's error), said at the person's first row."""
    have, declared = {r.item for r in rows}, [i.item for i in card.items]
    # a misspelled voce is its row's error, which names the nearest: the voce it meant is not «missing» as well
    meant = {scoring.not_in_card(r.item, declared)[0] for r in rows if r.item not in declared}
    lacking = [i for i in card.items if i.item not in have and i.item not in meant]
    if not lacking:
        return []
    voci = fmt.listed(f"{fmt.quoted(i.item)} (sezione {fmt.quoted(i.section)})" for i in lacking)
    one = len(lacking) == 1
    period = rows[0].period
    whose = f" del valutatore {period.said or period.evaluator}" if period is not None else ""
    message = (
        f"scheda di {person.said}{whose}: {'manca la voce' if one else 'mancano le voci'} {voci} della scheda del "
        f"regolamento: aggiungi a {ente.sheet_said('evaluations')} {'la sua riga' if one else 'le loro righe'} con i "
        "punti del valutatore, 0 se non ne ha assegnati; senza, il punteggio si calcola sulle altre voci soltanto"
    )
    return [Problem.at(ente, RULE, message, cite(reg, card.source), "evaluations", rows[0].row, "item")]


def _row(reg: Regulation, ente: Ente, person: Person, card: Card, row: EvaluationItem) -> list[Problem]:
    """The row's voce not among the card's (with the nearest and the card's voci), or in another section; the
    maximum and the weight of a declared voce's row not the card's."""
    who = person.said
    declared = next((i for i in card.items if i.item == row.item), None)
    if declared is None:
        _, unknown = scoring.not_in_card(row.item, [i.item for i in card.items], WHOSE)
        message = (
            f"scheda di {who}: {unknown}: scrivi nella colonna {ente.column_shown('evaluations', 'item')} la voce come la "
            "scrive la scheda del regolamento; una voce in più cambierebbe il punteggio"
        )
        return [Problem.at(ente, RULE, message, cite(reg, card.source), "evaluations", row.row, "item")]
    out = []
    if declared.section != row.section:
        column = ente.column_shown("evaluations", "section")
        message = (
            f"scheda di {who}: la voce {fmt.quoted(row.item)} è nella sezione {fmt.quoted(declared.section)} della "
            f"scheda del regolamento, non in {fmt.quoted(row.section)}: scrivi nella colonna {column} "
            f"{fmt.quoted(declared.section)}"
        )
        out.append(Problem.at(ente, RULE, message, cite(reg, card.source), "evaluations", row.row, "section"))
    return out + _figures(reg, ente, who, card, declared, row)


def _figures(
    reg: Regulation, ente: Ente, who: str, card: Card, declared: CardItem, row: EvaluationItem
) -> list[Problem]:
    """The row's maximum and weight against the voce's: the score reads the row's, so one that is not the card's
    changed it."""
    said = []
    voce = f"scheda di {who}: la voce {fmt.quoted(row.item)}"
    if row.max_points != declared.max_points:
        most, column = fmt.decimal_it(declared.max_points), ente.column_shown("evaluations", "max_points")
        said.append(
            (
                "max_points",
                f"{voce} ha nella scheda del regolamento il massimo {most}, non {fmt.decimal_it(row.max_points)}: "
                f"scrivi nella colonna {column} {most}, e i punti della voce da 0 a {most}",
            )
        )
    weighed = any(i.weight is not None for i in card.items)
    weight = _weight(declared, row.weight, ente.column_shown("evaluations", "weight"), weighed)
    if weight:
        said.append(("weight", f"{voce} {weight}"))
    return [Problem.at(ente, RULE, m, cite(reg, card.source), "evaluations", row.row, col) for col, m in said]


def _weight(declared: CardItem, written: Decimal | None, column: str, weighed: bool) -> str:
    """What is wrong with a row's weight, or nothing. A voce the card gives no ``peso`` weighs its maximum (the
    declared format's reading), as a blank cell does in a card of blank weights (rules/core.md §3): blank, or its
    maximum; in a card that weighs another voce (``weighed``), its maximum written (a card of weights in part blank
    is the core's error). A declared ``peso`` is the voce's weight: written as the card writes it; blank only where
    it is the maximum, which a blank cell weighs (the score reads the rows, never the card's weights)."""
    most, peso = declared.max_points, declared.weight
    if peso is None:
        if written is None or written == most:
            return ""  # blank: its maximum, or beside the weights of the other voci the core's error of the card
        hint = (
            f"scrivi nella colonna {column} {fmt.decimal_it(most)}" if weighed else f"lascia vuota la colonna {column}"
        )
        return (
            f"non ha un peso nella scheda del regolamento: pesa il suo massimo, {fmt.decimal_it(most)}, non "
            f"{fmt.decimal_it(written)}; {hint}"
        )
    if written is None:
        if peso == most:
            return ""
        return (
            f"ha nella scheda del regolamento il peso {fmt.decimal_it(peso)}: scrivi nella colonna {column} "
            f"{fmt.decimal_it(peso)}; vuota, la voce non ha il peso della scheda"
        )
    if written != peso:
        return (
            f"ha nella scheda del regolamento il peso {fmt.decimal_it(peso)}, non {fmt.decimal_it(written)}: scrivi "
            f"nella colonna {column} {fmt.decimal_it(peso)}"
        )
    return ""
