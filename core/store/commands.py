"""``ciclope history``, ``ciclope diff`` and ``ciclope benchmark``: the store read for people (Italian
tables) and tools (``--json``)."""

from __future__ import annotations

import argparse
import contextlib
import functools
import json
import sys
from collections.abc import Callable, Iterator, Mapping
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import SQLAlchemyError

from ciclope.core.fmt import quoted
from ciclope.core.inputs.config import load_config
from ciclope.core.nearest import hint
from ciclope.core.problems import CiclopeError, Problem
from ciclope.core.reports import fmt
from ciclope.core.store import Store, open_store, redacted, schema, store_url
from ciclope.core.store.benchmark import OWN_TOP, QUARTERS_NOTE, Benchmark, Position
from ciclope.core.store.engine import scrubbed
from ciclope.core.store.history import Trend, plans, said, trend
from ciclope.core.store.read import Current, result_of_run, rows, runs_of
from ciclope.core.store.words import acts_of, ente_info, level_words
from ciclope.core.vocabulary import where_it

EXIT_OK, EXIT_ENTE, EXIT_CONFIG = 0, 1, 2
Annotate = Callable[[Store, dict, int, int], None]


def open_for(args) -> Store:
    """The store of a cycle.toml (``--store`` wins), which must exist and hold results."""
    if getattr(args, "config", None) is None:  # `ciclope site --store URL`: no cycle.toml needed
        if not args.store:
            raise CiclopeError(
                [Problem(rule="cli.store", message="indicare cycle.toml oppure --store URL", source="docs/store.md")]
            )
        config = Path.cwd() / "cycle.toml"
        url = store_url(config, None, args.store)
    else:
        config = Path(args.config)
        plan = load_config(config)
        url = store_url(plan.path, plan.store, args.store)
    if url.startswith("sqlite:///") and not Path(url.removeprefix("sqlite:///")).is_file():
        raise CiclopeError(
            [
                Problem(
                    rule="store.missing",
                    file=str(config),
                    message=f"archivio dei risultati {redacted(url)} inesistente: eseguire prima `ciclope run {config}`",
                    source="docs/store.md",
                )
            ]
        )
    try:
        return open_store(url)
    except CiclopeError:
        raise
    except Exception as exc:
        raise CiclopeError(
            [
                Problem(
                    rule="store.unreachable",
                    message=f"archivio {redacted(url)} non raggiungibile: {scrubbed(_first_line(exc), url)}",
                    source="docs/store.md",
                )
            ]
        ) from None


def _print(doc: Any, text: str, as_json: bool) -> None:
    if as_json:
        print(json.dumps(doc, ensure_ascii=False, indent=2, default=_jsonable))
    else:
        print(text, end="" if text.endswith("\n") else "\n")


def _jsonable(value: Any) -> Any:
    if isinstance(value, Decimal):
        return f"{value:.2f}"
    return str(value)


def grid(columns: list[str], body: list[list[str]], numeric: set[int] = frozenset()) -> str:  # type: ignore[assignment]
    """A plain-text table for the terminal, numbers right-aligned."""
    widths = [max(len(str(r[i])) for r in [columns, *body]) for i in range(len(columns))]
    lines = []
    for row in [columns, *body]:
        cells = [str(c).rjust(w) if i in numeric else str(c).ljust(w) for i, (c, w) in enumerate(zip(row, widths))]
        lines.append("  ".join(cells).rstrip())
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines) + "\n"


# -- history -----------------------------------------------------------------------------------


def cmd_history(args) -> int:
    store = open_for(args)
    years = store.current(ente=args.ente)
    if not years:
        near = hint(args.ente, {c.ente for c in store.latest()})
        print(
            f"ciclope: nessun risultato dell'ente {quoted(args.ente)} nell'archivio {store.shown}{near}",
            file=sys.stderr,
        )
        return EXIT_ENTE
    if args.indicator:
        return _history_indicator(store, args, years)
    if args.objective:
        return _history_objective(store, args, years)
    last = years[-1].year
    t = trend(store, args.ente, last, years=last - years[0].year + 1)  # every stored year, gaps included
    _print(_history_doc(args.ente, years, t), _history_text(store, args.ente, years, t), args.json)
    return EXIT_OK


def _history_doc(ente: str, years: list[Current], t: Trend) -> dict:
    at = {y: i for i, y in enumerate(t.years)}
    return {
        "ente": ente,
        "years": [
            {
                "year": c.year,
                "run": c.run_id,
                "plugin": c.plugin,
                "performance": c.performance,
                "people": c.people,
                "errors": c.errors,
                "warnings": c.warnings,
                "allocated": c.allocated,
                "distributed": c.distributed,
                "areas": {r.ident: r.values[at[c.year]] for r in t.rows if r.kind == "area"},
            }
            for c in years
        ],
        "missing_years": list(t.missing),
        "regulation_changes": [{"year": y, "from": a, "to": b} for y, a, b in t.changes],
    }


def _history_text(store: Store, ente: str, years: list[Current], t: Trend) -> str:
    columns = ["Anno", "Regolamento", "Perf. ente", "Persone", "Errori", "Avvisi", "Fondi", "Distribuito", "Esecuzione"]
    # each year's regulation by the title of its acts, as the run read it: never the plugin's name
    titles = {c.year: acts_of(ente_info(c.plugin, store.document(c.result_id), c.year)) for c in years}
    changed = _regulation_changed(store, years, titles)
    body = [
        [
            str(c.year),
            titles[c.year] + (" (cambiato)" if c.year in changed else ""),
            fmt.pct(c.performance),
            str(c.people),
            str(c.errors),
            str(c.warnings),
            fmt.euro(c.allocated) if c.allocated is not None else fmt.NONE,
            fmt.euro(c.distributed) if c.distributed is not None else fmt.NONE,
            f"n. {c.run_id}",
        ]
        for c in years
    ]
    text = f"Ente {ente} ({years[-1].name}) — archivio {store.shown}\n\n" + grid(columns, body, {2, 3, 4, 5, 6, 7})
    for y, a, b in t.changes:
        before = next((titles[c.year] for c in reversed(years) if c.year < y), a)
        a, b = (before, titles[y]) if y in titles and before != titles[y] else (a, b)
        text += f"\nDal {y} il regolamento applicato è cambiato: {a} → {b} (aree e indicatori possono differire).\n"
    if changed:
        text += "\n(cambiato): il regolamento è diverso da quello dell'anno prima nell'archivio.\n"
    if t.missing:
        text += "\nAnni senza risultato nell'archivio: " + ", ".join(str(y) for y in t.missing) + ".\n"
    areas = [r for r in t.rows if r.kind == "area"]
    if areas:
        text += "\nAree strategiche (per un indicatore: --indicator ID; per un obiettivo: --objective ID):\n" + grid(
            ["Codice", "Nome", *[str(y) for y in t.years]],
            [[r.ident, fmt_clip(r.label), *[fmt.pct(v) for v in r.values]] for r in areas],
            set(range(2, 2 + len(t.years))),
        )
    return text


def _regulation_changed(store: Store, years: list[Current], titles: Mapping[int, str]) -> set[int]:
    """The years whose regulation differs from the year before's in the archive: another title of its acts, or
    another content of the regulation file cycle.toml names (results.json's ``audit.override_files``)."""
    files = {c.year: store.document(c.result_id).get("audit", {}).get("override_files") or {} for c in years}
    return {
        b.year for a, b in zip(years, years[1:]) if titles[a.year] != titles[b.year] or files[a.year] != files[b.year]
    }


def fmt_clip(text: str, width: int = 48) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def _history_indicator(store: Store, args, years) -> int:
    entries = []
    for c in years:
        found = [r for r in rows(store.engine, schema.indicators, c.result_id) if r["indicator"] == args.indicator]
        if found:
            r = found[0]
            entries.append(
                {
                    "year": c.year,
                    "name": r["name"],
                    "type": r["type"],
                    "target": None if r["target"] is None else json.loads(r["target"]),
                    "actual": None if r["actual"] is None else json.loads(r["actual"]),
                    "achievement": r["achievement"],
                    "scored": r["scored"],
                    "percent": bool(r["percent"]),
                }
            )
    if not entries:
        print(
            f"ciclope: indicatore {quoted(args.indicator)} non presente in nessun anno dell'ente {args.ente}",
            file=sys.stderr,
        )
        return EXIT_ENTE
    text = f"Indicatore {args.indicator} — {entries[-1]['name']} (ente {args.ente})\n\n" + grid(
        ["Anno", "Target", "Consuntivo", "Grado"],
        [
            [
                str(e["year"]),
                said(e["target"], e["percent"]),
                said(e["actual"], e["percent"]),
                fmt.pct(e["achievement"]),
            ]
            for e in entries
        ],
        {1, 2, 3},
    )
    _print({"ente": args.ente, "indicator": args.indicator, "years": entries}, text, args.json)
    return EXIT_OK


def _history_objective(store: Store, args, years) -> int:
    entries = []
    for c in years:
        found = [r for r in rows(store.engine, schema.objectives, c.result_id) if r["objective"] == args.objective]
        if found:
            entries.append({"year": c.year, "title": found[0]["title"], "achievement": found[0]["achievement"]})
    if not entries:
        print(
            f"ciclope: obiettivo {quoted(args.objective)} non presente in nessun anno dell'ente {args.ente}",
            file=sys.stderr,
        )
        return EXIT_ENTE
    text = f"Obiettivo {args.objective} — {entries[-1]['title']} (ente {args.ente})\n\n" + grid(
        ["Anno", "Grado di raggiungimento"], [[str(e["year"]), fmt.pct(e["achievement"])] for e in entries], {1}
    )
    plan = [p for p in plans(store, args.ente, years[-1].year, only_ending=False) if p.objective == args.objective]
    doc: dict[str, Any] = {"ente": args.ente, "objective": args.objective, "years": entries}
    if plan:
        p = plan[0]
        doc["plan"] = {
            "first": p.first,
            "last": p.last,
            "cumulative": p.cumulative,
            "years": [
                {
                    "year": y.year,
                    "stored": y.stored,
                    "achievement": y.achievement,
                    "indicators": [{"id": i, "name": n, "target": t, "actual": a} for i, n, t, a in y.indicators],
                }
                for y in p.years
            ],
        }
        text += f"\nPiano pluriennale {p.first}–{p.last}:\n" + grid(
            ["Anno", "Indicatori (target → consuntivo)", "Grado"],
            [
                [
                    str(y.year),
                    "; ".join(f"{i}: {t} → {a}" for i, _n, t, a in y.indicators) if y.stored else "non nell'archivio",
                    fmt.pct(y.achievement) if y.stored else fmt.NONE,
                ]
                for y in p.years
            ],
            {2},
        )
        text += f"Avanzamento cumulato: {fmt.pct(p.cumulative)} (media degli anni del piano presenti nell'archivio)\n"
    _print(doc, text, args.json)
    return EXIT_OK


# -- diff --------------------------------------------------------------------------------------


def cmd_diff(args, annotate: Annotate | None = None) -> int:
    """``annotate``: what completes each changed person (name, differences, reasons: ``ciclope.core.run.changes``,
    which reads the traces with explain's words for cells)."""
    store = open_for(args)
    if len(args.run) == 2 and not args.year:
        ids = [result_of_run(store.engine, r, args.ente) for r in args.run]
        labels = [f"esecuzione n. {r}" for r in args.run]
    elif len(args.year) == 2 and not args.run:
        by_year = {c.year: c.result_id for c in store.current(ente=args.ente)}
        ids = [by_year.get(y) for y in args.year]
        labels = [str(y) for y in args.year]
    else:
        print("ciclope: indicare due esecuzioni (--run A --run B) oppure due anni (--year A --year B)", file=sys.stderr)
        return EXIT_CONFIG
    missing = [lab for lab, i in zip(labels, ids) if i is None]
    if missing:
        known = ", ".join(f"n. {r['id']} ({r['year'] or 'fallita'})" for r in runs_of(store.engine, args.ente)[:10])
        near = "" if known else hint(args.ente, {c.ente for c in store.latest()})  # a mistyped id (issue 42)
        print(
            f"ciclope: nessun risultato dell'ente {args.ente} per {', '.join(missing)} (esecuzioni: {known or 'nessuna'})"
            f"{near}",
            file=sys.stderr,
        )
        return EXIT_ENTE
    a, b = (int(i) for i in ids if i is not None)
    doc = diff(store, a, b)
    doc.update({"ente": args.ente, "from": labels[0], "to": labels[1]})
    if annotate is not None and not doc["same"]:
        annotate(store, doc, a, b)
    # each result's levels by the labels its own regulation gave them (--json keeps the codes, as the store does)
    said = None if args.json or doc["same"] else (level_words(store.document(a)), level_words(store.document(b)))
    _print(doc, diff_text(doc, said), args.json)
    return EXIT_OK


FIGURE_TABLES = (
    ("areas", "area", schema.areas),
    ("objectives", "objective", schema.objectives),
    ("indicators", "indicator", schema.indicators),
    ("units", "unit", schema.units),
)


def diff(store: Store, a: int, b: int) -> dict:
    """What changed from result ``a`` to result ``b`` (same result: nothing)."""
    if a == b:
        return {"same": True, "figures": [], "people": [], "violations": {"new": [], "resolved": []}}
    cur = {c.result_id: c for c in store.current()}
    figures = []
    pa, pb = _perf(store, a, cur), _perf(store, b, cur)
    if pa != pb:
        figures.append({"kind": "ente", "id": "", "name": "Performance dell'ente", "from": pa, "to": pb})
    for kind, key, table in FIGURE_TABLES:
        ra = {r[key]: r for r in rows(store.engine, table, a)}
        rb = {r[key]: r for r in rows(store.engine, table, b)}
        for ident in sorted(set(ra) | set(rb)):
            x, y = ra.get(ident), rb.get(ident)
            va = None if x is None else x["achievement"]
            vb = None if y is None else y["achievement"]
            if x is None or y is None or va != vb:
                name = (y or x or {}).get("name") or (y or x or {}).get("title") or ident
                figures.append(
                    {
                        "kind": kind[:-1],
                        "id": ident,
                        "name": name,
                        "from": va,
                        "to": vb,
                        "added": x is None,
                        "removed": y is None,
                    }
                )
    people = []
    pa_ = {p.person: p for p in store.people(a)}
    pb_ = {p.person: p for p in store.people(b)}
    for pid in sorted(set(pa_) | set(pb_)):
        before, after = pa_.get(pid), pb_.get(pid)
        if before is None or after is None or _card(before) != _card(after):
            people.append({"person": pid, "from": _card(before), "to": _card(after)})
    return {"same": False, "figures": figures, "people": people, "violations": _violations(store, a, b)}


def _violations(store: Store, a: int, b: int) -> dict[str, list[dict]]:
    """The problems of ``b`` not in ``a`` (new) and those of ``a`` not in ``b`` (resolved). Two problems are the
    same when their rule, place and message are, the message read with its own run's year neutralised: a warning
    that only names its year («non configurata per il 2024», «… per il 2025») is the same warning both years."""
    years = {r: _year(store, r) for r in (a, b)}

    def keyed(result_id: int) -> dict[tuple[str, str, str], dict]:
        year = str(years[result_id])
        found = rows(store.engine, schema.violations, result_id)
        return {(v["rule"], v["where"], v["message"].replace(year, "\x00")): v for v in found}

    va, vb = keyed(a), keyed(b)
    said = lambda v: {"rule": v["rule"], "where": v["where"], "message": v["message"]}  # noqa: E731
    return {
        "new": [said(vb[k]) for k in sorted(vb.keys() - va.keys())],
        "resolved": [said(va[k]) for k in sorted(va.keys() - vb.keys())],
    }


def _year(store: Store, result_id: int) -> int:
    with store.engine.connect() as conn:
        return int(conn.execute(select(schema.results.c.year).where(schema.results.c.id == result_id)).scalar_one())


def _card(p) -> dict | None:
    return None if p is None else {"score": p.score, "level": p.level, "band": p.band, "amount": p.amount}


def _perf(store: Store, result_id: int, cur) -> float | None:
    if result_id in cur:
        return cur[result_id].performance
    with store.engine.connect() as conn:
        return conn.execute(select(schema.results.c.performance).where(schema.results.c.id == result_id)).scalar_one()


def diff_text(doc: dict, levels: tuple[Mapping[str, str], Mapping[str, str]] | None = None) -> str:
    """What changed, for the terminal; ``levels``: the labels of the levels of the two results (:func:`level_words`),
    by which a person's level before and after is named."""
    before, after = levels or ({}, {})
    head = f"Ente {doc['ente']}: da {doc['from']} a {doc['to']}\n"
    if doc["same"]:
        return head + "Nessuna differenza: stesso results.json (stessi input e stesso regolamento).\n"
    out = [head]
    if doc.get("common"):
        out.append("Cambiato per tutti (fondi, regolamento e altri dati comuni):")
        out += [f"  {line}" for line in doc["common"]] + [""]
    if doc["figures"]:
        out.append("Cifre cambiate:")
        out.append(
            grid(
                ["Tipo", "Codice", "Nome", "Prima", "Dopo"],
                [
                    [
                        KINDS.get(f["kind"], f["kind"]),
                        f["id"],
                        fmt_clip(str(f["name"]), 40),
                        "assente" if f.get("added") else fmt.pct(f["from"]),
                        "assente" if f.get("removed") else fmt.pct(f["to"]),
                    ]
                    for f in doc["figures"]
                ],
                {3, 4},
            )
        )
    else:
        out.append("Nessuna cifra di ente, area, obiettivo, indicatore o unità cambiata.\n")
    if doc["people"]:
        out.append("Persone con punteggio, livello, fascia o importo cambiati:")
        named = all("name" in p for p in doc["people"])
        out.append(
            _people_named(doc["people"], before, after) if named else _people_coded(doc["people"], before, after)
        )
    else:
        out.append("Nessuna persona con punteggio, livello, fascia o importo cambiati.\n")
    for label, key in (("Violazioni nuove", "new"), ("Violazioni risolte", "resolved")):
        items = doc["violations"][key]
        out.append(f"{label}: {len(items)}")
        # where, as every message names it, and the sentence: the rule's code is for --json, never for a person
        out += [f"  {where_it(v['where'])}: {v['message']}" if v["where"] else f"  {v['message']}" for v in items]
    return "\n".join(out) + "\n"


KINDS = {"ente": "Ente", "area": "Area", "objective": "Obiettivo", "indicator": "Indicatore", "unit": "Unità"}


def _people_coded(people: list[dict], before: Mapping[str, str], after: Mapping[str, str]) -> str:
    """Each person by code, before and after (a diff that was not annotated)."""
    return grid(
        ["Persona", "Prima", "Dopo"],
        [[p["person"], _person(p["from"], before), _person(p["to"], after)] for p in people],
    )


def _people_named(people: list[dict], before: Mapping[str, str], after: Mapping[str, str]) -> str:
    """Each person by name and id: score and amount before, after and the difference, the level only when the
    regulation gives one to someone; under each, what changed in their own inputs or why their figures moved."""
    leveled = any((p[k] or {}).get("level") or (p[k] or {}).get("band") for p in people for k in ("from", "to"))
    columns = ["Persona", "Punti prima", "Punti dopo", "Differenza"]
    columns += ["Livello prima", "Livello dopo"] if leveled else []
    columns += ["Importo prima", "Importo dopo", "Differenza"]
    body = []
    for p in people:
        x, y = p["from"] or {}, p["to"] or {}
        row = [f"{p['name']} ({p['person']})" if p["name"] else p["person"]]
        row += [_score(x, p["from"]), _score(y, p["to"]), _signed(p["difference"]["score"])]
        row += [_level(p["from"], before), _level(p["to"], after)] if leveled else []
        row += [_amount(x, p["from"]), _amount(y, p["to"]), _signed_euro(p["difference"]["amount"])]
        body.append(row)
    numeric = set(range(1, len(columns))) - ({4, 5} if leveled else set())
    lines = grid(columns, body, numeric).splitlines()
    out = lines[:2]
    for line, p in zip(lines[2:], people):
        out.append(line)
        out += [f"  cambiato: {c['said']}" for c in p["changes"]]
        out += [f"  perché: {p['reason']}"] if p["reason"] else []
    return "\n".join(out) + "\n"


def _score(card: dict, whole: dict | None) -> str:
    if whole is None:
        return "assente"
    return fmt.score(card["score"]) if card.get("score") is not None else "senza punteggio"


def _amount(card: dict, whole: dict | None) -> str:
    if whole is None:
        return "assente"
    return fmt.euro(card["amount"]) if card.get("amount") is not None else "nessun importo"


def _level(card: dict | None, levels: Mapping[str, str]) -> str:
    if card is None:
        return "assente"
    said = fmt.level(card["level"], levels) or "nessun livello"
    return f"{said}, fascia {card['band']}" if card["band"] and card["band"] != card["level"] else said


def _signed(value: float | None) -> str:
    if value is None:
        return ""
    return ("+" if value > 0 else "") + fmt.score(value)


def _signed_euro(value: Decimal | None) -> str:
    if value is None:
        return ""
    return fmt.euro(value).replace("€ ", "€ +") if value > 0 else fmt.euro(value)


def _person(p: dict | None, levels: Mapping[str, str]) -> str:
    if p is None:
        return "assente"
    parts = [fmt.score(p["score"]) if p["score"] is not None else fmt.NONE, fmt.level(p["level"], levels) or fmt.NONE]
    # a regulation without merit bands records each person's level as band: said once, as the level
    if p["band"] and p["band"] != p["level"]:
        parts.append(f"fascia {p['band']}")
    parts.append(fmt.euro(p["amount"]) if p["amount"] is not None else "nessun importo")
    return " · ".join(parts)


# -- benchmark ---------------------------------------------------------------------------------


def cmd_benchmark(args) -> int:
    store = open_for(args)
    years = store.years()
    if not years:
        print(f"ciclope: nessun risultato completo nell'archivio {store.shown}", file=sys.stderr)
        return EXIT_ENTE
    year = args.year or years[-1]
    bench = store.benchmark(year)
    said = {} if args.json else bench_levels(store, bench)  # --json keeps the codes, as the store does
    _print(bench_doc(bench), bench_text(bench, getattr(args, "every", False), said), args.json)
    return EXIT_OK


def bench_levels(store: Store, b: Benchmark) -> dict[str, Mapping[str, str]]:
    """Each ente's labels of its levels (:func:`level_words`), from its current result of the benchmark's year: the
    store keeps a level's code only, its label is in the regulation file the run read."""
    current = {c.ente: c.result_id for c in store.current(year=b.year)}
    return {
        d.ente: level_words(store.document(current[d.ente]))
        for d in b.differentiation
        if d.top_level and d.ente in current
    }


def bench_doc(b: Benchmark) -> dict:
    def dist(d) -> dict | None:
        if d is None:
            return None
        return {
            "median": d.median,
            "q1": d.q1,
            "q3": d.q3,
            "lower_is_better": d.lower_is_better,
            "enti": [
                {"ente": ente, "value": value, "rank": p.rank, "tied": p.tied, "quartile": p.quartile or None}
                for ente, value in d.values
                if (p := d.position(ente)) is not None
            ],
        }

    return {
        "year": b.year,
        "enti": b.enti,
        "performance": dist(b.performance),
        "indicators": [
            {"key": i.key, "name": i.name, "type": i.type, "percent": i.percent, **(dist(i.distribution) or {})}
            for i in b.indicators
        ],
        "differentiation": [
            {
                "ente": d.ente,
                "plugin": d.plugin,
                "top_level": d.top_level,
                "top_share": d.top_share,
                "band_ratio": d.band_ratio,
                **({"own_scale": True} if d.own_scale else {}),  # several scales: each at the top of their own
            }
            for d in b.differentiation
        ],
    }


SHOWN_ENDS = 5  # the best and the worst of a long ranking, on the terminal


def ends(rows: list[list[str]], every: bool) -> list[list[str]]:
    """A ranking's rows, or its first and last :data:`SHOWN_ENDS` with a line for those left out."""
    if every or len(rows) <= 2 * SHOWN_ENDS + 1:
        return rows
    left = len(rows) - 2 * SHOWN_ENDS
    gap = ["…", f"altri {left} enti (tutti con --tutti, --json o nel portale)"]
    gap += [""] * (len(rows[0]) - len(gap))  # as wide as the table's rows
    return [*rows[:SHOWN_ENDS], gap, *rows[-SHOWN_ENDS:]]


def bench_text(b: Benchmark, every: bool = False, levels: Mapping[str, Mapping[str, str]] | None = None) -> str:
    """The benchmark for the terminal; ``levels``: each ente's labels of its levels (:func:`level_words`), by which
    its highest level is named."""
    said = levels or {}
    out = [f"Confronto tra gli enti — anno {b.year}: {b.enti} enti con risultati completi nell'archivio\n"]
    out += _bench_performance(b, every)
    out += _bench_indicators(b, every)
    out.append(
        "\nDifferenziazione (quota di valutati al livello più alto del regolamento; rapporto tra gli importi pro capite delle fasce):"
    )
    out.append(
        grid(
            ["Ente", "Plugin", "Livello più alto", "Quota", "Rapporto fasce"],
            [
                [
                    d.ente,
                    d.plugin,
                    OWN_TOP if d.own_scale else fmt.level(d.top_level, said.get(d.ente)) or fmt.NONE,
                    fmt.pct(d.top_share) if d.top_share is not None else fmt.NONE,
                    fmt.decimal_it(d.band_ratio, 2) if d.band_ratio is not None else fmt.NONE,
                ]
                for d in b.differentiation
            ],
            {3, 4},
        )
    )
    return "\n".join(out)


def _bench_performance(b: Benchmark, every: bool) -> list[str]:
    if b.performance is None:
        return [f"Performance dell'ente: servono almeno 3 enti (presenti: {b.enti}).\n"]
    d = b.performance
    ranked = [[_rank(p), ente, fmt.pct(v), p.quarter()] for ente, v in d.values if (p := d.position(ente))]
    return [
        f"Performance dell'ente: mediana {fmt.pct(d.median)}, primo quartile {fmt.pct(d.q1)}, "
        f"terzo quartile {fmt.pct(d.q3)}",
        grid(["Pos.", "Ente", "Performance", "Quarto degli enti"], ends(ranked, every), {0, 2}),
        QUARTERS_NOTE,
    ]


def _rank(p: Position) -> str:
    """«1°», or «1° pari merito» when other enti have the same value."""
    return f"{p.rank}° pari merito" if p.tied else f"{p.rank}°"


def _bench_indicators(b: Benchmark, every: bool) -> list[str]:
    if not b.indicators:
        return ["Nessun indicatore comune ad almeno 3 enti (stesso codice o stesso nome).\n"]
    out = [f"Indicatori comuni ad almeno 3 enti: {len(b.indicators)}"]
    for ind in b.indicators:
        d = ind.distribution
        better = "più basso è meglio" if d.lower_is_better else "più alto è meglio"
        stat = fmt.pct if ind.percent else functools.partial(fmt.decimal_it, places=2)
        out.append(
            f"\n{ind.key} — {ind.name} ({better}): mediana {stat(d.median)}, quartili {stat(d.q1)} – {stat(d.q3)}"
        )
        ranked = [[_rank(p), ente, said(v, ind.percent)] for ente, v in d.values if (p := d.position(ente))]
        out.append(grid(["Pos.", "Ente", "Valore"], ends(ranked, every), {0, 2}))
    return out


def main(args: argparse.Namespace) -> int:
    with readable_store(str(getattr(args, "store", None) or getattr(args, "config", None) or "")):
        return {"history": cmd_history, "diff": cmd_diff, "benchmark": cmd_benchmark}[args.command](args)


def _first_line(exc: BaseException) -> str:
    text = str(getattr(exc, "orig", None) or exc).strip().splitlines()
    return text[0] if text else type(exc).__name__


@contextlib.contextmanager
def readable_store(where: str) -> Iterator[None]:
    """A store the database cannot read (a damaged file, a file that is not a database, tables from
    elsewhere) as an Italian error naming it, never a traceback."""
    try:
        yield
    except SQLAlchemyError as exc:
        raise CiclopeError(
            [
                Problem(
                    rule="store.damaged",
                    file=redacted(str(where)),
                    message=f"archivio dei risultati non leggibile ({scrubbed(_first_line(exc), str(where))}): "
                    "il file è danneggiato o non è un archivio di ciclope; ripristinalo da una copia o indica "
                    "un altro archivio con --store",
                    source="docs/store.md",
                )
            ]
        ) from None
