"""Conciliation (rules/core.md §5; D.Lgs. 150/2009 art. 7 c. 3).

``riesame`` (review by the evaluator) then ``ricorso`` (to the Segretario Generale): the last stage
with ``accolto`` replaces the named item's points; ``respinto`` keeps them. ``contraddittorio`` is
the hearing before a negative evaluation of a PO becomes final (000… art. 28.6, 001… art. 6.6); it is
a stage too: accepted with new points, it replaces them like any other. An accepted stage whose item
or points are missing is an error, never silently ignored.

The rule was written from two regulations (004… §4.4, 000… art. 47), but it is ciclope's common rule for every
ente: what binds them all is the procedure of conciliation every SMVP must contain (D.Lgs. 150/2009 art. 7 c. 3),
so its problems cite that and never another ente's regulation. A plugin cites its own ente's acts for its own
checks (the contraddittorio of a PO).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from decimal import Decimal

import attrs

from ciclope.core.citation import Citation
from ciclope.core.fmt import decimal_it, listed, quoted
from ciclope.core.model import Appeal, Ente, EvaluationItem, Person
from ciclope.core.nearest import Names, said
from ciclope.core.problems import Problem
from ciclope.core.vocabulary import column_it

# ciclope's rule of review and conciliation, and the law that asks every SMVP for a procedure of conciliation
SOURCE = Citation.joined([Citation.of("rules/core.md", "§5"), Citation.of("D.Lgs. 150/2009", "art. 7 c. 3")])
SOURCE_CARD = Citation.of("rules/core.md", "§3")  # the points of a voce within its maximum
# on the same date a riesame comes before the ricorso it opens, and both before a contraddittorio
STAGE_ORDER = {"riesame": 0, "ricorso": 1, "contraddittorio": 2}


def in_date_order(appeals: Iterable[Appeal]) -> list[Appeal]:
    """The stages as they happened: by date, then stage; the file's row order never decides "prior" or "last"
    (rules/core.md §5). A stage without a date comes after every dated one (it cannot be shown to be earlier)."""
    return sorted(
        appeals,
        key=lambda a: (a.date is None, a.date or dt.date.min, STAGE_ORDER.get(a.stage, 3), a.row),
    )


@attrs.frozen
class AppealEffect:
    appeal: Appeal
    effect: str  # Italian, for the report


@attrs.frozen
class AppealsSheet:
    """The office's sheet of the stages, as its problems name what is written there: the person by name and code, as
    every message about a row does, and a column by the word the office writes (its header as written where the
    sheet has Italian headers, else the template's word: never the code of an older version)."""

    ente: Ente
    label: str

    def person(self, code: str) -> str:
        person = self.ente.people.get(code)
        return f"{person.name} ({code})" if person is not None and person.name else code

    def column(self, code: str) -> str:
        shown = self.ente.column_shown("appeals", code)
        return shown if shown != code else column_it("appeals", code)

    def problem(self, ap: Appeal, rule: str, column: str, message: str, source: str = SOURCE) -> Problem:
        return Problem(rule=rule, source=source, file=self.label, row=ap.row, column=column, message=message)


def apply_appeals(ente: Ente) -> tuple[dict[str, tuple[EvaluationItem, ...]], list[AppealEffect], list[Problem]]:
    """Cards after conciliation, the effect of every appeal, and the problems found.

    The cards are the ente's own read-only tuples (:meth:`Ente.cards_view`); only the card of a person with an
    accepted appeal is a new tuple: copying every card made this step grow faster than the ente."""
    # the proxy's copy is its table's own copy (dict(proxy) would ask it key by key)
    cards = ente.cards_view().copy()
    effects: list[AppealEffect] = []
    problems: list[Problem] = []
    sheet = AppealsSheet(ente, ente.file_of("appeals"))
    seen_riesame: set[str] = set()
    for ap in in_date_order(ente.appeals):
        if _accepted(ap, seen_riesame, sheet, effects, problems):
            _replace_points(ap, cards, sheet, effects, problems)
    effects.sort(key=lambda e: e.appeal.row)  # reported in the file's order, decided in date order
    return cards, effects, problems


def _accepted(
    ap: Appeal, seen_riesame: set[str], sheet: AppealsSheet, effects: list[AppealEffect], problems: list[Problem]
) -> bool:
    """Whether the stage was accepted and may change the card; else its effect is said (a ricorso
    without a prior riesame is also a problem). A riesame is remembered for the ricorso after it."""
    if ap.stage == "contraddittorio":
        if ap.outcome != "accolto":
            effects.append(AppealEffect(ap, "contraddittorio svolto: punteggio invariato"))
            return False
    elif ap.stage == "riesame":
        seen_riesame.add(ap.person)
    elif ap.person not in seen_riesame:
        problems.append(sheet.problem(ap, "core.appeal.order", "stage", _without_riesame(ap, sheet)))
        effects.append(AppealEffect(ap, "non considerato: manca il riesame"))
        return False
    if ap.outcome != "accolto":
        effects.append(AppealEffect(ap, "respinto: punteggio invariato" if ap.outcome else "in attesa di esito"))
        return False
    return True


def _without_riesame(ap: Appeal, sheet: AppealsSheet) -> str:
    """A ricorso with no riesame of the person before it, and how to mend it: the riesame recorded first, in the same
    sheet, with its date and outcome (the columns as the office writes them); a riesame of theirs dated after the
    ricorso (or undated) is named, as its date is then what to correct."""
    who = sheet.person(ap.person)
    later = [a for a in sheet.ente.appeals if a.person == ap.person and a.stage == "riesame"]
    when = f" del {ap.date.strftime('%d/%m/%Y')}" if ap.date else ""
    if later:
        dated = later[0].date.strftime("%d/%m/%Y") if later[0].date else "senza data"
        return (
            f"ricorso{when} di {who} senza un riesame precedente: il suo riesame (riga {later[0].row}, {dated}) non "
            f"viene prima del ricorso; correggi in {sheet.column('date')} la data del riesame o del ricorso (il "
            "ricorso segue il riesame)"
        )
    return (
        f"ricorso{when} di {who} senza un riesame precedente: il ricorso segue il riesame del valutatore; registra "
        f"prima il riesame in {sheet.ente.sheet_said('appeals')}, una riga con {sheet.column('person')} {ap.person}, "
        f"{sheet.column('stage')} «riesame», {sheet.column('date')} (prima di quella del ricorso) ed "
        f"{sheet.column('outcome')} («accolto» o «respinto»; se accolto, anche {sheet.column('new_points_item')} e "
        f"{sheet.column('new_points')})"
    )


def _replace_points(
    ap: Appeal,
    cards: dict[str, tuple[EvaluationItem, ...]],
    sheet: AppealsSheet,
    effects: list[AppealEffect],
    problems: list[Problem],
) -> None:
    """An accepted stage's new points in place of the named item's, unless the item or the points are
    missing or the points exceed the item's maximum (a problem each)."""
    items = cards.get(ap.person, ())
    whose = _whose(ap, items, sheet)
    if whose is not None:  # the voce is on two cards, or on none of the evaluator written
        problems.append(whose)
        effects.append(AppealEffect(ap, "non applicato: scheda del valutatore da indicare"))
        return
    idx = next((k for k, it in enumerate(items) if it.item == ap.new_points_item and _on(ap, it)), None)
    if idx is None or ap.new_points is None:
        problems += _not_applied(ap, items, idx, sheet)
        effects.append(AppealEffect(ap, "non applicato: voce o punti mancanti"))
        return
    old = items[idx]
    if ap.new_points > old.max_points:
        problems.append(_over_most(ap, old, sheet))
        effects.append(AppealEffect(ap, "non applicato: punti oltre il massimo"))
        return
    when = f"{ap.stage} del {ap.date.strftime('%d/%m/%Y')}" if ap.date else ap.stage
    new = old._replace(points=ap.new_points, appeal_row=ap.row, appeal=when, replaced=old.points)
    cards[ap.person] = (*items[:idx], new, *items[idx + 1 :])
    effects.append(AppealEffect(ap, f"accolto: «{old.item}» da {old.points} a {ap.new_points} punti"))


def _on(ap: Appeal, item: EvaluationItem) -> bool:
    """The item is on the card the stage names: its evaluator's, for a person evaluated by several evaluators who
    wrote one in the column valutatore; any card else."""
    return not (item.periods and ap.evaluator) or item.evaluator == ap.evaluator


def _whose(ap: Appeal, items: Sequence[EvaluationItem], sheet: AppealsSheet) -> Problem | None:
    """For a person evaluated by several evaluators (valutatori.csv): an evaluator written who is none of theirs, or a
    voce on more than one of their cards without the evaluator whose card the stage changes (rules/core.md §5 replaces
    the points of one voce: which one is the office's to say, never ciclope's guess)."""
    if not items or not items[0].periods:
        return None
    theirs = {p.evaluator: p for p in items[0].periods}
    who = f"{ap.stage} accolto di {sheet.person(ap.person)}"
    column = sheet.column("evaluator")
    named = listed(p.said or p.evaluator for p in theirs.values())
    if ap.evaluator and ap.evaluator not in theirs:
        message = (
            f"{who}: {quoted(ap.evaluator)} non è tra i suoi valutatori dell'anno ({named}): scrivi in {column} il "
            "codice del valutatore della scheda che il riesame o il ricorso cambia"
        )
        return sheet.problem(ap, "core.appeal.evaluator", "evaluator", message)
    cards = [theirs[it.evaluator] for it in items if it.item == ap.new_points_item and it.evaluator in theirs]
    if ap.evaluator or len(cards) < 2:
        return None
    message = (
        f"{who}: la voce {quoted(ap.new_points_item)} è nelle schede di "
        f"{listed(f'{p.said or p.evaluator} (dal {p.start:%d/%m/%Y} al {p.end:%d/%m/%Y})' for p in cards)}: scrivi "
        f"in {column} il codice del valutatore della scheda che cambia"
    )
    return sheet.problem(ap, "core.appeal.evaluator", "evaluator", message)


def _not_applied(ap: Appeal, items: Sequence[EvaluationItem], idx: int | None, sheet: AppealsSheet) -> list[Problem]:
    """Why an accepted stage changes no points, said so that the office mends the row in one round: the points a
    right voce lacks with its range; the voci of the scheda where the voce is missing or not one of them."""
    who = f"{ap.stage} accolto di {sheet.person(ap.person)}"
    points = sheet.column("new_points")
    if idx is not None:  # the voce is one of the scheda's: only the points are missing
        it = items[idx]
        message = (
            f"{who} senza nuovi punti: scrivi in {points} i nuovi punti della voce {quoted(it.item)} "
            f"(da 0 a {decimal_it(it.max_points)})"
        )
        return [sheet.problem(ap, "core.appeal.item", "new_points", message)]
    if not items:
        evaluations = sheet.ente.sheet_said("evaluations")
        message = f"{who}: la sua scheda non ha voci in {evaluations}, e un esito accolto cambia i punti di una voce"
        return [sheet.problem(ap, "core.appeal.item", "new_points_item", message)]
    voci = listed(quoted(voce) for voce in dict.fromkeys(it.item for it in items))  # a voce of two cards once
    tail = f" e in {points} i nuovi punti" if ap.new_points is None else ""
    if not ap.new_points_item:
        message = (
            f"{who} senza la voce rivista: scrivi in {sheet.column('new_points_item')} una delle voci della sua "
            f"scheda ({voci}){tail}"
        )
        return [sheet.problem(ap, "core.appeal.item", "new_points_item", message)]
    return _unknown_voce(ap, items, sheet, who, tail)


def _unknown_voce(
    ap: Appeal, items: Sequence[EvaluationItem], sheet: AppealsSheet, who: str, tail: str
) -> list[Problem]:
    """A voce not in the person's scheda: the scheda's voci and the nearest one; where the nearest is clear, the new
    points are checked against its maximum now, so that mending the voce is not followed by another round."""
    written = ap.new_points_item or ""
    near, unknown = not_in_card(written, list(dict.fromkeys(it.item for it in items)))
    message = f"{who}: {unknown}: scrivi in {sheet.column('new_points_item')} la voce come è scritta nella scheda{tail}"
    found = [sheet.problem(ap, "core.appeal.item", "new_points_item", message)]
    meant = next((it for it in items if it.item == near), None)
    if meant is not None and ap.new_points is not None and ap.new_points > meant.max_points:
        found.append(_over_most(ap, meant, sheet))
    return found


def not_in_card(written: str, voci: Sequence[str], card: str = "nella sua scheda") -> tuple[str | None, str]:
    """A voce that is none of a scheda's ``voci``, as every message about one says it (an appeal's voce rivista, a
    row of evaluations.csv under a declared scheda): the nearest voce, None when none is clearly the nearest, and
    «la voce «X» non è nella sua scheda (forse «Y»?); le voci della scheda sono «A» e «B»»; ``card`` says which
    scheda («nella scheda del regolamento»)."""
    near = Names.of(voci).nearest(written)
    shown = listed(quoted(v) for v in voci)
    these = f"le voci della scheda sono {shown}" if len(voci) > 1 else f"la voce della scheda è {shown}"
    return near, f"la voce {quoted(written)} non è {card}{said(near)}; {these}"


def _over_most(ap: Appeal, item: EvaluationItem, sheet: AppealsSheet) -> Problem:
    """New points above the voce's maximum, with the range the office may write."""
    most = decimal_it(item.max_points)
    message = (
        f"nuovi punti {decimal_it(ap.new_points)} oltre il massimo {most} della voce {quoted(item.item)} nella "
        f"scheda di {sheet.person(ap.person)}: scrivi in {sheet.column('new_points')} un numero da 0 a {most}"
    )
    return sheet.problem(ap, "core.card.points", "new_points", message, SOURCE_CARD)


def has_contraddittorio(ente: Ente, person_id: str) -> bool:
    return any(a.person == person_id and a.stage == "contraddittorio" for a in ente.appeals)


def po_needs_contraddittorio(ente: Ente, person: Person, score: Decimal | None, positive: Decimal) -> bool:
    """The PO contraddittorio check (rules/core.md §5; e.g. 000… art. 28.6, 001… art. 6.6): a
    *posizione organizzativa* scored below ``positive`` with no ``contraddittorio`` row in appeals.csv
    cannot be final. True when the plugin must report it (the rule, severity and article are its own)."""
    return person.is_po and score is not None and score < positive and not has_contraddittorio(ente, person.id)
