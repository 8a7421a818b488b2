"""The acts that open the premiums ([accesso], format 2): no premium is computed until every act of ``atti`` is
dated in ``[approvals]`` of ente.toml — after the end of the evaluated year (``dopo_anno``) and each not before
the one written before it (``in_ordine``) — else every pool stays residual and an error says which act is
missing or out of order (e.g. the Relazione approved, then validated by the OIV)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from ciclope.core import Ente, Input, Problem, Score, Trace, fmt
from ciclope.plugins.regolamento.format.acts import acts_said, code_of
from ciclope.plugins.regolamento.format.sources import cite
from ciclope.plugins.regolamento.format.spec import Access, Regulation


def why_closed(access: Access, ente: Ente, titles: Mapping[str, str] | None = None) -> tuple[str, str]:
    """The act at fault and why the premiums are closed, in Italian; ("", "") when every act is in place.
    ``titles``: an act's key → the title [[calendario]] gives it, said with the key ente.toml needs."""
    year_end = dt.date(ente.year, 12, 31)
    dates: list[tuple[str, dt.date]] = []
    for name in access.acts:
        value = ente.approvals.get(code_of(name))  # an Italian name is read as its code
        if value is None or value is False:
            title = (titles or {}).get(name)
            said = fmt.quoted(title) if title else name
            return name, f"manca l'atto {said} ([atti] {name} = AAAA-MM-GG in ente.toml)"
        if not isinstance(value, dt.date) or isinstance(value, dt.datetime):
            return name, f"l'atto {name} non ha una data («{value}»): scrivi [atti] {name} = AAAA-MM-GG"
        if access.after_year and value <= year_end:
            return name, (
                f"l'atto {name} è datato {fmt.date_it(value)}, non dopo la fine dell'anno valutato {ente.year}: "
                "non può riguardare quell'anno"
            )
        dates.append((name, value))
    if access.in_order:
        for (before, first), (name, second) in zip(dates, dates[1:]):
            if second < first:
                return name, (
                    f"l'atto {name} ({fmt.date_it(second)}) precede l'atto {before} ({fmt.date_it(first)}), che deve "
                    "venire prima"
                )
    return "", ""


def closed(reg: Regulation, ente: Ente) -> Problem | None:
    """The error that closes the premiums, or None when they are open (or the regulation asks no act)."""
    access = reg.access
    if access is None:
        return None
    titles = {e.approval: e.act for e in reg.calendar if e.approval}
    act, why = why_closed(access, ente, titles)
    if not why:
        return None
    acts = fmt.listed(fmt.quoted(words) for words in acts_said(access.acts, reg.calendar).values())
    needed = f"Servono, nell'ordine, {acts}" if len(access.acts) > 1 else f"Serve {acts}"
    return Problem(
        rule="regolamento.accesso",
        source=cite(reg, access.source),
        file="ente.toml",
        column=f"approvals.{act}",
        message=f"accesso ai premi chiuso: {why}. {needed}; nessun premio è calcolato né erogato: i fondi restano "
        "interamente residui",
    )


def record(reg: Regulation, ente: Ente, scores: Mapping[str, Score], open_: bool, trace: Trace) -> None:
    """Whether the premiums are open, as a figure of every person a premium could pay (``score:<id>:accesso``):
    the scored ones, and everyone of the roles of a part that reads no evaluation. Their explanation says which
    acts open the premiums, with their dates and the regulation's fonte."""
    access = reg.access
    assert access is not None
    rules = ["datati dopo la fine dell'anno"] * access.after_year + ["nell'ordine scritto"] * access.in_order
    said = acts_said(access.acts, reg.calendar)
    formula = f"premi calcolati solo con gli atti {fmt.listed(said.values())}" + (
        f" ({', '.join(rules)})" if rules else ""
    )
    given = {name: ente.approvals.get(code_of(name)) for name in access.acts}
    dates = [
        Input(
            said[name],
            fmt.date_it(v) if isinstance(v, dt.date) else None if v is None else str(v),
            cell=f"ente.toml:approvals.{name}",
        )
        for name, v in given.items()
    ]
    value = "aperto" if open_ else "chiuso: nessun premio"
    unscored = {role for p in reg.premiums if not p.evaluation for role in p.roles}
    for pid, person in ente.people.items():
        s = scores.get(pid)
        if (s is not None and s.score is not None) or person.role in unscored:
            label = f"Accesso ai premi di {person.name}"
            trace.record(f"score:{pid}:accesso", value, formula, cite(reg, access.source), dates, label, access.note)
