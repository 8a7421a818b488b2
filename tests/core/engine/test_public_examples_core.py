"""The public examples' organizational and monitoring figures with the core rules alone (issue 2)."""

import json

import pytest

from ciclope.core.testing import check_expected, compute_ente, results_doc

from helpers import coreonly

CORE_KEYS = (
    "organizational.ente",
    "organizational.objectives",
    "organizational.indicators",
    "organizational.units",
    "organizational.people",
    "organizational.areas",
    "monitoring",
)


@pytest.mark.parametrize("name, ente", [("comunita_montane", "cm-esempio"), ("bergamo", "bg-esempio")])
def test_core_figures_of_public_examples(example, name, ente):
    folder = example(name)
    expected = json.loads((folder / "expected.json").read_text())[ente]
    core_part = {k: v for k, v in expected.items() if k.startswith(CORE_KEYS)}
    assert core_part, "the example checks some organizational or monitoring figure"
    doc = results_doc(compute_ente(folder / ente, coreonly, 2021))
    assert check_expected(doc, core_part) == []
