"""The individual and group objectives of a person's score ([punteggio.<ruolo>] obiettivi, format 2): the
``individual`` objectives the person owns and every ref of the cruscotti owned by the person (assignments.csv:
group sheets may list the same refs for several people), each ref measured once; weights as written, all
empty = equal weights (rules/core.md §2). Without a measured objective their weight passes to the unit."""

from __future__ import annotations

from decimal import Decimal

from ciclope.core import Ente, Input, OrgPerformance, Person, Problem, Trace, scoring

Part = tuple[str, str, Decimal | None, Decimal]  # (label, figure key, value 0–100, weight) of a score
UNIT = "unità × 100"
LABEL = "obiettivi individuali × 100"
HUNDRED = Decimal(100)


def measured(person: Person, ente: Ente, org: OrgPerformance) -> list[tuple[str, Decimal, Decimal | None]]:
    """(figure key, achievement 0–1, weight) of every measured objective of the person, each once."""
    parts: list[tuple[str, Decimal, Decimal | None]] = []
    seen: set[str] = set()
    for o in ente.owned_by(person.id):
        value = org.objectives.get(o.id) if o.kind == "individual" else None
        if value is not None and f"objective:{o.id}" not in seen:
            seen.add(f"objective:{o.id}")
            parts.append((f"objective:{o.id}", value, o.weight))
    for a in ente.assignments_of(person.id):
        if a.ref in ente.indicators:
            found = org.indicators.get(a.ref)
            key, value = f"indicator:{a.ref}", found.achievement if found is not None and found.scored else None
        else:
            key, value = f"objective:{a.ref}", org.objectives.get(a.ref)
        if value is not None and key not in seen:
            seen.add(key)
            parts.append((key, value, a.weight))
    return parts


def achievement(person: Person, ente: Ente, org: OrgPerformance, source: str, trace: Trace) -> Decimal | None:
    """The weighted mean of the person's measured objectives (0–1, recorded as ``objectives:<id>``), or None."""
    parts = measured(person, ente, org)
    if not parts:
        return None
    empty = sum(1 for _, _, w in parts if w is None)
    if 0 < empty < len(parts):  # rules/core.md §2: mixed empty and given weights are an error, equal weights used
        first = next(iter(ente.assignments_of(person.id)), None)
        trace.problem(
            Problem(
                rule="regolamento.obiettivi_pesi",
                source=source,
                file=ente.file_of("assignments"),
                row=first.row if first is not None else None,
                column="weight",
                message=f"obiettivi individuali e di gruppo di {person.id}: pesi in parte vuoti e in parte indicati; "
                "indica tutti i pesi o nessuno (pesi uguali). Calcolati con pesi uguali",
            )
        )
        parts = [(k, v, None) for k, v, _ in parts]
    value = scoring.weighted_mean(parts)
    trace.record(
        f"objectives:{person.id}",
        value,
        "media ponderata degli obiettivi individuali e di gruppo misurati (pesi vuoti = pesi uguali; ogni "
        "indicatore contato una volta)",
        source,
        [Input(scoring.part_name(k, w), v, ref=k) for k, v, w in parts],
        f"Obiettivi individuali e di gruppo di {person.name}",
    )
    return value


def with_objectives(
    parts: list[Part], weight: Decimal, person: Person, ente: Ente, org: OrgPerformance, source: str, trace: Trace
) -> tuple[list[Part], str]:
    """The score's parts with the objectives' (weight > 0), or with their weight moved to the unit when the
    person has no measured objective; and a note saying so."""
    if weight <= 0:
        return parts, ""
    value = achievement(person, ente, org, source, trace)
    if value is not None:
        return [*parts, (LABEL, f"objectives:{person.id}", value * HUNDRED, weight)], ""
    moved = [(label, ref, v, w + weight if label == UNIT else w) for label, ref, v, w in parts]
    return moved, "senza obiettivi individuali o di gruppo misurati il loro peso passa all'unità"
