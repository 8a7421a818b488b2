"""What the national layer (CCNL Funzioni Locali, ``COMPARTO`` in this package) needs to know of this plugin:
the pools that pay the individual premium (CCNL 21.5.2018 art. 68 c. 2 lett. b), on which the layer computes
the art. 69 maggiorazione: the staff pools of each area (``staff:<area>``, 004_a450255962d2094d.txt §5)."""

from __future__ import annotations

from ciclope.core import Ente, hookimpl

from .common import SEGRETERIA, area_units, segreteria_staff


@hookimpl
def ciclope_individual_premium() -> list[str]:
    return ["staff:"]


@hookimpl
def ciclope_premium_rankings(ente: Ente) -> dict[str, list[str]]:
    """One ranking per area's staff pool, and one for the staff outside every area (004… §4.2.3, §5.3)."""
    out = {a.id: [p.id for p in ente.staff_in_area(a.id)] for a in area_units(ente)}
    staff = [p.id for p in segreteria_staff(ente)]
    if staff:
        out[SEGRETERIA] = staff
    return {k: v for k, v in out.items() if v}
