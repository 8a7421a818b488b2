"""Dangling references of the explanations: inputs whose ``ref`` names no recorded figure, and cells whose file
is not an input of the ente, over the demos, the public examples and synthetic enti of every plugin.

usage: python bench/references.py [--seeds 1 2 3] [--years 2021 2024] [--work DIR]

It writes the demos (``ciclope demo``) and the synthetic enti (``ciclope synth DIR --enti 6 --people 60``,
every seed and year) under ``--work``, computes every ente of every cycle.toml, and prints one line per
dangling reference or cell (``ente plugin rule figure input → missing``, :mod:`core.engine.references`).
Exit code 1 if any.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

from ciclope.core.engine.references import dangling, sources
from ciclope.core.inputs.config import load_config
from ciclope.core.run.runner import compute

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent / "ciclope"


def configs(work: Path, seeds: list[int], years: list[int]) -> Iterator[Path]:
    """The public examples' cycle.toml, then the demos' and the synthetic enti's, written under ``work``."""
    yield from sorted((ROOT / "tests" / "examples").glob("*/cycle.toml"))
    subprocess.run([str(BIN), "demo", "--dir", str(work / "demo")], check=True, capture_output=True)
    yield from sorted((work / "demo").glob("*/cycle.toml"))
    for year in years:
        for seed in seeds:
            folder = work / f"synth-{year}-{seed}"
            cmd = [str(BIN), "synth", str(folder), "--enti", "6", "--people", "60", "--seed", str(seed)]
            subprocess.run([*cmd, "--year", str(year)], check=True, capture_output=True)
            yield folder / "cycle.toml"


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--seeds", type=int, nargs="+", default=[1, 2, 3])
    ap.add_argument("--years", type=int, nargs="+", default=[2021, 2024])
    ap.add_argument("--work", type=Path)
    args = ap.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="ciclope-refs-"))
    found = enti = 0
    for config in configs(work, args.seeds, args.years):
        plan = load_config(config)
        for cfg in plan.enti:
            result = compute(cfg, plan.year)
            enti += 1
            for rule, key, name, missing in dangling(result.figures, sources(result.ente, result.params.values)):
                print(f"{config.parent.name}/{cfg.id} {cfg.plugin} {rule} {key} «{name}» → {missing}")
                found += 1
    print(f"{enti} enti, {found} riferimenti pendenti")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
