"""Property, through real workbooks: an evaluator's workbook filled at random — points in and out of range
or as text, actuals valid and hostile (formulas, DDE text, signs, control characters, percentages, huge
numbers) — merged by ``raccolta unisci`` into an xlsx or a CSV ente changes no cell the merge does not
own (the evaluator's people's card rows, the actual and origin cells of their indicators, the header
cells it adds), and stores nothing a spreadsheet would run."""

from __future__ import annotations

import re
import shutil
import zipfile
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st
from openpyxl.utils.exceptions import IllegalCharacterError
from raccolta_kit import STYLES, add_indicator, create, csv_office, styles_kept, xlsx_office

from ciclope.core.commands.cli import main
from ciclope.core.raccolta import csvedit
from ciclope.core.values import parse_number

MONITOR = {"id": "K13", "objective": "O1", "name": "Segnalazioni", "type": "monitor"}
OWNED_INDICATORS = {"K11", "K12", "K13"}  # PO1's
ORIGIN = {"actual", "consuntivo", "x_raccolta_cartella", "x_raccolta_valutatore", "x_raccolta_ricevuta"}

TEXTS = st.sampled_from(
    [
        "=cmd|' /C calc'!A0",
        "+1+1",
        "-x",
        "@SUM(A1)",
        "80%",
        "1.234",
        "12,5",
        "SI",
        "no",
        "\x1b[2J",
        "a\x00b",
        "x" * 20_000,
    ]
)
ACTUAL = st.one_of(
    TEXTS.map(lambda t: ("text", t)),
    st.sampled_from(['=HYPERLINK("http://x","y")', "=1+1"]),  # typed as formulas
    st.integers(-(10**20), 10**20),
    st.floats(allow_nan=False, allow_infinity=False, width=32),
)
POINT = st.one_of(st.integers(-5, 60), st.sampled_from(["dieci", "=8", None]))


@pytest.fixture(scope="module")
def offices(tmp_path_factory):
    made = {}
    for kind in ("xlsx", "csv"):
        base = tmp_path_factory.mktemp(kind)
        cycle = xlsx_office(base) if kind == "xlsx" else csv_office(base, [MONITOR])
        if kind == "xlsx":
            add_indicator(base / "ente" / "ente.xlsx", MONITOR)
        create(cycle, base / "r")
        made[kind] = base
    return made


def _fill(src: Path, dest: Path, points: list, actuals: dict) -> None:
    wb = openpyxl.load_workbook(src)
    ws = wb["Schede"]
    for row in range(2, ws.max_row + 1):
        ws.cell(row, 8).value = points[(row - 2) % len(points)]
    wi = wb["Indicatori"]
    for row in range(2, wi.max_row + 1):
        value = actuals.get(wi.cell(row, 1).value)
        if value is not None:
            cell = wi.cell(row, 6)
            try:
                cell.value = value[1] if isinstance(value, tuple) else value
            except IllegalCharacterError:  # a text no spreadsheet can hold (ESC, NUL): not a workbook
                assume(False)
            if isinstance(value, tuple):
                cell.data_type = "s"
    wb.save(dest)


def _cells(path: Path) -> dict[tuple[str, str], object]:
    wb = openpyxl.load_workbook(path)
    return {
        (ws.title, c.coordinate): c.value for ws in wb for row in ws.iter_rows() for c in row if c.value is not None
    }


def _runnable(value: object) -> bool:
    if not isinstance(value, str) or not value.startswith(("=", "+", "-", "@")):
        return False
    try:
        parse_number(value)
    except ValueError:
        return True
    return False


def _merge(base: Path, tmp: Path, points: list, actuals: dict) -> Path:
    work = tmp / "o"
    shutil.copytree(base, work)
    _fill(work / "r" / "da-inviare" / "PO1.xlsx", work / "r" / "ricevute" / "PO1.xlsx", points, actuals)
    code = main(["raccolta", "unisci", str(work / "cycle.toml"), "--ente", "cm-prova", str(work / "r")])
    assert code in (0, 1, 2)
    return work


# always one return that merges: valid points, a number, SI and a DDE text
MERGES = example(points=[5], actuals={"K11": 40, "K12": ("text", "SI"), "K13": ("text", "=cmd|' /C calc'!A0")})
SETTINGS = settings(max_examples=12, suppress_health_check=list(HealthCheck))


@SETTINGS
@MERGES
@example(points=[0], actuals={"K11": ("text", "80%")})  # a percentage actual: its cell style is added
@given(
    points=st.lists(POINT, min_size=1, max_size=5),
    actuals=st.dictionaries(st.sampled_from(sorted(OWNED_INDICATORS)), ACTUAL),
)
def test_an_xlsx_ente_changes_only_the_cells_the_merge_owns(offices, tmp_path_factory, points, actuals):
    base = offices["xlsx"]
    work = _merge(base, tmp_path_factory.mktemp("x"), points, actuals)
    before, after = _cells(base / "ente" / "ente.xlsx"), _cells(work / "ente" / "ente.xlsx")
    if points == [5] and actuals.get("K11") == 40:  # the explicit example: it did merge
        assert any(v == "'=cmd|' /C calc'!A0" for v in after.values()) and len(after) > len(before)
    header = {(s, c[0]): str(v) for (s, c), v in after.items() if c[1:] == "1"}
    first = {(s, int(c[1:])): v for (s, c), v in after.items() if c[0] == "A"}
    po1 = {f"D1{n:02d}" for n in range(1, 13)}
    for key in set(before) | set(after):
        if before.get(key) == after.get(key):
            continue
        sheet, coordinate = key
        row = int(coordinate[1:])
        name = header.get((sheet, coordinate[0]), "")
        if row == 1:
            assert name.startswith(("x_raccolta", "actual", "consuntivo", "person", "persona")) or key not in before, (
                key
            )
        elif sheet.lower() in ("indicatori", "indicators"):
            assert first.get((sheet, row)) in OWNED_INDICATORS and name.lower() in ORIGIN, (key, name)
        else:
            assert sheet.lower() in ("valutazioni", "evaluations") and first.get((sheet, row)) in po1, key
    assert not [v for v in after.values() if _runnable(v) and v not in before.values()]
    with zipfile.ZipFile(base / "ente" / "ente.xlsx") as a, zipfile.ZipFile(work / "ente" / "ente.xlsx") as b:
        # the workbook part differs at most in its calculation settings: a merge asks for a full calculation
        calc = re.compile(rb"<calcPr\b[^>]*/>")
        same = [n for n in a.namelist() if not n.startswith("xl/worksheets/") and n != STYLES]
        assert all(calc.sub(b"", a.read(n)) == calc.sub(b"", b.read(n)) for n in same)
        assert all(a.read(n) == b.read(n) for n in same if n != "xl/workbook.xml")
        assert styles_kept(a.read(STYLES), b.read(STYLES))


@SETTINGS
@MERGES
@example(points=[0], actuals={"K11": ("text", "80%")})  # a percentage actual: its cell style is added
@given(
    points=st.lists(POINT, min_size=1, max_size=5),
    actuals=st.dictionaries(st.sampled_from(sorted(OWNED_INDICATORS)), ACTUAL),
)
def test_a_csv_ente_changes_only_the_records_the_merge_owns(offices, tmp_path_factory, points, actuals):
    base = offices["csv"]
    work = _merge(base, tmp_path_factory.mktemp("c"), points, actuals)
    old = csvedit.parse((base / "ente" / "indicators.csv").read_bytes())
    new = csvedit.parse((work / "ente" / "indicators.csv").read_bytes())
    assert len(old.raw) == len(new.raw)
    for k, (a, b) in enumerate(zip(old.raw, new.raw)):
        if a != b and k:
            assert old.cells[k][0] in OWNED_INDICATORS and new.cells[k][: len(old.cells[0])] == old.cells[k]
    for name in ("units", "areas", "people", "objectives"):
        assert (base / "ente" / f"{name}.csv").read_bytes() == (work / "ente" / f"{name}.csv").read_bytes()
    assert not [c for r in new.cells for c in r if _runnable(c)]
