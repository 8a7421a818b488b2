"""What the national layer (CCNL Funzioni Locali, ``COMPARTO`` in this package) needs to know of this plugin:
the pools that pay the individual premium (CCNL 21.5.2018 art. 68 c. 2 lett. b), on which the layer computes
the art. 69 maggiorazione: ``performance_individuale`` (003_17a077a346f3b252.txt art. 17)."""

from __future__ import annotations

from ciclope.core import Ente, Params, hookimpl

from .common import rankings


@hookimpl
def ciclope_individual_premium() -> list[str]:
    return ["performance_individuale"]


@hookimpl
def ciclope_premium_rankings(ente: Ente, params: Params) -> dict[str, list[str]]:
    """The rankings of art. 17 (one for the ente, or one per structure with ``ranking_scope = area``)."""
    return {r.id: list(r.staff) for r in rankings(ente, params)}
