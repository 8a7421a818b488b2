"""Art. 18: the bonus annuale delle eccellenze, for the best of the first band, decided every January."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from decimal import Decimal
from fractions import Fraction
from typing import Any

import attrs

from ciclope.core import Award, Input, Pool, fmt, money, scoring

from .common import BONUS_FUND, ZERO, Context, Part, plain_money, src
from .schema import BONUS_INCOMPATIBLE

Ranked = tuple[str, Decimal, int]  # (id, score, band index) of a banded person, 0 = the highest band


def bonus(ctx: Context, ranked: Sequence[Ranked]) -> Part:
    fund = ctx.pools.get(BONUS_FUND)
    if fund is None:
        return Part()
    detail: dict[str, Any] = {
        "pool": plain_money(fund.amount),
        "decided": None,
        "band_size": 0,
        "max_winners": 0,
        "winners": [],
        "paid": [],
        "withheld": {},
    }
    pool = attrs.evolve(fund, label=fund.label or "Bonus annuale delle eccellenze (art. 18)", source=src("18"))
    unpaid = Part(pools={BONUS_FUND: pool}, extra={BONUS_FUND: [], f"{BONUS_FUND}_detail": detail})
    if fund.amount <= 0:
        return unpaid
    decided = ctx.ente.approvals.get("bonus_decided")
    detail["decided"] = decided if isinstance(decided, dt.date) else None
    if not valid_decision(ctx, decided):
        return unpaid
    top = scoring.by_score([(pid, score) for pid, score, k in ranked if k == 0])
    share = Decimal(ctx.params["bonus_share"])
    limit = math.floor(Fraction(share) * len(top))
    winners = scoring.cut_without_ties(top, limit)
    detail.update(band_size=len(top), max_winners=limit, winners=winners)
    ranks = {pid: -ctx.scores[pid].score for pid in winners}  # type: ignore[operator]  # winners have a score
    parts = money.split(fund.amount, {pid: Decimal(1) for pid in winners}, rank=ranks)  # core §4: rank, then id
    awards: dict[str, Award] = {}
    for pid in winners:
        withheld = renounced_or_conflict(ctx, pid, parts[pid])
        if withheld:
            detail["withheld"][pid] = withheld
            continue
        awards[f"{pid}:{BONUS_FUND}"] = Award(person=pid, amount=parts[pid], pool=BONUS_FUND, band=ctx.bands[0].name)
        record_bonus(ctx, pid, parts[pid], fund, (len(winners), len(top), limit), decided)
    paid = [a.person for a in awards.values()]
    detail["paid"] = paid
    given = sum((a.amount for a in awards.values()), Decimal(0))
    pools = {BONUS_FUND: pool.with_distributed(given)}
    return Part(awards=awards, pools=pools, extra={BONUS_FUND: paid, f"{BONUS_FUND}_detail": detail})


def _shown(decided: object) -> str:
    return fmt.date_it(decided) if isinstance(decided, dt.date) else str(decided)


def valid_decision(ctx: Context, decided: object) -> bool:
    """The bonus is instituted every year, by the end of January («entro il mese di gennaio», a December decision
    is valid); one taken before 1 February of the year before was for an earlier cycle (art. 18.1)."""
    if decided is None or decided is False:
        ctx.problem(
            "bonus.not_decided",
            f"[fondi] {BONUS_FUND} indicato ma il bonus non risulta istituito ([atti] bonus_deciso): "
            "fondo non assegnato",
            src("18.1"),
            severity="warning",
            file="ente.toml",
            column="approvals.bonus_decided",
        )
        return False
    year = ctx.ente.year
    deadline, earliest = dt.date(year, 1, 31), dt.date(year - 1, 2, 1)
    if isinstance(decided, dt.date) and earliest <= decided <= deadline:
        return True
    ctx.problem(
        "bonus.decision_date",
        f"la decisione di istituire il bonus delle eccellenze ({_shown(decided)}) è fuori dal periodo "
        f"{earliest.strftime('%d/%m/%Y')}–{deadline.strftime('%d/%m/%Y')}: bonus non assegnabile (va decisa "
        "entro il mese di gennaio dell'anno, e ogni anno: una decisione per un ciclo precedente non vale, "
        "art. 18.1); il fondo resta residuo",
        src("18.1"),
        file="ente.toml",
        column="approvals.bonus_decided",
    )
    return False


def renounced_or_conflict(ctx: Context, pid: str, share: Decimal) -> str:
    """Why a winner is not paid, or ``""``: only the innovation prize and alta formazione exclude the bonus (not
    efficienza, art. 18.4, 19.3); a winner who did not renounce the bonus for them is not paid until they choose."""
    rows = [r for r in ctx.ente.table("innovation") if r["person"] == pid and r["kind"] in BONUS_INCOMPATIBLE]
    conflict = [r for r in rows if not r.get("renounced_bonus", False)]
    if conflict:
        r = conflict[0]
        ctx.problem(
            "bonus.innovation_conflict",
            f"{pid} vince il bonus delle eccellenze ma compare in innovazione.csv ({r['kind']}) senza "
            "rinunciare al bonus (rinuncia_al_bonus): il bonus non è pagato finché non sceglie",
            src("18.4"),
            file=ctx.ente.file_of("innovation"),
            row=r.row,
            column="renounced_bonus",
        )
        return "conflitto con premio per l'innovazione/alta formazione (art. 18.4)"
    if not rows:
        return ""
    r = rows[0]
    ctx.trace.record(
        f"award:{pid}:{BONUS_FUND}",
        ZERO,
        "vincitore del bonus che vi ha rinunciato per un premio incompatibile: nessun importo; la sua "
        "quota resta nel fondo (residuo)",
        src("18.4"),
        label=f"Bonus delle eccellenze di {ctx.ente.people[pid].name} (rinunciato)",
        inputs=[
            Input(f"rinuncia al bonus ({r['kind']})", True, cell=ctx.ente.cell("innovation", r.row, "renounced_bonus")),
            Input("quota che sarebbe spettata", share),
        ],
    )
    return f"rinuncia al bonus per {r['kind']} (art. 18.4)"


def record_bonus(
    ctx: Context, pid: str, amount: Decimal, fund: Pool, counts: tuple[int, int, int], decided: object
) -> None:
    winners, band_size, limit = counts
    top = ctx.bands[0].name
    ctx.trace.record(
        f"award:{pid}:{BONUS_FUND}",
        amount,
        "fondo del bonus diviso in parti uguali tra i vincitori: i migliori "
        f"punteggi della fascia {top}, al massimo ⌊{Decimal(ctx.params['bonus_share'])} × persone della fascia⌋, esclusi i "
        "pari merito al taglio",
        src("18.1–18.2"),
        label=f"Bonus delle eccellenze di {ctx.ente.people[pid].name}",
        inputs=[
            Input("fondo del bonus", fund.amount, ref=f"pool:{BONUS_FUND}"),
            Input("vincitori", winners),
            Input(f"persone nella fascia {top}", band_size),
            Input("numero massimo di vincitori", limit),
            Input("punteggio", ctx.scores[pid].score, ref=f"score:{pid}"),
            Input("decisione di istituzione", decided, cell="ente.toml:approvals.bonus_decided"),
        ],
    )
