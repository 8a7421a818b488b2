"""The one vocabulary of what an office writes and reads: the Italian names of the data's files, sheets and
columns, of the keys of ``cycle.toml`` and ``ente.toml``, each with the code ciclope uses inside (and
``results.json`` keeps). Messages, documents and the template say the Italian name; a file may write either
form (the codes stay readable as aliases), never both for one key.

One table per thing named, each read both ways: :func:`renamed` reads a table written with either form as
the codes, and lists the keys written twice; the ``*_it`` functions give the Italian name of a code.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

# The tables of an ente's data: the sheets of ente.xlsx and the CSV files (``persone.csv``) by their Italian
# names. A plugin's own tables take the words of its InputSchema ``titles``.
SHEET_TITLES = {
    "units": "unità",
    "areas": "aree",
    "people": "persone",
    "objectives": "obiettivi",
    "indicators": "indicatori",
    "assignments": "cruscotti",
    "evaluations": "valutazioni",
    "revisions": "revisioni",
    "appeals": "ricorsi",
    "evaluator_periods": "valutatori",
    "time_periods": "tempo parziale",
    "positions": "posizioni",
    "projects": "progetti",
}
# Other Italian names an office gives its sheets and files (read, never written).
SHEET_ALIASES = {
    "persone": "people",
    "personale": "people",
    "unita": "units",
    "unità": "units",
    "strutture": "units",
    "aree": "areas",
    "obiettivi": "objectives",
    "indicatori": "indicators",
    "assegnazioni": "assignments",
    "cruscotti": "assignments",
    "valutazioni": "evaluations",
    "schede": "evaluations",
    "revisioni": "revisions",
    "ricorsi": "appeals",
    "valutatori": "evaluator_periods",
    "tempo parziale": "time_periods",
    "tempo_parziale": "time_periods",
    "posizioni": "positions",
    "progetti": "projects",
}

_SHARED = {"id": "codice", "name": "nome", "weight": "peso", "parent": "superiore", "reason": "motivo"}
# The columns' Italian headers, per table. A plugin's own columns take the words of its InputSchema ``headers``.
HEADERS_IT: dict[str, dict[str, str]] = {
    "units": {**_SHARED, "kind": "tipo", "head": "responsabile"},
    "areas": {**_SHARED, "separate": "separata"},
    "people": {
        **_SHARED,
        "role": "ruolo",
        "category": "categoria",
        "unit": "unità",
        "fte": "quota_tempo",
        "absence_days": "giorni_assenza",
        "insufficient": "insufficiente",
        "evaluator": "valutatore",
    },
    "objectives": {**_SHARED, "kind": "tipo", "title": "titolo", "area": "area", "owner": "responsabile"},
    "indicators": {
        **_SHARED,
        "objective": "obiettivo",
        "type": "tipo",
        "baseline": "valore_base",
        "target": "target",
        "actual": "consuntivo",
        "target_mid": "target_30_6",
        "actual_mid": "consuntivo_30_6",
        "neutralized": "neutralizzato",
        "source": "fonte",
        "benchmark": "confronto",
    },
    "assignments": {"cruscotto": "cruscotto", "owner": "titolare", "ref": "voce", "weight": "peso"},
    "evaluations": {
        "person": "persona",
        "evaluator": "valutatore",
        "section": "sezione",
        "item": "voce",
        "max_points": "punti_massimi",
        "points": "punti",
        "weight": "peso",
        "motivation": "motivazione",
    },
    "revisions": {
        "indicator": "indicatore",
        "field": "campo",
        "old": "valore_precedente",
        "new": "nuovo_valore",
        "reason": "motivo",
        "oiv_validated": "validata_oiv",
        "approved": "approvata",
    },
    "appeals": {
        "person": "persona",
        "stage": "fase",
        "date": "data",
        "outcome": "esito",
        "new_points_item": "voce_rivista",
        "new_points": "nuovi_punti",
        "evaluator": "valutatore",
    },
    "evaluator_periods": {"person": "persona", "evaluator": "valutatore", "start": "dal", "end": "al"},
    "time_periods": {"person": "persona", "start": "dal", "end": "al", "fte": "quota_tempo"},
}

# ente.toml: its tables and the acts of [atti].
ENTE_TABLES = {
    "nome": "name",
    "organismo_valutazione": "body",
    "fondi": "funds",
    "atti": "approvals",
    "valutatori": "evaluators",
}
APPROVAL_NAMES = {
    "bilancio_approvato": "budget_approved",
    "piano_adottato": "piano_adopted",
    "relazione_approvata": "relazione_approved",
    "relazione_validata_oiv": "relazione_validated_oiv",
    "relazione_pubblicata": "relazione_published",
    "relazione_redatta": "relazione_drafted",
    "attestazione_oiv": "oiv_attested",
    "motivazione_oiv": "oiv_motivation",
    "giudizio_oiv": "oiv_judgement",
    "premi_erogati": "premi_paid",
    "bonus_deciso": "bonus_decided",
    "bonus_erogato": "bonus_paid",
    "risparmi_validati_oiv": "savings_validated_oiv",
}
# The acts of [atti] as people name them (an explanation, a message), by their code: never the key ente.toml writes.
APPROVAL_WORDS = {
    "budget_approved": "bilancio di previsione approvato",
    "piano_adopted": "Piano della performance adottato",
    "relazione_approved": "Relazione sulla performance approvata",
    "relazione_validated_oiv": "Relazione validata dall'OIV",
    "relazione_published": "Relazione pubblicata",
    "relazione_drafted": "Relazione redatta",
    "oiv_attested": "attestazione dell'OIV",
    "oiv_motivation": "motivazione dell'OIV",
    "oiv_judgement": "giudizio dell'OIV",
    "premi_paid": "premi erogati",
    "bonus_decided": "bonus deciso",
    "bonus_paid": "bonus erogato",
    "savings_validated_oiv": "risparmi validati dall'OIV",
}
# The funds of [fondi] whose code is not Italian (the plugins' own; the others are written as they are).
FUND_NAMES = {
    "risorse_po": "po_total",
    "risorse_stabili_dirigenti": "stable_dirigenti",
    "risorse_stabili_personale": "stable_staff",
    "risparmi": "savings",
}

# cycle.toml: its tables, the keys of [ciclo], of each [[ente]], of [archivio] and of the maggiorazione.
CYCLE_TABLES = {"ciclo": "cycle", "archivio": "store"}
CYCLE_KEYS = {"anno": "year", "risultati": "output"}
ENTE_KEYS = {"dati": "data", "parametri": "params", "nazionale": "national"}
STORE_KEYS = {"indirizzo": "url"}
MAGGIORAZIONE_KEYS = {"quota_premio": "share", "quota_personale": "quota"}


def italian(names: Mapping[str, str], code: str) -> str:
    """The Italian name of ``code`` in a table of ``Italian → code`` (the code itself when it has none)."""
    for it, known in names.items():
        if known == code:
            return it
    return code


def renamed(table: Mapping[str, Any], names: Mapping[str, str]) -> tuple[dict[str, Any], list[tuple[str, str]]]:
    """``table`` with each Italian key of ``names`` read as its code, and the keys written both ways
    (``(italian, code)``, the code's value kept): a file that writes both for one key is an error the caller
    reports naming both; nothing is chosen in the office's place."""
    out: dict[str, Any] = {}
    twice: list[tuple[str, str]] = []
    for key, value in table.items():
        code = names.get(key, key)
        if code in out or (code != key and code in table):
            pair = (key, code) if code != key else (italian(names, code), code)
            if pair not in twice:
                twice.append(pair)
            if code != key:
                continue
        out[code] = value
    return out, twice


def sheet_it(name: str, titles: Mapping[str, str] | None = None) -> str:
    """A table's Italian name: ``people`` → ``persone`` (a plugin's table by its ``titles``, ``innovation.csv`` →
    ``innovazione``)."""
    stem = name.removesuffix(".csv")
    own = (titles or {}).get(f"{stem}.csv")
    return own or SHEET_TITLES.get(stem, stem)


def column_it(sheet: str, code: str, headers: Mapping[str, Mapping[str, str]] | None = None) -> str:
    """A column's Italian header: ``evaluations``/``points`` → ``punti`` (a plugin's column by its ``headers``,
    keyed by file name as InputSchema writes them); the code when it has none (``target_2025``)."""
    stem = sheet.removesuffix(".csv")
    own = (headers or {}).get(f"{stem}.csv", {})
    return own.get(code) or HEADERS_IT.get(stem, {}).get(code, code)


def toml_key_said(path: str) -> str:
    """A key of a TOML file as its writer finds it: ``progressioni.graduatoria`` → ``[progressioni] graduatoria``,
    ``premi[2].peso`` → ``[[premi]] n. 2, peso`` (the index as the office counts, from 1), a whole table of a list
    ``premi[2]`` → ``[[premi]] n. 2``, a key of a table inside one of a list ``premi[3].coefficienti.adeguato`` →
    ``[[premi]] n. 3, coefficienti, adeguato``, a list inside one of a list ``riduzioni[1].scaglioni[2].riduzione`` →
    ``[[riduzioni]] n. 1, scaglioni n. 2, riduzione``, ``formato`` as it is."""
    listed = re.fullmatch(r"([^\[\]]+?)\[(\d+)\](.*)", path)
    if listed is None:
        table, dot, key = path.rpartition(".")
        return f"[{table}] {key}" if dot else path
    # the tables and lists inside the list's item, by their keys: a list within it by its item's number as well,
    # ``riduzioni[1].scaglioni[2].riduzione`` → ``[[riduzioni]] n. 1, scaglioni n. 2, riduzione``
    inner = [re.sub(r"^(.+)\[(\d+)\]$", r"\1 n. \2", k) for k in listed.group(3).split(".") if k]
    return ", ".join([f"[[{listed.group(1)}]] n. {listed.group(2)}", *inner])


def toml_place(where: str) -> str | None:
    """A place in a TOML file other than ente.toml (the regulation's) as people read it: ``regolamento.toml:93:
    progressioni.graduatoria`` → ``regolamento.toml, riga 93, [progressioni] graduatoria`` (the file by its name,
    never the folder of the office's machine); None for any other place (a key without its line stays as it is)."""
    parts = where.split(":")
    if len(parts) < 2 or not parts[0].endswith(".toml") or parts[0].endswith("ente.toml"):
        return None
    name = parts[0].replace("\\", "/").rsplit("/", 1)[-1]
    if len(parts) == 3 and parts[1].isdigit():
        return f"{name}, riga {parts[1]}, {toml_key_said(parts[2])}"
    return None


# A place in a data file as ``results.json`` keeps it: ``persone.csv:11:codice``, ``ente.xlsx[persone]:11``,
# ``obiettivi.csv:peso`` (a whole column); the file's name may hold a folder, never a colon after its extension.
DATA_PLACE = re.compile(r"(?P<file>.+?\.csv|.+?\.xlsx\[[^\]]+\])(?::(?P<row>\d+))?(?::(?P<column>.+))?")


def where_it(where: str) -> str:
    """Where a problem is, as an office reads it: ``ente.toml:funds.po_total`` → ``ente.toml [fondi] risorse_po``,
    ``ente.toml:approvals.premi_paid`` → ``ente.toml [atti] premi_erogati``, a choice of the CCDI
    (``nazionale.maggiorazione``) → ``cycle.toml [ente.nazionale] maggiorazione``; a place in a data file by its
    row and its column as the office wrote them, ``persone.csv:11:codice`` → ``persone.csv, riga 11, colonna
    codice`` (a workbook's sheet, ``ente.xlsx, foglio persone, riga 11, colonna codice``: :func:`cell_said`); a
    place in another TOML file by its line and its key (:func:`toml_place`)."""
    data = DATA_PLACE.fullmatch(where)
    if data is not None:
        return cell_said(data["file"], data["row"], data["column"] or "")
    if (toml := toml_place(where)) is not None:
        return toml
    line, colon, place = where.removeprefix("ente.toml:").partition(":")
    if where.startswith("ente.toml:") and line.isdigit() and colon:  # a key at its line: «ente.toml, riga 5, [dati] …»
        return f"ente.toml, riga {line}, {toml_key_said(place)}"
    if where.startswith("ente.toml:"):
        table, _, key = where.removeprefix("ente.toml:").partition(".")
        names = {"funds": FUND_NAMES, "approvals": APPROVAL_NAMES}.get(table, {})
        return f"ente.toml [{italian(ENTE_TABLES, table)}] {italian(names, key)}".rstrip()
    for head in ("nazionale.", "national."):
        if where.startswith(head):
            return f"cycle.toml [ente.nazionale] {where.removeprefix(head)}"
    return where


def sheet_said(label: str) -> str:
    """A workbook's sheet as an office names it, ``ente.xlsx[persone]`` → ``ente.xlsx, foglio persone``; any
    other file as it is."""
    sheet = re.fullmatch(r"(.+\.xlsx)\[(.+)\]", label)
    return f"{sheet.group(1)}, foglio {sheet.group(2)}" if sheet is not None else label


def cell_said(label: str, row: int | str | None, column: str, letter: str = "") -> str:
    """A place of a workbook's sheet as the spreadsheet shows it: ``ente.xlsx, foglio persone, cella A11 (colonna
    codice)``; a column the sheet lacks (no ``letter``) by its row and name, ``…, riga 11, colonna codice``; a whole
    row, ``…, riga 11``; a whole column, ``…, colonna B (consuntivo)``; the sheet alone, ``ente.xlsx, foglio persone``."""
    sheet = sheet_said(label)
    if row and column and letter:
        return f"{sheet}, cella {letter}{row} (colonna {column})"
    said = [sheet, *([f"riga {row}"] if row else [])]
    if column:
        said.append(f"colonna {f'{letter} ({column})' if letter else column}")
    return ", ".join(said)
