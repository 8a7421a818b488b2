"""Plugin ``comunita_montane``: the Comunità Montane of the Province of Belluno (003_17a077a346f3b252.txt).

Hook implementations only; the regulation is in :mod:`.rules` (computations), :mod:`.checks`
(parameter combinations) and :mod:`.report` (report sections). Sources and assumptions: README.md.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from ciclope.core import InputSchema, hookimpl, load_param_specs
from ciclope.core.values import choice, parse_bool, parse_id, parse_money

from . import checks, report, rules

NAME = "comunita_montane"
REGULATIONS = ("003_17a077a346f3b252.txt — Regolamento di disciplina della misurazione, valutazione e integrità e "
               "trasparenza della performance e del sistema premiale (Comunità Montane della Provincia di Belluno)",)
DEMO = Path(__file__).parent / "demo"
INNOVATION_KINDS = ("innovazione", "efficienza", "alta_formazione")


@hookimpl
def ciclope_params(year):
    return load_param_specs(Path(__file__).parent / "params.toml", year)


@hookimpl
def ciclope_check_params(params):
    return checks.check_params(params)


@hookimpl
def ciclope_input_schema():
    # people.csv position_pay: retribuzione di posizione, weight of the result pay (art. 21);
    # innovation.csv: premi per l'innovazione / alta formazione, in conflict with the bonus (art. 18.4).
    return InputSchema(
        columns={"people.csv": {"position_pay": parse_money}},
        files={"innovation.csv": {"person": parse_id, "kind": choice(*INNOVATION_KINDS), "renounced_bonus": parse_bool}},
        required={"innovation.csv": ("person", "kind")},
    )


@hookimpl
def ciclope_validate(ente, params):
    return rules.validate(ente, params)


@hookimpl
def ciclope_individual_score(person, ente, org, params, card, trace):
    return rules.individual_score(person, ente, org, params, card, trace)


@hookimpl
def ciclope_rewards(ente, scores, pools, params, org, trace):
    return rules.compute_rewards(ente, scores, pools, params, org, trace)


@hookimpl
def ciclope_calendar(ente, year):
    return rules.calendar(ente, year)


@hookimpl
def ciclope_report_sections(ente, result):
    return report.sections(result)


@hookimpl
def ciclope_synth(data, rng, year):
    """Synthetic enti: position pay for dirigenti and PO, the result and bonus funds, the bonus decision.

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
    data.funds[rules.RESULT_FUND] = f"{leaders * rng.randint(2000, 4000)}.00"
    data.funds[rules.BONUS_FUND] = f"{rng.randint(1, 5) * 1000}.00"
    data.approvals["bonus_decided"] = dt.date(year, 1, rng.randint(10, 31))
    staff = [p["id"] for p in data.tables["people"] if p["role"] == "dipendente"]
    data.tables["innovation"] = [{"person": pid, "kind": rng.choice(INNOVATION_KINDS), "renounced_bonus": "true"}
                                 for pid in rng.sample(staff, min(2, len(staff)))]
    return None
