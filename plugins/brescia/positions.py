"""Phase e: the posizioni organizzative — weighting, position pay, interim and result pay (001… art. 3–6)."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import ROUND_HALF_UP, Decimal

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
    Score,
    Trace,
    fmt,
    hookimpl,
    money,
)

from .attestation import reduce, reduction
from .common import (
    FACTOR_INPUTS,
    HUNDRED,
    MONTHS,
    PO,
    SMVP,
    ZERO,
    cell,
    overlap_days,
    problem,
    valid_interim,
    year_days,
)


def position_score(ente, r, params, trace) -> Decimal:
    """001… art. 4.3–4.4: Σ weight × rating / rating_max over the eight sub-factors (0–100, 2 decimals)."""
    rating_max = params["rating_max"]
    rating = r.values.get  # r[code], without Row.__getitem__'s call per factor
    score = money.r2(sum((w * (rating(code) or 0) / rating_max for code, w, _ in FACTOR_INPUTS), Decimal(0)))
    where = f"{ente.file_of('positions')}:{r.row}:"  # cell(ente, "positions", r.row, code) without code
    trace.record(
        f"position:{r['id']}:score",
        score,
        f"Σ peso × punteggio / {rating_max} sugli otto fattori (metodo della comparazione dei fattori)",
        f"{PO} art. 4.3–4.4",
        label=f"Pesatura della posizione {r['id']} — {r['title'] or ''}".rstrip(" —"),
        inputs=[Input(name, rating(code), cell=where + code) for code, _, name in FACTOR_INPUTS],
    )
    return score


def cannot_be_paid(ente, holder: str | None) -> str:
    """Why a holder cannot be paid at all (001… art. 1.2 "esclusivamente a dipendenti … categoria D", art. 2.7
    part time "incompatibile"), or "" — the appointment cannot be conferred, so nothing is paid (rules §1)."""
    person = ente.people.get(holder) if holder is not None else None
    if person is None:
        return ""
    if person.category != "D":
        return f"{holder} è di categoria {person.category or 'non indicata'}, non D (art. 1.2)"
    if person.fte != 1:
        return f"{holder} lavora a tempo parziale (fte {person.fte}, art. 2.7)"
    return ""


def appointments(ente, rows, score, trace) -> dict[str, int]:
    """The positions whose holder is paid, with the days of the year their term covers (001… art. 1.2, 2.4, 2.7,
    3.2, 3.4): not a vacancy, a holder who can be appointed, a term that meets the year, and one position per
    person — of two, the higher score (then the lower id) is paid and the other is reported unpaid."""
    held: dict[str, list] = {}
    for r in rows:
        if r["holder"] is not None:
            held.setdefault(r["holder"], []).append(r)
    out: dict[str, int] = {}
    for holder, mine in held.items():
        mine.sort(key=lambda r: (-score[r["id"]], r["id"]))
        for extra in mine[1:]:
            unpaid(
                ente,
                extra,
                "po.one_position",
                f"{holder} è titolare anche della posizione {mine[0]['id']} "
                f"(punteggio più alto): una persona ha una sola posizione, un'altra solo come interim "
                f"(interim_of); la posizione {extra['id']} non è pagata",
                "art. 3.4",
                "holder",
                trace,
            )
        r = mine[0]
        blocked = cannot_be_paid(ente, holder)
        if blocked:
            trace.record(
                f"position:{r['id']}:paid",
                False,
                "incarico non conferibile: né retribuzione di posizione né di "
                "risultato né maggiorazione per interim (residuo), come una posizione vacante",
                f"{PO} art. 1.2, 2.7",
                label=f"Posizione {r['id']} pagata al titolare {holder}",
                note=blocked,
            )
            continue
        person = ente.people.get(holder)
        start = person.extra.get("term_start") if person is not None else None
        end = person.extra.get("term_end") if person is not None else None
        days = overlap_days(ente.year, start, end)
        if days == 0:
            unpaid(
                ente,
                r,
                "po.term_outside",
                f"l'incarico di {holder} ({start or '…'} – {end or '…'}) non copre "
                f"l'anno {ente.year}: la posizione {r['id']} è trattata come vacante (valorizzata, non pagata)",
                "art. 1.2, 2.4",
                "holder",
                trace,
            )
            continue
        out[r["id"]] = days
    return out


def unpaid(ente, r, rule: str, message: str, article: str, column: str, trace) -> None:
    trace.problem(problem(ente, rule, message, f"{PO} {article}", "positions", r.row, column))
    trace.record(
        f"position:{r['id']}:paid",
        False,
        "posizione non pagata: la sua retribuzione di posizione e di risultato resta nel residuo",
        f"{PO} {article}",
        label=f"Posizione {r['id']} pagata al titolare {r['holder']}",
        note=message,
    )


def pay_due(ente, pid: str, annual: Decimal, days: int | None, trace) -> Decimal:
    """annual × days covered / days of the year, half-up (0.00 for a position nobody is paid for)."""
    n = year_days(ente.year)
    value = ZERO if days is None else money.r2(annual * days / n)
    trace.record(
        f"position:{pid}:due",
        value,
        "retribuzione annua × giorni dell'incarico nell'anno / giorni dell'anno (arrotondata al centesimo); "
        "0 per una posizione vacante o non pagata",
        f"{PO} art. 1.2, 2.4, 3.2",
        label=f"Retribuzione di posizione dovuta per l'anno — {pid}",
        inputs=[
            Input("annua", annual, ref=f"position:{pid}:annual"),
            Input("giorni dell'incarico nell'anno", days),
            Input("giorni dell'anno", n),
        ],
    )
    return value


def instalment_figures(due: dict[str, Decimal], paid: Mapping[str, int], trace) -> None:
    """13 mensilità of the pay due (rules/core.md §4): 12 × due / 13 rounded down + a 13th with the rest, so the
    13 payments never exceed what is due (≤ €16,000 "annui lordi per tredici mensilità"). ``due`` holds the annual
    amount of a position nobody is paid for (valued, not paid)."""
    for pid, value in due.items():
        regular, last = money.instalments(value, MONTHS)
        ref = f"position:{pid}:due" if pid in paid else f"position:{pid}:annual"
        due_input = Input("dovuta" if pid in paid else "annua (posizione non pagata)", value, ref=ref)
        trace.record(
            f"position:{pid}:monthly",
            regular,
            "retribuzione dovuta / 13 mensilità, arrotondata per difetto al centesimo (12 rate uguali)",
            f"{PO} art. 3.2; rules/core.md §4",
            label=f"Rata mensile — {pid}",
            inputs=[due_input],
        )
        trace.record(
            f"position:{pid}:monthly_last",
            last,
            "retribuzione dovuta − 12 × rata mensile (la 13ª "
            "rata prende il resto, così le 13 rate sommano esattamente alla dovuta)",
            f"{PO} art. 3.2; rules/core.md §4",
            label=f"Tredicesima rata — {pid}",
            inputs=[due_input, Input("rata mensile", regular, ref=f"position:{pid}:monthly")],
        )


def interim_days(ente, r, trace) -> int:
    """Days of the interim in the year (001… art. 3.4 "per la durata dello stesso"): interim_from – interim_to,
    absent = the whole year."""
    return overlap_days(ente.year, r["interim_from"], r["interim_to"])


@hookimpl(specname="ciclope_position_pay")
def position_pay(
    ente: Ente, params: Params, org: OrgPerformance, attestation: Attestation, scores: dict[str, Score], trace: Trace
) -> Positions | None:
    rows = [r for r in ente.table("positions")]
    if not rows:
        return None
    seen: set[str] = set()
    rows = [r for r in rows if not (r["id"] in seen or seen.add(r["id"]))]  # type: ignore[func-returns-value]  # duplicates reported by validate
    by_id = {r["id"]: r for r in rows}
    score = {r["id"]: position_score(ente, r, params, trace) for r in rows}
    po_total = ente.funds.get("po_total")
    if po_total is None:  # reported by validate_positions: weighted, no money
        return Positions(
            positions={
                pid: PositionPay(
                    id=pid, score=score[pid], annual=ZERO, paid=False, instalments=MONTHS, holder=by_id[pid]["holder"]
                )
                for pid in by_id
            }
        )
    share = params["result_share"]
    lo, hi = params["pay_min"], params["pay_max"]
    fund_cell = "ente.toml:funds.po_total"
    # R0 is rounded once and F takes the rest, so F + R0 is exactly po_total: rounding each of the two half-up
    # could make them a cent more than the fund
    R_gross = money.r2(po_total * share)
    F = money.r2(po_total) - R_gross
    trace.record(
        "pool:po_posizione",
        F,
        "po_total − fondo di risultato lordo (po_total × quota di risultato)",
        f"{PO} art. 4.5, 6.5",
        label="Fondo per la retribuzione di posizione delle PO",
        inputs=[
            Input("po_total", po_total, cell=fund_cell),
            Input("fondo di risultato lordo", R_gross, ref="pool:po_risultato:gross"),
        ],
    )
    trace.record(
        "pool:po_risultato:gross",
        R_gross,
        "po_total × quota di risultato",
        f"{PO} art. 6.5",
        label="Fondo per la retribuzione di risultato delle PO (lordo)",
        inputs=[
            Input("po_total", po_total, cell=fund_cell),
            Input("quota di risultato", share, cell="params:result_share"),
        ],
    )
    R = reduce(
        R_gross,
        reduction(attestation),
        "pool:po_risultato",
        "Fondo per la retribuzione di risultato delle PO (dopo la riduzione OIV)",
        "pool:po_risultato:gross",
        trace,
    )

    # annual position pay: bounded proportional split (001… art. 3.2, 4.5; rules/core.md §4)
    lam = None
    try:
        annual = money.bounded_split(F, score, lo, hi)
        lam = money.bounded_lambda(F, score, lo, hi)
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
                message=f"fondo insufficiente: il fondo per la retribuzione di posizione {fmt.euro(F)} non "
                f"basta a dare il minimo di {fmt.euro(lo)} alle {len(rows)} posizioni "
                f"({fmt.euro(lo * len(rows))}); nessuna retribuzione di posizione né di risultato",
            )
        )
        annual = {pid: ZERO for pid in score}
        how = "fondo insufficiente: nessuna retribuzione"
    given = sum(annual.values(), ZERO)
    if given < F and given > 0:
        trace.problem(
            Problem(
                rule="brescia.po.fund_above_max",
                severity="warning",
                source=f"{PO} art. 3.2",
                file="ente.toml",
                column="funds.po_total",
                message=f"tutte le posizioni raggiungono il massimo di {fmt.euro(hi)}: {fmt.euro(F - given)} del "
                "fondo di posizione restano non distribuiti",
            )
        )
    # the inputs every position shares are one object each, their sums made once
    fund_input = Input("fondo di posizione", F, ref="pool:po_posizione")
    scores_input = Input("somma dei punteggi", sum(score.values(), Decimal(0)))
    lo_input = Input("minimo annuo (pay_min)", lo, cell="params:pay_min")
    hi_input = Input("massimo annuo (pay_max, «annui lordi per tredici mensilità»)", hi, cell="params:pay_max")
    lam_input = Input(
        "λ, euro per punto (clamp(λ × punteggio, minimo, massimo), Σ = fondo; 6 decimali, per ricalcolare al "
        "centesimo)",
        None if lam is None else lam.quantize(Decimal("0.000001"), ROUND_HALF_UP),
    )
    for pid in score:
        trace.record(
            f"position:{pid}:annual",
            annual[pid],
            how,
            f"{PO} art. 3.2, 4.5; rules/core.md §4",
            label=f"Retribuzione di posizione annua — {pid}",
            inputs=[
                fund_input,
                Input("punteggio", score[pid], ref=f"position:{pid}:score"),
                scores_input,
                lo_input,
                hi_input,
                lam_input,
            ],
            note="" if by_id[pid]["holder"] else "posizione vacante: valorizzata ma non erogata",
        )
    # the period of the appointment (001… art. 1.2, 2.4, 3.2): a holder is paid for the days of the year their term
    # covers; one position per person; a term outside the year, like a vacancy, pays nothing
    paid_days = appointments(ente, rows, score, trace)
    due = {pid: pay_due(ente, pid, annual[pid], paid_days.get(pid), trace) for pid in score}
    # the instalments of a paid position are of its pay due; a position nobody is paid for is still valued, on its
    # annual amount (as results.json's monthly of a vacancy)
    instalment_figures({pid: due[pid] if pid in paid_days else annual[pid] for pid in score}, paid_days, trace)

    # interim extras come first out of the result fund (001… art. 3.4)
    extra: dict[str, Decimal] = {}
    for r in rows:
        if valid_interim(r, by_id) and r["id"] in paid_days:
            days = interim_days(ente, r, trace)
            extra[r["id"]] = money.r2(r["interim_percent"] * annual[r["interim_of"]] * days / year_days(ente.year))
            trace.record(
                f"position:{r['id']}:interim",
                extra[r["id"]],
                "percentuale di interim × retribuzione di posizione annua della posizione coperta × giorni "
                "dell'interim nell'anno / giorni dell'anno («per la durata dello stesso»)",
                f"{PO} art. 3.4",
                label=f"Maggiorazione per l'interim della posizione {r['interim_of']} — {r['id']}",
                inputs=[
                    Input("percentuale", r["interim_percent"], cell=cell(ente, "positions", r.row, "interim_percent")),
                    Input(
                        f"retribuzione annua di {r['interim_of']}",
                        annual[r["interim_of"]],
                        ref=f"position:{r['interim_of']}:annual",
                    ),
                    Input("giorni dell'interim nell'anno", days, cell=cell(ente, "positions", r.row, "interim_from")),
                    Input("giorni dell'anno", year_days(ente.year)),
                ],
            )
    if sum(extra.values(), ZERO) > R:
        trace.problem(
            Problem(
                rule="brescia.po.interim_fund",
                source=f"{PO} art. 3.4, 6.5",
                file="ente.toml",
                column="funds.po_total",
                message=f"le maggiorazioni per interim ({fmt.euro(sum(extra.values(), ZERO))}) superano il "
                f"fondo di risultato ({fmt.euro(R)}): non sono erogate",
            )
        )
        extra = {}
    rest = R - sum(extra.values(), ZERO)
    # equal remainders go to the higher position score, then the id (rules/core.md §4: never by id alone)
    # the maximum of a paid position is on the pay due; of a vacancy or an unpaid holder on the annual value (its
    # share is then residual)
    basis = {pid: due[pid] if pid in paid_days else annual[pid] for pid in score}
    result_max = money.split(rest, basis, rank={pid: -v for pid, v in score.items()})
    result_fund_input = Input("fondo di risultato", R, ref="pool:po_risultato")
    # each interim extra taken from the fund, one input each (only those of paid holders exist)
    extra_inputs = [
        Input(f"maggiorazione per interim della posizione {pid}", value, ref=f"position:{pid}:interim")
        for pid, value in extra.items()
    ]
    annual_input = Input(
        "somma delle retribuzioni dovute (annue per le posizioni non pagate)", sum(basis.values(), ZERO)
    )
    positions: dict[str, PositionPay] = {}
    paid_position = paid_result = ZERO
    for r in rows:
        pid, holder = r["id"], r["holder"]
        trace.record(
            f"position:{pid}:result_max",
            result_max[pid],
            "fondo di risultato, dedotti gli interim, ripartito in proporzione alla retribuzione di "
            "posizione dovuta (annua per una posizione non pagata; resto maggiore al centesimo; a parità di "
            "resto, punteggio della posizione più alto)",
            f"{PO} art. 3.3, 6.5",
            label=f"Retribuzione di risultato massima — {pid}",
            inputs=[
                result_fund_input,
                *extra_inputs,
                Input(
                    "retribuzione dovuta" if pid in paid_days else "retribuzione annua (posizione non pagata)",
                    basis[pid],
                    ref=f"position:{pid}:due" if pid in paid_days else f"position:{pid}:annual",
                ),
                annual_input,
            ],
        )
        result = None
        paid = pid in paid_days
        if paid:
            paid_position += due[pid]
            s = scores.get(holder)
            ev = s.score if s is not None else None
            positive = ev is not None and ev >= params["po_positive"]
            base = money.r2(result_max[pid] * ev / HUNDRED) if positive and ev is not None else ZERO
            bonus = extra.get(pid, ZERO) if positive else ZERO
            result = base + bonus
            paid_result += result
            if ev is None:
                trace.problem(
                    Problem(
                        rule="brescia.po.not_evaluated",
                        severity="warning",
                        source=f"{PO} art. 6.1, 6.4",
                        file=ente.file_of("positions"),
                        row=r.row,
                        column="holder",
                        message=f"titolare {holder} della posizione {pid} non valutato: nessuna "
                        "retribuzione di risultato",
                    )
                )
            formula = (
                "risultato massimo × valutazione / 100 (arrotondato al centesimo)"
                + (" + maggiorazione per interim" if pid in extra else "")
                if positive
                else f"valutazione non positiva (sotto {params['po_positive']}) o mancante: "
                "nessuna retribuzione di risultato"
            )
            inputs = [
                Input("risultato massimo", result_max[pid], ref=f"position:{pid}:result_max"),
                Input(f"valutazione di {holder}", ev, ref=f"score:{holder}"),
            ]
            if pid in extra:
                inputs.append(Input("maggiorazione per interim", extra[pid], ref=f"position:{pid}:interim"))
            trace.record(
                f"position:{pid}:result",
                result,
                formula,
                f"{PO} art. 3.3–3.4, 6.4–6.6",
                inputs=inputs,
                label=f"Retribuzione di risultato — {pid} ({holder})",
            )
            trace.record(
                f"award:{holder}:po",
                due[pid] + result,
                "retribuzione di posizione dovuta + retribuzione di risultato",
                f"{PO} art. 3.1",
                label=f"Trattamento accessorio di {holder} come titolare della posizione {pid}",
                inputs=[
                    Input("retribuzione di posizione dovuta", due[pid], ref=f"position:{pid}:due"),
                    Input("retribuzione di risultato", result, ref=f"position:{pid}:result"),
                ],
            )
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
    pools = {
        "po_posizione": Pool(
            name="po_posizione",
            amount=F,
            source=f"{PO} art. 3.2, 4.5",
            kind=money.POSITION,
            label="Retribuzione di posizione PO",
        ).with_distributed(paid_position),
        "po_risultato": Pool(
            name="po_risultato", amount=R, source=f"{PO} art. 3.3, 6.5; {SMVP} §3", label="Retribuzione di risultato PO"
        ).with_distributed(paid_result),
    }
    return Positions(positions=positions, pools=pools, awards=position_awards(positions))


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
