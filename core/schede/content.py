"""What one employee's scheda holds, from an ente's Result: only that person's figures (their card, score,
level, appeals, amounts) and the ente's and their unit's organizational performance — never another person's
data but the name of their evaluator, who signs it."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from decimal import Decimal
from functools import partial
from typing import Any

import attrs

from ciclope.core import scoring
from ciclope.core.conciliation import apply_appeals
from ciclope.core.engine.cycle import PIAO_SINCE
from ciclope.core.inputs import parttime
from ciclope.core.ledger import instalment_amount, instalment_said
from ciclope.core.model import EvaluationItem, Person, by_evaluator
from ciclope.core.money import Instalment
from ciclope.core.outcomes import INHERITED, Award
from ciclope.core.plugininfo import said_po_short
from ciclope.core.reports import fmt, progressions, stats
from ciclope.core.reports.publication import publishable
from ciclope.core.result import Result
from ciclope.core.run.explain import (
    GIVEN,
    NOT_DUE,
    PART,
    award_figure,
    column_kind,
    exclusion_words,
    incarico_said,
    input_shown,
    part_refusals,
    premium_first,
    readings_of,
    refusal_verdict,
    result_kinds,
    service_said,
    subject,
    summed_parts,
    total_lines,
    unpaid_reasons,
    worded_code,
)
from ciclope.core.schede.absences import absence_lines
from ciclope.core.schede.point import point_value
from ciclope.core.schede.words import DASH, words_only
from ciclope.core.trace import (
    NOTHING,
    PROGRESSION_COST,
    PROGRESSION_PLACES,
    PROGRESSION_SCORE,
    PROGRESSION_TIE,
    WORKED,
    Figure,
    zero_reason,
)


@attrs.frozen
class Line:
    """One row of a table: label and value as printed."""

    label: str
    value: str
    note: str = ""


@attrs.frozen
class CardRow:
    section: str
    item: str
    max_points: str
    weight: str
    points: str
    note: str  # a conciliation stage that replaced the points


@attrs.frozen
class CardPart:
    """One evaluator's card of a person evaluated by several in the year: who and when («Scheda di Anna Russo, dal
    01/01/2024 al 30/06/2024 (182 giorni)»), its rows, its score."""

    title: str
    rows: tuple[CardRow, ...]
    score: str


@attrs.frozen
class Payment:
    what: str
    amount: str
    pool: str
    formula: str
    source: str
    steps: tuple[Line, ...]
    readings: tuple[str, ...] = ()  # the office's own readings of the rule that pays it (its regulation's ipotesi)
    note: str = ""  # the figure's note: the share paid, the exact amount and its cent
    withheld: str = ""  # the inputs left off (rules/core.md §6), and why
    # a premium summed from the parts of one fund: each part as a payment of its own, with its weight, Σ pesi and fund
    parts: tuple[Payment, ...] = ()


@attrs.frozen
class Scheda:
    person: str
    name: str
    ente: str
    year: int
    regulation: str
    about: tuple[Line, ...]
    card: tuple[CardRow, ...]
    card_score: str
    organizational: tuple[Line, ...]
    # said under the organizational performance where the person's score and amounts read none of it (:data:`UNREAD`)
    organizational_note: str
    score: str
    level: str
    level_source: str  # the article the level is cited by, in brackets («(CCI 2025, art. 6)»), "" where none
    level_words: str
    score_steps: tuple[Line, ...]
    score_formula: str
    score_source: str
    appeals: tuple[Line, ...]
    payments: tuple[Payment, ...]
    unpaid: tuple[str, ...]
    # of a person some part pays, the parts that left them out and why, said after the payments
    refused: tuple[str, ...]
    evaluator: str
    acts: tuple[Line, ...]
    motivation: str = ""  # the evaluator's words for the card
    score_readings: tuple[str, ...] = ()  # the office's own readings of the rule that scores the person
    # why the score's weights are what they are (a weight moved to the unit, the file's nota), as explain says it
    score_note: str = ""
    instalments: tuple[Line, ...] = ()  # a premium the regulation pays in instalments: each, when and how much
    # the progressione economica (``progression:<person>``): outcome, place, cost from its fund; the rule and its act
    progression: tuple[Line, ...] = ()
    progression_rule: str = ""
    premiums: bool = True  # the ente has premiums to pay (a pool): else «Importi» is no section of this scheda
    # what the amounts of several funds make together, as ``explain`` says it («Totale dei premi: € 1.214,88»)
    totals: tuple[str, ...] = ()
    # a person evaluated by several evaluators in the year (valutatori.csv): each evaluator's card, the mean in words,
    # and each evaluator with their period, who sign the scheda; empty for a card of one evaluator
    parts: tuple[CardPart, ...] = ()
    card_mean: str = ""
    evaluators: tuple[tuple[str, str], ...] = ()
    # what ``score`` is out of: «su 100», or the regulation's own scale and the score on 100 («su 60 (91,67 su 100)»)
    score_of: str = "su 100"
    # the heading of ``refused``: none for someone paid whom no exclusion took from (a maggiorazione, a part whose
    # condition they do not meet, «non spetta»: no pay withheld)
    refused_title: str = "Non pagato"
    # False for a person the regulation evaluates in no way (no card, no score, every part that pays them reads
    # none, :func:`evaluated`): the scheda is the premium's, without the sections of an evaluation
    evaluated: bool = True
    # a calculation with errors (:func:`reports.publishable`): what the scheda says above all, as a draft's
    draft: str = ""
    # the card's score before its rounding to two decimals, where it has more («82,185»): the person redoes the card
    card_exact: str = ""


# above a scheda of a calculation with errors: an evaluation is handed before the OIV's validation (an act still to
# record is an error of the premiums' access), so the scheda is written, said to be a draft
DRAFT = (
    "Bozza: il calcolo dell'ente ha errori ancora da correggere (Relazione interna, sezione «Violazioni»), e le cifre "
    "di questa scheda possono cambiare. Si consegna e si firma la scheda di un calcolo senza errori."
)


def _steps(result: Result, figure: Figure | None, cited: bool = False) -> tuple[Line, ...]:
    """A figure's direct inputs, as the chain of ``explain`` summarized to its first step; ``cited``: each with the
    article of its own rule where it is not the figure's (:func:`_own_source`), as its note."""
    if figure is None:
        return ()
    out = []
    kinds = result_kinds(result)  # a column the ente's plugin reads as money or a share reads so on the card too
    for i in figure.inputs:
        sub = result.figures.get(i.ref) if i.ref else None
        labels = result.plugin.status_labels
        # a role or a category in the words of the contract, as the header says it (never the code «B»)
        value = (
            worded_code(result, i.cell, i.value)
            or _quota_of(sub)
            or _worked(sub)
            or (
                fmt.worded(i.value, labels)
                if isinstance(i.value, str)
                else input_shown(
                    i.name,
                    i.value,
                    i.ref if sub else "",
                    i.cell,
                    sub.value if sub else None,
                    column_kind(i.cell, kinds),
                )
            )
        )
        note = _own_source(result, figure, sub) if cited else ""
        name = words_only(fmt.worded(i.name, labels, signed=True))
        out += _cut_fund(result, figure, sub, cited)
        out.append(Line(_uncited(name, note), _redone(sub, value), note))
    return tuple(out)


def _cut_fund(result: Result, figure: Figure, sub: Figure | None, cited: bool) -> list[Line]:
    """The row before a part's fund (:func:`_quota_of`) whose fund is not the one the ente gave but that fund cut
    by what a rule set aside first (the maggiorazione of the premio individuale): the subtraction, its result and
    the rule's article, so the employee sees where the amount the quota multiplies comes from; none otherwise."""
    if not _quota_of(sub):
        return []
    assert sub is not None  # a part's fund by its quota
    fund = sub.inputs[0]
    cut = result.figures.get(fund.ref) if fund.ref else None
    # a fund of the pools (the ente's, or a group's of it, which may be a colleague's figure) is no such cut
    if cut is None or cut.key.startswith("pool:") or not isinstance(fund.value, Decimal):
        return []
    note = _own_source(result, figure, cut) if cited else ""
    name = words_only(fmt.worded(fund.name, result.plugin.status_labels, signed=True))
    return [Line(_uncited(name, note), fmt.euro(fund.value), note)]


def _redone(sub: Figure | None, value: str) -> str:
    """An element computed by a formula the office wrote, as the person redoes it: its words, then its value
    («il maggiore tra 0% e (i giorni di assenza meno 15 giorni) × 1% al giorno = 5%»); any other, or a condition
    (its words are the element's name, its value «sì»), as its value."""
    if sub is None or not isinstance(sub.value, Decimal) or not sub.formula.startswith("=") or DASH not in sub.formula:
        return value
    return f"{words_only(sub.formula)} = {value}"


def _uncited(name: str, note: str) -> str:
    """An element's name without the article its note cites: «i giorni di assenza (20 giorni), art. 10 c. 3» beside
    «CCDI, art. 10 c. 3» is «i giorni di assenza (20 giorni)»."""
    head, comma, article = name.rpartition(", ")
    return head if comma and note and article and note.endswith(article) else name


def _own_source(result: Result, figure: Figure, sub: Figure | None) -> str:
    """The article of an element an amount reads that is a rule of its own — a reduction of art. 10 beside the
    premium of art. 4 — so the employee finds the rule that cut their amount, as ``explain`` cites it; "" for an
    element of the amount's own article, a cell, the score or a part of the premium (each cited in its own
    section), or the fund as the ente gives it (``pool:<fund>``, named beside the amount)."""
    if sub is None or not sub.source or sub.key.startswith(("score:", PART)) or _fund_as_given(sub):
        return ""
    own = fmt.cite(sub.source, result.plugin.documents)
    if own == fmt.cite(figure.source, result.plugin.documents):
        return ""
    return fmt.worded(own, result.plugin.status_labels, True)


def _fund_as_given(figure: Figure) -> bool:
    """A fund as the ente gives it, ``pool:<fund>``, not a part or a group of it (``pool:<fund>:<part>``)."""
    return figure.key.startswith("pool:") and figure.key.count(":") == 1


QUOTA = "fondo × quota del fondo"  # the formula of a part's fund that is its share of the fund (its regulation's)


def _quota_of(figure: Figure | None) -> str:
    """A part's fund as its fund before and after its quota, so the employee redoes it: «€ 4.000,00 × 85% =
    € 3.400,00», with the figure's note after it (how its plugin computed the quota, how the amount came to the
    cent); "" for any other figure, or one whose quota is shared with what other parts sent it."""
    if figure is None or figure.formula != QUOTA or len(figure.inputs) != 2:
        return ""
    fund, share = figure.inputs
    if not isinstance(fund.value, Decimal) or not isinstance(share.value, Decimal):
        return ""
    quota = fmt.pct_share(share.value)
    said = f"{fmt.euro(fund.value)} × {quota} = {fmt.euro(figure.value)}"
    return f"{said} ({words_only(figure.note)})" if figure.note else said  # the quota's formula, the cents: its note


def _worked(figure: Figure | None) -> str:
    """A share of a fund as the person redoes it, where its plugin wrote it (:data:`core.trace.WORKED`): «€ 30.000,00
    × 541,069224 / 1.072,319224 = € 15.137,35»; "" for any other figure."""
    if figure is None or not isinstance(figure.value, Decimal):
        return ""
    said = next((str(i.value) for i in figure.inputs if i.name == WORKED), "")
    return f"{said} = {fmt.euro(figure.value)}" if said else ""


def _who(result: Result, ident: str | None) -> str:
    ente = result.ente
    if not ident:
        return "—"
    if ident in ente.people:
        return ente.people[ident].name
    return ente.evaluators.get(ident, ident)


def _about(result: Result, pid: str) -> tuple[Line, ...]:
    p = result.ente.people[pid]
    unit = result.ente.units.get(p.unit)
    return (
        Line("Nome", p.name),
        Line("Identificativo", p.id),
        Line("Ruolo", fmt.role_label(p.role, result.ente.year, result.plugin.staff_words) + _grade(result, p)),
        Line("Unità organizzativa", unit.name if unit else p.unit),
        # 83,33% as typed, never rounded to 83%; a share that changed in the year with its periods
        Line("Tempo lavorato", fmt.pct_share(p.fte) + parttime.words(result.ente, p)),
        # the days of absence the rules read (the core's column, a column of the regulation's own), never a 0 unread
        *(Line(label, value) for label, value in absence_lines(result, pid)),
        # a year begun or ended within it, an incarico within the service: why a pay is less than the year's
        *_service(result, p),
    )


def _service(result: Result, p: Person) -> tuple[Line, ...]:
    """The service in the year and, apart, an incarico of PO / EQ begun or ended within it («incarico di EQ dal
    01/05/2025: 245 giorni»), where either covers part of the year; none for a whole year of both."""
    year = result.ente.year
    role = f"di {said_po_short(year, result.plugin.staff_words)}" if p.role == "po" else ""
    incarico = incarico_said(p.extra, year, role)
    service = service_said(p.extra, year)
    if not incarico and service.endswith("tutto l'anno"):
        return ()
    return (Line("Servizio nell'anno", service), *((Line("Incarico nell'anno", incarico),) if incarico else ()))


def _grade(result: Result, p: Person) -> str:
    """«, categoria C» (in the words of the ente's contract), or «, grado BS» where the regulation classifies its
    staff by grades of its own (their column, where the category stays empty; «categoria BS» where it names its
    grades so: :attr:`PluginInfo.grade_word`); "" for neither."""
    grade = p.extra.get(result.plugin.grade_column) if result.plugin.grade_column else None
    if grade:
        return f", {result.plugin.grade_word} {grade}"
    return f", {fmt.category_label(p.category, result.ente.year, result.plugin.staff_words)}" if p.category else ""


def _conciliated(result: Result, pid: str) -> tuple[EvaluationItem, ...]:
    """The person's card as it was scored: with the points an accepted riesame, ricorso or contraddittorio put in
    place of the evaluator's (the data's card holds the evaluator's, the total the new ones)."""
    return apply_appeals(result.ente)[0].get(pid, ())


def _card(result: Result, pid: str) -> tuple[CardRow, ...]:
    return _rows(_conciliated(result, pid))


def _evaluator_cards(result: Result, pid: str) -> dict[str, Any]:
    """The fields of a person evaluated by several evaluators in the year: each evaluator's card with its period and
    score, the mean with its numbers («(80,00 × 182 + 90,00 × 184) / 366»), the evaluators who sign; none for one."""
    parts = by_evaluator(_conciliated(result, pid))
    if not parts:
        return {}
    shown = [(period, items, scoring.evaluator_card(items)[0]) for period, items in parts]
    cards = tuple(
        CardPart(
            f"Scheda di {_who(result, period.evaluator)}, dal {fmt.date_it(period.start)} al {fmt.date_it(period.end)} "
            f"({period.days} giorni)",
            _rows(items),
            fmt.score(score) if score is not None else "—",
        )
        for period, items, score in shown
    )
    terms = " + ".join(f"{fmt.score(score) if score is not None else '—'} × {p.days}" for p, _, score in shown)
    mean = f"{scoring.PERIODS_RULE}: ({terms}) / {sum(p.days for p, _, _ in shown)}"
    signers = tuple(
        (f"dal {fmt.date_it(p.start)} al {fmt.date_it(p.end)}", _who(result, p.evaluator)) for p, _, _ in shown
    )
    return {"parts": cards, "card_mean": mean, "evaluators": signers}


def _rows(items: Sequence[EvaluationItem]) -> tuple[CardRow, ...]:
    rows = []
    for it in items:
        note = ""
        if it.appeal:
            note = f"{it.appeal}: punti da {fmt.decimal_it(it.replaced)} a {fmt.decimal_it(it.points)}"
        rows.append(
            CardRow(
                it.section,
                it.item,
                fmt.decimal_it(it.max_points),
                "—" if it.weight is None else fmt.decimal_it(it.weight),
                fmt.decimal_it(it.points),
                note,
            )
        )
    return tuple(rows)


def card_score(result: Result, pid: str) -> str:
    """The card's score by rules/core.md §3: 100 × Σ(weight × points / max) / Σ weight (no weight = the maximum)."""
    items = _conciliated(result, pid)
    if items and items[0].periods:  # the mean of the evaluators' cards by the days of their periods
        exact = scoring.exact_card_score(items)[0]
        return "" if exact is None else fmt.score(exact)
    weights = [it.max_points if it.weight is None else it.weight for it in items]
    total = sum(weights, Decimal(0))
    if not items or total == 0 or any(it.max_points == 0 for it in items):
        return ""
    done = sum((w * it.points / it.max_points for w, it in zip(weights, items)), Decimal(0))
    return fmt.score(100 * done / total)


def _card_exact(result: Result, pid: str, card: Figure | None) -> str:
    """The card's score as computed, where the two decimals printed round it («82,185» for 82,19); "" otherwise."""
    exact = scoring.exact_card_score(_conciliated(result, pid))[0] if card is not None else None
    if card is None or exact is None or exact == card.value or fmt.score(exact) != fmt.score(card.value):
        return ""
    return fmt.exact(exact)


def _organizational(result: Result, pid: str) -> tuple[Line, ...]:
    org, p = result.org, result.ente.people[pid]
    if org is None:
        return ()
    # a performance the ente does not measure (no objective) is no row: the section says only what was measured
    lines = [Line("Performance organizzativa dell'ente", fmt.pct(org.ente))] if org.ente is not None else []
    att = result.attestation
    if att is not None and att.attested is not None:
        said = fmt.attested(att)
        if not att.given:  # the computed value, said as such in plain words: before the OIV's act, not its value
            why = (
                "; l'OIV non ha indicato un valore diverso"
                if result.ente.approved("relazione_validated_oiv")
                else ", perché l'OIV non ha ancora validato la Relazione"
            )
            said = f"{fmt.pct(att.attested)}: è la performance calcolata{why}"
        body = result.ente.body
        lines.append(Line(body.said("Performance attestata dall'OIV"), body.said(said)))
    unit = result.ente.units.get(p.unit)
    if org.unit(p.unit) is not None:
        figure = result.figures.get(f"unit:{p.unit}")
        inherited = figure is not None and figure.formula.startswith(INHERITED)
        tail = " (dell'unità superiore: l'unità non ha obiettivi propri misurati)" if inherited else ""
        lines.append(
            Line(f"Performance della propria unità ({unit.name if unit else p.unit})", fmt.pct(org.unit(p.unit)) + tail)
        )
    if pid in org.people and org.people[pid] is not None:
        lines.append(Line("Performance organizzativa di cui si risponde", fmt.pct(org.people[pid])))
    return tuple(lines)


# The figures of the organizational performance (:mod:`core.engine.organizational`, the attestation): a person's score
# or amount that reads one of them, directly or through the figures it reads, depends on it
ORGANIZATIONAL = ("ente", "attested")
# said under «La componente organizzativa» of a person whose score and amounts read none of it
UNREAD = (
    "Queste percentuali non entrano nel punteggio né negli importi di questa scheda: sono riportate solo per "
    "conoscenza."
)


def reads_organizational(result: Result, pid: str) -> bool:
    """Whether the person's score (its outcome and level too) or one of their amounts reads the organizational
    performance: the ente's, the attested one, a unit's or the person's own, through the figures each reads (their
    ``ref``)."""
    about: dict[str, Any] = subject(result, "person", pid) or {}
    awards = about.get("awards", [])
    refs = [award.get("ref") for award in awards]
    own = (f"score:{pid}", f"score:{pid}:status", f"level:{pid}")  # the score, the outcome, the level
    roots = [result.figures.get(key) for key in own] + [
        award_figure(result, pid, str(a["pool"]), a.get("ref"), premium_first(refs, k)) for k, a in enumerate(awards)
    ]
    todo, seen = [f for f in roots if f is not None], set()
    while todo:
        figure = todo.pop()
        for ref in (i.ref for i in figure.inputs if i.ref and i.ref not in seen):
            if ref in ORGANIZATIONAL or ref.startswith("unit:") or ref == f"person:{pid}":
                return True
            seen.add(ref)
            found = result.figures.get(ref)
            todo += [found] if found is not None else []
    return False


def level_words(result: Result, pid: str, level: str | None, status: str | None) -> str:
    """The level's band in words, from the plugin's ``levels`` parameter when it has one (name and maximum
    score), and the status in Italian; a level the regulation gives otherwise than on the score alone (a cap on the
    top level) with the note of its figure, which says why, and its source."""
    labels: Mapping[str, str] = {**fmt.STATUS_LABELS, **result.plugin.status_labels}
    said = labels.get(status or "", (status or "").replace("_", " "))
    table = result.params.get("levels")
    if level and isinstance(table, (list, tuple)):
        above = None
        for band in table:
            if not isinstance(band, Mapping) or "max" not in band:
                continue
            top = fmt.decimal_it(Decimal(str(band["max"])))
            if band.get("name") == level:
                span = f"oltre {above} e fino a {top}" if above is not None else f"fino a {top}"
                return f"Livello «{level}»: punteggio {span} punti nella tabella del regolamento. Esito: {said}."
            above = top
    figure = result.figures.get(f"score:{pid}:status")
    if status not in PLAIN and figure is not None and figure.value != status:
        # an exclusion of some parts alone (not the person's outcome), whose reason follows: said beside the outcome
        said = stats.part_excluded(result, pid, said) or said
    why = _why_level(result, pid) if level else ""
    if why:  # by the label the ente's regulation gives it, as the line above names it; the level alone the line
        # above already says (never twice)
        return f"Livello «{fmt.level(level, result.plugin.ente_labels)}» attribuito secondo il regolamento{why}. Esito: {said}."
    return f"Esito: {said}."


def _why_level(result: Result, pid: str) -> str:
    """Why the level is what it is, where the plugin's figure of the level says it in its note: «: il punteggio
    (93,00 punti) raggiunge «fascia A», ma la formula del livello dà «fascia B»; … (CCDI, art. 6 c. 1)»; "" else."""
    figure = result.figures.get(f"level:{pid}")
    if figure is None or not figure.note:
        return ""
    labels = result.plugin.status_labels
    source = fmt.worded(fmt.cite(figure.source, result.plugin.documents), labels, True)
    return f": {fmt.worded(figure.note, labels)} ({source})"


# the outcomes of a person evaluated and admitted: no reason to give
PLAIN = frozenset({"evaluated", "banded", "scored"})


def outcome_reason(result: Result, pid: str, status: str | None) -> str:
    """Why the person has an outcome other than evaluated and admitted (excluded, not assessable…): the rule
    that applied, the person's own datum against its threshold and the article — the sentence the status's
    figure records («più di 150 giorni di assenza nell'anno (180); art. 10 c. 2»)."""
    figure = result.figures.get(f"score:{pid}:status")
    if figure is None or not status or status in PLAIN:
        return ""
    labels = result.plugin.status_labels
    head, colon, tail = figure.label.partition(": ")
    why = tail if colon and head.startswith("Esito") else figure.formula
    why = why.removeprefix("escluso dal premio: ")
    data = "; ".join(
        f"{fmt.worded(i.name, labels, signed=True)}: "
        f"{input_shown(i.name, i.value, '', i.cell, None, column_kind(i.cell, result_kinds(result)))}"
        for i in figure.inputs
        if not i.ref and isinstance(i.value, (Decimal, int)) and not isinstance(i.value, bool)
    )
    note = f" ({fmt.worded(figure.note, labels)})" if figure.note else ""
    source = fmt.worded(fmt.cite(figure.source, result.plugin.documents), labels, True)
    said = f"Perché: {fmt.worded(why, labels)}{note}" + (f"; {data}" if data else "")
    return f"{fmt.ended(said)} Fonte: {fmt.ended(source)}"


def _appeals(result: Result, pid: str) -> tuple[Line, ...]:
    out = []
    for a in result.ente.appeals:
        if a.person != pid:
            continue
        outcome = {"accolto": "accolto", "respinto": "respinto"}.get(a.outcome or "", "in corso")
        effect = "i punti restano quelli della scheda"
        if a.outcome == "accolto" and a.new_points is not None:
            effect = f"la voce «{a.new_points_item or ''}» passa a {fmt.decimal_it(a.new_points)} punti"
        out.append(Line(f"{a.stage.capitalize()} del {fmt.date_it(a.date)}", outcome, effect))
    return tuple(out)


MIN_GROUP = 3


def _sizes(result: Result) -> tuple[dict[tuple[str, str], frozenset[str]], dict[str, frozenset[str]]]:
    """Whom the ledger pays (a positive amount) by (pool, band) and by pool."""
    bands: dict[tuple[str, str], set[str]] = {}
    pools: dict[str, set[str]] = {}
    for a in result.ledger.awards:
        if a.amount <= 0:
            continue
        pools.setdefault(a.pool, set()).add(a.person)
        if a.band:
            bands.setdefault((a.pool, a.band), set()).add(a.person)
    return {k: frozenset(v) for k, v in bands.items()}, {k: frozenset(v) for k, v in pools.items()}


def _small(group: frozenset[str] | None, pid: str) -> bool:
    """A group of fewer than 3 people paid with a colleague of ``pid`` in it (rules/core.md §6): its figures give a
    colleague's pay by difference. A group whose only one paid is ``pid`` is about them alone: its figures are theirs
    to read (the fund of a part only they are paid from)."""
    people = group or frozenset()
    return len(people) < MIN_GROUP and people != {pid}


def _colleagues(result: Result, step: Any, band_too: bool, parts: bool = True) -> bool:
    """An input that is a figure of the person's colleagues rather than theirs (rules/core.md §6): a part of a pool
    that is not a pool of its own (``pool:<fund>:…``, e.g. a band's fund; not with ``parts = False``), or a sum over
    colleagues («Σ …», «somma …»; with ``band_too`` only, one of the band: «… della fascia»). The pool's own fund
    stays: its allocation is public whoever received it."""
    ref = getattr(step, "ref", "") or ""
    name = getattr(step, "name", "") or ""
    part = parts and ref.startswith("pool:") and ref[len("pool:") :] not in result.ledger.pools
    summed = name.startswith(("Σ", "somma"))
    return part or (summed and ("fascia" in name if band_too else True))


def _shares(result: Result) -> dict[str, frozenset[str]]:
    """Which people paid take each part of a pool (``pool:<fund>:…``) as an input of their award, or of the
    premium of one part of it: the group a part is about. A band's fund in one graduatoria of several is a group of
    its own, smaller than the band across the ente (two people in the «intermedia» of each of two areas are four in
    the band, two in each fund); a graduatoria's fund is of those it paid, never of one excluded with nothing."""
    users: dict[str, set[str]] = {}
    for key, figure in result.figures.items():
        if key.startswith("award:"):
            person = key.split(":")[1]
        elif key.startswith(PART):  # one part's premium of a summed one: ``premio:<part>:<person>``
            person = key.rsplit(":", 1)[1]
        else:
            continue
        if not isinstance(figure.value, Decimal) or figure.value <= 0:  # a group is of the people it pays
            continue
        for i in figure.inputs:
            ref = getattr(i, "ref", "") or ""
            if ref.startswith("pool:") and ref[len("pool:") :] not in result.ledger.pools:
                users.setdefault(ref, set()).add(person)
    return {ref: frozenset(people) for ref, people in users.items()}


def _own(result: Result, figure: Figure | None, pool: str, band: str | None, pid: str = "") -> Figure | None:
    """``figure`` without the inputs that are figures of a group of fewer than 3 people paid (:func:`_shown`)."""
    return _shown(result, figure, pool, band, pid)[0]


@attrs.frozen
class Left:
    """The inputs a scheda leaves off a figure and why: ``aside`` names the parts set aside from the figure's fund
    and paid to fewer than 3, where they are the only small group (the figure's own is of 3 or more paid)."""

    inputs: tuple[Any, ...] = ()
    aside: tuple[str, ...] = ()
    point: bool = False  # the value of a point of weight joined the figure's inputs in their stead


def _shown(
    result: Result, figure: Figure | None, pool: str, band: str | None, pid: str = ""
) -> tuple[Figure | None, Left]:
    """``figure`` without the inputs that are figures of a group of fewer than 3 people paid — the band's, a part of
    the pool that fewer than 3 are paid from (a band's fund in one graduatoria, a graduatoria's fund) with the sums
    over it, or the pool's when the pool pays fewer than 3: a band's fund of two people gives the colleague's pay by
    difference, its Σ fte the colleague's time; and the inputs left off (:func:`_withheld` says why). A group that
    pays ``pid`` alone (the person the scheda is for) is no colleague's: its figures stay (:func:`_small`). Where
    the only small group is a part set aside from the fund, the value of a point of weight joins what is left
    (:func:`point_value`): the employee redoes the premium without the fund or Σ pesi."""
    if figure is None:
        return figure, Left()
    theirs = [i for i in figure.inputs if _theirs(result, i, pid)]
    if theirs:  # a colleague's name, code or figure the rule reads: never on the scheda, whatever the group
        figure = figure._replace(inputs=tuple(i for i in figure.inputs if i not in theirs))
    few = [i for i in figure.inputs if _of_few(result, i, pid)]
    if few:  # a value over the people of a small group (a sum, a mean): with the person's own, a colleague's; and
        # the weight the figure makes of it (score / mean), which with the score gives it back
        few += [i for i in figure.inputs if getattr(i, "name", "") in WEIGHTS]
        figure = figure._replace(inputs=tuple(i for i in figure.inputs if i not in few))
    kept, left, aside = _small_groups(result, figure, pool, band, pid)
    left = [*few, *left]
    point = point_value(figure, left, _premiums(result)) if aside else None
    if point is not None:
        kept = kept._replace(inputs=(*kept.inputs, point))
    return kept, Left((*theirs, *left), aside, point is not None)


def _small_groups(
    result: Result, figure: Figure, pool: str, band: str | None, pid: str
) -> tuple[Figure, list[Any], tuple[str, ...]]:
    """``figure`` without the inputs that are figures of a group of fewer than 3 people paid (:func:`_shown`), those
    left off, and the parts set aside of fewer than 3 paid where they alone are why (:class:`Left`)."""
    bands, pools = result.memo("schede.group_sizes", lambda: _sizes(result))
    shares = result.memo("schede.part_sizes", lambda: _shares(result))
    small_pool = _small(pools.get(pool), pid)
    small_band = bool(band) and _small(bands.get((pool, band or "")), pid)

    def small_share(step: Any) -> bool:
        ref = getattr(step, "ref", "") or ""
        return ref in shares and _small(shares[ref], pid) and not _whole_fund(result, step)

    def small_part(step: Any) -> bool:
        return small_share(step) or bool(_set_aside(result, step, pid))

    parts = [i for i in figure.inputs if small_part(i)]
    if not (small_pool or small_band or parts):
        return figure, [], ()
    if small_pool:
        kept = [i for i in figure.inputs if not _colleagues(result, i, False)]
    elif small_band:  # the band's figures and a part of fewer than 3 paid; a part's fund that more are paid from stays
        # with a small part too, every sum goes: a sum over that part is of fewer than 3 paid (of two colleagues,
        # whole, for one whom a reduction left with a weight of 0), whatever the band
        kept = [i for i in figure.inputs if not small_part(i) and not _colleagues(result, i, not parts, parts=False)]
    else:  # a small part of a larger band or pool: that part, and the sums over it
        kept = [i for i in figure.inputs if not small_part(i) and not _colleagues(result, i, False, parts=False)]
    # a figure of 0 (a part's fund its quota emptied) gives nobody's pay by difference: nothing to withhold
    kept = [i for i in figure.inputs if i in kept or _nought(i)]
    left = [i for i in figure.inputs if i not in kept]
    only_aside = not (small_pool or small_band or any(small_share(i) for i in left))
    aside = tuple(dict.fromkeys(n for i in left for n in _set_aside(result, i, pid))) if only_aside else ()
    return figure._replace(inputs=tuple(kept)), left, aside


def _set_aside(result: Result, step: Any, pid: str) -> list[str]:
    """The parts set aside from the fund ``step`` reads that are paid to fewer than 3 people, ``pid`` not alone among
    them: a fund less what they took gives their total by difference (:func:`_few_paid`)."""
    ref = getattr(step, "ref", "") or ""
    read = result.figures.get(ref) if ref.startswith("pool:") else None
    if read is None:
        return []
    return [_part_paid(result, i.ref) for i in read.inputs if _few_paid(result, getattr(i, "ref", "") or "", pid)]


def _part_paid(result: Result, ref: str) -> str:
    """The part whose premiums the set-aside ``ref`` sums (``premio:<part>:<person>``), by name."""
    return next(
        (i.ref[len(PART) :].rsplit(":", 1)[0] for i in result.figures[ref].inputs if (i.ref or "").startswith(PART)),
        "",
    )


def _few_paid(result: Result, ref: str, pid: str) -> bool:
    """Whether the figure ``ref`` is a sum of the premiums of fewer than 3 people paid, the person ``pid`` not alone
    among them (a set-aside, which lists each premium it took): a figure that gives them by difference."""
    figure = result.figures.get(ref) if ref.startswith("pool:") else None
    if figure is None:
        return False
    paid = {
        i.ref.rsplit(":", 1)[1]
        for i in figure.inputs
        if (i.ref or "").startswith((PART, "award:")) and isinstance(i.value, Decimal) and i.value > 0
    }
    return bool(paid) and _small(frozenset(paid), pid)


# the weight a premium's figure computes from what it reads, as the plugins name it on the figure
WEIGHTS = ("peso dalla formula", "peso")

# a person listed in the figure of a value over people: «Rita Pace (P3)», or a further value of theirs at a tie
_LISTED = re.compile(r"\(([^()]+)\)(?:, a parità: .*)?$")


def _of_few(result: Result, step: Any, pid: str) -> bool:
    """Whether ``step`` is a value computed over people whose figure lists fewer than 3 of them, a colleague of
    ``pid`` among them (a formula's sum, mean or highest over a graduatoria of two): with the person's own value it
    gives the colleague's (rules/core.md §6). The people listed are those whose values make it; a line for those a
    condition leaves out adds nothing to it."""
    ref = getattr(step, "ref", "") or ""
    sub = result.figures.get(ref) if ref else None
    if sub is None:
        return False
    people = result.ente.people
    listed = {
        found.group(1)
        for i in sub.inputs
        if (found := _LISTED.search(getattr(i, "name", "") or "")) is not None and found.group(1) in people
    }
    return bool(listed) and _small(frozenset(listed), pid)


def _premiums(result: Result) -> list[Figure]:
    """Every premium's figure and every part's of a summed one: the peers a value of a point is made the same for."""
    return result.memo(
        "schede.premiums", lambda: [f for k, f in result.figures.items() if k.startswith(("award:", PART))]
    )


def _nought(step: Any) -> bool:
    value = getattr(step, "value", None)
    return isinstance(value, Decimal) and not isinstance(value, bool) and value == 0


def _whole_fund(result: Result, step: Any) -> bool:
    """A part's fund (``pool:<fund>:<part>``) that is the whole fund it is a part of (a part of 100% with nothing
    received from other parts): the fund's allocation, public whoever is paid from it, no small group's figure."""
    fund = (getattr(step, "ref", "") or "").split(":")[1]
    whole = result.ledger.pools.get(fund)
    return whole is not None and isinstance(step.value, Decimal) and step.value == whole.amount


def _theirs(result: Result, step: Any, pid: str) -> bool:
    """An input that is another person's datum (rules/core.md §6): their code as its value (the person a reggenza
    covers), or their name in its label («… di Rita Pace»: a figure of theirs a formula reads); the person's
    evaluator, who signs the scheda, is no other person here."""
    people = result.ente.people
    own = {pid, *result.ente.evaluators_of(pid)}
    value = getattr(step, "value", None)
    if isinstance(value, str) and value in people and value not in own:
        return True
    name = getattr(step, "name", "") or ""
    names = result.memo("schede.people_names", lambda: {p.name: p.id for p in people.values() if p.name})
    person = people.get(pid)
    return any(_named(name, n) and names[n] not in own for n in names if person is None or n != person.name)


def _refused(result: Result, pid: str) -> dict[str, Any]:
    """The parts that left the person out, under «Non pagato» with «no» where an exclusion took from them or nothing
    is paid them; of someone paid whom only a part's condition leaves out, each «non spetta», with no heading. Never
    a colleague's datum (rules/core.md §6)."""
    verdict = refusal_verdict(result, pid)  # explain's rule: «non spetta» under no heading, or «no» under it
    said = part_refusals(result, pid, partial(_of_others, result, pid), verdict)
    return {
        "refused": tuple(words_only(why) for why in said),
        "refused_title": "" if verdict == NOT_DUE else "Non pagato",
    }


def _of_others(result: Result, pid: str, step: Any) -> bool:
    """An input of other people (rules/core.md §6): :func:`_theirs`, or a value that names a colleague (the people
    tied with the person at the cut of a quota: «Alessia Bruni (D01) e Paolo Cerri (D02)»)."""
    value = getattr(step, "value", None)
    own = {pid, *result.ente.evaluators_of(pid)}
    return _theirs(result, step, pid) or (
        isinstance(value, str)
        and any(_named(value, p.name) for p in result.ente.people.values() if p.name and p.id not in own)
    )


def _named(label: str, name: str) -> bool:
    """True where ``label`` says ``name`` as a whole («Persona 1» is not in «premio di Persona 10»)."""
    return name in label and re.search(rf"(?<!\w){re.escape(name)}(?!\w)", label) is not None


# Where the figures a scheda withholds are, and how the employee who needs them to redo the premium sees them: the
# office keeps them (the internal Relazione, schede.xlsx, ciclope explain) and a colleague's data are shown only to
# whoever is entitled, which for one's own premium is a request of access to the documents (L. 241/1990 art. 22 ff.,
# weighed by the office against the colleague's privacy, art. 24 c. 7)
HELD = (
    "Le cifre non mostrate sono conservate dall'ufficio del personale, che le mostra a chi ha diritto di vederle: chi "
    "vuole verificare il proprio premio può chiedere di prenderne visione (accesso agli atti, legge 7 agosto 1990, "
    "n. 241, art. 22 e seguenti)."
)


def _withheld(result: Result, left: Left, pid: str) -> str:
    """Why the scheda leaves ``left`` off: they are another person's data, or figures of fewer than 3 people paid
    (rules/core.md §6) — or, where the small group is only a part set aside from the fund (``left.aside``), that part
    by name, with how the premium is redone from the value of a point (:mod:`.point`); and who holds them and shows
    them to whoever is entitled (:data:`HELD`)."""
    if not left.inputs:
        return ""
    theirs = [i for i in left.inputs if _theirs(result, i, pid)]
    names = [_the(words_only(_unfigured(fmt.worded(i.name, result.plugin.status_labels, signed=True))))
             for i in left.inputs if i not in theirs]  # fmt: skip
    said = [_others(len(theirs))] if theirs else []
    if names:
        one = len(names) == 1
        shown = (f"Non è mostrat{'a' if names[0].startswith('la ') else 'o'}" if one else "Non sono mostrati") + (
            f" {fmt.listed(names)}"
        )
        if left.aside:
            parts = fmt.listed([f"«{n}»" for n in left.aside])
            paid = "pagata" if len(left.aside) == 1 else "pagate"
            plural = "della parte" if len(left.aside) == 1 else "delle parti"
            said.append(f"{shown}: per differenza darebbe{'' if one else 'ro'} l'importo {plural} {parts}, {paid} "
                        f"a meno di 3 persone.")  # fmt: skip
        else:
            said.append(f"{shown}: riguarda{'' if one else 'no'} meno di 3 persone pagate, e per differenza "
                        f"darebbe{'' if one else 'ro'} l'importo o il peso di un collega.")  # fmt: skip
    if left.point:
        said.append(
            "Per rifare il premio: il premio è peso × valore di un punto di peso, al centesimo come dice la nota."
        )
    return " ".join([*said, HELD])


def _the(name: str) -> str:
    """An element a note names, with its article and without guillemets around a name that has its own («il fondo
    della parte «X»», never «fondo della parte «X»»): «la somma dei pesi» (a sum), «l'…», «lo …», «il …»."""
    if name.startswith(("Σ", "somma")):
        return f"la {name}"
    first = name.split(" ", 1)[0].lower()
    if first in ("il", "lo", "la", "i", "gli", "le", "un", "uno", "una") or first.startswith("l'"):
        return name  # a formula's words have their article: «la somma, nella graduatoria, di …»
    if first[:1] in tuple("aeiouàèéìòù"):
        return f"l'{name}"
    if re.match(r"s[^aeiouàèéìòù]|z|gn|ps", first):
        return f"lo {name}"
    return f"la {name}" if first.endswith("a") else f"il {name}"


def _unfigured(name: str) -> str:
    """An element withheld named without the figures its name says («fondo della parte «X»: € 18.000,00 − € 1.012,50
    accantonati …» is «fondo della parte «X»»): the note that withholds a figure never prints it."""
    head, colon, tail = name.partition(": ")
    return head if colon and "€" in tail else name


# what a scheda says of another person's data the rule reads (:func:`_theirs`): never whose they are
def _others(count: int) -> str:
    if count == 1:
        return "Non è mostrato un dato che il calcolo legge e che non è della persona valutata: la scheda dice solo ciò che è suo."
    return f"Non sono mostrati {count} dati che il calcolo legge e che non sono della persona valutata: la scheda dice solo ciò che è suo."


def _payments(result: Result, pid: str) -> tuple[Payment, ...]:
    about: dict[str, Any] = subject(result, "person", pid) or {}
    out = []
    refs = [award.get("ref") for award in about.get("awards", [])]
    for k, award in enumerate(about.get("awards", [])):
        pool = str(award["pool"])
        whole = award_figure(result, pid, pool, award.get("ref"), premium_first(refs, k))
        figure, left = _shown(result, whole, pool, award.get("band"), pid)
        # a level recorded as the band (a regulation without merit bands) is the person's level, said apart
        band = f", fascia {award['band']}" if award.get("band") and award["band"] != about.get("level") else ""
        labels = result.plugin.status_labels
        readings = tuple(readings_of(figure, result, summed_parts(figure), pid)) if figure is not None else ()
        payment = Payment(
            what=fmt.worded(str(award["what"]), labels, signed=True) + band,
            amount=fmt.euro(Decimal(award["amount"])),
            pool=fmt.fund(pool, _label(result, pool), labels),
            formula=words_only(fmt.worded(_formula(result, award, figure, pid), labels)),
            source=fmt.worded(fmt.cite(str(award.get("source") or ""), result.plugin.documents), labels, True),
            steps=_steps(result, figure, cited=True),
            readings=readings,
            note=words_only(fmt.worded(_note(figure), labels)) if figure is not None else "",
            withheld=_withheld(result, left, pid),
            parts=_parts(result, whole, pool, award.get("band"), pid, readings),
        )
        out.append(one_part(payment))
    return tuple(out)


def one_part(payment: Payment) -> Payment:
    """A premium that is one part's premium alone (its table one row, that part's amount) said as that part, once:
    never a table «premio della parte «X»: € 913,19» over the part's own heading with the same amount."""
    if len(payment.parts) != 1 or len(payment.steps) != 1 or payment.note or payment.withheld:
        return payment
    part = payment.parts[0]
    if part.amount != payment.amount:
        return payment
    readings = payment.readings + tuple(x for x in part.readings if x not in payment.readings)
    return attrs.evolve(part, what=payment.what, pool=payment.pool, readings=readings)


def _formula(result: Result, award: Mapping[str, Any], figure: Figure | None, pid: str) -> str:
    """How an amount is computed, as its part's is (:func:`_how`): of one an exclusion took, the exclusion's rule with
    what it read."""
    if figure is not None and figure.formula.startswith("escluso"):
        return _how(result, figure, pid)
    return str(award.get("formula") or (figure.formula if figure is not None else ""))


def _note(figure: Figure) -> str:
    """The note of an amount: of an amount of 0 that says why, the reason alone («nessun importo: i punti della
    sezione «Obiettivi» sono meno di 48»), never joined to the share it would have been paid by."""
    return zero_reason(figure) if not figure.value and figure.note.startswith(NOTHING) else figure.note


def _parts(
    result: Result, figure: Figure | None, pool: str, band: str | None, pid: str, said: tuple[str, ...] = ()
) -> tuple[Payment, ...]:
    """Each part a premium sums (its inputs that are a part's own figure, ``premio:<part>:<person>``), as the
    premium of a single part shows: its weight and the share paid, the Σ pesi and the fund it divides, so the
    employee can redo it, those of fewer than 3 people paid left off and said so; ``said``: the office's readings
    the premium already shows, not repeated under a part."""
    if figure is None:
        return ()
    labels = result.plugin.status_labels
    out = []
    for i in figure.inputs:
        whole = result.figures.get(i.ref) if (i.ref or "").startswith(PART) else None
        if whole is None:
            continue
        part, left = _shown(result, whole, pool, band, pid)
        assert part is not None
        out.append(
            Payment(
                what=fmt.worded(i.name, labels, signed=True),
                amount=fmt.euro(Decimal(str(part.value))),
                pool=fmt.fund(pool, _label(result, pool), labels),
                formula=words_only(fmt.worded(_how(result, part, pid), labels)),
                source=fmt.worded(fmt.cite(part.source, result.plugin.documents), labels, True),
                steps=_steps(result, part, cited=True),
                readings=tuple(x for x in readings_of(part, result, person=pid) if x not in said),
                note=words_only(fmt.worded(_note(part), labels)),
                withheld=_withheld(result, left, pid),
            )
        )
    return tuple(out)


def _how(result: Result, part: Figure, pid: str) -> str:
    """How a part's amount is computed; of a part an exclusion left the person out of, the exclusion with the values
    it read («escluso dal premio: punteggio sotto il minimo di 60 (punteggio 55,00): nessun premio»), never a bare
    «escluso» the scheda does not explain."""
    status = result.figures.get(f"score:{pid}:status")
    if status is None or not part.formula.startswith("escluso") or all(i.ref != status.key for i in part.inputs):
        return part.formula
    # the rule in words before the values it read join it: a bracket of the office's formula would take them along
    return f"{exclusion_words(result, status._replace(formula=words_only(status.formula)), parts=False)}: nessun premio"


def _label(result: Result, pool: str) -> str:
    """The label the pool carries (a layer's pool names its article: the maggiorazione of art. 48 CCNL 23.2.2026)."""
    found = result.ledger.pools.get(pool)
    return getattr(found, "label", "") or ""


def _acts(result: Result) -> tuple[Line, ...]:
    names = {
        # since 2022 the Piano della performance is the PIAO's sottosezione Performance: the act adopted is the PIAO
        "piano_adopted": "PIAO adottato il"
        if result.ente.year >= PIAO_SINCE
        else "Piano della performance adottato il",
        "relazione_approved": "Relazione approvata il",
        "relazione_validated_oiv": "Relazione validata dall'OIV il",
    }
    dated = [(result.ente.approvals[key], label) for key, label in names.items()
             if hasattr(result.ente.approvals.get(key), "strftime")]  # fmt: skip
    # in the order they happened: the Relazione is approved, then validated (D.Lgs. 150/2009 art. 14 c. 4 c)
    body = result.ente.body
    return tuple(Line(body.said(label), fmt.date_it(day)) for day, label in sorted(dated, key=lambda x: x[0]))


def build(result: Result, pid: str) -> Scheda:
    ente, p = result.ente, result.ente.people[pid]
    score = result.scores.get(pid)
    status = result.status_of(pid)
    figure = result.figures.get(f"score:{pid}")
    card_figure = result.figures.get(f"card:{pid}")
    note = words_only(fmt.worded(figure.note, result.plugin.status_labels)) if figure is not None else ""
    level = _level(result, score)
    cited, note = level_cited(level, note)  # the note without the level, which is said beside the score or not at all
    read = level_read(result, pid)
    level, cited = (level, cited) if read else ("", "")
    return Scheda(
        person=pid,
        name=p.name,
        ente=ente.name,
        year=ente.year,
        # the acts by title, never the plugin's name nor a file
        regulation="; ".join(fmt.regulation(r, result.plugin.documents) for r in result.plugin.regulations),
        about=_about(result, pid),
        card=_card(result, pid),
        card_score=fmt.score(card_figure.value) if card_figure is not None else card_score(result, pid),
        card_exact=_card_exact(result, pid, card_figure),
        organizational=_organizational(result, pid),
        organizational_note="" if reads_organizational(result, pid) else UNREAD,
        score=fmt.score(scoring.shown(score)) if score is not None and score.score is not None else "—",
        score_of=scoring.out_of(score) if score is not None else "su 100",
        level=level,
        level_source=cited[len(level) :].strip(),
        level_words=_level_said(result, pid, score.level if score and read else None, status),
        score_steps=_steps(result, figure),
        score_formula=words_only(figure.formula) if figure is not None else "",
        score_source=fmt.worded(fmt.cite(figure.source, result.plugin.documents), result.plugin.status_labels, True)
        if figure is not None
        else "",
        appeals=_appeals(result, pid),
        payments=_payments(result, pid),
        unpaid=tuple(words_only(u["why"]) for u in unpaid_reasons(result, pid, outside_why=True)),
        **_refused(result, pid),
        evaluator=_who(result, ente.evaluator_of(pid)),
        acts=_acts(result),
        motivation=ente.motivations.get(pid, ""),
        score_readings=_score_readings(result, figure),
        score_note=note,
        instalments=_instalments(result, pid),
        progression=_progression(result, pid),
        progression_rule=_progression_rule(result, pid),
        premiums=bool(result.ledger.pools),
        totals=tuple(total_lines((subject(result, "person", pid) or {}).get("awards", []))),
        evaluated=evaluated(result, pid),
        draft="" if publishable(result) else DRAFT,
        **_evaluator_cards(result, pid),
    )


def evaluated(result: Result, pid: str) -> bool:
    """Whether the person's scheda is an evaluation's: False only where the regulation foresees none for them
    (``Score.foreseen``) and they have neither a card nor a score; a card missing where one was due keeps it so."""
    score = result.scores.get(pid)
    if score is None or score.foreseen or score.score is not None:
        return True
    return bool(_conciliated(result, pid)) or f"card:{pid}" in result.figures


def _score_readings(result: Result, figure: Figure | None) -> tuple[str, ...]:
    """The office's readings of the rule that scores the person: those of the score's article, but the readings of a
    part of the premium that cites the same article (its own, said under the premium, never under the score)."""
    if figure is None:
        return ()
    parts = {name for by in (result.rewards.parts if result.rewards else {}).values() for paid in by.values()
             for name, _ in paid}  # fmt: skip
    of_parts = {text for where, text, _ in result.plugin.readings if any(where.endswith(f"«{n}»") for n in parts)}
    return tuple(text for text in readings_of(figure, result) if text not in of_parts)


def _level_said(result: Result, pid: str, level: str | None, status: str | None) -> str:
    """The level in words and why the outcome is what it is, the rule in words only."""
    said = (level_words(result, pid, level, status), outcome_reason(result, pid, status))
    return words_only(" ".join(x for x in said if x))


# what a candidate reads of their own place (core.trace), by the scheda's labels: never who precedes them at par
OWN_TIE = "Parità al limite"
OWN_PLACE = {
    PROGRESSION_SCORE: "Punteggio in graduatoria",
    PROGRESSION_PLACES: "Posti",
    PROGRESSION_TIE: OWN_TIE,
}


# what a selected candidate's progression gives them: the office's «costo» is, for them, a permanent raise of pay
RAISE = "Differenziale stipendiale annuo"


def _progression(result: Result, pid: str) -> tuple[Line, ...]:
    """The person's progressione economica, from ``progression:<person>`` (:mod:`core.trace`): the outcome, the
    place in the graduatoria, and for one selected the annual differenziale their fund pays (the office's «costo»,
    ``pool:<fund>:distribuito``), the fund by its label; why one is not a candidate. Only the person's own figures: never who precedes them, nor what the colleagues cost."""
    figure = result.figures.get(f"progression:{pid}")
    if figure is None:
        return ()
    labels = result.plugin.status_labels
    if figure.value is False:
        why = (Line("Motivo", words_only(fmt.worded(figure.note, labels))),) if figure.note else ()
        return (Line("Esito", "non candidato"), *why)
    if figure.value is None:  # a candidate without a place: «fuori dalla graduatoria: senza …», the outcome and why
        outcome, _, reason = fmt.worded(figure.note, labels).partition(": ")
        return (
            Line("Esito", outcome or "fuori dalla graduatoria"),
            *((Line("Motivo", words_only(reason)),) if reason else ()),
        )
    own = {i.name: str(i.value) for i in figure.inputs if i.name in OWN_PLACE}
    out = [
        Line("Esito", fmt.worded(figure.note, labels) or "in graduatoria"),
        *(Line(label, own[name]) for name, label in OWN_PLACE.items() if name in own and label != OWN_TIE),
        Line("Posto in graduatoria", str(figure.value)),
        *((Line(OWN_TIE, own[PROGRESSION_TIE]),) if PROGRESSION_TIE in own else ()),
    ]
    for key, given in result.figures.items():
        if not key.startswith("pool:") or not key.endswith(f":{GIVEN}"):
            continue
        fund = progressions.fund_label(result, key.removeprefix("pool:").removesuffix(f":{GIVEN}"))
        # the amount as the cost's formula computes it where it has parts (an Area's differential × the time worked)
        computed = next((str(i.value) for i in figure.inputs if i.name == PROGRESSION_COST), "")
        out += [
            Line(RAISE, computed or fmt.euro(Decimal(i.value)), f"a carico di: {fund}")
            for i in given.inputs
            if i.ref == figure.key
        ]
    return tuple(out)


def _progression_rule(result: Result, pid: str) -> str:
    """The rule of the person's place in the graduatoria (or of the candidacy) and the act it comes from."""
    figure = result.figures.get(f"progression:{pid}")
    if figure is None:
        return ""
    source = fmt.worded(fmt.cite(figure.source, result.plugin.documents), result.plugin.status_labels, True)
    rule = words_only(figure.formula)  # a condition as the office wrote it, then in words: the words alone
    rule = "" if rule.startswith("=") else rule  # a formula without its words: the source alone
    return f"Come si decide: {fmt.ended(rule)} Fonte: {fmt.ended(source)}" if rule else f"Fonte: {fmt.ended(source)}"


def level_cited(level: str, note: str) -> tuple[str, str]:
    """The level with the article the score's note cites it by, and the note without it: the scheda says the level
    once, beside the score («livello: adeguato (CCI 2025, art. 6)»), never again in the note; both unchanged where
    the note does not name the level."""
    head = f"livello: {level}"
    kept: list[str] = []
    cited = level
    for said in note.split("; ") if note and level not in ("", "—") else ():
        tail = said[len(head) :] if said.lower().startswith(head.lower()) else None
        if cited == level and tail is not None and (not tail or tail.startswith(" (")):
            # the article in brackets is the level's; a sentence of the office's after it («…). Il sistema …») stays
            cited, after = level + _bracket(tail), tail[len(_bracket(tail)) :].removeprefix(".").strip()
            kept += [after] if after else []
        else:
            kept.append(said)
    return (cited, "; ".join(kept)) if cited != level else (level, note)


def _bracket(tail: str) -> str:
    """The first bracket of ``tail`` with the space before it, «» where it opens none: « (SMVP, art. 20)» of « (SMVP,
    art. 20). Il sistema …»."""
    depth = 0
    for i, ch in enumerate(tail):
        depth += {"(": 1, ")": -1}.get(ch, 0)
        if ch == ")" and depth == 0:
            return tail[: i + 1]
    return tail


def _level(result: Result, score: Any) -> str:
    """The person's level as the regulation names it; «—» for a person without one where others have one; "" where
    nobody has one (a regulation without levels: the scheda says none, not an empty «livello: —»)."""
    if score is not None and score.level:
        return fmt.level(score.level, result.plugin.ente_labels) or "—"
    return "—" if any(s.level for s in result.scores.values()) else ""


def level_read(result: Result, pid: str) -> bool:
    """Whether the scheda says the person's level: a level is the grade of a premium (rules/core.md §3, «map the score
    to a level»; the [livelli] of a declared regulation grade its premio), so it is said where a premium paid to the
    person reads it, and never where all they are paid reads none (an EQ's result pay by the steps of its own table
    beside the employees' bands). Of one paid nothing, where a premium of their funds reads levels (an exclusion
    left them out), or where nothing is awarded to them at all: the level is still their evaluation's."""
    awards = result.ledger.awards_of(pid)
    paid = [a for a in awards if a.amount > 0]
    if paid:
        return any(_reads_level(result, a) for a in paid)
    if not awards:
        return True
    pools = result.memo("schede.level_pools", lambda: {a.pool for a in result.ledger.awards if _reads_level(result, a)})
    return any(a.pool in pools for a in awards)


# the figures a premium reads that make the score, not read it: a walk for the level stops there
_SCORING = ("pool:", "score:", "card:", "level:")


def _reads_level(result: Result, award: Award) -> bool:
    """Whether ``award`` reads its person's level: recorded as its band, or read by its figure or by the figures it
    reads (the level's own figure, or the level as a value of the score's: «livello = seconda fascia»)."""
    score = result.scores.get(award.person)
    level = score.level if score is not None else None
    if not level:
        return False
    if award.band == level:
        return True
    awards = result.ledger.awards_of(award.person)
    first = premium_first([a.ref for a in awards], awards.index(award)) if award in awards else False
    figure = award_figure(result, award.person, award.pool, award.ref, first)
    todo, seen = [figure] if figure is not None else [], set()
    while todo:
        for i in todo.pop().inputs:
            ref = i.ref or ""
            if ref == f"level:{award.person}" or (ref == f"score:{award.person}" and i.value == level):
                return True
            if ref and ref not in seen and not ref.startswith(_SCORING) and ref in result.figures:
                seen.add(ref)
                todo.append(result.figures[ref])
    return False


def _instalments(result: Result, pid: str) -> tuple[Line, ...]:
    """The person's instalments as the regulation pays them: the premium, the month, what it refers to; an advance
    and the balance as such, a balance below zero as a recovery."""
    own = result.ledger.instalments_of(pid)
    return (*(Line(instalment_said(i), instalment_amount(i)) for i in own), *_nets(own))


def _nets(own: list[Instalment]) -> tuple[Line, ...]:
    """The net of a month where a recovery meets another instalment (the advance of one part given back, the balance
    of another paid): what the person receives or gives back that month, «Saldo a giugno 2025: − € 200,00 da
    restituire» for −480,00 + 280,00."""
    months: dict[tuple[int, int], list[Instalment]] = {}
    for i in own:
        months.setdefault((i.year, i.month), []).append(i)
    out = []
    for (year, month), paid in months.items():
        if len(paid) < 2 or not any(i.recovery for i in paid):
            continue
        net = sum((i.amount for i in paid), Decimal(0))
        said = (
            f"− {fmt.euro(-net)} da restituire" if net < 0 else f"{fmt.euro(net)} da ricevere" if net else fmt.euro(net)
        )
        out.append(Line(f"Saldo a {fmt.month_it(year, month)}", said))
    return tuple(out)
