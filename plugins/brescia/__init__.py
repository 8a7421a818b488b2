"""Plugin `brescia`: Camera di Commercio di Brescia (rules/brescia.md).

Posizioni organizzative (001_2164dd4e03a9b49f.txt, Delibera 9/C 2018) and the SMVP 2021
(004_a450255962d2094d.txt). Hook implementations only: the computations are in :mod:`.rules`.
"""
from pathlib import Path

from ciclope.core import InputSchema, hookimpl, load_param_specs
from ciclope.core.values import parse_date, parse_id, parse_money, parse_nonnegative, parse_number, parse_text

from . import report, rules, synth as _synth

NAME = "brescia"
REGULATIONS = (
    "001_2164dd4e03a9b49f.txt — CCIAA di Brescia, Delibera 9/C 2018: criteri generali per le posizioni organizzative",
    "004_a450255962d2094d.txt — CCIAA di Brescia, Sistema di misurazione e valutazione della performance 2021",
)
DEMO = Path(__file__).parent / "demo"


@hookimpl
def ciclope_params(year):
    return load_param_specs(Path(__file__).parent / "params.toml", year)


@hookimpl
def ciclope_check_params(params):
    return rules.check_params(params)


@hookimpl
def ciclope_input_schema():
    factors = {code: rules.parse_rating for code, _, _ in rules.FACTORS}
    return InputSchema(
        columns={"people.csv": {"education": rules.parse_education, "qualified_years": parse_nonnegative,
                                "term_start": parse_date, "term_end": parse_date, "position_pay": parse_money}},
        files={"positions.csv": {"id": parse_id, "title": parse_text, "unit": parse_id, "holder": parse_id, **factors,
                                 "interim_of": parse_id, "interim_percent": parse_number},
               "projects.csv": {"id": parse_id, "title": parse_text, "relevance": rules.parse_relevance, "area": parse_id,
                                "dirigente_weight": parse_nonnegative}},
        required={"positions.csv": ("id",) + tuple(factors), "projects.csv": ("id", "relevance", "area")},
    )


@hookimpl
def ciclope_synth(data, rng, year):
    _synth.synth(data, rng, year)


@hookimpl
def ciclope_validate(ente, params):
    return rules.validate(ente, params)


@hookimpl
def ciclope_resources(ente, params, trace):
    return rules.resources(ente, params, trace)


@hookimpl
def ciclope_attestation(ente, org, params, trace):
    return rules.attestation(ente, org, params, trace)


@hookimpl
def ciclope_individual_score(person, ente, org, params, card, trace):
    return rules.individual_score(person, ente, org, params, card, trace)


@hookimpl
def ciclope_fund_pools(ente, params, org, attestation, resources, trace):
    return rules.fund_pools(ente, params, org, attestation, resources, trace)


@hookimpl
def ciclope_rewards(ente, scores, pools, params, org, trace):
    return rules.rewards(ente, scores, pools, params, org, trace)


@hookimpl
def ciclope_position_pay(ente, params, org, attestation, scores, trace):
    return rules.position_pay(ente, params, org, attestation, scores, trace)


@hookimpl
def ciclope_calendar(year):
    return rules.calendar(year)


@hookimpl
def ciclope_report_sections(ente, result):
    return report.sections(ente, result)
