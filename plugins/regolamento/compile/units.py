"""Which unit's achievement is a person's: the unit they head, else their own; with ``tipo_unita`` (format 2) the
unit of that kind they head, else the nearest of that kind above them."""

from __future__ import annotations

from decimal import Decimal

from ciclope.core import Ente, OrgPerformance, Person


def unit_achievement(person: Person, ente: Ente, org: OrgPerformance) -> tuple[str, Decimal | None]:
    """The unit whose achievement is a person's: the unit they head (the highest), else their own."""
    headed = ente.headed_by(person.id)
    unit = headed[0].id if headed else person.unit
    return unit, org.units.get(unit)


def reference_unit(kind: str, person: Person, ente: Ente, org: OrgPerformance) -> tuple[str, Decimal | None]:
    """The unit whose achievement is the person's and that achievement: with ``tipo_unita`` the unit of that kind
    the person heads, else the nearest of that kind at or above their unit, else their own unit; without it the
    unit they head, else their own (:func:`pay.eligibility.unit_achievement`)."""
    if not kind:
        return unit_achievement(person, ente, org)
    found = next((u for u in ente.headed_by(person.id) if u.kind == kind), None)
    chain = ente.unit_ancestors(person.unit)
    found = found or next((u for u in chain if u.kind == kind), None) or (chain[0] if chain else None)
    unit = found.id if found is not None else person.unit
    return unit, org.units.get(unit)
