"""Phase b: the variable resources (004… §5) and the funds of dirigenti and staff by area."""

from __future__ import annotations

import math
from collections.abc import Sequence
from decimal import Decimal
from fractions import Fraction
from typing import Any

import attrs

from ciclope.core import (
    Attestation,
    Ente,
    Input,
    OrgPerformance,
    Params,
    Pool,
    Problem,
    Trace,
    Unit,
    fmt,
    hookimpl,
    money,
)

from .attestation import reduce, reduction
from .common import (
    DIR_VALUE,
    KNOWN_FUNDS,
    RELEVANCE,
    SEGRETERIA,
    SEGRETERIA_NAME,
    SMVP,
    STAFF_VALUE,
    VARIABLE_MAX,
    VARIABLE_MIN,
    area_head,
    area_units,
    cell,
    dirigenti_pool,
    segreteria_staff,
    staff_pool,
)


@hookimpl(specname="ciclope_resources")
def resources(ente: Ente, params: Params, trace: Trace) -> dict[str, Pool]:
    """004… §5: the variable resources are the projects' value, point value × stable fund × Σ coefficients,
    for the dirigenti and for the staff; funds the regulation does not know are reported and kept."""
    pools = unknown_funds(ente, trace)
    projects = [r for r in ente.table("projects") if r["relevance"] in RELEVANCE]
    if not projects:
        return pools
    total_c = coefficients(ente, projects, trace)
    for kind, name, label in (
        ("dirigenti", DIR_VALUE, "personale dirigente"),
        ("staff", STAFF_VALUE, "personale non dirigente"),
    ):
        stable = ente.funds.get(f"stable_{kind}")
        if stable is not None:  # else reported by validate_projects
            pools[name] = project_value(
                ente, params[f"point_value_{kind}"], stable, total_c, (kind, name, label), trace
            )
    return pools


def unknown_funds(ente: Ente, trace: Trace) -> dict[str, Pool]:
    pools: dict[str, Pool] = {}
    for name, amount in ente.funds.items():
        if name in KNOWN_FUNDS:
            continue
        trace.record(
            f"pool:{name}",
            amount,
            "importo del fondo indicato dall'ente",
            "importo indicato dall'ente",
            label=f"Fondo {name}",
            inputs=[ente.fund_input(name, name)],
            note="fondo non previsto dal regolamento di Brescia: riportato e non distribuito",
        )
        trace.problem(
            Problem(
                rule="brescia.resources.unknown_fund",
                severity="warning",
                source="rules/brescia.md",
                file="ente.toml",
                column=f"funds.{name}",
                message=f"fondo {fmt.quoted(name)} non usato dal regolamento di Brescia (attesi: "
                f"{', '.join(KNOWN_FUNDS)}): resta interamente non distribuito",
            )
        )
        pools[name] = Pool(name=name, amount=amount, source="importo indicato dall'ente")
    return pools


def coefficients(ente: Ente, projects: list[Any], trace: Trace) -> int:
    """004… §5.1: Σ of the projects' relevance coefficients (bassa 1, media 3, alta 5)."""
    total_c = sum(RELEVANCE[r["relevance"]] for r in projects)
    trace.record(
        "resources:coefficients",
        Decimal(total_c),
        "somma dei coefficienti di rilevanza dei progetti (bassa 1, media 3, alta 5)",
        f"{SMVP} §5.1",
        label="Punti di coefficiente dei progetti",
        inputs=[
            Input(
                f"{r['id']} ({r['relevance']})",
                RELEVANCE[r["relevance"]],
                cell=cell(ente, "projects", r.row, "relevance"),
            )
            for r in projects
        ],
    )
    return total_c


def project_value(
    ente: Ente, point: Decimal, stable: Decimal, total_c: int, what: tuple[str, str, str], trace: Trace
) -> Pool:
    """004… §5.2: one group's project value, which must be 25%–50% of its whole fund (stable + variable)."""
    kind, name, label = what
    value = money.r2(point * stable * total_c)
    stable_input = ente.fund_input(f"stable_{kind}", "risorse stabili")
    trace.record(
        f"pool:{name}",
        value,
        f"{point} × risorse stabili × somma dei coefficienti",
        f"{SMVP} §5.2",
        label=f"Valore dei progetti per il {label} (risorse variabili, lordo)",
        inputs=[
            Input("valore per punto", point, cell=f"params:point_value_{kind}"),
            stable_input,
            Input("punti di coefficiente", total_c, ref="resources:coefficients"),
        ],
    )
    whole = stable + value
    ratio = value / whole if whole else None
    if ratio is not None:
        trace.record(
            f"resources:{kind}:variable_share",
            money.r4(ratio),
            "parte variabile / (parte stabile + parte variabile)",
            f"{SMVP} §5.2",
            label=f"Quota variabile del fondo del {label}",
            inputs=[
                Input("parte variabile", value, ref=f"pool:{name}"),
                attrs.evolve(stable_input, name="parte stabile"),
            ],
        )
    if ratio is None or not (VARIABLE_MIN <= ratio <= VARIABLE_MAX):
        shown = "non calcolabile" if ratio is None else fmt.pct(ratio)
        trace.problem(
            Problem(
                rule="brescia.resources.range",
                source=f"{SMVP} §5.2",
                file=ente.file_of("projects"),
                column="relevance",
                message=f"valore dei progetti per il {label} {fmt.euro(value)}: quota del fondo (stabile "
                f"{fmt.euro(stable)} + variabile) {shown}, fuori dall'intervallo 25%–50% "
                f"previsto dal §5.2. {range_hint(point, total_c, kind)}",
            )
        )
    return Pool(name=name, amount=value, source=f"{SMVP} §5.2", label=f"Valore progetti — {label}")


def range_hint(point: Decimal, total_c: int | Decimal, kind: str) -> str:
    """What would fix §5.2: variable / (stable + variable) ∈ [25%, 50%] ⇔ point × Σc ∈ [1/3, 1], so with this
    value per point the coefficients must sum from ⌈1 / (3 × point)⌉ to ⌊1 / point⌋ (say what to change)."""
    if point <= 0:
        return f"Il valore per punto (point_value_{kind}) deve essere positivo."
    lo, hi = math.ceil(1 / (3 * point)), math.floor(1 / point)
    return (
        f"Con point_value_{kind} = {point} i coefficienti dei progetti devono sommare da {lo} a {hi} (ora "
        f"{total_c}): cambia la rilevanza dei progetti in progetti.csv o il parametro point_value_{kind}."
    )


@hookimpl(specname="ciclope_fund_pools")
def fund_pools(
    ente: Ente, params: Params, org: OrgPerformance, attestation: Attestation, resources: dict[str, Pool], trace: Trace
) -> dict[str, Pool]:
    factor = reduction(attestation)
    out: dict[str, Pool] = {}
    for name, pool in resources.items():
        if name not in (DIR_VALUE, STAFF_VALUE):
            out[name] = pool
            continue
        dirigenti = name == DIR_VALUE
        what = "dirigenti" if dirigenti else "personale"
        net = reduce(
            pool.amount,
            factor,
            f"pool:{name}:net",
            f"Valore progetti — {what}, dopo la riduzione OIV",
            f"pool:{name}",
            trace,
        )
        areas = area_units(ente)
        weights, shown = dirigenti_weights(ente, areas) if dirigenti else staff_weights(ente, areas)
        total = sum((Fraction(w) for w in weights.values()), Fraction(0))  # exact: a mean pay may be a fraction
        if not weights or total == 0:
            trace.problem(
                Problem(
                    rule="brescia.resources.no_split",
                    severity="warning",
                    source=f"{SMVP} §5.3",
                    message=f"fondo {name}: nessuna area con "
                    f"{'retribuzione di posizione del dirigente' if dirigenti else 'dipendenti'}; "
                    "resta non distribuito",
                )
            )
            out[name] = Pool(name=name, amount=net, source=f"{SMVP} §5.2–5.3")
            continue
        parts = money.split(net, weights)
        basis = (
            "retribuzione di posizione del dirigente dell'area"
            if dirigenti
            else "dipendenti dell'area (tempo lavorato)"
        )
        # the inputs every area shares are one object each
        net_input = Input("valore dopo la riduzione", net, ref=f"pool:{name}:net")
        total_input = Input("totale dei pesi", money.r2(Decimal(total.numerator) / Decimal(total.denominator)))
        names = {a.id: a.name for a in areas} | {SEGRETERIA: SEGRETERIA_NAME}
        for aid in weights:
            key = dirigenti_pool(aid) if dirigenti else staff_pool(aid)
            trace.record(
                f"pool:{key}",
                parts[aid],
                f"valore dopo la riduzione OIV ripartito tra le aree in "
                f"proporzione a: {basis} (resto maggiore al centesimo)",
                f"{SMVP} §5.3" + ("; §1.2 (uffici di staff della Segreteria Generale)" if aid == SEGRETERIA else ""),
                label=f"Fondo {what} dell'area {aid} — {names[aid]}",
                inputs=[net_input, shown[aid], total_input],
            )
            out[key] = Pool(name=key, amount=parts[aid], source=f"{SMVP} §5.3", label=f"Fondo {what} — {names[aid]}")
    return out


def dirigenti_weights(ente: Ente, areas: Sequence[Unit]) -> tuple[dict[str, Any], dict[str, Input]]:
    """§5.3: each area weighs its head's position_pay. An area without a dirigente weighs the mean position_pay of
    the other areas' heads (exact) — its share is residual, so it never enlarges the other areas' shares."""
    weights: dict[str, Any] = {}
    shown: dict[str, Input] = {}
    missing = []
    for a in areas:
        head = area_head(ente, a)
        if head is None or not head.is_dirigente:
            missing.append(a)
            continue
        pay = head.extra.get("position_pay")
        weights[a.id] = pay or Decimal(0)
        shown[a.id] = Input(
            f"retribuzione di posizione di {head.id}", pay, cell=cell(ente, "people", head.row, "position_pay")
        )
    paid = [Fraction(w) for w in weights.values() if w]
    mean = sum(paid, Fraction(0)) / len(paid) if paid else Fraction(0)
    for a in missing:
        weights[a.id] = mean
        shown[a.id] = Input(
            "area senza dirigente: media delle retribuzioni di posizione degli altri dirigenti (quota residua)",
            money.r2(Decimal(mean.numerator) / Decimal(mean.denominator)),
        )
    return {a.id: weights[a.id] for a in areas}, shown


def staff_weights(ente: Ente, areas: Sequence[Unit]) -> tuple[dict[str, Any], dict[str, Input]]:
    """§5.3: each area weighs its staff's fte; the Segreteria Generale group (if it has staff) weighs its own."""
    weights: dict[str, Any] = {}
    shown: dict[str, Input] = {}
    for a in areas:
        fte = sum((p.fte for p in ente.staff_in_area(a.id)), Decimal(0))
        weights[a.id] = fte
        shown[a.id] = Input(f"dipendenti dell'area {a.id} (tempo lavorato)", fte)
    fte = sum((p.fte for p in segreteria_staff(ente)), Decimal(0))
    if fte:
        weights[SEGRETERIA] = fte
        shown[SEGRETERIA] = Input(f"dipendenti fuori da ogni area — {SEGRETERIA_NAME} (tempo lavorato)", fte)
    return weights, shown
