"""The ``ciclope`` command line (SPEC §7). Problems are printed for people, never as a traceback.

Exit codes: 0 every ente ok; 1 some ente failed or has error violations (the others are still
written); 2 bad command line or configuration.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
from pathlib import Path

from ciclope.core.plugininfo import COMPARTO_PER_ENTE
from ciclope.core.problems import CiclopeError, Problem
from ciclope.core.run.citing import cited
from ciclope.core.run.console import EXIT_CONFIG, EXIT_ENTE, EXIT_OK, render_problems

# argparse's own words in Italian ("the following arguments are required" in an Italian tool).
# argparse looks its messages up through the module-level gettext function ``argparse._``.
ARGPARSE_IT = {
    "usage: ": "uso: ",
    "the following arguments are required: %s": "mancano argomenti obbligatori: %s",
    "unrecognized arguments: %s": "argomenti non riconosciuti: %s",
    "invalid choice: %(value)r (choose from %(choices)s)": "scelta non valida: %(value)r (ammesse: %(choices)s)",
    "invalid %(type)s value: %(value)r": "valore non valido (%(type)s): %(value)r",
    "expected one argument": "serve un valore",
    "show this help message and exit": "mostra questo aiuto ed esce",
    "positional arguments": "argomenti",
    "options": "opzioni",
    "%(prog)s: error: %(message)s\n": "%(prog)s: errore: %(message)s\n",
    "ambiguous option: %(option)s could match %(matches)s": "opzione ambigua: %(option)s può essere %(matches)s",
    "argument %(argument_name)s: %(message)s": "argomento %(argument_name)s: %(message)s",
    "one of the arguments %s is required": "serve uno degli argomenti %s",
    "not allowed with argument %s": "non ammesso insieme a %s",
    "expected at least one argument": "serve almeno un valore",
    "expected %s argument": "servono %s valori",
    "subcommands": "comandi",
}
argparse._ = lambda text: ARGPARSE_IT.get(text, text)  # type: ignore[attr-defined]


def _phase(text: str) -> str:
    """A phase name as people write it: accents and case do not matter (premialità = premialita)."""
    import unicodedata

    plain = "".join(c for c in unicodedata.normalize("NFKD", text.strip().lower()) if not unicodedata.combining(c))
    return plain


class _Parser(argparse.ArgumentParser):
    def error(self, message):  # argparse's own exit code is 2 too; keep the message Italian-friendly
        self.print_usage(sys.stderr)
        print(f"ciclope: errore: {message}", file=sys.stderr)
        raise SystemExit(EXIT_CONFIG)


def build_parser() -> argparse.ArgumentParser:
    from ciclope.core.phases import PHASES

    p = _Parser(prog="ciclope", description="Il ciclo della performance per molti enti (D.Lgs. 150/2009).")
    sub = p.add_subparsers(dest="command", required=True, parser_class=_Parser)

    run = sub.add_parser("run", help="esegue il ciclo per gli enti della configurazione")
    run.add_argument("config", type=Path)
    run.add_argument("--ente", action="append", default=[], metavar="ID", help="solo questo ente (ripetibile)")
    run.add_argument(
        "--until", type=_phase, choices=PHASES, default="rendicontazione", help="si ferma dopo questa fase"
    )
    run.add_argument("--jobs", type=int, default=1, metavar="N", help="processi in parallelo")
    run.add_argument(
        "--timeout",
        type=float,
        default=None,
        metavar="SECONDI",
        help="tempo massimo per ente, ciascuno in un processo a sé: un ente che si blocca o fa cadere il "
        "processo fallisce da solo (default: 3600 con --jobs maggiore di 1; 0: nessun limite)",
    )
    run.add_argument("--out", type=Path, help="cartella di output (default: [cycle] output)")
    add_store_options(run)
    run.add_argument(
        "--outputs",
        default="results,relazione,pubblica,schede,trasparenza,art20",
        metavar="ELENCO",
        help="output da scrivere, separati da virgole: results (sempre), relazione, pubblica "
        "(relazione-pubblica.html), schede, trasparenza, pdf (relazione-pubblica.pdf, con Chromium); "
        "gli altri si producono dopo con `ciclope report`",
    )

    val = sub.add_parser("validate", help="controlla configurazione e dati, senza produrre output")
    val.add_argument("config", type=Path)
    val.add_argument("--ente", action="append", default=[], metavar="ID")
    val.add_argument(
        "--until",
        type=_phase,
        choices=PHASES,
        default="rendicontazione",
        help="controlla fino a questa fase, come `run --until` (es. monitoraggio a luglio)",
    )

    exp = sub.add_parser("explain", help="spiega da dove viene una cifra")
    exp.add_argument("config", type=Path)
    exp.add_argument("--ente", required=True, metavar="ID")
    what = exp.add_mutually_exclusive_group(required=True)
    for kind in ("person", "indicator", "objective", "position", "pool", "unit", "area"):
        what.add_argument(f"--{kind}", metavar="ID")
    exp.add_argument("--json", action="store_true", help="output JSON per strumenti")
    add_store_options(exp, writes=False)

    cal = sub.add_parser("calendar", help="scadenze del regolamento per l'anno, atti in ritardo o mancanti")
    cal.add_argument("config", type=Path)
    cal.add_argument("--ente", action="append", default=[], metavar="ID")
    cal.add_argument("--ics", type=Path, metavar="FILE", help="scrive un file iCalendar")
    cal.add_argument(
        "--promemoria",
        type=_days,
        metavar="GIORNI",
        help="con --ics: un promemoria (VALARM) tanti giorni prima di ogni scadenza",
    )
    cal.add_argument(
        "--oggi",
        type=_iso_date,
        metavar="AAAA-MM-GG",
        help="data di riferimento: gli atti non ancora scaduti sono 'da fare' (default: oggi)",
    )

    syn = sub.add_parser("synth", help="scrive enti sintetici (dimostrazioni e benchmark)")
    syn.add_argument("dir", type=Path, metavar="DIR")
    syn.add_argument("--enti", type=bounded(1, 10_000, "numero di enti"), default=10, metavar="N")
    syn.add_argument("--people", type=bounded(10, 1_000_000, "numero di persone"), default=300, metavar="M")
    syn.add_argument("--seed", type=bounded(0, 2**63 - 1, "seme"), default=1, metavar="S")
    syn.add_argument("--year", type=YEAR, default=2021)
    syn.add_argument("--plugin", action="append", default=[], help="solo questi plugin (ripetibile)")
    syn.add_argument(
        "--per-servizio",
        type=int,
        metavar="K",
        help="un servizio ogni K persone e un'area (con il suo dirigente) ogni 10 servizi: "
        "l'organigramma cresce con l'ente (default: al più 5 aree di 2-4 servizi)",
    )

    tpl = sub.add_parser(
        "template",
        help="la cartella dell'ufficio per un ente: il modello Excel da compilare (vuoto o precompilato), ente.toml e cycle.toml",
    )
    tpl.add_argument("plugin", help="il regolamento (nome del plugin)")
    tpl.add_argument(
        "file",
        type=Path,
        metavar="CARTELLA",
        help="la cartella dell'ufficio da preparare: cycle.toml, la cartella dell'ente con ente.xlsx, ente.toml e "
        "relazione/ (con un file .xlsx: il solo modello, con ente.toml accanto)",
    )
    tpl.add_argument(
        "--from",
        dest="source",
        type=Path,
        metavar="OUT/ENTE",
        help="precompila l'anno dopo da un'esecuzione: strutture, persone, obiettivi, target",
    )

    rep = sub.add_parser("report", help="produce i documenti di un ente da un'esecuzione registrata")
    rep.add_argument("folder", type=Path, help="OUT/<ente>, con il suo results.json")
    rep.add_argument(
        "--outputs",
        default="relazione,pubblica,schede,trasparenza,art20",
        metavar="ELENCO",
        help="documenti da scrivere (default: relazione,pubblica,schede,trasparenza; anche pdf)",
    )
    rep.add_argument(
        "--store",
        metavar="URL",
        help="archivio dei risultati da cui riprendere andamento e posizionamento nella Relazione "
        "(come ciclope run; senza, la Relazione dice che lo storico non è disponibile)",
    )

    ver = sub.add_parser("verify", help="ricalcola un ente dagli input registrati e confronta")
    ver.add_argument("folder", type=Path, metavar="OUT/ID")
    ver.add_argument(
        "--store",
        metavar="URL",
        help="archivio con le impronte degli output (default: quello indicato in OUT/summary.json)",
    )

    sub.add_parser("plugins", help="plugin installati, versione, fonti, parametri in vigore")

    new = sub.add_parser("new-plugin", help="crea ./ciclope-NOME/, un plugin installabile per un nuovo ente")
    new.add_argument("name", metavar="NOME")
    new.add_argument(
        "--toml",
        action="store_true",
        help="crea invece ./NOME.toml, un regolamento dichiarato commentato (plugin regolamento, docs/regolamento.md)",
    )

    from ciclope.core.compare.command import add_parser as add_compare

    add_compare(sub)

    add_store_commands(sub, add_store_options)

    from ciclope.core.site.command import add_parser as add_site

    add_site(sub, add_store_options)

    from ciclope.core.raccolta.command import add_parser as add_raccolta

    add_raccolta(sub)

    from ciclope.core.schede.command import add_parser as add_schede

    add_schede(sub)

    add_regulation(sub)

    demo = sub.add_parser("demo", help="esegue gli enti dimostrativi di ogni plugin installato in ./ciclope-demo/")
    demo.add_argument("--dir", type=Path, default=Path("ciclope-demo"))
    return p


def add_regulation(sub) -> None:
    """``ciclope regolamento leggi FILE.toml``: a declared regulation read back as Italian articles."""
    reg = sub.add_parser("regolamento", help="il regolamento dichiarato in un file TOML (docs/regolamento.md)")
    actions = reg.add_subparsers(dest="azione", required=True, parser_class=_Parser)
    read = actions.add_parser(
        "leggi",
        help="stampa il regolamento come articoli in italiano, ciascuno con la sua fonte, da confrontare con l'atto "
        "approvato",
    )
    read.add_argument("file", type=Path, metavar="FILE.toml")
    read.add_argument("--md", action="store_true", help="in Markdown")


def add_store_options(parser: argparse.ArgumentParser, writes: bool = True) -> None:
    """``--store URL`` (and ``--no-store`` for the commands that write): the results store (docs/store.md)."""
    group = parser.add_mutually_exclusive_group()
    group.add_argument(
        "--store",
        metavar="URL",
        help="archivio dei risultati: sqlite:///file.db, postgresql://utente@host/db o un file "
        "(default: [store] url in cycle.toml, altrimenti ciclope.db accanto a cycle.toml)",
    )
    if writes:
        group.add_argument("--no-store", action="store_true", help="non registra l'esecuzione nell'archivio")


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return COMMANDS[args.command](args)
    except CiclopeError as exc:
        print(render_problems(exc.problems), file=sys.stderr)
        return EXIT_CONFIG
    except KeyboardInterrupt:  # pragma: no cover
        print("interrotto", file=sys.stderr)
        return 130
    except BrokenPipeError:  # `ciclope plugins | head`: the reader went away, nothing to report
        sys.stderr.close()
        return EXIT_OK
    except OSError as exc:  # any file the command could not read or write: one Italian line, no traceback
        where = f" ({exc.filename})" if exc.filename else ""
        print(f"ciclope: errore del sistema{where}: {exc.strerror or exc}", file=sys.stderr)
        return EXIT_CONFIG
    except UnicodeError as exc:
        print(f"ciclope: testo non leggibile: {exc}", file=sys.stderr)
        return EXIT_CONFIG


def _days(text: str) -> int:
    if not text.isdigit() or not 0 <= int(text) <= 366:
        raise argparse.ArgumentTypeError(f"giorni non validi {text!r}: un numero da 0 a 366")
    return int(text)


def bounded(low: int, high: int, what: str):
    """An argparse type: an integer from ``low`` to ``high``, else an Italian error (never an overflow
    further on, never a run that cannot end)."""

    def parse(text: str) -> int:
        try:
            value = int(text.strip()) if len(text) <= 30 else None
        except ValueError:
            value = None
        if value is None or not low <= value <= high:
            raise argparse.ArgumentTypeError(f"{what} non valido {text[:30]!r}: un numero intero da {low} a {high}")
        return value

    return parse


YEAR = bounded(1990, 2200, "anno")


def _iso_date(text: str):
    import datetime as dt

    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"data non valida {text!r}: usare AAAA-MM-GG") from None


FAILED_DETAILS = 20  # failed enti whose problems `run` prints; with 1,000 enti the rest is in summary.json


def _progress():
    if not sys.stderr.isatty():
        return None

    def show(n, total, outcome):
        end = "\n" if n == total else ""
        print(f"\r\033[K[{n}/{total}] {outcome.id}", end=end, file=sys.stderr, flush=True)  # ESC[K: clear the rest

    return show


def add_store_commands(sub, add_store_options) -> None:
    """``history``, ``diff``, ``benchmark`` (run by core.store.commands): defined here, so that building
    the parser does not import the store and SQLAlchemy (0.2 s for every command, `run --no-store` too)."""
    h = sub.add_parser("history", help="la serie negli anni delle cifre di un ente, dall'archivio dei risultati")
    h.add_argument("config", help="cycle.toml (per trovare l'archivio)")
    h.add_argument("--ente", required=True, metavar="ID")
    what = h.add_mutually_exclusive_group()
    what.add_argument("--indicator", metavar="ID", help="un indicatore: target, consuntivo e grado per anno")
    what.add_argument("--objective", metavar="ID", help="un obiettivo: grado per anno e avanzamento del piano")
    h.add_argument("--json", action="store_true", help="output JSON per strumenti")
    add_store_options(h, writes=False)

    d = sub.add_parser("diff", help="che cosa è cambiato tra due esecuzioni o due anni di un ente")
    d.add_argument("config")
    d.add_argument("--ente", required=True, metavar="ID")
    d.add_argument(
        "--run",
        action="append",
        type=bounded(1, 2**62, "numero di esecuzione"),
        default=[],
        metavar="N",
        help="due esecuzioni (--run A --run B)",
    )
    d.add_argument(
        "--year", action="append", type=YEAR, default=[], metavar="ANNO", help="due anni (--year A --year B)"
    )
    d.add_argument("--json", action="store_true")
    add_store_options(d, writes=False)

    b = sub.add_parser("benchmark", help="confronto tra gli enti di un anno nell'archivio dei risultati")
    b.add_argument("config")
    b.add_argument("--year", type=YEAR, metavar="ANNO", help="default: l'anno più recente nell'archivio")
    b.add_argument(
        "--tutti",
        dest="every",
        action="store_true",
        help="ogni ente in ogni graduatoria (senza: i primi e gli ultimi 5 di una graduatoria lunga)",
    )
    b.add_argument("--json", action="store_true")
    add_store_options(b, writes=False)


def cmd_run(args) -> int:
    from ciclope.core.inputs.config import load_config
    from ciclope.core.run.runner import run_plan, summary_table

    if args.timeout is not None and not 0 <= args.timeout <= 7 * 86400:
        print("ciclope: --timeout: indica i secondi, da 0 (nessun limite) a 604800 (una settimana)", file=sys.stderr)
        return EXIT_CONFIG
    plan = load_config(args.config)
    if args.jobs < 1:
        print("ciclope: --jobs deve essere almeno 1", file=sys.stderr)
        return EXIT_CONFIG
    out = args.out.resolve() if args.out else plan.output
    from ciclope.core.reports import parse_outputs

    try:
        outputs = parse_outputs(args.outputs)
        _pdf_possible(outputs)
    except ValueError as exc:
        print(f"ciclope: --outputs: {exc}", file=sys.stderr)
        return EXIT_CONFIG
    log = None if args.no_store else _run_log(plan, args.store, args.until)
    if log is not None:
        from ciclope.core.store.engine import in_memory

        if in_memory(log.url):
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
        progress=_progress(),
        outputs=outputs,
        log=log,
        timeout=args.timeout,
    )
    print(summary_table(outcomes))
    failed = [o for o in outcomes if o.status == "failed"]
    for o in failed[:FAILED_DETAILS]:
        internal = any(p.rule == "core.internal" for p in o.problems)
        print(f"\n{o.id}: {'errore interno' if internal else 'dati non caricabili'}, nessun output", file=sys.stderr)
        print(render_problems(list(o.problems), limit=30, total=o.problems_total), file=sys.stderr)
    if len(failed) > FAILED_DETAILS:
        print(
            f"\n… e altri {len(failed) - FAILED_DETAILS} enti non caricabili: il primo problema di ciascuno è in "
            f"summary.json, tutti con `ciclope validate {args.config}`",
            file=sys.stderr,
        )
    from ciclope.core.output.outroot import phase_root

    print(f"Output in {phase_root(out, args.until)}")
    stored = _store_line(log)
    return EXIT_OK if stored and all(o.status == "ok" for o in outcomes) else EXIT_ENTE


def _run_log(plan, cli_url: str | None, until: str):
    """The run's record in the results store (opened by the runner once the output folder is accepted; if
    the store cannot be used the run goes on and writes its files:)."""
    from ciclope.core.store import store_url
    from ciclope.core.store.runlog import RunLog

    return RunLog(store_url(plan.path, plan.store, cli_url), config=plan.path, year=plan.year, until=until)


def _store_line(log) -> bool:
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
    registered = f"{log.written} {'ente registrato' if log.written == 1 else 'enti registrati'}"
    print(f"Archivio dei risultati: {log.shown} (esecuzione n. {log.run}, {registered})")
    for why in log.refused:
        print(f"ciclope: archivio dei risultati {log.shown}: {why}", file=sys.stderr)
    return not log.refused


def cmd_validate(args) -> int:
    """The whole computation, nothing written: the same violations and exit code as `run`, on stdout."""
    from ciclope.core.inputs.config import load_config
    from ciclope.core.run.runner import compute

    plan = load_config(args.config)
    status = EXIT_OK
    enti = [plan.ente(i) for i in args.ente] if args.ente else list(plan.enti)
    tally = {"ok": 0, "avvisi": 0, "errori": 0, "falliti": 0, "errors": 0, "warnings": 0}
    for cfg in enti:
        try:
            result = compute(cfg, plan.year, args.until)
        except CiclopeError as exc:
            print(f"{cfg.id}: dati non caricabili")
            print(render_problems(list(exc.problems)))
            status = EXIT_ENTE
            tally["falliti"] += 1
            continue
        except Exception as exc:  # a plugin bug: this ente only, as in `run`
            print(f"{cfg.id}: errore interno {type(exc).__name__}: {exc}")
            status = EXIT_ENTE
            tally["falliti"] += 1
            continue
        if result.violations:
            print(f"{cfg.id}:")
            print(render_problems(list(result.violations)))
        else:
            print(f"{cfg.id}: nessun problema")
        errors = len(result.errors)
        tally["errors"] += errors
        tally["warnings"] += len(result.violations) - errors
        tally["errori" if errors else ("avvisi" if result.violations else "ok")] += 1
        if result.errors:
            status = EXIT_ENTE
    if len(enti) > 1:
        print(validate_total(len(enti), tally))
    return status


def validate_total(enti: int, t: dict[str, int]) -> str:
    """The grand total of ``validate`` over many enti: how many are clean, warned, in error, not loadable."""
    from ciclope.core.reports.fmt import plural

    return (
        f"Totale: {plural(enti, 'ente', 'enti')} — {t['ok']} senza problemi, {t['avvisi']} con soli avvisi, "
        f"{t['errori']} con errori, {t['falliti']} non caricabili o falliti; "
        f"{plural(t['errors'], 'errore', 'errori')} e {plural(t['warnings'], 'avviso', 'avvisi')} in tutto"
    )


def cmd_explain(args) -> int:
    from ciclope.core.inputs.config import load_config
    from ciclope.core.run.explain import KIND_NAMES, explain, suggest
    from ciclope.core.run.runner import compute

    plan = load_config(args.config)
    cfg = plan.ente(args.ente)
    try:
        result = compute(cfg, plan.year)
    except CiclopeError as exc:
        print(render_problems(list(exc.problems)), file=sys.stderr)
        return EXIT_ENTE
    for kind in ("person", "indicator", "objective", "position", "pool", "unit", "area"):
        ident = getattr(args, kind)
        if ident:
            text = explain(result, kind, ident, as_json=args.json)
            if text is None:
                hint = suggest(result, kind, ident)
                print(
                    f"ciclope: nessuna cifra calcolata per {KIND_NAMES[kind]} {ident!r} nell'ente {cfg.id}"
                    + (f"; {hint}" if hint else ""),
                    file=sys.stderr,
                )
                return EXIT_CONFIG
            from ciclope.core.store.explain import with_series

            print(with_series(text, plan, args.store, cfg.id, kind, ident, plan.year, args.json), end="")
    return EXIT_OK


def cmd_calendar(args) -> int:
    import datetime as dt

    from ciclope.core.commands.calendar import ics, render
    from ciclope.core.inputs.config import load_config
    from ciclope.core.run.runner import compute

    plan = load_config(args.config)
    results = []
    for cfg in [plan.ente(i) for i in args.ente] if args.ente else plan.enti:
        try:
            results.append(compute(cfg, plan.year))
        except CiclopeError as exc:
            print(f"{cfg.id}: dati non caricabili", file=sys.stderr)
            print(render_problems(list(exc.problems)), file=sys.stderr)
            return EXIT_ENTE
        except Exception as exc:  # a plugin bug: said in one line, as `validate` does
            print(f"{cfg.id}: errore interno {type(exc).__name__}: {exc}", file=sys.stderr)
            return EXIT_ENTE
    print(render(results, today=args.oggi or dt.date.today()), end="")
    if args.ics:
        from ciclope.core.commands.calendar import PRODID
        from ciclope.core.output import owned

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
            print(f"ciclope: non posso scrivere il calendario in {args.ics}: {exc.strerror or exc}", file=sys.stderr)
            return EXIT_CONFIG
        print(f"Calendario scritto in {args.ics}")
    return EXIT_OK


def cmd_plugins(args) -> int:
    import datetime as dt

    from ciclope.core.engine.registry import Hooks, available_plugins
    from ciclope.core.reports import fmt

    year = dt.date.today().year
    for name in sorted(available_plugins()):
        try:
            hooks, info = Hooks.for_plugin(name)
            specs = hooks.params(year=year)
        except CiclopeError as exc:
            print(f"{name}: non caricabile\n{render_problems(list(exc.problems))}")
            continue
        print(f"{info.name} {info.version}  (modulo {info.module})")
        if info.comparto:
            layers = ", ".join(layer.name for layer in info.layers) or "nessuno installato"
            said = "scelto da ogni ente" if info.comparto == COMPARTO_PER_ENTE else info.comparto
            print(f"  comparto: {said} (livello nazionale: {layers})")
        for reg in info.regulations:
            print(f"  regolamento: {fmt.regulation(reg, info.documents)}")
        for pname, spec in specs.items():  # the names are what [ente.params] in cycle.toml overrides
            flag = "  [ipotesi]" if spec.assumption else ""
            since = f" (in vigore dal {fmt.date_it(spec.since)})" if spec.since else ""
            bound = f"  [limiti: {spec.national}, CCNL in vigore nell'anno]" if spec.national else ""
            print(f"  {pname} = {_short(spec.value)}{since}  — {fmt.cite(spec.source, info.documents)}{flag}{bound}")
        print()
    _print_layers()
    return EXIT_OK


def _print_layers() -> None:
    """The comparto layers and their dated provisions (``ciclope plugins``)."""
    from ciclope.core.engine.registry import available_layers
    from ciclope.core.reports import fmt

    for _, info in available_layers():
        print(f"{info.name} {info.version}  (livello nazionale del comparto {info.comparto}, modulo {info.module})")
        for reg in info.regulations:
            print(f"  fonti: {reg}")
        for row in info.provisions:
            value = f" = {row.describe()}" if row.describe() else ""
            print(
                f"  {row.id}{value} (in vigore dal {fmt.date_it(row.since)})  — {row.title}; {row.source} [{row.confidence}]"
            )
        print()


def _short(value) -> str:
    from ciclope.core.reports import fmt

    text = (
        fmt.param_value(value)
        if not isinstance(value, tuple)
        else ", ".join(str(v.get("name", v)) if isinstance(v, dict) else fmt.value(v) for v in value)
    )
    return text if len(text) < 80 else text[:77] + "…"


DEMO_MARKER = ".ciclope-demo"
DEMO_TEXT = "copia dimostrativa di ciclope: `ciclope demo` la ricrea\n"
DEMO_SITE_TEXT = "portale dimostrativo di ciclope: `ciclope demo` lo ricrea\n"


def _demo_made(folder: Path, text: str) -> bool:
    """Whether ``folder`` is one ``demo`` made: a real folder whose marker is a regular file with its text
    (a link or other content is the user's)."""
    marker = folder / DEMO_MARKER
    if folder.is_symlink() or marker.is_symlink() or not marker.is_file():
        return False
    try:
        return marker.read_text(encoding="utf-8") == text
    except (OSError, UnicodeDecodeError):
        return False


def cmd_demo(args) -> int:
    from ciclope.core.output import owned

    target = args.dir.resolve()
    # the demo's own folder: never an office folder whose ciclope.db holds real enti
    owned.claim_root(target, "demo", option="--dir")
    store = target / "ciclope.db"  # one results store for every demo ente, so the portal shows them together
    for name in ("ciclope.db", "ciclope.db-wal", "ciclope.db-shm", "ciclope.db-journal"):
        if (target / name).is_symlink():  # the database would be written where the link points
            raise owned.refuse(target / name, f"{target / name} è un collegamento simbolico: non lo seguo")
    status = _demo_enti(target, store)
    print(f"Apri {target}/<plugin>/out/<ente>/relazione.html per leggere la Relazione.")
    if store.is_file() and not store.is_symlink():
        from ciclope.core.store.commands import readable_store

        with readable_store(str(store)):
            _demo_site(target, store)
    return status


def _demo_enti(target: Path, store: Path) -> int:
    """Copy and run every installed plugin's demo into ``target/<plugin>``; the exit code."""
    from ciclope.core.engine.registry import available_plugins, load_plugin
    from ciclope.core.inputs.config import load_config
    from ciclope.core.run.runner import run_plan, summary_table

    status = EXIT_OK
    for name in sorted(available_plugins()):  # every installed plugin that has a demo/
        try:
            demo = load_plugin(name)[1].demo
        except CiclopeError as exc:
            print(f"{name}: non caricabile\n{render_problems(list(exc.problems))}")
            continue
        if demo is None:
            print(f"{name}: nessun ente dimostrativo")
            continue
        dest = target / name
        if os.path.lexists(dest) and not _demo_made(dest, DEMO_TEXT):
            # never delete a folder ciclope did not create: a user's own brescia/ stays
            print(
                f"ciclope: {dest} esiste e non è una cartella dimostrativa di ciclope: non la cancello; "
                "usa --dir con una cartella nuova",
                file=sys.stderr,
            )
            status = EXIT_CONFIG
            continue
        if dest.exists():
            shutil.rmtree(dest)
        shutil.copytree(demo, dest, ignore=shutil.ignore_patterns("__pycache__", "out"))
        (dest / DEMO_MARKER).write_text(DEMO_TEXT, encoding="utf-8")
        plan = load_config(dest / "cycle.toml")
        print(f"== {name} ({plan.year}) ==")
        log = _run_log(plan, str(store), "rendicontazione")
        outcomes = run_plan(plan, progress=_progress(), log=log)
        print(summary_table(outcomes))
        print(f"Output in {plan.output}")
        stored = _store_line(log)
        print()
        if not stored or any(o.status != "ok" for o in outcomes):
            status = EXIT_ENTE
    return status


def _demo_site(target: Path, store: Path) -> None:
    """The demo's portal in ``target/sito``, rebuilt when demo made it, left alone otherwise."""
    from ciclope.core.site.build import build
    from ciclope.core.store import open_store

    site = target / "sito"
    if os.path.lexists(site) and not _demo_made(site, DEMO_SITE_TEXT):  # never delete what ciclope did not make
        print(f"ciclope: {site} esiste e non è il portale dimostrativo: non lo tocco", file=sys.stderr)
        return
    archive = open_store(f"sqlite:///{store}")
    try:
        if site.exists():
            shutil.rmtree(site)
        built = build(archive, site)
    finally:
        archive.close()
    (site / DEMO_MARKER).write_text(DEMO_SITE_TEXT, encoding="utf-8")
    print(
        f"Il portale del {built.year} ({built.enti} {'ente' if built.enti == 1 else 'enti'}) è in {site}/index.html; gli altri anni con "
        f"`ciclope site --store {store} --year ANNO --out DIR`."
    )


def cmd_regulation(args) -> int:
    """The regulation file read back by the plugin of declared regulations (``ciclope_regulation_text``)."""
    from ciclope.core.commands.scaffold import REGULATION_PLUGIN
    from ciclope.core.engine.registry import Hooks

    hooks, _ = Hooks.for_plugin(REGULATION_PLUGIN)
    answer = hooks.regulation_text(path=str(args.file), markdown=args.md)
    if answer is None:  # pragma: no cover - the plugin is part of the package
        print(f"ciclope: il plugin {REGULATION_PLUGIN} non sa leggere il regolamento", file=sys.stderr)
        return EXIT_CONFIG
    text, problems = answer
    if problems and not text:
        raise CiclopeError(problems)
    print(text, end="")
    return EXIT_OK


def cmd_new_plugin(args) -> int:
    from ciclope.core.commands.scaffold import create, create_regulation

    if args.toml:
        path = create_regulation(args.name)
        print(f"Creato {path}")
        print(f'  in cycle.toml: [[ente]] plugin = "regolamento"  regolamento = "{path.name}"')
        print("  guida: docs/regolamento.md; controllo: ciclope validate cycle.toml")
        return EXIT_OK
    dest = create(args.name)
    print(f"Creato {dest}")
    print(f"  pip install -e {dest}\n  ciclope plugins\n  ciclope run {dest}/ciclope_{args.name}/demo/cycle.toml")
    return EXIT_OK


def _pdf_possible(outputs) -> None:
    from ciclope.core.reports.public import chromium

    if "relazione-pubblica.pdf" in outputs and chromium() is None:
        raise ValueError("per pdf serve Chromium (pacchetto Debian 'chromium'), non installato")


def cmd_template(args) -> int:
    from ciclope.core.commands.template import build
    from ciclope.core.engine.registry import available_plugins

    if args.plugin not in available_plugins():
        from ciclope.core.engine.registry import unknown_plugin

        raise CiclopeError([unknown_plugin(args.plugin)])
    if args.file.suffix.lower() == ".xlsx" and os.path.lexists(args.file):
        print(f"ciclope: {args.file}: indica un file .xlsx nuovo (non sovrascrivo)", file=sys.stderr)
        return EXIT_CONFIG
    done = build(args.plugin, args.file, args.source)
    print(f"Scritti: {', '.join(str(p) for p in done.written)}.")
    if done.kept:
        print(f"Tenuti come erano (già presenti, non sovrascritti): {', '.join(str(p) for p in done.kept)}.")
    if args.file.suffix.lower() == ".xlsx":
        print(
            "Compila i fogli sotto le intestazioni (la nota di ogni intestazione spiega la colonna, i valori "
            "ammessi e un esempio) e completa ente.toml; il file va chiamato ente.xlsx nella cartella dell'ente "
            "indicata da cycle.toml. Le parti della Relazione scritte dall'ufficio vanno nei file relazione/*.md, "
            "facoltativi."
        )
        return EXIT_OK
    ente = next(p.parent for p in done.written + done.kept if p.name == "ente.xlsx")
    print(
        f"Compila i fogli di {ente / 'ente.xlsx'} sotto le intestazioni (la nota di ogni intestazione spiega la "
        f"colonna, i valori ammessi e un esempio) e completa {ente / 'ente.toml'} con i fondi e le date degli atti. "
        "Le parti della Relazione scritte dall'ufficio (presentazione, contesto, risorse, pari opportunità…) "
        f"vanno nei file {ente / 'relazione'}/*.md, facoltativi. Poi: ciclope validate "
        f"{args.file / 'cycle.toml'} e ciclope run {args.file / 'cycle.toml'}."
    )
    return EXIT_OK


def _nearest_ente_folder(folder: Path) -> None:
    """A mistyped ``OUT/ENTE`` whose output root holds an ente folder of a close name: the error says
    which (issue 42); otherwise the command's own error stands."""
    from ciclope.core.nearest import nearest

    if os.path.lexists(folder) or not folder.parent.is_dir():
        return
    near = nearest(folder.name, (p.name for p in folder.parent.iterdir() if (p / "results.json").is_file()))
    if near is not None:
        raise CiclopeError(
            [
                Problem(
                    rule="cli.ente_unknown",
                    file=str(folder),
                    message=f"la cartella dell'ente non esiste (forse {str(folder.parent / near)!r}?)",
                )
            ]
        )


def cmd_report(args) -> int:
    from ciclope.core.reports import parse_outputs
    from ciclope.core.run.verify import reanchor, report, store_of

    try:
        outputs = parse_outputs(args.outputs)
        _pdf_possible(outputs)
    except ValueError as exc:
        print(f"ciclope: --outputs: {exc}", file=sys.stderr)
        return EXIT_CONFIG
    from ciclope.core.output import owned

    blocked = owned.ente_folder_problem(args.folder) if args.folder.is_dir() else ""
    if blocked:  # the documents are written only into an ente folder as `run` left it
        print(f"ciclope: {blocked}", file=sys.stderr)
        return EXIT_CONFIG
    _nearest_ente_folder(args.folder)
    try:
        done, lines = report(args.folder, outputs)
    except OSError as exc:
        print(f"ciclope: {exc.strerror or exc}", file=sys.stderr)
        return EXIT_ENTE
    print("\n".join(lines))
    if done and args.store and any(line.startswith("scritto relazione") and line.endswith(".html") for line in lines):
        from ciclope.core.run.archive import refresh_folder
        from ciclope.core.store.engine import redacted, scrubbed

        try:
            refresh_folder(args.store, args.folder)
            print("andamento e posizionamento ripresi dall'archivio dei risultati")
        except Exception as exc:  # the documents are written; the Relazione keeps its placeholder
            why = exc.problems[0].message if isinstance(exc, CiclopeError) else str(getattr(exc, "orig", exc))
            print(
                f"ciclope: archivio {redacted(args.store)} non utilizzabile "
                f"({scrubbed(why.splitlines()[0] if why else type(exc).__name__, args.store)}): "
                "la Relazione resta senza andamento e posizionamento",
                file=sys.stderr,
            )
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


def cmd_verify(args) -> int:
    """`verify OUT/<ente>` or `verify OUT/` (every ente folder in it)."""
    from ciclope.core.run.verify import verify

    folder = args.folder
    if (folder / "results.json").is_file():
        same, lines = _verify_one(verify, folder, args.store, alone=True)
        print("\n".join(lines))
        return EXIT_OK if same else EXIT_ENTE
    enti = sorted(p for p in folder.iterdir() if (p / "results.json").is_file()) if folder.is_dir() else []
    if not enti:
        print(f"ciclope: nessun results.json in {folder} né nelle sue cartelle", file=sys.stderr)
        return EXIT_CONFIG
    status = EXIT_OK
    for ente in enti:  # every ente, even after a damaged one
        same, lines = _verify_one(verify, ente, args.store)
        print(f"{ente.name}: " + ("identico" if same else "DIVERSO"))
        for line in lines if not same else [x for x in lines if "archivio" in x and "impront" in x]:
            print(f"  {line}")
        if not same:
            status = EXIT_ENTE
    return status


def _verify_one(verify, folder: Path, store: str | None, alone: bool = False) -> tuple[bool, list[str]]:
    """One ente folder verified; among others, a damaged one is a line that says why, never the end of
    the command (``alone``: its problems are the command's, exit 2)."""
    try:
        return verify(folder, store)
    except CiclopeError as exc:
        if alone:
            raise
        return False, [p.render(cited) for p in exc.problems]
    except Exception as exc:  # a plugin that fails on the recorded inputs
        return False, [f"errore interno nel ricalcolo {type(exc).__name__}: {str(exc)[:300]}"]


def cmd_synth(args) -> int:
    from ciclope.core.commands.synth import synth

    if args.enti < 1 or args.people < 10:
        print("ciclope: servono almeno 1 ente e 10 persone", file=sys.stderr)
        return EXIT_CONFIG
    if os.path.lexists(args.dir / "cycle.toml"):
        print(
            f"ciclope: {args.dir / 'cycle.toml'} esiste già: non lo sovrascrivo; scegli una cartella nuova",
            file=sys.stderr,
        )
        return EXIT_CONFIG
    if args.per_servizio is not None and args.per_servizio < 2:
        print("ciclope: --per-servizio vuole almeno 2 persone per servizio", file=sys.stderr)
        return EXIT_CONFIG
    from ciclope.core.output import owned

    owned.claim_root(args.dir, "synth", option="DIR")  # a new or empty folder: never over enti already there
    path = synth(args.dir, args.enti, args.people, args.seed, args.year, args.plugin or None, args.per_servizio)
    print(f"Scritti {args.enti} enti sintetici; configurazione: {path}")
    return EXIT_OK


def cmd_compare(args) -> int:
    from ciclope.core.compare.command import main as compare_main

    return compare_main(args)


def cmd_store(args) -> int:
    from ciclope.core.store.commands import main as store_main

    return store_main(args)


def cmd_raccolta(args) -> int:
    from ciclope.core.raccolta.command import main as raccolta_main

    return raccolta_main(args)


def cmd_schede(args) -> int:
    from ciclope.core.schede.command import main as schede_main

    return schede_main(args)


def cmd_site(args) -> int:
    from ciclope.core.site.command import main as site_main

    return site_main(args)


COMMANDS = {
    "raccolta": cmd_raccolta,
    "schede-personali": cmd_schede,
    "site": cmd_site,
    "history": cmd_store,
    "diff": cmd_store,
    "benchmark": cmd_store,
    "template": cmd_template,
    "report": cmd_report,
    "compare": cmd_compare,
    "synth": cmd_synth,
    "verify": cmd_verify,
    "new-plugin": cmd_new_plugin,
    "regolamento": cmd_regulation,
    "run": cmd_run,
    "validate": cmd_validate,
    "explain": cmd_explain,
    "calendar": cmd_calendar,
    "plugins": cmd_plugins,
    "demo": cmd_demo,
}


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
