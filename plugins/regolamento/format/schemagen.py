"""The JSON Schema of the format, generated from :mod:`format.spec` (so editors complete and check a regulation).

The shipped file ``regolamento.schema.json`` at the plugin's root is this output; a test keeps them equal.
Regenerate it with ``python -m ciclope.plugins.regolamento.format.schemagen > plugins/regolamento/regolamento.schema.json``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import attrs

from ciclope.plugins.regolamento.format import quantities
from ciclope.plugins.regolamento.format.spec import FORMATS, Regulation

SHIPPED = Path(__file__).parent.parent / "regolamento.schema.json"  # at the package root, where editors find it
NUMBER = {"type": "number"}
FORMULA = {"type": "string", "pattern": r"^\s*="}  # a formula of the declared format, read by read.formulas
# a number written as text, as the reader takes it: "0.8", or a share as the text writes it, "80%" or "2,5%"
NUMBER_TEXT = {"type": "string", "pattern": r"^\s*-?(\d+(\.\d+)?|\d+([.,]\d+)?\s*%)\s*$"}
# points and days are never a percentage («"60%"» is no threshold of 60 points): written as text, digits alone
COUNT_TEXT = {"type": "string", "pattern": r"^\s*-?\d+(\.\d+)?\s*$"}


def schema() -> dict[str, Any]:
    root = table_schema(Regulation)
    root["properties"]["formato"]["enum"] = list(FORMATS)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://ciclope.example/regolamento.schema.json",
        "title": "Regolamento dichiarato (SMVP) per ciclope, formati " + " e ".join(map(str, FORMATS)),
        **root,
    }


def table_schema(cls: type) -> dict[str, Any]:
    props: dict[str, Any] = {}
    required = []
    for f in attrs.fields(cls):
        meta = f.metadata
        props[meta["toml"]] = key_schema(meta)
        if meta["required"]:
            required.append(meta["toml"])
    out: dict[str, Any] = {"type": "object", "description": (cls.__doc__ or "").strip()}
    out["properties"] = props
    out["additionalProperties"] = False
    if required:
        out["required"] = required
    return out


def key_schema(meta: Any) -> dict[str, Any]:
    kind = meta["kind"]
    out: dict[str, Any]
    if kind == "table":
        out = table_schema(meta["table"])
    elif kind == "tables":
        out = {"type": "array", "items": table_schema(meta["table"])}
        if meta["hi"] is not None:
            out["maxItems"] = int(meta["hi"])
        if meta.get("one"):  # one table alone, or a list of them
            out = {"anyOf": [table_schema(meta["table"]), out]}
    elif kind in ("number", "money"):
        if kind == "money":
            out = {"anyOf": [NUMBER, {"type": "string", "pattern": r"^-?\d+(\.\d+)?$"}]}
            out.update(_bounds(meta))
        else:
            written = COUNT_TEXT if meta.get("points") or meta.get("days") else NUMBER_TEXT
            out = {"anyOf": [{**NUMBER, **_bounds(meta)}, written]}
        if meta.get("formula"):  # or a formula "=…", checked by the reader
            out = {"anyOf": [out, FORMULA]}
    elif kind == "shares":  # a number, or a list of them (a share of a share)
        one = {"anyOf": [{**NUMBER, **_bounds(meta)}, NUMBER_TEXT]}
        out = {"anyOf": [one, {"type": "array", "items": one, "minItems": 1}]}
    elif kind == "formula":
        out = dict(FORMULA)
    elif kind == "formulas":
        out = {"type": "array", "items": dict(FORMULA)}
    elif kind == "int":
        out = {"type": "integer", **_bounds(meta)}
    elif kind == "bool":
        out = {"type": "boolean"}
    elif kind == "date":
        out = {"type": "string", "format": "date"}
    elif kind == "texts":
        item: dict[str, Any] = {"type": "string"}
        if meta["choices"]:
            item["enum"] = list(meta["choices"])
        out = {"type": "array", "items": item}
    elif kind == "numbers":
        out = {"type": "object", "additionalProperties": {"anyOf": [{**NUMBER, **_bounds(meta)}, NUMBER_TEXT]}}
    elif kind == "labels":
        out = {"type": "object", "additionalProperties": {"type": "string"}}
    else:
        out = {"type": "string", "minLength": 1}
        if meta["choices"]:
            out = {"type": "string", "enum": list(meta["choices"])}
        if meta.get("formula"):  # a choice, or a formula "=…" in its place (riparto_graduatorie)
            out = {"anyOf": [out, FORMULA]}
    out["description"] = meta["doc"]
    return out


def _bounds(meta: Any) -> dict[str, Any]:
    """The key's bounds; a score threshold's upper bound is the regulation's scale ([punteggio] su), which the reader
    checks: the schema says only its lower one."""
    out: dict[str, Any] = {}
    if meta["lo"] is not None:
        out["minimum"] = int(meta["lo"]) if meta["lo"] == int(meta["lo"]) else float(meta["lo"])
    if meta["hi"] is not None and not meta.get("points"):
        out["maximum"] = int(meta["hi"]) if meta["hi"] == int(meta["hi"]) else float(meta["hi"])
    return out


def text() -> str:
    return json.dumps(schema(), ensure_ascii=False, indent=2) + "\n"


if __name__ == "__main__":  # pragma: no cover - the regeneration command of the docstring
    print(text(), end="")


KIND_IT = {
    "int": "intero",
    "number": "numero",
    "money": "importo (euro)",
    "text": "testo",
    "choice": "scelta",
    "date": "data",
    "bool": "sì/no",
    "texts": "lista di testi",
    "table": "tabella",
    "tables": "lista di tabelle",
    "numbers": "tabella nome → numero",
    "shares": "numero o lista di numeri",
    "labels": "tabella nome → testo",
    "formula": "formula",
    "formulas": "lista di formule",
}
BEGIN, END = "<!-- chiavi: inizio (generato) -->", "<!-- chiavi: fine -->"


def reference() -> str:
    """Every key of the format, table by table, in Italian with an example: the reference of
    docs/regolamento.md between ``BEGIN`` and ``END`` (a test keeps it equal)."""
    out: list[str] = []
    _reference(Regulation, "(radice del file)", out, set())
    return "\n".join(out).strip() + "\n"


def _reference(cls: type, where: str, out: list[str], seen: set[type]) -> None:
    if cls in seen:
        return
    seen.add(cls)
    out += [f"#### {where}", "", (cls.__doc__ or "").strip(), "", "| chiave | tipo | obbligatoria | significato | esempio |",
            "|---|---|---|---|---|"]  # fmt: skip
    nested: list[tuple[type, str]] = []
    for f in attrs.fields(cls):
        meta = f.metadata
        kind = (
            ("tabella o " if meta.get("one") else "")
            + KIND_IT[meta["kind"]]
            + (" o formula" if meta.get("formula") and "formula" not in meta["kind"] else "")
        )
        if meta["choices"]:
            kind += ": " + ", ".join(f"`{c}`" for c in meta["choices"])
        example = "vedi sotto" if meta["table"] is not None else _example(meta, _default(f))
        doc = meta["doc"].replace("|", "\\|")
        if meta["since"] > 1:
            doc = f"(formato {meta['since']}) {doc}"
        out.append(f"| `{meta['toml']}` | {kind} | {'sì' if meta['required'] else 'no'} | {doc} | {example} |")
        if meta["table"] is not None:
            nested.append((meta["table"], meta["toml"]))
    out.append("")
    for table, name in nested:
        _reference(table, f"{where.replace('(radice del file)', '').strip('.')}.{name}".strip("."), out, seen)


def _example(meta: Any, default: Any) -> str:
    """The example column: the key's example, and what holds when the key is left out (its default)."""
    written = "" if meta["example"] is None else f"`{meta['toml']} = {_toml(meta['example'])}`"
    if default is None or meta["required"]:
        return written
    absent = f"se manca, `{meta['toml']} = {_toml(default)}`"
    return absent if not written or written == f"`{meta['toml']} = {_toml(default)}`" else f"{written}; {absent}"


def _default(f: Any) -> Any:
    """A field's default as an example, when it says something (not an empty text or list)."""
    if f.default is attrs.NOTHING:
        return None
    factory = getattr(f.default, "factory", None)
    value = factory() if factory is not None else f.default
    if value in (None, "", (), {}):
        return None
    return list(value) if isinstance(value, tuple) else value


def _toml(value: Any) -> str:
    if isinstance(value, str):
        return value if value[:4].isdigit() and value[4:5] == "-" else json.dumps(value, ensure_ascii=False)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{k} = {_toml(v)}" for k, v in value.items()) + " }"
    if isinstance(value, list):
        return "[" + ", ".join(_toml(v) for v in value) + "]"
    return str(value)


FORMULAS_BEGIN, FORMULAS_END = "<!-- formule: inizio (generato) -->", "<!-- formule: fine -->"


def formula_reference() -> str:
    """The names and functions of formulas, and where each name is read: the reference of docs/regolamento.md
    between ``FORMULAS_BEGIN`` and ``FORMULAS_END`` (a test keeps it equal)."""
    out = ["| nome | che cosa è | unità | dove si legge |", "|---|---|---|---|"]
    for name in [*quantities.PERSON_NAMES, *quantities.PART_NAMES, *quantities.ROW_NAMES]:
        q = quantities.quantity(name)
        assert q is not None
        where = [place for place, p in quantities.PLACES.items() if name in p.names]
        shown = "ovunque" if len(where) == len(quantities.PLACES) else ", ".join(f"`{w}`" for w in where)
        out.append(f"| `{name}` | {q.words}{f' ({q.meaning})' if q.meaning else ''} | {q.type.word()} | {shown} |")
    out += ["", "| funzione | che cosa dà |", "|---|---|"]
    out += [f"| `{written}` | {words} |" for written, words in quantities.SIGNATURES.values()]
    out += [
        f"| `{written}`, `{written.replace('.ENTE', '.GRUPPO')}` | {words}: dell'ente (dei ruoli del blocco) o della "
        "stessa graduatoria (in un controllo: dello stesso gruppo) |"
        for written, words in quantities.AGGREGATE_SIGNATURES.values()
    ]
    out += [
        "",
        "Dove la formula non legge una valutazione, le funzioni `.ENTE` contano anche chi non è valutato: in "
        "`riparto_graduatorie` il personale in servizio dei ruoli della parte, in `[[fondi]]` tutto il personale "
        "dell'ente.",
        "",
        "Una funzione sulle persone non si scrive dentro un'altra, nemmeno attraverso una definizione: "
        "`RANGO.ENTE(punteggio / CONTA.ENTE(punteggio >= 60))` è un errore, «CONTA.ENTE dentro un'altra funzione su "
        "più persone». Quella di dentro dà un valore solo, uguale per tutti: si scrive fuori, dove la formula lo "
        "confronta o lo divide (`RANGO.ENTE(punteggio) <= 20% * CONTA.ENTE(punteggio >= 60)`; `SOMMA.ENTE(x) / "
        "MAX.ENTE(x)` per `SOMMA.ENTE(x / MAX.ENTE(x))`), e un numero che l'ufficio conta da sé si scrive come dato "
        "dell'ente (una colonna di `[[colonne]]` con `elenco = \"ente\"`, il valore in `[dati]` di ente.toml).",
    ]
    keys = formula_keys()
    out += ["", "| dove | chiave del file | la formula dà |", "|---|---|---|"]
    out += [
        f"| `{place}`: {p.words} | {', '.join(keys.get(place, ()))} | {p.result.word()} |"
        for place, p in quantities.PLACES.items()
    ]
    out.append(  # a definition reads every name; where it is read, what that place reads (read.definitions)
        f"| `definizione`: {quantities.DEFINITION.words} | {', '.join(keys.get('definizione', ()))} | il tipo della sua "
        "formula; si legge ovunque, dove vi si leggono i nomi e le funzioni che legge |"
    )
    return "\n".join(out) + "\n"


def formula_keys() -> dict[str, list[str]]:
    """Each place of formulas → the keys of the file written there, as the docs name them: «`da` di `[livelli]`»
    (the thresholds of every ladder of [livelli] once)."""
    found: dict[str, list[str]] = {}
    _formula_keys(Regulation, "", found)
    # a place a key reaches by the choice of another key of its block, not by a key of its own (Context.place)
    found["controllo_ente"] = ['`condizione` di `[[controlli]]` con `per = "ente"`']
    return found


def _formula_keys(cls: type, table: str, found: dict[str, list[str]]) -> None:
    for f in attrs.fields(cls):
        meta = f.metadata
        if meta.get("formula"):
            said = f"`{meta['toml']}` di `{table}`"
            if said not in found.setdefault(meta["formula"], []):
                found[meta["formula"]].append(said)
        if meta["table"] is not None:  # a nested table's keys are said with the block of the file they are in
            block = table or (
                f"[[{meta['toml']}]]" if meta["kind"] == "tables" and not meta.get("one") else f"[{meta['toml']}]"
            )
            _formula_keys(meta["table"], block, found)
