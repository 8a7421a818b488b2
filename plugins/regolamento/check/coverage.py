"""The tables of numbers by grade cover every grade of people.csv: a category of a person that a declared table
(``[[punteggio.categorie]]`` for its roles, ``[premio] parametri`` for the premium's) lacks is an error naming
the category, the people, people.csv and the table's key and line in the regulation; never a silent default. A grade
cell that is an error of its own (a grade none of [gradi]'s) is said there alone, never again as a grade «(vuoto)»."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from ciclope.core import Ente, Person, Problem, fmt
from ciclope.plugins.regolamento.format import grades
from ciclope.plugins.regolamento.format.grades import code, column, declared, grade_of
from ciclope.plugins.regolamento.format.sources import cite
from ciclope.plugins.regolamento.format.spec import Regulation
from ciclope.plugins.regolamento.format.wording import feminine, the
from ciclope.plugins.regolamento.read.lines import line_of
from ciclope.plugins.regolamento.read.load import regulation_where


def missing(reg: Regulation, ente: Ente, path_text: str) -> list[Problem]:
    """A category of people.csv that a declared table of numbers by grade lacks: one error per table and
    category, naming the people, people.csv and the table's key and line in the regulation."""
    tables: list[tuple[str, str, set[str], list[str]]] = []  # (key, fonte, roles, declared grades)
    if reg.score is not None and reg.score.grades:
        roles = {r for g in reg.score.grades for r in g.roles}
        for role in sorted(roles):
            named = [name for g in reg.score.grades if role in g.roles for name in g.grades]
            tables.append(("punteggio.categorie", reg.score.source, {role}, named))
    pr = reg.premium
    if pr is not None and pr.grade_factors:
        tables.append(("premio.parametri", pr.source, set(pr.roles), list(pr.grade_factors)))
    for i, part in enumerate(reg.parts):
        if part.grade_factors:
            tables.append((f"premi[{i}].parametri", part.source, set(part.roles), list(part.grade_factors)))
    if not tables:
        return []
    where = regulation_where(path_text)
    if grades.unwritten(reg, ente):
        return [_column_missing(reg, ente, tables, where)]
    out = []
    for key, fonte, roles, names in tables:
        codes = {code(name, declared(reg)) for name in names}
        lacking: dict[str, list[Person]] = {}
        for person in ente.people.values():
            mine = grade_of(reg, person)
            if grades.refused(reg, person):  # a grade cell wrong on its own is said there, once (rules.grade_cells)
                continue
            if person.role in roles and mine not in codes:
                lacking.setdefault(mine or "", []).append(person)
        out += [_problem(reg, ente, key, fonte, grade, people, names, where) for grade, people in lacking.items()]
    return out


def _table_said(reg: Regulation, key: str) -> str:
    """Where a table by grade is, after «non è», as the office finds it in its file: a part's by the part's name
    («nella tabella parametri della parte «performance individuale»»), the others by their TOML header («in [premio]
    parametri»), never the key path ``premi[1].parametri``."""
    for i, part in enumerate(reg.parts):
        if key == f"premi[{i}].parametri":
            return f"nella tabella parametri della parte {fmt.quoted(part.name)}"
    return "in [[punteggio.categorie]]" if key == "punteggio.categorie" else f"in [premio] {key.split('.', 1)[1]}"


def _column_missing(
    reg: Regulation,
    ente: Ente,
    tables: list[tuple[str, str, set[str], list[str]]],
    where: tuple[str, Mapping[str, int]],
) -> Problem:
    """The grade column left out of people.csv: one error at its header, saying what reads it (each person's grade
    «(vuoto)» in each table, and the parts paying nobody, would only follow from it)."""
    file, lines = where
    keys = [key for key, *_ in tables]
    parts = [fmt.quoted(part.name) for i, part in enumerate(reg.parts) if f"premi[{i}].parametri" in keys]
    uses = [f"i pesi del punteggio per {grades.word(reg)}"] if "punteggio.categorie" in keys else []
    uses += [f"il {grades.parameter(reg)} del premio"] if "premio.parametri" in keys else []
    if parts:
        uses.append(
            f"il {grades.parameter(reg)} {'della parte' if len(parts) == 1 else 'delle parti'} {fmt.listed(parts)}"
        )
    line = line_of(dict(lines), f"{keys[0]}[0]" if keys[0] == "punteggio.categorie" else keys[0])
    at = f" ({file}, riga {line})" if line is not None else ""
    header = grades.header_word(reg)
    message = (
        f"manca la colonna {header}, che il regolamento legge per {fmt.listed(uses)}{at}: aggiungila all'elenco del "
        f"personale con {the(grades.word(reg))} di ciascuno ({', '.join(tables[0][3])}); finché manca, ciò che la "
        "legge non si calcola per nessuno"
    )
    return Problem.at(ente, "regolamento.categoria", message, cite(reg, tables[0][1]), "people", 1, header)


def _problem(
    reg: Regulation,
    ente: Ente,
    key: str,
    fonte: str,
    grade: str,
    people: list[Person],
    names: Iterable[str],
    where: tuple[str, Mapping[str, int]],
) -> Problem:
    file, lines = where
    line = line_of(dict(lines), f"{key}[0]" if key == "punteggio.categorie" else key)  # the first table of them
    at = f"{file}, riga {line}" if line is not None else file
    ids = ", ".join(p.id for p in people[:5]) + (f" e altri {len(people) - 5}" if len(people) > 5 else "")
    # the grade in the regulation's word («la categoria», «l'area», «il grado»); the column by the file's header
    word, header = the(grades.word(reg)), ("grado" if reg.grades is not None else "categoria")
    zero = " (con 0 se non partecipa alla parte)" if key.endswith("parametri") else ""
    empty = f"(vuot{'a' if feminine(grades.word(reg)) else 'o'})"
    what = f"{word} {grades.said(grade, declared(reg)) if grade else empty}"
    return Problem(
        rule="regolamento.categoria",
        source=cite(reg, fonte),
        file=ente.file_of("people"),
        row=people[0].row,
        column=ente.column_shown("people", column(reg)),  # as the office's header writes it («grado»)
        message=f"{what} di {ids} non è {_table_said(reg, key)} del regolamento ({at}), che ha {', '.join(names)}; aggiungi "
        f"{word} alla tabella{zero} o correggi la colonna {header}",
    )
