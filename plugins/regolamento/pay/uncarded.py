"""No evaluation card at all, and a part of the premium that reads each one's evaluation: an error that names the
parts and the key that says a part evaluates nobody (``valutazione = false``). It takes the place of the core's own
message, which cannot know that a regulation may pay without evaluating."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from ciclope.core import Ente, EvaluationItem, Pool, Problem, fmt
from ciclope.plugins.regolamento.format.methods import METHODS
from ciclope.plugins.regolamento.format.sources import cite
from ciclope.plugins.regolamento.format.spec import Part, Premium, Regulation


def problems(
    reg: Regulation, ente: Ente, cards: Mapping[str, Sequence[EvaluationItem]], pools: Mapping[str, Pool]
) -> list[Problem]:
    """The error, when nobody has a card and a part with money to pay reads the evaluation; else none."""
    if cards or not ente.people:
        return []
    scored = [
        pr for pr in reg.premiums if reads_cards(pr) and (pool := pools.get(pr.fund)) is not None and pool.amount > 0
    ]
    if not scored:
        return []
    names = ", ".join(fmt.quoted(pr.name) for pr in scored if isinstance(pr, Part))
    if not names:  # the [premio] of format 1: one premium, no parts
        reads = "il premio legge"
    else:
        reads = f"la parte {names} legge" if len(scored) == 1 else f"le parti {names} leggono"
    message = (
        f"nessuna scheda di valutazione, e {reads} la valutazione di ciascuno: nessuno può riceverlo; compila le "
        "valutazioni (una riga per voce della scheda) o raccoglile dai valutatori con ciclope raccolta; se il "
        "regolamento non valuta le persone per una parte, scrivi valutazione = false in quella parte"
    )
    return [
        Problem(
            rule="regolamento.valutazione",
            file=ente.file_said("evaluations"),
            row=1,
            source=cite(reg, scored[0].source),
            message=message,
        )
    ]


def reads_cards(pr: Premium) -> bool:
    """True for a part that reads each one's evaluation: evaluated, by a method that does not name its people
    (a band of an earlier part, the amounts of premi.csv)."""
    return pr.evaluation and not METHODS[pr.method].chosen
