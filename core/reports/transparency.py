"""``trasparenza.csv``: aggregated, anonymous reward figures (rules/core.md §6; 003… art. 28;
D.Lgs. 33/2013). No names or ids; groups of fewer than 3 people show ``<3`` and no amounts, so
nobody's pay can be read from a small group.
"""
from __future__ import annotations

import csv
import io
from decimal import Decimal
from pathlib import Path

from ..money import r2
from ..result import Result
from .safe import cell

MIN_GROUP = 3
HEADER = ("sezione", "gruppo", "voce", "numero_persone", "quota_persone", "importo_totale", "importo_medio")


def group_of(person) -> str:
    return "dirigenti e PO" if (person.is_dirigente or person.is_po) else "personale"


def rows(result: Result) -> list[tuple]:
    out: list[tuple] = []
    rewards = result.rewards
    pools = dict(rewards.pools) if rewards else {}
    if result.positions is not None:
        pools.update(result.positions.pools)
    for name, pool in pools.items():
        out.append(("fondi", "", f"{name}: stanziato", "", "", f"{pool.amount:.2f}", ""))
        out.append(("fondi", "", f"{name}: distribuito", "", "", f"{pool.distributed:.2f}", ""))
    people = result.ente.people
    for group in ("dirigenti e PO", "personale"):
        members = [p for p in people.values() if group_of(p) == group]
        if not members:
            continue
        by_key: dict[tuple[str, str], list[Decimal]] = {}
        for p in members:
            score = result.scores.get(p.id)
            level = (score.level if score and score.level else None) or result.status_of(p.id) or "non valutato"
            by_key.setdefault(("livello", level), []).append(Decimal(0))
            award = rewards.awards.get(p.id) if rewards else None
            if award is not None and award.band:
                by_key.setdefault(("fascia", award.band), []).append(award.amount)
            if award is not None:
                by_key[("livello", level)][-1] = award.amount
        for (kind, key), amounts in by_key.items():
            n = len(amounts)
            share = f"{r2(Decimal(n) / len(members) * 100)}%"
            if n < MIN_GROUP:
                out.append((kind, group, key, "<3", "", "", ""))
            else:
                total = sum(amounts, Decimal(0))
                out.append((kind, group, key, str(n), share, f"{total:.2f}", f"{r2(total / n):.2f}"))
    return out


def render(result: Result) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(HEADER)
    for row in rows(result):
        w.writerow([cell(v) for v in row])
    return buf.getvalue()


def write(result: Result, path: Path) -> None:
    path.write_text(render(result), encoding="utf-8")
