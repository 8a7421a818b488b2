"""`ciclope template` (issue 14): a workbook an office fills under its headers gives the same results as the
CSV files, for every public example; drop-downs on enumerated columns, help in comments, ente.toml beside."""

import csv
import io
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

from ciclope.core.cli import main

EXAMPLES = [("brescia", "bs-esempio"), ("bergamo", "bg-esempio"), ("comunita_montane", "cm-esempio")]


@pytest.mark.parametrize("plugin, ente", EXAMPLES)
def test_a_template_filled_with_an_examples_rows_gives_its_results(example, tmp_path, plugin, ente):
    folder = example(plugin)
    book = tmp_path / "modello.xlsx"
    assert main(["template", plugin, str(book)]) == 0
    assert (tmp_path / "ente.toml").is_file()
    wb = openpyxl.load_workbook(book)
    data = folder / ente
    year = int(
        next(ln for ln in (folder / "cycle.toml").read_text().splitlines() if ln.startswith("year")).split("=")[1]
    )
    for path in sorted(data.glob("*.csv")):
        ws = wb[path.stem]
        header = [c.value for c in ws[1]]
        for row in csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))):
            if "target" in header and "target" not in row:  # a multi-year plan: this year's column
                row["target"] = row.get(f"target_{year}", "")
            ws.append([row.get(h, "") for h in header])
        path.unlink()
    wb.save(data / "ente.xlsx")
    out = tmp_path / "out"
    main(["run", str(folder / "cycle.toml"), "--out", str(out)])
    tool = Path(__file__).resolve().parent.parent.parent / "shared" / "tools" / "check_results.py"
    run = subprocess.run(
        [sys.executable, str(tool), str(folder / "expected.json"), str(out)], capture_output=True, text=True
    )
    assert run.returncode == 0, run.stdout


def test_drop_downs_comments_and_no_help_in_data_rows(tmp_path):
    book = tmp_path / "m.xlsx"
    assert main(["template", "comunita_montane", str(book)]) == 0
    wb = openpyxl.load_workbook(book)
    ws = wb["indicators"]
    assert ws.max_row == 1  # headers only, help in comments
    assert "Valori: higher, lower" in ws["D1"].comment.text  # type
    lists = {dv.formula1 for dv in ws.data_validations.dataValidation}
    assert '"higher,lower,deadline,boolean,project,monitor"' in lists and '"SI,NO"' in lists
    assert "innovation" in wb.sheetnames and "people" in wb.sheetnames
    assert main(["template", "comunita_montane", str(book)]) == 2  # never overwritten


def test_template_from_a_run_prefills_next_year(example, tmp_path):
    folder = example("bergamo")
    main(["run", str(folder / "cycle.toml"), "--out", str(tmp_path / "out")])
    book = tmp_path / "2022.xlsx"
    assert main(["template", "bergamo", str(book), "--from", str(tmp_path / "out" / "bg-esempio")]) == 0
    wb = openpyxl.load_workbook(book)
    ind = list(wb["indicators"].iter_rows(values_only=True))
    header, rows = ind[0], ind[1:]
    assert rows and all(r[header.index("actual")] in (None, "") for r in rows)  # no actuals
    from decimal import Decimal

    from ciclope.core.values import parse_number

    data = list(csv.DictReader(open(folder / "bg-esempio" / "indicators.csv", encoding="utf-8")))
    got = {r[header.index("id")]: r[header.index("target")] for r in rows}
    checked = 0
    for r in data:  # every numeric 2022 target is the pre-filled one (not the 2021 target)
        try:
            want = parse_number(r["target_2022"])
        except ValueError:
            continue
        assert Decimal(str(got[r["id"]])) == want, r["id"]
        checked += 1
    assert checked > 0
    assert wb["evaluations"].max_row == 1  # no cards
