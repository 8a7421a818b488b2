"""Benchmarking among the enti of one year (posizionamento comparativo, ``004…`` §3; ``003…`` art. 2.4).

For a year of the store, across the enti's current results:
- the distribution of ente performance (median, quartiles, each ente's rank);
- each indicator that at least :data:`MIN_ENTI` enti declare comparable, with each ente's value, the
  median, the quartiles and its position. Comparable means the same ``benchmark`` code in
  ``indicators.csv`` (a catalogue an office or a provider writes once for many enti) or, for
  indicators without one, the same id **and** type **and** name (case and spaces aside): every ente
  has an ``I3``, and a time in days is no percentage. Only indicators scored that year are compared
  (never an inactive ``-``, a neutralized or a monitor-only one), and only the kinds that measure a
  quantity (``higher``, ``lower``, ``project``); the direction comes from the type;
- differentiation: per ente, the share of evaluated people at the plugin's top level and the ratio between
  the highest and the lowest per-capita amount of its bands. Where an ente's regulation gives a role a scale of
  levels of its own (``PluginInfo.level_scales``, read again from its stored results.json as the words are), each
  person counts at the top of their own scale, and the ente has no one top level.

Quartiles are the "inclusive" ones of :func:`statistics.quantiles` (the method of spreadsheets'
QUARTILE.INC), so an office can recompute them in Excel, and an ente's quartile label is read from
those same figures: the 1st quartile is the best quarter (at or above Q3, or at or below Q1 for an
indicator of type ``lower``). Rank 1 is the best: the highest value, or the lowest for ``lower``. Only a
distribution of :data:`MIN_QUARTERS` enti or more has quarters.
"""

from __future__ import annotations

import functools
import re
import statistics
from collections import Counter, defaultdict
from collections.abc import Mapping

import attrs
from sqlalchemy import Engine, Float, and_, cast, func, select

from ciclope.core.store import schema as s
from ciclope.core.store.read import current, document
from ciclope.core.store.words import own_tops

MIN_ENTI = 3
OWN_TOP = "il più alto della propria scala"  # the top level of an ente on several scales, as its tables say it
COMPARED_TYPES = ("higher", "lower", "project")  # quantities; a deadline or a yes/no has no ranking


@attrs.frozen
class Position:
    ente: str
    value: float
    rank: int  # 1 = best
    of: int
    quartile: int  # 1 = the best quarter; 0 = none, fewer than MIN_QUARTERS enti (:meth:`Distribution.position`)
    median: float
    tied: int = 0  # how many other enti have the same value, and so the same rank

    def placed(self) -> str:
        """«2° su 5», or «1° a pari merito con altri 3 su 4»: a rank shared with others is said, never left to look
        like a place of its own."""
        if not self.tied:
            return f"{self.rank}° su {self.of}"
        others = "un altro" if self.tied == 1 else f"altri {self.tied}"
        return f"{self.rank}° a pari merito con {others} su {self.of}"

    def quarter(self) -> str:
        """The quarter of the enti the value is in, counted from the best and said so («1° quarto, il migliore»):
        never «1° quartile», which in a spreadsheet is the lowest of the values; «—» where there are no quarters."""
        return QUARTERS.get(self.quartile, NO_QUARTER)


# the quarters of a distribution counted from the best (Position.quartile), in words
QUARTERS = {1: "1° quarto, il migliore", 2: "2° quarto", 3: "3° quarto", 4: "4° quarto, il peggiore"}
# Quarters need four enti: of three, the QUARTILE.INC figures put the last below Q1 (the 4th quarter, «il
# peggiore») and nobody in the 3rd, a quarter that says nothing true of a ranking of three
MIN_QUARTERS = 4
NO_QUARTER = "—"

# what the quarters are, beside every table that shows them: the best quarter is the 1st, while the spreadsheet's
# first quartile (QUARTILE.INC) is the value below which lie the lowest ones
QUARTERS_NOTE = (
    "Quarti contati dal migliore: il 1° quarto ha i valori pari o migliori del terzo quartile (per un indicatore "
    "«più basso è meglio», pari o inferiori al primo quartile), il 4° i peggiori; primo e terzo quartile come "
    "QUARTILE.INC di Excel, dove il primo quartile è il valore sotto cui stanno i più bassi. Con meno di "
    f"{MIN_QUARTERS} enti i quarti non si calcolano («{NO_QUARTER}»): tre valori non si dividono in quattro parti."
)


@attrs.frozen
class Distribution:
    values: tuple[tuple[str, float], ...]  # (ente, value), best first
    median: float
    q1: float  # lower quartile
    q3: float  # upper quartile
    lower_is_better: bool = False
    ranks: dict[str, tuple[int, float]] = attrs.field(factory=dict, eq=False, repr=False)  # ente → (rank, value)
    counts: dict[float, int] = attrs.field(factory=dict, eq=False, repr=False)  # value → how many enti have it

    @classmethod
    def of(cls, values: dict[str, float], lower_is_better: bool = False) -> Distribution:
        ordered = sorted(values.items(), key=lambda kv: (kv[1] if lower_is_better else -kv[1], kv[0]))
        data = [v for _, v in ordered]
        if len(data) == 1:
            q1 = med = q3 = data[0]
        else:
            q1, med, q3 = statistics.quantiles(data, n=4, method="inclusive")
        ranks: dict[str, tuple[int, float]] = {}
        for i, (ente, value) in enumerate(ordered):
            # 1 + how many are strictly better: the first of a run of equal values gives the run its rank
            rank = ranks[ordered[i - 1][0]][0] if i and ordered[i - 1][1] == value else i + 1
            ranks[ente] = (rank, value)
        counts = Counter(data)
        return cls(
            values=tuple(ordered),
            median=med,
            q1=q1,
            q3=q3,
            lower_is_better=lower_is_better,
            ranks=ranks,
            counts=dict(counts),
        )

    def quartile(self, value: float) -> int:
        """1 (the best quarter) to 4, from the printed QUARTILE.INC figures: for higher-is-better, 1 at or above
        Q3, 2 at or above the median, 3 at or above Q1, else 4; mirrored for lower-is-better."""
        if self.lower_is_better:
            return 1 if value <= self.q1 else 2 if value <= self.median else 3 if value <= self.q3 else 4
        return 1 if value >= self.q3 else 2 if value >= self.median else 3 if value >= self.q1 else 4

    def position(self, ente: str) -> Position | None:
        if ente not in self.ranks:
            return None
        rank, value = self.ranks[ente]
        tied = self.counts.get(value, 1) - 1
        quarter = self.quartile(value) if len(self.values) >= MIN_QUARTERS else 0
        return Position(ente, value, rank, len(self.values), quarter, self.median, tied)


@attrs.frozen
class IndicatorBench:
    key: str  # the shared id, or "nome: <name>"
    name: str
    type: str
    distribution: Distribution
    achievements: tuple[tuple[str, float | None], ...] = ()
    percent: bool = False  # every ente wrote it as percentages (``72%``): its values read back as such


@attrs.frozen
class Differentiation:
    ente: str
    plugin: str
    top_level: str | None  # None on several scales (``own_scale``)
    top_share: float | None  # evaluated people at the top level / evaluated people
    band_ratio: float | None  # highest / lowest per-capita amount among the ente's bands
    own_scale: bool = False  # the ente's people are on several scales: each counted at the top of their own


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
    """The comparison for ``year``. Indicators of individual objectives are left out (they measure one
    person, not the ente); the people figures are aggregated by the database (a count, a maximum and a
    sum per ente and level or band), so 1,000 enti of 300 people cost a few queries, not 300,000 rows."""
    enti = current(engine, year=year)
    ids = {c.result_id: c for c in enti}
    perf = {c.ente: c.performance for c in enti if c.performance is not None}
    performance = Distribution.of(perf) if len(perf) >= MIN_ENTI else None
    result_ids = list(ids)
    with engine.connect() as conn:
        ind_rows = conn.execute(
            select(
                s.indicators.c.result,
                s.indicators.c.indicator,
                s.indicators.c.name,
                s.indicators.c.type,
                s.indicators.c.value,
                s.indicators.c.achievement,
                s.indicators.c.benchmark,
                s.indicators.c.percent,
            )
            .join(
                s.objectives,
                and_(
                    s.objectives.c.result == s.indicators.c.result, s.objectives.c.objective == s.indicators.c.objective
                ),
            )
            .where(
                s.indicators.c.result.in_(result_ids),
                s.objectives.c.kind != "individual",
                s.indicators.c.scored.is_(True),
                s.indicators.c.type.in_(COMPARED_TYPES),
            )
        ).all()
        levels = conn.execute(
            select(s.people.c.result, s.people.c.role, s.people.c.level, func.count(), func.max(s.people.c.score))
            .where(s.people.c.result.in_(result_ids), s.people.c.score.is_not(None), s.people.c.level.is_not(None))
            .group_by(s.people.c.result, s.people.c.role, s.people.c.level)
        ).all()
        bands = conn.execute(
            select(s.people.c.result, s.people.c.band, func.count(), func.sum(cast(s.people.c.amount, Float)))
            .where(s.people.c.result.in_(result_ids), s.people.c.band.is_not(None), s.people.c.amount.is_not(None))
            .group_by(s.people.c.result, s.people.c.band)
        ).all()
    merged, own = on_scales(engine, year, {r: (c.ente, c.plugin) for r, c in ids.items()}, levels)
    return Benchmark(
        year=year,
        enti=len(enti),
        performance=performance,
        indicators=shared_indicators([(ids[r].ente, *rest) for r, *rest in ind_rows]),
        differentiation=differentiation(
            {c.ente: c.plugin for c in enti},
            merged,
            [(ids[r].ente, band, n, total) for r, band, n, total in bands],
            own,
        ),
    )


def on_scales(engine: Engine, year: int, enti: Mapping[int, tuple[str, str]], levels) -> tuple[list, dict[str, int]]:
    """``levels`` (result, role, level, evaluated people, their highest score) as :func:`differentiation` reads them:
    (ente, level, evaluated, highest score) over the roles; and the enti whose people are on several scales of levels
    (``words.own_tops``: their stored result read again), each with its evaluated people at the top of their own.
    ``enti``: result id → (ente, plugin)."""
    roles: dict[int, set[str]] = defaultdict(set)
    for r, role, *_ in levels:
        roles[r].add(role)
    tops = {}
    for r, (ente, plugin) in enti.items():
        if r in roles and (found := own_tops(plugin, functools.partial(document, engine, r), year, roles[r])):
            tops[ente] = found
    merged: dict[tuple[str, str], tuple[int, float]] = {}  # (ente, level) → evaluated, best score over the roles
    own: dict[str, int] = {ente: 0 for ente in tops}
    for r, role, level, n, best in levels:
        ente = enti[r][0]
        count, high = merged.get((ente, level), (0, best))
        merged[ente, level] = (count + n, max(high, best))
        if ente in tops and tops[ente].get(role) == level:
            own[ente] += n
    return [(ente, level, n, best) for (ente, level), (n, best) in merged.items()], own


def comparable_key(indicator: str, name: str, kind: str, code: str | None) -> str:
    """What makes two enti's indicators the same measure: a declared code, else id, type and name together."""
    if code:
        return f"codice {code}"
    return f"{indicator} · {kind} · {normalized(name)}"


def shared_indicators(rows) -> tuple[IndicatorBench, ...]:
    """``rows``: (ente, indicator id, name, type, numeric value, achievement, benchmark code, written as
    percentages), scored indicators only. A group counts when ≥ MIN_ENTI enti have a numeric value; a code declared for
    indicators of different types compares only those of the type most of them have."""
    groups: dict[str, list] = defaultdict(list)
    for row in rows:
        groups[comparable_key(row[1], row[2], row[3], row[6] if len(row) > 6 else None)].append(row)
    out = []
    for key, members in sorted(groups.items()):
        kind = statistics.mode(m[3] for m in members)
        values = {m[0]: m[4] for m in members if m[3] == kind and m[4] is not None}
        if len(values) < MIN_ENTI:
            continue
        out.append(
            IndicatorBench(
                key=key.split(" · ")[0] if not key.startswith("codice ") else key,
                name=members[0][2],
                type=kind,
                distribution=Distribution.of(values, lower_is_better=kind == "lower"),
                achievements=tuple(sorted((m[0], m[5]) for m in members if m[3] == kind)),
                percent=all(len(m) > 7 and bool(m[7]) for m in members if m[3] == kind),
            )
        )
    return tuple(out)


def differentiation(
    plugins: dict[str, str], levels, bands, own: Mapping[str, int] | None = None
) -> tuple[Differentiation, ...]:
    """``levels``: (ente, level, evaluated people at that level, their highest score); ``bands``: (ente,
    band, people paid in the band, total amount); ``own``: the enti whose people are on several scales of levels,
    each with its evaluated people at the top of their own scale. The top level of a plugin is the level of the
    highest score among all its enti on one scale (levels are the plugin's scale, the same for its enti)."""
    own = own or {}
    top: dict[str, tuple[float, str]] = {}
    for ente, level, _n, best in levels:
        plugin = plugins[ente]
        if ente not in own and (plugin not in top or best > top[plugin][0]):
            top[plugin] = (best, level)
    evaluated: dict[str, int] = defaultdict(int)
    at_top: dict[str, int] = defaultdict(int, own)
    for ente, level, n, _best in levels:
        evaluated[ente] += n
        if ente not in own and level == top[plugins[ente]][1]:
            at_top[ente] += n
    capita: dict[str, list[float]] = defaultdict(list)
    for ente, _band, n, total in bands:
        if n:
            capita[ente].append(float(total) / n)
    out = []
    for ente in sorted(plugins):
        top_level = None if ente in own else top.get(plugins[ente], (0.0, None))[1]
        share = at_top[ente] / evaluated[ente] if evaluated.get(ente) else None
        values = capita.get(ente, [])
        ratio = max(values) / min(values) if len(values) >= 2 and min(values) > 0 else None
        out.append(Differentiation(ente, plugins[ente], top_level, share, ratio, ente in own))
    return tuple(out)
