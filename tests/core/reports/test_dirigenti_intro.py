"""Scheda d says how a dirigente's organizational performance is computed as rules/core.md §2 computes it: the
weighted mean of their cruscotto, else the plain mean of the objectives they own (their weights are not read),
else the unit they head. Worked by hand."""

from __future__ import annotations

import re
from decimal import Decimal

from ciclope.core.reports import html
from ciclope.core.testing import compute_ente, write_ente

from helpers import coreonly, one_unit_comune


def test_scheda_d_says_the_plain_mean_of_the_owned_objectives(tmp_path):
    files = one_unit_comune("Comune di Media", [], [], "")
    files["objectives.csv"] = (
        "id,kind,title,parent,area,weight,owner\nOB1,operational,A,,,60,SEG\nOB2,operational,B,,,40,SEG\n"
    )
    files["indicators.csv"] = (
        "id,objective,name,type,weight,baseline,target,actual,target_mid,actual_mid,neutralized,reason,source\n"
        "IN1,OB1,Pratiche,higher,,,10,10,,,,,\nIN2,OB2,Sportelli,higher,,,10,5,,,,,\n"
    )
    result = compute_ente(write_ente(tmp_path / "e", files), coreonly, 2021)
    # no cruscotto: (100% + 50%) / 2 = 75%, the objectives' weights 60 and 40 unread (weighted it would be 80%)
    assert result.org.people["SEG"] == Decimal("0.75")
    page = html.render(result)
    part = re.search(r'<section class="scheda[^"]*" id="dirigenti">(.*?)</section>', page, re.S)
    assert part
    text = re.sub(r"\s+", " ", part.group(1))
    assert "media ponderata del suo cruscotto o media semplice degli obiettivi di cui è responsabile" in text, text
    assert "75,00%" in text


def test_scheda_d_gives_a_po_the_unit_she_heads(tmp_path):
    # PO1 heads «Servizio tecnico» (U1), whose own objective OB2 is at 8 / 10 = 80%: the intro promises «senza né l'uno
    # né gli altri, il raggiungimento dell'unità che dirige», and the PO's row said «—»
    files = one_unit_comune("Comune di Media", ["PO1,Posizione Uno,po,D,U1,1,0,false,SEG"], [], "")
    files["units.csv"] += "U1,Servizio tecnico,servizio,com,PO1\n"
    files["objectives.csv"] += "OB2,operational,Cantieri,,,,U1\n"
    files["indicators.csv"] += "IN2,OB2,Cantieri chiusi,higher,,,10,8,,,,,\n"
    result = compute_ente(write_ente(tmp_path / "e", files), coreonly, 2021)
    assert "PO1" not in result.org.people and result.org.units["U1"] == Decimal("0.8")
    page = html.render(result)
    part = re.search(r'<section class="scheda[^"]*" id="dirigenti">(.*?)</section>', page, re.S)
    assert part
    row = re.search(r"<tr><td>Posizione Uno</td>(.*?)</tr>", part.group(1), re.S)
    assert row, part.group(1)
    cells = re.findall(r"<td[^>]*>(.*?)</td>", row.group(1))
    assert cells[1] == "Servizio tecnico (U1)" and cells[2] == "80,00%", cells
