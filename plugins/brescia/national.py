"""What the national layer (CCNL Funzioni Locali, ``COMPARTO`` in this package) needs to know of this plugin:
the pools that pay the individual premium (CCNL 21.5.2018 art. 68 c. 2 lett. b), on which the layer computes
the art. 69 maggiorazione: the staff pools of each area (``staff:<area>``, 004_a450255962d2094d.txt §5)."""

from __future__ import annotations

from ciclope.core import hookimpl


@hookimpl
def ciclope_individual_premium() -> list[str]:
    return ["staff:"]
