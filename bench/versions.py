"""Several ciclope versions timed in turn on the same cycle (issue 18: «before and after, the same day»).

usage: python bench/versions.py CYCLE_TOML --version LABEL=PATH/TO/ciclope [--version ...]
                                [--without-store LABEL] [--rounds 3] [--modes nostore,store] [--json FILE]

Each version is a ``ciclope`` command of its own environment (e.g. a ``git worktree`` of an older
commit with its own venv). Every round runs each version in a rotated order (no version always first
or last in a minute of the host's), and each version four times: without the store, with a new SQLite
store, and both again with ``--jobs 2``. A version listed with ``--without-store`` predates the store
(issue 15): it runs with no flag, in the two modes without the store. Each run comes right after a
bare ``csv`` parse of the cycle's files (best of 3), so a ratio can be taken within the same minute.

Prints one JSON line per run, then a Markdown table: the median time and its range per version and
mode, the ratio to the median of all the bare parses, and the ``--jobs 2`` speed-up within each round.
The runs' outputs go to a temporary folder; exit codes other than 0 stop the measure.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

from run import parse_files  # bench/run.py's floor: every row of the files with the csv module, best of 3

MODES = ("nostore", "store", "nostore-j2", "store-j2")


def timed(cmd: list[str]) -> float:
    t = time.perf_counter()
    p = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    seconds = time.perf_counter() - t
    if p.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)}: exit {p.returncode}\n{p.stderr[-2000:]}")
    return seconds


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("config", type=Path)
    ap.add_argument("--version", action="append", required=True, metavar="LABEL=CICLOPE")
    ap.add_argument("--without-store", action="append", default=[], metavar="LABEL")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--modes", default=",".join(MODES), help=f"comma-separated, of {', '.join(MODES)} (default: all)")
    ap.add_argument("--json", type=Path)
    args = ap.parse_args()
    versions = dict(v.split("=", 1) for v in args.version)
    modes = args.modes.split(",")
    if any(mode not in MODES for mode in modes):
        ap.error(f"--modes: one or more of {', '.join(MODES)}")
    files = sorted(args.config.parent.glob("enti/*/*.csv"))
    names = list(versions)
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for i in range(args.rounds):
            for label in names[i % len(names) :] + names[: i % len(names)]:
                old = label in args.without_store
                for mode in modes:
                    if old and mode.startswith("store"):
                        continue
                    db = Path(tmp) / f"{label}-{i}-{mode}.db"
                    store = (
                        []
                        if old
                        else (["--no-store"] if mode.startswith("nostore") else ["--store", f"sqlite:///{db}"])
                    )
                    jobs = ["--jobs", "2"] if mode.endswith("j2") else []
                    floor = parse_files(files)
                    out = Path(tmp) / f"out-{label}-{i}-{mode}"
                    seconds = timed([versions[label], "run", str(args.config), "--out", str(out), *store, *jobs])
                    rows.append({"round": i, "version": label, "mode": mode, "parse": floor, "run": seconds})
                    print(json.dumps(rows[-1]), flush=True)
    if args.json:
        args.json.write_text(json.dumps(rows, indent=1), encoding="utf-8")
    report(rows, names)


def report(rows: list[dict], names: list[str]) -> None:
    floor = statistics.median(r["parse"] for r in rows)
    print(
        f"\nBare csv parse: median {floor:.3f} s, {min(r['parse'] for r in rows):.3f}–{max(r['parse'] for r in rows):.3f} s"
    )
    print("\n| version | mode | run (s), median (range) | / median parse | `--jobs 2` speed-up per round |")
    print("|---|---|---:|---:|---|")
    for label in names:
        for mode in MODES:
            runs = {r["round"]: r["run"] for r in rows if r["version"] == label and r["mode"] == mode}
            if not runs:
                continue
            t = list(runs.values())
            speedups = ""
            if mode.endswith("j2"):
                single = {r["round"]: r["run"] for r in rows if r["version"] == label and r["mode"] == mode[:-3]}
                speedups = " · ".join(f"{single[i] / runs[i]:.2f}×" for i in sorted(runs) if i in single)
            print(
                f"| {label} | {mode} | {statistics.median(t):.2f} ({min(t):.2f}–{max(t):.2f}) | "
                f"{statistics.median(t) / floor:.0f}× ({min(t) / floor:.0f}–{max(t) / floor:.0f}×) | {speedups} |"
            )


if __name__ == "__main__":
    main()
