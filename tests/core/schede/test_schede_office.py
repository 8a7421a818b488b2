"""schede.xlsx and the plugin sections as an office uses them (issue 14): no number stored as text in any
sheet of any demo, Italian formatting in the plugin sections of the Relazione, sheet names cut at a word,
totals outside the filter range."""

import re
import shutil

import openpyxl
import pytest

from ciclope.core.commands.cli import main
from ciclope.core.engine.registry import available_plugins, load_plugin

NUMBER = re.compile(r"^-?\d+([.,]\d+)?%?$")


@pytest.fixture(scope="module")
def demos(tmp_path_factory):
    out = {}
    for plugin in sorted(available_plugins()):
        demo = load_plugin(plugin)[1].demo
        if demo is None:
            continue
        dest = tmp_path_factory.mktemp(plugin) / plugin
        shutil.copytree(demo, dest, ignore=shutil.ignore_patterns("risultati", "out", "__pycache__"))
        main(["run", str(dest / "cycle.toml"), "--out", str(dest / "out")])
        out[plugin] = next((dest / "out").glob("*/schede.xlsx")).parent
    return out


IDS = {"Codice", "Obiettivo", "Obiettivo padre", "Indicatore", "Riferimento", "Posizione", "Persona", "Unità", "Id"}


@pytest.mark.parametrize("plugin", sorted(available_plugins()))
def test_no_number_is_stored_as_text(demos, plugin):
    """Identifiers such as objective "1.1" are text; every figure is a number Excel can add."""
    wb = openpyxl.load_workbook(demos[plugin] / "schede.xlsx")
    as_text = []
    for ws in wb.worksheets:
        rows = list(ws.iter_rows())
        head = 1 if len(rows) > 1 and rows[0][1].value is None and rows[1][0].value else 0  # a note above
        headers = {c.column: c.value for c in rows[head]}
        as_text += [
            (ws.title, c.coordinate, c.value)
            for row in rows[head + 1 :]
            for c in row
            if isinstance(c.value, str) and NUMBER.match(c.value.strip()) and headers.get(c.column) not in IDS
        ]
    assert as_text == []


@pytest.mark.parametrize("plugin", sorted(available_plugins()))
def test_sheet_names_are_whole_words_and_totals_sit_outside_the_filter(demos, plugin):
    wb = openpyxl.load_workbook(demos[plugin] / "schede.xlsx")
    for ws in wb.worksheets:
        assert len(ws.title) <= 31 and not ws.title.endswith(" ")
        if ws.auto_filter.ref:
            last = int(re.search(r"(\d+)$", ws.auto_filter.ref).group(1))
            for row in ws.iter_rows(min_row=last + 1, max_row=ws.max_row, max_col=1):
                assert row[0].value in ("TOTALE", None) or row[0].font.b, (ws.title, row[0].value)
    assert not any(t.endswith("regolamento ") for t in wb.sheetnames)
    # the ente's row of the areas is said as the Relazione says it, never a code «ENTE» among the areas' codes
    last = list(wb["Aree (scheda c)"].iter_rows(values_only=True))[-1]
    assert last[0] is None and str(last[1]).startswith("Performance dell'ente — "), last


def test_plugin_sections_speak_italian_numbers(demos):
    page = (demos["brescia"] / "relazione.html").read_text(encoding="utf-8")
    section = page[page.index("Posizioni organizzative: pesatura e retribuzione (Delibera") :]
    section = section[: section.index("</table>")]
    assert re.search(r">€ \d{1,3}(\.\d{3})*,\d{2}<", section)  # € 12.345,67 in the plugin's cells
    assert not re.search(r">\d{4,}\.\d{2}<", section)  # never 12345.67


# LibreOffice's CSV export of every sheet (the last field, -1, is "all sheets", LibreOffice ≥ 7.2): UTF-8,
# the cells' values rather than as shown
ALL_SHEETS_CSV = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1"


@pytest.mark.slow  # a headless LibreOffice per workbook (Debian's libreoffice-calc-nogui, installed by .ci/run)
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) not installed")
@pytest.mark.parametrize("plugin", sorted(available_plugins()))
def test_libreoffice_reads_every_cell_openpyxl_reads(demos, plugin, tmp_path):
    """Issue 18: schede.xlsx is written by ciclope's own writer and deflated at level 1 (xlsxpack.LEVEL),
    not by openpyxl: LibreOffice, converting it headless, finds every sheet with the cells openpyxl finds."""
    import csv
    import datetime as dt
    import math
    import subprocess

    workbook = demos[plugin] / "schede.xlsx"
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            ALL_SHEETS_CSV,
            "--outdir",
            str(tmp_path / "csv"),
            str(workbook),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    wb = openpyxl.load_workbook(workbook)
    assert len(list((tmp_path / "csv").glob("*.csv"))) == len(wb.worksheets)
    for ws in wb.worksheets:
        with open(tmp_path / "csv" / f"schede-{ws.title}.csv", encoding="utf-8", newline="") as fh:
            seen = list(csv.reader(fh))
        expected = [list(row) for row in ws.iter_rows(values_only=True)]
        assert len(seen) == len(expected), ws.title
        for r, (got_row, want_row) in enumerate(zip(seen, expected), 1):
            got_row += [""] * (len(want_row) - len(got_row))
            for c, (got, want) in enumerate(zip(got_row, want_row), 1):
                where = (ws.title, r, c)
                if want is None:
                    assert got == "", where
                elif isinstance(want, dt.datetime):
                    assert dt.datetime.strptime(got, "%m/%d/%Y") == want, where
                elif isinstance(want, (int, float)) and got.endswith("%"):  # a percentage is shown as formatted
                    assert abs(float(got[:-1]) / 100 - want) <= 5e-5, where  # 0.00%: half the last digit
                elif isinstance(want, (int, float)) and not isinstance(want, bool):
                    assert math.isclose(float(got), want, rel_tol=1e-12, abs_tol=1e-12), where
                else:
                    assert got == str(want), where
