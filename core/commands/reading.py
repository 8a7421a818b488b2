"""The commands that read an ente or a run back: ``explain``, ``calendar``, ``report``, ``verify``."""

from __future__ import annotations

import datetime as dt
import os
import sys
from pathlib import Path

from ciclope.core import syserrors
from ciclope.core.commands.calendar import PRODID, ics, render
from ciclope.core.commands.running import pdf_possible
from ciclope.core.fmt import quoted
from ciclope.core.inputs.config import PluginCrash, load_config
from ciclope.core.nearest import nearest
from ciclope.core.output import owned
from ciclope.core.problems import CiclopeError, Problem
from ciclope.core.reports import parse_outputs
from ciclope.core.result import Result
from ciclope.core.run.archive import archive_of_folder, previous_fund_of_folder
from ciclope.core.run.citing import cited
from ciclope.core.run.console import EXIT_CONFIG, EXIT_ENTE, EXIT_OK, render_problems
from ciclope.core.run.explain import KIND_NAMES, explain, suggest
from ciclope.core.run.runner import compute
from ciclope.core.run.verify import DIFFERENT, IDENTICAL, INTACT, checked, reanchor, report, store_of
from ciclope.core.store.engine import redacted, scrubbed
from ciclope.core.store.explain import with_series


def cmd_explain(args) -> int:
    plan = load_config(args.config)
    cfg = plan.ente(args.ente)
    try:
        result = compute(cfg, plan.year)
    except CiclopeError as exc:
        print(render_problems(list(exc.problems)), file=sys.stderr)
        return EXIT_ENTE
    except PluginCrash as exc:  # the plugin crashed checking the parameters: said as `run` says it
        print(render_problems([exc.problem]), file=sys.stderr)
        return EXIT_ENTE
    for kind in ("person", "indicator", "objective", "position", "pool", "unit", "area"):
        ident = getattr(args, kind)
        if ident:
            ident = result.plugin.fund_named(ident) if kind == "pool" else ident  # the fund's key, for the store too
            text = explain(result, kind, ident, as_json=args.json)
            if text is None:
                hint = suggest(result, kind, ident)
                print(f"ciclope: {_nothing(result, kind, ident)}" + (f"; {hint}" if hint else ""), file=sys.stderr)
                return EXIT_CONFIG
            print(with_series(text, plan, args.store, cfg.id, kind, ident, plan.year, args.json), end="")
    return EXIT_OK


def _nothing(result: Result, kind: str, ident: str) -> str:
    """Why nothing is explained: a person or a unit the ente's files do not have is said so, where it would be; else
    nothing was computed for it."""
    ente = result.ente
    where = {"person": ("la persona", ente.people, "people"), "unit": ("l'unità", ente.units, "units")}.get(kind)
    if where is not None and ident not in where[1]:
        return f"{where[0]} {quoted(ident)} non è in {ente.sheet_said(where[2])} dell'ente {ente.id}"
    return f"nessuna cifra calcolata per {KIND_NAMES[kind]} {quoted(ident)} nell'ente {ente.id}"


def cmd_calendar(args) -> int:
    plan = load_config(args.config)
    results = []
    for cfg in [plan.ente(i) for i in args.ente] if args.ente else plan.enti:
        try:
            results.append(compute(cfg, plan.year))
        except CiclopeError as exc:
            print(f"{cfg.id}: {cfg.failure}", file=sys.stderr)
            print(render_problems(list(exc.problems)), file=sys.stderr)
            return EXIT_ENTE
        except PluginCrash as exc:  # checking the parameters: said as `run` and `validate` say it
            print(f"{cfg.id}: errore interno", file=sys.stderr)
            print(render_problems([exc.problem]), file=sys.stderr)
            return EXIT_ENTE
        except Exception as exc:  # a plugin bug: said in one line, as `validate` does
            print(f"{cfg.id}: errore interno {type(exc).__name__}: {exc}", file=sys.stderr)
            return EXIT_ENTE
    print(render(results, today=args.oggi or dt.date.today()), end="")
    if args.ics:
        inputs = [plan.path] + [cfg.data for cfg in plan.enti]
        try:  # a new file, or one an earlier `calendar --ics` wrote; never an input nor inside a data folder
            owned.write_new(
                args.ics, ics(results, args.promemoria).encode("utf-8"), inputs, f"PRODID:{PRODID}".encode(), "--ics"
            )
        except CiclopeError as exc:
            print(
                f"ciclope: non posso scrivere il calendario in {args.ics}: {exc.problems[0].message}", file=sys.stderr
            )
            return EXIT_CONFIG
        except OSError as exc:
            print(f"ciclope: non posso scrivere il calendario in {args.ics}: {syserrors.said(exc)}", file=sys.stderr)
            return EXIT_CONFIG
        print(f"Calendario scritto in {args.ics}")
    return EXIT_OK


def _nearest_ente_folder(folder: Path) -> None:
    """A mistyped ``OUT/ENTE`` whose output root holds an ente folder of a close name: the error says
    which (issue 42); otherwise the command's own error stands."""
    if os.path.lexists(folder) or not folder.parent.is_dir():
        return
    near = nearest(folder.name, (p.name for p in folder.parent.iterdir() if (p / "results.json").is_file()))
    if near is not None:
        raise CiclopeError(
            [
                Problem(
                    rule="cli.ente_unknown",
                    file=str(folder),
                    message=f"la cartella dell'ente non esiste (forse {quoted(folder.parent / near)}?)",
                )
            ]
        )


def cmd_report(args) -> int:
    try:
        outputs = parse_outputs(args.outputs)
        pdf_possible(outputs)
    except ValueError as exc:
        print(f"ciclope: --outputs: {exc}", file=sys.stderr)
        return EXIT_CONFIG
    blocked = owned.ente_folder_problem(args.folder) if args.folder.is_dir() else ""
    if blocked:  # the documents are written only into an ente folder as `run` left it
        print(f"ciclope: {blocked}", file=sys.stderr)
        return EXIT_CONFIG
    _nearest_ente_folder(args.folder)
    archive, previous, unusable = _archive(args) if args.store else (None, None, "")
    try:
        done, lines = report(args.folder, outputs, archive, previous)
    except OSError as exc:
        print(f"ciclope: {syserrors.said(exc)}", file=sys.stderr)
        return EXIT_ENTE
    print("\n".join(lines))
    relazioni = any(line.startswith("scritto relazione") and line.endswith(".html") for line in lines)
    if done and relazioni and archive is not None:
        print("andamento e posizionamento ripresi dall'archivio dei risultati")
    if done and relazioni and unusable:  # the documents are written; the Relazione keeps its placeholder
        print(unusable, file=sys.stderr)
        return EXIT_ENTE
    store = store_of(args.folder, args.store) if done else None
    try:
        if store is not None and reanchor(args.folder, store):  # verify compares with the new documents
            print("impronte degli output aggiornate nell'archivio dei risultati")
    except Exception as exc:  # the documents are written; only the anchor could not follow them
        why = exc.problems[0].message if isinstance(exc, CiclopeError) else type(exc).__name__
        print(
            f"ciclope: impronte NON aggiornate nell'archivio ({why}): `ciclope verify` segnalerà i documenti "
            "riscritti finché l'archivio non è raggiungibile e `report` è rilanciato",
            file=sys.stderr,
        )
        return EXIT_ENTE
    return EXIT_OK if done else EXIT_ENTE


def _archive(args) -> tuple[str | None, dict | None, str]:
    """The Relazioni's archive section and the previous year's fund from ``--store``, or why the store could not
    give them."""
    try:
        return archive_of_folder(args.store, args.folder), previous_fund_of_folder(args.store, args.folder), ""
    except Exception as exc:  # noqa: BLE001 — the documents are still written, with the placeholder
        why = exc.problems[0].message if isinstance(exc, CiclopeError) else str(getattr(exc, "orig", exc))
        return (
            None,
            None,
            (
                f"ciclope: archivio {redacted(args.store)} non utilizzabile "
                f"({scrubbed(why.splitlines()[0] if why else type(exc).__name__, args.store)}): "
                "la Relazione resta senza andamento e posizionamento"
            ),
        )


EXIT_INTACT = 3  # verify: the inputs changed since the run, its recorded results and outputs intact
VERIFY_EXIT = {IDENTICAL: EXIT_OK, INTACT: EXIT_INTACT, DIFFERENT: EXIT_ENTE}
VERIFY_SAID = {IDENTICAL: "identico", INTACT: "input cambiati, risultati registrati intatti", DIFFERENT: "DIVERSO"}


def cmd_verify(args) -> int:
    """`verify OUT/<ente>` or `verify OUT/` (every ente folder in it). Exit 0 identical, 3 inputs changed since
    the run but its recorded results and outputs intact, 1 different (or not verifiable), 2 nothing to verify."""
    folder = args.folder
    if (folder / "results.json").is_file():
        outcome, lines = _verify_one(checked, folder, args.store, alone=True)
        print("\n".join(lines))
        return VERIFY_EXIT[outcome]
    enti = sorted(p for p in folder.iterdir() if (p / "results.json").is_file()) if folder.is_dir() else []
    if not enti:
        print(f"ciclope: nessun results.json in {folder} né nelle sue cartelle", file=sys.stderr)
        return EXIT_CONFIG
    outcomes = []
    for ente in enti:  # every ente, even after a damaged one
        outcome, lines = _verify_one(checked, ente, args.store)
        print(f"{ente.name}: {VERIFY_SAID[outcome]}")
        for line in lines if outcome != IDENTICAL else [x for x in lines if "archivio" in x and "impront" in x]:
            print(f"  {line}")
        outcomes.append(outcome)
    return VERIFY_EXIT[DIFFERENT if DIFFERENT in outcomes else INTACT if INTACT in outcomes else IDENTICAL]


def _verify_one(verify, folder: Path, store: str | None, alone: bool = False) -> tuple[str, list[str]]:
    """One ente folder verified; among others, a damaged one is a line that says why, never the end of
    the command (``alone``: its problems are the command's, exit 2)."""
    try:
        return verify(folder, store)
    except CiclopeError as exc:
        if alone:
            raise
        return DIFFERENT, [p.render(cited) for p in exc.problems]
    except Exception as exc:  # a plugin that fails on the recorded inputs
        return DIFFERENT, [f"errore interno nel ricalcolo {type(exc).__name__}: {str(exc)[:300]}"]
