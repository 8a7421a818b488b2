"""The portal's calendar judged at a day it says (``ciclope site --oggi``, else the day it is built), beside the
Relazione's, judged at its own date (30 June of the year after the cycle): the same archive, two days, each said."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import openpyxl
import pytest

from ciclope.core.commands.cli import main
from ciclope.core.testing import write_ente

from helpers import ENTE, files

CYCLE = '[cycle]\nyear = 2021\noutput = "out"\n\n[[ente]]\nid = "cm-prova"\nplugin = "comunita_montane"\ndata = "cm-prova"\n'


@pytest.fixture
def run(tmp_path: Path) -> Path:
    """Cycle 2021: the Piano adopted on 25/01/2021 (due 31/01/2021), the premiums paid on 15/09/2022 (due
    31/12/2022), the Relazione (due 30/06/2022) and the monitoring (due 31/07/2021) with no date."""
    write_ente(tmp_path / "cm-prova", files(**{"ente.toml": ENTE + "premi_paid = 2022-09-15\n"}))
    (tmp_path / "cycle.toml").write_text(CYCLE, encoding="utf-8")
    assert main(["run", str(tmp_path / "cycle.toml"), "--store", f"sqlite:///{tmp_path / 'c.db'}"]) == 0
    return tmp_path


def statuses(page: Path) -> dict[str, str]:
    """The calendar's rows of an ente page: due date → status, as the page shows them."""
    text = page.read_text(encoding="utf-8")
    section = text.split('id="cal"', 1)[1]
    rows = re.findall(r"<tr><td>([\d/]+)</td><td>[^<]*</td><td><span[^>]*>([^<]*)</span>", section)
    return {due: html.unescape(status) for due, status in rows}


def site(folder: Path, day: str, capsys) -> Path:
    out = folder / f"sito-{day.replace('/', '')}"
    assert main(["site", "--store", f"sqlite:///{folder / 'c.db'}", "--out", str(out), "--oggi", day]) == 0
    capsys.readouterr()
    return out


def test_the_portal_says_the_day_it_judges_at_and_the_relazione_its_own(run, capsys):
    # results.json keeps the act's date, so another day can judge it: the premiums' 15/09/2022
    calendar = json.loads((run / "out" / "cm-prova" / "results.json").read_text(encoding="utf-8"))["calendar"]
    assert {c["approval"]: c.get("done") for c in calendar}["premi_paid"] == "2022-09-15"
    # 30/11/2022: the Relazione's 30/06/2022 has passed (mancante); the premiums of 15/09/2022 are before the day
    late = site(run, "30/11/2022", capsys) / "enti" / "cm-prova.html"
    assert statuses(late) == {
        "31/01/2021": "fatto",
        "31/07/2021": "mancante",
        "30/06/2022": "mancante",
        "31/12/2022": "fatto",
    }
    text = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", late.read_text(encoding="utf-8"))).split())
    assert "Stato al 30/11/2022, il giorno a cui il portale giudica le scadenze" in text
    assert "La Relazione sulla performance giudica lo stesso calendario alla sua data, il 30/06/2022" in text
    # 15/06/2022: the Relazione is not due yet (30/06/2022 ≥ 15/06/2022); the premiums' 15/09/2022 is after the day
    early = site(run, "15/06/2022", capsys)
    assert statuses(early / "enti" / "cm-prova.html") == {
        "31/01/2021": "fatto",
        "31/07/2021": "mancante",
        "30/06/2022": "da fare",
        "31/12/2022": "data futura: 15/09/2022 è dopo il 15/06/2022",
    }
    listing = (early / "calendario.html").read_text(encoding="utf-8")
    assert "Stato al 15/06/2022" in listing and "data futura: 15/09/2022 è dopo il 15/06/2022" in listing
    # the Relazione judges at its own date, 30/06/2022, whatever the day: the Relazione's approval is «da fare» there
    relazione = (run / "out" / "cm-prova" / "relazione.html").read_text(encoding="utf-8")
    said = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", relazione)).split())
    assert "Stato al 30/06/2022, data della Relazione" in said
    row = next(tr for tr in re.findall(r"<tr>.*?</tr>", relazione, flags=re.S) if "30/06/2022" in tr)
    assert "da fare" in row and "mancante" not in row.lower()
    # schede.xlsx: the same note above its Calendario sheet
    book = openpyxl.load_workbook(run / "out" / "cm-prova" / "schede.xlsx", read_only=True)
    cells = [str(v) for r in book["Calendario"].iter_rows(values_only=True) for v in r if v]
    assert any(c.startswith("Stato al 30/06/2022, data della Relazione") for c in cells)
