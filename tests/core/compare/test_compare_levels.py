"""A level by the label its regulation gives it ([etichette]) in compare.html and compare.xlsx, never its bare code:
the share at the highest level, each scenario's levels, a level recorded as band (a regulation without merit bands)
and the ratios between them. compare.json keeps the codes; each ente's pages name its levels by its own words."""

from __future__ import annotations

import json
from decimal import Decimal as D
from pathlib import Path

import openpyxl

from ciclope.core.commands.cli import main
from ciclope.core.compare import render_xlsx, report
from ciclope.core.reports.model import Lines

from helpers import labelled_levels

SMALLER = 'description = "Fondo più piccolo"\n[fondi]\nperformance_individuale = "5000.00"\n'


def _person(level: str, score: float, amount: str) -> dict:
    # a regulation without merit bands records each person's level as their band
    return {
        "role": "dipendente",
        "score": score,
        "level": level,
        "band": level,
        "status": "evaluated",
        "amount": amount,
    }


def _levels_doc() -> dict:
    """One scenario, two people: P1 at the highest level A (€ 100), P2 at B (€ 50); A is paid 2 times B."""
    groups = [
        {"name": "A", "count": 1, "total": "100.00", "per_capita": "100.00"},
        {"name": "B", "count": 1, "total": "50.00", "per_capita": "50.00"},
    ]
    metrics = {key: None for key in ("gini", "p10", "p90", "p90_p10", "top20_share")}
    metrics.update(people=2, paid_to_people="150.00", distributed="150.00", residual="0.00", zero=0)
    metrics.update(top_level="A", top_level_share=0.5, band_ratios=[{"upper": "A", "lower": "B", "ratio": 2.0}])
    scenario = {
        "file": None,
        "description": "",
        "computed": True,
        "params": {},
        "funds": {},
        "people": {"P1": _person("A", 98.0, "100.00"), "P2": _person("B", 91.0, "50.00")},
        "bands": groups,
        "levels": groups,
        "metrics": metrics,
        "violations": [],
    }
    return {"ente": "e1", "name": "Ente di prova", "plugin": "p", "year": 2024, "scenarios": {"attuale": scenario}}


WORDS = {"livello:A": "eccellente"}  # as compare.words gives a regulation's [etichette] A = "eccellente"


def test_the_page_names_a_level_by_its_label_by_hand():
    """A by its label wherever the page names it; B, without a label, by its name."""
    page = report.build(_levels_doc(), WORDS)
    sections = {s.ident: s.blocks for s in page.sections}
    indicators = {row[0]: row[1:] for row in sections["indicatori"][0].rows}
    assert indicators["Quota di persone al livello più alto (eccellente) sulle persone con un livello"] == ["50,00%"]
    ratios = indicators["Rapporto pro capite tra fasce consecutive"]
    assert [list(cell.lines) for cell in ratios] == [["eccellente/B: 2,0000"]]
    # the bands are the levels: one table, the levels', with the ratio to the next (100 / 50 = 2)
    _, levels = sections["fasce"]
    assert list(levels.rows) == [
        ("eccellente", 1, "€ 100,00", "€ 100,00", "2,0000"),
        ("B", 1, "€ 50,00", "€ 50,00", "—"),
    ]
    people = sections["persone"][0]
    assert [row[3] for row in people.rows] == [
        Lines(("€ 100,00", "eccellente"), "band"),
        Lines(("€ 50,00", "B"), "band"),
    ]


def test_the_workbook_names_a_level_by_its_label_by_hand():
    doc = _levels_doc()
    indicators = render_xlsx.indicators(doc, WORDS)
    assert "Quota di persone al livello più alto (eccellente) sulle persone con un livello" in [
        row[0] for row in indicators.rows
    ]
    assert [list(row) for row in render_xlsx.levels(doc, WORDS).rows] == [
        ["attuale", "eccellente", 1, D("100.00"), D("100.00")],
        ["attuale", "B", 1, D("50.00"), D("50.00")],
    ]
    assert [row[1] for row in render_xlsx.bands(doc, WORDS).rows] == ["eccellente", "B"]
    assert [row[3] for row in render_xlsx.people(doc, WORDS).rows] == ["eccellente", "B"]


def _sheet(book: Path, title: str) -> list[tuple]:
    return list(openpyxl.load_workbook(book, read_only=True)[title].iter_rows(values_only=True))


def test_each_ente_s_pages_name_its_levels_by_its_own_regulation(tmp_path):
    """comune-livelli names A «eccellente» and B «buono», comune-livelli-bis (the same data) names A «ottimo»: each
    page says its ente's words; the total, whose enti word A differently, says A; compare.json keeps the codes."""
    cycle = labelled_levels(tmp_path / "demo", **{"comune-livelli-bis": "ottimo"})
    scenario = tmp_path / "piccolo.toml"
    scenario.write_text(SMALLER, encoding="utf-8")
    out = tmp_path / "cmp"
    args = ["compare", str(cycle), "--ente", "comune-livelli", "--ente", "comune-livelli-bis"]
    assert main([*args, "--scenario", f"piccolo={scenario}", "--out", str(out)]) == 0
    mine = (out / "comune-livelli" / "compare.html").read_text(encoding="utf-8")
    assert "Quota di persone al livello più alto (eccellente) sulle persone con un livello" in mine
    assert "<tr><td>eccellente</td><td class=\"num\">2</td><td class=\"num\">€ 2.400,00</td>" in mine
    assert "<tr><td>buono</td><td class=\"num\">3</td><td class=\"num\">€ 1.530,00</td>" in mine
    assert "eccellente/buono: 2,3529" in mine  # the ratio between the first two levels recorded as bands
    assert "<td>A</td>" not in mine and "<td>B</td>" not in mine and "(A)" not in mine
    theirs = (out / "comune-livelli-bis" / "compare.html").read_text(encoding="utf-8")
    assert (
        "Quota di persone al livello più alto (ottimo) sulle persone con un livello" in theirs
        and "eccellente" not in theirs
    )
    assert "<tr><td>B</td><td class=\"num\">3</td>" in theirs  # B has no label in this regulation
    total = (out / "compare.html").read_text(encoding="utf-8")
    assert (
        "Quota di persone al livello più alto (A) sulle persone con un livello" in total
        and "eccellente" not in total
        and "ottimo" not in total
    )
    doc = json.loads((out / "comune-livelli" / "compare.json").read_text(encoding="utf-8"))
    assert doc["scenarios"]["attuale"]["metrics"]["top_level"] == "A"
    assert [g["name"] for g in doc["scenarios"]["attuale"]["levels"]] == ["A", "B", "C", "D", "E"]
    book = out / "comune-livelli" / "compare.xlsx"
    assert [r[:3] for r in _sheet(book, "Livelli")[1:6]] == [
        ("attuale", "eccellente", 2),
        ("attuale", "buono", 3),
        ("attuale", "C", 2),
        ("attuale", "D", 1),
        ("attuale", "E", 1),
    ]
    assert [r[1] for r in _sheet(book, "Fasce")[1:6]] == ["eccellente", "buono", "C", "D", "E"]
    assert "Quota di persone al livello più alto (eccellente) sulle persone con un livello" in [
        r[0] for r in _sheet(book, "Indicatori")
    ]
    people = {r[0]: r for r in _sheet(book, "Persone")}
    assert people["L1"][3] == "eccellente" and people["L3"][3] == "buono"  # 98 and 92 points: the band in force
