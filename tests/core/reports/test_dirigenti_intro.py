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
