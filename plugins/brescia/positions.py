"""Phase e: the posizioni organizzative — weighting, position pay, interim and result pay (001… art. 3–6)."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import attrs

from ciclope.core import (
    Attestation,
    Award,
    Ente,
    Input,
    OrgPerformance,
    Params,
    Pool,
    PositionPay,
    Positions,
    Problem,
    Row,
    Score,
    Trace,
    fmt,
    hookimpl,
    money,
)

from .appointments import appointments, instalment_figures, interim_days, pay_due
from .attestation import reduce, reduction
from .common import FACTOR_INPUTS, HUNDRED, MONTHS, PO, SMVP, ZERO, cell, interim_bounds, valid_interim, year_days


def position_score(ente: Ente, r: Row, params: Params, trace: Trace) -> Decimal:
    """001… art. 4.3–4.4: Σ weight × rating / rating_max over the eight sub-factors (0–100, 2 decimals)."""
    rating_max = params["rating_max"]
    score = money.r2(sum((w * (r[code] or 0) / rating_max for code, w, _ in FACTOR_INPUTS), Decimal(0)))
    trace.record(
        f"position:{r['id']}:score",
        score,
        f"Σ peso × punteggio / {rating_max} sugli otto fattori (metodo della comparazione dei fattori)",
        f"{PO} art. 4.3–4.4",
        label=f"Pesatura della posizione {r['id']} — {r['title'] or ''}".rstrip(" —"),
        inputs=[Input(name, r[code], cell=cell(ente, "positions", r.row, code)) for code, _, name in FACTOR_INPUTS],
    )
    return score


@hookimpl(specname="ciclope_position_pay")
def position_pay(
    ente: Ente, params: Params, org: OrgPerformance, attestation: Attestation, scores: dict[str, Score], trace: Trace
) -> Positions | None:
    """The posizioni organizzative of the year (001… art. 3–6): each position weighted, its annual pay a bounded
    share of the position fund, paid for the days of the appointment; the result fund, less the interim extras,
    split in proportion to the pay due and paid by the holder's evaluation."""
    rows = unique_rows(ente)
    if not rows:
        return None
    by_id = {r["id"]: r for r in rows}
    score = {r["id"]: position_score(ente, r, params, trace) for r in rows}
    po_total = ente.funds.get("po_total")
    if po_total is None:  # reported by validate_positions: weighted, no money
        return Positions(positions={pid: unfunded(pid, s, by_id[pid]["holder"]) for pid, s in score.items()})
    position_fund, result_fund = po_funds(ente, po_total, params["result_share"], attestation, trace)
    vacant = {pid for pid, r in by_id.items() if not r["holder"]}
    annual = annual_pay(position_fund, score, vacant, params, trace)
    # the period of the appointment (001… art. 1.2, 2.4, 3.2): a holder is paid for the days of the year their term
    # covers; one position per person; a term outside the year, like a vacancy, pays nothing
    paid_days = appointments(ente, rows, score, trace)
    due = {pid: pay_due(ente, pid, annual[pid], paid_days.get(pid), trace) for pid in score}
    # a position nobody is paid for is still valued, on its annual amount: its instalments as results.json's
    # monthly of a vacancy, its share of the result fund residual
    basis = {pid: due[pid] if pid in paid_days else annual[pid] for pid in score}
    instalment_figures(basis, paid_days, trace)
    extra = interim_extras(ente, rows, annual, paid_days, result_fund, trace, interim_bounds(params))
    rest = result_fund - sum(extra.values(), ZERO)
    # equal remainders go to the higher position score, then the id (rules/core.md §4: never by id alone)
    result_max = money.split(rest, basis, rank={pid: -v for pid, v in score.items()})
    shared = ResultInputs.of(result_fund, extra, basis)
    positions: dict[str, PositionPay] = {}
    for r in rows:
        pid, holder = r["id"], r["holder"]
        record_result_max(pid, result_max[pid], basis[pid], pid in paid_days, shared, trace)
        paid = pid in paid_days
        result = pay_result(ente, r, result_max[pid], extra, due[pid], scores, params, trace) if paid else None
        positions[pid] = PositionPay(
            id=pid,
            score=score[pid],
            annual=annual[pid],
            result_max=result_max[pid],
            result=result,
            holder=holder,
            paid=paid,
            instalments=MONTHS,
            due=due[pid],
        )
    pools = po_pools(positions, position_fund, result_fund)
    return Positions(positions=positions, pools=pools, awards=position_awards(positions))


def unique_rows(ente: Ente) -> list[Any]:
    """The rows of ``positions.csv``, the first of each id (duplicates are reported by validate)."""
    seen: dict[str, Any] = {}
    for r in ente.table("positions"):
        seen.setdefault(r["id"], r)
    return list(seen.values())


def unfunded(pid: str, score: Decimal, holder: str | None) -> PositionPay:
    return PositionPay(id=pid, score=score, annual=ZERO, paid=False, instalments=MONTHS, holder=holder)


def po_funds(
    ente: Ente, po_total: Decimal, share: Decimal, attestation: Attestation, trace: Trace
) -> tuple[Decimal, Decimal]:
    """The position fund and the result fund after the OIV's reduction (001… art. 4.5, 6.5; 004… §3).

    The gross result fund is rounded once and the position fund takes the rest, so the two are exactly
    ``po_total``: rounding each of them half-up could make them a cent more than the fund."""
    fund_input = ente.fund_input("po_total", "risorse delle PO ([fondi] risorse_po)")
    gross = money.r2(po_total * share)
    position_fund = money.r2(po_total) - gross
    trace.record(
        "pool:po_posizione",
        position_fund,
        "risorse delle PO − fondo di risultato lordo (risorse delle PO × quota di risultato)",
        f"{PO} art. 4.5, 6.5",
        label="Fondo per la retribuzione di posizione delle PO",
        inputs=[
            attrs.evolve(fund_input, value=po_total),
            Input("fondo di risultato lordo", gross, ref="pool:po_risultato:gross"),
        ],
    )
    trace.record(
        "pool:po_risultato:gross",
        gross,
        "po_total × quota di risultato",
        f"{PO} art. 6.5",
        label="Fondo per la retribuzione di risultato delle PO (lordo)",
        inputs=[
            attrs.evolve(fund_input, value=po_total),
            Input("quota di risultato", share, cell="params:result_share"),
        ],
    )
    label = "Fondo per la retribuzione di risultato delle PO (dopo la riduzione OIV)"
    result_fund = reduce(gross, reduction(attestation), "pool:po_risultato", label, "pool:po_risultato:gross", trace)
    return position_fund, result_fund


def annual_pay(
    fund: Decimal, score: dict[str, Decimal], vacant: set[str], params: Params, trace: Trace
) -> dict[str, Decimal]:
    """Annual position pay: the fund split in proportion to the scores, each between ``pay_min`` and ``pay_max``
    (001… art. 3.2, 4.5; rules/core.md §4); a fund below the minimums pays nobody."""
    lo, hi = params["pay_min"], params["pay_max"]
    lam = None
    try:
        annual = money.bounded_split(fund, score, lo, hi)
        lam = money.bounded_lambda(fund, score, lo, hi)
        how = (
            f"ripartizione del fondo in proporzione ai punteggi, ciascuna tra {fmt.euro(lo)} e {fmt.euro(hi)} "
            "(resto maggiore al centesimo)"
        )
    except money.InsufficientFund:
        trace.problem(
            Problem(
                rule="brescia.po.fondo_insufficiente",
                source=f"{PO} art. 3.2, 4.5",
                file="ente.toml",
                column="funds.po_total",
                message=f"fondo insufficiente: il fondo per la retribuzione di posizione {fmt.euro(fund)} non "
                f"basta a dare il minimo di {fmt.euro(lo)} alle {len(score)} posizioni "
                f"({fmt.euro(lo * len(score))}); nessuna retribuzione di posizione né di risultato",
            )
        )
        annual = {pid: ZERO for pid in score}
        how = "fondo insufficiente: nessuna retribuzione"
    given = sum(annual.values(), ZERO)
    if 0 < given < fund:
        trace.problem(
            Problem(
                rule="brescia.po.fund_above_max",
                severity="warning",
                source=f"{PO} art. 3.2",
                file="ente.toml",
                column="funds.po_total",
                message=f"tutte le posizioni raggiungono il massimo di {fmt.euro(hi)}: {fmt.euro(fund - given)} del "
                "fondo di posizione restano non distribuiti",
            )
        )
    record_annual(annual, score, vacant, how, lam, params, fund, trace)
    return annual


def record_annual(
    annual: dict[str, Decimal],
    score: dict[str, Decimal],
    vacant: set[str],
    how: str,
    lam: Decimal | None,
    params: Params,
    fund: Decimal,
    trace: Trace,
) -> None:
    shared = (
        Input("fondo di posizione", fund, ref="pool:po_posizione"),
        Input("somma dei punteggi", sum(score.values(), Decimal(0))),
    )
    bounds = (
        Input("minimo annuo", params["pay_min"], cell="params:pay_min"),
        Input("massimo annuo («annui lordi per tredici mensilità»)", params["pay_max"], cell="params:pay_max"),
        Input(
            "λ, euro per punto (clamp(λ × punteggio, minimo, massimo), Σ = fondo; 6 decimali, per ricalcolare al "
            "centesimo)",
            None if lam is None else lam.quantize(Decimal("0.000001"), ROUND_HALF_UP),
        ),
    )
    for pid in score:
        trace.record(
            f"position:{pid}:annual",
            annual[pid],
            how,
            f"{PO} art. 3.2, 4.5; rules/core.md §4",
            label=f"Retribuzione di posizione annua — {pid}",
            inputs=[shared[0], Input("punteggio", score[pid], ref=f"position:{pid}:score"), shared[1], *bounds],
            note="posizione vacante: valorizzata ma non erogata" if pid in vacant else "",
        )


def interim_extras(
    ente: Ente,
    rows: list[Any],
    annual: dict[str, Decimal],
    paid_days: Mapping[str, int],
    result_fund: Decimal,
    trace: Trace,
    bounds: tuple[Decimal, Decimal],
) -> dict[str, Decimal]:
    """The interim extras of paid holders, first out of the result fund (001… art. 3.4); none when together they
    exceed it. ``bounds``: the interim's range in force (:func:`.common.interim_bounds`)."""
    by_id = {r["id"]: r for r in rows}
    extra: dict[str, Decimal] = {}
    for r in rows:
        if valid_interim(r, by_id, bounds) and r["id"] in paid_days:
            extra[r["id"]] = interim_extra(ente, r, annual[r["interim_of"]], trace)
    total = sum(extra.values(), ZERO)
    if total <= result_fund:
        return extra
    trace.problem(
        Problem(
            rule="brescia.po.interim_fund",
            source=f"{PO} art. 3.4, 6.5",
            file="ente.toml",
            column="funds.po_total",
            message=f"le maggiorazioni per interim ({fmt.euro(total)}) superano il "
            f"fondo di risultato ({fmt.euro(result_fund)}): non sono erogate",
        )
    )
    return {}


def interim_extra(ente: Ente, r: Any, covered: Decimal, trace: Trace) -> Decimal:
    """Percentage × the covered position's annual pay × the interim's days in the year / the year's days."""
    days = interim_days(ente, r, trace)
    value = money.r2(r["interim_percent"] * covered * days / year_days(ente.year))
    trace.record(
        f"position:{r['id']}:interim",
        value,
        "percentuale di interim × retribuzione di posizione annua della posizione coperta × giorni "
        "dell'interim nell'anno / giorni dell'anno («per la durata dello stesso»)",
        f"{PO} art. 3.4",
        label=f"Maggiorazione per l'interim della posizione {r['interim_of']} — {r['id']}",
        inputs=[
            Input("percentuale", r["interim_percent"], cell=cell(ente, "positions", r.row, "interim_percent")),
            Input(f"retribuzione annua di {r['interim_of']}", covered, ref=f"position:{r['interim_of']}:annual"),
            Input("giorni dell'interim nell'anno", days, cell=cell(ente, "positions", r.row, "interim_from")),
            Input("giorni dell'anno", year_days(ente.year)),
        ],
    )
    return value


@attrs.frozen
class ResultInputs:
    """The inputs every position's maximum result pay shares: the fund, each interim taken from it, the sum."""

    inputs: tuple[Input, ...]
    total: Input

    @classmethod
    def of(cls, fund: Decimal, extra: dict[str, Decimal], basis: dict[str, Decimal]) -> ResultInputs:
        taken = tuple(
            Input(f"maggiorazione per interim della posizione {pid}", value, ref=f"position:{pid}:interim")
            for pid, value in extra.items()
        )
        total = Input("somma delle retribuzioni dovute (annue per le posizioni non pagate)", sum(basis.values(), ZERO))
        return cls((Input("fondo di risultato", fund, ref="pool:po_risultato"), *taken), total)


def record_result_max(pid: str, value: Decimal, basis: Decimal, paid: bool, shared: ResultInputs, trace: Trace) -> None:
    trace.record(
        f"position:{pid}:result_max",
        value,
        "fondo di risultato, dedotti gli interim, ripartito in proporzione alla retribuzione di "
        "posizione dovuta (annua per una posizione non pagata; resto maggiore al centesimo; a parità di "
        "resto, punteggio della posizione più alto)",
        f"{PO} art. 3.3, 6.5",
        label=f"Retribuzione di risultato massima — {pid}",
        inputs=[
            *shared.inputs,
            Input(
                "retribuzione dovuta" if paid else "retribuzione annua (posizione non pagata)",
                basis,
                ref=f"position:{pid}:due" if paid else f"position:{pid}:annual",
            ),
            shared.total,
        ],
    )


def pay_result(
    ente: Ente,
    r: Any,
    result_max: Decimal,
    extra: dict[str, Decimal],
    due: Decimal,
    scores: dict[str, Score],
    params: Params,
    trace: Trace,
) -> Decimal:
    """A paid holder's result pay: the maximum × their evaluation / 100, plus their interim extra, when the
    evaluation is positive; nothing otherwise (001… art. 3.3–3.4, 6.4–6.6)."""
    pid, holder = r["id"], r["holder"]
    s = scores.get(holder)
    ev = s.score if s is not None else None
    positive = ev is not None and ev >= params["po_positive"]
    result = money.r2(result_max * ev / HUNDRED) + extra.get(pid, ZERO) if positive and ev is not None else ZERO
    if ev is None:
        trace.problem(
            Problem.at(
                ente,
                "brescia.po.not_evaluated",
                f"titolare {holder} della posizione {pid} non valutato: nessuna retribuzione di risultato",
                f"{PO} art. 6.1, 6.4",
                "positions",
                r.row,
                "holder",
                "warning",
            )
        )
    formula = (
        "risultato massimo × valutazione / 100 (arrotondato al centesimo)"
        + (" + maggiorazione per interim" if pid in extra else "")
        if positive
        else f"valutazione non positiva (sotto {params['po_positive']}) o mancante: nessuna retribuzione di risultato"
    )
    inputs = [
        Input("risultato massimo", result_max, ref=f"position:{pid}:result_max"),
        Input(f"valutazione di {holder}", ev, ref="" if ev is None else f"score:{holder}"),  # no score, no figure
    ]
    if pid in extra:
        inputs.append(Input("maggiorazione per interim", extra[pid], ref=f"position:{pid}:interim"))
    label = f"Retribuzione di risultato — {pid} ({holder})"
    trace.record(f"position:{pid}:result", result, formula, f"{PO} art. 3.3–3.4, 6.4–6.6", inputs=inputs, label=label)
    trace.record(
        f"award:{holder}:po",
        due + result,
        "retribuzione di posizione dovuta + retribuzione di risultato",
        f"{PO} art. 3.1",
        label=f"Trattamento accessorio di {holder} come titolare della posizione {pid}",
        inputs=[
            Input("retribuzione di posizione dovuta", due, ref=f"position:{pid}:due"),
            Input("retribuzione di risultato", result, ref=f"position:{pid}:result"),
        ],
    )
    return result


def po_pools(positions: dict[str, PositionPay], position_fund: Decimal, result_fund: Decimal) -> dict[str, Pool]:
    paid = [p for p in positions.values() if p.paid]
    return {
        "po_posizione": Pool(
            name="po_posizione",
            amount=position_fund,
            source=f"{PO} art. 3.2, 4.5",
            kind=money.POSITION,
            label="Retribuzione di posizione PO",
        ).with_distributed(sum((p.due or ZERO for p in paid), ZERO)),
        "po_risultato": Pool(
            name="po_risultato",
            amount=result_fund,
            source=f"{PO} art. 3.3, 6.5; {SMVP} §3",
            label="Retribuzione di risultato PO",
        ).with_distributed(sum((p.result or ZERO for p in paid), ZERO)),
    }


def position_awards(positions: dict[str, PositionPay]) -> dict[str, Award]:
    """The money of each paid position as ordinary awards: result pay (performance money) first, then
    position pay; keyed ``<position>:<pool>`` so a holder of two positions keeps both."""
    awards: dict[str, Award] = {}
    for pid, p in positions.items():
        if p.paid and p.holder is not None:
            awards[f"{pid}:po_risultato"] = Award(
                person=p.holder, amount=p.result or ZERO, pool="po_risultato", ref=pid
            )
    for pid, p in positions.items():
        if p.paid and p.holder is not None:
            awards[f"{pid}:po_posizione"] = Award(
                person=p.holder, amount=p.due if p.due is not None else p.annual, pool="po_posizione", ref=pid
            )
    return awards
