"""A person whose role no part of the premium pays, and who is paid nothing: why, as a figure ``explain`` reads.

Without it a PO in a regulation whose parts pay only the dipendenti would read «nessun importo assegnato» and no
reason. The figure is the person's admission to the premium as a whole (``ammesso:<person>``, :mod:`core.trace`),
false, reading the cell of their role: ``explain`` says it as the reason, the person's card shows it. It is said
only of someone paid nothing by the regulation (a PO paid its result pay has its own explanation), and only where
some block of the regulation pays at all: a premium, or the result pay alone (the staff of a regulation that pays
only its Director's result pay read that no block pays their role).
"""

from __future__ import annotations

from ciclope.core import Ente, Input, Trace, fmt
from ciclope.plugins.regolamento.format.sources import cite
from ciclope.plugins.regolamento.format.spec import Part, Regulation, name_of
from ciclope.plugins.regolamento.format.wording import roles
from ciclope.plugins.regolamento.pay.shapes import Outcome

RESULT_PAY = "la retribuzione di risultato"  # [risultato_po], as a person reads it


def record(reg: Regulation, ente: Ente, out: Outcome, trace: Trace) -> None:
    """The figure for each person of a role no part (nor the result pay) pays, who has no award."""
    if not reg.premiums and not reg.result_pays:
        return
    covered = {role for pr in reg.premiums for role in pr.roles} | reg.result_roles
    paid = {a.person for a in out.awards.values()}
    which = paying(reg)
    sources = ", ".join(dict.fromkeys(pr.source for pr in reg.premiums if pr.source))
    who, none = _words(reg)
    if not reg.premiums and reg.result_pays:  # the result pay alone: its articles say whom it pays
        sources = ", ".join(dict.fromkeys(rp.source for rp in reg.result_pays))
    for person in ente.people.values():
        if person.role in covered or person.id in paid:
            continue
        trace.record(
            f"ammesso:{person.id}",
            False,
            f"il ruolo è tra quelli che {who} pagano",
            cite(reg, sources),
            [Input("ruolo", person.role, cell=ente.cell("people", person.row, "role"))],
            f"Partecipazione di {person.name} al premio",
            f"{none} il suo ruolo ({which})",
        )


def _words(reg: Regulation) -> tuple[str, str]:
    """Which blocks pay («le parti del premio o la retribuzione di risultato»), and that none pays the role. With
    [risultato_po], its roles too: a dirigente it does not pay (its ruoli left to the PO) reads where to look; said in
    words, as a person reads it on their own scheda (the key is the office's warning's, :mod:`.unpaid`)."""
    if not reg.premiums:
        return RESULT_PAY, f"il regolamento non ha un premio individuale e {RESULT_PAY} non paga"
    if reg.result_pays:
        return f"le parti del premio o {RESULT_PAY}", f"né le parti del premio né {RESULT_PAY} pagano"
    return "le parti del premio", "nessuna parte del premio paga"


def paying(reg: Regulation) -> str:
    """Whom the parts pay, the parts of the same roles together: «presenza» e «obiettivi» pagano i dipendenti; and
    whom [risultato_po] pays, where the regulation has it."""
    by_roles: dict[tuple[str, ...], list[str]] = {}
    for pr in reg.premiums:
        by_roles.setdefault(pr.roles, []).append(fmt.quoted(name_of(pr)) if isinstance(pr, Part) else "il premio")
    said = []
    for names, who in ((names, roles(r)) for r, names in by_roles.items()):
        said.append(f"{fmt.listed(names)} {'paga' if len(names) == 1 else 'pagano'} {who}")
    said += [f"{RESULT_PAY} paga {roles(rp.roles)}" for rp in reg.result_pays]
    return "; ".join(said)
