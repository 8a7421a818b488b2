"""The national scenario: many enti, ``--jobs 2``, the store and every default document, with the default isolation
and without it (``--timeout 0``), against the bare parse of the same files.

usage: python bench/national.py [--enti 1000] [--people 300] [--jobs 2] [--rounds 3] [--seed 1] [--keep DIR]

One round runs, in turn (a virtual machine's speed drifts by ±20% within minutes, so the two modes are compared
within a round and their order alternates):

- ``ciclope run cycle.toml --jobs N`` into a new SQLite store: each ente isolated under the default time limit;
- the same with ``--timeout 0``: no isolation;
- the bare ``csv`` parse of every ente's files (the floor).

Prints the medians (range in brackets), the cost of isolation (default / ``--timeout 0``), the ratio of each run to
the parse and the peak memory of the largest process. The issue's bounds, on the 2-core machine: 1,000 × 300 in
≤ 35 s by default, isolation within 10% of ``--timeout 0``, memory flat. A national run (8,000 enti) is about eight
times the 1,000-enti figure: time grows linearly with the enti (docs/performance.md).
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from run import BIN, RUN_WITH_RSS, make_cycle, parse_floor  # noqa: E402
from timing import compile_installed, machine  # noqa: E402

MODES = {"isolated": [], "timeout 0": ["--timeout", "0"]}


def timed(config: Path, jobs: int, extra: list[str]) -> tuple[float, int]:
    """(seconds, max RSS in MiB of the largest process) of one full run into a new SQLite store."""
    out = config.parent / "out"
    shutil.rmtree(out, ignore_errors=True)
    for leftover in config.parent.glob("bench-store.db*"):
        leftover.unlink()
    store = f"sqlite:///{config.parent / 'bench-store.db'}"
    cmd = [BIN / "ciclope", "run", config, "--out", out, "--jobs", str(jobs), "--store", store, *extra]
    line = subprocess.run(
        [sys.executable, "-c", RUN_WITH_RSS, *map(str, cmd)], capture_output=True, text=True, check=True
    ).stdout
    seconds, rss_kb, code = line.split()
    if code != "0":
        raise SystemExit(f"ciclope run exited {code}: {' '.join(map(str, cmd))}")
    return float(seconds), int(rss_kb) // 1024


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--enti", type=int, default=1000)
    ap.add_argument("--people", type=int, default=300)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--keep", type=Path, help="keep the synthetic cycle here (and reuse it)")
    args = ap.parse_args()
    compile_installed()
    root = args.keep or Path(tempfile.mkdtemp(prefix="ciclope-national-"))
    if not (root / "cycle.toml").exists():
        make_cycle(root, [(args.enti, args.people)], args.seed)
    times: dict[str, list[float]] = {mode: [] for mode in MODES}
    rss: dict[str, int] = dict.fromkeys(MODES, 0)
    floors: list[float] = []
    for k in range(args.rounds):
        order = list(MODES) if k % 2 == 0 else list(reversed(MODES))
        for mode in order:
            seconds, peak = timed(root / "cycle.toml", args.jobs, MODES[mode])
            times[mode].append(seconds)
            rss[mode] = max(rss[mode], peak)
        floors.append(parse_floor(root))
    report(args, times, rss, floors)
    if args.keep is None:
        shutil.rmtree(root, ignore_errors=True)


def report(args, times: dict[str, list[float]], rss: dict[str, int], floors: list[float]) -> None:
    floor = statistics.median(floors)
    print(f"{args.enti} enti × {args.people} people, --jobs {args.jobs}, SQLite store, every default document")
    print(f"{machine()}; {args.rounds} rounds, medians (range)\n")
    print("| mode | seconds | / parse | peak MB |")
    print("|---|---:|---:|---:|")
    for mode, values in times.items():
        med = statistics.median(values)
        print(f"| {mode} | {med:.1f} ({min(values):.1f}–{max(values):.1f}) | {med / floor:.0f}× | {rss[mode]} |")
    print(f"| bare parse | {floor:.2f} | 1× | |")
    cost = [a / b for a, b in zip(times["isolated"], times["timeout 0"], strict=True)]
    print(f"\nisolation: {statistics.median(cost):.2f}× --timeout 0 ({min(cost):.2f}–{max(cost):.2f}×, per round)")


if __name__ == "__main__":
    main()
