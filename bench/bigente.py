"""One big ente per plugin (issue 18): wall time and peak memory of ``ciclope run`` with all outputs.

usage: python bench/bigente.py [--people 30000] [--seed 1] [--keep DIR] [--repeat 1]

For each installed plugin it synthesizes one ente of ``--people`` people (``ciclope synth``) and
runs ``ciclope run`` on it in a fresh process, twice: with the results store (the default, a new
SQLite file each time) and with ``--no-store``. It reports the wall time and the peak memory
(``ru_maxrss`` of the run's process), best of ``--repeat``, as a Markdown table for
docs/performance.md. Targets: ≤ 15 s and ≤ 400 MB for 30,000 people.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from timing import machine  # noqa: E402

BIN = Path(sys.executable).parent
RUN_WITH_RSS = (
    "import resource, subprocess, sys, time; t = time.perf_counter(); "
    "r = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL); "
    "print(time.perf_counter() - t, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, r.returncode)"
)


def plugins() -> list[str]:
    from ciclope.core.registry import available_plugins

    return sorted(available_plugins())


def run(config: Path, out: Path, store: bool) -> tuple[float, float, int]:
    """(seconds, peak MB, exit code) of one ``ciclope run`` in its own process."""
    shutil.rmtree(out, ignore_errors=True)
    db = config.parent / "bench.db"
    db.unlink(missing_ok=True)
    cmd = [sys.executable, "-c", RUN_WITH_RSS, str(BIN / "ciclope"), "run", str(config), "--out", str(out)]
    cmd += ["--store", f"sqlite:///{db}"] if store else ["--no-store"]
    seconds, rss_kb, code = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout.split()
    shutil.rmtree(out, ignore_errors=True)
    db.unlink(missing_ok=True)
    return float(seconds), int(rss_kb) / 1024, int(code)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--people", type=int, default=30000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--repeat", type=int, default=1)
    ap.add_argument("--keep", type=Path, help="keep the synthetic enti here (and reuse them)")
    args = ap.parse_args()
    base = args.keep or Path(tempfile.mkdtemp(prefix="ciclope-big-"))
    try:
        print(machine() + "\n")
        print("| plugin | persone | con archivio (s) | memoria max (MB) | `--no-store` (s) | memoria max (MB) |")
        print("|---|---:|---:|---:|---:|---:|")
        for plugin in plugins():
            folder = base / f"{plugin}-{args.people}"
            if not (folder / "cycle.toml").exists():
                subprocess.run(
                    [str(BIN / "ciclope"), "synth", str(folder), "--enti", "1", "--people", str(args.people)]
                    + ["--seed", str(args.seed), "--plugin", plugin],
                    check=True,
                    stdout=subprocess.DEVNULL,
                )
            row = []
            for store in (True, False):
                runs = [run(folder / "cycle.toml", base / "out", store) for _ in range(args.repeat)]
                row.append((min(r[0] for r in runs), min(r[1] for r in runs), max(r[2] for r in runs)))
            (ts, ms, cs), (tn, mn, cn) = row
            flag = "" if cs == cn == 0 else f" (uscita {cs}/{cn})"
            print(f"| {plugin}{flag} | {args.people} | {ts:.2f} | {ms:.0f} | {tn:.2f} | {mn:.0f} |", flush=True)
    finally:
        if not args.keep:
            shutil.rmtree(base, ignore_errors=True)


if __name__ == "__main__":
    main()
