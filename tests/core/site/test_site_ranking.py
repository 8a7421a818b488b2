"""The portal's comparison when enti are tied: the regolamento demo's four Comuni have one objective with one
indicator, IN1 «Procedimenti conclusi nei termini», 95 of a target of 100 in each: an achievement of 95/100 = 95%,
the performance of each ente. Four equal values: every page says the shared place, the quarter in words, and the
chart shows the four enti."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from ciclope.core.commands.cli import main


@pytest.fixture(scope="module")
def tied(tmp_path_factory) -> Path:
    from ciclope.plugins import regolamento

    folder = tmp_path_factory.mktemp("pari")
    demo = folder / "demo"
    shutil.copytree(
        Path(regolamento.__file__).parent / "demo", demo, ignore=shutil.ignore_patterns("risultati", "*.db*")
    )
    url = f"sqlite:///{folder / 'archivio.db'}"
    assert main(["run", str(demo / "cycle.toml"), "--store", url]) in (0, 1)
    assert main(["site", "--store", url, "--out", str(folder / "sito"), "--public"]) == 0
    return folder / "sito"


def test_a_shared_place_is_said_on_every_page(tied):
    ente = (tied / "enti" / "comune-parti.html").read_text(encoding="utf-8")
    assert "<td>1° a pari merito con altri 3 su 4</td>" in ente and "<td>1° quarto, il migliore</td>" in ente
    assert "1° quartile" not in ente
    for page in ("benchmark.html", "classifica.html"):
        html = (tied / page).read_text(encoding="utf-8")
        # four rows, each first with the others, each in the best quarter
        assert html.count(">1° pari merito</td>") == 4, page
        assert html.count("<td>1° quarto, il migliore</td>") == 4, page
        assert "Quarti contati dal migliore" in html, page
    indicator = (tied / "indicatori" / "1.html").read_text(encoding="utf-8")
    assert indicator.count(">1° pari merito</td>") == 4


def test_the_strip_chart_shows_every_ente_and_stays_within_0_100(tied):
    bench = (tied / "benchmark.html").read_text(encoding="utf-8")
    chart = re.search(r'<svg class="strip".*?</svg>', bench, re.S)
    assert chart is not None
    # one point per ente, drawn over the median: four circles, each named in its tooltip
    assert len(re.findall(r"<circle ", chart.group(0))) == 4
    assert "Comune di Soglie: 95,00%" in chart.group(0)
    assert ">4 enti a 95,00%</text>" in chart.group(0)  # equal values on one spot: how many said on the chart
    indicator = (tied / "indicatori" / "1.html").read_text(encoding="utf-8")
    axis = re.findall(r'<text x="[\d.]+" y="66"[^>]*>([^<]*)</text>', indicator)
    # 95 in each: a margin of a round step (5) either side, 90 … 100, never past 100 when every value is in 0–100
    assert axis == ["90", "100"]
