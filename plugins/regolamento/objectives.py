"""The individual and group objectives of a person's score ([punteggio.<ruolo>] obiettivi, format 2): the
``individual`` objectives the person owns and every ref of the cruscotti owned by the person (assignments.csv:
group sheets may list the same refs for several people), each ref measured once; weights as written, all
empty = equal weights (rules/core.md §2). Without a measured objective their weight passes to the unit."""

from __future__ import annotations

from decimal import Decimal

from ciclope.core import Ente, Input, OrgPerformance, Person, Problem, Trace, scoring

from .eligibility import unit_achievement

Part = tuple[str, str, Decimal | None, Decimal]  # (label, figure key, value 0–100, weight) of a score
UNIT = "unità × 100"
CARD = "scheda"
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
        [Input(f"{k} (peso {w if w is not None else '='!s})", v, ref=k) for k, v, w in parts],
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


def reference_unit(kind: str, person: Person, ente: Ente, org: OrgPerformance) -> tuple[str, Decimal | None]:
    """The unit whose achievement is the person's and that achievement: with ``tipo_unita`` the unit of that kind
    the person heads, else the nearest of that kind at or above their unit, else their own unit; without it the
    unit they head, else their own (:func:`.eligibility.unit_achievement`)."""
    if not kind:
        return unit_achievement(person, ente, org)
    found = next((u for u in ente.headed_by(person.id) if u.kind == kind), None)
    chain = ente.unit_ancestors(person.unit)
    found = found or next((u for u in chain if u.kind == kind), None) or (chain[0] if chain else None)
    unit = found.id if found is not None else person.unit
    return unit, org.units.get(unit)


def without_unit(parts: list[Part]) -> tuple[list[Part], str]:
    """The weight of an unmeasured unit moved to the measured objectives, else to the card (``senza_unita =
    "sposta"``), and a note saying so; the parts unchanged when the unit is measured or weighs nothing."""
    unit = next((p for p in parts if p[0] == UNIT), None)
    if unit is None or unit[2] is not None or unit[3] <= 0:
        return parts, ""
    to = LABEL if any(p[0] == LABEL for p in parts) else CARD
    moved = [(label, ref, v, Decimal(0) if label == UNIT else w + unit[3] if label == to else w)
             for label, ref, v, w in parts]  # fmt: skip
    where = "agli obiettivi individuali e di gruppo" if to == LABEL else "alla scheda"
    return (
        moved,
        f"l'unità {unit[1].removeprefix('unit:')} non ha un raggiungimento misurato: il suo peso passa {where}",
    )
