"""Benchmark of ``ciclope run`` on synthetic cycles of growing size (issue 8: scale).

usage: python bench/run.py [--sizes 10,100,1000,25x1200] [--people 300] [--jobs 2] [--seed 1]
                           [--sample 30] [--keep DIR] [--profile] [--steps-only] [--no-store] [--repeat N]

``--sizes`` lists the cycles: ``N`` = N enti of ``--people`` people, ``NxM`` = N enti of M people
(for the people-scaling row: 25×1200 has as many people as 100×300), ``A+BxM`` = one cycle with both
groups, the last listed last (``60+2x8000``: two big enti at the end, the case ``--jobs`` hands out
largest first). For each cycle it reports:

- the full run (``ciclope run``, one process, all outputs, recording into a new SQLite store as
  ``ciclope run`` does by default; ``--no-store``: outputs only) and its peak memory (max RSS);
- the time to merely read the same CSV files with Python's csv module (the floor for a Python
  tool) and the ratio run / floor, also to ``csv.DictReader`` (rows keyed by their header, as a program
  that names its columns reads them: the floor the performance bound is stated against), the time per
  person;
- the same run with ``--jobs N``: time, speed-up, peak memory of the largest process;
- the machine's own ceiling for N processes (``timing.machine_ceiling``): the speed-up the same N
  processes give on pure-Python work that shares nothing (no waiting, no I/O, no serial part),
  measured before the run and after the ``--jobs`` run, the mean of the two. A virtual machine's
  "cores" share the host with other tenants: on the 2-vCPU machine of docs/performance.md this
  ceiling went from 1.15× to 2.2× within minutes, so ``--jobs N`` is read against it (the
  efficiency: speed-up / ceiling).

``--repeat N`` measures each cycle N times, the floor, the run and the ``--jobs`` run one after the
other each time: the ratio and the speed-up are computed within one repetition (on a machine whose
speed drifts by ±20% from one minute to the next, two runs ten minutes apart compare the machine)
and printed as the median with the lowest and highest.

Then, in this process, on the first ``--sample`` enti of the first cycle: where one ente's time
goes (plugin manager and loading, the phases, each output), to separate the calculation from the
reports; with ``--repeat N`` in N rounds, each with the bare parse of the same enti's files just
before it, reporting each step's fastest round and its ratio to the parse taken within each round.
``--profile`` adds a cProfile of that sample (top functions by own time) on stderr.

Prints Markdown tables and the machine they ran on, for docs/performance.md. Outputs of the runs
are deleted after each cycle (1,000 enti of 300 people write ~0.4 GB).
"""

from __future__ import annotations

import argparse
import cProfile
import csv
import io
import json
import os
import platform
import pstats
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

BIN = Path(sys.executable).parent
sys.path.insert(0, str(Path(__file__).parent))
from timing import compile_installed, machine_ceiling  # noqa: E402

RUN_WITH_RSS = (
    "import resource, subprocess, sys, time; t = time.perf_counter(); "
    "r = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL); "
    "print(time.perf_counter() - t, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, r.returncode)"
)


def parse_floor(root: Path, reader: Callable[[Any], Iterable[Any]] = csv.reader) -> float:
    """Seconds to read every CSV row of every ente with the csv module (best of 3); ``reader``: ``csv.reader``
    (rows as lists, the floor) or ``csv.DictReader`` (rows as dicts keyed by the header, as a program that names
    its columns reads them)."""
    return parse_files(sorted(root.glob("**/enti/*/*.csv")), reader=reader)  # **: the groups of make_cycle


def parse_files(files: list[Path], tries: int = 3, reader: Callable[[Any], Iterable[Any]] = csv.reader) -> float:
    """Seconds to read every row of ``files`` with ``reader``, best of ``tries``."""
    best = float("inf")
    for _ in range(tries):
        t = time.perf_counter()
        for f in files:
            with open(f, newline="", encoding="utf-8") as fh:
                for _row in reader(fh):
                    pass
        best = min(best, time.perf_counter() - t)
    return best


def timed_run(config: Path, out: Path, jobs: int, store: bool = True) -> tuple[float, int, int]:
    """(seconds, max RSS in KiB of the largest process of the run, exit code). With ``store`` the run
    records into a new SQLite store beside the cycle (the default of ``ciclope run``), else ``--no-store``."""
    shutil.rmtree(out, ignore_errors=True)
    db = config.parent / "bench-store.db"
    for leftover in config.parent.glob("bench-store.db*"):
        leftover.unlink()
    cmd = [
        sys.executable,
        "-c",
        RUN_WITH_RSS,
        str(BIN / "ciclope"),
        "run",
        str(config),
        "--out",
        str(out),
        "--jobs",
        str(jobs),
        *(["--store", f"sqlite:///{db}"] if store else ["--no-store"]),
    ]
    seconds, rss_kb, code = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout.split()
    return float(seconds), int(rss_kb), int(code)


def phases(config: Path, sample: int, profile: bool, rounds: int = 1) -> list[dict[str, float]]:
    """Mean milliseconds per ente of each step, measured in this process on the first ``sample`` enti
    (the cyclic garbage collector paused during each ente, as ``ciclope run`` does), once per round.
    Each round also times the bare parse of the same enti's CSV files (``"parse CSV"``), just before
    its steps: on a machine whose speed drifts from one minute to the next, a step and the floor it is
    compared with are measured in the same minute."""
    from ciclope.core.engine.registry import Hooks
    from ciclope.core.inputs.config import load_config
    from ciclope.core.reports import art20, html, public, transparency, xlsx

    plan = load_config(config)
    enti = plan.enti[:sample]
    outputs = {
        "results.json": None,
        "relazione.html": html.render,
        "trasparenza.csv": transparency.render,  # before the public Relazione, which reuses its lines
        "relazione-pubblica.html": public.render,
        "schede.xlsx": lambda r: xlsx.build(r).bytes(),
        "premi-art20.csv": art20.render,
    }
    steps = ("plugin manager", "loading", "calculation", *outputs, "store record")
    for plugin in {cfg.plugin for cfg in enti}:  # imports are not what is measured
        Hooks.for_plugin(plugin)
    files = [f for cfg in enti for f in sorted(Path(cfg.data).glob("*.csv"))]
    measured = []
    for _ in range(rounds):
        total = dict.fromkeys(steps, 0.0)
        total["parse CSV"] = parse_files(files)
        one_round(enti, plan, outputs, total)
        measured.append({k: 1000 * v / len(enti) for k, v in total.items()})
    if profile:  # a last pass: the profiler's overhead stays out of the timings above
        prof = cProfile.Profile()
        prof.enable()
        one_round(enti, plan, outputs, dict.fromkeys(steps, 0.0))
        prof.disable()
        buf = io.StringIO()
        pstats.Stats(prof, stream=buf).sort_stats("tottime").print_stats(30)
        print(buf.getvalue(), file=sys.stderr)
    return measured


def one_round(enti, plan, outputs, total: dict[str, float]) -> None:
    """Each step of each ente, timed; the seconds added into ``total``."""
    from ciclope.core.engine import hookspecs
    from ciclope.core.engine.cycle import run_cycle
    from ciclope.core.engine.registry import Hooks
    from ciclope.core.inputs.loading import load_ente, merge_schemas
    from ciclope.core.output import results
    from ciclope.core.run import gcpause
    from ciclope.core.store.record import record_of

    for cfg in enti:
        with gcpause.paused():  # as `ciclope run` does for each ente
            t0 = time.perf_counter()
            hooks, info = Hooks.for_plugin(cfg.plugin)
            schema = merge_schemas(hooks.answers(hookspecs.ciclope_input_schema, params=cfg.params))
            t1 = time.perf_counter()
            ente = load_ente(cfg.data, cfg.id, plan.year, schema)
            t2 = time.perf_counter()
            result = run_cycle(ente, hooks, cfg.params, info)
            t3 = time.perf_counter()
            total["plugin manager"] += t1 - t0
            total["loading"] += t2 - t1
            total["calculation"] += t3 - t2
            document = results.dumps_bytes(result)
            total["results.json"] += time.perf_counter() - t3
            for name, render in outputs.items():
                if render is not None:
                    t = time.perf_counter()
                    render(result)
                    total[name] += time.perf_counter() - t
            t = time.perf_counter()
            record_of(result, document)  # what the store keeps (encoded in the worker), not the database write
            total["store record"] += time.perf_counter() - t


def cycle_spec(item: str, people: int) -> tuple[int, int]:
    n, _, m = item.partition("x")
    return int(n), int(m) if m else people


def make_cycle(root: Path, groups: list[tuple[int, int]], seed: int) -> None:
    """Synthesize a cycle of ``groups`` (``(enti, people each)``) into ``root``. One group: ``ciclope synth``.
    Several (``--sizes 60+2x8000``): each group synthesized apart, then one ``cycle.toml`` lists them in
    that order, so the last group's enti come last: a mixed cycle whose big enti are at the end, which
    ``--jobs`` must not leave for last (docs/performance.md)."""

    def synth(folder: Path, enti: int, people: int, seed: int) -> None:
        subprocess.run(
            [BIN / "ciclope", "synth", str(folder), "--enti", str(enti), "--people", str(people), "--seed", str(seed)],
            check=True,
            stdout=subprocess.DEVNULL,
        )

    if len(groups) == 1:
        synth(root, *groups[0], seed)
        return
    import tomllib

    blocks = []
    for k, (enti, people) in enumerate(groups):
        synth(root / f"g{k}", enti, people, seed + k)
        cycle = tomllib.loads((root / f"g{k}" / "cycle.toml").read_text(encoding="utf-8"))
        if not blocks:
            blocks.append(f'[cycle]\nyear = {cycle["cycle"]["year"]}\noutput = "out"\n')
        for e in cycle["ente"]:
            blocks.append(f'[[ente]]\nid = "g{k}-{e["id"]}"\nplugin = "{e["plugin"]}"\ndata = "g{k}/{e["data"]}"\n')
    (root / "cycle.toml").write_text("\n".join(blocks), encoding="utf-8")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="10,100,1000")
    ap.add_argument("--people", type=int, default=300)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--sample", type=int, default=30, help="enti timed in process, step by step (0: none)")
    ap.add_argument("--keep", type=Path, help="keep the synthetic cycles here (and reuse them)")
    ap.add_argument("--profile", action="store_true")
    ap.add_argument("--steps-only", action="store_true", help="only the in-process step timings (no runs)")
    ap.add_argument("--no-store", action="store_true", help="runs without the results store (outputs only)")
    ap.add_argument("--repeat", type=int, default=1, help="measure each cycle N times, alternating; medians and ranges")
    args = ap.parse_args()
    compile_installed()  # start-up as an installed ciclope has it (timing.compile_installed)
    base = args.keep or Path(tempfile.mkdtemp(prefix="ciclope-bench-"))
    try:
        report(args, base)
    finally:
        if not args.keep:
            shutil.rmtree(base, ignore_errors=True)


def report(args, base: Path) -> None:
    started = time.strftime("%Y-%m-%d %H:%M")
    load_before = os.getloadavg()
    rows, roots = [], []
    for item in args.sizes.split(","):
        groups = [cycle_spec(part, args.people) for part in item.split("+")]
        n, people = sum(k for k, _ in groups), sum(k * m for k, m in groups)
        per_ente = groups[0][1] if len(groups) == 1 else None  # a mixed cycle has no single size
        if per_ente is None:
            root = base / ("mix-" + item.replace("+", "_"))
        else:
            root = base / (f"n{n}" if per_ente == args.people else f"n{n}x{per_ente}")
        if not (root / "cycle.toml").exists():
            make_cycle(root, groups, args.seed)
        roots.append((n, per_ente, root))
        if args.steps_only:
            continue
        # each repetition measures the floor, the run and the run with --jobs one after the other: the ratio
        # and the speed-up are taken within a repetition (the machine's speed drifts between minutes)
        floors, dict_floors, singles, parallel, peaks, peaks_jobs, ceilings = [], [], [], [], [], [], []
        for _ in range(args.repeat):
            floors.append(parse_floor(root))
            dict_floors.append(parse_floor(root, csv.DictReader))
            before = machine_ceiling(args.jobs)
            t1, rss1, code1 = timed_run(root / "cycle.toml", root / "out1", 1, not args.no_store)
            summary = json.loads((root / "out1" / "summary.json").read_text())
            ok = sum(1 for e in summary["enti"] if e["status"] == "ok")
            shutil.rmtree(root / "out1", ignore_errors=True)
            tj, rssj, _ = timed_run(root / "cycle.toml", root / "outj", args.jobs, not args.no_store)
            shutil.rmtree(root / "outj", ignore_errors=True)
            ceilings.append((before + machine_ceiling(args.jobs)) / 2)  # the two runs bracketed
            singles.append(t1)
            parallel.append(tj)
            peaks.append(rss1)
            peaks_jobs.append(rssj)
        ratios = [t / f for t, f in zip(singles, floors)]
        dict_ratios = [t / f for t, f in zip(singles, dict_floors)]
        speedups = [t / j for t, j in zip(singles, parallel)]
        efficiencies = [sp / c for sp, c in zip(speedups, ceilings)]
        rows.append(
            {
                "enti": n,
                "people_per_ente": per_ente,
                "label": f"{n} × {per_ente}" if per_ente is not None else item.replace("+", " + "),
                "people": people,
                "repeat": args.repeat,
                "csv_parse_s": statistics.median(floors),
                "run_s": statistics.median(singles),
                "ratio": statistics.median(ratios),
                "ratios": ratios,
                "dictreader_parse_s": statistics.median(dict_floors),
                "ratio_dictreader": statistics.median(dict_ratios),
                "ratios_dictreader": dict_ratios,
                "ms_per_person": 1000 * statistics.median(singles) / people,
                "peak_mb": max(peaks) / 1024,
                "jobs": args.jobs,
                "run_jobs_s": statistics.median(parallel),
                "speedup": statistics.median(speedups),
                "speedups": speedups,
                "ceiling": statistics.median(ceilings),
                "ceilings": ceilings,
                "efficiency": statistics.median(efficiencies),
                "efficiencies": efficiencies,
                "peak_mb_jobs": max(peaks_jobs) / 1024,
                "ok": ok,
                "exit": code1,
            }
        )
        print(json.dumps(rows[-1]), file=sys.stderr, flush=True)
    load_after = os.getloadavg()
    if rows:
        print_runs(args, rows, started, load_before, load_after)
    if args.sample > 0:
        print_steps(args, roots)


def print_runs(args, rows, started, load_before, load_after) -> None:
    print(
        f"Machine: {platform.platform()}, {platform.processor() or platform.machine()}, "
        f"Python {platform.python_version()}, {os.cpu_count()} CPU; started {started}; "
        f"load average before {load_before[0]:.2f}, after {load_after[0]:.2f}\n"
    )
    print(
        "| enti × persone | persone | parse CSV (s) | `ciclope run` (s) | rapporto | rapporto a DictReader |"
        " ms/persona | memoria max (MB) |"
        f" `--jobs {args.jobs}` (s) | accelerazione | tetto della macchina | efficienza |"
        " memoria max per processo `--jobs` (MB) | enti ok |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        print(
            f"| {r['label']} | {r['people']} | {r['csv_parse_s']:.3f} | {r['run_s']:.2f} |"
            f" {r['ratio']:.0f}×{spread(r['ratios'], '.0f')} |"
            f" {r['ratio_dictreader']:.1f}×{spread(r['ratios_dictreader'], '.1f')} |"
            f" {r['ms_per_person']:.3f} | {r['peak_mb']:.0f} |"
            f" {r['run_jobs_s']:.2f} | {r['speedup']:.2f}×{spread(r['speedups'], '.2f')} |"
            f" {r['ceiling']:.2f}×{spread(r['ceilings'], '.2f')} | {r['efficiency']:.0%}{spread(r['efficiencies'], '.0%')} |"
            f" {r['peak_mb_jobs']:.0f} |"
            f" {r['ok']}/{r['enti']} |"
        )
    if any(r["repeat"] > 1 for r in rows):
        print(
            "\nCon `--repeat`: mediane di ogni misura; tra parentesi il minimo e il massimo del rapporto e "
            "dell'accelerazione, presi ripetizione per ripetizione."
        )
    print(
        f"\nTetto della macchina: l'accelerazione che {args.jobs} processi danno su lavoro Python puro che non "
        "condivide nulla (nessuna attesa, nessun I/O, nessuna parte seriale); efficienza = accelerazione / tetto."
    )


def spread(values: list[float], spec: str) -> str:
    """`` (min–max)`` of several measurements, nothing for one."""
    if len(values) < 2:
        return ""
    return f" ({min(values):{spec}}–{max(values):{spec}})"


def print_steps(args, roots) -> None:
    # the step-by-step sample: the first cycle with enough enti of --people people (else the first)
    plain = [(n, m, r) for n, m, r in roots if m is not None]  # not a mixed cycle
    if not plain:
        print("\nPasso per passo: solo su un ciclo di enti della stessa dimensione (non su un ciclo misto).")
        return
    sample_root = next((r for n, m, r in plain if n >= args.sample and m == args.people), plain[0][2])
    rounds = phases(sample_root / "cycle.toml", args.sample, args.profile, args.repeat)
    n_sample = min(args.sample, len(list((sample_root / "enti").iterdir())))
    names = [k for k in rounds[0] if k != "parse CSV"]
    # the sums the targets are stated on (issue 18), per round
    sums = {
        "**calculation only** (manager + loading + phases)": ("plugin manager", "loading", "calculation"),
        "**all outputs built**": tuple(k for k in names if k != "store record"),
        "**all outputs and the store record**": tuple(names),
    }
    for r in rounds:
        for label, parts in sums.items():
            r[label] = sum(r[k] for k in parts)
    floor = min(r["parse CSV"] for r in rounds)
    print(
        f"\nIn process, the first {n_sample} enti of {sample_root.name}, {len(rounds)} round(s): ms per ente, the "
        f"fastest round of each step; bare CSV parse of one ente {floor:.2f} ms (fastest round). The ratio is "
        "taken within each round (step / that round's parse): median, and the range over the rounds.\n"
    )
    print("| step | ms/ente | × parse CSV |")
    print("|---|---:|---:|")
    for k in [*names, *sums]:
        best = min(r[k] for r in rounds)
        ratios = [r[k] / r["parse CSV"] for r in rounds]
        print(f"| {k} | {best:.1f} | {statistics.median(ratios):.1f}×{spread(ratios, '.1f')} |")


if __name__ == "__main__":
    main()
