"""Phase e: the result pay of dirigenti and the productivity premi of the staff, by area (004… §4–5)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal

from ciclope.core import (
    Award,
    Ente,
    Input,
    OrgPerformance,
    Params,
    Person,
    Pool,
    Problem,
    Rewards,
    Score,
    Trace,
    Unit,
    distribute,
    hookimpl,
    money,
)

from .common import (
    HUNDRED,
    SEGRETERIA,
    SMVP,
    ZERO,
    area_head,
    area_units,
    dirigenti_pool,
    level_rank,
    scored_unit,
    segreteria_staff,
    staff_pool,
)


@hookimpl(specname="ciclope_rewards")
def rewards(
    ente: Ente, scores: dict[str, Score], pools: dict[str, Pool], params: Params, org: OrgPerformance, trace: Trace
) -> Rewards:
    pools = dict(pools)
    awards: dict[str, Award] = {}
    for a in area_units(ente):
        key = dirigenti_pool(a.id)
        if key in pools:
            pools[key] = dirigente_award(ente, a, pools[key], scores, awards, trace)
        key = staff_pool(a.id)
        if key in pools:
            pools[key] = staff_awards(ente, ente.staff_in_area(a.id), pools[key], scores, params, org, awards, trace)
    key = staff_pool(SEGRETERIA)
    if key in pools:
        pools[key] = staff_awards(ente, segreteria_staff(ente), pools[key], scores, params, org, awards, trace)
    return Rewards(pools=pools, awards=awards)


def dirigente_award(
    ente: Ente, area: Unit, pool: Pool, scores: Mapping[str, Score], awards: dict[str, Award], trace: Trace
) -> Pool:
    """Result of the area's dirigente: the area's pool × score / 100, half-up; the rest is residual."""
    head = area_head(ente, area)
    if head is None or not head.is_dirigente:
        return pool
    if head.id in awards:
        trace.problem(
            Problem(
                rule="brescia.rewards.two_areas",
                severity="warning",
                source=f"{SMVP} §5.3",
                file=ente.file_of("units"),
                row=area.row,
                column="head",
                message=f"{head.id} dirige più aree: il fondo dell'area {area.id} resta non distribuito",
            )
        )
        return pool
    score = scores.get(head.id)
    value = score.score if score is not None else None
    amount = ZERO if value is None else money.r2(pool.amount * value / HUNDRED)
    trace.record(
        f"award:{head.id}",
        amount,
        "fondo dei dirigenti dell'area × punteggio / 100 (arrotondato al centesimo); il resto rimane nel fondo",
        f"{SMVP} §4.2.1, §5.3",
        label=f"Retribuzione di risultato di {head.name}",
        inputs=[
            Input(said_fund(pool), pool.amount, ref=f"pool:{pool.name}"),
            Input("punteggio", value, ref="" if value is None else f"score:{head.id}"),  # no score, no figure
        ],
    )
    awards[head.id] = Award(person=head.id, amount=amount, pool=pool.name)
    return pool.with_distributed(amount)


def staff_awards(
    ente: Ente,
    members: Sequence[Person],
    pool: Pool,
    scores: Mapping[str, Score],
    params: Params,
    org: OrgPerformance,
    awards: dict[str, Award],
    trace: Trace,
) -> Pool:
    """Assumption (CCDI): the area's pool among its dipendenti at least staff_min_level, by score × fte × unit."""
    min_rank = level_rank(params["staff_min_level"], params)
    # each unit of the area's staff once: the nearest scored unit at or above it, its performance and its input
    unit_ach: dict[str, Decimal | None] = {}
    unit_input: dict[str, Input] = {}
    by_scored: dict[str, Input] = {}
    for u in dict.fromkeys(p.unit for p in members):
        scored = scored_unit(ente, org, u)
        uid = scored or u
        found = by_scored.get(uid)
        if found is None:
            said = ente.units[uid].name if uid in ente.units else uid
            found = by_scored[uid] = Input(f"performance dell'unità {said}", org.units.get(uid), ref=f"unit:{uid}")
        unit_input[u] = found
        unit_ach[u] = org.units.get(scored) if scored else None

    def why_excluded(p: Person, s: Score) -> str | None:
        if p.insufficient:
            return "dichiarato insufficiente"
        if level_rank(s.level, params) < min_rank:
            return f"livello {s.level} sotto {params['staff_min_level']}"
        if unit_ach[p.unit] is None:
            return f"unità {p.unit} senza performance misurata"
        return None

    fund = Input(said_fund(pool), pool.amount, ref=f"pool:{pool.name}")
    shared, given = distribute(
        pool,
        members,
        scores,
        lambda p, score: score * p.fte * (unit_ach[p.unit] or ZERO),
        why_excluded,
        trace,
        formula="fondo dell'area × (punteggio × tempo lavorato × performance dell'unità) / somma "
        "dei pesi dei dipendenti ammessi (resto maggiore al centesimo)",
        source=f"{SMVP} §4.2.3, §5.3; CCDI (ipotesi, params.toml staff_min_level)",
        label=lambda p: f"Premio di produttività di {p.name}",
        inputs=lambda p, s: [
            fund,  # the same input for everyone of the pool (one object)
            Input("punteggio", s.score, ref=f"score:{p.id}"),
            Input("tempo lavorato", p.fte, cell=ente.cell("people", p.row, "fte")),
            unit_input[p.unit],
        ],
        total_label="somma dei pesi dell'area",
    )
    awards.update(given)
    return shared


def said_fund(pool: Pool) -> str:
    """A fund as an input of a figure names it: by its label («Fondo personale — Area amministrativa»), never by its
    code (``staff:amm``)."""
    return pool.label or f"fondo {pool.name}"
