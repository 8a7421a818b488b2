"""Requirements of a part of the score for the level reached ([[livelli.requisiti]], format 2): «per la fascia
più alta occorre almeno 70 in ciascuna sezione; altrimenti si scende di una fascia». Each requirement reads one
part — the card, a section of it, the unit's, the ente's or the dashboard's achievement × 100 — and, when the
part is below its minimum (or not measured), the level of the score goes one step down the ladder (none below
the last) or to no level. Several failed requirements move the level down once: the rule is about reaching
the level, not a penalty per part."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from ciclope.core import Ente, EvaluationItem, OrgPerformance, Person, bands, fmt, scoring
from ciclope.plugins.regolamento.compile.units import unit_achievement
from ciclope.plugins.regolamento.format.sources import cite
from ciclope.plugins.regolamento.format.spec import Regulation, Requirement
from ciclope.plugins.regolamento.format.vocabulary import normal

HUNDRED = Decimal(100)
SECTION = "sezione:"


def adjusted(
    reg: Regulation,
    person: Person,
    level: str | None,
    ladder: Sequence[bands.Level],
    parts: tuple[Ente, OrgPerformance, Sequence[EvaluationItem], Decimal | None],
) -> tuple[str | None, str]:
    """The level after the requirements of the person's role, and the words that say why it moved ("" if not)."""
    if level is None or reg.levels is None:
        return level, ""
    failed = []
    for req in reg.levels.requirements:
        if person.role not in req.roles:
            continue
        value = part_value(req, person, parts)
        if value is None or value < req.min:
            shown = "non misurata" if value is None else fmt.decimal_it(value)
            failed.append((req, f"{label(req)} {shown} sotto {fmt.decimal_it(req.min)} ({cite(reg, req.source)})"))
    if not failed:
        return level, ""
    why = "; ".join(words for _, words in failed)
    if any(req.effect == "nessun_livello" for req, _ in failed):
        return None, f"nessun livello (il punteggio darebbe {level}): {why}"
    names = [step.name for step in ladder]
    lower = names[names.index(level) + 1] if level in names and names.index(level) + 1 < len(names) else None
    return lower, f"un livello sotto {level}: {why}"


def part_value(
    req: Requirement, person: Person, parts: tuple[Ente, OrgPerformance, Sequence[EvaluationItem], Decimal | None]
) -> Decimal | None:
    ente, org, card, card_score = parts
    if req.part.startswith(SECTION):
        wanted = normal(req.part[len(SECTION) :])
        items = [i for i in card if normal(i.section) == wanted]
        return scoring.card_score_and_formula(items)[0] if items else None
    if req.part == "scheda":
        return card_score
    achieved = {
        "unita": unit_achievement(person, ente, org)[1],
        "ente": org.ente,
        "cruscotto": org.people.get(person.id),
    }.get(req.part)
    return None if achieved is None else achieved * HUNDRED


def label(req: Requirement) -> str:
    if req.part.startswith(SECTION):
        return f"sezione «{req.part[len(SECTION) :]}» della scheda"
    return {
        "scheda": "scheda",
        "unita": "performance dell'unità",
        "ente": "performance dell'ente",
        "cruscotto": "cruscotto personale",
    }.get(req.part, req.part)
