"""The act a part needs each year before it pays (``decisione``, format 2): the decision that institutes a bonus of
the best («migliori»), or the act that approves the amounts written in premi.csv («importi»). The act is an
[atti] date of ente.toml, valid from ``decisione_dal`` of the year before to ``decisione_entro`` of the cycle's
year; without it, or outside that window, the part pays nothing and its fund is residual."""

from __future__ import annotations

import datetime as dt

from ciclope.core import Deadline, Ente, Input, Problem, Trace, fmt
from ciclope.plugins.regolamento.format.acts import code_of, day_month
from ciclope.plugins.regolamento.format.sources import cite
from ciclope.plugins.regolamento.format.spec import Part, Regulation


def decided(reg: Regulation, part: Part, ente: Ente, trace: Trace) -> bool:
    """Whether the part's act of the year is there, in its window; without ``decisione`` the part needs none."""
    if part.decision is None:
        return True
    when = ente.approvals.get(code_of(part.decision))
    source = cite(reg, part.source)
    if when is not None and not isinstance(when, dt.date):
        problem(trace, source, part, "error", f"[atti] {part.decision} non è una data ({fmt.quoted(fmt.toml_value(when))}): la decisione "
                f"vale nel suo periodo, scrivi {part.decision} = AAAA-MM-GG; {_unpaid(part)}")  # fmt: skip
        return False
    if not isinstance(when, dt.date):
        problem(trace, source, part, "warning", f"manca [atti] {part.decision}: {_unpaid(part)}")
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
                f"valido ({window}): {_unpaid(part)}")  # fmt: skip
        return False
    return True


def _unpaid(part: Part) -> str:
    """What the missing act leaves unpaid, in the words of what the act does for the part's method."""
    if part.method == "importi":
        return (
            f"gli importi della parte «{part.name}» scritti in premi.csv non sono approvati, il suo fondo resta residuo"
        )
    return f"la parte «{part.name}» non è istituita per l'anno, il suo fondo resta residuo"


def act_input(part: Part, ente: Ente) -> Input:
    """The act as an input of an award it allows (its date, at its cell of ente.toml)."""
    assert part.decision is not None  # only a part with ``decisione`` cites one
    code = code_of(part.decision)
    return Input(f"data dell'atto {part.decision}", ente.approvals.get(code), cell=f"ente.toml:approvals.{code}")


def deadlines(reg: Regulation, year: int) -> list[Deadline]:
    """The act of each part that needs one, in the calendar by the last day of its window (an act without
    ``decisione_entro`` has no date to keep; one the regulation's [[calendario]] lists keeps that act)."""
    out = []
    listed = {code_of(ev.approval) for ev in reg.calendar if ev.approval}  # the regulation's own calendar has it
    for part in reg.parts:
        due = _day(part.decided_by, year)
        if part.decision and due is not None and code_of(part.decision) not in listed:
            what = "Approvazione degli importi di" if part.method == "importi" else "Decisione che istituisce"
            act = f"{what} «{part.name}» per l'anno (entro il {fmt.date_it(due)})"
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
