"""A part with money that pays nobody: a warning that says why and where its money goes, so that a part declared
for roles the ente does not have, or a condition nobody meets, is never a silent residual. Not an error: a
regulation may well pay nothing in a year («se l'obiettivo limite non è raggiunto non viene erogato alcun
premio»); the warning says that it happened, and the amount left."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from ciclope.core import Ente, Problem, Trace, fmt
from ciclope.plugins.regolamento.compile import blanks
from ciclope.plugins.regolamento.compile.env import ASSIGNMENTS
from ciclope.plugins.regolamento.format import grades, rowcolumns
from ciclope.plugins.regolamento.format.expr import Name, nodes
from ciclope.plugins.regolamento.format.methods import METHODS
from ciclope.plugins.regolamento.format.sources import cite
from ciclope.plugins.regolamento.format.spec import ROLES, Part, Premium, Regulation, name_of
from ciclope.plugins.regolamento.format.wording import denied, roles, sentence
from ciclope.plugins.regolamento.pay.premium import holds
from ciclope.plugins.regolamento.pay.shapes import Entry, of_kind
from ciclope.plugins.regolamento.read.lines import REGULATION

RULE = "regolamento.nessuno"


def warn(
    reg: Regulation,
    pr: Premium,
    amount: Decimal,
    people: list[Entry],
    refused: Sequence[str],
    trace: Trace,
    ente: Ente,
    kinds: tuple[str, ...] = (),
) -> None:
    """The warning, when the part had ``amount`` to pay and paid nobody; ``people``: those it weighed (the excluded
    among them), ``refused``: whom its condition (``ammesso``) left out, ``kinds``: the appointments' types the
    list of appointments writes (for a part paid by appointment)."""
    owed = isinstance(pr, Part) and pr.owed  # its fund is what it pays: nothing to leave, still nobody paid
    if (amount <= 0 and not owed) or METHODS[pr.method].chosen:
        return
    if blanks.among(trace, (e.person.row for e in people)):
        return  # a premium suspended by an empty cell: the cell's error says it, this would only follow from it
    if rowcolumns.lacking(reg, ente):
        return  # nor by a column missing: the validation's error says it
    if _grade_refused(reg, pr, people):
        return  # nor by a grade cell the validation refuses: the formula fails for that person, and over the ente
    name = f"la parte {fmt.quoted(name_of(pr))}" if isinstance(pr, Part) else "il premio"
    where = (
        f"vanno alla parte {fmt.quoted(pr.residual_to)}"
        if isinstance(pr, Part) and pr.residual_to
        else ("restano residuo del fondo")
    )
    message = f"{name} non paga nessuno: {_why(pr, people, refused, kinds, ente)}"
    message += "" if owed else f"; i suoi {fmt.euro(amount)} {where}"
    trace.problem(warning_at(reg, pr, RULE, message))


def _grade_refused(reg: Regulation, pr: Premium, people: list[Entry]) -> bool:
    """True when a formula of the part reads the grade (by itself or through a definition) and a person it weighs has
    a grade cell the validation refuses (an area «Funzionario» for «Funzionari»): the formula has no value for them,
    nor, over a sum of the ente, for anyone; the cell's error says why, and nobody paid only follows from it."""
    if not isinstance(pr, Part) or not any(grades.refused(reg, e.person) for e in people if e.status is None):
        return False
    written = [f for f in (pr.weight, pr.amount, pr.admitted_if, pr.cap) if f is not None]
    return any(isinstance(n, Name) and n.name == "grado" for f in written for n in nodes(f.tree))


def warning_at(reg: Regulation, pr: Premium, rule: str, message: str) -> Problem:
    """A warning about what a part paid, at the part's table in the regulation's file, citing the part's rule."""
    return Problem(
        rule=rule, message=message, severity="warning", source=cite(reg, pr.source), file=REGULATION,
        column=part_path(reg, pr),
    )  # fmt: skip


def part_path(reg: Regulation, pr: Premium) -> str:
    """The table of a premium or of one of its parts, as a key path: ``premi[1]``, ``premio``."""
    index = next((i for i, p in enumerate(reg.parts) if isinstance(pr, Part) and p.name == pr.name), None)
    return f"premi[{index}]" if index is not None else "premio"


def _why(pr: Premium, people: list[Entry], refused: Sequence[str], kinds: tuple[str, ...], ente: Ente) -> str:
    if not people and refused and isinstance(pr, Part) and pr.assignments is not None:  # holders, all refused
        return _held_refused(pr, refused, ente)
    if not people and isinstance(pr, Part) and pr.assignments is not None:  # only holders are its people
        written = f" (tipi scritti: {', '.join(map(fmt.quoted, kinds))})" if kinds else " (l'elenco è vuoto)"
        return f"nessuna persona dei suoi ruoli ha un incarico {fmt.quoted(pr.assignments)} nell'elenco degli incarichi{written}"
    if not people and refused:
        assert isinstance(pr, Part) and pr.admitted_if is not None  # only a part's condition refuses
        return f"la condizione ammesso ({sentence(pr.admitted_if)}) non vale per nessuno"
    if not people:
        scored = " e valutata" if pr.evaluation else ""
        return f"nessuna persona dei suoi ruoli è in servizio{scored}"
    if all(e.status is not None for e in people):
        return "tutte le persone che valuta sono escluse (le esclusioni del regolamento)"
    if isinstance(pr, Part) and pr.weight is not None:  # the part divides by the weight: nobody has one
        return f"il peso di ciascuno è zero ({sentence(pr.weight)})"
    if pr.method == "formula":  # no threshold nor band: the amount is the formula's, for each one
        return "la formula importo dà 0, o non si calcola, per ciascuno (le spiegazioni e gli errori dicono perché)"
    return "nessuno raggiunge un importo (le soglie, i livelli o le fasce del regolamento)"


def _held_refused(pr: Part, refused: Sequence[str], ente: Ente) -> str:
    """Of a part paid by appointment whose condition left out everyone holding one: the appointments as they are,
    each holder by name and code, and the condition that did not hold («l'unico incarico «interim» dell'elenco, di
    Marco Rossi (D01), non è ammesso dalla condizione della parte: …»), never that nobody holds one."""
    kind = pr.assignments or ""
    holders = [ente.people[pid] for pid in refused if holds(ente, pid, kind)]
    ids = {p.id for p in holders}
    rows = [r for r in ente.table(ASSIGNMENTS) if r.get("person") in ids and of_kind(r.get("kind"), kind)]
    named = fmt.listed(f"{p.name} ({p.id})" if p.name else p.id for p in holders)
    assert pr.admitted_if is not None  # only a part's condition refuses
    why = f"condizione della parte: {denied(pr.admitted_if)}"
    if len(rows) == 1:
        return f"l'unico incarico {fmt.quoted(kind)} dell'elenco, di {named}, non è ammesso dalla {why}"
    return f"nessuno degli incarichi {fmt.quoted(kind)} dell'elenco (di {named}) è ammesso dalla {why}"


def result_pay(reg: Regulation, ente: Ente, amount: Decimal, trace: Trace, at: str = "risultato_po") -> None:
    """The warning, when [risultato_po] had ``amount`` to pay and nobody of its roles is in service and scored: why,
    and, where the ente has people of roles nothing pays (dirigenti, while ``ruoli`` is the default, the PO / EQ),
    which key would pay them; at the entry's ``ruoli`` (``at``: its path in the file, «risultato_po[1]»)."""
    rp = reg.result_pay
    assert rp is not None
    if amount <= 0:
        return
    present = {p.role for p in ente.people.values()}
    why = "è valutata" if present & set(rp.roles) else "è in servizio"
    block = reg.result_block(rp)
    message = (
        f"{block} non paga nessuno: nessuna persona dei suoi ruoli ({roles(rp.roles)}) {why}; i suoi "
        f"{fmt.euro(amount)} restano residuo del fondo"
    )
    covered = reg.result_roles | {r for p in reg.premiums for r in p.roles}  # every entry of [[risultato_po]]
    unpaid = [r for r in ROLES if r in present and r not in covered]
    if unpaid:
        who = f"né {block} né le parti del premio pagano" if reg.premiums else f"{block} non paga"
        message += (
            f". Nell'ente ci sono {roles(unpaid)}, che {who}: se la retribuzione di risultato è loro, scrivi in "
            f"{block} ruoli = {fmt.toml_value(list(unpaid))}"
        )
    source = cite(reg, rp.source)
    trace.problem(
        Problem(RULE, message, "warning", source, file=REGULATION, column=f"{at}.ruoli")  # the key to write
    )
