"""Benchmark of ``ciclope site`` (issue 17): build the portal of a store of many synthetic enti.

usage: python bench/site.py [--enti 1000] [--people 300] [--jobs 2] [--keep DIR]

Writes the synthetic cycle and runs it with the store unless ``--keep DIR`` already holds one (e.g. the
folder of ``bench/store.py --keep``), then times, each as a new process:

- the public site (``--public``: pages and the published documents, no person cards);
- the internal site (also the person cards and the figures page of each ente);

both with ``--jobs`` processes.

The target is under a minute for 1,000 enti. Prints a Markdown table for docs/performance.md.
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
    ap.add_argument("--keep", type=Path, help="reuse (or keep) the cycle, outputs and store in this folder")
    args = ap.parse_args()
    compile_installed()  # start-up as an installed ciclope has it (timing.compile_installed)
    root = args.keep or Path(tempfile.mkdtemp(prefix="ciclope-bench-site-"))
    cfg = root / "cycle.toml"
    if not cfg.exists():
        subprocess.run(
            [CICLOPE, "synth", str(root), "--enti", str(args.enti), "--people", str(args.people)], check=True
        )
    if not (root / "ciclope.db").exists():
        timed("run", str(cfg), "--jobs", str(args.jobs))
    rows = []
    for label, extra in (("public site (`--public`)", ["--public"]), ("internal site (with person cards)", [])):
        site = root / ("site-public" if extra else "site")
        shutil.rmtree(site, ignore_errors=True)
        seconds = timed("site", str(cfg), "--out", str(site), "--jobs", str(args.jobs), *extra)
        files = sum(1 for p in site.rglob("*") if p.is_file())
        rows.append((label, seconds, files))
    print(machine())
    print(f"Store: {root / 'ciclope.db'}\n")
    print("| site | seconds | files |")
    print("|---|---:|---:|")
    for label, seconds, files in rows:
        print(f"| {label} | {seconds:.1f} | {files:,} |")
    if not args.keep:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
