"""Premiums decided by someone, not computed («importi», format 2): prizes for innovation or efficiency, chosen
by the OIV or a commission and written in ``premi.csv`` (person, the part's name, amount). They are paid as
written from the part's fund; a total above it is an error and nothing of the part is paid; the rest of the fund
is residual. The regulation's exclusions apply to every part unless it limits one to some (``parti``): a person
excluded from this part is paid nothing of it, their typed amount stays residual and a warning names the row."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from decimal import Decimal

from ciclope.core import Ente, Input, OrgPerformance, Problem, Row, Score, Trace, fmt, money
from ciclope.plugins.regolamento.format.sources import cite
from ciclope.plugins.regolamento.format.spec import Part, Regulation
from ciclope.plugins.regolamento.pay.eligibility import exclusion
from ciclope.plugins.regolamento.pay.shapes import ZERO, Entry, Given

FILE = "premi"


def pay(
    reg: Regulation,
    part: Part,
    fund: Input,
    ctx: tuple[Ente, OrgPerformance, Trace],
    key: Callable[[str], str],
    scores: Mapping[str, Score],
) -> Given:
    ente, org, trace = ctx
    rows = [r for r in ente.table(FILE) if r.get("part") == part.name and r.get("person") in ente.people]
    rows = [r for r in rows if admitted(reg, part, r, scores, ctx)]
    total = sum((money.r2(r["amount"]) for r in rows), ZERO)
    if total > fund.value:
        message = (
            f"i premi della parte «{part.name}» scritti in premi.csv ({fmt.euro(total)}) superano il suo fondo "
            f"({fmt.euro(fund.value)}): nessun premio pagato; riduci gli importi o aumenta il fondo"
        )
        trace.problem(
            Problem(
                rule="regolamento.importi", source=cite(reg, part.source), file=ente.file_of(FILE), column="amount",
                message=message,
            )
        )  # fmt: skip
        return Given((), {})
    paid = []
    for r in rows:
        pid, amount = r["person"], money.r2(r["amount"])
        person = ente.people[pid]
        trace.record(
            key(pid),
            amount,
            "importo deciso e scritto in premi.csv, pagato dal fondo della parte",
            cite(reg, part.source),
            [fund, Input("importo", amount, cell=ente.cell(FILE, r.row, "amount"))],
            f"Premio di {person.name} — {part.name}",
            part.note,
        )
        paid.append((Entry(person, Decimal(0), None, None, Decimal(1), (), ""), amount, None))
    return Given(tuple(paid), {})


def admitted(
    reg: Regulation, part: Part, r: Row, scores: Mapping[str, Score], ctx: tuple[Ente, OrgPerformance, Trace]
) -> bool:
    """Whether the person of a premi.csv row may be paid this part: no exclusion of the regulation applies to them
    for it; otherwise a warning names the row, and the amount stays in the fund's residual."""
    ente, org, trace = ctx
    person = ente.people[r["person"]]
    status = exclusion(reg, person, scores.get(person.id), ente, org, trace, part.name)
    if status is None:
        return True
    trace.problem(
        Problem(
            rule="regolamento.importi_escluso",
            severity="warning",
            source=cite(reg, part.source),
            file=ente.file_of(FILE),
            row=r.row,
            column="person",
            message=f"{person.id} è escluso dal premio ({reg.labels.get(status, status.replace('_', ' '))}) e "
            "l'esclusione vale per ogni "
            f"parte del premio: l'importo di {fmt.euro(money.r2(r['amount']))} della parte «{part.name}» non è pagato "
            "e resta nel fondo; se il regolamento limita l'esclusione ad altre parti, scrivilo nella chiave parti "
            "dell'esclusione",
        )
    )
    return False
