"""A declared regulation against a Python plugin on the same data: loading + calculation per ente.

usage: python bench/regolamento.py [--enti 6] [--people 1000] [--rounds 5] [--seed 7]

Synthesizes ``--enti`` Comunità montane (``ciclope synth --plugin comunita_montane``) and runs
``runner.compute`` on each of them twice per round: with the Python plugin ``comunita_montane`` and with the
plugin ``regolamento`` reading ``tests/regolamento/comunita_montane.toml``, the same regulation declared as
data (formato 2: scores, levels, exclusions, the bands of art. 17, the bonus of art. 18, the result pay of art.
21; both under the CCNL Funzioni Locali layer), which pays the same money (tests/test_regolamento_as_comunita_
montane.py). The two are timed in turn within each round, in alternating order, so that the ratio is taken
within the same minutes (a virtual machine's speed drifts). No output is written. The Python plugin still
computes a little more (the progressions and the savings of art. 20 and 26, which pay nothing).

The issue's bound: on the 30,000-person ente (``--enti 1 --people 30000``) the declared regulation is within
1.2× of the Python plugin.

Prints one line per plugin (milliseconds per ente: median and best round) and the ratio regolamento / Python
(median and range).
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from ciclope.core.inputs.config import RunPlan, load_config
from ciclope.core.inputs.headers import SHEET_ALIASES
from ciclope.core.run import runner
from ciclope.core.run.gcpause import paused

DECLARED = Path(__file__).parent.parent / "tests" / "regolamento" / "comunita_montane.toml"
# the core's input files (SPEC §5): the Python plugin's own files are kept aside (x_…) for the declared regulation
CORE_FILES = {
    "appeals",
    "areas",
    "assignments",
    "evaluations",
    "indicators",
    "objectives",
    "people",
    "revisions",
    "units",
}


def plans(folder: Path, enti: int, people: int, seed: int) -> tuple[RunPlan, RunPlan]:
    """The synthesized cycle as written (Python plugin) and the same enti under the declared regulation."""
    synth = [sys.executable, "-m", "ciclope.core.commands.cli", "synth", str(folder), "--enti", str(enti)]
    synth += ["--people", str(people), "--seed", str(seed), "--plugin", "comunita_montane"]
    subprocess.run(synth, check=True, capture_output=True)
    other = folder.with_name(folder.name + "-regolamento")
    shutil.copytree(folder, other)
    for csv in other.glob("enti/*/*.csv"):
        if SHEET_ALIASES.get(csv.stem, csv.stem) not in CORE_FILES:  # synth writes the office's names: persone
            csv.rename(csv.with_name("x_" + csv.name))
    shutil.copy(DECLARED, other / "smvp.toml")
    cycle = other / "cycle.toml"
    text = cycle.read_text(encoding="utf-8")
    cycle.write_text(
        text.replace('plugin = "comunita_montane"', 'plugin = "regolamento"\nregolamento = "smvp.toml"'),
        encoding="utf-8",
    )
    return load_config(folder / "cycle.toml"), load_config(cycle)


def seconds(plan: RunPlan) -> float:
    t = time.perf_counter()
    for cfg in plan.enti:
        with paused():
            runner.compute(cfg, plan.year)
    return time.perf_counter() - t


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--enti", type=int, default=6)
    ap.add_argument("--people", type=int, default=1000)
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        python, declared = plans(Path(tmp) / "cycle", args.enti, args.people, args.seed)
        assert all(cfg.plugin == "regolamento" for cfg in declared.enti), "the declared cycle names its plugin"
        seconds(python), seconds(declared)  # warm-up: imports, plugin managers, the regulation read once
        times: dict[str, list[float]] = {"comunita_montane": [], "regolamento": []}
        for n in range(args.rounds):
            order = [("comunita_montane", python), ("regolamento", declared)]
            for name, plan in order if n % 2 == 0 else order[::-1]:
                times[name].append(seconds(plan) / len(plan.enti) * 1000)
    for name, ms in times.items():
        print(f"{name:<17} {statistics.median(ms):7.1f} ms per ente (best {min(ms):.1f})")
    ratios = [r / p for p, r in zip(times["comunita_montane"], times["regolamento"], strict=True)]
    print(
        f"regolamento / comunita_montane: {statistics.median(ratios):.2f}× ({min(ratios):.2f}–{max(ratios):.2f}×), "
        f"{args.enti} enti of {args.people} people, {args.rounds} rounds"
    )


if __name__ == "__main__":
    main()
