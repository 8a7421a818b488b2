"""What the store keeps of one computed ente, built where the Result is (in the worker process).

A :class:`Record` is plain data (picklable, small): the ``results.json`` text and the rows of the
figure tables, plus the names and plan years that ``results.json`` does not carry. The parent process
writes it (:mod:`.write`), so a run with ``--jobs`` has one writer and the Result never crosses processes.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import math
import zlib
from collections.abc import Iterator, Mapping
from decimal import Decimal
from json.encoder import encode_basestring
from typing import Any

import attrs

try:
    import orjson
except ImportError:  # pragma: no cover - without orjson's wheels Python's json encodes the trace
    orjson = None  # type: ignore[assignment]

from ciclope.core.fmt import Achievement, Money, Percent, Places, Points, Share, euro_exact, pct, pct_share
from ciclope.core.output.results import money as cents
from ciclope.core.output.results import num
from ciclope.core.reports.fmt import decimal_it, measure
from ciclope.core.result import Result
from ciclope.core.trace import CardInputs, Figure

_ZERO = Decimal(0)  # the start of a sum of awards, as sum(…, start=Decimal(0))


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


def _plain(value: Any) -> Any:
    """The encoder's fallback for the values JSON does not know: Decimal as a number (an integral one as
    an int, like results.num), dates as ISO text, sets as lists, anything else as its text."""
    if isinstance(value, Achievement):  # an achievement a formula read: as its figure says it, «88,00%»
        return pct(Decimal(value))
    if isinstance(value, Share):  # a part's share of its fund: kept as explain says it, «25,50%» (pct_share)
        return pct_share(Decimal(value))
    if isinstance(value, Percent):  # a number typed as a percentage: kept as the office wrote it, «72%»
        return measure(Decimal(value), True)
    if isinstance(value, Money):  # an amount by what it is, not by its name: kept as its text, «€ 7.200,00», «€ 7,8125»
        return euro_exact(Decimal(value))
    if isinstance(value, Places):  # a number with its places: kept as its text, trailing zeros too, «0,504110»
        return decimal_it(Decimal(value), value.places)
    if isinstance(value, Points):  # points by what they are: kept as their text, two decimals, «87,50»
        return decimal_it(Decimal(value), 2)
    if isinstance(value, Decimal):
        if value.is_finite():
            whole = int(value)  # quicker to test than value == value.to_integral_value()
            return whole if whole == value and -(10**15) < whole < 10**15 else float(value)
        return float(value)
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, (tuple, set, frozenset)):
        return list(value)
    return str(value)


class _Numbers(dict[str, Any]):
    """A Decimal's text → the number the trace writes for it (:func:`_plain`), for one ente.

    A trace repeats its numbers, but its Decimals are mostly distinct objects: remembering them by value
    would hash each one, and their text is cheaper. The text of a Decimal is exact
    (sign, digits, exponent), so it always gives the same number; ``0.5`` and ``0.50`` are two entries
    with the same number. Bounded: a big ente's distinct numbers stay out of it."""

    def __missing__(self, text: str) -> Any:
        number = _number_of(text)
        if len(self) < 10_000:
            self[text] = number
        return number


def _number_of(text: str) -> Any:
    """``_plain(Decimal(text))``, read from the text itself when it is plain digits with an optional
    fraction (all but exponents, NaN and infinities): a Decimal's number costs a third of building it
    first, and a 300-person ente has ~450 numbers of its own. An integral value within ±10¹⁵
    is an int, anything else the float of the text, which is the Decimal's float (CPython converts a
    Decimal to float through its text)."""
    whole, dot, fraction = text.partition(".")
    digits = whole[1:] if whole[:1] == "-" else whole
    if digits.isdigit() and (fraction.isdigit() or not dot):
        return float(text) if fraction.strip("0") or len(digits) > 15 else int(whole)
    return _plain(Decimal(text))


def encode_trace(result: Result) -> bytes:
    """Every explanation figure as zlib-compressed JSON (what ``ciclope explain`` and the portal's person
    cards walk, without recomputing the ente). Stored compactly as ``key → [value, formula, source, label,
    note, [[name, value, ref, cell], …]]``; :func:`decode_trace` gives it back as dicts.

    Encoded a batch of figures at a time into the compressor: the JSON text of a 30,000-person ente
    (~60 MB) is never held whole in memory (docs/performance.md)."""
    packer = zlib.compressobj(1)
    chunks: list[bytes] = []
    opening = b"{"
    if orjson is not None:  # the same JSON as Python's json but for the text of some floats (1e16)
        for batch in _batches(result.figures, 1000):
            if batch:
                chunks.append(packer.compress(opening + orjson.dumps(batch, default=_plain)[1:-1]))
                opening = b","
    else:
        encode = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), default=_plain).encode
        for batch in _batches(result.figures, 250):
            if batch:
                text = ",".join(encode(key) + ":" + encode(row) for key, row in batch.items())
                chunks.append(packer.compress(opening + text.encode("utf-8")))
                opening = b","
    chunks.append(packer.compress(b"{}" if opening == b"{" else b"}"))
    chunks.append(packer.flush())
    return b"".join(chunks)


def _batches(figures: Mapping[str, Figure], size: int) -> Iterator[dict[str, list]]:
    """The figures as the trace lists them, ``size`` at a time (the last batch may be empty): each
    ``[value, formula, source, label, note, inputs]`` with every Decimal replaced by its number while
    they are listed, so the encoder never calls back into Python for them."""
    numbers = _Numbers()
    batch: dict[str, list] = {}
    for key, (_, value, formula, source, inputs, label, note) in figures.items():  # a Figure's fields
        if type(inputs) is CardInputs:  # a card's rows made from its items, as iterating it gives them
            rows = inputs.rows()
            for row in rows:
                if type(points := row[1]) is Decimal:
                    row[1] = numbers[str(points)]
        elif inputs:
            rows = [[i.name, numbers[str(v)] if type(v := i.value) is Decimal else v, i.ref, i.cell] for i in inputs]
        else:  # a figure of no inputs (a parameter, a count): no comprehension set up
            rows = []
        batch[key] = [numbers[str(value)] if type(value) is Decimal else value, formula, source, label, note, rows]
        if len(batch) >= size:
            yield batch
            batch = {}
    yield batch


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


_dumps = json.JSONEncoder(ensure_ascii=False).encode  # json.dumps(…, ensure_ascii=False) without its set-up


def _text(value: Any) -> str | None:
    """An indicator's target or actual as results.json writes it (JSON text). The common kinds are written
    here as Python's json writes them (json.dumps was ~15% of the rows of an ente)."""
    if value is None:
        return None
    value = num(value)
    kind = type(value)
    if kind is int:
        return int.__repr__(value)
    if kind is float and math.isfinite(value):
        return float.__repr__(value)
    if kind is str:
        return encode_basestring(value)
    if kind is bool:
        return "true" if value else "false"
    return _dumps(value)


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, (int, float, Decimal)):
        return float(value)
    return None


def _plan(targets, span: tuple[int, int] | None) -> tuple[int | None, int | None]:
    """The declared plan span (ente.toml ``[piano] anni``) for an indicator with a target in at least two of its
    years; else not multi-year. Never the span of the columns: a ``target_2020`` baseline column is not a plan
    year, and a project active in one year only is not a multi-year objective."""
    if span is None:
        return (None, None)
    years = [y for y, v in targets.items() if isinstance(y, int) and span[0] <= y <= span[1] and v is not None]
    return span if len(years) > 1 else (None, None)


def record_of(result: Result, document: str | bytes) -> Record:
    """The store's rows for one ente, from its Result and its ``results.json`` (the text, or the bytes of the
    file as :func:`results.dumps_bytes` makes them; the figures are taken from the Result with the same
    rounding as results.json: achievements to 4 decimals, money to cents)."""
    if isinstance(document, bytes):
        data, document = document, document.decode("utf-8")
    else:
        data = document.encode("utf-8")
    ente = result.ente
    org = result.org
    areas = tuple((aid, area.name, None if org is None else _f(org.areas.get(aid))) for aid, area in ente.areas.items())
    ind_plan = {iid: _plan(ind.targets, ente.plan) for iid, ind in ente.indicators.items()}
    units = tuple(
        (uid, u.name, u.parent, None if org is None else _f(org.units.get(uid))) for uid, u in ente.units.items()
    )
    ledger = result.ledger if (result.rewards is not None or result.positions is not None) else None
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
        money = {k: f"{getattr(ledger, k):.2f}" for k in money}
    att = result.attestation
    return Record(
        ente=ente.id,
        name=ente.name,
        plugin=result.plugin.name,
        plugin_version=result.plugin.version,
        year=ente.year,
        until=result.until,
        document=document,
        sha256=hashlib.sha256(data).hexdigest(),
        trace=encode_trace(result),
        performance=None if org is None else _f(org.ente),
        attested=None if org is None or att is None else _f(att.attested),
        people_count=len(ente.people),
        errors=errors,
        warnings=len(violations) - errors,
        inputs=json.dumps(dict(ente.files), sort_keys=True),
        areas=areas,
        objectives=_objectives(result, ind_plan),
        indicators=_indicators(result, ind_plan),
        units=units,
        people=_people(result, ledger),
        pools=pools,
        violations=violations,
        **money,
    )


def _objectives(result: Result, ind_plan: dict[str, tuple[int | None, int | None]]) -> tuple[tuple, ...]:
    """An objective is multi-year when one of its indicators is (a target in two years of the declared plan)."""
    ente, org = result.ente, result.org
    obj_plan: dict[str, tuple[int, int]] = {}
    for iid, ind in ente.indicators.items():
        first, last = ind_plan[iid]
        if first is not None and last is not None:
            old = obj_plan.get(ind.objective)
            obj_plan[ind.objective] = (first, last) if old is None else (min(old[0], first), max(old[1], last))
    return tuple(
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


def _indicators(result: Result, ind_plan: dict[str, tuple[int | None, int | None]]) -> tuple[tuple, ...]:
    org = result.org
    indicators = []
    for iid, ind in result.ente.indicators.items():
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
                ind.benchmark or None,
                ind.percent,
            )
        )
    return tuple(indicators)


def _people(result: Result, ledger: Any) -> tuple[tuple, ...]:
    """Each person's row. Their awards summed, and their first band, in one pass over the awards (in the
    ledger's order, as ledger.awards_of lists a person's): a look-up per person was a fifth of these rows."""
    amounts: dict[str, Decimal] = {}
    bands: dict[str, str] = {}
    for a in ledger.awards if ledger is not None else ():
        amounts[a.person] = amounts.get(a.person, _ZERO) + a.amount
        if a.band and a.person not in bands:
            bands[a.person] = a.band
    scores = result.scores
    people = []
    for pid, p in result.ente.people.items():
        score = scores.get(pid)
        amount = amounts.get(pid)
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
                bands.get(pid),
                None if amount is None else f"{amount:.2f}",
            )
        )
    return tuple(people)


def _f(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


def now() -> dt.datetime:
    """UTC without tzinfo (the same on SQLite and PostgreSQL ``TIMESTAMP WITHOUT TIME ZONE``)."""
    return dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)
