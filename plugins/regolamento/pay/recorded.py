"""Premiums decided by someone, not computed («importi», format 2): prizes for innovation or efficiency, chosen
by the OIV or a commission and written in ``premi.csv`` (person, the part's name, amount). They are paid as
written from the part's fund; a total above it is an error and nothing of the part is paid; the rest of the fund
is residual. An act of the year may have to approve them first (``decisione``, :mod:`.decision`). The
regulation's exclusions apply to every part unless it limits one to some (``parti``): a person excluded from this
part is paid nothing of it, their typed amount stays residual and a warning names the row.

Several rows for one person and part (two prizes for two projects) are one award, their sum, every row an input
of its explanation: the fund counts as distributed exactly what the awards pay, so distributed + residual = fund
by construction. With several graduatorie (per area, per category) the fund is split among them as for every part,
and each graduatoria pays its own rows from its own share. A row naming a person not in people.csv, a part that is
not an «importi» part, or no amount is an error of :func:`problems` (file, row, column, the nearest name) and is
never paid."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from decimal import Decimal

import attrs

from ciclope.core import Ente, Input, OrgPerformance, Problem, Row, Score, Trace, fmt, money
from ciclope.plugins.regolamento.format.hints import nearest
from ciclope.plugins.regolamento.format.sources import cite
from ciclope.plugins.regolamento.format.spec import Part, Regulation
from ciclope.plugins.regolamento.format.wording import denied
from ciclope.plugins.regolamento.pay import decision, rankings
from ciclope.plugins.regolamento.pay.eligibility import exclusion
from ciclope.plugins.regolamento.pay.formulas import PartFormulas
from ciclope.plugins.regolamento.pay.shapes import ZERO, Entry, Given

FILE = "premi"


def pay(
    reg: Regulation,
    part: Part,
    fund: Input,
    ctx: tuple[Ente, OrgPerformance, Trace],
    key: Callable[[str], str],
    scores: Mapping[str, Score],
    formulas: PartFormulas | None = None,
) -> list[Given]:
    """The part's amounts as written, from its fund; with several graduatorie, each one's from its own share.
    ``formulas``: the part's, when it says who may be paid (``ammesso``). A part whose amounts an act approves
    (``decisione``) pays nothing without that act of the year."""
    if not decision.decided(reg, part, ctx[0], ctx[2]):
        return [Given((), {})]
    if part.rankings == "ente":
        return [pay_rows(reg, part, fund, ctx, (key, scores, formulas), rows_by_person(ctx[0], part.name))]
    return ranked(reg, part, fund, ctx, (key, scores, formulas))


Payer = tuple[Callable[[str], str], Mapping[str, Score], PartFormulas | None]  # figure keys, scores, formulas


def ranked(reg: Regulation, part: Part, fund: Input, ctx: tuple[Ente, OrgPerformance, Trace], by: Payer) -> list[Given]:
    """Several graduatorie (per area, per category): the fund is split among them as for every part
    (:func:`rankings.split`) and each graduatoria's amounts are paid from its own share, a total above it an error of
    that graduatoria alone («the fund of each structure, the amounts decided by its head»). A row of a person of
    none of the part's graduatorie (not of its roles) is an error, and is never paid."""
    ente, _, trace = ctx
    rows: dict[str, dict[str, list[Row]]] = {}  # graduatoria → person → rows
    for pid, person_rows in rows_by_person(ente, part.name).items():
        person = ente.people[pid]
        if person.role in part.roles:
            rows.setdefault(rankings.group_of(reg, part, person, ente), {})[pid] = person_rows
        else:
            trace.extend(outside(reg, part, r, ente) for r in person_rows)
    given = []
    for group, _, amount, count in rankings.split(reg, part, fund, [], ctx):
        label = rankings.label_of(reg, part, group, ente)
        kind = "" if rankings.area_of(reg, part, group, ente) else rankings.kind_word(reg, part)
        where = f" nella graduatoria {kind} {label}" if kind else f" nella graduatoria «{label}»"
        paid = pay_rows(reg, part, amount, ctx, by, rows.get(group, {}), where)
        given.append(attrs.evolve(paid, ranking=(label, amount.value), counted=count))
    return given


def outside(reg: Regulation, part: Part, r: Row, ente: Ente) -> Problem:
    roles = ", ".join(part.roles)
    return Problem(
        rule="regolamento.importi", source=cite(reg, part.source), file=ente.file_of(FILE), row=r.row,
        column=ente.column_shown(FILE, "person"),
        message=f"{r['person']} non è in nessuna graduatoria della parte «{part.name}», che paga i ruoli {roles}: "
        "la riga non è pagata",
    )  # fmt: skip


def pay_rows(
    reg: Regulation,
    part: Part,
    fund: Input,
    ctx: tuple[Ente, OrgPerformance, Trace],
    by: Payer,
    rows: Mapping[str, list[Row]],
    where: str = "",
) -> Given:
    """The rows of premi.csv, by person, paid from ``fund`` (the part's, or one graduatoria's: ``where`` names it)."""
    ente, org, trace = ctx
    key, scores, formulas = by
    by_person = {
        pid: admitted_rows
        for pid, person_rows in rows.items()
        if (admitted_rows := [r for r in person_rows if admitted(reg, part, r, scores, ctx, formulas)])
    }
    total = sum((money.r2(r["amount"]) for person_rows in by_person.values() for r in person_rows), ZERO)
    if total > fund.value:
        message = (
            f"i premi della parte «{part.name}»{where} scritti in premi.csv ({fmt.euro(total)}) superano la sua "
            f"quota del fondo ({fmt.euro(fund.value)}): nessun premio pagato; riduci gli importi o aumenta il fondo"
        )
        trace.problem(
            Problem(
                rule="regolamento.importi", source=cite(reg, part.source), file=ente.file_of(FILE), column=ente.column_shown(FILE, "amount"),
                message=message,
            )
        )  # fmt: skip
        return Given((), {})
    paid = []
    for pid, person_rows in by_person.items():
        person = ente.people[pid]
        amount = sum((money.r2(r["amount"]) for r in person_rows), ZERO)
        cited_rows = [
            Input("importo", money.r2(r["amount"]), cell=ente.cell(FILE, r.row, "amount")) for r in person_rows
        ]
        words = "importo deciso e scritto in premi.csv, pagato dal fondo della parte"
        if len(person_rows) > 1:
            words = "somma degli importi decisi e scritti in premi.csv, pagata dal fondo della parte"
        act = [decision.act_input(part, ente)] if part.decision else []
        trace.record(
            key(pid), amount, words, cite(reg, part.source), [fund, *cited_rows, *act],
            f"Premio di {person.name} — {part.name}", part.note,
        )  # fmt: skip
        paid.append((Entry(person, Decimal(0), None, None, Decimal(1), (), ""), amount, None))
    return Given(tuple(paid), {})


def rows_by_person(ente: Ente, part: str) -> dict[str, list[Row]]:
    """The rows of premi.csv that pay ``part``: a known person and an amount, grouped by person in the order of
    their first row."""
    out: dict[str, list[Row]] = {}
    for r in ente.table(FILE):
        if r.get("part") == part and r.get("person") in ente.people and r.get("amount") is not None:
            out.setdefault(r["person"], []).append(r)
    return out


def problems(reg: Regulation, ente: Ente) -> list[Problem]:
    """Every row of premi.csv that pays nobody: an unknown person, a part that is not an «importi» part of the
    regulation, no amount; each named by file, row and column, with the nearest name."""
    parts = [p.name for p in reg.parts if p.method == "importi"]
    source = next((cite(reg, p.source) for p in reg.parts if p.method == "importi"), cite(reg, "premi"))
    out = []
    for r in ente.table(FILE):
        for column, why in row_faults(r, parts, ente):
            out.append(
                Problem(
                    rule="regolamento.importi", source=source, file=ente.file_of(FILE), row=r.row,
                    column=ente.column_shown(FILE, column), message=f"{why}: la riga non è pagata",
                )
            )  # fmt: skip
    return out


def row_faults(r: Row, parts: list[str], ente: Ente) -> list[tuple[str, str]]:
    """(column, why) of each reason the row pays nobody."""
    faults = []
    person, part = r.get("person"), r.get("part")
    if not person:
        faults.append(("person", "manca la persona"))
    elif person not in ente.people:
        hint = nearest(str(person), list(ente.people))
        faults.append(("person", f"la persona {fmt.quoted(person)} non è in persone.csv{hint}"))
    if not part:
        faults.append(("part", "manca la parte"))
    elif part not in parts:
        known = f"parti con metodo «importi»: {', '.join(parts)}" if parts else "nessuna parte ha metodo «importi»"
        faults.append(
            ("part", f"la parte {fmt.quoted(part)} non è nel regolamento{nearest(str(part), parts)} ({known})")
        )
    if r.get("amount") is None:
        faults.append(("amount", "manca l'importo"))
    return faults


def admitted(
    reg: Regulation,
    part: Part,
    r: Row,
    scores: Mapping[str, Score],
    ctx: tuple[Ente, OrgPerformance, Trace],
    formulas: PartFormulas | None = None,
) -> bool:
    """Whether the person of a premi.csv row may be paid this part: no exclusion of the regulation applies to them
    for it, and its condition (``ammesso``) holds; otherwise a warning names the row, and the amount stays in the
    fund's residual."""
    ente, org, trace = ctx
    person = ente.people[r["person"]]
    if part.admitted_if is not None and (formulas is None or not admits(formulas, person.id)):
        said = f"{person.id} non è ammesso alla parte «{part.name}» ({denied(part.admitted_if)})"
        trace.problem(unpaid(reg, part, r, ente, f"{said}: l'importo di {amount(r)} non è pagato e resta nel fondo"))
        return False
    status = exclusion(reg, person, scores.get(person.id), ente, org, trace, part.name)
    if status is None:
        return True
    message = (
        f"{person.id} è escluso dal premio ({reg.labels.get(status, status.replace('_', ' '))}) e l'esclusione vale "
        f"per ogni parte del premio: l'importo di {amount(r)} della parte «{part.name}» non è pagato e resta nel "
        "fondo; se il regolamento limita l'esclusione ad altre parti, scrivilo nella chiave parti dell'esclusione"
    )
    trace.problem(unpaid(reg, part, r, ente, message))
    return False


def admits(formulas: PartFormulas, pid: str) -> bool:
    """The part's condition for one of the people it counts (its roles; scored, unless it reads no evaluation)."""
    return pid in formulas.envs and formulas.admitted(pid)


def amount(r: Row) -> str:
    return fmt.euro(money.r2(r["amount"]))


def unpaid(reg: Regulation, part: Part, r: Row, ente: Ente, message: str) -> Problem:
    """A warning on a row of premi.csv its person may not be paid (an exclusion, the part's condition): the amount
    stays in the fund's residual."""
    return Problem(
        rule="regolamento.importi_escluso",
        severity="warning",
        source=cite(reg, part.source),
        file=ente.file_of(FILE),
        row=r.row,
        column=ente.column_shown(FILE, "person"),
        message=message,
    )
