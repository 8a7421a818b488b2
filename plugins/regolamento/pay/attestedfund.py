"""The result-pay fund reduced by the OIV's attestation ([risultato_po] ``ridotto_attestata = true``, format 2):
«i fondi sono ridotti in proporzione alla performance attestata». Before the split the fund of [risultato_po] is
fund × attested performance, half-up to the cent; the cut is no money of the cycle (the pool is the reduced
amount, so distributed + residual = the reduced fund).

The attested performance is the core's attestation (D.Lgs. 150/2009 art. 14): ``oiv_attested`` of [approvals],
else the computed performance of the ente (both between 0 and 1). With nothing measured nor attested the fund
is not reduced, and a warning says so.
"""

from __future__ import annotations

import attrs

from ciclope.core import Ente, Input, OrgPerformance, Problem, Trace, money
from ciclope.plugins.regolamento.compile.units import attested
from ciclope.plugins.regolamento.format.sources import cite
from ciclope.plugins.regolamento.format.spec import Regulation, ResultPay
from ciclope.plugins.regolamento.pay.shapes import Outcome


def reduce(reg: Regulation, ente: Ente, org: OrgPerformance, trace: Trace, out: Outcome) -> None:
    """The fund of each entry of [[risultato_po]] × the attested performance, where the entry says so."""
    for rp in reg.result_pays:
        if rp.attested and rp.fund in out.pools:
            reduce_one(reg, rp, ente, org, trace, out)


def reduce_one(reg: Regulation, rp: ResultPay, ente: Ente, org: OrgPerformance, trace: Trace, out: Outcome) -> None:
    """The fund of the entry ``rp`` × the attested performance."""
    source = cite(reg, rp.source)
    pool = out.pools[rp.fund]
    value = attested(ente, org)
    if value is None:
        message = ente.body.said(
            f"nessuna performance dell'ente misurata né attestata dall'OIV: il fondo {rp.fund} non è ridotto "
            "(ridotto_attestata)"
        )
        trace.problem(
            Problem(rule="regolamento.attestata", severity="warning", source=source, message=message, file="ente.toml")
        )
        return
    amount = money.r2(pool.amount * value)
    trace.record(
        f"pool:{rp.fund}:attestata",
        amount,
        ente.body.said("fondo × performance dell'ente attestata dall'OIV, arrotondato al centesimo"),
        source,
        [Input("fondo", pool.amount, ref=out.fund_ref(rp.fund)), Input("performance attestata", value, ref="attested")],
        "Fondo per la retribuzione di risultato ridotto in proporzione alla performance attestata",
        rp.note,
    )
    out.pools[rp.fund] = attrs.evolve(pool, amount=amount)
    out.refs[rp.fund] = f"pool:{rp.fund}:attestata"
