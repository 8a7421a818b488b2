"""Every award has an explanation: a figure recorded under ``award:<person>`` (or ``award:<person>:…``).

``ciclope explain`` walks a person's euro down to the cells through these figures; an award a plugin
pays without recording one could not be explained to the person, so it is reported as a warning.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from ciclope.core.outcomes import Award
from ciclope.core.problems import Problem
from ciclope.core.trace import Figure


def unexplained(awards: Iterable[Award], figures: Mapping[str, Figure]) -> list[Problem]:
    """A warning for each person paid from a pool whose award no ``award:`` figure explains."""
    # most awards are explained under ``award:<person>`` itself, found in one look-up; only the others
    # (and an id with a colon, which the key's second part would not name whole) ask for every
    # ``award:<person>:…`` key, gathered once
    maybe = [a for a in awards if ":" in a.person or f"award:{a.person}" not in figures]
    if not maybe:
        return []
    explained = {key.split(":")[1] for key in figures if key.startswith("award:")}
    missing = sorted({(a.person, a.pool) for a in maybe if a.person not in explained})
    return [
        Problem(
            rule="core.award.unexplained",
            severity="warning",
            source="D.Lgs. 150/2009 art. 19",
            message=f"il premio di {person} dal fondo {pool} non ha una spiegazione registrata: "
            f"il plugin deve registrarla con trace.record('award:{person}', …)",
        )
        for person, pool in missing
    ]
