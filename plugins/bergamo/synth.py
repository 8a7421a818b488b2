"""Synthetic Bergamo input for ``ciclope synth``: individual objective sheets for about half of the staff."""

from __future__ import annotations

import random

from ciclope.core import SynthData, hookimpl


@hookimpl(specname="ciclope_synth")
def synth(data: SynthData, rng: random.Random, year: int) -> None:
    """Individual objective sheets for about half of the staff (000… art. 45.2 lett. b), so individual
    scores differ beyond their Servizio's result."""
    objectives, indicators = data.tables["objectives"], data.tables["indicators"]
    for person in data.people("dipendente"):
        if rng.random() < 0.5:
            oid = f"IND-{person['id']}"
            objectives.append(
                {
                    "id": oid,
                    "kind": "individual",
                    "title": f"Obiettivo individuale di {person['id']}",
                    "parent": "",
                    "area": "",
                    "weight": "",
                    "owner": person["id"],
                }
            )
            target = rng.choice([4, 6, 10, 12])
            indicators.append(
                {
                    "id": f"I-{oid}",
                    "objective": oid,
                    "name": "Pratiche curate",
                    "type": "higher",
                    f"target_{year}": str(target),
                    f"target_{year + 1}": str(target),
                    "actual": str(round(target * rng.uniform(0.4, 1.1))),
                    "source": "Dati sintetici",
                }
            )
