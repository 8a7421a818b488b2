"""Result → ``results.json`` (SPEC §6), the machine contract. Deterministic: same inputs → same bytes.

Achievements are fractions rounded to 4 decimals, scores 0–100 to 2, money strings with 2 decimals.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from .money import r2
from .result import Result

SCHEMA = 1


def num(value: Any) -> Any:
    """A Decimal as a JSON number (int when integral), dates ISO, other values unchanged."""
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() and abs(value) < 10**15 else float(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, (tuple, list)):
        return [num(v) for v in value]
    if isinstance(value, dict):
        return {str(k): num(v) for k, v in value.items()}
    return value


def ach(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


def money(value: Decimal | None) -> str | None:
    return None if value is None else f"{r2(value):.2f}"


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
    doc: dict[str, Any] = {
        "schema": SCHEMA,
        "ente": res.ente.id,
        "name": res.ente.name,
        "plugin": res.plugin.name,
        "plugin_version": res.plugin.version,
        "year": res.ente.year,
        "until": res.until,
        "organizational": {},
        "monitoring": {},
        "individual": {},
        "rewards": {},
        "positions": {},
    }
    org = res.org
    if org is not None:
        att = res.attestation
        doc["organizational"] = {
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
    doc["monitoring"] = {
        k: {
            "achievement": ach(v.achievement),
            "deviation": ach(v.deviation),
            "target": num(v.target),
            "actual": num(v.actual),
        }
        for k, v in res.monitoring.items()
    }
    doc["revisions"] = [
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
    for pid, s in res.scores.items():
        doc["individual"][pid] = {
            "score": None if s.score is None else float(s.score),
            "level": s.level,
            "status": res.status_of(pid),
            "breakdown": num(dict(s.breakdown)),
        }
    if res.rewards is not None or res.positions is not None:
        ledger = res.ledger
        doc["rewards"] = {
            "pools": {
                k: {"amount": money(p.amount), "distributed": money(p.distributed), "residual": money(p.residual)}
                for k, p in ledger.pools.items()
            },
            "people": people_awards(ledger.awards),
        }
        if ledger.position_pools:  # position pay: not performance money (rules/core.md §6)
            doc["rewards"]["position_pools"] = list(ledger.position_pools)
        if res.rewards is not None and res.rewards.extra:
            doc["rewards"]["extra"] = num(dict(res.rewards.extra))
    if res.positions is not None:
        doc["positions"] = {
            k: {
                "score": float(p.score),
                "holder": p.holder,
                "paid": p.paid,
                "annual": money(p.annual),
                "monthly": money(p.monthly),
                "monthly_last": money(p.monthly_last),
                "instalments": p.instalments,
                "result_max": money(p.result_max),
                "result": money(p.result),
            }
            for k, p in res.positions.positions.items()
        }
    doc["calendar"] = [
        {
            "phase": d.phase,
            "act": d.act,
            "due": d.due.isoformat(),
            "source": d.source,
            "approval": d.approval,
            "status": status,
        }
        for d, status in res.calendar
    ]
    doc["violations"] = [
        {"severity": v.severity, "rule": v.rule, "source": v.source, "where": v.where, "message": v.message}
        for v in res.violations
    ]
    doc["audit"] = {
        "data": res.origin.get("data"),
        "overrides": num(dict(res.origin.get("overrides", {}))),
        "inputs": dict(res.ente.files),
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
    return doc


_ENCODER = json.JSONEncoder(ensure_ascii=False, indent=2)


def dumps(res: Result) -> str:
    """The same text as ``json.dumps(doc, ensure_ascii=False, indent=2) + "\n"``, built from the encoder's
    chunks joined a few thousand at a time: ``json.dumps`` with ``indent`` keeps every chunk — millions of
    small strings for a 30,000-person ente, +140 MB of peak memory (issue 18, docs/performance.md)."""
    parts: list[str] = []
    batch: list[str] = []
    for chunk in _ENCODER.iterencode(to_dict(res)):
        batch.append(chunk)
        if len(batch) >= 8192:
            parts.append("".join(batch))
            batch.clear()
    parts.append("".join(batch))
    parts.append("\n")
    return "".join(parts)
