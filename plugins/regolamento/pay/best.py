"""A premium for the best of a band («migliori», format 2): at most ``quota_vincitori`` of the people an earlier
part placed in a band (rounded down; a tie at the cut leaves the whole tie out, so never more), best score
first, the part's amount in equal shares; without winners, or without a valid decision of the year, it is
residual. The bonus annuale delle eccellenze of D.Lgs. 150/2009 art. 21 is this shape."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Mapping
from decimal import Decimal
from fractions import Fraction

from ciclope.core import Deadline, Ente, Input, OrgPerformance, Problem, Score, Trace, fmt, money, scoring
from ciclope.plugins.regolamento.format.acts import code_of, day_month
from ciclope.plugins.regolamento.format.sources import cite
from ciclope.plugins.regolamento.format.spec import Part, Regulation
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


def decided(reg: Regulation, part: Part, ente: Ente, trace: Trace) -> bool:
    """The act that institutes the part this year, in its window (``decisione_dal`` of the year before,
    ``decisione_entro`` of the cycle's year); without ``decisione`` the part needs none."""
    if part.decision is None:
        return True
    when = ente.approvals.get(code_of(part.decision))
    source = cite(reg, part.source)
    if when is not None and not isinstance(when, dt.date):
        problem(trace, source, part, "error", f"[atti] {part.decision} non è una data ({fmt.quoted(fmt.toml_value(when))}): la decisione "
                f"vale nel suo periodo, scrivi {part.decision} = AAAA-MM-GG; il fondo della parte «{part.name}» resta "
                "residuo")  # fmt: skip
        return False
    if not isinstance(when, dt.date):
        problem(trace, source, part, "warning", f"manca [atti] {part.decision}: la parte «{part.name}» non è "
                "istituita per l'anno, il suo fondo resta residuo")  # fmt: skip
        return False
    first = _day(part.decided_from, ente.year - 1)
    last = _day(part.decided_by, ente.year)
    if (first is not None and when < first) or (last is not None and when > last):
        window = " ".join(
            x
            for x in (f"dal {fmt.date_it(first)}" if first else "", f"entro il {fmt.date_it(last)}" if last else "")
            if x
        )
        problem(trace, source, part, "error", f"[atti] {part.decision} = {fmt.date_it(when)} non è nel periodo "
                f"valido ({window}): la parte «{part.name}» non è istituita per l'anno, il suo fondo resta residuo")  # fmt: skip
        return False
    return True


def deadlines(reg: Regulation, year: int) -> list[Deadline]:
    """The decision of each part that needs one, in the calendar by the last day of its window (a decision
    without ``decisione_entro`` has no date to keep; one the regulation's [[calendario]] lists keeps that act)."""
    out = []
    listed = {
        code_of(ev.approval) for ev in reg.calendar if ev.approval
    }  # the regulation's own calendar has it already
    for part in reg.parts:
        due = _day(part.decided_by, year)
        if part.decision and due is not None and code_of(part.decision) not in listed:
            act = f"Decisione che istituisce «{part.name}» per l'anno (entro il {fmt.date_it(due)})"
            out.append(Deadline("premialita", act, due, cite(reg, part.source), code_of(part.decision)))
    return out


def _day(text: str | None, year: int) -> dt.date | None:
    found = day_month(text) if text else None
    if found is None:
        return None
    day, month = found
    return dt.date(year, month, min(day, 28) if month == 2 and day == 29 else day)


def problem(trace: Trace, source: str, part: Part, severity: str, message: str) -> None:
    trace.problem(
        Problem(
            rule="regolamento.decisione",
            severity=severity,
            source=source,
            file="ente.toml",
            column=f"approvals.{part.decision}",
            message=message,
        )
    )
