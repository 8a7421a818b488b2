"""An ente's data folder (CSV files or ``ente.xlsx``, plus ``ente.toml``) → :class:`core.model.Ente`.

Every problem is collected (file, row, column, the rule broken and what was expected) and raised
once in a :class:`core.problems.CiclopeError`; a traceback never reaches the user. Cross-reference
problems that make the data meaningless (unknown ids, cycles, duplicates) are load errors too; the
regulation's own checks come later (``ciclope_validate``).

The steps, each in its module, read what was asked (:class:`.reading.Asked`) and write their problems
into one :class:`.reading.Log`: :mod:`.folder` (the files → the sheets), :mod:`.entefile` (ente.toml →
its declarations and rows), then, on the sheets read (:class:`.reading.Reading`), :mod:`.columns` (a sheet
→ its parsed columns), :mod:`.records` and :mod:`.indicators` (the columns → the records), :mod:`.crossrefs`
(the ids across sheets); the sheets' Italian names are :mod:`.headers`'. The names other modules take from
here stay here.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

import attrs

from ciclope.core import model as m
from ciclope.core.inputs import crossrefs, entefile, parttime, periods, records
from ciclope.core.inputs.columns import CANONICAL, later, table
from ciclope.core.inputs.folder import narrative_texts, read_sheets
from ciclope.core.inputs.headers import (
    HEADERS_IT,
    SHEET_ALIASES,
    SHEET_TITLES,
    column_code,
    header_label,
    italian_headers,
    sheet_title,
)
from ciclope.core.inputs.indicators import read_indicators
from ciclope.core.inputs.partial import unloaded
from ciclope.core.inputs.reading import Asked, Log, Reading
from ciclope.core.outcomes import InputSchema
from ciclope.core.problems import Problem

__all__ = [
    "CANONICAL",
    "HEADERS_IT",
    "SHEET_ALIASES",
    "SHEET_TITLES",
    "InputSchema",
    "column_code",
    "header_label",
    "italian_headers",
    "load_ente",
    "merge_schemas",
    "sheet_title",
]


def load_ente(
    folder: Path,
    ente_id: str,
    year: int,
    schema: InputSchema | None = None,
    collecting: bool = False,
    collection: m.Collection | None = None,
) -> m.Ente:
    """Load one ente or raise :class:`CiclopeError` with every problem found. ``collecting``: the cards'
    items may have no points yet (``raccolta crea`` sends them to be filled); a run always needs them.
    ``collection``: the ente's collection of the cards found beside cycle.toml, kept on the Ente."""
    ente = load(Asked(Path(folder), ente_id, year, schema or InputSchema(), collecting))
    return ente if collection is None else attrs.evolve(ente, collection=collection)


def load(asked: Asked) -> m.Ente:
    """The steps in the order their problems are reported: the folder's sheets, ente.toml, each
    canonical sheet's records, a plugin's own files, the narrative, then the references across sheets."""
    log = Log()
    folder = read_sheets(asked, log)
    declared = entefile.read(asked, log, folder.sheets)
    r = Reading(asked, {**folder.sheets, **declared.rows}, log)
    units = records.units(r)
    areas = records.areas(r)
    people = records.people(r)
    objectives = records.objectives(r)
    found = table(r, "indicators")
    indicators = {} if found is None else read_indicators(r, found)
    assignments = records.assignments(r)
    evaluations, motivations = records.evaluations(r)
    revisions = records.revisions(r)
    appeals = records.appeals(r)
    evaluator_periods = periods.read(r)
    time_periods = parttime.read(r)
    tables = records.plugin_tables(r)
    narrative = narrative_texts(asked.folder, log)  # before the Ente: its files join the inputs' fingerprints
    files = {**folder.files, **({"ente.toml": declared.fingerprint} if declared.fingerprint else {}), **narrative.files}
    ente = m.Ente(
        id=asked.ente_id,
        name=declared.name,
        year=asked.year,
        funds=declared.funds,
        approvals=declared.approvals,
        units=units,
        areas=areas,
        people=people,
        objectives=objectives,
        indicators=indicators,
        assignments=assignments,
        evaluations=evaluations,
        revisions=revisions,
        appeals=appeals,
        tables=tables,
        files=dict(sorted(files.items())),
        source_format=folder.format,
        approval_keys=tuple(asked.schema.approvals),
        fund_keys=tuple(dict.fromkeys((*asked.schema.funds, *asked.schema.read_funds))),
        evaluators=declared.evaluators,
        plan=declared.plan,
        body=declared.body,
        headers={name: tuple(sheet.header) for name, sheet in r.sheets.items()},
        sheet_labels={name: sheet.label for name, sheet in r.sheets.items()},
        shown={name: _shown(name, sheet, asked.schema) for name, sheet in r.sheets.items() if sheet.shown},
        texts=narrative.texts,
        motivations=motivations,
    )
    crossrefs.check(r, ente)
    ente = periods.attach(r, ente, evaluator_periods)
    ente = parttime.attach(r, ente, time_periods)
    problems = [_in_cell(ente, p) for p in log.problems]
    if any(p.is_error for p in problems):
        raise unloaded(r, ente, _with_later(problems, [_in_cell(ente, p) for p in later(r)]))
    return attrs.evolve(ente, notes=tuple(problems)) if problems else ente


def _with_later(problems: list[Problem], late: list[Problem]) -> list[Problem]:
    """``problems`` with each of ``late`` (:func:`columns.later`) after the last one of its file at a row up to its
    own (a row's cells left to right: a plugin's column comes after the core's), else before the first of its file,
    else last: in the order of the rows, as if the loader had found it."""
    out = list(problems)
    for problem in late:
        at = len(out)
        same = [i for i, p in enumerate(out) if p.file == problem.file]
        before = [i for i in same if _row(out[i]) <= _row(problem)]
        if before:
            at = before[-1] + 1
        elif same:
            at = same[0]
        out.insert(at, problem)
    return out


def _row(problem: Problem) -> int:
    return problem.row if problem.row is not None else 0


def _in_cell(ente: m.Ente, problem: Problem) -> Problem:
    """A problem at a cell of the office's workbook with the letter of its column, so that it names the cell as
    the spreadsheet shows it (``cella F4``); a problem of a CSV file, of a whole row or sheet, as it is."""
    if ente.source_format != "xlsx" or problem.row is None or not problem.column:
        return problem
    names = {label: name for name, label in ente.sheet_labels.items()}
    name = names.get(problem.file)
    if name is None:
        return problem
    codes = {shown: code for code, shown in ente.shown.get(name, {}).items()}  # the header as written → its code
    return attrs.evolve(problem, letter=ente.column_letter(name, codes.get(problem.column, problem.column)))


def _shown(name: str, sheet: Any, schema: InputSchema) -> dict[str, str]:
    """The columns of a sheet written with Italian headers as the office wrote them, and every other column the
    ente's plugins read by the header the template writes for it: a problem about a column the sheet lacks names
    the word the office would add (``quota_tempo``, not the code ``fte``)."""
    known = (*CANONICAL.get(name, {}), *schema.columns.get(f"{name}.csv", {}), *schema.files.get(f"{name}.csv", {}))
    absent = {code: header_label(name, code, schema) for code in known if code not in sheet.header}
    return {**absent, **sheet.shown}


def merge_schemas(schemas: Iterable[InputSchema]) -> InputSchema:
    schemas = list(schemas)
    columns: dict[str, dict] = {}
    files: dict[str, dict] = {}
    required: dict[str, tuple] = {}
    for s in schemas:
        for f, cols in s.columns.items():
            columns.setdefault(f, {}).update(cols)
        for f, cols in s.files.items():
            files.setdefault(f, {}).update(cols)
        for f, names in s.required.items():
            required[f] = tuple(required.get(f, ())) + tuple(names)
    funds = tuple(dict.fromkeys(f for s in schemas for f in s.funds))
    approvals = tuple(dict.fromkeys(a for s in schemas for a in s.approvals))
    titles: dict[str, str] = {}
    headers: dict[str, dict[str, str]] = {}
    open_columns: dict[str, Any] = {}
    helps: dict[str, dict[str, tuple[str, str]]] = {}
    for s in schemas:
        titles.update(s.titles)
        open_columns.update(s.open_columns)
        for f, words in s.headers.items():
            headers.setdefault(f, {}).update(words)
        for f, said in s.help.items():
            helps.setdefault(f, {}).update(said)
    return InputSchema(
        columns=columns,
        files=files,
        required=required,
        funds=funds,
        approvals=approvals,
        computed_funds=tuple(dict.fromkeys(f for s in schemas for f in s.computed_funds)),
        read_funds=tuple(dict.fromkeys(f for s in schemas for f in s.read_funds)),
        titles=titles,
        headers=headers,
        open_columns=open_columns,
        help=helps,
        toml_rows=tuple(dict.fromkeys(f for s in schemas for f in s.toml_rows)),
        one_row=tuple(dict.fromkeys(f for s in schemas for f in s.one_row)),
        keyed={f: k for s in schemas for f, k in s.keyed.items()},
        role_words={w: role for s in schemas for w, role in s.role_words.items()},
        grade_column=next((s.grade_column for s in schemas if s.grade_column), ""),
        grades=tuple(dict.fromkeys(g for s in schemas for g in s.grades)),
        yearly={f: tuple(dict.fromkeys(c for s in schemas for c in s.yearly.get(f, ()))) for f in _yearly(schemas)},
    )


def _yearly(schemas: list[InputSchema]) -> tuple[str, ...]:
    """The files some schema names columns of the year of (:attr:`InputSchema.yearly`), in order."""
    return tuple(dict.fromkeys(f for s in schemas for f in s.yearly))
