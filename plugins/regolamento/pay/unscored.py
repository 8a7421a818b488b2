"""A person without an evaluation whom a part paid by evaluation leaves out while another part pays them (ASL Palmi:
the «fondo di mantenimento» pays everyone in service, the «fondo di risultato» by score): why that part gave them
nothing, as a figure ``explain`` reads (``ammesso:<part>:<person>``, false, :mod:`core.trace`). Without it their
explanation cited the part on its «regola:» line and never said it. Of a part split among graduatorie, the person
was weighed in their graduatoria's share all the same (the split counts everyone in service): the figure says
that share went to those of the graduatoria it paid, and is recorded for one no part pays too (Comune di Napoli: P07,
not evaluated, weighed 1 in the budget of the Cimiteri read only «Nessuna cifra calcolata da spiegare»). A person no
part pays and no split counted reads their outcome («non valutato»)."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

from ciclope.core import Ente, Input, Person, Score, Trace
from ciclope.plugins.regolamento.format.expr import Formula
from ciclope.plugins.regolamento.format.methods import METHODS
from ciclope.plugins.regolamento.format.sources import cite
from ciclope.plugins.regolamento.format.spec import Part, Regulation
from ciclope.plugins.regolamento.pay import rankings
from ciclope.plugins.regolamento.pay.premium import counted
from ciclope.plugins.regolamento.pay.shapes import Outcome


def record(reg: Regulation, ente: Ente, scores: Mapping[str, Score], out: Outcome, trace: Trace) -> None:
    """The figure for each person left out of a part that reads an evaluation they lack, paid by some other part or
    counted in the split among the part's graduatorie."""
    paid = {a.person for a in out.awards.values() if a.amount > 0}
    declared = {s.name for s in reg.statuses}
    for pr in reg.parts:
        if not pr.evaluation or METHODS[pr.method].chosen:
            continue
        for person in ente.people.values():
            if person.role not in pr.roles or counted(scores.get(person.id), declared):
                continue
            if person.id in paid or weighed(pr, person, trace):
                _record(reg, pr, person, ente, trace)


def weighed(pr: Part, person: Person, trace: Trace) -> bool:
    """True when the split among the part's graduatorie counted the person (everyone of its roles in service, by
    head or time worked; with a formula, a weight above zero): their share of it went to the others."""
    if pr.rankings == "ente":
        return False
    if not isinstance(pr.ranking_split, Formula):
        return True
    weight = trace.get(f"riparto:{pr.name}:{person.id}")
    return weight is not None and isinstance(weight.value, Decimal) and weight.value > 0


def _record(reg: Regulation, pr: Part, person: Person, ente: Ente, trace: Trace) -> None:
    key = f"ammesso:{pr.name}:{person.id}"
    if trace.get(key) is not None:  # the part's own condition said it first
        return
    note = "non valutato: la parte paga secondo la valutazione individuale"
    inputs = []
    if pr.rankings != "ente":
        label = rankings.label_of(reg, pr, rankings.group_of(reg, pr, person, ente), ente)
        note += (
            f"; contato nel riparto tra le graduatorie, la sua quota del fondo della graduatoria ({label}) va a chi vi "
            "riceve un premio"
        )
        weight = trace.get(f"riparto:{pr.name}:{person.id}")
        if weight is not None:
            inputs.append(Input("peso nel riparto tra le graduatorie", weight.value, ref=weight.key))
    trace.record(
        key,
        False,
        "la persona ha una valutazione individuale",
        cite(reg, pr.source),
        inputs,
        f"Partecipazione di {person.name} alla parte «{pr.name}»",
        note,
    )
