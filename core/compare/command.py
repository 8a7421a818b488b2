"""``ciclope compare``: the command line (parser arguments and the command)."""

from __future__ import annotations

import sys
from decimal import Decimal
from pathlib import Path

from ciclope.core.compare import compare, load_scenarios, select, write_all
from ciclope.core.compare.scenario import reform_scenarios
from ciclope.core.engine.registry import Hooks
from ciclope.core.inputs.config import load_config
from ciclope.core.output import owned
from ciclope.core.reports import fmt
from ciclope.core.run.console import EXIT_CONFIG, EXIT_ENTE, EXIT_OK, render_problems
from ciclope.core.run.explain import explain, suggest


def _figure(value, kind: str) -> str:
    if value is None:
        return "n.d."
    if kind == "money":
        return fmt.euro(Decimal(value))
    if kind == "pct":
        return fmt.pct(value)
    return fmt.decimal_it(Decimal(str(value)), 4)


# the columns' measures in words, once above them: the terminal has no room for the page's long labels
LEGEND = (
    "(Gini: concentrazione degli importi, 0 = tutti uguali; P90/P10: rapporto tra il 90° e il 10° percentile; "
    "20% alto: quota degli importi che va al 20% più pagato; a zero: persone con importo zero)"
)


def summary(doc: dict) -> str:
    """A few lines per scenario for the terminal (no personal data)."""
    lines = [
        f"== {doc['ente']} — {doc.get('name', '')} ==",
        LEGEND,
        f"{'scenario':<18} {'distribuito':>14} {'residuo':>12} {'Gini':>7} {'P90/P10':>8} {'20% alto':>8} "
        f"{'a zero':>6}  violazioni",
    ]
    for name, sc in doc["scenarios"].items():
        m = sc["metrics"]
        errors = sum(1 for v in sc["violations"] if v["severity"] == "error")
        note = fmt.plural(errors, "errore", "errori") if errors else "nessuna"
        if not sc["computed"]:
            note += " — non calcolabile"
        lines.append(
            f"{name:<18} {_figure(m['distributed'], 'money'):>14} {_figure(m['residual'], 'money'):>12} "
            f"{_figure(m['gini'], 'n'):>7} {_figure(m['p90_p10'], 'n'):>8} {_figure(m['top20_share'], 'pct'):>8} "
            f"{m['zero']:>6}  {note}"
        )
    return "\n".join(lines)


def main(args) -> int:
    plan = load_config(args.config)
    out = args.out.resolve()
    if out == plan.output or plan.output in out.parents:
        print(
            f"ciclope: --out {args.out} è la cartella di output degli enti ({plan.output}): le simulazioni vanno "
            "in un'altra cartella",
            file=sys.stderr,
        )
        return EXIT_CONFIG
    # refused before any computation: the folder must be new, empty or an earlier comparison, and
    # apart from every input (the data folders, cycle.toml, the scenarios)
    inputs = [cfg.data for cfg in plan.enti] + [plan.path] + [Path(s.partition("=")[2]) for s in args.scenario]
    owned.check_root(out, "compare", inputs)
    if not args.scenario and not args.reform:
        print("ciclope: indicare almeno uno --scenario NOME=FILE.toml o una --reform NOME", file=sys.stderr)
        return EXIT_CONFIG
    scenarios = load_scenarios(args.scenario)
    enti = select(plan, args.ente)
    if args.reform:
        _, info = Hooks.for_plugin(enti[0].plugin)
        scenarios += reform_scenarios(args.reform, info.all_reforms)
    comparison = compare(plan, enti, scenarios)
    configs = {cfg.id: cfg for cfg in enti}
    for ente_id, problems in comparison.failed.items():
        print(f"{ente_id}: {configs[ente_id].failure}, ente escluso dal confronto", file=sys.stderr)
        print(render_problems(list(problems), limit=30), file=sys.stderr)
    for d in list(comparison.docs.values()) + ([comparison.total] if comparison.total else []):
        print(summary(d))
    if args.explain_person and not explain_person(comparison, args.explain_person):
        return EXIT_CONFIG
    if comparison.docs:
        write_all(comparison, out)
        print(f"Confronto in {out}")
    return EXIT_ENTE if comparison.failed else EXIT_OK


def explain_person(comparison, person: str) -> bool:
    """Print the chain of the person's figures in every scenario of every ente; False, with the nearest id
    as a hint, when no scenario computed any figure of theirs."""
    found = False
    for ente_id, runs in comparison.runs.items():
        for r in runs:
            text = None if r.result is None else explain(r.result, "person", person)
            if text is None:
                continue
            found = True
            print(f"\n=== {ente_id}, scenario {r.scenario.name} ===")
            print(text, end="")
    if found:
        return True
    hints = [
        suggest(runs[0].result, "person", person) for runs in comparison.runs.values() if runs[0].result is not None
    ]
    hints = [h for h in hints if h]
    print(
        f"ciclope: nessuna cifra calcolata per la persona {fmt.quoted(person)}" + (f"; {hints[0]}" if hints else ""),
        file=sys.stderr,
    )
    return False
