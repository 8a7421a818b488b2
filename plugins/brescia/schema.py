"""Brescia's input beyond SPEC §5: PO eligibility columns, positions.csv and projects.csv."""

from __future__ import annotations

from ciclope.core import (
    InputSchema,
    hookimpl,
    parse_date,
    parse_id,
    parse_money,
    parse_nonnegative,
    parse_number,
    parse_text,
)

from .rules import FACTORS, KNOWN_FUNDS, parse_education, parse_rating, parse_relevance


@hookimpl(specname="ciclope_input_schema")
def input_schema() -> InputSchema:
    factors = {code: parse_rating for code, _, _ in FACTORS}
    return InputSchema(
        columns={
            "people.csv": {
                "education": parse_education,
                "qualified_years": parse_nonnegative,
                "term_start": parse_date,
                "term_end": parse_date,
                "position_pay": parse_money,
            }
        },
        files={
            "positions.csv": {
                "id": parse_id,
                "title": parse_text,
                "unit": parse_id,
                "holder": parse_id,
                **factors,
                "interim_of": parse_id,
                "interim_percent": parse_number,
                "interim_from": parse_date,
                "interim_to": parse_date,
            },
            "projects.csv": {
                "id": parse_id,
                "title": parse_text,
                "relevance": parse_relevance,
                "area": parse_id,
                "dirigente_weight": parse_nonnegative,
            },
        },
        required={"positions.csv": ("id",) + tuple(factors), "projects.csv": ("id", "relevance", "area")},
        funds=KNOWN_FUNDS,
    )
