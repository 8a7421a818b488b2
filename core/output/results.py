"""Result → ``results.json`` (SPEC §6), the machine contract. Deterministic: same inputs → same bytes.

Achievements are fractions rounded to 4 decimals, scores 0–100 to 2, money strings with 2 decimals.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

try:
    import orjson
except ImportError:  # pragma: no cover - a platform without orjson's wheels: Python's json writes it
    orjson = None  # type: ignore[assignment]

from ciclope.core import fmt
from ciclope.core.fund import CONSTITUTION_SECTIONS, DESTINATION_SECTIONS, Fund, FundLine
from ciclope.core.ledger import instalment_kind
from ciclope.core.money import SHARE, Instalment, r2
from ciclope.core.result import Result

SCHEMA = 1


class ExpFloat(float):
    """A float that Python's json writes with an exponent (``5e-05``, ``1e+16``): orjson would write
    ``0.00005`` or ``1e16``, so it is handed to orjson as the text Python writes (:func:`_fragment`)."""


def real(value: float) -> float:
    """A float for results.json: the float itself where Python and orjson write it alike (zero and
    1e-4 ≤ |x| < 1e16: checked on millions of random floats), else an :class:`ExpFloat`."""
    return value if value == 0 or 1e-4 <= abs(value) < 1e16 else ExpFloat(value)  # NaN and ±inf too


INT_LIMIT = Decimal(10**15)  # an integral Decimal below it is written as an int


# A Decimal's JSON number (num) and achievement (ach), by its text: a document repeats a few hundred
# distinct values thousands of times (a person's breakdown, the achievements), and both are a function of
# the text (float(Decimal) is float(str(Decimal))); str() and a lookup cost half the conversion.
CACHE = 20_000
_NUMS: dict[str, Any] = {}
_ACHS: dict[str, float] = {}
_MONEY: dict[str, str] = {}


def num(value: Any) -> Any:
    """A Decimal as a JSON number (int when integral), dates ISO, other values unchanged."""
    t = type(value)  # the common types first, with what the checks below give them
    if t is Decimal:
        key = str(value)
        found = _NUMS.get(key)
        if found is None:
            if len(_NUMS) >= CACHE:
                _NUMS.clear()
            found = _NUMS[key] = _decimal(value)
        return found
    if t is str or t is int or value is None:
        return value
    if isinstance(value, bool):
        return value
    if isinstance(value, Decimal):
        return _decimal(value)
    if isinstance(value, float):
        return real(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, (tuple, list)):
        return [num(v) for v in value]
    if isinstance(value, dict):
        return {str(k): num(v) for k, v in value.items()}
    return value


def _decimal(value: Decimal) -> Any:
    if value == value.to_integral_value() and abs(value) < INT_LIMIT:
        return int(value)
    return real(float(value))


def ach(value: Decimal | None) -> float | None:
    if type(value) is not Decimal:
        return None if value is None else real(float(value))
    key = str(value)
    found = _ACHS.get(key)
    if found is None:
        if len(_ACHS) >= CACHE:
            _ACHS.clear()
        found = _ACHS[key] = real(float(value))
    return found


def money(value: Decimal | None) -> str | None:
    if type(value) is not Decimal:
        return None if value is None else f"{r2(value):.2f}"
    key = str(value)  # an amount's text, like num's (equal premiums repeat in a band)
    found = _MONEY.get(key)
    if found is None:
        if len(_MONEY) >= CACHE:
            _MONEY.clear()
        found = _MONEY[key] = f"{r2(value):.2f}"
    return found


def people_awards(awards) -> dict:
    """``rewards.people`` keyed by person id: the person's first award, and any further award from
    another pool (e.g. a bonus on top of a band premium, or a PO's position pay after their result
    pay) under ``"also"``. ``awards``: the ledger's awards in order."""
    people: dict[str, dict] = {}
    for a in awards.values() if isinstance(awards, Mapping) else awards:
        entry = {"amount": money(a.amount), "band": a.band, "pool": a.pool}
        if a.person in people:
            people[a.person].setdefault("also", []).append(entry)
        else:
            people[a.person] = entry
    return people


def to_dict(res: Result) -> dict:
    has_money = res.rewards is not None or res.positions is not None
    return {
        "schema": SCHEMA,
        "ente": res.ente.id,
        "name": res.ente.name,
        "plugin": res.plugin.name,
        "plugin_version": res.plugin.version,
        "year": res.ente.year,
        "until": res.until,
        "organizational": organizational(res),
        "monitoring": monitoring(res),
        "individual": individual(res),
        "rewards": rewards(res) if has_money else {},
        "positions": positions(res),
        "revisions": revisions(res),
        "calendar": calendar(res),
        **({"fondo": fund(res.fund, pool_labels(res))} if res.fund is not None else {}),
        "violations": [
            {"severity": v.severity, "rule": v.rule, "source": v.source, "where": v.where, "message": v.message}
            for v in res.violations
        ],
        "audit": audit(res),
    }


def organizational(res: Result) -> dict:
    org = res.org
    if org is None:
        return {}
    att = res.attestation
    return {
        "ente": ach(org.ente),
        "oiv_attested": ach(att.attested) if att else None,
        "judgement": att.judgement if att else "",
        "areas": {k: ach(v) for k, v in org.areas.items()},
        "objectives": {k: ach(v) for k, v in org.objectives.items()},
        "indicators": {
            k: {
                "achievement": ach(v.achievement),
                "target": num(v.target),
                "actual": num(v.actual),
                "scored": v.scored,
                "status": v.status,
            }
            for k, v in org.indicators.items()
        },
        "units": {k: ach(v) for k, v in org.units.items()},
        "people": {k: ach(v) for k, v in org.people.items()},
        "separate": {k: ach(v) for k, v in org.separate.items()},
        "not_scored": dict(org.not_scored),
    }


def monitoring(res: Result) -> dict:
    return {
        k: {
            "achievement": ach(v.achievement),
            "deviation": ach(v.deviation),
            "target": num(v.target),
            "actual": num(v.actual),
        }
        for k, v in res.monitoring.items()
    }


def revisions(res: Result) -> list[dict]:
    return [
        {
            "indicator": r.indicator,
            "field": r.field,
            "old": r.old,
            "new": r.new,
            "reason": r.reason,
            "applied": r.applied,
            "why": r.why,
        }
        for r in res.revisions
    ]


def individual(res: Result) -> dict:
    statuses = res.rewards.statuses if res.rewards is not None else {}
    people = {}
    for pid, s in res.scores.items():
        bd = s.breakdown
        people[pid] = {
            "score": ach(s.score),  # real(float(s.score))
            "level": s.level,
            "status": statuses[pid] if pid in statuses else s.status,  # res.status_of(pid)
            "breakdown": {str(k): num(v) for k, v in bd.items()} if bd else {},  # num(dict(s.breakdown))
        }
    return people


def instalment(i: Instalment) -> dict[str, Any]:
    """One instalment: a share of the premium, or (with ``kind``) an advance, the balance or a recovery (a balance
    below zero, its amount negative); ``kind`` only there, so a premium paid in shares reads as it always did."""
    doc: dict[str, Any] = {"person": i.person, "pool": i.pool, "part": i.what}
    if i.kind != SHARE:
        doc["kind"] = instalment_kind(i)
    doc.update(month=f"{i.year:04d}-{i.month:02d}", period=i.period, share=None if i.share is None else ach(i.share))
    doc["amount"] = money(i.amount)
    return doc


def rewards(res: Result) -> dict:
    """The pools and each person's awards (the ledger: performance and position money)."""
    ledger = res.ledger
    doc: dict[str, Any] = {
        "pools": {
            k: {"amount": money(p.amount), "distributed": money(p.distributed), "residual": money(p.residual)}
            for k, p in ledger.pools.items()
        },
        "people": people_awards(ledger.awards),
    }
    if ledger.position_pools:  # position pay: not performance money (rules/core.md §6)
        doc["position_pools"] = list(ledger.position_pools)
    if ledger.incentive_pools:  # compensi that are not performance premiums (incentivi di legge): reported apart
        doc["incentive_pools"] = list(ledger.incentive_pools)
    if ledger.instalments:  # only a regulation that pays in instalments: every other document is unchanged
        doc["instalments"] = [instalment(i) for i in ledger.instalments]
    if res.rewards is not None and res.rewards.extra:
        doc["extra"] = num(dict(res.rewards.extra))
    return doc


def positions(res: Result) -> dict:
    if res.positions is None:
        return {}
    return {
        k: {
            "score": real(float(p.score)),
            "holder": p.holder,
            "paid": p.paid,
            "annual": money(p.annual),
            **({"due": money(p.due)} if p.due is not None else {}),
            "monthly": money(p.monthly),
            "monthly_last": money(p.monthly_last),
            "instalments": p.paid_instalments,
            "result_max": money(p.result_max),
            "result": money(p.result),
        }
        for k, p in res.positions.positions.items()
    }


def pool_labels(res: Result) -> dict[str, str]:
    """The words of the pools a fund pays, for the documents rendered from results.json alone: the pool's own label,
    else the plugin's word for the fund, else «Fondo ‹name›» (as core/reports/fmt.fund)."""
    if res.fund is None:
        return {}
    pools = res.ledger.pools if res.rewards is not None or res.positions is not None else {}
    words = res.plugin.status_labels
    out = {}
    for name in res.fund.pools:
        pool = pools.get(name)
        out[name] = (
            (pool.label if pool is not None else "")
            or words.get(name)
            or "Fondo " + fmt.accented(name.replace("_", " "))
        )
    return out


def fund(f: Fund, labels: Mapping[str, str] | None = None) -> dict:
    """The fondo risorse decentrate (rules: «a fondo section in results.json»): every line with its amount,
    clause, standing toward the limit and confidence; the sections' totals, the checks, the pools it pays.
    The relazione tecnico-finanziaria is rendered from this section (core/reports/fund)."""

    def line(x: FundLine) -> dict:
        return {
            "key": x.key,
            "title": x.title,
            "section": x.section,
            "amount": money(x.amount),
            "source": x.source,
            "confidence": x.confidence,
            "limit": x.limit,
            "note": x.note,
            "pool": x.pool,
            # a line of several rows: each row's act and amount (absent for a line of one row, as before)
            **({"parts": [{"note": n, "amount": money(a)} for n, a in x.parts]} if x.parts else {}),
        }

    totals = {code: money(f.section(code)) for code in (*CONSTITUTION_SECTIONS, *DESTINATION_SECTIONS)}
    return {
        "year": f.year,
        "contract": f.contract,
        "constitution": [line(x) for x in f.constitution],
        "destination": [line(x) for x in f.destination],
        "totals": {
            **totals,
            "total": money(f.total),
            "destined": money(f.destined),
            "residual": money(f.residual),
            "carried": money(f.carried),
        },
        "checks": [
            {
                "key": c.key,
                "title": c.title,
                "source": c.source,
                "rows": [[label, money(amount)] for label, amount in c.rows],
                "verdict": c.verdict,
                "ok": c.ok,
            }
            for c in f.checks
        ],
        "pools": {name: money(amount) for name, amount in f.pools.items()},
        "pool_labels": dict(labels or {}),
        "premises": [[label, money(v) if kind == "money" else str(v), kind] for label, v, kind in f.premises],
        "notes": list(f.notes),
    }


def calendar(res: Result) -> list[dict]:
    """Each deadline with its status as the run sees it (no day of its own) and, where [atti] gives the act a date,
    that date (``done``): what judges it on another day, as the portal does (an act dated after its day is not done)."""
    return [
        {
            "phase": d.phase,
            "act": d.act,
            "due": d.due.isoformat(),
            "source": d.source,
            "approval": d.approval,
            "status": status,
            **(
                {"done": done.isoformat()}
                if isinstance(done := res.ente.approvals.get(d.approval or ""), dt.date)
                else {}
            ),
        }
        for d, status in res.calendar
    ]


def audit(res: Result) -> dict:
    return {
        "data": res.origin.get("data"),
        "overrides": num(dict(res.origin.get("overrides", {}))),
        **({"national": num(dict(res.origin["national"]))} if res.origin.get("national") else {}),
        "inputs": dict(res.ente.files),
        # the SHA-256 of the files cycle.toml names as parameters (a declared regulation), by key
        **({"override_files": dict(res.origin["override_files"])} if res.origin.get("override_files") else {}),
        "params": {
            name: {
                "value": num(res.params.values[name]),
                "source": spec.source,
                "since": num(spec.since),
                "assumption": spec.assumption or None,
                "overridden": name in res.params.overridden,
            }
            for name, spec in res.params.specs.items()
        },
    }


_ENCODER = json.JSONEncoder(ensure_ascii=False, indent=2)


def dumps(res: Result) -> str:
    """``json.dumps(to_dict(res), ensure_ascii=False, indent=2) + "\n"``, byte for byte (:func:`dumps_bytes`
    decoded: for a caller that wants the text; the runner writes the bytes)."""
    return dumps_bytes(res).decode("utf-8")


def dumps_bytes(res: Result) -> bytes:
    """``results.json`` as the file holds it: the UTF-8 bytes of :func:`dumps`.

    With orjson installed (a dependency; wheels for every common platform) the text is encoded in C,
    ~20× faster than Python's json, whose C encoder is not used with ``indent``. Where orjson would
    write a number differently, the document holds an :class:`ExpFloat` (made by :func:`num`,
    :func:`ach`, :func:`real`) and orjson is given Python's text for it; where orjson refuses a value
    (an int beyond 64 bits), or without orjson, :func:`dumps_json` writes the text.
    tests/core/output/test_results_json.py compares the two on the public examples and on random documents.

    Bytes, not text: orjson makes bytes, and decoding them into a ``str`` only for the file to encode it
    again would copy the whole document twice."""
    doc = to_dict(res)
    data = _orjson_bytes(doc)
    if data is None:
        return dumps_json(doc).encode("utf-8")
    return data


def _fragment(value: Any) -> Any:
    if type(value) is ExpFloat:
        return orjson.Fragment(json.dumps(float(value)))  # what Python's json writes for it, NaN included
    raise TypeError(type(value).__name__)


def _dumps_orjson(doc: dict) -> str | None:
    data = _orjson_bytes(doc)
    return None if data is None else data.decode("utf-8")


def _orjson_bytes(doc: dict) -> bytes | None:
    if orjson is None:
        return None
    try:
        return orjson.dumps(
            doc,
            default=_fragment,
            option=orjson.OPT_INDENT_2 | orjson.OPT_NON_STR_KEYS | orjson.OPT_APPEND_NEWLINE,
        )
    except (TypeError, orjson.JSONEncodeError):
        return None


def dumps_json(doc: dict) -> str:
    """The same text with Python's json, built from the encoder's chunks joined a few thousand at a
    time: ``json.dumps`` with ``indent`` keeps every chunk — millions of small strings for a 30,000-person
    ente, +140 MB of peak memory."""
    parts: list[str] = []
    batch: list[str] = []
    for chunk in _ENCODER.iterencode(doc):
        batch.append(chunk)
        if len(batch) >= 8192:
            parts.append("".join(batch))
            batch.clear()
    parts.append("".join(batch))
    parts.append("\n")
    return "".join(parts)
