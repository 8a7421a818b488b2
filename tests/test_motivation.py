"""The evaluator's motivation of a card: written beside the points (the collection workbook's «Motivazione»,
the ``motivazione`` column of the evaluations), read once per person and printed on the person's scheda."""

from __future__ import annotations

import shutil

from ciclope.core.cli import main
from ciclope.core.loading import load_ente
from ciclope.core.registry import load_plugin


def test_a_cards_motivation_reaches_the_scheda(tmp_path):
    demo = load_plugin("regolamento")[1].demo
    assert demo is not None
    shutil.copytree(demo, tmp_path / "demo")
    ente = tmp_path / "demo" / "comune-livelli"
    rows = (ente / "evaluations.csv").read_text(encoding="utf-8").splitlines()
    # L1's single card row gets a motivation (with a comma, quoted as CSV wants); L2's stays without
    rows[0] += ",motivazione"
    rows[1] += ',"Obiettivi raggiunti, con autonomia"'
    rows[2:] = [r + "," for r in rows[2:]]
    (ente / "evaluations.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    loaded = load_ente(ente, "comune-livelli", 2024)
    assert loaded.motivations == {"L1": "Obiettivi raggiunti, con autonomia"}
    out = tmp_path / "out"
    assert main(["run", str(tmp_path / "demo" / "cycle.toml"), "--no-store", "--out", str(out)]) in (0, 1)
    assert main(["schede-personali", str(out / "comune-livelli")]) == 0
    folder = tmp_path / "schede-personali" / "comune-livelli"
    assert "Motivazione del valutatore:</b> Obiettivi raggiunti, con autonomia" in (folder / "L1.html").read_text()
    assert "Motivazione del valutatore" not in (folder / "L2.html").read_text()
