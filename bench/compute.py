"""Loading + calculation of the first enti of a cycle against the bare csv parse of their files (issue 18).

usage: PYTHON bench/compute.py CYCLE_TOML [--enti 30] [--rounds 5]

``runner.compute`` of each of the first ``--enti`` enti (the plugin manager, the loading, the cycle: no output
written), timed in ``--rounds`` rounds, each right after a bare ``csv`` parse of the same enti's files (best of 3),
so that the ratio is taken within the same minute. Unlike ``bench/run.py``'s in-process sample, it uses only
``runner.compute`` and ``config.load_config``, which every version since the issue was opened has: run it with
the Python of another version's environment (a ``git worktree`` with its own venv) to measure that version on the
same day (docs/performance.md, the final balance of issue 18). The garbage collector is paused around each ente
where the version does so itself (``core/run/gcpause.py``), as its ``ciclope run`` does.

Prints one line: milliseconds per ente (median and best round) and the ratio to the bare parse (median and range).
"""

from __future__ import annotations

import argparse
import contextlib
import statistics
import time
from pathlib import Path

from run import parse_files  # bench/run.py's floor (the standard library only: any version's Python runs it)

from ciclope.core.inputs.config import load_config
from ciclope.core.run import runner

try:
    from ciclope.core.run.gcpause import paused
except ImportError:  # the code of when the issue was opened: no pause
    paused = contextlib.nullcontext  # type: ignore[assignment]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("cycle", type=Path)
    ap.add_argument("--enti", type=int, default=30)
    ap.add_argument("--rounds", type=int, default=5)
    args = ap.parse_args()
    plan = load_config(args.cycle)
    cfgs = plan.enti[: args.enti]
    files = [f for cfg in cfgs for f in sorted(Path(cfg.data).glob("*.csv"))]
    ms, ratios = [], []
    for _ in range(args.rounds):
        floor = parse_files(files)
        t = time.perf_counter()
        for cfg in cfgs:
            with paused():
                runner.compute(cfg, plan.year)
        seconds = time.perf_counter() - t
        ms.append(seconds / len(cfgs) * 1000)
        ratios.append(seconds / floor)
    print(
        f"loading + calculation: {statistics.median(ms):.1f} ms per ente (best {min(ms):.1f}); "
        f"/ bare csv parse {statistics.median(ratios):.1f}× ({min(ratios):.1f}–{max(ratios):.1f}×), "
        f"{len(cfgs)} enti, {args.rounds} rounds"
    )


if __name__ == "__main__":
    main()
