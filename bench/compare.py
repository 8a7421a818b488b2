"""Benchmark of ``ciclope compare`` on synthetic comunita_montane enti (issue 16).

usage: python bench/compare.py [--people 300,1200] [--scenarios 3] [--seed 1]

For each size: one synthetic ente, ``--scenarios`` scenarios (alternating 5 bands and a bigger
fund), and the time of each step: loading the ente once, the runs (per scenario), the compare.json
dict, compare.html and compare.xlsx. Prints a Markdown table for docs/performance.md.
"""

from __future__ import annotations

import argparse
import platform
import sys
import tempfile
import time
from pathlib import Path

from ciclope.core.commands.synth import synth
from ciclope.core.compare import Scenario, compare, document, render_html, render_xlsx, write_all
from ciclope.core.compare.scenario import CURRENT, load, run
from ciclope.core.inputs.config import load_config

FIVE = (
    {"name": "prima", "staff": 0.10, "resources": 0.24},
    {"name": "seconda", "staff": 0.20, "resources": 0.32},
    {"name": "terza", "staff": 0.30, "resources": 0.30},
    {"name": "quarta", "staff": 0.20, "resources": 0.10},
    {"name": "quinta", "staff": 0.20, "resources": 0.04},
)


def scenarios(n: int) -> list[Scenario]:
    from decimal import Decimal

    out = []
    for i in range(n):
        if i % 2 == 0:
            out.append(Scenario(name=f"s{i}", file=f"s{i}.toml", params={"bands": list(FIVE)}))
        else:
            out.append(
                Scenario(name=f"s{i}", file=f"s{i}.toml", funds={"performance_individuale": Decimal(100000 + i)})
            )
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--people", default="300,1200")
    ap.add_argument("--scenarios", type=int, default=3)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    print(f"Machine: {platform.processor() or platform.machine()}, Python {sys.version.split()[0]}\n")
    print(
        "| people | scenarios | load | runs (per scenario) | compare.json | compare.html | compare.xlsx | whole command |"
    )
    print("|---:|---:|---:|---:|---:|---:|---:|---:|")
    for people in (int(p) for p in args.people.split(",")):
        with tempfile.TemporaryDirectory(prefix="ciclope-bench-compare-") as tmp:
            cfg_path = synth(Path(tmp) / "in", 1, people, args.seed, 2021, ["comunita_montane"])
            plan = load_config(cfg_path)
            cfg = plan.enti[0]
            scs = scenarios(args.scenarios)
            t0 = time.perf_counter()
            ente = load(cfg, plan.year)
            t1 = time.perf_counter()
            runs = [run(cfg, plan.year, ente, sc) for sc in [Scenario(name=CURRENT)] + scs]
            t2 = time.perf_counter()
            doc = document.document(
                {"ente": cfg.id, "name": ente.name, "plugin": cfg.plugin, "year": plan.year},
                [document.facts(r) for r in runs],
            )
            t3 = time.perf_counter()
            render_html.render(doc)
            t4 = time.perf_counter()
            render_xlsx.render(doc)
            t5 = time.perf_counter()
            write_all(compare(plan, [cfg], scs), Path(tmp) / "out")
            t6 = time.perf_counter()
            n = len(runs)
            print(
                f"| {people} | {n - 1} + attuale | {t1 - t0:.2f} s | {t2 - t1:.2f} s ({(t2 - t1) / n:.2f} s) | "
                f"{t3 - t2:.2f} s | {t4 - t3:.2f} s | {t5 - t4:.2f} s | {t6 - t5:.2f} s |"
            )


if __name__ == "__main__":
    main()
