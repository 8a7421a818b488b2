"""An ente's ``ente.toml``: its name, funds and approvals, its external evaluators and the span of its
multi-year plan; every bad key or value reported (the file is required)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

import attrs

from ciclope.core.entetoml import canonical, funds_and_dates
from ciclope.core.evaluationbody import DEFAULT_BODY, EvaluationBody
from ciclope.core.fmt import decimal_it, quoted, toml_value
from ciclope.core.inputs.folder import confined, sha256
from ciclope.core.inputs.headers import italian_headers, sheet_title
from ciclope.core.inputs.reading import Asked, Log
from ciclope.core.inputs.tables import Sheet
from ciclope.core.nearest import hint
from ciclope.core.tomlcompat import floats_written, loads_checked, read_text
from ciclope.core.values import parse_date, parse_money, parse_percent, parse_share, to_decimal
from ciclope.core.vocabulary import APPROVAL_NAMES, italian

ENTE_TOML_KEYS = {"name", "body", "funds", "approvals", "evaluators", "piano"}
ENTE_TOML_WORDS = ("nome", "organismo_valutazione", "fondi", "atti", "valutatori", "piano")  # as the office writes them
APPROVAL_NUMBERS = {"oiv_attested"}


@attrs.frozen
class EnteFile:
    """What ``ente.toml`` declares: the ente's name, funds and approvals, its external evaluators (id → who
    they are), its independent evaluation body (the OIV unless it names another), the years of its multi-year plan (None when not declared), the rows it holds of a plugin's
    own sheets (``[[<title>]]``, by canonical sheet name) and its fingerprint (sha256, "" when not read)."""

    name: str
    funds: dict[str, Any] = attrs.field(factory=dict)
    approvals: dict[str, Any] = attrs.field(factory=dict)
    evaluators: dict[str, str] = attrs.field(factory=dict)
    plan: tuple[int, int] | None = None
    rows: dict[str, Sheet] = attrs.field(factory=dict)
    fingerprint: str = ""
    body: EvaluationBody = DEFAULT_BODY


# where the file is missing, what it holds and what writes it: the template, run again on the office's folder, writes
# the files that are not there and keeps those that are
MISSING = (
    "manca ente.toml nella cartella dell'ente {0}: è obbligatorio e vi si scrivono il nome dell'ente, i fondi "
    "([fondi]) e le date degli atti ([atti]); lo scrive ciclope template sulla cartella di cycle.toml, con ogni "
    "chiave commentata (i file che ci sono restano come sono)"
)


def read(asked: Asked, log: Log, sheets: Mapping[str, Sheet]) -> EnteFile:
    """What ``ente.toml`` declares; only the name (the ente's id) when it cannot be read. ``sheets``: those
    the folder holds (a plugin's sheet given both there and as rows of ente.toml is an error)."""
    path = asked.folder / "ente.toml"
    if not path.exists():
        log.err("ente.toml", None, "", "core.input.missing_file", MISSING.format(asked.folder))
        return EnteFile(asked.ente_id)
    if not confined(asked.folder, path, log):
        return EnteFile(asked.ente_id)
    if not path.is_file():
        log.err("ente.toml", None, "", "core.input.not_a_file", "ente.toml non è un file normale")
        return EnteFile(asked.ente_id)
    fingerprint = sha256(path)
    try:
        text = read_text(path)
        data = loads_checked(text)
    except ValueError as exc:
        log.err("ente.toml", None, "", "core.input.toml", str(exc))
        return EnteFile(asked.ente_id, fingerprint=fingerprint)
    _ambiguous_floats(log, data, text)
    data, renamed = canonical(data)
    log.problems += renamed
    schema = asked.schema
    own = {sheet_title(f.removesuffix(".csv"), schema): f.removesuffix(".csv") for f in schema.toml_rows}
    rows: dict[str, Sheet] = {}
    for key in data:
        if key in own:
            if (sheet := _own_rows(asked, log, {**sheets, **rows}, own[key], key, (data[key], text))) is not None:
                rows[own[key]] = sheet
        elif key not in ENTE_TOML_KEYS and not key.startswith("x_"):
            known = (*ENTE_TOML_WORDS, *sorted(own))
            log.err(
                "ente.toml",
                None,
                key,
                "core.input.unknown_key",
                f"chiave sconosciuta {quoted(key)}{hint(key, known)} (ammesse: {', '.join(known)})",
            )
    raw_funds, funds = _funds(log, data.get("funds", {}))
    approvals = _approvals(log, data.get("approvals", {}))
    log.problems += funds_and_dates(raw_funds, approvals, schema)
    evaluators = _external_evaluators(log, data.get("evaluators", {}))
    plan = _plan_span(log, data.get("piano", {}))
    body = _body(log, data.get("body"))
    return EnteFile(str(data.get("name", asked.ente_id)), funds, approvals, evaluators, plan, rows, fingerprint, body)


# A number written without quotes with a dot and three digits after it: TOML reads «60.000» as 60, and an office
# writes the thousands with that dot; the leading 0 of «0.125» leaves one reading
AMBIGUOUS_FLOAT = re.compile(r"[+-]?[1-9]\d{0,2}\.\d{3}")


def _ambiguous_floats(log: Log, data: dict[str, Any], text: str) -> None:
    """Each number of ente.toml written as ``fondo = 60.000`` (:data:`AMBIGUOUS_FLOAT`) is an error that gives both
    readings, at its key (a table of ``[[…]]`` at its row), and is taken out of ``data``: it is read as neither."""
    if "." not in text:
        return
    for path, written in sorted(floats_written(text).items(), key=lambda item: [str(p) for p in item[0]]):
        if not AMBIGUOUS_FLOAT.fullmatch(written):
            continue
        keys = [str(p) for p in path if isinstance(p, str)]
        row = next((p + 1 for p in path if isinstance(p, int)), None)
        name, read = keys[-1], decimal_it(Decimal(written).normalize())
        thousands = decimal_it(Decimal(written.replace(".", "")))
        message = (
            f"{name} = {written}: senza virgolette si legge {read}, col punto decimale; se intendi {thousands} "
            f'scrivi {name} = "{written},00", se intendi {read} scrivi {name} = "{read}"'
        )
        log.err("ente.toml", row, ".".join(keys), "core.input.value", message)
        parent: Any = data
        for p in path[:-1]:
            parent = parent[p]
        if isinstance(parent, dict):
            del parent[path[-1]]


def _own_rows(
    asked: Asked, log: Log, sheets: Mapping[str, Sheet], name: str, title: str, written: tuple[Any, str]
) -> Sheet | None:
    """``[[<title>]]`` tables of ente.toml: the rows of a plugin's own sheet (``InputSchema.toml_rows``), each table a
    row and its keys the columns, read as the sheet is (the same parsers, the same problems at «ente.toml
    [[<title>]]», row N = the N-th table). A sheet of one row may be one table, ``[<title>]`` (the ente's own data,
    a value each). The same sheet given also as a file or a workbook's sheet with rows is an error; one left empty
    under its header (as the template writes it) gives way. ``written``: the tables and the text of ente.toml."""
    raw, text = written
    label = f"ente.toml [[{title}]]"
    if isinstance(raw, dict):
        raw, label = [raw], f"ente.toml [{title}]"
    if not isinstance(raw, list) or not all(isinstance(t, dict) for t in raw):
        log.err("ente.toml", None, title, "core.input.value", f"{title}: scrivi una tabella [[{title}]] per riga")
        return None
    if name in sheets and sheets[name].numbers:
        message = f"{title} è sia in {sheets[name].label} sia in ente.toml: tienine uno solo"
        log.err("ente.toml", None, title, "core.input.duplicate_sheet", message)
        return None
    reported = _bare_percentages(asked, log, name, title, raw)
    header = tuple(dict.fromkeys(str(k) for t in raw for k in t))
    # a bare percentage is said here, in the words of ente.toml: its cell is left empty, not read again as a cell
    columns = {h: ["" if (i, h) in reported else _text(t.get(h)) for i, t in enumerate(raw)] for h in header}
    numbers = tuple(range(1, len(raw) + 1))
    lines = key_lines(text, title)
    sheet = Sheet(name=name, label=label, header=header, numbers=numbers, columns=columns, lines=lines)
    return italian_headers(sheet, asked.schema)


TABLE_HEAD = re.compile(r"^\s*\[\[?\s*([A-Za-z0-9_\-]+)\s*\]\]?\s*(#.*)?$")
KEY_LINE = re.compile(r"^\s*([A-Za-z0-9_\-]+)\s*=")


def key_lines(text: str, title: str) -> dict[str, int]:
    """Each key written under ``[title]`` or ``[[title]]`` of ente.toml → the line (from 1) it is first on."""
    out: dict[str, int] = {}
    table = None
    for n, line in enumerate(text.splitlines(), start=1):
        if (head := TABLE_HEAD.match(line)) is not None:
            table = head.group(1)
        elif table == title and (key := KEY_LINE.match(line)) is not None:
            out.setdefault(key.group(1), n)
    return out


def _bare_percentages(asked: Asked, log: Log, name: str, title: str, raw: list[dict[str, Any]]) -> set[tuple[int, str]]:
    """A percentage written without its sign (``quota = 2``, ``quota = "0,5"``) is an error: as a cell, 2 would be
    200% and 0,5 50%, and whoever types a bare number in ente.toml most often means points (2%). With the % sign
    there is one reading. Returns the cells said, which are not read again as cells."""
    reported: set[tuple[int, str]] = set()  # (the table's index, the key) of each one said
    file = f"{name}.csv"
    parsers = {**asked.schema.columns.get(file, {}), **asked.schema.files.get(file, {})}
    codes = {said: code for code, said in asked.schema.headers.get(file, {}).items()}
    for i, table in enumerate(raw):
        for key, value in table.items():
            if parsers.get(codes.get(key, key)) is not parse_percent or isinstance(value, bool):
                continue
            if not isinstance(value, (int, float, str)) or str(value).strip().endswith("%") or not str(value).strip():
                continue
            try:
                number = to_decimal(value)
            except ValueError:
                continue  # not a number: the parser says what it is
            points, ratio = f"{number.normalize():f}%", f"{(number * 100).normalize():f}%"
            log.err("ente.toml", None, f"{title}.{key}", "core.input.value",
                    f"{key} = {toml_value(value)}: una percentuale si scrive tra virgolette con il segno %, "
                    f'{key} = "{points}" oppure {key} = "{ratio}"')  # fmt: skip
            reported.add((i, str(key)))
    return reported


def _text(value: Any) -> str:
    """A TOML value as the text of a cell: numbers as written (exact), dates ISO, true/false as SI/NO."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "SI" if value else "NO"
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, (int, float)):
        return str(to_decimal(value))
    return str(value).strip()


def _funds(log: Log, raw_funds: Any) -> tuple[dict, dict]:
    """``[funds]``: (the table as written, {} when it is not one; each fund read as money)."""
    funds = {}
    if not isinstance(raw_funds, dict):
        log.err("ente.toml", None, "funds", "core.input.value", "[fondi] deve essere una tabella")
        raw_funds = {}
    for key, raw in raw_funds.items():
        try:
            funds[key] = parse_money(raw if isinstance(raw, str) else str(to_decimal(raw)))
        except ValueError as exc:
            log.err("ente.toml", None, f"funds.{key}", "core.input.value", str(exc))
    return raw_funds, funds


def _approvals(log: Log, raw_appr: Any) -> dict[str, Any]:
    """``[approvals]``: each approval read as a date, a share or a number (:func:`_approval`)."""
    approvals: dict[str, Any] = {}
    if not isinstance(raw_appr, dict):
        log.err("ente.toml", None, "approvals", "core.input.value", "[atti] deve essere una tabella")
        raw_appr = {}
    for key, raw in raw_appr.items():
        try:
            approvals[key] = _approval(key, raw)
        except ValueError as exc:
            log.err("ente.toml", None, f"approvals.{key}", "core.input.value", str(exc))
    return approvals


def _external_evaluators(log: Log, raw: Any) -> dict[str, str]:
    """``[evaluators] OIV = "Organismo indipendente di valutazione"``: evaluators who are not staff (the
    Segretario Generale is usually evaluated by the OIV or the President, rules/core.md §3)."""
    if not isinstance(raw, dict):
        log.err("ente.toml", None, "evaluators", "core.input.value", "[valutatori] deve essere una tabella")
        return {}
    evaluators: dict[str, str] = {}
    for key, who in raw.items():
        if not isinstance(who, str) or not who.strip():
            log.err(
                "ente.toml",
                None,
                f"evaluators.{key}",
                "core.input.value",
                f"valutatore esterno {quoted(key)}: scrivi chi è, es. {key} = \"Organismo indipendente di valutazione\"",
            )
            continue
        evaluators[str(key)] = who.strip()
    return evaluators


def _body(log: Log, raw: Any) -> EvaluationBody:
    """``organismo_valutazione = "Nucleo di valutazione"``: the body that validates the Relazione and attests
    the performance, as the ente's documents name it (D.Lgs. 150/2009 art. 14; an ente locale's Nucleo di
    valutazione); the OIV when not written."""
    if raw is None:
        return DEFAULT_BODY
    if not isinstance(raw, str) or not raw.strip():
        log.err(
            "ente.toml",
            None,
            "organismo_valutazione",
            "core.input.value",
            "organismo_valutazione: scrivi come i documenti dell'ente lo chiamano, tra virgolette, es. "
            'organismo_valutazione = "Nucleo di valutazione"',
        )
        return DEFAULT_BODY
    return EvaluationBody.written(raw)


def _plan_span(log: Log, raw: Any) -> tuple[int, int] | None:
    """``[piano] anni = "2021-2023"``: the years of the multi-year plan, declared — never inferred from the
    ``target_<year>`` columns a file happens to have (a baseline column would stretch the plan)."""
    if not isinstance(raw, dict):
        log.err("ente.toml", None, "piano", "core.input.value", "[piano] deve essere una tabella")
        return None
    text = raw.get("anni")
    if text is None:
        return None
    found = re.fullmatch(r"\s*(\d{4})\s*[-–]\s*(\d{4})\s*", str(text))
    if found is None or int(found[1]) >= int(found[2]):
        log.err(
            "ente.toml",
            None,
            "piano.anni",
            "core.input.value",
            f"anni del piano {quoted(text)}: scrivi il primo e l'ultimo anno, es. anni = \"2021-2023\"",
        )
        return None
    return (int(found[1]), int(found[2]))


def _approval(key: str, raw: Any) -> Any:
    if key in APPROVAL_NUMBERS:
        return parse_share(str(to_decimal(raw)))
    if isinstance(raw, dt.datetime):
        return raw.date()
    if isinstance(raw, (dt.date, bool)):
        return raw
    if isinstance(raw, str):
        try:
            return parse_date(raw)
        except ValueError:
            return raw
    if isinstance(raw, (int, float)):
        return to_decimal(raw)
    raise ValueError(f"valore non ammesso per {italian(APPROVAL_NAMES, key)}: {quoted(toml_value(raw))}")
