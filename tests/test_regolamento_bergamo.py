"""The rules of the Camera di Commercio di Bergamo (plugin ``bergamo``) declared as a format 2 regulation
(tests/regolamento/bergamo.toml) give the same money, scores, levels and statuses as the Python plugin: on the
public example and on three synthetic Bergamo enti with PO, a result pay fund, position pay (two enti; the third
without the column: equal shares) and a staff member declared insufficient.

Compared byte for byte as results.json writes them: every pool (amount, distributed, residual), every award
(amount, band, pool), every person's score and level, every status. What cannot match, and why:

- the status of a person the declared exclusions keep out of a premium: the regulation file names the exclusion
  (``escluso_insufficiente``), the plugin leaves ``evaluated``; the money (0 €) is the same, and the test says so;
- the violations: the plugin's differentiation checks (art. 42.2, 46.1: all rewarded at one level or with one
  amount) and its warnings are not in the declared vocabulary, so they are not compared;
- the breakdown of a score (the plugin names its parts in its own words) and the figures' formulas;
- outside these enti, two plugin rules the declared file does not say: a Servizio without a measured result
  moves its weight to the objectives or to the card (the declared score leaves the person not evaluated), and the
  Servizio of a person is the nearest Servizio above their unit (the declared one is the unit they head, else
  their own unit: the same where people sit in Servizi, as in these enti); with the access closed the plugin
  reports no pools, the declared file reports them wholly residual.
"""

from __future__ import annotations

import csv
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import EXAMPLES

from ciclope.core.synth import synth

DECLARED = Path(__file__).parent / "regolamento" / "bergamo.toml"


def run(cycle: Path) -> Path:
    """The enti run; exit status 1 is an ente with violations (the plugin's differentiation errors), not a
    failure: every results.json is written."""
    done = subprocess.run([sys.executable, "-m", "ciclope.core.cli", "run", str(cycle), "--out",
                           str(cycle.parent / "out"), "--no-store"], capture_output=True, text=True)  # fmt: skip
    assert done.returncode in (0, 1), done.stderr
    return cycle.parent / "out"


def declared_copy(folder: Path, to: Path) -> Path:
    """The same enti with plugin regolamento and the declared file."""
    shutil.copytree(folder, to, ignore=shutil.ignore_patterns("out", "ciclope.db*"))
    shutil.copy(DECLARED, to / "bergamo.toml")
    cycle = (to / "cycle.toml").read_text(encoding="utf-8")
    (to / "cycle.toml").write_text(
        cycle.replace('plugin = "bergamo"', 'plugin = "regolamento"\nregolamento = "bergamo.toml"'), encoding="utf-8"
    )
    return to / "cycle.toml"


def compared(results: dict) -> tuple[str, str, dict, dict]:
    rewards = results["rewards"]
    people = {pid: (p["score"], p["level"]) for pid, p in results["individual"].items()}
    statuses = {pid: p["status"] for pid, p in results["individual"].items()}
    return json.dumps(rewards["pools"]), json.dumps(rewards["people"], sort_keys=True), people, statuses


def same(python: Path, declared: Path, ente: str) -> dict:
    """The two results agree; the statuses the declared exclusions set, returned (person → status)."""
    a = compared(json.loads((python / ente / "results.json").read_text(encoding="utf-8")))
    b = compared(json.loads((declared / ente / "results.json").read_text(encoding="utf-8")))
    assert b[0] == a[0]  # every pool
    assert b[1] == a[1]  # every award: amount, band (the level), pool
    assert b[2] == a[2]  # every score and level
    differ = {pid: s for pid, s in b[3].items() if s != a[3][pid]}
    assert all(a[3][pid] == "evaluated" for pid in differ)
    return differ


def test_the_public_example_pays_the_same(tmp_path):
    python = tmp_path / "python"
    shutil.copytree(EXAMPLES / "bergamo", python, ignore=shutil.ignore_patterns("out", "ciclope.db*"))
    out_python = run(python / "cycle.toml")
    out_declared = run(declared_copy(python, tmp_path / "declared"))
    assert same(out_python, out_declared, "bg-esempio") == {}
    awards = json.loads((out_declared / "bg-esempio" / "results.json").read_text(encoding="utf-8"))["rewards"]
    assert sum(int(a["amount"].replace(".", "")) for a in awards["people"].values()) == 600000  # the whole fund


def with_po_money(folder: Path) -> dict[str, list[str]]:
    """A result pay fund in every ente, position pay for the PO of the first and third (the second has none:
    equal shares), the third staff member of each and the first PO of the first declared insufficient. Returns
    ente → those people."""
    insufficient = {}
    for i, ente in enumerate(sorted((folder / "enti").iterdir())):
        toml = (ente / "ente.toml").read_text(encoding="utf-8")
        (ente / "ente.toml").write_text(toml.replace("[funds]\n", '[funds]\nrisultato_po = "9400.00"\n'), "utf-8")
        with (ente / "people.csv").open(encoding="utf-8", newline="") as f:
            rows = list(csv.DictReader(f))
        columns = list(rows[0])
        if i != 1:
            columns.append("position_pay")
            for k, r in enumerate(rows):
                r["position_pay"] = str(8000 + 1500 * k) if r["role"] == "po" else ""
        staff = [r for r in rows if r["role"] == "dipendente"]
        staff[2]["insufficient"] = "true"
        insufficient[ente.name] = [staff[2]["id"]]
        if i == 0:  # a PO declared insufficient: no result pay (art. 28), whatever its score
            po = next(r for r in rows if r["role"] == "po")
            po["insufficient"] = "true"
            insufficient[ente.name].append(po["id"])
        with (ente / "people.csv").open("w", encoding="utf-8", newline="") as f:
            writer = csv.DictWriter(f, columns)
            writer.writeheader()
            writer.writerows(rows)
    return insufficient


@pytest.mark.parametrize("seed", [11, 23])
def test_synthetic_bergamo_enti_pay_the_same(tmp_path, seed):
    cycle = synth(tmp_path / "python", enti=3, people=40, seed=seed, plugins=["bergamo"])
    insufficient = with_po_money(cycle.parent)
    out_python = run(cycle)
    out_declared = run(declared_copy(cycle.parent, tmp_path / "declared"))
    for ente, people in insufficient.items():
        differ = same(out_python, out_declared, ente)
        assert {pid: differ.get(pid) for pid in people} == dict.fromkeys(people, "escluso_insufficiente")
        assert set(differ.values()) <= {"escluso_insufficiente"}  # the only kind of status that differs
        results = json.loads((out_declared / ente / "results.json").read_text(encoding="utf-8"))
        pool = results["rewards"]["pools"]["risultato_po"]
        assert pool["amount"] == "9400.00" and pool["distributed"] != "0.00"  # the PO were paid
        assert all(results["rewards"]["people"][pid]["amount"] == "0.00" for pid in people)
