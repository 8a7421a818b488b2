"""`ciclope compare` on a regulation whose only merit groups are its levels (each person's band is their level):
the levels are said once, as levels, never a «Fascia» table beside an identical «Livello» one; someone evaluated
with no level is «senza livello», never «valutato» in a column of bands. The share at the highest level says its
denominator, the people with a level, and the Relazione counts it the same way."""

from __future__ import annotations

from ciclope.core.compare import report
from ciclope.core.reports.model import Table


def person(level: str | None, amount: str) -> dict:
    return {"role": "dipendente", "score": 70, "level": level, "band": level, "status": "evaluated", "amount": amount}


def scenario(amounts: tuple[str, str, str]) -> dict:
    people = {"P1": person("alto", amounts[0]), "P2": person("medio", amounts[1]), "P3": person(None, amounts[2])}
    groups = [
        {"name": "alto", "count": 1, "total": amounts[0], "per_capita": amounts[0]},
        {"name": "medio", "count": 1, "total": amounts[1], "per_capita": amounts[1]},
    ]
    return {
        "computed": True,
        "people": people,
        "bands": groups,
        "levels": groups,
        # 1 at the top of the 2 people with a level (P3 has none): 50%, never 1/3
        "metrics": {
            "band_ratios": [{"upper": "alto", "lower": "medio", "ratio": 2.0}],
            "top_level": "alto",
            "top_level_share": 0.5,
        },
    }


DOC = {
    "year": 2025,
    "scenarios": {"attuale": scenario(("200.00", "100.00", "50.00")), "piu": scenario(("220.00", "110.00", "55.00"))},
}


def texts(blocks) -> list[list[str]]:
    return [[c[0] for c in b.columns] for b in blocks if isinstance(b, Table)]


def test_levels_said_once_where_the_bands_are_the_levels():
    heads = texts(report.groups(DOC))
    # two scenarios, one table each: the levels, with the ratio (200 / 100 = 2) that the bands' table had
    assert heads == [["Livello", "Persone", "Importi", "Pro capite", "Rapporto con il successivo"]] * 2


def test_someone_without_a_level_is_not_said_valutato():
    table = [b for b in report.gains(DOC, {}) if isinstance(b, Table)][0]
    assert [c[0] for c in table.columns][2:4] == ["Livello attuale", "Livello in piu"]
    row = next(r for r in table.rows if r[0] == "P3")
    assert tuple(row[2:4]) == ("senza livello", "senza livello")


def test_the_share_at_the_top_says_its_denominator():
    assert report.top_share(DOC, {}) == "Quota di persone al livello più alto (alto) sulle persone con un livello"
