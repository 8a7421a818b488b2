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
from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal

import attrs

from ciclope.core import Ente, EvaluationItem, fmt, scoring

from .config import SECTION

BIRTH = "data_nascita"
WORDS = {
    "assenze": "giorni di assenza",
    "eta": "età (prima il più anziano)",
    "eta_minore": "età (prima il più giovane)",
}

Order = Callable[[str, str], Decimal | None]  # (criterion, person) → a sort key (lower first), None: no datum


def _unsaid(criterion: str, pid: str) -> str:
    return ""


@attrs.frozen
class Key:
    """A person's sort key for a criterion (lower first; None: no datum), and their datum as the documents say it
    where the key is not it (a section's points as on the card, «27 su 30»; "" otherwise)."""

    order: Order
    shown: Callable[[str, str], str] = _unsaid

    def __call__(self, criterion: str, pid: str) -> Decimal | None:
        return self.order(criterion, pid)


@attrs.frozen
class Step:
    """A criterion applied to a group of tied people: each person's sort key (lower first; None: no datum), and
    whether it decided (split the group across the last place) or left the group tied for the next one; each
    person's datum in words where the key is not it (:attr:`Key.shown`)."""

    criterion: str
    values: tuple[tuple[str, Decimal | None], ...]
    decided: bool
    shown: tuple[tuple[str, str], ...] = ()

    def said(self, pid: str, value: Decimal | None) -> str:
        """The person's datum as it was compared: as the card shows it where :attr:`shown` has it."""
        return next((s for who, s in self.shown if who == pid and s), "") or value_words(self.criterion, value)


@attrs.frozen
class Broken:
    """The tied people the criteria admit, the people whose datum was missing for a criterion they needed, and the
    criteria as applied, in order (what the explanation says: which decided, on which values)."""

    admitted: tuple[str, ...]
    missing: tuple[tuple[str, str], ...] = ()  # (criterion, person)
    steps: tuple[Step, ...] = ()


def key_of(ente: Ente) -> Key:
    """The sort key of a person for a criterion (lower is better), and a section's points as the card shows them."""
    cards = ente.cards_view()

    def section(criterion: str, pid: str) -> list[EvaluationItem]:
        wanted = criterion[len(SECTION) :].strip().casefold()
        return [i for i in cards.get(pid, ()) if i.section.strip().casefold() == wanted]

    def shown(criterion: str, pid: str) -> str:
        """The section's points over its maximum, as on the card («27 su 30»); "" where the card weighs its items or
        several evaluators wrote it (its score on 100 is then the figure compared)."""
        items = section(criterion, pid) if criterion.startswith(SECTION) else []
        if not items or any(i.weight is not None or i.periods for i in items):
            return ""
        points, most = sum(i.points for i in items), sum(i.max_points for i in items)
        return f"{fmt.decimal_it(points)} su {fmt.decimal_it(most)}"

    def key(criterion: str, pid: str) -> Decimal | None:
        person = ente.people[pid]
        if criterion.startswith(SECTION):
            items = section(criterion, pid)
            score = scoring.card_score_and_formula(items)[0] if items else None
            return None if score is None else -score
        if criterion == "assenze":
            return person.absence_days
        born = person.extra.get(BIRTH)
        if not isinstance(born, dt.date):
            return None
        return Decimal(born.toordinal() if criterion == "eta" else -born.toordinal())

    return Key(key, shown)


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
    shown = tuple((pid, key.shown(first, pid)) for pid in tied)
    lacking = tuple((first, pid) for pid in tied if values[pid] is None)
    if lacking or len(set(values.values())) == 1:  # this criterion cannot order the group: the next one may
        found = admit(tied, places, rest, key)
        step = Step(first, tuple(values.items()), False, shown)
        return Broken(found.admitted, lacking + found.missing, (step, *found.steps))
    step = Step(first, tuple(values.items()), True, shown)
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


# how a criterion orders, in words: after the criterion that decided
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


# what those ahead of a person had on a criterion that decided, after «l'altra persona a pari merito» (one) or
# «n delle persone a pari merito» (several)
AHEAD = {
    "assenze": ("ne ha di meno", "ne hanno di meno"),
    "eta": ("ha una data di nascita più lontana", "hanno una data di nascita più lontana"),
    "eta_minore": ("ha una data di nascita più recente", "hanno una data di nascita più recente"),
}
MORE = ("ne ha di più", "ne hanno di più")  # a section's points


# a criterion after «decisa … » (by, with its article) and after «con … pari» (the datum it compares)
BY = {"assenze": "dai giorni di assenza", "eta": "dall'età", "eta_minore": "dall'età"}
WITH = {"assenze": "i giorni di assenza", "eta": "la data di nascita", "eta_minore": "la data di nascita"}


def own_story(broken: Broken, pid: str) -> str:
    """How the criteria broke a tie, as one of the tied reads it on their own scheda, in one sentence after «la
    parità è decisa dai criteri del contratto integrativo:»: each criterion that left the tie with this person's datum
    alone, then the one that decided, its order and this person's datum, and that those ahead had more (or fewer days
    of absence), never who they are nor their datum (it would name them in a small ente): «con il punteggio della
    sezione «Comportamenti» pari (46 su 50), dai giorni di assenza (prima chi ne ha meno), dove il suo dato è 8 e
    l'altra persona a pari merito ne ha di meno»."""
    said = []
    for step in broken.steps:
        own = next((v for who, v in step.values if who == pid), None)
        if not step.decided:
            said.append(f"con {_named(step.criterion, WITH, 'il ')} pari ({step.said(pid, own)})")
            continue
        order = ORDER.get(step.criterion, "prima il punteggio più alto")
        mine = "il suo è" if step.criterion.startswith(SECTION) else "il suo dato è"
        ahead = _ahead(step, own).replace(", ", " e ", 1)
        said.append(f"{_named(step.criterion, BY, 'dal ')} ({order}), dove {mine} {step.said(pid, own)}{ahead}")
    return ", ".join(said)


def _named(criterion: str, names: Mapping[str, str], article: str) -> str:
    """A criterion with its article (or preposition and article, ``article`` before a section's points)."""
    if criterion.startswith(SECTION):
        return f"{article}{words([criterion])}"
    return names.get(criterion, words([criterion]))


def _ahead(step: Step, own: Decimal | None) -> str:
    """«, l'altra persona a pari merito ne ha di più»: how many of the tied the criterion put ahead of the person."""
    ahead = sum(1 for _, v in step.values if v is not None and own is not None and v < own)
    if not ahead:
        return ""
    one, many = AHEAD.get(step.criterion, MORE)
    if ahead == 1 and len(step.values) == 2:
        return f", l'altra persona a pari merito {one}"
    return f", {ahead} delle persone a pari merito {one if ahead == 1 else many}"


def story(broken: Broken, tied: Sequence[str], who: Callable[[str], str]) -> str:
    """How the criteria broke a tie, in order: each criterion with the values compared, whether it left the group
    tied or decided, and who takes the places and who stays out (``who``: a person as the text names them)."""
    said = []
    for step in broken.steps:
        values = fmt.listed(f"{step.said(pid, v)} per {who(pid)}" for pid, v in step.values)
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
