"""Requirements of a part of the score for the level reached ([[livelli.requisiti]], format 2): «per la fascia
più alta occorre almeno 70 in ciascuna sezione; altrimenti si scende di una fascia». Each requirement reads one
part — the card, a section of it, the unit's, the ente's or the dashboard's achievement × 100 — and, when the
part is below its minimum (or not measured), the level of the score goes one step down the ladder (none below
the last) or to no level. Several failed requirements move the level down once: the rule is about reaching
the level, not a penalty per part."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal

from ciclope.core import Ente, EvaluationItem, OrgPerformance, Person, Problem, bands, fmt, scoring
from ciclope.plugins.regolamento.compile.units import person_unit
from ciclope.plugins.regolamento.format.hints import nearest
from ciclope.plugins.regolamento.format.sources import cite
from ciclope.plugins.regolamento.format.spec import Regulation, Requirement
from ciclope.plugins.regolamento.format.vocabulary import normal
from ciclope.plugins.regolamento.read.lines import line_of, said

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
        value = part_value(reg, req, person, parts)
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
    reg: Regulation,
    req: Requirement,
    person: Person,
    parts: tuple[Ente, OrgPerformance, Sequence[EvaluationItem], Decimal | None],
) -> Decimal | None:
    ente, org, card, card_score = parts
    if req.part.startswith(SECTION):
        wanted = normal(req.part[len(SECTION) :])
        items = [i for i in card if normal(i.section) == wanted]
        return scoring.card_score_and_formula(items)[0] if items else None
    if req.part == "scheda":
        return card_score
    achieved = {
        "unita": person_unit(reg, person, ente, org)[1],
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


def unknown_sections(reg: Regulation, ente: Ente, where: tuple[str, Mapping[str, int]]) -> list[Problem]:
    """A requirement's section that no card of its roles has, compared as :func:`part_value` compares them (case,
    accents and separators ignored): the sections of the [[scheda]] declared for a role, else those of the role's
    cards in evaluations.csv. Such a requirement is never met and moves everyone down: an error naming the
    section, the sections there are (with the nearest) and the regulation's key."""
    if reg.levels is None:
        return []
    file, lines = where
    out = []
    for i, req in enumerate(reg.levels.requirements):
        if not req.part.startswith(SECTION):
            continue
        name = req.part[len(SECTION) :].strip()
        sections = card_sections(reg, ente, req.roles)
        if not sections or normal(name) in {normal(s) for s in sections}:
            continue
        out.append(
            Problem(
                rule="regolamento.sezione", source=cite(reg, req.source), file=file,
                row=line_of(dict(lines), f"livelli.requisiti[{i}].parte"), column=said(f"livelli.requisiti[{i}].parte"),
                message=f"la sezione {fmt.quoted(name)} non è in nessuna scheda delle persone con ruolo {', '.join(req.roles)}"
                f"{nearest(name, sections)}; sezioni delle schede: {', '.join(sections)}. Il requisito non sarebbe "
                "mai raggiunto e tutti scenderebbero di livello: scrivi il nome della sezione come nelle schede",
            )
        )  # fmt: skip
    return out


def card_sections(reg: Regulation, ente: Ente, roles: Sequence[str]) -> list[str]:
    """The sections of the cards of ``roles``: a role's declared [[scheda]], else its people's rows of
    evaluations.csv; in the order first met."""
    found: dict[str, None] = {}
    undeclared = set(roles)
    for card in reg.cards:
        for role in set(card.roles) & set(roles):
            undeclared.discard(role)
            found.update(dict.fromkeys(i.section for i in card.items))
    people = {p.id for p in ente.people.values() if p.role in undeclared}
    found.update(dict.fromkeys(i.section for i in ente.evaluations if i.person in people))
    return list(found)
