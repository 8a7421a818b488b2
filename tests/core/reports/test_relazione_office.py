"""The Relazione of an office's ente (issue 42): scheda d lists the PO when the ente has no dirigenti."""

from __future__ import annotations

import re

import openpyxl

from ciclope.core.commands.cli import main


def _section(html: str, ident: str) -> str:
    start = html.index(f'id="{ident}"')
    return html[start : html.index("</section>", start)]


def _rows(section: str) -> list[list[str]]:
    rows = re.findall(r"<tr>(.*?)</tr>", section, re.S)
    return [
        [re.sub(r"<[^>]+>", "", c).strip() for c in re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", r, re.S)] for r in rows
    ]


def test_scheda_d_lists_the_po_of_an_ente_without_dirigenti(example, tmp_path):
    """The Comunità montana example has a Segretario and no dirigente; P1 made a PO appears in scheda d
    (html and schede.xlsx) with its role in words, a dipendente (P2) does not."""
    folder = example("comunita_montane")
    people = folder / "cm-esempio" / "people.csv"
    text = people.read_text(encoding="utf-8")
    people.write_text(text.replace("P1,Primo,dipendente,C,", "P1,Primo,po,D,"), encoding="utf-8")
    assert main(["run", str(folder / "cycle.toml"), "--out", str(tmp_path / "o"), "--no-store"]) == 0
    out = tmp_path / "o" / "cm-esempio"
    section = _section((out / "relazione.html").read_text(encoding="utf-8"), "dirigenti")
    assert "L&#x27;ente non ha dirigenti: la scheda d riporta anche le posizioni organizzative" in section
    rows = _rows(section)
    assert rows[0][0] == "Responsabile"
    assert [r[:2] for r in rows[1:]] == [["Segretario", "Segretario"], ["Primo", "Posizione organizzativa"]]
    sheet = openpyxl.load_workbook(out / "schede.xlsx")["Responsabili (scheda d)"]
    ids = [r[0] for r in sheet.iter_rows(min_row=2, values_only=True) if r[0]]
    assert "P1" in ids and "SEG" in ids and "P2" not in ids


def test_scheda_d_keeps_only_dirigenti_when_there_are_some(example, tmp_path):
    """Brescia's example with HA made a dirigente: HB (still a PO) leaves scheda d, and the note goes."""
    folder = example("brescia")
    people = folder / "bs-esempio" / "people.csv"
    lines = people.read_text(encoding="utf-8").splitlines()
    lines = [ln.replace("HA,Titolare PO Promozione,po,", "HA,Titolare PO Promozione,dirigente,") for ln in lines]
    people.write_text("\n".join(lines) + "\n", encoding="utf-8")
    main(["run", str(folder / "cycle.toml"), "--out", str(tmp_path / "o"), "--no-store"])
    html = (tmp_path / "o" / "bs-esempio" / "relazione.html").read_text(encoding="utf-8")
    section = _section(html, "dirigenti")
    names = [r[0] for r in _rows(section)[1:]]
    assert "Titolare PO Promozione" in names and "Titolare PO Anagrafe" not in names
    assert "non ha dirigenti" not in section and _rows(section)[0][0] == "Dirigente"


def test_the_workbook_names_and_fills_scheda_d_as_the_relazione_where_po_head_units(example, tmp_path):
    """Without dirigenti the PO who head a unit are in scheda d with the unit's organizational performance, as in
    the Relazione; the sheet is named for the responsabili, not «Dirigenti»."""
    folder = example("comunita_montane")
    data = folder / "cm-esempio"
    people = (data / "people.csv").read_text(encoding="utf-8")
    (data / "people.csv").write_text(people.replace("P1,Primo,dipendente,C,", "P1,Primo,po,D,"), encoding="utf-8")
    units = (data / "units.csv").read_text(encoding="utf-8")
    (data / "units.csv").write_text(
        units.replace("tec,Area Tecnica,area,cme,SEG", "tec,Area Tecnica,area,cme,P1"), encoding="utf-8"
    )
    assert main(["run", str(folder / "cycle.toml"), "--out", str(tmp_path / "o"), "--no-store"]) == 0
    out = tmp_path / "o" / "cm-esempio"
    # P1 heads tec, whose OB1 = mean(IN1 190 / 200 = 95%, IN2 30 / 30 = 100%) = 97,50%
    rows = _rows(_section((out / "relazione.html").read_text(encoding="utf-8"), "dirigenti"))
    assert "97,50%" in next(r for r in rows if r[0] == "Primo")
    book = openpyxl.load_workbook(out / "schede.xlsx")
    assert "Dirigenti (scheda d)" not in book.sheetnames
    sheet = book["Responsabili (scheda d)"]
    assert sheet["A1"].value.startswith("Scheda d — Responsabili con funzioni dirigenziali. L'ente non ha dirigenti")
    head = [c.value for c in sheet[2]]
    p1 = next(r for r in sheet.iter_rows(min_row=3, values_only=True) if r[0] == "P1")
    assert p1[head.index("Performance organizzativa")] == 0.975
