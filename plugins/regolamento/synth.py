"""Synthetic input for ``ciclope synth`` under the starting regulation: the position pay of every PO (its
result pay is a share of it) and a few disciplinary sanctions among the staff."""

from __future__ import annotations

import random

from ciclope.core import SynthData, hookimpl
from ciclope.plugins.regolamento.pay.resultpay import POSITION

SANCTIONS = ("rimprovero_verbale", "rimprovero_scritto", "multa")


@hookimpl(specname="ciclope_synth")
def synth(data: SynthData, rng: random.Random, year: int) -> None:
    for person in data.tables["people"]:
        person[POSITION] = f"{rng.randrange(5000, 16001, 500)}.00" if person["role"] == "po" else ""
        person["sanzione"] = rng.choice(SANCTIONS) if person["role"] == "dipendente" and rng.random() < 0.05 else ""
