"""One big ente per plugin (issue 18): wall time and peak memory of ``ciclope run`` with all outputs.

usage: python bench/bigente.py [--people 30000] [--seed 1] [--keep DIR] [--repeat 1]

For each installed plugin it synthesizes one ente of ``--people`` people (``ciclope synth``) and
runs ``ciclope run`` on it in a fresh process, three times: with the results store (the default, a
new SQLite file each time), with ``--no-store``, and with the store and ``--jobs 2`` (one ente and two
processes: a forked copy writes ``schede.xlsx`` meanwhile, ``core/run/forked.py``). It reports the wall
time and the peak memory (``ru_maxrss`` of the run's largest process), best of ``--repeat``, as a
Markdown table for docs/performance.md. Targets: ≤ 15 s and ≤ 400 MB for 30,000 people.

Before and after the runs it times a fixed piece of pure-Python work (``timing.machine_speed``): a
virtual machine's core is up to a third slower when the host is busy, and the same run of the same
code took 13 s at one hour and 17 s at another. The two readings say which kind of minute it was.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from timing import compile_installed, machine, machine_speed  # noqa: E402

BIN = Path(sys.executable).parent
RUN_WITH_RSS = (
    "import resource, subprocess, sys, time; t = time.perf_counter(); "
    "r = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL); "
    "print(time.perf_counter() - t, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, r.returncode)"
)


def plugins() -> list[str]:
    from ciclope.core.engine.registry import available_plugins

    return sorted(available_plugins())


def run(config: Path, out: Path, store: bool, jobs: int = 1) -> tuple[float, float, int]:
    """(seconds, peak MB of the largest process, exit code) of one ``ciclope run`` in its own process."""
    shutil.rmtree(out, ignore_errors=True)
    db = config.parent / "bench.db"
    db.unlink(missing_ok=True)
    cmd = [sys.executable, "-c", RUN_WITH_RSS, str(BIN / "ciclope"), "run", str(config), "--out", str(out)]
    cmd += ["--jobs", str(jobs)]
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
    compile_installed()  # start-up as an installed ciclope has it (timing.compile_installed)
    base = args.keep or Path(tempfile.mkdtemp(prefix="ciclope-big-"))
    try:
        speed = machine_speed()
        print(machine() + "\n")
        print(
            "| plugin | persone | con archivio (s) | memoria max (MB) | `--no-store` (s) | memoria max (MB) |"
            " con archivio, `--jobs 2` (s) | memoria max per processo (MB) |"
        )
        print("|---|---:|---:|---:|---:|---:|---:|---:|")
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
            for store, jobs in ((True, 1), (False, 1), (True, 2)):
                runs = [run(folder / "cycle.toml", base / "out", store, jobs) for _ in range(args.repeat)]
                row.append((min(r[0] for r in runs), min(r[1] for r in runs), max(r[2] for r in runs)))
            (ts, ms, cs), (tn, mn, cn), (tj, mj, cj) = row
            flag = "" if cs == cn == cj == 0 else f" (uscita {cs}/{cn}/{cj})"
            print(
                f"| {plugin}{flag} | {args.people} | {ts:.2f} | {ms:.0f} | {tn:.2f} | {mn:.0f} | {tj:.2f} | {mj:.0f} |",
                flush=True,
            )
        print(
            f"\nLavoro di riferimento (`bench/timing.py`, un processo): {speed:.3f} s prima delle esecuzioni, "
            f"{machine_speed():.3f} s dopo (più alto = macchina più lenta in quei minuti)."
        )
    finally:
        if not args.keep:
            shutil.rmtree(base, ignore_errors=True)


if __name__ == "__main__":
    main()
