"""The people only parts paid by appointment ([[premi]] incarichi) could pay, whom no row of incarichi.csv gives an
appointment those parts pay: their outcome is «senza incarico», recorded with why nothing is paid (the note an
explanation says after «Premio: nessun importo assegnato»), never «non valutato» for an evaluation the regulation
does not give their role."""

from __future__ import annotations

from ciclope.core import Ente, Person, Trace, fmt
from ciclope.plugins.regolamento.compile.env import ASSIGNMENTS
from ciclope.plugins.regolamento.format.sources import cite
from ciclope.plugins.regolamento.format.spec import Part, Regulation
from ciclope.plugins.regolamento.pay.premium import holds
from ciclope.plugins.regolamento.pay.shapes import Outcome

NO_APPOINTMENT = "senza_incarico"


def record(reg: Regulation, ente: Ente, admitted: set[str], out: Outcome, trace: Trace) -> None:
    """The status and its figure of each person no part admitted (``admitted``) nor gave a status, of a role that
    only parts paid by appointment pay, who holds none of the appointments they pay."""
    paying_roles = reg.result_roles
    for p in ente.people.values():
        if p.id in admitted or p.id in out.statuses or p.role in paying_roles:
            continue
        theirs = [pr for pr in reg.premiums if p.role in pr.roles]
        if not theirs or not all(isinstance(pr, Part) and pr.assignments is not None for pr in theirs):
            continue
        parts = [pr for pr in theirs if isinstance(pr, Part)]
        if any(holds(ente, p.id, pr.assignments or "") for pr in parts):
            continue
        out.statuses[p.id] = NO_APPOINTMENT
        _figure(reg, ente, p, parts, trace)


def _figure(reg: Regulation, ente: Ente, person: Person, parts: list[Part], trace: Trace) -> None:
    named = [f"{fmt.quoted(pr.name)} (incarichi {fmt.quoted(pr.assignments or '')})" for pr in parts]
    which = f"le parti {fmt.listed(named)} pagano" if len(named) > 1 else f"la parte {named[0]} paga"
    rule = f"{which} solo gli incarichi dell'elenco"
    file = ente.file_said(ASSIGNMENTS)
    rows = [r.row for r in ente.table(ASSIGNMENTS) if r.get("person") == person.id]
    if rows:  # rows of kinds no part pays (each a warning of its row)
        where = f"riga {rows[0]}" if len(rows) == 1 else f"righe {fmt.listed(map(str, rows))}"
        said = f"{file} nomina {person.name} solo con incarichi di altri tipi ({where})"
    else:
        said = f"nessuna riga di {file} nomina {person.name}"
    trace.record(
        f"score:{person.id}:status",
        NO_APPOINTMENT,
        f"senza incarico: {rule}",
        cite(reg, parts[0].source),
        [],
        f"Esito di {person.name}",
        f"nessun importo: {said}: {rule}",  # why nothing is paid, as explain says it under the premium
    )
