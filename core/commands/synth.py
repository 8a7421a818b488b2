"""``ciclope synth``: realistic, valid, deterministic synthetic enti for demos and benchmarks.

The core writes the canonical files (org chart, BSC plan with every indicator kind, cruscotti,
evaluation cards, funds, approvals); each plugin adds its own input through ``ciclope_synth``
(positions, projects, extra columns). Same seed → same files, byte for byte.

The enti are valid for every installed plugin: they load and run the whole cycle with no error
violation (tests/core/commands/test_synth.py), so that a benchmark measures the work of a clean ente. This is
kept by construction: graded indicators reach at least 75% of target, PO cards stay positive
(a negative PO evaluation needs a contraddittorio, rules/core.md §5), card levels are spread so
evaluations are differentiated. Below ~40 people an ente can still fail a plugin's
differentiation rule (e.g. bergamo: 5–7 rewarded people all in one level), as a real one would.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
import random
import re
from pathlib import Path

from ciclope.core.engine import hookspecs
from ciclope.core.engine.registry import Hooks, available_plugins
from ciclope.core.entetoml import italian_approval, italian_fund
from ciclope.core.inputs.loading import CANONICAL, header_label, merge_schemas, sheet_title
from ciclope.core.model import SynthData
from ciclope.core.outcomes import InputSchema
from ciclope.core.values import parse_bool, parse_date

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
CANONICAL_ORDER = ("units", "people", "areas", "objectives", "indicators", "assignments", "evaluations")


def _indicator(rng: random.Random, iid: str, oid: str, year: int, kind: str) -> dict:
    row = {
        "id": iid,
        "objective": oid,
        "name": f"Indicatore {iid}",
        "type": kind,
        "weight": "",
        "baseline": "",
        f"target_{year}": "",
        f"target_{year + 1}": "",
        "actual": "",
        "target_mid": "",
        "actual_mid": "",
        "neutralized": "",
        "reason": "",
        "source": "Dati sintetici",
    }
    # Graded indicators reach at least 75% of their target (rounding aside), so that no objective, unit
    # or PO falls below a regulation's "positive" threshold by chance: a negative PO evaluation would
    # need a contraddittorio (rules/core.md §5) that synthetic data cannot decide on.
    if kind in ("higher", "project"):
        target = rng.choice([10, 20, 50, 100, 250]) if kind == "higher" else 100
        unit = "" if kind == "higher" else "%"
        row.update(
            {
                f"target_{year}": f"{target}{unit}",
                f"target_{year + 1}": f"{target}{unit}",
                "actual": f"{round(target * rng.uniform(0.76, 1.2))}{unit}",
                "target_mid": f"{target // 2}{unit}",
                "actual_mid": f"{round(target / 2 * rng.uniform(0.4, 1.2))}{unit}",
            }
        )
    elif kind == "lower":
        target = rng.choice([3, 5, 10, 30])
        row.update(
            {
                f"target_{year}": str(target),
                f"target_{year + 1}": str(target),
                "actual": f"{target * rng.uniform(0.8, 1.3):.1f}",
                "target_mid": str(target),
                "actual_mid": f"{target * rng.uniform(0.8, 1.8):.1f}",
            }
        )
    elif kind == "deadline":
        due = dt.date(year, rng.choice([3, 6, 9, 12]), 28)
        done = due + dt.timedelta(days=rng.choice([-30, -5, 0, 3, 20]))
        row.update(
            {
                f"target_{year}": f"{due.day}.{due.month}.{due.year}",
                f"target_{year + 1}": "-",
                "actual": done.isoformat(),
            }
        )
    elif kind == "boolean":
        row.update({f"target_{year}": "SI", f"target_{year + 1}": "SI", "actual": rng.choice(["SI", "SI", "SI", "NO"])})
    else:  # monitor
        row.update({"actual": str(rng.randint(100, 5000))})
    return row


GRADED = ("higher", "lower", "project")
OTHER = ("deadline", "boolean", "monitor")


def _objective_indicators(rng: random.Random, oid: str, year: int, first: int) -> list[dict]:
    """An operational objective's indicators: one or two graded (weight 40 each), often one more
    deadline/boolean/monitor (weight 10; a monitor is never weighted). Only the extra ones may be
    neutralized, so each objective keeps a graded indicator: its achievement stays ≥ 0.75 × 40/50."""
    kinds = [GRADED[first % 3]]
    if rng.random() < 0.5:
        kinds.append(GRADED[(first + 1) % 3])
    if rng.random() < 0.6:
        kinds.append(OTHER[first % 3])
    rows = []
    for k, kind in enumerate(kinds):
        row = _indicator(rng, f"I{first + k}", oid, year, kind)
        row["weight"] = "40" if kind in GRADED else ("" if kind == "monitor" else "10")
        if k > 0 and kind != "monitor" and rng.random() < 0.08:
            row.update({"neutralized": "SI", "reason": "evento esogeno (sintetico)"})
        rows.append(row)
    return rows


def make_ente(ente_id: str, people_n: int, rng: random.Random, year: int, per_servizio: int | None = None) -> SynthData:
    """One ente's core files. By default at most 5 areas of 2–4 servizi each, whatever its size; with
    ``per_servizio`` the organization grows with the people, as in a big ente (a Comune of 20,000
    employees has hundreds of offices): one servizio per ``per_servizio`` people, ten per area (each
    with its dirigente), so that a step that scans the units or the dirigenti for every person shows."""
    d = SynthData(id=ente_id, name=f"Ente sintetico {ente_id}", year=year)
    n_areas = max(2, min(5, people_n // 60 + 2))
    servizi_n = max(2, people_n // per_servizio) if per_servizio else 0
    if per_servizio:
        n_areas = max(2, math.ceil(servizi_n / 10))
    units, people, servizi = _org_chart(d.name, people_n, rng, n_areas, servizi_n, per_servizio)
    _staff(people, people_n, servizi, rng)
    areas = [
        {"id": f"AS{i}", "name": f"Area strategica {i}", "weight": str(rng.choice([20, 30, 40, 50])), "separate": ""}
        for i in range(1, 4)
    ]
    objectives, indicators, assignments = _plan(rng, year, areas, servizi)
    for a in range(1, n_areas + 1):
        for o in objectives:
            if o["kind"] == "strategic" and rng.random() < 0.5:
                assignments.append({"cruscotto": f"C-D{a}", "owner": f"D{a}", "ref": o["id"], "weight": ""})
    d.tables = {
        "units": units,
        "people": people,
        "areas": areas,
        "objectives": objectives,
        "indicators": indicators,
        "assignments": assignments,
        "evaluations": _cards(people, rng),
    }
    d.funds = {"performance_individuale": f"{people_n * rng.randint(400, 900)}.00"}
    d.approvals = {
        "budget_approved": dt.date(year - 1, 12, 20),
        "piano_adopted": dt.date(year, 1, 28),
        "relazione_approved": dt.date(year + 1, 5, 20),
        "relazione_validated_oiv": dt.date(year + 1, 5, 30),
    }
    return d


def _org_chart(
    name: str, people_n: int, rng: random.Random, n_areas: int, servizi_n: int, per_servizio: int | None
) -> tuple[list[dict], list[dict], list[tuple[str, str]]]:
    """(the units, their heads: the Segretario Generale, a dirigente per area, a PO per servizio; the
    servizi, each with its area's dirigente)."""
    units = [{"id": "root", "name": name, "kind": "ente", "parent": "", "head": "SG"}]
    people = [_person("SG", "Segretario Generale", "segretario", "DIR", "root", "0", "")]
    servizi: list[tuple[str, str]] = []  # (servizio id, area dirigente id)
    for a in range(1, n_areas + 1):
        did = f"D{a}"
        units.append({"id": f"A{a}", "name": f"Area {a}", "kind": "area", "parent": "root", "head": did})
        people.append(_person(did, f"Dirigente {a}", "dirigente", "DIR", f"A{a}", str(rng.randint(0, 20)), "SG"))
        if per_servizio:
            per_area = servizi_n // n_areas + (a <= servizi_n % n_areas)
        else:  # a small ente, few servizi
            per_area = min(rng.randint(2, 4), max(1, (people_n // 3 - 1 - n_areas) // n_areas))
        for s in range(1, per_area + 1):
            sid = f"A{a}S{s}"
            po = f"PO{a}{s}"
            units.append({"id": sid, "name": f"Servizio {a}.{s}", "kind": "servizio", "parent": f"A{a}", "head": po})
            people.append(_person(po, f"Titolare PO {a}.{s}", "po", "D", sid, str(rng.randint(0, 15)), did))
            servizi.append((sid, did))
    return units, people, servizi


def _person(pid: str, name: str, role: str, category: str, unit: str, absence: str, evaluator: str) -> dict:
    """A head's row of people.csv: full time, not insufficient."""
    return {
        "id": pid,
        "name": name,
        "role": role,
        "category": category,
        "unit": unit,
        "fte": "1",
        "absence_days": absence,
        "insufficient": "false",
        "evaluator": evaluator,
    }


def _staff(people: list[dict], people_n: int, servizi: list[tuple[str, str]], rng: random.Random) -> None:
    """The employees, up to ``people_n`` people, spread over the servizi, each evaluated by its area's
    dirigente; some part time, some long absent, a few insufficient."""
    k = 0
    while len(people) < people_n:
        k += 1
        sid, did = servizi[k % len(servizi)]
        fte = rng.choices(["1", "0.5", "0.83", "0.67"], weights=[80, 8, 7, 5])[0]
        absence = rng.choices([rng.randint(0, 20), rng.randint(20, 120), rng.randint(151, 250)], weights=[85, 12, 3])[0]
        people.append(
            {
                "id": f"P{k:05d}",
                "name": f"Dipendente {k}",
                "role": "dipendente",
                "category": rng.choice("ABCCD"),
                "unit": sid,
                "fte": fte,
                "absence_days": str(absence),
                "insufficient": "true" if rng.random() < 0.01 else "false",
                "evaluator": did,
            }
        )


def _plan(
    rng: random.Random, year: int, areas: list[dict], servizi: list[tuple[str, str]]
) -> tuple[list[dict], list[dict], list[dict]]:
    """(objectives, indicators, assignments): two strategic objectives per area, each with its own
    indicator; about a third of the servizi take an operational objective under each, on their cruscotto."""
    objectives, indicators, assignments = [], [], []
    n_ind = 0
    for i, area in enumerate(areas, 1):
        for j in range(1, 3):
            so = f"S{i}.{j}"
            objectives.append(
                {
                    "id": so,
                    "kind": "strategic",
                    "title": f"Obiettivo strategico {so}",
                    "parent": "",
                    "area": area["id"],
                    "weight": str(rng.choice([30, 50, 70])),
                    "owner": "",
                }
            )
            n_ind += 1
            own = _indicator(rng, f"I{n_ind}", so, year, "higher")
            own["weight"] = "30"  # weighted like the operational objectives beside it
            indicators.append(own)
            for sid, _ in servizi:
                if rng.random() < 0.35:
                    oo = f"O{so}-{sid}"
                    objectives.append(
                        {
                            "id": oo,
                            "kind": "operational",
                            "title": f"Obiettivo operativo {oo}",
                            "parent": so,
                            "area": "",
                            "weight": str(rng.choice([10, 20, 30])),
                            "owner": sid,
                        }
                    )
                    rows = _objective_indicators(rng, oo, year, n_ind + 1)
                    indicators += rows
                    n_ind += len(rows)
                    assignments.append({"cruscotto": f"C-{sid}", "owner": sid, "ref": oo, "weight": ""})
    return objectives, indicators, assignments


CARD_ITEMS = (
    ("risultati", "Raggiungimento obiettivi", 40),
    ("competenze", "Competenze professionali", 30),
    ("comportamenti", "Collaborazione", 15),
    ("comportamenti", "Orientamento all'utenza", 15),
)


def _cards(people: list[dict], rng: random.Random) -> list[dict]:
    """evaluations.csv: a card of :data:`CARD_ITEMS` for each dipendente and PO."""
    evaluations = []
    offset, k = rng.random(), 0
    for p in people:
        if p["role"] in ("dipendente", "po"):
            # the evaluators differentiate: card levels over [0.45, 1] by a low-discrepancy sequence, so
            # that even a small ente has a spread of scores (regulations forbid undifferentiated rewards)
            k += 1
            level = 0.45 + 0.55 * ((offset + k * 0.6180339887) % 1)
            low = 0.0
            if p["role"] == "po":  # PO cards positive: a negative one needs a contraddittorio (rules/core.md §5)
                level, low = rng.uniform(0.75, 1.0), 0.7
            for section, item, mx in CARD_ITEMS:
                pts = max(math.ceil(low * mx), min(mx, round(mx * rng.gauss(level, 0.08))))
                evaluations.append(
                    {
                        "person": p["id"],
                        "evaluator": p["evaluator"],
                        "section": section,
                        "item": item,
                        "max_points": str(mx),
                        "points": str(pts),
                        "weight": "",
                    }
                )
    return evaluations


def csv_text(rows: list[dict]) -> str:
    """The CSV text of ``rows``: every column in the order first met, a cell a row lacks left empty."""
    buf = io.StringIO()
    if rows:
        header: list[str] = []
        for r in rows:
            header += [k for k in r if k not in header]
        w = csv.DictWriter(buf, fieldnames=header, lineterminator="\n", restval="")
        w.writeheader()
        w.writerows(rows)
    return buf.getvalue()


def _toml_value(v) -> str:
    if isinstance(v, (dt.date, bool, int)):
        return str(v).lower() if isinstance(v, bool) else str(v)
    return '"' + str(v).replace("\\", "\\\\").replace('"', '\\"') + '"'


def office_tables(d: SynthData, schema: InputSchema | None = None) -> dict[str, list[dict[str, str]]]:
    """The tables of ``d`` as an office writes them (core/vocabulary.py, the template's words): each file and
    column by its Italian name (``persone``, ``giorni_assenza``; a plugin's own by its ``schema``), a closed
    list's value in the word the reports print (``più è meglio``), yes and no as SI and NO, a date as
    GG/MM/AAAA (a column of dates, and a deadline's target). The plugins build the tables by their codes, as they
    read them."""
    out: dict[str, list[dict[str, str]]] = {}
    for name, rows in d.tables.items():
        parsers = {column: parser for column, (parser, _) in CANONICAL.get(name, {}).items()}
        if schema is not None:
            parsers.update(schema.columns.get(f"{name}.csv", {}))
            parsers.update(schema.files.get(f"{name}.csv", {}))
        heads = {column: header_label(name, column, schema) for row in rows for column in row}
        out[sheet_title(name, schema)] = [
            {heads[column]: _word(parsers.get(column), column, text) for column, text in row.items()} for row in rows
        ]
    return out


def _word(parser: object, column: str, text: str) -> str:
    """A value as the office writes it. A role stays its code (segretario, dirigente, po, dipendente): the words
    of the contracts, which name the PO by year (Elevata qualificazione from 2024 in Funzioni Locali)."""
    if not text or column == "role":
        return text
    if parser is parse_bool:
        return "SI" if parse_bool(text) else "NO"
    if parser is parse_date or _ISO_DATE.fullmatch(text):  # a deadline's target or actual too
        return parse_date(text).strftime("%d/%m/%Y")
    labels: dict[str, str] = getattr(parser, "labels", {})
    return labels.get(text, text)


def write_ente(d: SynthData, folder: Path, schema: InputSchema | None = None) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name, rows in office_tables(d, schema).items():
        if rows:  # a table without rows has no header to write: the file is left out (= no rows)
            (folder / f"{name}.csv").write_text(csv_text(rows), encoding="utf-8")
    # ente.toml as an office writes it: the Italian name of each table and key (core/vocabulary.py)
    lines = [f"nome = {_toml_value(d.name)}", "", "[fondi]"]
    lines += [f"{italian_fund(k)} = {_toml_value(v)}" for k, v in d.funds.items()]
    lines += ["", "[atti]"] + [f"{italian_approval(k)} = {_toml_value(v)}" for k, v in d.approvals.items()]
    (folder / "ente.toml").write_text("\n".join(lines) + "\n", encoding="utf-8")


def synthetic_ente(
    folder: Path,
    hooks: Hooks,
    ente_id: str,
    people: int,
    rng: random.Random,
    year: int,
    per_servizio: int | None = None,
) -> Path:
    """One synthetic ente for a plugin (core files + the plugin's ``ciclope_synth``) written to ``folder``."""
    d = make_ente(ente_id, people, rng, year, per_servizio)
    hooks.answers(hookspecs.ciclope_synth, data=d, rng=rng, year=year)
    write_ente(d, folder, merge_schemas(hooks.answers(hookspecs.ciclope_input_schema, params=None)))
    return folder


def synth(
    dest: Path,
    enti: int,
    people: int,
    seed: int,
    year: int = 2021,
    plugins: list[str] | None = None,
    per_servizio: int | None = None,
) -> Path:
    """Write ``dest/cycle.toml`` and ``enti`` synthetic enti spread over the plugins (``per_servizio``:
    :func:`make_ente`)."""
    plugins = plugins or sorted(available_plugins())
    hooks = {name: Hooks.for_plugin(name)[0] for name in plugins}
    dest.mkdir(parents=True, exist_ok=True)
    lines = ["[ciclo]", f"anno = {year}", 'risultati = "out"', ""]
    for i in range(enti):
        plugin = plugins[i % len(plugins)]
        ente_id = f"synth-{i:05d}"
        rng = random.Random(f"{seed}-{i}")
        synthetic_ente(dest / "enti" / ente_id, hooks[plugin], ente_id, people, rng, year, per_servizio)
        lines += ["[[ente]]", f'id = "{ente_id}"', f'plugin = "{plugin}"', f'dati = "enti/{ente_id}"', ""]
    (dest / "cycle.toml").write_text("\n".join(lines), encoding="utf-8")
    return dest / "cycle.toml"
