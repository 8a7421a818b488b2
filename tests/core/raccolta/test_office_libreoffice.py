"""LibreOffice (headless) opens a collection workbook and the template and reads their drop-downs: each is
converted to a flat ODF spreadsheet, whose content validations are what LibreOffice understood (issue 42)."""

import html
import re
import shutil
import subprocess

import pytest
from office_year import collect, prepare

from ciclope.core.commands.cli import main

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(shutil.which("soffice") is None, reason="needs LibreOffice (soffice)"),
]


def validations(xlsx, tmp_path) -> list[str]:
    """The content-validation conditions LibreOffice reads in ``xlsx``."""
    run = subprocess.run(
        [
            "soffice",
            "--headless",
            "--norestore",
            f"-env:UserInstallation=file://{tmp_path}/lo-profile",
            "--convert-to",
            "fods",
            "--outdir",
            str(tmp_path / "lo"),
            str(xlsx),
        ],
        capture_output=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stderr
    text = (tmp_path / "lo" / xlsx.with_suffix(".fods").name).read_text(encoding="utf-8")
    return [html.unescape(c) for c in re.findall(r'table:condition="([^"]*)"', text)]


def test_libreoffice_reads_the_collection_workbook_dropdowns(tmp_path):
    sent = collect(prepare(tmp_path), tmp_path / "r")
    found = validations(sent / "PO1.xlsx", tmp_path)
    points_10 = "of:cell-content-is-in-list(" + ";".join(f'"{n}"' for n in range(11)) + ")"
    assert points_10 in found  # «Apporto al lavoro di gruppo», 10 points: 0…10
    assert "of:cell-content-is-decimal-number() and cell-content-is-between(0,40)" in found
    assert 'of:cell-content-is-in-list("SI";"NO")' in found  # the boolean indicator's actual


def test_libreoffice_reads_the_template_dropdowns(tmp_path):
    assert main(["template", "comunita_montane", str(tmp_path / "ente.xlsx")]) == 0
    found = validations(tmp_path / "ente.xlsx", tmp_path)
    assert any('"dipendente"' in c or '"Dipendente"' in c for c in found)  # people.role
    assert 'of:cell-content-is-in-list("SI";"NO")' in found
