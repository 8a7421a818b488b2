"""Benchmarking among the enti of one year (posizionamento comparativo, ``004…`` §3; ``003…`` art. 2.4).

For a year of the store, across the enti's current results:
- the distribution of ente performance (median, quartiles, each ente's rank);
- each indicator shared by at least :data:`MIN_ENTI` enti — same id, or same name once case and spaces
  are ignored — with each ente's value, the median, the quartiles and its position;
- differentiation: per ente, the share of evaluated people at the plugin's top level and the ratio between
  the highest and the lowest per-capita amount of its bands.

Quartiles are the "inclusive" ones of :func:`statistics.quantiles` (the method of spreadsheets'
QUARTILE.INC), so an office can recompute them in Excel. Rank 1 is the best: the highest value, or the
lowest for an indicator of type ``lower``.
"""

from __future__ import annotations

import re
import statistics
from collections import defaultdict
from decimal import Decimal

import attrs
from sqlalchemy import Engine, select

from . import schema as s
from .read import current

MIN_ENTI = 3


@attrs.frozen
class Position:
    ente: str
    value: float
    rank: int  # 1 = best
    of: int
    quartile: int  # 1 = the best quarter
    median: float


@attrs.frozen
class Distribution:
    values: tuple[tuple[str, float], ...]  # (ente, value), best first
    median: float
    q1: float  # lower quartile
    q3: float  # upper quartile
    lower_is_better: bool = False

    @classmethod
    def of(cls, values: dict[str, float], lower_is_better: bool = False) -> Distribution:
        ordered = sorted(values.items(), key=lambda kv: (kv[1] if lower_is_better else -kv[1], kv[0]))
        data = [v for _, v in ordered]
        if len(data) == 1:
            q1 = med = q3 = data[0]
        else:
            q1, med, q3 = statistics.quantiles(data, n=4, method="inclusive")
        return cls(values=tuple(ordered), median=med, q1=q1, q3=q3, lower_is_better=lower_is_better)

    def position(self, ente: str) -> Position | None:
        n = len(self.values)
        for who, value in self.values:
            if who == ente:
                # ties share the best rank: 1 + how many are strictly better
                better = sum(1 for _, v in self.values if (v < value if self.lower_is_better else v > value))
                rank = better + 1
                quartile = min(4, 1 + (4 * (rank - 1)) // n)
                return Position(ente, value, rank, n, quartile, self.median)
        return None


@attrs.frozen
class IndicatorBench:
    key: str  # the shared id, or "nome: <name>"
    name: str
    type: str
    distribution: Distribution
    achievements: tuple[tuple[str, float | None], ...] = ()


@attrs.frozen
class Differentiation:
    ente: str
    plugin: str
    top_level: str | None
    top_share: float | None  # evaluated people at the top level / evaluated people
    band_ratio: float | None  # highest / lowest per-capita amount among the ente's bands


@attrs.frozen
class Benchmark:
    year: int
    enti: int
    performance: Distribution | None
    indicators: tuple[IndicatorBench, ...]
    differentiation: tuple[Differentiation, ...]

    def positions(self, ente: str) -> list[tuple[str, Position]]:
        """(what, position) of the ente: ente performance first, then each shared indicator."""
        out = []
        if self.performance is not None and (p := self.performance.position(ente)):
            out.append(("Performance dell'ente", p))
        for ind in self.indicators:
            if p := ind.distribution.position(ente):
                out.append((f"{ind.name} ({ind.key})", p))
        return out


def normalized(name: str) -> str:
    return re.sub(r"\s+", " ", name).strip().casefold()


def benchmark(engine: Engine, year: int) -> Benchmark:
    enti = current(engine, year=year)
    ids = {c.result_id: c for c in enti}
    perf = {c.ente: c.performance for c in enti if c.performance is not None}
    performance = Distribution.of(perf) if len(perf) >= MIN_ENTI else None
    with engine.connect() as conn:
        ind_rows = conn.execute(
            select(
                s.indicators.c.result,
                s.indicators.c.indicator,
                s.indicators.c.name,
                s.indicators.c.type,
                s.indicators.c.value,
                s.indicators.c.achievement,
            ).where(s.indicators.c.result.in_(list(ids)))
        ).all()
        people_rows = conn.execute(
            select(s.people.c.result, s.people.c.score, s.people.c.level, s.people.c.band, s.people.c.amount).where(
                s.people.c.result.in_(list(ids))
            )
        ).all()
    return Benchmark(
        year=year,
        enti=len(enti),
        performance=performance,
        indicators=shared_indicators([(ids[r].ente, *rest) for r, *rest in ind_rows]),
        differentiation=differentiation(
            {c.ente: c.plugin for c in enti}, [(ids[r].ente, *rest) for r, *rest in people_rows]
        ),
    )


def shared_indicators(rows) -> tuple[IndicatorBench, ...]:
    """``rows``: (ente, indicator id, name, type, numeric value, achievement). Groups by id, then by name for
    the indicators not already grouped by id; a group counts when ≥ MIN_ENTI enti have a numeric value
    of the same type."""
    by_id: dict[str, list] = defaultdict(list)
    for row in rows:
        by_id[row[1]].append(row)
    groups: list[tuple[str, list]] = []
    grouped: set[tuple[str, str]] = set()
    for ident, members in sorted(by_id.items()):
        if len({m[0] for m in members}) >= MIN_ENTI:
            groups.append((ident, members))
            grouped |= {(m[0], m[1]) for m in members}
    by_name: dict[str, list] = defaultdict(list)
    for row in rows:
        if (row[0], row[1]) not in grouped:
            by_name[normalized(row[2])].append(row)
    for name, members in sorted(by_name.items()):
        if len({m[0] for m in members}) >= MIN_ENTI:
            groups.append((f"nome: {name}", members))
    out = []
    for key, members in groups:
        kind = statistics.mode(m[3] for m in members)
        values = {m[0]: m[4] for m in members if m[3] == kind and m[4] is not None}
        if len(values) < MIN_ENTI:
            continue
        out.append(
            IndicatorBench(
                key=key,
                name=members[0][2],
                type=kind,
                distribution=Distribution.of(values, lower_is_better=kind == "lower"),
                achievements=tuple(sorted((m[0], m[5]) for m in members)),
            )
        )
    return tuple(out)


def differentiation(plugins: dict[str, str], rows) -> tuple[Differentiation, ...]:
    """``rows``: (ente, score, level, band, amount). The top level of a plugin is the level of the highest
    score among all its enti (levels are the plugin's scale, the same for its enti)."""
    top: dict[str, tuple[float, str]] = {}
    for ente, score, level, _band, _amount in rows:
        plugin = plugins[ente]
        if score is not None and level and (plugin not in top or score > top[plugin][0]):
            top[plugin] = (score, level)
    per: dict[str, dict] = defaultdict(lambda: {"evaluated": 0, "top": 0, "bands": defaultdict(list)})
    for ente, score, level, band, amount in rows:
        d = per[ente]
        if score is not None and level:
            d["evaluated"] += 1
            d["top"] += level == top[plugins[ente]][1]
        if band and amount is not None:
            d["bands"][band].append(Decimal(amount))
    out = []
    for ente in sorted(plugins):
        top_level = top.get(plugins[ente], (0, None))[1]
        if ente not in per:
            out.append(Differentiation(ente, plugins[ente], top_level, None, None))
            continue
        d = per[ente]
        share = d["top"] / d["evaluated"] if d["evaluated"] else None
        capita = [sum(v) / len(v) for v in d["bands"].values() if v]
        ratio = float(max(capita) / min(capita)) if len(capita) >= 2 and min(capita) > 0 else None
        out.append(Differentiation(ente, plugins[ente], top_level, share, ratio))
    return tuple(out)
