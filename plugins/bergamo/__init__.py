"""Plugin `bergamo`: Camera di Commercio di Bergamo (rules/bergamo.md).

Regolamento di organizzazione (000_c472ac27e970ca85.txt) and Piano della Performance 2021–2023
(002_cb68e27bcf5376bc.txt). Hook implementations only: the computations are in :mod:`.rules`,
the extra report sections in :mod:`.report`.
"""
from pathlib import Path

from ciclope.core import hookimpl, load_param_specs

from . import report, rules

NAME = "bergamo"
REGULATIONS = (
    "000_c472ac27e970ca85.txt — CCIAA di Bergamo, Regolamento di organizzazione (art. 26–28 PO, art. 35–47 SMVP)",
    "002_cb68e27bcf5376bc.txt — CCIAA di Bergamo, Piano della Performance 2021–2023 (Balanced Scorecard, cruscotti)",
)
DEMO = Path(__file__).parent / "demo"


@hookimpl
def ciclope_params(year):
    return load_param_specs(Path(__file__).parent / "params.toml", year)


@hookimpl
def ciclope_check_params(params):
    return rules.check_params(params)


@hookimpl
def ciclope_validate(ente, params):
    return rules.validate(ente, params)


@hookimpl
def ciclope_individual_score(person, ente, org, params, card, trace):
    return rules.individual_score(person, ente, org, params, card, trace)


@hookimpl
def ciclope_rewards(ente, scores, pools, params, org, trace):
    return rules.rewards(ente, scores, pools, params, org, trace)


@hookimpl
def ciclope_calendar(year, params):
    return rules.calendar(year, params)


@hookimpl
def ciclope_report_sections(ente, result):
    return report.sections(ente, result)


@hookimpl
def ciclope_synth(data, rng, year):
    """Synthetic enti: individual objective sheets for about half of the staff (000… art. 45.2 lett. b),
    so individual scores differ beyond their Servizio's result."""
    objectives, indicators = data.tables["objectives"], data.tables["indicators"]
    for person in data.people("dipendente"):
        if rng.random() < 0.5:
            oid = f"IND-{person['id']}"
            objectives.append({"id": oid, "kind": "individual", "title": f"Obiettivo individuale di {person['id']}",
                               "parent": "", "area": "", "weight": "", "owner": person["id"]})
            target = rng.choice([4, 6, 10, 12])
            indicators.append({"id": f"I-{oid}", "objective": oid, "name": "Pratiche curate", "type": "higher",
                               f"target_{year}": str(target), f"target_{year + 1}": str(target),
                               "actual": str(round(target * rng.uniform(0.4, 1.1))),
                               "source": "Dati sintetici"})
