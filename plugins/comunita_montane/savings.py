"""Art. 26.3–26.5: documented savings, once validated by the OIV, shared between the staff involved and the
contrattazione integrativa."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

from ciclope.core import Input, money

from .common import SAVINGS_FUND, ZERO, Context, Part, money_it, plain_money, src


def savings(ctx: Context) -> Part:
    amount = ctx.ente.funds.get(SAVINGS_FUND)
    if amount is None:
        return Part()
    validated = ctx.ente.approvals.get("savings_validated_oiv")
    ok = ctx.ente.approved("savings_validated_oiv")
    share = Decimal(ctx.params["savings_share"])
    staff_share = Decimal(ctx.params["savings_staff_share"])
    if not ok:
        ctx.problem(
            "savings.not_validated",
            f"risparmi documentati ({money_it(amount)} euro) senza validazione dell'OIV "
            "([atti] risparmi_validati_oiv): non utilizzabili",
            src("26.5"),
            file="ente.toml",
            column="approvals.savings_validated_oiv",
        )
        available = staff_part = ZERO
    else:
        available = money.floor2(amount * share)  # "fino a" caps round down (rules/core.md §4)
        ratio = as_fraction(staff_share)
        staff_part = money.floor2(available * ratio.numerator / ratio.denominator)
    bargaining = available - staff_part
    record_savings(ctx, amount, (available, staff_part, bargaining), share, staff_share, validated)
    detail = {
        "documented": plain_money(amount),
        "validated": ok,
        "available": plain_money(available),
        "staff": plain_money(staff_part),
        "bargaining": plain_money(bargaining),
    }
    return Part(extra={"savings": detail})


def as_fraction(share: Decimal) -> Fraction:
    """«fino a due terzi»: the parameter 0.666… stands for 2/3 exactly (a decimal cannot write it), so a share
    within 1e-12 of a simple fraction is read as that fraction before the cap is rounded down."""
    exact = Fraction(share).limit_denominator(10**6)
    return exact if abs(exact - Fraction(share)) < Fraction(1, 10**12) else Fraction(share)


def record_savings(
    ctx: Context,
    amount: Decimal,
    parts: tuple[Decimal, Decimal, Decimal],
    share: Decimal,
    staff_share: Decimal,
    validated: object,
) -> None:
    available, staff_part, bargaining = parts
    ctx.trace.record(
        "savings:available",
        available,
        "risparmi documentati × quota (quota_risparmi), se validati dall'OIV; altrimenti 0",
        src("26.3, 26.5"),
        label="Risparmi utilizzabili",
        inputs=[
            ctx.ente.fund_input(SAVINGS_FUND, "risparmi documentati"),
            Input("quota", share),
            Input("validazione dell'OIV", validated, cell="ente.toml:approvals.savings_validated_oiv"),
        ],
    )
    ctx.trace.record(
        "savings:staff",
        staff_part,
        "risparmi utilizzabili × quota al personale coinvolto (quota_risparmi_personale, fino a 2/3)",
        src("26.3"),
        label="Risparmi: premi al personale coinvolto",
        inputs=[
            Input("risparmi utilizzabili", available, ref="savings:available"),
            Input("quota al personale", staff_share),
        ],
    )
    ctx.trace.record(
        "savings:bargaining",
        bargaining,
        "risparmi utilizzabili − quota al personale coinvolto",
        src("26.3"),
        label="Risparmi: incremento della contrattazione integrativa",
        inputs=[
            Input("risparmi utilizzabili", available, ref="savings:available"),
            Input("quota al personale", staff_part, ref="savings:staff"),
        ],
    )
