"""The data a regulation declares ([[colonne]], format 2): their names checked against what ciclope already reads,
and their types and words as the formulas read them.

A declared column is a column of persone.csv (or of the foglio persone) that ciclope does not read by itself (the
night and holiday guards of the year), or of unità.csv (``elenco = "unità"``: a sector's turnover), read for a
person as the value of their unit or, where its cell is empty, of the nearest unit above with one, or of
incarichi.csv (``elenco = "incarichi"``: the score of a sector held ad interim), read for each appointment by the
amount of a part paid by appointment, or of the ente itself (``elenco = "ente"``: the savings of the final
budget), written once in ente.toml ``[dati]`` and the same for everyone, so a fund or a threshold reads it as it is:
the formulas name it like the built-in quantities, with the unit of its ``tipo``, and the sentences say its
``significato``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import attrs

from ciclope.core import Ente, Problem, cells, fmt
from ciclope.plugins.regolamento.format.expr import BOOL, DATE, DAYS, EURO, NUMBER, PERCENT, POINTS, TEXT, UNKNOWN, Type
from ciclope.plugins.regolamento.format.quantities import FUNCTIONS, SIGNATURES, Quantity, quantity
from ciclope.plugins.regolamento.format.sources import cite
from ciclope.plugins.regolamento.format.spec import DATA_SHEET, ENTE_LIST, PROJECTS_LIST, Column, Regulation
from ciclope.plugins.regolamento.format.wording import YES, of_unit, the

Error = Callable[..., None]
TYPES: dict[str, Type] = {
    **{"numero": NUMBER, "euro": EURO, "giorni": DAYS, "percentuale": PERCENT, "punti": POINTS, "testo": TEXT},
    "sì/no": BOOL,  # a condition of the person: the formulas read it where a condition goes (ammesso = "=in_servizio")
    "data": DATE,  # a day of the person (a new parametro from …): read where MESI and IN.SERVIZIO take a day
    "anno": NUMBER,  # a year (of the last progression): a whole number, said without grouping («2021», never «2.021»)
}
# how people.csv's cells of each type are read (a cell that does not read is an error naming file, row, column)
PARSERS: dict[str, Callable[[str], Any]] = {
    "numero": cells.parse_number,
    "euro": cells.parse_money,
    "giorni": cells.parse_days,
    "percentuale": cells.parse_percent,
    "punti": cells.parse_points,  # a score on the regulation's scale, as its thresholds are written
    "testo": cells.parse_text,
    "sì/no": cells.parse_bool,  # sì / no (also SI, NO, x, vero, falso …): the core's own yes-no cells
    "data": cells.parse_date,  # 30/06/2024, 30.6.2024 or 2024-06-30, as the core's dates
    "anno": lambda text: parse_year(text),
}


def parse_year(text: str) -> fmt.Year:
    """A year as an office writes it: a whole number (2021; 0 where the column says «0 se nessuno»)."""
    value = cells.parse_number(text, example="2021")
    if value != value.to_integral_value() or value < 0:
        raise ValueError(f"atteso un anno (es. 2021), trovato «{text}»")
    return fmt.Year(int(value))


NAME = re.compile(r"[a-z][a-z0-9_]*")
# people.csv's columns ciclope reads already: the core's (codes and Italian headers) and this plugin's own
PEOPLE_COLUMNS = (
    *("id", "codice", "name", "nome", "role", "ruolo", "category", "categoria", "unit", "unita", "unità"),
    *("fte", "quota_tempo", "absence_days", "giorni_assenza", "insufficient", "insufficiente", "evaluator"),
    *("valutatore", "sanzione", "assunzione", "cessazione", "position_pay", "retribuzione_posizione", "grade"),
    *("grado", "declared_status", "stato", "term_start", "inizio_incarico", "term_end", "fine_incarico"),
)
# units.csv's columns ciclope reads already (codes and Italian headers)
UNIT_COLUMNS = ("id", "codice", "name", "nome", "kind", "tipo", "parent", "superiore", "head", "responsabile")
# incarichi.csv's columns the regulation reads already (codes and Italian headers)
ASSIGNMENT_COLUMNS = (
    *("person", "persona", "kind", "tipo", "covered", "sostituito", "unit", "unita", "unità", "start", "dal"),
    *("end", "al"),
    *("project", "progetto"),
)
# progetti.csv's columns ciclope reads already: the project's code and title (codes and Italian headers)
PROJECT_COLUMNS = ("id", "code", "codice", "title", "titolo")
# the list of [[colonne]] elenco → the file that holds it
WHOLE = ENTE_LIST  # the list of the ente's own data: one row, written as ente.toml [dati]
DATA = f"{DATA_SHEET}.csv"
PROJECTS = PROJECTS_LIST  # the list of the projects: a datum of the project an appointment names, read for it
FILES = {
    "persone": "people.csv",
    "unità": "units.csv",
    "incarichi": "incarichi.csv",
    PROJECTS: "projects.csv",
    WHOLE: DATA,
}
ROWS = "incarichi"  # the list whose data are an appointment's, not a person's
WHOSE = {  # where a missing column is added, and with what
    "persone": "all'elenco del personale con il valore di ciascuno",
    "unità": "all'elenco delle unità con il valore di ciascuna (per chi vi lavora vale quello della sua unità)",
    ROWS: "all'elenco degli incarichi con il valore di ciascuno",
    PROJECTS: "all'elenco dei progetti con il valore di ciascuno",
    WHOLE: "scrivilo una volta in ente.toml, nella tabella [dati]",
}


def quantities(data: Mapping[str, Any]) -> dict[str, Quantity]:
    """The columns of the file's ``[[colonne]]`` whose name is sound (before the file is built: the formulas of
    every block are read knowing them). A wrong type or meaning is said by :func:`check`, once: the column is
    still declared, of a type not known, so a formula that reads it neither calls it unknown nor is checked
    against a guess."""
    raw = data.get("colonne")
    out: dict[str, Quantity] = {}
    for c in raw if isinstance(raw, list) else []:
        if not isinstance(c, dict):
            continue
        name, kind, words, table = c.get("nome"), c.get("tipo"), c.get("significato"), c.get("elenco")
        if not isinstance(name, str) or problem(name, table) is not None:
            continue
        known = isinstance(kind, str) and kind in TYPES  # a list or table as tipo is said by check, never hashed
        found = Quantity(
            TYPES[str(kind)] if known else UNKNOWN,
            said(name, str(kind), words, whole=table == WHOLE) if known and isinstance(words, str) else name,
            row=table in (ROWS, PROJECTS),
            project=table == PROJECTS,
            unit=table == "unità",
            whole=table == WHOLE,
            year=kind == "anno",
        )
        out.setdefault(name, found)
    return out


def said(name: str, kind: str, meaning: str, whole: bool = False) -> str:
    """A column as a formula's sentence says it: by its meaning, and a yes-no one as the condition it holds («la
    colonna in_servizio (in servizio alla data dell'erogazione) dice sì»), since a meaning is a name, not a clause;
    a datum of the whole ente ([dati] of ente.toml, ``whole``) is no column: «il dato … dell'ente dice sì»."""
    if kind != "sì/no":
        return meaning
    return f"il dato {name} ({meaning}) dell'ente{YES}" if whole else f"la colonna {name} ({meaning}){YES}"


def unit_words(data: Mapping[str, Any]) -> dict[str, Quantity]:
    """``unita`` in the words of the file's unit when [punteggio] declares ``tipo_unita`` («il raggiungimento degli
    obiettivi del servizio»): the formulas read that unit, so their sentences name it."""
    score = data.get("punteggio")
    kind = score.get("tipo_unita") if isinstance(score, dict) else None
    unit = quantity("unita")
    if not isinstance(kind, str) or not kind.strip() or unit is None:
        return {}
    return {"unita": attrs.evolve(unit, words=f"il raggiungimento degli obiettivi {of_unit(kind.strip())}")}


def grade_words(data: Mapping[str, Any]) -> dict[str, Quantity]:
    """``grado`` in the contract's word when [gradi] declares ``parola`` («l'area», «la categoria»): the formulas
    read the person's grade, so their sentences name it as the contract does («€ 300,00 se l'area è «A»»)."""
    grades = data.get("gradi")
    word = grades.get("parola") if isinstance(grades, dict) else None
    grade = quantity("grado")
    if not isinstance(word, str) or not word.strip() or grade is None:
        return {}
    return {"grado": attrs.evolve(grade, words=the(word.strip()))}


def problem(name: str, table: object = "persone") -> str | None:
    """What is wrong with the name of a column of the list ``table`` ([[colonne]] elenco), or None."""
    if not NAME.fullmatch(name):
        return (
            f"nome {fmt.quoted(name)} non ammesso: lettere minuscole senza accenti, cifre e _, cominciando con una lettera "
            "(es. guardie_festive)"
        )
    if name.startswith("x_"):
        return "le colonne che cominciano con x_ sono note dell'ufficio che ciclope non legge: togli x_ dal nome"
    q = quantity(name)
    if q is not None:
        return f"«{name}» è già un nome delle formule ({q.words}): scegli un altro nome, es. {name}_dichiarato"
    if name.upper() in FUNCTIONS or name.upper() in SIGNATURES:
        return f"«{name}» è il nome di una funzione delle formule ({name.upper()}): scegli un altro nome"
    if name in PEOPLE_COLUMNS:
        return f"«{name}» è già una colonna di persone.csv che ciclope legge: scegli un altro nome"
    if name in UNIT_COLUMNS:
        return f"«{name}» è già una colonna di unità.csv che ciclope legge: scegli un altro nome"
    if table == ROWS and name in ASSIGNMENT_COLUMNS:
        return f"«{name}» è già una colonna di incarichi.csv che ciclope legge: scegli un altro nome"
    if table == PROJECTS and name in PROJECT_COLUMNS:
        return f"«{name}» è già una colonna di progetti.csv che ciclope legge: scegli un altro nome"
    return None


def check(columns: Sequence[Column], error: Error) -> None:
    """Every declared column's name: sound, free, declared once."""
    seen: set[str] = set()
    for i, c in enumerate(columns):
        found = problem(c.name, c.table)
        if found is None and c.name in seen:
            found = f"colonna «{c.name}» dichiarata due volte"
        if c.values and c.kind != "testo":
            error(f"colonne[{i}].valori", f"le parole ammesse valgono per una colonna di testo, non «{c.kind}»",
                  "regolamento.colonna")  # fmt: skip
        _check_bounds(c, f"colonne[{i}]", error)
        if c.blank is not None and c.kind not in BLANK_KINDS:
            error(f"colonne[{i}].se_vuota", "se_vuota vale per una colonna di numero, euro, giorni o percentuale, non "
                  f"«{c.kind}»", "regolamento.colonna")  # fmt: skip
        if found is not None:
            error(f"colonne[{i}].nome", found, "regolamento.colonna")
        seen.add(c.name)


def _check_bounds(c: Column, path: str, error: Error) -> None:
    """``minimo`` and ``massimo`` only of a column of numbers, the first not above the second."""
    written = [key for key, bound in (("minimo", c.lowest), ("massimo", c.highest)) if bound is not None]
    if written and c.kind not in BOUNDED:
        error(f"{path}.{written[0]}", f"{written[0]} vale per una colonna di numeri, non «{c.kind}»",
              "regolamento.colonna")  # fmt: skip
    elif c.lowest is not None and c.highest is not None and c.lowest > c.highest:
        error(f"{path}.minimo", f"minimo ({bound_said(c, c.lowest)}) sopra il massimo ({bound_said(c, c.highest)})",
              "regolamento.colonna")  # fmt: skip


# the types of a column whose cells are numbers, which a minimo and a massimo bound
BOUNDED = ("numero", "euro", "giorni", "percentuale", "punti", "anno")
# the types whose empty cell the regulation may say (se_vuota): never a score, where 0 counts and lowers a mean
BLANK_KINDS = ("numero", "euro", "giorni", "percentuale")
# the kinds of a declared column whose cells are facts of the cycle's year (the days, events, amounts and scores a
# text counts, a yes-no of the year): next year's template leaves them empty. A text, a date, a year or a percentage
# names what lasts (a profile, the day of a new parameter, the year of the last progression, the Comune's share of
# the convenzione di segreteria, a weight for the way of working): carried
YEARLY_KINDS = ("numero", "euro", "giorni", "punti", "sì/no")


def parsers(columns: Sequence[Column]) -> dict[str, Callable[[str], Any]]:
    """Declared columns → the parser of each one's type; a text column with ``valori`` accepts only those words (case
    does not count; each is read as the file writes it), so a judgement mistyped is an error, never a silent 0; a
    column of numbers with ``minimo`` or ``massimo`` refuses a cell outside them («fino a 10 punti»)."""
    return {c.name: _blank(c, _bounded(c, cells.choice(*c.values, aliases={v: v for v in c.values}) if c.values
                                       else PARSERS[c.kind])) for c in columns}  # fmt: skip


def _blank(c: Column, parse: Callable[[str], Any]) -> Callable[[str], Any]:
    """A column whose empty cell the regulation says (``se_vuota``): the loader reads it as that value."""
    return parse if c.blank is None else cells.blank_is(parse, c.blank)


def _bounded(c: Column, parse: Callable[[str], Any]) -> Callable[[str], Any]:
    if c.kind not in BOUNDED or (c.lowest is None and c.highest is None):
        return parse

    def read(text: str) -> Any:
        value = parse(text)
        if value is not None and c.lowest is not None and value < c.lowest:
            raise ValueError(
                f"{c.name} va da {bound_said(c, c.lowest)} in su ([[colonne]] minimo), trovato {fmt.quoted(text)}"
            )
        if value is not None and c.highest is not None and value > c.highest:
            raise ValueError(
                f"{c.name} è al più {bound_said(c, c.highest)} ([[colonne]] massimo), trovato {fmt.quoted(text)}"
            )
        return value

    return read


def bound_said(c: Column, bound: Any) -> str:
    """A bound as the column's cells are written: a percentage «50%», an amount «€ 500,00», a number «10»."""
    if c.kind == "percentuale":
        return fmt.pct_share(bound)
    if c.kind == "euro":
        return fmt.euro(bound)
    return fmt.decimal_it(bound)


def yearly(columns: Sequence[Column]) -> dict[str, tuple[str, ...]]:
    """The declared columns of facts of the cycle's year (:data:`YEARLY_KINDS`) by the file that holds them."""
    return {f: tuple(c.name for c in cs if c.kind in YEARLY_KINDS) for f, cs in by_file(columns).items()}


def by_file(columns: Sequence[Column]) -> dict[str, list[Column]]:
    """The declared columns by the file that holds them (people.csv, units.csv, incarichi.csv, progetti.csv)."""
    out: dict[str, list[Column]] = {}
    for c in columns:
        out.setdefault(FILES[c.table], []).append(c)
    return out


def missing(reg: Regulation, ente: Ente) -> list[Problem]:
    """A declared column that its list does not have: an error naming it, once (not once per person read). The
    ente's data are one row: written twice, an error too."""
    out = []
    rows, whole = ente.table(DATA_SHEET), [c for c in reg.columns if c.table == WHOLE]
    if whole and len(rows) > 1:
        message = f"i dati dell'ente si scrivono una volta sola, non in {len(rows)} righe: tieni una sola riga [dati]"
        out.append(
            Problem.at(ente, "regolamento.colonna", message, cite(reg, whole[0].source), DATA_SHEET, rows[1].row)
        )
    for c in reg.columns:
        if c.table == WHOLE:
            if not rows or rows[0].get(c.name) is None:
                out.append(_no_datum(reg, ente, c))
            continue
        sheet = FILES[c.table].removesuffix(".csv")
        if c.name in ente.headers.get(sheet, ()) or (c.table in (ROWS, PROJECTS) and sheet not in ente.headers):
            continue  # an ente without incarichi (or projects) has no appointment to read the column for
        whose = WHOSE[c.table]
        message = f"manca la colonna {fmt.quoted(c.name)} dichiarata in [[colonne]] ({c.meaning}): aggiungila {whose}"
        out.append(Problem.at(ente, "regolamento.colonna", message, cite(reg, c.source), sheet, 1, c.name))
    return out


def _no_datum(reg: Regulation, ente: Ente, c: Column) -> Problem:
    """A datum of the ente the regulation declares and the ente does not write, placed where it goes."""
    value = {
        "sì/no": "sì",
        "testo": "testo",
        "euro": "1000.00",
        "percentuale": "10%",
        "data": "01/07/2024",
        "anno": "2024",
    }.get(c.kind, "10")
    message = f"manca il dato dell'ente {fmt.quoted(c.name)} dichiarato in [[colonne]] ({c.meaning}): "
    rows = ente.table(DATA_SHEET)
    if rows and not ente.file_of(DATA_SHEET).startswith("ente.toml"):  # dati.csv, the foglio dati: its row
        message += f"scrivilo nella colonna {c.name} di {ente.sheet_said(DATA_SHEET)}"
        return Problem.at(ente, "regolamento.colonna", message, cite(reg, c.source), DATA_SHEET, rows[0].row, c.name)
    message += f'{WHOSE[WHOLE]}, es. {c.name} = "{value}"'
    return Problem(rule="regolamento.colonna", message=message, source=cite(reg, c.source), file="ente.toml",
                   column=f"{DATA_SHEET}.{c.name}")  # fmt: skip
