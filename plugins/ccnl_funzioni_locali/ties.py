"""The criteria that break a tie at the cut of the maggiorazione's quota (art. 48 CCNL Funzioni Locali 23.2.2026:
the CCDI fixes them beforehand, with the maximum quota; rules §2 point 7).

``parita = ["sezione:<card section>", "assenze", "eta"]`` applied in order to the people tied at the cut: a higher
score in that section of the evaluation card (rules/core.md §3 on the section's items, after conciliation); fewer
days of absence (``absence_days``); the older person first (``eta``: the civil-service tie-break of DPR 487/1994
art. 5 c. 5 as the rules read it, a reading) or the younger first (``eta_minore``: L. 127/1997 art. 3 c. 7 as
amended by L. 191/1998, for a CCDI that follows the competitions' rule), from the ``data_nascita`` column of
people.csv. A criterion breaks the tie only among people who all have its datum: one missing leaves that group tied
on it (and is named). What the criteria leave tied across the cut is excluded, as without them: the quota is a
maximum.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from decimal import Decimal

import attrs

from ciclope.core import Ente, fmt, scoring

from .config import SECTION

BIRTH = "data_nascita"
WORDS = {
    "assenze": "giorni di assenza",
    "eta": "età (prima il più anziano)",
    "eta_minore": "età (prima il più giovane)",
}

Key = Callable[[str, str], Decimal | None]  # (criterion, person) → a sort key (lower first), None: no datum


@attrs.frozen
class Step:
    """A criterion applied to a group of tied people: each person's sort key (lower first; None: no datum), and
    whether it decided (split the group across the last place) or left the group tied for the next one."""

    criterion: str
    values: tuple[tuple[str, Decimal | None], ...]
    decided: bool


@attrs.frozen
class Broken:
    """The tied people the criteria admit, the people whose datum was missing for a criterion they needed, and the
    criteria as applied, in order (what the explanation says: which decided, on which values)."""

    admitted: tuple[str, ...]
    missing: tuple[tuple[str, str], ...] = ()  # (criterion, person)
    steps: tuple[Step, ...] = ()


def key_of(ente: Ente) -> Key:
    """The sort key of a person for a criterion: lower is better."""
    cards = ente.cards_view()

    def key(criterion: str, pid: str) -> Decimal | None:
        person = ente.people[pid]
        if criterion.startswith(SECTION):
            wanted = criterion[len(SECTION) :].strip().casefold()
            items = [i for i in cards.get(pid, ()) if i.section.strip().casefold() == wanted]
            score = scoring.card_score_and_formula(items)[0] if items else None
            return None if score is None else -score
        if criterion == "assenze":
            return person.absence_days
        born = person.extra.get(BIRTH)
        if not isinstance(born, dt.date):
            return None
        return Decimal(born.toordinal() if criterion == "eta" else -born.toordinal())

    return key


def admit(tied: Sequence[str], places: int, criteria: Sequence[str], key: Key) -> Broken:
    """Of ``tied`` (all at the score of the cut), the ones the criteria put within ``places``; a group the criteria
    cannot split across the last place is left out whole."""
    if places <= 0:
        return Broken(())
    if len(tied) <= places:
        return Broken(tuple(tied))
    if not criteria:
        return Broken(())
    first, rest = criteria[0], criteria[1:]
    values = {pid: key(first, pid) for pid in tied}
    lacking = tuple((first, pid) for pid in tied if values[pid] is None)
    if lacking or len(set(values.values())) == 1:  # this criterion cannot order the group: the next one may
        found = admit(tied, places, rest, key)
        step = Step(first, tuple(values.items()), False)
        return Broken(found.admitted, lacking + found.missing, (step, *found.steps))
    step = Step(first, tuple(values.items()), True)
    admitted: list[str] = []
    for value in sorted(set(values.values())):  # type: ignore[type-var]  # no None left
        group = [pid for pid in tied if values[pid] == value]
        if len(admitted) + len(group) <= places:
            admitted += group
            continue
        found = admit(group, places - len(admitted), rest, key)
        return Broken(tuple(admitted) + found.admitted, found.missing, (step, *found.steps))
    return Broken(tuple(admitted), (), (step,))


def words(criteria: Sequence[str]) -> str:
    """The criteria in Italian, in order."""
    return ", ".join(
        f"punteggio della sezione «{c[len(SECTION) :].strip()}»" if c.startswith(SECTION) else WORDS.get(c, c)
        for c in criteria
    )


# how a criterion orders, in words: after «decide»
ORDER = {
    "assenze": "prima chi ne ha meno",
    "eta": "prima la data di nascita più lontana",
    "eta_minore": "prima la data di nascita più recente",
}


def value_words(criterion: str, value: Decimal | None) -> str:
    """A person's datum for a criterion as it was compared: the section's score on 100, the days of absence, the
    birth date; «nessun dato» where it was missing."""
    if value is None:
        return "nessun dato"
    if criterion.startswith(SECTION):
        return f"{fmt.decimal_it(-value, 2)} su 100"
    if criterion == "assenze":
        return fmt.decimal_it(value)
    return fmt.date_it(dt.date.fromordinal(int(value if criterion == "eta" else -value)))


def own_story(broken: Broken, pid: str) -> str:
    """How the criteria broke a tie, as one of the tied reads it on their own scheda: each criterion applied, with
    this person's datum alone (a colleague's would name them in a small ente): «punteggio della sezione
    «Comportamenti» pari (92,00 su 100); decide: giorni di assenza (prima chi ne ha meno), il suo dato è 8»."""
    said = []
    for step in broken.steps:
        own = next((v for who, v in step.values if who == pid), None)
        if step.decided:
            order = ORDER.get(step.criterion, "prima il punteggio più alto")
            said.append(
                f"decide: {words([step.criterion])} ({order}), il suo dato è {value_words(step.criterion, own)}"
            )
        else:
            said.append(f"{words([step.criterion])} pari ({value_words(step.criterion, own)})")
    return "; ".join(said)


def story(broken: Broken, tied: Sequence[str], who: Callable[[str], str]) -> str:
    """How the criteria broke a tie, in order: each criterion with the values compared, whether it left the group
    tied or decided, and who takes the places and who stays out (``who``: a person as the text names them)."""
    said = []
    for step in broken.steps:
        values = fmt.listed(f"{value_words(step.criterion, v)} per {who(pid)}" for pid, v in step.values)
        if step.decided:
            order = ORDER.get(step.criterion, "prima il punteggio più alto")
            said.append(f"{words([step.criterion])}: {values}, decide ({order})")
        else:
            tied_on = "pari" if all(v is not None for _, v in step.values) else "non ordina (manca un dato)"
            said.append(f"{words([step.criterion])}: {values}, {tied_on}")
    out = [pid for pid in tied if pid not in broken.admitted]
    inside, outside = fmt.listed(who(p) for p in broken.admitted), fmt.listed(who(p) for p in out)
    verdict = (
        (f"entra nella quota {inside}" if len(broken.admitted) == 1 else f"entrano nella quota {inside}")
        if broken.admitted
        else "nessuno entra nella quota"
    )
    if out:
        verdict += f", resta fuori {outside}" if len(out) == 1 else f", restano fuori {outside}"
    return "; ".join(said) + (": " if said else "") + verdict
