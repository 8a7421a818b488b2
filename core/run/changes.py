"""``ciclope diff``'s people: who each one is, how much their score and amount moved, and why.

The reasons come from the traces the store keeps of the two results (the same figures ``explain`` reads): a
person's own figures (their card, score, reductions, award: every figure whose key names them, followed down
from the ones that start a person's explanation) are compared input by input, and every input read from a cell
whose value changed is said with the cell (a value read the same from another cell is not), as explain cites it («40 (tabella valutazioni, riga 3,
colonna punti) → 45 (tabella ricorsi, riga 2, colonna nuovi punti)»). A figure of theirs computed in one run
only (a reduction for absence the corrected days no longer give) is said with the cells it read. A person whose
own inputs did not change is told that their amount moved because a fund is shared with the others (named)
whose data changed, and what the ente's common figures read differently (a fund's amount).

Every value is said as explain says it (:func:`~ciclope.core.run.explain.input_shown`, with the kind of the cell's
column): a share typed as a percentage reads «100%», never «1»; a percentage the store keeps as its exact text
(«2,7397…%») reads to two decimals, «2,74%». A figure of the person computed in both runs but followed from their
premium in one only (a maggiorazione's condition, once she takes part) is said before and after («no prima, sì
dopo»), never as missing; when a part of the premium is paid in one run only, every part that changed is said before
and after with its difference, the parts of every fund that pays the person (results.json's awards, not only the
first), so the lines add up to the difference; a person with no amount in a run that paid the rewards had € 0,00. An amount that only measures another (the quota on the whole fund, on which
a maggiorazione is computed before its set-aside) is no pay, and is not said. A change of a person's result is not a
change of their data: only people whose data changed are named as the reason of the others' amounts.
"""

from __future__ import annotations

import argparse
import re
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from typing import Any

import attrs

from ciclope.core import fmt
from ciclope.core.labels import STATUS_LABELS
from ciclope.core.run.explain import (
    PART,
    Kinds,
    column_kind,
    column_words,
    input_shown,
    place,
    show,
    stored_kinds,
    value_kind,
)
from ciclope.core.run.rulediff import recorded_toml, toml_changes
from ciclope.core.store import Store
from ciclope.core.store import commands as store_commands
from ciclope.core.store.words import ente_info

# the heads of the figures that start a person's explanation (``award:P1``, ``score:P1``, ``card:P1``, …)
OWN_HEADS = ("award", "score", "card", "person", "progression", "rata")
Trace = Mapping[str, Mapping[str, Any]]


def main(args: argparse.Namespace) -> int:
    """``ciclope diff``: the store's diff, each changed person annotated (:func:`annotate`)."""
    where = str(getattr(args, "store", None) or getattr(args, "config", None) or "")
    with store_commands.readable_store(where):
        return store_commands.cmd_diff(args, annotate)


@attrs.frozen
class Runs:
    """The two results compared: their traces (``before``, ``after``), the Italian names of the plugin's columns
    (``headers``), how its columns' numbers read (``kinds``) and, per trace, the value read from each cell."""

    before: Trace
    after: Trace
    headers: Mapping[str, Mapping[str, str]]
    kinds: Kinds
    cells_before: Mapping[str, Any]
    cells_after: Mapping[str, Any]
    statuses: Mapping[str, str] = attrs.field(factory=dict)
    # per run, each person's pools in the order of their awards (:func:`paid_pools`)
    pools_before: Mapping[str, tuple[str, ...]] = attrs.field(factory=dict)
    pools_after: Mapping[str, tuple[str, ...]] = attrs.field(factory=dict)

    @classmethod
    def of(
        cls,
        before: Trace,
        after: Trace,
        headers: Mapping[str, Mapping[str, str]],
        kinds: Kinds,
        statuses: Mapping[str, str] | None = None,
        pools: tuple[Mapping[str, tuple[str, ...]], Mapping[str, tuple[str, ...]]] = ({}, {}),
    ) -> Runs:
        """``statuses``: the words of the plugin's statuses (its ``STATUS_LABELS``, an ente's own labels); ``pools``:
        each person's pools before and after (:func:`paid_pools`)."""
        cells = cells_read(before), cells_read(after)
        return cls(before, after, headers, kinds, *cells, statuses or {}, *pools)


def paid_pools(document: Mapping[str, Any]) -> dict[str, tuple[str, ...]]:
    """Each person's pools in the order of their awards, as results.json lists them (``rewards.people``: the first
    award, then the others under ``also``): every fund that pays the person, none of which may go unsaid."""
    people = (document.get("rewards") or {}).get("people") or {}
    return {pid: tuple(a["pool"] for a in (entry, *entry.get("also", ()))) for pid, entry in people.items()}


def cells_read(trace: Trace) -> dict[str, Any]:
    """Each cell a trace reads, with the value read (the same cell reads one value in one run)."""
    return {i["cell"]: i["value"] for f in trace.values() for i in f.get("inputs", ()) if i.get("cell")}


def annotate(store: Store, doc: dict[str, Any], a: int, b: int) -> None:
    """Each person of ``doc["people"]`` (results ``a`` → ``b``) with their name, the differences, the changes of
    their own figures (``changes``, each with ``data``: a datum of theirs changed, not only a result), the people
    whose data changed (``others``) and a ``reason`` in words for whoever's data did not change."""
    names = {p.person: p.name for p in store.people(a)} | {p.person: p.name for p in store.people(b)}
    after = store.document(b)
    plugin = after.get("plugin", "")
    kinds = stored_kinds(plugin, after, int(after.get("year") or 0))
    statuses = ente_info(plugin, after, int(after.get("year") or 0)).status_labels if plugin else {}
    first = store.document(a)
    pools = paid_pools(first), paid_pools(after)
    runs = Runs.of(store.trace(a), store.trace(b), column_words(plugin), kinds, statuses, pools)
    changed = {p["person"]: own_changes(runs, p["person"]) for p in doc["people"]}
    data = {pid: any(c["data"] for c in lines) for pid, lines in changed.items()}
    moved = [pid for pid, yes in data.items() if yes]
    shared = shared_changes(runs, set(names)) + rules_changed(first, after)
    doc["common"] = [c["said"] for c in shared]
    rewarded = (first.get("rewards") is not None, after.get("rewards") is not None)
    for p in doc["people"]:
        pid = p["person"]
        p["name"] = names.get(pid, "")
        p["difference"] = differences(p["from"], p["to"], rewarded)
        p["changes"] = changed[pid]
        p["others"] = [] if data[pid] else [o for o in moved if o != pid]
        p["shared"] = [] if data[pid] else shared
        others = [f"{names.get(o, o)} ({o})" for o in p["others"]]
        paid = p["difference"]["amount"] not in (None, 0)
        p["reason"] = "" if data[pid] else reason(others, shared, paid)


def differences(
    before: Mapping[str, Any] | None, after: Mapping[str, Any] | None, rewarded: tuple[bool, bool] = (False, False)
) -> dict[str, Any]:
    """Score and amount after − before (None where either is missing). A person of both runs with no amount in a run
    that paid the rewards (``rewarded``) was paid nothing: € 0,00, so that gaining or losing every part has its
    difference too."""

    def minus(key: str) -> Any:
        x, y = (before or {}).get(key), (after or {}).get(key)
        if key == "amount" and before is not None and after is not None and (x is None) != (y is None):
            x = 0 if x is None and rewarded[0] else x
            y = 0 if y is None and rewarded[1] else y
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
        tail.append("sono cambiati i dati comuni detti all'inizio")
    return "nessun suo dato è cambiato" + (": " + "; ".join(tail) if tail else "")


def rules_changed(da: Mapping[str, Any], db: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The files cycle.toml names as the ente's parameters (a declared regulation) whose content differs between
    the two results (results.json's ``audit.override_files``): a rule changed, not a datum. Each key that differs
    is said in the office's words when both files are still the ones the runs read (:mod:`.rulediff`); else the
    file is named as changed."""
    fa, fb = (d.get("audit", {}).get("override_files", {}) or {} for d in (da, db))
    out = []
    for key in sorted(set(fa) | set(fb)):
        if fa.get(key) == fb.get(key):
            continue
        x, y = (
            recorded_toml((d.get("audit", {}).get("overrides") or {}).get(key), f.get(key))
            for d, f in ((da, fa), (db, fb))
        )
        lines = toml_changes(x, y) if x is not None and y is not None else []
        said = [f"{key}: {line}" for line in lines] or [f"il file «{key}» indicato in cycle.toml"]
        out += [
            {"figure": "", "name": key, "from": None, "to": None, "cells": [], "data": True, "said": s} for s in said
        ]
    return out


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


def own_changes(runs: Runs, pid: str) -> list[dict[str, Any]]:
    """What changed in ``pid``'s own figures from one run to the other: the inputs read from cells, then the figures'
    values where :func:`figure_changes` says them."""
    ka, kb = own_keys(runs.before, pid), own_keys(runs.after, pid)
    both = (ka | kb) & runs.before.keys() & runs.after.keys()
    out = [c for key in sorted(both) for c in input_changes(runs, key)]
    return _unique(out + figure_changes(runs, pid, ka, kb))


def parts_of(trace: Trace, pid: str, pools: Sequence[str] = ()) -> set[str]:
    """What ``pid`` is paid, part by part: the award of each fund that pays them (``pools``: the first under
    ``award:<pid>`` unless it has its own ``award:<pid>:<pool>``, the others under theirs), or, for an award summed from
    the parts of one fund, those parts (``premio:<part>:<pid>``); with the other figures of theirs each award reads
    (a condition of taking part), but not those that start their explanation (their score)."""
    found: set[str] = set()
    for n, pool in enumerate(pools or ("",)):
        own = f"award:{pid}:{pool}"
        key = own if pool and own in trace else f"award:{pid}" if n == 0 else ""
        refs = {i.get("ref") or "" for i in (trace.get(key) or {}).get("inputs", ())}
        # a figure that starts the person's explanation (their score) has its own column and cells: not a part
        theirs = {r for r in refs if r in trace and pid in r.split(":")[1:] and r.split(":")[0] not in OWN_HEADS}
        summed = any(r.startswith(PART) for r in theirs)
        found |= theirs if summed or key not in trace else theirs | {key}
    return found


def figure_changes(runs: Runs, pid: str, ka: set[str], kb: set[str]) -> list[dict[str, Any]]:
    """The values of ``pid``'s figures that people must read to follow the difference: a figure computed in one run
    only (:func:`alone`); one computed in both but followed from the premium in one only (a condition met once); every
    part of the premium when a part is paid in one run only. An amount that is neither the premium nor one of its
    parts only measures another (the quota on the whole fund before a set-aside): not pay, not said."""
    a, b = runs.before, runs.after
    parts_a, parts_b = parts_of(a, pid, runs.pools_before.get(pid, ())), parts_of(b, pid, runs.pools_after.get(pid, ()))
    paid = {k for k in parts_a | parts_b if value_kind(k) == "money"}
    premium = f"award:{pid}"
    # a part paid in one run only: every part said, so the lines add up to the premium's difference; a figure the
    # premium reads that is no pay (a reduction for absence, said on its own line) is no part paid
    money_a, money_b = ({k for k in parts if value_kind(k) == "money"} for parts in (parts_a, parts_b))
    said_parts = (parts_a | parts_b) if money_a != money_b else set()
    out = []
    for key in sorted(ka | kb):
        if value_kind(key) == "money" and key not in parts_a | parts_b | {premium}:
            continue
        if is_status(key):
            out += status_change(runs, key)
            continue
        if key not in a or key not in b:
            out.append(by_how_much(alone(runs, key, after=key in b), paid))
            continue
        followed_once = (key in ka) != (key in kb)
        if (followed_once or key in said_parts) and a[key]["value"] != b[key]["value"]:
            out.append(by_how_much(before_after(a[key], b[key], key), paid))
    return out


def by_how_much(change: dict[str, Any], paid: set[str]) -> dict[str, Any]:
    """A change of a part the person is paid with its difference («… dopo (differenza € +8,45)»): the parts' lines
    add up to the person's difference; any other change as it is."""
    if change["figure"] not in paid:
        return change
    x, y = (Decimal(str(v)) if v is not None else Decimal(0) for v in (change["from"], change["to"]))
    signed = fmt.euro(y - x).replace("€ ", "€ +") if y > x else fmt.euro(y - x)
    return {**change, "said": f"{change['said']} (differenza {signed})"}


def is_status(key: str) -> bool:
    """Whether ``key`` is a person's outcome (``score:P1:status``): a code said in words, never as a figure."""
    return key.split(":")[0] == "score" and key.split(":")[-1] == "status"


def status_change(runs: Runs, key: str) -> list[dict[str, Any]]:
    """A person's outcome that differs between the runs, in words both sides: a status by the plugin's label
    («escluso per punteggio sotto il minimo»), and no status recorded as what it means, «valutato»."""
    fa, fb = runs.before.get(key), runs.after.get(key)
    va, vb = (f["value"] if f else None for f in (fa, fb))
    if va == vb:
        return []
    words = {**STATUS_LABELS, **runs.statuses}
    before, after = (words.get(v or "evaluated", str(v).replace("_", " ")) for v in (va, vb))
    label = (fb or fa or {}).get("label", "Esito")
    said = f"{label}: {before} prima, {after} dopo"
    return [{"figure": key, "name": label, "from": va, "to": vb, "cells": [], "data": False, "said": said}]


def before_after(fa: Mapping[str, Any], fb: Mapping[str, Any], key: str) -> dict[str, Any]:
    """A figure of the person in both runs with another value: a result, not a datum («… : no prima, sì dopo»)."""
    kind = value_kind(key)
    before, after = show(stored(fa["value"]), kind), show(stored(fb["value"]), kind)
    return {
        "figure": key,
        "name": fb["label"],
        "from": fa["value"],
        "to": fb["value"],
        "cells": [],
        "data": False,
        "said": f"{fb['label']}: {before} prima, {after} dopo",
    }


def shared_changes(runs: Runs, people: set[str]) -> list[dict]:
    """The cells read differently by the figures that name no person (a fund, an indicator)."""
    keys = [k for k in runs.before if k in runs.after and not people & set(k.split(":")[1:])]
    return _unique([c for key in sorted(keys) for c in input_changes(runs, key)])


def _unique(changes: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """One line per change: the same cell read by two figures (the days by the reduction and the award) once."""
    seen: dict[str, dict[str, Any]] = {}
    for c in changes:
        seen.setdefault(c["said"], c)
    return list(seen.values())


def input_changes(runs: Runs, key: str) -> list[dict[str, Any]]:
    """The inputs read from a cell whose value differs between two versions of the figure ``key``:
    paired by position when the figure reads as many inputs in both runs, else by name, with those read by one
    version only (:func:`read_once`)."""
    ia, ib = list(runs.before[key].get("inputs", ())), list(runs.after[key].get("inputs", ()))
    if len(ia) == len(ib):
        pairs = list(zip(ia, ib))
    else:
        by_name = {i["name"]: i for i in ib}
        pairs = [(i, by_name[i["name"]]) for i in ia if i["name"] in by_name]
    out = []
    for x, y in pairs:
        # a value read the same from another cell (next year's workbook for this year's CSV, a row moved) is no
        # change of the person's data
        if not (x.get("cell") or y.get("cell")) or _shown(runs, x, runs.before) == _shown(runs, y, runs.after):
            continue
        out.append(
            {
                "figure": key,
                "name": x["name"],
                "from": x["value"],
                "to": y["value"],
                "cells": [c for c in (x.get("cell"), y.get("cell")) if c],
                "data": True,
                "said": f"{x['name']}: {_read(runs, x, runs.before)} → {_read(runs, y, runs.after)}",
            }
        )
    return out + ([] if len(ia) == len(ib) else read_once(runs, key, ia, ib))


def read_once(
    runs: Runs, key: str, ia: Sequence[Mapping[str, Any]], ib: Sequence[Mapping[str, Any]]
) -> list[dict[str, Any]]:
    """The inputs read from a cell by one version of a figure only, when the two versions read a different number
    of inputs (a date of cessazione the office wrote in one year): a datum of the person that changed, said with its
    cell on the side that read it."""
    names = {i["name"] for i in ia}, {i["name"] for i in ib}
    out = []
    for side, inputs, other in ((0, ia, names[1]), (1, ib, names[0])):
        trace = runs.after if side else runs.before
        for i in inputs:
            if not i.get("cell") or i["name"] in other:
                continue
            value = _read(runs, i, trace)
            said = f"nessun dato prima, {value} dopo" if side else f"{value} prima, nessun dato dopo"
            change = {"figure": key, "name": i["name"], "from": None, "to": None, "cells": [i["cell"]], "data": True}
            change.update({"from" if side == 0 else "to": i["value"], "said": f"{i['name']}: {said}"})
            out.append(change)
    return out


# a percentage as the store keeps it, as its exact text («2,73972602739726027397260274%», «100%»)
_STORED_PERCENT = re.compile(r"-?\d{1,3}(?:\.\d{3})*(?:,\d+)?%|-?\d+(?:,\d+)?%")


def stored(value: Any) -> Any:
    """A value read back from the store as explain reads it in the run: a percentage the store writes as its exact
    text is a percentage again, which explain says to two decimals («2,74%»); anything else as it is."""
    if isinstance(value, str) and _STORED_PERCENT.fullmatch(value):
        return fmt.Percent(Decimal(value[:-1].replace(".", "").replace(",", ".")) / 100)
    return value


def _read(runs: Runs, i: Mapping[str, Any], trace: Trace) -> str:
    """An input's value as explain shows it and, if it was read from a cell, the cell: «40 (tabella valutazioni,
    riga 3, colonna punti)», «100% (tabella persone, riga 5, colonna quota_tempo)»."""
    cell = i.get("cell") or ""
    value = _shown(runs, i, trace)
    return f"{value} ({place(cell, headers=runs.headers)})" if cell else value


def _shown(runs: Runs, i: Mapping[str, Any], trace: Trace) -> str:
    """An input's value as explain shows it, without its cell: «100%» whether a CSV or the workbook wrote it."""
    cell, ref = i.get("cell") or "", i.get("ref") or ""
    ref_value = stored(trace[ref]["value"]) if ref in trace else None
    return input_shown(i["name"], stored(i["value"]), ref, cell, ref_value, column_kind(cell, runs.kinds))


def alone(runs: Runs, key: str, after: bool) -> dict[str, Any]:
    """A figure of the person computed in one run only, with the cells it read («Riduzione …: 50% (giorni di
    assenza 45 (tabella persone, riga 4, colonna giorni_assenza)) prima, nessuna cifra dopo»). A datum changed
    (``data``) when one of its cells is read with another value in the other run, or not read there at all."""
    trace, other = (runs.after, runs.cells_before) if after else (runs.before, runs.cells_after)
    figure = trace[key]
    read = [i for i in figure.get("inputs", ()) if i.get("cell")]
    cells = [f"{i['name']} {_read(runs, i, trace)}" for i in read]
    value = show(stored(figure["value"]), value_kind(key)) + (f" ({'; '.join(cells)})" if cells else "")
    said = f"{figure['label']}: " + (
        f"nessuna cifra prima, {value} dopo" if after else f"{value} prima, nessuna cifra dopo"
    )
    return {
        "figure": key,
        "name": figure["label"],
        "from": None if after else figure["value"],
        "to": figure["value"] if after else None,
        "cells": [i["cell"] for i in read],
        "data": any(i["cell"] not in other or other[i["cell"]] != i["value"] for i in read),
        "said": said,
    }
