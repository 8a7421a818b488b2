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
        help={
            "people.csv": {
                "education": ("titolo di studio della persona, per l'accesso alle posizioni organizzative", ""),
                "qualified_years": ("anni di esperienza nella categoria D (per l'accesso alle PO)", "5"),
                "term_start": ("inizio dell'incarico di posizione organizzativa", ""),
                "term_end": ("fine dell'incarico di posizione organizzativa (vuoto se in corso)", ""),
                "position_pay": ("retribuzione di posizione annua lorda dei dirigenti, in euro", "35000"),
            },
            "positions.csv": {
                **{
                    code: (f"valutazione del fattore {code} ({name}): un intero da 1, o bassa, media, alta", "media")
                    for code, _, name in FACTORS
                },
                "interim_of": ("codice della posizione vacante coperta ad interim", "po-tributi"),
                "interim_percent": ("maggiorazione per l'interim, quota della posizione coperta (15%–25%)", "20%"),
            },
            "projects.csv": {
                "relevance": ("rilevanza del progetto", ""),
                "area": ("codice dell'area dirigenziale (foglio unità) che realizza il progetto", "area-1"),
                "dirigente_weight": ("peso del progetto per il dirigente", "2"),
            },
        },
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
