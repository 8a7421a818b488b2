"""Synthetic Brescia input for ``ciclope synth`` (demos, benchmarks, money-invariant tests).

Adds to the core's synthetic ente what the Brescia rules read: the PO eligibility columns and the
dirigenti's position pay in ``people.csv``, ``positions.csv`` (one position per PO plus a vacant one
covered ad interim), ``projects.csv`` with 34–38 coefficient points (so both variable values fall in
the 25%–50% range of 004… §5.2 with the default point values), the PO and staff cards in the forms
of 004… §4.2, and the funds ``po_total``, ``stable_dirigenti``, ``stable_staff``.
"""

from __future__ import annotations

import random

from ciclope.core import SynthData, hookimpl

from .common import EDUCATION_YEARS, FACTORS, PO_FACTORS

STAFF_CARD = (
    ("Conoscenze e competenze", "Conoscenze tecniche del ruolo"),
    ("Conoscenze e competenze", "Aggiornamento professionale"),
    ("Attività e capacità", "Qualità del lavoro svolto"),
    ("Attività e capacità", "Rispetto dei tempi"),
    ("Attitudini e soft skills", "Collaborazione"),
    ("Attitudini e soft skills", "Orientamento all'utenza"),
)


@hookimpl(specname="ciclope_synth")
def synth(data: SynthData, rng: random.Random, year: int) -> None:
    people = data.tables["people"]
    units = data.tables["units"]
    areas = [u for u in units if u["kind"] == "area"]
    for p in people:
        if p["role"] == "po":
            education = rng.choice(sorted(EDUCATION_YEARS))
            p.update(
                education=education,
                qualified_years=str(EDUCATION_YEARS[education] + rng.randint(0, 12)),
                term_start=f"{year}-01-01",
                term_end=f"{year + 2}-12-31",
            )
        elif p["role"] in ("dirigente", "segretario"):
            p["position_pay"] = f"{rng.randint(30, 45) * 1000}.00"
    pos = []
    heads = [(u["id"], u["head"]) for u in units if u["kind"] == "servizio" and u["head"]]
    for n, (unit, head) in enumerate(heads, 1):
        pos.append(
            {
                "id": f"PO{n:02d}",
                "title": f"Responsabile {unit}",
                "unit": unit,
                "holder": head,
                **{code: str(rng.randint(1, 5)) for code, _, _ in FACTORS},
                "interim_of": "",
                "interim_percent": "",
            }
        )
    if pos:
        pos.append(
            {
                "id": "POV",
                "title": "Posizione vacante",
                "unit": heads[0][0],
                "holder": "",
                **{code: str(rng.randint(1, 3)) for code, _, _ in FACTORS},
                "interim_of": "",
                "interim_percent": "",
            }
        )
        pos[0].update(interim_of="POV", interim_percent=rng.choice(["15%", "20%", "25%"]))
    data.tables["positions"] = pos
    projects, total, k = [], 0, 0
    while total < 34 and areas:
        area = areas[k % len(areas)]
        relevance = rng.choice(["bassa", "media", "alta"])
        total += {"bassa": 1, "media": 3, "alta": 5}[relevance]
        k += 1
        projects.append(
            {
                "id": f"PR{k:02d}",
                "title": f"Progetto {k}",
                "relevance": relevance,
                "area": area["id"],
                "dirigente_weight": "",
            }
        )
    data.tables["projects"] = projects
    evaluations = []
    for p in people:
        level = rng.uniform(0.35, 1.0)
        if p["role"] == "po":  # PO cards mostly positive (a negative one needs a contraddittorio)
            level = rng.uniform(0.85, 1.0)
            items = [("Comportamenti", name.capitalize()) for name in PO_FACTORS]
        elif p["role"] == "dipendente":
            items = list(STAFF_CARD)
        else:
            continue
        for section, item in items:
            points = max(0, min(10, round(10 * rng.gauss(level, 0.1))))
            evaluations.append(
                {
                    "person": p["id"],
                    "evaluator": p["evaluator"],
                    "section": section,
                    "item": item,
                    "max_points": "10",
                    "points": str(points),
                    "weight": "",
                }
            )
    data.tables["evaluations"] = evaluations
    n_pos = len(pos)
    data.funds = {
        "po_total": f"{round(n_pos * rng.randint(9000, 13000) / 0.85)}.00",
        "stable_dirigenti": f"{max(1, len(areas)) * rng.randint(20, 40) * 1000}.00",
        "stable_staff": f"{len(people) * rng.randint(8, 15) * 100}.00",
    }
