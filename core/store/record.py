"""What the store keeps of one computed ente, built where the Result is (in the worker process).

A :class:`Record` is plain data (picklable, small): the ``results.json`` text and the rows of the
figure tables, plus the names and plan years that ``results.json`` does not carry. The parent process
writes it (:mod:`.write`), so a run with ``--jobs`` has one writer and the Result never crosses processes.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import json
import zlib
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import attrs

try:
    import orjson
except ImportError:  # pragma: no cover - without orjson's wheels Python's json encodes the trace
    orjson = None  # type: ignore[assignment]

from ..result import Result
from ..results import money as cents
from ..results import num
from ..trace import CardInputs


@attrs.frozen
class Record:
    ente: str
    name: str
    plugin: str
    plugin_version: str
    year: int
    until: str
    document: str  # results.json
    sha256: str
    trace: bytes
    performance: float | None
    attested: float | None
    people_count: int
    errors: int
    warnings: int
    allocated: str | None
    distributed: str | None
    residual: str | None
    inputs: str
    areas: tuple[tuple, ...]
    objectives: tuple[tuple, ...]
    indicators: tuple[tuple, ...]
    units: tuple[tuple, ...]
    people: tuple[tuple, ...]
    pools: tuple[tuple, ...]
    violations: tuple[tuple, ...]


def _plain(value: Any, memo: dict[Decimal, int | float] | None = None) -> Any:
    """``json.dumps``'s fallback for the values it does not know: Decimal as a number, dates as ISO text.
    ``memo``: the numbers of the Decimals seen (a trace repeats its numbers: ~770 distinct of ~5,100 per
    ente); equal Decimals (0.5 and 0.50) give the same number, so they are remembered by value."""
    if isinstance(value, Decimal):
        if value.is_finite():
            found = memo.get(value) if memo is not None else None
            if found is None:
                whole = int(value)  # an integral Decimal as an int (what results.num does), quicker to test
                found = whole if whole == value and -(10**15) < whole < 10**15 else float(value)
                if memo is not None and len(memo) < 10_000:  # bounded: a big ente's distinct numbers stay out
                    memo[value] = found
            return found
        return float(value)
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, (tuple, set, frozenset)):
        return list(value)
    return str(value)


def encode_trace(result: Result) -> bytes:
    """Every explanation figure as zlib-compressed JSON (what ``ciclope explain`` and the portal's person
    cards walk, without recomputing the ente). Stored compactly as ``key → [value, formula, source, label,
    note, [[name, value, ref, cell], …]]``; :func:`decode_trace` gives it back as dicts.

    Encoded figure by figure into the compressor: the JSON text of a 30,000-person ente (~60 MB) is never
    held whole in memory (docs/performance.md)."""
    if orjson is not None:
        return _encode_trace_orjson(result)
    memo: dict[Decimal, int | float] = {}
    number = _numbers(memo)
    encoder = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), default=functools.partial(_plain, memo=memo))
    packer = zlib.compressobj(1)
    chunks: list[bytes] = []
    pending: list[str] = ["{"]
    size = 0
    for n, (key, f) in enumerate(result.figures.items()):
        text = ("," if n else "") + encoder.encode(key) + ":" + encoder.encode(_figure(f, number))
        pending.append(text)
        size += len(text)
        if size > 1 << 16:
            chunks.append(packer.compress("".join(pending).encode("utf-8")))
            pending, size = [], 0
    pending.append("}")
    chunks.append(packer.compress("".join(pending).encode("utf-8")))
    chunks.append(packer.flush())
    return b"".join(chunks)


def _numbers(memo: dict[Decimal, int | float]) -> Callable[[Any], Any]:
    """``value`` with a Decimal given as its number (:func:`_plain`, remembered in ``memo``), anything else as
    it is. Applied to each figure's value and inputs while they are listed, so the encoder does not call back
    into Python for the ~5,100 Decimals of an ente (issue 18: the trace −13%); what it writes is the same."""

    def number(value: Any) -> Any:
        if type(value) is not Decimal:
            return value
        found = memo.get(value) if value.is_finite() else None
        return _plain(value, memo) if found is None else found

    return number


def _figure(f, number: Callable[[Any], Any]) -> list:
    if type(f.inputs) is CardInputs:
        inputs = f.inputs.rows()
        for row in inputs:
            row[1] = number(row[1])
    else:
        inputs = [[i.name, number(i.value), i.ref, i.cell] for i in f.inputs]
    return [number(f.value), f.formula, f.source, f.label, f.note, inputs]


def _encode_trace_orjson(result: Result) -> bytes:
    """The same JSON document encoded by orjson, 1,000 figures at a time (half the time of Python's
    json; numbers may be written differently, e.g. ``1e16``, and read back the same)."""
    packer = zlib.compressobj(1)
    chunks: list[bytes] = []
    batch: dict[str, list] = {}
    opening = b"{"
    memo: dict[Decimal, int | float] = {}  # this ente's numbers, remembered while it is encoded
    plain, number = functools.partial(_plain, memo=memo), _numbers(memo)

    def pack() -> None:
        nonlocal opening
        chunks.append(packer.compress(opening + orjson.dumps(batch, default=plain)[1:-1]))
        opening = b","
        batch.clear()

    for key, f in result.figures.items():
        batch[key] = _figure(f, number)
        if len(batch) >= 1000:
            pack()
    if batch or opening == b"{":
        pack()
    chunks.append(packer.compress(b"}"))
    chunks.append(packer.flush())
    return b"".join(chunks)


def decode_trace(blob: bytes) -> dict[str, dict]:
    """``key → {value, formula, source, label, note, inputs: [{name, value, ref, cell}]}``."""
    raw = json.loads(zlib.decompress(blob).decode("utf-8"))
    return {
        key: {
            "value": v[0],
            "formula": v[1],
            "source": v[2],
            "label": v[3],
            "note": v[4],
            "inputs": [{"name": i[0], "value": i[1], "ref": i[2], "cell": i[3]} for i in v[5]],
        }
        for key, v in raw.items()
        if isinstance(v, list)
    }


def _text(value: Any) -> str | None:
    return None if value is None else json.dumps(num(value), ensure_ascii=False)


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, (int, float, Decimal)):
        return float(value)
    return None


def _plan(targets) -> tuple[int | None, int | None]:
    years = [y for y in targets if isinstance(y, int)]
    return (min(years), max(years)) if len(years) > 1 else (None, None)


def record_of(result: Result, document: str) -> Record:
    """The store's rows for one ente, from its Result and its ``results.json`` text (the figures are taken
    from the Result with the same rounding as results.json: achievements to 4 decimals, money to cents)."""
    ente = result.ente
    org = result.org
    areas = tuple((aid, area.name, None if org is None else _f(org.areas.get(aid))) for aid, area in ente.areas.items())
    # an objective's plan is the span of its indicators' target_<year> columns
    ind_plan = {iid: _plan(ind.targets) for iid, ind in ente.indicators.items()}
    obj_plan: dict[str, tuple[int, int]] = {}
    for iid, ind in ente.indicators.items():
        first, last = ind_plan[iid]
        if first is not None and last is not None:
            old = obj_plan.get(ind.objective)
            obj_plan[ind.objective] = (first, last) if old is None else (min(old[0], first), max(old[1], last))
    objectives = tuple(
        (
            oid,
            o.kind,
            o.title,
            o.parent,
            o.area,
            None if org is None else _f(org.objectives.get(oid)),
            *obj_plan.get(oid, (None, None)),
        )
        for oid, o in ente.objectives.items()
    )
    indicators = []
    for iid, ind in ente.indicators.items():
        out = None if org is None else org.indicators.get(iid)
        actual = ind.actual if out is None else out.actual
        target = ind.target if out is None else out.target
        indicators.append(
            (
                iid,
                ind.objective,
                ind.name,
                ind.type,
                _text(target),
                _text(actual),
                _number(actual),
                None if out is None else _f(out.achievement),
                bool(out is not None and out.scored),
                *ind_plan[iid],
            )
        )
    units = tuple(
        (uid, u.name, u.parent, None if org is None else _f(org.units.get(uid))) for uid, u in ente.units.items()
    )
    ledger = result.ledger if (result.rewards is not None or result.positions is not None) else None
    people = []
    for pid, p in ente.people.items():
        score = result.scores.get(pid)
        awards = ledger.awards_of(pid) if ledger is not None else []
        amount = sum((a.amount for a in awards), start=Decimal(0)) if awards else None
        band = next((a.band for a in awards if a.band), None)
        people.append(
            (
                pid,
                p.name,
                p.role,
                p.category,
                p.unit,
                None if score is None or score.score is None else float(score.score),
                None if score is None else score.level,
                result.status_of(pid),
                band,
                None if amount is None else f"{amount:.2f}",
            )
        )
    pools = (
        ()
        if ledger is None
        else tuple((name, cents(p.amount), cents(p.distributed), cents(p.residual)) for name, p in ledger.pools.items())
    )
    violations = tuple(
        (n, v.severity, v.rule, v.source or "", v.where or "", v.message) for n, v in enumerate(result.violations)
    )
    errors = sum(1 for v in result.violations if v.is_error)
    money: dict[str, str | None] = {k: None for k in ("allocated", "distributed", "residual")}
    if ledger is not None:
        money = {
            "allocated": f"{ledger.allocated:.2f}",
            "distributed": f"{ledger.distributed:.2f}",
            "residual": f"{ledger.residual:.2f}",
        }
    att = result.attestation
    return Record(
        ente=ente.id,
        name=ente.name,
        plugin=result.plugin.name,
        plugin_version=result.plugin.version,
        year=ente.year,
        until=result.until,
        document=document,
        sha256=hashlib.sha256(document.encode("utf-8")).hexdigest(),
        trace=encode_trace(result),
        performance=None if org is None else _f(org.ente),
        attested=None if org is None or att is None else _f(att.attested),
        people_count=len(ente.people),
        errors=errors,
        warnings=len(violations) - errors,
        inputs=json.dumps(dict(ente.files), sort_keys=True),
        areas=areas,
        objectives=objectives,
        indicators=tuple(indicators),
        units=units,
        people=tuple(people),
        pools=pools,
        violations=violations,
        **money,
    )


def _f(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


def now() -> dt.datetime:
    """UTC without tzinfo (the same on SQLite and PostgreSQL ``TIMESTAMP WITHOUT TIME ZONE``)."""
    return dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)
