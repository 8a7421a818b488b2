"""Parameter combinations the bounds of ``params.toml`` cannot express (configuration errors)."""

from __future__ import annotations

from ciclope.core import (
    Params,
    Problem,
    hookimpl,
)

from .common import HUNDRED, REG, weights


@hookimpl(specname="ciclope_check_params")
def check_params(params: Params) -> list[Problem]:
    """Parameter combinations the bounds cannot express (configuration errors)."""
    out = []
    wu, wo, wb = weights(params)
    if wu + wo + wb != HUNDRED:
        out.append(
            Problem(
                rule="bergamo.params.weights",
                column="params.w_unit",
                source=f"{REG} art. 45.2",
                message=f"i pesi della valutazione individuale devono sommare a 100: {params.said('w_unit')} {wu} + "
                f"{params.said('w_objectives')} {wo} + {params.said('w_behaviour')} {wb} = {wu + wo + wb}",
            )
        )
    lo, mid, hi = params["level_adeguata"], params["level_buona"], params["level_eccellente"]
    if not (0 < lo < mid < hi <= HUNDRED):
        out.append(
            Problem(
                rule="bergamo.params.levels",
                column="params.level_adeguata",
                source=f"{REG} art. 42.2",
                message=f"le soglie dei livelli devono crescere strettamente tra 0 e 100: adeguata {lo}, "
                f"buona {mid}, eccellente {hi}",
            )
        )
    return out
