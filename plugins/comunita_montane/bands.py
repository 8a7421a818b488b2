"""Art. 17: the graduatorie, the merit bands and the premi annuali sui risultati della performance.

The band arithmetic (cumulative sizes, the tie-safe split, the per-capita weights) is the shared one of
:mod:`ciclope.core.bands`, which a declared ``regolamento`` with «fasce» uses too.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

import attrs

from ciclope.core import Award, Input, Person, Pool, money, scoring
from ciclope.core import bands as merit

from .bandmoney import Split, band_pool_money, per_capita_money, weights_input
from .checks import TOP_CAP, Band, top_bands
from .common import (
    BANDED,
    PERFORMANCE_FUND,
    ZERO,
    Context,
    Part,
    Ranking,
    card_evaluators,
    money_it,
    plain_money,
    rankings,
    src,
)

# (id, score, person, their input «punteggio») of a banded person, best first
Banded = tuple[str, Decimal, Person, Input]
# (id, score, band index) of a banded person, 0 = the highest band
Ranked = tuple[str, Decimal, int]


def merit_bands(
    ctx: Context, statuses: Mapping[str, str], score_inputs: Mapping[str, Input]
) -> tuple[Part, list[Ranked]]:
    """Art. 17: each graduatoria's banded staff in bands, paid from the performance fund (its share of it with one
    ranking per area, art. 17.2 first bullet); the first bands hold at most 30% of the ente's staff in service,
    counted on the whole ente across the areas' rankings (rules §3)."""
    fund = performance_fund(ctx)
    ranks = rankings(ctx.ente, ctx.params)
    by_area = ctx.params["ranking_scope"] == "area"
    shares = ranking_shares(ctx, fund, ranks) if by_area else {rk.id: fund.amount for rk in ranks}
    staff_total = len(ctx.ente.staff())
    top_left = math.floor(TOP_CAP * staff_total)
    awards: dict[str, Award] = {}
    ranked: list[Ranked] = []
    details: dict[str, Any] = {}
    band_totals = {b.name: 0 for b in ctx.bands}
    distributed = Decimal(0)
    for rk in ranks:
        pool_key = f"pool:{PERFORMANCE_FUND}:{rk.id}" if by_area else f"pool:{PERFORMANCE_FUND}"
        banded = banded_of(ctx, rk, statuses, score_inputs)
        done = pay_ranking(ctx, rk, shares[rk.id], pool_key, banded, top_left)
        top_left = done.top_left
        given = sum((a.amount for a in done.awards.values()), Decimal(0))
        details[rk.id] = done.info
        distributed += given
        awards.update(done.awards)
        ranked.extend(done.ranked)
        if by_area:
            concentration(ctx, rk, len(done.ranked), given)
        for name, band in done.info["bands"].items():
            band_totals[name] += band["count"]
    label = fund.label or "Premi annuali sui risultati della performance (art. 17)"
    pool = attrs.evolve(fund, label=label).with_distributed(distributed)
    extra = {"ranking_scope": ctx.params["ranking_scope"], "staff_in_service": staff_total}
    extra.update(rankings=details, bands=band_totals)
    return Part(awards=awards, pools={PERFORMANCE_FUND: pool}, extra=extra), ranked


@attrs.frozen
class RankingPaid:
    """A graduatoria paid out: its report entry, its awards and banded people in graduatoria order, and what is
    left of the ente's 30% cap after it."""

    info: dict[str, Any]
    awards: dict[str, Award]
    ranked: list[Ranked]
    top_left: int


def performance_fund(ctx: Context) -> Pool:
    fund = ctx.pools.get(PERFORMANCE_FUND)
    if fund is not None:
        return fund
    ctx.problem(
        "funds.performance_missing",
        f"manca [fondi] {PERFORMANCE_FUND} in ente.toml: fasce calcolate senza importi",
        src("17"),
        severity="warning",
        file="ente.toml",
        column=f"funds.{PERFORMANCE_FUND}",
    )
    # the bands' and rankings' figures refer to the fund: it is recorded, at zero, where ente.toml lacks it
    ctx.trace.record(
        f"pool:{PERFORMANCE_FUND}",
        ZERO,
        "fondo assente in ente.toml [fondi]: fasce calcolate senza importi",
        src("17"),
        label=f"Fondo {PERFORMANCE_FUND}",
    )
    return Pool(name=PERFORMANCE_FUND, amount=ZERO, source="ente.toml [fondi] (assente)")


def ranking_shares(ctx: Context, fund: Pool, ranks: Sequence[Ranking]) -> dict[str, Decimal]:
    """With one ranking per area the fund is split among them by their staff (art. 17.2 first bullet)."""
    if not ranks:
        return {}
    fund_key = f"pool:{PERFORMANCE_FUND}"
    shares = money.split(fund.amount, {rk.id: Decimal(len(rk.staff)) for rk in ranks})
    for rk in ranks:
        ctx.trace.record(
            f"{fund_key}:{rk.id}",
            shares[rk.id],
            "fondo × personale assegnato alla struttura / personale dell'ente (resti al centesimo col "
            "metodo dei resti più alti)",
            src("17.2 primo alinea"),
            label=f"Fondo della graduatoria {rk.label}",
            inputs=[
                Input("fondo", fund.amount, ref=fund_key),
                Input("personale della struttura", len(rk.staff)),
                Input("personale dell'ente", sum(len(r.staff) for r in ranks)),
            ],
        )
    return shares


def concentration(ctx: Context, rk: Ranking, paid: int, given: Decimal) -> None:
    """With one ranking per area the pool follows the area's staff, but only its banded people are paid: a warning
    when they are fewer than ``area_concentration_share`` of the staff the pool was counted on (a few people
    taking the whole area's share is a reading the conferenza should see, art. 17.2)."""
    share = Decimal(ctx.params["area_concentration_share"])
    staff = len(rk.staff)
    if paid == 0 or staff == 0 or paid >= share * staff:
        return
    ctx.problem(
        "ranking.concentration",
        f"graduatoria {rk.label}: il fondo della struttura ({money_it(given)} €, calcolato su {staff} dipendenti) "
        f"va ai soli {paid} su {staff} in fascia, meno del {share:.0%} del personale: "
        f"{money_it(money.r2(given / paid))} € a testa in media. "
        f'Con {ctx.params.said("ranking_scope")} = "ente" una sola graduatoria distribuirebbe sull\'intero ente',
        src("17.2 primo alinea"),
        severity="warning",
        file="ente.toml",
        column=f"funds.{PERFORMANCE_FUND}",
    )


def banded_of(
    ctx: Context, rk: Ranking, statuses: Mapping[str, str], score_inputs: Mapping[str, Input]
) -> list[Banded]:
    """The ranking's banded staff, best score first (ties by id: :func:`ciclope.core.scoring.by_score`)."""
    found: list[Banded] = []
    for pid in rk.staff:
        score = ctx.scores.get(pid)
        if statuses.get(pid) == BANDED and score is not None and score.score is not None:
            found.append((pid, score.score, ctx.ente.people[pid], score_inputs[pid]))
    return scoring.by_score(found)


def pay_ranking(
    ctx: Context, rk: Ranking, amount: Decimal, pool_key: str, banded: list[Banded], cap: int
) -> RankingPaid:
    """One graduatoria in bands and its pool paid out (art. 17.2)."""
    n = len(banded)
    targets = merit.band_targets(n, ctx.bands, cap)
    groups = merit.assign_bands(banded, targets)
    record_ranking(ctx, rk, n, targets, cap)
    runs, start = [], 0
    for members in groups:  # the bands are consecutive runs of the graduatoria (assign_bands)
        runs.append(banded[start : start + len(members)])
        start += len(members)
    mode = ctx.params["band_money"]
    position = {t[0]: i + 1 for i, t in enumerate(banded)}  # leftover cents by rank, then id (core §4)
    people = [[t[2] for t in run] for run in runs]
    if mode == "band_pool":
        parts, band_pools, formula = band_pool_money(ctx, rk, amount, groups, people, position)
    else:
        parts, band_pools, formula = per_capita_money(ctx.bands, amount, groups, people, position)
    info: dict[str, Any] = {
        "label": rk.label,
        "staff_in_service": len(rk.staff),
        "banded": n,
        "pool": plain_money(amount),
        "top_cap": cap,
        "targets": targets,
        "band_money": mode,
        "bands": {},
        "evaluators": sorted(card_evaluators(ctx.ente, rk.staff)),
    }
    fund = Input("fondo della graduatoria", amount, ref=pool_key)
    weights = () if mode == "band_pool" else (weights_input(ctx.bands, people),)
    split = Split(rk=rk, mode=mode, formula=formula, parts=parts, fund=fund, weights=weights, banded=n)
    awards: dict[str, Award] = {}
    ranked: list[Ranked] = []
    start = 0
    for k, (band, run, band_pool) in enumerate(zip(ctx.bands, runs, band_pools)):
        info["bands"][band.name] = pay_band(ctx, split, band, run, band_pool, start, awards)
        ranked.extend((t[0], t[1], k) for t in run)
        start += len(run)
    return RankingPaid(info, awards, ranked, cap - sum(len(g) for g in groups[: top_bands(len(ctx.bands))]))


def record_ranking(ctx: Context, rk: Ranking, n: int, targets: Sequence[int], cap: int) -> None:
    ctx.trace.record(
        f"ranking:{rk.id}",
        n,
        "persone collocate in fascia; la dimensione cumulativa fino a ogni fascia è ⌊n × (quote di personale "
        "delle fasce fino a quella)⌋, l'ultima fascia prende il resto; i pari merito a cavallo di un confine scendono "
        "nella fascia inferiore; le prime fasce non superano il 30% del personale in servizio",
        src("17.2"),
        label=f"Graduatoria {rk.label}",
        inputs=[Input(f"dimensione cumulativa fino alla fascia {b.name}", t) for b, t in zip(ctx.bands, targets)]
        + [
            Input("tetto del 30% del personale in servizio dell'ente (ancora disponibile)", cap),
            Input("personale in servizio della graduatoria", len(rk.staff)),
        ],
    )


def pay_band(
    ctx: Context,
    split: Split,
    band: Band,
    run: Sequence[Banded],
    band_pool: Decimal,
    start: int,
    awards: dict[str, Award],
) -> dict[str, Any]:
    """One band of a graduatoria: its pool and its people's premi recorded (awards added to ``awards``, in
    graduatoria order); returns the band's report entry."""
    band_key = f"pool:{PERFORMANCE_FUND}:{split.rk.id}:{band.name}"
    fte_input = Input("Σ tempo lavorato della fascia", sum((t[2].fte for t in run), Decimal(0)))
    empty = "fascia vuota" + (": l'intero importo resta come residuo" if split.mode == "band_pool" else "")
    ctx.trace.record(
        band_key,
        band_pool,
        split.formula["band"],
        src("17.2"),
        label=f"Fondo della fascia {band.name} — {split.rk.label}",
        inputs=(
            split.fund,
            Input("quota di personale della fascia", band.staff_text),
            Input("quota di risorse della fascia", band.resources_text),
            Input("persone nella fascia", len(run)),
            fte_input,
        ),
        note="" if run else empty,
    )
    shared = (
        split.fund,
        Input(f"fondo della fascia {band.name}", band_pool, ref=band_key),
        Input(
            "peso pro capite della fascia (quota di risorse / quota di personale)",
            money.r4(band.resources_text / band.staff_text),
        ),
    )
    for i, banded in enumerate(run, start=start + 1):
        pid = banded[0]
        awards[pid] = Award(person=pid, amount=split.parts[pid], pool=PERFORMANCE_FUND, band=band.name)
        record_premio(ctx, split, band, banded, (*shared, fte_input), f"posizione {i} su {split.banded}")
    given = sum((split.parts[t[0]] for t in run), Decimal(0))
    return {
        "count": len(run),
        "people": [t[0] for t in run],
        "staff_share": band.staff_text,
        "resources_share": band.resources_text,
        "pool": plain_money(band_pool),
        "distributed": plain_money(given),
        "residual": plain_money(band_pool - given),
        "per_capita": plain_money(given / len(run)) if run else None,
    }


def record_premio(ctx: Context, split: Split, band: Band, banded: Banded, shared: tuple[Input, ...], rank: str) -> None:
    """A banded person's premio with its inputs: the pools, the band's ratio, their fte, their score (the very
    input object of their status) and their status."""
    pid, _, person, score_input = banded
    ctx.trace.record(
        f"award:{pid}",
        split.parts[pid],
        split.formula["award"].format(band=band.name),
        src("17.2"),
        (
            *shared[:3],
            Input("tempo lavorato", person.fte, cell=ctx.ente.cell("people", person.row, "fte")),
            shared[3],
            *split.weights,
            score_input,
            Input("esito", BANDED, ref=f"score:{pid}:status"),
        ),
        f"Premio di {person.name} (fascia {band.name})",
        f"graduatoria {split.rk.label}: {rank}",
    )
