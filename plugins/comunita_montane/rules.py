"""The regulation of the Comunità Montane of the Province of Belluno (003_17a077a346f3b252.txt): phase e.

One regulation shared by several enti (art. 2.4–2.5, gestione associata); rules/comunita_montane.md
resolves its ambiguities. Each article of the premialità is a function of its own module, joined here in the
regulation's order; every figure is recorded in the ``trace`` (keys ``score:<id>``, ``card:<id>``,
``score:<id>:status``, ``award:<id>``, ``award:<id>:bonus``, ``pool:<fund>:<ranking>[:<band>]``,
``differentiation:<evaluator>``, ``savings:*``) so ``ciclope explain`` can walk from a euro down to the input
cells.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from ciclope.core import Award, Deadline, Ente, OrgPerformance, Params, Pool, Rewards, Score, Trace, hookimpl

from .bands import merit_bands
from .bonus import bonus
from .common import BONUS_FUND, PERFORMANCE_FUND, SAVINGS_FUND, Context, bands_of, levels_of, src
from .differentiation import differentiation
from .prizes import prizes
from .progressions import progressions
from .resultpay import result_pay
from .savings import savings
from .statuses import statuses
from .transparency import transparency

__all__ = ["PERFORMANCE_FUND", "calendar", "compute_rewards"]


@hookimpl(specname="ciclope_rewards")
def compute_rewards(
    ente: Ente, scores: dict[str, Score], pools: dict[str, Pool], params: Params, org: OrgPerformance, trace: Trace
) -> Rewards:
    """Phase e in the regulation's order: statuses and merit bands (art. 17), result pay (21), bonus (18), prizes
    (19), progressioni (20), savings (26), the evaluators' differentiation (11.2 d) and transparency (28)."""
    ctx = Context(ente, scores, pools, params, org, trace, bands_of(params), levels_of(params))
    status_of, score_inputs, counted = statuses(ctx)
    banded, ranked = merit_bands(ctx, status_of, score_inputs)
    parts = [counted, banded, result_pay(ctx), bonus(ctx, ranked), prizes(ctx)]
    parts += [progressions(ctx, ranked), savings(ctx), differentiation(ctx)]
    awards: dict[str, Award] = {}
    given: dict[str, Pool] = {}
    for part in parts:
        awards.update(part.awards)
        given.update(part.pools)
    parts.append(transparency(ctx, awards, given))
    extra = {k: v for part in parts for k, v in part.extra.items()}
    for name, pool in pools.items():  # funds this regulation does not distribute: whole residual
        if name not in given and name != SAVINGS_FUND:
            given[name] = pool
    ordered = {k: given[k] for k in pools if k in given}
    ordered.update((k, v) for k, v in given.items() if k not in ordered)
    return Rewards(pools=ordered, awards=awards, statuses=status_of, extra=extra)


# --- f. rendicontazione: the calendar (art. 7, 18) ---------------------------------------------------


@hookimpl(specname="ciclope_calendar")
def calendar(ente: Ente, year: int) -> list[Deadline]:
    out = []
    budget = ente.approvals.get("budget_approved")
    if isinstance(budget, dt.date):
        out.append(
            Deadline(
                phase="pianificazione",
                act="Piano della performance (entro 45 giorni dal bilancio di previsione)",
                due=budget + dt.timedelta(days=45),
                source=src("7.1 lett. a"),
                approval="piano_adopted",
            )
        )
    out.append(
        Deadline(
            phase="rendicontazione",
            act="Relazione sulla performance (adottata e validata dall'OIV)",
            due=dt.date(year + 1, 6, 30),
            source=src("7.1 lett. b"),
            approval="relazione_validated_oiv",
        )
    )
    if ente.funds.get(BONUS_FUND, Decimal(0)) > 0:
        out.append(
            Deadline(
                phase="premialita",
                act="Decisione di istituire il bonus delle eccellenze (entro gennaio)",
                due=dt.date(year, 1, 31),
                source=src("18.1"),
                approval="bonus_decided",
            )
        )
        out.append(
            Deadline(
                phase="premialita",
                act="Erogazione del bonus delle eccellenze (entro marzo dell'anno dopo)",
                due=dt.date(year + 1, 3, 31),
                source=src("18.2"),
                approval="bonus_paid",
            )
        )
    return out
