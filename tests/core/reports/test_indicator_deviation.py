"""The «Scostamento» of an indicator is its deviation from the target, never cut at 100%: 24 on a target of 20 is
+20,00% while its achievement stays 100,00% (docs/reports.md, «Come leggere i numeri»). «Meno è meglio» the same
way round as its achievement: target / consuntivo − 100%. At 30/6 the same, on the mid-year target. A report that
stops at the 30/6 monitoring shows no year-end actual. Every figure by hand."""

from __future__ import annotations

import re
from decimal import Decimal

from ciclope.core.reports import html, xlsx
from ciclope.core.testing import compute_ente, write_ente

from helpers import coreonly, one_unit_comune

INDICATORS = """\
id,objective,name,type,weight,baseline,target,actual,target_mid,actual_mid,neutralized,reason,source
IN1,OB1,Dipendenti formati,higher,,,20,24,10,12,,,
IN2,OB1,Giorni di pagamento,lower,,,30,27,,,,,
IN3,OB1,Giorni di rilascio,lower,,,5,6,,,,,
IN4,OB1,Regolamento approvato,deadline,,,30/06/2021,15/07/2021,,,,,
"""


def comune(tmp_path, until: str = "rendicontazione"):
    files = one_unit_comune("Comune di Scostamento", [], [], "")
    files["indicators.csv"] = INDICATORS
    return compute_ente(write_ente(tmp_path / "e", files), coreonly, 2021, None, until)


def row(page: str, ident: str, section: str) -> str:
    part = re.search(rf'<section class="scheda[^"]*" id="{section}">(.*?)</section>', page, re.S)
    assert part, section
    found = re.search(rf"<tr(?: class=\"off\")?><td>{ident}</td>(.*?)</tr>", part.group(1))
    assert found, (ident, section)
    return found.group(1)


def test_an_indicator_beating_its_target_shows_how_much(tmp_path):
    result = comune(tmp_path)
    page = html.render(result)
    # IN1: 24 / 20 − 1 = +20,00%; achievement min(24 / 20, 1) = 100,00%
    in1 = row(page, "IN1", "obiettivi")
    assert "+20,00%" in in1 and "100,00%" in in1, in1
    # IN2 (less is better): 30 / 27 − 1 = 0,1111… → +11,11%; achievement 100,00%
    in2 = row(page, "IN2", "obiettivi")
    assert "+11,11%" in in2 and "100,00%" in in2, in2
    # IN3 (less is better, missed): 5 / 6 − 1 = −0,1667 → −16,67%, achievement 83,33%, in red as before
    in3 = row(page, "IN3", "obiettivi")
    assert '<span class="neg">−16,67%</span>' in in3 and "83,33%" in in3, in3
    # IN4 (deadline missed): 0% − 100% = −100,00%
    assert "−100,00%" in row(page, "IN4", "obiettivi")


def test_the_workbook_and_the_30_6_monitoring_say_the_same_deviation(tmp_path):
    from openpyxl import load_workbook

    result = comune(tmp_path)
    # IN1 at 30/6: 12 / 10 − 1 = +20,00%, achievement 100%
    assert result.monitoring["IN1"].deviation == Decimal("0.2")
    assert result.monitoring["IN1"].achievement == Decimal("1")
    assert "+20,00%" in row(html.render(result), "IN1", "monitoraggio")
    path = tmp_path / "schede.xlsx"
    xlsx.write(result, path)
    rows = list(load_workbook(path)["Indicatori"].iter_rows(values_only=True))
    head = rows[0]
    deviations = {r[0]: r[head.index("Scostamento")] for r in rows[1:]}
    assert deviations["IN1"] == 0.2 and deviations["IN2"] == 0.1111 and deviations["IN3"] == -0.1667


def test_the_30_6_report_shows_no_year_end_actual(tmp_path):
    from openpyxl import load_workbook

    result = comune(tmp_path, until="monitoraggio")
    page = html.render(result)
    # the year-end actuals (24, 27, 6, 15/07/2021) are not in a report dated 30/6: «—» in their column
    in1 = re.findall(r"<td[^>]*>(.*?)</td>", row(page, "IN1", "obiettivi"))
    assert in1[4:6] == ["20", "—"], in1  # target, consuntivo
    assert "15/07/2021" not in page and "valori al 30/6" in page
    # the 30/6 values are in the monitoring: IN1 12 on 10
    assert "<td class=\"num\">10</td><td class=\"num\">12</td>" in row(page, "IN1", "monitoraggio")
    path = tmp_path / "schede.xlsx"
    xlsx.write(result, path)
    rows = list(load_workbook(path)["Indicatori"].iter_rows(values_only=True))
    actual = rows[0].index("Consuntivo")
    assert [r[actual] for r in rows[1:]] == [None, None, None, None]
