"""Inputs beyond what ciclope documents are refused with their file, row and column, never an internal
error: numbers past 15 integer digits."""

from __future__ import annotations

from pathlib import Path

import pytest
from harness import cli, cli_process, snapshot

from ciclope.core.testing import write_ente
from ciclope.core.values import parse_money, parse_number, to_decimal

from helpers import ENTE, files

BIG = "1" * 29
# (file, text replaced, replacement, the location the message must name)
CELLS = {
    "weight": (
        "indicators.csv",
        "I4,S2,Sportello attivo,boolean,3,",
        f"I4,S2,Sportello attivo,boolean,{BIG},",
        "indicators.csv, riga 5, colonna weight",
    ),
    "target": ("indicators.csv", ",10,12,8,5,2,", f",{BIG},12,8,5,2,", "indicators.csv, riga 2, colonna target_2021"),
    "actual": ("indicators.csv", ",10,12,8,5,2,", f",10,12,{BIG},5,2,", "indicators.csv, riga 2, colonna actual"),
    "fund": ("ente.toml", '"1000.00"', f'"{BIG}"', "ente.toml [fondi] performance_individuale"),  # as written there
}


def _ente(folder: Path, key: str, big: str) -> Path:
    name, old, new, _where = CELLS[key]
    f = files(**{"ente.toml": ENTE})
    assert old in f[name]
    f[name] = f[name].replace(old, new.replace(BIG, big), 1)
    write_ente(folder / "e", f)
    cfg = folder / "cycle.toml"
    cfg.write_text(
        '[cycle]\nyear = 2021\noutput = "out"\n[[ente]]\nid = "e"\nplugin = "comunita_montane"\ndata = "e"\n'
    )
    return cfg


@pytest.mark.parametrize("key", sorted(CELLS))
def test_a_29_digit_number_is_refused_where_it_is(tmp_path, key):
    cfg = _ente(tmp_path, key, BIG)
    before = snapshot(tmp_path / "e", cfg)
    for command in ("run", "validate", "calendar"):
        run = cli(command, cfg, *(["--no-store"] if command == "run" else []))
        text = run.stdout + run.stderr
        assert run.returncode == 1, (command, text)
        assert f"{CELLS[key][3]}: errore: numero troppo grande" in text, (command, text)
        assert "errore interno" not in text
    assert snapshot(tmp_path / "e", cfg) == before


@pytest.mark.parametrize("key", ["weight", "target", "actual"])
def test_fifteen_digits_are_computed(tmp_path, key):
    cfg = _ente(tmp_path, key, "9" * 15 + ".999999999999")
    run = cli("run", cfg, "--no-store")
    assert run.returncode == 0, run.stdout + run.stderr


def test_the_precision_limit_by_hand():
    assert parse_number("999999999999999") == 10**15 - 1
    assert parse_number("999.999.999.999.999", thousands=True) == 10**15 - 1
    assert parse_money("999999999999999,99") == parse_number("999999999999999.99")
    for text in ("1000000000000000", "1" * 29, "1.000.000.000.000.000,00", "100000000000000000%"):
        with pytest.raises(ValueError, match="numero troppo grande"):
            parse_number(text, thousands=True)
    assert parse_number("10000000000000000%") == 10**14  # a percent is divided by 100 first
    with pytest.raises(ValueError, match="numero troppo grande"):
        to_decimal(1e15)
    assert to_decimal(999999999999999) == 10**15 - 1


def _workbook(folder: Path, extra: dict[str, str] | None = None) -> Path:
    """The ente's CSV files as one ente.xlsx (CSV removed); ``extra``: more sheets as title → CSV text."""
    import csv
    import io

    import openpyxl

    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    sheets = {p.stem: p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.csv"))}
    for title, text in {**sheets, **(extra or {})}.items():
        ws = wb.create_sheet(title)
        for row in csv.reader(io.StringIO(text)):
            ws.append(row)
    for p in folder.glob("*.csv"):
        p.unlink()
    wb.save(folder / "ente.xlsx")
    return folder / "ente.xlsx"


def _cycle(tmp_path: Path) -> Path:
    cfg = tmp_path / "cycle.toml"
    cfg.write_text(
        '[cycle]\nyear = 2021\noutput = "out"\n[[ente]]\nid = "e"\nplugin = "comunita_montane"\ndata = "e"\n'
    )
    return cfg


def test_people_and_persone_sheets_together_are_an_error(tmp_path):
    folder = write_ente(tmp_path / "e", files(**{"ente.toml": ENTE}))
    people = (folder / "people.csv").read_text(encoding="utf-8")
    _workbook(folder, {"Persone": people.replace("Emma", "Emma Bis")})
    run = cli("validate", _cycle(tmp_path))
    assert run.returncode == 1
    assert "ente.xlsx, foglio Persone: errore: il foglio «Persone» è lo stesso di «people»" in run.stdout


def test_an_xml_entity_in_a_workbook_is_refused_before_reading(tmp_path):
    import zipfile

    folder = write_ente(tmp_path / "e", files(**{"ente.toml": ENTE}))
    xlsx = _workbook(folder)
    parts = {}
    with zipfile.ZipFile(xlsx) as zf:
        for info in zf.infolist():
            parts[info.filename] = zf.read(info)
    secret = tmp_path / "segreto.txt"
    secret.write_text("riservato\n")
    doctype = f'<!DOCTYPE x [<!ENTITY xxe SYSTEM "file://{secret}">]>'.encode()
    xml = parts["xl/workbook.xml"]
    at = xml.index(b"?>") + 2 if xml.startswith(b"<?xml") else 0
    parts["xl/workbook.xml"] = xml[:at] + doctype + xml[at:]
    with zipfile.ZipFile(xlsx, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in parts.items():
            zf.writestr(name, data)
    run = cli("validate", _cycle(tmp_path))
    assert run.returncode == 1 and "errore interno" not in run.stdout
    assert "ente.xlsx:xl/workbook.xml: errore: la parte xl/workbook.xml dichiara un DOCTYPE" in run.stdout


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_a_utf16_csv_says_so(tmp_path, encoding):
    folder = write_ente(tmp_path / "e", files(**{"ente.toml": ENTE}))
    text = (folder / "people.csv").read_text(encoding="utf-8")
    (folder / "people.csv").write_bytes(text.encode(encoding))
    run = cli("validate", _cycle(tmp_path))
    assert run.returncode == 1
    assert "people.csv: errore: il file è in UTF-16" in run.stdout
    assert "caratteri nulli" not in run.stdout


def test_a_50_mb_motivation_is_refused_in_ente_toml(tmp_path):
    motivation = "lungo " * 2_000  # 12,000 characters: over 10,000
    folder = write_ente(tmp_path / "e", files(**{"ente.toml": ENTE + f'oiv_motivation = "{motivation}"\n'}))
    assert "[approvals]" in (folder / "ente.toml").read_text()
    run = cli_process("validate", _cycle(tmp_path))
    assert run.returncode == 1 and "testo di 12000 caratteri, oltre il massimo di 10000" in run.stdout
    (folder / "ente.toml").write_text(ENTE + 'oiv_motivation = "' + "x" * (50 * 2**20) + '"\n')
    run = cli_process("validate", _cycle(tmp_path))
    assert run.returncode == 1 and "file troppo grande (massimo 4 MiB per un file TOML)" in run.stdout
