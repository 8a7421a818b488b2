"""``ciclope run`` and ``ciclope validate``: the cycle for the enti of a ``cycle.toml``, written or only checked."""

from __future__ import annotations

import datetime as dt
import sys

from ciclope.core.inputs.config import PluginCrash, load_config
from ciclope.core.output.outroot import phase_root
from ciclope.core.problems import CiclopeError, Problem
from ciclope.core.reports import PUBLIC_DOCUMENTS, parse_outputs
from ciclope.core.reports.fmt import plural
from ciclope.core.reports.public import chromium
from ciclope.core.run.console import EXIT_CONFIG, EXIT_ENTE, EXIT_OK, render_problems
from ciclope.core.run.runner import checked_today, compute, run_plan, summary_table

FAILED_DETAILS = 20  # failed enti whose problems `run` prints; with 1,000 enti the rest is in summary.json


# the failures of an ente that are no problem of its files: after them nothing is said to be checked later
NOT_LOADING = frozenset({"core.internal", "core.timeout", "core.os"})


def progress():
    if not sys.stderr.isatty():
        return None

    def show(n, total, outcome):
        end = "\n" if n == total else ""
        print(f"\r\033[K[{n}/{total}] {outcome.id}", end=end, file=sys.stderr, flush=True)  # ESC[K: clear the rest

    return show


def cmd_run(args) -> int:
    if args.timeout is not None and not 0 <= args.timeout <= 7 * 86400:
        print("ciclope: --timeout: indica i secondi, da 0 (nessun limite) a 604800 (una settimana)", file=sys.stderr)
        return EXIT_CONFIG
    plan = load_config(args.config)
    if args.jobs < 1:
        print("ciclope: --jobs deve essere almeno 1", file=sys.stderr)
        return EXIT_CONFIG
    out = args.out.resolve() if args.out else plan.output
    try:
        outputs = parse_outputs(args.outputs)
        pdf_possible(outputs)
    except ValueError as exc:
        print(f"ciclope: --outputs: {exc}", file=sys.stderr)
        return EXIT_CONFIG
    log = None if args.no_store else run_log(plan, args.store, args.until)
    if log is not None:
        if log.in_memory:
            print(
                "ciclope: --store: un archivio SQLite in memoria non registrerebbe nulla: indica un file "
                "(es. --store sqlite:///ciclope.db) o usa --no-store",
                file=sys.stderr,
            )
            return EXIT_CONFIG
    outcomes = run_plan(
        plan,
        out=out,
        only=tuple(args.ente),
        until=args.until,
        jobs=args.jobs,
        progress=progress(),
        outputs=outputs,
        log=log,
        timeout=args.timeout,
    )
    print(summary_table(outcomes))
    failed = [o for o in outcomes if o.status == "failed"]
    configs = {cfg.id: cfg for cfg in plan.enti}
    for o in failed[:FAILED_DETAILS]:
        internal = any(p.rule == "core.internal" for p in o.problems)
        print(
            f"\n{o.id}: {'errore interno' if internal else configs[o.id].failure}: la cartella dei suoi risultati "
            "non è stata scritta",
            file=sys.stderr,
        )
        if not any(p.rule in NOT_LOADING for p in o.problems):  # a crash, a hang, a disk: no round of the data's
            print(configs[o.id].unchecked(o.problems), file=sys.stderr)
        print(render_problems(list(o.problems), limit=30, total=o.problems_total), file=sys.stderr)
    if len(failed) > FAILED_DETAILS:
        left = len(failed) - FAILED_DETAILS
        others = "un altro ente non caricabile" if left == 1 else f"altri {left} enti non caricabili"
        print(
            f"\n… e {others}: il primo problema di ciascuno è in "
            f"summary.json, tutti con `ciclope validate {args.config}`",
            file=sys.stderr,
        )
    unpublished(outcomes, outputs, args.config)
    print(written_line(outcomes, phase_root(out, args.until)))
    stored = store_line(log)
    return EXIT_OK if stored and all(o.status == "ok" for o in outcomes) else EXIT_ENTE


def unpublished(outcomes, outputs: tuple[str, ...], config) -> None:
    """Say, for each ente computed with errors, that its documents for publication were not written
    (:func:`reports.publishable`), so an office never looks for them, nor publishes last year's in their place."""
    if not any(name in PUBLIC_DOCUMENTS for name in outputs):
        return
    for o in outcomes:
        if o.status == "errors":
            print(
                f"\n{o.id}: calcolo con errori: i documenti da pubblicare (la Relazione da pubblicare, trasparenza.csv "
                f"e premi-art20.csv) non sono stati scritti; correggi gli errori (ciclope validate {config}) e ripeti",
                file=sys.stderr,
            )


def written_line(outcomes, root) -> str:
    """Where the outputs are, said once and truly: none when no ente could be computed, and how many when some
    failed."""
    done = sum(1 for o in outcomes if o.status != "failed")
    if not done:
        return f"Nessun ente calcolato: nessun risultato scritto in {root}"
    if done < len(outcomes):
        return f"Risultati in {root} ({plural(done, 'ente calcolato', 'enti calcolati')} su {len(outcomes)})"
    return f"Risultati in {root}"


def run_log(plan, cli_url: str | None, until: str):
    """The run's record in the results store (opened by the runner once the output folder is accepted; if
    the store cannot be used the run goes on and writes its files:)."""
    # the store's modules, and SQLAlchemy with them, are imported only here: `run --no-store` never loads them
    from ciclope.core.store import store_url
    from ciclope.core.store.runlog import RunLog

    return RunLog(store_url(plan.path, plan.store, cli_url), config=plan.path, year=plan.year, until=until)


def store_line(log) -> bool:
    """Print where the run was recorded; False when the store could not be written."""
    if log is None:
        return True
    for note in log.notes:
        print(f"ciclope: {note}", file=sys.stderr)
    if log.error:
        print(
            f"ciclope: archivio dei risultati {log.shown} NON aggiornato: {log.error}. Gli output sono stati "
            "scritti; rilanciare quando l'archivio è raggiungibile, o usare --no-store.",
            file=sys.stderr,
        )
        return False
    registered = plural(log.written, "ente registrato", "enti registrati")
    if log.without_result:  # a failed ente is recorded too, with why: never counted among those with results
        registered += f" con i risultati; {plural(log.without_result, 'fallito', 'falliti')}, senza risultati"
    print(f"Archivio dei risultati: {log.shown} (esecuzione n. {log.run}, {registered})")
    for why in log.refused:
        print(f"ciclope: archivio dei risultati {log.shown}: {why}", file=sys.stderr)
    return not log.refused


def cmd_validate(args) -> int:
    """The whole computation, nothing written: the same violations and exit code as `run`, on stdout, and a warning
    at each act dated after the day validate is told (``--oggi``, else today): a check of the day, never one of the
    run's, whose documents never depend on the day they are made."""
    plan = load_config(args.config)
    today = getattr(args, "oggi", None) or dt.date.today()
    status = EXIT_OK
    enti = [plan.ente(i) for i in args.ente] if args.ente else list(plan.enti)
    tally = {"ok": 0, "avvisi": 0, "errori": 0, "falliti": 0, "errors": 0, "warnings": 0}
    for cfg in enti:
        try:
            result = compute(cfg, plan.year, args.until)
        except CiclopeError as exc:
            print(f"{cfg.id}: {cfg.failure}")
            print(cfg.unchecked(exc.problems))
            print(render_problems(list(exc.problems)))
            status = EXIT_ENTE
            failed(tally, list(exc.problems))
            continue
        except PluginCrash as exc:  # checking the parameters: the plugin's own error, said as `run` says it
            print(f"{cfg.id}: errore interno")
            print(render_problems([exc.problem]))
            status = EXIT_ENTE
            failed(tally, [exc.problem])
            continue
        except Exception as exc:  # a plugin bug: this ente only, as in `run`
            print(f"{cfg.id}: errore interno {type(exc).__name__}: {exc}")
            status = EXIT_ENTE
            failed(tally, [])
            tally["errors"] += 1  # the internal error printed: one error of the ente
            continue
        problems = checked_today(result, today)
        if problems:  # what the ente's list holds, as a not loadable one says «dati non caricabili»
            warned = any(not v.is_error and not v.is_notice for v in problems)
            print(f"{cfg.id}: {'con errori' if result.errors else 'con avvisi' if warned else 'con note'}")
            print(render_problems(problems, words=result.plugin.status_labels))
        else:
            print(f"{cfg.id}: nessun problema")
        errors = len(result.errors)
        warnings = sum(1 for v in problems if not v.is_error and not v.is_notice)
        tally["errors"] += errors
        tally["warnings"] += warnings
        tally["errori" if errors else ("avvisi" if warnings else "ok")] += 1
        if result.errors:
            status = EXIT_ENTE
    if len(enti) > 1:
        print(validate_total(len(enti), tally))
    return status


def failed(tally: dict[str, int], problems: list[Problem]) -> None:
    """An ente not loaded or failed, in the total: its problems, printed above it, are counted as a computed
    ente's are, so the total never says «0 errori» under the errors it listed."""
    tally["falliti"] += 1
    tally["errors"] += sum(1 for p in problems if p.is_error)
    tally["warnings"] += sum(1 for p in problems if not p.is_error and not p.is_notice)


def validate_total(enti: int, t: dict[str, int]) -> str:
    """The grand total of ``validate`` over many enti: how many are clean, warned, in error, not loadable."""
    return (
        f"Totale: {plural(enti, 'ente', 'enti')} — {t['ok']} senza problemi, {t['avvisi']} con soli avvisi, "
        f"{t['errori']} con errori, {t['falliti']} non caricabili o falliti; "
        f"{plural(t['errors'], 'errore', 'errori')} e {plural(t['warnings'], 'avviso', 'avvisi')} in tutto"
    )


def pdf_possible(outputs) -> None:
    if "relazione-pubblica.pdf" in outputs and chromium() is None:
        raise ValueError("per pdf serve Chromium (pacchetto Debian 'chromium'), non installato")
