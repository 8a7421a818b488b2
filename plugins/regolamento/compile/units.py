"""Which unit's achievement is a person's: the unit they head, else their own; with ``tipo_unita`` (format 2) the
unit of that kind they head, else the nearest of that kind above them.

One regulation has one such unit: the score's unit part, ``unita`` in the formulas, the exclusion and the
requirement on the unit's achievement and ``per_unita`` all read :func:`person_unit`, so a person's «unità» is
the same unit in every rule of the file."""

from __future__ import annotations

from decimal import Decimal

from ciclope.core import Ente, OrgPerformance, Person, cells
from ciclope.plugins.regolamento.format.spec import Regulation


def attested(ente: Ente, org: OrgPerformance) -> Decimal | None:
    """The attested performance as the core reads it (its figure ``attested``): the OIV's value, else the computed
    one."""
    value = ente.approvals.get("oiv_attested", org.ente)
    return None if value is None else Decimal(str(value))


def unit_achievement(person: Person, ente: Ente, org: OrgPerformance) -> tuple[str, Decimal | None]:
    """The unit whose achievement is a person's: the unit they head (the highest in the chart), else their own."""
    headed = ente.highest_headed(person.id)
    unit = headed.id if headed is not None else person.unit
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


def heads_several(person: Person, ente: Ente, kind: str) -> str:
    """Why a person who heads several units is scored on one, for the note of their score: the highest in the chart
    counts (rules/core.md §2); "" for who heads one unit or none, or where ``tipo_unita`` names the kind that counts."""
    headed = sorted(ente.headed_by(person.id), key=lambda u: len(ente.unit_ancestors(u.id)))
    if kind or len(headed) < 2:
        return ""
    return (
        f"dirige {len(headed)} unità ({', '.join(u.name for u in headed)}): conta la più alta nell'organigramma, "
        f"{headed[0].name} (regole comuni, aggregazione della performance organizzativa)"
    )


def kind_of(reg: Regulation) -> str:
    """The kind of unit whose achievement is a person's (``tipo_unita`` of [punteggio]) as units.csv's «tipo» reads
    it, so «settore» is the core's area; "" when not declared (the reader refuses a word that is no kind)."""
    written = reg.score.unit_kind if reg.score is not None else ""
    return cells.parse_unit_kind(written) if written else ""


def person_unit(reg: Regulation, person: Person, ente: Ente, org: OrgPerformance) -> tuple[str, Decimal | None]:
    """The person's unit as ``reg`` reads it, and its achievement (:func:`reference_unit` with the file's kind)."""
    return reference_unit(kind_of(reg), person, ente, org)
