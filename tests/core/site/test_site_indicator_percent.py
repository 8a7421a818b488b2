"""An indicator every ente typed as percentages reads back as percentages on the portal, never as the stored
fraction: the regolamento demo's four Comuni with their shared IN1 «Procedimenti conclusi nei termini» typed
«100%» of target and 72%, 80%, 95%, 95% achieved."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from ciclope.core.commands.cli import main

ACTUALS = {"comune-fondo": "72%", "comune-livelli": "80%", "comune-parti": "95%", "comune-soglie": "95%"}


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    from ciclope.plugins import regolamento

    folder = tmp_path_factory.mktemp("percentuali")
    demo = folder / "demo"
    shutil.copytree(
        Path(regolamento.__file__).parent / "demo", demo, ignore=shutil.ignore_patterns("risultati", "*.db*")
    )
    for ente, actual in ACTUALS.items():
        csv = demo / ente / "indicatori.csv"
        text = csv.read_text(encoding="utf-8")
        typed = text.replace("più è meglio,,,100,95,50,45,", f"più è meglio,,,100%,{actual},50%,45%,")
        assert typed != text
        csv.write_text(typed, encoding="utf-8")
    url = f"sqlite:///{folder / 'archivio.db'}"
    assert main(["run", str(demo / "cycle.toml"), "--store", url]) in (0, 1)
    assert main(["site", "--store", url, "--out", str(folder / "sito"), "--public"]) == 0
    return folder / "sito"


def test_an_indicator_typed_in_percentages_reads_as_percentages(site):
    page = (site / "indicatori" / "1.html").read_text(encoding="utf-8")
    # sorted 0,72 0,80 0,95 0,95; QUARTILE.INC: median at position 1,5 = (0,80 + 0,95) / 2 = 0,875 → 87,5%;
    # Q1 at 0,75 = 0,72 + 0,75 × 0,08 = 0,78 → 78%; Q3 at 2,25 = 0,95 + 0,25 × 0 = 0,95 → 95%
    assert "mediana 87,5%, quartili 78% – 95%." in page
    values = re.findall(r'<td class="num" data-sort="[^"]*">([^<]*)</td></tr>', page)
    assert sorted(values) == ["72%", "80%", "95%", "95%"]
    chart = re.search(r'<svg class="strip".*?</svg>', page, re.S)
    assert chart is not None
    assert "Comune di Pratofondo: 72%</title>" in chart.group(0)
    assert ">2 enti a 95%</text>" in chart.group(0)
    assert "0,72" not in page and "0,875" not in page
    summary = (site / "benchmark.html").read_text(encoding="utf-8")
    assert "<td class=\"num\">87,5%</td><td class=\"num\">78% – 95%</td>" in summary


def test_benchmark_json_says_ties_and_percentages(site, capsys):
    demo = site.parent / "demo"
    capsys.readouterr()
    assert (
        main(["benchmark", str(demo / "cycle.toml"), "--json", "--store", f"sqlite:///{site.parent / 'archivio.db'}"])
        == 0
    )
    doc = json.loads(capsys.readouterr().out)
    (indicator,) = doc["indicators"]
    assert indicator["percent"] is True
    # 0,95 0,95 0,80 0,72: the two at 95% share the first place, each tied with one other; the others alone
    by_ente = {e["ente"]: (e["rank"], e["tied"]) for e in indicator["enti"]}
    assert by_ente == {
        "comune-parti": (1, 1),
        "comune-soglie": (1, 1),
        "comune-livelli": (3, 0),
        "comune-fondo": (4, 0),
    }
