"""A sheet's columns, checked and parsed: the canonical files and their columns (each with its parser
and whether it is required; a plugin adds its own through its :class:`core.outcomes.InputSchema`), then
a sheet's texts → :class:`Table`, the typed values by column and the problems of the rows with a bad cell,
reported in row order as the rows are kept (:func:`kept`).
"""

from __future__ import annotations

import itertools
import operator
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any

import attrs

from ciclope.core import cells, labels
from ciclope.core import model as m
from ciclope.core.fmt import quoted
from ciclope.core.inputs.headers import header_label, sheet_title
from ciclope.core.inputs.reading import Reading
from ciclope.core.inputs.tables import Sheet
from ciclope.core.nearest import hint
from ciclope.core.nearest import said as maybe
from ciclope.core.problems import Problem
from ciclope.core.values import CONTROL as _CONTROL
from ciclope.core.values import (
    DateOf,
    choice,
    measure,
    parse_bool,
    parse_date,
    parse_distinct,
    parse_id,
    parse_money,
    parse_nonnegative,
    parse_number,
    parse_percent,
    parse_positive_fraction,
    parse_share,
    parse_text,
)


def _folded(word: str) -> str:
    """A name without case, accents and separators: «AREA DEGLI ISTRUTTORI», «dell’Elevata» and «dell'Elevata» are
    one."""
    plain = unicodedata.normalize("NFKD", word.replace("’", "'")).encode("ascii", "ignore").decode("ascii")
    return " ".join(re.sub(r"[^0-9a-z]+", " ", plain.casefold()).split())


_AREE = {_folded(name): code for name, code in labels.AREE_2023_WORDS.items()}


_STEP = re.compile(r"[A-D][1-8]")


def _category(s: str) -> str:
    """A category (A–D, DIR), or the Area of the CCNL 16.11.2022 that took its place (the same code)."""
    value = _AREE.get(_folded(s)) or s.strip().upper()
    if value not in m.CATEGORIES and _STEP.fullmatch(value):  # B3, C1, D6: a step of the old categories' pay scale
        raise ValueError(
            f"trovato {quoted(s)}: è una posizione economica (o un accesso come B3 e D3), non una categoria; la categoria "
            f"è la lettera, {value[0]} (nei contratti dal 2022 l'Area che ne ha preso il posto)"
        )
    if value not in m.CATEGORIES:
        raise ValueError(
            f"attesa una categoria tra {', '.join(m.CATEGORIES)} o un'Area del CCNL 16.11.2022 "
            f"({', '.join(labels.AREE_2023.values())}; anche senza «Area dei», come «Istruttori»), trovato {quoted(s)}"
            f"{hint(s, list(labels.AREE_2023_WORDS))}; "
            "il grado di un altro contratto (EP, un livello "
            "Federcasa…) va nella colonna grado, che un regolamento dichiarato legge con la tabella [gradi], e la "
            "categoria resta vuota"
        )
    return value


_category.choices = m.CATEGORIES  # type: ignore[attr-defined]  # a closed list: the template's drop-down

_RAW = object()  # columns parsed by their owner (indicator values depend on the type)


def _aliases(labels: dict[str, str]) -> dict[str, str]:
    """The Italian label a report prints → the input code (round trip: what a report shows, the input reads)."""
    return {label: code for code, label in labels.items()}


# The columns that count days or points: a percentage typed in one is an error naming it, never a fraction of a day
# or of a point («50%» of absence days read as 0,5 paid a part-timer as full time).
_ABSENCE_DAYS = measure(
    "giorni_assenza",
    "i giorni di assenza nell'anno",
    "12 o 2,5",
    instead="; la quota del tempo parziale va in quota_tempo",
)
_MAX_POINTS = measure("punti_massimi", "i punti massimi della voce", "40", negative=True)
_POINTS = measure("punti", "i punti dati alla voce", "32 o 7,5", negative=True)
_NEW_POINTS = measure("nuovi_punti", "i punti della voce dopo il ricorso", "32 o 7,5")


def role_parser(own: Mapping[str, str]) -> Callable[[str], str]:
    """The column ruolo's reader: the core's words for the roles, the other words an office writes for them and the
    ente's own names of them (``own``: word → role, :attr:`InputSchema.role_words`)."""
    return choice(
        *m.ROLES, aliases={**own, **_aliases(labels.ROLE_LABELS), **labels.ROLE_ALIASES}, said=labels.ROLES_SAID
    )


# file → column → (parser, required column)
CANONICAL: dict[str, dict[str, tuple[Any, bool]]] = {
    "units": {
        "id": (parse_id, True),
        "name": (parse_text, False),
        "kind": (cells.parse_unit_kind, True),
        "parent": (parse_id, False),
        "head": (parse_id, False),
    },
    "areas": {
        "id": (parse_id, True),
        "name": (parse_text, False),
        "weight": (parse_nonnegative, False),
        "separate": (parse_bool, False),
    },
    "people": {
        "id": (parse_id, True),
        "name": (parse_text, False),
        "role": (role_parser({}), True),
        "category": (_category, False),
        "unit": (parse_id, True),
        "fte": (parse_positive_fraction, False),
        "absence_days": (_ABSENCE_DAYS, False),
        "insufficient": (parse_bool, False),
        "evaluator": (parse_id, False),
    },
    "objectives": {
        "id": (parse_id, True),
        "kind": (choice(*m.OBJECTIVE_KINDS, aliases=_aliases(labels.KIND_LABELS)), True),
        "title": (parse_text, False),
        "parent": (parse_id, False),
        "area": (parse_id, False),
        "weight": (parse_nonnegative, False),
        "owner": (parse_id, False),
    },
    "indicators": {
        "id": (parse_id, True),
        "objective": (parse_id, True),
        "name": (parse_text, False),
        "type": (choice(*m.INDICATOR_TYPES, aliases={**_aliases(labels.TYPE_LABELS), **labels.TYPE_ALIASES}), True),
        "weight": (parse_nonnegative, False),
        "baseline": (_RAW, False),
        "target": (_RAW, False),
        "actual": (_RAW, False),
        "target_mid": (_RAW, False),
        "actual_mid": (_RAW, False),
        "neutralized": (parse_bool, False),
        "reason": (parse_text, False),
        "source": (parse_text, False),
        "benchmark": (parse_text, False),
    },
    "assignments": {
        "cruscotto": (parse_id, True),
        "owner": (parse_id, True),
        "ref": (parse_id, True),
        "weight": (parse_nonnegative, False),
    },
    "evaluations": {
        "person": (parse_id, True),
        "evaluator": (parse_id, False),
        "section": (parse_text, False),
        "item": (parse_text, True),
        "max_points": (_MAX_POINTS, True),
        "points": (_POINTS, True),
        "weight": (parse_nonnegative, False),
        "motivation": (parse_text, False),  # the evaluator's words for the card, shown on the scheda personale
    },
    "revisions": {
        "indicator": (parse_id, True),
        "field": (
            choice("target", "target_mid", "weight", aliases={"target_30_6": "target_mid", "peso": "weight"}),
            True,
        ),
        "old": (parse_text, False),
        "new": (parse_text, True),
        "reason": (parse_text, False),
        "oiv_validated": (parse_bool, False),
        "approved": (parse_bool, False),
    },
    "appeals": {
        "person": (parse_id, True),
        "stage": (choice(*m.APPEAL_STAGES), True),
        "date": (parse_date, False),
        "outcome": (choice(*m.APPEAL_OUTCOMES), False),
        "new_points_item": (parse_text, False),
        "new_points": (_NEW_POINTS, False),
        "evaluator": (parse_id, False),
    },
    # the people evaluated by several evaluators in the year: a row per person and evaluator of a part of it
    "evaluator_periods": {
        "person": (parse_id, True),
        "evaluator": (parse_id, True),
        "start": (parse_date, True),
        "end": (parse_date, True),
    },
    # the part-time that changes in the year: a row per person and period, with the period's share of time
    "time_periods": {
        "person": (parse_id, True),
        "start": (parse_date, True),
        "end": (parse_date, True),
        "fte": (parse_positive_fraction, True),
    },
}
# The core's parsers are pure functions of the text returning immutable values, so a column's repeated
# texts (ids, points, weights, flags) are parsed once: profiled, parsing was half of the loading time.
_PURE_PARSERS = tuple(
    {parser for cols in CANONICAL.values() for parser, _ in cols.values() if parser is not _RAW}
    | {
        parse_id,
        parse_bool,
        parse_date,
        parse_money,
        parse_nonnegative,
        parse_number,
        parse_percent,
        parse_positive_fraction,
        parse_share,
    }
)
TARGET_YEAR = re.compile(r"^target_(\d{4})$")  # indicators.csv's columns of the multi-year plan


@attrs.frozen
class Table:
    """A sheet's columns parsed: ``values[c][i]`` is the value of column ``c`` (header order, ``x_``
    columns aside) in the sheet's ``i``-th kept row, None for an empty or bad cell; ``bad`` holds the
    problems of the rows with a bad cell: row index → [(column, rule, message)], in column order."""

    sheet: Sheet
    values: dict[str, list[Any]]
    bad: dict[int, list[tuple[str, str, str]]]

    def column(self, name: str) -> list[Any]:
        """The column's values; None in every row for a column the sheet lacks."""
        found = self.values.get(name)
        return [None] * len(self.sheet.numbers) if found is None else found


def parsers(r: Reading, name: str) -> dict[str, tuple[Any, bool]]:
    """The columns a sheet may have: column → (parser, required), the plugin's own included."""
    cols = dict(CANONICAL.get(name, {}))
    if name == "people" and r.asked.schema.role_words:  # the ente's own names of its roles read as the roles
        cols["role"] = (role_parser(r.asked.schema.role_words), cols["role"][1])
    for col, parser in r.asked.schema.columns.get(f"{name}.csv", {}).items():
        cols[col] = (parser, False)
    for col, parser in r.asked.schema.files.get(f"{name}.csv", {}).items():
        cols[col] = (parser, False)
    for col in r.asked.schema.required.get(f"{name}.csv", ()):
        if col in cols:
            cols[col] = (cols[col][0], True)
    if r.asked.collecting and name == "evaluations":
        cols["points"] = (cols["points"][0], False)
    dated = DateOf(r.asked.year)  # a date refused is told with dates of the cycle's year
    return {col: (dated if parser is parse_date else parser, required) for col, (parser, required) in cols.items()}


def rows(r: Reading, name: str) -> Iterator[tuple[Sheet, int, dict[str, Any]]]:
    """Parsed rows of a sheet, each as ``{column: value}``; a row with any bad cell is reported and
    skipped. For the small sheets; the big ones are built from their columns (:mod:`.records`)."""
    found = table(r, name)
    if found is not None:
        names = list(found.values)
        each = zip(*found.values.values()) if names else itertools.repeat((), len(found.sheet.numbers))
        for _, n, row in kept(r, found, each):
            yield found.sheet, n, dict(zip(names, row))


def table(r: Reading, name: str) -> Table | None:
    """A sheet's columns checked and parsed; None when there is no sheet or it lacks a required
    column (reported)."""
    sheet = r.sheets.get(name)
    if sheet is None:
        return None
    cols = parsers(r, name)
    if not _header_holds(r, sheet, name, cols):
        return None
    # Each column is parsed as a whole: a column repeats few distinct texts (a card's items, the
    # units, the ratings), and a pure parser sees each distinct text once. The problems of a row
    # (columns are parsed in header order, so each row's list is in column order) are reported right
    # before the row would have been yielded, as a parse cell by cell reported them.
    values: dict[str, list[Any]] = {}
    bad: dict[int, list[tuple[str, str, str]]] = {}  # kept row → (column, rule, message)
    open_parser = r.asked.schema.open_columns.get(f"{name}.csv", _RAW)
    for col in sheet.header:
        if col.startswith("x_"):
            continue
        parser, required = cols.get(col, (open_parser, False))
        said = header_label(name, col, r.asked.schema) if required else col  # the column as the office names it
        values[col] = _parsed(col, sheet.columns[col], parser, required, bad, said)
    if name == "people" and r.asked.schema.grades:
        _grades_as_categories(r, sheet, values, bad)
    return Table(sheet, values, bad)


def _grades_as_categories(r: Reading, sheet: Sheet, values: dict[str, list[Any]], bad: dict) -> None:
    """Each row whose column categoria holds one of the ente's own grades while its grade column is empty: the
    grade was written in the wrong column. Its cell's problem, in place of the category's own (a grade that is no
    category, BS, is refused by the category's reader too): said at load with every other such row, whether the grade
    is also a category (B, C, D, which the reader accepts) or not, so the office fixes them in one round."""
    schema = r.asked.schema
    texts = sheet.columns.get("category")
    if texts is None:
        return
    grades = {_folded(g) for g in schema.grades}
    written = values.get(schema.grade_column) or [None] * len(texts)
    where = {col: n for n, col in enumerate(sheet.header)}
    grade, category = header_label("people", schema.grade_column, schema), header_label("people", "category", schema)
    for i, text in enumerate(texts):
        if not text or written[i] is not None or _folded(text) not in grades:
            continue
        message = (
            f"{quoted(text)} è un grado del regolamento ([gradi]), ma la colonna {grade} è vuota: il grado va nella "
            f"colonna {grade}, e la {category} resta vuota"
        )
        found = [e for e in bad.get(i, []) if e[0] != "category"] + [("category", "core.input.grade", message)]
        bad[i] = sorted(found, key=lambda e: where.get(e[0], len(where)))
        values["category"][i] = None


# headers an office writes for a column of the people's file under another name, the words of a spelling far from it
SAME_MEANING = {
    "tempo_parziale": "quota_tempo",
    "part_time": "quota_tempo",
    "percentuale_tempo": "quota_tempo",
    "assenze": "giorni_assenza",
    "data_assunzione": "assunzione",
    "data_cessazione": "cessazione",
    "matricola": "codice",
}


def _unknown_key(r: Reading, sheet: Sheet, shown: str, near: str, words: list[str]) -> None:
    """A key of a sheet written as a table of ente.toml ([dati]) that is none of its columns: a key of ente.toml,
    said at its line and in its table as the office wrote them («ente.toml, riga 5, [dati] fondo_istituo»)."""
    table = sheet.label.removeprefix("ente.toml ")  # «[dati]» or «[[dati]]», as written
    key = f"{table.strip('[]')}.{shown}"
    r.log.err(
        "ente.toml",
        sheet.lines.get(shown),
        key,
        "core.input.unknown_column",
        f"chiave sconosciuta {quoted(shown)}{near}: le chiavi di {table} sono {', '.join(words)}; una chiave "
        "aggiuntiva dell'ufficio si scrive con il prefisso x_ (es. x_note)",
    )


def _header_holds(r: Reading, sheet: Sheet, name: str, cols: dict[str, tuple[Any, bool]]) -> bool:
    """The header's unknown columns and missing required ones reported; whether the sheet can be read
    (no required column missing)."""
    for col in sheet.header:
        if col in cols or col.startswith("x_") or (name == "indicators" and TARGET_YEAR.match(col)):
            continue
        if f"{name}.csv" in r.asked.schema.open_columns:  # named by the regulation: its plugin checks them
            continue
        words = [header_label(name, c, r.asked.schema) for c in cols]
        shown = sheet.shown.get(col, col)
        meant = SAME_MEANING.get(shown.strip().lower())
        near = maybe(meant) if meant in words else hint(shown, words)
        if sheet.lines:  # a table of ente.toml: a key, at its line
            _unknown_key(r, sheet, shown, near, words)
            continue
        r.err(
            sheet,
            1,
            col,
            "core.input.unknown_column",
            f"colonna sconosciuta {quoted(shown)}{near}: le colonne "
            f"di {sheet_title(name, r.asked.schema)} sono {', '.join(words)}; una colonna aggiuntiva dell'ufficio si scrive "
            "con il prefisso x_ (es. x_note)",
        )
    for col, (_, required) in cols.items():
        if required and col not in sheet.header:
            said = header_label(name, col, r.asked.schema)
            r.err(sheet, 1, col, "core.input.missing_column", f"manca la colonna obbligatoria {quoted(said)}")
    return not any(
        p.file == sheet.label and p.row == 1 and p.rule == "core.input.missing_column" for p in r.log.problems
    )


def _parsed(col: str, texts: list[str], parser: Any, required: bool, bad: dict, said: str = "") -> list[Any]:
    """A column's texts → its values (None for an empty or bad cell); each bad cell's problem, and each
    empty cell's of a required column, added to its row's in ``bad``."""
    empty: bool | None = None  # whether the column has an empty cell, when known as its texts are read
    if parser is _RAW or parser is parse_text:
        parsed = _texts(col, texts, bad)
    elif any(parser is p for p in _PURE_PARSERS) or getattr(parser, "pure", False) is True:
        parsed, empty = _parsed_once(col, texts, parser, bad)
    else:
        parsed = _parsed_each(col, texts, parser, bad)
    blank = getattr(parser, "blank", None)  # what an empty cell reads as, where the plugin says it (blank_is)
    if blank is not None and ("" in texts if empty is None else empty):
        parsed = [blank if not text else value for text, value in zip(texts, parsed)]
    if required and ("" in texts if empty is None else empty):
        menu = getattr(parser, "words", "")  # a column of choices (the template's drop-down): which to write
        message = f"valore obbligatorio mancante in {quoted(said or col)}{f': scrivi uno tra {menu}' if menu else ''}"
        for i, text in enumerate(texts):
            if not text:
                bad.setdefault(i, []).append((col, "core.input.required", message))
    return parsed


def _texts(col: str, texts: list[str], bad: dict) -> list[Any]:
    """A column of texts: one string object per distinct text (a card's items repeat), the first one
    read, None for an empty cell: one dict operation per cell (``setdefault``, in C); a control
    character is a bad cell."""
    seen: dict[str, Any] = {"": None}
    parsed = list(map(seen.setdefault, texts, texts))
    if _CONTROL.search("".join(seen)):  # one search over the distinct texts; rare: then each
        for i, text in enumerate(texts):
            found = _CONTROL.search(text)
            if found:
                message = f"il testo contiene il carattere di controllo U+{ord(found.group()):04X}: toglilo"
                bad.setdefault(i, []).append((col, "core.input.value", message))
    return parsed


def _parsed_once(col: str, texts: list[str], parser: Any, bad: dict) -> tuple[list[Any], bool]:
    """A column of a pure parser: a value is made once per distinct text; (the values, whether a cell
    is empty)."""
    seen = dict.fromkeys(texts)
    empty = "" in seen
    if empty:
        del seen[""]
    known, failed = parse_distinct(parser, seen)  # the distinct texts, in order of first appearance
    parsed = _looked_up(known, failed, empty, texts) if seen else [None] * len(texts)
    if failed:
        for i, text in enumerate(texts):
            if text in failed:
                bad.setdefault(i, []).append((col, "core.input.value", failed[text]))
    return parsed, empty


def _parsed_each(col: str, texts: list[str], parser: Any, bad: dict) -> list[Any]:
    """A column of a plugin's parser: called for every cell."""
    parsed: list[Any] = []
    for i, text in enumerate(texts):
        if not text:
            parsed.append(None)
            continue
        try:
            parsed.append(parser(text))
        except ValueError as exc:
            parsed.append(None)
            bad.setdefault(i, []).append((col, "core.input.value", str(exc)))
    return parsed


def _looked_up(known: dict[str, Any], failed: dict[str, str], empty: bool, texts: list[str]) -> list[Any]:
    """Each text's value in ``known`` (None for an empty or failed text; ``known`` is the caller's to
    change), taken from the dict by one ``itemgetter`` of all the texts."""
    if empty:
        known[""] = None
    for text in failed:
        known[text] = None
    if len(texts) < 2:  # an itemgetter of one item gives the value, not a tuple
        return [known[text] for text in texts]
    return list(operator.itemgetter(*texts)(known))


def people_names(r: Reading) -> dict[str, str]:
    """Each person's code → their name, as the people's sheet writes them (before the records are built: a problem
    of any sheet may name the person of its row)."""
    sheet = r.sheets.get("people")
    if sheet is None or "id" not in sheet.columns or "name" not in sheet.columns:
        return {}
    return {code: name for code, name in zip(sheet.columns["id"], sheet.columns["name"]) if code and name}


def later(r: Reading) -> list[Problem]:
    """The problems of the cells whose column's parser has a ``later`` (:class:`InputSchema`): said at load only
    when the load stops for another error, since the validation that says them runs on loaded data. Each at its
    cell, a row that is not the person's own naming its person, as a bad cell does."""
    names = people_names(r)
    out: list[Problem] = []
    for name, sheet in r.sheets.items():
        own = "id" if name == "people" else "person"  # the column that says whose row it is
        whose = sheet.columns.get(own)
        for col, (parser, _) in parsers(r, name).items():
            check = getattr(parser, "later", None)
            if check is None or col not in sheet.columns:
                continue
            for i, text in enumerate(sheet.columns[col]):
                found = check(text) if text else None
                if found is None:
                    continue
                code = whose[i] if whose is not None else ""
                said = f"{found.message}; riga di {person_said(names, code)}" if code in names else found.message
                column = r.column_said(sheet.label, col)
                out.append(attrs.evolve(found, file=sheet.label, row=sheet.numbers[i], column=column, message=said))
    return out


def person_said(names: Mapping[str, str], code: str) -> str:
    """A person as a message about their row says them: «Silvia Repetto (P03)»; the code alone without a name."""
    name = names.get(code)
    return f"{name} ({code})" if name else code


# what an office writes in a row of totals at the bottom of a sheet («Totale», «TOTALI», «Tot. assenze»)
_TOTAL = re.compile(r"tot(?:ale|ali|\.)", re.IGNORECASE)


def total_said(sheet: Sheet, i: int, own: str) -> str:
    """The text that makes the ``i``-th row a row of totals (its code or its name begins with «Totale»), or ""."""
    for col in (own, "name"):
        text = sheet.columns[col][i] if col in sheet.columns else ""
        if _TOTAL.match(text):
            return text
    return ""


def what_to_write(sheet: Sheet, i: int, col: str, rule: str) -> str:
    """What goes in an empty cell a message asks for, where the row says it: a card's points, by the item and its
    maximum («: scrivi i punti della voce «Flessibilità» (da 0 a 20)»)."""
    if rule != "core.input.required" or col != "points" or "item" not in sheet.columns:
        return ""
    item = sheet.columns["item"][i]
    most = sheet.columns["max_points"][i] if "max_points" in sheet.columns else ""
    return f": scrivi i punti della voce {quoted(item)}{f' (da 0 a {most})' if most else ''}" if item else ""


def kept(r: Reading, table: Table, each: Iterable[Any]) -> Iterator[tuple[Sheet, int, Any]]:
    """``each`` (one item per row of the sheet) less the rows with a bad cell, whose problems are
    reported in their turn, as a parse cell by cell reported them; the id of a skipped row is remembered."""
    sheet, bad = table.sheet, table.bad
    numbers, ids = sheet.numbers, sheet.columns.get("id")
    names = people_names(r) if bad else {}
    own = "id" if sheet is r.sheets.get("people") else "person"  # the column that says whose row it is
    whose = sheet.columns.get(own)
    for i, row in enumerate(each):
        found = bad.get(i)
        if found is None:
            yield sheet, numbers[i], row
            continue
        code = whose[i] if whose is not None else ""
        total = total_said(sheet, i, own)
        if total:  # one problem for the row: its cells' would ask to complete a row that must go
            message = f"la riga sembra un totale ({quoted(total)}): ciclope fa da sé le somme, cancella la riga"
            r.err(sheet, numbers[i], own, "core.input.total_row", message)
            found = []
        for col, rule, message in found:
            named = col != own and code in names  # a bad code names nobody yet
            said = f"{message}{what_to_write(sheet, i, col, rule)}"
            r.err(sheet, numbers[i], col, rule, f"{said}; riga di {person_said(names, code)}" if named else said)
        if ids is not None and ids[i]:
            r.log.rejected.add(ids[i])
