"""Growth inside one ente in instructions, not seconds (issue 18): callgrind counts of loading and calculation.

usage: python bench/instructions.py [--small 3000] [--large 30000] [--plugin bergamo ...] [--seed 1] [--cache-sim MB]
       python bench/instructions.py --cycle CYCLE.toml [--enti 9]

Time ratios between a small and a large ente move with the host's load and grow with the memory a large
ente needs (the processor's caches hold a small ente's data, not a large one's). ``valgrind --tool=callgrind``
counts the instructions executed, the same whatever the machine is doing: for each plugin and size this
runs one process three times under callgrind (start-up only; start-up and loading; start-up, loading and
the cycle, the cyclic garbage collector paused as in ``ciclope run``) and takes the differences. A ratio
near 10× for 10× people says the work is linear; a time ratio above it then comes from memory, not from
a step that scans the ente for each person. Needs valgrind; slow (~50× a normal run).

``--cache-sim MB`` counts instead the data misses of a simulated last-level cache of MB MiB (callgrind's
cache simulation; ~100× a normal run): whether the misses, too, grow linearly with the ente. The simulation
has no TLB, no prefetcher and no neighbour sharing the cache, which a real machine has.

``--cycle`` counts instead the instructions per ente of loading and of calculation over the first ``--enti``
enti of an existing cycle (``bench/run.py --keep DIR`` leaves one in ``DIR/n100``; ``ciclope synth`` hands the
enti out to the plugins in turn, so 9 enti are 3 per plugin): the measure that says whether a change to the
loading or the calculation does less work, on a machine whose seconds drift by ±30% from one minute to the next.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
from pathlib import Path

STEP = r"""
import gc, sys
from pathlib import Path
from ciclope.core.inputs.config import load_config
from ciclope.core.engine.cycle import run_cycle
from ciclope.core.inputs.loading import load_ente, merge_schemas
from ciclope.core.engine import hookspecs
from ciclope.core.engine.registry import Hooks

gc.disable()
plan = load_config(Path(sys.argv[1]))
for cfg in plan.enti[: int(sys.argv[3])]:
    hooks, info = Hooks.for_plugin(cfg.plugin)
    schema = merge_schemas(hooks.answers(hookspecs.ciclope_input_schema, params=None))
    if sys.argv[2] != "none":
        ente = load_ente(cfg.data, cfg.id, plan.year, schema)
        if sys.argv[2] == "calc":
            run_cycle(ente, hooks, cfg.params, info)
"""


def collected(config: Path, step: str, tmp: Path, enti: int = 1, cache_mb: int = 0) -> int:
    """Instructions of one process doing ``step`` on the cycle's first ``enti`` enti (plugin managers built).
    With ``cache_mb``, the last-level cache's data misses (reads and writes) instead, callgrind simulating a
    16-way cache of that many MiB with 64-byte lines."""
    sim = ["--cache-sim=yes", f"--LL={cache_mb * 2**20},16,64"] if cache_mb else []
    p = subprocess.run(
        ["valgrind", "--tool=callgrind", *sim, f"--callgrind-out-file={tmp / 'cg.out'}", sys.executable, "-c", STEP]
        + [str(config), step, str(enti)],
        capture_output=True,
        text=True,
        check=True,
    )
    events = re.search(r"Events +: (.*)", p.stderr).group(1).split()  # type: ignore[union-attr]
    counts = dict(zip(events, map(int, re.search(r"Collected : (.*)", p.stderr).group(1).split())))  # type: ignore[union-attr]
    return counts["DLmr"] + counts["DLmw"] if cache_mb else counts["Ir"]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--small", type=int, default=3000)
    ap.add_argument("--large", type=int, default=30000)
    ap.add_argument("--plugin", action="append")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--cycle", type=Path, help="instructions per ente on the first --enti enti of this cycle")
    ap.add_argument("--enti", type=int, default=9)
    ap.add_argument(
        "--cache-sim", type=int, default=0, metavar="MB", help="count last-level data misses of a simulated MB cache"
    )
    args = ap.parse_args()
    if args.cycle:
        per_ente(args.cycle, args.enti)
        return
    plugins = args.plugin or ["bergamo", "brescia", "comunita_montane"]
    ciclope = str(Path(sys.executable).parent / "ciclope")
    what = (
        f"milioni di mancati accessi alla cache di {args.cache_sim} MB" if args.cache_sim else "milioni di istruzioni"
    )
    print(f"| plugin | passo | {args.small:,} persone ({what}) | {args.large:,} | rapporto |".replace(",", "."))
    print("|---|---|---:|---:|---:|")
    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d)
        for plugin in plugins:
            counts = {}
            for n in (args.small, args.large):
                folder = tmp / f"{plugin}-{n}"
                subprocess.run(
                    [ciclope, "synth", str(folder), "--enti", "1", "--people", str(n), "--seed", str(args.seed)]
                    + ["--plugin", plugin],
                    check=True,
                    capture_output=True,
                )
                c = {
                    step: collected(folder / "cycle.toml", step, tmp, cache_mb=args.cache_sim)
                    for step in ("none", "load", "calc")
                }
                counts[n] = {"caricamento": c["load"] - c["none"], "calcolo": c["calc"] - c["load"]}
            for step in ("caricamento", "calcolo"):
                a, b = counts[args.small][step], counts[args.large][step]
                ratio = f"{b / a:.1f}".replace(".", ",")
                print(
                    f"| {plugin} | {step} | {a / 1e6:,.1f} | {b / 1e6:,.1f} | ".replace(",", "_")
                    .replace(".", ",")
                    .replace("_", ".")
                    + f"{ratio}× |"
                )


def per_ente(config: Path, enti: int) -> None:
    """Millions of instructions per ente of loading and of calculation (the plugin managers, built in all three
    processes, cancel out)."""
    with tempfile.TemporaryDirectory() as d:
        c = {step: collected(config, step, Path(d), enti) for step in ("none", "load", "calc")}
    load, calc = (c["load"] - c["none"]) / enti / 1e6, (c["calc"] - c["load"]) / enti / 1e6
    print(f"{enti} enti of {config}: loading {load:.2f} M, calculation {calc:.2f} M, together {load + calc:.2f} M")


if __name__ == "__main__":
    main()
