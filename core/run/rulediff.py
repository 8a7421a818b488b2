"""What changed in a regulation the office declared in a TOML file between two runs, in the office's own words.

``ciclope diff`` between two years names the keys of the file that differ, as the office wrote them: the table
(«[atto]»), the entry of a list of tables by its name («[[premi]] «produttività»»), the key and its two values
(«peso: =SE(punteggio >= 95; 1; punteggio / 100) → =SE(punteggio >= 90; 1; punteggio / 100)»). The file is read
where the run found it, and only when its content is still the one the run recorded (its SHA-256): a file edited
since says nothing about that year.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ciclope.core.tomlcompat import loads_checked

# the keys that name an entry of a list of tables, in the order they are looked for
NAMING_KEYS = ("nome", "regola", "misura", "voce", "id", "codice")
_ABSENT = object()


def recorded_toml(path: Any, sha256: Any) -> dict[str, Any] | None:
    """The TOML file at ``path`` when its bytes are still those whose SHA-256 the run recorded, else None."""
    if not isinstance(path, str) or not isinstance(sha256, str) or not path or "\x00" in path:
        return None
    try:
        data = Path(path).read_bytes()
        if hashlib.sha256(data).hexdigest() != sha256:
            return None
        return loads_checked(data.decode("utf-8-sig"))
    except (OSError, ValueError, UnicodeDecodeError):
        return None


def toml_changes(before: Mapping[str, Any], after: Mapping[str, Any], where: str = "") -> list[str]:
    """Each key whose value differs between two TOML documents, as «[tabella] chiave: prima → dopo»."""
    out: list[str] = []
    for key in [*before, *(k for k in after if k not in before)]:
        x, y = before.get(key, _ABSENT), after.get(key, _ABSENT)
        if x == y:
            continue
        if isinstance(x, Mapping) and isinstance(y, Mapping):
            out += toml_changes(x, y, _joined(where, f"[{key}]"))
        elif _tables(x) and _tables(y):
            out += _entries(key, x, y, where)
        else:
            out.append(f"{_joined(where, key)}: {said(x)} → {said(y)}")
    return out


def _entries(key: str, before: list[Mapping[str, Any]], after: list[Mapping[str, Any]], where: str) -> list[str]:
    """The entries of a list of tables (``[[premi]]``) paired by their name (else their place in the list)."""
    xs, ys = _named(before), _named(after)
    out: list[str] = []
    for name in [*xs, *(n for n in ys if n not in xs)]:
        head = _joined(where, f"[[{key}]] {name}")
        if name not in ys:
            out.append(f"{head}: tolta")
        elif name not in xs:
            out.append(f"{head}: aggiunta")
        else:
            out += toml_changes(xs[name], ys[name], head)
    return out


def _named(entries: list[Mapping[str, Any]]) -> dict[str, Mapping[str, Any]]:
    out: dict[str, Mapping[str, Any]] = {}
    for n, entry in enumerate(entries, 1):
        name = next((str(entry[k]) for k in NAMING_KEYS if isinstance(entry.get(k), str | int)), "")
        label = f"«{name}»" if name else f"n. {n}"
        out[label if label not in out else f"{label} n. {n}"] = entry
    return out


def _tables(value: Any) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(v, Mapping) for v in value)


def _joined(where: str, key: str) -> str:
    return f"{where}, {key}" if where and not where.endswith("]") else f"{where} {key}".strip()


def said(value: Any) -> str:
    """A TOML value as the office typed it: a text as it is, true/false, a list or a table inline; «assente» for
    a key the file did not have."""
    if value is _ABSENT:
        return "assente"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "[" + ", ".join(said(v) for v in value) + "]"
    if isinstance(value, Mapping):
        return "{ " + ", ".join(f"{k} = {said(v)}" for k, v in value.items()) + " }"
    return str(value)
