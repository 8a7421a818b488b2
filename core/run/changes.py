"""``ciclope diff``'s people: who each one is, how much their score and amount moved, and why.

The reasons come from the traces the store keeps of the two results (the same figures ``explain`` reads): a
person's own figures (their card, score, reductions, award: every figure whose key names them, followed down
from the ones that start a person's explanation) are compared input by input, and every input read from a cell
that changed value or cell is said with the cell, as explain cites it («40 (tabella valutazioni, riga 3,
colonna punti) → 45 (tabella ricorsi, riga 2, colonna nuovi punti)»). A figure of theirs computed in one run
only (a reduction for absence the corrected days no longer give) is said with the cells it read. A person whose
own inputs did not change is told that their amount moved because a fund is shared with the others (named)
whose data changed, and what the ente's common figures read differently (a fund's amount).
"""

from __future__ import annotations

import argparse
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from typing import Any

from ciclope.core.run.explain import column_words, place, show, value_kind
from ciclope.core.store import Store
from ciclope.core.store import commands as store_commands

# the heads of the figures that start a person's explanation (``award:P1``, ``score:P1``, ``card:P1``, …)
OWN_HEADS = ("award", "score", "card", "person", "progression", "rata")
Trace = Mapping[str, Mapping[str, Any]]


def main(args: argparse.Namespace) -> int:
    """``ciclope diff``: the store's diff, each changed person annotated (:func:`annotate`)."""
    where = str(getattr(args, "store", None) or getattr(args, "config", None) or "")
    with store_commands.readable_store(where):
        return store_commands.cmd_diff(args, annotate)


def annotate(store: Store, doc: dict[str, Any], a: int, b: int) -> None:
    """Each person of ``doc["people"]`` (results ``a`` → ``b``) with their name, the differences, the changes of
    their own inputs (``changes``), the people whose own inputs changed (``others``) and a ``reason`` in words."""
    names = {p.person: p.name for p in store.people(a)} | {p.person: p.name for p in store.people(b)}
    ta, tb = store.trace(a), store.trace(b)
    headers = column_words(store.document(b).get("plugin", ""))
    changed = {p["person"]: own_changes(ta, tb, p["person"], headers) for p in doc["people"]}
    moved = [pid for pid, lines in changed.items() if lines]
    shared = shared_changes(ta, tb, set(names), headers) + rules_changed(store.document(a), store.document(b))
    for p in doc["people"]:
        pid = p["person"]
        p["name"] = names.get(pid, "")
        p["difference"] = differences(p["from"], p["to"])
        p["changes"] = changed[pid]
        p["others"] = [] if changed[pid] else [o for o in moved if o != pid]
        p["shared"] = [] if changed[pid] else shared
        others = [f"{names.get(o, o)} ({o})" for o in p["others"]]
        p["reason"] = "" if changed[pid] else reason(others, shared, p["difference"]["amount"] not in (None, 0))


def differences(before: Mapping[str, Any] | None, after: Mapping[str, Any] | None) -> dict[str, Any]:
    """Score and amount after − before (None where either is missing)."""

    def minus(key: str) -> Any:
        x, y = (before or {}).get(key), (after or {}).get(key)
        if x is None or y is None:
            return None
        return Decimal(y) - Decimal(x) if key == "amount" else round(float(y) - float(x), 2)

    return {"score": minus("score"), "amount": minus("amount")}


def reason(others: Sequence[str], shared: Sequence[Mapping[str, Any]], paid: bool) -> str:
    """Why the figures of a person whose own inputs did not change moved (``paid``: their amount moved)."""
    tail = []
    if others:
        fund = "l'importo cambia perché il fondo è ripartito tra tutti e " if paid else ""
        tail.append(fund + "sono cambiati i dati di " + ", ".join(others))
    if shared:
        tail.append("sono cambiati dati comuni: " + "; ".join(c["said"] for c in shared))
    return "nessun suo dato è cambiato" + (": " + "; ".join(tail) if tail else "")


def rules_changed(da: Mapping[str, Any], db: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The files cycle.toml names as the ente's parameters (a declared regulation) whose content differs between
    the two results (results.json's ``audit.override_files``): a rule changed, not a datum."""
    fa, fb = (d.get("audit", {}).get("override_files", {}) or {} for d in (da, db))
    return [
        {
            "figure": "",
            "name": key,
            "from": None,
            "to": None,
            "cells": [],
            "said": f"il file «{key}» indicato in cycle.toml",
        }
        for key in sorted(set(fa) | set(fb))
        if fa.get(key) != fb.get(key)
    ]


def own_keys(trace: Trace, pid: str) -> set[str]:
    """The figures about ``pid``: those whose key starts a person's explanation and names them, then every figure
    they read whose key names them too (a reduction ``reduction:P1:1``), down the chain."""
    found = {k for k in trace if k.split(":")[0] in OWN_HEADS and pid in k.split(":")[1:]}
    todo = list(found)
    while todo:
        for i in trace[todo.pop()].get("inputs", ()):
            ref = i.get("ref") or ""
            if ref in trace and ref not in found and pid in ref.split(":")[1:]:
                found.add(ref)
                todo.append(ref)
    return found


def own_changes(ta: Trace, tb: Trace, pid: str, headers: Mapping[str, Mapping[str, str]]) -> list[dict[str, Any]]:
    """What changed in ``pid``'s own inputs from trace ``ta`` to ``tb``."""
    ka, kb = own_keys(ta, pid), own_keys(tb, pid)
    out = [c for key in sorted(ka & kb) for c in input_changes(ta[key], tb[key], key, headers)]
    out += [alone(ta[key], key, headers, after=False) for key in sorted(ka - kb)]
    out += [alone(tb[key], key, headers, after=True) for key in sorted(kb - ka)]
    return _unique(out)


def shared_changes(ta: Trace, tb: Trace, people: set[str], headers: Mapping[str, Mapping[str, str]]) -> list[dict]:
    """The cells read differently by the figures that name no person (a fund, an indicator)."""
    keys = [k for k in ta if k in tb and not people & set(k.split(":")[1:])]
    return _unique([c for key in sorted(keys) for c in input_changes(ta[key], tb[key], key, headers)])


def _unique(changes: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """One line per change: the same cell read by two figures (the days by the reduction and the award) once."""
    seen: dict[str, dict[str, Any]] = {}
    for c in changes:
        seen.setdefault(c["said"], c)
    return list(seen.values())


def input_changes(fa: Mapping[str, Any], fb: Mapping[str, Any], key: str, headers) -> list[dict[str, Any]]:
    """The inputs read from a cell that differ, in value or cell, between two versions of the figure ``key``:
    paired by position when the figure reads as many inputs in both runs, else by name."""
    ia, ib = list(fa.get("inputs", ())), list(fb.get("inputs", ()))
    if len(ia) == len(ib):
        pairs = list(zip(ia, ib))
    else:
        by_name = {i["name"]: i for i in ib}
        pairs = [(i, by_name[i["name"]]) for i in ia if i["name"] in by_name]
    out = []
    for x, y in pairs:
        if not (x.get("cell") or y.get("cell")) or (x["value"], x.get("cell")) == (y["value"], y.get("cell")):
            continue
        kind = value_kind(key) if key.startswith("pool:") else "number"
        before = _read(x, kind, headers)
        after = _read(y, kind, headers)
        out.append(
            {
                "figure": key,
                "name": x["name"],
                "from": x["value"],
                "to": y["value"],
                "cells": [c for c in (x.get("cell"), y.get("cell")) if c],
                "said": f"{x['name']}: {before} → {after}",
            }
        )
    return out


def _read(i: Mapping[str, Any], kind: str, headers) -> str:
    """An input's value and, if it was read from a cell, the cell: «40 (tabella valutazioni, riga 3, colonna punti)»."""
    value = show(i["value"], kind)
    return f"{value} ({place(i['cell'], headers=headers)})" if i.get("cell") else value


def alone(figure: Mapping[str, Any], key: str, headers, after: bool) -> dict[str, Any]:
    """A figure of the person computed in one run only, with the cells it read («Riduzione …: 50% (giorni di
    assenza 45 (tabella persone, riga 4, colonna giorni_assenza)) prima, nessuna cifra dopo»)."""
    cells = [f"{i['name']} {_read(i, 'number', headers)}" for i in figure.get("inputs", ()) if i.get("cell")]
    value = show(figure["value"], value_kind(key)) + (f" ({'; '.join(cells)})" if cells else "")
    said = f"{figure['label']}: " + (
        f"nessuna cifra prima, {value} dopo" if after else f"{value} prima, nessuna cifra dopo"
    )
    return {
        "figure": key,
        "name": figure["label"],
        "from": None if after else figure["value"],
        "to": figure["value"] if after else None,
        "cells": [i["cell"] for i in figure.get("inputs", ()) if i.get("cell")],
        "said": said,
    }
