"""Linearity inside one ente (issue 18): each step's time for one ente of N and of 10 × N people, per plugin.

usage: python bench/scaling.py [--small 2000] [--large 20000] [--seed 1] [--repeat 1]

For each installed plugin it synthesizes one ente of ``--small`` and one of ``--large`` people
(``ciclope synth``), then times in this process: loading, the cycle, ``results.json``,
``relazione.html``, ``schede.xlsx``, ``trasparenza.csv`` (best of ``--repeat``). It prints a Markdown
table with the ratio large / small per step: linear growth is ≈ 10× for 10× people (target ≤ 12×).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BIN = Path(sys.executable).parent
STEPS = (
    "loading",
    "calculation",
    "results.json",
    "relazione.html",
    "trasparenza.csv",
    "relazione-pubblica.html",
    "schede.xlsx",
    "premi-art20.csv",
    "total",
)


def synth(folder: Path, people: int, seed: int) -> Path:
    subprocess.run(
        [str(BIN / "ciclope"), "synth", str(folder), "--enti", "3", "--people", str(people), "--seed", str(seed)],
        check=True,
        capture_output=True,
    )
    return folder / "cycle.toml"


def steps(config: Path, repeat: int) -> dict[str, dict[str, float]]:
    """Seconds of each step for each ente of the config (one per plugin), best of ``repeat``."""
    from ciclope.core import gcpause, results
    from ciclope.core.config import load_config
    from ciclope.core.cycle import run_cycle
    from ciclope.core.loading import load_ente, merge_schemas
    from ciclope.core.registry import Hooks
    from ciclope.core.reports import art20, html, public, transparency, xlsx

    plan = load_config(config)
    out: dict[str, dict[str, float]] = {}
    for cfg in plan.enti:
        best = dict.fromkeys(STEPS, float("inf"))
        for _ in range(repeat):
            hooks, info = Hooks.for_plugin(cfg.plugin)
            schema = merge_schemas(hooks.input_schemas())
            pause = gcpause.paused()  # as the runner does around each ente
            pause.__enter__()
            t = [time.perf_counter()]
            ente = load_ente(cfg.data, cfg.id, plan.year, schema)
            t.append(time.perf_counter())
            result = run_cycle(ente, hooks, cfg.params, info)
            t.append(time.perf_counter())
            results.dumps(result)
            t.append(time.perf_counter())
            html.render(result)
            t.append(time.perf_counter())
            transparency.render(result)  # its lines are made once per Result: the public Relazione reuses them
            t.append(time.perf_counter())
            public.render(result)
            t.append(time.perf_counter())
            xlsx.build(result).bytes()
            t.append(time.perf_counter())
            art20.render(result)
            t.append(time.perf_counter())
            pause.__exit__(None, None, None)
            times = [b - a for a, b in zip(t, t[1:])] + [t[-1] - t[0]]
            best = {k: min(best[k], v) for k, v in zip(STEPS, times)}
        out[cfg.plugin] = best
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--small", type=int, default=2000)
    ap.add_argument("--large", type=int, default=20000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--repeat", type=int, default=1)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        small = steps(synth(Path(tmp) / "small", args.small, args.seed), args.repeat)
        large = steps(synth(Path(tmp) / "large", args.large, args.seed), args.repeat)
    print(f"| plugin | step | {args.small:,} persone (s) | {args.large:,} persone (s) | rapporto |".replace(",", "."))
    print("|---|---|---:|---:|---:|")
    for plugin in sorted(small):
        for step in STEPS:
            a, b = small[plugin][step], large[plugin][step]
            print(
                f"| {plugin} | `{step}` | {a:.3f} | {b:.3f} | {b / a:.1f}× |".replace(".", ",")
                .replace(",json", ".json")
                .replace(",html", ".html")
                .replace(",xlsx", ".xlsx")
                .replace(",csv", ".csv")
            )


if __name__ == "__main__":
    main()
