"""The hooks of a declared regulation: its check, its extra input, the individual score, the premialità and
the calendar. Every figure is recorded with the declared ``fonte`` cited after the act's title."""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Generator, Mapping, Sequence
from decimal import Decimal
from typing import Any

import attrs

from ciclope.core import (
    Deadline,
    Ente,
    EvaluationItem,
    Indicator,
    InputSchema,
    OrgPerformance,
    OwnMaggiorazione,
    Params,
    Person,
    Pool,
    Positions,
    Problem,
    Rewards,
    Score,
    Trace,
    cells,
    fmt,
    hookimpl,
    money,
)
from ciclope.plugins.regolamento.check import (
    appointments,
    carditems,
    coefficientorder,
    controls,
    coverage,
    differentiation,
    eqdays,
    fullyear,
    fundshares,
    hearing,
    labelnames,
    orgfund,
    paidafter,
    partreach,
    positioncheck,
    positiondays,
    rowsinterm,
    scaleslip,
    servicedates,
    timetwice,
    unusedfunds,
)
from ciclope.plugins.regolamento.check import (
    comparto as comparto_check,
)
from ciclope.plugins.regolamento.compile import past
from ciclope.plugins.regolamento.compile.env import TERM_END, TERM_START, Facts
from ciclope.plugins.regolamento.format import funds, grades, readings, rowcolumns, vocabulary
from ciclope.plugins.regolamento.format.acts import code_of, day_month
from ciclope.plugins.regolamento.format.methods import METHODS
from ciclope.plugins.regolamento.format.sources import cite
from ciclope.plugins.regolamento.format.spec import DATA_SHEET, Column, Event, Part, Premium, Regulation
from ciclope.plugins.regolamento.format.wording import own_labels, result_pay_words, word
from ciclope.plugins.regolamento.format.wording import role_names as named_roles
from ciclope.plugins.regolamento.pay import (
    access,
    attestedfund,
    decision,
    eligibility,
    evaluated,
    formulafunds,
    instalments,
    interim,
    nothing,
    parts,
    positions,
    positionshare,
    progressions,
    rankings,
    recorded,
    resultpay,
    uncarded,
    uncovered,
)
from ciclope.plugins.regolamento.pay.shapes import ZERO, Outcome
from ciclope.plugins.regolamento.read import amend, blocks
from ciclope.plugins.regolamento.read import columns as declaredcolumns
from ciclope.plugins.regolamento.read.lines import line_of, said
from ciclope.plugins.regolamento.read.load import (
    PARAM,
    changes_of,
    declared,
    load,
    parsed,
    placing,
    regulation_of,
    regulation_where,
)
from ciclope.plugins.regolamento.read.reader import SOURCE
from ciclope.plugins.regolamento.say.assumed import TUEL, missing_acts
from ciclope.plugins.regolamento.say.codes import LABELS, STATUS_LABELS
from ciclope.plugins.regolamento.score import cohort, indicators, individual, ladders, requirements

HUNDRED = Decimal(100)
YEAR_SHIFT = {"precedente": -1, "ciclo": 0, "successivo": 1}
OTHER_COMPARTO = "altro"  # [atto] comparto of a contract with no national layer
# the exclusions whose status says a fact of the person's life, not an outcome of the evaluation
PRIVATE_RULES = frozenset({"assenze", "insufficiente", "sanzione", "formula"})


@hookimpl(specname="ciclope_check_params")
def check_params(params: Params) -> list[Problem]:
    """The regulation file, read and checked: every problem at once, with file, key and line."""
    return list(load(params[PARAM])[1])


@hookimpl(specname="ciclope_check_amendments")
def check_amendments(params: Params, where: str) -> list[Problem]:
    """Single numbers of the regulation changed by dotted keys (:mod:`read.amend`): every wrong key at once, naming
    the file that wrote it; then the amended regulation against the rules between keys."""
    changes = changes_of(params)
    data = parsed(params[PARAM])
    if data is None or load(params[PARAM])[0] is None:
        return []  # the file itself is wrong: said by ciclope_check_params
    wrong = amend.problems(data, changes)
    if not wrong:
        shown = ", ".join(f"{PARAM}.{k} = {v}" for k, v in changes.items())
        wrong = [(k, f"con {shown}: {p.message}") for k in list(changes)[:1] for p in load(params[PARAM], changes)[1]]
    return [
        Problem(rule="regolamento.modifica", source=SOURCE, file=where, column=f"params.{PARAM}.{key}", message=message)
        for key, message in wrong
    ]


@hookimpl(specname="ciclope_amended_figures")
def amended_figures(params: Params) -> dict[str, tuple[str, str]]:
    """Each amended figure of the regulation, the file's and the amended one, as written (:func:`amend.said`)."""
    data = parsed(params[PARAM])
    out: dict[str, tuple[str, str]] = {}
    if data is None:
        return out  # the file itself is wrong: said by ciclope_check_params
    for key, value in changes_of(params).items():
        try:
            holder, name, _ = amend.locate(copy.deepcopy(data), key)
        except amend.AmendError:
            continue  # said by ciclope_check_amendments
        out[f"{PARAM}.{key}"] = (amend.said(holder.get(name)), amend.said(value))
    return out


@hookimpl(specname="ciclope_validate")
def validate(ente: Ente, params: Params) -> list[Problem]:
    if params[PARAM]:
        regulation = declared(params)
        if regulation is None:
            return []
        where = regulation_where(params[PARAM])
        return (
            unknown_sanctions(ente, regulation)
            + grade_cells(ente, regulation)
            + servicedates.inverted(ente)
            + servicedates.outside_year(ente)
            + servicedates.weighted_twice(regulation, ente)
            + coverage.missing(regulation, ente, params[PARAM])
            + positioncheck.problems(regulation, ente)
            + recorded.problems(regulation, ente)
            + appointments.problems(regulation, ente)
            + requirements.unknown_sections(regulation, ente, where)
            + carditems.problems(regulation, ente)
            + declaredcolumns.missing(regulation, ente)
            + rowcolumns.missing(regulation, ente)
            + labelnames.misspelt(regulation, ente, where)
            + comparto_check.missing(regulation, where)
            + scaleslip.problems(regulation)
            + timetwice.problems(regulation)
            + eqdays.unpaid(regulation, ente)
            + eqdays.twice(regulation, ente)
            + rowsinterm.problems(regulation, ente)
            + unusedfunds.problems(regulation, ente)
            + fundshares.problems(regulation)
            + coefficientorder.problems(regulation, where)
            + orgfund.problems(regulation, where)
            + partreach.problems(regulation, where)
            + paidafter.problems(regulation, ente)
            + past.problems(ente)
        )
    return [
        Problem(
            rule="regolamento.file",
            severity="warning",
            source=SOURCE,
            file="cycle.toml",
            column="regolamento",
            message="nessun file di regolamento indicato (regolamento = \"FILE.toml\" nel blocco [[ente]]): "
            "applicato il regolamento di partenza del plugin, un esempio da non usare per pagare premi",
        )
    ]


def grade_cells(ente: Ente, regulation: Regulation) -> list[Problem]:
    """With [gradi], the grade of each person as people.csv writes it: one that is none of [gradi]'s is an error at
    its cell, with the grades the regulation declares (a table of amounts by grade would find no line for the person).
    Every such row at once. A grade of [gradi] written in the categoria column while grado is empty is refused at
    load, with the categories no contract knows (the schema's ``grades``), so that both are said in one run."""
    if regulation.grades is None:
        return []
    names = grades.declared(regulation)
    out = []
    for person in ente.people.values():
        written = person.extra.get(grades.GRADE)
        if written and grades.code(str(written), names) is None:
            message = grades.unknown(str(written), names, f" di {person.said}", grades.word(regulation))
            out.append(_grade_cell(ente, regulation, person.row, "grado", message))
    return out


def _grade_cell(ente: Ente, regulation: Regulation, row: int, column: str, message: str) -> Problem:
    assert regulation.grades is not None
    source = cite(regulation, regulation.grades.source)
    return Problem(
        rule=grades.RULE, source=source, file=ente.file_of("people"), row=row, column=column, message=message
    )


def unknown_sanctions(ente: Ente, regulation: Regulation) -> list[Problem]:
    """A sanction in people.csv that is no word of a «sanzione» exclusion's scale (nor a synonym): an error naming
    the row and the words allowed, for every such row at once."""
    out = []
    for ex in (e for e in regulation.exclusions if e.rule == "sanzione"):
        for person in ente.people.values():
            written = person.extra.get("sanzione")
            if not written or vocabulary.match(str(written), ex.scale, ex.synonyms) is not None:
                continue
            out.append(
                Problem(
                    rule="regolamento.sanzione",
                    source=cite(regulation, ex.source),
                    file=ente.file_of("people"),
                    row=person.row,
                    column="sanzione",
                    message=f"la sanzione {fmt.quoted(written)} di {person.id} non è tra quelle del regolamento: "
                    f"{vocabulary.allowed(ex.scale, ex.synonyms)}; il premio resta sospeso finché non è corretta "
                    "(scrivi una parola della scala dell'esclusione «sanzione», o aggiungi il nome usato dall'ufficio "
                    "in sinonimi)",
                )
            )
    return out


@hookimpl(specname="ciclope_input_schema")
def input_schema(params: Params | None) -> InputSchema:
    """The plugin's columns and files; for an ente, also the columns its regulation declares ([[colonne]]: of
    people.csv, units.csv, the plugin's own incarichi.csv or the ente's data of ente.toml [dati]), each read by the
    parser of its type, so a bad cell is an error naming file, row and column."""
    schema = own_schema()
    regulation = declared(params) if params is not None and params[PARAM] else None
    if regulation is None:
        return schema
    # the funds [[fondi]] computes and those of the parts that pay what they owe: never written in ente.toml
    computed = (
        *(f.name for f in regulation.funds),
        *(p.fund for p in regulation.premiums if isinstance(p, Part) and p.owed),
    )
    # every fund it knows: a destination of the ente's fondo risorse decentrate pays one of them (ente.toml's
    # [fondi] is not checked at load: the regulation says a fund it misses, with the name written in its place)
    schema = attrs.evolve(schema, computed_funds=tuple(dict.fromkeys(computed)), read_funds=regulation.known_funds)
    if any(c.table == declaredcolumns.WHOLE for c in regulation.columns):
        schema = _with_ente_data(schema)
    if any(c.table == declaredcolumns.PROJECTS for c in regulation.columns):
        schema = _with_projects(schema)
    columns, files, help = dict(schema.columns), dict(schema.files), dict(schema.help)
    if regulation.grades is not None:  # the template's drop-down of the grades [gradi] declares
        columns["people.csv"] = {**columns["people.csv"], grades.GRADE: grades.menu(regulation)}
        # a grade written in the column categoria instead of grado is refused at load, every such row at once
        schema = attrs.evolve(schema, grade_column=grades.GRADE, grades=grades.declared(regulation))
    for file, declared_here in declaredcolumns.by_file(regulation.columns).items():
        where = files if file in files else columns  # a file of the plugin's own, or a core file's further columns
        where[file] = {**where.get(file, {}), **declaredcolumns.parsers(declared_here)}
        help[file] = {**help.get(file, {}), **{c.name: (_column_help(c), "") for c in declared_here}}
    facts = declaredcolumns.yearly(regulation.columns)  # the columns of the year's facts, left empty next year
    schema = attrs.evolve(
        schema,
        yearly={f: (*schema.yearly.get(f, ()), *facts.get(f, ())) for f in dict.fromkeys((*schema.yearly, *facts))},
    )
    named = named_roles(regulation.labels)
    if "po" in named:  # the column's notes name the role as the regulation does, and the column ruolo reads it
        help["people.csv"] = {**help["people.csv"], **_position_help(named["po"][0])}
    words = {one: role for role, (one, _) in named.items()}
    return attrs.evolve(schema, columns=columns, files=files, help=help, role_words=words)


def _column_help(column: Column) -> str:
    """A declared column's note in the template: its meaning, and what an empty cell is where the regulation says it
    («le ore di progetto …; vuota vale 0»)."""
    if column.blank is None:
        return column.meaning
    blank: str = declaredcolumns.bound_said(column, column.blank)
    return f"{column.meaning}; vuota vale {blank}"


def _with_ente_data(schema: InputSchema) -> InputSchema:
    """The sheet of the ente's own data ([[colonne]] elenco = "ente"): one row, a column each, written as ente.toml
    ``[dati]`` (or dati.csv, the foglio dati)."""
    data = declaredcolumns.DATA
    return attrs.evolve(
        schema,
        files={**schema.files, data: {}},
        titles={**schema.titles, data: DATA_SHEET},
        toml_rows=(*schema.toml_rows, data),
        one_row=(*schema.one_row, data),
    )


def _with_projects(schema: InputSchema) -> InputSchema:
    """The sheet of the projects ([[colonne]] elenco = "progetti"): a row each, its code and title, and the column
    progetto of incarichi.csv that names the project of each member's row (the team)."""
    projects, rows = "projects.csv", "incarichi.csv"  # projects.csv: progetti.csv, the foglio progetti
    return attrs.evolve(
        schema,
        files={
            **schema.files,
            projects: {"id": cells.parse_id, "title": cells.parse_text},
            rows: {**schema.files[rows], "project": cells.parse_id},
        },
        required={**schema.required, projects: ("id",)},
        headers={
            **schema.headers,
            projects: {"id": "codice", "title": "titolo"},
            rows: {**schema.headers[rows], "project": "progetto"},
        },
        help={
            **schema.help,
            projects: {
                "id": ("il codice del progetto, come lo scrive la colonna progetto degli incarichi", "P1"),
                "title": ("il titolo del progetto", "Sicurezza urbana estate"),
            },
            rows: {**schema.help[rows], "project": ("il codice del progetto (foglio progetti)", "P1")},
        },
    )


def _position_help(role: str) -> dict[str, tuple[str, str]]:
    """The notes of people.csv's columns of an incarico, naming the role as the regulation does («Titolare di
    incarico di funzione»: «di titolare di incarico di funzione») or by the contracts' short name («di PO / EQ»)."""
    who = role if role.isupper() or " / " in role else role[:1].lower() + role[1:]
    return {
        resultpay.POSITION: (
            f"retribuzione di posizione di {who} dovuta nell'anno, in euro: già ridotta per il tempo parziale e per "
            "un incarico iniziato o cessato nell'anno",
            "9500",
        ),
        TERM_START: (
            f"inizio dell'incarico di {who}, se nell'anno (senza la pesatura delle posizioni: con essa si scrive in "
            "posizioni.csv)",
            "",
        ),
        TERM_END: (f"fine dell'incarico di {who}, se nell'anno (vuoto se in corso)", ""),
    }


def own_schema() -> InputSchema:
    # people.csv: the disciplinary sanction (a word of the regulation's scale), the dates of hiring and
    # leaving within the year (rateo_giorni), the position pay of PO / EQ (risultato_po)
    return InputSchema(
        columns={
            "people.csv": {
                "sanzione": cells.parse_text,
                "assunzione": cells.parse_date,
                "cessazione": cells.parse_date,
                resultpay.POSITION: cells.parse_money,
                # the incarico of a PO / EQ without [posizioni] (posizioni.csv's own columns where it has them)
                TERM_START: cells.parse_date,
                TERM_END: cells.parse_date,
                grades.GRADE: cells.parse_text,  # the grade of the ente's contract ([gradi])
                cohort.STATUS_COLUMN: cells.parse_text,  # a status the regulation declares ([[stati]])
            }
        },
        # premi.csv: the amounts of the parts decided, not computed (metodo «importi»: prizes of the OIV);
        # positions.csv ([posizioni]): a column per criterion, named by the regulation (checked by validate)
        files={
            "premi.csv": {"person": cells.parse_id, "part": cells.parse_text, "amount": cells.parse_money},
            "positions.csv": {
                "id": cells.parse_id,
                "title": cells.parse_text,
                "unit": cells.parse_id,
                "holder": cells.parse_id,
                "start": cells.parse_date,
                "end": cells.parse_date,
                "interim": cells.parse_id,  # who covers a vacant position ad interim ([posizioni] interim)
                "interim_from": cells.parse_date,
                "interim_to": cells.parse_date,
                "interim_share": cells.parse_percent,  # the measure of this interim, if not [posizioni] interim
            },
            # incarichi.csv: appointments paid by a part of metodo «formula» with «incarichi» (the reggenza of an
            # absent manager: who covers whom, from when to when)
            "incarichi.csv": {
                "person": cells.parse_id,
                "kind": cells.parse_text,
                "covered": cells.parse_id,
                "unit": cells.parse_id,  # the unit held, where no person covered names it (a vacant post)
                "start": cells.parse_date,
                "end": cells.parse_date,
            },
            # valutazioni_precedenti.csv: the individual scores of earlier years, which a differenziale stipendiale
            # averages (VALUTAZIONE.MEDIA); ``ciclope template --from`` adds the year it continues
            past.FILE: {"person": cells.parse_id, "year": cells.parse_nonnegative_int, "score": cells.parse_number},
        },
        required={
            "premi.csv": ("person", "part", "amount"),
            "positions.csv": ("id",),
            "incarichi.csv": ("person", "kind"),
            past.FILE: ("person", "year", "score"),
        },
        titles={"premi.csv": "premi", "incarichi.csv": "incarichi", past.FILE: past.TITLE},
        yearly={"people.csv": ("sanzione",)},  # the sanction of the year: next year's template leaves it empty
        help={
            "people.csv": {
                "sanzione": (
                    "la sanzione disciplinare più grave dell'anno, con le parole della scala del regolamento "
                    "([[esclusioni]] regola «sanzione»); vuoto se nessuna",
                    "rimprovero scritto",
                ),
                "assunzione": (
                    "data di assunzione, se nell'anno (per i giorni o i mesi di servizio, se il regolamento li legge)",
                    "",
                ),
                "cessazione": (
                    "data di cessazione, se nell'anno (per i giorni o i mesi di servizio, se il regolamento li legge)",
                    "",
                ),
                **_position_help("PO / EQ"),
                grades.GRADE: (
                    "il grado del contratto dell'ente, come lo nomina la tabella [gradi] del regolamento",
                    "",
                ),
                cohort.STATUS_COLUMN: (
                    "lo stato della persona, come lo nomina la tabella [[stati]] del regolamento",
                    "",
                ),
            },
            past.FILE: {
                "person": ("codice della persona (foglio persone)", "rossi-m"),
                "year": ("l'anno della valutazione", "{anno-1}"),
                "score": ("il punteggio della valutazione individuale di quell'anno, su 100", "87,5"),
            },
            "premi.csv": {
                "person": ("codice della persona premiata (foglio persone)", "rossi-m"),
                "part": ("il nome della parte del premio ([[premi]] del regolamento) che paga l'importo", "progetti"),
                "amount": ("importo deciso, in euro", "300"),
            },
            "incarichi.csv": {
                "person": ("codice della persona incaricata (foglio persone)", "rossi-m"),
                "kind": ("il tipo di incarico, come lo nomina la parte del regolamento che lo paga", "reggenza"),
                "covered": ("codice della persona sostituita", "bianchi-l"),
                "unit": ("l'unità retta, per un posto vacante: il suo codice nel foglio unità", "A3"),
            },
            "positions.csv": {
                "interim": ("codice della persona che copre la posizione vacante ad interim", "rossi-m"),
                "interim_share": (
                    "la misura di questo interim, se non è quella del regolamento (dal 15% al 25%)",
                    "20%",
                ),
            },
        },
        open_columns={"positions.csv": positions.parse_rating},
        headers={
            "people.csv": {
                resultpay.POSITION: "retribuzione_posizione",
                TERM_START: "inizio_incarico",
                TERM_END: "fine_incarico",
                grades.GRADE: "grado",
                cohort.STATUS_COLUMN: "stato",
            },
            "incarichi.csv": {
                "person": "persona",
                "kind": "tipo",
                "covered": "sostituito",
                "unit": "unità",
                "start": "dal",
                "end": "al",
                # read only where the regulation declares the projects' sheet (_with_projects); named here too, so
                # an explanation read back without the regulation (the portal, diff) says the column in Italian
                "project": "progetto",
            },
            "premi.csv": {"person": "persona", "part": "parte", "amount": "importo"},
            "positions.csv": blocks.HEADERS,
            past.FILE: {"person": "persona", "year": "anno", "score": "punteggio"},
        },
    )


@hookimpl(specname="ciclope_indicator_achievement")
def indicator_achievement(
    indicator: Indicator, measured: Any, target: Any, trace: Trace, params: Params, key: str
) -> Decimal | None:
    """The threshold of [[indicatori]] on an indicator's achievement, at 30/6 as at year end (None: the core's)."""
    reg = regulation_of(params)
    return indicators.achievement(reg, indicator, measured, target, trace, key) if reg.indicators else None


@hookimpl(specname="ciclope_template_rows")
def template_rows(ente: Ente | None, scores: Mapping[str, Any] | None) -> dict[str, list[dict[str, Any]]] | None:
    """With ``--from``, the sheet of the earlier years' scores for the next year: the rows the office had and the
    scores of the year continued, of the people still in service on the new year's 1 January (as the core's
    people sheet)."""
    if ente is None or scores is None:
        return None
    first = dt.date(ente.year + 1, 1, 1)
    gone = {p.id for p in ente.people.values() if p.left_before(first)}
    rows = [
        r for r in past.rows_for_next_year(ente.table(past.TABLE), scores, ente.year) if r.get("person") not in gone
    ]
    return {past.FILE: rows} if rows else None


@hookimpl(specname="ciclope_template_cells")
def template_cells(params: Params | None, results: Mapping[str, Any]) -> dict[str, dict[str, Any]] | None:
    """With ``--from``, the run's year in the column of the last progression ([progressioni] ``colonna_anno``) of
    each person the run selected: next year's candidates are read from it."""
    reg = regulation_of(params) if params is not None else None
    if reg is None or reg.progressions is None or reg.progressions.year_column is None:
        return None
    extra = results.get("rewards", {}).get("extra", {})
    column, year = reg.progressions.year_column, fmt.Year(int(results["year"]))
    return {pid: {column: year} for pid in extra.get("progressioni", ())}


@hookimpl(specname="ciclope_card_items")
def card_items(person: Person, params: Params) -> list[tuple[str, str, Decimal, Decimal | None]] | None:
    """The items of the card the regulation declares for the person's role and category ([[scheda]]); None (the
    items of evaluations.csv) when it declares none for them. A voce without ``peso`` weighs its maximum: in a card
    that weighs another, it is given as its weight, for a card of weights in part blank is no card (rules/core.md
    §3) and the evaluators' forms write what this gives."""
    card = grades.card_of(regulation_of(params), person)
    if card is None:
        return None
    weighed = any(i.weight is not None for i in card.items)
    return [
        (i.section, i.item, i.max_points, i.max_points if weighed and i.weight is None else i.weight)
        for i in card.items
    ]


@hookimpl(specname="ciclope_individual_score")
def individual_score(
    person: Person, ente: Ente, org: OrgPerformance, params: Params, card: Sequence[EvaluationItem], trace: Trace
) -> Score | None:
    return individual.score_of(regulation_of(params), person, ente, org, card, trace)


@hookimpl(specname="ciclope_cohort_scores")
def cohort_scores(
    ente: Ente,
    scores: dict[str, Score],
    cards: Mapping[str, Sequence[EvaluationItem]],
    org: OrgPerformance,
    params: Params,
    trace: Trace,
) -> dict[str, Score] | None:
    """Levels decided on the whole cohort (formulas of [livelli]), the declared statuses, the regulation's checks."""
    reg = regulation_of(params)
    revised = cohort.revise(reg, ente, scores, cards, org, trace)
    final = revised if revised is not None else scores
    if reg.checks:
        trace.extend(controls.problems(reg, ente, final, cards, org))
    return revised


@hookimpl(specname="ciclope_resources", wrapper=True)
def resources(ente: Ente, params: Params, trace: Trace) -> Generator[None, dict[str, Pool] | None, dict[str, Pool]]:
    """The pools of ente.toml (the core's default, or a fund's destination), each by the words people read it with,
    and the funds the regulation constitutes with a formula ([[fondi]]), which replace a pool of the same name."""
    pools = yield
    reg = regulation_of(params)
    unread = unusedfunds.unused(reg, ente)  # said by the validation; neither distributed nor published
    named = named_pools(reg, {name: pool for name, pool in (pools or {}).items() if name not in unread})
    found = formulafunds.constituted(reg, ente, named, trace) if reg.funds else named
    return incentive_pools(reg, found)


def incentive_pools(reg: Regulation, pools: dict[str, Pool]) -> dict[str, Pool]:
    """The funds of the parts that pay a compenso which is not a performance premium (``performance = "nessuna"``)
    made pools of that kind (``money.INCENTIVE``): every document reports them apart from the performance premiums."""
    incentives = {p.fund for p in reg.parts if p.performance == "nessuna"}
    return {
        name: attrs.evolve(pool, kind=money.INCENTIVE) if name in incentives else pool for name, pool in pools.items()
    }


def named_pools(reg: Regulation, pools: dict[str, Pool]) -> dict[str, Pool]:
    """The pools of ente.toml by the words of the ente's regulation ([etichette]) or of the plugin («Premi per la
    performance individuale»), as every document names them: a layer that names a pool it does not know (the
    national set-aside's fund) reads the same words on the pool itself. A pool already named, or of no words,
    stays as it is."""
    words = {**LABELS, **result_funds(reg), **funds.labels_by_code(reg.labels)}
    return {
        name: pool if pool.label or name not in words else attrs.evolve(pool, label=words[name])
        for name, pool in pools.items()
    }


@hookimpl(specname="ciclope_rewards")
def rewards(
    ente: Ente,
    scores: dict[str, Score],
    pools: dict[str, Pool],
    params: Params,
    org: OrgPerformance,
    trace: Trace,
    cards: Mapping[str, Sequence[EvaluationItem]],
) -> Rewards:
    """The premiums and the result pay; the problems found on the way name the regulation's file and the line of
    the key to fix (:func:`read.load.placing`)."""
    with placing(trace, params[PARAM]):
        reg = regulation_of(params)
        # the fund of the progressioni pays no premium: its amount is their resources (``facts.funds``), never a pool
        # whose residual the documents would show as premiums not paid
        kept = reg.progressions.fund if reg.progressions is not None else None
        out = Outcome(pools={name: pool for name, pool in pools.items() if name != kept})
        position_pay = positions.pay(reg, ente, trace, out, org) if reg.positions is not None else None
        # the cards as conciliated: SEZIONE("…") in a part's formulas reads the points the scores come from
        facts = Facts(reg, ente, org, scores, cards, ladders.named(reg), position_pay=position_pay or {}, funds=pools)
        trace.extend(controls.problems(reg, ente, scores, cards, org, facts, stage="fondi"))
        # after the national checks (phase a), before [risultato_po]'s own: one message per cell
        trace.extend(positiondays.read_by_formulas(reg, ente, position_pay, trace.problems))
        trace.extend(hearing.problems(reg, ente, scores))  # a negative evaluation wants its contraddittorio
        attestedfund.reduce(reg, ente, org, trace, out)
        gate = access.closed(reg, ente)
        if reg.access is not None:
            access.record(reg, ente, scores, gate is None, trace)
        if gate is not None:  # no premium computed: every pool stays residual (the positions are paid all the same)
            trace.problem(gate)
            selected(reg, ente, scores, facts, trace, out, params[PARAM])
            return Rewards(pools=out.pools, awards=out.awards, extra=out.extra)
        if reg.premiums:
            trace.extend(uncarded.problems(reg, ente, cards, out.pools))
            parts.pay(reg, ente, scores, org, trace, out, facts)
            # once the parts have said whom their conditions leave out: no card is missing where none could pay
            trace.extend(uncarded.uncarded_people(reg, ente, cards, out.pools, refused_by(reg, ente, org, trace)))
            trace.extend(fullyear.problems(reg, ente, regulation_where(params[PARAM]), admitted_by(trace)))
            trace.extend(differentiation.problems(reg, facts.premiums, facts.bands, scores))
            trace.extend(controls.problems(reg, ente, scores, cards, org, facts, stage="premio"))
        selected(reg, ente, scores, facts, trace, out, params[PARAM])
        for at, rp in blocks.result_entries({"result_pays": reg.result_pays}):  # each on its own: roles, fund
            result_pay(reg.only(rp), ente, scores, org, trace, out, facts, position_pay, at)
        parts.paid_outcomes(scores, out, trace)  # paid and evaluated: no part's condition is the outcome
        uncovered.record(reg, ente, out, trace)  # why nothing, for a person of a role no part pays
        return Rewards(
            pools=out.pools,
            awards=out.awards,
            statuses=out.statuses,
            extra=out.extra,
            instalments=tuple(out.instalments),
        )


def result_pay(
    one: Regulation,
    ente: Ente,
    scores: dict[str, Score],
    org: OrgPerformance,
    trace: Trace,
    out: Outcome,
    facts: Facts,
    position_pay: Mapping[str, Decimal] | None,
    at: str = "risultato_po",
) -> None:
    """One entry of [[risultato_po]], paid with ``one``, the regulation with that entry first
    (:meth:`Regulation.only`), written at the path ``at`` of the file."""
    rp = one.result_pay
    assert rp is not None
    # once the national checks have spoken (phase a), so that a cell they speak of gets no second message
    trace.extend(positiondays.problems(rp, ente, position_pay, trace.problems, cite(one, rp.source)))
    if rp.method == "quota_posizione":
        before = interim.taken(one, ente, trace, out)  # the interims first out of the result fund
        paid = positionshare.pay(one, ente, scores, org, trace, out, position_pay)
        if before is not None:
            interim.pay(one, ente, trace, out, paid, before)
    else:
        resultpay.pay(one, ente, scores, org, trace, out, facts, at)


def admitted_by(trace: Trace) -> fullyear.Admits:
    """Whether a part admitted a person, as its condition (``ammesso``) was recorded when the part was paid; a part
    without one admits everyone of its roles."""

    def admits(block: Premium, pid: str) -> bool:
        if not isinstance(block, Part) or block.admitted_if is None:
            return True
        held = trace.get(f"ammesso:{block.name}:{pid}")
        return held is not None and held.value is True

    return admits


def refused_by(reg: Regulation, ente: Ente, org: OrgPerformance, trace: Trace) -> uncarded.Refuses:
    """Whether a part leaves a person out whatever their evaluation: its condition (``ammesso``), as it was recorded
    when the part was paid (of one it does not weigh, only a condition it could read without an evaluation:
    :meth:`PartFormulas.refuse_unweighed`), or an exclusion of the part that reads no evaluation
    (:func:`eligibility.excluded_unscored`)."""

    def refuses(block: Premium, pid: str) -> bool:
        held = trace.get(f"ammesso:{block.name}:{pid}") if isinstance(block, Part) else None
        if held is not None and held.value is False:
            return True
        return eligibility.excluded_unscored(reg, block, ente.people[pid], ente, org)

    return refuses


def selected(
    reg: Regulation, ente: Ente, scores: dict[str, Score], facts: Facts, trace: Trace, out: Outcome, path: str
) -> None:
    """The progressioni economiche, a selection without money, whatever opens or closes the premiums: once the parts
    are paid, so that a candidate may be whom a part placed in a band (``FASCIA``). ``path``: the regulation's file,
    where a problem of its keys is to be fixed."""
    if reg.progressions is not None:
        found = progressions.select(reg, ente, scores, facts, trace, path)
        out.extra.update(progressioni=found["selected"], progressioni_detail=found)


@hookimpl(specname="ciclope_position_pay")
def position_pay(ente: Ente, params: Params, org: OrgPerformance, trace: Trace) -> Positions | None:
    """The positions weighted by [posizioni], as results.json lists them (their money is among the rewards'
    pools and awards: the result pay of [risultato_po] is split by the position pay they give)."""
    reg = regulation_of(params)
    pw = reg.positions
    if pw is None or pw.fund not in ente.funds or not ente.table(positions.FILE):
        return None
    return Positions(positions=positions.described(reg, ente, ente.funds[pw.fund], org, trace))


@hookimpl(specname="ciclope_calendar")
def calendar(ente: Ente, year: int, params: Params) -> list[Deadline]:
    reg = regulation_of(params)
    out = []
    for ev in reg.calendar:
        due = due_date(ev, ente, year)
        if due is not None:
            approval = code_of(ev.approval) if ev.approval else ev.approval
            out.append(Deadline(phase=ev.phase, act=ev.act, due=due, source=cite(reg, ev.source), approval=approval))
    return out + decision.deadlines(reg, year) + instalments.deadlines(reg, year) + missing_acts(reg, year, ente)


@hookimpl(specname="ciclope_approval_keys")
def approval_keys(params: Params) -> list[str]:
    """The acts of ente.toml the regulation names: each «migliori» part's ``decisione``, the acts of [accesso], the
    ``approvazione`` of its calendar's acts (those without a date in the calendar too) and the acts its deadlines are
    counted from (``dopo``)."""
    reg = regulation_of(params)
    named = [p.decision for p in reg.parts if p.decision]
    named += list(reg.access.acts) if reg.access is not None else []
    named += [ev.after for ev in reg.calendar if ev.after]
    return [code_of(n) for n in named + [ev.approval for ev in reg.calendar if ev.approval]]


def due_date(ev: Event, ente: Ente, year: int) -> dt.date | None:
    """An act's deadline: ``giorni`` after the date of the act ``dopo`` when it is dated; else the day and month of
    ``scadenza`` in its year (29 February is 28 in a common year); None when neither is known."""
    if ev.after is not None and ev.days is not None:
        start = ente.approvals.get(code_of(ev.after))
        if isinstance(start, dt.date):
            return start + dt.timedelta(days=ev.days)
    found = day_month(ev.due) if ev.due else None
    if found is None:
        return None
    day, month = found
    when = year + YEAR_SHIFT[ev.year]
    if month == 2 and day == 29 and not (when % 4 == 0 and (when % 100 != 0 or when % 400 == 0)):
        day = 28
    return dt.date(when, month, day)


@hookimpl(specname="ciclope_comparto")
def comparto(params: Params) -> str | None:
    """The comparto the regulation declares ([atto] comparto): its national layer runs for the ente; «altro», a
    contract ciclope has no layer for, runs none."""
    regulation = declared(params)
    return regulation.act.comparto if regulation is not None and regulation.act.comparto != OTHER_COMPARTO else None


@hookimpl(specname="ciclope_own_maggiorazione")
def own_maggiorazione(params: Params, rewards: Rewards, trace: Trace) -> OwnMaggiorazione | None:
    """The part the regulation marks as the contract's maggiorazione (``maggiorazione = true``) and what it paid: the
    comparto's layer then leaves it to the part, and checks it against the contract's minimum."""
    regulation = declared(params)
    marked = [p for p in regulation.parts if p.national_bonus] if regulation is not None else []
    if regulation is None or not marked:
        return None
    part = marked[0]
    shared = parts.shares_fund(regulation, part)
    paid: dict[str, Decimal] = {}
    for a in rewards.awards.values():
        if a.pool != part.fund:
            continue
        if shared:  # a fund several parts pay from sums their awards: the part's own amount is its figure
            own = trace.get(f"premio:{part.name}:{a.person}")
            amount = own.value if own is not None else None
        else:
            amount = a.amount
        if isinstance(amount, Decimal) and amount > 0:
            paid[a.person] = amount
    file, lines = regulation_where(params[PARAM])
    path = f"premi[{regulation.parts.index(part)}].maggiorazione"  # the key that makes the part the maggiorazione
    return OwnMaggiorazione(
        part=part.name, pool=part.fund, paid=paid, file=file, row=line_of(lines, path), column=said(path)
    )


@hookimpl(specname="ciclope_pools_read_cards")
def pools_read_cards(params: Params, pools: Mapping[str, Pool]) -> list[str]:
    """Every pool but those only parts without evaluation pay (``valutazione = false``, or a method whose
    beneficiaries the ente chooses) and the fund of [posizioni]'s position pay: such a pool admitting nobody is no
    card's fault."""
    regulation = declared(params)
    if regulation is None:
        return list(pools)
    cardless = {p.fund for p in regulation.premiums if not uncarded.reads_cards(p)}
    if regulation.positions is not None:  # position pay follows the post, whatever its holder's evaluation
        cardless.add(regulation.positions.fund)
    carded = {p.fund for p in regulation.premiums if uncarded.reads_cards(p)}
    return [name for name in pools if name not in cardless - carded]


@hookimpl(specname="ciclope_parts_read_evaluation")
def parts_read_evaluation(params: Params) -> dict[str, bool] | None:
    """Each part of [[premi]] → whether it reads each person's evaluation (:mod:`.pay.evaluated`)."""
    regulation = declared(params)
    return evaluated.parts_read(regulation) if regulation is not None and regulation.parts else None


@hookimpl(specname="ciclope_individual_premium")
def individual_premium(params: Params) -> list[str]:
    """The funds of the premium's parts: what the comparto's layer reads as the individual premium (e.g. art.
    69); a premium for the best of a band is a further premium, not the individual one, and a part that pays no
    dipendente (only PO / EQ, dirigenti, the Segretario: their result pay is another fund) is not the staff's."""
    regulation = declared(params)
    if regulation is None:
        return []
    # a fund that also pays the organizational performance (art. 68 c. 2 lett. a) is named by its individual parts
    # («fund/part»): the mean is of the individual premium alone
    organizational = {p.fund for p in regulation.parts if p.performance == "organizzativa"}
    named = [
        f"{p.fund}/{p.name}" if isinstance(p, Part) and p.fund in organizational else p.fund
        for p in regulation.staff_premiums
    ]
    return list(dict.fromkeys(named))


@hookimpl(specname="ciclope_acts")
def acts(params: Params) -> list[str] | None:
    """The act the ente declared ([atto] titolo), cited by its title in every document."""
    regulation = declared(params)
    return [regulation.act.listed] if regulation is not None else None


@hookimpl(specname="ciclope_assumptions")
def assumptions(params: Params) -> list[tuple[str, ...] | tuple[str, str, str, str, tuple[str, ...]]] | None:
    """The office's own readings of its text (``ipotesi`` in any block): the Relazione lists them as assumptions."""
    regulation = declared(params)
    if regulation is None:
        return None
    # each cited as the figures of its rule cite it: the act and the article, or another act its fonte names as written
    out: list[tuple[str, ...] | tuple[str, str, str, str, tuple[str, ...]]] = []
    for r in readings.readings(regulation):
        said = (r.where, r.text, str(cite(regulation, r.source)) if r.source else "", r.status)
        # a reading tied to the figures of its block, never to another block's that cites the same article
        out.append(said if r.figures is None else (*said, r.figures))
    return out or None


@hookimpl(specname="ciclope_labels")
def labels(params: Params) -> dict[str, str]:
    """The regulation's [etichette] and the labels of its declared statuses: its words for levels and statuses, in
    every output for people. The status an exclusion names (``stato = "assenze_oltre_180"``) is said as the file
    writes it, with spaces («assenze oltre 180»), as the built-in exclusions' are by their labels: a personal
    document never shows a code."""
    regulation = declared(params)
    if regulation is None:
        return {}
    excluded = {e.status: word(e.status) for e in regulation.exclusions if e.status and e.status not in STATUS_LABELS}
    return {
        **excluded,
        **result_funds(regulation),
        **{s.name: s.label for s in regulation.statuses},
        **own_labels(regulation.labels),
    }


def result_funds(regulation: Regulation) -> dict[str, str]:
    """The fund of each entry of [[risultato_po]] named by the roles it pays («Retribuzione di risultato dei
    dirigenti», «… delle PO / EQ»), where the plugin's fixed label of ``risultato_po`` would say other roles, or the
    fund is the ente's own (``risultato_eq``: its key would be all a document could say); [etichette] names them
    otherwise."""
    out = {}
    for rp in regulation.result_pays:
        said = result_pay_words(rp.roles, regulation.labels)
        if said != LABELS.get(rp.fund):
            out[rp.fund] = said
    return out


@hookimpl(specname="ciclope_role_names")
def role_names(params: Params) -> dict[str, tuple[str, str]] | None:
    """The roles the regulation's [etichette] names as its text does (``po`` and ``po_plurale``): every document
    says «Responsabile di struttura», «i responsabili di struttura», never the contract's «Posizione organizzativa»;
    and the Segretario of an ente locale, whom its Relazione addresses even where the data leave them out."""
    regulation = declared(params)
    if regulation is None:
        return None
    named = named_roles(regulation.labels)
    if regulation.act.kind in TUEL:  # an ente locale has its Segretario (D.Lgs. 267/2000 art. 97), in its data or not
        named.setdefault("segretario", ("Segretario", "il Segretario"))
    return named or None


@hookimpl(specname="ciclope_private_statuses")
def private_statuses(params: Params) -> list[str] | None:
    """The statuses of the exclusions that say a fact of the person's life (absences, a sanction, an insufficient
    rendimento, a condition the office wrote as a formula, which may read any of them): never named in published
    tables. A score under the minimum or a unit under its threshold is an outcome of the evaluation."""
    regulation = declared(params)
    if regulation is None:
        return None
    return [eligibility.status_of(ex) for ex in regulation.exclusions if ex.rule in PRIVATE_RULES] or None


@hookimpl(specname="ciclope_level_scales")
def level_scales(params: Params) -> dict[str, list[str]] | None:
    """Each role's scale of [livelli], from the highest: a role's own scale (``dirigente = [...]``) or the common one,
    so that the reports count each person at the top of their own scale."""
    regulation = declared(params)
    scales = ladders.names_by_role(regulation) if regulation is not None else {}
    return scales or None


@hookimpl(specname="ciclope_grade_column")
def grade_column(params: Params) -> str | None:
    """With [gradi], the grado column of people.csv: the workbook shows each person's grade (the category stays
    empty)."""
    regulation = declared(params)
    return grades.GRADE if regulation is not None and regulation.grades is not None else None


@hookimpl(specname="ciclope_grade_word")
def grade_word(params: Params) -> str | None:
    """[gradi] ``parola``: the contract's word for a grade («categoria» for the comparto Sanità's B, BS, DS)."""
    regulation = declared(params)
    grades_declared = regulation.grades if regulation is not None else None
    return (grades_declared.word.strip() or None) if grades_declared is not None else None


@hookimpl(specname="ciclope_award_parts")
def award_parts(
    params: Params, rewards: Rewards, trace: Trace
) -> dict[str, dict[str, list[tuple[str, Decimal]]]] | None:
    """The parts of [[premi]] that paid each award, with what each paid: the one part of its fund, or, where parts
    share the fund (their awards summed), each part's own figure in the order they are paid; an award of
    [risultato_po]'s own fund is the «retribuzione di risultato»."""
    regulation = declared(params)
    if regulation is None or not (regulation.parts or regulation.result_pays):
        return None
    by_fund: dict[str, list[str]] = {}
    for part in regulation.parts:
        by_fund.setdefault(part.fund, []).append(part.name)
    out: dict[str, dict[str, list[tuple[str, Decimal]]]] = {}
    result = {rp.fund for rp in regulation.result_pays}
    for a in rewards.awards.values():
        names = by_fund.get(a.pool, [])
        if names:
            out.setdefault(a.pool, {})[a.person] = _parts_paid(names, a.person, a.amount, trace)
        elif a.pool in result and a.ref is None:  # the person's own result pay (an interim's is the position's)
            out.setdefault(a.pool, {})[a.person] = [("retribuzione di risultato", a.amount)]
    return out or None


def _parts_paid(names: list[str], person: str, award: Decimal, trace: Trace) -> list[tuple[str, Decimal]]:
    """What each of the parts ``names`` of one fund paid ``person`` (an award of ``award``), as each part's own figure
    says, where the figures sum to the award: the parts that paid something, and at zero those whose condition
    (``ammesso``) left the person out and those an exclusion of theirs left out (``elenca_esclusi``: the excluded
    appear with 0 €) and those whose formula gave nothing and says why, all of them at zero where none paid; else the parts together, the whole award. A part that
    weighed the person and gave nothing is a row of its own, so nobody it left out is unseen."""
    if len(names) == 1:
        return [(names[0], award)]
    own = [(n, f) for n in names if (f := trace.get(f"premio:{n}:{person}")) is not None]
    paid = {n: f.value for n, f in own if isinstance(f.value, Decimal)}
    left = {n for n in names if n not in paid and _refused(trace, n, person)}
    left |= {n for n, f in own if any(i.ref == f"score:{person}:status" for i in f.inputs)}  # excluded from it
    left |= {n for n, f in own if f.value == 0 and f.note.startswith(nothing.NOTHING)}  # a formula's 0, and why
    ordered = [(n, paid.get(n, ZERO)) for n in names if n in paid or n in left]
    if len(ordered) > 1 and sum(paid.values(), ZERO) == award:
        return [(n, v) for n, v in ordered if v > 0 or n in left] or ordered
    named = [n for n, _ in own] or names
    return [(named[0] if len(named) == 1 else fmt.listed(fmt.quoted(n) for n in named), award)]


def _refused(trace: Trace, part: str, person: str) -> bool:
    """True when the part's condition (``ammesso``) was asked for the person and did not hold."""
    held = trace.get(f"ammesso:{part}:{person}")
    return held is not None and held.value is False


@hookimpl(specname="ciclope_premium_rankings")
def premium_rankings(ente: Ente, params: Params) -> dict[str, list[str]] | None:
    """The graduatorie of the premium's first part when it has several (per area, per category): each with the
    people of the part's roles in it; one graduatoria for the ente otherwise (the core's default)."""
    regulation = declared(params)
    first = next((p for p in regulation.parts if not METHODS[p.method].chosen), None) if regulation else None
    if regulation is None or first is None or first.rankings == "ente":
        return None
    out: dict[str, list[str]] = {}
    for p in ente.people.values():
        if p.role in first.roles:
            out.setdefault(rankings.group_of(regulation, first, p, ente), []).append(p.id)
    return out
