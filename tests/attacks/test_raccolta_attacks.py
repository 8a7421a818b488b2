"""``raccolta unisci`` attacked (fourth round): it changes only the cells it merges (a CSV's other records
byte for byte, a workbook's formulas and notes untouched), one merge at a time per ente, a workbook cannot
change whose it is, nothing a spreadsheet would run reaches the office's data or the workbooks sent, a
hugely compressed workbook is refused before opening, a completion percentage is a percentage."""

from __future__ import annotations

import csv
import io
import re
import subprocess
import time
import zipfile
from pathlib import Path

import openpyxl
from harness import CLI, cli, cli_process, snapshot
from raccolta_kit import add_indicator, create, csv_office, fill, xlsx_office


def unisci(cycle: Path, folder: Path) -> subprocess.CompletedProcess:
    return cli("raccolta", "unisci", cycle, "--ente", "cm-prova", folder)


def _records(data: bytes) -> list[bytes]:
    return data.splitlines(keepends=True)


def test_csv_records_not_merged_are_kept_byte_for_byte(tmp_path):
    cycle = csv_office(tmp_path)
    sent = create(cycle, tmp_path / "r")
    path = tmp_path / "ente" / "indicators.csv"
    lines = path.read_bytes().decode().splitlines()
    # The office adds the merge's columns itself, then writes a note after the last column of K0 (a row
    # the loader refuses, wider than the header), a 12,000-character cell, a blank line and CRLF endings.
    lines[0] += ",actual,x_raccolta_cartella,x_raccolta_valutatore,x_raccolta_ricevuta"
    for k in range(1, len(lines)):
        lines[k] += ",,,,"
    k0 = next(k for k, line in enumerate(lines) if line.startswith("K0,"))
    lines[k0] += ",telefonare a Rossi"
    lines.insert(2, "")
    lines.append('K99,O1,"' + "x" * 12_000 + '",higher,5,,,,,,')
    original = ("\r\n".join(lines) + "\r\n").encode()
    path.write_bytes(original)
    fill(sent / "PO1.xlsx", tmp_path / "r" / "ricevute" / "PO1.xlsx", actuals={"K11": 40, "K12": "SI"})
    run = unisci(cycle, tmp_path / "r")
    assert "Dati dell'ente aggiornati" in run.stdout, run.stderr
    after = _records(path.read_bytes())
    before = _records(original)
    assert len(after) == len(before)
    changed = [k for k, (a, b) in enumerate(zip(before, after)) if a != b]
    # only the rows of K11 and K12: their actual and origin, nothing else
    assert [before[k].split(b",")[0] for k in changed] == [b"K11", b"K12"], changed
    assert after[changed[0]].startswith(b"K11,") and b",40,PO1.xlsx,PO1," in after[changed[0]]
    assert after[changed[0]].endswith(b"\r\n")


def test_csv_row_left_short_by_a_first_merge_takes_a_later_actual(tmp_path):
    # round 1: PO1 returns K11 and K12; the merge adds «consuntivo» (the office's word for the actual, even in a file
    # of the codes of before) and the three x_raccolta_ columns to the header
    # and leaves K0's record as it was, 7 cells under an 11-column header (valid: the missing cells are empty).
    # round 2: the Segretario returns K0's actual, 90: the merge fills the short record itself, never a traceback
    cycle = csv_office(tmp_path)
    sent = create(cycle, tmp_path / "r")
    back = tmp_path / "r" / "ricevute"
    fill(sent / "PO1.xlsx", back / "PO1.xlsx", actuals={"K11": 40, "K12": "SI"})
    assert unisci(cycle, tmp_path / "r").returncode == 0
    path = tmp_path / "ente" / "indicators.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[0].endswith(",consuntivo,x_raccolta_cartella,x_raccolta_valutatore,x_raccolta_ricevuta")
    assert "K0,S1,Pratiche digitali,higher,100,," in lines  # left short by round 1
    fill(sent / "SEG.xlsx", back / "SEG.xlsx", actuals={"K0": 90})
    run = unisci(cycle, tmp_path / "r")
    assert run.returncode == 0, run.stderr
    k0 = next(line for line in path.read_text(encoding="utf-8").splitlines() if line.startswith("K0,"))
    # id,objective,name,type,target, target_mid and actual_mid empty, actual 90, then where it came from
    assert k0.startswith("K0,S1,Pratiche digitali,higher,100,,,90,SEG.xlsx,SEG,"), k0
    assert len(k0.split(",")) == 11


def test_csv_percentage_actuals_are_written_as_the_office_writes_its_targets(tmp_path):
    # the office wrote K13's target «90%» and K14's «90,5%» (decimal comma); PO1's workbook holds the actuals as
    # numbers, 0.95 and 0.975 (a percentage typed in a cell, as the spreadsheet stores it): the CSV gets
    # 0.95 × 100 = «95%» and 0.975 × 100 = 97.5 → «97,5%», never 0.95 beside 90%; K11's 40 stays 40
    extra = [
        {"id": "K13", "objective": "O1", "name": "Quota digitale", "type": "higher", "target": "90%"},
        {"id": "K14", "objective": "O1", "name": "Quota online", "type": "higher", "target": "90,5%"},
    ]
    cycle = csv_office(tmp_path, extra)
    sent = create(cycle, tmp_path / "r")
    actuals = {"K11": 40, "K12": "SI", "K13": 0.95, "K14": 0.975}
    fill(sent / "PO1.xlsx", tmp_path / "r" / "ricevute" / "PO1.xlsx", actuals=actuals)
    run = unisci(cycle, tmp_path / "r")
    assert run.returncode == 0, run.stderr
    text = (tmp_path / "ente" / "indicators.csv").read_text(encoding="utf-8")
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO(text))}
    # the column the merge adds is «consuntivo», the office's word (the file's other headers are the codes)
    assert {k: rows[k]["consuntivo"] for k in ("K11", "K13", "K14")} == {"K11": "40", "K13": "95%", "K14": "97,5%"}


def test_csv_note_where_the_merge_would_add_a_column_refuses_the_merge(tmp_path):
    cycle = csv_office(tmp_path)
    sent = create(cycle, tmp_path / "r")
    path = tmp_path / "ente" / "indicators.csv"
    text = path.read_text(encoding="utf-8").splitlines()
    width = len(text[0].split(","))
    text[1] += "," * (len(text[1].split(",")) - width) + ",nota a destra"
    path.write_text("\n".join(text) + "\n", encoding="utf-8")
    fill(sent / "PO1.xlsx", tmp_path / "r" / "ricevute" / "PO1.xlsx", actuals={"K11": 40, "K12": "SI"})
    before = snapshot(tmp_path / "ente")
    run = unisci(cycle, tmp_path / "r")
    assert run.returncode == 2 and "contiene note senza intestazione" in run.stderr
    assert snapshot(tmp_path / "ente") == before


def test_csv_repeated_header_refuses_the_merge(tmp_path):
    cycle = csv_office(tmp_path)
    sent = create(cycle, tmp_path / "r")
    path = tmp_path / "ente" / "indicators.csv"
    text = path.read_text(encoding="utf-8").splitlines()
    text[0] += ",actual,actual"
    path.write_text("\n".join(text) + "\n", encoding="utf-8")
    fill(sent / "PO1.xlsx", tmp_path / "r" / "ricevute" / "PO1.xlsx", actuals={"K11": 40})
    before = snapshot(tmp_path / "ente")
    run = unisci(cycle, tmp_path / "r")
    assert run.returncode == 2 and "colonna ripetuta nell'intestazione (actual)" in run.stderr
    assert snapshot(tmp_path / "ente") == before


PAY = "J2"  # the template's «position_pay» column, the Segretario's row


def _cached_formula(xlsx: Path) -> None:
    """A formula with its cached value (as Excel saves it, with Excel's calculation settings): the Segretario's
    position pay in the people sheet, cell PAY."""
    wb = openpyxl.load_workbook(xlsx)
    people = wb[next(t for t in wb.sheetnames if t.lower() in ("people", "persone", "personale"))]
    people[PAY] = "=10000+5000"
    wb.save(xlsx)
    data = io.BytesIO()
    with zipfile.ZipFile(xlsx) as zin, zipfile.ZipFile(data, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            body = zin.read(info)
            if b"<f>10000+5000</f>" in body:
                body = body.replace(b"<f>10000+5000</f><v></v>", b"<f>10000+5000</f><v>15000</v>")
                body = body.replace(b"<f>10000+5000</f><v />", b"<f>10000+5000</f><v>15000</v>")
            if info.filename == "xl/workbook.xml":  # Excel's own calculation settings: no calculation on load
                body = re.sub(rb"<calcPr\b[^>]*/>", b'<calcPr calcId="191029"/>', body)
            zout.writestr(info, body)
    xlsx.write_bytes(data.getvalue())
    assert openpyxl.load_workbook(xlsx, data_only=True)[people.title][PAY].value == 15000


def test_xlsx_formulas_recalculate_and_other_parts_are_untouched(tmp_path):
    """A merge changes the cells it writes and nothing else the office wrote, but no formula keeps the value it
    had before the merge: a cached value is what a spreadsheet shows until it recalculates (LibreOffice showed
    «manca» beside a consuntivo just merged), so every formula loses it and the workbook asks for a full
    calculation on load; ciclope refuses the formula without its value until the office saves the file."""
    cycle = xlsx_office(tmp_path)
    sent = create(cycle, tmp_path / "r")
    xlsx = tmp_path / "ente" / "ente.xlsx"
    _cached_formula(xlsx)
    before = zipfile.ZipFile(xlsx)
    parts = {i.filename: before.read(i) for i in before.infolist()}
    people_part = next(n for n, body in parts.items() if b"<f>10000+5000</f>" in body)
    fill(sent / "PO1.xlsx", tmp_path / "r" / "ricevute" / "PO1.xlsx", actuals={"K11": 40, "K12": "SI"})
    run = unisci(cycle, tmp_path / "r")
    assert "Dati dell'ente aggiornati" in run.stdout, run.stderr
    assert "1 formula da ricalcolare" in run.stderr and "salvalo prima di `ciclope run`" in run.stderr
    after = zipfile.ZipFile(xlsx)
    changed = sorted(n for n in parts if after.read(n) != parts[n])
    # the two sheets merged into, the sheet of the formula (its cached value gone), the workbook's calcPr
    edited = [n for n in changed if n.startswith("xl/worksheets/") and n != people_part]
    assert len(edited) == 2 and sorted([*edited, people_part, "xl/workbook.xml"]) == changed, changed
    assert after.read("xl/workbook.xml") == parts["xl/workbook.xml"].replace(
        b'<calcPr calcId="191029"/>', b'<calcPr calcId="191029" fullCalcOnLoad="1"/>'
    )
    people_xml = after.read(people_part)
    assert b"<f>10000+5000</f>" in people_xml and b"<v>15000</v>" not in people_xml
    assert people_xml.replace(b"<f>10000+5000</f></c>", b"") == parts[people_part].replace(
        b"<f>10000+5000</f><v>15000</v></c>", b""
    )  # the formula's cell lost its value, every other byte of the sheet is as it was
    wb = openpyxl.load_workbook(xlsx)
    people = wb[next(t for t in wb.sheetnames if t.lower() in ("people", "persone", "personale"))]
    assert people[PAY].value == "=10000+5000"  # the office's formula itself is untouched
    valutazioni = wb[next(t for t in wb.sheetnames if t.lower() in ("evaluations", "valutazioni"))]
    assert valutazioni.max_row == 1 + 12 * 4  # PO1's 12 people, 4 items each
    text = cli("validate", cycle).stdout
    assert f"formula senza valore calcolato in {PAY}" in text, text


def test_two_merges_at_once_lose_nothing(tmp_path):
    cycle = xlsx_office(tmp_path)
    one, two = create(cycle, tmp_path / "r1"), create(cycle, tmp_path / "r2")
    fill(one / "PO1.xlsx", tmp_path / "r1" / "ricevute" / "PO1.xlsx")
    fill(two / "PO2.xlsx", tmp_path / "r2" / "ricevute" / "PO2.xlsx")
    procs = [
        subprocess.Popen(
            [CLI, "raccolta", "unisci", str(cycle), "--ente", "cm-prova", str(tmp_path / r)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for r in ("r1", "r2")
    ]
    outs = [p.communicate(timeout=120) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], outs
    wb = openpyxl.load_workbook(tmp_path / "ente" / "ente.xlsx")
    ws = wb[next(t for t in wb.sheetnames if t.lower() in ("evaluations", "valutazioni"))]
    evaluators = {r[1] for r in ws.iter_rows(min_row=2, values_only=True)}
    assert evaluators == {"PO1", "PO2"}  # both merges are in the data


def test_a_workbook_cannot_be_returned_as_a_colleagues(tmp_path):
    cycle = xlsx_office(tmp_path)
    sent = create(cycle, tmp_path / "r")
    # PO1 rewrites his own workbook to look like PO2's: PO2's cells, PO2 as evaluator, his own signature
    mine, theirs = openpyxl.load_workbook(sent / "PO1.xlsx"), openpyxl.load_workbook(sent / "PO2.xlsx")
    for name in ("Schede", "Indicatori"):
        for row in theirs[name].iter_rows():
            for cell in row:
                mine[name][cell.coordinate].value = cell.value
    sign = mine["ciclope"]
    for row in sign.iter_rows():
        if row[0].value == "valutatore":
            row[1].value = "PO2"
    forged = tmp_path / "r" / "ricevute" / "PO2.xlsx"
    mine.save(forged)
    fill(forged, forged, points=0)
    before = snapshot(tmp_path / "ente")
    run = unisci(cycle, tmp_path / "r")
    assert run.returncode == 1
    assert "la firma della cartella non è quella del valutatore «PO2»" in run.stderr
    assert snapshot(tmp_path / "ente") == before


MONITOR = {"id": "K13", "objective": "O1", "name": "Segnalazioni ricevute", "type": "monitor"}
PROJECT = {"id": "K14", "objective": "O1", "name": "Progetto archivio", "type": "project", "target": 0.72}


def test_runnable_text_is_stored_quoted_and_formulas_refused(tmp_path):
    cycle = xlsx_office(tmp_path)
    add_indicator(tmp_path / "ente" / "ente.xlsx", MONITOR)
    sent = create(cycle, tmp_path / "r")
    dde = "=cmd|' /C calc'!A0"
    fill(sent / "PO1.xlsx", tmp_path / "r" / "ricevute" / "PO1.xlsx", actuals={"K13": ("text", dde)})
    run = unisci(cycle, tmp_path / "r")
    assert "Dati dell'ente aggiornati" in run.stdout, run.stderr
    xlsx = tmp_path / "ente" / "ente.xlsx"
    with zipfile.ZipFile(xlsx) as zf:
        assert not any(b"cmd|" in zf.read(n) and b"<f>" in zf.read(n) for n in zf.namelist())
    wb = openpyxl.load_workbook(xlsx)
    ws = wb[next(t for t in wb.sheetnames if t.lower() in ("indicators", "indicatori"))]
    found = [c for row in ws.iter_rows() for c in row if isinstance(c.value, str) and "cmd|" in c.value]
    assert [(c.value, c.data_type) for c in found] == [("'" + dde, "s")]


def test_a_formula_in_a_fillable_cell_is_refused(tmp_path):
    cycle = xlsx_office(tmp_path)
    add_indicator(tmp_path / "ente" / "ente.xlsx", MONITOR)
    sent = create(cycle, tmp_path / "r")
    fill(sent / "PO1.xlsx", tmp_path / "r" / "ricevute" / "PO1.xlsx", actuals={"K13": '=HYPERLINK("http://x","y")'})
    run = unisci(cycle, tmp_path / "r")
    assert run.returncode == 1
    assert "Consuntivo: errore: contiene una formula" in run.stderr
    wb = openpyxl.load_workbook(tmp_path / "ente" / "ente.xlsx")
    assert not any(
        isinstance(c.value, str) and "HYPERLINK" in c.value for ws in wb for row in ws.iter_rows() for c in row
    )


def test_names_beginning_with_equals_are_text_in_the_workbooks_sent(tmp_path):
    cycle = xlsx_office(tmp_path)
    xlsx = tmp_path / "ente" / "ente.xlsx"
    wb = openpyxl.load_workbook(xlsx)
    people = wb[next(t for t in wb.sheetnames if t.lower() in ("people", "persone", "personale"))]
    names = [c.column for c in people[1] if "name" in str(c.value).lower() or "nome" in str(c.value).lower()]
    people.cell(3, names[0]).value = "=1+1"
    people.cell(3, names[0]).data_type = "s"
    wb.save(xlsx)
    sent = create(cycle, tmp_path / "r")
    for path in sent.iterdir():
        with zipfile.ZipFile(path) as zf:
            assert not any(b"<f>" in zf.read(n) for n in zf.namelist() if n.startswith("xl/worksheets/")), path
    fill(sent / "SEG.xlsx", tmp_path / "r" / "ricevute" / "SEG.xlsx")
    run = unisci(cycle, tmp_path / "r")
    assert run.returncode == 0, run.stderr  # the name, read back, is the name sent


def test_a_hugely_compressed_workbook_is_refused_before_opening(tmp_path):
    cycle = xlsx_office(tmp_path)
    sent = create(cycle, tmp_path / "r")
    bomb = tmp_path / "r" / "ricevute" / "PO1.xlsx"
    with zipfile.ZipFile(sent / "PO1.xlsx") as zin, zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            body = zin.read(info)
            if re.fullmatch(r"xl/worksheets/sheet\d+\.xml", info.filename) and b"<sheetData>" in body:
                rows = (b"<row>" + b'<c t="n"><v>1</v></c>' * 10 + b"</row>") * 200_000  # 2 million cells
                body = body.replace(b"</sheetData>", rows + b"</sheetData>", 1)
            zout.writestr(info.filename, body)
    assert bomb.stat().st_size < 8 * 2**20
    start = time.monotonic()  # in a child bounded in memory: the bomb is refused, never inflated
    run = cli_process("raccolta", "unisci", cycle, "--ente", "cm-prova", tmp_path / "r")
    assert time.monotonic() - start < 30
    assert run.returncode == 1 and "ricevute/PO1.xlsx: errore: la cartella contiene" in run.stderr


def test_a_completion_percentage_is_typed_and_checked_as_one(tmp_path):
    cycle = xlsx_office(tmp_path)
    add_indicator(tmp_path / "ente" / "ente.xlsx", PROJECT)
    sent = create(cycle, tmp_path / "r")
    ws = openpyxl.load_workbook(sent / "PO1.xlsx")["Indicatori"]
    row = next(r for r in ws.iter_rows(min_row=2) if r[0].value == "K14")
    assert row[4].value == 0.72 and row[4].number_format == "0%" and row[5].number_format == "0%"  # «72%»
    bounds = [(dv.formula1, dv.formula2) for dv in ws.data_validations.dataValidation if row[5].coordinate in dv.sqref]
    assert bounds == [("0", "1")]
    fill(sent / "PO1.xlsx", tmp_path / "r" / "ricevute" / "PO1.xlsx", actuals={"K14": 80})
    run = unisci(cycle, tmp_path / "r")
    assert run.returncode == 1 and "completamento «80» fuori dall'intervallo" in run.stderr
    assert "si legge 8000%" in run.stderr  # 80 × 100
    fill(sent / "PO1.xlsx", tmp_path / "r" / "ricevute" / "PO1.xlsx", actuals={"K14": 0.8})
    run = unisci(cycle, tmp_path / "r")
    assert run.returncode == 0, run.stderr


def test_a_link_a_folder_or_a_fifo_in_ricevute_is_said(tmp_path):
    import os

    cycle = xlsx_office(tmp_path)
    sent = create(cycle, tmp_path / "r")
    back = tmp_path / "r" / "ricevute"
    os.symlink(sent / "PO1.xlsx", back / "PO1.xlsx")
    (back / "PO2.xlsx").mkdir()
    os.mkfifo(back / "PO3.xlsx")
    before = snapshot(tmp_path / "ente")
    run = unisci(cycle, tmp_path / "r")
    assert run.returncode == 1
    for name, kind in (("PO1", "un collegamento"), ("PO2", "una cartella"), ("PO3", "un file speciale")):
        assert f"ricevute/{name}.xlsx: errore: è {kind}" in run.stderr
    assert snapshot(tmp_path / "ente") == before
