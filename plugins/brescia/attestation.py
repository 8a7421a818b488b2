"""Phase c: the OIV attestation and the proportional reduction of the performance funds (004… §3)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from ciclope.core import Attestation, Ente, Input, OrgPerformance, Params, Problem, Trace, fmt, hookimpl, money

from .common import JUDGEMENTS, ONE, SMVP


@hookimpl(specname="ciclope_attestation")
def attestation(ente: Ente, org: OrgPerformance, params: Params, trace: Trace) -> Attestation:
    """004… §3: the OIV attests the ente's performance: the computed value, or its own with a motivation (more than
    computed only as a complete attestation for slight negative deviations, §3.2.1); and a synthetic judgement."""
    computed = org.ente
    given = ente.approvals.get("oiv_attested")
    motivation = str(ente.approvals.get("oiv_motivation", "") or "").strip()
    attested, note = attested_value(computed, given, motivation, params, trace)
    record_attested(attested, computed, given, note, trace)
    judgement = judgement_of(ente, attested, params, trace)
    return Attestation(computed=computed, attested=attested, judgement=judgement, motivation=motivation)


def attested_value(
    computed: Decimal | None, given: Any, motivation: str, params: Params, trace: Trace
) -> tuple[Decimal | None, str]:
    """The value attested and why: the OIV's own value only with a motivation, and above the computed one only as
    exactly 1 with the computed value within ``oiv_tolerance`` of it."""
    tolerance = params["oiv_tolerance"]
    src = f"{SMVP} §3"
    attested, note = computed, "valore calcolato (nessuna attestazione diversa dell'OIV)"
    if given is not None and computed is None:
        attested, note = given, "attestato dall'OIV (nessun valore calcolabile)"
    elif given is not None and given != computed:
        if not motivation:
            trace.problem(
                Problem(
                    rule="brescia.oiv.motivation",
                    source=src,
                    message=f"l'OIV attesta {fmt.decimal_it(given)} invece del valore calcolato {fmt.decimal_it(computed)} senza "
                    "motivazione ([atti] motivazione_oiv): si usa il valore calcolato",
                )
            )
            note = "attestazione dell'OIV senza motivazione: non applicata"
        elif given > computed and (given != ONE or computed < ONE - tolerance):
            # §3.2.1: more than computed only to release "una attestazione completamente positiva" for "lievi
            # scostamenti negativi": exactly 1.0, with computed ≥ 1 − tolerance. Anything between computed and
            # 1.0 (0.99 on 0.96) is not a complete attestation and is refused like 1.0 outside the tolerance
            trace.problem(
                Problem(
                    rule="brescia.oiv.tolerance",
                    source=f"{src}.2.1",
                    file="ente.toml",
                    column="approvals.oiv_attested",
                    message=f"l'OIV attesta {fmt.decimal_it(given)}, più della performance calcolata "
                    f"{fmt.decimal_it(computed)}: "
                    "l'OIV può attestare più del calcolato solo un'attestazione completamente positiva "
                    "(esattamente 1) per lievi scostamenti negativi, "
                    f"cioè con un calcolato di almeno {fmt.decimal_it(ONE - tolerance)} (parametro "
                    f"tolleranza_oiv = {fmt.decimal_it(tolerance)}); si usa il valore calcolato. Correggi "
                    "attestazione_oiv (al più il calcolato) o motiva e documenta il ricalcolo",
                )
            )
            note = (
                f"attestazione sopra il calcolato non ammessa (solo 1 con calcolato ≥ {fmt.decimal_it(ONE - tolerance)}): "
                "non applicata"
            )
        else:
            attested = given
            note = (
                f"attestazione sopra il calcolato per lievi scostamenti negativi (calcolato {fmt.decimal_it(computed)} ≥ "
                f"{fmt.decimal_it(ONE - tolerance)}): {motivation}"
                if given > computed
                else f"attestato dall'OIV: {motivation}"
            )
    return attested, note


def record_attested(attested: Decimal | None, computed: Decimal | None, given: Any, note: str, trace: Trace) -> None:
    src = f"{SMVP} §3"
    if attested is None:
        trace.problem(
            Problem(
                rule="brescia.oiv.none",
                severity="warning",
                source=src,
                message="nessuna performance misurata né attestata: i fondi di performance non sono ridotti",
            )
        )
    else:
        trace.record(
            "attested",
            attested,
            "valore calcolato, salvo attestazione motivata dell'OIV (100% ammesso solo per lievi scostamenti negativi)",
            f"{SMVP} §3, §3.2.1",
            label="Performance attestata dall'OIV",
            inputs=[
                Input("calcolata", computed, ref="" if computed is None else "ente"),  # nothing measured: no figure
                Input("attestazione OIV", given, cell="ente.toml:approvals.oiv_attested"),
            ],
            note=note,
        )


def judgement_of(ente: Ente, attested: Decimal | None, params: Params, trace: Trace) -> str:
    """The OIV's synthetic judgement (§3), or the one proposed by the attested value when the OIV gave none."""
    judgement = ente.approvals.get("oiv_judgement")
    if judgement:
        judgement, how = str(judgement), "giudizio espresso dall'OIV"
    elif attested is None:
        judgement, how = "", ""
    else:
        low = params["judgement_low"]
        judgement = JUDGEMENTS[0] if attested < low else JUDGEMENTS[1]
        how = f"giudizio proposto (non espresso dall'OIV): attestata {'<' if attested < low else '≥'} {fmt.pct_share(low)}"
    if judgement:
        trace.record(
            "judgement",
            judgement,
            how,
            f"{SMVP} §3",
            label="Giudizio sintetico sulla performance dell'ente",
            inputs=[Input("performance attestata", attested, ref="attested")],
        )
    return judgement


def reduction(attestation: Attestation | None) -> Decimal:
    """004… §3: "qualora la valutazione finale dell'OIV risultasse inferiore a 100%, i fondi attribuiti alla
    remunerazione della performance saranno proporzionalmente ridotti" (no attestation: no reduction)."""
    if attestation is None or attestation.attested is None:
        return ONE
    return min(ONE, attestation.attested)


def reduce(amount: Decimal, factor: Decimal, key: str, label: str, gross_ref: str, trace: Trace) -> Decimal:
    net = money.r2(amount * factor)
    trace.record(
        key,
        net,
        "importo lordo × performance attestata dall'OIV, arrotondato al centesimo",
        f"{SMVP} §3 (riduzione proporzionale dei fondi)",
        label=label,
        inputs=[
            Input("importo lordo", amount, ref=gross_ref),
            Input("performance attestata", factor, ref="attested"),
        ],
    )
    return net
