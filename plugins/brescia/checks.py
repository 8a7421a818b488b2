"""Parameter combinations the bounds of ``params.toml`` cannot express (configuration errors)."""

from __future__ import annotations

from ciclope.core import Params, Problem, cells, fmt, hookimpl

from .common import PO, SMVP


@hookimpl(specname="ciclope_check_params")
def check_params(params: Params) -> list[Problem]:
    """Parameter combinations the bounds cannot express (configuration errors)."""
    out = []
    table = params["levels"]
    try:
        parsed = [(str(r["name"]), cells.to_decimal(r["max"])) for r in table]
    except (KeyError, TypeError, ValueError):
        return [
            Problem(
                rule="brescia.params.levels",
                column="params.levels",
                source=SMVP,
                message=f"{params.said('levels')}: ogni livello richiede nome e fino_a numerico",
            )
        ]
    tops = [t for _, t in parsed]
    if not parsed or any(b <= a for a, b in zip(tops, tops[1:])) or tops[-1] != 100:
        out.append(
            Problem(
                rule="brescia.params.levels",
                column="params.levels",
                source=SMVP,
                message=f"{params.said('levels')}: i massimi dei livelli (fino_a) devono crescere e l'ultimo deve essere 100",
            )
        )
    if params["staff_min_level"] not in [n for n, _ in parsed]:
        out.append(
            Problem(
                rule="brescia.params.staff_min_level",
                column="params.staff_min_level",
                source=SMVP,
                message=f"{params.said('staff_min_level')} {fmt.quoted(params['staff_min_level'])} non è un livello di "
                f"{params.said('levels')}",
            )
        )
    if params["pay_min"] > params["pay_max"]:
        out.append(
            Problem(
                rule="brescia.params.pay",
                column="params.pay_min",
                source=f"{PO} art. 3.2",
                message=f"{params.said('pay_min')} {params['pay_min']} supera {params.said('pay_max')} {params['pay_max']}",
            )
        )
    return out
