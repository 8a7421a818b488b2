"""Words on the pages: a fund by its label, never its key; the grado di differenziazione a pure number (rules/core.md
§6: «4,11», never money)."""

from __future__ import annotations

from decimal import Decimal

from ciclope.core.inputs.config import load_config
from ciclope.core.reports import html
from ciclope.core.run.runner import compute


def computed(example, name: str):
    plan = load_config(example(name) / "cycle.toml")
    return compute(plan.enti[0], plan.year)


def test_the_bergamo_relazione_names_no_fund_by_its_key(example):
    page = html.render(computed(example, "bergamo"))
    assert "fuori dal fondo dei premi per la performance individuale" in page
    assert "performance_individuale" not in page and "risultato_po" not in page


def test_the_comunita_montane_art_28_table_prints_the_grado_as_a_number(example):
    result = computed(example, "comunita_montane")
    (section,) = [s for s in result.sections if s.title.startswith("Trasparenza, valutazione e merito")]
    values = {row[1]: row[2] for row in section.rows}
    # intermedia: 1,714.29 + 857.14 + 1,714.29 + 1,714.29 = 6,000.01 over 4 = 1,500.00 per capita; bassa: 4 × 428.57
    # = 1,714.28 over 4 = 428.57; 1,500.00 / 428.57 = 3.50001… → 3.50, bassa over itself 1.00; alta holds one person
    assert values["fascia intermedia: grado di differenziazione"] == Decimal("3.50")
    assert values["fascia bassa: grado di differenziazione"] == Decimal("1.00")
    assert values["fascia alta: grado di differenziazione"] == "riservato"
    page = html.render(result)
    assert "grado di differenziazione</td><td>3,50</td>" in page and "€ 3,50" not in page and "€ 1,00" not in page
