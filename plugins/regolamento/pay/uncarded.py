"""No evaluation card at all, and a part of the premium that reads each one's evaluation: an error that names the
parts and the key that says a part evaluates nobody (``valutazione = false``). It takes the place of the core's own
message, which cannot know that a regulation may pay without evaluating. Cards for some and not for others of the
roles the regulation evaluates: a warning that names who has none (rules/core.md §3: no card, no reward — said, so
that a forgotten card is not a premium lost in silence)."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

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


SHOWN = 10  # the people a warning names; the rest counted


# whether a part leaves a person out whatever their evaluation, by its condition or an exclusion (``rules.refused_by``)
Refuses = Callable[[Premium, str], bool]


def uncarded_people(
    reg: Regulation,
    ente: Ente,
    cards: Mapping[str, Sequence[EvaluationItem]],
    pools: Mapping[str, Pool],
    refuses: Refuses = lambda part, pid: False,
) -> list[Problem]:
    """One warning for the people of a role some part with money pays by its evaluation who have no card, when
    others have one (nobody with a card is :func:`problems`' error); not of one whom every such part of their role
    leaves out by its condition or an exclusion that reads no evaluation (``refuses``): no card could pay them."""
    scored = [pr for pr in reg.premiums if reads_cards(pr) and (pool := pools.get(pr.fund)) and pool.amount > 0]
    roles = {role for pr in scored for role in pr.roles}
    if not cards or not roles:
        return []
    missing = sorted(
        p.id
        for p in ente.people.values()
        if p.id not in cards and any(p.role in pr.roles and not refuses(pr, p.id) for pr in scored)
    )
    if not missing:
        return []
    # by name and code, as every message names a person
    said = [f"{ente.people[pid].name} ({pid})" if ente.people[pid].name else pid for pid in missing[:SHOWN]]
    named = fmt.listed([*said, f"altre {len(missing) - SHOWN}"] if len(missing) > SHOWN else said)
    one = len(missing) == 1
    message = (
        f"{named if one else f'{len(missing)} persone, {named},'} non {'ha' if one else 'hanno'} una scheda di "
        "valutazione, e il regolamento "
        f"paga il {'suo' if one else 'loro'} ruolo secondo la valutazione: non {'riceve' if one else 'ricevono'} i "
        f"premi che la leggono; {_hint(ente, missing)}"
    )
    return [
        Problem(
            rule="regolamento.senza_scheda",
            severity="warning",
            file=ente.file_said("evaluations"),
            source=cite(reg, scored[0].source),
            message=message,
        )
    ]


def _hint(ente: Ente, missing: Sequence[str]) -> str:
    """What to do: where the ente's collection of the cards (``ciclope raccolta``) sent a missing card, the
    evaluators whose workbooks are not merged and the command that merges them; for the others, the rows to add."""
    typed = f"aggiungi le righe della scheda in {ente.sheet_said('evaluations')}"
    sent = ente.collection.sent if ente.collection is not None else {}
    held = [pid for pid in missing if pid in sent]
    if ente.collection is None or not held:
        return f"se è una dimenticanza, {typed}"
    whose = list(dict.fromkeys(sent[pid][1] for pid in held))
    folder, one = ente.collection.folder, len(held) == 1
    where = (
        f"nella cartella di lavoro di {whose[0]}"
        if len(whose) == 1
        else f"nelle cartelle di lavoro di {fmt.listed(whose)}"
    )
    text = (
        f"{'la scheda' if one else 'le schede'} della raccolta in {folder}/ {'è' if one else 'sono'} {where} e "
        f"non {'è ancora unita' if one else 'sono ancora unite'}: quando {'torna compilata' if one else 'tornano compilate'}, "
        f"salva le cartelle in {folder}/ricevute/ e lancia {ente.collection.command}"
    )
    others = len(missing) - len(held)
    if others:
        rest = "l'altra persona" if others == 1 else f"le altre {others}"
        text += f"; per {rest}, se è una dimenticanza, {typed}"
    return text
