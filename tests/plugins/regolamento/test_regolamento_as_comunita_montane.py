"""The Comunità Montane's regulation written as a declared file (``tests/regolamento/comunita_montane.toml``,
formato 2) gives the same money, levels and statuses as the Python plugin ``comunita_montane``: on the public
example, on synthetic enti large enough for the bonus delle eccellenze, and with one graduatoria per area.

Compared byte for byte as results.json writes them: every pool (amount, distributed, residual), every award of
every person (amount, band, pool, further awards), every score, level and status. Not compared: the plugin's
own reports (rewards.extra, the evaluators' differentiation, the progressions of art. 20, which pay nothing) and
the wording of explanations and warnings. Rules the file does not say, so the enti here do not exercise them:
the CCNL 1999 per-person limits of the PO result pay (cycles before 21.5.2018), the innovation and efficiency
prizes of art. 19 with their amounts and the incompatibility of art. 18.4 (the synthetic ``innovation.csv`` rows
all renounce the bonus and carry no amount, so the declared copy leaves the file out), a lead's score from the
card alone when their unit was not measured, and the Piano's deadline counted from the budget's approval."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from conftest import EXAMPLES

from helpers import TESTS, ciclope

DECLARED = TESTS / "regolamento" / "comunita_montane.toml"
AREA = '[ente.params]\nranking_scope = "area"\n'


def cli(*args: str) -> None:
    done = ciclope(*args)
    assert done.returncode == 0, done.stdout + done.stderr


def both(source: Path, tmp: Path, by_area: bool = False) -> tuple[Path, Path]:
    """The cycle run by the plugin and by the declared file; the output folders of each."""
    python, declared = tmp / "python", tmp / "declared"
    for side in (python, declared):
        shutil.copytree(source, side, ignore=shutil.ignore_patterns("risultati", "out", "ciclope.db*"))
    text = DECLARED.read_text(encoding="utf-8")
    if by_area:
        text = text.replace("tetto_prime_fasce = 0.30\n", 'tetto_prime_fasce = 0.30\ngraduatorie = "area"\n')
    (declared / "smvp.toml").write_text(text, encoding="utf-8")
    for extra in declared.rglob("innovation.csv"):
        extra.unlink()
    cycle = (python / "cycle.toml").read_text(encoding="utf-8")
    if by_area:
        cycle = re.sub(r'(dati = "[^"]+"\n)', lambda m: m.group(1) + AREA, cycle)
        (python / "cycle.toml").write_text(cycle, encoding="utf-8")
    swapped = cycle.replace(AREA, "").replace(
        'plugin = "comunita_montane"', 'plugin = "regolamento"\nregolamento = "smvp.toml"'
    )
    (declared / "cycle.toml").write_text(swapped, encoding="utf-8")
    for side in (python, declared):
        cli("run", str(side / "cycle.toml"), "--out", str(side / "out"), "--no-store")
    return python / "out", declared / "out"


def money_levels_statuses(results: dict) -> dict:
    individual = {pid: (p["score"], p["level"], p["status"]) for pid, p in results["individual"].items()}
    return {"pools": results["rewards"]["pools"], "people": results["rewards"]["people"], "individual": individual}


def assert_same(python: Path, declared: Path) -> dict[str, dict]:
    found = {}
    for path in sorted(python.glob("*/results.json")):
        by_python = money_levels_statuses(json.loads(path.read_text(encoding="utf-8")))
        other = declared / path.parent.name / "results.json"
        by_toml = money_levels_statuses(json.loads(other.read_text(encoding="utf-8")))
        assert by_toml == by_python, path.parent.name
        found[path.parent.name] = by_python
    assert found
    return found


def test_the_public_example(tmp_path):
    found = assert_same(*both(EXAMPLES / "comunita_montane", tmp_path))
    # the example's fund of 12.000,00 € to 9 banded people; P1 (96 points, «alta») as the Python plugin pays it
    assert found["cm-esempio"]["people"]["P1"] == {
        "amount": "4285.71",
        "band": "alta",
        "pool": "performance_individuale",
    }


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory) -> Path:
    # 400 people: the first band holds about 60 banded staff, so ⌊5% × band⌋ ≥ 1 and the bonus is paid somewhere
    folder = tmp_path_factory.mktemp("cm") / "synth"
    cli("synth", str(folder), "--plugin", "comunita_montane", "--enti", "3", "--people", "400", "--seed", "7")
    return folder


def test_synthetic_enti_with_the_bonus_and_the_result_pay(synthetic, tmp_path):
    found = assert_same(*both(synthetic, tmp_path))
    pools = [f["pools"] for f in found.values()]
    assert any(p["bonus_eccellenze"]["distributed"] != "0.00" for p in pools)  # the bonus was paid, and compared
    assert all(p["risultato_po_dirigenti"]["distributed"] != "0.00" for p in pools)
    also = [a for f in found.values() for a in f["people"].values() if "also" in a]
    assert also and all(a["also"][0]["pool"] == "bonus_eccellenze" for a in also)


def test_one_graduatoria_per_area(synthetic, tmp_path):
    python, declared = both(synthetic, tmp_path, by_area=True)
    assert len(assert_same(python, declared)) == 3
    plugin = json.loads((python / "synth-00000" / "results.json").read_text(encoding="utf-8"))
    assert plugin["rewards"]["extra"]["ranking_scope"] == "area"  # the plugin did rank by area
    assert len(plugin["rewards"]["extra"]["rankings"]) > 1
