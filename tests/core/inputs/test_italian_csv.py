"""Excel's own CSV (issue 14): the public examples saved as Italian Excel saves them — `;` separator,
decimal comma, UTF-8 BOM, CRLF — give the same results.json figures as the originals."""

import csv
import io
import json
import re

import pytest

from ciclope.core.commands.cli import main

DECIMAL = re.compile(r"^-?\d+\.\d+%?$")
FIGURES = ("organizational", "monitoring", "individual", "rewards", "positions")


def as_italian_excel(folder):
    for path in folder.rglob("*.csv"):
        rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))
        rows = [[c.replace(".", ",") if DECIMAL.match(c) else c for c in row] for row in rows]
        buf = io.StringIO()
        csv.writer(buf, delimiter=";", lineterminator="\r\n").writerows(rows)
        path.write_bytes(b"\xef\xbb\xbf" + buf.getvalue().encode("utf-8"))


@pytest.mark.parametrize(
    "name, ente", [("brescia", "bs-esempio"), ("bergamo", "bg-esempio"), ("comunita_montane", "cm-esempio")]
)
def test_examples_saved_by_italian_excel_give_the_same_figures(example, tmp_path, name, ente):
    original = example(name)
    main(["run", str(original / "cycle.toml"), "--out", str(tmp_path / "a")])
    italian = tmp_path / "italiano"
    import shutil

    shutil.copytree(original, italian, ignore=shutil.ignore_patterns("risultati", "out"))
    as_italian_excel(italian)
    assert b";" in next(italian.rglob("people.csv")).read_bytes()
    main(["run", str(italian / "cycle.toml"), "--out", str(tmp_path / "b")])
    a = json.loads((tmp_path / "a" / ente / "results.json").read_text(encoding="utf-8"))
    b = json.loads((tmp_path / "b" / ente / "results.json").read_text(encoding="utf-8"))
    for key in FIGURES:
        assert a[key] == b[key], key
    # and what was detected is said, as a warning on each file
    said = {v["where"].split(":")[0] for v in b["violations"] if v["rule"] == "core.input.dialect"}
    assert "people.csv" in said and all(
        v["severity"] == "warning" for v in b["violations"] if v["rule"] == "core.input.dialect"
    )


def test_how_a_file_was_read_is_a_note_not_a_warning(example, tmp_path, capsys):
    """Saving the sheets as Italian Excel does, as the guide advises, is nothing to warn about: `validate` says how
    each file was read as a «nota», and neither `run` nor `validate` counts those among the avvisi. The Brescia
    example has 2 warnings of its own (PA's and PB's holders lack term_start/term_end) and 7 CSV files
    (areas, evaluations, indicators, objectives, people, positions, units): 2 avvisi and 7 notes."""
    italian = tmp_path / "italiano"
    import shutil

    shutil.copytree(example("brescia"), italian, ignore=shutil.ignore_patterns("risultati", "out"))
    as_italian_excel(italian)
    main(["run", str(italian / "cycle.toml"), "--out", str(tmp_path / "o"), "--no-store"])
    out = capsys.readouterr().out
    # the workbook's summary counts as the Relazione does: 2 avvisi, the 7 notes apart
    import openpyxl

    sheet = openpyxl.load_workbook(tmp_path / "o" / "bs-esempio" / "schede.xlsx")["Sintesi"]
    said = {row[0]: row[1] for row in sheet.iter_rows(values_only=True)}
    assert (said["Violazioni: avvisi"], said["Note sul formato dei file"]) == (2, 7)
    row = next(line for line in out.splitlines() if line.startswith("bs-esempio"))
    assert row.split()[2:4] == ["ok", "2"]
    assert "1 ok, 0 con violazioni, 0 falliti; 2 avvisi (elencati da ciclope validate)" in out
    main(["validate", str(italian / "cycle.toml")])
    out = capsys.readouterr().out
    assert "people.csv: nota: letto con separatore «;»" in out and "avviso: letto con" not in out
    assert "0 errori, 2 avvisi, 7 note sul formato dei file" in out
