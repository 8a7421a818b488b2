"""Benchmark of ``ciclope run`` on synthetic cycles of growing size (issue: scale).

usage: python bench/run.py [--sizes 10,100,1000] [--people 300] [--jobs 2] [--seed 1] [--keep DIR]

For each size it reports: the full run time (``ciclope run``, one process and ``--jobs N``), the
time to merely parse the same CSV files with Python's csv module (the floor for a Python tool),
their ratio, the time per person, and the peak memory (max RSS of the run's processes). Prints a
Markdown table and the machine it ran on, for docs/performance.md.
"""
from __future__ import annotations

import argparse
import csv
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BIN = Path(sys.executable).parent
RUN_WITH_RSS = ("import resource, subprocess, sys, time; t = time.perf_counter(); "
                "r = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL); "
                "print(time.perf_counter() - t, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, r.returncode)")


def parse_floor(root: Path) -> float:
    """Seconds to read every CSV row of every ente with the csv module (best of 3)."""
    files = sorted(root.glob("enti/*/*.csv"))
    best = float("inf")
    for _ in range(3):
        t = time.perf_counter()
        for f in files:
            with open(f, newline="", encoding="utf-8") as fh:
                for _row in csv.reader(fh):
                    pass
        best = min(best, time.perf_counter() - t)
    return best


def timed_run(config: Path, out: Path, jobs: int) -> tuple[float, int, int]:
    shutil.rmtree(out, ignore_errors=True)
    cmd = [sys.executable, "-c", RUN_WITH_RSS, str(BIN / "ciclope"), "run", str(config), "--out", str(out), "--jobs", str(jobs)]
    seconds, rss_kb, code = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout.split()
    return float(seconds), int(rss_kb), int(code)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="10,100,1000")
    ap.add_argument("--people", type=int, default=300)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--keep", type=Path)
    args = ap.parse_args()
    base = args.keep or Path(tempfile.mkdtemp(prefix="ciclope-bench-"))
    rows = []
    for n in [int(s) for s in args.sizes.split(",")]:
        root = base / f"n{n}"
        if not (root / "cycle.toml").exists():
            subprocess.run([BIN / "ciclope", "synth", str(root), "--enti", str(n), "--people", str(args.people),
                            "--seed", str(args.seed)], check=True, stdout=subprocess.DEVNULL)
        floor = parse_floor(root)
        t1, rss1, code1 = timed_run(root / "cycle.toml", root / "out1", 1)
        tj, rssj, _ = timed_run(root / "cycle.toml", root / "outj", args.jobs)
        summary = json.loads((root / "out1" / "summary.json").read_text())
        ok = sum(1 for e in summary["enti"] if e["status"] == "ok")
        rows.append({"enti": n, "people": n * args.people, "csv_parse_s": floor, "run_s": t1, "ratio": t1 / floor,
                     "ms_per_person": 1000 * t1 / (n * args.people), "peak_mb": rss1 / 1024, "jobs": args.jobs,
                     "run_jobs_s": tj, "speedup": t1 / tj, "peak_mb_jobs": rssj / 1024, "ok": ok, "exit": code1})
        print(json.dumps(rows[-1]), file=sys.stderr, flush=True)
    print(f"Machine: {platform.platform()}, Python {platform.python_version()}, {os.cpu_count()} CPU\n")
    print("| enti | persone | parse CSV (s) | `ciclope run` (s) | rapporto | ms/persona | memoria max (MB) |"
          f" `--jobs {args.jobs}` (s) | accelerazione | memoria max `--jobs` (MB) | enti ok |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        print(f"| {r['enti']} | {r['people']} | {r['csv_parse_s']:.3f} | {r['run_s']:.2f} | {r['ratio']:.1f}× |"
              f" {r['ms_per_person']:.3f} | {r['peak_mb']:.0f} | {r['run_jobs_s']:.2f} | {r['speedup']:.2f}× |"
              f" {r['peak_mb_jobs']:.0f} | {r['ok']}/{r['enti']} |")
    if not args.keep:
        shutil.rmtree(base, ignore_errors=True)


if __name__ == "__main__":
    main()
