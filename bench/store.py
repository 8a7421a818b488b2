"""Benchmark of the results store (issue 15): what recording a run costs, and how fast history answers.

usage: python bench/store.py [--enti 1000] [--people 300] [--jobs 2] [--store URL] [--keep DIR]

Writes ``--enti`` synthetic enti of ``--people`` people with ``ciclope synth``, then:

1. ``ciclope run --no-store`` (the baseline);
2. ``ciclope run`` with the store (the default SQLite file, or ``--store`` e.g. PostgreSQL): the time the
   store adds = (2) − (1), as a share of (1) — the target is under 25%. The store's part includes the
   records built in the workers (tables and the compressed explanation trace), the writes in the parent,
   and the Relazioni's trend and benchmark section filled after the run;
3. ``ciclope history`` for one ente and ``ciclope benchmark`` for the year, each as a new process
   (Python start-up and imports included) — the target for history is under 1 s;
4. the store's size.

Prints a Markdown table for docs/performance.md.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import tempfile
from pathlib import Path

from timing import CICLOPE, compile_installed, machine, timed


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--enti", type=int, default=1000)
    ap.add_argument("--people", type=int, default=300)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--store", help="store URL (default: ciclope.db beside cycle.toml)")
    ap.add_argument("--keep", type=Path, help="keep the cycle, outputs and store in this folder")
    args = ap.parse_args()
    compile_installed()  # start-up as an installed ciclope has it (timing.compile_installed)
    root = args.keep or Path(tempfile.mkdtemp(prefix="ciclope-bench-store-"))
    cfg = root / "cycle.toml"
    if not cfg.exists():
        subprocess.run(
            [CICLOPE, "synth", str(root), "--enti", str(args.enti), "--people", str(args.people)], check=True
        )
    store = ["--store", args.store] if args.store else []
    jobs = ["--jobs", str(args.jobs)]
    shutil.rmtree(root / "out", ignore_errors=True)
    base = timed("run", str(cfg), "--no-store", *jobs)
    shutil.rmtree(root / "out", ignore_errors=True)
    with_store = timed("run", str(cfg), *jobs, *store)
    ente = "synth-00000"
    history = min(timed("history", str(cfg), "--ente", ente, *store) for _ in range(3))
    bench = min(timed("benchmark", str(cfg), *store) for _ in range(3))
    db = root / "ciclope.db"
    size = db.stat().st_size / 1e6 if db.is_file() and not args.store else None
    print(machine())
    print(
        f"Cycle: {args.enti} enti × {args.people} people, --jobs {args.jobs}, store {args.store or 'SQLite ciclope.db'}\n"
    )
    print("| measure | seconds |")
    print("|---|---:|")
    print(f"| run --no-store | {base:.1f} |")
    print(f"| run with the store | {with_store:.1f} |")
    print(f"| store's share of the run: (with − without) / without | {100 * (with_store - base) / base:.1f}% |")
    print(f"| `ciclope history --ente {ente}` (new process, best of 3) | {history:.2f} |")
    print(f"| `ciclope benchmark` (new process, best of 3) | {bench:.2f} |")
    if size is not None:
        print(f"| store size | {size:.0f} MB |")
    if not args.keep:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
