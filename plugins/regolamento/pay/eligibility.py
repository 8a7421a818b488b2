"""Who takes part in a distribution: the regulation's exclusions, in the order it writes them, and each
person's paid share of the year (part-time, days in service)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from ciclope.core import Ente, Input, OrgPerformance, Person, Score, Trace, fmt
from ciclope.plugins.regolamento.compile import blanks
from ciclope.plugins.regolamento.compile.ondata import on_data
from ciclope.plugins.regolamento.compile.points import points_of
from ciclope.plugins.regolamento.compile.units import person_unit
from ciclope.plugins.regolamento.format import vocabulary
from ciclope.plugins.regolamento.format.expr import Formula
from ciclope.plugins.regolamento.format.sources import cite
from ciclope.plugins.regolamento.format.spec import ROLES, Exclusion, Part, Premium, Regulation
from ciclope.plugins.regolamento.format.wording import roles, sentence, word
from ciclope.plugins.regolamento.pay.evaluated import EVALUATION, OF_A_PART

ONE = Decimal(1)
WHY = {
    "assenze": "assenze oltre {giorni} giorni",
    "punteggio_minimo": "punteggio sotto il minimo di {minimo}",
    "insufficiente": "dichiarato di insufficiente rendimento",
    "sanzione": "sanzione disciplinare più grave di «{oltre}»",
    "unita_sotto": "obiettivi dell'unità raggiunti sotto {minimo}",
}


SANCTION = "sanzione disciplinare"
# what a condition reads that a person without a card has not: an evaluation, an earlier part's premium or band, a fund
UNSCORED_READS = EVALUATION | frozenset((*OF_A_PART, "fondo"))


def _why(ex: Exclusion) -> str:
    """Why ``ex`` excludes, in words: its condition, or its rule. Never the person's own data (a sanction is said by
    the input that reads its cell, in the person's own explanation only): the words may reach a shared page."""
    if ex.condition is not None:
        return f"{sentence(ex.condition)} (formula: {ex.condition})"
    minimum = fmt.decimal_it(ex.min, group=False) if ex.min is not None else ""  # «60», «7,5»: as Italian writes it
    if ex.rule == "unita_sotto" and ex.min is not None:  # a share of 0–1: «sotto il 70%», never «sotto il 0,7»
        minimum = fmt.the_pct(ex.min, fmt.share_places(ex.min))
    return WHY[ex.rule].format(giorni=ex.days, minimo=minimum, oltre=word(ex.above or ""))


def reason(ex: Exclusion) -> str:
    """Why ``ex`` excludes, in words that name no one (:func:`_why`): what a count of those it excluded says."""
    return _why(ex)


def status_of(ex: Exclusion) -> str:
    return ex.gives


def excluded_by(
    reg: Regulation, ex: Exclusion, person: Person, score: Decimal | None, ente: Ente, org: OrgPerformance
) -> Input | None:
    """The input that excludes ``person`` by ``ex``, or None when the rule does not apply to them (a minimum
    score does not apply to a person with a declared status, who has none)."""
    if ex.rule == "assenze":
        cell = ente.cell("people", person.row, "absence_days")
        return (
            Input("giorni di assenza", person.absence_days, cell=cell) if person.absence_days > (ex.days or 0) else None
        )
    if ex.rule == "punteggio_minimo":
        below = score is not None and score < (ex.min or 0)  # points with points: on the regulation's scale
        return Input("punteggio", score, ref=f"score:{person.id}") if below else None
    if ex.rule == "insufficiente":
        cell = ente.cell("people", person.row, "insufficient")
        return Input("insufficiente rendimento", True, cell=cell) if person.insufficient else None
    if ex.rule == "sanzione":
        return sanctioned(ex, person, ente)
    unit, ach = person_unit(reg, person, ente, org)
    return (
        Input("raggiungimento dell'unità", ach, ref=f"unit:{unit}") if ach is not None and ach < (ex.min or 0) else None
    )


def sanctioned(ex: Exclusion, person: Person, ente: Ente) -> Input | None:
    """The sanction that excludes ``person``: one more serious than ``oltre``, or a word the scale does not know
    (an error of ``ciclope_validate``: the premium is withheld until the word is corrected, never paid as if
    there were no sanction)."""
    written = person.extra.get("sanzione")
    if not written or ex.above is None:
        return None
    cell = ente.cell("people", person.row, "sanzione")
    kind = vocabulary.match(str(written), ex.scale, ex.synonyms)
    if kind is None:
        return Input("sanzione disciplinare non riconosciuta (premio sospeso)", written, cell=cell)
    above = vocabulary.match(ex.above, ex.scale) or ex.above
    worse = ex.scale.index(kind) > ex.scale.index(above)
    # the cell as the office wrote it, a code of the scale in its words («rimprovero_scritto» → «rimprovero
    # scritto»: the same word, as the rule says it); a synonym with the word of the scale it stands for
    said = (
        word(str(written))
        if vocabulary.normal(str(written)) == vocabulary.normal(kind)
        else f"{written} ({word(kind)})"
    )
    return Input(SANCTION, said, cell=cell) if worse else None


def exclusion(
    reg: Regulation,
    person: Person,
    score: Score | None,
    ente: Ente,
    org: OrgPerformance,
    trace: Trace,
    part: str | None = None,
) -> str | None:
    """The status of the first exclusion that applies to ``person`` (recorded), or None: admitted. An exclusion
    applies to every part of the premium unless the regulation limits it to some (``parti``): ``part`` names the
    part asked about (None: the premium as a whole, or the result pay)."""
    for ex in reg.exclusions:
        if (ex.parts and part not in ex.parts) or person.role not in ex.roles:
            continue
        if ex.condition is not None:
            found = by_condition(reg, ex, ex.condition, person, ente, trace)
        else:
            one = excluded_by(reg, ex, person, points_of(reg, score), ente, org)
            found = [one] if one is not None else None
        if found is None:
            continue
        status, why = status_of(ex), _why(ex)
        trace.record(
            f"score:{person.id}:status",
            status,
            f"escluso dal premio: {why}"
            + (f" (per le parti: {', '.join(ex.parts)})" if ex.parts else "")
            + (f" (per {roles(ex.roles)})" if distinguishes(reg, ex) else ""),
            cite(reg, ex.source),
            found,
            f"Esito di {person.name}",
            ex.note,
        )
        return status
    return None


def distinguishes(reg: Regulation, ex: Exclusion) -> bool:
    """Whether the roles an exclusion is limited to leave out some role that what it concerns pays (the parts it
    names, else every part of the premium and the result pay): «(per i dirigenti)» where every part it concerns pays
    dirigenti alone distinguishes no one."""
    if set(ex.roles) == set(ROLES):
        return False
    concerned = [p for p in reg.premiums if not ex.parts or isinstance(p, Part) and p.name in ex.parts]
    paid = {role for p in concerned for role in p.roles}
    paid |= set() if ex.parts else {role for rp in reg.result_pays for role in rp.roles}
    return not paid <= set(ex.roles)


# the rules that read a person's data and never their evaluation: what excludes a person without a card as well
UNSCORED_RULES = frozenset(("assenze", "insufficiente", "sanzione", "unita_sotto"))


def excluded_unscored(reg: Regulation, part: Premium, person: Person, ente: Ente, org: OrgPerformance) -> bool:
    """Whether an exclusion of ``part`` that reads nothing of an evaluation, of the colleagues or of the money leaves
    ``person`` out of it: no evaluation could make the part pay them. Not where it cannot be read (an empty cell, a
    sanction the scale does not know): what they lack may then be their card."""
    name = part.name if isinstance(part, Part) else None
    for ex in reg.exclusions:
        if (ex.parts and name not in ex.parts) or person.role not in ex.roles:
            continue
        if ex.condition is not None:
            if ex.condition.cohort or ex.condition.uses & UNSCORED_READS:
                continue
            held, _, why = on_data(reg, ente, person, ex.condition)
            if held is True and not why:
                return True
        elif ex.rule in UNSCORED_RULES:
            found = excluded_by(reg, ex, person, None, ente, org)
            if found is not None and (ex.rule != "sanzione" or found.name == SANCTION):
                return True
    return False


def by_condition(
    reg: Regulation, ex: Exclusion, condition: Formula, person: Person, ente: Ente, trace: Trace
) -> list[Input] | None:
    """What the condition read, when it excludes ``person``; None when it does not. A condition that cannot be
    computed (an empty cell) is an error naming the person and the cell, whose premium is suspended as by an
    exclusion until the cell is written: a requirement that cannot be checked is never paid as if it held (as a
    sanction the scale does not know)."""
    held, read, why = on_data(reg, ente, person, condition)
    if why:
        blanks.report(reg, ente, person, condition, trace, cite(reg, ex.source), f"esclusione dal premio: {why}")
        return [*read, Input("condizione non verificabile", "premio sospeso")]
    return read if held is True else None


def paid_share(pr: Premium, person: Person, ente: Ente) -> tuple[Decimal, list[Input], str]:
    """The share of a full-time, full-year premium a person is paid: fte (part-time «proporzionale») × days in
    service / days of the year (``rateo_giorni``); its inputs and its words for a formula."""
    share, inputs, words = ONE, [], []
    if pr.part_time == "proporzionale":
        share = person.fte
        inputs.append(Input("tempo lavorato", person.fte, cell=ente.cell("people", person.row, "fte")))
        words.append("tempo lavorato")
    if pr.prorate:
        first, last = dt.date(ente.year, 1, 1), dt.date(ente.year, 12, 31)
        start = max(first, person.extra.get("assunzione") or first)
        end = min(last, person.extra.get("cessazione") or last)
        days, year_days = max(0, (end - start).days + 1), (last - first).days + 1
        if days != year_days:
            share = share * Decimal(days) / Decimal(year_days)
            # the days come from the dates of hiring and ceasing: each with its cell, so they are redone by hand
            for column, words_of in (("assunzione", "data di assunzione"), ("cessazione", "data di cessazione")):
                if person.extra.get(column) is not None:
                    cell = ente.cell("people", person.row, column)
                    inputs.append(Input(words_of, person.extra[column], cell=cell))
            inputs.append(Input("giorni di servizio nell'anno", days))
            inputs.append(Input("giorni dell'anno", year_days))
            words.append("giorni di servizio / giorni dell'anno")
    return share, inputs, " × ".join(words)


def unheard(ente: Ente, name: str, points: Decimal, minimum: Decimal) -> str:
    """A negative evaluation without its contraddittorio, said with what to write and where: in the ente's file of
    appeals, or, where the ente has none, in one to create (an office that never had a ricorso has no such file)."""
    said = ente.sheet_said("appeals")
    row = "(fase contraddittorio, con la data e l'esito)"
    where = (
        f"registralo in {said} {row}"
        if ente.sheet_labels.get("appeals")
        else f"{said} non c'è: crealo e registra il contraddittorio {row}"
    )
    return (
        f"{name}: valutazione negativa ({fmt.decimal_it(points)} < {fmt.decimal_it(minimum)}) senza il "
        f"contraddittorio: non può essere definitiva; {where}"
    )
