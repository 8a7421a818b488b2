"""``ciclope template PLUGIN FILE.xlsx [--from OUT/ENTE]``: a workbook that teaches an office its data.

One sheet per input file, with the Italian title the loader reads back (``persone``, ``unità``, …; the
codes stay accepted); row 1 holds the columns' Italian headers (the one table is
:data:`core.inputs.headers.HEADERS_IT`), each with a note that says what the column means, whether it is
required, its allowed values and an example — never a data row — and a drop-down (data validation) on
every closed list, in the words the reports print. Beside the workbook, never over a file that is there:
``ente.toml`` listing every fund and act the plugin reads (commented, so no value fails validation),
``cycle.toml``, and ``relazione/*.md``, one per narrative part of the Relazione (core/inputs/narrative.py) with
its heading and its guidance in a comment.

``--from OUT/ENTE`` pre-fills next year from a run: the ente's name and funds, units, areas, people,
objectives, cruscotti, indicators with next year's target (``target_<year+1>`` of a multi-year plan,
else this year's) and the cards' items without points — numbers as numbers, never actuals or appeals.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import re
import tomllib
from collections.abc import Iterable, Mapping
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from ciclope.core import fmt
from ciclope.core.engine import hookspecs
from ciclope.core.engine.registry import Hooks
from ciclope.core.entetoml import CORE_APPROVALS, italian_approval, italian_fund
from ciclope.core.evaluationbody import DEFAULT_BODY
from ciclope.core.inputs import narrative, parttime
from ciclope.core.inputs.config import resolve_params
from ciclope.core.inputs.loading import CANONICAL, header_label, load_ente, merge_schemas, sheet_title
from ciclope.core.labels import Classification, role_label
from ciclope.core.model import Ente
from ciclope.core.output import owned
from ciclope.core.params import Params
from ciclope.core.problems import CiclopeError, Problem
from ciclope.core.run.verify import store_of
from ciclope.core.store.engine import MASK
from ciclope.core.values import (
    parse_bool,
    parse_date,
    parse_days,
    parse_id,
    parse_money,
    parse_number,
    parse_percent,
    parse_points,
    parse_positive_fraction,
    parse_share,
    percent_format,
    week_hours,
)

SHEETS = ("units", "areas", "people", "objectives", "indicators", "assignments", "evaluations", "revisions", "appeals")
# column code → (what it means, an example); the allowed values come from the column's parser
HELP: dict[str, tuple[str, str]] = {
    "id": ("codice che identifica la riga, senza spazi, virgole o punti e virgola", "uff-personale"),
    "name": ("nome per esteso, come comparirà nella Relazione", "Ufficio del personale"),
    "kind": ("tipo della riga", ""),
    "parent": ("codice della riga superiore (vuoto per la radice)", "area-finanziaria"),
    "head": ("codice della persona che dirige l'unità", "rossi-m"),
    "weight": ("peso nel gruppo; vuoto in tutte le righe del gruppo = pesi uguali", "30"),
    "separate": ("SI se l'area si valuta a parte", "NO"),
    "role": ("ruolo della persona", ""),
    "category": ("categoria contrattuale", ""),
    "unit": ("codice dell'unità (foglio unità) in cui lavora", "uff-personale"),
    "fte": ("quota di tempo lavorato, da 0 a 1 (1 = tempo pieno, 0,5 = metà tempo; 30 ore su 36: 30/36)", "83,33%"),
    "absence_days": ("giorni di assenza nell'anno", "12"),
    "insufficient": ("SI se la valutazione è stata dichiarata insufficiente", "NO"),
    "evaluator": ("codice della persona (o del valutatore esterno in ente.toml) che valuta", "bianchi-l"),
    "title": ("titolo dell'obiettivo", "Ridurre i tempi di rilascio dei permessi"),
    "area": ("codice dell'area (foglio aree)", "area-servizi"),
    "owner": ("codice dell'unità o della persona responsabile", "uff-personale"),
    "objective": ("codice dell'obiettivo misurato (foglio obiettivi)", "ob-3.1"),
    "type": ("come si legge il risultato", ""),
    "baseline": ("valore di partenza (l'anno precedente)", "42"),
    "target": ("target dell'anno; per un piano pluriennale target_2025, target_2026, …", "90%"),
    "actual": ("consuntivo a fine anno", "87%"),
    "target_mid": ("target al 30 giugno", "45%"),
    "actual_mid": ("consuntivo al 30 giugno", "40%"),
    "neutralized": ("SI se l'indicatore è neutralizzato (non conta)", "NO"),
    "reason": ("motivo, in parole", "Causa esterna documentata"),
    "source": ("fonte del dato", "Gestionale protocollo"),
    "benchmark": ("valore di confronto con altri enti", "Media regionale 85%"),
    "cruscotto": ("codice della persona il cui cruscotto si compone", "rossi-m"),
    "ref": ("codice dell'obiettivo o dell'indicatore del cruscotto", "ob-3.1"),
    "person": ("codice della persona valutata (foglio persone)", "verdi-a"),
    "section": ("sezione della scheda", "Comportamenti"),
    "item": ("voce della scheda", "Capacità di lavorare in gruppo"),
    "max_points": ("punteggio massimo della voce", "10"),
    "points": ("punti assegnati, da 0 al massimo della voce", "8"),
    "motivation": ("le parole del valutatore sulla scheda: compaiono nella scheda personale", "Obiettivi raggiunti"),
    "indicator": ("codice dell'indicatore rivisto", "ind-7"),
    "field": ("campo rivisto", ""),
    "old": ("valore prima della revisione", "80%"),
    "new": ("valore dopo la revisione", "70%"),
    "oiv_validated": ("SI se l'OIV ha validato la revisione", "SI"),
    "approved": ("SI se la revisione è stata approvata", "SI"),
    "stage": ("fase della procedura di conciliazione", ""),
    "date": ("data della decisione", ""),
    "outcome": ("esito della procedura", ""),
    "new_points_item": ("voce della scheda rivista", "Capacità di lavorare in gruppo"),
    "new_points": ("nuovi punti della voce rivista", "9"),
    "start": ("data di inizio dell'incarico", ""),
    "end": ("data di fine dell'incarico (vuoto se in corso)", ""),
    "interim_from": ("data di inizio dell'interim", ""),
    "interim_to": ("data di fine dell'interim (vuoto se in corso)", ""),
}
# what a column holds where the sheet changes it: a person's name is not a service's
SHEET_HELP: dict[tuple[str, str], tuple[str, str]] = {
    ("units", "id"): ("codice dell'unità organizzativa, senza spazi, virgole o punti e virgola", "uff-personale"),
    ("units", "name"): ("nome dell'unità, come comparirà nella Relazione", "Ufficio del personale"),
    ("units", "kind"): ("tipo dell'unità nell'organigramma (una sola unità di tipo «ente», la radice)", ""),
    ("units", "parent"): ("codice dell'unità superiore (vuoto per l'ente, la radice)", "area-finanziaria"),
    ("areas", "id"): ("codice dell'area strategica", "as-1"),
    ("areas", "name"): ("nome dell'area strategica", "Servizi ai cittadini e alle imprese"),
    ("areas", "weight"): ("peso dell'area nella performance dell'ente; vuoto in tutte le righe = pesi uguali", "40"),
    ("people", "id"): ("codice della persona (matricola o iniziali), senza spazi", "rossi-m"),
    ("people", "name"): ("nome e cognome, come compare nei documenti interni e nella scheda personale", "Maria Rossi"),
    ("objectives", "id"): ("codice dell'obiettivo", "ob-3.1"),
    ("objectives", "kind"): ("tipo dell'obiettivo", ""),
    ("objectives", "parent"): ("codice dell'obiettivo strategico a cui contribuisce", "ob-3"),
    ("objectives", "weight"): (
        "peso nell'obiettivo superiore o nell'area; vuoto in tutte le righe del gruppo = pesi uguali",
        "30",
    ),
    ("indicators", "id"): ("codice dell'indicatore", "ind-7"),
    ("indicators", "name"): ("nome dell'indicatore, come comparirà nella Relazione", "Pratiche evase entro 30 giorni"),
    ("indicators", "weight"): ("peso nell'obiettivo; vuoto in tutte le righe dell'obiettivo = pesi uguali", "50"),
    ("assignments", "weight"): ("peso della voce nel cruscotto; vuoto = pesi uguali", "50"),
    ("evaluations", "weight"): ("peso della voce nella scheda, se diverso dai punti massimi", "20"),
    ("positions", "id"): ("codice della posizione", "po-personale"),
    ("positions", "title"): ("denominazione della posizione", "Responsabile dell'Ufficio del personale"),
    ("positions", "unit"): ("codice dell'unità della posizione (foglio unità)", "uff-personale"),
    ("positions", "holder"): ("codice della persona titolare (foglio persone); vuoto se vacante", "rossi-m"),
    ("projects", "id"): ("codice del progetto", "prog-1"),
    ("projects", "title"): ("titolo del progetto", "Digitalizzazione delle pratiche"),
}
# the words a value column accepts (beside a drop-down's list)
ACCEPTED: dict[str, str] = {
    "target": "un numero (12,5), una percentuale (90%), una data (31/12/AAAA), SI o NO; «-» se non attivo nell'anno",
    "actual": "come il target: un numero, una percentuale (87%), una data, SI o NO",
    "target_mid": "come il target",
    "actual_mid": "come il target",
    "baseline": "come il target",
    "old": "come il target",
    "new": "come il target",
    "fte": "un numero da 0 a 1 o una percentuale (83%)",
}
# an example of each type of column, as the office writes it: days and points are never a percentage
_EXAMPLES = {
    parse_money: "1234,56",
    parse_id: "codice-1",
    parse_number: "12,5",
    parse_percent: "80%",
    parse_days: "12 o 2,5",
    parse_points: "8 o 7,5",
}


@attrs.frozen
class Written:
    """What ``template`` did: the files written and the ones kept because they were there."""

    written: tuple[Path, ...]
    kept: tuple[Path, ...]
    # with --from: the store of the run it comes from, as the new cycle.toml names it ("": none, or not found)
    store: str | None = None
    # with --from: the run constituted the ente's fund (its results.json has «fondo»), which next year compares
    fund: bool = False
    # with --from: the headers of the columns of the year's facts, left empty for next year (by sheet title)
    emptied: tuple[str, ...] = ()
    # with --from: the year whose funds the ente.toml written now carries and the year it prepares (None: none)
    funds_of: tuple[int, int] | None = None
    # with --from: the columns of people the run decided for next year (the year of a progression given), each with
    # its sheet and how many people's cells it wrote: («anno_ultima_progressione (persone)», 2)
    decided: tuple[tuple[str, int], ...] = ()


def _columns(schema) -> dict[str, dict[str, Any]]:
    """Sheet → column → parser, core files first, then the plugin's own files."""
    out: dict[str, dict[str, Any]] = {}
    for name in SHEETS:
        cols = {c: parser for c, (parser, _req) in CANONICAL[name].items()}
        cols.update(schema.columns.get(f"{name}.csv", {}))
        out[name] = cols
    for fname, cols in schema.files.items():
        out[fname.removesuffix(".csv")] = dict(cols)
    return out


def _required(name: str, column: str, schema) -> bool:
    spec = CANONICAL.get(name, {}).get(column)
    return bool(spec and spec[1]) or column in schema.required.get(f"{name}.csv", ())


def choices(
    parser: Any, column: str = "", year: int = 0, staff: Classification | None = None
) -> tuple[str, ...] | None:
    """A closed list's values in the words the reports print (``più è meglio``), else its codes; a role and a
    category in the words of the ente's contract in the cycle's year (``staff``: Aree and EQ in Funzioni Locali
    from 2023)."""
    if parser is parse_bool:
        return ("SI", "NO")
    codes = getattr(parser, "choices", None)
    if codes is None:
        return None
    if column == "role" and year:
        return tuple(role_label(c, year, staff) for c in codes)
    if column == "category" and staff is not None and year >= staff.since:
        return tuple(staff.areas.get(c, c) for c in codes)
    labels = getattr(parser, "labels", {})
    return tuple(labels.get(c, c) for c in codes)


def note(
    name: str,
    column: str,
    parser: Any,
    required: bool,
    schema: Any = None,
    year: int = 0,
    staff: Classification | None = None,
) -> str:
    """The header's note: what the column holds, required or not, the words it accepts, a real example (a date of
    the cycle's year); never the header said again."""
    header = header_label(name, column, schema)
    own = getattr(schema, "help", {}).get(f"{name}.csv", {})
    meaning, example = own.get(column) or SHEET_HELP.get((name, column)) or HELP.get(column, ("", ""))
    meaning = meaning or "colonna del regolamento dell'ente"
    values = choices(parser, column, year, staff)
    cycle = year or dt.date.today().year
    lines = [f"{header}: {meaning}.", "Obbligatoria." if required else "Facoltativa."]
    if values:
        lines.append(f"Valori ammessi (menu a tendina): {', '.join(values)}.")
        example = example or values[0]
    elif column in ACCEPTED:
        lines.append(f"Si scrive: {ACCEPTED[column]}.")
    if parser is parse_date:
        lines.append("Si scrive: una data GG/MM/AAAA.")
        # an appeal is decided the year after the cycle; any other date falls in the cycle's year
        example = example or (f"15/03/{cycle + 1}" if name == "appeals" else f"31/01/{cycle}")
    example = example or _EXAMPLES.get(parser, "")
    # a plugin's example in the years of the cycle prepared (InputSchema.help)
    example = example.replace("{anno}", str(cycle)).replace("{anno-1}", str(cycle - 1))
    if example:
        lines.append(f"Esempio: {example}")
    # the column's code (``term_end``) is still read as a header, but the office's vocabulary is Italian only:
    # the note names the column by its header and never by the code
    return "\n".join(lines)


def _sheet(
    wb: Any,
    name: str,
    cols: dict[str, Any],
    schema,
    rows: list[dict[str, Any]],
    year: int,
    staff: Classification | None,
) -> None:
    ws = wb.create_sheet(sheet_title(name, schema))
    ws.append([header_label(name, c, schema) for c in cols])
    words = {col: _year_words(parser, col, year, staff) for col, parser in cols.items()}
    for k, (col, parser) in enumerate(cols.items(), start=1):
        letter = get_column_letter(k)
        comment = Comment(note(name, col, parser, _required(name, col, schema), schema, year, staff), "ciclope")
        comment.width, comment.height = 320, 140
        ws.cell(row=1, column=k).comment = comment
        values = choices(parser, col, year, staff)
        if values:
            dv = DataValidation(
                type="list",
                formula1='"' + ",".join(values) + '"',
                allow_blank=True,
                showErrorMessage=True,
                errorTitle="Valore non ammesso",
                error=f"Valori ammessi: {', '.join(values)}",
            )
            ws.add_data_validation(dv)
            dv.add(f"{letter}2:{letter}5000")
        ws.column_dimensions[letter].width = max(12, min(40, len(header_label(name, col, schema)) + 4))
    for row in rows:  # a value of a closed list in the words of the year's menu (a run's «D» is «Area dei Funzionari…»)
        shown = [(c, _written(cols[c], words[c].get(v, v) if isinstance(v := row.get(c), str) else v)) for c in cols]
        ws.append([v.value if isinstance(v, Percent) else v for _, v in shown])
        for k, (col, value) in enumerate(shown, start=1):
            number = _percent(cols[col], value)
            if number is not None:
                ws.cell(row=ws.max_row, column=k).number_format = percent_format(number)
    ws.freeze_panes = "A2"


@attrs.frozen
class Percent:
    """A number the office wrote as a percentage (an indicator's «95%»), for the workbook to show it as one."""

    value: Decimal | int


# the columns whose numbers are shares: a share of time, a quota, a percentage of the regulation's own columns
_SHARES = (parse_positive_fraction, parse_share)


def _written(parser: Any, value: Any) -> Any:
    """``value`` as the office writes it: a share of time read from the hours of a week (30 ÷ 36) as «30/36», which
    reads back as the same ratio where a percentage would move a cent."""
    if parser is parse_positive_fraction and isinstance(value, Decimal):
        return week_hours(value) or value
    return value


def _percent(parser: Any, value: Any) -> Decimal | None:
    """``value`` as a percentage when the workbook shows it as one: a number written as a percentage, any number of a
    percentage column, a share that is not whole in a column of shares (0,5 of time is «50%»; full time, 1, stays as
    the office writes it); None otherwise."""
    if isinstance(value, Percent):
        return Decimal(value.value)
    if isinstance(value, bool) or not isinstance(value, (int, Decimal)):
        return None
    if parser is parse_percent or (parser in _SHARES and value != int(value)):
        return Decimal(value)
    return None


def _year_words(parser: Any, column: str, year: int, staff: Classification | None) -> dict[str, str]:
    """A closed list's codes, and the words that spell them in any year, → the words of the year's menu
    (:func:`choices`); empty for a column that is no closed list."""
    codes = getattr(parser, "choices", None)
    values = choices(parser, column, year, staff)
    if not codes or not values:
        return {}
    labels = getattr(parser, "labels", {})
    out: dict[str, str] = {}
    for code, word in zip(codes, values):
        out[code] = out[str(labels.get(code, code))] = word
    return out


def build(plugin: str, path: Path, source: Path | None = None, year: int | None = None) -> Written:
    """The office's folder ``path`` (new or empty; a path ending in ``.xlsx`` writes the workbook alone, with
    ``ente.toml`` and ``relazione/`` beside it). The folder runs as written once the data are typed in::

        path/cycle.toml                 data = "<ente>", output = "risultati"
        path/<ente>/ente.xlsx           the workbook to fill
        path/<ente>/ente.toml           funds and acts
        path/<ente>/relazione/*.md      the office's own parts of the Relazione
        path/<file>                     a plugin's starting files (the declared regulation's TOML)

    ``year`` is the cycle's (the contract in force then decides the sheets' rows and words) where no ``source``
    gives it (the year after its run); by default the year of the office's own cycle.toml in ``path``, else the
    current year."""
    hooks, info = Hooks.for_plugin(plugin)
    # every layer the plugin may run with (a plugin whose enti name their comparto: all of them), so that a run's
    # data read with --from keep the columns and sheets of their comparto
    everywhere = Hooks(hooks.pm, info, info.layers)
    schema = merge_schemas(everywhere.answers(hookspecs.ciclope_input_schema, params=None))
    doc = _run_doc(source) if source is not None else None
    ente, cycle = _previous(doc, everywhere, plugin) if doc is not None else (None, named_year(path))
    year = year or cycle
    carried = _run_files(doc, plugin, info.ente_files) if doc is not None else {}
    ente_id = ente.id if ente is not None else (named_data(path) or "mio-ente")
    office_files(plugin, year, path, info.ente_files, carried)  # a model of a regulation with errors: none written
    if path.suffix.lower() == ".xlsx":  # the workbook alone: the columns the run's own files declare
        return _write_ente(path, hooks, plugin, schema, (ente, year, doc), {k: str(v) for k, v in carried.items()})
    _folder(path)
    written: list[Path] = []
    kept: list[Path] = []
    cycle_keys: dict[str, str] = {}
    named = named_files(path, info.ente_files)
    for key, (name, starter) in info.ente_files.items():
        if key in carried:  # the office's own file of the run (its regulation), as it is: next year starts from it
            name, text = carried[key].name, carried[key].read_text(encoding="utf-8")
        else:
            name = named.get(key, name)  # the file the office's cycle.toml reads: its own, or the starter under it
            text = starter.read_text(encoding="utf-8").replace("{file}", name).replace("{name}", ente_id)
        _write_or_keep(path / name, text, written, kept)
        cycle_keys[key] = name
    for shipped in info.office_files:
        _write_or_keep(path / shipped.name, shipped.read_text(encoding="utf-8"), written, kept)
    national = doc["audit"].get("national") if doc is not None else None  # the CCDI's choices, carried
    store = kept_store(source, path) if source is not None else None
    text = cycle_toml(plugin, ente_id, year, cycle_keys, national, store or None)
    _write_or_keep(path / "cycle.toml", text, written, kept)
    (path / ente_id).mkdir(exist_ok=True)
    params = {key: str(path / name) for key, name in cycle_keys.items()}
    inner = _write_ente(path / ente_id / "ente.xlsx", hooks, plugin, schema, (ente, year, doc), params, keep=True)
    constituted = doc is not None and bool(doc.get("fondo"))
    return attrs.evolve(
        inner, written=(*written, *inner.written), kept=(*kept, *inner.kept), store=store, fund=constituted
    )


class InvalidRegulation(CiclopeError):
    """The office's own files of the plugin (a declared regulation) have errors: the template writes nothing."""


# said before the file's errors: why no model is written (one written now would lack the columns and funds the file
# declares, and the next template, which keeps the office's workbook, would keep it so)
REFUSED = (
    "Il regolamento ha errori: il modello ente.xlsx non è scritto, perché gli mancherebbero le colonne, i fogli e i "
    "fondi che il regolamento dichiara. Correggi il file (ciclope regolamento leggi lo rilegge) e ripeti ciclope "
    "template."
)


def office_files(
    plugin: str, year: int, path: Path, files: Mapping[str, tuple[str, Path]], carried: Mapping[str, Path]
) -> None:
    """Raise :class:`InvalidRegulation` with the errors of the plugin's files the office already has (those of the
    run of ``--from``, or those in ``path`` its cycle.toml names): a model is written from a regulation that reads,
    never from one whose columns and funds its errors hide. A starter the template writes now is the plugin's own."""
    there = (
        {key: path / name for key, name in named_files(path, files).items()} if path.suffix.lower() != ".xlsx" else {}
    )
    given = {key: str(p) for key, p in {**there, **carried}.items() if p.is_file()}
    if not given:
        return
    _params, problems = resolve_params(plugin, year, given, "template")
    errors = [p for p in problems if p.is_error]
    if errors:
        raise InvalidRegulation(errors)


def _first_ente(path: Path) -> dict[str, Any]:
    """The first [[ente]] table of the office's own cycle.toml in ``path``; empty without one."""
    try:
        doc = tomllib.loads((path / "cycle.toml").read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return {}
    enti = doc.get("ente")
    return enti[0] if isinstance(enti, list) and enti and isinstance(enti[0], dict) else {}


def _plain(name: Any) -> bool:
    """Whether ``name`` is a file or folder name of its own, inside the folder that names it."""
    return isinstance(name, str) and bool(name.strip()) and Path(name).name == name and name not in (".", "..")


def named_year(path: Path) -> int:
    """The year the office's own cycle.toml in ``path`` says (``[ciclo] anno``), so the model is the contract's of
    the cycle the office prepares, never of the year the command happens to run in; else the current year."""
    try:
        doc = tomllib.loads((path / "cycle.toml").read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return dt.date.today().year
    cycle = doc.get("ciclo", doc.get("cycle"))
    year = cycle.get("anno", cycle.get("year")) if isinstance(cycle, dict) else None
    return (
        year if isinstance(year, int) and not isinstance(year, bool) and 2000 <= year <= 2100 else dt.date.today().year
    )


def named_data(path: Path) -> str | None:
    """The data folder the office's own cycle.toml in ``path`` already names (its first ente's ``dati``, a folder
    beside it), so a template written again into the office's folder fills the folder its cycle reads, never a new
    «mio-ente» nobody runs; None without one."""
    first = _first_ente(path)
    data = first.get("dati", first.get("data"))
    return data if _plain(data) else None


def named_files(path: Path, keys: Iterable[str]) -> dict[str, str]:
    """The files the office's own cycle.toml in ``path`` names for the plugin's ente files (its first ente's
    ``regolamento = "cci-pta.toml"``, in the [[ente]] table or in [ente.parametri]), as the run resolves them: from
    the folder of cycle.toml. The template reads the file the cycle runs, never a starter beside it that nobody runs;
    a name for a file that is not there is kept only where the starter can be written under it (a plain name)."""
    first = _first_ente(path)
    inner = first.get("parametri", first.get("params"))
    table = {**(inner if isinstance(inner, dict) else {}), **first}
    out: dict[str, str] = {}
    for key in keys:
        name = table.get(key)
        if isinstance(name, str) and name.strip() and ((path / name).is_file() or _plain(name)):
            out[key] = name
    return out


def kept_store(source: Path, path: Path) -> str:
    """The store the run of ``--from`` was recorded in, as the new folder's cycle.toml names it, so that next year's
    run is recorded beside it and its Modulo III finds the year before: a SQLite file by its path from the new folder
    (folders side by side move together), another URL as it is. "" when the run kept none (``--no-store``), its file
    is gone, or its URL carried a password (masked where it is recorded: the office writes it again)."""
    url = store_of(source)
    if url is None or MASK in url:
        return ""
    if not url.startswith("sqlite:///"):
        return url
    file = Path(url.removeprefix("sqlite:///"))
    return Path(os.path.relpath(file.resolve(), path.resolve())).as_posix() if file.is_file() else ""


def _write_ente(
    path: Path,
    hooks: Hooks,
    plugin: str,
    schema: Any,
    previous: tuple[Ente | None, int, Any],
    params: dict[str, str],
    keep: bool = False,
) -> Written:
    """The workbook at ``path``, and ``ente.toml`` and ``relazione/*.md`` beside it when they are not there.
    ``previous``: the ente of ``--from`` (or None), the year to prepare, and its run's results.json (or None);
    ``keep``: a workbook already there is the office's, kept like the other files of its folder (a workbook the
    user names alone is refused instead: they asked for that file)."""
    ente, year, _ = previous
    own = ente_hooks(hooks, plugin, year, params)  # the layers of the ente's comparto: their sheets too
    # and the columns its own files declare (a declared regulation's [[colonne]]), where they resolve
    resolved = _resolved(plugin, year, params)
    schema = merge_schemas(own.answers(hookspecs.ciclope_input_schema, params=resolved))
    written: list[Path] = []
    kept: list[Path] = []
    decided: tuple[tuple[str, int], ...] = ()
    if keep and os.path.lexists(path):
        kept.append(path)
    else:
        # grades of the ente's own contract in their column replace the categories: no category column to fill
        grades = resolved is not None and bool(own.first(hookspecs.ciclope_grade_column, params=resolved))
        names = own.first(hookspecs.ciclope_role_names, params=resolved) if resolved is not None else None
        decided = _write_workbook(path, own, schema, previous, ("category",) if grades else (), names)
        written.append(path)
    # the individual premium's funds first, then every other fund the plugin reads for the ente (a declared
    # regulation's dirigenti, projects, progressions): a fund the template leaves out is a premium nobody is paid
    funds = (*schema.funds, *regulation_funds(hooks, plugin, year, params), *schema.read_funds)
    texts = {"ente.toml": ente_toml(schema, ente, year, calendar_acts(hooks, plugin, schema, year, params), funds)}
    folder = path.parent / narrative.FOLDER
    if not os.path.lexists(folder):
        folder.mkdir()
    if folder.is_dir() and not folder.is_symlink():  # a link or a file by that name is the user's: left alone
        texts.update({f"{narrative.FOLDER}/{p.key}.md": narrative_text(p) for p in narrative.PARTS})
    for fname, text in texts.items():
        _write_or_keep(path.parent / fname, text, written, kept)
    carried = ente is not None and path.parent / "ente.toml" in written and carried_funds(schema, ente)
    return Written(
        tuple(written),
        tuple(kept),
        emptied=emptied(schema) if ente is not None and path in written else (),
        funds_of=(ente.year, year) if carried and ente is not None else None,
        decided=decided,
    )


# the amounts of [fondi] a run had: the year's, which next year's folder shows as they were until the office rewrites
# them (a fund is constituted each year; the run's is the closest starting point, never next year's)
FUNDS_OF = "Gli importi sono quelli del {0}, l'anno eseguito: scrivete quelli del {1} quando i fondi sono costituiti."


def carried_funds(schema: Any, ente: Ente) -> bool:
    """Whether the run's ente had amounts in [fondi] that next year's ente.toml writes again (a fund the regulation
    computes is never written)."""
    return any(key not in schema.computed_funds for key in ente.funds)


# the core's columns of the year's facts, never carried into next year (a person's days of absence)
YEARLY = {"people": ("absence_days",)}


def emptied(schema: Any) -> tuple[str, ...]:
    """The columns of the year's facts the template leaves empty for next year, as the workbook heads them, each with
    its sheet: «giorni_assenza (persone)», «sanzione (persone)»."""
    out = []
    for sheet in ("people", "units"):
        codes = (*YEARLY.get(sheet, ()), *schema.yearly.get(f"{sheet}.csv", ()))
        out += [f"{header_label(sheet, c, schema)} ({sheet_title(sheet)})" for c in dict.fromkeys(codes)]
    return tuple(out)


def _write_workbook(
    path: Path,
    own: Hooks,
    schema: Any,
    previous: tuple[Ente | None, int, Any],
    unused: tuple[str, ...] = (),
    names: dict[str, tuple[str, str]] | None = None,
) -> tuple[tuple[str, int], ...]:
    """The workbook to fill: the columns of ``schema`` (the plugin's, its comparto's layers' and those its files
    declare) but the people's columns ``unused`` by the ente, with the rows of the ente of ``--from`` and those the
    plugins propose; ``names``: the ente's own names of its roles (``ciclope_role_names``). Returns the people's
    columns the run decided for next year, each with how many cells it wrote (:attr:`Written.decided`)."""
    ente, year, doc = previous
    rows = _rows_from(ente, year, schema) if ente is not None else {}
    said: dict[str, int] = {}
    if ente is not None and doc is not None:
        said = _decide(rows.get("people", []), _decided(own, ente, doc))
    fund, scores = (doc.get("fondo"), doc.get("individual")) if doc is not None else (None, None)
    for answer in own.answers(hookspecs.ciclope_template_rows, year=year, ente=ente, fund=fund, scores=scores):
        rows.update({name.removesuffix(".csv"): lines for name, lines in answer.items()})
    wb = Workbook()
    wb.remove(wb.active)
    # roles and categories as the contract of the ente's comparto names them (its layer's), else by code
    staff = attrs.evolve(own.info, layers=own.layers).staff_words if own.info is not None else None
    if names:  # and the roles as the ente's regulation names them (``ciclope_role_names``): the menu offers its word
        staff = Classification.named(staff, names)
    for name, cols in _columns(schema).items():
        if name == "people":
            cols = {c: parser for c, parser in cols.items() if c not in unused}
        _sheet(wb, name, cols, schema, rows.get(name, []), year, staff)
    data = io.BytesIO()
    wb.save(data)
    owned.write_new(path, data.getvalue())  # a new file, never through a link (even a dangling one)
    return tuple((f"{header_label('people', c, schema)} ({sheet_title('people')})", n) for c, n in said.items())


def _decided(own: Hooks, ente: Ente, doc: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """The cells of next year's people the run decided (``ciclope_template_cells``), merged person by person."""
    params = _run_params(str(doc.get("plugin")), doc)
    out: dict[str, dict[str, Any]] = {}
    for answer in own.answers(hookspecs.ciclope_template_cells, params=params, ente=ente, results=doc):
        for pid, cells in answer.items():
            out.setdefault(pid, {}).update(cells)
    return out


def _decide(people: list[dict[str, Any]], decided: Mapping[str, Mapping[str, Any]]) -> dict[str, int]:
    """Write the decided cells over the people carried (one who left has no row); column → how many were written."""
    said: dict[str, int] = {}
    for row in people:
        for column, value in decided.get(row["id"], {}).items():
            row[column] = _cell(value)
            said[column] = said.get(column, 0) + 1
    return said


def _folder(path: Path) -> None:
    """The office's folder: made, or an existing folder (its files are kept); never a link or a file."""
    if path.is_symlink() or (os.path.lexists(path) and not path.is_dir()):
        raise CiclopeError(
            [
                Problem(
                    rule="template.folder",
                    file=str(path),
                    message="esiste già e non è una cartella: indica una cartella nuova, es. ufficio-"
                    f"{dt.date.today().year}",
                )
            ]
        )
    path.mkdir(parents=True, exist_ok=True)


def _write_or_keep(target: Path, text: str, written: list[Path], kept: list[Path]) -> None:
    if os.path.lexists(target):  # a file there (or a link by that name) is the user's: kept
        kept.append(target)
    else:
        owned.write_new(target, text.encode("utf-8"))
        written.append(target)


def narrative_text(part: narrative.Part) -> str:
    """A ``relazione/<part>.md`` to write in: the heading, and the guidance in a note the Relazione never shows
    (so a file left as written adds no section)."""
    return (
        f"# {part.title}\n\n<!--\nGuida (il testo fra i segni di commento non compare nella Relazione).\n\n"
        f"{part.guidance}\n\n{NARRATIVE_HOWTO}\n-->\n\n"
    )


NARRATIVE_HOWTO = (
    "Scrivi qui sotto, dopo il commento. Una riga vuota separa i paragrafi; **grassetto**, *corsivo*, elenchi "
    "con «- » a inizio riga, tabelle con «|», titoli interni con «## ». Il titolo della prima riga si può "
    "cambiare. Il testo è pubblicato così com'è anche nella Relazione pubblicabile (Amministrazione "
    "trasparente): non scrivere nomi di persone né altri dati personali. Un file senza testo non aggiunge "
    "la sezione; un file con un nome diverso da quelli scritti da ciclope non è pubblicato."
)


APPROVAL_HELP = {
    "budget_approved": "bilancio di previsione approvato",
    "piano_adopted": "Piano della performance (o PIAO) adottato",
    "relazione_approved": "Relazione sulla performance approvata dall'organo di indirizzo (la Giunta, il Consiglio "
    "di amministrazione o il Consiglio direttivo)",
    "relazione_validated_oiv": "Relazione validata dall'OIV",
    "relazione_published": "Relazione pubblicata in Amministrazione trasparente",
    "oiv_attested": "raggiungimento attestato dall'OIV, se diverso da quello calcolato, in percentuale tra virgolette",
    "oiv_motivation": "motivazione dell'OIV, tra virgolette",
    "oiv_judgement": "giudizio dell'OIV, tra virgolette",
}


# The example date of an act no calendar dates: {0} is the cycle's year, {1} the year after.
APPROVAL_EXAMPLE = {
    "budget_approved": "{0}-01-31",
    "piano_adopted": "{0}-01-31",
    "relazione_approved": "{1}-06-30",
    "relazione_validated_oiv": "{1}-06-30",
    "relazione_published": "{1}-07-15",
}


def _toml_text(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)  # a TOML basic string is a JSON string


def ente_hooks(hooks: Hooks, plugin: str, year: int, params: dict[str, str]) -> Hooks:
    """The hooks of an ente of the plugin with these parameters — with the layers of its comparto, where the plugin
    lets each ente name it (a declared regulation's ``comparto``): best effort, the plugin's own otherwise."""
    try:
        resolved, _problems = resolve_params(plugin, year, dict(params), "template")
        return hooks.for_ente(resolved)
    except Exception:  # noqa: BLE001 — the template is written with the plugin's own sheets
        return hooks


def regulation_funds(hooks: Hooks, plugin: str, year: int, params: dict[str, str]) -> tuple[str, ...]:
    """The funds that pay the individual premium under the regulation (a declared regulation names its own):
    best effort, none when the plugin cannot answer without an ente."""
    try:
        resolved, _problems = resolve_params(plugin, year, dict(params), "template")
        names = hooks.for_ente(resolved).one(hookspecs.ciclope_individual_premium, params=resolved)
    except Exception:  # noqa: BLE001 — the template is written without them
        return ()
    return tuple(dict.fromkeys(n.partition("/")[0] for n in names if not n.endswith(":")))  # a pool, not its parts


def calendar_acts(hooks: Hooks, plugin: str, schema, year: int, given: dict[str, str] | None = None) -> dict[str, str]:
    """The ``[approvals]`` keys of the plugin's calendar → the act, for an ente with every fund and a
    budget (so that no act conditional on them is missed), then the acts the ente's regulation names beyond its
    calendar (``ciclope_approval_keys``) → "": the sources the cycle's check of ``[approvals]`` reads
    (``unknown_approvals``), so every act offered is one the run knows. Best effort: a plugin that cannot answer for
    so empty an ente gives its schema's keys only."""
    ente = Ente(
        id="modello",
        name="modello",
        year=year,
        funds={f: Decimal(1) for f in schema.funds},
        approvals={"budget_approved": dt.date(year - 1, 12, 20)},
    )
    try:
        params, _problems = resolve_params(plugin, year, dict(given or {}), "template")
        own = hooks.for_ente(params)
        deadlines = own.collect(hookspecs.ciclope_calendar, ente=ente, year=year, params=params)
        named = own.collect(hookspecs.ciclope_approval_keys, params=params)
    except Exception:  # noqa: BLE001 — the template is written without them
        return {}
    dated = {d.approval: f"{d.act} — scadenza {d.due.isoformat()}" for d in deadlines if d.approval}
    return dated | {key: "" for key in named if key not in dated}


def ente_toml(
    schema, ente: Ente | None, year: int, acts: dict[str, str] | None = None, fund_names: tuple[str, ...] = ()
) -> str:
    """Every key the plugin reads, commented (a commented key fails no check), by its Italian name; a run's
    name and funds uncommented with its values (``--from``)."""
    name = ente.name if ente is not None else "Nome dell'ente"
    funds = dict(ente.funds) if ente is not None else {}
    body = ente.body if ente is not None else DEFAULT_BODY  # the notes name the body the ente has: its Nucleo
    lines = [
        "# ente.toml: i dati dell'ente che non stanno nei fogli di ente.xlsx.",
        "# Le righe che iniziano con # sono commenti: per usare una chiave togli il # e scrivi il valore.",
        f"nome = {_toml_text(name)}",
        _body_line(ente),
        "",
        "[fondi]",
        # both forms are read as an amount (parse_money), as docs/regolamento.md §1 says
        '# Le risorse del regolamento, in euro e tra virgolette, all\'italiana o con il punto decimale: "12.000,00" o '
        '"12000.00".',
    ]
    computed = schema.computed_funds
    if ente is not None and carried_funds(schema, ente):  # a year's amounts, read as next year's unless rewritten
        lines.append(f"# {FUNDS_OF.format(ente.year, year)}")
    for key in dict.fromkeys(fund_names or schema.funds):
        value = funds.pop(key, None)  # a fund the regulation computes is never asked, even if the run had one
        if key not in computed:
            said = italian_fund(key)
            lines.append(f'{said} = "{_amount(value)}"' if value is not None else f'# {said} = "12000.00"')
    lines += [f'{italian_fund(key)} = "{_amount(value)}"' for key, value in funds.items()]  # x_ funds of the run
    lines += [f"# {italian_fund(key)}: lo calcola il regolamento dell'ente, non si scrive qui" for key in computed]
    lines += _data_tables(schema, year)
    lines += [
        "",
        "[atti]",
        "# Le date degli atti, senza virgolette, nella forma AAAA-MM-GG; l'esempio è la scadenza.",
        "# Una data mancante è segnalata da ciclope calendar.",
    ]
    acts = acts or {}
    for key in dict.fromkeys((*CORE_APPROVALS, *schema.approvals, *acts)):
        help_ = acts.get(key) or APPROVAL_HELP.get(key, "atto del regolamento")
        example = {
            "oiv_attested": '"97%"',  # a share as the office reads it: a percentage, which it may write
            "oiv_motivation": '"lievi scostamenti per cause esterne"',
            "oiv_judgement": '"in linea con le aspettative"',
        }.get(key) or (acts[key].rsplit(" ", 1)[1] if acts.get(key) else APPROVAL_EXAMPLE.get(key, "{}-01-31")).format(
            year, year + 1
        )
        lines.append(f"# {italian_approval(key)} = {example}   # {body.said(help_)}")
    outside = dict(ente.evaluators) if ente is not None else {}  # a run's: they evaluate again next year
    lines += [
        "",
        body.said(
            "# I valutatori che non sono nel foglio persone (OIV, Presidente), per codice: togli il «#» davanti alla"
        ),
        "# tabella e alle sue righe.",
        "[valutatori]" if outside else "# [valutatori]",
        *(f"{_toml_key(code)} = {_toml_text(name)}" for code, name in outside.items()),
        *([] if outside else ['# oiv = "Organismo indipendente di valutazione"']),
    ]
    return "\n".join(lines) + "\n"


def _amount(value: Decimal) -> str:
    """A fund as an Italian office writes it, whichever form its file had: «14.060,00», never «14060.00»."""
    return fmt.decimal_it(value, 2)


def _body_line(ente: Ente | None) -> str:
    """The evaluation body the documents name: a run's own (``--from``), else the OIV, with the Nucleo commented."""
    if ente is not None and ente.body != DEFAULT_BODY:
        return f"organismo_valutazione = {_toml_text(ente.body.written_as or ente.body.article + ente.body.name)}"
    return (
        '# organismo_valutazione = "Nucleo di valutazione"   # se l\'ente ha un Nucleo di valutazione invece '
        "dell'OIV, i documenti lo chiamano così"
    )


def _toml_key(key: str) -> str:
    """A key of a TOML table: bare where TOML allows it, else quoted."""
    return key if re.fullmatch(r"[A-Za-z0-9_-]+", key) else _toml_text(key)


# a value of the ente's own data as ente.toml writes it: text in quotes with the decimal point, a date bare
_TOML_EXAMPLES = {parse_money: '"12000.00"', parse_percent: '"80%"', parse_number: '"12.5"', parse_bool: '"SI"'}


def _data_tables(schema, year: int) -> list[str]:
    """The ente's own data (``InputSchema.one_row``), each sheet one commented table ``[<title>]`` with a key per
    column: the header commented too, so a table left as written never clashes with the workbook's sheet."""
    lines: list[str] = []
    for file in schema.one_row:
        name, columns = file.removesuffix(".csv"), schema.files.get(file, {})
        if not columns:
            continue
        title, helps = sheet_title(name, schema), schema.help.get(file, {})
        lines += [
            "",
            f"# [{title}]",
            f"# I dati dell'ente, un valore ciascuno (oppure una riga sotto le intestazioni del foglio «{title}» di "
            "ente.xlsx):",
        ]
        for column, parser in columns.items():
            values = choices(parser)
            example = (
                f'"{values[0]}"' if values else f"{year}-12-31" if parser is parse_date else _TOML_EXAMPLES.get(parser)
            )
            meaning = (helps.get(column) or ("", ""))[0] or "dato del regolamento dell'ente"
            lines.append(f"# {header_label(name, column, schema)} = {example or chr(34) * 2}   # {meaning}")
    return lines


def cycle_toml(
    plugin: str,
    ente_id: str,
    year: int,
    keys: dict[str, str] | None = None,
    national: Any = None,
    store: str | None = None,
) -> str:
    """The office's cycle.toml, in the words the guide teaches (``[ciclo] anno``, ``dati``); ``national``: the
    ``[ente.nazionale]`` of the run of ``--from`` (the CCDI's choices, which hold until the CCDI changes them);
    ``store``: that run's store (:func:`kept_store`), kept as ``[archivio] indirizzo``."""
    extra = "".join(
        f"{key} = {_toml_text(value)}   # il file accanto a questo\n" for key, value in (keys or {}).items()
    )
    if isinstance(national, dict) and national:
        extra += "\n[ente.nazionale]   # le scelte del contratto integrativo dell'anno prima: controllale\n"
        extra += "".join(f"{_toml_key(str(k))} = {fmt.toml_value(v)}\n" for k, v in national.items())
    if store:
        extra += f"\n[archivio]\nindirizzo = {_toml_text(store)}   # l'archivio dell'anno prima: il confronto con quell'anno\n"
    return (
        "# cycle.toml: il ciclo da calcolare. Esegui: ciclope run cycle.toml\n"
        "[ciclo]\n"
        f"anno = {year}   # l'anno valutato\n"
        'risultati = "risultati"   # la cartella dei risultati, accanto a questo file\n'
        "\n"
        "[[ente]]\n"
        f'id = "{ente_id}"   # un codice breve, senza spazi\n'
        f'plugin = "{plugin}"\n'
        f'dati = "{ente_id}"   # la cartella con ente.xlsx ed ente.toml\n' + extra
    )


def _run_doc(folder: Path) -> dict[str, Any]:
    """The results.json of a run's output folder for one ente."""
    try:
        doc = json.loads((folder / "results.json").read_text(encoding="utf-8"))
        _data, _year = str(doc["audit"]["data"]), int(doc["year"])  # what _previous reads, checked here
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise CiclopeError(
            [Problem(rule="template.from", file=str(folder), message=f"non è la cartella di output di un ente ({exc})")]
        ) from None
    return doc


def _previous(doc: dict[str, Any], hooks: Hooks, plugin: str) -> tuple[Ente, int]:
    """The ente of a run (its results.json names the data folder) and the next year. Its data are read with the
    columns the run's own parameters declared (a declared regulation's ``[[colonne]]``)."""
    data, year = Path(doc["audit"]["data"]), int(doc["year"])
    schema = merge_schemas(hooks.answers(hookspecs.ciclope_input_schema, params=_run_params(plugin, doc)))
    return load_ente(data, doc["ente"], year, schema), year + 1


def _run_files(doc: dict[str, Any], plugin: str, files: Mapping[str, Any]) -> dict[str, Path]:
    """The plugin's own files the run used (a declared regulation), by parameter: those still readable."""
    overrides = doc["audit"].get("overrides", {})
    if doc.get("plugin") != plugin or not isinstance(overrides, dict):
        return {}
    return {k: Path(v) for k, v in overrides.items() if k in files and isinstance(v, str) and Path(v).is_file()}


def _resolved(plugin: str, year: int, params: dict[str, str]) -> Params | None:
    """The parameters of an ente with these files, or None where they do not resolve (the plugin's own columns)."""
    if not params:
        return None
    try:
        resolved, problems = resolve_params(plugin, year, dict(params), "template")
    except Exception:  # noqa: BLE001 — the template is written with the plugin's own columns
        return None
    return None if any(p.is_error for p in problems) else resolved


def _run_params(plugin: str, doc: dict[str, Any]) -> Params | None:
    """The parameters the run of ``doc`` had (its recorded overrides, as ``ciclope verify`` reads them); None when they
    no longer resolve (the regulation's file moved): the data are then read with the plugin's own columns."""
    overrides = doc["audit"].get("overrides", {})
    if doc.get("plugin") != plugin or not isinstance(overrides, dict):
        return None
    params, problems = resolve_params(plugin, int(doc["year"]), overrides)
    return None if problems else params


def _cell(value: Any, column: str = "", sheet: str = "") -> Any:
    """A value as the workbook holds it: numbers as numbers, SI/NO, a choice in its Italian words."""
    if isinstance(value, bool):
        return "SI" if value else "NO"
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else value
    if isinstance(value, str) and sheet:
        labels = getattr(CANONICAL.get(sheet, {}).get(column, (None,))[0], "labels", {})
        return labels.get(value, value)
    return value


# the dates of a person's service and incarico (people.csv, read by name as core/run/explain.py reads them): one
# before the new year is the year run's, never next year's
SERVICE_DATES = ("assunzione", "cessazione", "term_start", "term_end")


def _rows_from(ente: Ente, nxt: int, schema) -> dict[str, list[dict[str, Any]]]:
    """Next year's rows from the ente of a run: the people still in service on its 1 January, and what names them.
    A person who left is no one's head or evaluator next year: the cell is left for the office to fill (an empty
    evaluator is the head of the person's unit)."""

    def rows(sheet: str, items: Any, fields: tuple[str, ...]) -> list[dict[str, Any]]:
        return [{f: _cell(getattr(x, f), f, sheet) for f in fields} for x in items]

    first = dt.date(nxt, 1, 1)
    gone = {p.id for p in ente.people.values() if p.left_before(first)}

    def kept(value: Any) -> Any:  # a reference to a person who left: empty
        return None if value in gone else value

    staff = [p for p in ente.people.values() if p.id not in gone]
    people = rows("people", staff, ("id", "name", "role", "category", "unit", "fte", "evaluator"))
    for row, p in zip(people, staff):
        row.update({k: _cell(v) for k, v in p.extra.items()})
        row.update({k: None for k in SERVICE_DATES if isinstance(p.extra.get(k), dt.date) and p.extra[k] < first})
        row.update(dict.fromkeys(schema.yearly.get("people.csv", ())))  # the year's facts: next year's to write
        row["evaluator"] = kept(row["evaluator"])
        if p.id in ente.time_shares:  # a part-time that changed in the year: the share of its last day, not the mean
            row["fte"] = _cell(parttime.at_end(ente.time_shares[p.id], ente.year))
    units = rows("units", ente.units.values(), ("id", "name", "kind", "parent", "head"))
    for row, u in zip(units, ente.units.values()):
        row.update({k: _cell(v) for k, v in u.extra.items()})
        row.update(dict.fromkeys(schema.yearly.get("units.csv", ())))
        row["head"] = kept(row["head"])
    objectives = rows(
        "objectives", ente.objectives.values(), ("id", "kind", "title", "parent", "area", "weight", "owner")
    )
    cards = rows(  # the cards' items for next year: no points
        "evaluations",
        _next_cards(ente, gone),
        ("person", "evaluator", "section", "item", "max_points", "weight"),
    )
    for row in (*objectives, *cards):
        row.update({k: kept(row[k]) for k in ("owner", "evaluator") if k in row})
    return {
        "units": units,
        "areas": rows("areas", ente.areas.values(), ("id", "name", "weight", "separate")),
        "people": people,
        "objectives": objectives,
        "indicators": _indicators_from(ente, nxt),
        "assignments": rows("assignments", [a for a in ente.assignments if a.owner not in gone], _ASSIGNED),
        "evaluations": cards,
    }


_ASSIGNED = ("cruscotto", "owner", "ref", "weight")


def _next_cards(ente: Ente, gone: set[str]) -> list[Any]:
    """The card items to carry into next year: of the people still in service, each card once; of a person evaluated
    by several evaluators this year (valutatori.csv), the card of the last period's evaluator, who evaluates them at
    the year's end, since next year has no periods to tell two cards apart (a new move is the office's to write)."""
    last = {pid: max(listed, key=lambda p: p.end).evaluator for pid, listed in ente.periods.items() if listed}
    return [
        e for e in ente.evaluations if e.person not in gone and (e.person not in last or e.evaluator == last[e.person])
    ]


def _indicators_from(ente: Ente, nxt: int) -> list[dict[str, Any]]:
    """Next year's indicators: this year's actual as their baseline, the target of the new year."""
    return [
        {
            **{
                f: _cell(getattr(i, f), f, "indicators")
                for f in ("id", "objective", "name", "type", "weight", "source")
            },
            "baseline": _shown(i.actual if i.actual is not None else i.baseline, i.percent),
            "target": _shown(i.targets.get(nxt, i.target), i.percent),
        }
        for i in ente.indicators.values()
        if i.targets.get(nxt, i.target) is not None
    ]


def _shown(value: Any, percent: bool) -> Any:
    """An indicator's value as the workbook holds it; a number the office wrote as a percentage marked as one."""
    cell = _cell(value)
    return Percent(cell) if percent and isinstance(cell, (int, Decimal)) and not isinstance(cell, bool) else cell
