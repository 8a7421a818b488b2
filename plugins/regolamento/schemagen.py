"""The JSON Schema of the format, generated from :mod:`.spec` (so editors complete and check a regulation).

The shipped file ``regolamento.schema.json`` beside this module is this output; a test keeps them equal.
Regenerate it with ``python -m ciclope.plugins.regolamento.schemagen > plugins/regolamento/regolamento.schema.json``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import attrs

from .spec import FORMAT, Regulation

SHIPPED = Path(__file__).with_name("regolamento.schema.json")
NUMBER = {"type": "number"}


def schema() -> dict[str, Any]:
    root = table_schema(Regulation)
    root["properties"]["formato"]["const"] = FORMAT
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://ciclope.example/regolamento.schema.json",
        "title": "Regolamento dichiarato (SMVP) per ciclope, formato 1",
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
    elif kind in ("number", "money"):
        out = (
            {"anyOf": [NUMBER, {"type": "string", "pattern": r"^-?\d+(\.\d+)?$"}]} if kind == "money" else dict(NUMBER)
        )
        out.update(_bounds(meta))
    elif kind == "int":
        out = {"type": "integer"}
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
        out = {"type": "object", "additionalProperties": {"type": "number", **_bounds(meta)}}
    elif kind == "labels":
        out = {"type": "object", "additionalProperties": {"type": "string"}}
    else:
        out = {"type": "string", "minLength": 1}
        if meta["choices"]:
            out = {"type": "string", "enum": list(meta["choices"])}
    out["description"] = meta["doc"]
    return out


def _bounds(meta: Any) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if meta["lo"] is not None:
        out["minimum"] = int(meta["lo"]) if meta["lo"] == int(meta["lo"]) else float(meta["lo"])
    if meta["hi"] is not None:
        out["maximum"] = int(meta["hi"]) if meta["hi"] == int(meta["hi"]) else float(meta["hi"])
    return out


def text() -> str:
    return json.dumps(schema(), ensure_ascii=False, indent=2) + "\n"


if __name__ == "__main__":  # pragma: no cover - the regeneration command of the docstring
    print(text(), end="")
