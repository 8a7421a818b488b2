"""``compare.json``: the scenarios of one ente (or the total of several) as one deterministic dict.

Shape (money as strings with 2 decimals, as in ``results.json``; scores and ratios as numbers)::

    {"ente": ID, "name", "plugin", "year",
     "scenarios": {NAME: {"file", "description", "computed", "params", "amended_from", "funds",
                          "people": {ID: {"role", "score", "level", "band", "status", "amount"}},
                          "pools": {POOL: {"amount", "distributed", "residual"}},
                          "bands": [...], "levels": [...], "metrics": {...}, "violations": [...]}}}

``attuale`` comes first, then the scenarios in command-line order; people, pools sorted by id.
``params`` holds the values in force of every parameter that some scenario or the ente's own
``[ente.params]`` sets, in every scenario (``attuale`` too), so they can be read side by side (a file by its
name, never its absolute path), and each figure a dotted key amends (``regolamento.premi.presenza.quota_fondo``)
as written; ``amended_from`` the same figures as the parameter's own content writes them (hook
``ciclope_amended_figures``).
A person's ``amount`` is the sum of their awards from performance pools of the ledger
(``result.ledger``: premiums, bonuses, prizes, result pay — a PO holder's retribuzione di risultato
included); the retribuzione di posizione comes from a position pool, is not a reward and is not
counted: a holder has it beside as ``position_pay`` (with ``result_pay``). ``pools`` lists every
pool of the ledger. The total of several enti has ``"ente": "totale"``, ``"enti": [...]`` (their ids) and
``"names": [...]`` (their names), ``"regulation"`` only where every ente applies that act ("" otherwise), ``params``
by ente, people keyed ``ENTE/ID``, pools summed by name and each violation with its ente.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

import attrs

from ciclope.core.compare import metrics
from ciclope.core.compare.scenario import ScenarioRun
from ciclope.core.money import PERFORMANCE
from ciclope.core.output.results import money, num
from ciclope.core.params import Params, flatten
from ciclope.core.reports import stats

ZERO = Decimal("0.00")


@attrs.frozen
class Row:
    """One person in one scenario."""

    key: str
    role: str
    score: Decimal | None
    level: str | None
    band: str | None
    status: str | None
    amount: Decimal  # every performance award of the person (a PO's result pay included)
    band_amount: Decimal  # the awards of the person's band only (for per-band per-capita figures)
    position_pay: Decimal | None = None  # retribuzione di posizione of the positions held (not in amount)
    result_pay: Decimal | None = None  # retribuzione di risultato of the positions held (in amount)
    # the highest level of the person's own scale, where the ente's people are on several (stats.own_tops): the
    # level they count at the top by; None on one scale, where the top is the comparison's one highest level
    own_top: str | None = None
    # a dirigente, Segretario or PO / EQ: their amount is the result pay of a fund of their own (the contract's), so
    # their levels are counted apart from the staff's premiums (:func:`staff_levels`)
    head: bool = False


@attrs.frozen
class Facts:
    """What the document of one scenario is made from (one ente, or several merged)."""

    name: str
    file: str
    description: str
    computed: bool
    params: dict  # every parameter in force (a total: ente → parameters)
    overridden: frozenset  # the keys set by [ente.params] or the scenario
    funds: dict
    rows: tuple[Row, ...]
    pools: dict  # name → (amount, distributed)
    violations: tuple[dict, ...]
    # the scales of levels the people are on, each from the highest, where they are several (stats.level_scales)
    scales: tuple[tuple[str, ...], ...] = ()
    # the figures a dotted key changes inside a parameter's content, as the content writes them (a total: by ente);
    # ``params`` holds the amended ones under the same keys
    amended_from: dict = attrs.field(factory=dict)
    # where the office writes what the scenario changes, to adopt it (:func:`adoption`), in Italian
    adopt: tuple[str, ...] = ()


def facts(run: ScenarioRun) -> Facts:
    sc, res = run.scenario, run.result
    rows: list[Row] = []
    pools: dict[str, tuple[Decimal, Decimal]] = {}
    if res is not None:
        awards: dict[str, list] = {}
        if res.rewards is not None or res.positions is not None:
            ledger = res.ledger
            for a in ledger.awards:  # people's amounts: performance pay (position pay is not)
                if ledger.kind_of(a) == PERFORMANCE:
                    awards.setdefault(a.person, []).append(a)
            pools = {k: (p.amount, p.distributed) for k, p in ledger.pools.items()}
        held = positions_held(res)
        tops = stats.own_tops(res.plugin.level_scales, (p.role for p in res.ente.people.values()))
        for pid in sorted(res.ente.people):
            person = res.ente.people[pid]
            score = res.scores.get(pid)
            mine = awards.get(pid, [])
            band = next((a.band for a in mine if a.band), None)
            posts = held.get(pid, [])
            result_pay = sum((p.result or ZERO for p in posts), ZERO) if posts else None
            rows.append(
                Row(
                    key=pid,
                    role=person.role,
                    score=None if score is None else score.score,
                    level=None if score is None else score.level,
                    band=band,
                    status=res.status_of(pid),
                    amount=sum((a.amount for a in mine), ZERO),
                    band_amount=sum((a.amount for a in mine if band and a.band == band), ZERO),
                    position_pay=sum((p.annual for p in posts), ZERO) if posts else None,
                    result_pay=result_pay,
                    own_top=tops.get(person.role),
                    head=not person.is_staff,
                )
            )
    violations = tuple(
        {"severity": v.severity, "rule": v.rule, "source": v.source, "where": v.where, "message": v.message}
        for v in run.violations
    )
    return Facts(
        name=sc.name,
        file=Path(sc.file).name if sc.file else "",  # by its name, as cycle.toml and a file parameter are
        description=sc.description,
        computed=res is not None,
        params={} if run.params is None else {**_in_force(run.params), **{k: v for k, (_, v) in run.amended.items()}},
        overridden=frozenset(run.overrides),
        funds={k: money(v) for k, v in sorted(run.funds.items())},
        rows=tuple(rows),
        pools=dict(sorted(pools.items())),
        violations=violations,
        scales=() if res is None else stats.level_scales(res),
        amended_from={k: was for k, (was, _) in run.amended.items()},
        adopt=adoption(run),
    )


FUNDS_PLACE = "in ente.toml, tabella [fondi]"
PARAMS_PLACE = "in cycle.toml, tabella [ente.parametri]"


def adoption(run: ScenarioRun) -> tuple[str, ...]:
    """Where the office writes what the scenario changes, to adopt it with ``ciclope run``: a fund in ente.toml's
    [fondi], a figure amended inside a parameter's file (a declared regulation) in that file, by its name; any other
    parameter in cycle.toml's [ente.parametri]; a row of a sheet in that sheet of the ente's data. A reform not yet in
    force is adopted nowhere: ``run`` never applies it."""
    sc = run.scenario
    if sc.reforms:
        return ("non si adotta: riforma non ancora in vigore",)
    places: list[str] = []
    if sc.funds:
        places.append(FUNDS_PLACE)
    heads = {k.split(".", 1)[0] for k in run.amended}
    values = run.params.values if run.params is not None else {}
    places += [f"nel file {Path(str(values[h])).name}" for h in sorted(heads) if values.get(h)]
    if any(k not in run.amended for k in flatten(sc.params)):
        places.append(PARAMS_PLACE)
    places += [f"nel foglio «{title}» dei dati dell'ente" for title in sc.rows]
    return tuple(places)


def _in_force(params: Params) -> dict:
    """The parameters' values, a file by its name as cycle.toml or the scenario writes it: the absolute path of the
    machine that ran the comparison is no figure of it."""
    return {
        k: Path(v).name if params.specs[k].kind == "path" and isinstance(v, str) and v else num(v)
        for k, v in params.values.items()
    }


def positions_held(res) -> dict[str, list]:
    """The paid positions (posizioni organizzative) by holder, for the ``position_pay`` and
    ``result_pay`` shown beside a holder's amount. The amount itself comes from the ledger: the
    result pay is a performance award and counts, the position pay is not a reward and does not."""
    if res.positions is None:
        return {}
    held: dict[str, list] = {}
    for post in res.positions.positions.values():
        if post.holder and post.paid:
            held.setdefault(post.holder, []).append(post)
    return held


def merge(ente_facts: Sequence[tuple[str, Facts]]) -> Facts:
    """The same scenario over several enti: people keyed ENTE/ID, pools summed by name."""
    first = ente_facts[0][1]
    rows: list[Row] = []
    pools: dict[str, tuple[Decimal, Decimal]] = {}
    violations: list[dict] = []
    funds: dict[str, str | None] = {}
    for ente, f in ente_facts:
        rows.extend(attrs.evolve(r, key=f"{ente}/{r.key}") for r in f.rows)
        for k, (amount, distributed) in f.pools.items():
            a, d = pools.get(k, (ZERO, ZERO))
            pools[k] = (a + amount, d + distributed)
        violations.extend({"ente": ente, **v} for v in f.violations)
        for k, v in f.funds.items():
            funds[k] = money(Decimal(funds.get(k) or "0") + Decimal(v or "0"))
    return Facts(
        name=first.name,
        file=first.file,
        description=first.description,
        computed=all(f.computed for _, f in ente_facts),
        params={e: f.params for e, f in ente_facts},
        overridden=frozenset().union(*(f.overridden for _, f in ente_facts)),
        funds=dict(sorted(funds.items())),
        rows=tuple(sorted(rows, key=lambda r: r.key)),
        pools=dict(sorted(pools.items())),
        violations=tuple(violations),
        scales=tuple(dict.fromkeys(scale for _, f in ente_facts for scale in f.scales)),
        amended_from={e: f.amended_from for e, f in ente_facts},
        adopt=tuple(dict.fromkeys(p for _, f in ente_facts for p in f.adopt)),
    )


def _order(groups: dict[str, list[Row]], scales: tuple[tuple[str, ...], ...] = ()) -> list[str]:
    """Bands or levels from the best: by the highest score of their members, then by name; on several scales
    (``scales``, each from the highest) scale by scale as declared, then those of no scale."""

    def best(name):
        scores = [r.score for r in groups[name] if r.score is not None]
        return max(scores) if scores else Decimal(-1)

    if not scales:
        return sorted(groups, key=lambda g: (-best(g), g))
    rank: dict[str, tuple[int, int]] = {}
    for i, scale in enumerate(scales):
        for j, lv in enumerate(scale):
            rank.setdefault(lv, (i, j))
    return sorted(groups, key=lambda g: (rank.get(g, (len(scales), 0)), -best(g), g))


def groups(rows: Iterable[Row], attr: str, money_attr: str, scales: tuple[tuple[str, ...], ...] = ()) -> list[dict]:
    by: dict[str, list[Row]] = {}
    for r in rows:
        name = getattr(r, attr)
        if name:
            by.setdefault(name, []).append(r)
    out = []
    for name in _order(by, scales):
        members = by[name]
        total = sum((getattr(r, money_attr) for r in members), ZERO)
        out.append({"name": name, "count": len(members), "total": total, "per_capita": Fraction(total) / len(members)})
    return out


def top_level(all_facts: Iterable[Facts]) -> str | None:
    """The highest level of the comparison: the one whose lowest-scoring holder scores most in some
    scenario (levels are named by the plugin; the core only sees who holds them and with what score). A person on
    one of several scales (``Row.own_top``) is left out: their scale names its own top."""
    best: dict[str, Decimal] = {}
    for f in all_facts:
        lows: dict[str, Decimal] = {}
        for r in f.rows:
            if r.level and r.score is not None and r.own_top is None:
                lows[r.level] = min(lows.get(r.level, r.score), r.score)
        for level, low in lows.items():
            best[level] = max(best.get(level, low), low)
    return min(best, key=lambda lv: (-best[lv], lv)) if best else None


def shown_params(f: Facts, keys: Iterable[str], per_ente: bool) -> dict:
    """The parameters in force that some scenario (or an ente's own [ente.params]) sets, by name."""
    if per_ente:
        return {e: {k: p[k] for k in sorted(keys) if k in p} for e, p in f.params.items()}
    return {k: f.params[k] for k in sorted(keys) if k in f.params}


def person_doc(r: Row) -> dict:
    doc = {
        "role": r.role,
        "score": None if r.score is None else float(r.score),
        "level": r.level,
        "band": r.band,
        "status": r.status,
        "amount": money(r.amount),
    }
    if r.position_pay is not None:  # a holder of a posizione organizzativa
        doc["position_pay"], doc["result_pay"] = money(r.position_pay), money(r.result_pay)
    return doc


def scenario_doc(
    f: Facts, top: str | None, keys: Iterable[str] = (), per_ente: bool = False, own: bool = False
) -> dict:
    """One scenario's part of the document; ``top``: the comparison's highest level (:func:`top_level`); ``own``:
    some person is on one of several scales, and counts at the top of their own (``top_level`` is then None: no
    one level is everyone's highest)."""
    amounts = [r.amount for r in f.rows]
    bands = groups(f.rows, "band", "band_amount", f.scales)
    levels, apart = staff_levels(f)
    scored = [r for r in f.rows if r.level and not (apart and r.head and not r.own_top)]
    at_top = sum(1 for r in scored if r.level == (r.own_top or top))
    distributed = sum((d for _, d in f.pools.values()), ZERO)
    allotted = sum((a for a, _ in f.pools.values()), ZERO)
    ratios = [
        {
            "upper": u["name"],
            "lower": lo["name"],
            "ratio": num(metrics.per_capita_ratio(u["total"], u["count"], lo["total"], lo["count"])),
        }
        for u, lo in zip(bands, bands[1:])
        if _same_scale(u["name"], lo["name"], f.scales)
    ]
    m = {
        "people": len(f.rows),
        "paid_to_people": money(sum(amounts, ZERO)),
        "distributed": money(distributed),
        "residual": money(allotted - distributed),
        "gini": num(metrics.gini(amounts)),
        "p10": money(metrics.percentile(amounts, 10)),
        "p90": money(metrics.percentile(amounts, 90)),
        "p90_p10": num(metrics.p90_p10(amounts)),
        "top20_share": num(metrics.top_share(amounts)),
        "band_ratios": ratios,
        "top_level": None if own else top,
        "top_level_apart": apart,
        "top_level_share": num(metrics.share(at_top, len(scored))) if top or own else None,
        "zero": sum(1 for a in amounts if a == 0),
    }
    return {
        "file": f.file,
        "adopt": list(f.adopt),
        "description": f.description,
        "computed": f.computed,
        "params": shown_params(f, keys, per_ente),
        "amended_from": f.amended_from,
        "funds": f.funds,
        "people": {r.key: person_doc(r) for r in f.rows},
        "pools": {
            k: {"amount": money(a), "distributed": money(d), "residual": money(a - d)} for k, (a, d) in f.pools.items()
        },
        "bands": [_group_doc(g) for g in bands],
        "levels": [_group_doc(g) for g in levels],
        "metrics": m,
        "violations": list(f.violations),
    }


def staff_levels(f: Facts) -> tuple[list[dict], list[str]]:
    """The levels of the staff, then those of the dirigenti and PO / EQ (:attr:`Row.head`) role by role (each with its
    ``role``), and the roles so set apart. Their amount is the result pay of a fund of their own: counted with the
    staff's premiums at the same level it would mix two funds in one per capita (schede.xlsx and the Relazione keep
    them apart too); nor are they counted in the share at the highest level where some of the staff have a level."""
    # a head on a scale of their own (Row.own_top) is already apart, at the levels of that scale
    staff = [r for r in f.rows if not r.head or r.own_top]
    heads = [r for r in f.rows if r.head and not r.own_top]
    roles = sorted({r.role for r in heads if r.level})
    levels = groups(staff, "level", "amount", f.scales)
    for role in roles:
        levels += [
            {**g, "role": role} for g in groups((r for r in heads if r.role == role), "level", "amount", f.scales)
        ]
    return levels, roles if any(r.level for r in staff) else []


def _same_scale(upper: str, lower: str, scales: tuple[tuple[str, ...], ...]) -> bool:
    """Whether two consecutive bands are of one scale, so that their ratio says something: always on one scale; on
    several, not the lowest level of one and the highest of the next (a level recorded as band)."""
    return next((i for i, s in enumerate(scales) if upper in s), None) == next(
        (i for i, s in enumerate(scales) if lower in s), None
    )


def _group_doc(g: dict) -> dict:
    pc = g["per_capita"]
    return {**g, "total": money(g["total"]), "per_capita": money(Decimal(pc.numerator) / Decimal(pc.denominator))}


def document(head: dict[str, Any], all_facts: Sequence[Facts]) -> dict:
    top = top_level(all_facts)
    own = any(r.own_top for f in all_facts for r in f.rows)  # the same title in every scenario
    keys = frozenset().union(*(f.overridden for f in all_facts))
    per_ente = "enti" in head
    return {**head, "scenarios": {f.name: scenario_doc(f, top, keys, per_ente, own) for f in all_facts}}
