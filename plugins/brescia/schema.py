"""Brescia's input beyond SPEC §5: PO eligibility columns, positions.csv and projects.csv."""

from __future__ import annotations

from ciclope.core import InputSchema, cells, hookimpl

from .common import FACTORS, KNOWN_FUNDS, parse_education, parse_rating, parse_relevance


@hookimpl(specname="ciclope_input_schema")
def input_schema() -> InputSchema:
    factors = {code: parse_rating for code, _, _ in FACTORS}
    return InputSchema(
        columns={
            "people.csv": {
                "education": parse_education,
                "qualified_years": cells.parse_nonnegative,
                "term_start": cells.parse_date,
                "term_end": cells.parse_date,
                "position_pay": cells.parse_money,
            }
        },
        files={
            "positions.csv": {
                "id": cells.parse_id,
                "title": cells.parse_text,
                "unit": cells.parse_id,
                "holder": cells.parse_id,
                **factors,
                "interim_of": cells.parse_id,
                "interim_percent": cells.parse_number,
                "interim_from": cells.parse_date,
                "interim_to": cells.parse_date,
            },
            "projects.csv": {
                "id": cells.parse_id,
                "title": cells.parse_text,
                "relevance": parse_relevance,
                "area": cells.parse_id,
                "dirigente_weight": cells.parse_nonnegative,
            },
        },
        required={"positions.csv": ("id",) + tuple(factors), "projects.csv": ("id", "relevance", "area")},
        funds=KNOWN_FUNDS,
        headers={
            "people.csv": {
                "education": "titolo_di_studio",
                "qualified_years": "anni_di_esperienza",
                "term_start": "inizio_incarico",
                "term_end": "fine_incarico",
                "position_pay": "retribuzione_posizione",
            },
            "positions.csv": {
                "id": "codice",
                "title": "denominazione",
                "unit": "unità",
                "holder": "titolare",
                "interim_of": "interim_di",
                "interim_percent": "percentuale_interim",
                "interim_from": "interim_dal",
                "interim_to": "interim_al",
            },
            "projects.csv": {
                "id": "codice",
                "title": "titolo",
                "relevance": "rilevanza",
                "area": "area",
                "dirigente_weight": "peso_dirigente",
            },
        },
    )
