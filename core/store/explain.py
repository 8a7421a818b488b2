"""``ciclope explain`` with the series of the figure over the years, when the store has them.

The store is only read when it exists (the SQLite file is there, or a server URL is configured): explain
never creates one. A missing or unreachable store leaves the explanation as it is, with no error."""

from __future__ import annotations

import json
from pathlib import Path

from ciclope.core.reports import fmt
from ciclope.core.store import open_store
from ciclope.core.store.engine import store_url


def series_of(plan, cli_url: str | None, ente: str, kind: str, ident: str, year: int) -> list[tuple[int, float | None]]:
    url = store_url(plan.path, plan.store, cli_url)
    if url.startswith("sqlite:///") and not Path(url.removeprefix("sqlite:///")).is_file():
        return []
    if kind not in ("indicator", "objective", "area", "ente"):
        return []
    try:
        store = open_store(url)
        try:
            points = store.series(ente, upto_year=year)
        finally:
            store.close()
    except Exception:  # the explanation does not depend on the store
        return []
    field = {"indicator": "indicators", "objective": "objectives", "area": "areas"}.get(kind)
    out = []
    for p in points:
        if field is None:
            out.append((p.year, p.performance))
        elif ident in getattr(p, field):
            out.append((p.year, getattr(p, field)[ident]))
    return out


def with_series(
    text: str, plan, cli_url: str | None, ente: str, kind: str, ident: str, year: int, as_json: bool
) -> str:
    series = series_of(plan, cli_url, ente, kind, ident, year)
    if not series:
        return text
    if as_json:
        doc = json.loads(text)
        doc["series"] = [{"year": y, "achievement": v} for y, v in series]
        return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
    line = " · ".join(f"{y}: {fmt.pct(v)}" for y, v in series)
    return text + f"\nSerie negli anni (archivio dei risultati, ultima esecuzione completa di ogni anno): {line}\n"
