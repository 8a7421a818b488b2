"""``premi-art20.csv``: the "Dati relativi ai premi" as enti publish them (D.Lgs. 33/2013 art. 20).

First the ente's own totals — *tutto il personale*: premi stanziati, premi distribuiti, persone valutate and
the premio medio conseguibile — which the law requires (art. 20 c. 1–2) and which are never withheld (a total
over 3 or more people is not one person's pay); premiums paid without any evaluation publish them too, the mean
over the people they paid, whose number a row of its own says («persone pagate senza valutazione individuale»); where
some are evaluated and others paid without an evaluation (a part that pays everyone in service beside one by score),
the same row counts the latter, and the mean is over both, the evaluated reached by a fund and those paid without
an evaluation (14.000 / (6 + 1)). Then
one block per group — *dirigenti e PO* and *personale* —
read from the disclosure-controlled lines of :mod:`.transparency` (so it agrees with ``trasparenza.csv`` and the
public Relazione figure by figure); a group of 1–2 people is merged into *tutto il personale*: it has no block (not
even its head counts), and an amount of the other group that would give its amounts by difference reads «compreso
in tutto il personale»:

- premi stanziati: the performance funds that paid someone of the group, and those the plugin destines to
  it (``FUND_GROUPS``) even when nobody received them; a fund nobody received that no plugin destines to a
  group is in no group's stanziati (whose would it be?) and stays in trasparenza.csv's table of funds;
- premi distribuiti: what the group was paid;
- persone valutate (head counts are always published), the persone pagate senza valutazione individuale where
  there are some, and the premio medio conseguibile = stanziati / (persone valutate + persone pagate senza
  valutazione individuale) (stanziati are funds, not anyone's pay). A fund that also paid the other group is no group's
  alone: the group's stanziati read «compreso in tutto il personale» (both groups' would count it twice), and
  the mean is over everyone evaluated that the group's funds paid, of either group;
- the evaluated people whose pay came to at least 90%, 60–90%, below 60% of the group's highest (the
  "premio massimo conseguibile" as it turned out; the regulations give no other maximum). A group whose highest
  pay is zero — nobody in it was paid, e.g. PO/EQ under a regulation whose parts pay only the dipendenti and
  no result pay — has no tier rows: a share of nothing would say something false («sotto il 60%» of 0 €), and
  its «premi distribuiti» of 0,00 already says that nobody was paid (docs/reports.md says so to the reader);
- the grado di differenziazione of rules/core.md §6, a ratio.

A withheld amount of a group reads «compreso in tutto il personale»; a withheld grado di differenziazione, a ratio
that no total of the ente includes, reads «riservato», as in ``trasparenza.csv``.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

from ciclope.core.reports import italian_csv, transparency
from ciclope.core.reports.disclosure import MIN_GROUP, WITHHELD, said
from ciclope.core.reports.transparency import GROUPS
from ciclope.core.result import Result

HEADER = ("Gruppo", "Voce", "Valore")


def _money(x: Decimal | None) -> str:
    return italian_csv.number(None if x is None else x.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


ENTE = "tutto il personale"
MERGED = "compreso in tutto il personale"


def rows(result: Result) -> list[tuple[str, str, str]]:
    out = ente_rows(result)
    for group in GROUPS:
        premi = transparency.find(result, "gruppo", group, "premi")
        evaluated = transparency.find(result, "gruppo", group, "persone_valutate")
        if premi is None or evaluated is None or not evaluated.count or premi.merged:
            continue  # a group of 1–2 people is in tutto il personale only (rules/core.md §6)
        out += [
            (transparency.group_named(result, group), what, value)
            for _, what, value in group_rows(result, group, premi, evaluated)
        ]
    return out


def group_rows(result: Result, group: str, premi: Any, evaluated: Any) -> list[tuple[str, str, str]]:
    """One group's block: its stanziati, distribuiti, people evaluated, mean reachable, tiers and differentiation."""
    out: list[tuple[str, str, str]] = []
    everyone = transparency.find(result, "sintesi", "", "persone_valutate")
    # a fund that paid the other group too is no group's alone: its stanziati are the ente's, and the mean a
    # person of the group can reach is over everyone evaluated that the fund pays
    shared = premi.budget is not None and not premi.budget.people <= premi.people
    out.append((group, "premi stanziati (€)", MERGED if premi.allocation or shared else _money(premi.allocated)))
    out.append((group, "premi distribuiti (€)", MERGED if premi.hidden else _money(premi.total)))
    out.append((group, "persone valutate", str(evaluated.count)))
    reached = reached_by_funds(result, evaluated.people)
    unevaluated = transparency.paid_without_evaluation(result, group)
    # the mean of a group of 1–2 people would be their pay where the fund was paid in full; a withheld stanziati
    # would follow from the mean and the head count. A group no fund is destined to (stanziati 0,00) can reach
    # nothing: its mean, 0,00, is no one's pay
    small = (evaluated.count < MIN_GROUP and bool(premi.allocated)) or bool(premi.allocation)
    reach = (reached if premi.allocated else evaluated.people) | unevaluated
    if shared and premi.budget is not None and everyone is not None:
        reach = reach | (awarded_from(result, premi.budget.pools) & everyone.people)
    if shared and not small and len(reach) != evaluated.count + len(unevaluated):
        # the people of both groups the mean is over, so the division is redone by hand: the stanziati it gives
        # back are the funds', public in trasparenza.csv's table of funds, no one's pay
        out.append((group, SHARED_REACH, str(len(reach))))
    elif premi.allocated and len(reached) != evaluated.count:  # a dirigente paid from a fund outside the cycle
        out.append((group, REACHED, str(len(reached))))
    if unevaluated:  # paid beside the evaluated by a premium that reads no evaluation: reached by the funds too
        out.append((group, transparency.PAID_UNEVALUATED, str(len(unevaluated))))
    mean = (premi.allocated or Decimal(0)) / len(reach)
    out.append((group, "premio medio conseguibile (€)", MERGED if small else _money(mean)))
    out += [(group, tier.item, str(tier.count)) for tier in transparency.tiers_of(result, group)]
    ratio = transparency.find(result, "differenziazione", group, "grado_differenziazione")
    if ratio is not None:
        shown = WITHHELD if ratio.hidden else italian_csv.number(ratio.ratio)  # a ratio is in no total: withheld
        out.append((group, "grado di differenziazione", shown))
    return out


def ente_rows(result: Result) -> list[tuple[str, str, str]]:
    """The ente's art. 20 totals, always published: stanziati and distribuiti of every performance fund, and the
    people evaluated."""
    total = transparency.find(result, "fondi", "", "totale")
    evaluated = transparency.find(result, "sintesi", "", "persone_valutate")
    if total is None and evaluated is not None and evaluated.count:  # no fund at all (ente.toml gives none): the
        # law's totals all the same, nothing allocated nor paid, never a file without them
        nothing = _money(Decimal(0))
        return [
            (ENTE, "premi stanziati (€)", nothing),
            (ENTE, "premi distribuiti (€)", nothing),
            (ENTE, "persone valutate", str(evaluated.count)),
            (ENTE, "premio medio conseguibile (€)", nothing),
        ]
    if total is None or evaluated is None or not (evaluated.count or total.people):
        return []
    allocated = total.allocated or Decimal(0)
    # the mean a person can reach is over the evaluated people some fund is destined to: a group with no fund of its
    # own (the PO of a regulation that pays only the dipendenti) reaches nothing and is not in it (an excluded of a
    # funded group is: the premium was within their reach). Premiums that read no evaluation (a fund divided among
    # everyone in service): the mean is over whom they paid, a figure of their pay when they are 1–2
    reach = len(reachable(result, evaluated.people)) or len(total.people)
    small = not evaluated.count and reach < MIN_GROUP
    # the mean's own head count where it is not the evaluated people's, so that the division is redone by hand
    # (60.000 / 29 valutati is not the 3.333,33 over the 18 a fund is destined to)
    over = [(ENTE, REACHED, str(reach))] if evaluated.count and reach != evaluated.count and not small else []
    if not evaluated.count and reach:  # nobody evaluated: the people paid, over whom the mean is
        over = [(ENTE, transparency.PAID_UNEVALUATED, str(reach))]
    unevaluated = len(transparency.paid_without_evaluation(result)) if evaluated.count else 0
    if unevaluated:  # some evaluated, some paid without an evaluation (a part for everyone in service): both reached
        over.append((ENTE, transparency.PAID_UNEVALUATED, str(unevaluated)))
        reach += unevaluated
    return [
        (ENTE, "premi stanziati (€)", _money(allocated)),
        # withheld only where paid to 1–2 people, in words as every public table says it
        (ENTE, "premi distribuiti (€)", said(total.hidden) or _money(total.total)),
        (ENTE, "persone valutate", str(evaluated.count)),
        *over,
        (ENTE, "premio medio conseguibile (€)", WITHHELD if small else _money(allocated / reach)),
    ]


REACHED = "persone valutate a cui è destinato un fondo dei premi"
SHARED_REACH = "persone valutate, nei due gruppi, a cui sono destinati i fondi del gruppo"


def reachable(result: Result, evaluated: frozenset[int]) -> frozenset[int]:
    """Of the ``evaluated`` people, those of a group some performance fund is destined to (its stanziati not 0); all of
    them where no group's stanziati is known."""
    funded: set[int] = set()
    for group in GROUPS:
        premi = transparency.find(result, "gruppo", group, "premi")
        people = transparency.find(result, "gruppo", group, "persone")
        if premi is None or people is None:
            continue
        if premi.allocated:
            funded |= people.people
    return reached_by_funds(result, evaluated & frozenset(funded) if funded else evaluated)


def awarded_from(result: Result, pools: frozenset[str]) -> frozenset[int]:
    """The people (by their place in people.csv) with an award from one of ``pools``, even of 0 (an excluded, a
    score below the threshold): those the funds are destined to, as the ente's mean counts them."""
    places = {pid: i for i, pid in enumerate(result.ente.people)}
    return frozenset(places[a.person] for a in result.ledger.awards if a.pool in pools and a.person in places)


def reached_by_funds(result: Result, evaluated: frozenset[int]) -> frozenset[int]:
    """Of the ``evaluated`` people, those a fund of the cycle could pay (:attr:`transparency.Person.reached`): not a
    dirigente whose result pay comes from the dirigenza's fund, outside the cycle."""
    everyone = transparency.people(result)
    reached = frozenset(i for i in evaluated if everyone[i].reached)
    return reached or evaluated  # a plugin that records no award nor status: everyone evaluated, as before


def render(result: Result) -> str:
    return italian_csv.text(HEADER, rows(result))


def write(result: Result, path: Path) -> None:
    italian_csv.write(path, HEADER, rows(result))
