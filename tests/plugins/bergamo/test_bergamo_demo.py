"""The bundled demo of `bergamo`: Bergamo's published 2020 results (002… §3.2–§4) and the 2021–2023 plan.

The expected figures are not in this file: they are read from the tables of docs/bergamo-2020.md,
where each one is computed by hand from the plan's tables, so the document and the program cannot
drift apart.
"""

import re
import shutil
from decimal import Decimal

import pytest

from ciclope.core.commands.cli import main
from ciclope.core.engine.registry import load_plugin
from ciclope.core.testing import compute_ente, results_doc

from helpers import ROOT

DOC = ROOT / "docs" / "bergamo-2020.md"
DEMO = load_plugin("bergamo")[1].demo
DATA = DEMO / "cciaa-bergamo"
ROW = re.compile(r"^\| `([a-z]+:[\w.-]+|ente)` \|.*\| \*\*([0-9.]+|—)\*\* \|$")


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    folder = tmp_path_factory.mktemp("bergamo-demo") / "cciaa-bergamo"
    shutil.copytree(DATA, folder)
    return results_doc(compute_ente(folder, "bergamo", 2020, ente_id="cciaa-bergamo"))


def documented() -> dict[str, float | None]:
    out = {}
    for line in DOC.read_text(encoding="utf-8").splitlines():
        m = ROW.match(line.strip())
        if m:
            out[m.group(1)] = None if m.group(2) == "—" else float(m.group(2))
    return out


def program_value(doc, key):
    org = doc["organizational"]
    if key == "ente":
        return org["ente"]
    kind, ident = key.split(":", 1)
    table = {"objective": "objectives", "area": "areas", "unit": "units", "person": "people"}[kind]
    return org[table][ident]


def test_the_documented_2020_figures_are_the_programs(demo):
    doc_figures = documented()
    # 12 strategic objectives, 4 perspectives, the ente, 11 unit cruscotti (strategico, 9 Servizi, Azienda
    # Speciale), the Segretario Generale and the Dirigente
    assert len(doc_figures) == 12 + 4 + 1 + 11 + 2
    assert doc_figures["ente"] == 0.9848
    for key, value in doc_figures.items():
        assert program_value(demo, key) == value, key


def test_the_demo_runs_clean(demo):
    assert demo["year"] == 2020
    # only the national layer's reminder: art. 69 CCNL 2018 is the CCDI's to configure ([ente.national])
    assert [v["rule"] for v in demo["violations"]] == ["ccnl.art69.not_configured"]
    pool = demo["rewards"]["pools"]["performance_individuale"]
    assert pool["distributed"] == pool["amount"] and pool["residual"] == "0.00"
    levels = {p["level"] for p in demo["individual"].values() if p["level"]}
    assert levels >= {"adeguata", "buona", "eccellente"}


def test_the_plan_is_transcribed(demo):
    org = demo["organizational"]
    assert sorted(org["areas"]) == ["P1", "P2", "P3", "P4"]
    strategic = [k for k in org["objectives"] if re.fullmatch(r"\d\.\d", k)]
    assert strategic == ["1.1", "1.2", "1.3", "1.4", "1.5", "1.6", "2.1", "2.2", "2.3", "3.1", "3.2", "4.1"]
    ind = org["indicators"]
    # values as written in the plan's table (002… §3.2)
    assert ind["S4.1.6"]["actual"] == 0.362 and ind["S4.1.6"]["target"] == 0.32  # "36,20%" vs 32%
    assert ind["S1.4.2"]["target"] == 4000 and ind["S1.4.2"]["actual"] == 3497  # "4.000", "3.497"
    assert ind["S4.1.7"]["achievement"] == 1.0  # lower: 130% vs 106,78%
    assert ind["S1.2.5"]["status"] == "monitor"  # "monitoraggio"
    assert ind["S1.5.3"]["status"] == "inactive"  # "-" in 2020
    assert ind["S1.3.1"]["status"] == "neutralized"  # empty consuntivo
    units = org["units"]
    for servizio in ("sag", "spr", "sco", "sri", "ssp", "srm", "srf", "sru", "srs"):
        assert units[servizio] is not None, servizio


def test_the_cruscotti_of_the_plan():
    text = (DATA / "cruscotti.csv").read_text(encoding="utf-8").splitlines()[1:]
    rows = [line.split(",") for line in text]
    owners = {}
    for cr, owner, ref, _ in rows:
        owners.setdefault((cr, owner), []).append(ref)
    assert len(owners[("strategico", "cciaa")]) == 58  # every row of the CRUSCOTTO STRATEGICO 2021
    servizi = [k for k in owners if k[0].startswith("srv-")]
    assert len(servizi) == 9
    assert len(owners[("sg", "SG")]) == 11 and len(owners[("dir", "DIR")]) == 10
    # an indicator shared by several cruscotti: "Dati pubblicati in Amministrazione Trasparente"
    shared = [k for k, refs in owners.items() if "O2.1.2" in refs]
    assert len(shared) == 6


@pytest.mark.parametrize("year", [2021, 2022, 2023])
def test_the_2021_2023_targets_load(tmp_path, year):
    folder = tmp_path / "cciaa-bergamo"
    shutil.copytree(DATA, folder)
    res = compute_ente(folder, "bergamo", year, until="pianificazione", ente_id="cciaa-bergamo")
    assert [v for v in res.violations if v.is_error] == []
    ind = res.ente.indicators
    assert (
        ind["S3.2.2"].target == {2021: Decimal("0.35"), 2022: Decimal("0.40"), 2023: Decimal("0.45")}[year]
    )  # 35%, 40%, 45%
    # "Incidenza oneri di funzionamento": scored (lower) in 2020, "monitoraggio" from 2021
    assert ind["S4.1.9"].type == "monitor"
    assert ind["L.20"].active == (year < 2023)  # POLA: "% lavoratori agili effettivi", 2023 «verifica»


def test_the_demo_through_the_cli(tmp_path):
    dest = tmp_path / "demo"
    shutil.copytree(DEMO, dest, ignore=shutil.ignore_patterns("risultati", "out"))
    assert main(["run", str(dest / "cycle.toml"), "--out", str(tmp_path / "out")]) == 0
    assert (tmp_path / "out" / "cciaa-bergamo" / "relazione.html").is_file()
