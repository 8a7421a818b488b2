"""The office's files (fifth round): numbers merged into ``ente.xlsx`` are numbers; an actual typed in
percentage points against a percentage (80 for 100%, 74 for 0,72) is refused in the evaluator's workbook and
warned about where the ente's data is read; no file ciclope names after an id (a scheda, an evaluator's
workbook, an ente's folder and portal page) is a name Windows refuses (NUL, COM1…) or one that differs from
another only in case."""

from __future__ import annotations

import re
from pathlib import Path

import openpyxl
from harness import cli
from raccolta_kit import add_indicator, create, csv_office, fill, xlsx_office

from ciclope.core import filenames
from ciclope.core.testing import write_ente

from comune_from_docs import REGULATION, files

SHARE = {"id": "K15", "objective": "O1", "name": "Pratiche evase nei termini", "type": "higher", "target": 0.72}


def _indicators(xlsx: Path) -> openpyxl.worksheet.worksheet.Worksheet:
    wb = openpyxl.load_workbook(xlsx)
    return wb[next(t for t in wb.sheetnames if t.lower() in ("indicators", "indicatori"))]


def _actual_cell(xlsx: Path, ident: str) -> openpyxl.cell.cell.Cell:
    ws = _indicators(xlsx)
    header = [str(c.value).lower() for c in ws[1]]
    column = next(k for k, h in enumerate(header, 1) if h in ("actual", "consuntivo") or h.endswith("(actual)"))
    row = next(r for r in range(2, ws.max_row + 1) if ws.cell(r, 1).value == ident)
    return ws.cell(row, column)


def test_numbers_merged_into_a_workbook_are_numbers(tmp_path):
    cycle = xlsx_office(tmp_path)
    sent = create(cycle, tmp_path / "r")
    # 40 typed as a number, 12,5 typed as text (as LibreOffice keeps a cell typed with a comma)
    fill(sent / "PO1.xlsx", tmp_path / "r" / "ricevute" / "PO1.xlsx", actuals={"K11": 40, "K12": "SI"})
    run = cli("raccolta", "unisci", cycle, "--ente", "cm-prova", tmp_path / "r")
    assert "Dati dell'ente aggiornati" in run.stdout, run.stderr
    cell = _actual_cell(tmp_path / "ente" / "ente.xlsx", "K11")
    assert (cell.value, cell.data_type) == (40, "n")
    assert _actual_cell(tmp_path / "ente" / "ente.xlsx", "K12").value == "SI"  # a boolean's word stays a word


def test_a_number_typed_as_text_is_merged_as_a_number(tmp_path):
    cycle = xlsx_office(tmp_path)
    sent = create(cycle, tmp_path / "r")
    fill(sent / "PO1.xlsx", tmp_path / "r" / "ricevute" / "PO1.xlsx", actuals={"K11": ("text", "12,5")})
    run = cli("raccolta", "unisci", cycle, "--ente", "cm-prova", tmp_path / "r")
    assert "Dati dell'ente aggiornati" in run.stdout, run.stderr
    cell = _actual_cell(tmp_path / "ente" / "ente.xlsx", "K11")
    assert (cell.value, cell.data_type) == (12.5, "n")


def test_an_actual_in_percentage_points_is_refused_in_the_workbook(tmp_path):
    cycle = xlsx_office(tmp_path)
    add_indicator(tmp_path / "ente" / "ente.xlsx", SHARE)
    sent = create(cycle, tmp_path / "r")
    wb = openpyxl.load_workbook(sent / "PO1.xlsx")
    row = next(r for r in wb["Indicatori"].iter_rows(min_row=2) if r[0].value == "K15")
    # the target 0,72 and the cell for the actual are shown as percentages, and the sheet says how to write it
    assert (row[4].value, row[4].number_format, row[5].number_format) == (0.72, "0%", "0%")
    assert row[6].value == "una percentuale, es. 74%"
    fill(sent / "PO1.xlsx", tmp_path / "r" / "ricevute" / "PO1.xlsx", actuals={"K15": 74})
    run = cli("raccolta", "unisci", cycle, "--ente", "cm-prova", tmp_path / "r")
    assert run.returncode == 1
    line = next(ln for ln in run.stderr.splitlines() if "K15" in ln or "punti percentuali" in ln)
    # 74 read as a share is 7400%: against a target of 72% it is the percentage typed without its sign
    assert (
        f"ricevute/PO1.xlsx, foglio Indicatori, riga {row[0].row}, colonna Consuntivo" in line
        and "punti percentuali" in line
    ), line
    assert "7400%" in line and "scrivi 74%" in line, line
    assert _actual_cell(tmp_path / "ente" / "ente.xlsx", "K15").value is None  # nothing merged


def test_a_percentage_typed_with_its_sign_is_merged(tmp_path):
    cycle = xlsx_office(tmp_path)
    add_indicator(tmp_path / "ente" / "ente.xlsx", SHARE)
    sent = create(cycle, tmp_path / "r")
    fill(sent / "PO1.xlsx", tmp_path / "r" / "ricevute" / "PO1.xlsx", actuals={"K15": ("text", "74%")})
    run = cli("raccolta", "unisci", cycle, "--ente", "cm-prova", tmp_path / "r")
    assert "Dati dell'ente aggiornati" in run.stdout and "punti percentuali" not in run.stderr, run.stderr
    cell = _actual_cell(tmp_path / "ente" / "ente.xlsx", "K15")
    assert (cell.value, cell.data_type) == (0.74, "n")  # 74% is 0,74


def test_an_actual_in_percentage_points_is_warned_where_the_data_is_read(tmp_path):
    project = {"id": "K16", "objective": "O1", "name": "Progetto archivio", "type": "project"}
    share = {**SHARE, "id": "K17"}
    extra = [{**project, "target": "100%", "actual": "80"}, {**share, "actual": "74"}]
    cycle = csv_office(tmp_path, extra)
    lines = (tmp_path / "ente" / "indicators.csv").read_text(encoding="utf-8").splitlines()
    rows = {line.split(",")[0]: n for n, line in enumerate(lines, 1) if line}
    text = cli("validate", cycle).stdout
    warned = [ln for ln in text.splitlines() if "sembra scritto in punti percentuali" in ln]
    # project: 80 against 100% reads 8000%; K17: 74 against 0,72 reads 7400%; both named by file, row, column
    assert len(warned) == 2, text
    assert (
        warned[0].startswith(f"indicators.csv, riga {rows['K16']}, colonna actual: avviso")
        and "si legge 8000%" in warned[0]
    )
    assert (
        warned[1].startswith(f"indicators.csv, riga {rows['K17']}, colonna actual: avviso")
        and "si legge 7400%" in warned[1]
    )
    assert "scrivi 74%" in warned[1]
    # the target as a percentage, as the office reads it, and the article elided before 80 («l'80%», never «il 80%»)
    assert (
        "consuntivo 80 con un target del 100%: sembra scritto in punti percentuali e si legge 8000%; se è l'80%, "
        "scrivi 80% (o 0,8)"
    ) in warned[0]
    assert "consuntivo 74 con un target del 72%: " in warned[1] and "se è il 74%, scrivi 74% (o 0,74)" in warned[1]


DEVICES = ["NUL", "COM1", "con", "Lpt9", "aux", "PRN"]


def test_file_names_from_ids_are_never_windows_devices_nor_equal_but_for_case():
    for name in DEVICES + ["nul.txt", "COM0", "lpt1 ", "Aux.html"]:
        assert not filenames.reserved(filenames.stem(name)), name
    assert filenames.stem("P1") == "P1" and filenames.stem("x" * 81) != "x" * 81
    assert len(filenames.stem("é" * 300)) <= 50
    stems = filenames.stems(["P1", "p1", "NUL", "nul", "S_1", "S:1"])
    assert len({s.lower() for s in stems.values()}) == 6


def _office_with_ids(tmp_path: Path, ids: dict[str, str]) -> Path:
    f = files()
    for old, new in ids.items():
        f = {k: re.sub(rf"\b{old}\b", new, v) for k, v in f.items()}
    write_ente(tmp_path / "dati", f)
    (tmp_path / "smvp.toml").write_text(REGULATION, encoding="utf-8")
    cycle = tmp_path / "cycle.toml"
    cycle.write_text(
        '[cycle]\nyear = 2024\noutput = "out"\n[[ente]]\nid = "prova"\nplugin = "regolamento"\ndata = "dati"\n'
        'regolamento = "smvp.toml"\n',
        encoding="utf-8",
    )
    return cycle


def _safe(names: list[str]) -> None:
    stems = [n.split(".", 1)[0] for n in names]
    assert not [s for s in stems if filenames.reserved(s)], names
    assert len({s.lower() for s in stems}) == len(stems), names


def test_schede_of_people_named_like_devices(tmp_path):
    ids = {"S01": "NUL", "S02": "COM1", "S03": "con", "S04": "Lpt9", "S05": "aux", "S07": "s06"}
    cycle = _office_with_ids(tmp_path, ids)
    run = cli("run", cycle, "--no-store")
    assert run.returncode == 0, run.stderr
    run = cli("schede-personali", tmp_path / "out" / "prova", "--solo-html")
    assert run.returncode == 0, run.stderr
    pages = sorted(p.name for p in (tmp_path / "schede-personali" / "prova").glob("*.html"))
    assert len(pages) == 21  # one page for each person: 20 evaluated and the Segretario
    _safe(pages)


def test_a_collection_for_an_evaluator_named_like_a_device(tmp_path):
    cycle = _office_with_ids(tmp_path, {"SEG": "COM1"})
    run = cli("raccolta", "crea", cycle, "--ente", "prova", "--out", tmp_path / "r")
    assert run.returncode == 0, run.stderr
    sent = sorted(p.name for p in (tmp_path / "r" / "da-inviare").iterdir())
    assert sent and not [n for n in sent if n.upper() == "COM1.XLSX"], sent
    _safe(sent)


def test_an_ente_named_like_a_device_is_refused_in_cycle_toml(tmp_path):
    cycle = _office_with_ids(tmp_path, {})
    for device in ("con", "nul", "com1", "lpt9", "prn", "aux"):
        cycle.write_text(cycle.read_text(encoding="utf-8").replace('id = "prova"', f'id = "{device}"'), "utf-8")
        run = cli("validate", cycle)
        assert run.returncode == 2 and f"id «{device}» non valido" in run.stderr, run.stderr
        assert "dispositivo di Windows" in run.stderr
        cycle.write_text(cycle.read_text(encoding="utf-8").replace(f'id = "{device}"', 'id = "prova"'), "utf-8")
