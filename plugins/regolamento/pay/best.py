"""A premium for the best of a band («migliori», format 2): at most ``quota_vincitori`` of the people an earlier
part placed in a band (rounded down; a tie at the cut leaves the whole tie out, so never more), best score
first, the part's amount in equal shares; without winners, or without a valid decision of the year, it is
residual. The bonus annuale delle eccellenze of D.Lgs. 150/2009 art. 21 is this shape."""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from decimal import Decimal
from fractions import Fraction

from ciclope.core import Ente, Input, OrgPerformance, Score, Trace, money, scoring
from ciclope.plugins.regolamento.format.sources import cite
from ciclope.plugins.regolamento.format.spec import Part, Regulation
from ciclope.plugins.regolamento.pay.decision import decided
from ciclope.plugins.regolamento.pay.shapes import Entry, Given


def pay(
    reg: Regulation,
    part: Part,
    fund: Input,
    placed: Mapping[str, str],
    scores: Mapping[str, Score],
    ctx: tuple[Ente, OrgPerformance, Trace],
    key: Callable[[str], str],
) -> Given:
    ente, _, trace = ctx
    if fund.value <= 0 or not decided(reg, part, ente, trace):
        return Given((), {})
    top = scoring.by_score([(pid, scores[pid].score) for pid, band in placed.items() if band == part.band])
    assert part.best_share is not None  # required for «migliori» (consistency)
    limit = math.floor(Fraction(part.best_share) * len(top))
    winners = scoring.cut_without_ties(top, limit)  # placed people have a score
    rank = {pid: -(scores[pid].score or 0) for pid in winners}  # equal cents: the higher score first
    amounts = money.split(fund.value, {pid: Decimal(1) for pid in winners}, rank=rank)
    paid = []
    for pid in winners:
        e = Entry(ente.people[pid], scores[pid].score or Decimal(0), scores[pid].level, None, Decimal(1), (), "")
        trace.record(
            key(pid),
            amounts[pid],
            f"fondo / numero dei premiati; premiati: i migliori della fascia «{part.band}», al più "
            f"⌊quota dei premiati × collocati nella fascia⌋, esclusi i pari merito al limite",
            cite(reg, part.source),
            [
                fund,
                Input("punteggio", e.score, ref=f"score:{pid}"),
                Input(f"collocati nella fascia «{part.band}»", len(top)),
                Input("quota dei premiati", part.best_share),
                Input("premiati al più", limit),
                Input("premiati", len(winners)),
            ],
            f"Premio di {e.person.name} — {part.name}",
            part.note,
        )
        paid.append((e, amounts[pid], part.band))
    return Given(tuple(paid), {})
