"""Pending reforms (rules §5): never applied by ``run``; ``ciclope compare … --reform NAME`` applies one to a
scenario (the core sets ``params.reforms`` only there).

``ddl_merito`` — the bill passed by the Camera in January 2026 (C. 2511) would put at most 30% of the staff in
the top evaluation band. Reading: among the staff (role ``dipendente``) with a score and a level, the top
level is the level of the highest score; when it holds more than ``floor(0.30 × n)`` people, those beyond the
cap in score order move to the next level down — people tied across the cap all move (a cap is a maximum,
as art. 69's quota). The move happens before the plugin computes its rewards, so a regulation that pays by
level pays the new levels; the scenario's violations list who moved.
"""

from __future__ import annotations

from collections.abc import Generator, Mapping
from decimal import ROUND_FLOOR, Decimal

import attrs

from ciclope.core import Ente, Params, Problem, Rewards, Score, Trace, hookimpl

DDL_MERITO = "ddl_merito"
TOP_SHARE = Decimal("0.30")
SOURCE = "DDL «merito» (A.C. 2511, approvato dalla Camera nel gennaio 2026; non è legge)"


@hookimpl(wrapper=True)
def ciclope_rewards(
    ente: Ente, scores: dict[str, Score], params: Params, trace: Trace
) -> Generator[None, Rewards | None, Rewards | None]:
    if DDL_MERITO in params.reforms:
        staff = {pid for pid, p in ente.people.items() if p.role == "dipendente"}
        moved = cap_top_level(scores, staff)
        scores.update(moved)  # the cycle's scores: the reform's levels reach the rewards and the outputs
        trace.extend(moves(moved))
    return (yield)


def cap_top_level(scores: Mapping[str, Score], staff: set[str]) -> dict[str, Score]:
    """The scores of the people the 30% cap moves down one level (empty when the top level fits)."""
    ranked = sorted(
        ((pid, s) for pid, s in scores.items() if pid in staff and s.score is not None and s.level),
        key=lambda item: (-(item[1].score or 0), item[0]),
    )
    if not ranked:
        return {}
    top = ranked[0][1].level
    lower = next((s.level for _, s in ranked if s.level != top), None)
    at_top = [(pid, s) for pid, s in ranked if s.level == top]
    cap = int((TOP_SHARE * len(ranked)).to_integral_value(rounding=ROUND_FLOOR))
    if len(at_top) <= cap or lower is None:
        return {}
    kept = at_top[:cap]
    if kept and cap < len(at_top) and kept[-1][1].score == at_top[cap][1].score:
        kept = [(pid, s) for pid, s in kept if s.score != at_top[cap][1].score]
    keep = {pid for pid, _ in kept}
    return {pid: attrs.evolve(s, level=lower) for pid, s in at_top if pid not in keep}


def moves(moved: Mapping[str, Score]) -> list[Problem]:
    return [
        Problem(
            rule="ccnl.reform.ddl_merito",
            severity="warning",
            source=SOURCE,
            message=f"riforma ddl_merito (simulazione): {pid} passa al livello {s.level} — al più il 30% del "
            "personale nel livello più alto",
        )
        for pid, s in sorted(moved.items())
    ]
