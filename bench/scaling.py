"""Linearity inside one ente (issue 18): each step's time for one ente of N and of 10 × N people, per plugin.

usage: python bench/scaling.py [--small 2000] [--large 20000] [--seed 1] [--repeat 1] [--cold]
                               [--per-servizio K]

For each installed plugin it synthesizes one ente of ``--small`` and one of ``--large`` people
(``ciclope synth``), then times in this process: loading, the cycle, ``results.json``,
``relazione.html``, ``schede.xlsx``, ``trasparenza.csv`` (best of ``--repeat``, the two sizes taking turns
in each repetition). It prints a Markdown table with the ratio large / small per step: linear growth is ≈ 10×
for 10× people (target ≤ 12×), and the minor page faults of each size (memory the system had to hand over).

``--per-servizio K`` makes the organization grow with the ente (one servizio per K people, an area and
its dirigente per ten servizi): the default synthetic ente keeps ~25 units at any size, which hides a
step that scans the units or the dirigenti for every person (docs/performance.md).

``--cold`` evicts the processor's caches before each step (it writes a buffer three times the size of
the last-level cache). Without it a small ente's Result (a few MB) stays in the cache from one step to
the next while a large one (hundreds of MB) cannot: a short step that only reads the Result again
(``trasparenza.csv``) then measures the cache, not the code (docs/performance.md).
"""

from __future__ import annotations

import argparse
import ctypes
import resource
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


EVICT = bytearray(96 * 2**20)  # 3 × the 32 MiB last-level cache of the benchmark machine


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


def steps(configs: list[Path], repeat: int, cold: bool = False) -> list[dict[str, dict[str, float]]]:
    """Seconds of each step for each ente of each config (one ente per plugin), best of ``repeat``.

    The configs take turns inside each repetition (small, large, small, large…), so that a slow minute of the
    machine falls on both sizes instead of on one of them: with the small ente measured first and the large
    one after, a slow minute moved a ratio by two points either way (docs/performance.md). The minor page faults
    of each ente's steps (fresh memory from the system) are kept under the key ``"faults"``, from the best
    repetition's run."""
    from ciclope.core import gcpause, results
    from ciclope.core.config import load_config
    from ciclope.core.cycle import run_cycle
    from ciclope.core.loading import load_ente, merge_schemas
    from ciclope.core.registry import Hooks
    from ciclope.core.reports import art20, html, public, transparency, xlsx

    plans = [load_config(config) for config in configs]
    out: list[dict[str, dict[str, float]]] = [{} for _ in plans]
    for _ in range(repeat):
        for plan, best_of in zip(plans, out):
            for cfg in plan.enti:
                hooks, info = Hooks.for_plugin(cfg.plugin)
                schema = merge_schemas(hooks.input_schemas())
                faults = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
                pause = gcpause.paused()  # as the runner does around each ente
                pause.__enter__()
                times: list[float] = []
                ente = timed(times, cold, load_ente, cfg.data, cfg.id, plan.year, schema)
                result = timed(times, cold, run_cycle, ente, hooks, cfg.params, info)
                timed(times, cold, results.dumps, result)
                timed(times, cold, html.render, result)
                # trasparenza.csv's lines are made once per Result: the public Relazione reuses them
                timed(times, cold, transparency.render, result)
                timed(times, cold, public.render, result)
                timed(times, cold, lambda r: xlsx.build(r).bytes(), result)
                timed(times, cold, art20.render, result)
                pause.__exit__(None, None, None)
                del ente, result
                times.append(sum(times))  # the total: the steps alone, without the evictions
                faults = resource.getrusage(resource.RUSAGE_SELF).ru_minflt - faults
                best = best_of.get(cfg.plugin)
                if best is None:
                    best_of[cfg.plugin] = {**dict(zip(STEPS, times)), "faults": faults}
                else:  # each step its own best (the total too); the faults go with the best total
                    best_of[cfg.plugin] = {
                        **{k: min(best[k], v) for k, v in zip(STEPS, times)},
                        "faults": faults if times[-1] < best["total"] else best["faults"],
                    }
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--small", type=int, default=2000)
    ap.add_argument("--large", type=int, default=20000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--repeat", type=int, default=1)
    ap.add_argument("--cold", action="store_true", help="evict the processor's caches before each step")
    ap.add_argument(
        "--per-servizio", type=int, help="the organization grows with the ente: a servizio per K people (synth)"
    )
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        k = args.per_servizio
        configs = [
            synth(Path(tmp) / "small", args.small, args.seed, k),
            synth(Path(tmp) / "large", args.large, args.seed, k),
        ]
        small, large = steps(configs, args.repeat, args.cold)
    print(f"| plugin | step | {args.small:,} persone (s) | {args.large:,} persone (s) | rapporto |".replace(",", "."))
    print("|---|---|---:|---:|---:|")
    for plugin in sorted(small):
        for step in STEPS:
            a, b = small[plugin][step], large[plugin][step]
            print(
                f"| {plugin} | `{step}` | {a:.3f} | {b:.3f} | {b / a:.1f}× |".replace(".", ",")
                .replace(",json", ".json")
                .replace(",html", ".html")
                .replace(",xlsx", ".xlsx")
                .replace(",csv", ".csv")
            )
    print()
    print("Pagine di memoria nuove chieste al sistema (page fault minori) da tutti i passi, nel giro migliore:")
    print()
    for plugin in sorted(small):
        a, b = small[plugin]["faults"], large[plugin]["faults"]
        print(f"- {plugin}: {a:,} → {b:,}".replace(",", "."))


if __name__ == "__main__":
    main()
