"""``ciclope compare``: what-if simulations for the contrattazione integrativa (OpenFisca-style reforms).

The same ente's data run under its parameters in force (scenario ``attuale``) and under each
scenario file; the outcome is a side-by-side document (``compare.json``, ``compare.html``,
``compare.xlsx``) with per-person amounts, who gains and who loses, per-band and per-level figures
and distribution metrics. Nothing is written to the store or to the ente's output folder.

Modules: :mod:`.scenario` (scenario files, validation, runs), :mod:`.metrics` (Gini, P90/P10, top
20% share, Lorenz), :mod:`.document` (the compare.json dict), :mod:`.report` (the page as a report
model) and :mod:`.charts` (its SVG charts), :mod:`.render_html`, :mod:`.render_xlsx`, :mod:`.command`
(the command line).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import attrs

from ciclope.core import fmt
from ciclope.core.compare import document as doc_mod
from ciclope.core.compare import render_html, render_xlsx, report
from ciclope.core.compare.scenario import CURRENT, Scenario, ScenarioRun, load, load_scenarios, run, validate
from ciclope.core.inputs.config import EnteConfig, RunPlan
from ciclope.core.labels import ROLE_LABELS, role_label
from ciclope.core.output import owned
from ciclope.core.plugininfo import said_group
from ciclope.core.problems import CiclopeError, Problem
from ciclope.core.reports.relazione import acts

TOTAL = "totale"


@attrs.frozen
class Comparison:
    """Every selected ente's scenarios; ``failed``: enti whose data could not be loaded."""

    docs: dict  # ente id → compare.json dict (insertion order = config order)
    total: dict | None  # the total over the enti, when more than one was selected
    runs: dict  # ente id → list[ScenarioRun]
    failed: dict  # ente id → tuple[Problem, ...]
    # the words of the total's pages: those every ente says alike (:func:`shared`); one ente: its own
    labels: dict = attrs.field(factory=dict)
    # ente id → its own words (:func:`words`): a declared regulation's [etichette] are one ente's, not the plugin's
    own_labels: dict = attrs.field(factory=dict)


def select(plan: RunPlan, ids: Sequence[str]) -> list[EnteConfig]:
    """The enti to compare: those named, or every ente of the config; all with one plugin."""
    enti = [plan.ente(i) for i in dict.fromkeys(ids)] if ids else list(plan.enti)
    plugins = sorted({cfg.plugin for cfg in enti})
    if len(plugins) > 1:
        raise CiclopeError(
            [
                Problem(
                    rule="compare.plugins",
                    file=str(plan.path),
                    column="--ente",
                    message=f"gli enti da confrontare usano plugin diversi ({', '.join(plugins)}): uno scenario vale per "
                    "un solo regolamento, indicare con --ente gli enti di uno stesso plugin",
                )
            ]
        )
    return enti


def compare(plan: RunPlan, enti: Sequence[EnteConfig], scenarios: Sequence[Scenario]) -> Comparison:
    # an ente whose regulation has errors is left out, as one whose data cannot be loaded
    failed: dict[str, Sequence[Problem]] = {cfg.id: cfg.invalid for cfg in enti if cfg.invalid}
    enti = [cfg for cfg in enti if not cfg.invalid]
    validate(list(enti), plan.year, list(scenarios))
    every = [Scenario(name=CURRENT, description="parametri in vigore (cycle.toml)")] + list(scenarios)
    docs, runs, per_ente = {}, {}, []
    for cfg in enti:
        try:
            ente = load(cfg, plan.year)
        except CiclopeError as exc:
            failed[cfg.id] = exc.problems
            continue
        runs[cfg.id] = [run(cfg, plan.year, ente, sc) for sc in every]
        facts = [doc_mod.facts(r) for r in runs[cfg.id]]
        per_ente.append((cfg.id, facts))
        act = next((acts(r.result) for r in runs[cfg.id] if r.result is not None), "")
        head = {"ente": cfg.id, "name": ente.name, "plugin": cfg.plugin, "year": plan.year, "regulation": act}
        docs[cfg.id] = doc_mod.document(head, facts)
    total = None
    if len(enti) > 1 and per_ente:
        merged = [doc_mod.merge([(ente_id, facts[i]) for ente_id, facts in per_ente]) for i in range(len(every))]
        total = doc_mod.document(
            {
                "ente": TOTAL,
                "name": f"Totale di {len(per_ente)} enti",
                "plugin": enti[0].plugin,
                # one title only where every ente has that act: one plugin may read a regulation of each ente's own
                "regulation": shared_act([docs[e]["regulation"] for e, _ in per_ente]),
                "year": plan.year,
                "enti": [e for e, _ in per_ente],
                "names": [docs[e]["name"] or e for e, _ in per_ente],
            },
            merged,
        )
    own = {
        ente_id: words(first)
        for ente_id, rs in runs.items()
        if (first := next((r.result for r in rs if r.result is not None), None)) is not None
    }
    return Comparison(docs=docs, total=total, runs=runs, failed=failed, labels=shared(own.values()), own_labels=own)


def shared_act(acts: Sequence[str]) -> str:
    """The title of the act every compared ente applies, or "" when they apply different acts."""
    return acts[0] if len(set(acts)) == 1 else ""


def words(result: Any) -> dict[str, str]:
    """The plugin's words for its codes, each level by the label the ente's regulation gives it, and each parameter
    by the key an office writes (``absence_limit_days`` → ``limite_giorni_assenza``), its choices by their words:
    what the comparison's pages say."""
    said = dict(result.plugin.status_labels)
    staff = result.plugin.staff_words  # a role as the ente's contract names it in the cycle's year
    said.update({report.ROLE + code: role_label(code, result.ente.year, staff) for code in ROLE_LABELS})
    said.update({report.GROUP + code: said_group(code, staff, result.ente.year) for code in ROLE_LABELS})
    # a fund as the other documents name it: its pool's label, else the plugin's word for it (core/fmt.fund)
    pools = result.ledger.pools if result.rewards is not None or result.positions is not None else {}
    for key in {*result.ente.funds, *pools}:
        said[report.FUND + key] = fmt.fund(key, getattr(pools.get(key), "label", ""), result.plugin.status_labels)
    # a level under its own prefix: [etichette] names levels, statuses and funds alike, and a level may share its
    # name with a status; the pages ask a level's label only by it (report.level)
    said.update({report.LEVEL + code: label for code, label in result.plugin.ente_labels.items()})
    for name, spec in result.params.specs.items():
        said.update(spec.labels)
        if spec.key != name:
            said[name] = spec.key
    return said


def shared(every: Iterable[Mapping[str, str]]) -> dict[str, str]:
    """The words every ente says alike: the total's pages name a code only as all its enti do (each ente's declared
    regulation may word its levels and statuses its own way; one ente's words would misname another's)."""
    first, *rest = list(every) or [{}]
    return {code: said for code, said in first.items() if all(other.get(code) == said for other in rest)}


def dumps(doc: dict) -> str:
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


def write(doc: dict, root: Path, rel: str = "", labels: dict | None = None) -> list[Path]:
    """compare.json, compare.html and compare.xlsx of one document into ``root/rel`` (``root`` claimed)."""
    return [
        owned.write_inside(root, f"{rel}/compare.json" if rel else "compare.json", dumps(doc).encode("utf-8")),
        owned.write_inside(
            root, f"{rel}/compare.html" if rel else "compare.html", render_html.render(doc, labels).encode("utf-8")
        ),
        owned.write_inside(root, f"{rel}/compare.xlsx" if rel else "compare.xlsx", render_xlsx.render(doc, labels)),
    ]


def write_all(comparison: Comparison, out: Path) -> list[Path]:
    """One ente: its documents in ``out``. Several: each in ``out/<id>/`` and the total in ``out``. The
    folder is claimed first (:mod:`..owned`): a new or empty folder, or one an earlier compare made."""
    owned.claim_root(out, "compare")
    own = comparison.own_labels
    if comparison.total is None:
        return [p for ente_id, d in comparison.docs.items() for p in write(d, out, "", own.get(ente_id))]
    paths = [p for ente_id, d in comparison.docs.items() for p in write(d, out, ente_id, own.get(ente_id))]
    return paths + write(comparison.total, out, "", comparison.labels)


__all__ = ["CURRENT", "Comparison", "Scenario", "ScenarioRun", "compare", "load_scenarios", "select", "write_all"]
