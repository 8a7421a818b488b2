"""Linearity inside one ente (issue 18): each step's time for one ente of N and of 10 × N people, per plugin.

usage: python bench/scaling.py [--small 2000] [--large 20000] [--seed 1] [--repeat 5] [--cold] [--fresh]
                               [--per-servizio K]

For each installed plugin it synthesizes one ente of ``--small`` and one of ``--large`` people
(``ciclope synth``), then times in this process: loading, the cycle, ``results.json``,
``relazione.html``, ``trasparenza.csv``, the public Relazione, ``schede.xlsx``, ``premi-art20.csv``, the two
sizes taking turns step by step. It prints a Markdown table with, per step, the median seconds of each size
and the median of the ``--repeat`` ratios large / small, each ratio from two steps run back to back: linear
growth is ≈ 10× for 10× people (targets ≤ 12× for 2,000 → 20,000 and ≤ 11× for 3,000 → 30,000), then
every ratio from the lowest to the highest (the spread is the machine's), and the minor page faults of each
size (memory the system had to hand over).

``--per-servizio K`` makes the organization grow with the ente (one servizio per K people, an area and
its dirigente per ten servizi): the default synthetic ente keeps ~25 units at any size, which hides a
step that scans the units or the dirigenti for every person (docs/performance.md).

``--fresh`` runs each ente in a new process instead of both sizes in this one (see :func:`steps`).

``--cold`` evicts the processor's caches before each step (it writes a buffer three times the size of
the last-level cache). Without it a small ente's Result (a few MB) stays in the cache from one step to
the next while a large one (hundreds of MB) cannot: a short step that only reads the Result again
(``trasparenza.csv``) then measures the cache, not the code (docs/performance.md).
"""

from __future__ import annotations

import argparse
import ctypes
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BIN = Path(sys.executable).parent
STEPS = (
    "loading",
    "calculation",
    "results.json",
    "relazione.html",
    "trasparenza.csv",
    "relazione-pubblica.html",
    "schede.xlsx",
    "premi-art20.csv",
    "total",
)


def synth(folder: Path, people: int, seed: int, per_servizio: int | None = None) -> Path:
    extra = ["--per-servizio", str(per_servizio)] if per_servizio else []
    subprocess.run(
        [str(BIN / "ciclope"), "synth", str(folder), "--enti", "3", "--people", str(people), "--seed", str(seed)]
        + extra,
        check=True,
        capture_output=True,
    )
    return folder / "cycle.toml"


def last_level_cache() -> int:
    """Bytes of the processor's last-level cache (sysfs), 32 MiB where the system does not say."""
    sizes = []
    for index in Path("/sys/devices/system/cpu/cpu0/cache").glob("index*"):
        try:
            text = (index / "size").read_text().strip()
        except OSError:
            continue
        unit = {"K": 2**10, "M": 2**20, "G": 2**30}.get(text[-1:], 1)
        sizes.append(int(text.rstrip("KMG")) * unit)
    return max(sizes, default=32 * 2**20)


EVICT = bytearray(3 * last_level_cache())  # 3 × the last-level cache of this machine (105 MiB on one, 32 on another)


def evict() -> None:
    """Write every byte of EVICT (memset, in C): whatever the step before left in the caches is gone."""
    address = ctypes.addressof(ctypes.c_char.from_buffer(EVICT))
    ctypes.memset(address, EVICT[0] ^ 1, len(EVICT))


def timed(times: list[float], cold: bool, step, *args):
    """``step(*args)``, its seconds appended to ``times`` (the caches evicted first when ``cold``)."""
    if cold:
        evict()
    start = time.perf_counter()
    value = step(*args)
    times.append(time.perf_counter() - start)
    return value


def step_functions() -> list:
    """The timed steps after the loading and the cycle, each a function of the Result, in STEPS order."""
    from ciclope.core.output import results
    from ciclope.core.reports import art20, html, public, transparency, xlsx

    return [
        results.dumps_bytes,  # what the runner writes (and hands to the store)
        html.render,
        transparency.render,  # trasparenza.csv's lines are made once per Result: the public Relazione reuses them
        public.render,
        lambda r: xlsx.build(r).bytes(),
        art20.render,
    ]


def in_turn(step, calls: list[tuple], times: list[list[float]], faults: list[int], cold: bool) -> list:
    """``step(*calls[k])`` for each size ``k`` in turn, its seconds appended to ``times[k]`` and its minor page
    faults added to ``faults[k]``; the values, in the same order."""
    values = []
    for k, args in enumerate(calls):
        before = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
        values.append(timed(times[k], cold, step, *args))
        faults[k] += resource.getrusage(resource.RUSAGE_SELF).ru_minflt - before
    return values


def each_plugin(configs: list[Path], cold: bool, plugins: list[str] | None = None) -> dict[str, list[list[float]]]:
    """One pass of every step of one ente per plugin of each config, **in this process**, the configs taking
    turns step by step (the first config's loading, the second's, the first's calculation…).
    ``{plugin: [[seconds of each step, the total, the minor page faults] for each config]}``."""
    from ciclope.core.engine import hookspecs
    from ciclope.core.engine.cycle import run_cycle
    from ciclope.core.engine.registry import Hooks
    from ciclope.core.inputs.config import load_config
    from ciclope.core.inputs.loading import load_ente, merge_schemas
    from ciclope.core.run import gcpause

    plans = [load_config(config) for config in configs]
    out: dict[str, list[list[float]]] = {}
    for plugin in plugins or sorted({cfg.plugin for plan in plans for cfg in plan.enti}):
        cfgs = [next(c for c in plan.enti if c.plugin == plugin) for plan in plans]
        hooks, info = Hooks.for_plugin(plugin)
        schema = merge_schemas(hooks.answers(hookspecs.ciclope_input_schema, params=None))
        times: list[list[float]] = [[] for _ in plans]
        faults = [0 for _ in plans]
        with gcpause.paused():  # as the runner does around each ente
            args = [(c.data, c.id, plan.year, schema) for c, plan in zip(cfgs, plans)]
            entes = in_turn(load_ente, args, times, faults, cold)
            args = [(e, hooks, c.params, info) for e, c in zip(entes, cfgs)]
            found = in_turn(run_cycle, args, times, faults, cold)
            for step in step_functions():
                in_turn(step, [(r,) for r in found], times, faults, cold)
            del entes, found, args
        out[plugin] = [[*t, sum(t), f] for t, f in zip(times, faults)]
    return out


def child(config: Path, plugin: str, cold: bool, warm: Path) -> None:
    """``--child``: in a new process, every step once on ``warm`` (a tiny ente: the code paths, lazy imports
    and compiled templates made, the heap still small), then once on ``config``; prints the second as JSON."""
    each_plugin([warm], cold, [plugin])
    print(json.dumps(each_plugin([config], cold, [plugin])[plugin][0]))


def steps(
    configs: list[Path], repeat: int, cold: bool = False, same_process: bool = True, warm: Path | None = None
) -> list[dict[str, dict[str, list[float]]]]:
    """Seconds of each step for each ente of each config (one ente per plugin), one per repetition.

    By default both sizes run in this process, **step by step in turn** (the small ente's loading, then the
    large one's, the small one's calculation…), so each pair of steps is a few hundred milliseconds apart. The
    small ente then reuses memory that the large one made the system hand over (page faults: 0 against 45,000
    for bergamo, 23/11 from 21:25), each new 4 kB page costing ~2.6 µs that the small one never pays: a step that
    allocates much grows by that alone, so these ratios err on the high side. With ``same_process=False``
    (``--fresh``) each ente runs in a new process (``--child``), as ``ciclope run`` on one ente runs and with
    the same empty heap for both, the sizes taking turns (the small one first in even repetitions, the large one
    first in odd ones, so that a drift of the machine falls on both); the pairs are then seconds apart and, on
    this virtual machine, their ratios spread three times as wide (docs/performance.md).

    Why pairs: on a virtual machine whose speed moves by a third from one minute to the next, the ratio of
    the best times of each size, taken at different minutes, measured the minutes (on 23/11 from 21:25 it gave
    6.9× and 18.9× for comunita_montane's calculation in two runs of the same code, 5.4× for a step whose
    paired ratio was 9.7×); the median of the pairs' ratios measures the code. Returns, per config,
    ``{plugin: {step: [seconds of each repetition], "faults": [minor page faults of each]}}``."""
    out: list[dict[str, dict[str, list[float]]]] = [{} for _ in configs]
    for rep in range(repeat):
        if same_process:
            rows = each_plugin(configs, cold)
        else:
            assert warm is not None
            rows = {}
            for plugin in sorted(plugin_names(configs[0])):
                got = {}
                order = list(enumerate(configs))
                for k, config in order if rep % 2 == 0 else order[::-1]:  # small first, then large first…
                    cmd = [sys.executable, __file__, "--child", str(config), plugin, "--warm", str(warm)]
                    done = subprocess.run(cmd + (["--cold"] if cold else []), check=True, capture_output=True)
                    got[k] = json.loads(done.stdout)
                rows[plugin] = [got[k] for k in range(len(configs))]
        for plugin, per_config in rows.items():
            for k, row in enumerate(per_config):
                keep = out[k].setdefault(plugin, {name: [] for name in (*STEPS, "faults")})
                for name, value in zip((*STEPS, "faults"), row):
                    keep[name].append(value)
    return out


def plugin_names(config: Path) -> set[str]:
    from ciclope.core.inputs.config import load_config

    return {cfg.plugin for cfg in load_config(config).enti}


def paired(small: list[float], large: list[float]) -> float:
    """The median of the repetitions' ratios large / small (each pair measured back to back)."""
    return statistics.median(b / a for a, b in zip(small, large))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--small", type=int, default=2000)
    ap.add_argument("--large", type=int, default=20000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--cold", action="store_true", help="evict the processor's caches before each step")
    ap.add_argument("--fresh", action="store_true", help="each ente in a new process (noisier pairs, no shared heap)")
    ap.add_argument("--child", nargs=2, metavar=("CONFIG", "PLUGIN"), help=argparse.SUPPRESS)
    ap.add_argument("--warm", type=Path, help=argparse.SUPPRESS)
    ap.add_argument(
        "--per-servizio", type=int, help="the organization grows with the ente: a servizio per K people (synth)"
    )
    args = ap.parse_args()
    if args.child:
        child(Path(args.child[0]), args.child[1], args.cold, args.warm)
        return
    with tempfile.TemporaryDirectory() as tmp:
        k = args.per_servizio
        configs = [
            synth(Path(tmp) / "small", args.small, args.seed, k),
            synth(Path(tmp) / "large", args.large, args.seed, k),
        ]
        warm = synth(Path(tmp) / "warm", 30, args.seed)
        small, large = steps(configs, args.repeat, args.cold, not args.fresh, warm)
    small_n, large_n = (f"{n:,}".replace(",", ".") for n in (args.small, args.large))
    print(
        f"| plugin | step | {small_n} persone (s, mediana) | {large_n} persone (s, mediana) "
        "| rapporto (mediana delle coppie) | rapporti, dal minore al maggiore |"
    )
    print("|---|---|---:|---:|---:|---|")
    for plugin in sorted(small):
        for step in STEPS:
            a, b = small[plugin][step], large[plugin][step]
            each = sorted(y / x for x, y in zip(a, b))
            print(
                f"| {plugin} | `{step}` | {decimal_comma(statistics.median(a), 3)} "
                f"| {decimal_comma(statistics.median(b), 3)} | {decimal_comma(paired(a, b), 1)}× "
                f"| {' '.join(decimal_comma(r, 1) for r in each)} |"
            )
    print()
    print("Pagine di memoria nuove chieste al sistema (page fault minori) da tutti i passi, mediana delle ripetizioni:")
    print()
    for plugin in sorted(small):
        a, b = statistics.median(small[plugin]["faults"]), statistics.median(large[plugin]["faults"])
        print(f"- {plugin}: {a:,.0f} → {b:,.0f}".replace(",", "."))


def decimal_comma(x: float, digits: int) -> str:
    return f"{x:.{digits}f}".replace(".", ",")


if __name__ == "__main__":
    main()
