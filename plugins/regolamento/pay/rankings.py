"""Several graduatorie in one part of the premium: one per area (the structure of first level of units.csv above
the person's unit) or per contractual category. The part's amount is split among them in proportion to their
staff in service (the people of the part's roles, scored or not) or to its fte, by largest remainder; each
graduatoria is then paid on its own, by the part's method."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from ciclope.core import Ente, Input, Person, Trace, bands, money
from ciclope.plugins.regolamento.format.sources import cite
from ciclope.plugins.regolamento.format.spec import Part, Regulation
from ciclope.plugins.regolamento.pay.shapes import Entry

WORDS = {"area": "struttura", "categoria": "categoria"}


def group_of(part: Part, person: Person, ente: Ente) -> str:
    if part.rankings == "categoria":
        return person.category or "senza categoria"
    top = ente.top_unit_of(person.unit)
    return top.id if top is not None else person.unit


def label_of(part: Part, group: str, ente: Ente) -> str:
    unit = ente.units.get(group) if part.rankings == "area" else None
    return unit.name if unit is not None else group


def split(
    reg: Regulation, part: Part, fund: Input, people: list[Entry], ente: Ente, trace: Trace
) -> Iterator[tuple[list[Entry], Input]]:
    """Each graduatoria in order of first appearance in people.csv: its people and its amount (recorded)."""
    weights: dict[str, Decimal] = {}
    in_service: dict[str, int] = {}
    for p in ente.people.values():
        if p.role in part.roles:
            g = group_of(part, p, ente)
            weights[g] = weights.get(g, Decimal(0)) + (p.fte if part.ranking_split == "fte" else Decimal(1))
            in_service[g] = in_service.get(g, 0) + 1
    amounts = money.split(fund.value, weights)
    total = sum(weights.values(), Decimal(0))
    measure = "tempo lavorato" if part.ranking_split == "fte" else "personale in servizio"
    for g, amount in amounts.items():
        key = f"{fund.ref}:{g}"
        trace.record(
            key,
            amount,
            f"fondo × {measure} della graduatoria / {measure} di tutte le graduatorie",
            cite(reg, part.source),
            [fund, Input(f"{measure} della graduatoria", weights[g]), Input(f"{measure} in tutto", total)],
            f"Fondo della graduatoria {WORDS[part.rankings]} {label_of(part, g, ente)}",
        )
        members = [e for e in people if group_of(part, e.person, ente) == g]
        yield members, Input(f"fondo della graduatoria ({label_of(part, g, ente)})", amount, ref=key)


def top_count(part: Part) -> int:
    """How many first bands the ceiling on the staff in service holds (one of 3, two of 4–5)."""
    return bands.top_bands(len(part.bands))
