"""comunita_montane's merit bands (art. 17) declared as a ``regolamento`` give the same money and bands as
the Python plugin on the public example: both call ``ciclope.core.bands``.

Only the art. 17 pool is compared: the regulation's other articles (the bonus delle eccellenze, the prizes,
the progressions, the PO result pay with its CCNL limits) are not in the declared format's vocabulary, and
the example has no money for them."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from conftest import EXAMPLES

from helpers import TESTS, ciclope

EXAMPLE = EXAMPLES / "comunita_montane"
ART17 = TESTS / "regolamento" / "comunita_montane_art17.toml"
POOL = "performance_individuale"


def run(folder: Path) -> dict:
    done = ciclope("run", folder / "cycle.toml", "--out", folder / "out", "--no-store")
    assert done.returncode == 0, done.stdout + done.stderr
    return json.loads((folder / "out" / "cm-esempio" / "results.json").read_text(encoding="utf-8"))


def art17(results: dict) -> tuple[str, str, dict]:
    """The art. 17 pool and its awards, as results.json writes them (bytes compared, not numbers)."""
    people = {pid: a for pid, a in results["rewards"]["people"].items() if a.get("pool") == POOL}
    statuses = {pid: p["status"] for pid, p in results["individual"].items() if pid != "SEG"}
    return json.dumps(results["rewards"]["pools"][POOL]), json.dumps(people, sort_keys=True), statuses


def test_art17_as_a_declared_regulation_pays_the_same(tmp_path):
    python = tmp_path / "python"
    shutil.copytree(EXAMPLE, python, ignore=shutil.ignore_patterns("risultati", "out", "ciclope.db*"))
    declared = tmp_path / "declared"
    shutil.copytree(EXAMPLE, declared, ignore=shutil.ignore_patterns("risultati", "out", "ciclope.db*"))
    shutil.copy(ART17, declared / "art17.toml")
    cycle = (declared / "cycle.toml").read_text(encoding="utf-8")
    (declared / "cycle.toml").write_text(
        cycle.replace('plugin = "comunita_montane"', 'plugin = "regolamento"\nregolamento = "art17.toml"'),
        encoding="utf-8",
    )
    by_python, by_toml = art17(run(python)), art17(run(declared))
    assert by_toml[0] == by_python[0]  # the pool: amount, distributed, residual
    assert by_toml[1] == by_python[1]  # every award: amount, band, pool
    assert by_toml[2] == by_python[2]  # every staff status (banded, non_valutabile, adeguata …)
    assert json.loads(by_python[1])["P1"] == {"amount": "4285.71", "band": "alta", "pool": POOL}
