"""What a part of the premium paid from its fund, as a figure of that fund (``pool:<fund>:<part>:premi``): the part's
fund, the sum of the weights it divided by, and each person's amount leading to the person's own figure.

``ciclope explain --pool`` lists every figure of the fund, so a fund paid by one part goes from its amount to the
part, to the Σ pesi and to who received what, as a fund of several parts does and as an owed fund does with its
amounts (:mod:`.owed`, whose fund's own figure already sums them: it has no figure of this kind).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import Decimal

from ciclope.core import Input, Person, Trace
from ciclope.plugins.regolamento.format.sources import cite
from ciclope.plugins.regolamento.format.spec import Part, Premium, Regulation, name_of
from ciclope.plugins.regolamento.pay.shapes import ZERO, Given

SUMS = ("Σ pesi", "Σ pesi della fascia")  # the inputs of a person's figure that give the sum its fund is divided by


def key_of(pr: Premium) -> str:
    return f"pool:{pr.fund}:{name_of(pr)}:premi"


def record(
    reg: Regulation,
    pr: Premium,
    fund: Input,
    given: Sequence[Given],
    key: Callable[[str], str],
    trace: Trace,
    refused: Sequence[Person] = (),
) -> None:
    """The figure of what the part ``pr`` paid from ``fund`` (the input its people's figures read): the sums of
    weights its people's figures divide by, then the amount of everyone the part counted, in people.csv order,
    leading to its person's figure (``key``): € 0,00 too (a level that pays nothing, a cut of 100%), whose figure
    says why, as the excluded the part lists at 0 (``elenca_esclusi``) are listed, as «Premi» of schede.xlsx lists
    them. ``refused``: those the part's condition (``ammesso``) left out, each leading to the condition's figure and
    counted in the note, so the fund says how many its condition left out, and why, without opening each person."""
    paid = [(e.person, amount) for group in given for e, amount, _ in group.paid]
    amounts = [
        Input(f"importo di {person.name}", amount, ref=key(person.id) if trace.get(key(person.id)) else "")
        for person, amount in paid
    ]
    # the one premium of [premio] (format 1) is no part: «il premio», never «la parte «premio»»
    part = f"la parte «{pr.name}»" if isinstance(pr, Part) else "il premio"
    trace.record(
        key_of(pr),
        sum((amount for _, amount in paid), ZERO),
        f"somma degli importi che {part} ha pagato, ciascuno spiegato con il suo calcolo",
        cite(reg, pr.source),
        [fund, *sums(given, key, trace), *amounts, *left_out(pr, refused)],
        f"Premi della parte «{pr.name}»" if isinstance(pr, Part) else "Premi pagati",
        left_out_said(pr, refused, trace),
    )


def left_out(pr: Premium, refused: Sequence[Person]) -> list[Input]:
    """Each person the part's condition left out, leading to the figure of their condition («no», and why)."""
    return [Input(f"non ammesso: {p.name}", False, ref=f"ammesso:{name_of(pr)}:{p.id}") for p in refused]


def left_out_said(pr: Premium, refused: Sequence[Person], trace: Trace) -> str:
    """How many the part's condition left out and why, each distinct reason once: «la condizione della parte lascia
    fuori 2 persone: il punteggio è meno di 60»; "" where it left out nobody."""
    if not refused:
        return ""
    notes = [f.note for p in refused if (f := trace.get(f"ammesso:{name_of(pr)}:{p.id}")) is not None and f.note]
    why = "; ".join(dict.fromkeys(notes))
    who = "1 persona" if len(refused) == 1 else f"{len(refused)} persone"
    return f"la condizione della parte lascia fuori {who}" + (f": {why}" if why else "")


def sums(given: Sequence[Given], key: Callable[[str], str], trace: Trace) -> list[Input]:
    """Each distinct sum of weights the part's people's figures divide by: one («Σ pesi») for a part divided among
    all, one per graduatoria or per band where each has its own (named after it)."""
    found: dict[str, Decimal] = {}
    for group in given:
        within = f" (graduatoria «{group.ranking[0]}»)" if group.ranking is not None and len(given) > 1 else ""
        for e, _, _ in group.paid:
            figure = trace.get(key(e.person.id))
            for i in figure.inputs if figure is not None else ():
                if i.name in SUMS:
                    band = f" {group.bands[e.person.id]}" if i.name == SUMS[1] and e.person.id in group.bands else ""
                    found.setdefault(f"{i.name}{band}{within}", i.value)
    return [Input(name, value) for name, value in found.items()]
