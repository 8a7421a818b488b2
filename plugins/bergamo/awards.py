"""Phase e: premialità — the OIV's validation that opens the rewards, the productivity premi, the PO's result pay and the differentiation checks (000… art. 28, 39.2, 42, 45.1, 46)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from decimal import Decimal
from fractions import Fraction
from typing import Any

import attrs

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
    distribute,
    fmt,
    hookimpl,
    money,
)

from .common import HUNDRED, LEVELS, PO_POOL, POOL, REG, ZERO, level_rank


def gate(ente: Ente) -> str:
    """000… art. 39.2 (rules/bergamo.md §4): the rewards open only when the Relazione was approved and then
    validated by the OIV, both dated after the end of the evaluated year. Returns "" when open, else why not."""
    year_end = dt.date(ente.year, 12, 31)
    approved, validated = ente.approvals.get("relazione_approved"), ente.approvals.get("relazione_validated_oiv")
    if not isinstance(approved, dt.date):
        return (
            "manca la data di approvazione della Relazione sulla performance ([atti] relazione_approvata)"
            if approved is None
            else f"la data di approvazione della Relazione non è una data ({fmt.quoted(fmt.toml_value(approved))})"
        )
    if not isinstance(validated, dt.date):
        return (
            "manca la data di validazione della Relazione da parte dell'OIV ([atti] relazione_validata_oiv in ente.toml)"
            if validated is None
            else f"la data di validazione dell'OIV non è una data ({fmt.quoted(fmt.toml_value(validated))})"
        )
    if approved <= year_end:
        return (
            f"la Relazione risulta approvata il {approved}, prima della fine dell'anno valutato {ente.year}: non "
            "può essere la Relazione di quell'anno"
        )
    if validated <= year_end:
        return (
            f"la validazione dell'OIV è del {validated}, prima della fine dell'anno valutato {ente.year}: non può "
            "validare la Relazione di quell'anno"
        )
    if validated < approved:
        return f"la validazione dell'OIV ({validated}) precede l'approvazione della Relazione ({approved})"
    return ""


def gate_open(ente: Ente) -> bool:
    return gate(ente) == ""


@hookimpl(specname="ciclope_rewards")
def rewards(
    ente: Ente, scores: dict[str, Score], pools: dict[str, Pool], params: Params, org: OrgPerformance, trace: Trace
) -> Rewards:
    why = gate(ente)
    if why:
        trace.problem(
            Problem(
                rule="bergamo.oiv_gate",
                source=f"{REG} art. 39.2",
                file="ente.toml",
                column="approvals.relazione_validated_oiv",
                message=f"accesso ai premi chiuso: {why}. Servono l'approvazione della Relazione e poi "
                "la sua validazione da parte dell'OIV, entrambe dopo la fine dell'anno; nessun "
                "premio può essere calcolato né erogato",
            )
        )
        return Rewards()
    pools = dict(pools)
    po_pools, awards = po_result_pay(ente, scores, pools, params, trace)
    pools.update(po_pools)
    pool = pools.get(POOL)
    if pool is None:
        trace.problem(
            Problem(
                rule="bergamo.fund_missing",
                severity="warning",
                source=f"{REG} art. 45.1",
                file="ente.toml",
                column=f"funds.{POOL}",
                message=f"manca [fondi] {POOL}: nessun premio di performance individuale",
            )
        )
        return Rewards(pools=pools, awards=awards)
    pools[POOL], staff_awards, shared = staff_premi(ente, scores, pool, params, trace)
    awards.update(staff_awards)
    people = ente.people
    extra = differentiation(
        ente, shared, lambda pid: (scores[pid].score or Decimal(0)) * people[pid].fte, params, trace
    )
    return Rewards(pools=pools, awards=awards, extra=extra)


def staff_premi(
    ente: Ente, scores: Mapping[str, Score], pool: Pool, params: Params, trace: Trace
) -> tuple[Pool, dict[str, Award], dict[str, Award]]:
    """000… art. 45.1, 46.1: the productivity fund split among the staff (art. 28.1: the PO's position and
    result pay "assorbe tutte le competenze accessorie") with at least the level ``reward_min_level`` and not
    declared insufficient, in proportion to score × fte. Returns the pool, every staff award (0 for the
    excluded) and the awards of those who share."""
    minimum = params["reward_min_level"]
    min_rank = level_rank(minimum)
    excluded: dict[str, str | None] = {}  # person → why_excluded, asked once per person

    def why_excluded(p: Person, s: Score) -> str | None:
        why = None
        if p.insufficient:
            why = "prestazione dichiarata insufficiente"
        elif level_rank(s.level) < min_rank:
            why = f"livello «{s.level}» sotto «{minimum}»"
        excluded[p.id] = why
        return why

    fund = Input(f"fondo {POOL}", pool.amount, ref=f"pool:{POOL}")
    paid, awards = distribute(
        pool,
        [p for p in ente.people.values() if p.is_staff],
        scores,
        lambda p, score: score * p.fte,
        why_excluded,
        trace,
        formula="fondo × (punteggio × tempo lavorato) / somma di punteggio × tempo lavorato dei dipendenti "
        f"con livello almeno «{minimum}» (resto maggiore al centesimo)",
        source=f"{REG} art. 45.1, 46.1; CCDI (ipotesi, params.toml reward_min_level)",
        label=lambda p: f"Premio di performance individuale di {p.name}",
        inputs=lambda p, s: [
            fund,  # the same input for everyone
            Input("punteggio", s.score, ref=f"score:{p.id}"),
            Input("tempo lavorato", p.fte, cell=ente.cell("people", p.row, "fte")),
        ],
        total_label="somma di punteggio × tempo lavorato dei premiati",
        band=lambda p, s: s.level,
        note=lambda p, s: f"livello: {s.level}",
    )
    shared = {pid: award for pid, award in awards.items() if excluded.get(pid) is None}
    trace.record(
        f"pool:{POOL}:distributed",
        paid.distributed,
        "somma dei premi assegnati; il resto è residuo",
        f"{REG} art. 45.1",
        label=f"Fondo {POOL} distribuito",
        inputs=[Input(f"premio di {pid}", shared[pid].amount, ref=f"award:{pid}") for pid in sorted(shared)],
    )
    return paid, awards, shared


def po_result_pay(
    ente: Ente, scores: Mapping[str, Score], pools: Mapping[str, Pool], params: Params, trace: Trace
) -> tuple[dict[str, Pool], dict[str, Award]]:
    """000… art. 28 (rules/bergamo.md §4): each PO's maximum = ``[funds] risultato_po`` × position_pay / Σ
    position_pay (equal shares without the column), paid × score / 100 when the evaluation is positive
    (≥ level_adeguata, 60, art. 28.5), else 0 (and a contraddittorio is required, art. 28.6); the rest is residual."""
    fund = pools.get(PO_POOL)
    pos = [p for p in ente.people.values() if p.is_po]
    if fund is None or not pos:
        return {}, {}
    pay = {p.id: p.extra.get("position_pay") for p in pos}
    weights = (
        {pid: v for pid, v in pay.items() if v is not None}
        if all(v is not None for v in pay.values())
        else {pid: Decimal(1) for pid in pay}
    )
    maximum = po_maxima(fund.amount, weights)
    awards: dict[str, Award] = {}
    fund_input = Input(f"fondo {PO_POOL}", fund.amount, ref=f"pool:{PO_POOL}")  # one object for every PO
    for p in pos:
        s = scores.get(p.id)
        score = s.score if s is not None else None
        positive = score is not None and score >= params["level_adeguata"]  # art. 28.5: positive = adeguata
        paid = positive and score is not None and not p.insufficient
        amount = money.r2(maximum[p.id] * score / HUNDRED) if paid and score is not None else ZERO
        trace.record(
            f"award:{p.id}",
            amount,
            "quota massima × punteggio / 100 se la valutazione è positiva (≥ 60) e la prestazione non è "
            "dichiarata insufficiente, altrimenti 0; quota massima = fondo × retribuzione di posizione / Σ "
            "retribuzioni di posizione delle PO (quote uguali senza la colonna retribuzione_posizione), arrotondata per "
            "difetto al centesimo («fino a»)",
            f"{REG} art. 28.1, 28.5–28.6",
            label=f"Retribuzione di risultato di {p.name} (PO)",
            inputs=[
                fund_input,
                Input(
                    "retribuzione di posizione",
                    pay[p.id],
                    cell=ente.cell("people", p.row, "position_pay") if pay[p.id] is not None else "",
                ),
                Input("quota massima", maximum[p.id]),
                Input("punteggio", score, ref=f"score:{p.id}"),
            ],
            note=(
                "prestazione dichiarata insufficiente (persone.csv, colonna insufficiente): nessuna retribuzione "
                "di risultato, come il personale dichiarato insufficiente"
                if p.insufficient
                else ""
            ),
        )
        awards[p.id] = Award(person=p.id, amount=amount, pool=PO_POOL, band=s.level if s is not None else None)
    given = sum((a.amount for a in awards.values()), ZERO)
    label = fund.label or "Retribuzione di risultato delle PO (art. 28)"
    return {PO_POOL: attrs.evolve(fund, label=label).with_distributed(given)}, awards


def po_maxima(fund: Decimal, weights: dict[str, Decimal]) -> dict[str, Decimal]:
    """Each PO's maximum is a cap ("fino a"): fund × w / Σ w rounded down to the cent (rules/core.md §4); the cents
    the floors leave are residual, never handed to one PO by id (three equal PO of 940.00 get 313.33 each)."""
    total = sum((Fraction(w) for w in weights.values()), Fraction(0))
    if total == 0:
        return {pid: ZERO for pid in weights}
    return {pid: money.floor2(Decimal(Fraction(fund) * Fraction(w) * 100 // total) / 100) for pid, w in weights.items()}


def differentiation(
    ente: Ente, awards: Mapping[str, Award], exact: Callable[[str], Decimal], params: Params, trace: Trace
) -> dict[str, Any]:
    """000… art. 42.2, 46.1: no undifferentiated or automatic distribution of the rewards. "The same amount"
    is judged on ``exact(person)`` (the weight, proportional to the amount before cent rounding): amounts that
    differ only by the cent the largest remainder adds are the same amount (rules/bergamo.md §4). ``exact`` is a
    function, asked only until two weights differ."""
    rewarded = [a for a in awards.values() if a.amount > 0]
    n = len(rewarded)
    by_level: dict[str, int] = {}
    for a in rewarded:
        by_level[a.band or ""] = by_level.get(a.band or "", 0) + 1
    extra = {"premiati": n, "per_livello": {lv: by_level[lv] for lv in LEVELS if lv in by_level}}
    if n == 0:
        return extra
    top_level, top = max(by_level.items(), key=lambda kv: (kv[1], level_rank(kv[0])))
    share = Decimal(top) / Decimal(n)
    extra["quota_massima"] = money.r2(share * 100)
    source = f"{REG} art. 42.2, 46.1"
    if n >= params["differentiation_min"]:
        if len(by_level) == 1:
            trace.problem(
                Problem(
                    rule="bergamo.differentiation.levels",
                    source=source,
                    message=f"{fmt.all_of(n)} premiati hanno lo stesso livello «{top_level}»: la valutazione "
                    "non è differenziata (vietata la distribuzione indifferenziata dei premi)",
                )
            )
        first = exact(rewarded[0].person)
        if all(exact(a.person) == first for a in rewarded[1:]):  # len({exact(...) for a in rewarded}) == 1
            amounts = {a.amount for a in rewarded}
            trace.problem(
                Problem(
                    rule="bergamo.differentiation.amounts",
                    source=source,
                    message=f"{fmt.all_of(n)} premiati ricevono lo stesso importo {fmt.euro(next(iter(amounts)))}: "
                    "distribuzione indifferenziata o automatica dei premi, vietata",
                )
            )
    if share > params["max_level_share"]:
        trace.problem(
            Problem(
                rule="bergamo.differentiation.share",
                severity="warning",
                source=source,
                message=f"il livello «{top_level}» raccoglie {top} premiati su {n} "
                f"({money.r2(share * 100)}%), oltre la soglia del {money.r2(params['max_level_share'] * 100)}%: "
                "differenziazione insufficiente",
            )
        )
    return extra
