"""The evaluator's motivation of a card: written beside the points (the collection workbook's «Motivazione»,
the ``motivazione`` column of the evaluations), read once per person and printed on the person's scheda."""

from __future__ import annotations

import shutil

import pytest

from ciclope.core.commands.cli import main
from ciclope.core.engine.registry import load_plugin
from ciclope.core.inputs.loading import load_ente


def _demo_with_motivation(tmp_path, cell: str):
    """The regolamento demo copied under ``tmp_path`` with a «motivazione» column in its Comune's cards: ``cell`` (as
    the CSV writes it) on L1's single card row, the others empty; the Comune's folder returned."""
    demo = load_plugin("regolamento")[1].demo
    assert demo is not None
    shutil.copytree(demo, tmp_path / "demo")
    ente = tmp_path / "demo" / "comune-livelli"
    rows = (ente / "valutazioni.csv").read_text(encoding="utf-8").splitlines()
    rows[0] += ",motivazione"
    rows[1] += f",{cell}"
    rows[2:] = [r + "," for r in rows[2:]]
    (ente / "valutazioni.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    return ente


@pytest.mark.slow  # schede-personali prints a PDF per person with Chromium
def test_a_cards_motivation_reaches_the_scheda(tmp_path):
    # L1's single card row gets a motivation (with a comma, quoted as CSV wants); L2's stays without
    ente = _demo_with_motivation(tmp_path, '"Obiettivi raggiunti, con autonomia"')
    loaded = load_ente(ente, "comune-livelli", 2024)
    assert loaded.motivations == {"L1": "Obiettivi raggiunti, con autonomia"}
    out = tmp_path / "out"
    assert main(["run", str(tmp_path / "demo" / "cycle.toml"), "--no-store", "--out", str(out)]) in (0, 1)
    assert main(["schede-personali", str(out / "comune-livelli")]) == 0
    folder = tmp_path / "schede-personali" / "comune-livelli"
    assert "Motivazione del valutatore:</b> Obiettivi raggiunti, con autonomia" in (folder / "L1.html").read_text()
    assert "Motivazione del valutatore" not in (folder / "L2.html").read_text()


@pytest.mark.slow  # schede-personali prints a PDF per person with Chromium
def test_the_collection_carries_the_motivation_from_the_workbook_to_the_scheda(tmp_path, capsys):
    """An evaluator's «Motivazione» beside the points is merged with the card; a formula there is refused."""
    import openpyxl

    demo = load_plugin("regolamento")[1].demo
    assert demo is not None
    shutil.copytree(demo, tmp_path / "demo")
    cycle = tmp_path / "demo" / "cycle.toml"
    ente = tmp_path / "demo" / "comune-livelli"
    rows = (ente / "valutazioni.csv").read_text(encoding="utf-8").splitlines()
    # the cards' items without points, as `template --from` writes them: the evaluator gives the points
    blank = [",".join(cells[:5] + [""] + cells[6:]) for cells in (r.split(",") for r in rows[1:])]
    (ente / "valutazioni.csv").write_text("\n".join([rows[0], *blank]) + "\n", encoding="utf-8")
    raccolta = tmp_path / "raccolta"
    assert main(["raccolta", "crea", str(cycle), "--ente", "comune-livelli", "--out", str(raccolta)]) == 0
    wb = openpyxl.load_workbook(raccolta / "da-inviare" / "SEG.xlsx")
    ws = wb["Schede"]
    head = [c.value for c in ws[1]]
    assert head[-2:] == ["Punti assegnati", "Motivazione"]
    for row in range(2, ws.max_row + 1):
        ws.cell(row, 8).value = 80
        if ws.cell(row, 1).value == "L1":
            ws.cell(row, 9).value = "Ottimo lavoro di squadra"
    wb.save(raccolta / "ricevute" / "SEG.xlsx")
    capsys.readouterr()
    assert main(["raccolta", "unisci", str(cycle), "--ente", "comune-livelli", str(raccolta)]) == 0
    merged = (ente / "valutazioni.csv").read_text(encoding="utf-8")
    # the column the merge adds, under the office's word (never the code «motivation»)
    assert "motivazione" in merged.splitlines()[0].split(",") and "Ottimo lavoro di squadra" in merged
    out = tmp_path / "out"
    main(["run", str(cycle), "--no-store", "--out", str(out)])
    assert main(["schede-personali", str(out / "comune-livelli")]) == 0
    page = (tmp_path / "schede-personali" / "comune-livelli" / "L1.html").read_text(encoding="utf-8")
    assert "Motivazione del valutatore:</b> Ottimo lavoro di squadra" in page


def test_a_formula_as_motivation_is_refused(tmp_path):
    import openpyxl

    from ciclope.core.raccolta.readback import _motivation

    ws = openpyxl.Workbook().active
    ws["I2"] = "=HYPERLINK(\"http://x\")"
    text, problems = _motivation(ws["I2"], "ricevute/SEG.xlsx[Schede]")
    assert text == "" and problems and problems[0].rule == "raccolta.motivazione"
    ws["I3"] = "Bene"
    assert _motivation(ws["I3"], "x") == ("Bene", [])


def test_a_motivation_of_several_lines_keeps_them_on_the_scheda(tmp_path):
    """An evaluator's list, one point a line, prints one point a line (the PDF is this page printed): its words and
    breaks as written, never joined into one line."""
    ente = _demo_with_motivation(tmp_path, '"- Qualità da migliorare\n- Poca flessibilità"')  # a break in a quoted cell
    assert load_ente(ente, "comune-livelli", 2024).motivations == {"L1": "- Qualità da migliorare\n- Poca flessibilità"}
    out = tmp_path / "out"
    assert main(["run", str(tmp_path / "demo" / "cycle.toml"), "--no-store", "--out", str(out)]) in (0, 1)
    assert main(["schede-personali", str(out / "comune-livelli"), "--solo-html"]) == 0
    page = (tmp_path / "schede-personali" / "comune-livelli" / "L1.html").read_text(encoding="utf-8")
    assert "Motivazione del valutatore:</b><br>- Qualità da migliorare<br>- Poca flessibilità</p>" in page
