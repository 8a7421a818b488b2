"""Art. 28.1 lett. c–d: premi stanziati e distribuiti, and their differentiation, for each group."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

from ciclope.core import Award, Pool, money

from .common import PERFORMANCE_FUND, RESULT_FUND, Context, Part, plain_money
from .groups import FUND_GROUPS


def transparency(ctx: Context, awards: Mapping[str, Award], pools: Mapping[str, Pool]) -> Part:
    """Each award goes to its group by its person's role: dirigenti and PO, or the staff (the other people)."""
    people = ctx.ente.people
    leads = [p for p in people.values() if p.is_po or p.is_dirigente]
    lead_ids = {p.id for p in leads}
    of_group: dict[str, list[Award]] = {"dirigenti_po": [], "personale": []}
    for a in awards.values():
        if a.person in lead_ids:
            of_group["dirigenti_po"].append(a)
        elif a.person in people:
            of_group["personale"].append(a)
    doc: dict[str, Any] = {}
    for group, members in (("dirigenti_po", len(leads)), ("personale", len(ctx.ente.staff()))):
        given = of_group[group]
        used = sorted({a.pool for a in given})
        entry: dict[str, Any] = {
            "people": members,
            "paid": len({a.person for a in given if a.amount > 0}),
            "distributed": plain_money(sum((a.amount for a in given), Decimal(0))),
            "pools": used,
        }
        # allocated: every fund destined to the group's performance pay, including funds nobody received (the
        # bonus, the prizes), and every pool the group's money came from (rules/core.md §6)
        base = PERFORMANCE_FUND if group == "personale" else RESULT_FUND
        destined = [name for name, to in FUND_GROUPS.items() if to == GROUP_WORDS[group]]
        funds = [p for p in dict.fromkeys([base, *destined, *used]) if p in pools]
        entry["allocated"] = plain_money(sum((pools[p].amount for p in funds), Decimal(0))) if funds else None
        if group == "personale":
            entry["bands"] = by_band(ctx, given)
        else:
            paid = [a.amount for a in given if a.amount > 0]
            entry["min"] = plain_money(min(paid)) if paid else None
            entry["max"] = plain_money(max(paid)) if paid else None
            entry["differentiation"] = str(money.r2(max(paid) / min(paid))) if paid else None
        doc[group] = entry
    return Part(extra={"transparency": doc})


GROUP_WORDS = {"personale": "personale", "dirigenti_po": "dirigenti e PO"}


def by_band(ctx: Context, given: Sequence[Award]) -> dict[str, dict[str, Any]]:
    """The staff's premi by band, and each band's per-capita amount over the lowest paid band's."""
    bands: dict[str, dict[str, Any]] = {}
    for band in ctx.bands:
        got = [a.amount for a in given if a.pool == PERFORMANCE_FUND and a.band == band.name]
        bands[band.name] = {
            "count": len(got),
            "total": plain_money(sum(got, Decimal(0))),
            "per_capita": plain_money(sum(got, Decimal(0)) / len(got)) if got else None,
        }
    paid = [b for b in bands.values() if b["per_capita"] is not None and Decimal(b["per_capita"]) > 0]
    lowest = min((Decimal(b["per_capita"]) for b in paid), default=None)
    for b in bands.values():
        b["differentiation"] = (
            str(money.r2(Decimal(b["per_capita"]) / lowest)) if lowest and b["per_capita"] is not None else None
        )
    return bands
