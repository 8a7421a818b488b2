"""Art. 19, 26.2: the premi per l'innovazione e l'efficienza, recorded, not computed.

The OIV (innovation, 19.4) and the conferenza (efficiency, 19.5) choose the winners; ``innovation.csv``
``amount`` is paid from ``[funds] premi_innovazione``; a total above the fund is an error (art. 19.1) and then
nothing is paid. Alta formazione (art. 25) is a training path, not money: an amount on its row is an error and is
never paid.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import attrs

from ciclope.core import Award, Input, Pool, money

from .common import PRIZE_FUND, ZERO, Context, Part, money_it, plain_money, src


def prizes(ctx: Context) -> Part:
    rows = paid_rows(ctx)
    fund = ctx.pools.get(PRIZE_FUND)
    if not rows and fund is None:
        return Part()
    if fund is None:
        fund = Pool(name=PRIZE_FUND, amount=ZERO, source="ente.toml [fondi] (assente)")
    total = sum((r["amount"] for r in rows), Decimal(0))
    pool = attrs.evolve(fund, label=fund.label or "Premi per l'innovazione e l'efficienza (art. 19)")
    extra = {
        PRIZE_FUND: {
            "pool": plain_money(fund.amount),
            "awarded": plain_money(total),
            "winners": [{"person": r["person"], "kind": r["kind"], "amount": plain_money(r["amount"])} for r in rows],
        }
    }
    if total > fund.amount:
        ctx.problem(
            "prizes.over_fund",
            f"i premi indicati in innovazione.csv ({money_it(total)} €) superano il fondo [fondi] "
            f"{PRIZE_FUND} ({money_it(fund.amount)} €): nessun premio pagato; riduci gli importi o "
            "aumenta il fondo",
            src("19.1"),
            file=ctx.ente.file_of("innovation"),
            column="amount",
        )
        return Part(pools={PRIZE_FUND: pool}, extra=extra)
    awards: dict[str, Award] = {}
    for r in rows:
        pid = r["person"]
        if pid not in ctx.ente.people:
            continue  # reported by validate
        awards[f"{pid}:{PRIZE_FUND}:{r.row}"] = Award(person=pid, amount=money.r2(r["amount"]), pool=PRIZE_FUND)
        ctx.trace.record(
            f"award:{pid}:premio:{r.row}",
            money.r2(r["amount"]),
            "importo deciso dall'OIV (innovazione) o dalla "
            "conferenza (efficienza) e registrato in innovazione.csv, pagato dal fondo dei premi",
            src("19.1, 19.4–19.5"),
            label=f"Premio ({r['kind']}) di {ctx.ente.people[pid].name}",
            inputs=[
                Input("importo", r["amount"], cell=ctx.ente.cell("innovation", r.row, "amount")),
                Input("fondo dei premi", fund.amount, ref=f"pool:{PRIZE_FUND}"),
            ],
        )
    return Part(awards=awards, pools={PRIZE_FUND: pool.with_distributed(money.r2(total))}, extra=extra)


def paid_rows(ctx: Context) -> list[Any]:
    """The rows of ``innovation.csv`` with an amount to pay; an amount on an alta formazione row is an error."""
    rows = []
    for r in ctx.ente.table("innovation"):
        if r.get("amount") is None:
            continue
        if r["kind"] == "alta_formazione":
            ctx.problem(
                "prizes.alta_formazione",
                f"{r['person']}: l'alta formazione è un percorso formativo, non un premio in denaro: "
                f"l'importo {money_it(r['amount'])} € non è pagato; lascia vuota la colonna importo",
                src("18.4, 25"),
                file=ctx.ente.file_of("innovation"),
                row=r.row,
                column="amount",
            )
            continue
        rows.append(r)
    return rows
