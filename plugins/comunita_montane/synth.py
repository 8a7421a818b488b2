"""Synthetic Comunità Montane input for ``ciclope synth``: position pay, the two funds, the bonus decision."""

from __future__ import annotations

import datetime as dt
import random

from ciclope.core import SynthData, hookimpl

from .common import BONUS_FUND, RESULT_FUND
from .schema import INNOVATION_KINDS


@hookimpl(specname="ciclope_synth")
def synth(data: SynthData, rng: random.Random, year: int) -> None:
    """Position pay for dirigenti and PO, the result and bonus funds, the bonus decision.

    With the default ``ranking_scope = "ente"`` there is one ranking, so the staff get one evaluator,
    the Segretario (art. 12.2bis «unicità del soggetto valutatore per ogni graduatoria»).
    """
    root = next(u for u in data.tables["units"] if not u["parent"])
    staff_ids = {p["id"] for p in data.tables["people"] if p["role"] == "dipendente"}
    for p in data.tables["people"]:
        if p["id"] in staff_ids:
            p["evaluator"] = root["head"]
    for row in data.tables["evaluations"]:
        if row["person"] in staff_ids:
            row["evaluator"] = root["head"]
    for p in data.tables["people"]:
        if p["role"] in ("segretario", "dirigente"):
            p["position_pay"] = f"{rng.randint(30, 45) * 1000}.00"
        elif p["role"] == "po":
            p["position_pay"] = f"{rng.randint(5, 16) * 1000}.00"
        else:
            p["position_pay"] = ""
    leaders = len([p for p in data.tables["people"] if p["role"] != "dipendente"])
    data.funds[RESULT_FUND] = f"{leaders * rng.randint(2000, 4000)}.00"
    data.funds[BONUS_FUND] = f"{rng.randint(1, 5) * 1000}.00"
    data.approvals["bonus_decided"] = dt.date(year, 1, rng.randint(10, 31))
    staff = [p["id"] for p in data.tables["people"] if p["role"] == "dipendente"]
    data.tables["innovation"] = [
        {"person": pid, "kind": rng.choice(INNOVATION_KINDS), "renounced_bonus": "true"}
        for pid in rng.sample(staff, min(2, len(staff)))
    ]
