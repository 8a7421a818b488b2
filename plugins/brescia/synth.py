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
    # one random stream: the steps draw in this order, so a seed always makes the same ente
    people, units = data.tables["people"], data.tables["units"]
    areas = [u for u in units if u["kind"] == "area"]
    add_people_columns(people, rng, year)
    data.tables["positions"] = positions(units, rng)
    data.tables["projects"] = projects(areas, rng)
    data.tables["evaluations"] = evaluations(people, rng)
    data.funds = {
        "po_total": f"{round(len(data.tables['positions']) * rng.randint(9000, 13000) / 0.85)}.00",
        "stable_dirigenti": f"{max(1, len(areas)) * rng.randint(20, 40) * 1000}.00",
        "stable_staff": f"{len(people) * rng.randint(8, 15) * 100}.00",
    }


def add_people_columns(people: list[dict[str, str]], rng: random.Random, year: int) -> None:
    """The PO's eligibility columns (education, years of qualified service, term) and the dirigenti's pay."""
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


def positions(units: list[dict[str, str]], rng: random.Random) -> list[dict[str, str]]:
    """One position per headed Servizio, plus a vacant one covered ad interim by the first."""
    heads = [(u["id"], u["head"]) for u in units if u["kind"] == "servizio" and u["head"]]
    pos = [
        position(f"PO{n:02d}", f"Responsabile {unit}", unit, head, rng, 5) for n, (unit, head) in enumerate(heads, 1)
    ]
    if pos:
        pos.append(position("POV", "Posizione vacante", heads[0][0], "", rng, 3))
        pos[0].update(interim_of="POV", interim_percent=rng.choice(["15%", "20%", "25%"]))
    return pos


def position(pid: str, title: str, unit: str, holder: str, rng: random.Random, top: int) -> dict[str, str]:
    """A row of positions.csv with every weighting factor rated from 1 to ``top``."""
    factors = {code: str(rng.randint(1, top)) for code, _, _ in FACTORS}
    return {
        "id": pid,
        "title": title,
        "unit": unit,
        "holder": holder,
        **factors,
        "interim_of": "",
        "interim_percent": "",
    }


def projects(areas: list[dict[str, str]], rng: random.Random) -> list[dict[str, str]]:
    """Projects over the areas in turn until their relevance reaches 34 coefficient points."""
    out: list[dict[str, str]] = []
    total = 0
    while total < 34 and areas:
        area = areas[len(out) % len(areas)]
        relevance = rng.choice(["bassa", "media", "alta"])
        total += {"bassa": 1, "media": 3, "alta": 5}[relevance]
        k = len(out) + 1
        out.append(
            {
                "id": f"PR{k:02d}",
                "title": f"Progetto {k}",
                "relevance": relevance,
                "area": area["id"],
                "dirigente_weight": "",
            }
        )
    return out


def evaluations(people: list[dict[str, str]], rng: random.Random) -> list[dict[str, str]]:
    """The PO's and the staff's cards (004… §4.2), each item rated out of 10 around the person's level."""
    out = []
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
            out.append(
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
    return out
