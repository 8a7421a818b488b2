"""Conciliation (rules/core.md §5; 004_a450255962d2094d.txt §4.4, 000_c472ac27e970ca85.txt art. 47).

``riesame`` (review by the evaluator) then ``ricorso`` (to the Segretario Generale): the last stage
with ``accolto`` replaces the named item's points; ``respinto`` keeps them. ``contraddittorio`` is
the hearing before a negative evaluation of a PO becomes final (000… art. 28.6, 001… art. 6.6); it is
a stage too: accepted with new points, it replaces them like any other. An accepted stage whose item
or points are missing is an error, never silently ignored.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal

import attrs

from ciclope.core.citation import Citation
from ciclope.core.fmt import quoted
from ciclope.core.model import Appeal, Ente, EvaluationItem, Person
from ciclope.core.problems import Problem

# ciclope's rule of review and conciliation, and the two regulations it was written from
SOURCE = Citation.joined(
    [
        Citation.of("rules/core.md", "§5"),
        Citation.of("004_a450255962d2094d.txt", "§4.4"),
        Citation.of("000_c472ac27e970ca85.txt", "art. 47"),
    ]
)
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


def apply_appeals(ente: Ente) -> tuple[dict[str, tuple[EvaluationItem, ...]], list[AppealEffect], list[Problem]]:
    """Cards after conciliation, the effect of every appeal, and the problems found.

    The cards are the ente's own read-only tuples (:meth:`Ente.cards_view`); only the card of a person with an
    accepted appeal is a new tuple: copying every card made this step grow faster than the ente."""
    # the proxy's copy is its table's own copy (dict(proxy) would ask it key by key)
    cards = ente.cards_view().copy()
    effects: list[AppealEffect] = []
    problems: list[Problem] = []
    label = ente.file_of("appeals")
    seen_riesame: set[str] = set()
    for ap in in_date_order(ente.appeals):
        if _accepted(ap, seen_riesame, label, effects, problems):
            _replace_points(ap, cards, label, effects, problems)
    effects.sort(key=lambda e: e.appeal.row)  # reported in the file's order, decided in date order
    return cards, effects, problems


def _accepted(
    ap: Appeal, seen_riesame: set[str], label: str, effects: list[AppealEffect], problems: list[Problem]
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
        problems.append(
            Problem(
                rule="core.appeal.order",
                source=SOURCE,
                file=label,
                row=ap.row,
                column="stage",
                message=f"ricorso di {ap.person} senza un riesame precedente",
            )
        )
        effects.append(AppealEffect(ap, "non considerato: manca il riesame"))
        return False
    if ap.outcome != "accolto":
        effects.append(AppealEffect(ap, "respinto: punteggio invariato" if ap.outcome else "in attesa di esito"))
        return False
    return True


def _replace_points(
    ap: Appeal,
    cards: dict[str, tuple[EvaluationItem, ...]],
    label: str,
    effects: list[AppealEffect],
    problems: list[Problem],
) -> None:
    """An accepted stage's new points in place of the named item's, unless the item or the points are
    missing or the points exceed the item's maximum (a problem each)."""
    items = cards.get(ap.person, ())
    idx = next((k for k, it in enumerate(items) if it.item == ap.new_points_item), None)
    if idx is None or ap.new_points is None:
        item = "" if ap.new_points_item is None else f" ({quoted(ap.new_points_item)})"
        problems.append(
            Problem(
                rule="core.appeal.item",
                source=SOURCE,
                file=label,
                row=ap.row,
                column="new_points_item",
                message=f"{ap.stage} accolto senza voce valida della scheda di {ap.person}{item} "
                "o senza nuovi punti: indica in "
                "new_points_item la voce e in new_points i nuovi punti",
            )
        )
        effects.append(AppealEffect(ap, "non applicato: voce o punti mancanti"))
        return
    old = items[idx]
    if ap.new_points > old.max_points:
        problems.append(
            Problem(
                rule="core.card.points",
                source="rules/core.md §3",
                file=label,
                row=ap.row,
                column="new_points",
                message=f"nuovi punti {ap.new_points} oltre il massimo {old.max_points}",
            )
        )
        effects.append(AppealEffect(ap, "non applicato: punti oltre il massimo"))
        return
    when = f"{ap.stage} del {ap.date.strftime('%d/%m/%Y')}" if ap.date else ap.stage
    new = old._replace(points=ap.new_points, appeal_row=ap.row, appeal=when, replaced=old.points)
    cards[ap.person] = (*items[:idx], new, *items[idx + 1 :])
    effects.append(AppealEffect(ap, f"accolto: «{old.item}» da {old.points} a {ap.new_points} punti"))


def has_contraddittorio(ente: Ente, person_id: str) -> bool:
    return any(a.person == person_id and a.stage == "contraddittorio" for a in ente.appeals)


def po_needs_contraddittorio(ente: Ente, person: Person, score: Decimal | None, positive: Decimal) -> bool:
    """The PO contraddittorio check (rules/core.md §5; e.g. 000… art. 28.6, 001… art. 6.6): a
    *posizione organizzativa* scored below ``positive`` with no ``contraddittorio`` row in appeals.csv
    cannot be final. True when the plugin must report it (the rule, severity and article are its own)."""
    return person.is_po and score is not None and score < positive and not has_contraddittorio(ente, person.id)
