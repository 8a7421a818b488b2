"""The internal report as tables: one :class:`~.model.Table` per sheet of ``schede.xlsx``, built once from
the Result (the Relazione's schede, the office's working copy: names and individual amounts included)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator, Mapping, Sequence
from decimal import Decimal
from typing import Any

from ciclope.core import scoring
from ciclope.core.ledger import Award, instalment_kind
from ciclope.core.money import INCENTIVE, PERFORMANCE, POSITION
from ciclope.core.outcomes import Deadline
from ciclope.core.phases import PHASE_NAMES, PHASES
from ciclope.core.reports import fmt, stats
from ciclope.core.reports.model import Column, Flag, Table, Total, Typed
from ciclope.core.reports.publication import publishable
from ciclope.core.result import Result, award_figure
from ciclope.core.trace import NOTHING, REDUCTION, Figure, rule_note, zero_reason
from ciclope.core.values import parse_number

CALENDAR_FLAGS = {"fatto": "ok", "in ritardo": "err", "mancante": "warn"}  # a deadline's state as a flag


def tables(result: Result) -> Iterator[Table]:
    """Every table of the workbook, in the order of its sheets; a table the run has no data for is left out."""
    status = statuses(result)
    yield summary(result)
    if result.org is not None:
        yield areas(result)
        yield scheda_d(result, status)
    yield objectives(result)
    yield indicators(result)
    yield monitoring(result)
    if result.revisions:
        yield revisions(result)
    if result.org is not None:
        yield units(result)
    if result.scores:
        yield scores(result, status)
        yield evaluators(result)
    if result.rewards is not None or result.positions is not None:
        yield awards(result, status)
        yield from by_person(result)
        yield funds(result)
        yield bands(result)
        if result.ledger.instalments:
            yield instalments(result)
    if result.positions is not None and result.positions.positions:
        yield positions(result)
    yield from plugin_sections(result)
    yield violations(result)
    yield calendar(result)
    yield parameters(result)


def statuses(result: Result) -> Callable[[str], str]:
    """A person's status in Italian (``fmt.status(result.status_of(pid), labels)``), each code's label
    looked up once: the sheets ask it for every person."""
    labels = result.plugin.status_labels
    given = result.rewards.statuses if result.rewards is not None else {}
    scored = result.scores
    shown: dict[str | None, str] = {}

    def status(pid: str) -> str:
        code: str | None
        if pid in given:
            code = given[pid]
        else:
            s = scored.get(pid)
            code = s.status if s else None
        text = shown.get(code)
        if text is None:
            text = shown[code] = fmt.status(code, labels)
        return text

    return status


def name_of(result: Result, pid: str | None) -> str:
    """A person's name, or an external evaluator's as ente.toml [valutatori] says who they are."""
    person = result.ente.people.get(pid) if pid else None
    if person is None:
        return result.ente.evaluators.get(pid, "") if pid else ""
    return person.name


def funds_said(r: Result) -> list[tuple[str, Any, str]]:
    """The funds allocated and distributed on the sheet «Sintesi»; where some pay posts (position pay), the premiums
    apart, as the Relazione counts them («Premi distribuiti / stanziati»: the performance funds), and the funds'
    total said to hold both."""
    pools = r.ledger.pools
    if not pools:
        return [("Fondi stanziati", None, "money"), ("Fondi distribuiti", None, "money")]
    total = sum((p.amount for p in pools.values()), Decimal(0))
    given = sum((p.distributed for p in pools.values()), Decimal(0))
    if not r.ledger.pools_of(POSITION):
        return [("Fondi stanziati", total, "money"), ("Fondi distribuiti", given, "money")]
    premi = r.ledger.pools_of(PERFORMANCE).values()
    both = " (premi e retribuzione di posizione)"
    return [
        ("Premi stanziati", sum((p.amount for p in premi), Decimal(0)), "money"),
        ("Premi distribuiti", sum((p.distributed for p in premi), Decimal(0)), "money"),
        (f"Fondi stanziati{both}", total, "money"),
        (f"Fondi distribuiti{both}", given, "money"),
    ]


def award_totals(r: Result) -> list[tuple[str, Decimal]]:
    """The sheet «Premi»'s totals: one «TOTALE», or, where some rows are position pay, the premiums and the position
    pay apart and their sum said so (the Relazione's premiums are no position pay)."""
    ledger = r.ledger
    total = sum((a.amount for a in ledger.awards), Decimal(0))
    posts = [a.amount for a in ledger.awards if ledger.kind_of(a) == POSITION]
    if not posts:
        return [("TOTALE", total)]
    premi = sum((a.amount for a in ledger.awards if ledger.kind_of(a) == PERFORMANCE), Decimal(0))
    return [
        ("Totale dei premi", premi),
        ("Totale della retribuzione di posizione", sum(posts, Decimal(0))),
        ("TOTALE (premi e retribuzione di posizione)", total),
    ]


def summary(r: Result) -> Table:
    ente, org, att = r.ente, r.org, r.attestation
    errors = len(r.errors)
    notices = sum(1 for v in r.violations if v.is_notice)
    rows = [
        ("Ente", ente.name, "text"),
        ("Codice ente", ente.id, "text"),
        ("Anno del ciclo", ente.year, "int"),
        # the acts by their titles, as the Relazione's heading; the program that applied them apart
        ("Regolamento", "; ".join(fmt.regulation(x, r.plugin.documents) for x in r.plugin.regulations), "text"),
        ("Applicato da", f"ciclope, modulo «{r.plugin.name}» versione {r.plugin.version}", "text"),
        ("Fasi eseguite fino a", PHASE_NAMES.get(r.until, r.until), "text"),
        ("Performance dell'ente (calcolata)", org.ente if org else None, "ach"),
        (ente.body.said("Performance attestata dall'OIV"), att.attested if att else None, "ach"),
        (ente.body.said("Giudizio dell'OIV"), att.judgement if att else "", "text"),
        (ente.body.said("Motivazione dell'OIV"), att.motivation if att else "", "text"),
        ("Persone in organico", len(ente.people), "int"),
        ("Persone valutate", sum(1 for s in r.scores.values() if s.score is not None), "int"),
        *funds_said(r),
        ("Violazioni: errori", errors, "int"),
        ("Violazioni: avvisi", len(r.violations) - errors - notices, "int"),
    ]
    if notices:  # how the input files were read: no rule broken, counted apart as the Relazione does
        rows.append(("Note sul formato dei file", notices, "int"))
    columns: list[Column] = [("Voce", "text", 38), ("Valore", "num", 60)]
    return Table("Sintesi", columns, [(label, Typed(value, kind)) for label, value, kind in rows])


def areas(r: Result) -> Table:
    ente, org = r.ente, r.org
    assert org is not None
    rows: list[tuple[Any, ...]] = [
        (
            a.id,
            a.name,
            a.weight,
            a.separate,
            org.separate.get(a.id) if a.separate else org.areas.get(a.id),
            org.not_scored.get(f"area:{a.id}", ""),
        )
        for a in ente.areas.values()
    ]
    rows.append(
        Total(("", f"Performance dell'ente — {ente.name}", None, None, org.ente, ""))
    )  # as the Relazione says it
    columns: list[Column] = [
        ("Area", "text", 10),
        ("Denominazione", "text", 44),
        ("Peso", "num", 8),
        ("Rendicontata a parte", "text", 12),
        ("Raggiungimento", "ach", 15),
        ("Note", "text", 40),
    ]
    return Table("Aree (scheda c)", columns, rows)


def scheda_d(r: Result, status: Callable[[str], str]) -> Table:
    ente, org = r.ente, r.org
    assert org is not None
    rows = []
    people, with_po = fmt.scheda_d_people(ente)  # with the PO in an ente without dirigenti
    for p in people:
        s = r.scores.get(p.id)
        headed = ", ".join(unit_said(r, u.id) or u.id for u in ente.headed_by(p.id))
        rows.append(
            (
                p.id,
                p.name,
                fmt.role_label(p.role, r.ente.year, r.plugin.staff_words),
                headed,
                stats.head_organizational(r, p.id),  # a PO's the unit's they head, as in the Relazione
                scoring.shown(s) if s else None,  # beside the level, on the scale of its thresholds
                fmt.level(s.level, r.plugin.ente_labels) if s else None,
                status(p.id),
            )
        )
    columns: list[Column] = [
        ("Codice", "text", 10),
        ("Nome", "text", 28),
        ("Ruolo", "text", 20),
        ("Unità dirette", "text", 30),
        ("Performance organizzativa", "ach", 15),
        (fmt.individual_score_head(stats.own_scale(r)), "score", 13),
        ("Livello", "text", 16),
        ("Esito", "text", 16),
    ]
    if not with_po:
        return Table("Dirigenti (scheda d)", columns, rows)
    # Excel's sheet names stop at 31 characters: the Relazione's title, and why, above the table
    # nobody to list: the sentence the Relazione says of it, never a note on PO the ente does not have
    why = (
        fmt.no_heads()
        if not people
        else fmt.no_dirigenti(r.plugin.staff_words, ente.year, any(p.is_po for p in people), fmt.ente_locale(r))
    )
    note = f"{fmt.HEADS}. {why}"
    return Table("Responsabili (scheda d)", columns, rows, note=note)


def objectives(r: Result) -> Table:
    org = r.org
    rows = [
        (
            o.id,
            fmt.KIND_LABELS.get(o.kind, o.kind),
            o.title,
            o.parent,
            o.area,
            o.weight,
            owner_said(r, o.owner),
            org.objectives.get(o.id) if org else None,
            (org.not_scored.get(f"objective:{o.id}", "") if org else ""),
        )
        for o in r.ente.objectives.values()
    ]
    columns: list[Column] = [
        ("Codice", "text", 10),
        ("Tipo", "text", 12),
        ("Titolo", "text", 50),
        ("Obiettivo padre", "text", 12),
        ("Area", "text", 8),
        ("Peso", "num", 8),
        ("Responsabile", "text", 28),
        ("Raggiungimento", "ach", 15),
        ("Note", "text", 40),
    ]
    return Table("Obiettivi", columns, rows)


def indicators(r: Result) -> Table:
    org = r.org
    evaluated = PHASES.index(r.until) >= PHASES.index("valutazione")
    revised = {rv.indicator for rv in r.revisions if rv.applied}
    rows = []
    for ind in r.ente.indicators.values():
        out = org.indicators.get(ind.id) if org else None
        ach = out.achievement if out else None
        ind_status = out.status if out else ""
        rows.append(
            (
                ind.id,
                ind.objective,
                ind.name,
                fmt.TYPE_LABELS.get(ind.type, ind.type),
                ind.weight,
                as_typed(ind.baseline, ind.percent),
                as_typed(ind.target, ind.percent) if ind.active else "-",
                as_typed(ind.actual, ind.percent) if evaluated else None,  # none in a report dated 30/6
                scoring.deviation(ind.type, out.actual, out.target, ach) if out and ach is not None else None,
                ach,
                fmt.status(ind_status) if ind_status else "",
                ind.reason,
                ind.source,
                "SI" if ind.id in revised else "",
            )
        )
    columns: list[Column] = [
        ("Codice", "text", 10),
        ("Obiettivo", "text", 10),
        ("Indicatore", "text", 44),
        ("Tipo", "text", 14),
        ("Peso", "num", 7),
        ("Valore base", "num", 11),
        ("Target", "num", 11),
        ("Consuntivo", "num", 11),
        ("Scostamento", "dev", 12),
        ("Raggiungimento", "ach", 15),
        ("Stato", "text", 16),
        ("Motivo neutralizzazione", "text", 30),
        ("Fonte del dato", "text", 28),
        ("Target rivisto", "text", 9),
    ]
    return Table("Indicatori", columns, rows)


def as_typed(value: Any, percent: bool) -> Any:
    """An indicator's target or measure in its cell: in % format when the office wrote it as a percentage (``72%``
    is read 0.72 and shown 72,00%, never 0.72), else as read."""
    if percent and isinstance(value, Decimal):
        return Typed(value, "ach")
    return value


def monitoring(r: Result) -> Table:
    named = r.ente.indicators
    rows = []
    for iid, m in r.monitoring.items():
        ind = named.get(iid)
        percent = ind is not None and ind.percent
        name = ind.name if ind is not None else ""
        rows.append((iid, name, as_typed(m.target, percent), as_typed(m.actual, percent), m.achievement, m.deviation))
    columns: list[Column] = [
        ("Indicatore", "text", 10),
        ("Nome", "text", 44),
        ("Target al 30/6", "num", 12),
        ("Valore al 30/6", "num", 12),
        ("Raggiungimento", "ach", 15),
        ("Scostamento", "dev", 12),
    ]
    return Table("Monitoraggio 30-6", columns, rows)


def revisions(r: Result) -> Table:
    columns: list[Column] = [
        ("Indicatore", "text", 10),
        ("Campo", "text", 10),
        ("Valore precedente", "text", 14),
        ("Nuovo valore", "text", 14),
        ("Motivazione", "text", 40),
        ("Applicata", "text", 10),
        ("Perché", "text", 30),
    ]
    rows = [
        (rv.indicator, rv.field, number_or_text(rv.old), number_or_text(rv.new), rv.reason, rv.applied, rv.why)
        for rv in r.revisions
    ]
    return Table("Revisioni", columns, rows)


def number_or_text(value: Any) -> Any:
    """A value written in an input cell: a number when it reads as one (so Excel can add it), else as written."""
    if isinstance(value, str):
        try:
            return parse_number(value)
        except ValueError:
            return value
    return value


def units(r: Result) -> Table:
    org = r.org
    assert org is not None
    rows = [
        (
            u.id,
            u.name,
            u.kind_label,
            unit_said(r, u.parent),
            u.head,
            name_of(r, u.head),
            org.units.get(u.id),
            org.not_scored.get(f"unit:{u.id}", ""),
        )
        for u in r.ente.units.values()
    ]
    columns: list[Column] = [
        ("Unità", "text", 10),
        ("Denominazione", "text", 40),
        ("Tipo", "text", 14),
        ("Unità superiore", "text", 28),
        ("Responsabile", "text", 12),
        ("Nome responsabile", "text", 26),
        ("Raggiungimento", "ach", 15),
        ("Note", "text", 30),
    ]
    return Table("Unità", columns, rows)


WHY = "motivo"  # the breakdown's key of why a person is not evaluated (core.scoring, the plugins' scores)


def scores(r: Result, status: Callable[[str], str]) -> Table:
    parts: list[str] = []
    for s in r.scores.values():
        for k in s.breakdown:
            if k not in parts:
                parts.append(k)
    # why a person is not evaluated is words, not a component of the score: a column of its own, after «Esito»
    why = WHY in parts
    parts = [k for k in parts if k != WHY]
    grade = r.plugin.grade_column  # a regulation's own grades ([gradi]): the grade, where the category stays empty
    columns: list[Column] = [
        ("Codice", "text", 10),
        ("Nome", "text", 26),
        ("Ruolo", "text", 12),
        (_grade_head(r.plugin.grade_word), "text", 12) if grade else ("Categoria", "text", 24),
        ("Unità", "text", 28),
        ("Valutatore", "text", 18),
        ("Punteggio", "score", 11),
        ("Livello", "text", 16),
        ("Esito", "text", 16),
    ]
    columns += [("Motivo", "text", 30)] if why else []
    columns += [(f"Componente: {fmt.label(k, r.plugin.status_labels)}", "num", 14) for k in parts]
    rows: list[tuple[Any, ...]] = []
    no_parts = (None,) * len(parts)
    for p in r.ente.people.values():
        score = r.scores.get(p.id)
        person = (
            p.id,
            p.name,
            fmt.role_label(p.role, r.ente.year, r.plugin.staff_words),
            classified(r, p, grade),
            unit_said(r, p.unit),
            evaluators_said(r, p.id),
        )
        reason = (reason_of(r, p.id),) if why else ()
        if score is None:
            rows.append((*person, None, None, status(p.id), *reason, *no_parts))
        else:
            level = fmt.level(score.level, r.plugin.ente_labels)
            said = (_component(r, score.breakdown.get(k)) for k in parts)
            rows.append((*person, score.score, level, status(p.id), *reason, *said))
    return Table("Valutazioni individuali", columns, rows)


def _component(r: Result, value: Any) -> Any:
    """A component of the score as the sheet shows it: a unit's code (the service a score reads) by the unit's name
    and code, as the other columns name a unit; anything else as it is."""
    return unit_said(r, value) if isinstance(value, str) and value in r.ente.units else value


def reason_of(r: Result, pid: str) -> str | None:
    """The «Motivo» of a person's row, never at odds with its «Esito»: why the score is missing while the esito is
    the score's own (or one of being paid without it); where a rule gave another esito (an exclusion, a part's
    condition not met) the sentence of that esito's figure; else nothing."""
    score = r.scores.get(pid)
    said = score.breakdown.get(WHY) if score is not None else None
    status = r.status_of(pid)
    figure = r.figures.get(f"score:{pid}:status")
    if score is not None and status != score.status and figure is not None and figure.value == status:
        head, colon, tail = figure.label.partition(": ")
        text = tail if colon and head.startswith("Esito") else figure.formula
        said = without_formula(text.removeprefix("escluso dal premio: "))
        return fmt.worded(fmt.yes_no_said(said), r.plugin.status_labels)  # a column by its meaning, never its name
    return str(said) if said else None


def without_formula(text: str) -> str:
    """A rule's sentence without the formula a figure writes after it for ``explain`` («… sono meno di 90 giorni
    (formula: =giorni_servizio < 90 giorni)»): a cell of the workbook says the sentence alone."""
    head, mark, tail = text.rpartition(" (formula: =")
    return head if mark and tail.endswith(")") else text


# the headers of «Valutazioni individuali» a grade's word could take: «Livello» is the level of the evaluation
PEOPLE_HEADS = frozenset({"Codice", "Nome", "Ruolo", "Unità", "Valutatore", "Punteggio", "Livello", "Esito", "Motivo"})


def _grade_head(word: str) -> str:
    """The column of a regulation's own grades, by the contract's word («Categoria», «Area»): «Livello del contratto»
    where the word is another column's header (the level of inquadramento beside the level of the evaluation)."""
    head = stats.upper_first(word)
    return f"{head} del contratto" if head in PEOPLE_HEADS else head


def classified(r: Result, p: Any, grade: str) -> str | None:
    """A person's grade as people.csv writes it, where the regulation names its own (``grade``: the column), else
    their category in the words of the ente's contract; None where the data give neither."""
    if grade:
        written = p.extra.get(grade)
        return str(written) if written else None
    return fmt.category_label(p.category, r.ente.year, r.plugin.staff_words) if p.category else None


def unit_said(r: Result, uid: str | None) -> str | None:
    """A unit by its name and code, «Servizio screening (scr)», as the Relazione names it (a sheet that shows a unit
    by its code alone left the office to look it up); a code that names no unit stays as written."""
    if not uid:
        return None
    unit = r.ente.units.get(uid)
    return fmt.with_code(unit.name, uid) if unit is not None else uid


def owner_said(r: Result, oid: str | None) -> str | None:
    """An objective's owner, a unit or a person, by name and code, as the Relazione names it."""
    if oid in r.ente.units:
        return unit_said(r, oid)
    return evaluator_said(r, oid)


def evaluators_said(r: Result, pid: str) -> str | None:
    """The person's evaluator (:func:`evaluator_said`); of a person evaluated by several in the year, each with their
    period: «Anna Russo (D1) dal 01/01/2024 al 30/06/2024; Ciro Esposito (D2) dal 01/07/2024 al 31/12/2024»."""
    periods = r.ente.periods.get(pid)
    if not periods:
        return evaluator_said(r, r.ente.evaluator_of(pid))
    return "; ".join(
        f"{evaluator_said(r, p.evaluator)} dal {fmt.date_it(p.start)} al {fmt.date_it(p.end)}" for p in periods
    )


def evaluator_said(r: Result, code: str | None) -> str | None:
    """An evaluator in the people's sheet, by name: a person of the ente by the name of their row with the code the
    data write, one who is not (the OIV, the Nucleo di valutazione) by the name ente.toml [valutatori] gives alone,
    as the Relazione names them (its key is no reader's word). A code that names nobody stays as written."""
    if code is None:
        return None
    name = name_of(r, code)
    if name and code not in r.ente.people:
        return name
    return f"{name} ({code})" if name else code


def evaluators(r: Result) -> Table:
    evals, top_label = stats.evaluators(r)
    columns: list[Column] = [
        ("Valutatore", "text", 11),
        ("Nome", "text", 26),
        ("Valutazioni", "int", 11),
        ("Media", "score", 9),
        ("Deviazione standard", "score", 11),
        ("Valori diversi", "int", 9),
        (stats.upper_first(top_label), "ach", 16),
        ("Segnalazione", "text", 40),
    ]
    rows = [
        (ev.id, ev.name, ev.count, ev.mean, ev.spread, ev.distinct, ev.top_share, "; ".join(w for w, _ in ev.verdict))
        for ev in evals
    ]
    return Table("Valutatori", columns, rows)


def fund_name(r: Result, key: str) -> str:
    pools = r.ledger.pools
    return fmt.fund(key, pools[key].label if key in pools else "", r.plugin.status_labels)


def _named_parts(r: Result) -> Mapping[str, Mapping[str, Sequence[tuple[str, Decimal]]]]:
    """The regulation's parts of each award, where it names them; none where its only name is the result pay's
    (a regulation without parts of its premium): its fund already says so, and no «Parte» column is left empty."""
    parts = r.rewards.parts if r.rewards is not None else {}
    names = {name for by in parts.values() for paid in by.values() for name, _ in paid}
    return {} if names <= {stats.RESULT_PAY} else parts


def awards(r: Result, status: Callable[[str], str]) -> Table:
    ledger, people, band = r.ledger, r.ente.people, stats.band_words(r)
    parts = _named_parts(r)
    banded = any(a.band for a in ledger.awards)  # no empty «Fascia» where no part has bands
    # each person's first award not about a post, which an award figure of the person alone explains
    first: dict[str, Award] = {}
    rows: list[tuple[Any, ...]] = []
    for a in ledger.awards:  # every award of every pool, PO position and result pay included
        who = people.get(a.person)
        unit = (unit_said(r, who.unit) or "") if who else ""
        fund = fund_name(r, a.pool)
        if stats.covered(r, a):  # beside the person's own result pay from the same fund: say which it is
            fund = f"{fund} (interim della posizione «{stats.post_said(r, a.ref or '')}»)"
        paid = award_parts(parts, a)
        lead = a.ref is None and first.setdefault(a.person, a) is a
        # an award several parts of one fund sum: a row per part, as the office's accounts keep them apart
        for name, amount in paid:
            part = (name,) if parts else ()
            # a part that reads no evaluation (its own figure reads no score, level or card): no level, no outcome
            unread = a.pool in r.unread or (name is not None and not reads_evaluation(r, a, name, lead))
            said = (fmt.NONE,) if banded and unread else (band(a.band),) if banded else ()
            why = (unpaid_why(r, a, name, lead) or "") if not amount else reduced_why(r, a, name, lead)
            # an amount no evaluation decides is «senza valutazione»; one of 0 keeps the outcome its «Motivo» explains:
            # a part an exclusion of its own left the person out of, that exclusion, whatever the other parts paid
            rule = part_exclusion(r, a, name, lead) if not amount else None
            # a 0 of such a part whose condition left the person out (a project they are not in) is no outcome of
            # theirs either: «senza valutazione individuale» as the paid rows of the part; an exclusion is theirs
            outside = not_its_part(r, a.person, name)  # an exclusion of other parts is no outcome of this one's
            esito = UNREAD if unread and (amount or outside or not excluded(r, a.person)) else status(a.person)
            esito = evaluated_status(r, a.person) if outside and not unread else esito
            esito = fmt.status(rule.value, r.plugin.status_labels) if rule is not None else esito
            rows.append((a.person, name_of(r, a.person), unit, fund, *part, *said, amount, esito, why))
    blanks = (fmt.NONE,) * (bool(parts) + banded)  # no part and no band paid them
    rows += [(pid, name_of(r, pid), unit, fmt.NONE, *blanks, ZERO, esito, why) for pid, unit, esito, why in unpaid(r)]
    zero = any(row[-1] is not None for row in rows)  # a «Motivo» where some premium is 0 or cut, no empty one
    rows = [row if zero else row[:-1] for row in rows]
    if rows:
        blank = ("",) * (bool(parts) + banded)
        rows += [
            Total((said, "", "", "", *blank, total, "", *(("",) if zero else ()))) for said, total in award_totals(r)
        ]
    columns: list[Column] = [
        ("Codice", "text", 10),
        ("Nome", "text", 26),
        ("Unità", "text", 28),
        ("Fondo", "text", 24),
        *((("Parte", "text", 24),) if parts else ()),
        *(((stats.band_word(r).capitalize(), "text", 14),) if banded else ()),
        ("Importo", "money", 14),
        ("Esito", "text", 16),
        *((("Motivo", "text", 30),) if zero else ()),
    ]
    return Table("Premi", columns, rows, NOT_FINAL if not publishable(r) else "")


ZERO = Decimal(0)
# why one not evaluated is so, where their score says no reason: the words the regulations' scores use
NO_CARD = "nessuna scheda di valutazione"


def unpaid(r: Result) -> list[tuple[str, str, str, str | None]]:
    """(id, unit, esito, motivo) of each person not evaluated whom no award names (:meth:`Result.unpaid_unevaluated`):
    rows of € 0 in «Premi» and «Premi per persona», so that a missing card is never a person missing from the
    premiums while their share went to the others (rules/core.md §3: not evaluated, no reward)."""
    status, people, cards = statuses(r), r.ente.people, r.ente.cards_view()
    out: list[tuple[str, str, str, str | None]] = []
    for pid in r.unpaid_unevaluated():
        said = str(r.scores[pid].breakdown.get("motivo") or "") or (NO_CARD if pid not in cards else None)
        out.append((pid, unit_said(r, people[pid].unit) or "", status(pid), said))
    return out


# above «Premi» where the run has errors, as the Relazione's footer says it («Il calcolo ha errori»)
NOT_FINAL = (
    "Il calcolo ha errori (foglio «Violazioni»): gli importi non sono definitivi e non si pagano finché gli errori "
    "non sono corretti e il calcolo rifatto."
)


def award_parts(
    parts: Mapping[str, Mapping[str, Sequence[tuple[str, Decimal]]]], a: Award
) -> Sequence[tuple[str | None, Decimal]]:
    """The rows of an award in «Premi»: the parts of the person's award from the pool, which sum to it (not those of
    another award of theirs from the same pool: an interim's beside their own result pay), else the award whole."""
    named = parts.get(a.pool, {}).get(a.person) or ()
    return named if named and sum(v for _, v in named) == a.amount else [(None, a.amount)]


# the «Esito» of an amount no evaluation decides (a pool whose premiums read none): the words of the status of one
# paid without evaluation, so that a row paid and a row of 0 € of the same part say the same
UNREAD = "senza valutazione individuale"


def excluded(r: Result, person: str) -> bool:
    """Whether an exclusion left the person out (their status figure says «escluso …»)."""
    status = r.figures.get(f"score:{person}:status")
    return status is not None and status.formula.startswith("escluso")


def not_its_part(r: Result, person: str, part: str | None) -> bool:
    """Whether the exclusion that left the person out is limited to parts (``[[esclusioni]] parti``) that do not
    include ``part``: of that part's row it is neither the esito nor the reason, whatever it took from the others."""
    status = r.figures.get(f"score:{person}:status")
    if part is None or status is None or not excluded(r, person):
        return False
    parts = limited_to(status)
    return bool(parts) and part not in parts


def evaluated_status(r: Result, person: str) -> str:
    """The outcome of the person's evaluation, before any exclusion took from their premium: the esito of a part
    the exclusion does not name."""
    score = r.scores.get(person)
    return fmt.status(score.status if score is not None else None, r.plugin.status_labels)


def unpaid_why(r: Result, award: Award, part: str | None, first: bool) -> str | None:
    """The «Motivo» of a premium of 0, never at odds with its «Esito»: of a person an exclusion left out, the
    exclusion's sentence (as in «Valutazioni individuali») and its article; of a part whose condition left them out,
    what did not hold; of a part an exclusion of its own left them out, that rule; else the reason the premium's
    figure gives, of the part the row is about where the regulation names them («la riduzione per giorni di assenza
    è del 100%»)."""
    status = r.figures.get(f"score:{award.person}:status")
    # an exclusion of some parts alone (its esito not the person's) is the reason of those parts' rows only
    left_out = excluded(r, award.person) and status is not None and r.status_of(award.person) == status.value
    left_out = left_out and not not_its_part(r, award.person, part)
    said = reason_of(r, award.person) if left_out else None
    if said and status is not None:  # the exclusion and the article it comes from, as the scheda's «Fonte» cites it
        return f"{said}, {fmt.cite(status.source, r.plugin.documents)}" if status.source else said
    rule = part_exclusion(r, award, part, first)
    if rule is not None:  # an exclusion of this part alone, the person paid by others: the rule, its article; before
        # the part's condition, which only follows it (explain and the scheda say the exclusion first)
        return f"{excluded_words(r, rule)}, {fmt.cite(rule.source, r.plugin.documents)}"
    held = r.figures.get(f"ammesso:{part}:{award.person}") if part is not None else None
    if held is not None and held.value is False:  # the part weighed them and its condition left them out (an
        # exclusion of other parts is no reason here): said as an exclusion is, what did not hold and the article
        said = fmt.yes_no_said(held.note or held.formula)
        cited = f"la condizione della parte non vale: {said}, {fmt.cite(held.source, r.plugin.documents)}"
        return cited + rule_note(held)
    figure = part_figure(r, award, part, first)
    said = zero_reason(figure).removeprefix(NOTHING) if figure is not None and not left_out else ""
    if not said or figure is None:
        return None
    # the article of the part the row is about, as the other reasons of the column cite theirs; a reason that cites
    # its own rule already (a reduction's «… (Criteri …, art. 5)») is not cited twice
    cited = fmt.cite(figure.source, r.plugin.documents) if figure.source else ""
    return f"{said}, {cited}" if cited and cited.split(", ")[0] not in said else said


def reduced_why(r: Result, award: Award, part: str | None, first: bool) -> str | None:
    """The «Motivo» of a premium paid less by a cut of the regulation (:data:`core.trace.REDUCTION`): each cut, its
    share as written and its article, as the sheet's other reasons cite theirs («riduzione per giorni di assenza 30%,
    CCIA 2024, art. 6 c. 2»); None for a premium no rule cut."""
    figure = award_figure(r, award.person, award.pool, award.ref, first)
    if figure is not None and part is not None:  # the part's own figure, which the premium summed reads
        own = [r.figures[i.ref] for i in figure.inputs if i.ref in r.figures and i.name.endswith(f"«{part}»")]
        figure = own[0] if own else figure
    said = []
    for i in figure.inputs if figure is not None else ():
        if not i.name.startswith(REDUCTION) or not i.value:
            continue
        cut = r.figures.get(i.ref) if i.ref else None
        cited = fmt.cite(cut.source, r.plugin.documents) if cut is not None and cut.source else ""
        placed = f", {cited.split(', ', 1)[-1]}"
        if cited and placed in i.name:  # a cut by a formula names its article already: with its act, once
            said.append(f"{i.name.replace(placed, f', {cited}', 1)} {fmt.pct_typed(i.value)}")
        else:
            said.append(f"{i.name} {fmt.pct_typed(i.value)}" + (f", {cited}" if cited else ""))
    return "; ".join(said) or None


def part_figure(r: Result, award: Award, part: str | None, first: bool) -> Figure | None:
    """The figure of the award, or of the part of it the row is about: the part's own figure, which the premium's
    reads as «… «part»», an amount of 0 as the row's, never another figure named after the part (its fund, «fondo
    della parte «…»», says no reason)."""
    figure = award_figure(r, award.person, award.pool, award.ref, first)
    if figure is None or part is None:
        return figure
    own = [
        r.figures[i.ref]
        for i in figure.inputs
        if i.ref in r.figures and i.name.endswith(f"«{part}»") and not r.figures[i.ref].value
    ]
    return own[0] if own else figure


def reads_evaluation(r: Result, award: Award, part: str, first: bool) -> bool:
    """Whether the part reads the evaluation, as the plugin says of the part (``Result.parts_read``: the same for
    every row of the part, whatever one person's figure happened to read); for a part it does not name, True unless
    neither the part's own figure (an input of the award's, «… «part»») nor its condition on the person
    (``ammesso:<part>:<person>``: a maggiorazione to the best ranked reads the score there, and an amount that does
    not) reads any of the person's evaluation figures (``score:``, ``level:``, ``card:`` of the person; their
    ``score:<person>:status``, the outcome of an exclusion, is said by «Esito» and is no reading of the evaluation):
    a part paid without evaluating (``valutazione = false``) reads none; a part whose figure the award does not name
    is taken to read it."""
    said = r.parts_read.get(part)
    if said is not None:
        return said
    figure = award_figure(r, award.person, award.pool, award.ref, first)
    own = [
        r.figures[i.ref]
        for i in (figure.inputs if figure else ())
        if i.ref in r.figures and i.name.endswith(f"«{part}»")
    ]
    if not own:
        return True
    condition = r.figures.get(f"ammesso:{part}:{award.person}")
    read = [*own[0].inputs, *(condition.inputs if condition is not None else ())]
    mine = {f"{kind}:{award.person}" for kind in ("score", "level", "card")}
    status = f"score:{award.person}:status"
    return any(i.ref in mine or (i.ref.startswith(tuple(f"{m}:" for m in mine)) and i.ref != status) for i in read)


def part_exclusion(r: Result, award: Award, part: str | None, first: bool) -> Figure | None:
    """The figure of the person's esito where an exclusion left them out of this part alone, paid by the others
    (``[[esclusioni]] parti``): the part's own figure reads it, or the rule names the part among those it is limited
    to (a part whose condition left the person out too records no figure of theirs); None otherwise."""
    status = r.figures.get(f"score:{award.person}:status")
    if status is None or part is None or not status.formula.startswith("escluso"):
        return None
    if part in limited_to(status):
        return status
    figure = part_figure(r, award, part, first)
    if figure is None or not any(i.ref == status.key and i.value == status.value for i in figure.inputs):
        return None
    return status


# how an exclusion's rule says the parts it is limited to («escluso dal premio: … (per le parti: a, b)»), at its end
PARTS_ONLY = " (per le parti: "


def limited_to(status: Figure) -> tuple[str, ...]:
    """The parts an exclusion limited to some parts names, as its rule lists them; none for one of every part."""
    _, found, listed = status.formula.rpartition(PARTS_ONLY)
    listed, closed, _ = listed.partition(")")  # the roles it is limited to may follow: «(per i dirigenti)»
    return tuple(listed.split(", ")) if found and closed else ()


def excluded_words(r: Result, status: Figure) -> str:
    """An exclusion's rule with its minimum and the parts it is limited to, without the formula."""
    return fmt.worded(without_formula(status.formula.removeprefix("escluso dal premio: ")), r.plugin.status_labels)


# the columns of «Premi per persona», by the kind of the pool each amount comes from
KIND_COLUMNS = ((PERFORMANCE, "Premi"), (INCENTIVE, "Incentivi (non premi)"), (POSITION, "Retribuzione di posizione"))


def by_person(r: Result) -> Iterator[Table]:
    """«Premi per persona»: what each person receives in all, where «Premi» gives someone more than one row (several
    parts, funds or posts), so payroll reads one figure per person: the premiums, the incentives that are no premium
    and the position pay apart, and their sum where there is more than one of them; each person not evaluated whom
    nothing pays with € 0 of premiums, and why («Motivo», only where some row is € 0: the reason of theirs, or of an
    exclusion, :func:`nothing_paid`)."""
    ledger, people, parts = r.ledger, r.ente.people, _named_parts(r)
    if sum(len(award_parts(parts, a)) for a in ledger.awards) == len({a.person for a in ledger.awards}):
        return  # one row per person in «Premi»: it is already the total
    sums: dict[str, dict[str, Decimal]] = {}
    for a in ledger.awards:
        kind = ledger.kind_of(a)
        row = sums.setdefault(a.person, {})
        row[kind] = row.get(kind, ZERO) + a.amount
    left = {pid: f"{esito}: {why}" if why else esito for pid, _, esito, why in unpaid(r)}
    for pid in left:  # no evaluation, no premium: 0 of premiums, the other kinds empty as for anyone
        sums[pid] = {PERFORMANCE: ZERO}
    left |= nothing_paid(r, parts, sums)
    kinds = [(k, title) for k, title in KIND_COLUMNS if any(k in row for row in sums.values())]
    both = len(kinds) > 1
    order = [pid for pid in people if pid in sums] + [pid for pid in sums if pid not in people]
    rows: list[tuple[Any, ...]] = []
    for pid in order:
        who = people.get(pid)
        # a kind the cycle pays the person nothing of is an empty cell, never 0: a dirigente's position pay, which the
        # ente pays and ciclope only reads, is no position pay of 0
        amounts = [sums[pid].get(k) for k, _ in kinds]
        total = (sum((x for x in amounts if x is not None), ZERO),) if both else ()
        why = (left.get(pid),) if left else ()
        rows.append((pid, name_of(r, pid), (unit_said(r, who.unit) or "") if who else "", *amounts, *total, *why))
    columns = range(3, len(rows[0]) - bool(left))
    sums_row = (sum((row[i] for row in rows if row[i] is not None), ZERO) for i in columns)
    rows.append(Total(("TOTALE", "", "", *sums_row, *(("",) if left else ()))))
    heads: list[Column] = [("Codice", "text", 10), ("Nome", "text", 26), ("Unità", "text", 28)]
    heads += [(title, "money", max(16, len(title) + 2)) for _, title in kinds] + (
        [("Totale", "money", 16)] if both else []
    )
    heads += [("Motivo", "text", 30)] if left else []
    note = (
        "Gli importi che il ciclo paga a ciascuno; una cella vuota: nulla di quel tipo dal ciclo (una retribuzione di "
        "posizione che il ciclo legge soltanto, come quella dei dirigenti scritta nell'elenco del personale, non è qui)."
        if any(k == POSITION for k, _ in kinds)
        else ""
    )
    yield Table("Premi per persona", heads, rows, note)


def nothing_paid(
    r: Result,
    parts: Mapping[str, Mapping[str, Sequence[tuple[str, Decimal]]]],
    sums: Mapping[str, Mapping[str, Decimal]],
) -> dict[str, str]:
    """The «Motivo» of each person «Premi» names whom nothing pays (an exclusion, a condition of every part): the
    reasons of their rows of € 0 there, each once, so that no € 0 of «Premi per persona» is unexplained. No esito
    before them: the reason of an exclusion says it («punteggio sotto il minimo di 60, SMVP, art. 7»)."""
    out: dict[str, str] = {}
    for pid, row in sums.items():
        if any(row.values()):
            continue
        first: dict[str, Award] = {}
        reasons = [
            unpaid_why(r, a, name, a.ref is None and first.setdefault(pid, a) is a)
            for a in r.ledger.awards_of(pid)
            for name, _ in award_parts(parts, a)
        ]
        said = "; ".join(dict.fromkeys(why for why in reasons if why))
        if said:
            out[pid] = said
    return out


def funds(r: Result) -> Table:
    columns: list[Column] = [
        ("Fondo", "text", 40),
        ("Fonte", "text", 40),
        ("Stanziato", "money", 14),
        ("Distribuito", "money", 14),
        ("Residuo", "money", 14),
    ]
    rows = [
        (fund_name(r, k), fmt.cite(p.source, r.plugin.documents), p.amount, p.distributed, p.residual)
        for k, p in r.ledger.pools.items()
    ]
    return Table("Fondi", columns, rows)


NO_BAND = "nessuna fascia"  # those of a banded fund paid nothing (under a threshold): a band cell is never empty
NO_LEVEL = "nessun livello"  # the same where the bands are the regulation's levels
# a fund none of whose amounts has a band (the result pay by the steps of its own scale): its people may well have a
# level, which «nessun livello» would deny
UNBANDED = "non diviso per {word}"


def bands(r: Result) -> Table:
    """The premiums by fund and band: every person with an amount in the fund, how many of them were paid nothing
    (an excluded, one under a threshold), and the mean, lowest and highest amount of those paid. Without any band (a
    regulation whose parts have none) the sheet is by fund alone, «Premi per fondo», with no empty «Fascia»."""
    banded, word = any(b.band for b in stats.bands(r)), stats.band_word(r)
    columns: list[Column] = [
        ("Fondo", "text", 26),
        *(((word.capitalize(), "text", 14),) if banded else ()),
        ("Persone", "int", 9),
        ("Non pagate", "int", 9),
        ("Totale", "money", 14),
        ("Media dei pagati", "money", 14),
        ("Minimo dei pagati", "money", 14),
        ("Massimo", "money", 14),
    ]
    band = stats.band_words(r)
    none = NO_LEVEL if word == "livello" else NO_BAND
    divided = {b.pool for b in stats.bands(r) if b.band}
    said = [
        (band(b.band) or (none if b.pool in divided else UNBANDED.format(word=word)),) if banded else ()
        for b in stats.bands(r)
    ]
    rows = [
        (fund_name(r, b.pool), *cell, b.count, b.unpaid, b.total, b.mean, b.low, b.high)
        for b, cell in zip(stats.bands(r), said, strict=True)
    ]
    return Table(f"Premi per {word}" if banded else "Premi per fondo", columns, rows)


def instalments(r: Result) -> Table:
    """Each person's instalments of a premium the regulation pays in instalments, in the order they are paid; with
    advances, what each instalment is (an advance, the balance, a recovery: a balance below zero)."""
    kinds = r.ledger.advances  # only then the column: every sheet of shares alone is unchanged
    columns: list[Column] = [
        ("Codice", "text", 10),
        ("Nome", "text", 26),
        ("Fondo", "text", 24),
        ("Premio", "text", 22),
        ("Mese di pagamento", "text", 18),
        ("Riferita a", "text", 18),
        *((("Rata", "text", 12),) if kinds else ()),
        ("Quota", "ach", 9),
        ("Importo", "money", 14),
    ]
    rows: list[Any] = [
        (
            i.person,
            name_of(r, i.person),
            fund_name(r, i.pool),
            stats.upper_first(i.what),
            fmt.month_it(i.year, i.month),
            i.period,
            *((instalment_kind(i),) if kinds else ()),
            i.share,
            i.amount,
        )
        for i in r.ledger.instalments
    ]
    total = sum((i.amount for i in r.ledger.instalments), Decimal(0))
    rows.append(Total(("TOTALE", "", "", "", "", "", *(("",) if kinds else ()), None, total)))
    return Table("Rate dei premi", columns, rows)


def positions(r: Result) -> Table:
    assert r.positions is not None
    posts = r.positions.positions
    split, capped = stats.position_columns(r)
    columns: list[Column] = [
        ("Posizione", "text", 10),
        ("Titolare", "text", 10),
        ("Nome titolare", "text", 26),
        ("Punteggio di pesatura", "score", 12),
        ("Retribuzione annua", "money", 14),
        ("Erogata", "text", 9),
        ("Dovuta nell'anno", "money", 14),
        *((("Rate", "int", 7), ("Rata", "money", 14), ("Ultima rata", "money", 14)) if split else ()),
        *((("Risultato massimo", "money", 14),) if capped else ()),
        ("Risultato", "money", 14),
    ]
    rows = []
    for k, pos in posts.items():
        # the annual pay reduced for part time and the days of the incarico, in its instalments; none for a
        # position not paid (vacant)
        rates = (pos.paid_instalments, pos.monthly, pos.monthly_last) if pos.paid else (None,) * 3
        rows.append(
            (
                k,
                pos.holder or "vacante",
                name_of(r, pos.holder),
                pos.score,
                pos.annual,
                "sì" if pos.paid else "no",
                pos.payable if pos.paid else None,
                *(rates if split else ()),
                *((pos.result_max,) if capped else ()),
                pos.result,
            )
        )
    return Table("Posizioni", columns, rows)


def plugin_sections(r: Result, public: bool = False) -> tuple[Table, ...]:
    """The plugin's own report sections, each a sheet with columns as wide as their content (8–60), and a
    table of the Relazione; ``public``: only those that describe the rules, for the publishable Relazione.
    Made once per ente: the workbook and the Relazione show the same tables."""
    return r.memo(f"sheets.plugin_sections.{public}", lambda: tuple(_plugin_sections(r, public)))


def _plugin_sections(r: Result, public: bool) -> Iterator[Table]:
    docs = r.plugin.documents
    for sec in r.sections:
        if public and not sec.public:
            continue
        columns: list[Column] = [
            (
                str(c),
                "num",
                max(8, min(60, max([len(str(c))] + [len(fmt.value(row[k])) for row in sec.rows if k < len(row)]) + 2)),
            )
            for k, c in enumerate(sec.columns)
        ]
        rows = [tuple(fmt.prose(v, docs) if isinstance(v, str) else v for v in row) for row in sec.rows]
        yield Table(sec.title, columns, rows, note=fmt.prose(sec.note, docs) if sec.note else sec.note)


def violations(r: Result) -> Table:
    """The violations, on a sheet and in the Relazione (:func:`.relazione.worded.worded`)."""
    docs = r.plugin.documents
    # the rule's code stays in results.json and the run's log: a reader reads the sentence and its source
    columns: list[Column] = [
        ("Gravità", "text", 9),
        ("Descrizione", "text", 90),
        ("Dove", "text", 26),
        ("Fonte", "text", 30),
    ]
    rows = [
        (
            Flag("errore", "err") if v.is_error else Flag("avviso", "warn"),
            fmt.worded(fmt.prose(v.message, docs), r.plugin.status_labels),  # a fund, a status by its words
            fmt.where(v.where),
            fmt.cite(v.source, docs) if v.source else "",
        )
        for v in r.violations
    ]
    return Table(
        "Violazioni", columns, rows, empty="Nessuna violazione: dati e calcoli conformi alle regole controllate."
    )


def not_yet_due(d: Deadline, status: str, year: int) -> str:
    """A deadline's state as the Relazione says it: an act not dated whose deadline falls on or after the Relazione's
    own (30 June of the year after the cycle, D.Lgs. 150/2009 art. 10 c. 1 lett. b) is «da fare», not «mancante»:
    paying the premiums by 31 December is not missing from a report adopted in June, nor is the report's own
    approval, due that very day."""
    return "da fare" if status == "mancante" and d.due >= dt.date(year + 1, 6, 30) else status


def calendar(r: Result) -> Table:
    """The deadlines of the cycle and the acts that met them, on a sheet and in the Relazione."""
    approvals = r.ente.approvals
    columns: list[Column] = [
        ("Scadenza", "date", 12),
        ("Fase", "text", 16),
        ("Atto", "text", 50),
        ("Fonte", "text", 34),
        ("Stato", "text", 14),
        ("Data dell'atto", "date", 12),
    ]
    rows = [
        (
            d.due,
            PHASE_NAMES.get(d.phase, d.phase),
            d.act,
            fmt.cite(d.source, r.plugin.documents),
            Flag(fmt.CALENDAR_LABELS[st], CALENDAR_FLAGS.get(st, "info")),
            approvals.get(d.approval) if d.approval else None,
        )
        for d, st in (
            (d, not_yet_due(d, st, r.ente.year)) for d, st in sorted(r.calendar, key=lambda x: (x[0].due, x[0].act))
        )
    ]
    note = calendar_day(r.ente.year) if rows else ""
    return Table("Calendario", columns, rows, note, empty="Il regolamento non definisce scadenze per questo ciclo.")


def calendar_day(year: int) -> str:
    """The day the Relazione and schede.xlsx judge the calendar at, said above it: their own date, never the day they
    are made (the same data give the same document), so a page judged on another day may say otherwise."""
    day = fmt.date_it(dt.date(year + 1, 6, 30))
    return (
        f"Stato al {day}, data della Relazione: un atto senza data è «mancante» se la scadenza viene prima, «da fare» "
        "se viene quel giorno o dopo. Il portale e il calendario delle scadenze giudicano invece al giorno in cui "
        "sono prodotti, e lo dicono."
    )


def parameters(r: Result) -> Table:
    docs = r.plugin.documents
    columns: list[Column] = [
        ("Parametro", "text", 26),
        ("Valore", "num", 14),
        ("Descrizione", "text", 50),
        ("Fonte", "text", 34),
        ("Ipotesi", "text", 50),
        ("Modificato dalla configurazione", "text", 12),
    ]
    words = dict(r.plugin.status_labels)
    for k, spec in r.params.specs.items():  # a code a text names: a choice by its words, a parameter by its key
        words.update(spec.labels)
        if spec.key != k:
            words[k] = spec.key
    acts = "; ".join(fmt.regulation(x, docs) for x in r.plugin.regulations)
    rows = [
        (
            spec.key,
            fmt.param_cell(spec, r.params.values.get(k), r.plugin.status_labels),
            fmt.worded(fmt.prose(spec.description, docs), words),
            fmt.cite(spec.source, docs),
            fmt.worded(fmt.prose(spec.assumption, docs), words) if spec.assumption else spec.assumption,
            fmt.yes_no(True) if k in r.params.overridden else "",
        )
        if spec.kind != "path"
        # a file on the office's machine: the act it holds, by its title, read article by article in the Relazione
        else (spec.key, acts, ACT_HELD, "", "", fmt.yes_no(True) if k in r.params.overridden else "")
        for k, spec in r.params.specs.items()
    ]
    return Table("Parametri", columns, rows)


ACT_HELD = "Il regolamento dell'ente: la Relazione interna lo riporta articolo per articolo, con le sue fonti"
