"""The collections of the cards (``ciclope raccolta crea``) beside cycle.toml, read from their own record
(``raccolta.json``: the ente, the year and who was sent each card), so that a run can say which evaluator's
workbook a missing card is in. Only the folders right beside cycle.toml are looked at, where the office's guide
creates them (``--out raccolta``); a collection elsewhere is not known, and nothing is said of it."""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import attrs

from ciclope.core.model import Collection

RECORD = "raccolta.json"  # as ciclope.core.raccolta.layout.MANIFEST, which this layer cannot import
LIMIT = 50 * 2**20  # a record larger than this is no collection's


def _records(folder: Path) -> Iterator[tuple[Path, dict[str, Any]]]:
    try:
        subs = sorted(p for p in folder.iterdir() if p.is_dir() and not p.is_symlink())
    except OSError:
        return
    for sub in subs:
        record = sub / RECORD
        try:
            if record.is_symlink() or not record.is_file() or record.stat().st_size > LIMIT:
                continue
            doc = json.loads(record.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        if isinstance(doc, dict):
            yield sub, doc


def _sent(doc: dict[str, Any]) -> dict[str, tuple[str, str]]:
    out: dict[str, tuple[str, str]] = {}
    for s in doc.get("cartelle", ()):
        evaluator, label = str(s.get("evaluator", "")), str(s.get("label", ""))
        said = f"{label} ({evaluator})" if label and label != evaluator else evaluator
        for person in s.get("people", ()):
            out[str(person)] = (evaluator, said)
    return out


def found(cycle: Path, year: int, enti: Iterable[str]) -> dict[str, Collection]:
    """Ente id → its collection of ``year`` beside ``cycle`` (cycle.toml); of two, the one created last."""
    wanted = set(enti)
    best: dict[str, tuple[str, Collection]] = {}
    for sub, doc in _records(cycle.parent):
        try:
            ente, made = str(doc["ente"]), str(doc.get("creata", ""))
            if ente not in wanted or int(doc["anno"]) != year or (ente in best and best[ente][0] > made):
                continue
            command = f"ciclope raccolta unisci {cycle.name} --ente {ente} {sub.name}"
            best[ente] = (made, Collection(sub.name, command, _sent(doc)))
        except (KeyError, TypeError, ValueError, AttributeError):
            continue
    return {ente: c for ente, (_, c) in best.items()}


def attach(enti: Iterable[Any], cycle: Path, year: int) -> list[Any]:
    """The enti's configurations, each with the collection found for it."""
    enti = list(enti)
    if not os.path.isdir(cycle.parent):
        return enti
    collections = found(cycle, year, (e.id for e in enti))
    return [attrs.evolve(e, collection=collections[e.id]) if e.id in collections else e for e in enti]
