"""`verify` and `report` on damaged outputs: a line that says why, and every other ente still checked."""

from __future__ import annotations

import json

import pytest
from harness import cli, snapshot

from helpers import two_enti

DAMAGES = {
    "annidato": "[" * 200_000 + "]" * 200_000,
    "anno-nan": None,  # filled from the real document
    "anno-testo": None,
    "anno-booleano": None,
    "plugin-numero": None,
    "audit-lista": None,
    "non-json": "{results",
}


def _damaged(good: str, damage: str) -> str:
    if DAMAGES[damage] is not None:
        return DAMAGES[damage]
    doc = json.loads(good)
    if damage == "anno-nan":
        return good.replace(f'"year": {doc["year"]}', '"year": NaN', 1)
    if damage == "anno-testo":
        doc["year"] = "2021"
    if damage == "anno-booleano":
        doc["year"] = True
    if damage == "plugin-numero":
        doc["plugin"] = 3
    if damage == "audit-lista":
        doc["audit"] = ["x"]
    return json.dumps(doc)


@pytest.fixture
def two_outputs(tmp_path):
    """Two good ente folders (buono, and its copy altro) in one output root."""
    cfg = two_enti(tmp_path)
    text = cfg.read_text().replace('id = "rotto"', 'id = "altro"').replace('data = "rotto"', 'data = "buono"')
    cfg.write_text(text)
    assert cli("run", cfg, "--no-store").returncode == 0
    return tmp_path / "out"


@pytest.mark.parametrize("damage", sorted(DAMAGES))
def test_a_damaged_results_json_is_a_line_and_the_others_are_checked(two_outputs, damage):
    path = two_outputs / "altro" / "results.json"
    path.write_text(_damaged(path.read_text(encoding="utf-8"), damage), encoding="utf-8")
    before = snapshot(two_outputs.parent)
    run = cli("verify", two_outputs)
    assert run.returncode == 1
    assert "altro: DIVERSO" in run.stdout and "results.json non leggibile o incompleto" in run.stdout
    assert "buono: identico" in run.stdout
    one = cli("verify", two_outputs / "altro")
    assert one.returncode in (1, 2) and "results.json non leggibile" in one.stdout + one.stderr
    rep = cli("report", two_outputs / "altro", "--outputs", "relazione")
    assert rep.returncode in (1, 2) and "results.json non leggibile" in rep.stdout + rep.stderr
    assert snapshot(two_outputs.parent) == before
