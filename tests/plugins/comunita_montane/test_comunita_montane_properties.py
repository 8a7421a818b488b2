"""Properties of the merit bands and money of comunita_montane (rules/comunita_montane.md §3), with hypothesis.

- no band exceeds its share: the first k bands never hold more than ⌊n × (staff_1 + … + staff_k)⌋
  people (so the first band never more than n × staff_1), nor the top band(s) more than 30% of the
  staff in service;
- equal scores always share a band, and a better score never sits in a lower band;
- every pool is conserved to the cent: the fund = Σ ranking pools = Σ band pools; each band pool =
  distributed + residual; each reported pool: distributed + residual = amount = … and the awards
  tagged with it sum to what it distributed.

The rewards phase is called directly on an ente built in memory (no files), so many cases run fast.
"""

import datetime as dt
import math
from decimal import Decimal
from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from ciclope.core import bands as merit
from ciclope.core import scoring
from ciclope.core.engine import hookspecs
from ciclope.core.engine.registry import Hooks
from ciclope.core.model import Ente, EvaluationItem, Person, Unit
from ciclope.core.money import Pool
from ciclope.core.outcomes import OrgPerformance, Score
from ciclope.core.params import merge_params
from ciclope.core.trace import Trace
from ciclope.plugins.comunita_montane import rules
from ciclope.plugins.comunita_montane.checks import check_params, parse_bands

D = Decimal
CENT = D("0.01")

VALID_BANDS = [
    None,  # the default 20/50, 40/40, 40/10
    [
        {"name": "alta", "staff": 0.1, "resources": 0.3},
        {"name": "intermedia", "staff": 0.3, "resources": 0.45},
        {"name": "bassa", "staff": 0.6, "resources": 0.25},
    ],  # ratio exactly 1:2
    [
        {"name": "a", "staff": 0.3, "resources": 0.6},
        {"name": "b", "staff": 0.35, "resources": 0.3},
        {"name": "c", "staff": 0.35, "resources": 0.1},
    ],  # first band exactly 30%
    [
        {"name": "a", "staff": 0.1, "resources": 0.35},
        {"name": "b", "staff": 0.2, "resources": 0.35},
        {"name": "c", "staff": 0.4, "resources": 0.25},
        {"name": "d", "staff": 0.3, "resources": 0.05},
    ],  # 4 bands
    [
        {"name": "e", "staff": 0.1, "resources": 0.25},
        {"name": "a", "staff": 0.2, "resources": 0.3},
        {"name": "m", "staff": 0.3, "resources": 0.3},
        {"name": "b", "staff": 0.2, "resources": 0.1},
        {"name": "z", "staff": 0.2, "resources": 0.05},
    ],  # 5 bands, 1:1.5 exactly
]
SPECS = Hooks.for_plugin("comunita_montane")[0].first(hookspecs.ciclope_params, year=2021)


def params_for(bands, scope):
    overrides = {"ranking_scope": scope}
    if bands is not None:
        overrides["bands"] = bands
    params, problems = merge_params(SPECS, overrides)
    assert not problems and not check_params(params), "the test's configurations are valid"
    return params


def test_the_test_configurations_are_valid():
    for cfg in VALID_BANDS:
        params_for(cfg, "ente")


scores_st = st.sampled_from([D(60), D(69), D(70), D("72.5"), D(75), D(80), D(85), D(90), D("97.25"), D(100)])
person_st = st.tuples(
    scores_st,
    st.sampled_from([D(1), D("0.5"), D("0.83"), D("0.33")]),
    st.sampled_from([D(0), D(20), D(151)]),
    st.sampled_from(["a1", "a2", "a3"]),
    st.booleans(),
)


def build(staff, achievements):
    units = {
        "cm": Unit("cm", "CM", "ente", None, "SEG"),
        **{u: Unit(u, f"Area {u}", "area", "cm", "PO") for u in ("a1", "a2", "a3")},
    }
    people = {
        "SEG": Person("SEG", "Segretario", "segretario", "DIR", "cm", extra={"position_pay": D(20000)}, row=2),
        "PO": Person("PO", "Responsabile", "po", "D", "a1", evaluator="SEG", extra={"position_pay": D(9000)}, row=3),
    }
    evaluations = []
    for i, (score, fte, absence, unit, _) in enumerate(staff):
        pid = f"P{i:03d}"
        people[pid] = Person(
            pid, pid, "dipendente", "C", unit, fte=fte, absence_days=absence, evaluator="SEG", row=i + 4
        )
        evaluations.append(EvaluationItem(pid, "SEG", "s", "Valutazione", D(100), score, None, row=i + 2))
    ente = Ente(
        id="x",
        name="CM",
        year=2021,
        units=units,
        people=people,
        evaluations=tuple(evaluations),
        approvals={"bonus_decided": dt.date(2021, 1, 10)},
    )
    org = OrgPerformance(ente=D(1), units={"cm": D(1), **achievements})
    scores = {
        "SEG": Score("SEG", D(88), "ottima", breakdown={"scheda": D(88)}),
        "PO": Score("PO", D("71.5"), "buona", breakdown={"scheda": D(70)}),
    }
    for i, (score, *_rest) in enumerate(staff):
        scores[f"P{i:03d}"] = Score(f"P{i:03d}", score, None, breakdown={"scheda": score})
    return ente, org, scores


@settings(max_examples=300)
@given(
    staff=st.lists(person_st, min_size=0, max_size=60),
    achievements=st.fixed_dictionaries(
        {u: st.sampled_from([D("0.5"), D("0.6999"), D("0.7"), D(1)]) for u in ("a1", "a2", "a3")}
    ),
    cfg=st.sampled_from(VALID_BANDS),
    scope=st.sampled_from(["ente", "area"]),
    fund=st.integers(0, 10**8),
    bonus=st.integers(0, 10**6),
    result=st.one_of(st.none(), st.integers(0, 10**7)),
)
def test_bands_never_exceed_their_share_ties_share_a_band_and_pools_are_conserved(
    staff, achievements, cfg, scope, fund, bonus, result
):
    ente, org, scores = build(staff, achievements)
    params = params_for(cfg, scope)
    pools = {
        "performance_individuale": Pool("performance_individuale", D(fund) * CENT),
        "bonus_eccellenze": Pool("bonus_eccellenze", D(bonus) * CENT),
    }
    if result is not None:
        pools["risultato_po_dirigenti"] = Pool("risultato_po_dirigenti", D(result) * CENT)
    rewards = rules.compute_rewards(ente, scores, pools, params, org, Trace())
    bands, _ = parse_bands(params["bands"])
    names = [b.name for b in bands]
    fund_amount = D(fund) * CENT

    ranking_pools = D(0)
    for rk in rewards.extra["rankings"].values():
        n = rk["banded"]
        counts = [rk["bands"][name]["count"] for name in names]
        assert sum(counts) == n
        # no band exceeds its share (cumulatively; the first band on its own)
        cum, held = Fraction(0), 0
        for band, count in zip(bands[:-1], counts):
            cum += band.staff
            held += count
            assert held <= math.floor(n * cum)
        assert counts[0] <= n * bands[0].staff
        top = 1 if len(bands) == 3 else 2
        assert sum(counts[:top]) <= Fraction(3, 10) * rk["staff_in_service"]
        # equal scores share a band; a better score is never in a lower band
        where = {pid: k for k, name in enumerate(names) for pid in rk["bands"][name]["people"]}
        for a, ka in where.items():
            for b, kb in where.items():
                if scores[a].score == scores[b].score:
                    assert ka == kb
                elif scores[a].score > scores[b].score:
                    assert ka <= kb
        # band pools: Σ = the ranking's pool; each distributed + residual = pool
        band_pools = [D(rk["bands"][name]["pool"]) for name in names]
        # per capita (default): the whole ranking pool is paid as soon as someone is banded
        assert sum(band_pools) == (D(rk["pool"]) if n else 0)
        # each award is within a cent of pool × w / Σ w, w = resources_k / staff_k × fte (rules §3)
        weight = {
            pid: band.resources / band.staff * Fraction(ente.people[pid].fte)
            for band, name in zip(bands, names)
            for pid in rk["bands"][name]["people"]
        }
        total_w = sum(weight.values(), Fraction(0))
        for pid, w in weight.items():
            exact = Fraction(D(rk["pool"])) * w / total_w
            assert abs(Fraction(rewards.awards[pid].amount) - exact) < Fraction(1, 100)
        for name in names:
            b = rk["bands"][name]
            assert D(b["distributed"]) + D(b["residual"]) == D(b["pool"])
            paid = sum((rewards.awards[p].amount for p in b["people"]), D(0))
            assert paid == D(b["distributed"])
            if not b["people"]:
                assert D(b["residual"]) == D(b["pool"])
        ranking_pools += D(rk["pool"])
    if rewards.extra["rankings"]:
        assert ranking_pools == fund_amount
    for name, p in rewards.pools.items():
        assert p.distributed + p.residual == p.amount
        assert p.distributed >= 0 and p.residual >= 0
        assert p.distributed == p.distributed.quantize(CENT)
        tagged = [a.amount for a in rewards.awards.values() if a.pool == name]
        assert sum(tagged, D(0)) == p.distributed
    for a in rewards.awards.values():
        assert a.amount >= 0 and a.amount == a.amount.quantize(CENT)
        if a.pool == "performance_individuale":
            assert rewards.statuses[a.person] == "banded"


@settings(max_examples=300)
@given(values=st.lists(st.integers(60, 70), min_size=0, max_size=80), cfg=st.sampled_from(VALID_BANDS))
def test_assign_bands_on_heavy_ties(values, cfg):
    bands, _ = parse_bands(cfg if cfg is not None else SPECS["bands"].value)
    ordered = scoring.by_score([(f"p{i:03d}", D(v)) for i, v in enumerate(values)])
    n = len(ordered)
    groups = merit.assign_bands(ordered, merit.band_targets(n, bands))
    assert [p for g in groups for p in g] == [p for p, _ in ordered]  # everybody, in order
    band_of = {p: k for k, g in enumerate(groups) for p in g}
    score = dict(ordered)
    for a in band_of:
        for b in band_of:
            if score[a] == score[b]:
                assert band_of[a] == band_of[b]
    held, cum = 0, Fraction(0)
    for band, g in zip(bands[:-1], groups):
        cum += band.staff
        held += len(g)
        assert held <= math.floor(n * cum)


@settings(max_examples=300)
@given(values=st.lists(st.integers(0, 8), min_size=0, max_size=40), limit=st.integers(0, 45))
def test_cut_without_ties_never_exceeds_and_never_splits(values, limit):
    ordered = scoring.by_score([(f"p{i:03d}", D(v)) for i, v in enumerate(values)])
    chosen = scoring.cut_without_ties(ordered, limit)
    assert len(chosen) <= limit
    assert chosen == [p for p, _ in ordered[: len(chosen)]]
    if chosen and len(chosen) < len(ordered):
        assert dict(ordered)[chosen[-1]] > ordered[len(chosen)][1]  # nobody left out ties the last chosen
